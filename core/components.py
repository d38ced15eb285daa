"""What plugins register: readers, extractors and exporters.

Subclass these (or provide objects with the same attributes) and register them through
the hooks in :mod:`svodka.hookspecs`.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

if TYPE_CHECKING:
    from svodka.model.article import Article
    from svodka.model.records import Record
    from svodka.pipeline import Run
    from svodka.text.parse import ParsedArticle


# Lone surrogates (undecodable bytes of a file name come as U+DC80..U+DCFF), control
# characters and line separators: what cannot be written as UTF-8 or breaks a one-line message;
# and the bidirectional controls (format characters, Unicode category Cf) that reorder what
# follows them on a terminal or in a cell: "\u202egpj.exe" shows as "exe.jpg".
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_BIDI}]")


def printable(text: str) -> str:
    """``text`` with what cannot be encoded or printed on one line escaped: an undecodable
    byte of a file name as ``\\xNN`` (the byte), another lone surrogate as ``\\udNNN``, a
    control character as ``\\xNN``, a bidirectional control (U+202E) as ``\\u202e``. Text
    without such characters is returned as it is."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def describe(exc: BaseException) -> str:
    """An exception as one printable line of a message: its type and text, cut at 300
    characters (a plugin's exception may hold anything, or not even print)."""
    try:
        detail = " ".join(str(exc).split())
    except Exception:  # noqa: BLE001
        detail = ""
    if len(detail) > 300:
        detail = detail[:299] + "…"
    return printable(f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)


class Stop(BaseException):
    """What stops more than one plugin's work: a signal (:class:`svodka.run.signals.Interrupted`),
    an article's time budget (:class:`svodka.run.budget.OverBudget`). Not an :class:`Exception`."""


# Plugin boundaries catch BaseException, so that a plugin's sys.exit() costs only that
# plugin; these are re-raised there (``except STOPS: raise``), never taken for its failure.
STOPS: tuple[type[BaseException], ...] = (KeyboardInterrupt, GeneratorExit, Stop)


class InputError(Exception):
    """An input (or one record of it) that cannot be read; the message names what and why.

    Both parts are made :func:`printable`, so that a file name that is not UTF-8 can always
    be printed and written to a report. ``skipped`` marks an input left out on purpose (the
    same file given twice): it is reported, but it is no failure."""

    def __init__(self, where: str, reason: str, *, skipped: bool = False) -> None:
        where, reason = printable(where), printable(reason)
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
        self.skipped = skipped


MAX_TEXT = 16 * 2**20
"""The most bytes read for one article, one JSON Lines line, standard input or a text or
Word file (16 MiB); the environment variable :data:`MAX_TEXT_VARIABLE` overrides it."""
MAX_TEXT_VARIABLE = "SVODKA_MAX_TEXT"
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}
_SIZE = re.compile(r"(\d{1,12})\s*([KMG]?)(?:I?B)?", re.IGNORECASE)


def max_text() -> int:
    """The cap on what one input or article may hold, in bytes: ``SVODKA_MAX_TEXT`` if set
    (a number of bytes, or with K, M or G for KiB, MiB, GiB: ``64M``), else :data:`MAX_TEXT`.
    Raises ValueError, naming the variable, for a value that is not such a size."""
    value = os.environ.get(MAX_TEXT_VARIABLE, "").strip()
    if not value:
        return MAX_TEXT
    match = _SIZE.fullmatch(value)
    if match is None or int(match[1]) == 0:
        raise ValueError(
            f"{MAX_TEXT_VARIABLE}={value!r} is not a size in bytes (such as 16M, 500K, 2G)"
        )
    return int(match[1]) * _UNITS[match[2].upper()]


def size_text(size: int) -> str:
    """A size in bytes for a message: ``16 MiB``, ``500 KiB``, ``12 bytes``."""
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} byte{'s' if size != 1 else ''}"


