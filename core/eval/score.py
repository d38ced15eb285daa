"""Scoring extracted records against gold records (``svodka eval``).

Matching follows the corpus README, "How svodka eval matches": within one article and one
type, system and gold records are paired one to one when their type's declared identity
says they state the same fact (``Record.spec.identity``, :mod:`svodka.model.identity`, the
rules consolidation uses too):

- ``role``: person's surname, ``position`` (synonymous posts as one), ``country``;
- ``meeting``: the set of participants' surnames;
- ``agreement``: ``kind``, the set of ``parties``, ``period``;
- ``membership``: ``country``, ``organization``, ``status``;
- ``event``: ``name`` (one contains the other, or shared words >= half of the longer name's
  words, organisation names in it replaced by their ids), the year of ``date`` when gold has
  one, ``status`` when gold has one;
- ``quote``: speaker's surname and shared words >= 60% of the longer text's words;
- a plugin's type: its declared identity, by default every type-specific field compared as
  a key field (a type no registered class declares: the same).

The normalising conventions are those of :mod:`svodka.model.identity`. The slots compared on
true positives are the type's declared ``slots``; types are listed in the declared order.

Gold marked ``"optional": true`` counts neither way: system records are matched against the
other gold first, and the rest against optional gold; a system record paired with optional
gold is neither a true nor a false positive. Each phase is a maximum one-to-one matching
(greedy by closeness, then augmenting paths); candidates are preferred by closeness of
name or text (events, quotes), then by the number of agreeing slots, then by file order.

On true positives the slots that gold fills (not null, not "" and not an empty list) are
compared; a date slot matches when one date is a prefix of the other, but a year alone never
matches a gold date with a month or day. A system range (an ISO 8601 interval,
"2025-08-31/2025-09-06") fills a gold date that matches its first day (the corpus dates a
range by its start) or lies inside it ("2025-09-03"); a range of years is a year alone. Only
articles with at least one gold record are scored; system records for other articles are
counted as unscored. A ratio with a zero denominator (precision, recall, F1, slot accuracy
with no items) is reported as 0.0, with its counts alongside.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svodka.model.identity import as_set, date_slot_match, filled, norm
from svodka.model.records import BUILTIN_TYPES, COMMON_FIELDS, Record, RecordType
from svodka.run.output import read_jsonl

_IGNORED = {*COMMON_FIELDS, "optional"}
_UNDECLARED = RecordType()  # a type no registered class declares


# --------------------------------------------------------------------------- results


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives of one type (or all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class SlotCount:
    """Correct and compared slot values."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class RecordError:
    """An unmatched record (false positive or false negative), shown by its key fields."""

    article: str
    type: str
    key: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "type": self.type, "key": self.key}


@dataclass(frozen=True)
class SlotError:
    """A slot of a matched pair whose system value differs from gold."""

    article: str
    type: str
    slot: str
    gold: Any
    system: Any
    key: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "type": self.type,
            "slot": self.slot,
            "gold": self.gold,
            "system": self.system,
            "key": self.key,
        }


