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
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from svodka.parse import ParsedArticle, Sentence

__all__ = [
    "DateMention",
    "PeriodMention",
    "date_in_sentence",
    "find_dates",
    "find_periods",
    "period_in_sentence",
    "resolve",
]


@dataclass(frozen=True)
class DateMention:
    """A date in the text: token indices ``[start, end)`` into ``doc.tokens``.

    ``value`` is ISO 8601 (partial allowed) or None when it cannot be resolved;
    ``end_value`` is the last day/month/year of a range ("с 17 по 23 июля"), else None.
    ``relative`` is True when the value depends on the publication date.
    ``prep`` is the preposition right before the mention ("в", "с", "до", "к" ...), if any.
    """

    start: int
    end: int
    value: str | None
    relative: bool
    text: str
    end_value: str | None = None
    prep: str | None = None


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

_REL_DAYS = {
    "сегодня": 0,
    "вчера": -1,
    "позавчера": -2,
    "накануне": -1,
    "завтра": 1,
    "послезавтра": 2,
}

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

_PREPS = {"в", "во", "с", "со", "до", "к", "ко", "по", "на", "после", "от", "около", "за"}
_DASHES = {"-", "‐", "‑", "‒", "–", "—", "−"}
_RANGE_PREPS = {"с", "со", "от"}

_NUM_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY = re.compile(r"^(\d{1,2})(?:-?(?:го|е|ое|ого))?$")
_YEAR = re.compile(r"^(1[7-9]\d\d|2[01]\d\d)$")
_PAIR = re.compile(r"^(\d{1,4})[-‐‑‒–—−/](\d{1,4})$")
_ANCHOR = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_SCHOOL_YEAR = {
    "учебный", "учебного", "учебном", "учебному", "учебные", "учебных",
    "финансовый", "финансового", "финансовом", "бюджетный", "бюджетного", "бюджетном",
    "отчетный", "отчетного", "отчетном",
}  # fmt: skip


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
                end = self.year_word(i + 1)
                if end:
                    return _Atom(i, end, "y", y, explicit=True)
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
        if w in _REL_ADJ:
            off = _REL_ADJ[w]
            nxt = self.w[i + 1]
            if nxt in _YEAR_SG:
                return i, i + 2, _iso(a.shift_year(off)), True, None
            if nxt in _SEASONS:
                return i, i + 2, _iso(a.shift_year(off)), True, None
            if nxt in _MONTH_WORDS:
                return i, i + 2, a.shift_month(off), True, None
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
            end = self.year_word(i + 1)
            if end:
                return i, end, _iso(n1), False, _iso(n2)
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
    out when that is unknown); "на пять лет" gives none."""
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
            found = _period_at(w, i, anchor)
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
        if n >= 2 and sw[-1] == "." and sw[-2] in _MONTH_ABBR and si + 1 < len(sentences):
            last = min(sentences[si + 1].last_token, last + 3)  # razdel splits after "сент."
        scanner = _Scanner(words[first:last], [t.text for t in tokens[first:last]], anchor)
        i = max(0, resume - first)
        while i < n:
            found = None if first + i in covered else scanner.match(i)
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
            out.append(DateMention(gs, ge, value, relative, text_, end_value, prep))
            i = end
            resume = ge
    return out


_M = TypeVar("_M", DateMention, PeriodMention)


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


def resolve(expr: str, published: str | None) -> str | None:
    """The value of the first date in a short phrase ("в мае прошлого года"), else None."""
    from svodka.article import Article
    from svodka.normalize.lexicon import Lexicon
    from svodka.parse import parse

    doc = parse(Article(id="resolve", text=expr, published=published), Lexicon.of({}))
    dates = find_dates(doc)
    return dates[0].value if dates else None
