"""Fact records: the public interface of svodka.

Field names and value conventions follow the record format (README, "Records"): every
record carries ``id``, ``type``, ``article``, ``extractor``, ``confidence`` and
``evidence``; each type adds its own fields. A plugin adds a record type by subclassing
:class:`Record` and registering the class through the ``register_record_types`` hook.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
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