@dataclass
class Report:
    """The scores of one run: counts per type, slot accuracy, and the errors behind them."""

    types: dict[str, Counts] = field(default_factory=dict)
    slots: dict[str, dict[str, SlotCount]] = field(default_factory=dict)
    false_positives: list[RecordError] = field(default_factory=list)
    false_negatives: list[RecordError] = field(default_factory=list)
    wrong_slots: list[SlotError] = field(default_factory=list)
    scored_articles: int = 0
    system_records: int = 0
    gold_records: int = 0
    optional_gold: int = 0
    optional_matched: int = 0
    unscored: int = 0

    @property
    def micro(self) -> Counts:
        """Counts summed over all types."""
        return Counts(
            tp=sum(c.tp for c in self.types.values()),
            fp=sum(c.fp for c in self.types.values()),
            fn=sum(c.fn for c in self.types.values()),
        )

    @property
    def slot_accuracy(self) -> SlotCount:
        """Slot counts summed over all types and slots."""
        every = [s for per_type in self.slots.values() for s in per_type.values()]
        return SlotCount(sum(s.correct for s in every), sum(s.total for s in every))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form; ratios rounded to 4 places, 0.0 when undefined."""
        overall = self.slot_accuracy
        return {
            "types": {name: c.to_dict() for name, c in self.types.items()},
            "micro": self.micro.to_dict(),
            "slot_accuracy": {
                **overall.to_dict(),
                "slots": {
                    rtype: {slot: s.to_dict() for slot, s in per_type.items()}
                    for rtype, per_type in self.slots.items()
                },
            },
            "scored_articles": self.scored_articles,
            "system_records": self.system_records,
            "gold_records": self.gold_records,
            "optional_gold": self.optional_gold,
            "optional_matched": self.optional_matched,
            "unscored_records": self.unscored,
            "false_positives": [e.to_dict() for e in self.false_positives],
            "false_negatives": [e.to_dict() for e in self.false_negatives],
            "wrong_slots": [e.to_dict() for e in self.wrong_slots],
        }

    def format_text(self, show_errors: bool = False) -> str:
        """A fixed-width table of the scores; with ``show_errors`` the errors listed below."""
        width = max([10, *(len(t) for t in self.types)])
        head = f"{'type':<{width}} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"

        def row(name: str, c: Counts) -> str:
            return (
                f"{name:<{width}} {c.tp:>5} {c.fp:>5} {c.fn:>5} "
                f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
            )

        lines = [
            f"{self.scored_articles} articles scored: {self.system_records} system records, "
            f"{self.gold_records} gold records ({self.optional_gold} optional, "
            f"{self.optional_matched} matched)",
            "",
            head,
            "-" * len(head),
            *(row(name, c) for name, c in self.types.items()),
            "-" * len(head),
            row("micro", self.micro),
            "",
        ]
        overall = self.slot_accuracy
        lines.append(f"slot accuracy: {overall.correct}/{overall.total} = {overall.accuracy:.3f}")
        for rtype, per_type in self.slots.items():
            for slot, s in per_type.items():
                if s.total:
                    label = f"{rtype}.{slot}"
                    lines.append(f"  {label:<22} {s.correct:>4}/{s.total:<4} {s.accuracy:.3f}")
        lines.append(f"{self.unscored} records for articles without gold, not scored")
        if show_errors:
            lines += _error_lines("false positives", self.false_positives)
            lines += _error_lines("false negatives", self.false_negatives)
            lines += ["", f"wrong slots ({len(self.wrong_slots)}):"]
            lines += [
                f"  {e.article}  {e.type}  {_show_key(e.key)}  {e.slot}: "
                f"gold {_show(e.gold)}, system {_show(e.system)}"
                for e in self.wrong_slots
            ]
        return "\n".join(lines)


def _error_lines(title: str, errors: list[RecordError]) -> list[str]:
    return [
        "",
        f"{title} ({len(errors)}):",
        *(f"  {e.article}  {e.type}  {_show_key(e.key)}" for e in errors),
    ]


def _show(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show_key(key: dict[str, Any]) -> str:
    return ", ".join(f"{name}={_show(value)}" for name, value in key.items())


# --------------------------------------------------------------------------- slots


def _slot_ok(slot: str, gold: Any, system: Any) -> bool:
    if not filled(system):
        return False
    if slot == "date":
        return date_slot_match(gold, system)
    if isinstance(gold, (list, tuple)):
        return as_set(gold) == as_set(system)
    if isinstance(gold, bool) or isinstance(system, bool):
        return isinstance(gold, bool) and isinstance(system, bool) and gold == system
    return norm(gold) == norm(system)


def _slots(spec: RecordType, s: dict[str, Any], g: dict[str, Any]) -> list[tuple[str, bool]]:
    """The slots gold fills, each with whether the system value matches."""
    return [
        (slot, _slot_ok(slot, g[slot], s.get(slot))) for slot in spec.slots if filled(g.get(slot))
    ]


def _key_of(spec: RecordType, record: dict[str, Any]) -> dict[str, Any]:
    """The fields that identify a record in error listings."""
    names = spec.identity.fields
    if names is None:
        names = tuple(n for n in record if n not in _IGNORED)
    return {n: record.get(n) for n in names}


def _values(record: dict[str, Any]) -> dict[str, Any]:
    """A JSON record's type-specific values."""
    return {n: v for n, v in record.items() if n not in _IGNORED}


# --------------------------------------------------------------------------- matching


