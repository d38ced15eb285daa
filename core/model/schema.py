"""The JSON Schema of fact records, derived from the record dataclasses.

Built-in and plugin record types alike: a field's JSON type follows its annotation
(``str | None`` → string or null, ``list[str]`` → array of strings), and the closed
vocabularies of the record format become enums.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from svodka.model.records import COMMON_FIELDS, OPTIONAL_FIELDS, Record

SCHEMA_ID = "https://svodka.invalid/schema/record.json"

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


def _json_type(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = (
            _json_type(options[0])
            if len(options) == 1
            else {"anyOf": [_json_type(a) for a in options]}
        )
        if type(None) in args:
            if "type" in inner and isinstance(inner["type"], str):
                return {**inner, "type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        return inner
    if origin in (list, tuple) or annotation in (list, tuple):
        item = _json_type(args[0]) if args else {}
        return {"type": "array", "items": item}
    if origin is dict or annotation is dict:
        return {"type": "object"}
    return dict(_SCALARS.get(annotation, {}))


def _evidence_schema() -> dict[str, Any]:
    return {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["start", "end", "text"],
            "properties": {
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                "text": {"type": "string"},
            },
        },
    }


def type_schema(cls: type[Record]) -> dict[str, Any]:
    """The schema of one record type."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {
        "id": {"type": "string", "minLength": 1},
        "type": {"const": cls.type},
        "article": {"type": "string"},
        "extractor": {"type": "string"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "evidence": _evidence_schema(),
        "news": {
            "type": "boolean",
            "description": "true: the article states the fact as news (what happened or will "
            "happen); false: as background (context, a standing state, a past post). Optional: "
            "gold records do not carry it and evaluation ignores it.",
        },
    }
    required = [name for name in COMMON_FIELDS if name not in OPTIONAL_FIELDS]
    for f in dataclasses.fields(cls):
        if f.name in COMMON_FIELDS:
            continue
        prop = _json_type(hints[f.name])
        if f.metadata.get("doc"):  # a field's own description: ``field(metadata={"doc": ...})``
            prop["description"] = f.metadata["doc"]
        vocabulary = cls.spec.vocabularies.get(f.name)
        if vocabulary is not None:
            prop["enum"] = (
                [*vocabulary, None] if "null" in str(prop.get("type")) else list(vocabulary)
            )
        properties[f.name] = prop
        required.append(f.name)
    return {
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else "",
        "type": "object",
        "required": required,
        "properties": properties,
    }


def record_schema(record_types: dict[str, type[Record]]) -> dict[str, Any]:
    """The schema every emitted record validates against: one branch per record type."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "svodka fact record",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": sorted(record_types)}},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": name}}},
                "then": type_schema(cls),
            }
            for name, cls in sorted(record_types.items())
        ],
    }
