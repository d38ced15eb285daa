"""Fact records: the public interface of svodka.

Field names and value conventions follow the record format (README, "Records"): every
record carries ``id``, ``type``, ``article``, ``extractor``, ``confidence`` and
``evidence``; each type adds its own fields. A plugin adds a record type by subclassing
:class:`Record` and registering the class through the ``register_record_types`` hook.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import hashlib
import json
import math
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Evidence:
    """A span of the article text that states the fact (character offsets into ``text``)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


COMMON_FIELDS = ("id", "type", "article", "extractor", "confidence", "evidence")


@functools.cache
def _value_fields(cls: type) -> tuple[str, ...]:
    """The names of a record class's type-specific fields, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in COMMON_FIELDS)


@dataclass(kw_only=True)
class Record:
    """Base of every record type; subclasses set ``type`` and add their fields."""

    type: ClassVar[str] = ""
    article: str
    extractor: str = ""
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    id: str = ""

    def values(self) -> dict[str, Any]:
        """The type-specific fields, in declaration order."""
        return {name: getattr(self, name) for name in _value_fields(type(self))}

    def make_id(self) -> str:
        """A stable id: the same article and the same fact give the same id on every run."""
        payload = json.dumps(
            [self.article, self.type, _canonical(self.values())],
            ensure_ascii=False,
            sort_keys=True,
        )
        return f"{self.type}-{hashlib.sha1(payload.encode('utf-8')).hexdigest()[:16]}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id or self.make_id(),
            "type": self.type,
            "article": self.article,
            "extractor": self.extractor,
            "confidence": round(float(self.confidence), 3),
            "evidence": [e.to_dict() for e in self.evidence],
        }
        data.update(self.values())
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Build a record of this class from its JSON form (unknown keys are ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names and k != "evidence"}
        kwargs["evidence"] = [Evidence(**e) for e in data.get("evidence") or []]
        return cls(**kwargs)


def _canonical(value: Any) -> Any:
    """Lists whose order carries no meaning are sorted so that ids do not depend on it."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


@dataclass(kw_only=True)
class Role(Record):
    """A person holding a post: ``position`` lower case and canonical, ``rank`` if stated."""

    type: ClassVar[str] = "role"
    person: str
    position: str | None = None
    country: str | None = None
    organization: str | None = None
    rank: str | None = None


@dataclass(kw_only=True)
class Meeting(Record):
    """A visit, talks, meeting or phone call between named persons."""

    type: ClassVar[str] = "meeting"
    participants: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    format: str | None = None
    topics: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Agreement(Record):
    """A plan, programme, agreement, memorandum, ... with its parties and period."""

    type: ClassVar[str] = "agreement"
    kind: str
    title: str | None = None
    parties: list[str] = field(default_factory=list)
    period: str | None = None
    status: str | None = None
    date: str | None = None
    place: str | None = None


@dataclass(kw_only=True)
class Membership(Record):
    """A state's status in an organisation (applicant ... member, suspended, withdrawn)."""

    type: ClassVar[str] = "membership"
    country: str
    organization: str
    status: str
    date: str | None = None


@dataclass(kw_only=True)
class Event(Record):
    """A named camp, exercise, council meeting, summit, forum or competition."""

    type: ClassVar[str] = "event"
    name: str
    category: str | None = None
    edition: int | None = None
    international: bool | None = None
    status: str | None = None
    place: str | None = None
    country: str | None = None
    date: str | None = None
    participants: list[str] = field(default_factory=list)
    dedicated_to: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Quote(Record):
    """Words a person said, without the quotation marks."""

    type: ClassVar[str] = "quote"
    speaker: str
    text: str


BUILTIN_TYPES: tuple[type[Record], ...] = (Role, Meeting, Agreement, Membership, Event, Quote)

# Closed vocabularies of the record format; the schema enforces them.
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("meeting", "format"): ("visit", "talks", "meeting", "call"),
    ("agreement", "kind"): (
        "plan",
        "programme",
        "agreement",
        "memorandum",
        "protocol",
        "treaty",
        "concept",
        "declaration",
        "roadmap",
    ),
    ("agreement", "status"): ("signed", "planned", "in_force", "ratified"),
    ("membership", "status"): (
        "applicant",
        "invited",
        "observer",
        "partner",
        "dialogue_partner",
        "member",
        "suspended",
        "withdrawn",
    ),
    ("event", "status"): ("held", "ongoing", "planned"),
}


def record_from_dict(data: dict[str, Any], types: dict[str, type[Record]]) -> Record:
    """Rebuild a record from JSON, by its ``type``; raises ValueError for an unknown type."""
    try:
        cls = types[data["type"]]
    except KeyError as exc:
        raise ValueError(f"unknown record type {data.get('type')!r}") from exc
    return cls.from_dict(data)


# -- checking records that plugins return --------------------------------------------------

_MAX_DEPTH = 32  # nesting of lists and objects in one field
_MAX_INT_BITS = 14_000  # Python writes no integer of more than 4,300 digits