def too_large(where: str, limit: int, what: str = "input") -> InputError:
    """The error for an input (or line, article) over the cap: it is not read."""
    return InputError(
        where,
        f"{what} too large: over {size_text(limit)} "
        f"(the limit; set {MAX_TEXT_VARIABLE} to raise it); not read",
    )


# standard input and named pipes are kept on disk, up to this many times the article cap (a
# feed of many articles streams through); /dev/zero on standard input stops there
STREAM_FACTOR = 128


def spool_stream(stream: BinaryIO, where: str) -> BinaryIO:
    """A stream that can be read only once (standard input, a pipe) copied to an anonymous
    temporary file, a chunk at a time: memory stays flat whatever its size. Past
    :data:`STREAM_FACTOR` times :func:`max_text` bytes, :func:`too_large`."""
    limit = STREAM_FACTOR * max_text()
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, closed with the run
    size = 0
    try:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise too_large(where, limit)
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.flush()
    return spool


class _Window(io.RawIOBase):
    """A read-only view of a file descriptor with an offset of its own (``os.pread``), so
    that passes over one spooled stream may overlap."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = os.pread(self._fd, len(buffer), self._offset)
        buffer[: len(data)] = data
        self._offset += len(data)
        return len(data)


def read_capped(stream: BinaryIO, where: str) -> bytes:
    """All of ``stream`` (a pipe, standard input), but never more than :func:`max_text`
    bytes: :func:`too_large` beyond that, the rest left unread."""
    limit = max_text()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(where, limit)
    return data


@dataclass(frozen=True)
class ReadOptions:
    """Options that apply to every input: a forced encoding and a publication date; for
    links and feeds, whether kept pages are fetched anew (``refresh``) or only kept pages
    are used (``offline``), the folder they are kept in (None: the default), a contact for
    the User-Agent, and how many pages are fetched at once (from different hosts)."""

    encoding: str | None = None
    date: str | None = None
    refresh: bool = False
    offline: bool = False
    cache_dir: str | None = None
    contact: str | None = None
    fetch_jobs: int = 4


@dataclass(frozen=True)
class Source:
    """One input: a file, standard input (``path`` is None, ``data`` holds its bytes), or a
    link (``url``; its page is fetched when read).

    ``name`` is :func:`printable`; ``data`` is also set for a pipe named on the command line,
    which can be read only once. ``label`` is the printable path that tells this file's
    articles from others of the same id: from the INPUT folder it was found in (that folder's
    name first), else as named; empty for standard input; for a link, its slug."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    label: str = ""
    spooled: BinaryIO | None = field(default=None, compare=False)  # see spool_stream
    url: str | None = None

    @property
    def stem(self) -> str:
        """The file name without its suffix, :func:`printable` ("stdin" for standard input,
        the label for a link)."""
        if self.url is not None:
            return self.label
        return printable(self.path.stem) if self.path is not None else "stdin"

    def read_bytes(self) -> bytes:
        """All the bytes; :class:`InputError` for a file of more than :func:`max_text`
        bytes, refused before it is read."""
        if self.data is not None:
            return self.data
        if self.spooled is not None:
            fd = self.spooled.fileno()
            if os.fstat(fd).st_size > (limit := max_text()):
                raise too_large(self.name, limit)
            return os.pread(fd, limit, 0)
        assert self.path is not None
        with self.path.open("rb") as fh:
            if os.fstat(fh.fileno()).st_size > (limit := max_text()):
                raise too_large(self.name, limit)
            return read_capped(fh, self.name)

    def open(self) -> BinaryIO:
        """The bytes as a stream, for readers that go through a large input piece by piece."""
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.spooled is not None:
            return io.BufferedReader(_Window(self.spooled.fileno()))
        assert self.path is not None
        return self.path.open("rb")

    def head(self, size: int = 2048) -> bytes:
        """The first bytes, for readers that recognise a format by its content."""
        if self.data is not None:
            return self.data[:size]
        if self.spooled is not None:
            return os.pread(self.spooled.fileno(), size, 0)
        assert self.path is not None
        with self.path.open("rb") as fh:
            return fh.read(size)


