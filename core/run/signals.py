"""Ending a run on a signal the way an exception ends it: every ``finally`` runs.

Inside :func:`interrupting`, SIGINT (Ctrl-C), SIGTERM (``kill``) and SIGHUP (a closed
terminal) raise :class:`Interrupted` in the main thread, so temporary files are removed,
the spool is freed and the worker processes are stopped on the way out. Once one of them
has arrived, the others are ignored, so that the cleaning up is not itself interrupted.

Code that must not stop half-way (a call into a worker pool's bookkeeping) runs in
:func:`held`: a signal that arrives there takes effect at the end of the block. Python
drops an exception raised where it cannot propagate (an at-fork hook, ``__del__``, a weakref
callback) after passing it to :func:`sys.unraisablehook`: there the signal is sent again a
moment later (from a timer thread: sent at once, it would be handled in the hook and dropped
again), to be raised at the next place that can.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from svodka.components import Stop

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_QUIET = {signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGINT)}  # a terminal's signals


class Interrupted(Stop):
    """The run was stopped by a signal. Like KeyboardInterrupt, not an :class:`Exception`:
    code that handles failures lets it through."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def status(self) -> int:
        """The exit status that reports it: 128 + the signal's number (130, 143, 129)."""
        return 128 + self.signum


class _State:
    owner: int | None = None  # the process whose handlers these are
    raised: Interrupted | None = None  # the run is stopping: further signals are ignored
    holding = 0  # depth of held() blocks
    pending: int | None = None  # a signal that arrived in a held() block
    hook: Callable[[sys.UnraisableHookArgs], object] = sys.__unraisablehook__  # the one before


def _stop(signum: int) -> None:
    _State.raised = Interrupted(signum)
    raise _State.raised


def _handler(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _State.owner:  # a child forked before it set its own handlers
        if signum not in _QUIET:
            os._exit(128 + signum)
    elif _State.raised is None and _State.pending is None:
        if _State.holding:
            _State.pending = signum
        else:
            _stop(signum)


def _unraisable(info: sys.UnraisableHookArgs) -> None:
    if not isinstance(info.exc_value, Interrupted):
        _State.hook(info)
    elif info.exc_value is _State.raised:
        _State.raised = None
        threading.Timer(0.01, os.kill, (_State.owner, info.exc_value.signum)).start()


@contextmanager
def held() -> Iterator[None]:
    """Within the block, a signal does not interrupt: it raises at the end of the block."""
    _State.holding += 1
    try:
        yield
    finally:
        _State.holding -= 1
        if not _State.holding and _State.pending is not None:
            signum, _State.pending = _State.pending, None
            _stop(signum)


@contextmanager
def interrupting() -> Iterator[None]:
    """Turn :data:`SIGNALS` into :class:`Interrupted` within the block (main thread only)."""
    _State.owner, _State.raised, _State.pending = os.getpid(), None, None
    _State.hook = sys.unraisablehook
    sys.unraisablehook = _unraisable
    previous = {signum: signal.signal(signum, _handler) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, action in previous.items():
            signal.signal(signum, action)
        sys.unraisablehook = _State.hook
        _State.owner = None
