"""Fact identity: when two records of one type state the same fact.

One module for the evaluation (:mod:`svodka.eval.score`, which pairs system and gold records)
and consolidation (:mod:`svodka.model.facts`, which merges the records of several articles),
so that the two agree on "the same fact" by construction. A record type declares its
:class:`Identity` (``Record.spec.identity``); the matching rules are those of the corpus
README, "How svodka eval matches".

Conventions: strings compare case-folded with ё = е and whitespace collapsed; a surname is
the last word of a name; lists compare as sets (a null list is the empty set); any other
null in a key field matches only null. Words (event names, quotes) are runs of letters and
digits, so quotes, dashes and punctuation are ignored; shared words are counted with
multiplicity. A date matches when one is a prefix of the other, component by component
("2025-10" matches "2025-10-31", not "2025-1"); as a gold slot, a date with a month or day
is not matched by a year alone. A range is an ISO 8601 interval ("2025-08-31/2025-09-06"): a
single date matches it when it matches its start or lies inside it. Posts with several usual
names are one post: every name of ``positions.tsv`` stands for its canonical post ("глава
правительства" = "премьер-министр"). Event names are compared with the organisation names
inside them replaced by their ids (``organizations.tsv``: "саммит ОДКБ" = "саммит
Организации Договора о коллективной безопасности").

Every function here takes a record's type-specific values as a mapping (``Record.values()``,
or a JSON record without its common fields).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svodka.normalize.gazetteer import Gazetteer
    from svodka.text.morph import WordInfo

Values = Mapping[str, Any]

_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")
# the words an organisation's name is made of: only those are analysed in event names
_RUSSIAN_OR_LATIN = re.compile(r"[a-zA-Zа-яА-ЯёЁ-]+")


# --------------------------------------------------------------------------- normalising


def fold(value: Any) -> str:
    """Case-folded, ё = е, whitespace collapsed."""
    return " ".join(str(value).casefold().replace("ё", "е").split())


def filled(value: Any) -> bool:
    """Neither null nor an empty text or list."""
    return value is not None and value != "" and value != [] and value != ()


def as_list(value: Any) -> list[Any]:
    """A list as is, null as the empty list, anything else as a list of one."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


def norm(value: Any) -> Any:
    """A hashable, comparable form: folded strings, lists as frozensets."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(norm(v) for v in value)
    return fold(json.dumps(value, ensure_ascii=False, sort_keys=True))


def as_set(value: Any) -> frozenset[Any]:
    """A list (or one value, or null) as a set of normalised values."""
    return frozenset(norm(v) for v in as_list(value))


def surname(name: Any) -> str | None:
    """The last word of a name, folded; None for a null name."""
    if name is None:
        return None
    words = fold(name).split()
    return words[-1].strip(".,;:!?\"'«»()") if words else ""


def words(text: Any) -> list[str]:
    """The words of a text, folded: runs of letters and digits."""
    return _WORD.findall(fold(text)) if text is not None else []


def date_parts(value: Any) -> list[str]:
    """An ISO date's components ("2025-10" → ["2025", "10"]); [] when empty. Of an interval
    ("2025-08-31/2025-09-06") the start's."""
    return date_ends(value)[0]


def date_ends(value: Any) -> tuple[list[str], list[str]]:
    """The components of a date's start and end: an ISO 8601 interval's two dates
    ("2025-08-31/2025-09-06"), a single date's own twice; ([], []) when empty."""
    if not filled(value):
        return [], []
    start, _, end = fold(value).partition("/")
    first = [p for p in start.split("-") if p]
    return first, ([p for p in end.split("-") if p] if end else first)


def is_interval(value: Any) -> bool:
    """An ISO 8601 interval of two dates ("2025-08-31/2025-09-06")."""
    return filled(value) and "/" in str(value)