class Reader:
    """Turns one input into articles.

    ``suffixes`` are the file endings it takes (lower case, with the dot). ``sniff`` may
    claim an input by its first bytes (used for standard input and unknown endings).
    ``read`` yields articles; for a part of the input that cannot be read it yields an
    :class:`InputError` and goes on, for an input that cannot be read at all it raises one.
    """

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        raise NotImplementedError


class Extractor:
    """Finds facts of one family in a parsed article.

    ``record_types`` lists the record types it produces. ``extract`` must be a pure
    function of the parsed article: no I/O, no state carried between articles, so that
    articles can be processed in any order and in other processes.
    """

    name: ClassVar[str] = ""
    record_types: ClassVar[tuple[str, ...]] = ()

    def extract(self, doc: ParsedArticle) -> Iterable[Record]:
        raise NotImplementedError


@dataclass(frozen=True)
class ExporterOption:
    """A command-line option an exporter declares: ``--NAME`` on ``svodka run`` and
    ``svodka export``, its value given to that exporter alone as ``run.options[name]``.

    ``name`` is a Python identifier in lower case (``max_rows`` is spelt ``--max-rows``);
    ``kind`` is ``"text"``, ``"int"``, ``"flag"`` (a switch: True when given) or ``"file"``
    (an existing file, given as a :class:`~pathlib.Path`); ``default`` is the value when the
    option is not given (None, or False for a flag). ``check``, if any, gets a given value
    before any article is read and raises ValueError to refuse it (the message is shown as a
    usage error). No two exporters may declare the same name, nor one of the commands' own
    options (``--lang``, ``--output``, ...): such a clash is reported as the later plugin's
    problem, naming both, and its option is left out."""

    name: str
    help: str
    kind: str = "text"
    default: Any = None
    metavar: str | None = None
    check: Callable[[Any], None] | None = field(default=None, compare=False)

    @property
    def flag(self) -> str:
        """The option as typed: ``--max-rows``."""
        return "--" + self.name.replace("_", "-")


OPTION_KINDS = ("text", "int", "flag", "file")


class Exporter:
    """Writes the result of a run to one file.

    ``filename`` is the default name in the output folder of ``svodka run`` (a name without
    a suffix, such as ``csv``, is a folder the exporter writes into); ``description`` is
    shown by ``svodka plugins``; ``options`` are the :class:`ExporterOption` it takes, whose
    values it reads from ``run.options`` (beside ``lang``), e.g.::

        class Markdown(Exporter):
            name, filename = "markdown", "facts.md"
            options = (ExporterOption("heading", "The first line of the file.", default="Facts"),)

            def export(self, run, path):
                heading = run.options["heading"]  # svodka run --heading "Week 12"
                ...

    ``export`` must write atomically (see :func:`svodka.run.output.atomic_path`).
    ``export_records`` writes a records file instead of a run (``svodka export``); by
    default it reads the records into a run whose articles are known by id only.
    """

    name: ClassVar[str] = ""
    filename: ClassVar[str] = ""
    description: ClassVar[str] = ""
    options: ClassVar[tuple[ExporterOption, ...]] = ()

    def export(self, run: Run, path: Path) -> None:
        raise NotImplementedError

    def export_records(self, records: Path, path: Path, run: Run) -> None:
        """Write the records of the JSON Lines file ``records`` (as ``svodka extract``
        writes it) to ``path``; ``run`` holds no outcomes, only the options, inputs and
        plugin manager. Reading a bad line raises ValueError naming the file and line."""
        from svodka.pipeline import outcomes_from_records

        outcomes = outcomes_from_records(records, run.record_types)
        self.export(dataclasses.replace(run, outcomes=outcomes), path)
