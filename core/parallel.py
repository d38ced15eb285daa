"""Spreading articles over processes (``--jobs``): the same outcomes, in input order.

Articles go to worker processes in chunks, with a bounded number of chunks in flight, so
an input of any size streams through. Workers are forked from the parent where the system
allows it (they inherit the loaded plugins, gazetteers and morphology); elsewhere each
worker loads the plugins again with the parent's settings. An input of fewer than
:data:`SMALL` articles is processed in this process: starting workers would cost more.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

from svodka.article import Article
from svodka.components import Extractor, InputError
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import ArticleOutcome, process

CHUNK = 16
SMALL = 2 * CHUNK

# (extractors, lexicon, owners) in a worker process: inherited when forked, else built by _init
_state: tuple[list[Extractor], Lexicon, Mapping[str, str]] | None = None


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init(plugin_options: dict[str, Any] | None) -> None:
    global _state
    if _state is None and plugin_options is not None:
        from svodka.manager import load_plugins

        plugins = load_plugins(**plugin_options)
        owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
        _state = (list(plugins.extractors.values()), Lexicon.from_plugins(plugins), owners)


def _portable(item: Article | InputError) -> Article | tuple[str, str]:
    """Read failures travel as (where, reason): exceptions with custom arguments do not pickle."""
    return (item.where, item.reason) if isinstance(item, InputError) else item


def _work(
    chunk: list[Article | tuple[str, str]], time_limit: float | None = None
) -> list[ArticleOutcome]:
    assert _state is not None
    extractors, lexicon, owners = _state
    items = [InputError(*x) if isinstance(x, tuple) else x for x in chunk]
    return list(process(items, extractors, lexicon, owners, time_limit))


def _chunks(items: Iterator[Article | InputError], size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield [_portable(item) for item in chunk]


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
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:
        lexicon.kinds()  # build the gazetteers once, before the workers inherit them
        _state = (extractors, lexicon, owners or {})
    context = multiprocessing.get_context("fork" if forking else "spawn")
    try:
        with ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_init,
            initargs=(None if forking else plugin_options,),
        ) as pool:
            pending: deque[Future[list[ArticleOutcome]]] = deque()
            for chunk in _chunks(chain(head, stream), CHUNK):
                pending.append(pool.submit(_work, chunk, time_limit))
                while len(pending) >= 4 * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _state = None
