"""svodka: Russian news articles to normalised fact records, summaries and fact sheets.

The flow: read (reader plugins) → parse once (razdel + pymorphy3) → extract (extractor
plugins) → normalise → records → export (exporter plugins).
"""

from importlib.metadata import PackageNotFoundError, version

import pluggy

try:
    __version__ = version("svodka")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

hookimpl = pluggy.HookimplMarker("svodka")
"""Marker for plugin hook implementations: ``@svodka.hookimpl``."""

__all__ = ["__version__", "hookimpl"]
