"""Saved web pages (.html, .htm; .mhtml, .mht): the main text and metadata, by trafilatura.

A page is one article. Its text is the page's main text only: trafilatura drops menus,
related links, comments, cookie banners and footers; the paragraphs it keeps are joined by
newlines, and evidence offsets point into that text. The headline, publication date, site
name, author and canonical url come from the page's metadata, else from the text as for a
text file. The charset is the BOM's, else the HTTP header's, else the page's meta tag's,
else detected; a declared charset that does not fit the bytes is overruled by detection.
Nothing is fetched: the reader works on the bytes it is given.
"""

from __future__ import annotations

import codecs
import email
import re
from collections.abc import Callable, Iterator
from configparser import ConfigParser
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import svodka
from svodka.components import InputError, Reader, ReadOptions, Source, printable
from svodka.model.article import Article
from svodka.read.encoding import BOMS, Decoded, decode, looks_binary
from svodka.read.language import language_problem, russian_words
from svodka.read.metadata import find_outlet, iso_date, publication_date
from svodka.text.zones import headline, list_heading, site_line

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Formats that come named .html or served as text/html but are not, by their first bytes.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (.docx, .xlsx, ...)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_HEAD = 8192  # bytes searched for a meta charset and for tags
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<(?:!doctype|html|head|body|p|div|article|title|meta)\b", re.IGNORECASE)
_XML_PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>")
_PROLOG = re.compile(rb"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->)*", re.DOTALL)
# Blocks that a table cell of data does not hold, and the parts of a table.
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "form", "article")
_TABLE_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th", "caption")
# An item of a list of other news under its heading (svodka.text.zones.list_heading).
_LIST_ITEM = re.compile(r"^[-•–—*]\s")
_TITLE_SEPARATOR = re.compile(r"\s+[|—–·:-]\s+|\s*[|\n]\s*|:\s+")
_PUBLISHED = (
    "//meta[@property='article:published_time' or @itemprop='datePublished'"
    " or @name='pubdate' or @name='publishdate' or @name='DC.date.issued']/@content"
    " | //time[@itemprop='datePublished']/@datetime"
)
_HEADINGS = (
    "//meta[@property='og:title' or @name='twitter:title' or @property='twitter:title']"
    " | //h1 | //h2"
)
MAX_CELL = 300  # characters of a table cell beyond which it holds prose, not data
MAX_SITE_WORDS = 6  # a site's name split off a <title>
MAX_BARE_SITE_WORDS = 3  # a <title> that is no headline and names a site only
MIN_PROSE_WORDS = 6  # a page's text needs a line of this many words at least, its headline aside
# A line that ends with no sentence end, before one that starts with a small letter: one
# sentence broken by a <br> for layout.
_UNFINISHED = re.compile(r"[^.!?…:;][»\"”)]*$")
_CONTINUES = re.compile(r"^[a-zа-яё]")


def page_article(
    data: bytes,
    name: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    content_type: str | None = None,
    default_id: str | None = None,
) -> Article:
    """The article of one web page's bytes. ``name`` names it in messages (a file or link),
    ``url`` is where it was fetched from, ``content_type`` the HTTP header (for its charset).
    Raises :class:`InputError` naming ``name`` when the data is not HTML, the page has no
    main text, or its text is not Russian."""
    _check_html(data, name)
    decoded, warning = page_text(data, name, content_type, options.encoding)
    if not _TAG.search(decoded.text[:_HEAD]):
        raise InputError(name, "not HTML: no HTML tags at the start")
    document, heads = _extract(decoded.text, url)
    text = main_text(document.text if document is not None else None)
    title, site = _title_and_site(document, heads, text) if text else (None, None)
    if not any(
        len(line.split()) >= MIN_PROSE_WORDS and line != title for line in text.splitlines()
    ):
        raise InputError(
            name,
            "no main text: the page holds no article text (only its headline, menus, links "
            "or scripts)",
        )
    if problem := language_problem(text):
        raise InputError(name, problem)
    try:
        published = publication_date(heads.published or document.date, options.date, text)
    except ValueError as exc:
        raise InputError(name, str(exc)) from None
    if title and not text.startswith(title):
        # The headline is the article's first line, as in a text file: facts stated only in
        # it (the <h1> above the article block) are not lost, and evidence points into it.
        text = f"{title}\n{text}"
    meta = {"author": author} if (author := _clean(document.author)) else {}
    warnings = tuple(w for w in (warning, decoded.warning(name)) if w)
    return Article(
        id=default_id or printable(PurePath(name).stem) or "page",
        text=text,
        title=title,
        outlet=site or find_outlet(text) or _clean(document.hostname),
        published=published,
        url=_clean(document.url) or url,
        source=name,
        meta=meta,
        warnings=warnings,
    )


