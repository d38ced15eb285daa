"""Spreading articles over processes (``--jobs``): the same outcomes, in input order.

Articles go to worker processes in chunks, with a bounded number of chunks in flight, so
an input of any size streams through. Workers are forked from the parent where the system
allows it (they inherit the loaded plugins, gazetteers and morphology); elsewhere each
worker loads the plugins again with the parent's settings. An input of fewer than
:data:`SMALL` articles is processed in this process: starting workers would cost more.

Workers die with this process, however it ends. On Linux the kernel kills a worker whose
parent ends (``PR_SET_PDEATHSIG``); everywhere, each worker watches a lifeline pipe whose
writing end only this process holds, and exits when it closes: when this process ends
(``kill -9`` included), or at once when the pool is left by an exception (an interrupt, a
consumer that stops early), so that no worker is left computing. Workers ignore SIGINT and
SIGHUP, which a terminal sends to them as well: stopping them is the parent's job.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as Waiting
from contextlib import suppress
from itertools import chain, islice
from typing import Any

from svodka.article import Article
from svodka.components import Extractor, InputError
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import ArticleOutcome, process
from svodka.signals import held

CHUNK = 16
SMALL = 2 * CHUNK

# (extractors, lexicon, owners) in a worker process: inherited when forked, else built by _init
_state: tuple[list[Extractor], Lexicon, Mapping[str, str]] | None = None

# the writing ends of the running pools' lifelines: a forked worker closes its inherited copies
_lifelines: set[multiprocessing.connection.Connection] = set()

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_method() -> str:
    """fork where the system has it (workers inherit the loaded plugins), else spawn."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _follow_parent(parent: int | None) -> None:
    """Linux: have the kernel kill this process when its parent ends.

    ``parent`` is the pid of the process that started this one (None for a fork server):
    if this process has another parent already, the parent ended before the request took
    hold, and this process exits now.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _watch(lifeline: multiprocessing.connection.Connection) -> None:
    """Everywhere: exit this process once nobody holds the lifeline's writing end."""
    for end in _lifelines:  # forked: the parent's ends, copied into this process
        end.close()
    _lifelines.clear()

    def wait() -> None:
        multiprocessing.connection.wait([lifeline])
        os._exit(1)

    threading.Thread(target=wait, name="svodka-lifeline", daemon=True).start()


def _init(
    plugin_options: dict[str, Any] | None,
    parent: int | None,
    lifeline: multiprocessing.connection.Connection,
) -> None:
    global _state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool's own way of stopping a worker
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    _follow_parent(parent)
    _watch(lifeline)
    if _state is None and plugin_options is not None:
        from svodka.manager import load_plugins

        plugins = load_plugins(**plugin_options)
        owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
        _state = (list(plugins.extractors.values()), Lexicon.from_plugins(plugins), owners)


def _portable(item: Article | InputError) -> Article | tuple[str, str, bool]:
    """Read failures travel as (where, reason, skipped): exceptions with custom arguments do
    not pickle."""
    return (item.where, item.reason, item.skipped) if isinstance(item, InputError) else item


def _work(
    chunk: list[Article | tuple[str, str, bool]], time_limit: float | None = None
) -> list[ArticleOutcome]:
    assert _state is not None
    extractors, lexicon, owners = _state
    items = [InputError(x[0], x[1], skipped=x[2]) if isinstance(x, tuple) else x for x in chunk]
    return list(process(items, extractors, lexicon, owners, time_limit))


def _chunks(items: Iterator[Article | InputError], size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield [_portable(item) for item in chunk]


def _result(future: Future[list[ArticleOutcome]]) -> list[ArticleOutcome]:
    """The chunk's outcomes, waited for in short held spells: an interrupt takes effect
    between them, never while this thread holds a lock that the pool's thread needs."""
    while True:
        with held(), suppress(Waiting):
            return future.result(timeout=0.05)


def _stop(pool: ProcessPoolExecutor, writer: multiprocessing.connection.Connection) -> None:
    """Stop the workers now and shut the pool down, whatever they were doing."""
    writer.close()  # every worker exits, instead of finishing its chunks
    # A worker that exits half-way through sending its outcomes leaves the pool's thread
    # waiting for the rest, on a pipe whose writing end this process holds as well: closing
    # that end (CPython's ProcessPoolExecutor keeps it as _result_queue._writer) lets the
    # thread read the end of the pipe once the workers are gone, and shut down.
    pool._result_queue._writer.close()
    with held():
        pool.shutdown(cancel_futures=True)


def process_parallel(
    items: Iterable[Article | InputError],
    extractors: Iterable[Extractor],
    lexicon: Lexicon,
    owners: Mapping[str, str] | None = None,
    *,
    jobs: int = 1,
    plugin_options: dict[str, Any] | None = None,
    time_limit: float | None = None,
) -> Iterator[ArticleOutcome]:
    """Like :func:`svodka.pipeline.process`, over ``jobs`` processes.

    ``plugin_options`` (the arguments of :func:`svodka.manager.load_plugins`) rebuild the
    plugins in workers that cannot be forked; ``time_limit`` is the budget per article
    (see :func:`svodka.pipeline.process`).
    """
    global _state
    extractors = list(extractors)
    stream = iter(items)
    head = list(islice(stream, SMALL))
    if jobs <= 1 or len(head) < SMALL:
        yield from process(chain(head, stream), extractors, lexicon, owners, time_limit)
        return
    method = _start_method()
    forking = method == "fork"
    if forking:
        lexicon.kinds()  # build the gazetteers once, before the workers inherit them
        _state = (extractors, lexicon, owners or {})
    lifeline, writer = multiprocessing.Pipe(duplex=False)
    _lifelines.add(writer)
    try:
        with held():  # an interrupt half-way through the pool's bookkeeping would wreck it
            pool = ProcessPoolExecutor(
                jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_init,
                initargs=(
                    None if forking else plugin_options,
                    None if method == "forkserver" else os.getpid(),
                    lifeline,
                ),
            )
        try:
            pending: deque[Future[list[ArticleOutcome]]] = deque()
            for chunk in _chunks(chain(head, stream), CHUNK):
                with held():
                    pending.append(pool.submit(_work, chunk, time_limit))
                while len(pending) >= 4 * jobs:
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())
        except BaseException:
            _stop(pool, writer)
            raise
        with held():
            pool.shutdown()
    finally:
        _lifelines.discard(writer)
        writer.close()
        lifeline.close()
        _state = None
