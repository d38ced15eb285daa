"""Fact records: the public interface of svodka.

Field names and value conventions follow the record format (README, "Records"): every
record carries ``id``, ``type``, ``article``, ``extractor``, ``confidence`` and
``evidence``, and may carry ``news`` (true: the article states the fact as news, false: as
background); each type adds its own fields. A plugin adds a record type by subclassing
:class:`Record` and registering the class through the ``register_record_types`` hook.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import hashlib
import json
import math
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from svodka.model.identity import ALL_FIELDS, Identity, KeyFields, NamedEvent, SpokenWords


@dataclass(frozen=True)
class Evidence:
    """A span of the article text that states the fact (character offsets into ``text``)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


COMMON_FIELDS = ("id", "type", "article", "extractor", "confidence", "evidence", "news")
# Common fields a record may leave out: ``news`` is set once the language layer has read the
# article (svodka.normalize.news); gold records and older records files do not carry it.
OPTIONAL_FIELDS = ("news",)

# How a field's values are shown, by its name: the record format's conventions, which hold
# for plugin types too. A type's ``RecordType.kinds`` overrides them; any other field is
# shown by its annotation (text, int, float, bool).
FIELD_KINDS: Mapping[str, str] = {
    "person": "person",
    "speaker": "person",
    "country": "country",
    "countries": "country",
    "organization": "organization",
    "place": "place",
    "date": "date",
    "position": "post",
    "rank": "rank",
}


@dataclass(frozen=True)
class BriefColumn:
    """A column of a type's table in the brief: its header (a label key of
    :mod:`svodka.report.labels`), its relative width, and the fields its cell shows.

    A field may name the kind its values are shown as (``"position:vocab"``); by default
    the kind of the type's tables. ``form`` joins the fields' texts: ``list`` (", "-joined,
    empty ones skipped), ``first`` (the first filled), ``paren`` ("A (B)"), ``range``
    ("2019–2021"), ``edition`` (a name and its number) or ``quoted`` (in quotation marks).
    """

    header: str
    width: int
    fields: tuple[str, ...]
    form: str = "list"


@dataclass(frozen=True)
class RecordType:
    """Everything svodka knows about a record type beyond its fields, declared with the type
    (``spec`` of a :class:`Record` subclass) and read by every part that handles records:

    - ``order``: its rank, most important first: the order of brief sections and key
      developments, workbook sheets, CSV files and evaluation rows (ties by type name);
    - ``weight``: how much its records count when an article's summary sentences are chosen;
    - ``identity``: what makes two records the same fact (:mod:`svodka.model.identity`),
      for evaluation and consolidation alike;
    - ``slots``: the fields evaluation compares on matched pairs when gold fills them;
    - ``vocabularies``: the closed vocabularies of its fields (the schema enforces them);
    - ``kinds``: how fields are shown where the field name does not tell
      (:data:`FIELD_KINDS`): ``person``, ``country``, ``organization``, ``place``,
      ``party``, ``date``, ``post``, ``rank``, ``long``, ``text`` (a type with one
      ``person`` and a ``post`` field gives persons their posts in the workbook);
    - ``columns``: the fields its tables show, in order (None: every field);
    - ``united``: list fields whose values are united when records are merged into a fact;
    - ``key``: whether its facts may be among the brief's key developments (news only,
      ranked by :mod:`svodka.report.select`);
    - ``template``: the name of its fact-line template (None: the type's name);
    - ``stated``: fields that say when or how the fact was stated rather than what it is
      (a role's ``date`` and ``former``): left out of the record id, and a stated ``date``
      does not split facts, so that one post stated on two days is one fact with both
      sources;
    - ``brief``: the columns of its table in the brief (empty: one per table column);
    - ``labels``: its own ru/en labels, as rows of ``labels.tsv`` (``type:<type>`` its name,
      ``section:<type>`` its brief section, ``column:<type>.<field>`` a column header,
      ``<type>.<field>:<value>`` a value of a closed vocabulary); a plugin declares them
      here, the built-in types have theirs in ``labels.tsv``.
    """

    order: int = 1000
    weight: float = 1.0
    identity: Identity = ALL_FIELDS
    slots: tuple[str, ...] = ()
    vocabularies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    columns: tuple[str, ...] | None = None
    united: frozenset[str] = frozenset()
    key: bool = True
    template: str | None = None
    stated: frozenset[str] = frozenset()
    brief: tuple[BriefColumn, ...] = ()
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)


