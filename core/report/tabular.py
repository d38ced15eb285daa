"""Records as table rows, shared by the Excel and CSV exporters and ``svodka export``.

A record type's columns, in this fixed order: the fields its declaration lists
(``spec.columns``; by default every field in declaration order; lists joined with "; "),
then ``article``, ``outlet``, ``published`` (the article's publication date), ``evidence``
(the sentences that state the fact), ``confidence``, ``url`` (the article's link) and ``id``
(the record id). Values are shown for people: countries, organisations, persons, places and
closed-vocabulary values by their names in the chosen language
(:mod:`svodka.report.labels`), complete dates as dates, partial dates as text. How a field
is shown follows the type's declaration (``spec.kinds``, ``spec.vocabularies``) and the
record format's field names; headers and sheet names come from the labels.

Every text passes the same guards (:func:`fit_cell`): control characters are removed (C0
but tab, line feed and carriage return; DEL; the C1 controls U+0080-U+009F), and so are
lone surrogates and U+FFFE/U+FFFF, and a value longer than Excel's 32,767 characters is
cut with a visible marker. The workbook also writes a literal ``_xHHHH_`` (OOXML's escape
for a character) as ``_x005F_xHHHH_`` (:func:`ooxml_escape`), so that Excel shows the
text as it is rather than the character it would stand for. Whether a value that
starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) is kept as text
is up to the writer: a text cell in Excel, a leading apostrophe in CSV (:func:`csv_text`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from svodka.model.records import (
    BUILTIN_TYPES,
    COMMON_FIELDS,
    FIELD_KINDS,
    Record,
    record_from_dict,
    record_problem,
    type_rank,
)
from svodka.report import labels

if TYPE_CHECKING:
    from svodka.pipeline import ArticleOutcome, Run

LANGS = ("ru", "en")
SEPARATOR = "; "
MAX_CELL = 32_767  # characters (UTF-16 code units) in one Excel cell
MAX_DATA_ROWS = 1_048_575  # rows of an Excel sheet below the header row
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_SPACES = re.compile(r"\s+")


# -- guards ------------------------------------------------------------------------------


def xml_safe(text: str) -> str:
    """``text`` without control characters (C0 but tab, line feed and carriage return; DEL;
    C1), lone surrogates and U+FFFE/U+FFFF: the characters XML 1.0 forbids, and those it
    allows that Excel and Word show as boxes or take for line breaks."""
    return _CONTROL.sub("", text)


def ooxml_escape(text: str) -> str:
    """``text`` for a string in a workbook's XML: each ``_`` that starts ``_xHHHH_`` written
    as ``_x005F_``, so that Excel shows the literal text instead of decoding it (ECMA-376,
    ST_Xstring). The hex digits match in either case; the ``x`` only in lower case: Excel
    decodes no ``_XHHHH_`` (it saves a typed ``_Xceed_`` as it is, without the ``_x005F_`` it
    puts before a typed ``_x000D_``), and an escape where none is needed can make Excel
    repair the file."""
    return _OOXML_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fit_cell(text: str, lang: str = "ru") -> str:
    """``text`` made safe for a cell: control characters removed (:func:`xml_safe`), and cut
    with a visible marker when longer than Excel's limit (counted as Excel counts, in UTF-16)."""
    text = xml_safe(text)
    if len(text) <= MAX_CELL // 2 or _utf16_len(text) <= MAX_CELL:
        return text
    marker = " " + labels.text("table:truncated", lang)
    room = MAX_CELL - len(marker)
    cut = text[:room]
    while (excess := _utf16_len(cut) - room) > 0:
        cut = cut[: len(cut) - excess]
    return cut + marker


