"""Consolidation: the same fact reported by several articles becomes one :class:`Fact` that
lists every source.

Two records state the same fact when their keys agree, as in the evaluation rules
(:mod:`svodka.eval.score`; strings case-folded with ё = е, lists as sets, a surname is the
last word of a name):

- ``role``: the person's surname, ``position``, ``country``;
- ``meeting``: the set of participants' surnames;
- ``agreement``: ``kind``, the set of ``parties``, ``period``;
- ``membership``: ``country``, ``organization``, ``status``;
- ``event``: ``name`` without quotes and years, the year of ``date``, ``status``;
- ``quote``: the speaker's surname and at least 60% of the words shared;
- a plugin's type: every type-specific field;

and, for types with a ``date``, their dates agree when both are given (one is a prefix of
the other: "2025-10" and "2025-10-31"), so that a programme signed in 2021 and one signed in
2025 stay two facts.

The merged record is a copy of the most confident record (the first seen among equals),
with its empty fields filled from the others in the same order; a date is made more
precise when another record gives a compatible one ("2025-10" → "2025-10-31"), a person's
name fuller when another gives one with the same surname ("Папикян" → "Сурен Папикян"),
and free-phrase lists (meeting ``topics``, event ``dedicated_to``) are united. Evidence,
``article`` and ``id`` stay those of the chosen record: offsets point into its article.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

# The evaluation's normalisers, so that consolidation and scoring agree on "the same fact".
from svodka.eval.score import (
    _as_list,
    _date_match,
    _filled,
    _fold,
    _norm,
    _set,
    _shared,
    _surname,
    _words,
)
from svodka.model.records import Record

# Most important first; types not listed (plugins') come after these, by name.
TYPE_ORDER: tuple[str, ...] = ("agreement", "membership", "meeting", "event", "role", "quote")
UNITED_LISTS: frozenset[tuple[str, str]] = frozenset(
    {("meeting", "topics"), ("event", "dedicated_to")}
)
PERSON_FIELDS: frozenset[str] = frozenset({"person", "speaker"})

_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")


@dataclass
class Fact:
    """One fact: the merged ``record``, the ids of the articles that report it (first-seen
    order, no repeats) and every record merged into it (input order)."""

    type: str
    record: Record
    sources: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)


def _event_name(value: Any) -> tuple[str, ...]:
    return tuple(_words(_YEAR.sub(" ", str(value or ""))))


def _year(value: Any) -> str | None:
    return str(value)[:4] if _filled(value) else None


def _generic_key(record: Record) -> Hashable:
    return tuple(sorted((name, _norm(value)) for name, value in record.values().items()))


_KEYS: dict[str, Callable[[Record], Hashable]] = {
    "role": lambda r: (_surname(r.person), _norm(r.position), _norm(r.country)),
    "meeting": lambda r: frozenset(s for s in map(_surname, _as_list(r.participants)) if s),
    "agreement": lambda r: (_norm(r.kind), _set(r.parties), _norm(r.period)),
    "membership": lambda r: (_norm(r.country), _norm(r.organization), _norm(r.status)),
    "event": lambda r: (_event_name(r.name), _year(r.date), _norm(r.status)),
}


def fact_key(record: Record) -> Hashable:
    """The key under which records state the same fact (quotes: the speaker's surname; their
    texts are compared by shared words, see :func:`same_quote`)."""
    if record.type == "quote":
        return _surname(getattr(record, "speaker", None))
    return _KEYS.get(record.type, _generic_key)(record)


def same_quote(a: Record, b: Record) -> bool:
    """Same speaker's surname and at least 60% of the longer text's words shared."""
    if _surname(a.speaker) != _surname(b.speaker):
        return False
    wa, wb = _words(a.text), _words(b.text)
    if not wa or not wb:
        return wa == wb
    return 5 * _shared(wa, wb) >= 3 * max(len(wa), len(wb))


def _dates_agree(a: Any, b: Any) -> bool:
    return not _filled(a) or not _filled(b) or _date_match(a, b)


@dataclass
class _Group:
    """Records found to state one fact, and the distinct dates they give."""

    records: list[Record]
    dates: set[str]

    def fits(self, record: Record) -> bool:
        if record.type == "quote" and not same_quote(self.records[0], record):
            return False
        date = getattr(record, "date", None)
        return all(_dates_agree(d, date) for d in self.dates)

    def add(self, record: Record) -> None:
        self.records.append(record)
        date = getattr(record, "date", None)
        if _filled(date):
            self.dates.add(str(date))


def _more_precise_date(current: Any, other: Any) -> Any:
    a, b = _fold(current).split("-"), _fold(other).split("-")
    return other if len(b) > len(a) and b[: len(a)] == a else current


def merge(records: list[Record]) -> Record:
    """The representative of records that state one fact (see the module doc)."""
    best = max(enumerate(records), key=lambda ir: (ir[1].confidence, -ir[0]))[1]
    merged = copy.deepcopy(best)
    others = sorted((r for r in records if r is not best), key=lambda r: -r.confidence)
    for name, value in merged.values().items():
        for other in others:
            theirs = getattr(other, name)
            if not _filled(theirs):
                continue
            if not _filled(value):
                value = copy.deepcopy(theirs)
            elif (merged.type, name) in UNITED_LISTS:
                seen = {_fold(v) for v in value}
                value = [*value, *(v for v in theirs if _fold(v) not in seen)]
            elif name == "date":
                value = _more_precise_date(value, theirs)
            elif (
                name in PERSON_FIELDS
                and _surname(theirs) == _surname(value)
                and len(str(theirs).split()) > len(str(value).split())
            ):
                value = theirs
        setattr(merged, name, value)
    merged.confidence = max(r.confidence for r in records)
    return merged


def _date_of(fact: Fact) -> str:
    date = getattr(fact.record, "date", None)
    return str(date) if _filled(date) else ""


def _rank_of(fact: Fact) -> tuple[int, str]:
    if fact.type in TYPE_ORDER:
        return TYPE_ORDER.index(fact.type), ""
    return len(TYPE_ORDER), fact.type


SCAN = 64  # how many earlier facts of the same key a record is compared with


def consolidate(records: Iterable[Record]) -> list[Fact]:
    """Group records that state the same fact into :class:`Fact` objects, most important
    first: agreements, memberships, meetings, events, roles, quotes, then plugin types;
    within a type the latest date first, undated facts last, then in first-seen order."""
    groups: dict[tuple[str, Hashable], list[_Group]] = {}
    exact: dict[tuple, _Group] = {}  # quotes by speaker and words: most repeats are verbatim
    order: list[_Group] = []
    for record in records:
        candidates = groups.setdefault((record.type, fact_key(record)), [])
        words = (fact_key(record), tuple(_words(record.text))) if record.type == "quote" else None
        group = exact.get(words) if words is not None else None
        if group is None or not group.fits(record):
            # the most recent groups of the key: a bounded scan keeps a run linear
            group = next((g for g in reversed(candidates[-SCAN:]) if g.fits(record)), None)
        if group is None:
            group = _Group([], set())
            candidates.append(group)
            order.append(group)
            if words is not None:
                exact[words] = group
        group.add(record)
    facts = []
    for group in order:
        sources = list(dict.fromkeys(r.article for r in group.records))
        facts.append(Fact(group.records[0].type, merge(group.records), sources, group.records))
    # stable sorts: first seen, then latest date first (undated last), then by type
    facts.sort(key=_date_of, reverse=True)
    facts.sort(key=_rank_of)
    return facts
