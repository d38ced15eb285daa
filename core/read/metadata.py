"""What an article's own text says about it: headline, dateline, outlet, publication date.

Pure functions over the decoded text, for the patterns of Russian-language news: a short
first line as headline; datelines (``АЛМА-АТА, 31 октября. /ТАСС/.``, ``МОСКВА, 5 марта
2024 г. — РИА Новости.``, ``Бишкек, "САЯСАТ.KG".``, ``АСТАНА. KAZINFORM —``); the date
in a page header (``21 августа 2017 г. 10:21``, ``10 ноября 2021, 13:39``,
``09.12.2023``); and attributions (``передает BaigeNews.kz``, ``сообщает «Белта»``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from svodka.components import InputError, ReadOptions, Source
from svodka.model.article import Article

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
_QUOTED = r"[«\"“„](?P<{name}>[^«»\"“”„\n]{{2,40}}?)[»\"”“]"

# A line that holds only a date (and a time, a label, a weekday, a bracketed source).
_HEADER_DATE = re.compile(
    rf"^[ \t]*(?:{_LABEL}[ \t]*:?[ \t]*)?(?:{_WEEKDAY},?[ \t]*)?(?:{_TIME}{_SEP})?"
    rf"(?P<date>{_DATE})(?:{_SEP}(?:в[ \t]+)?{_TIME})?[ \t]*"
    rf"(?:[\[(][ \t]*{_QUOTED.format(name='outlet')}[ \t]*[\])]|[\[(|/•·–—-][^\n]*)?[ \t]*\r?$",
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
    rf"|(?(sep)|[—–-][ \t]*){_QUOTED.format(name='quoted')}{_END}"
    rf"|[—–-][ \t]*(?P<dash>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}){_END}"
    rf"|(?P<caps>{_CAPS_NAME})(?=[ \t]*[—–-])"
    rf"|(?=[—–-]|\.))",
    re.MULTILINE,
)
_CORRESPONDENT = re.compile(r"(?i:(?:спец\.\s*)?корр(?:\.|еспондент)\s+)([^\s,]+)")

# "передает BaigeNews.kz", "сообщает «Белта»", "передает корреспондент агентства Kazinform".
_KNOWN_AGENCIES = (
    r"(?i:ИТАР-ТАСС|ТАСС|РИА Новости|Интерфакс(?:-[А-ЯЁ][а-яё]+)?|БелТА|Казинформ|КазТАГ|Кабар"
    r"|АКИpress|Спутник|Sputnik|Ховар|Азертадж|Арменпресс|Новости-Армения|Жахон|УзА|Регнум"
    r"|РБК)(?![\w-])"
)
_LATIN_NAME = r"(?=[\w.-]*[A-Za-z])[A-Za-z0-9][\w&'’-]*(?:\.[A-Za-z0-9-]+)*(?: [A-Z][\w.-]*)?"
_GENERIC = (
    r"(?:(?i:собственный|специальный)\s+)?(?:(?i:корреспондент|корр\.|агентств[оа]"
    r"|информагентств[оа]|информационное агентство|издани[ея]|портал|сайт|газет[аы]"
    r"|телеканал|радио)|ИА|МИА)(?![\w-])"
)
_ATTRIBUTION = re.compile(
    rf"(?<![а-яё])(?i:переда[её]т|передают|сообщает|сообщают|пишет|пишут|информирует)"
    rf"(?:\s+{_GENERIC})*\s*"
    rf"(?:{_QUOTED.format(name='quoted')}|(?P<known>{_KNOWN_AGENCIES})|(?P<latin>{_LATIN_NAME}))"
)

_ISO = re.compile(
    r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?"
    r"(?:Z|[+-]\d\d(?::?\d\d)?)?)?)?)?"
)
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
    lines = text.splitlines()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or not _LETTER.search(line) or _HEADER_DATE.fullmatch(line):
            continue
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            line = heading.group(1).strip()
        more = any(following.strip() for following in lines[index + 1 :])
        return line if more and _reads_as_headline(line) else None
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
    found = _datelines(text)
    return found[0] if found else None


def _datelines(text: str) -> list[Dateline]:
    """Every dateline and header date in the head of the text, in order, up to the first
    paragraph of prose (a dateline opens it; dates further on belong to the body or to a
    list of related news)."""
    head = text[:HEAD_CHARS]
    limit = _prose_start(head)
    found = [
        d
        for d in (_dateline(m) for m in _DATELINE.finditer(head) if m.start() <= limit)
        if d is not None
    ]
    for match in _HEADER_DATE.finditer(head):
        parts = _date_parts(match.group("date"))
        if parts is not None and match.start() < limit:
            outlet = match.group("outlet")
            found.append(
                Dateline(None, *parts, outlet.strip() if outlet else None, *_stripped_span(match))
            )
    return sorted(found, key=lambda d: d.start)


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


def find_outlet(text: str) -> str | None:
    """The outlet the text names: a dateline's agency (``/ТАСС/``, ``— РИА Новости``,
    ``(Kazinform)``), else the first attribution (``передает BaigeNews.kz``, ``сообщает
    «Белта»``); None when it names none."""
    for dateline in _datelines(text):
        if dateline.outlet:
            return dateline.outlet
    match = _ATTRIBUTION.search(text)
    if match is None:
        return None
    return (match.group("quoted") or match.group("known") or match.group("latin")).strip()


def iso_date(value: str | None) -> str | None:
    """The date part of an ISO 8601 date or date-time ("2025", "2025-10", "2025-10-31",
    "2025-10-31T10:21:00+03:00"), or None when ``value`` is not one."""
    if not isinstance(value, str):
        return None
    match = _ISO.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


def publication_date(record_value: str | None, option: str | None, text: str) -> str | None:
    """The ISO 8601 publication date: the input's own value (when valid), else the --date
    ``option``, else the first full date of a dateline or page header in the text. A day
    and month without a year give None. Raises ValueError for an invalid ``option``."""
    if date := iso_date(record_value):
        return date
    if option is not None:
        if date := iso_date(option):
            return date
        raise ValueError(f"--date {option!r} is not an ISO 8601 date (YYYY-MM-DD)")
    for dateline in _datelines(text):
        if dateline.date:
            return dateline.date
    return None


def document_article(
    source: Source, text: str, options: ReadOptions, title: str | None = None
) -> Article:
    """The article of a one-article document (a text or Word file, standard input): id the
    file name without suffix (:attr:`Source.stem`), title the given one or the headline,
    outlet and publication date from the text (the ``--date`` option first)."""
    try:
        published = publication_date(None, options.date, text)
    except ValueError as exc:
        raise InputError(source.name, str(exc)) from None
    return Article(
        id=source.stem,
        text=text,
        title=title or headline(text),
        outlet=find_outlet(text),
        published=published,
        source=source.name,
    )