def formula_like(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula (the OWASP prefixes)."""
    return text.startswith(FORMULA_PREFIXES)


def csv_text(text: str, lang: str = "ru") -> str:
    """``text`` for a CSV cell: a formula-like value gets a leading apostrophe (OWASP's
    advice against CSV injection), then the cell guards of :func:`fit_cell` apply."""
    text = xml_safe(text)
    return fit_cell("'" + text if formula_like(text) else text, lang)


# -- columns ----------------------------------------------------------------------------

TRAILING_COLUMNS = ("article", "outlet", "published", "evidence", "confidence", "url", "id")

_EXTRA_KINDS: dict[str, str] = {
    "article": "article",
    "outlet": "text",
    "published": "date",
    "evidence": "long",
    "confidence": "float",
    "url": "url",
    "id": "text",
}
ENTITY_KINDS = ("person", "country", "organization", "place")
_LABELLED = frozenset((*ENTITY_KINDS, "vocab"))


@dataclass(frozen=True)
class Column:
    """One column of a record type's table: the field (or trailing column) it shows, its
    localised header, and how values are shown (``kind``: ``text``, ``long``, ``person``,
    ``country``, ``organization``, ``place``, ``party``, ``date``, ``vocab``, ``int``,
    ``float``, ``bool``, ``article``, ``url``)."""

    key: str
    header: str
    kind: str
    trailing: bool = False


def _annotation_kind(annotation: Any) -> str:
    options = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = typing.get_origin(options[0]) or options[0]
    if base in (list, tuple):
        inner = typing.get_args(options[0])
        return _annotation_kind(inner[0]) if inner else "text"
    return {bool: "bool", int: "int", float: "float"}.get(base, "text")


_KINDS: dict[tuple[type, str], str] = {}


def field_kind(cls: type[Record], name: str) -> str:
    """How a field of a record type is shown (see :class:`Column`): ``vocab`` for a closed
    vocabulary, else as the type declares, else by the field's name, else by its annotation."""
    kind = _KINDS.get((cls, name))
    if kind is None:
        kind = _KINDS[(cls, name)] = _field_kind(cls, name)
    return kind


def _field_kind(cls: type[Record], name: str) -> str:
    if name in cls.spec.vocabularies:
        return "vocab"
    kind = cls.spec.kinds.get(name) or FIELD_KINDS.get(name)
    if kind:
        return kind
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - a plugin's unresolvable annotation: shown as text
        hints = {}
    return _annotation_kind(hints.get(name, str))


_COLUMNS: dict[tuple[type, str], tuple[Column, ...]] = {}


def record_columns(cls: type[Record], lang: str = "ru") -> tuple[Column, ...]:
    """The columns of a record type, in the documented order, headers unique per table."""
    columns = _COLUMNS.get((cls, lang))
    if columns is None:
        columns = _COLUMNS[(cls, lang)] = _make_columns(cls, lang)
    return columns


def _make_columns(cls: type[Record], lang: str) -> tuple[Column, ...]:
    names = cls.spec.columns
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.name not in COMMON_FIELDS)
    columns = [Column(n, labels.column_header(cls, n, lang), field_kind(cls, n)) for n in names]
    for key in TRAILING_COLUMNS:
        header = labels.column_header(cls, key, lang)
        columns.append(Column(key, header, _EXTRA_KINDS[key], trailing=True))
    seen: set[str] = set()
    unique = []
    for column in columns:
        header, n = column.header, 1
        while header.casefold() in seen:
            n += 1
            header = f"{column.header} ({n})"
        seen.add(header.casefold())
        unique.append(dataclasses.replace(column, header=header))
    return tuple(unique)


_SHEET_COLUMNS: dict[tuple[type, str], tuple[Column, ...]] = {}


def sheet_columns(cls: type[Record], lang: str = "ru") -> tuple[Column, ...]:
    """The columns of a record type's sheet in the workbook: :func:`record_columns`, each
    date column followed by its precision (kind ``precision``, key ``<field>:precision``),
    so that the dates are real dates that sort."""
    columns = _SHEET_COLUMNS.get((cls, lang))
    if columns is None:
        expanded: list[Column] = []
        for column in record_columns(cls, lang):
            expanded.append(column)
            if column.kind == "date":
                header = precision_header(column.header, lang)
                key = f"{column.key}:precision"
                expanded.append(Column(key, header, "precision", column.trailing))
        columns = _SHEET_COLUMNS[(cls, lang)] = tuple(expanded)
    return columns


def precision_header(header: str, lang: str) -> str:
    """The header of a date column's precision column: "Дата, точность"."""
    return labels.text("table:precision", lang).format(column=header)