def _match(
    spec: RecordType, system: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> dict[int, int]:
    """A maximum one-to-one matching {system index: gold index}, closest candidates first."""
    closeness = spec.identity.closeness
    system_values, gold_values = [_values(s) for s in system], [_values(g) for g in gold]
    edges: list[tuple[float, int, int, int]] = []
    for si, s in enumerate(system):
        for gi, g in enumerate(gold):
            score = closeness(system_values[si], gold_values[gi])
            if score is not None:
                agree = sum(ok for _, ok in _slots(spec, s, g))
                edges.append((score, agree, si, gi))
    edges.sort(key=lambda e: (-e[0], -e[1], e[2], e[3]))
    options: dict[int, list[int]] = {}
    for _, _, si, gi in edges:
        options.setdefault(si, []).append(gi)

    s_to_g: dict[int, int] = {}
    g_to_s: dict[int, int] = {}
    for _, _, si, gi in edges:  # greedy start: closest pairs first
        if si not in s_to_g and gi not in g_to_s:
            s_to_g[si], g_to_s[gi] = gi, si

    def augment(si: int, seen: set[int]) -> bool:
        for gi in options.get(si, ()):
            if gi in seen:
                continue
            seen.add(gi)
            if gi not in g_to_s or augment(g_to_s[gi], seen):
                s_to_g[si], g_to_s[gi] = gi, si
                return True
        return False

    for si in options:
        if si not in s_to_g:
            augment(si, set())
    return s_to_g


# --------------------------------------------------------------------------- evaluation


def _check(record: Any, where: str) -> None:
    if not isinstance(record, dict):
        raise ValueError(f"{where}: expected a JSON object")
    for name in ("type", "article"):
        value = record.get(name)
        if not isinstance(value, str) or not value:
            raise ValueError(f"{where}: record without {name!r}")
    if not isinstance(record.get("optional", False), bool):
        raise ValueError(f"{where}: 'optional' must be true or false")


def _group(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in records:
        groups.setdefault((r["article"], r["type"]), []).append(r)
    return groups


def evaluate(
    system: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    record_types: Iterable[type[Record]] = BUILTIN_TYPES,
) -> Report:
    """Score system records against gold records (see the module docstring for the rules),
    each type by the declaration of its class in ``record_types``."""
    for i, r in enumerate(system, 1):
        _check(r, f"system record {i}")
    for i, r in enumerate(gold, 1):
        _check(r, f"gold record {i}")

    articles = list(dict.fromkeys(r["article"] for r in gold))
    scored = set(articles)
    seen_types = {r["type"] for r in system if r["article"] in scored} | {r["type"] for r in gold}
    classes = {cls.type: cls for cls in record_types}
    specs = {t: classes[t].spec if t in classes else _UNDECLARED for t in {*classes, *seen_types}}
    types = sorted(specs, key=lambda t: (specs[t].order, t))
    report = Report(
        types={t: Counts() for t in types},
        slots={t: {slot: SlotCount() for slot in specs[t].slots} for t in types},
        scored_articles=len(articles),
        system_records=sum(r["article"] in scored for r in system),
        gold_records=len(gold),
        optional_gold=sum(r.get("optional", False) for r in gold),
        unscored=sum(r["article"] not in scored for r in system),
    )
    sys_groups, gold_groups = _group(system), _group(gold)
    for article in articles:
        for rtype in types:
            _score_group(
                report,
                article,
                rtype,
                specs[rtype],
                sys_groups.get((article, rtype), []),
                gold_groups.get((article, rtype), []),
            )
    return report


def _score_group(
    report: Report,
    article: str,
    rtype: str,
    spec: RecordType,
    system: list[dict[str, Any]],
    gold: list[dict[str, Any]],
) -> None:
    required = [g for g in gold if not g.get("optional", False)]
    optional = [g for g in gold if g.get("optional", False)]
    counts = report.types[rtype]

    pairs = _match(spec, system, required)
    for si, gi in sorted(pairs.items()):
        counts.tp += 1
        s, g = system[si], required[gi]
        for slot, ok in _slots(spec, s, g):
            tally = report.slots[rtype].setdefault(slot, SlotCount())
            tally.total += 1
            tally.correct += ok
            if not ok:
                report.wrong_slots.append(
                    SlotError(article, rtype, slot, g[slot], s.get(slot), _key_of(spec, g))
                )
    matched = set(pairs.values())
    for gi, g in enumerate(required):
        if gi not in matched:
            counts.fn += 1
            report.false_negatives.append(RecordError(article, rtype, _key_of(spec, g)))

    rest = [s for si, s in enumerate(system) if si not in pairs]
    extra = _match(spec, rest, optional)
    report.optional_matched += len(extra)
    for si, s in enumerate(rest):
        if si not in extra:
            counts.fp += 1
            report.false_positives.append(RecordError(article, rtype, _key_of(spec, s)))


def _load(path: Path | str) -> list[dict[str, Any]]:
    records = []
    try:
        for number, obj in read_jsonl(path):
            _check(obj, f"{path}:{number}")
            records.append(obj)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return records


def evaluate_files(
    records_path: Path | str,
    gold_path: Path | str,
    types: Iterable[str] | None = None,
    record_types: Iterable[type[Record]] = BUILTIN_TYPES,
) -> Report:
    """Score a JSON Lines file of system records against a gold file, on all record
    types or only on ``types`` (for a gold file annotated for some types only); each type
    by the declaration of its class in ``record_types``.

    Raises ValueError naming the file and line for a bad line or a record without
    ``type`` or ``article``.
    """
    system, gold = _load(records_path), _load(gold_path)
    if types is not None:
        wanted = set(types)
        system = [r for r in system if r.get("type") in wanted]
        gold = [r for r in gold if r.get("type") in wanted]
    return evaluate(system, gold, record_types)
