"""Rules as data: the word lists and decision tables of the extractors, read from TSV files.

Each family of rules is one file, ``svodka/data/rules/<family>.tsv`` (``meetings``,
``membership``, ``grammar``, ...). A line is a list name, a tab and a word; a table's lines
have more columns (``moves<TAB>вступить<TAB>member<TAB>в во``). Every line of one list has the
same number of columns; ``#`` starts a comment line. The header comment of each file says
what each list means.

A module takes its list under the name it always had, ``MEETING_WORDS =
words("meetings.meeting_words")``: an ordinary set, so a membership test costs what it did.
Plugins add lines through the ``register_rules`` hook; each time a plugin manager is
(re)built, :func:`collect` refills every list in place with the built-in lines and that
manager's additions, recomputes the sets built from other lists (:func:`derived`), and
clears the caches of the modules that hold lists. So the rules of the manager built last are
in force, and what one manager added is gone once a manager without it is built.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svodka.manager import Plugins

Row = tuple[str, ...]


class RulesError(ValueError):
    """A malformed rules file or an unknown list; the message names the file and line."""


def read_tsv(path: Path | str) -> dict[str, list[Row]]:
    """The lists of one rules file, ``family.list`` -> its rows (the columns after the list
    name), the family being the file's name without ``.tsv``; a malformed line raises
    :class:`RulesError` naming the file and line."""
    family = Path(path).stem
    lists: dict[str, list[Row]] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for number, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, *columns = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            row = tuple(c.strip() for c in columns)
            if not name.strip() or not row or not all(row):
                raise RulesError(f"{path}:{number}: expected a list name and a word, tab-separated")
            rows = lists.setdefault(f"{family}.{name.strip()}", [])
            if rows and len(rows[0]) != len(row):
                raise RulesError(
                    f"{path}:{number}: list {name.strip()!r} has {len(rows[0])} column(s) "
                    f"after its name, this line {len(row)}"
                )
            rows.append(row)
    return lists


@cache
def builtin() -> dict[str, list[Row]]:
    """The built-in lists, from every file in ``svodka/data/rules``, read once."""
    lists: dict[str, list[Row]] = {}
    folder = files("svodka.data") / "rules"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".tsv"):
            lists.update(read_tsv(Path(str(entry))))
    return lists


# The live objects the modules hold, the recipes to refill them, and the current additions.
_lists: dict[str, tuple[set[str] | dict[str, Any], Callable[..., Any] | None]] = {}
_derived: list[tuple[set[str], Callable[[], Iterable[str]]]] = []
_holders: set[str] = set()
_added: dict[str, list[Row]] = {}


def _rows(name: str) -> list[Row]:
    base = builtin().get(name)
    if base is None:
        raise RulesError(f"no rules list {name!r} (lists are 'family.list', see svodka/data/rules)")
    return base + _added.get(name, [])


def _fill(name: str) -> None:
    target, make = _lists[name]
    rows = _rows(name)
    if make is None:
        assert isinstance(target, set)
        target.clear()
        target.update(row[0] for row in rows)
    else:
        assert isinstance(target, dict)
        target.clear()
        target.update((row[0], make(*row[1:])) for row in rows)


def _declare(name: str, target: set[str] | dict[str, Any], make: Callable[..., Any] | None) -> None:
    _holders.add(sys._getframe(2).f_globals.get("__name__", ""))
    _lists[name] = (target, make)
    _fill(name)


def words(name: str) -> set[str]:
    """The word list ``family.list`` (one word per line), kept up to date in place; every
    module that asks for one list gets the same set."""
    known = _lists[name][0] if name in _lists else None
    if isinstance(known, set):
        return known
    width = len(_rows(name)[0])
    if width != 1:
        raise RulesError(f"rules list {name!r} is a table of {width} columns, not a word list")
    target: set[str] = set()
    _declare(name, target, None)
    return target


def table(name: str, make: Callable[..., Any]) -> dict[str, Any]:
    """The table ``family.list``: first column -> ``make(*other columns)``, in file order,
    kept up to date in place."""
    known = _lists[name][0] if name in _lists else None
    if isinstance(known, dict):
        return known
    target: dict[str, Any] = {}
    _declare(name, target, make)
    return target


def derived(build: Callable[[], Iterable[str]]) -> set[str]:
    """A set computed from other lists (``lambda: MEETING_WORDS | TALKS_WORDS``), computed
    again whenever the lists change."""
    target = set(build())
    _holders.add(sys._getframe(1).f_globals.get("__name__", ""))
    _derived.append((target, build))
    return target


def loaded() -> dict[str, set[str] | dict[str, Any]]:
    """Every list that a module holds, by name, as the module sees it."""
    return {name: target for name, (target, _make) in _lists.items()}


def apply(added: dict[str, list[Row]]) -> None:
    """Make the built-in lists plus ``added`` the rules in force, in place."""
    global _added
    if added == _added:
        return
    _added = {name: list(rows) for name, rows in added.items()}
    for name in _lists:
        _fill(name)
    for target, build in _derived:
        fresh = set(build())
        target.clear()
        target.update(fresh)
    for module_name in _holders:  # results cached from the old words are stale now
        for value in vars(sys.modules.get(module_name, object)).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def registrar(added: dict[str, list[Row]]) -> Callable[[str, Iterable[str | Row]], None]:
    """The ``register(name, items)`` a ``register_rules`` hook gets: it checks each item
    against the built-in list and collects it into ``added``."""

    def register(name: str, items: Iterable[str | Row]) -> None:
        width = len(_rows(name)[0])
        rows = [(item,) if isinstance(item, str) else tuple(item) for item in items]
        for row in rows:
            if len(row) != width or not all(isinstance(c, str) and c.strip() for c in row):
                raise RulesError(
                    f"rules list {name!r} takes rows of {width} column(s), not {row!r}"
                )
        added.setdefault(name, []).extend(tuple(c.strip() for c in row) for row in rows)

    return register


def collect(plugins: Plugins) -> None:
    """Gather every plugin's ``register_rules`` (each call isolated) and apply them."""
    added: dict[str, list[Row]] = {}
    register = registrar(added)
    plugins.call_each("register_rules", lambda _plugin: {"register": register})
    apply(added)


def blank(value: str) -> str:
    """A table column where ``-`` stands for nothing: ``"-"`` -> ``""``."""
    return "" if value == "-" else value


def value_and_words(value: str, items: str) -> tuple[str, tuple[str, ...]]:
    """Two table columns, a value and space-separated words (``-``: none):
    ``("member", "в во")`` -> ``("member", ("в", "во"))``."""
    return value, tuple(blank(items).split())