def sheet_title(cls: type[Record], lang: str) -> str:
    """The sheet (and table) title of a record type: its name in the language."""
    return labels.type_name(cls, lang)


# -- values ------------------------------------------------------------------------------


def complete_date(value: Any) -> dt.date | None:
    """The date of a complete ISO date ("2025-10-31") that Excel can show; else None."""
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return date if date.year >= 1900 else None  # Excel's calendar starts in 1900


PRECISIONS = ("day", "month", "year")
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class SheetDate:
    """A date as a sheet holds it: a real date (the first day of a month or year given
    without a day) and its ``precision``: ``day``, ``month`` or ``year``; ``end``, the
    ISO end of a range ("2025-08-31/2025-09-06"), else None."""

    date: dt.date
    precision: str
    end: str | None = None


@lru_cache(maxsize=4096)
def sheet_date(value: Any) -> SheetDate | None:
    """An ISO date, month, year or range ("2025-10-31", "2025-10", "2025",
    "2025-08-31/2025-09-06") as a :class:`SheetDate`; None for anything else."""
    if not isinstance(value, str):
        return None
    start, _, end = value.strip().partition("/")
    m = _ISO_PREFIX.fullmatch(start)
    if m is None or (end and _ISO_PREFIX.fullmatch(end) is None):
        return None
    year, month, day = (int(g) if g else 0 for g in m.groups())
    try:
        date = dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if date.year < 1900:  # Excel's calendar starts in 1900
        return None
    return SheetDate(date, PRECISIONS[0 if day else 1 if month else 2], end or None)


def precision_text(value: SheetDate, lang: str) -> str:
    """The precision of a date in words: "день", "месяц", "год"; a range adds its end
    ("день, по 6 сентября 2025")."""
    text = labels.text(f"table:precision_{value.precision}", lang)
    if value.end:
        end = labels.format_date(value.end, lang)
        text += ", " + labels.text("table:precision_until", lang).format(end=end)
    return text


def entity_kind(kind: str, value: str) -> str:
    """The entity kind of one value of a column: a party is a country code or an organisation."""
    if kind == "party":
        country = len(value) == 2 and value.isalpha() and value.isupper()
        return "country" if country else "organization"
    return kind


@lru_cache(maxsize=16384)
def label(kind: str, value: str, lang: str, record_type: str = "", field_name: str = "") -> str:
    """The name of one value shown to people; the value itself when no label applies."""
    try:
        if kind == "person":
            return labels.person_name(value, lang) or value
        if kind == "country":
            return labels.country_name(value, lang) or value
        if kind == "organization":
            return labels.organization_name(value, lang) or value
        if kind == "place":
            return labels.place_name(value, lang) or value
        if kind == "date":
            return labels.format_date(value, lang) or value
        if kind == "vocab":
            return labels.value_label(record_type, field_name, value, lang) or value
    except Exception:  # noqa: BLE001 - an odd value is shown as it is, never fails the export
        return value
    return value


def _item(kind: str, value: Any, lang: str, cls: type[Record], field_name: str) -> Any:
    """One scalar shown in a cell: str, int, float or date."""
    if isinstance(value, bool):
        return labels.boolean(value, lang)
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if kind == "party":
        kind = entity_kind(kind, text)
    elif kind == "date":
        return complete_date(text) or label("date", text, lang)
    if kind in ("text", "post", "rank"):  # in English, put into English (labels.value_label)
        kind = "vocab"
    if kind not in _LABELLED:
        return text
    if kind == "vocab":
        return labels.declared_value(cls, field_name, text, lang) or label(
            kind, text, lang, cls.type, field_name
        )
    return label(kind, text, lang, cls.type, field_name)


def shown_text(cls: type[Record], name: str, value: Any, lang: str, kind: str = "") -> str:
    """A field's value as a line of text shows it (the brief, fact lines): labelled as its
    ``kind`` (by default the field's, :func:`field_kind`) says, text values by their labels
    in labels.tsv where they have one, booleans as "да"/"нет", lists ", "-joined."""
    kind = kind or field_kind(cls, name)
    if value is None or value == "":
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (shown_text(cls, name, v, lang, kind) for v in value) if t)
    if isinstance(value, bool):
        return labels.boolean(value, lang)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v)
    text = str(value)
    kind = entity_kind(kind, text)
    if kind not in _LABELLED and kind != "date":
        kind = "vocab"  # a rank, post or category may have a label
    if kind == "vocab":
        return labels.declared_value(cls, name, text, lang) or label(
            kind, text, lang, cls.type, name
        )
    return label(kind, text, lang, cls.type, name)


