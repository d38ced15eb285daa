"""Scoring extracted records against gold records (``svodka eval``).

Matching follows the corpus README, "How svodka eval matches": within one article and one
type, system and gold records are paired one to one when their keys agree:

- ``role``: person's surname, ``position``, ``country``;
- ``meeting``: the set of participants' surnames;
- ``agreement``: ``kind``, the set of ``parties``, ``period``;
- ``membership``: ``country``, ``organization``, ``status``;
- ``event``: ``name`` (one contains the other, or shared words >= half of the longer name's
  words), the year of ``date`` when gold has one, ``status`` when gold has one;
- ``quote``: speaker's surname and shared words >= 60% of the longer text's words;
- any other (plugin) type: every type-specific field compared as a key field.

Conventions: strings compare case-folded with ё = е and whitespace collapsed; a surname is
the last word of a name; lists compare as sets (a null list is the empty set); any other
null in a key field matches only null. Words (event names, quotes) are runs of letters and
digits, so quotes, dashes and punctuation are ignored; shared words are counted with
multiplicity. A date matches when one is a prefix of the other, component by component
("2025-10" matches "2025-10-31", not "2025-1").

Gold marked ``"optional": true`` counts neither way: system records are matched against the
other gold first, and the rest against optional gold; a system record paired with optional
gold is neither a true nor a false positive. Each phase is a maximum one-to-one matching
(greedy by closeness, then augmenting paths); candidates are preferred by closeness of
name or text (events, quotes), then by the number of agreeing slots, then by file order.

On true positives the slots that gold fills (not null, not "" and not an empty list) are
compared. Only articles with at least one gold record are scored; system records for other
articles are counted as unscored. A ratio with a zero denominator (precision, recall, F1,
slot accuracy with no items) is reported as 0.0, with its counts alongside.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svodka.model.records import COMMON_FIELDS
from svodka.run.output import read_jsonl

BUILTIN_ORDER = ("role", "meeting", "agreement", "membership", "event", "quote")

# Fields shown to identify a record in error listings.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ("person", "position", "country"),
    "meeting": ("participants",),
    "agreement": ("kind", "parties", "period"),
    "membership": ("country", "organization", "status"),
    "event": ("name", "date", "status"),
    "quote": ("speaker", "text"),
}

# Slots compared on matched pairs when gold fills them.
SLOT_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ("rank",),
    "meeting": ("place", "date", "countries"),
    "agreement": ("status", "place", "date"),
    "membership": ("date",),
    "event": ("edition", "place", "international", "country"),
    "quote": (),
}

_WORD = re.compile(r"[^\W_]+")
_IGNORED = {*COMMON_FIELDS, "optional"}


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


# --------------------------------------------------------------------------- normalising


def _fold(value: Any) -> str:
    """Case-folded, ё = е, whitespace collapsed."""
    return " ".join(str(value).casefold().replace("ё", "е").split())


def _filled(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


def _norm(value: Any) -> Any:
    """A hashable, comparable form: folded strings, lists as frozensets."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return _fold(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(_norm(v) for v in value)
    return _fold(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _set(value: Any) -> frozenset[Any]:
    return frozenset(_norm(v) for v in _as_list(value))


def _surname(name: Any) -> str | None:
    """The last word of a name, folded; None for a null name."""
    if name is None:
        return None
    words = _fold(name).split()
    return words[-1].strip(".,;:!?\"'«»()") if words else ""


def _words(text: Any) -> list[str]:
    return _WORD.findall(_fold(text)) if text is not None else []


def _date_parts(value: Any) -> list[str]:
    return [p for p in _fold(value).split("-") if p] if _filled(value) else []


def _date_match(gold: Any, system: Any) -> bool:
    a, b = _date_parts(gold), _date_parts(system)
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


# --------------------------------------------------------------------------- keys


def _shared(a: list[str], b: list[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _event_key(s: dict[str, Any], g: dict[str, Any]) -> float | None:
    sw, gw = _words(s.get("name")), _words(g.get("name"))
    if not sw or not gw:
        return 1.0 if sw == gw else None
    shared, longer = _shared(sw, gw), max(len(sw), len(gw))
    if not (_contains(sw, gw) or _contains(gw, sw) or 2 * shared >= longer):
        return None
    if _filled(g.get("date")):
        gold_year = _date_parts(g["date"])[:1]
        if not gold_year or _date_parts(s.get("date"))[:1] != gold_year:
            return None
    if _filled(g.get("status")) and _norm(s.get("status")) != _norm(g["status"]):
        return None
    return shared / longer


def _quote_key(s: dict[str, Any], g: dict[str, Any]) -> float | None:
    if _surname(s.get("speaker")) != _surname(g.get("speaker")):
        return None
    sw, gw = _words(s.get("text")), _words(g.get("text"))
    if not sw or not gw:
        return 1.0 if sw == gw else None
    shared, longer = _shared(sw, gw), max(len(sw), len(gw))
    return shared / longer if 5 * shared >= 3 * longer else None


def _exact(key: Callable[[dict[str, Any]], Any]) -> Callable[[dict, dict], float | None]:
    return lambda s, g: 1.0 if key(s) == key(g) else None


def _generic_key(s: dict[str, Any], g: dict[str, Any]) -> float | None:
    names = {*s, *g} - _IGNORED
    return 1.0 if all(_norm(s.get(n)) == _norm(g.get(n)) for n in names) else None


_KEYS: dict[str, Callable[[dict[str, Any], dict[str, Any]], float | None]] = {
    "role": _exact(
        lambda r: (_surname(r.get("person")), _norm(r.get("position")), _norm(r.get("country")))
    ),
    "meeting": _exact(
        lambda r: frozenset(n for n in (_surname(p) for p in _as_list(r.get("participants"))) if n)
    ),
    "agreement": _exact(
        lambda r: (_norm(r.get("kind")), _set(r.get("parties")), _norm(r.get("period")))
    ),
    "membership": _exact(
        lambda r: (_norm(r.get("country")), _norm(r.get("organization")), _norm(r.get("status")))
    ),
    "event": _event_key,
    "quote": _quote_key,
}


def _slot_ok(slot: str, gold: Any, system: Any) -> bool:
    if not _filled(system):
        return False
    if slot == "date":
        return _date_match(gold, system)
    if isinstance(gold, (list, tuple)):
        return _set(gold) == _set(system)
    if isinstance(gold, bool) or isinstance(system, bool):
        return isinstance(gold, bool) and isinstance(system, bool) and gold == system
    return _norm(gold) == _norm(system)


def _slots(rtype: str, s: dict[str, Any], g: dict[str, Any]) -> list[tuple[str, bool]]:
    """The slots gold fills, each with whether the system value matches."""
    return [
        (slot, _slot_ok(slot, g[slot], s.get(slot)))
        for slot in SLOT_FIELDS.get(rtype, ())
        if _filled(g.get(slot))
    ]


def _key_of(record: dict[str, Any]) -> dict[str, Any]:
    names = KEY_FIELDS.get(record["type"])
    if names is None:
        names = tuple(n for n in record if n not in _IGNORED)
    return {n: record.get(n) for n in names}


# --------------------------------------------------------------------------- matching


def _match(rtype: str, system: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[int, int]:
    """A maximum one-to-one matching {system index: gold index}, closest candidates first."""
    key = _KEYS.get(rtype, _generic_key)
    edges: list[tuple[float, int, int, int]] = []
    for si, s in enumerate(system):
        for gi, g in enumerate(gold):
            score = key(s, g)
            if score is not None:
                agree = sum(ok for _, ok in _slots(rtype, s, g))
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


def evaluate(system: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Report:
    """Score system records against gold records (see the module docstring for the rules)."""
    for i, r in enumerate(system, 1):
        _check(r, f"system record {i}")
    for i, r in enumerate(gold, 1):
        _check(r, f"gold record {i}")

    articles = list(dict.fromkeys(r["article"] for r in gold))
    scored = set(articles)
    seen_types = {r["type"] for r in system if r["article"] in scored} | {r["type"] for r in gold}
    types = [*(t for t in BUILTIN_ORDER), *sorted(seen_types - set(BUILTIN_ORDER))]
    report = Report(
        types={t: Counts() for t in types},
        slots={t: {slot: SlotCount() for slot in SLOT_FIELDS.get(t, ())} for t in types},
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
                sys_groups.get((article, rtype), []),
                gold_groups.get((article, rtype), []),
            )
    return report


def _score_group(
    report: Report,
    article: str,
    rtype: str,
    system: list[dict[str, Any]],
    gold: list[dict[str, Any]],
) -> None:
    required = [g for g in gold if not g.get("optional", False)]
    optional = [g for g in gold if g.get("optional", False)]
    counts = report.types[rtype]

    pairs = _match(rtype, system, required)
    for si, gi in sorted(pairs.items()):
        counts.tp += 1
        s, g = system[si], required[gi]
        for slot, ok in _slots(rtype, s, g):
            tally = report.slots[rtype].setdefault(slot, SlotCount())
            tally.total += 1
            tally.correct += ok
            if not ok:
                report.wrong_slots.append(
                    SlotError(article, rtype, slot, g[slot], s.get(slot), _key_of(g))
                )
    matched = set(pairs.values())
    for gi, g in enumerate(required):
        if gi not in matched:
            counts.fn += 1
            report.false_negatives.append(RecordError(article, rtype, _key_of(g)))

    rest = [s for si, s in enumerate(system) if si not in pairs]
    extra = _match(rtype, rest, optional)
    report.optional_matched += len(extra)
    for si, s in enumerate(rest):
        if si not in extra:
            counts.fp += 1
            report.false_positives.append(RecordError(article, rtype, _key_of(s)))


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
    records_path: Path | str, gold_path: Path | str, types: Iterable[str] | None = None
) -> Report:
    """Score a JSON Lines file of system records against a gold file, on all record
    types or only on ``types`` (for a gold file annotated for some types only).

    Raises ValueError naming the file and line for a bad line or a record without
    ``type`` or ``article``.
    """
    system, gold = _load(records_path), _load(gold_path)
    if types is not None:
        wanted = set(types)
        system = [r for r in system if r.get("type") in wanted]
        gold = [r for r in gold if r.get("type") in wanted]
    return evaluate(system, gold)
