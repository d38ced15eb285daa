"""Text zones, marked once per article: headline, dateline, body, clutter and footer.

:func:`svodka.text.parse.parse` asks a :class:`Zoner` for the zone of every sentence as it
splits the text; the parsed article keeps the zones (:class:`Zones`) and gives extractors and
mention finding the sentences of the headline, the dateline and the body only. Metadata, the
summariser and the extractors read the zones; nothing looks for them again.

- **headline**: the first line when it reads as one (:func:`headline`);
- **dateline**: a news-agency dateline (``АЛМА-АТА, 31 октября. /ТАСС/.``, ``МОСКВА, 5 марта
  2024 г. — РИА Новости.``, ``Бишкек, "САЯСАТ.KG".``, ``АСТАНА. KAZINFORM —``) or a date line
  in a page header (``21 августа 2017 г. 10:21``, ``09.12.2023``) (:func:`find_dateline`);
- **clutter**: site furniture inside the article: related links ("Читайте также: ..."), a link
  heading on its own line and the line under it, subscription calls, photo credits, bylines,
  exchange rates, cookie notices, tag lists, menus;
- **footer**: copyright lines, and everything from a footer heading on its own line
  ("Комментарии (3)", "Похожие новости", "Теги") once the body has begun;
- **body**: the rest.

The markers of clutter and footer are data: ``svodka/data/zones.tsv`` (``zone``, ``where``,
``pattern``; see the file's header for the columns).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Any

# The regular-expression parser, to read the first characters of a marker (a speed-up only:
# a pattern it cannot read is searched without the pre-scan). Its module moved in 3.11.
if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _parser
else:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

HEAD_CHARS = 2000
"""Datelines and header dates are looked for in this many first characters."""
MAX_HEADLINE = 200

_MONTH = (
    r"(?i:(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|ю|е|ём|ем)"
    r"|(?:март|август)(?:а|у|е|ом)?|ма(?:й|я|ю|е|ем)"
    r"|(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?)(?![а-яё]))"
)
_MONTH_NUMBERS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "май": 5,
    "мая": 5,
    "маю": 5,
    "мае": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
_YEAR = r"(?:1[89]|2\d)\d\d"
_YEAR_WORD = r"(?i:\s*(?:года|год|г\.?)(?![а-яё]))"
_WORDY_DATE = re.compile(rf"(\d{{1,2}})\s+({_MONTH})(?:\s+({_YEAR}){_YEAR_WORD}?)?")
_DOTTED_DATE = re.compile(rf"(\d{{1,2}})\.(\d{{1,2}})\.({_YEAR})(?:{_YEAR_WORD})?")
_ISO_DAY = re.compile(rf"({_YEAR})-(\d\d)-(\d\d)")
_DATE = (
    rf"(?:\d{{1,2}}\s+{_MONTH}(?:\s+{_YEAR}{_YEAR_WORD}?)?"
    rf"|\d{{1,2}}\.\d{{1,2}}\.{_YEAR}{_YEAR_WORD}?|{_YEAR}-\d\d-\d\d)"
)
_TIME = r"(?:\d{1,2}:\d\d(?::\d\d)?)"
_SEP = r"[ \t]*[,|/•·–—-]?[ \t]*"
_WEEKDAY = r"(?i:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)"
_LABEL = r"(?i:опубликовано|дата публикации|дата)"
QUOTED = r"[«\"“„](?P<{name}>[^«»\"“”„\n]{{2,40}}?)[»\"”“]"

# A line that holds only a date (and a time, a label, a weekday, a bracketed source).
_HEADER_DATE = re.compile(
    rf"^[ \t]*(?:{_LABEL}[ \t]*:?[ \t]*)?(?:{_WEEKDAY},?[ \t]*)?(?:{_TIME}{_SEP})?"
    rf"(?P<date>{_DATE})(?:{_SEP}(?:в[ \t]+)?{_TIME})?[ \t]*"
    rf"(?:[\[(][ \t]*{QUOTED.format(name='outlet')}[ \t]*[\])]|[\[(|/•·–—-][^\n]*)?[ \t]*\r?$",
    re.MULTILINE,
)

_CAPS_PLACE = r"[А-ЯЁ]{2,}(?:-[А-ЯЁ]+)*(?: [А-ЯЁ]{2,}(?:-[А-ЯЁ]+)*)?"
_TITLE_PLACE = r"[А-ЯЁ][а-яё]+(?:-(?:на-|де-|ла-)?[А-ЯЁ][а-яё]+)*(?: [А-ЯЁ][а-яё]+)?"
_NAME_WORD = r"[A-ZА-ЯЁ0-9][\w&'’-]*(?:\.[\w-]+)*"
_CAPS_NAME = r"[A-ZА-ЯЁ0-9][A-ZА-ЯЁ0-9&-]*(?:\.[A-Za-z]{2,})?(?![\w.])"
_END = r"(?=[ \t]*(?:[.,:;]|[—–-]|\r?$))"
# PLACE[, DATE][.] followed by the agency: /ТАСС/, (БЕЛТА), «Name», — РИА Новости, KAZINFORM —.
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})"
    rf"(?:[ \t]*[,.][ \t]*(?P<date>{_DATE}))?[ \t]*(?P<sep>[.,])?[ \t]*"
    rf"(?:/(?P<slash>[^/\n]{{2,60}})/"
    rf"|\((?P<paren>[«\"]?[A-ZА-ЯЁ0-9][^()\n]{{1,40}})\)"
    rf"|(?(sep)|[—–-][ \t]*){QUOTED.format(name='quoted')}{_END}"
    rf"|[—–-][ \t]*(?P<dash>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}){_END}"
    rf"|(?P<caps>{_CAPS_NAME})(?=[ \t]*[—–-])"
    rf"|(?=[—–-]|\.))",
    re.MULTILINE,
)
_LONE_PLACE = re.compile(rf"(?:{_CAPS_PLACE}|{_TITLE_PLACE})\.")
_CORRESPONDENT = re.compile(r"(?i:(?:спец\.\s*)?корр(?:\.|еспондент)\s+)([^\s,]+)")

_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?$")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_BREAK = re.compile(r"[.!?…][»\"”]?\s+[«\"„“]?[A-ZА-ЯЁ]")


@dataclass(frozen=True)
class Dateline:
    """A dateline (``АЛМА-АТА, 31 октября. /ТАСС/.``) or a date line in a page header.

    ``place`` and ``outlet`` are as written (None when not given: a header date has no
    place); ``day``, ``month`` and ``year`` are None when not given. ``start`` and ``end``
    are the character offsets of the matched text.
    """

    place: str | None
    day: int | None
    month: int | None
    year: int | None
    outlet: str | None
    start: int
    end: int

    @property
    def date(self) -> str | None:
        """The ISO 8601 date when day, month and year are all known."""
        if self.day is None or self.month is None or self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: at most :data:`MAX_HEADLINE` characters,
    two words or more, no sentence-final period or colon, and more text after it. Blank
    lines, lines without letters ("09:19") and page-header dates before it are skipped; a
    Markdown "# " is removed."""
    found = headline_line(text)
    return found[2] if found else None


