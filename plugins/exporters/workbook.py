"""The Excel workbook of facts (``facts.xlsx``), written by the ``xlsx`` exporter and
``svodka export`` (:mod:`svodka.plugins.exporters.tables`).

Sheets, each an Excel table with filter buttons and banded rows, the header row frozen:

- one per record type (the built-in six always, plugin types when they have records), its
  columns in the order of :func:`svodka.report.tabular.sheet_columns`: the type's own fields,
  then article (linked to its row in Articles), outlet, publication date, evidence,
  confidence, link (the article's url, linked) and record id, each date followed by its
  precision; past Excel's 1,048,575 rows a type continues on "<name> (2)", "<name> (3)", ...;
- Articles: id, title, outlet, publication date and its precision, link, summary, number of
  records, status, problems (a failure's reason, extractor errors), source;
- Entities: persons (with their posts, each once), countries, organisations and places, with
  the number of records that name them;
- People: each person's posts over time, the holders of a post together, the current one
  first (:func:`svodka.model.people.sheet`);
- About: program and version, date, language, inputs, counts, plugins.

Excel takes at most 65,530 hyperlinks in a sheet: past that, cells show the article id and
url without a link.

Headers and values are in Russian, or English with ``--lang en``. Dates are date cells (a
month or year alone as its first day, shown as such), their precision beside them. Every
cell is aligned to the top and texts wrap; each row is as high as its wrapped text (Excel
does not fit rows when it opens a file); the header row has a cell style of its own. Sheets
print on A4 landscape, one page wide, the header row on each page. Every string is written
as a text cell (never a formula, also when it starts with ``=``; formula-like values are
marked to stay text when edited), rid of control characters, and cut with a marker past
32,767 characters
(:func:`svodka.report.tabular.fit_cell`); a literal ``_xHHHH_`` is written as ``_x005F_xHHHH_``,
OOXML's escape, so that Excel shows it as it is (:func:`svodka.report.tabular.ooxml_escape`), in
a shared string (see :class:`_Part`). Sheet names and table column names get the same
guards.

Written in openpyxl's write-only mode: rows stream to disk, and the links of each sheet are
spooled to a temporary file instead of being held as objects, so memory does not grow with
the number of records. Records are read twice: once to count (sheets, article rows, entity
counts, column widths from the first rows of each type), once to write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import os
import re
import tempfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Collection, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.relationship import RelationshipList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter, create_temporary_file
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import (
    ARC_SHARED_STRINGS,
    ARC_WORKBOOK_RELS,
    REL_NS,
    SHARED_STRINGS,
    SHEET_MAIN_NS,
)
from openpyxl.xml.functions import Element, SubElement, tostring, xmlfile

import svodka
from svodka.model import people
from svodka.model.records import Record, Role
from svodka.report import labels, tabular
from svodka.report.tabular import (
    ENTITY_KINDS,
    MAX_DATA_ROWS,
    ArticleRow,
    RowMaker,
    SheetDate,
    TableSource,
    entity_kind,
    fit_cell,
    formula_like,
    label,
    ooxml_escape,
    precision_header,
    precision_text,
    record_columns,
    record_types_in_order,
    sheet_columns,
    sheet_date,
    shown_text,
)
from svodka.run.output import atomic_path

SAMPLE_ROWS = 500  # rows of each sheet whose lengths fit the column widths
MIN_WIDTH, MAX_WIDTH, MAX_LONG_WIDTH = 6, 30, 50  # characters; long: evidence, summaries
FILTER_BUTTON = 3  # characters of a header cell the filter button covers
LINE_FILL = 0.95  # of a column's width (less its padding) that a line of text fills
LINE_HEIGHT = 15.0  # points: one line of 11-point Calibri, Excel's default row height
MAX_HEIGHT = 409.0  # points: the highest row Excel takes
MAX_LINK = 2_000  # longer urls are shown, not linked (Excel refuses very long addresses)
MAX_LINKS = 65_530  # hyperlinks Excel takes in one worksheet; later cells are not linked
TABLE_STYLE = "TableStyleMedium2"
DATE_FORMATS = {  # by precision: a month or year given alone is shown as such
    "ru": {"day": "DD.MM.YYYY", "month": "MM.YYYY", "year": "YYYY"},
    "en": {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"},
}
LINK_FONT = Font(name="Calibri", size=11, color="0563C1", underline="single")
HEADER_FONT = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="808080")
HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TOP = Alignment(vertical="top")
WRAP = Alignment(wrap_text=True, vertical="top")
ARTICLE_URL_COLUMN = 5  # of the Articles sheet: id, title, outlet, published, precision, link
URL_REL = "rIdU"  # relationship ids of links to articles' urls: rIdU<article position>
HYPERLINK_REL = f"{REL_NS}/hyperlink"
REL_ID = f"{{{REL_NS}}}id"
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_SHARED_CHARS = 8 * 2**20  # characters of escaped texts kept for the shared strings part


def _word(key: str, lang: str) -> str:
    """A text of the workbook (labels.tsv, ``workbook:<key>``)."""
    return labels.text(f"workbook:{key}", lang)


# -- streaming pieces --------------------------------------------------------------------


class _LinkRels(RelationshipList):
    """A sheet's relationships; the hyperlinks to articles' urls are not held as objects but
    made when the part is written, from the articles the sheet links to."""

    book: _Book
    used: bytearray

    def to_tree(self) -> Any:
        tree = super().to_tree()
        for position in (p for p, flag in enumerate(self.used) if flag):
            SubElement(
                tree,
                "Relationship",
                Id=f"{URL_REL}{position}",
                Type=HYPERLINK_REL,
                Target=self.book.url_target(position),
                TargetMode="External",
            )
        return tree


class _SpoolingWriter(WorksheetWriter):
    """openpyxl's sheet writer with the hyperlinks kept in a temporary file, one line each,
    instead of objects in memory. A link to an article's url uses one relationship per
    article, however many cells link to it. Cells' own ``hyperlink`` is not used."""

    def __init__(self, ws: Any, book: _Book) -> None:
        self.path = create_temporary_file()  # what the base class makes when given no file
        super().__init__(ws, self.path)
        self.links = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed when written
        self._rels = _LinkRels()
        self._rels.book = book
        self._rels.used = bytearray(len(book.articles))
        self.count = 0

    def room(self) -> int:
        """How many more links the sheet takes."""
        return MAX_LINKS - self.count

    def add_link(self, ref: str, location: str = "", article: int = -1) -> None:
        """Link cell ``ref`` to a place in the workbook, or to the url of an article."""
        if article >= 0:
            self._rels.used[article] = 1
        self.count += 1
        self.links.write(f"{ref}\t{location}\t{article}\n")

    def get_stream(self) -> Generator[Any, Any, None]:
        """openpyxl's stream, in UTF-8 rather than ASCII with character references (a third
        of the bytes for Cyrillic text, so less to compress)."""
        with (
            xmlfile(self.out, encoding="utf-8") as xf,
            xf.element("worksheet", xmlns=SHEET_MAIN_NS),
        ):
            try:
                while True:
                    element = yield
                    if element is True:
                        yield xf
                    elif element is not None:
                        xf.write(element)
            except GeneratorExit:
                pass

    def open_stream(self) -> Any:
        """The sheet's XML stream, to write elements to; send None to ``xf`` when done."""
        xf = self.xf.send(True)
        assert xf is not None, "get_stream yields the stream when sent True"
        return xf

    def write_hyperlinks(self) -> None:
        with self.links:
            if not self.links.tell():
                return
            self.links.seek(0)
            xf = self.open_stream()
            with xf.element("hyperlinks"):
                for line in self.links:
                    ref, location, article = line.rstrip("\n").split("\t")
                    link = Element("hyperlink", ref=ref)
                    if location:
                        link.set("location", location)
                    if article != "-1":
                        link.set(REL_ID, f"{URL_REL}{article}")
                    xf.write(link)
            self.xf.send(None)

    def discard(self) -> None:
        """Close and remove the temporary files (after a failure)."""
        self.links.close()
        with contextlib.suppress(Exception):
            self.close()
        with contextlib.suppress(OSError):
            os.remove(self.path)


