"""The user's own rules: TSV files of the built-in format (``svodka/data/rules``) in the
folders or files that ``SVODKA_RULES`` names (separated like ``PATH``), registered through the
same hook a third-party plugin uses. A file's name is the family of its lists:
``my-rules/meetings.tsv`` with the line ``meeting_words<TAB>свидание`` adds a meeting word."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import svodka
from svodka.extract.rules import read_tsv

RULES_ENV = "SVODKA_RULES"


def rule_files() -> list[Path]:
    """The ``.tsv`` files that ``SVODKA_RULES`` names, folders' files in name order."""
    found: list[Path] = []
    for part in filter(None, os.environ.get(RULES_ENV, "").split(os.pathsep)):
        path = Path(part)
        found.extend(sorted(path.glob("*.tsv")) if path.is_dir() else [path])
    return found


@svodka.hookimpl
def register_rules(register: Callable[[str, Iterable[tuple[str, ...]]], None]) -> None:
    for path in rule_files():
        for name, rows in read_tsv(path).items():
            register(name, rows)
