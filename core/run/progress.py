"""The run's progress bar: articles done of the total where it is known, the rate and the
time left, then the phase of the export ("writing brief.docx"). Drawn with tqdm on standard
error when that is a terminal, never into a pipe or a file; status and error lines written
meanwhile go above it, each on its own line (:class:`svodka.run.output.StatusStream`).

The total is counted before reading, where that is cheap: a file is one article, a JSON
Lines file one a non-blank line, a folder or glob the sum of its files. Standard input, a
pipe, a link, a feed or a count that takes longer than :data:`COUNT_BUDGET` seconds leave it
unknown: the bar then shows the count and the rate only. The count is an estimate (a plugin's
reader may give several articles from one file): once passed, the total is dropped.
"""

from __future__ import annotations

import glob
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

if TYPE_CHECKING:
    from svodka.run.output import StatusStream

COUNT_BUDGET = 1.0  # seconds spent counting the articles before the run; then unknown
MANY = frozenset({".jsonl", ".ndjson"})  # one article a line
UNKNOWN = frozenset({".rss", ".atom", ".xml"})  # feeds: their items are not counted
LABEL = "reading articles"
MIN_WIDTH = 40  # columns; a terminal said to be narrower is taken as of unknown width


class _OutOfTime(Exception):
    """The count took longer than its budget."""


def count_articles(
    inputs: Iterable[str], urls: str | None = None, budget: float = COUNT_BUDGET
) -> int | None:
    """The number of articles (and failures, each one) the inputs will give, or None where
    it cannot be told cheaply (see the module doc)."""
    if urls is not None:
        return None
    deadline = time.monotonic() + budget
    total = 0
    try:
        for arg in inputs:
            if arg == "-" or arg.lower().startswith(("http://", "https://")):
                return None
            found = _count_arg(arg, deadline)
            if found is None:
                return None
            total += found
    except _OutOfTime:
        return None
    return total


def _count_arg(arg: str, deadline: float) -> int | None:
    try:
        info = os.stat(arg)
    except (OSError, ValueError):
        if not glob.has_magic(arg):
            return 1  # reported as one failure
        matches = glob.glob(arg, recursive=True)
        return sum_known(_count_path(Path(m), deadline) for m in matches) if matches else 1
    if stat.S_ISDIR(info.st_mode):
        count = sum_known(_count_path(p, deadline) for p in _files(Path(arg), deadline))
        return 1 if count == 0 else count  # an empty folder is one failure
    if stat.S_ISREG(info.st_mode):
        return _count_file(Path(arg), deadline)
    return None  # a pipe: read as it comes


def sum_known(counts: Iterable[int | None]) -> int | None:
    """The sum, or None if any count is unknown."""
    total = 0
    for count in counts:
        if count is None:
            return None
        total += count
    return total


def _count_path(path: Path, deadline: float) -> int | None:
    if path.is_dir():
        return sum_known(_count_path(p, deadline) for p in _files(path, deadline))
    return _count_file(path, deadline)


def _files(folder: Path, deadline: float) -> Iterator[Path]:
    """The files under ``folder`` as the reader walks it: hidden entries left out."""
    for root, dirs, names in os.walk(folder):
        if time.monotonic() > deadline:
            raise _OutOfTime
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith("."):
                yield Path(root, name)


def _count_file(path: Path, deadline: float) -> int | None:
    suffix = path.suffix.lower()
    if suffix in UNKNOWN:
        return None
    if suffix not in MANY:
        return 1
    count = 0
    try:
        with open(path, "rb") as fh:
            for number, line in enumerate(fh):
                count += bool(line.strip())
                if number % 4096 == 0 and time.monotonic() > deadline:
                    raise _OutOfTime
    except OSError:
        return 1  # reported as one failure
    return count or 1  # an empty feed is one failure


KNOWN = (
    "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} articles "
    "[{elapsed}<{remaining}, {speed}]"
)
UNKNOWN_TOTAL = "{desc}: {n_fmt} articles [{elapsed}, {speed}]"


def speed(rate: float | None) -> str:
    """Articles a second, or seconds an article when slower than one a second."""
    if not rate:
        return "? articles/s"
    return f"{rate:.1f} articles/s" if rate >= 1 else f"{1 / rate:.1f} s/article"


class _Bar(tqdm):
    monitor_interval = 0  # no monitor thread: the bar is redrawn as articles come

    @property
    def format_dict(self) -> dict[str, Any]:
        values = dict(super().format_dict)
        total = values.get("total")
        values["bar_format"] = KNOWN if total and values["n"] <= total else UNKNOWN_TOTAL
        values["speed"] = speed(values.get("rate"))
        return values


def _shape(fp: Any) -> tuple[int | None, int | None]:
    """The terminal's columns and lines; None for a size it does not tell (a terminal of
    0 x 0 has no size: the bar is then short and its line not cut)."""
    try:
        size = os.get_terminal_size(fp.fileno())
    except (AttributeError, OSError, ValueError):
        return None, None
    return (
        size.columns if size.columns >= MIN_WIDTH else None,
        size.lines if size.lines > 0 else None,
    )


class _Surface:
    """What the bar draws on: the status stream's own stream, through its guard."""

    def __init__(self, status: StatusStream) -> None:
        self._status = status
        self.encoding = status.encoding

    def write(self, text: str) -> None:
        self._status.put(text)

    def flush(self) -> None:
        self._status.flush()

    def fileno(self) -> int:
        return self._status.fileno()


class Progress:
    """A progress bar over ``status`` from its making to :meth:`close` (or the end of its
    ``with`` block), when ``enabled`` and the stream is a terminal; else it does nothing."""

    def __init__(self, status: StatusStream, total: int | None, enabled: bool = True) -> None:
        self._status = status
        self._bar: tqdm | None = None
        if enabled and status.isatty():
            surface = _Surface(status)
            columns, lines = _shape(surface)
            self._bar = _Bar(
                total=total,
                desc=LABEL,
                file=surface,
                leave=False,
                ncols=columns,
                nrows=lines,
                mininterval=0.2,
            )
            # follows a resized window (tqdm keeps the size function here; its stubs say bool)
            self._bar.dynamic_ncols = _shape  # type: ignore[assignment]
            status.bar = self._bar

    @property
    def shown(self) -> bool:
        """Whether a bar is drawn."""
        return self._bar is not None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self) -> None:
        """One more article (or failed input) done."""
        if self._bar is not None:
            self._bar.update(1)  # past an estimated total, the total is no longer shown

    def phase(self, text: str) -> None:
        """Show what the run does now ("writing brief.docx"); reading is over."""
        bar = self._bar
        if bar is None:
            return
        bar.total = bar.n  # all read
        bar.set_description_str(text)  # redraws

    def close(self) -> None:
        """Clear the bar and write lines plainly again."""
        if self._bar is not None:
            self._status.bar = None
            self._bar.close()
            self._bar = None