def main_text(extracted: str | None) -> str:
    """The article's text from trafilatura's: its lines (paragraphs) stripped; blank lines,
    lines of the site by the markers of :mod:`svodka.text.zones` (``По теме: ...``, photo
    credits, a heading ``Читайте также`` or ``Другие новости`` with the list under it) and
    a line repeated right after itself (a caption that repeats the headline) left out; a
    sentence broken over two lines joined with a space; joined by newlines."""
    lines: list[str] = []
    in_related = False
    for raw in (extracted or "").splitlines():
        line = raw.strip()
        if in_related and _LIST_ITEM.match(line):
            continue
        in_related = list_heading(line)
        if not line or in_related or site_line(line):
            continue
        if lines and _CONTINUES.match(line) and _UNFINISHED.search(lines[-1]):
            lines[-1] = f"{lines[-1]} {line}"
        elif not lines or line != lines[-1]:
            lines.append(line)
    return "\n".join(lines)


def page_text(
    data: bytes, name: str, content_type: str | None = None, encoding: str | None = None
) -> tuple[Decoded, str | None]:
    """The page's decoded text and a warning when its declared charset was overruled.

    Order: ``encoding`` (the --encoding option), a BOM, the charset of ``content_type``,
    the page's ``<meta charset>`` or http-equiv; else detection. A declared charset that
    cannot decode the bytes, or whose reading is less Russian than the detected one
    (mojibake), gives way to detection."""
    if encoding is not None or data.startswith(tuple(bom for bom, _name in BOMS)):
        return decode(data, name, encoding), None
    declared = _declared_charset(data, content_type)
    if declared is None:
        return decode(data, name), None
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        text = None
    try:
        detected = decode(data, name)
    except InputError:
        if text is None:
            raise
        return Decoded(text), None
    if text is None or (
        detected.text != text and russian_words(detected.text) > russian_words(text)
    ):
        why = "cannot decode its bytes" if text is None else "reads as mojibake"
        return detected, f"{name}: declares charset {declared}, which {why}; charset detected"
    return Decoded(text), None


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The charset named by the HTTP header, else by a meta tag, when Python knows it."""
    names: list[str] = []
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        names.append(match.group(1))
    if meta := _CHARSET.search(data[:_HEAD]):
        names.append(meta.group(1).decode("ascii", "replace"))
    for charset in names:
        try:
            return codecs.lookup(charset).name
        except LookupError:
            continue
    return None


def _check_html(data: bytes, name: str) -> None:
    """Raise :class:`InputError` for data that cannot be a page: empty, another format by
    its magic bytes, binary."""
    if not data.strip():
        raise InputError(name, "empty page")
    start = data.lstrip()
    for magic, what in MAGIC:
        if start.startswith(magic):
            raise InputError(name, f"not HTML but {what}")
    if b"\0" not in data[:_HEAD] and looks_binary(data):
        raise InputError(name, "not HTML: binary data")


def _extract(html: str, url: str | None) -> tuple[Any, Heads]:
    """trafilatura's main text and metadata of a page (its Document, None when it finds no
    text) and the page's titles and headings: comments left out, data tables kept, dates
    only from the page's markup (the text's dateline is svodka's fallback)."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(_XML_PROLOG.sub("", html))
    if tree is None:
        return None, Heads(None, ())
    heads = Heads(
        _clean(tree.findtext(".//title")),
        tuple(
            text
            for element in tree.xpath(_HEADINGS)
            if (
                text := _clean(
                    element.get("content") if element.tag == "meta" else element.text_content()
                )
            )
        ),
        next((iso for value in tree.xpath(_PUBLISHED) if (iso := iso_date(value))), None),
    )
    _unwrap_layout(tree)
    document = trafilatura.bare_extraction(
        tree,
        config=_config(),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return document, heads


@cache
def _config() -> ConfigParser:
    """trafilatura's settings, but its rescue by a dump of the whole page only for a page where
    it finds no text at all: by default a main text under 250 characters (a short news item)
    is replaced by that dump, one line of headline, menu and article run together."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _unwrap_layout(tree: HtmlElement) -> None:
    """Make the page's layout tables plain blocks, their line breaks paragraph ends: read as
    a table, the whole article would become one line of cells. ``<noscript>`` notices
    ("включите JavaScript") go too."""
    for element in tree.iter("noscript"):
        element.drop_tree()
    for table in [table for table in tree.iter("table") if _lays_out(table)]:
        for element in [table, *table.iterdescendants(*_TABLE_PARTS)]:
            element.tag = "div"


def _lays_out(table: HtmlElement) -> bool:
    """Whether a table lays out a page (menu | article) rather than holds data: a cell holds
    paragraphs, headings, lists or other tables, or prose (a line break, a long text), or
    the table is one cell."""
    if any(True for _ in table.iterdescendants(*_BLOCKS)):
        return True
    cells = list(table.iterdescendants("td", "th"))
    return len(cells) <= 1 or any(
        any(True for _ in cell.iter("br")) or len(cell.text_content()) > MAX_CELL for cell in cells
    )


@dataclass(frozen=True)
class Heads:
    """What a page says its headline is: the ``<title>`` (often "headline | site"), and its
    og:/twitter: titles and ``<h1>``/``<h2>`` headings, in that order; and the publication
    date its markup gives as written ("2019-08" stays a month: trafilatura's reading would
    make it the 1st)."""

    title: str | None
    headings: tuple[str, ...]
    published: str | None = None


def _title_and_site(document: Any, heads: Heads, text: str) -> tuple[str | None, str | None]:
    """The headline and the site's name.

    The headline is trafilatura's title when the page confirms it (an og: title or heading,
    or the ``<title>`` with the site's name split off), else a heading that the ``<title>``
    holds, else the text's headline (as for a text file). A ``<title>`` that is no headline
    names the site ("EADaily"). The site's name: og:site_name, else what the ``<title>``
    holds besides the headline ("headline - Новости - Агентство" gives "Агентство")."""
    site = _clean(document.sitename)
    page_title = heads.title or ""
    found = _clean(document.title)
    confirmed = found is not None and (
        found in heads.headings or (found in page_title and found != page_title)
    )
    candidates = [
        *([found] if found and confirmed else []),
        *(h for h in heads.headings if h in page_title),
    ]
    title = next((t for t in candidates if _reads_as_title(t, site)), None) or headline(text)
    if site is None and page_title and page_title != title:
        rest = page_title.replace(title, "\n") if title and title in page_title else page_title
        parts = [part.strip() for part in _TITLE_SEPARATOR.split(rest) if part.strip()]
        most = MAX_SITE_WORDS if rest != page_title or len(parts) > 1 else MAX_BARE_SITE_WORDS
        if parts and len(parts[-1].split()) <= most:
            site = parts[-1]
    return title, site


def _reads_as_title(title: str, site: str | None) -> bool:
    """Whether a title is a headline: two words or more, not the site's name, not a heading
    of the site's own (``Читайте также``)."""
    return len(title.split()) >= 2 and title != site and not list_heading(title)


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def archived_page(data: bytes, name: str) -> tuple[bytes, str | None, str | None]:
    """The page of a web archive (.mhtml, as browsers save "the page, as one file"): the
    bytes of its first HTML part, that part's content type (for the charset) and the page's
    address. Raises :class:`InputError` naming ``name`` when it holds no HTML part."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
                return payload, part.get("Content-Type"), _clean(url)
    raise InputError(name, "not a web archive (.mhtml) with a page: no HTML part")


class HtmlReader(Reader):
    """A saved web page is one article (see :func:`page_article`); so is a web archive
    (.mhtml, .mht: see :func:`archived_page`)."""

    name = "html"
    suffixes = (".html", ".htm", ".mhtml", ".mht")

    def sniff(self, head: bytes) -> bool:
        """``<!doctype html``, ``<html`` or ``<head`` after a BOM, white space, an XML prolog
        and comments (``<!-- saved from url=... -->``); or a web archive."""
        start = head.removeprefix(codecs.BOM_UTF8)
        start = _PROLOG.sub(b"", start, count=1)[:64].lower()
        return start.startswith((b"<!doctype html", b"<html", b"<head")) or _is_archive(head)

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        data, content_type, url = source.read_bytes(), None, None
        suffix = source.path.suffix.lower() if source.path is not None else ""
        if suffix in (".mhtml", ".mht") or (suffix not in self.suffixes and _is_archive(data)):
            data, content_type, url = archived_page(data, source.name)
        yield page_article(
            data, source.name, options, url=url, content_type=content_type, default_id=source.stem
        )


def _is_archive(head: bytes) -> bool:
    """A MIME message of related parts, as a web archive starts."""
    start = head[:_HEAD].lower()
    return start.startswith((b"from:", b"mime-version:", b"subject:", b"date:")) and (
        b"multipart/related" in start
    )


@svodka.hookimpl
def register_readers(register: Callable[[Reader], None]) -> None:
    register(HtmlReader())
