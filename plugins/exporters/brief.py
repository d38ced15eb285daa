"""The Word brief (brief.docx): what staff hand upward.

Title, period covered and date of issue (and a line saying so when articles have no
publication date); a table of contents; "Key developments" (the news stories
:mod:`svodka.report.select` chooses and ranks, one bullet each, with numbered references
such as ``[1, 3]``, told relative to the date of issue); a table per fact type; a summary
per article (articles of the same text once); the numbered source list.

The brief is built on the styles of a template: ``templates/brief.docx`` (made by
:func:`build_default_template`), or a user's restyled copy passed with ``--template``
(.docx or .dotx). Its styles, margins, header and footer are kept and its body is
replaced; the page is always A4 portrait. A style the template lacks falls back (to the
paragraph default, or to direct formatting) with a :class:`BriefStyleWarning`.

python-docx has no API for hyperlinks or fields, and its ``add_paragraph`` and
``table.cell(i, j)`` are far too slow for thousands of rows, so the body is written as
OOXML elements directly (order of child elements as the schema requires).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import math
import re
import urllib.parse
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

import svodka
from svodka.components import Exporter, ExporterOption
from svodka.model import people
from svodka.model.article import Article
from svodka.model.facts import Fact, consolidate
from svodka.model.records import BriefColumn, Record, Role
from svodka.pipeline import ArticleOutcome, Run
from svodka.read import archive
from svodka.report import figure, labels, select
from svodka.report.render import fact_line
from svodka.report.tabular import record_columns, shown_text, xml_safe
from svodka.run.output import atomic_path

A4 = (Twips(11906), Twips(16838))  # width, height
MAX_TEXT = 2000  # characters of one value in the brief; records.jsonl keeps the full text
MAX_URL = 2000
SAME_TEXT_MIN = 200  # characters an article's text needs for another article of it to be a copy
TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '
LINK_SCHEMES = ("http", "https", "ftp", "mailto")

_SPACE = re.compile(r"\s+")

# Style roles: (style name as Word stores it, style type). Custom styles start "Brief ".
STYLES: dict[str, tuple[str, WD_STYLE_TYPE]] = {
    "title": ("Title", WD_STYLE_TYPE.PARAGRAPH),
    "subtitle": ("Subtitle", WD_STYLE_TYPE.PARAGRAPH),
    "toc_heading": ("TOC Heading", WD_STYLE_TYPE.PARAGRAPH),
    "heading 1": ("heading 1", WD_STYLE_TYPE.PARAGRAPH),
    "heading 2": ("heading 2", WD_STYLE_TYPE.PARAGRAPH),
    "toc 1": ("toc 1", WD_STYLE_TYPE.PARAGRAPH),
    "toc 2": ("toc 2", WD_STYLE_TYPE.PARAGRAPH),
    "bullet": ("List Bullet", WD_STYLE_TYPE.PARAGRAPH),
    "body": ("Normal", WD_STYLE_TYPE.PARAGRAPH),
    "meta": ("Brief Meta", WD_STYLE_TYPE.PARAGRAPH),
    "source": ("Brief Source", WD_STYLE_TYPE.PARAGRAPH),
    "cell": ("Brief Table Text", WD_STYLE_TYPE.PARAGRAPH),
    "cell_heading": ("Brief Table Heading", WD_STYLE_TYPE.PARAGRAPH),
    "footer": ("footer", WD_STYLE_TYPE.PARAGRAPH),
    "table": ("Table Grid", WD_STYLE_TYPE.TABLE),
    "link": ("Hyperlink", WD_STYLE_TYPE.CHARACTER),
}


class BriefStyleWarning(UserWarning):
    """The template lacks a style the brief uses; a fallback is used instead."""


def clean(text: object, limit: int = MAX_TEXT) -> str:
    """Text fit for the brief: control characters removed (:func:`svodka.report.tabular.xml_safe`),
    whitespace runs made one space, at most ``limit`` characters (cut at a word, with an
    ellipsis)."""
    value = _SPACE.sub(" ", xml_safe(str(text))).strip()
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut) + "…"


def references(numbers: Iterable[int]) -> str:
    """``[1, 3]``; three or more consecutive numbers as a range: ``[1–4, 7]``."""
    ordered = sorted(set(numbers))
    if not ordered:
        return ""
    parts: list[str] = []
    start = prev = ordered[0]
    for n in [*ordered[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        if prev - start >= 2:
            parts.append(f"{start}–{prev}")
        else:
            parts.extend(str(k) for k in range(start, prev + 1))
        if n is not None:
            start = prev = n
    return f"[{', '.join(parts)}]"


def same_text(outcomes: Iterable[ArticleOutcome]) -> dict[str, str]:
    """Each article id -> the id of the first article read with the same text (white space
    aside): a re-crawl under another id is one source. An article of less than
    :data:`SAME_TEXT_MIN` characters (a records file gives no text, a feed item may be its
    headline alone) is its own."""
    first: dict[bytes, str] = {}
    same: dict[str, str] = {}
    for outcome in outcomes:
        article = outcome.article
        if article is None:
            continue
        text = " ".join(article.text.split())
        if len(text) < SAME_TEXT_MIN:
            same.setdefault(article.id, article.id)
            continue
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        same.setdefault(article.id, first.setdefault(digest, article.id))
    return same


def source_order(
    outcomes: Iterable[ArticleOutcome], same: dict[str, str] | None = None
) -> list[tuple[ArticleOutcome, Article]]:
    """Articles (each with its outcome) in the order of the source list: by publication
    date, undated last, ties in input order. Read failures have no article and are left out;
    so are copies of an article read before (``same``, :func:`same_text`)."""
    read = [(o, o.article) for o in outcomes if o.article is not None]
    if same is None:
        same = same_text(o for o, _ in read)
    unique = [oa for oa in read if same.get(oa[1].id, oa[1].id) == oa[1].id]
    return sorted(unique, key=lambda oa: (oa[1].published is None, oa[1].published or ""))


# --- fact tables --------------------------------------------------------------------------


CELL_PADDING = 240  # twips: a cell's left and right margins (Word's 0.19 cm each) and slack
SOURCES_WEIGHT = 8  # of the sources column, against the weights of the columns a type declares
SHORT_COLUMN = 0.2  # of the table width: a column whose longest line fits is not wrapped

# Advance widths of Arial / Liberation Sans, in ems, by character; others 0.58. Bold is wider.
_EM: dict[str, float] = {
    **dict.fromkeys("'ijl.,;:!|[]/ ", 0.28),
    **dict.fromkeys('ftrI-()"г', 0.36),
    **dict.fromkeys("кзтсухэчьвпяГнcksvxyzJ", 0.52),
    **dict.fromkeys("жмыюшфщАВЕЁРХЧИЙНПСЭЯЦФОУБЛЬДЪКТmwABCDEGHKNOPQRSUVXY", 0.76),
    **dict.fromkeys("ЫЖШЩЮМW№", 1.0),
}
_BOLD = 1.1
_BREAK = re.compile(r"(?<=-)|\s+")  # where a line may break: spaces, after a hyphen


def text_width(text: str, size: int, bold: bool = False) -> int:
    """The width of ``text`` on one line in twips, at a font size in half-points."""
    return math.ceil(_ems(text) * size * 10 * (_BOLD if bold else 1.0))


@lru_cache(maxsize=65536)
def _ems(word: str) -> float:
    return sum(_EM.get(c, 0.58) for c in word)


def longest_word(text: str) -> str:
    """The widest piece of ``text`` that a line cannot break (at a space or after a hyphen)."""
    return max(_BREAK.split(text), key=_ems, default="")


def _extent(text: str) -> tuple[float, float]:
    """The widths in ems of the longest word of ``text`` and of the whole on one line."""
    words = _BREAK.split(text)
    ems = [_ems(w) for w in words if w]
    return max(ems, default=0.0), sum(ems) + _EM[" "] * (len(ems) - 1)


def fit_widths(
    lows: Sequence[int], highs: Sequence[int], weights: Sequence[float], total: int
) -> list[int]:
    """Column widths summing to ``total``: each within its bounds (``lows``: the longest word,
    ``highs``: the longest line; a short column gets its line whole first), the room left
    shared by ``weights``; room that every column has in full goes to all as they are wide.
    When even the ``lows`` do not fit, they are scaled down (a word must then break)."""
    n = len(weights)
    if sum(lows) >= total:
        return [total * lo // sum(lows) for lo in lows]
    # short columns (a date, a place, the sources) keep their lines whole, the shortest first,
    # as long as the other columns keep room for their longest words
    fixed: dict[int, int] = {}
    for i in sorted(range(n), key=lambda i: highs[i]):
        room = total - sum(fixed.values()) - highs[i]
        others = sum(lows[k] for k in range(n) if k not in fixed and k != i)
        if highs[i] <= total * SHORT_COLUMN and others <= room:
            fixed[i] = highs[i]
    while True:
        free = [i for i in range(n) if i not in fixed]
        room = total - sum(fixed.values())
        weight = sum(weights[i] for i in free) or 1
        share = {i: room * weights[i] / weight for i in free}
        under = {i: lows[i] for i in free if share[i] < lows[i]}
        over = {i: highs[i] for i in free if share[i] > highs[i]}
        if under:
            fixed.update(under)
        elif over and len(over) < len(free):
            fixed.update(over)
        else:
            break
    widths = [fixed.get(i, 0) + int(share.get(i, 0)) for i in range(n)]
    spare = total - sum(widths)
    if spare > 0:  # every column has all it needs: the rest goes to all as they are wide
        widths = [w + spare * w // sum(widths) for w in widths]
    return widths


def _join(values: Iterable[str]) -> str:
    return ", ".join(v for v in values if v)


def _text(key: str, lang: str) -> str:
    """A text of the brief (labels.tsv, ``brief:<key>``)."""
    return labels.text(f"brief:{key}", lang)


def brief_columns(cls: type[Record]) -> tuple[BriefColumn, ...]:
    """The columns of a record type's table in the brief: as the type declares them, else
    one for each of its table columns (headed by the column's label), of equal widths."""
    if cls.spec.brief:
        return cls.spec.brief
    return tuple(
        BriefColumn(f"column:{cls.type}.{c.key}", 10, (c.key,))
        for c in record_columns(cls)
        if not c.trailing
    )


def _header(cls: type[Record], column: BriefColumn, lang: str) -> str:
    if column.header.startswith(f"column:{cls.type}."):
        return labels.column_header(cls, column.header.rsplit(".", 1)[1], lang)
    return labels.text(column.header, lang)


def _cell_text(record: Record, column: BriefColumn, lang: str) -> str:
    """The text of one cell: the column's fields shown and joined as its ``form`` says."""
    cls = type(record)
    fields = [name.partition(":") for name in column.fields]
    values = [getattr(record, name) for name, _, _ in fields]
    texts = [
        shown_text(cls, name, v, lang, kind)
        for (name, _, kind), v in zip(fields, values, strict=True)
    ]
    form = column.form
    if form == "first":
        return next((t for t in texts if t), "")
    if form == "paren":
        first, second = texts[0], _join(texts[1:])
        return f"{first} ({second})" if first and second else first or second
    if form == "range":
        return _join(str(v or "").replace("-", "–") for v in values)
    if form == "edition":
        name, edition = texts[0], values[1]
        if edition:
            return _text("edition", lang).format(name=name, edition=edition)
        return str(name or "")
    if form == "quoted":  # no space inside the marks
        return _text("quoted", lang).format(text=labels.quote_words(clean(_join(texts))))
    return _join(texts)


# --- the document writer ------------------------------------------------------------------


def _el(tag: str, parent=None, **attrs: str):
    """An OOXML element ``w:tag`` with ``w:`` attributes, appended to ``parent`` if given."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    if parent is not None:
        parent.append(element)
    return element


def _text_run(text: str, parent=None, style: str | None = None, bold: bool = False):
    """A run of ``text``; every text of the brief goes through here, rid of control
    characters, so that no value (a date, an id) can make the XML invalid."""
    run = _el("w:r", parent)
    if style or bold:
        rpr = _el("w:rPr", run)
        if style:
            _el("w:rStyle", rpr, val=style)
        if bold:
            _el("w:b", rpr)
    t = _el("w:t", run)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = xml_safe(text)
    return run


def _field_runs(parent, instruction: str, result: str) -> None:
    """begin / instruction / separate / cached result / end, as Word writes a field."""
    _el("w:fldChar", _el("w:r", parent), fldCharType="begin")
    instr = _el("w:instrText", _el("w:r", parent))
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = instruction
    _el("w:fldChar", _el("w:r", parent), fldCharType="separate")
    _text_run(result, parent)
    _el("w:fldChar", _el("w:r", parent), fldCharType="end")


def _safe_url(url: str | None) -> str | None:
    """A URL fit for a hyperlink relationship (international host names in IDNA, unsafe
    characters percent-encoded), or None: shown as text, not linked."""
    url = xml_safe(url or "").strip()
    if not url or len(url) > MAX_URL:
        return None
    try:
        parts = urllib.parse.urlsplit(url)
        if not parts.netloc.isascii():
            parts = parts._replace(netloc=parts.netloc.encode("idna").decode("ascii"))
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    return urllib.parse.quote(urllib.parse.urlunsplit(parts), safe=":/?#[]@!$&'()*+,;=%~")


class _Writer:
    """Appends paragraphs, tables and links to a document, with its styles resolved once."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.body = doc.element.body
        self.end = self.body.find(qn("w:sectPr"))  # content goes before the section properties
        self.styles = self._resolve_styles()
        self.headings: list[tuple[int, str]] = []
        self.width = self._usable_width()
        # hyperlink relationships by target: python-docx's relate_to looks through every
        # relationship for each new one, which is quadratic over thousands of sources
        rels = doc.part.rels
        self._links = {
            rel.target_ref: rid
            for rid, rel in rels.items()
            if rel.is_external and rel.reltype == RT.HYPERLINK
        }
        self._next_rid = len(rels) + 1

    def _resolve_styles(self) -> dict[str, str | None]:
        """Style ids by role; a missing style maps to None, with a warning."""
        found: dict[tuple[str, str], str] = {}
        for style in self.doc.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                key = (name.get(qn("w:val"), "").lower(), style.get(qn("w:type"), "paragraph"))
                found.setdefault(key, style.get(qn("w:styleId")))
        kinds = {
            WD_STYLE_TYPE.PARAGRAPH: "paragraph",
            WD_STYLE_TYPE.CHARACTER: "character",
            WD_STYLE_TYPE.TABLE: "table",
        }
        resolved: dict[str, str | None] = {}
        missing = []
        for role, (name, kind) in STYLES.items():
            resolved[role] = found.get((name.lower(), kinds[kind]))
            if resolved[role] is None:
                missing.append(f"{name!r} ({kinds[kind]})")
        if missing:
            warnings.warn(
                f"the brief template has no style {', '.join(missing)}; "
                "default formatting is used instead",
                BriefStyleWarning,
                stacklevel=4,
            )
        return resolved

    def _usable_width(self) -> int:
        """Page width less the margins, in twentieths of a point (never under half the page)."""
        section = self.doc.sections[-1]
        width = A4[0] - (section.left_margin or 0) - (section.right_margin or 0)
        return int(max(width, A4[0] // 2) / 635)  # EMU to twips

    def add(self, element) -> None:
        self.end.addprevious(element)

    def paragraph(self, role: str, text: str | None = None, outline: int | None = None):
        """A paragraph of the role's style (``outline``: heading level when the style is
        missing, so that the navigation pane and the contents still find it)."""
        p = _el("w:p")
        style = self.styles[role]
        if style or outline is not None:
            ppr = _el("w:pPr", p)
            if style:
                _el("w:pStyle", ppr, val=style)
            else:
                _el("w:outlineLvl", ppr, val=str(outline))
        if text:
            _text_run(text, p, bold=style is None and outline is not None)
        self.add(p)
        return p

    def heading(self, text: str, level: int):
        self.headings.append((level, text))
        return self.paragraph(f"heading {level}", text, outline=level - 1)

    def link(self, p, url: str) -> None:
        """Append a hyperlink to ``url`` (shown as itself) to paragraph ``p``."""
        target = _safe_url(url)
        shown = clean(url, MAX_URL if target else 300)
        if target is None:
            _text_run(shown, p)
            return
        rid = self._link_rid(target)
        link = _el("w:hyperlink", p, history="1")
        link.set(qn("r:id"), rid)
        run = _text_run(shown, link, style=self.styles["link"])
        if self.styles["link"] is None:  # no character style: look like a link anyway
            rpr = _el("w:rPr")
            _el("w:color", rpr, val="0563C1")
            _el("w:u", rpr, val="single")
            run.insert(0, rpr)

    def _link_rid(self, target: str) -> str:
        """The id of the document's relationship to an external link target, added once."""
        rid = self._links.get(target)
        if rid is None:
            rels = self.doc.part.rels
            while f"rId{self._next_rid}" in rels:
                self._next_rid += 1
            rid = f"rId{self._next_rid}"
            rels.add_relationship(RT.HYPERLINK, target, rid, is_external=True)
            self._links[target] = rid
        return rid

    def table(self, headers: Sequence[str], weights: Sequence[int], rows: Sequence[list[str]]):
        """A table as wide as the page's text, header row repeated on every page, no row split
        across pages. Each column is at least as wide as its longest word (so no word is broken
        in the middle), at most as wide as its longest line, and shares the rest of the width
        by its weight times the square root of its mean text length (:func:`fit_widths`).
        Rows are written element by element (no cell grid rebuilt per cell)."""
        text_size, heading_size = self._size("cell"), self._size("cell_heading")
        lows, highs, shares = [], [], []
        for i, header in enumerate(headers):
            word, line = _extent(header)
            word, line = word * heading_size * _BOLD, line * heading_size * _BOLD
            volume, filled = 0.0, 0
            for row in rows:
                w, n = _extent(row[i])
                word, line, volume = max(word, w * text_size), max(line, n * text_size), volume + n
                filled += bool(row[i])
            lows.append(math.ceil(word * 10) + CELL_PADDING)
            highs.append(math.ceil(line * 10) + CELL_PADDING)
            # a column with more text in its cells gets more of the room its weight gives
            shares.append(weights[i] * math.sqrt(1 + volume / max(filled, 1)))
        widths = fit_widths(lows, highs, shares, self.width)
        tbl = _el("w:tbl")
        tbl_pr = _el("w:tblPr", tbl)
        if self.styles["table"]:
            _el("w:tblStyle", tbl_pr, val=self.styles["table"])
        _el("w:tblW", tbl_pr, w=str(sum(widths)), type="dxa")
        if not self.styles["table"]:
            borders = _el("w:tblBorders", tbl_pr)
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                _el(f"w:{side}", borders, val="single", sz="4", space="0", color="auto")
        _el("w:tblLayout", tbl_pr, type="fixed")
        _el("w:tblLook", tbl_pr, val="0420", firstRow="1", lastRow="0", firstColumn="0")
        grid = _el("w:tblGrid", tbl)
        for w in widths:
            _el("w:gridCol", grid, w=str(w))
        self._row(tbl, headers, widths, "cell_heading", header=True)
        for row in rows:
            self._row(tbl, row, widths, "cell")
        self.add(tbl)

    def _size(self, role: str) -> int:
        """The font size of a paragraph style, in half-points (through its ``basedOn`` chain
        and the document defaults; 22, Word's 11 pt, when none says)."""
        styles = self.doc.styles.element
        by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        style = by_id.get(self.styles[role] or "")
        seen: set[str] = set()
        while style is not None and style.get(qn("w:styleId")) not in seen:
            seen.add(style.get(qn("w:styleId")))
            size = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if size is not None:
                return int(size.get(qn("w:val")))
            based = style.find(qn("w:basedOn"))
            style = by_id.get(based.get(qn("w:val"))) if based is not None else None
        default = styles.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
        )
        return int(default.get(qn("w:val"))) if default is not None else 22

    def _row(self, tbl, values: Sequence[str], widths: Sequence[int], role: str, header=False):
        tr = _el("w:tr", tbl)
        tr_pr = _el("w:trPr", tr)
        _el("w:cantSplit", tr_pr)
        if header:
            _el("w:tblHeader", tr_pr)
        style = self.styles[role]
        for value, width in zip(values, widths, strict=True):
            tc = _el("w:tc", tr)
            _el("w:tcW", _el("w:tcPr", tc), w=str(width), type="dxa")
            p = _el("w:p", tc)
            if style:
                _el("w:pStyle", _el("w:pPr", p), val=style)
            if value:
                _text_run(value, p, bold=header and style is None)

    def contents(self, after) -> None:
        """The contents field after paragraph ``after``, its result pre-filled with the
        headings (Word asks to update it on opening, which adds the page numbers)."""
        paragraphs = []
        for i, (level, text) in enumerate(self.headings):
            p = _el("w:p")
            style = self.styles.get(f"toc {level}")
            if style:
                _el("w:pStyle", _el("w:pPr", p), val=style)
            if i == 0:
                _el("w:fldChar", _el("w:r", p), fldCharType="begin")
                instr = _el("w:instrText", _el("w:r", p))
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                instr.text = TOC_INSTRUCTION
                _el("w:fldChar", _el("w:r", p), fldCharType="separate")
            _text_run(text, p)
            paragraphs.append(p)
        _el("w:fldChar", _el("w:r", paragraphs[-1]), fldCharType="end")
        for p in reversed(paragraphs):
            after.addnext(p)


# --- the brief ----------------------------------------------------------------------------


class TemplateError(ValueError):
    """A brief template that cannot be used; the message names the file."""


def check_template(path: str | Path) -> None:
    """Raise :class:`TemplateError` naming ``path`` unless it is a Word document or template
    the brief can be built on; warn (:class:`BriefStyleWarning`) when it lacks styles the
    brief uses. Cheap: a run calls it before any article is read."""
    _Writer(load_template(path), "ru")  # resolves the styles


def load_template(path: str | Path | None = None) -> Document:
    """The brief's template: ``path`` (.docx or .dotx), else the packaged one. A user's file
    must be a regular file of a bounded size (a FIFO or device is refused at once) and pass
    the zip-bomb checks of the .docx reader (:mod:`svodka.read.archive`) first."""
    if path is None:
        data = (resources.files("svodka.templates") / "brief.docx").read_bytes()
    else:
        try:
            with archive.open_regular(path) as file:
                archive.check_archive(file, "Word document or template (.docx, .dotx)")
                file.seek(0)
                data = file.read()
        except archive.ArchiveError as exc:
            raise TemplateError(f"template {path}: {exc}") from None
        except OSError as exc:
            raise TemplateError(f"template {path}: cannot read it ({exc.strerror})") from None
    try:
        return docx.Document(io.BytesIO(_as_document(data)))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"template {path}: not a Word document or template ({exc})") from exc


_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def _as_document(data: bytes) -> bytes:
    """A .dotx package re-typed as a .docx (python-docx opens documents only)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        types = zin.read("[Content_Types].xml").decode("utf-8")
        if "macroEnabled" in types:
            raise ValueError("macro-enabled files are not supported; save it as .docx or .dotx")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                content = zin.read(item)
                if item.filename == "[Content_Types].xml":
                    content = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
                zout.writestr(item, content)
    return out.getvalue()


def build_brief(run: Run) -> Document:
    """The brief of a run as a python-docx document (``run.options``: ``lang``, ``template``)."""
    lang = run.options.get("lang") or "ru"
    if lang not in labels.LANGS:
        lang = "ru"
    doc = load_template(run.options.get("template"))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()
    _page_setup(doc)
    _settings(doc, lang)
    out = _Writer(doc, lang)
    _footer_page_numbers(doc, out.styles["footer"])

    same = same_text(run.outcomes)
    sources = source_order(run.outcomes, same)
    numbers: dict[str, int] = {}
    for n, (_, article) in enumerate(sources, 1):
        numbers.setdefault(article.id, n)
    copies: dict[str, list[str]] = {}
    for copy, kept in same.items():
        if kept in numbers:
            numbers.setdefault(copy, numbers[kept])
            copies.setdefault(kept, []).append(copy)

    new = _text("new", lang)  # facts first seen since a point a store brief names

    def refs(fact: Fact) -> str:
        cited = references(numbers[s] for s in fact.sources if s in numbers)
        return f"{cited} {new}".strip() if fact.new else cited

    facts = consolidate(run.records) if run.facts is None else run.facts()
    doc.core_properties.title = _text("title", lang)
    doc.core_properties.created = doc.core_properties.modified = _naive_utc(run.started)
    doc.core_properties.last_modified_by = f"svodka {svodka.__version__}"

    out.paragraph("title", _text("title", lang))
    out.paragraph("subtitle", _period(sources, lang))
    issued = run.started.astimezone().date().isoformat()
    out.paragraph("subtitle", _text("issued", lang).format(date=labels.format_date(issued, lang)))
    counts = _text("counts", lang).format(articles=len(sources), facts=len(facts))
    if any(f.new for f in facts):
        counts += "; " + _text("counts_new", lang).format(new=sum(f.new for f in facts))
    failed = sum(1 for o in run.outcomes if o.article is None)
    if failed:
        counts += "; " + _text("failed", lang).format(failed=failed)
    out.paragraph("subtitle", counts)
    # articles read without a date (a records file's articles are ids, with no text to date)
    undated = sum(1 for _, article in sources if not article.published and article.text)
    if undated:
        note = _text("dates_unknown", lang).format(undated=undated, articles=len(sources))
        out.paragraph("subtitle", note)
    toc_heading = out.paragraph("toc_heading", _text("contents", lang))

    out.heading(_text("key", lang), 1)
    # with a store's --new-since, the stories of new facts come first, marked as new
    fresh = [f for f in facts if f.new]
    posts = select.posts_by_surname(facts)  # old posts weigh new meetings too

    def source(article: str) -> str:
        return same.get(article, article)

    key = select.key_developments(fresh, source_key=source, posts=posts)
    key += select.key_developments(
        [f for f in facts if not f.new],
        source_key=source,
        limit=max(0, select.KEY_LIMIT - len(key)),
        lead_limit=max(0, select.LEAD_LIMIT - len(key)),
        posts=posts,
    )
    for story in key:  # the main fact in bold, then its details; the story's sources
        lines = [clean(fact_line(fact, lang, run.manager, issued)) for fact in story.facts]
        cited = references(numbers[s] for s in story.sources if s in numbers)
        if any(f.new for f in story.facts):
            cited = f"{cited} {new}".strip()
        p = out.paragraph("bullet")
        _text_run(lines[0], p, bold=True)
        rest = " ".join([*lines[1:], cited]).strip()
        if rest:
            _text_run(f" {rest}", p)
    if not key:
        out.paragraph("body", _text("no_news" if facts else "no_facts", lang))

    _contacts_figure(out, facts)
    by_type: dict[str, list[Fact]] = {}
    for fact in facts:  # facts come in the one order of record types
        by_type.setdefault(fact.type, []).append(fact)
    published = {a.id: a.published for _, a in sources}
    for of_type in by_type.values():
        if of_type[0].type == "role":
            if run.roles is not None:  # a store's facts come without their records
                pairs = list(run.roles())
            else:  # a fact without its records stands for one record per source
                pairs = [
                    (r, published.get(r.article))
                    for f in of_type
                    for r in f.records
                    or [dataclasses.replace(f.record, article=a) for a in f.sources]
                ]
            _roles_section(out, of_type, refs, pairs)
        else:
            _fact_section(out, of_type, refs)

    if sources:
        out.heading(_text("summaries", lang), 1)
        if _text("summaries_note", lang):
            out.paragraph("meta", _text("summaries_note", lang))
        for n, (outcome, article) in enumerate(sources, 1):
            _summary(out, n, outcome, article)
        out.heading(_text("sources", lang), 1)
        for n, (_, article) in enumerate(sources, 1):
            _source(out, n, article, copies.get(article.id, []))
    out.contents(toc_heading)
    return doc


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)


def _period(sources: Sequence[tuple[ArticleOutcome, Article]], lang: str) -> str:
    dates = sorted(a.published for _, a in sources if a.published)
    if not dates:
        return _text("period_none", lang)
    start, end = (labels.format_date(d, lang) for d in (dates[0], dates[-1]))
    if start == end:
        return _text("period_one", lang).format(start=start)
    return _text("period", lang).format(start=start, end=end)


def _cell(value: str) -> str:
    value = clean(value)
    return value[:1].upper() + value[1:]


def _fact_section(out: _Writer, facts: list[Fact], refs: Callable[[Fact], str]) -> None:
    """A record type's section: its name as the heading, a table of its facts as its
    declaration lays it out (columns empty in every row left out), and a sources column."""
    lang, cls = out.lang, type(facts[0].record)
    columns = brief_columns(cls)
    title = labels.type_name(cls, lang, section=True, default="")
    out.heading(clean(title or _text("other", lang).format(type=cls.type)), 1)
    rows = [[*(_cell(_cell_text(f.record, c, lang)) for c in columns), refs(f)] for f in facts]
    headers = [*(_header(cls, c, lang) for c in columns), _text("col_sources", lang)]
    _filled_table(out, headers, [*(c.width for c in columns), SOURCES_WEIGHT], rows)


def _filled_table(
    out: _Writer, headers: list[str], weights: list[int], rows: list[list[str]]
) -> None:
    """A table of a section: columns empty in every row left out, but the last (sources)."""
    last = len(headers) - 1
    kept = [i for i in range(len(headers)) if i == last or any(r[i] for r in rows)]
    out.table(
        [headers[i] for i in kept],
        [weights[i] for i in kept],
        [[row[i] for i in kept] for row in rows],
    )


def _roles_section(
    out: _Writer,
    facts: list[Fact],
    refs: Callable[[Fact], str],
    pairs: Sequence[tuple[Record, str | None]],
) -> None:
    """Persons and posts over time (:mod:`svodka.model.people`) from the role records and
    their articles' dates (``pairs``): the holders of one post together, the latest as its
    holder, the others former, each with their dates; a row is new when a fact of its
    sources is."""
    lang, cls = out.lang, type(facts[0].record)
    found = people.build((r, d) for r, d in pairs if isinstance(r, Role))
    new = {a for f in facts if f.new for a in f.sources}
    out.heading(clean(labels.type_name(cls, lang, section=True, default="")), 1)
    keys = ("col_person", "col_post", "col_affiliation", "col_tenure", "col_sources")
    rows = [
        [
            _cell(labels.person_name(t.person, lang)),
            _cell(_join([people.post_name(t.post, lang), shown_text(Role, "rank", t.rank, lang)])),
            _cell(people.where(t.post, lang)),
            _cell(people.standing(t, lang)),
            refs(Fact(cls.type, facts[0].record, t.sources, new=not new.isdisjoint(t.sources))),
        ]
        for holders in found.posts
        for t in holders.tenures
    ]
    _filled_table(out, [_text(k, lang) for k in keys], [24, 28, 20, 28, SOURCES_WEIGHT], rows)


def _contacts_figure(out: _Writer, facts: list[Fact]) -> None:
    """A section with the figure of the states' contacts (:mod:`svodka.report.figure`) and
    its caption: per pair of states where at least two pairs met or agreed, else per state
    over time where the facts' dates span two months or more; else nothing."""
    lang = out.lang
    pairs = figure.contacts(facts)
    if len(pairs) >= figure.MIN_PAIRS:
        shown = pairs[: figure.MAX_PAIRS]
        caption = _text("figure_caption", lang)
        if len(shown) < len(pairs):
            capped = _text("figure_capped", lang)
            caption += " " + capped.format(shown=len(shown), total=len(pairs))
        png = figure.contacts_png(shown, lang)
    else:
        line = figure.timeline(facts)
        if len(line.periods) < 2:
            return
        caption = _text("figure_timeline_caption", lang)
        png = figure.timeline_png(line, lang)
    out.heading(_text("figure_heading", lang), 1)
    inline = out.doc.part.new_pic_inline(io.BytesIO(png), Twips(out.width), None)
    inline.docPr.set("descr", caption)  # the text a screen reader gives for the picture
    p = out.paragraph("body")
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = _el("w:pPr")
        p.insert(0, ppr)
    _el("w:keepNext", ppr)  # the caption stays on the picture's page
    _el("w:jc", ppr, val="center")
    _el("w:drawing", _el("w:r", p)).append(inline)
    out.paragraph("meta", caption)


def _article_line(article: Article, lang: str) -> str:
    """Outlet and date, for the line under an article's heading."""
    date = labels.format_date(article.published, lang) or _text("undated", lang)
    return ", ".join(clean(v) for v in (labels.outlet_name(article.outlet, lang), date) if v)


def _summary(out: _Writer, n: int, outcome: ArticleOutcome, article: Article) -> None:
    sentences = clean(" ".join(e.text for e in outcome.summary))
    title = clean(article.title or "", 300)
    if not title:
        title = clean(sentences, 100) if sentences else clean(article.outlet or article.id, 100)
    title = labels.original(title, out.lang) or _text("untitled", out.lang)
    sentences = labels.original(sentences, out.lang)
    out.heading(f"[{n}] {title}", 2)
    out.paragraph("meta", _article_line(article, out.lang))
    out.paragraph("body", sentences or _text("no_summary", out.lang))


def _source(out: _Writer, n: int, article: Article, ids: Sequence[str] = ()) -> None:
    """``[n]``, a tab (to the hanging indent), outlet, title, date, the ids of articles of
    the same text when there are several, link."""
    untitled = _text("untitled", out.lang)
    title = labels.original(clean(article.title or "", 500), out.lang)
    title = title or clean(f"{untitled} ({article.id})", 500)
    date = labels.format_date(article.published, out.lang) or _text("undated", out.lang)
    outlet = labels.outlet_name(clean(article.outlet or "", 300), out.lang)
    parts = [outlet, title, date[:1].upper() + date[1:]]
    if len(ids) > 1:
        same = _text("same_text", out.lang).format(ids=", ".join(ids))
        parts.append(clean(same[:1].upper() + same[1:], 500))
    p = out.paragraph("source", f"[{n}]")
    _el("w:tab", _el("w:r", p))
    _text_run(" ".join(_sentence(part) for part in parts if part), p)
    if article.url:
        _text_run(" ", p)
        out.link(p, article.url)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _page_setup(doc: Document) -> None:
    """A4 portrait on every section, whatever the template says; its margins kept (20 mm
    where it sets none)."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            if getattr(section, side) is None:
                setattr(section, side, Mm(20))


_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _settings(doc: Document, lang: str) -> None:
    """Word updates the fields (contents, page numbers) on opening; text language set."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = _el("w:updateFields", val="true")
        settings.insert_element_before(update, *(f"w:{t}" for t in _SETTINGS_AFTER_UPDATE_FIELDS))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for element in defaults.iter(qn("w:lang")):
            element.set(qn("w:val"), "ru-RU" if lang == "ru" else "en-GB")


def _footer_page_numbers(doc: Document, style: str | None) -> None:
    """A centred PAGE field in the footer, unless the template's footer has one."""
    for section in doc.sections:
        footer = section.footer.part.element
        instructions = [i.text or "" for i in footer.iter(qn("w:instrText"))]
        instructions += [f.get(qn("w:instr"), "") for f in footer.iter(qn("w:fldSimple"))]
        if any(re.match(r"\s*PAGE\b", i, re.IGNORECASE) for i in instructions):
            continue
        for empty in footer.findall(qn("w:p")):
            if not "".join(empty.itertext()).strip():
                footer.remove(empty)
        p = _el("w:p", footer)
        ppr = _el("w:pPr", p)
        if style:
            _el("w:pStyle", ppr, val=style)
        _el("w:jc", ppr, val="center")
        _field_runs(p, " PAGE ", "1")


class BriefExporter(Exporter):
    name = "brief"
    filename = "brief.docx"
    description = "the Word brief: key developments, fact tables, summaries, numbered sources"
    options = (
        ExporterOption(
            "template",
            "A restyled brief template (.docx) to build the brief on.",
            kind="file",
            check=check_template,  # before any article is read: a bad one costs no work
        ),
    )

    def export(self, run: Run, path: Path) -> None:
        doc = build_brief(run)
        with atomic_path(path) as tmp:
            doc.save(str(tmp))


@svodka.hookimpl
def register_exporters(register) -> None:
    register(BriefExporter())


# --- the default template -----------------------------------------------------------------

SERIF, SANS = "Times New Roman", "Arial"
NAVY = RGBColor(0x1F, 0x38, 0x64)
TEMPLATE_DATE = dt.datetime(2025, 1, 1)


def build_default_template(path: str | Path) -> None:
    """Write templates/brief.docx: python-docx's default document restyled for the brief
    (A4, fonts, the ``Brief ...`` styles, contents and link styles, page numbers), with a
    sample of every style in its body for whoever restyles it in Word. Deterministic:
    ``tests/test_brief.py`` checks the packaged file is what this builds."""
    doc = docx.Document()
    _drop_extras(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    width = A4[0] - Mm(40)

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, SERIF)
    rpr.find(qn("w:sz")).set(qn("w:val"), "24")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "24")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")

    styles = doc.styles
    _style(styles["Title"], SANS, 20, bold=True, color=NAVY, after=120)
    subtitle = styles["Subtitle"]
    subtitle.element.pPr.remove(subtitle.element.pPr.find(qn("w:numPr")))
    _style(subtitle, SANS, 11, italic=False, color=RGBColor(0x40, 0x40, 0x40), after=40)
    subtitle.element.rPr.remove(subtitle.element.rPr.find(qn("w:spacing")))
    _style(styles["Heading 1"], SANS, 14, bold=True, color=NAVY, before=360, after=120)
    _style(styles["Heading 2"], SANS, 12, bold=True, color=NAVY, before=240, after=60)
    _style(styles["Heading 3"], SANS, 11, bold=True, color=NAVY, before=200, after=60)
    _style(styles["List Bullet"], after=60)
    bullet = styles["List Bullet"].element.pPr
    bullet.remove(bullet.find(qn("w:contextualSpacing")))
    _style(styles["Footer"], SERIF, 10)

    def add(name: str, base: str = "Normal", kind=WD_STYLE_TYPE.PARAGRAPH):
        style = styles.add_style(name, kind)
        style.base_style = styles[base]
        style.quick_style = True
        return style

    _style(add("Brief Meta"), SERIF, 10, italic=True, color=RGBColor(0x59, 0x59, 0x59), after=60)
    source = add("Brief Source")
    _style(source, after=60)
    source.paragraph_format.left_indent = Mm(13)
    source.paragraph_format.first_line_indent = -Mm(13)
    _style(add("Brief Table Text"), SANS, 9, before=20, after=20)
    _style(add("Brief Table Heading", "Brief Table Text"), bold=True)
    for level in (1, 2, 3):
        toc = add(f"toc {level}")
        toc.element.set(qn("w:styleId"), f"TOC{level}")  # Word's own id and name
        del toc.element.attrib[qn("w:customStyle")]
        _style(toc, after=40 if level > 1 else 60)
        toc.paragraph_format.left_indent = Mm(5 * (level - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(width, alignment=2, leader=1)  # right, dots
    link = add("Hyperlink", "Default Paragraph Font", WD_STYLE_TYPE.CHARACTER)
    del link.element.attrib[qn("w:customStyle")]  # Word's built-in character style
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True

    _template_samples(doc)
    _footer_page_numbers(doc, styles["Footer"].style_id)
    props = doc.core_properties
    props.title = "svodka brief template"
    props.author = props.last_modified_by = "svodka"
    props.comments = (
        "Restyle in Word and pass with 'svodka run --template'; the body is replaced, "
        "styles, margins, header and footer are kept."
    )
    props.created = props.modified = TEMPLATE_DATE
    props.revision = 1
    doc.save(str(path))


def _drop_extras(doc: Document) -> None:
    """Leave out the default document's thumbnail and its Word 2010 copy of the styles,
    which would go stale once the styles change."""
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]


def _fonts(rpr, name: str) -> None:
    """Explicit fonts for every script (theme fonts would override them)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), name)


def _style(
    style,
    font: str | None = None,
    size: float | None = None,
    *,
    bold=None,
    italic=None,
    color: RGBColor | None = None,
    before: int | None = None,
    after: int | None = None,
):
    if font:
        _fonts(style.element.get_or_add_rPr(), font)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    if before is not None:
        style.paragraph_format.space_before = Twips(before)
    if after is not None:
        style.paragraph_format.space_after = Twips(after)


def _template_samples(doc: Document) -> None:
    """One paragraph per style, so that each can be restyled in Word."""
    samples = [
        ("Title", "Информационная сводка (Title)"),
        ("Subtitle", "Период, дата выпуска, число статей (Subtitle)"),
        ("TOC Heading", "Содержание (TOC Heading)"),
        ("toc 1", "Раздел в содержании (toc 1)"),
        ("toc 2", "Статья в содержании (toc 2)"),
        ("Heading 1", "Основные события, разделы (Heading 1)"),
        ("List Bullet", "Факт с номерами источников [1, 3] (List Bullet)"),
        ("Heading 2", "[1] Заголовок статьи (Heading 2)"),
        ("Brief Meta", "Издание, дата публикации (Brief Meta)"),
        ("Normal", "Краткое содержание статьи (Normal)."),
        ("Brief Source", "[1]\tИздание. Заголовок статьи. 1 января 2025. (Brief Source)"),
    ]
    for name, text in samples:
        doc.add_paragraph(text, style=doc.styles[name])
    _text_run("https://example.org/ (Hyperlink)", doc.add_paragraph()._p, style="Hyperlink")
    table = doc.add_table(rows=2, cols=2, style=doc.styles["Table Grid"])
    for cells, style, words in (
        (table.rows[0].cells, "Brief Table Heading", ("Столбец", "(Brief Table Heading)")),
        (table.rows[1].cells, "Brief Table Text", ("Значение", "(Brief Table Text)")),
    ):
        for cell, word in zip(cells, words, strict=True):
            cell.paragraphs[0].text = word
            cell.paragraphs[0].style = doc.styles[style]