def headline_line(text: str, table: Markers | None = None) -> tuple[int, int, str] | None:
    """(start, end, headline) of the line :func:`headline` reads as the headline, or None.
    Lines of site clutter before it (a menu, a photo credit) are skipped, as are blank lines,
    lines without letters and page-header dates."""
    table = table or markers()
    offset = 0
    lines = text.splitlines(keepends=True)
    for index, raw in enumerate(lines):
        start, offset = offset, offset + len(raw)
        line = raw.strip()
        if not line or not _LETTER.search(line) or _HEADER_DATE.fullmatch(line):
            continue
        low = line.lower()
        if table.find("start", low) or table.find("link", low, "fullmatch") or _menu(low, table):
            continue
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            line = heading.group(1).strip()
        more = any(following.strip() for following in lines[index + 1 :])
        if more and _reads_as_headline(line):
            return start, start + len(raw.rstrip("\r\n")), line
        return None
    return None


def _reads_as_headline(line: str) -> bool:
    if len(line) > MAX_HEADLINE or len(line.split()) < 2:
        return False
    if len(_LETTER.findall(line)) < 8:
        return False
    return not line.endswith((".", ":", ";", ",")) or line.endswith(("...", "…"))


def find_dateline(text: str) -> Dateline | None:
    """The first dateline or page-header date among the first :data:`HEAD_CHARS`
    characters, or None."""
    found = datelines(text)
    return found[0] if found else None


