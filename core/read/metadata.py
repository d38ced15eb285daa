"""What an article's own text says about it: headline, outlet, publication date.

Pure functions over the decoded text. The headline and the dateline (``АЛМА-АТА, 31
октября. /ТАСС/.``) are zones of the text, found by :mod:`svodka.text.zones`; this module
adds the outlet of a dateline or of an attribution (``передает BaigeNews.kz``, ``сообщает
«Белта»``) and the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from svodka.components import InputError, ReadOptions, Source
from svodka.model.article import Article
from svodka.text.zones import QUOTED, datelines, headline

__all__ = ["document_article", "find_outlet", "iso_date", "publication_date"]

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
    rf"(?:{QUOTED.format(name='quoted')}|(?P<known>{_KNOWN_AGENCIES})|(?P<latin>{_LATIN_NAME}))"
)

_ISO = re.compile(
    r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?"
    r"(?:Z|[+-]\d\d(?::?\d\d)?)?)?)?)?"
)


def find_outlet(text: str) -> str | None:
    """The outlet the text names: a dateline's agency (``/ТАСС/``, ``— РИА Новости``,
    ``(Kazinform)``), else the first attribution (``передает BaigeNews.kz``, ``сообщает
    «Белта»``); None when it names none."""
    for dateline in datelines(text):
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


def publication_date(
    record_value: str | None, option: str | None, text: str, file_date: str | None = None
) -> str | None:
    """The ISO 8601 publication date: the input's own full date; else the --date ``option``;
    else the date of the text's first dated dateline or page header. A dateline without a
    year ("АЛМА-АТА, 31 октября. /ТАСС/.") takes it from the input's own partial date, else
    from ``file_date`` (the file's own metadata, such as a Word file's core properties): the
    latest such day on or before that date (of a month: within six months either way; of a
    year alone: in that year). Else the input's partial date; None when nothing dates the
    article. Raises ValueError for an invalid ``option``."""
    own = iso_date(record_value)
    if own and len(own) == 10:
        return own
    if option is not None:
        if date := iso_date(option):
            return date
        raise ValueError(f"--date {option!r} is not an ISO 8601 date (YYYY-MM-DD)")
    anchor = own or iso_date(file_date)
    for dateline in datelines(text):
        if dateline.date:
            return dateline.date
        if (
            dateline.day
            and dateline.month
            and anchor
            and (dated := _in_year_of(dateline.day, dateline.month, anchor))
        ):
            return dated
    return own


def _in_year_of(day: int, month: int, anchor: str) -> str | None:
    """A day and month dated by ``anchor`` (ISO, possibly partial): the latest on or before
    it (a day's grace), within six months either way of a month, in the year of a year."""
    year = int(anchor[:4])
    if len(anchor) >= 10:
        last = dt.date.fromisoformat(anchor[:10]) + dt.timedelta(days=1)
        if (month, day) > (last.month, last.day) and last.year == year:
            year -= 1
    elif len(anchor) >= 7:
        year += (int(anchor[5:7]) - month > 6) - (month - int(anchor[5:7]) > 6)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None  # 29 February of a year that has none


def document_article(
    source: Source,
    text: str,
    options: ReadOptions,
    title: str | None = None,
    file_date: str | None = None,
) -> Article:
    """The article of a one-article document (a text or Word file, standard input): id the
    file name without suffix (:attr:`Source.stem`), title the given one or the headline,
    outlet and publication date from the text (:func:`publication_date`; ``file_date``: the
    file's own date, for a dateline without a year)."""
    try:
        published = publication_date(None, options.date, text, file_date)
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
