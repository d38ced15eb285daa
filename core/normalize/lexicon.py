"""The lexicon: every gazetteer of a run, gathered once from the ``register_gazetteers`` hook."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from svodka.normalize.gazetteer import Gazetteer, GazetteerEntry

if TYPE_CHECKING:
    from svodka.manager import Plugins

KINDS = ("country", "organization", "place", "region", "position", "rank", "first_name")


class Lexicon:
    """Gazetteers by kind. Built lazily: nothing is loaded until an article is parsed."""

    def __init__(
        self, sources: Iterable[Callable[[Callable[[str, list[GazetteerEntry]], None]], None]] = ()
    ) -> None:
        self._sources = list(sources)
        self._gazetteers: dict[str, Gazetteer] | None = None

    @classmethod
    def from_plugins(cls, plugins: Plugins) -> Lexicon:
        """A lexicon fed by every plugin's ``register_gazetteers``, each call isolated."""

        def gather(register: Callable[[str, list[GazetteerEntry]], None]) -> None:
            plugins.call_each("register_gazetteers", lambda _plugin: {"register": register})

        return cls([gather])

    @classmethod
    def of(cls, entries: dict[str, list[GazetteerEntry]]) -> Lexicon:
        """A lexicon of the given entries only (for tests and embedding)."""

        def give(register: Callable[[str, list[GazetteerEntry]], None]) -> None:
            for kind, items in entries.items():
                register(kind, items)

        return cls([give])

    def _build(self) -> dict[str, Gazetteer]:
        gazetteers: dict[str, Gazetteer] = {}

        def register(kind: str, entries: list[GazetteerEntry]) -> None:
            gazetteers.setdefault(kind, Gazetteer()).add(entries)

        for source in self._sources:
            source(register)
        return gazetteers

    def __getitem__(self, kind: str) -> Gazetteer:
        if self._gazetteers is None:
            self._gazetteers = self._build()
        gazetteer = self._gazetteers.get(kind)
        if gazetteer is None:
            gazetteer = self._gazetteers[kind] = Gazetteer()
        return gazetteer

    def kinds(self) -> list[str]:
        if self._gazetteers is None:
            self._gazetteers = self._build()
        return sorted(self._gazetteers)