def field_value(column: Column, value: Any, lang: str, cls: type[Record]) -> Any:
    """A field's value for its cell: None when empty, lists joined with "; "."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (list, tuple)):
        items = [_item(column.kind, v, lang, cls, column.key) for v in value]
        return SEPARATOR.join(str(v) for v in items if v is not None and v != "") or None
    if isinstance(value, dict):
        return SEPARATOR.join(f"{k}: {v}" for k, v in value.items()) or None
    return _item(column.kind, value, lang, cls, column.key)


def evidence_text(record: Record) -> str | None:
    """The sentences that state the fact, one a line, whitespace runs made single spaces."""
    texts = [_SPACES.sub(" ", e.text).strip() for e in record.evidence]
    return "\n".join(t for t in texts if t) or None


# -- what the exporters write ------------------------------------------------------------


@dataclass
class ArticleRow:
    """One line of the Articles sheet. ``status`` is ``processed``, ``partial`` (with
    problems), ``failed`` or ``skipped``; None when unknown (records read back from a file)."""

    id: str | None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    summary: str | None = None
    status: str | None = None
    problems: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass
class TableSource:
    """Everything the Excel and CSV writers need: the articles, the records (``records()``
    may be called more than once and streams them each time) and a description of the run.

    ``articles_in_full``, when given, streams the same articles in the same order with
    every field, and ``articles`` holds only what record rows need (id, outlet, date, url,
    status): the titles, summaries and problems of a large run are not kept in memory.
    ``plugins`` is None when the plugins that produced the records are unknown.
    """

    articles: list[ArticleRow]
    records: Callable[[], Iterable[Record]]
    lang: str = "ru"
    inputs: list[str] = field(default_factory=list)
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    plugins: list[tuple[str, str | None]] | None = None
    articles_in_full: Callable[[], Iterable[ArticleRow]] | None = None


def article_row(outcome: ArticleOutcome, full: bool = True) -> ArticleRow:
    """The Articles line of one outcome; without ``full``, only what record rows need."""
    article = outcome.article
    row = ArticleRow(
        id=article.id if article else None,
        outlet=article.outlet if article else None,
        published=article.published if article else None,
        url=article.url if article else None,
        status=outcome.status,
    )
    if full:
        summary = " ".join(_SPACES.sub(" ", e.text).strip() for e in outcome.summary)
        row.title = article.title if article else None
        row.summary = summary or None
        row.problems = ([outcome.failure] if outcome.failure else []) + list(outcome.errors)
        row.source = outcome.source
    return row


def source_from_run(run: Run) -> TableSource:
    """The tables of a finished run (``run.options["lang"]`` chooses the language); the
    articles' titles and summaries are read from the run's outcomes when written."""
    lang = run.options.get("lang") or "ru"
    return TableSource(
        articles=[article_row(o, full=False) for o in run.outcomes],
        articles_in_full=lambda: (article_row(o) for o in run.outcomes),
        records=lambda: (r for o in run.outcomes for r in o.records),
        lang=lang if lang in LANGS else "ru",
        inputs=list(run.inputs),
        created=run.started,
        plugins=[(p.get("name", "?"), p.get("version")) for p in run.plugins],
    )


class RecordsError(ValueError):
    """A records file that cannot be read; the message names the file and line."""


class RecordError(RecordsError):
    """A record that cannot be made a row; the message names the record."""


def describe(record: Record) -> str:
    """A record as a message names it: type, id (if it has one) and article."""
    named = f"id {record.id!r}, " if record.id else ""
    return f"{record.type} record ({named}article {record.article!r})"


class _UnknownText(str):
    """The text of an article a records file does not hold: any evidence offset is within it
    (:func:`svodka.model.records.record_problem` checks only the offsets against the text)."""

    def __len__(self) -> int:
        return sys.maxsize


def read_records(path: Path, types: dict[str, type[Record]]) -> Iterator[Record]:
    """Records from a JSON Lines file as ``svodka extract`` writes it; a line that is not a
    record of a known type, or one :func:`svodka.model.records.record_problem` finds unfit (but
    for evidence offsets, which need the article's text), raises :class:`RecordsError`."""
    from svodka.run.output import read_jsonl

    try:
        for number, data in read_jsonl(path):
            try:
                record = record_from_dict(data, types)
            except (TypeError, ValueError, KeyError) as exc:
                raise RecordsError(f"{path}:{number}: not a record svodka knows ({exc})") from exc
            problem = record_problem(record, _UnknownText())
            if problem is not None:
                raise RecordsError(
                    f"{path}:{number}: record {data.get('id')!r} is not valid ({problem})"
                )
            yield record
    except UnicodeDecodeError as exc:
        raise RecordsError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except RecordsError:
        raise
    except ValueError as exc:
        raise RecordsError(str(exc)) from exc


def source_from_records(
    path: Path, types: dict[str, type[Record]], lang: str = "ru"
) -> TableSource:
    """The tables of a records file: the articles are known only by the ids the records give."""
    return TableSource(
        articles=[],
        records=lambda: read_records(path, types),
        lang=lang,
        inputs=[str(path)],
    )


class RowMaker:
    """Turns records into rows of cell values (str, int, float, date or None), looking up
    each record's article; articles the source does not list are added as bare ids."""

    def __init__(self, source: TableSource) -> None:
        self.lang = source.lang
        self.articles = source.articles
        self.index: dict[str, int] = {}
        for position, article in enumerate(self.articles):
            if article.id is not None:
                self.index.setdefault(article.id, position)

    def article_position(self, article_id: str) -> int:
        """The position of an article in ``articles`` (added when unknown)."""
        position = self.index.get(article_id)
        if position is None:
            position = self.index[article_id] = len(self.articles)
            self.articles.append(ArticleRow(id=article_id))
        return position

    def row(self, record: Record) -> list[Any]:
        """The cell values of one record, in :func:`record_columns` order; a record that
        cannot be shown raises :class:`RecordError` naming it."""
        return self._checked(record, False)

    def sheet_row(self, record: Record) -> list[Any]:
        """The cell values of one record in :func:`sheet_columns` order: each date as a
        :class:`SheetDate` (text when it is no ISO date) followed by its precision in words."""
        return self._checked(record, True)

    def _checked(self, record: Record, split: bool) -> list[Any]:
        try:
            return self._row(record, split)
        except Exception as exc:  # noqa: BLE001 - any failure is told with the record's name
            raise RecordError(f"{describe(record)}: cannot be written ({exc})") from exc

    def _row(self, record: Record, split: bool) -> list[Any]:
        lang, cls = self.lang, type(record)
        article = self.articles[self.article_position(record.article)]
        row: list[Any] = []
        for column in record_columns(cls, lang):
            if column.kind == "date":
                raw = article.published if column.trailing else getattr(record, column.key)
                date = sheet_date(raw) if split and isinstance(raw, str) else None
                if date is not None:
                    row += [date, precision_text(date, lang)]
                    continue
                row.append(field_value(column, raw, lang, cls))
                if split:
                    row.append(None)
            elif not column.trailing:
                row.append(field_value(column, getattr(record, column.key), lang, cls))
            elif column.key == "article":
                row.append(record.article)
            elif column.key == "outlet":
                row.append(labels.outlet_name(article.outlet, lang) or None)
            elif column.key == "evidence":
                row.append(evidence_text(record))
            elif column.key == "confidence":
                row.append(round(float(record.confidence), 3))
            elif column.key == "url":
                row.append(article.url or None)
            else:
                row.append(record.id or record.make_id())
        return row


def record_types_in_order(seen: Iterable[type[Record]]) -> list[type[Record]]:
    """The built-in record types (always, so every export has the same sheets and files)
    and the other types seen, in the one order of record types (their declared ``order``)."""
    ordered = {cls.type: cls for cls in BUILTIN_TYPES}
    for cls in seen:
        ordered.setdefault(cls.type, cls)
    return sorted(ordered.values(), key=type_rank)
