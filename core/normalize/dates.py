"""Dates and planning periods in Russian news text, normalised to ISO 8601.

Values are ISO 8601, partial where the text is partial: "2025-10-31", "2025-10", "2025".
Expressions that need the publication date ("31 октября", "в мае", "вчера", "в прошлом
году", "в понедельник", "летом") are resolved against ``doc.article.published``; when
that is unknown (or too partial, e.g. "вчера" against "2025-10") the mention is still
reported, with ``value`` None and ``relative`` True.

Conventions (kept simple on purpose):

- A day or month without a year is the occurrence nearest the publication date: within six
  months either way ("31 декабря" in an article of 2 January is last December, "в январе"
  in a November article is next January).
- A bare weekday ("в понедельник") is the most recent such day on or before publication;
  "в прошлый/минувший понедельник" the most recent strictly before; "в следующий/
  ближайший понедельник" the next strictly after; "в этот понедельник" the one in the
  publication's week. "В понедельник, 16 мая" is simply 16 May.
- "накануне" is the day before publication, also in "накануне визита".
- A season ("летом", "этим летом", "летом текущего года") is partial to the year.
- A four-digit number is a year only with "год"/"г." after it, a month before it, or as
  part of a range ("с 2019 по 2021 год"): "2026 человек" is no date.
- "на 2026 год", "на 2026–2030 годы", "2026-2030 гг." are planning periods
  (:func:`find_periods`), not dates; :func:`find_dates` leaves them out.

:func:`context_date` dates a fact whose own clause names no date by what the article says
around it (the event it refers to, a follow-up decision, the dateline); :func:`date_value`
reads "накануне саммита" as the eve of the summit as the article dates it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from svodka.extract.rules import derived, table, words

if TYPE_CHECKING:
    from svodka.text.parse import ParsedArticle, Sentence, Token

__all__ = [
    "DateMention",
    "PeriodMention",
    "context_date",
    "date_in_sentence",
    "arrival",
    "date_value",
    "dateline_lead",
    "fact_date",
    "find_dates",
    "in_year",
    "find_periods",
    "on_side",
    "period_in_sentence",
    "resolve",
    "same_day",
]


@dataclass(frozen=True)
class DateMention:
    """A date in the text: token indices ``[start, end)`` into ``doc.tokens``.

    ``value`` is ISO 8601 (partial allowed) or None when it cannot be resolved;
    ``end_value`` is the last day/month/year of a range ("с 17 по 23 июля"), else None.
    ``relative`` is True when the value depends on the publication date.
    ``prep`` is the preposition right before the mention ("в", "с", "до", "к" ...), if any.
    ``yearless`` is True for a day or month written without its year ("в ноябре", "3 июля"),
    which the value places at the occurrence nearest publication (see :func:`on_side`).
    """

    start: int
    end: int
    value: str | None
    relative: bool
    text: str
    end_value: str | None = None
    prep: str | None = None
    yearless: bool = False


@dataclass(frozen=True)
class PeriodMention:
    """A planning period ("на 2026 год" → "2026", "на 2026–2030 годы" → "2026-2030")."""

    start: int
    end: int
    value: str
    text: str


# --- word tables (lower case, ё written as е) ---------------------------------------------

_MONTHS: dict[str, int] = {}
for _n, _stem in enumerate(
    ("январ", "феврал", "", "апрел", "", "июн", "июл", "", "сентябр", "октябр", "ноябр", "декабр"),
    1,
):
    if _stem:
        for _end in ("ь", "я", "е", "ю", "ем"):
            _MONTHS[_stem + _end] = _n
for _end in ("", "а", "е", "у", "ом"):
    _MONTHS["март" + _end] = 3
    _MONTHS["август" + _end] = 8
for _form in ("май", "мая", "мае", "маю", "маем"):
    _MONTHS[_form] = 5

_MONTH_ABBR = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip

_YEAR_WORDS = {"год", "года", "году", "годом", "годе", "годы", "годов", "годам", "годами", "годах"}
_YEAR_SG = {"год", "года", "году", "годом", "годе"}
_YEAR_PL = {"годы", "годов", "годам", "годами", "годах"}
_YEAR_ABBR = {"г", "гг"}
_MONTH_WORDS = {"месяц", "месяца", "месяце", "месяцем"}

_ADJ_ENDINGS = (
    "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ую", "юю",
    "его", "ого", "ему", "ому", "ем", "ом", "им", "ым", "ей",
)  # fmt: skip
_REL_ADJ: dict[str, int] = {}
for _off, _stems in (
    (0, ("текущ", "нынешн", "уходящ")),
    (-1, ("прошл", "минувш", "прошедш", "предыдущ", "истекш")),
    (-2, ("позапрошл",)),
    (1, ("следующ", "будущ", "наступающ", "грядущ")),
):
    for _stem in _stems:
        for _end in _ADJ_ENDINGS:
            _REL_ADJ[_stem + _end] = _off
for _form in ("этот", "этого", "этом", "этим", "этому", "этой", "эту"):  # not "это год"
    _REL_ADJ[_form] = 0
# "ближайший" only points forward for weekdays ("в ближайшую пятницу").
_NEAREST = {"ближайш" + _end for _end in _ADJ_ENDINGS}
_THIS = {"этот", "эту", "это"}  # "в этот четверг": in the publication's week

# The words that date a fact by the publication date alone ("сегодня", "накануне"): their
# offset in days; and the words of a week ("на этой неделе": the publication's week).
_REL_DAYS: dict[str, int] = table("dates.relative_days", int)
WEEK_WORDS = words("dates.week_words")

_WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}  # fmt: skip
_WEEKDAY_ABBR = {"пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6}

# Seasons: the instrumental adverbs stand alone ("летом"); other forms need a year.
_SEASON_ADVERBS = {"летом", "зимой", "зимою", "весной", "весною", "осенью"}
_SEASONS = _SEASON_ADVERBS | {
    "лето", "лета", "лету", "лете", "зима", "зимы", "зиме", "зиму",
    "весна", "весны", "весне", "весну", "осень", "осени",
}  # fmt: skip

# The words a date expression may start with (besides numbers): see _Scanner.match.
_DATE_STARTS = derived(
    lambda: {
        *_MONTHS, *_MONTH_ABBR, *_REL_DAYS, "в", "во", *_WEEKDAYS, *_WEEKDAY_ABBR, *_REL_ADJ,
        *_SEASONS,
    }
)  # fmt: skip
_SENTENCE_STARTS = derived(lambda: _DATE_STARTS - {"в", "во"})
# A part of a year before a bare "года" ("во второй половине года"): the publication's year.
YEAR_PARTS = words("dates.year_parts")

_PREPS = {"в", "во", "с", "со", "до", "к", "ко", "по", "на", "после", "от", "около", "за"}
_DASHES = {"-", "‐", "‑", "‒", "–", "—", "−"}
_RANGE_PREPS = {"с", "со", "от"}

_NUM_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY = re.compile(r"^(\d{1,2})(?:-?(?:го|е|ое|ого))?$")
_YEAR = re.compile(r"^(1[7-9]\d\d|2[01]\d\d)$")
_PAIR = re.compile(r"^(\d{1,4})[-‐‑‒–—−/](\d{1,4})$")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_ANCHOR = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_SCHOOL_YEAR = {
    "учебный", "учебного", "учебном", "учебному", "учебные", "учебных",
    "финансовый", "финансового", "финансовом", "бюджетный", "бюджетного", "бюджетном",
    "отчетный", "отчетного", "отчетном",
}  # fmt: skip


@lru_cache(maxsize=100_000)
def _norm(text: str) -> str:
    """Lower case, ё as е; a number glued to a comma or full stop ("2021,") loses it."""
    if text[-1:] in ",." and text[:-1].isdigit():
        return text[:-1]
    return text.lower().replace("ё", "е")


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int | None, m: int, d: int) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    try:
        date(2000 if y is None else y, m, d)  # 2000 is a leap year: 29 Feb allowed
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _Anchor:
    """The publication date, possibly partial."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, published: str | None) -> _Anchor:
        m = _ANCHOR.match(published or "")
        if not m:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo is not None and not 1 <= mo <= 12:
            return cls(y)
        if d is not None and (mo is None or not _valid(y, mo, d)):
            return cls(y, mo)
        return cls(y, mo, d)

    @property
    def date(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def year_for(self, month: int) -> int | None:
        """The year a month without one is in: the occurrence nearest the publication
        ("в декабре" in a January article is last December, "в январе" in a November
        article next January)."""
        if self.year is None or self.month is None:
            return self.year
        if month - self.month > 6:
            return self.year - 1
        if self.month - month > 6:
            return self.year + 1
        return self.year

    def shift_year(self, off: int) -> int | None:
        return None if self.year is None else self.year + off

    def shift_month(self, off: int) -> str | None:
        if self.year is None or self.month is None:
            return None
        total = self.year * 12 + self.month - 1 + off
        return _iso(total // 12, total % 12 + 1)


# (start, end, value, relative, end_value) in a sentence's local token indices
_Match = tuple[int, int, str | None, bool, str | None]


@dataclass
class _Atom:
    """A piece of a date: local token span, fields, and what kind of piece it is.

    kinds: "dm" day-month(-year), "m" month(-year), "y" year with "год", "full" a
    numeric date, "bare_d"/"bare_y" a lone day or year usable only to open a range.
    """

    start: int
    end: int
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    explicit: bool = False  # year written in the text

    @property
    def value(self) -> str | None:
        return _iso(self.y, self.m, self.d)


class _Scanner:
    """Matches date expressions in one sentence (local indices; padded with "")."""

    PAD = 8

    def __init__(self, words: list[str], texts: list[str], anchor: _Anchor) -> None:
        self.n = len(words)
        self.w = words + [""] * self.PAD
        self.t = texts
        self.a = anchor
        self.skip_to = 0  # set past an impossible date, so that its parts are not reused

    # -- small readers -------------------------------------------------------------------

    def prev(self, i: int) -> str:
        return self.w[i - 1] if i > 0 else ""

    def year(self, i: int) -> int | None:
        w = self.w[i]
        return int(w) if len(w) == 4 and _YEAR.match(w) else None

    def year_word(self, i: int) -> int | None:
        """End index after "год"/"годы"/"г."/"гг." at i, else None."""
        w = self.w[i]
        if w in _YEAR_WORDS:
            return i + 1
        if w in _YEAR_ABBR:
            return i + 2 if self.w[i + 1] == "." else i + 1
        return None

    def month(self, i: int) -> tuple[int, int] | None:
        """(month, end) for a month name or abbreviation at i."""
        w = self.w[i]
        if w in _MONTHS:
            return _MONTHS[w], i + 1
        if w in _MONTH_ABBR:
            if self.w[i + 1] == ".":
                return _MONTH_ABBR[w], i + 2
            if _DAY.match(self.prev(i)) or self.year(i + 1):
                return _MONTH_ABBR[w], i + 1
        return None

    def year_after(self, i: int) -> tuple[int | None, int, bool] | None:
        """A year following a month or season: "2020 (года)", "текущего/прошлого года"."""
        y = self.year(i)
        if y is not None:
            end = self.year_word(i + 1)
            return y, end if end else i + 1, True
        off = _REL_ADJ.get(self.w[i])
        if off is not None and self.w[i + 1] in _YEAR_SG:
            return self.a.shift_year(off), i + 2, False
        return None

    # -- atoms ---------------------------------------------------------------------------

    def atom(self, i: int) -> _Atom | None:
        y: int | None  # None: a month's year the article does not give
        w = self.w[i]
        if not w:
            return None
        if w[0].isdigit():
            m = _NUM_DATE.match(w)
            if m:
                d, mo, y = (int(g) for g in m.groups())
                return _Atom(i, i + 1, "full", y, mo, d, True) if _valid(y, mo, d) else None
            m = _ISO_DATE.match(w)
            if m:
                y, mo, d = (int(g) for g in m.groups())
                return _Atom(i, i + 1, "full", y, mo, d, True) if _valid(y, mo, d) else None
            m = _DAY.match(w)
            if m:
                d = int(m.group(1))
                month = self.month(i + 1)
                if month:
                    mo, end = month
                    ya = self.year_after(end)
                    y, end, explicit = ya if ya else (self.a.year_for(mo), end, False)
                    if not _valid(y, mo, d):
                        self.skip_to = end  # "31 февраля": no date, and not "февраля" alone
                        return None
                    return _Atom(i, end, "dm", y, mo, d, explicit)
                return _Atom(i, i + 1, "bare_d", d=d) if 1 <= d <= 31 else None
            y = self.year(i)
            if y is not None:
                after = self.year_word(i + 1)
                if after:
                    return _Atom(i, after, "y", y, explicit=True)
                return _Atom(i, i + 1, "bare_y", y, explicit=True)
            return None
        month = self.month(i)
        if month:
            mo, end = month
            ya = self.year_after(end)
            if ya:
                y, end, explicit = ya
                return _Atom(i, end, "m", y, mo, explicit=explicit)
            text = self.t[i]
            if i > 0 and text[:1].isupper() and text[1:].islower():
                return None  # "Октябрь" mid-sentence is a name, not a month
            return _Atom(i, end, "m", self.a.year_for(mo), mo)
        return None

    # -- ranges --------------------------------------------------------------------------

    def range_end(self, first: _Atom) -> tuple[_Atom, _Atom] | None:
        """Both halves of "17–23 июля", "с 31 августа по 6 сентября", "с 2019 по 2021 год".

        The first half takes the month and year it lacks from the second.
        """
        k = first.end
        c = self.w[k]
        if not (c in _DASHES or (c in ("по", "до") and self.prev(first.start) in _RANGE_PREPS)):
            return None
        a2 = self.atom(k + 1)
        if a2 is None:
            return None
        a1 = replace(first)
        if a1.kind in ("bare_d", "dm", "full") and a2.kind in ("dm", "full"):
            if a1.kind == "bare_d":
                a1.m = a2.m
            if not a1.explicit:
                a1.y = a2.y
                if a1.y is not None and a1.m is not None and a2.m is not None and a1.m > a2.m:
                    a1.y -= 1  # "с 28 декабря по 5 января 2025 года"
            if a1.m is None or a1.d is None or not _valid(a1.y, a1.m, a1.d):
                return None
        elif a1.kind == "m" and a2.kind == "m":
            if not a1.explicit:
                a1.y = a2.y
                if a1.y is not None and a1.m is not None and a2.m is not None and a1.m > a2.m:
                    a1.y -= 1
        elif a1.kind in ("y", "bare_y") and a2.kind == "y":
            if a1.kind == "y" and c in _DASHES:
                return None  # "2019 год – 2021 год": two dates
        else:
            return None
        if a1.value is not None and a2.value is not None and a1.value > a2.value:
            return None
        return a1, a2

    # -- the matcher ---------------------------------------------------------------------

    def match(self, i: int) -> _Match | None:
        """(start, end, value, relative, end_value) of a date expression starting at i."""
        w = self.w[i]
        a = self.a
        if w[:1].isdigit():
            m = _PAIR.match(w)
            if m:
                return self.pair(i, int(m.group(1)), int(m.group(2)))
            a1 = self.atom(i)
            if a1 is None:
                return None
            pair = self.range_end(a1)
            if pair is not None:
                b1, b2 = pair
                return b1.start, b2.end, b1.value, not (b1.explicit and b2.explicit), b2.value
            if a1.kind in ("bare_d", "bare_y"):
                return None
            return a1.start, a1.end, a1.value, not a1.explicit, None
        if w in _MONTHS or w in _MONTH_ABBR:
            a1 = self.atom(i)
            if a1 is None:
                return None
            pair = self.range_end(a1)
            if pair is not None:
                b1, b2 = pair
                return b1.start, b2.end, b1.value, not (b1.explicit and b2.explicit), b2.value
            return a1.start, a1.end, a1.value, not a1.explicit, None
        if w in _REL_DAYS:
            d = a.date
            value = None if d is None else (d + timedelta(_REL_DAYS[w])).isoformat()
            return i, i + 1, value, True, None
        if w in ("в", "во"):
            return self.weekday(i + 1)
        if w in _WEEKDAYS or w in _WEEKDAY_ABBR:
            # "Понедельник, 16 мая": the explicit date wins.
            j = i + 1 if self.w[i + 1] != "," else i + 2
            a1 = self.atom(j)
            if a1 is not None and a1.kind in ("dm", "full"):
                return i, a1.end, a1.value, not a1.explicit, None
            return None
        if w in YEAR_PARTS:  # "во второй половине года": the publication's year
            bare = self.w[i + 1] in _YEAR_SG and self.year(i + 2) is None
            return (i, i + 2, _iso(a.shift_year(0)), True, None) if bare else None
        if w in _REL_ADJ:
            off = _REL_ADJ[w]
            nxt = self.w[i + 1]
            if nxt in _YEAR_SG:
                return i, i + 2, _iso(a.shift_year(off)), True, None
            if nxt in _SEASONS:
                return i, i + 2, _iso(a.shift_year(off)), True, None
            if nxt in _MONTH_WORDS:
                return i, i + 2, a.shift_month(off), True, None
            if nxt in WEEK_WORDS:  # "на этой неделе": Monday to Sunday of that week
                d = a.date
                if d is None:
                    return i, i + 2, None, True, None
                monday = d - timedelta(d.weekday() - 7 * off)
                return i, i + 2, monday.isoformat(), True, (monday + timedelta(6)).isoformat()
            return None
        if w in _SEASONS:
            ya = self.year_after(i + 1)
            if ya:
                y, end, explicit = ya
                return i, end, _iso(y), not explicit, None
            if w in _SEASON_ADVERBS:
                return i, i + 1, _iso(a.year), True, None
        return None

    def pair(self, i: int, n1: int, n2: int) -> _Match | None:
        """A one-token range: "17–23" + month, or "2019–2021" + "годах"."""
        month = self.month(i + 1)
        if month and 1 <= n1 < n2 <= 31:
            mo, end = month
            ya = self.year_after(end)
            y, end, explicit = ya if ya else (self.a.year_for(mo), end, False)
            if not (_valid(y, mo, n1) and _valid(y, mo, n2)):
                return None
            return i, end, _iso(y, mo, n1), not explicit, _iso(y, mo, n2)
        if 1700 <= n1 < n2 <= 2199 and "/" not in self.w[i]:
            after = self.year_word(i + 1)
            if after:
                return i, after, _iso(n1), False, _iso(n2)
        return None

    def weekday(self, i: int) -> _Match | None:
        """After "в": "понедельник", "прошлую пятницу", "ближайшую среду"."""
        w = self.w[i]
        mode = "recent"
        j = i
        if w in _THIS:
            mode, j = "week", i + 1
        elif w in _REL_ADJ or w in _NEAREST:
            off = _REL_ADJ.get(w, 1)
            mode = "recent" if off == 0 else "before" if off < 0 else "after"
            j = i + 1
        target = _WEEKDAYS.get(self.w[j])
        if target is None:
            return None
        if self.w[j + 1] == ",":
            a1 = self.atom(j + 2)
            if a1 is not None and a1.kind in ("dm", "full"):
                return i, a1.end, a1.value, not a1.explicit, None
        d = self.a.date
        if d is None:
            return i, j + 1, None, True, None
        wd = d.weekday()
        if mode == "recent":
            delta = -((wd - target) % 7)
        elif mode == "before":
            delta = -((wd - target) % 7 or 7)
        elif mode == "after":
            delta = (target - wd) % 7 or 7
        else:
            delta = target - wd
        return i, j + 1, (d + timedelta(delta)).isoformat(), True, None


def _words(doc: ParsedArticle) -> list[str]:
    cached = doc._cache.get("dates.words")
    if cached is None:
        cached = doc._cache["dates.words"] = [_norm(t.text) for t in doc.tokens]
    return cached


def find_periods(doc: ParsedArticle) -> list[PeriodMention]:
    """Planning periods: "на 2026 год", "на 2019−2021 годы", "2026-2030 гг.",
    "на 2025/2026 учебный год", "на следующий год" (against the publication year, left
    out when that is unknown); "на пять лет" gives none. Found once per article."""
    cached = doc._cache.get("dates.periods")
    if cached is None:
        cached = doc._cache["dates.periods"] = _find_periods(doc)
    return cached


def _find_periods(doc: ParsedArticle) -> list[PeriodMention]:
    anchor = _Anchor.of(doc.article.published)
    words = _words(doc)
    tokens = doc.tokens
    text = doc.text
    out: list[PeriodMention] = []
    for s in doc.sentences:
        w = words[s.first_token : s.last_token] + [""] * 8
        n = s.last_token - s.first_token
        i = 0
        while i < n:
            word = w[i]
            found = _period_at(w, i, anchor) if word == "на" or word[:1].isdigit() else None
            if found is None:
                i += 1
                continue
            start, end, value = found
            gs, ge = s.first_token + start, s.first_token + end
            out.append(PeriodMention(gs, ge, value, text[tokens[gs].start : tokens[ge - 1].end]))
            i = end
    return out


def _year(w: str) -> int | None:
    return int(w) if len(w) == 4 and _YEAR.match(w) else None


def _period_at(w: list[str], i: int, anchor: _Anchor) -> tuple[int, int, str] | None:
    """(start, end, value) of a period at local index i, or None."""
    on = w[i] == "на"
    if not on and not w[i][:1].isdigit():
        return None
    p = i + 1 if on else i
    if on and w[p] in ("период", "срок"):
        p += 1
    if on and w[p] in _REL_ADJ and w[p + 1] == "год":  # "на следующий год"
        year = anchor.shift_year(_REL_ADJ[w[p]])
        return None if year is None else (p, p + 2, str(year))
    since = on and w[p] in ("с", "со")
    if since:
        p += 1
    y1 = y2 = None
    sep = ""
    m = _PAIR.match(w[p])
    if m:
        y1, y2 = _year(m.group(1)), _year(m.group(2))
        sep = "/" if "/" in w[p] else "-"
        q = p + 1
        if y1 is None or y2 is None:
            return None
    else:
        y1 = _year(w[p])
        if y1 is None:
            return None
        q = p + 1
        c = w[q]
        y2 = _year(w[q + 1])
        if y2 is not None and (c in _DASHES or c in ("/", "и", "по", "до")):
            sep = "/" if c == "/" else ("и" if c == "и" else "-")
            q += 2
        else:
            y2 = None
    if since and sep != "-":
        return None
    school = w[q] in _SCHOOL_YEAR
    if school:
        q += 1
    word = w[q]
    if word in _YEAR_WORDS:
        end = q + 1
    elif word in _YEAR_ABBR:
        end = q + 2 if w[q + 1] == "." else q + 1
    else:
        return None
    start = p
    if y2 is None:
        if on and (word in _YEAR_SG or word == "г"):
            return start, end, str(y1)
        return None
    if not y1 < y2 <= y1 + 100:
        return None
    value = f"{y1}-{y2}"
    if sep == "/":
        return (start, end, value) if y2 == y1 + 1 or on or school else None
    if sep == "и":
        return (start, end, value) if on and y2 == y1 + 1 and word not in _YEAR_SG else None
    if on:
        return start, end, value
    if i > 0 and w[i - 1] in _PREPS:
        return None  # "в 2019–2021 годах", "с 2019 по 2021 год": a date range
    if (word in _YEAR_PL or word == "гг") and w[p + 1] not in ("по", "до"):
        return start, end, value
    return None


def find_dates(doc: ParsedArticle) -> list[DateMention]:
    """All date mentions of an article, in text order (planning periods excluded)."""
    anchor = _Anchor.of(doc.article.published)
    words = _words(doc)
    tokens = doc.tokens
    text = doc.text
    covered: set[int] = set()
    for p in find_periods(doc):
        covered.update(range(p.start, p.end))
    out: list[DateMention] = []
    sentences = doc.sentences
    resume = 0  # a match may run into the next sentence ("5 сент." | "2019 г.")
    for si, s in enumerate(sentences):
        first, last = s.first_token, s.last_token
        sw = words[first:last]
        n = len(sw)
        if (
            _SENTENCE_STARTS.isdisjoint(sw)
            and YEAR_PARTS.isdisjoint(sw)
            and not any(w[:1].isdigit() for w in sw)
        ):
            continue  # no date can start here ("в" needs a weekday after it)
        if n >= 2 and sw[-1] == "." and sw[-2] in _MONTH_ABBR and si + 1 < len(sentences):
            last = min(sentences[si + 1].last_token, last + 3)  # razdel splits after "сент."
        scanner = _Scanner(words[first:last], [t.text for t in tokens[first:last]], anchor)
        i = max(0, resume - first)
        while i < n:
            word = sw[i]
            found = (
                scanner.match(i)
                if (word in _DATE_STARTS or word in YEAR_PARTS or word[:1].isdigit())
                and first + i not in covered
                else None
            )
            if found is None:
                i = max(i + 1, scanner.skip_to)
                continue
            start, end, value, relative, end_value = found
            gs, ge = first + start, first + min(end, last - first)
            if any(k in covered for k in range(gs, ge)):
                i += 1
                continue
            prep = sw[start - 1] if start > 0 and sw[start - 1] in _PREPS else None
            text_ = text[tokens[gs].start : tokens[ge - 1].end].rstrip(",")
            span = words[gs:ge]
            yearless = (
                relative
                and any(w in _MONTHS or w in _MONTH_ABBR for w in span)
                and not any(_year(w) for w in span)
            )
            out.append(DateMention(gs, ge, value, relative, text_, end_value, prep, yearless))
            i = end
            resume = ge
    return out


_M = TypeVar("_M", DateMention, PeriodMention)


def starting_between(items: list[_M], lo: int, hi: int) -> list[_M]:
    """The mentions of ``items`` (in text order, as :func:`find_dates` and
    :func:`find_periods` give them) that start at a token in ``[lo, hi)``, in order: two
    binary searches, where a pass over the article's mentions for each sentence made an
    article's time grow with its square."""
    return items[bisect_left(items, lo, key=_start) : bisect_left(items, hi, key=_start)]


def _start(m: DateMention | PeriodMention) -> int:
    return m.start


def _first_in(items: list[_M], sentence: Sentence) -> _M | None:
    k = bisect_left(items, sentence.first_token, key=lambda m: m.start)
    if k < len(items) and items[k].start < sentence.last_token:
        return items[k]
    return None


def date_in_sentence(
    doc: ParsedArticle, sentence: Sentence, dates: list[DateMention] | None = None
) -> DateMention | None:
    """The first date mention inside a sentence (``dates`` defaults to ``doc.mentions.dates``)."""
    if dates is None:
        dates = doc.mentions.dates
    return _first_in(dates, sentence)


def period_in_sentence(
    doc: ParsedArticle, sentence: Sentence, periods: list[PeriodMention] | None = None
) -> PeriodMention | None:
    """The first planning period inside a sentence (``periods`` defaults to
    ``doc.mentions.periods``)."""
    if periods is None:
        periods = doc.mentions.periods
    return _first_in(periods, sentence)


def in_year(mention: DateMention, year: str) -> DateMention:
    """A day or month written without its year that the publication date could not place
    ("с 17 по 23 июля" in an undated article) put in ``year``, such as the year an event's
    name gives ("«Айбын – 2023»"); any other mention as it is."""
    if mention.value is not None or not mention.yearless:
        return mention
    from svodka.model.article import Article
    from svodka.normalize.lexicon import Lexicon
    from svodka.text.parse import parse

    text = f"{mention.prep} {mention.text}" if mention.prep else mention.text
    found = find_dates(parse(Article(id="in-year", text=text, published=year), Lexicon.of({})))
    if not found or found[0].value is None:
        return mention
    return replace(mention, value=found[0].value, end_value=found[0].end_value)


def resolve(expr: str, published: str | None) -> str | None:
    """The value of the first date in a short phrase ("в мае прошлого года"), else None."""
    from svodka.model.article import Article
    from svodka.normalize.lexicon import Lexicon
    from svodka.text.parse import parse

    doc = parse(Article(id="resolve", text=expr, published=published), Lexicon.of({}))
    dates = find_dates(doc)
    return dates[0].value if dates else None


# --- the date of a fact from its context ----------------------------------------------------

# Events a fact can take place at, by group: a reference ("по итогам встречи") is dated by the
# event of its group it refers back to, as the article dates it (extend freely).
EVENT_GROUPS: dict[str, str] = table("dates.event_groups", str)
# General words that may name an event of any group: "участники встречи" (of a summit).
GENERIC_EVENTS = words("dates.generic_events")
# Words that refer to an event the fact took place at: "на полях саммита", "в ходе визита",
# "по итогам переговоров", "участники встречи"; and the prepositions "на/в заседании".
EVENT_FRAMES = words("dates.event_frames")
_EVENT_PREPS = {"на", "в", "во"}
# Modifiers of another instance of an event: "следующий саммит", "первое такое учение".
OTHER_INSTANCE = words("dates.other_instance")
# Acts that a next sentence dates a fact by: "Соответствующее решение вчера приняли ...".
FOLLOW_UP_ACTS = words("dates.follow_up_acts")
_ANAPHORIC = ("соответствующ", "это", "эта", "этот", "данн", "указанн")  # word beginnings
# Plural subjects that stand for the participants of the event just named: "Министры утвердят".
PARTICIPANT_NOUNS = words("dates.participant_nouns")
# A date in a relative clause dates its event only with a verb of taking place: "заседание,
# которое пройдет 12 июня" (not "заседание, на котором подвели итоги прошлого года").
HAPPENING = words("dates.happening")
# Verbs of arriving and setting off: a date of theirs does not date the event (:func:`arrival`).
ARRIVAL = words("dates.arrival")
PLURAL_EVENTS = words("dates.plural_events")  # else a plural is no one event ("на заседания")
_DETERMINERS = words("dates.determiners")
_CLAUSE_BREAKS = {"что", "чтобы", ":", ";"}
_NOT_AT = {"до", "с", "со", "к", "ко", "по", "после", "от", "около", "за"}  # not the day itself
_EVE = "накануне"
# Words that put a fact in a lead at another time than the dateline's: "на днях", "ранее".
NOT_TODAY = words("dates.not_today")


@dataclass(frozen=True)
class _Event:
    """An event noun: token index, sentence index, group, date (if the article gives one),
    and whether it refers to an event named elsewhere ("на саммите") or names one."""

    token: int
    sentence: int
    group: str
    value: str | None
    ref: bool


def context_date(
    doc: ParsedArticle, sentence_index: int, ignore: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """The date of a fact stated in a sentence whose own clause names none, or None when the
    text does not tell. In order: for a headline, what dates the dateline's lead; the event the
    sentence refers to ("на полях саммита", "по итогам встречи", "в ходе которой") as the
    article dates it; a next sentence's "Соответствующее решение было принято 5 мая"; the event
    of the previous sentence for plural participants ("Министры утвердят план"); the dateline
    date for the lead sentence of a dated dateline ("МИНСК, 12 апреля. /БелТА/. Министры
    подписали ..."), unless it is in the future tense or set apart ("на днях", "ранее").
    ``ignore``: event lemmas that name the fact itself and are no reference (a meeting's own
    "встреча")."""
    line = _dateline(doc)
    lead = line[1] if line else None
    if lead is not None and lead > sentence_index and _is_title(doc, sentence_index):
        own = next((v for d in _dates_of(doc, lead) if (v := _usable(d))), None)
        return own or context_date(doc, lead, ignore)
    sentence = doc.sentences[sentence_index]
    toks = doc.sentence_tokens(sentence)
    ref = _reference(doc, toks, ignore)
    if ref is not None:
        value = _event_value(doc, ref, ignore)
        if value:
            return value
    value = _follow_up(doc, sentence_index)
    if value:
        return value
    if sentence_index and _participants(toks):
        previous = doc.sentence_tokens(doc.sentences[sentence_index - 1])
        nouns = [t.index for t in previous if _event_noun(doc, t.index, ignore)]
        if nouns:
            value = _event_value(doc, nouns[-1], ignore)
            if value:
                return value
    if line is not None and sentence_index == lead and _today(toks):
        return line[0]
    return None


def _today(toks: list[Token]) -> bool:
    """A lead that reports its fact as of the dateline: not in the future tense, not "на днях"."""
    from svodka.text.syntax import tense

    return tense(toks) != "future" and not any(_norm(t.text) in NOT_TODAY for t in toks)


def date_value(doc: ParsedArticle, mention: DateMention) -> str | None:
    """A date mention's value, with "накануне заседания" read as the day before the session
    as the article dates it (else the value :func:`find_dates` gives: the day before
    publication)."""
    if _norm(doc.tokens[mention.start].text) != _EVE:
        return mention.value
    k = _skip_modifiers(doc, mention.end, doc.sentences[doc.tokens[mention.start].sentence])
    if k is None or not _event_noun(doc, k):
        return mention.value
    value = _event_value(doc, k)
    if value is None:
        return mention.value
    if len(value) < 10:
        return value
    return (date.fromisoformat(value) - timedelta(1)).isoformat()


def on_side(doc: ParsedArticle, mention: DateMention, side: str) -> str | None:
    """A date mention's value (:func:`date_value`) with a day or month written without its
    year moved to the side of publication the fact is on (``side``: "past" or "future"):
    "подписать план в ноябре" in an April article is next November, "провели учение в
    июле" in a January article last July. The nearest occurrence, the default, can be on
    either side."""
    value = date_value(doc, mention)
    published = doc.article.published or ""
    if not (mention.yearless and value and len(value) >= 7 and _YEAR_MONTH.match(published)):
        return value
    n = min(len(value), len(published))  # compared as precisely as both are written
    if side == "future" and value[:n] < published[:n]:
        moved = f"{int(value[:4]) + 1:04d}{value[4:]}"
    elif side == "past" and value[:n] > published[:n]:
        moved = f"{int(value[:4]) - 1:04d}{value[4:]}"
    else:
        return value
    return moved if len(moved) < 10 or _valid(*map(int, moved.split("-"))) else value


def fact_date(doc: ParsedArticle, mention: DateMention, side: str | None = None) -> str | None:
    """A date mention as the date of a fact: :func:`on_side` (or :func:`date_value` without a
    ``side``), a range ("с 31 августа по 6 сентября", "17–23 июля") kept as an ISO 8601
    interval ("2025-08-31/2025-09-06"), moved to the side as a whole."""
    value = on_side(doc, mention, side) if side else date_value(doc, mention)
    end = mention.end_value
    if value is None or end is None or mention.value is None or value[:1] != end[:1]:
        return value
    shift = int(value[:4]) - int(mention.value[:4])
    if shift:
        end = f"{int(end[:4]) + shift:04d}{end[4:]}"
    return f"{value}/{end}"


def arrival(doc: ParsedArticle, mention: DateMention) -> bool:
    """Whether a date tells when someone arrived or set off, not when the event they came for
    took place: the verb nearest it is one of :data:`ARRIVAL` ("30 октября в Алма-Ату прибыли
    руководители ... для участия в Совете"; not "прибыли на учения, которые пройдут 5 мая")."""
    s = doc.sentences[doc.tokens[mention.start].sentence]
    verbs = [t for t in doc.tokens[s.first_token : s.last_token] if _verb(t)]
    if not any(ARRIVAL & t.lemmas for t in verbs):
        return False

    def distance(t: Token) -> int:
        return mention.start - t.index if t.index < mention.start else t.index - mention.end

    return bool(ARRIVAL & min(verbs, key=distance).lemmas)


def _verb(t: Token) -> bool:
    """A verb or infinitive, or a word that may be an arrival verb ("прибыли", also a noun)."""
    return (
        t.has("VERB") or t.has("INFN") or (t.any_has("VERB") and not ARRIVAL.isdisjoint(t.lemmas))
    )


def _usable(d: DateMention) -> str | None:
    """The value of a date that can be the day of an event: a single date or the common part
    of a range ("5–7 мая" → the month), not "до/с/после ...", not "на сегодня"."""
    if d.value is None or d.prep in _NOT_AT and not (d.end_value and d.prep in _RANGE_PREPS):
        return None  # "до 5 мая", "с 2010 года"; but "с 20 по 23 апреля" is a range
    if d.prep == "на" and d.relative and len(d.text.split()) == 1:
        return None  # "на сегодня": as of today
    if d.end_value is None:
        return d.value
    for size in (7, 4):
        if d.value[:size] == d.end_value[:size]:
            return d.value[:size]
    return None


def _dates_of(doc: ParsedArticle, sentence_index: int) -> list[DateMention]:
    s = doc.sentences[sentence_index]
    return starting_between(doc.mentions.dates, s.first_token, s.last_token)


def _is_title(doc: ParsedArticle, sentence_index: int) -> bool:
    title = " ".join((doc.article.title or "").split())
    return bool(title) and " ".join(doc.sentences[sentence_index].text.split()) == title


def _dateline(doc: ParsedArticle) -> tuple[str, int] | None:
    """(date, lead sentence) of a dated dateline zone ("АЛМА-АТА, 31 октября. /ТАСС/."; its
    place is ``doc.dateline_place``): the date is the first date mention after the place in
    the dateline, the lead the first sentence with words in lower case from the date on."""
    key = "dates.dateline"
    if key in doc._cache:
        return doc._cache[key]
    found = None
    p, line = doc.dateline_place, doc.zones.dateline
    tokens, dates = doc.tokens, doc.mentions.dates
    if p is not None and line is not None:
        k = bisect_left(dates, p.end, key=lambda m: m.start)
        d = dates[k] if k < len(dates) and tokens[dates[k].start].start < line.end else None
        if d is not None and d.value:
            last = min(len(doc.sentences), p.sentence + 4)
            for index in range(tokens[d.start].sentence, last):
                sentence = doc.sentences[index]
                words = tokens[max(d.end, sentence.first_token) : sentence.last_token]
                if any(
                    t.text[:1].islower() and t.text.isalpha() and len(t.text) > 2 for t in words
                ):
                    found = (d.value, index)
                    break
    doc._cache[key] = found
    return found


def dateline_lead(doc: ParsedArticle) -> int | None:
    """The index of the lead sentence of a dated dateline ("АЛМА-АТА, 31 октября. /ТАСС/.
    Министр обороны ... провел переговоры ..."), else None."""
    line = _dateline(doc)
    return line[1] if line else None


def _skip_modifiers(doc: ParsedArticle, k: int, sentence: Sentence) -> int | None:
    """The first token from ``k`` that is not a modifier ("XXV", "85-го", "официального")."""
    for j in range(k, min(k + 4, sentence.last_token)):
        if not _modifier(doc.tokens[j]):
            return j
    return None


def _modifier(t: Token) -> bool:
    return t.is_word and (
        t.has("ADJF") or t.has("PRTF") or t.has("NUMR") or t.has("ROMN")
        or t.text[:1].isdigit() or t.lemma in _DETERMINERS
    )  # fmt: skip


def _event_noun(
    doc: ParsedArticle, k: int, ignore: frozenset[str] | set[str] = frozenset()
) -> bool:
    """An event noun that is no part of a name ("Генеральной Ассамблеи") and not another
    instance ("следующий саммит")."""
    t = doc.tokens[k]
    if t.lemma not in EVENT_GROUPS or t.lemma in ignore or not t.any_has("NOUN"):
        return False
    if t.has("plur") and t.lemma not in PLURAL_EVENTS:
        return False
    first = doc.sentences[t.sentence].first_token
    if k > first and t.text[:1].isupper():
        return False
    j = k - 1
    while j >= first and k - j <= 4 and _modifier(doc.tokens[j]):
        if doc.tokens[j].lemma in OTHER_INSTANCE:
            return False
        j -= 1
    return True


def _framed(toks: list[Token], n: int) -> bool:
    """Whether ``toks[n]`` (an event noun or "который") follows a word that refers to an
    event: "на полях", "в ходе", "по итогам", "участники", or "на"/"в" before a singular."""
    j = n - 1
    while j >= 0 and n - j <= 4 and _modifier(toks[j]) and toks[j].lemma != "который":
        j -= 1
    if j < 0:
        return False
    if _norm(toks[j].text) in _EVENT_PREPS:
        return toks[n].lemma in PLURAL_EVENTS or _located(toks[n])  # not "на заседания"
    return toks[j].lemma in EVENT_FRAMES


def _attribute(toks: list[Token], n: int) -> bool:
    """Whether ``toks[n]`` stands in a participial or relative phrase set off by a comma:
    ", достигнутых в ходе визита", ", который прошел на саммите"."""
    j = n - 1
    while j >= 0 and toks[j].text != ",":
        j -= 1
    words = [t for t in toks[j + 1 : n] if t.is_word][:2]
    if not words or j < 0:
        return False
    first = words[0]
    return first.has("ADJF") or first.any_has("PRTF") or any(t.lemma == "который" for t in words)


def _reference(
    doc: ParsedArticle, toks: list[Token], ignore: frozenset[str] | set[str]
) -> int | None:
    """The event noun a sentence refers to: "на полях саммита", "в ходе визита", "участники
    встречи", "на заседании", or the event a "по итогам которой" relative clause hangs on;
    not one in a phrase about another noun ("договоренностей, достигнутых в ходе визита")."""
    for n, t in enumerate(toks):
        if t.lemma not in EVENT_GROUPS and t.lemma != "который" or not _framed(toks, n):
            continue
        if t.lemma == "который":
            nouns = [u.index for u in toks[max(0, n - 15) : n] if _event_noun(doc, u.index)]
            if nouns and doc.tokens[nouns[-1]].lemma not in ignore:
                return nouns[-1]
        elif _event_noun(doc, t.index, ignore) and not _attribute(toks, n):
            return t.index
    return None


def _events(doc: ParsedArticle) -> list[_Event]:
    """The event nouns of the article, with their dates: the nearest usable date of their
    sentence in the same clause, or the dateline's in its lead (else None)."""
    key = "dates.events"
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    line = _dateline(doc)
    words = _words(doc)
    out: list[_Event] = []
    for s in doc.sentences:
        toks = doc.sentence_tokens(s)
        nouns = [
            n for n, t in enumerate(toks) if t.lemma in EVENT_GROUPS and _event_noun(doc, t.index)
        ]
        if not nouns:
            continue
        dates = [d for d in _dates_of(doc, s.index) if _usable(d)]
        lead = line is not None and s.index == line[1] and _today(toks)
        for n in nouns:
            k = toks[n].index
            value = _own_date(doc, words, dates, k)
            if value is None and lead and line is not None:
                value = line[0]
            group = EVENT_GROUPS[toks[n].lemma]
            out.append(_Event(k, s.index, group, value, _framed(toks, n)))
    doc._cache[key] = out
    return out


def _own_date(doc: ParsedArticle, words: list[str], dates: list[DateMention], k: int) -> str | None:
    """The nearest date to token ``k`` with no clause break between ("что", ":", a relative
    clause of another verb than :data:`HAPPENING`) that is not its eve ("накануне заседания")."""
    best: tuple[int, str] | None = None
    for d in dates:
        lo, hi = (d.end, k) if d.start < k else (k + 1, d.start)
        if words[d.start] == _EVE and d.start < k or arrival(doc, d):
            continue
        between = doc.tokens[lo:hi]
        if any(words[j] in _CLAUSE_BREAKS for j in range(lo, hi)):
            continue
        if any(t.lemma == "который" for t in between) and not any(
            t.lemma in HAPPENING for t in between
        ):
            continue
        value = _usable(d)
        if value is not None and (best is None or hi - lo < best[0]):
            best = (hi - lo, value)
    return best[1] if best else None


def _event_value(
    doc: ParsedArticle, k: int, ignore: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """The date of the event noun at token ``k``: its own, else that of the event it refers
    back to: the nearest mention of its group before it (else after it), passing over other
    undated references ("на саммите") but not an undated event named anew ("состоялась
    встреча ..."); a general word ("встреча", "мероприятие") may refer to any group's."""
    lemma = doc.tokens[k].lemma
    events, groups = _event_pools(doc, ignore)
    same = groups.get(EVENT_GROUPS[lemma])
    if same is None:
        same = _Pool([])
    i = bisect_left(same.events, k, key=_token)
    own = same.events[i] if i < len(same.events) and same.events[i].token == k else None
    if own is not None and own.value:
        return same.refined(own.value, k)
    pools = [same, events] if lemma in GENERIC_EVENTS else [same]
    for after in (False, True):
        for pool in pools:
            if after:
                chain = pool.events[bisect_right(pool.events, k, key=_token) :]
            else:
                chain = pool.events[: bisect_left(pool.events, k, key=_token)][::-1]
            for e in chain:
                if e.value:
                    return same.refined(e.value, k)
                if not e.ref:
                    return None
    return None


def _token(e: _Event) -> int:
    return e.token


class _Pool:
    """Event nouns in text order, with an index of the dated ones by every proper prefix of
    their date, so that :meth:`refined` needs no pass over them."""

    def __init__(self, events: list[_Event]) -> None:
        self.events = events
        self.finer: dict[str, list[_Event]] = defaultdict(list)
        for e in events:
            value = e.value or ""
            for n in range(1, len(value)):
                self.finer[value[:n]].append(e)

    def refined(self, value: str, k: int) -> str:
        """A partial date made precise by another mention of the event ("в заседании в
        текущем году" and "заседание 12 июня"): the nearest, earlier first."""
        finer = self.finer.get(value)
        if not finer:
            return value
        i = bisect_left(finer, k, key=_token)
        return (finer[i - 1] if i else finer[0]).value or value


def _event_pools(
    doc: ParsedArticle, ignore: frozenset[str] | set[str]
) -> tuple[_Pool, dict[str, _Pool]]:
    """The article's event nouns whose lemma is not ignored, all and by group; built once
    for each set of ignored lemmas (the callers pass a few fixed ones)."""
    key = ("dates.event_pools", frozenset(ignore))
    cached = doc._cache.get(key)
    if cached is None:
        events = [e for e in _events(doc) if doc.tokens[e.token].lemma not in ignore]
        by_group: dict[str, list[_Event]] = defaultdict(list)
        for e in events:
            by_group[e.group].append(e)
        cached = doc._cache[key] = (
            _Pool(events),
            {group: _Pool(members) for group, members in by_group.items()},
        )
    return cached


def _follow_up(doc: ParsedArticle, sentence_index: int) -> str | None:
    """The date of the next sentence's act that refers back: "Соответствующее решение вчера
    приняли ...", "Решение об этом было принято 5 мая"."""
    if sentence_index + 1 >= len(doc.sentences):
        return None
    s = doc.sentences[sentence_index + 1]
    toks = [t for t in doc.sentence_tokens(s) if t.is_word]
    act = None
    for n, t in enumerate(toks[:4]):
        if t.lemma not in FOLLOW_UP_ACTS:
            continue
        before = n and _norm(toks[n - 1].text).startswith(_ANAPHORIC)
        after = [u.text.lower() for u in toks[n + 1 : n + 3]] in (["об", "этом"], ["о", "нем"])
        if before or after:
            act = t.index
            break
    if act is None:
        return None
    return _own_date(doc, _words(doc), _dates_of(doc, s.index), act)


def _located(t: Token) -> bool:
    """A singular noun after "на"/"в": "на заседании", "на саммит", "в заседании"."""
    return any(("loct" in g or "accs" in g) and "sing" in g for g in t.info.grammemes)


def _participants(toks: list[Token]) -> bool:
    """A plural subject naming the participants of an event: "министры", "стороны"."""
    return any(t.lemma in PARTICIPANT_NOUNS and t.has("plur") and t.has("nomn") for t in toks)


def same_day(toks: list[Token]) -> bool:
    """A sentence that puts its fact on the day of the one before: "Одновременно ...",
    "В тот же день ...", "тогда же"."""
    words = [_norm(t.text) for t in toks]
    for k, w in enumerate(words):
        if w == "одновременно" and not (k + 1 < len(words) and words[k + 1] == "с"):
            return True
        if w == "тогда" and words[k + 1 : k + 2] == ["же"]:
            return True
        if w in ("тот", "этот") and words[k + 1 : k + 3] == ["же", "день"]:
            return True
    return False
