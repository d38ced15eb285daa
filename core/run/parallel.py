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
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from svodka.components import Extractor, InputError
from svodka.model.article import Article
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import ArticleOutcome, process, settle
from svodka.run.signals import held

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
        lexicon = Lexicon.from_plugins(plugins)
        settle(lexicon)
        _state = (list(plugins.extractors.values()), lexicon, owners)


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


def _settle(future: Future[list[ArticleOutcome]]) -> BaseException | None:
    """Wait, as :func:`_result` does, until ``future`` is done; its exception, if any."""
    while True:
        with held(), suppress(Waiting):
            return future.exception(timeout=0.05)


def _death(worker: multiprocessing.process.BaseProcess) -> str:
    """How a worker process ended: "killed by signal 9 (SIGKILL)", "exited with status 1"."""
    worker.join(5)  # gone already: the pool's thread has joined it
    code = worker.exitcode
    if code is None:
        return "for an unknown reason"
    if code < 0:
        try:
            return f"killed by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def _died(item: Article | tuple[str, str, bool], how: str) -> ArticleOutcome:
    """The outcome of an item whose worker process died while processing it, alone."""
    if isinstance(item, tuple):  # a read failure travels too, yet it cannot kill its worker
        error = InputError(item[0], item[1], skipped=item[2])
        return ArticleOutcome(error.where, failure=str(error), skipped=error.skipped)
    where = item.source or item.id
    failure = (
        f"{where}: article {item.id!r} not processed: the worker process processing it died ({how})"
    )
    outcome = ArticleOutcome(where, item, failure=failure)
    outcome.errors[:0] = item.warnings
    return outcome


@dataclass
class _Chunk:
    """Articles sent to a worker together; ``deaths``: pools that broke while it was in them."""

    items: list[Article | tuple[str, str, bool]]
    future: Future[list[ArticleOutcome]] | None = None
    deaths: int = 0


class _Workers:
    """The pools of a parallel run: a shared one for the chunks, rebuilt whenever one of its
    workers dies, and, for the chunks that were in it twice when it broke, one of a single
    worker, given one article at a time, so that an article that kills its worker is found
    and fails alone. Each chunk is retried once in the shared pool and each article once
    alone: a poison article cannot loop."""

    def __init__(
        self,
        jobs: int,
        method: str,
        initargs: tuple,
        time_limit: float | None,
    ) -> None:
        self.jobs, self.method, self.initargs, self.time_limit = jobs, method, initargs, time_limit
        self.pool = self._pool(jobs)
        self.alone: ProcessPoolExecutor | None = None

    def _pool(self, jobs: int) -> ProcessPoolExecutor:
        with held():  # an interrupt half-way through the pool's bookkeeping would wreck it
            return ProcessPoolExecutor(
                jobs,
                mp_context=multiprocessing.get_context(self.method),
                initializer=_init,
                initargs=self.initargs,
            )

    def submit(self, chunk: _Chunk) -> _Chunk:
        """Send ``chunk`` to the shared pool (a pool already broken fails it as it would)."""
        with held():
            try:
                chunk.future = self.pool.submit(_work, chunk.items, self.time_limit)
            except BrokenProcessPool as exc:
                chunk.future = Future()
                chunk.future.set_exception(exc)
        return chunk

    def finish(self, pending: deque[_Chunk]) -> Iterator[ArticleOutcome]:
        """The outcomes of the first chunk, if it gave them; else what a death calls for."""
        chunk = pending[0]
        if chunk.future is None:  # in the pool twice when it broke: one article at a time
            pending.popleft()
            for item in chunk.items:
                yield from self._alone(item)
            return
        try:
            outcomes = _result(chunk.future)
        except BrokenProcessPool:
            self._recover(pending)
            return
        pending.popleft()
        yield from outcomes

    def _recover(self, pending: deque[_Chunk]) -> None:
        """A worker of the shared pool died: a new pool; the chunks the old one lost go to it
        again, or, lost a second time, are marked to be processed one article at a time."""
        lost = [c for c in pending if c.future is not None and _settle(c.future) is not None]
        lost = [
            c
            for c in lost
            if c.future is not None and isinstance(c.future.exception(), BrokenProcessPool)
        ]
        if self.pool._broken:
            with held():
                self.pool.shutdown(wait=True)
            self.pool = self._pool(self.jobs)
        for chunk in lost:
            chunk.deaths += 1
            chunk.future = None
            if chunk.deaths < 2:
                self.submit(chunk)

    def _alone(self, item: Article | tuple[str, str, bool]) -> Iterator[ArticleOutcome]:
        """One article in a worker of its own: its outcome, or a failure if the worker died."""
        if self.alone is None:
            self.alone = self._pool(1)
        with held():
            try:
                future = self.alone.submit(_work, [item], self.time_limit)
            except BrokenProcessPool as exc:
                future = Future()
                future.set_exception(exc)
            workers = list(self.alone._processes.values())
        try:
            yield from _result(future)
        except BrokenProcessPool:
            with held():
                self.alone.shutdown(wait=True)
            self.alone = None
            how = (
                "; ".join(_death(w) for w in workers if w.exitcode != 0) or "for an unknown reason"
            )
            yield _died(item, how)

    def stop(self, writer: multiprocessing.connection.Connection) -> None:
        """Stop the workers now and shut the pools down, whatever they were doing."""
        writer.close()  # every worker exits, instead of finishing its chunks
        for pool in (self.pool, self.alone):
            if pool is not None:
                _stop(pool)

    def close(self) -> None:
        """Shut the pools down once every chunk is done."""
        with held():
            self.pool.shutdown()
            if self.alone is not None:
                self.alone.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down whose workers are told to exit (the lifeline is closed)."""
    # A worker that exits half-way through sending its outcomes leaves the pool's thread
    # waiting for the rest, on a pipe whose writing end this process holds as well: closing
    # that end (CPython's ProcessPoolExecutor keeps it as _result_queue._writer) lets the
    # thread read the end of the pipe once the workers are gone, and shut down.
    pool._result_queue._writer.close()  # type: ignore[attr-defined]  # not in typeshed
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
    (see :func:`svodka.pipeline.process`). A worker that dies costs only the article that
    killed it (see :class:`_Workers`): it fails, naming how the worker ended.
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
        workers = _Workers(
            jobs,
            method,
            (
                None if forking else plugin_options,
                None if method == "forkserver" else os.getpid(),
                lifeline,
            ),
            time_limit,
        )
        try:
            pending: deque[_Chunk] = deque()
            for chunk in _chunks(chain(head, stream), CHUNK):
                pending.append(workers.submit(_Chunk(chunk)))
                while len(pending) >= 4 * jobs:
                    yield from workers.finish(pending)
            while pending:
                yield from workers.finish(pending)
        except BaseException:
            workers.stop(writer)
            raise
        workers.close()
    finally:
        _lifelines.discard(writer)
        writer.close()
        lifeline.close()
        _state = None