def datelines(text: str) -> list[Dateline]:
    """Every dateline and header date in the head of the text, in order, up to the first
    paragraph of prose (a dateline opens it; dates further on belong to the body or to a
    list of related news)."""
    head = text[:HEAD_CHARS]
    limit = _prose_start(head)
    found = [
        d for d in (_dateline(m) for m in _line_matches(_DATELINE, head, limit)) if d is not None
    ]
    for match in _line_matches(_HEADER_DATE, head, limit - 1):
        parts = _date_parts(match.group("date"))
        if parts is not None and match.start() < limit:
            outlet = match.group("outlet")
            found.append(
                Dateline(None, *parts, outlet.strip() if outlet else None, *_stripped_span(match))
            )
    return sorted(found, key=lambda d: d.start)


def _line_matches(pattern: re.Pattern[str], text: str, last: int) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives that starts at or before offset ``last``, for a
    pattern that begins with ``^`` in MULTILINE mode: tried at the starts of lines up to
    ``last`` only, rather than at every character of the text."""
    start = end = 0
    while start <= last:
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = match.end()
        newline = text.find("\n", start)
        if newline < 0:
            break
        start = newline + 1


def _prose_start(text: str) -> int:
    """The offset of the first line of prose: eight words or more, ending a sentence or
    holding two; the length of the text when there is none."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if len(stripped.split()) >= 8 and (
            stripped.endswith((".", "!", "?", "…")) or _SENTENCE_BREAK.search(stripped)
        ):
            return offset
        offset += len(line)
    return len(text)


def _dateline(match: re.Match[str]) -> Dateline | None:
    """The dateline a match stands for, or None when it is too weak: without a date, an
    agency in brackets or capitals needs a place in capitals, and a dash needs a date."""
    place, date = match.group("place"), match.group("date")
    caps_place = place.upper() == place
    if match.group("slash"):
        outlet = match.group("slash").strip()
        correspondent = _CORRESPONDENT.match(outlet)
        outlet = correspondent.group(1) if correspondent else outlet
    elif match.group("quoted"):
        outlet = match.group("quoted").strip()
    elif match.group("paren") or match.group("caps"):
        if not (date or caps_place):
            return None
        outlet = (match.group("paren") or match.group("caps")).strip('«»" ')
    elif not date:
        return None
    else:
        outlet = match.group("dash")  # None: a place and a date only
    parts = _date_parts(date) if date else (None, None, None)
    if parts is None:
        return None
    return Dateline(place, *parts, outlet, *_stripped_span(match))


def _lone_place(sentence: str) -> bool:
    """A sentence that is a place alone ("Астана."): a bare dateline opening a body line."""
    return _LONE_PLACE.fullmatch(sentence.strip()) is not None


def _stripped_span(match: re.Match[str]) -> tuple[int, int]:
    """The offsets of a match without the white space around it."""
    matched = match.group()
    return (
        match.start() + len(matched) - len(matched.lstrip()),
        match.end() - len(matched) + len(matched.rstrip()),
    )


def _date_parts(value: str) -> tuple[int | None, int | None, int | None] | None:
    """(day, month, year) of a date as written, year None when not given; None when it is
    not a real date."""
    value = value.strip()
    if m := _WORDY_DATE.fullmatch(value):
        day, month = int(m.group(1)), _MONTH_NUMBERS[m.group(2)[:3].lower()]
        year = int(m.group(3)) if m.group(3) else None
    elif m := _DOTTED_DATE.fullmatch(value):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _ISO_DAY.fullmatch(value):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    try:
        dt.date(year or 2000, month, day)  # 2000: a leap year, so 29 февраля passes
    except ValueError:
        return None
    return day, month, year


