"""Turning INPUT arguments (files, folders, globs, ``-``) into articles, through readers."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from svodka.article import Article
from svodka.components import InputError, Reader, ReadOptions, Source

STDIN = "-"


def expand(inputs: Iterable[str]) -> Iterator[Source | InputError]:
    """Sources for each argument: a file, every file under a folder (sorted, recursive,
    hidden ones skipped), the matches of a glob, or standard input for ``-``."""
    for arg in inputs:
        if arg == STDIN:
            yield Source("<stdin>", None, sys.stdin.buffer.read())
            continue
        path = Path(arg)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield InputError(arg, "folder holds no files")
            for p in files:
                yield Source(str(p), p)
        elif path.is_file():
            yield Source(str(path), path)
        elif glob.has_magic(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield InputError(arg, "no file matches this pattern")
            for p in files:
                yield Source(str(p), p)
        else:
            yield InputError(arg, "no such file or folder")


def choose_reader(source: Source, readers: dict[str, Reader]) -> Reader | None:
    """The reader for a source: by file suffix; standard input and files without a suffix
    go to the first reader whose ``sniff`` claims their first bytes."""
    if source.path is not None and source.path.suffix:
        suffix = source.path.suffix.lower()
        return next((r for r in readers.values() if suffix in r.suffixes), None)
    try:
        head = source.head()
    except OSError:
        return None
    for reader in readers.values():
        if reader.sniff(head):
            return reader
    return None


def read_inputs(
    inputs: Iterable[str], readers: dict[str, Reader], options: ReadOptions
) -> Iterator[Article | InputError]:
    """Every article of every input, in order; each unreadable input or part of one is
    yielded as an :class:`InputError` naming it, and reading goes on."""
    for source in expand(inputs):
        if isinstance(source, InputError):
            yield source
            continue
        reader = choose_reader(source, readers)
        if reader is None:
            known = ", ".join(sorted({s for r in readers.values() for s in r.suffixes}))
            yield InputError(source.name, f"no reader for this kind of file (readers take {known})")
            continue
        try:
            yield from reader.read(source, options)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(source.name, f"cannot be read ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - a reader plugin's bug must not stop the run
            yield InputError(
                source.name, f"reader {reader.name!r} failed: {type(exc).__name__}: {exc}"
            )