def date_bounds(value: Any) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date covers ("2025-10" → 1 and 31 October 2025; an interval
    from its start's first day to its end's last day); None when it is not an ISO date."""
    start, end = date_ends(value)
    if not start or len(start) > 3 or len(end) > 3:
        return None
    try:
        first = dt.date(*(int(p) for p in [*start, "1", "1"][:3]))
        numbers = [int(p) for p in end]
        if len(numbers) == 3:
            last = dt.date(*numbers)
        elif len(numbers) == 2:
            y, m = numbers
            last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(1)
        else:
            last = dt.date(numbers[0], 12, 31)
    except (ValueError, TypeError, OverflowError):
        return None
    return (first, last) if first <= last else None


def _prefix(x: list[str], y: list[str]) -> bool:
    n = min(len(x), len(y))
    return n > 0 and x[:n] == y[:n]


def date_match(a: Any, b: Any) -> bool:
    """One date is a prefix of the other, component by component. An interval matches
    another when their starts and their ends do; a single date, when it matches the
    interval's start (the convention dates a range by its first day) or lies inside it."""
    (a0, a1), (b0, b1) = date_ends(a), date_ends(b)
    if not (is_interval(a) or is_interval(b)):
        return _prefix(a0, b0)
    if is_interval(a) and is_interval(b):
        return _prefix(a0, b0) and _prefix(a1, b1)
    if _prefix(a0, b0):
        return True
    inner, outer = (b, a) if is_interval(a) else (a, b)
    i, o = date_bounds(inner), date_bounds(outer)
    return i is not None and o is not None and o[0] <= i[0] and i[1] <= o[1]


def date_slot_match(gold: Any, system: Any) -> bool:
    """A system date fills a gold date slot: one is a prefix of the other (for intervals see
    :func:`date_match`), but a year alone (or a range of years) never matches a gold date
    with a month or day."""
    return date_match(gold, system) and (len(date_parts(system)) > 1 or len(date_parts(gold)) == 1)


@cache
def _posts() -> dict[str, str]:
    from svodka.normalize.gazetteer import data_entries

    return {fold(e.name): fold(e.value) for e in data_entries("positions.tsv")}


def post(value: Any) -> str | None:
    """A post's canonical name, folded (its synonyms in ``positions.tsv`` give the same)."""
    if value is None:
        return None
    name = fold(value)
    return _posts().get(name, name)


@cache
def _organizations() -> Gazetteer:
    from svodka.normalize.gazetteer import Gazetteer, data_entries

    return Gazetteer(data_entries("organizations.tsv"))


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    from svodka.text.morph import plain_info, word_info
    from svodka.text.parse import Token
    from svodka.text.tokens import tokenize

    def info(word: str) -> WordInfo:
        return word_info(word.lower()) if _RUSSIAN_OR_LATIN.fullmatch(word) else plain_info(word)

    tokens = [
        Token(k, a, b, name[a:b], 0, info(name[a:b])) for k, (a, b) in enumerate(tokenize(name))
    ]
    parts, at = [], 0
    for m in _organizations().find(tokens):
        parts += [name[at : tokens[m.start].start], f" {m.entry.value} "]
        at = tokens[m.end - 1].end
    return tuple(words("".join([*parts, name[at:]])))


def name_words(name: Any) -> list[str]:
    """The words of an event's name, folded, organisation names inside it replaced by their
    ids ("саммит ОДКБ" and "саммит Организации Договора о коллективной безопасности" give
    ["саммит", "csto"])."""
    return list(_name_words(str(name))) if filled(name) else []


def shared_words(a: list[str], b: list[str]) -> int:
    """Words two lists share, counted with multiplicity."""
    return sum((Counter(a) & Counter(b)).values())


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


# --------------------------------------------------------------------------- identities