HEADLINE, DATELINE, BODY, CLUTTER, FOOTER = "headline", "dateline", "body", "clutter", "footer"
CONTENT = frozenset({HEADLINE, DATELINE, BODY})
"""The zones whose sentences extractors, mention finding and summaries see."""
STARTED_WORDS = 5
"""A body sentence of this many words begins the article: footer headings count from it."""
MENU_ITEMS = 3
"""A menu line has at least this many items between its separators ..."""
MENU_ITEM_WORDS = 3
"""... of at most this many words each."""
DATELINE_LINES = 3
"""A dateline is looked for at the start of lines until this many lines of prose (a body
sentence of :data:`STARTED_WORDS` words) have passed."""
RATE_LOWER_WORDS = 2
"""An exchange-rate line has at most this many lower-case words (of three letters or more)."""
_WHERE = ("heading", "list", "link", "start", "within", "rates", "menu")
_LOWER_WORD = re.compile(r"\b[a-zа-яё]{3,}")


@dataclass(frozen=True, slots=True)
class Zone:
    """A stretch of the article text (offsets ``start``-``end``) of one zone ``kind``."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Markers:
    """The clutter and footer markers of ``zones.tsv``, compiled: per place (``where``) the
    pairs (zone, pattern) in the file's order."""

    by_where: dict[str, list[tuple[str, re.Pattern[str]]]]
    anywhere: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...] = ()
    """The ``within`` and ``rates`` patterns, each line's alone, each with a scan for the
    characters its matches can begin with when there are several (None: no such scan): a
    sentence that none of them finds (as most) holds no such marker. Joined, the patterns
    would be tried at every character of every sentence."""

    def holds_any(self, text: str) -> bool:
        """Whether ``text`` (in lower case) holds a ``within`` or ``rates`` marker."""
        return any(
            (first is None or first.search(text)) and pattern.search(text)
            for first, pattern in self.anywhere
        )

    def find(self, where: str, text: str, how: str = "match") -> str | None:
        """The zone of the first marker of ``where`` that matches ``text``, in lower case
        (``how``: "match", "fullmatch" or "search"), or None."""
        for zone, pattern in self.by_where.get(where, ()):
            if getattr(pattern, how)(text):
                return zone
        return None


@lru_cache(maxsize=1)
def markers() -> Markers:
    """The markers of the built-in ``zones.tsv``, read once."""
    return parse_markers(files("svodka.data").joinpath("zones.tsv").read_text("utf-8"))


