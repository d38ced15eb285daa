"""Outcomes of a run kept on disk as they stream by, so that a run of any size holds only
what its exporters choose to keep; iterate them as often as needed, always in input order.

The file never has a name in its directory (``O_TMPFILE`` where the system has it, else
unlinked as soon as it is created), so no way of ending the run, ``kill -9`` included,
leaves it behind: the system frees it when the process ends."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any


class Spool:
    """An append-then-read collection of picklable items in an anonymous temporary file.

    Passes over it may nest or interleave with each other and with appends: each keeps its
    own offset into the one file handle (not for use from several threads at once).
    """

    def __init__(self, items: Iterable[Any] = (), directory: str | None = None) -> None:
        self._file = tempfile.TemporaryFile(  # noqa: SIM115 - open until close()
            "w+b", prefix="svodka-run-", dir=directory
        )
        self._end = 0
        self._count = 0
        for item in items:
            self.append(item)

    def append(self, item: Any) -> None:
        self._file.seek(self._end)
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._end = self._file.tell()
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        offset = 0
        for _ in range(self._count):
            self._file.seek(offset)
            item = pickle.load(self._file)
            offset = self._file.tell()
            yield item

    def __contains__(self, item: object) -> bool:
        return any(x == item for x in self)

    def close(self) -> None:
        """Free the file; the spool is empty afterwards."""
        self._file.close()
        self._count = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