@dataclass
class _Col:
    header: str
    width: float = MIN_WIDTH


class _Styles:
    """The workbook's cell styles, registered once; ``id`` gives a cell's style index. Every
    cell is aligned to the top; texts wrap; the header row has a style of its own (bold,
    filled, bordered), since LibreOffice shows no table style."""

    def __init__(self, ws: Any, lang: str) -> None:
        self.ws = ws
        self.date_formats = DATE_FORMATS[lang]
        self.cache: dict[tuple[bool, bool, str, bool, bool], str] = {}

    def id(
        self,
        *,
        wrap: bool = False,
        link: bool = False,
        date: str = "",
        text: bool = False,
        header: bool = False,
    ) -> str:
        """The style of a cell: ``wrap`` for text, ``link``, ``date`` (its precision: "day",
        "month" or "year"), ``text`` (kept text when edited), ``header``."""
        key = (wrap, link, date, text, header)
        style = self.cache.get(key)
        if style is None:
            cell = WriteOnlyCell(self.ws)
            cell.alignment = WRAP if wrap or header else TOP
            if header:
                cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
            if link:
                cell.font = LINK_FONT
            if date:
                cell.number_format = self.date_formats[date]
            if text:
                cell.quotePrefix = True
            style = self.cache[key] = str(cell.style_id)
        return style


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped at spaces in a column ``width`` characters wide:
    one for a line as long as the widths are fitted to (the width less one), else as many
    as greedy wrapping gives when a line holds a little less than the width (letters are
    wider than the digits the width counts); a longer word breaks within."""
    room = max(1.0, (width - 1) * LINE_FILL)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        if len(paragraph) <= width - 1:
            continue
        used = 0.0
        for size in map(len, paragraph.split()):
            if used and used + 1 + size > room:
                lines, used = lines + 1, 0.0
            if size > room:
                lines, size = lines + int(size // room), int(size % room)
            used += size + (1 if used else 0)
    return lines


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _print_setup(ws: Any, lang: str) -> None:
    """A4 landscape, as wide as one page, the header row on every page, grid lines and
    page numbers in the footer."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", "9"  # A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, footer=0.25)
    ws.print_options.gridLines = True
    ws.print_title_rows = "1:1"
    footer = _word("footer", lang).format(page="&P", pages="&N")
    ws.HeaderFooter.oddFooter.center.text = footer