def parse_markers(table: str) -> Markers:
    """Markers from the text of a zones table (tab-separated ``zone where pattern``; blank
    lines and lines starting with "#" skipped): the patterns of one zone and place are joined
    into one, matched against lower-case text (so written in lower case: a search without
    IGNORECASE is several times faster). Raises ValueError on a malformed line."""
    joined: dict[tuple[str, str], list[str]] = {}
    anywhere: list[tuple[re.Pattern[str] | None, re.Pattern[str]]] = []
    for number, line in enumerate(table.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in (CLUTTER, FOOTER) or cells[1] not in _WHERE:
            raise ValueError(f"zones table line {number}: expected zone, where and pattern")
        joined.setdefault((cells[0], cells[1]), []).append(cells[2])
        if cells[1] in ("within", "rates"):
            anywhere.append((_first_scan(cells[2]), re.compile(cells[2])))
    by_where: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for (zone, where), patterns in joined.items():
        body = "|".join(f"(?:{p})" for p in patterns)
        if where in ("heading", "list", "link"):
            body = rf"(?:{body})\W*"  # the line alone, closing punctuation allowed
        by_where.setdefault(where, []).append((zone, re.compile(body)))
    return Markers(by_where, tuple(anywhere))


def _first_scan(pattern: str) -> re.Pattern[str] | None:
    """A character class of the characters a match of ``pattern`` can begin with, when there
    are several and they can be told (a literal first character the engine skips to alone)."""
    try:
        parsed = _parser.parse(pattern)
        chars = None if parsed.state.flags & re.IGNORECASE else _first_chars(parsed)
    except Exception:  # noqa: BLE001 - the parser's internals changed: no pre-scan, same matches
        return None
    if chars is None or len(chars) < 2:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _first_chars(items: Any) -> set[str] | None:
    """The characters a match of parsed pattern items can begin with, or None when any
    may, the match may be empty or the items are beyond this simple reading."""
    for op, arg in items:
        if op is _c.AT:  # \b and the like match no character
            continue
        if op is _c.LITERAL:
            return {chr(arg)}
        if op is _c.IN:
            chars: set[str] = set()
            for kind, value in arg:
                if kind is not _c.LITERAL:
                    return None
                chars.add(chr(value))
            return chars
        if op is _c.BRANCH:
            chars = set()
            for alternative in arg[1]:
                first = _first_chars(alternative)
                if first is None:
                    return None
                chars |= first
            return chars
        if op is _c.SUBPATTERN and not (arg[1] or arg[2]):  # a group without flags
            return _first_chars(arg[3])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            return _first_chars(arg[2])
        return None
    return None


@dataclass
class Zones:
    """The zones of an article: its stretches in text order (adjacent sentences of one zone
    joined; white space between sentences belongs to none) and the dateline found in it."""

    spans: list[Zone]
    dateline: Dateline | None

    def of(self, kind: str) -> list[Zone]:
        """The stretches of one zone."""
        return [zone for zone in self.spans if zone.kind == kind]

    def at(self, offset: int) -> str | None:
        """The zone of the character at ``offset``, or None between zones."""
        for zone in self.spans:
            if zone.start <= offset < zone.end:
                return zone.kind
            if zone.start > offset:
                break
        return None


def site_line(line: str) -> bool:
    """A line of site clutter by its words (a marker opening it, "Фото: ...", "По теме: ...",
    or held anywhere, "... подпишитесь на рассылку") that is not a heading ending the article
    ("Комментарии (3)")."""
    table = markers()
    line = line.strip().lower()
    clutter = table.find("start", line) or table.find("within", line, "search")
    return clutter == CLUTTER and not (
        table.find("heading", line, "fullmatch") or table.find("list", line, "fullmatch")
    )


def list_heading(line: str) -> bool:
    """A heading of related links or of a list of other news ("Читайте также", "Другие
    новости"), alone on its line."""
    table = markers()
    line = line.strip().lower()
    return bool(table.find("link", line, "fullmatch") or table.find("list", line, "fullmatch"))


def _menu(line: str, table: Markers) -> bool:
    """A line of :data:`MENU_ITEMS` short items or more between separators."""
    for _, pattern in table.by_where.get("menu", ()):
        items = pattern.split(line)
        if len(items) >= MENU_ITEMS and all(
            _LETTER.search(item) and len(item.split()) <= MENU_ITEM_WORDS for item in items
        ):
            return True
    return False


class Zoner:
    """The zone of every sentence of one text, given line by line in text order."""

    def __init__(self, text: str, table: Markers | None = None) -> None:
        self.markers = table or markers()
        self.headline = headline_line(text, self.markers)
        self._datelines = datelines(text)
        self.dateline = self._datelines[0] if self._datelines else None
        self.spans: list[list] = []  # [kind, start, end], adjacent ones of a kind joined
        self.started = False  # a body sentence has been met: footer headings count
        self.in_footer = False
        self.after_link = False  # the line under a link heading
        self.body_lines = 0

    def line(self, line: str, start: int, sentences: list[tuple[int, int, str]]) -> list[str]:
        """The zones of the sentences ``(start, end, text)`` of a line (at offset ``start``
        of the text), in order. A dateline opening one of the first lines of the body is
        the dateline when the head of the text has none, or only a page header's date (a
        page's teaser before it)."""
        if self.body_lines < DATELINE_LINES and (
            self.dateline is None or self.dateline.place is None
        ):
            match = _DATELINE.match(line)
            found = _dateline(match) if match else None
            if found is None and match and sentences and _lone_place(sentences[0][2]):
                found = Dateline(match.group("place"), None, None, None, None, *match.span("place"))
            if found is not None:
                self.dateline = replace(found, start=found.start + start, end=found.end + start)
        zones = self._zones(line.strip().lower(), sentences)
        if self.body_lines < DATELINE_LINES:
            self.body_lines += any(
                zone is BODY and len(text.split()) >= STARTED_WORDS
                for (_, _, text), zone in zip(sentences, zones, strict=True)
            )
        for (start, end, _), zone in zip(sentences, zones, strict=True):
            self._add(zone, start, end)
        return zones

    def _zones(self, line: str, sentences: list[tuple[int, int, str]]) -> list[str]:
        """The zones of a line's sentences; ``line`` is in lower case."""
        count = len(sentences)
        find = self.markers.find
        if self.in_footer:
            return [FOOTER] * count
        if self.after_link:
            self.after_link = False
            return [CLUTTER] * count
        if zone := find("link", line, "fullmatch"):
            self.after_link = True
            return [zone] * count
        if self.started and (
            zone := find("heading", line, "fullmatch") or find("list", line, "fullmatch")
        ):
            self.in_footer = True
            return [zone] * count
        if _menu(line, self.markers):
            date = self.dateline  # a menu is no dateline ("Главная / Новости / Политика")
            if date is not None and sentences and date.start < sentences[-1][1]:
                later = (d for d in self._datelines if d.start >= sentences[-1][1])
                self.dateline = next(later, None)
            return [CLUTTER] * count
        zones: list[str] = []
        for start, end, text in sentences:
            text = text.strip()
            low = text.lower()
            zone = self._place(start, end, text) or find("start", low) or self._marked(text, low)
            if zone is BODY and not self.started:
                self.started = len(text.split()) >= STARTED_WORDS
            zones.append(zone)
        return zones

    def _place(self, start: int, end: int, text: str) -> str | None:
        """HEADLINE or DATELINE for a sentence (``text``, stripped) within the headline or
        the dateline (the stop after a dateline belongs to it)."""
        head, date = self.headline, self.dateline
        if head is not None and head[0] <= start and end <= head[1]:
            return HEADLINE
        if (
            date is not None
            and date.start <= start < date.end
            and not _LETTER.search(text[date.end - start :])
        ):
            return DATELINE
        return None

    def _marked(self, text: str, low: str) -> str:
        """The zone of a sentence (``text``, and ``low`` in lower case) by a marker it holds
        anywhere or its currency signs."""
        if not self.markers.holds_any(low):
            return BODY
        if zone := self.markers.find("within", low, "search"):
            return zone
        for zone, pattern in self.markers.by_where.get("rates", ()):
            if len(pattern.findall(low)) >= 2 and (
                len(_LOWER_WORD.findall(text)) <= RATE_LOWER_WORDS
            ):
                return zone
        return BODY

    def footer_from(self, start: int, end: int) -> None:
        """The text from ``start`` to ``end`` is the footer (the lines after a footer heading,
        given at once rather than line by line)."""
        if start < end:
            self._add(FOOTER, start, end)

    def _add(self, kind: str, start: int, end: int) -> None:
        spans = self.spans
        if spans and spans[-1][0] == kind:
            spans[-1][2] = end
        else:
            spans.append([kind, start, end])

    def zones(self) -> Zones:
        """The zones of the lines given so far."""
        return Zones([Zone(*span) for span in self.spans], self.dateline)


_WORD_AT_END = re.compile(r"(\w[\w-]*)\W*\Z")
_ENDS_WHOLE = frozenset(".!?…»\"”)")


def cut_off_at(text: str) -> int | None:
    """Where the last word of a text that may be cut off in the middle starts (a page's
    opening stored up to a limit: "... по всем темам и двусто"): the text ends in a word
    with no stop or closing mark after it, so that word is not to be trusted. None when the
    text ends whole."""
    tail = text.rstrip()
    if not tail or tail[-1] in _ENDS_WHOLE:
        return None
    match = _WORD_AT_END.search(tail)
    return match.start(1) if match and match.end(1) == len(tail) else None
