"""Writing outputs: atomically (a temporary file renamed into place), and records as JSON Lines."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed to ``path``.

    An interrupted or failed write leaves the previous file (or none), never a broken one.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from colleagues
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_text(path: Path | str, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a text file for writing that appears at ``path`` only once complete."""
    with atomic_path(path) as tmp, tmp.open("w", encoding=encoding, newline="\n") as fh:
        yield fh


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write dicts as JSON Lines (UTF-8 text, no ASCII escaping); return the count."""
    count = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False))
        fh.write("\n")
        count += 1
    return count


def read_jsonl(path: Path | str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each non-blank line; a bad line raises ValueError
    naming the file and line."""
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield number, obj
