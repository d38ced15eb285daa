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
    for dateline in datelines(text):
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