def record_problem(record: object, text: str) -> str | None:
    """Why ``record`` cannot be kept for an article of this ``text``, in one line; None if it
    can. Never raises.

    A record must be a :class:`Record` of a named type whose every field holds what the
    type declares (where its annotations can be read) and, for closed vocabularies, one of
    their values; ``confidence`` a finite number in 0..1; ``evidence`` :class:`Evidence`
    spans within the text; and the whole of it JSON (no NaN or infinity, no sets, bytes,
    objects, non-text keys or text that UTF-8 cannot encode).
    """
    try:
        return _problem(record, text)
    except Exception as exc:  # noqa: BLE001 - a plugin's class may raise anywhere
        return f"cannot be checked ({type(exc).__name__}: {_short(exc)})"


def _problem(record: object, text: str) -> str | None:
    if not isinstance(record, Record):
        return f"not a record but {type(record).__name__}"
    record_type = type(record).type
    if not isinstance(record_type, str) or not record_type:
        return f"its class {type(record).__name__} sets no record type"
    confidence = record.confidence
    if not (
        isinstance(confidence, (int, float))
        and not isinstance(confidence, bool)
        and math.isfinite(confidence)
        and 0 <= confidence <= 1
    ):
        return f"confidence {_short(confidence)} is not a number in 0..1"
    if not isinstance(record.evidence, list):
        return f"evidence is {type(record.evidence).__name__}, not a list"
    for ev in record.evidence:
        if not isinstance(ev, Evidence):
            return f"evidence holds {type(ev).__name__}, not Evidence"
        if not (_is_int(ev.start) and _is_int(ev.end) and 0 <= ev.start <= ev.end <= len(text)):
            return (
                f"evidence {_short(ev.start)}..{_short(ev.end)} is not within the text "
                f"(0..{len(text)})"
            )
    hints = _type_hints(type(record))
    for f in dataclasses.fields(record):
        if f.name in ("confidence", "evidence"):
            continue
        if not hasattr(record, f.name):
            return f"field {f.name!r} is missing"
        value = getattr(record, f.name)
        hint = hints.get(f.name, Any)
        if not _fits(value, hint):
            return f"field {f.name!r} holds {_short(value)}, not {_hint_name(hint)}"
        vocabulary = VOCABULARIES.get((record_type, f.name))
        if vocabulary and value is not None and value not in vocabulary:
            return f"field {f.name!r} holds {_short(value)}, not one of {', '.join(vocabulary)}"
        problem = _json_problem(value, 0)
        if problem is not None:
            return f"field {f.name!r} {problem}"
    data = record.to_dict()  # what is written, in case the plugin's class changes it
    for name, value in data.items():
        problem = _json_problem(value, 0)
        if problem is not None:
            return f"field {name!r} {problem}"
    return None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(value: object, size: int = 60) -> str:
    """A value as a message shows it: its repr, on one line, cut to ``size`` characters."""
    try:
        shown = repr(value)
    except Exception:  # noqa: BLE001
        shown = f"<{type(value).__name__}>"
    shown = " ".join(shown.split())
    return shown if len(shown) <= size else shown[: size - 1] + "…"


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """A record class's field annotations, resolved; none where they cannot be (a plugin's
    annotation naming something out of reach), and then only JSON is checked."""
    try:
        return typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001
        return {}


def _hint_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) if isinstance(hint, type) else str(hint)


def _fits(value: Any, hint: Any) -> bool:
    """Whether a value is of an annotation's type (the forms record fields use; any other
    annotation is taken as fitting, and the value only has to be JSON)."""
    if hint is Any or hint is object:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(_fits(value, arg) for arg in args)
    if origin is typing.Literal:
        return any(value == arg and type(value) is type(arg) for arg in args)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return _is_int(value)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if origin in (list, tuple, collections.abc.Sequence) or hint in (list, tuple):
        if not isinstance(value, (list, tuple)):
            return False
        if origin is tuple and args and args[-1] is not Ellipsis:
            return len(value) == len(args) and all(map(_fits, value, args))
        item = args[0] if args else Any
        return all(_fits(v, item) for v in value)
    if origin in (dict, collections.abc.Mapping) or hint is dict:
        if not isinstance(value, dict):
            return False
        key, item = args if len(args) == 2 else (Any, Any)
        return all(_fits(k, key) and _fits(v, item) for k, v in value.items())
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _json_problem(value: Any, depth: int) -> str | None:
    """What keeps a value from being written as JSON and read back the same, or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"holds text UTF-8 cannot encode ({_short(value)})"
        return None
    if isinstance(value, int):
        return None if value.bit_length() <= _MAX_INT_BITS else "holds a too large integer"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"holds {value!r}, which JSON has not"
    if depth >= _MAX_DEPTH:
        return f"is nested deeper than {_MAX_DEPTH} levels"
    if isinstance(value, (list, tuple)):
        for item in value:
            problem = _json_problem(item, depth + 1)
            if problem is not None:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"holds a key {_short(key)} that is not text"
            problem = _json_problem(key, depth + 1) or _json_problem(item, depth + 1)
            if problem is not None:
                return problem
        return None
    return f"holds {type(value).__name__} {_short(value)}, which JSON has not"
