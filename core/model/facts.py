"""Consolidation: the same fact reported by several articles becomes one :class:`Fact` that
lists every source.

Two records state the same fact when their type's declared identity says so
(``Record.spec.identity``, :mod:`svodka.model.identity`, shared with the evaluation) and,
for types with a ``date``, their dates agree when both are given (one is a prefix of the
other: "2025-10" and "2025-10-31"), so that a programme signed in 2021 and one signed in
2025 stay two facts. A date the type declares ``stated`` (a role's: the day a post was
stated for) does not tell facts apart.

The merged record is a copy of the most confident record (the first seen among equals),
with its empty fields filled from the others in the same order; a date is made more
precise when another record gives a compatible one ("2025-10" → "2025-10-31"), a person's
name fuller when another gives one with the same surname ("Папикян" → "Сурен Папикян"),
and the lists the type declares ``united`` (meeting ``topics``, event ``dedicated_to``)
are united. Evidence,
``article`` and ``id`` stay those of the chosen record: offsets point into its article.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from svodka.model.identity import date_ends, date_match, filled, fold, is_interval, surname
from svodka.model.records import FIELD_KINDS, Record, type_rank


@dataclass
class Fact:
    """One fact: the merged ``record``, the ids of the articles that report it (first-seen
    order, no repeats) and every record merged into it (input order). A fact read from a
    store (:mod:`svodka.store.query`) also knows when it was ``first_seen`` and
    ``last_seen`` and whether it is ``new`` to the brief (its ``records`` stay empty)."""

    type: str
    record: Record
    sources: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    new: bool = False


def fact_key(record: Record) -> Hashable:
    """The key under which records may state the same fact (its type's identity)."""
    return record.spec.identity.key(record.values())


def dates_agree(a: Any, b: Any) -> bool:
    """Either date missing, or the two match (one a prefix of the other: "2026-03" and
    "2026-03-10"; a day inside a range)."""
    return not filled(a) or not filled(b) or date_match(a, b)


@dataclass
class _Group:
    """Records found to state one fact, and the distinct dates they give."""

    records: list[Record]
    dates: set[str]

    def fits(self, record: Record) -> bool:
        if not record.spec.identity.same(self.records[0].values(), record.values()):
            return False
        date = fact_date(record)
        return all(dates_agree(d, date) for d in self.dates)

    def add(self, record: Record) -> None:
        self.records.append(record)
        date = fact_date(record)
        if filled(date):
            self.dates.add(str(date))


def fact_date(record: Record) -> Any:
    """The date that tells facts apart: none when the type declares ``date`` as stated."""
    return None if "date" in record.spec.stated else getattr(record, "date", None)


def _more_precise_date(current: Any, other: Any) -> Any:
    (a, a_end), (b, b_end) = date_ends(current), date_ends(other)
    if is_interval(current) != is_interval(other):  # a range over the day it starts on
        return other if is_interval(other) and a == b[: len(a)] else current
    return other if len(b) > len(a) and b[: len(a)] == a and len(b_end) >= len(a_end) else current


def merge(records: list[Record]) -> Record:
    """The representative of records that state one fact (see the module doc)."""
    best = max(enumerate(records), key=lambda ir: (ir[1].confidence, -ir[0]))[1]
    merged = copy.deepcopy(best)
    spec = merged.spec
    others = sorted((r for r in records if r is not best), key=lambda r: -r.confidence)
    for name, value in merged.values().items():
        for other in others:
            theirs = getattr(other, name)
            if not filled(theirs):
                continue
            if not filled(value):
                value = copy.deepcopy(theirs)
            elif name in spec.united:
                seen = {fold(v) for v in value}
                value = [*value, *(v for v in theirs if fold(v) not in seen)]
            elif name == "date":
                value = _more_precise_date(value, theirs)
            elif (
                isinstance(value, str)
                and (spec.kinds.get(name) or FIELD_KINDS.get(name)) == "person"
                and surname(theirs) == surname(value)
                and len(str(theirs).split()) > len(str(value).split())
            ):
                value = theirs
        setattr(merged, name, value)
    merged.confidence = max(r.confidence for r in records)
    return merged


def _date_of(fact: Fact) -> str:
    date = getattr(fact.record, "date", None)
    return str(date) if filled(date) else ""


SCAN = 64  # how many earlier facts of the same key a record is compared with


def consolidate(records: Iterable[Record]) -> list[Fact]:
    """Group records that state the same fact into :class:`Fact` objects, most important
    type first (the declared order: agreements, memberships, meetings, events, roles,
    quotes, then plugin types); within a type the latest date first, undated facts last,
    then in first-seen order."""
    groups: dict[tuple[str, Hashable], list[_Group]] = {}
    exact: dict[tuple, _Group] = {}  # e.g. quotes by speaker and words: most repeats are verbatim
    order: list[_Group] = []
    for record in records:
        identity, values = record.spec.identity, record.values()
        candidates = groups.setdefault((record.type, identity.key(values)), [])
        sure = identity.exact(values)
        words = (record.type, sure) if sure is not None else None
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
    facts.sort(key=lambda fact: type_rank(type(fact.record)))
    return facts
