"""A time budget per article, so that no input can stall a run.

:func:`svodka.pipeline.process` runs each article inside :func:`limit`: an article that takes
longer than the budget is stopped by :class:`OverBudget`, reported as failed and skipped, and
the run goes on with the next one. The budget is :data:`DEFAULT_SECONDS`, or the number of
seconds in the environment variable ``SVODKA_TIME_LIMIT`` (``0`` or ``inf`` turns it
off); worker
processes inherit it.

It is a real-time timer (``signal.setitimer`` and ``SIGALRM``), so it works only in a
process's main thread on a system that has one (worker processes run articles in theirs);
elsewhere (another thread, Windows) articles run without a budget.
"""

from __future__ import annotations

import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from svodka.components import Stop

DEFAULT_SECONDS = 60.0
MAX_SECONDS = 1e8  # about three years: setitimer takes it wherever time_t has 32 bits
ENVIRONMENT = "SVODKA_TIME_LIMIT"


class OverBudget(Stop):
    """Raised in an article's processing when its time budget is spent.

    A BaseException, like KeyboardInterrupt, so that the handlers that isolate one
    extractor's failure (``except Exception``) do not swallow it.
    """


def budget_seconds() -> float:
    """The budget per article: ``SVODKA_TIME_LIMIT`` if set, else :data:`DEFAULT_SECONDS`.

    0 means no budget. Raises ValueError, naming the variable, for a value that
    :func:`parse_seconds` refuses.
    """
    value = os.environ.get(ENVIRONMENT, "")
    return parse_seconds(value, ENVIRONMENT) if value else DEFAULT_SECONDS


def parse_seconds(value: str, name: str) -> float:
    """A budget given as text (an option's or a variable's value, ``name``), in seconds.

    ``0`` and ``inf`` mean no budget. Raises ValueError, naming ``name`` and the value,
    for anything else that is not a number from 0 to :data:`MAX_SECONDS`.
    """
    try:
        seconds = float(value.strip())
    except ValueError:
        seconds = math.nan
    if seconds == math.inf:
        return 0.0
    if not 0 <= seconds <= MAX_SECONDS:
        raise ValueError(
            f"{name}={value!r} is not a number of seconds from 0 to {MAX_SECONDS:.0f} "
            f"(0 or inf for no budget)"
        )
    return seconds


def checked(seconds: float, name: str = "time_limit") -> float:
    """``seconds`` as a budget :func:`limit` can set (``inf``: 0, none); ValueError naming
    ``name`` for NaN, a negative number or one over :data:`MAX_SECONDS`."""
    return parse_seconds(repr(float(seconds)), name)


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` in this block once ``seconds`` of real time have passed.

    ``0`` (or a thread other than the main one, or a system without ``setitimer``) sets no
    limit. The signal handler and any timer set before are restored on leaving.
    """
    if seconds <= 0 or not _can_time():
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))  # 0 is no timer
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:  # an enclosing timer goes on with what it had left
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
