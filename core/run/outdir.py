"""The output folder of ``svodka run``: one run at a time, never a mix of two runs.

A run locks the folder (``flock`` on ``.svodka.lock`` in it, a plain file of its own: a
link, folder or FIFO there is refused; a second run fails at once, naming the pid that
holds it), writes its outputs into a fresh staging folder inside it (``.svodka-run-*``, on
the same filesystem) and, once every exporter is done, swaps them in: the previous outputs
of the same names are moved aside into the staging folder (the previous report first), then
the new ones moved in, ``report.json`` last; if a move fails, the new ones are moved out and
the previous ones back. So a ``report.json`` present means that the run it describes
completed, and it lists that run's files. A run killed before the swap leaves the previous
outputs as they were; its staging folder is removed by the next run.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on POSIX: no locking
    fcntl = None  # type: ignore[assignment]

LOCK = ".svodka.lock"
STAGING_PREFIX = ".svodka-run-"
REPORT = "report.json"
# OS errors that mean the output location cannot take the run (not an exporter's own bug)
STORAGE_ERRORS = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.EIO,
        errno.ENOTDIR,
        errno.EEXIST,
        errno.ENAMETOOLONG,
    }
)


class OutputError(Exception):
    """An output location that cannot be used or written; the message names it."""


def reason(exc: OSError) -> str:
    """The reason of an OS error, without its errno and file name."""
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return "a file is in the way of a folder"
    return exc.strerror or str(exc)


def bad_filename(name: object) -> str | None:
    """Why ``name`` cannot be an exporter's file name in the output folder, or None: it must
    be a plain, visible name (names starting with "." are svodka's own: its lock, staging)."""
    if not isinstance(name, str) or not name:
        return "is not a file name"
    if "/" in name or os.sep in name or (os.altsep and os.altsep in name) or "\0" in name:
        return "is a path, not a plain file name"
    if name.startswith("."):
        return f"is hidden (names starting with '.' are svodka's own, such as {LOCK})"
    try:
        if len(os.fsencode(name)) > 255:
            return "is too long"
    except UnicodeError:
        return "cannot be written as a file name"
    return None


def write_error(exc: OSError, path: Path | str) -> OutputError:
    """An :class:`OutputError` for a failed write, naming the file the system names, else
    ``path``."""
    where = os.fsdecode(exc.filename) if exc.filename else str(path)
    return OutputError(f"cannot write {where}: {reason(exc)}")


@dataclass
class Staging:
    """The locked output ``folder`` and this run's staging folder ``root`` inside it."""

    folder: Path
    root: Path

    @property
    def out(self) -> Path:
        """Where the exporters write: nothing else is in it."""
        return self.root / "out"

    @property
    def old(self) -> Path:
        """Where the swap moves the previous outputs aside (removed with the staging)."""
        return self.root / "old"


@contextmanager
def staged(folder: Path) -> Iterator[Staging]:
    """Create and lock ``folder``, remove the staging folders of killed runs and yield a
    fresh one; at the end (however the run ends) remove it and unlock.

    Raises :class:`OutputError` when the folder cannot be created or written, or another
    run holds it: before any work is done. A folder created here and left empty is removed.
    """
    created = _create(folder)
    lock = None
    try:
        lock = _lock(folder)
        for stale in folder.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            root = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
            (root / "out").mkdir()
            (root / "old").mkdir()
        except OSError as exc:
            raise OutputError(f"cannot write into the folder {folder}: {reason(exc)}") from exc
        try:
            yield Staging(folder, root)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    finally:
        _unlock(folder, lock)
        for made in created:  # only when empty: a run that wrote nothing leaves no folder
            with contextlib.suppress(OSError):
                made.rmdir()


def _create(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if os.path.lexists(path):
            break
        missing.append(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {folder}: {reason(exc)}") from exc
    return missing


def _lock(folder: Path) -> int | None:
    """Hold the folder's lock file (fcntl.flock), with this process's pid written in it (if
    the disk takes it).

    The lock file is never followed nor shared: a link (symbolic or hard), folder, FIFO or
    device at its name is refused, so that no other file is ever written through it.
    """
    if fcntl is None:
        return None
    path = folder / LOCK
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    while True:
        if not _lockable(path):
            raise _not_ours(folder, path)
        try:
            fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0), 0o666)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
                raise _not_ours(folder, path) from None
            raise OutputError(f"cannot write into the folder {folder}: {reason(exc)}") from exc
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
            os.close(fd)
            raise _not_ours(folder, path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise OutputError(f"cannot lock the folder {folder}: {reason(exc)}") from exc
            by = f" (pid {holder})" if holder.isdigit() else ""
            raise OutputError(
                f"{folder} is in use by another svodka run{by}; wait for it to end or "
                "choose another folder"
            ) from None
        try:  # the run that held it may have removed the file before we got the lock
            same = os.stat(path, follow_symlinks=False).st_ino == info.st_ino
        except FileNotFoundError:
            same = False
        if same:
            with contextlib.suppress(OSError):  # the pid is for messages only: best effort
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            return fd
        os.close(fd)


def _lockable(path: Path) -> bool:
    """Whether ``path`` is absent or a plain file of its own (no link, folder or device)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return True  # let the open report it
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1


def _not_ours(folder: Path, path: Path) -> OutputError:
    return OutputError(
        f"cannot lock the folder {folder}: {path} is not svodka's lock file "
        "(a link, a folder or a special file); remove it"
    )


def _unlock(folder: Path, fd: int | None) -> None:
    if fd is None:
        return
    with contextlib.suppress(OSError):
        if os.stat(folder / LOCK, follow_symlinks=False).st_ino != os.fstat(fd).st_ino:
            raise OSError  # replaced under us: not ours to remove
        os.unlink(folder / LOCK)  # while still held: see the inode test in _lock
    os.close(fd)


def holds_outputs(folder: Path) -> bool:
    """Whether ``folder`` holds anything but svodka's lock and staging folders."""
    return any(not p.name.startswith((LOCK, STAGING_PREFIX)) for p in folder.iterdir())


def previous_run(folder: Path, names: list[str]) -> int | None:
    """How many articles the run whose outputs ``folder`` holds processed, by its
    ``report.json`` (0 when it holds none of ``names``, the outputs about to be written);
    None when it holds one of them that no readable report lists: files that may not be
    svodka's, or of a run that cannot be told."""
    present = [n for n in names if os.path.lexists(folder / n)]
    if not present:
        return 0
    try:
        report = json.loads(_read_report(folder / REPORT))
        listed = {*report["files"], REPORT}
        done = sum(1 for a in report["articles"] if a.get("status") != "failed")
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return done if listed.issuperset(present) else None


MAX_REPORT = 256 * 1024 * 1024


def _read_report(path: Path) -> str:
    """The text of a previous report: a plain file (never a FIFO or device) of sane size."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_REPORT:
            raise ValueError("not a report")
        return fh.read().decode("utf-8")


def new_sibling(folder: Path, stamp: str) -> Path:
    """Create and return a new folder beside ``folder`` (resolved first: ``.`` is named
    after the current folder): ``NAME-STAMP`` (``-2``, ... when taken)."""
    folder = folder.resolve()
    if not folder.name:
        raise OutputError(f"cannot make a folder beside {folder}: give another folder")
    n = 1
    while True:
        candidate = folder.with_name(f"{folder.name}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            candidate.mkdir()
        except FileExistsError:
            n += 1
            continue
        except OSError as exc:
            raise OutputError(f"cannot create the folder {candidate}: {reason(exc)}") from exc
        return candidate


def swap_in(staging: Staging, dest: Path) -> list[Path]:
    """Move every output of ``staging`` into ``dest``, ``report.json`` last; return their
    paths there, in that order.

    The previous outputs of the same names are first moved aside into the staging folder
    (the previous ``report.json`` first), so a folder replaces a folder. When a move fails,
    the new outputs are moved out and the previous ones back (their report last), and
    :class:`OutputError` names the output that failed, and any previous one that could not
    be put back.
    """
    names = sorted(p.name for p in staging.out.iterdir())
    if REPORT in names:
        names.remove(REPORT)
        names.append(REPORT)
    aside = staging.old
    moved_aside: list[str] = []
    moved_in: list[str] = []
    current = REPORT
    try:
        for name in [REPORT, *(n for n in names if n != REPORT)]:
            if os.path.lexists(dest / name):
                current = name
                _move(dest / name, aside / name)
                moved_aside.append(name)
        for name in names:
            current = name
            _move(staging.out / name, dest / name)
            moved_in.append(name)
    except BaseException as exc:  # an interrupt too: the staging folder holds old outputs
        lost = _roll_back(staging, dest, moved_in, moved_aside)
        if not isinstance(exc, OSError):
            raise
        but = f" but for {', '.join(lost)}, which could not be put back" if lost else ""
        raise OutputError(
            f"cannot write {dest / current}: {reason(exc)}; the previous outputs in {dest} "
            f"are restored{but}"
        ) from exc
    return [dest / name for name in names]


def _roll_back(staging: Staging, dest: Path, moved_in: list[str], aside: list[str]) -> list[str]:
    """Undo a swap: the new outputs out of ``dest``, the previous ones back (``report.json``
    last); the names of those that could not be put back."""
    lost: list[str] = []
    for name in reversed(moved_in):
        with contextlib.suppress(OSError):
            _move(dest / name, staging.out / name)
    for name in sorted(aside, key=lambda n: n == REPORT):
        if name == REPORT and lost:
            lost.append(name)  # it must not vouch for a folder missing some files
            continue
        try:
            if os.path.lexists(dest / name):
                raise OSError(errno.EEXIST, "in the way")
            _move(staging.old / name, dest / name)
        except OSError:
            lost.append(name)
    return lost


def _move(src: Path, dst: Path) -> None:
    """Rename ``src`` to the free name ``dst``, copying when they are on two filesystems."""
    try:
        os.replace(src, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.move(src, dst)
