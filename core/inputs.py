"""Turning INPUT arguments (files, folders, globs, ``-``) into articles, through readers.

Every argument, and everything in a folder, is accounted for: read, or reported with the
path and why. Folders are walked here, not with ``Path.rglob`` (which passes over what it
cannot read): a folder that cannot be read, a broken link, a link back into a folder that
holds it, and a FIFO, socket or device are reported, and nothing but a regular file is
opened in a folder. A pipe named on the command line (``<(cat a.txt)``) is read once, like
``-``. A file reached twice (named twice, or a folder and a file in it) is read once and
reported the second time. Paths given to ``exclude`` (the output folder) are left out and
reported once as skipped. Standard input and pipes are read up to the cap on what an input
may hold (:func:`svodka.components.max_text`), and an article over it is reported.

Article ids are unique in a run. An id already given keeps its first article; a later one
gets the path of its file in front, from the INPUT folder it was found in (``in/y/a`` for a
second ``a.txt`` under ``in``, ``feeds/b/7`` for id 7 of a second feed), then a number
(``~2``) if that too is taken: the same inputs in the same order give the same ids on every
run, wherever they are, and ids that do not collide are unchanged. Lone
surrogates, which no UTF-8 writer takes, are replaced in what readers give, with a warning.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from svodka.article import Article
from svodka.components import (
    STOPS,
    InputError,
    Reader,
    ReadOptions,
    Source,
    max_text,
    printable,
    spool_stream,
    too_large,
)
from svodka.encoding import replace_surrogates

STDIN = "-"
_TEXT_FIELDS = ("id", "text", "title", "outlet", "published", "url", "language")


@dataclasses.dataclass
class _Seen:
    """Files and folders already reached in a run, by device and inode, with their names."""

    files: dict[tuple[int, int], str] = dataclasses.field(default_factory=dict)
    folders: dict[tuple[int, int], str] = dataclasses.field(default_factory=dict)
    stdin: bool = False
    excluded: dict[tuple[int, int], bool] = dataclasses.field(default_factory=dict)
    """Device and inode of the paths not to read, and whether each was reported."""


def expand(
    inputs: Iterable[str], exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Source | InputError]:
    """Sources for each argument: a file, every file under a folder (sorted, recursive,
    hidden ones skipped), the matches of a glob, a named pipe, or standard input for ``-``;
    an :class:`InputError` for each argument or entry that cannot be read. Files and folders
    that are one of ``exclude`` (the same device and inode: the output folder) are not read
    and are reported once as skipped. No more than :func:`svodka.components.max_text` bytes
    are read from standard input or a pipe."""
    try:
        max_text()
    except ValueError as exc:
        yield InputError("environment", str(exc))
        return
    seen = _Seen(excluded=dict.fromkeys(_keys(exclude), False))
    for arg in inputs:
        if arg == STDIN:
            if seen.stdin:
                yield InputError(
                    "<stdin>", "skipped: standard input was named before, read once", skipped=True
                )
                continue
            seen.stdin = True
            yield _stdin()
            continue
        path, name = Path(arg), printable(arg)
        try:
            info = path.stat()
        except OSError as exc:
            if glob.has_magic(arg):
                yield from _matches(arg, seen)
            else:
                yield _unreachable(path, name, exc)
            continue
        if (info.st_dev, info.st_ino) in seen.excluded:
            yield from _exclude(name, (info.st_dev, info.st_ino), seen)
        elif _excluded_folder(path, seen) is not None:
            yield InputError(name, f"skipped: in a folder {_EXCLUDED}", skipped=True)
        elif stat.S_ISDIR(info.st_mode):
            found = False
            for item in _walk(path, name, info, seen):
                found = True
                yield item
            if not found:
                yield InputError(name, "folder holds no files")
        elif stat.S_ISFIFO(info.st_mode):
            yield from _once(path, name, info, seen, name, pipe=True)
        else:
            yield from _entry(path, name, info, seen, name)


def _keys(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[int, int]]:
    """Device and inode of each path that exists."""
    for path in paths:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        yield info.st_dev, info.st_ino


_EXCLUDED = "excluded from the inputs (svodka's output)"


def _exclude(name: str, key: tuple[int, int], seen: _Seen) -> Iterator[InputError]:
    """An excluded file or folder reached: skipped, and reported the first time only."""
    if not seen.excluded[key]:
        seen.excluded[key] = True
        yield InputError(name, f"skipped: {_EXCLUDED}", skipped=True)


def _excluded_folder(path: Path, seen: _Seen) -> tuple[tuple[int, int], Path] | None:
    """The excluded folder that holds ``path`` (named, or matched by a glob), if any."""
    if not seen.excluded:
        return None
    for parent in Path(os.path.abspath(path)).parents:
        try:
            info = parent.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen.excluded:
            return (info.st_dev, info.st_ino), parent
    return None


def _stdin() -> Source | InputError:
    """Standard input, kept on disk now, as it can be read only once."""
    try:
        return Source("<stdin>", spooled=spool_stream(sys.stdin.buffer, "<stdin>"))
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError("<stdin>", f"cannot be read ({exc.strerror or exc})")


def _matches(pattern: str, seen: _Seen) -> Iterator[Source | InputError]:
    """The files a glob matches (folders among the matches are passed over)."""
    found = False
    for match in sorted(glob.glob(pattern, recursive=True), key=Path):  # as paths sort
        path, name = Path(match), printable(match)
        try:
            info = path.stat()
        except OSError as exc:
            found = True
            yield _unreachable(path, name, exc)
            continue
        if not stat.S_ISDIR(info.st_mode):
            found = True
            if (folder := _excluded_folder(path, seen)) is not None:
                yield from _exclude(printable(str(folder[1])), folder[0], seen)
            else:
                yield from _entry(path, name, info, seen, name)
    if not found:
        yield InputError(pattern, "no file matches this pattern")


def _walk(
    folder: Path, name: str, info: os.stat_result, seen: _Seen
) -> Iterator[Source | InputError]:
    """Every file under a folder, depth first in name order (the order of sorted paths);
    links to folders are followed, but no folder is walked twice and a link back into a
    folder that holds it is reported."""
    key = (info.st_dev, info.st_ino)
    if key in seen.folders:
        yield _again(name, "folder", seen.folders[key])
        return
    seen.folders[key] = name
    stack: list[tuple[frozenset[tuple[int, int]], Iterator[os.DirEntry[str]]]] = []
    error = _enter(stack, folder, name, frozenset({key}))
    if error is not None:
        yield error
    while stack:
        ancestors, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path, entry_name = Path(entry.path), printable(entry.path)
        try:
            entry_info = path.stat()
        except OSError as exc:
            yield _unreachable(path, entry_name, exc)
            continue
        if not stat.S_ISDIR(entry_info.st_mode):
            label = os.path.join(folder.name, os.path.relpath(entry.path, folder))
            yield from _entry(path, entry_name, entry_info, seen, printable(label))
            continue
        key = (entry_info.st_dev, entry_info.st_ino)
        if key in seen.excluded:
            yield from _exclude(entry_name, key, seen)
        elif key in ancestors:
            yield InputError(
                entry_name, "symbolic link loop: leads back into a folder that holds it"
            )
        elif key in seen.folders:
            yield _again(entry_name, "folder", seen.folders[key])
        else:
            seen.folders[key] = entry_name
            error = _enter(stack, path, entry_name, ancestors | {key})
            if error is not None:
                yield error


def _again(name: str, what: str, first: str) -> InputError:
    """An input reached a second time: skipped, and reported once (no failure)."""
    return InputError(name, f"skipped: the same {what} as {first}, read once", skipped=True)


def _enter(
    stack: list, folder: Path, name: str, ancestors: frozenset[tuple[int, int]]
) -> InputError | None:
    """Push a folder's entries, sorted by name, onto the walk; the error if it cannot be read."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        return InputError(name, f"folder cannot be read ({exc.strerror or exc})")
    stack.append((ancestors, iter(entries)))
    return None