_VALUE_FIELDS: dict[type, tuple[str, ...]] = {}


def _value_fields(cls: type) -> tuple[str, ...]:
    """The names of a record class's type-specific fields, in declaration order."""
    names = _VALUE_FIELDS.get(cls)
    if names is None:
        names = _VALUE_FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if f.name not in COMMON_FIELDS
        )
    return names


@dataclass(kw_only=True)
class Record:
    """Base of every record type; subclasses set ``type`` and add their fields."""

    type: ClassVar[str] = ""
    spec: ClassVar[RecordType] = RecordType()
    article: str
    extractor: str = ""
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    id: str = ""
    news: bool | None = None  # None: not told (svodka.normalize.news tells it)

    def values(self) -> dict[str, Any]:
        """The type-specific fields, in declaration order."""
        return {name: getattr(self, name) for name in _value_fields(type(self))}

    def make_id(self) -> str:
        """A stable id: the same article and the same fact give the same id on every run
        (the type's ``stated`` fields left out)."""
        stated = self.spec.stated
        values = {k: v for k, v in self.values().items() if k not in stated}
        payload = json.dumps(
            [self.article, self.type, _canonical(values)],
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
        if self.news is not None:
            data["news"] = self.news
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


# The built-in types, in the order of the record format. Their labels are in labels.tsv.


@dataclass(kw_only=True)
class Role(Record):
    """A person holding a post: ``position`` lower case and canonical, ``rank`` if stated;
    ``date`` the date the post is stated for, ``former`` a post no longer held."""

    type: ClassVar[str] = "role"
    spec: ClassVar[RecordType] = RecordType(
        order=50,
        weight=1.0,
        identity=KeyFields((("person", "surname"), ("position", "post"), ("country", "value"))),
        slots=("rank",),
        key=False,  # a post is context: roles go to their table, never to the key developments
        stated=frozenset({"date", "former"}),
        brief=(
            BriefColumn("brief:col_person", 28, ("person",)),
            BriefColumn("brief:col_post", 34, ("position:vocab", "rank:vocab")),
            BriefColumn("brief:col_affiliation", 26, ("country", "organization")),
        ),
    )
    person: str
    position: str | None = None
    country: str | None = None
    organization: str | None = None
    rank: str | None = None
    date: str | None = field(
        default=None,
        metadata={
            "doc": "ISO 8601 date the post is stated for (partial, or an interval "
            "2019/2021): the years the text gives for it; for a post still held without "
            "them, the article's publication date; null for a former post without them"
        },
    )
    former: bool = field(
        default=False,
        metadata={
            "doc": "true when the text states the post as no longer held when the article "
            'was written ("бывший министр", "тогдашний министр", "в 2019–2021 годах '
            'занимал пост"); date then gives the years it was held, if the text says'
        },
    )


@dataclass(kw_only=True)
class Meeting(Record):
    """A visit, talks, meeting or phone call between named persons."""

    type: ClassVar[str] = "meeting"
    spec: ClassVar[RecordType] = RecordType(
        order=30,
        weight=2.0,
        identity=KeyFields((("participants", "surnames"),)),
        slots=("place", "date", "countries"),
        vocabularies={"format": ("visit", "talks", "meeting", "call")},
        kinds={"participants": "person"},
        united=frozenset({"topics"}),
        brief=(
            BriefColumn("brief:col_date", 14, ("date",)),
            BriefColumn("brief:col_place", 14, ("place",)),
            BriefColumn("brief:col_participants", 34, ("participants", "countries"), "paren"),
            BriefColumn("brief:col_topics", 26, ("topics",)),
        ),
    )
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
    spec: ClassVar[RecordType] = RecordType(
        order=10,
        weight=3.0,
        identity=KeyFields((("kind", "value"), ("parties", "set"), ("period", "value"))),
        slots=("status", "place", "date"),
        vocabularies={
            "kind": (
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
            "status": ("signed", "planned", "in_force", "ratified"),
        },
        kinds={"parties": "party"},
        brief=(
            BriefColumn("brief:col_document", 28, ("title", "kind"), "first"),
            BriefColumn("brief:col_parties", 20, ("parties",)),
            BriefColumn("brief:col_period", 11, ("period",), "range"),
            BriefColumn("brief:col_status", 14, ("status",)),
            BriefColumn("brief:col_date", 15, ("date",)),
        ),
    )
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
    spec: ClassVar[RecordType] = RecordType(
        order=20,
        weight=3.0,
        identity=KeyFields((("country", "value"), ("organization", "value"), ("status", "value"))),
        slots=("date",),
        vocabularies={
            "status": (
                "applicant",
                "invited",
                "observer",
                "partner",
                "dialogue_partner",
                "member",
                "suspended",
                "withdrawn",
            )
        },
        brief=(
            BriefColumn("brief:col_country", 26, ("country",)),
            BriefColumn("brief:col_organization", 26, ("organization",)),
            BriefColumn("brief:col_status", 18, ("status",)),
            BriefColumn("brief:col_date", 18, ("date",)),
        ),
    )
    country: str
    organization: str
    status: str
    date: str | None = None


@dataclass(kw_only=True)
class Event(Record):
    """A named camp, exercise, council meeting, summit, forum or competition."""

    type: ClassVar[str] = "event"
    spec: ClassVar[RecordType] = RecordType(
        order=40,
        weight=2.0,
        identity=NamedEvent(),
        slots=("edition", "place", "international", "country"),
        vocabularies={"status": ("held", "ongoing", "planned")},
        kinds={"participants": "country"},
        united=frozenset({"dedicated_to"}),
        brief=(
            BriefColumn("brief:col_event", 26, ("name", "edition"), "edition"),
            BriefColumn("brief:col_date", 15, ("date",)),
            BriefColumn("brief:col_place", 17, ("place", "country")),
            BriefColumn("brief:col_status", 14, ("status",)),
            BriefColumn("brief:col_participants", 18, ("participants",)),
        ),
    )
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
    """Words a person said, without the quotation marks, dated by the article reporting them."""

    type: ClassVar[str] = "quote"
    spec: ClassVar[RecordType] = RecordType(
        order=60,
        weight=0.5,
        identity=SpokenWords(),
        kinds={"text": "long"},
        key=False,  # a quote is not a development
        stated=frozenset({"date"}),  # the same words reported on two days are one statement
        brief=(
            BriefColumn("brief:col_speaker", 20, ("speaker",)),
            BriefColumn("brief:col_date", 13, ("date",)),
            BriefColumn("brief:col_statement", 55, ("text",), "quoted"),
        ),
    )
    speaker: str
    text: str
    date: str | None = None  # the day the words were reported: the article's publication date


def type_rank(cls: type[Record]) -> tuple[int, str]:
    """The one order of record types: by declared ``order``, then by name."""
    return cls.spec.order, cls.type


BUILTIN_TYPES: tuple[type[Record], ...] = tuple(
    sorted((Role, Meeting, Agreement, Membership, Event, Quote), key=type_rank)
)


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
_MISSING = object()


def record_problem(record: object, text: str) -> str | None:
    """Why ``record`` cannot be kept for an article of this ``text``, in one line; None if it
    can. Never raises.

    A record must be a :class:`Record` of a named type, declared by a :class:`RecordType`,
    whose every field holds what the type declares (where its annotations can be read)
    and, for closed vocabularies, one of their values; ``confidence`` a finite number in
    0..1; ``evidence`` :class:`Evidence` spans within the text; and the whole of it JSON (no
    NaN or infinity, no sets, bytes, objects, non-text keys or text that UTF-8 cannot
    encode).
    """
    try:
        return _problem(record, text)
    except Exception as exc:  # noqa: BLE001 - a plugin's class may raise anywhere
        return f"cannot be checked ({type(exc).__name__}: {_short(exc)})"


def _problem(record: object, text: str) -> str | None:
    if not isinstance(record, Record):
        return f"not a record but {type(record).__name__}"
    cls = type(record)
    if not isinstance(cls.type, str) or not cls.type:
        return f"its class {cls.__name__} sets no record type"
    if not isinstance(cls.spec, RecordType):
        return f"its class {cls.__name__} declares a spec that is not a RecordType"
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
        if not isinstance(ev.text, str) or _json_problem(ev.text, 0) is not None:
            return f"evidence text {_short(ev.text)} is not text UTF-8 can encode"
    for name, fits, expected, vocabulary in _field_checks(cls):
        value = getattr(record, name, _MISSING)
        if value is _MISSING:
            return f"field {name!r} is missing"
        if not fits(value):
            return f"field {name!r} holds {_short(value)}, not {expected}"
        if vocabulary and value is not None and value not in vocabulary:
            return f"field {name!r} holds {_short(value)}, not one of {', '.join(vocabulary)}"
        problem = _json_problem(value, 0)
        if problem is not None:
            return f"field {name!r} {problem}"
    if any(getattr(cls, m) is not getattr(Record, m) for m in ("to_dict", "values", "make_id")):
        for name, value in record.to_dict().items():  # what the plugin's class writes
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


_Check = Callable[[Any], bool]
_FieldChecks = tuple[tuple[str, _Check, str, tuple[str, ...] | None], ...]
_FIELD_CHECKS: dict[type, _FieldChecks] = {}


def _field_checks(cls: type[Record]) -> _FieldChecks:
    """Per field but confidence and evidence: its name, the test of its declared type, the
    type as messages name it, and its closed vocabulary if any. Annotations that cannot be
    resolved (a plugin's naming something out of reach) are not checked, only JSON is."""
    checks = _FIELD_CHECKS.get(cls)
    if checks is None:
        checks = _FIELD_CHECKS[cls] = _make_field_checks(cls)
    return checks


def _make_field_checks(cls: type[Record]) -> _FieldChecks:
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001
        hints = {}
    checks = []
    for f in dataclasses.fields(cls):
        if f.name in ("confidence", "evidence"):
            continue
        hint = hints.get(f.name, Any)
        name = hint.__name__ if isinstance(hint, type) else str(hint)
        vocabulary = cls.spec.vocabularies.get(f.name)
        checks.append((f.name, _checker(hint), name, vocabulary))
    return tuple(checks)


def _any(value: Any) -> bool:
    return True


def _checker(hint: Any) -> _Check:
    """A test of whether a value is of an annotation's type, for the forms record fields use;
    any other annotation is taken as fitting (the value only has to be JSON)."""
    if hint is Any or hint is object:
        return _any
    if hint is None or hint is type(None):
        return lambda v: v is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        checks = [_checker(arg) for arg in args]
        return lambda v: any(check(v) for check in checks)
    if origin is typing.Literal:
        return lambda v: any(v == arg and type(v) is type(arg) for arg in args)
    if hint is bool:
        return lambda v: isinstance(v, bool)
    if hint is int:
        return _is_int
    if hint is float:
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if hint is str:
        return lambda v: isinstance(v, str)
    if origin is tuple and args and args[-1] is not Ellipsis:
        fixed = [_checker(arg) for arg in args]
        return lambda v: (
            isinstance(v, (list, tuple))
            and len(v) == len(fixed)
            and all(check(x) for check, x in zip(fixed, v, strict=True))
        )
    if origin in (list, tuple, collections.abc.Sequence) or hint in (list, tuple):
        item = _checker(args[0]) if args else _any
        return lambda v: isinstance(v, (list, tuple)) and all(map(item, v))
    if origin in (dict, collections.abc.Mapping) or hint is dict:
        key, value = (_checker(args[0]), _checker(args[1])) if len(args) == 2 else (_any, _any)
        return lambda v: isinstance(v, dict) and all(key(k) and value(x) for k, x in v.items())
    if isinstance(hint, type):
        return lambda v: isinstance(v, hint)
    return _any


def _json_problem(value: Any, depth: int) -> str | None:
    """What keeps a value from being written as JSON and read back the same, or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        if value.isascii():
            return None
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