class _Part:
    """One worksheet of a table: widths set, header row frozen, rows streamed to disk.

    Rows are serialised here, straight to the sheet's XML stream (what openpyxl's
    ``append`` does, without a cell object per value): every string a text cell, never
    a formula. A string is an inline string, unless it holds an escaped ``_xHHHH_``: then
    it is a shared string, which openpyxl (and pandas) read decoded as Excel shows it,
    where they leave an inline string's escapes as they are. The shared strings are few
    (kept in memory up to :data:`MAX_SHARED_CHARS` characters; inline strings after that).
    """

    def __init__(self, book: _Book, title: str, table_name: str, columns: list[_Col]) -> None:
        self.book = book
        self.title = title
        self.table_name = table_name
        self.columns = columns
        self.letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        self.ws = book.wb.create_sheet(title)
        self.ws.freeze_panes = "A2"
        for letter, column in zip(self.letters, columns, strict=True):
            self.ws.column_dimensions[letter].width = column.width
        _print_setup(self.ws, book.lang)
        if book.styles is None:
            book.styles = _Styles(self.ws, book.lang)
        self.styles = book.styles
        self.writer = _SpoolingWriter(self.ws, book)
        self.ws._writer = self.writer  # before the first row: views and widths go first
        self.writer.write_top()
        self.ws._rows = self._stream()  # the worksheet's close() ends it
        next(self.ws._rows)
        self.rows = 0
        self.append([c.header for c in columns], header=True)

    def _stream(self) -> Generator[None, Any, None]:
        xf = self.writer.open_stream()
        with xf.element("sheetData"):
            try:
                while True:
                    xf.write((yield))
            except GeneratorExit:
                pass
        self.writer.xf.send(None)

    def append(self, values: list[Any], linked: Collection[int] = (), header: bool = False) -> None:
        """Add a row, as high as its longest wrapped text; the cells of ``linked`` columns
        are styled as links."""
        self.rows += 1
        number = str(self.rows)
        row = Element("row", r=number)
        lang, styles = self.book.lang, self.styles
        lines = 1
        for index, (letter, value, column) in enumerate(
            zip(self.letters, values, self.columns, strict=True)
        ):
            if value is None:
                continue
            if isinstance(value, bool):
                value = labels.boolean(value, lang)
            if isinstance(value, (int, float)) and math.isfinite(value):
                cell = SubElement(row, "c", r=letter + number, t="n", s=styles.id())
                SubElement(cell, "v").text = repr(value)
                continue
            if isinstance(value, SheetDate):
                cell = SubElement(row, "c", r=letter + number, t="n")
                cell.set("s", styles.id(date=value.precision))
                SubElement(cell, "v").text = str(int(to_excel(value.date)))
                continue
            if isinstance(value, dt.date):
                cell = SubElement(row, "c", r=letter + number, t="n", s=styles.id(date="day"))
                SubElement(cell, "v").text = str(int(to_excel(value)))
                continue
            text = fit_cell(str(value), lang)
            if not text:
                continue
            if len(text) > column.width - 1 or "\n" in text:
                lines = max(lines, _lines(text, column.width - (1 if header else 0)))
            guard = formula_like(text)
            link = index in linked
            escaped = ooxml_escape(text)
            shared = self.book.shared_index(escaped) if escaped != text else None
            cell = SubElement(row, "c", r=letter + number, t="s" if shared else "inlineStr")
            cell.set("s", styles.id(wrap=True, link=link, text=guard, header=header))
            if shared:
                SubElement(cell, "v").text = str(shared - 1)
                continue
            inline = SubElement(cell, "is")
            node = SubElement(inline, "t")
            node.text = escaped
            if text[0].isspace() or text[-1].isspace():
                node.set(XML_SPACE, "preserve")
        if lines > 1:
            row.set("ht", str(min(MAX_HEIGHT, lines * LINE_HEIGHT)))
            row.set("customHeight", "1")
        self.ws._rows.send(row)

    def add_table(self) -> None:
        ref = f"A1:{self.letters[-1]}{max(self.rows, 2)}"  # a table needs one data row
        table = Table(
            displayName=self.table_name,
            ref=ref,
            tableColumns=[
                # the name must be the header cell's text as Excel decodes it
                TableColumn(id=i, name=ooxml_escape(fit_cell(c.header, self.book.lang)))
                for i, c in enumerate(self.columns, 1)
            ],
            autoFilter=AutoFilter(ref=ref),
            tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
        )
        with warnings.catch_warnings():  # "add table columns manually": they are
            warnings.simplefilter("ignore", UserWarning)
            self.ws.add_table(table)

    def discard(self) -> None:
        """Close and remove the temporary files (after a failure)."""
        with contextlib.suppress(Exception):
            self.ws._rows.close()
        self.writer.discard()