def _entry(
    path: Path, name: str, info: os.stat_result, seen: _Seen, label: str
) -> Iterator[Source | InputError]:
    """A regular file, once; anything else (a pipe, socket or device in a folder or a
    glob's matches) is reported and never opened."""
    if stat.S_ISREG(info.st_mode):
        yield from _once(path, name, info, seen, label)
    else:
        yield InputError(name, f"skipped: {_kind(info.st_mode)}, not a regular file")


def _once(
    path: Path, name: str, info: os.stat_result, seen: _Seen, label: str, pipe: bool = False
) -> Iterator[Source | InputError]:
    """The source of a file (a pipe's bytes read now, as it can be read only once), unless
    the same file was reached before."""
    key = (info.st_dev, info.st_ino)
    if key in seen.excluded:
        yield from _exclude(name, key, seen)
        return
    if key in seen.files:
        yield _again(name, "file", seen.files[key])
        return
    seen.files[key] = name
    if not pipe:
        yield Source(name, path, label=label)
        return
    try:
        with path.open("rb") as pipe_file:
            spooled = spool_stream(pipe_file, name)
        yield Source(name, path, label=label, spooled=spooled)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(name, f"cannot be read ({exc.strerror or exc})")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _unreachable(path: Path, name: str, exc: OSError) -> InputError:
    """The error for a path that cannot be looked at: why, in a user's words."""
    if exc.errno == errno.ELOOP:
        return InputError(name, "symbolic link loop")
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return InputError(name, f"broken symbolic link (to {os.readlink(path)})")
        return InputError(name, "no such file or folder")
    return InputError(name, f"cannot be read ({exc.strerror or exc})")


