"""Outcomes of a run kept on disk as they stream by, so that a run of any size holds only
what its exporters choose to keep; iterate them as often as needed, always in input order."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any


class Spool:
    """An append-then-read collection of picklable items in a temporary file."""

    def __init__(self, items: Iterable[Any] = (), directory: str | None = None) -> None:
        fd, self._path = tempfile.mkstemp(prefix="svodka-run-", suffix=".spool", dir=directory)
        self._file = os.fdopen(fd, "wb")
        self._count = 0
        for item in items:
            self.append(item)

    def append(self, item: Any) -> None:
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        with open(self._path, "rb") as fh:  # a handle of its own: iterations may nest
            for _ in range(self._count):
                yield pickle.load(fh)

    def __contains__(self, item: object) -> bool:
        return any(x == item for x in self)

    def close(self) -> None:
        """Delete the file; the spool is empty afterwards."""
        if not self._file.closed:
            self._file.close()
        if os.path.exists(self._path):
            os.unlink(self._path)
        self._count = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
