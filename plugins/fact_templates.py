"""Built-in fact-line templates: ``svodka/templates/<lang>/<type>.j2``, one per record type
and language, registered through the same hook a plugin uses for its own record types."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

import svodka
from svodka.report.labels import LANGS


@svodka.hookimpl
def register_fact_templates(register: Callable[[str, str, str], None]) -> None:
    root = files("svodka.templates")
    for lang in LANGS:
        folder = root / lang
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".j2"):
                register(entry.name.removesuffix(".j2"), lang, entry.read_text(encoding="utf-8"))
