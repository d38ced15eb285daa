"""svodka: Russian news articles to normalised fact records, summaries and fact sheets.

The flow, one subpackage each: ``read`` (inputs to articles, through reader plugins) →
``text`` (tokens, morphology, sentences, parsed once) → ``mentions`` → extract (extractor
plugins) → ``normalize`` → ``model`` (records, facts) → ``report`` (summaries, fact lines,
labels, tables) → export (exporter plugins); ``eval`` scores records, ``run`` keeps a run
safe. ``pipeline`` and ``cli`` tie them together.

What a plugin needs is importable from here: ``svodka.hookimpl``, ``svodka.Extractor``,
``svodka.Exporter``, ``svodka.Reader``, ``svodka.Record``, ``svodka.Evidence``,
``svodka.RecordType`` and ``svodka.BriefColumn`` (a record type's declaration),
``svodka.Article``, ``svodka.ParsedArticle``, ``svodka.Run``. These names stay where they
are when modules move; they are loaded on first use, so ``import svodka`` stays cheap.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pluggy

try:
    __version__ = version("svodka")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

hookimpl = pluggy.HookimplMarker("svodka")
"""Marker for plugin hook implementations: ``@svodka.hookimpl``."""

_PUBLIC = {
    "Extractor": "svodka.components",
    "Exporter": "svodka.components",
    "Reader": "svodka.components",
    "Record": "svodka.model.records",
    "Evidence": "svodka.model.records",
    "RecordType": "svodka.model.records",
    "BriefColumn": "svodka.model.records",
    "Article": "svodka.model.article",
    "ParsedArticle": "svodka.text.parse",
    "Run": "svodka.pipeline",
}

__all__ = ["__version__", "hookimpl", *_PUBLIC]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'svodka' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