class Identity:
    """The identity of a record type's facts.

    - :meth:`key`: the key under which records may state one fact (consolidation groups by it);
    - :meth:`same`: whether two records of one key state the same fact (default: always);
    - :meth:`exact`: a key under which records state the same fact for sure, or None (a fast
      path for consolidation);
    - :meth:`closeness`: the evaluation's test of a system record ``s`` against gold ``g``:
      None when they are not the same fact, else how close they are (higher is closer);
    - :attr:`fields`: the fields that identify a record in error listings (None: all).
    """

    @property
    def fields(self) -> tuple[str, ...] | None:
        return None

    def key(self, r: Values) -> Hashable:
        """Every field, normalised."""
        return tuple(sorted((name, norm(value)) for name, value in r.items()))

    def same(self, a: Values, b: Values) -> bool:
        return True

    def exact(self, r: Values) -> Hashable | None:
        return None

    def closeness(self, s: Values, g: Values) -> float | None:
        """Every field of either record agrees."""
        return 1.0 if all(norm(s.get(n)) == norm(g.get(n)) for n in {*s, *g}) else None


# How a key field is compared: its value normalised, a person's surname, the set of persons'
# surnames, or a set of values.
_FIELD_FORMS = {
    "value": norm,
    "surname": surname,
    "surnames": lambda v: frozenset(n for n in map(surname, as_list(v)) if n),
    "post": post,
    "set": as_set,
}


@dataclass(frozen=True)
class KeyFields(Identity):
    """Records are the same fact when their key fields agree, each compared by its form
    (``value``, ``surname``, ``surnames``, ``post`` or ``set``):
    ``(("person", "surname"), ...)``."""

    spec: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        unknown = [form for _, form in self.spec if form not in _FIELD_FORMS]
        if unknown:
            raise ValueError(f"unknown key field forms: {', '.join(unknown)}")

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.spec)

    def key(self, r: Values) -> Hashable:
        return tuple(_FIELD_FORMS[form](r.get(name)) for name, form in self.spec)

    def closeness(self, s: Values, g: Values) -> float | None:
        return 1.0 if self.key(s) == self.key(g) else None


class NamedEvent(Identity):
    """Events: the name (one contains the other, or shared words >= half of the longer
    name's words; organisation names in it replaced by their ids), the year of ``date`` when
    gold has one, ``status`` when gold has one. Consolidation keys on the name without years,
    the year and the status."""

    @property
    def fields(self) -> tuple[str, ...]:
        return ("name", "date", "status")

    def key(self, r: Values) -> Hashable:
        date = r.get("date")
        year = str(date)[:4] if filled(date) else None
        name = tuple(name_words(_YEAR.sub(" ", str(r.get("name") or ""))))
        return (name, year, norm(r.get("status")))

    def closeness(self, s: Values, g: Values) -> float | None:
        sw, gw = name_words(s.get("name")), name_words(g.get("name"))
        if not sw or not gw:
            return 1.0 if sw == gw else None
        shared, longer = shared_words(sw, gw), max(len(sw), len(gw))
        if not (_contains(sw, gw) or _contains(gw, sw) or 2 * shared >= longer):
            return None
        if filled(g.get("date")):
            gold_year = date_parts(g["date"])[:1]
            if not gold_year or date_parts(s.get("date"))[:1] != gold_year:
                return None
        if filled(g.get("status")) and norm(s.get("status")) != norm(g["status"]):
            return None
        return shared / longer


class SpokenWords(Identity):
    """Quotes: the speaker's surname and at least 60% of the longer text's words shared."""

    @property
    def fields(self) -> tuple[str, ...]:
        return ("speaker", "text")

    def key(self, r: Values) -> Hashable:
        return surname(r.get("speaker"))

    def exact(self, r: Values) -> Hashable | None:
        return (surname(r.get("speaker")), tuple(words(r.get("text"))))

    def same(self, a: Values, b: Values) -> bool:
        return self.closeness(a, b) is not None

    def closeness(self, s: Values, g: Values) -> float | None:
        if surname(s.get("speaker")) != surname(g.get("speaker")):
            return None
        sw, gw = words(s.get("text")), words(g.get("text"))
        if not sw or not gw:
            return 1.0 if sw == gw else None
        shared, longer = shared_words(sw, gw), max(len(sw), len(gw))
        return shared / longer if 5 * shared >= 3 * longer else None


ALL_FIELDS = Identity()