class _Series:
    """A table written to one sheet and, past ``limit`` rows, to continuation sheets."""

    def __init__(self, book: _Book, key: str, title: str, columns: list[_Col], rows: int) -> None:
        self.limit = book.limit
        parts = max(1, -(-rows // self.limit))
        self.parts = [
            _Part(book, book.sheet_title(title, n), book.table_name(key, n), columns)
            for n in range(1, parts + 1)
        ]
        self.count = 0

    def location(self, position: int) -> str:
        """Where row ``position`` (0-based) is: "'Sheet'!A5"."""
        part, offset = divmod(position, self.limit)
        return f"{_quoted(self.parts[min(part, len(self.parts) - 1)].title)}!A{offset + 2}"

    def append(self, values: list[Any], links: Iterable[tuple[int, str, int]] = ()) -> None:
        """Add a row; ``links`` are (column index, location in the workbook or "",
        position of the article whose url to link or -1)."""
        part = self.parts[min(self.count // self.limit, len(self.parts) - 1)]
        self.count += 1
        links = list(links)[: part.writer.room()]
        part.append(values, [index for index, _, _ in links])
        for index, location, article in links:
            part.writer.add_link(f"{part.letters[index]}{part.rows}", location, article)

    def close(self) -> None:
        for part in self.parts:
            part.add_table()


class _SharedStringsPart:
    path = "/" + ARC_SHARED_STRINGS
    mime_type = SHARED_STRINGS


class _Package(zipfile.ZipFile):
    """The workbook's zip file; with shared strings, the workbook's relationships get one to
    their part (openpyxl writes no shared strings, so it adds none)."""

    shared = False

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if self.shared and zinfo_or_arcname == ARC_WORKBOOK_RELS:
            rel = (
                f'<Relationship Id="rIdShared" Type="{REL_NS}/sharedStrings" '
                'Target="sharedStrings.xml"/></Relationships>'
            )
            data = data.replace(b"</Relationships>", rel.encode("utf-8"))
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)


class _PackageWriter(ExcelWriter):
    """openpyxl's package writer, adding the book's shared strings part."""

    def __init__(self, book: _Book, archive: zipfile.ZipFile) -> None:
        super().__init__(book.wb, archive)
        self.book = book
        self.archive = archive

    # a private hook of openpyxl 3.1, absent from types-openpyxl's ExcelWriter
    def _write_worksheets(self) -> None:
        super()._write_worksheets()  # type: ignore[misc]
        if not self.book.shared:
            return
        count = str(len(self.book.shared))
        sst = Element("sst", xmlns=SHEET_MAIN_NS, count=count, uniqueCount=count)
        for text in self.book.shared:
            item = SubElement(sst, "si")
            node = SubElement(item, "t")
            node.text = text
            node.set(XML_SPACE, "preserve")
        self.archive.writestr(ARC_SHARED_STRINGS, tostring(sst))
        self.manifest.append(_SharedStringsPart)


class _Book:
    """The workbook being written: unique sheet and table names, shared styles, the shared
    strings part (for texts that hold an escape, see :class:`_Part`)."""

    def __init__(self, lang: str, limit: int, articles: list[ArticleRow]) -> None:
        self.wb = Workbook(write_only=True)
        self.lang = lang
        self.limit = limit
        self.articles = articles
        self.linkable = bytearray(len(articles))  # 0 not known yet, 1 a web link, 2 not
        self.titles: set[str] = set()
        self.tables: set[str] = set()
        self.series: list[_Series] = []
        self.styles: _Styles | None = None
        self.shared: dict[str, int] = {}  # escaped texts: their number in the part, from 1
        self.shared_chars = 0

    def shared_index(self, escaped: str) -> int:
        """The number (from 1) of an escaped text in the shared strings part; 0 when the
        part is full (the cell is then an inline string)."""
        index = self.shared.get(escaped)
        if index is None:
            if self.shared_chars + len(escaped) > MAX_SHARED_CHARS:
                return 0
            index = self.shared[escaped] = len(self.shared) + 1
            self.shared_chars += len(escaped)
        return index

    def save(self, path: Path) -> None:
        """Write the package: openpyxl's parts, and the shared strings part if any."""
        self.wb.properties.modified = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        with _Package(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.shared = bool(self.shared)
            _PackageWriter(self, archive).write_data()

    def sheet_title(self, title: str, n: int) -> str:
        """A valid, unique sheet name: no []:*?/\\, at most 31 characters."""
        base = re.sub(r"[\[\]:*?/\\]", "_", tabular.xml_safe(title)).strip("'") or "sheet"
        suffix, k = (f" ({n})" if n > 1 else ""), 1
        while True:
            name = base[: 31 - len(suffix)] + suffix
            if name.casefold() not in self.titles and name.casefold() != "history":
                self.titles.add(name.casefold())
                return name
            k += 1
            suffix = f" ({n}.{k})" if n > 1 else f" ({k})"

    def table_name(self, key: str, n: int) -> str:
        """A valid, unique Excel table name (ASCII letters, digits, underscores)."""
        base = "t_" + re.sub(r"[^A-Za-z0-9_]", "_", key)[:200] + (f"_{n}" if n > 1 else "")
        name, k = base, 1
        while name.casefold() in self.tables:
            k += 1
            name = f"{base}_{k}"
        self.tables.add(name.casefold())
        return name

    def url_target(self, position: int) -> str:
        """The hyperlink target of an article's url ("" when it cannot be linked)."""
        return link_target(self.articles[position].url)

    def has_link(self, position: int) -> bool:
        state = self.linkable[position]
        if not state:
            state = self.linkable[position] = 1 if self.url_target(position) else 2
        return state == 1

    def add(self, key: str, title: str, columns: list[_Col], rows: int) -> _Series:
        series = _Series(self, key, title, columns, rows)
        self.series.append(series)
        return series

    def discard(self) -> None:
        for series in self.series:
            for part in series.parts:
                part.discard()


# -- the first pass ----------------------------------------------------------------------


def _length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value[: MAX_LONG_WIDTH * 40].split("\n")), default=0)
    if isinstance(value, SheetDate) or hasattr(value, "isoformat"):
        return 10
    return len(str(value))


class _Widths:
    """Column widths from the header (which wraps: its longest word counts) and the first
    rows of a table; ``long`` columns (evidence, summaries) may be wider than others."""

    def __init__(self, headers: list[str], long: Iterable[bool] = ()) -> None:
        self.headers = headers
        self.lengths = [max(map(len, h.split()), default=0) + FILTER_BUTTON for h in headers]
        self.long = list(long) or [False] * len(headers)
        self.rows = 0

    def add(self, row: list[Any]) -> None:
        if self.rows >= SAMPLE_ROWS:
            return
        self.rows += 1
        for i, value in enumerate(row):
            n = _length(value)
            if n > self.lengths[i]:
                self.lengths[i] = n

    def columns(self) -> list[_Col]:
        return [
            _Col(h, float(min(max(n + 1, MIN_WIDTH), MAX_LONG_WIDTH if long else MAX_WIDTH)))
            for h, n, long in zip(self.headers, self.lengths, self.long, strict=True)
        ]


class _Entities:
    """Persons, countries, organisations and places the records name, with counts; persons
    with their posts, each listed once, from the records of any type that states a person's
    post: one field of kind ``person`` and one of kind ``post`` (its ``rank`` fields and its
    ``country`` and ``organization`` fields describe the post)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.counts: Counter[tuple[str, str]] = Counter()
        # person -> (post, where) -> ranks
        self.posts: dict[str, dict[tuple[str, str], dict[str, None]]] = {}

    def add(self, record: Record) -> None:
        named: set[tuple[str, str]] = set()
        columns = [c for c in record_columns(type(record), self.lang) if not c.trailing]
        for column in columns:
            if column.kind not in (*ENTITY_KINDS, "party"):
                continue
            value = getattr(record, column.key, None)
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, str) and item:
                    named.add((entity_kind(column.kind, item), item))
        self.counts.update(named)
        persons = [c.key for c in columns if c.kind == "person"]
        posts = [c.key for c in columns if c.kind == "post"]
        if len(persons) == 1 and posts:
            person = getattr(record, persons[0], None)
            if isinstance(person, str) and person:
                self._add_post(record, person, columns)

    def _add_post(self, record: Record, person: str, columns: list[Any]) -> None:
        cls, lang = type(record), self.lang

        def shown(kinds: tuple[str, ...]) -> list[str]:
            values = [(c.key, getattr(record, c.key, None)) for c in columns if c.kind in kinds]
            texts = (shown_text(cls, k, v, lang) for k, v in values if isinstance(v, str) and v)
            return [t for t in texts if t]

        post, where = ", ".join(shown(("post",))), ", ".join(shown(("country", "organization")))
        if post or where:
            ranks = self.posts.setdefault(person, {}).setdefault((post, where), {})
            ranks.update(dict.fromkeys(shown(("rank",))))

    def _posts(self, person: str) -> str | None:
        texts = []
        for (post, where), ranks in self.posts.get(person, {}).items():
            text = ", ".join([*ranks, post] if post else ranks)
            texts.append(f"{text} ({where})" if text and where else text or where)
        return "; ".join(texts) or None

    def rows(self) -> list[list[Any]]:
        lang = self.lang
        order = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
        items = sorted(
            ((kind, key, label(kind, key, lang), n) for (kind, key), n in self.counts.items()),
            key=lambda item: (order[item[0]], -item[3], item[2].casefold()),
        )
        return [
            [_word(kind, lang), name, key, self._posts(key) if kind == "person" else None, n]
            for kind, key, name, n in items
        ]


@dataclass
class _Scan:
    counts: Counter[str]
    classes: list[type[Record]]
    per_article: Counter[int]
    extractors: dict[str, None]
    widths: dict[str, _Widths]
    entities: _Entities


def _record_widths(cls: type[Record], lang: str) -> _Widths:
    columns = sheet_columns(cls, lang)
    return _Widths([c.header for c in columns], [c.kind == "long" for c in columns])


def _scan(source: TableSource, maker: RowMaker) -> _Scan:
    lang = source.lang
    counts: Counter[str] = Counter()
    seen: dict[str, type[Record]] = {}
    per_article: Counter[int] = Counter()
    extractors: dict[str, None] = {}
    widths: dict[str, _Widths] = {}
    entities = _Entities(lang)
    for record in source.records():
        cls = type(record)
        seen.setdefault(cls.type, cls)
        counts[cls.type] += 1
        per_article[maker.article_position(record.article)] += 1
        if record.extractor:
            extractors[record.extractor] = None
        entities.add(record)
        sample = widths.get(cls.type)
        if sample is None:
            sample = widths[cls.type] = _record_widths(cls, lang)
        if sample.rows < SAMPLE_ROWS:
            sample.add(maker.sheet_row(record))
    classes = record_types_in_order(seen.values())
    for cls in classes:
        if cls.type not in widths:
            widths[cls.type] = _record_widths(cls, lang)
    return _Scan(counts, classes, per_article, extractors, widths, entities)


# -- the workbook ------------------------------------------------------------------------


def link_target(url: str | None) -> str:
    """The url as a hyperlink target ("" when it is not a web link or too long): characters
    outside URL syntax percent-encoded, so that Excel accepts it."""
    if not url:
        return ""
    url = tabular.xml_safe(url.strip())
    if _PLAIN_URL.fullmatch(url):
        return url if len(url) <= MAX_LINK else ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme not in ("http", "https"):
        return ""
    target = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return target if len(target) <= MAX_LINK else ""


def _article_values(article: ArticleRow, records: int, lang: str) -> list[Any]:
    published = article.published
    date = sheet_date(published)
    return [
        article.id,
        article.title,
        labels.outlet_name(article.outlet, lang) or None,
        date or (label("date", published, lang) if published else None),
        precision_text(date, lang) if date else None,
        article.url,
        article.summary,
        records,
        _word(article.status, lang) if article.status else None,
        "\n".join(article.problems) or None,
        article.source,
    ]


def _about_rows(source: TableSource, scan: _Scan, articles: list[ArticleRow]) -> list[list[Any]]:
    lang = source.lang
    created, zone = source.created, ""
    if created.tzinfo is not None:
        created, zone = created.astimezone(dt.timezone.utc), " UTC"
    stamp = f"{label('date', created.date().isoformat(), lang)}, {created:%H:%M}{zone}"
    rows: list[list[Any]] = [
        [_word("program", lang), f"svodka {svodka.__version__}"],
        [_word("date", lang), stamp],
        [_word("language", lang), lang],
    ]
    rows += [[_word("input", lang), name] for name in source.inputs]
    statuses = Counter(a.status for a in articles)
    rows.append([_word("articles", lang), sum(1 for a in articles if a.id is not None)])
    if any(statuses.values()) and None not in statuses:
        rows.append([_word("articles_processed", lang), statuses["processed"]])
        rows.append([_word("articles_partial", lang), statuses["partial"]])
        rows.append([_word("articles_failed", lang), statuses["failed"]])
        if statuses["skipped"]:
            rows.append([_word("articles_skipped", lang), statuses["skipped"]])
    rows.append([_word("records_total", lang), sum(scan.counts.values())])
    for cls in scan.classes:
        title = tabular.sheet_title(cls, lang)
        rows.append([f"{_word('records_of', lang)}: {title}", scan.counts[cls.type]])
    if source.plugins is not None:
        for name, version in source.plugins:
            rows.append([_word("plugin", lang), f"{name} {version or '?'}"])
    else:
        rows += [[_word("extractor", lang), name] for name in scan.extractors]
    return rows


def write_workbook(source: TableSource, path: Path, *, rows_per_sheet: int = MAX_DATA_ROWS) -> None:
    """Write the facts workbook of ``source`` to ``path``, atomically.

    ``rows_per_sheet`` is the number of data rows after which a table continues on another
    sheet (Excel's limit; smaller in tests).
    """
    lang = source.lang
    maker = RowMaker(source)
    scan = _scan(source, maker)
    articles = maker.articles
    book = _Book(lang, rows_per_sheet, articles)
    try:
        # sheets are created in their final order: record types, Articles, Entities, About
        types: dict[str, tuple[_Series, int, int]] = {}
        for cls in scan.classes:
            kinds = [c.kind for c in sheet_columns(cls, lang)]
            at, url = kinds.index("article"), kinds.index("url")
            series = book.add(
                cls.type,
                tabular.sheet_title(cls, lang),
                scan.widths[cls.type].columns(),
                scan.counts[cls.type],
            )
            types[cls.type] = (series, at, url)

        def article_rows() -> Iterator[list[Any]]:
            full = iter(source.articles_in_full() if source.articles_in_full else ())
            for i, article in enumerate(articles):
                # articles the records named but the source did not list have no full row
                article = next(full, None) or article
                yield _article_values(article, scan.per_article[i], lang)

        published = labels.text("column:published", lang)
        article_widths = _Widths(
            [
                _word("id", lang),
                _word("title", lang),
                labels.text("column:outlet", lang),
                published,
                precision_header(published, lang),
                labels.text("column:url", lang),
                _word("summary", lang),
                _word("records", lang),
                _word("status", lang),
                _word("problems", lang),
                _word("source", lang),
            ],
            [False, True, False, False, False, False, True, False, False, True, False],
        )
        for row in itertools.islice(article_rows(), SAMPLE_ROWS):
            article_widths.add(row)
        article_series = book.add(
            "articles", labels.text("sheet:articles", lang), article_widths.columns(), len(articles)
        )
        entity_rows = scan.entities.rows()
        entity_widths = _Widths(
            [_word(k, lang) for k in ("kind", "entity", "key", "posts", "mentions")]
        )
        for row in entity_rows:
            entity_widths.add(row)
        entity_series = book.add(
            "entities",
            labels.text("sheet:entities", lang),
            entity_widths.columns(),
            len(entity_rows),
        )
        roles = (r for r in source.records() if isinstance(r, Role))
        pairs = ((r, articles[maker.article_position(r.article)].published) for r in roles)
        people_headers, people_rows = people.sheet(people.build(pairs), lang)
        people_widths = _Widths(people_headers)
        for row in people_rows:
            people_widths.add(row)
        people_series = book.add(
            "people", labels.text("sheet:people", lang), people_widths.columns(), len(people_rows)
        )
        about_rows = _about_rows(source, scan, articles)
        about_widths = _Widths([_word("parameter", lang), _word("value", lang)])
        for row in about_rows:
            about_widths.add(row)
        about_series = book.add(
            "about", labels.text("sheet:about", lang), about_widths.columns(), len(about_rows)
        )

        for record in source.records():
            series, at, url = types[record.type]
            position = maker.article_position(record.article)
            links = [(at, article_series.location(position), -1)]
            if book.has_link(position):
                links.append((url, "", position))
            series.append(maker.sheet_row(record), links)
        url_column = ARTICLE_URL_COLUMN
        for position, row in enumerate(article_rows()):
            links = [(url_column, "", position)] if book.has_link(position) else []
            article_series.append(row, links)
        for row in entity_rows:
            entity_series.append(row)
        for row in people_rows:
            people_series.append(row)
        for row in about_rows:
            about_series.append(row)
        for series in book.series:
            series.close()
        with atomic_path(path) as tmp:
            book.save(tmp)
    except BaseException:
        book.discard()
        raise
