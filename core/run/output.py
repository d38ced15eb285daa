"""Writing outputs: atomically (a temporary file renamed into place), records as JSON Lines,
JSON that is always valid UTF-8, and status lines on standard error that are never fatal."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (from ``"\\ud800"`` in JSON, or a file name that is
    not UTF-8) written as its escape ``\\ud800``, so that it encodes as UTF-8."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(obj: Any, **options: Any) -> str:
    """``json.dumps`` without ASCII escaping, except lone surrogates: the text is valid UTF-8
    and loads back to the same strings. (Inside JSON a surrogate can only stand in a string,
    where its escape means the same.)"""
    return escape_surrogates(json.dumps(obj, ensure_ascii=False, **options))


def is_stream(path: Path) -> bool:
    """Whether ``path`` exists and is neither a regular file nor a folder (a FIFO, a device
    such as /dev/null or /dev/stdout): such a target is written to directly, never replaced."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed to ``path``.

    An interrupted or failed write leaves the previous file (or none), never a broken one.
    A symbolic link is kept: the file it points to is replaced. A FIFO or device (see
    :func:`is_stream`) is yielded itself, to be written to in place.
    """
    target = Path(path)
    if is_stream(target):
        yield target
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphans(target)
    prefix = f".{target.name}.{os.getpid()}."
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from colleagues
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _remove_orphans(target: Path) -> None:
    """Remove the temporary files of earlier writes to ``target`` whose process is gone (a
    run killed with ``kill -9`` cannot remove its own): ``.NAME.PID.XXXX.tmp``."""
    head = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(head) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(head) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to ask: keep its file
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_text(path: Path | str, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a text file for writing that appears at ``path`` only once complete (a FIFO or
    device is written to directly)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding=encoding, newline="\n") as fh:
        yield fh


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write dicts as JSON Lines (UTF-8 text, no ASCII escaping but of lone surrogates, see
    :func:`json_text`); return the count."""
    count = 0
    for row in rows:
        fh.write(json_text(row))
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


class StatusStream(io.TextIOBase):
    """A text stream for status lines over ``stream`` (standard error) that is never fatal.

    Lone surrogates are escaped (:func:`escape_surrogates`). The first failure to write
    (a closed pipe: ``svodka run 2>&1 | head -2``; a full disk) is swallowed and every later
    line dropped, so that the run goes on and writes its outputs. While a progress bar is
    drawn on it (``bar``, see :mod:`svodka.run.progress`), the bar is cleared before a line
    is written and drawn again below it once the line is complete, so that no line is
    glued onto the bar.
    """

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self._stream = stream
        self.broken = False
        self.bar: Any = None  # a tqdm bar drawn through put(), or None
        self._midline = False  # the last write ended inside a line

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return not self.broken and _isatty(self._stream)

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._stream.fileno()

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes streams with b""
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        bar = self.bar
        if bar is None or not text:
            return self.put(text)
        if not self._midline:
            bar.clear()
        self.put(text)
        self._midline = not text.endswith("\n")
        if not self._midline:
            bar.refresh()
        return len(text)

    def put(self, text: str) -> int:
        """Write ``text`` as it is (what the bar draws, too)."""
        if not self.broken:
            try:
                self._stream.write(escape_surrogates(text))
                self._stream.flush()
            except (OSError, ValueError):
                self.broken = True
                silence(self._stream)
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self.broken = True
                silence(self._stream)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


@contextmanager
def guarded_stderr() -> Iterator[StatusStream]:
    """Standard error as a :class:`StatusStream` for the duration."""
    original = sys.stderr
    sys.stderr = guarded = StatusStream(original)
    try:
        yield guarded
    finally:
        sys.stderr = original


def silence(stream: IO[str]) -> None:
    """Point a standard stream whose reader has gone at /dev/null, so that nothing more is
    written to it, not even by the interpreter's flush at exit."""
    try:
        fileno = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's buffer)
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, fileno)
    except OSError:
        pass
    finally:
        os.close(devnull)