def choose_reader(
    source: Source, readers: dict[str, Reader], problems: list[str] | None = None
) -> Reader | None:
    """The reader for a source: by file suffix; standard input and files without a suffix
    go to the first reader whose ``sniff`` claims their first bytes. A ``sniff`` that
    fails claims nothing; its failure is added to ``problems``."""
    if source.path is not None and source.path.suffix:
        suffix = source.path.suffix.lower()
        return next((r for r in readers.values() if suffix in r.suffixes), None)
    try:
        head = source.head()
    except OSError:
        return None
    for reader in readers.values():
        try:
            if reader.sniff(head):
                return reader
        except STOPS:
            raise
        except BaseException as exc:  # noqa: BLE001 - a reader plugin's bug
            if problems is not None:
                problems.append(f"reader {reader.name!r} failed to sniff: {_failure(exc)}")
    return None


def _failure(exc: BaseException) -> str:
    return printable(f"{type(exc).__name__}: {exc}")


def read_inputs(
    inputs: Iterable[str],
    readers: dict[str, Reader],
    options: ReadOptions,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Article | InputError]:
    """Every article of every input, in order, with ids unique in the run; each unreadable
    input or part of one is yielded as an :class:`InputError` naming it, and reading goes on.
    ``exclude``: files and folders not to read (see :func:`expand`). An article of more than
    :func:`svodka.components.max_text` bytes is reported, not passed on; an input of which
    the reader gives nothing is reported too."""
    ids = _Ids()
    for source in expand(inputs, exclude):
        if isinstance(source, InputError):
            yield source
            continue
        problems: list[str] = []
        reader = choose_reader(source, readers, problems)
        if reader is None:
            known = ", ".join(sorted({s for r in readers.values() for s in r.suffixes}))
            why = "; ".join([*problems, f"no reader for this kind of file (readers take {known})"])
            yield InputError(source.name, why)
            continue
        given = False
        try:
            for item in reader.read(source, options):
                given = True
                if isinstance(item, Article):
                    yield _capped(item, source) or ids.unique(_sound(item), source)
                elif isinstance(item, InputError):
                    yield item
                else:
                    yield InputError(
                        source.name,
                        f"reader {reader.name!r} gave {type(item).__name__}, not an article; "
                        "skipped",
                    )
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(source.name, f"cannot be read ({exc.strerror or exc})")
        except STOPS:
            raise
        except BaseException as exc:  # noqa: BLE001 - a reader plugin's bug (even sys.exit)
            yield InputError(source.name, f"reader {reader.name!r} failed: {_failure(exc)}")
        else:
            if not given:
                yield InputError(source.name, f"reader {reader.name!r} gave no article")


def _capped(article: Article, source: Source) -> InputError | None:
    """The error for an article of more than the cap in bytes (of UTF-8), else None."""
    limit = max_text()
    text = article.text if isinstance(article.text, str) else ""
    if len(text) <= limit // 4 or len(text.encode("utf-8", "surrogatepass")) <= limit:
        return None
    return too_large(article.source or source.name, limit, "article")


def _sound(article: Article) -> Article:
    """The article with lone surrogates (a JSON ``"\\ud800"``) replaced by U+FFFD in its
    text fields and meta, and a printable source; a warning names the fields."""
    changes: dict = {}
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str) and (fixed := replace_surrogates(value)) != value:
            changes[name] = fixed
    meta = {
        key: replace_surrogates(value) if isinstance(value, str) else value
        for key, value in article.meta.items()
    }
    if meta != article.meta:
        changes["meta"] = meta
    source = printable(article.source)
    if changes:
        fields = ", ".join(f'"{name}"' for name in changes)
        warning = f"{source}: lone surrogates in {fields} replaced with U+FFFD"
        changes["warnings"] = (*article.warnings, warning)
    if source != article.source:
        changes["source"] = source
    return dataclasses.replace(article, **changes) if changes else article


class _Ids:
    """The article ids given in a run; a taken id is made unique from the source's path."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, article: Article, source: Source) -> Article:
        if article.id not in self.used:
            self.used.add(article.id)
            return article
        label = source.label or source.name
        prefix = str(Path(label).with_suffix("")) if source.path else "stdin"
        candidate = prefix if article.id == source.stem else f"{prefix}/{article.id}"
        unique, number = candidate, 1
        while unique in self.used:
            number += 1
            unique = f"{candidate}~{number}"
        self.used.add(unique)
        meta = {**article.meta, "source_id": article.id}
        return dataclasses.replace(article, id=unique, meta=meta)
