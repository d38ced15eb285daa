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

An INPUT that starts with ``http://`` or ``https://`` is a link, and ``--urls FILE`` lists
more (one a line; blank lines and ``#`` comments are passed over, any other line that is
not a link is reported as FILE:LINE). A link's page is fetched (:mod:`svodka.read.fetch`, in a
few threads, a few links ahead of the one being read) and read by its kind: an HTML page
as one article, a feed (RSS, Atom) as one article per item. Each item's link is fetched
too; an item whose page cannot be had is read from the feed's own text, with a warning. A
feed file given as INPUT is read the same way, but with ``--offline``: then its reader
gives each item from the feed's own text. A link's article id is its slug (host and
path); the same link twice, or a link that leads to a page already read, is skipped.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from svodka.components import (
    STOPS,
    InputError,
    Reader,
    ReadOptions,
    Source,
    describe,
    max_text,
    printable,
    spool_stream,
    too_large,
)
from svodka.model.article import Article
from svodka.read.encoding import replace_surrogates
from svodka.read.fetch import Fetcher, FetchError, FetchSettings, Page, user_agent
from svodka.read.metadata import iso_date

if TYPE_CHECKING:
    from svodka.plugins.readers.feeds import FeedItem

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
    links: dict[str, str] = dataclasses.field(default_factory=dict)  # by link_key

    def link(self, url: str) -> InputError | None:
        """None for a link not seen before (it is now); else the skip to report."""
        key = link_key(url)
        if key in self.links:
            return _again(printable(url), "link", self.links[key])
        self.links[key] = printable(url)
        return None


def expand(
    inputs: Iterable[str],
    urls: str | None = None,
    seen: _Seen | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Source | InputError]:
    """Sources for each argument: a file, every file under a folder (sorted, recursive,
    hidden ones skipped), the matches of a glob, a named pipe, standard input for ``-``, a
    link; then the links listed in the file ``urls``; an :class:`InputError` for each
    argument, entry or line that cannot be read. Files and folders that are one of
    ``exclude`` (the same device and inode: the output folder) are not read and are
    reported once as skipped. Standard input and pipes are kept on disk, up to a cap."""
    try:
        max_text()
    except ValueError as exc:
        yield InputError("environment", str(exc))
        return
    seen = seen or _Seen()
    for key in _keys(exclude):
        seen.excluded.setdefault(key, False)
    for arg in inputs:
        if is_link(arg):
            yield _link_source(arg, seen)
            continue
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
    if urls is not None:
        for link in url_list(urls):
            yield link if isinstance(link, InputError) else _link_source(link, seen)


_LINK = re.compile(r"https?://", re.IGNORECASE)
_AUTHORITY = re.compile(r"([^:/?#]+)://([^/?#]*)")


def is_link(text: str) -> bool:
    """Whether an INPUT is a link (``http://`` or ``https://``) rather than a path."""
    return _LINK.match(text) is not None


def link_key(url: str) -> str:
    """What tells two links to the same page apart from others: the link without its
    fragment, scheme and host in lower case."""
    url = url.partition("#")[0]
    match = _AUTHORITY.match(url)
    if match is None:
        return url
    return f"{match[1].lower()}://{match[2].lower()}{url[match.end() :]}"


def link_slug(url: str) -> str:
    """A link's article id: its host (without ``www.``) and path, and query if any."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = unquote(parts.path).strip("/")
    slug = f"{host}/{path}" if path else host
    return printable(f"{slug}?{unquote(parts.query)}" if parts.query else slug)


def url_list(path: str) -> Iterator[str | InputError]:
    """The links of a ``--urls`` file, one a line: blank lines and ``#`` comments passed
    over, any other line that is not one link reported as FILE:LINE."""
    name = printable(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield _unreachable(Path(path), name, exc)
        return
    for number, raw in enumerate(data.splitlines(), 1):
        line = raw.decode("utf-8", "surrogateescape").strip()
        if not line or line.startswith("#"):
            continue
        if not is_link(line) or len(line.split()) > 1 or not urlsplit(line).hostname:
            yield InputError(f"{name}:{number}", f"not a link: {line[:200]!r}")
        elif (fixed := replace_surrogates(line)) != line:
            yield InputError(f"{name}:{number}", f"not UTF-8: {fixed[:200]!r}")
        else:
            yield line


def _link_source(url: str, seen: _Seen) -> Source | InputError:
    again = seen.link(url)
    return again or Source(printable(url), label=link_slug(url), url=url)


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
                problems.append(f"reader {reader.name!r} failed to sniff: {describe(exc)}")
    return None


def read_inputs(
    inputs: Iterable[str],
    readers: dict[str, Reader],
    options: ReadOptions,
    urls: str | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Generator[Article | InputError, None, None]:
    """Every article of every input (and of every link listed in the file ``urls``), in
    order, with ids unique in the run; each unreadable input or part of one is yielded as
    an :class:`InputError` naming it, and reading goes on. ``exclude``: files and folders
    not to read (see :func:`expand`). An article of more than
    :func:`svodka.components.max_text` bytes is reported, not passed on; an input of which
    the reader gives nothing is reported too. Threads that fetch pages are stopped when the
    iteration ends, however it ends."""
    ids = _Ids()
    seen = _Seen()
    web = _Web(options, seen)
    try:
        for source, fetched in web.ahead(expand(inputs, urls, seen, exclude)):
            if isinstance(source, InputError):
                yield source
            elif fetched is not None:
                final, outcome = _result(fetched)
                yield from web.settle(source, outcome, ids, final)
            else:
                yield from _read(source, readers, options, ids, web)
    finally:
        web.close()


def _read(
    source: Source, readers: dict[str, Reader], options: ReadOptions, ids: _Ids, web: _Web
) -> Iterator[Article | InputError]:
    """The articles of a file or standard input, through its reader."""
    problems: list[str] = []
    reader = choose_reader(source, readers, problems)
    if reader is None:
        known = ", ".join(sorted({s for r in readers.values() for s in r.suffixes}))
        why = "; ".join([*problems, f"no reader for this kind of file (readers take {known})"])
        yield InputError(source.name, why)
        return
    try:
        if reader.name == FEED and not options.offline:  # its items' pages are fetched
            yield from web.settle(source, web.feed(source.read_bytes(), source.name), ids)
            return
        given = False
        for item in reader.read(source, options):
            given = True
            if isinstance(item, Article):
                yield _capped(item, source) or ids.unique(_sound(item), source)
            elif isinstance(item, InputError):
                yield item
            else:
                yield InputError(
                    source.name,
                    f"reader {reader.name!r} gave {type(item).__name__}, not an article; skipped",
                )
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(source.name, f"cannot be read ({exc.strerror or exc})")
    except STOPS:
        raise
    except BaseException as exc:  # noqa: BLE001 - a reader plugin's bug (even sys.exit)
        yield InputError(source.name, f"reader {reader.name!r} failed: {describe(exc)}")
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


FEED = "feed"  # the reader whose inputs are read here, their items' pages fetched
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_UNTYPED = frozenset({"", "text/plain", "application/octet-stream"})
_HTML_HEAD = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)", re.IGNORECASE | re.DOTALL)


@dataclasses.dataclass(frozen=True)
class _Feed:
    """A feed's items, with the feed's name for messages and its title (the outlet)."""

    name: str
    items: list[FeedItem]
    outlet: str | None = None


_Outcome = Article | InputError | _Feed

# The fetch settings links are read with, but for the options of the run (tests lower the
# delays here).
FETCH_BASE = FetchSettings()


def _result(future: Future) -> Any:
    """A task's result, waited for in short steps: a signal that the system hands to one
    of the pool's threads does not wake a wait on a lock, but it is handled (and raises
    :class:`svodka.run.signals.Interrupted` here) between the steps."""
    while not future.done():
        wait((future,), timeout=0.1)
    return future.result()


class _Web:
    """Links and feeds of one run: a :class:`~svodka.read.fetch.Fetcher` and a pool of threads,
    made when the first link or feed comes, closed (requests under way cut, threads
    joined) at the end of the run, however it ends. Only the pool's tasks run in other
    threads: ids and the links seen are kept in the caller's."""

    def __init__(self, options: ReadOptions, seen: _Seen) -> None:
        self.options = options
        self.seen = seen
        self.jobs = max(1, options.fetch_jobs)
        self._fetcher: Fetcher | None = None
        self._pool: ThreadPoolExecutor | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            options = self.options
            self._fetcher = Fetcher(
                dataclasses.replace(
                    FETCH_BASE,
                    user_agent=user_agent(options.contact),
                    cache_dir=Path(options.cache_dir) if options.cache_dir else None,
                    refresh=options.refresh,
                    offline=options.offline,
                )
            )
        return self._fetcher

    def _submit(self, task: Callable[..., Any], *args: Any) -> Future:
        self.fetcher  # noqa: B018 - made here, in the caller's thread, not by two tasks at once
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.jobs, thread_name_prefix="svodka-fetch")
        return self._pool.submit(task, *args)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def ahead(
        self, sources: Iterator[Source | InputError]
    ) -> Iterator[tuple[Source | InputError, Future | None]]:
        """The sources in order, each link's page being fetched (and read) in the pool a
        few links ahead of the one the caller waits for."""
        pending: deque[tuple[Source | InputError, Future | None]] = deque()
        for source in sources:
            if isinstance(source, Source) and source.url is not None:
                pending.append((source, self._submit(self._link, source)))
            else:
                pending.append((source, None))
            while pending and (pending[0][1] is None or len(pending) > 2 * self.jobs):
                yield pending.popleft()
        while pending:
            yield pending.popleft()

    def _link(self, source: Source) -> tuple[str | None, _Outcome]:
        """In a thread: a link's page fetched and read; the key of the link that answered."""
        assert source.url is not None
        try:
            page = self.fetcher.fetch(source.url)
        except FetchError as exc:
            return None, exc
        return link_key(page.final_url), self._page(page, source.name, source.label)

    def _page(self, page: Page, name: str, default_id: str) -> _Outcome:
        """A fetched page read by its kind: HTML, a feed, or neither."""
        from svodka.plugins.readers.feeds import looks_like_feed
        from svodka.plugins.readers.html import page_article

        kind = (page.content_type or "").split(";")[0].strip().lower()
        head = page.body[:2048]
        try:
            if looks_like_feed(head):
                return self.feed(page.body, name)
            if kind in _HTML_TYPES or (kind in _UNTYPED and _HTML_HEAD.match(head)):
                return page_article(
                    page.body,
                    name,
                    self.options,
                    url=page.final_url,
                    content_type=page.content_type,
                    default_id=default_id,
                )
        except InputError as exc:
            return exc
        except STOPS:
            raise
        except BaseException as exc:  # noqa: BLE001 - the reader's bug costs this page only
            return InputError(name, f"page cannot be read: {describe(exc)}")
        return InputError(name, f"not HTML but {kind or 'of no declared type'}")

    def feed(self, data: bytes, name: str) -> _Feed:
        """A feed's items; :class:`InputError` for a feed that cannot be read."""
        from svodka.plugins.readers.feeds import parse_feed

        outlet, items = parse_feed(data, name)
        return _Feed(name, items, outlet)

    def settle(
        self, source: Source, outcome: _Outcome, ids: _Ids, final: str | None = None
    ) -> Iterator[Article | InputError]:
        """What a link or a feed file gave, with ids made unique; a feed's items each
        fetched in the pool, in order. ``final`` is the key of the link that answered
        (after redirects): a page read before is skipped."""
        if final is not None and source.url is not None and final != link_key(source.url):
            if final in self.seen.links:
                first = self.seen.links[final]
                reason = f"skipped: leads to the same page as {first}, read once"
                yield InputError(source.name, reason, skipped=True)
                return
            self.seen.links[final] = source.name
        if isinstance(outcome, InputError):
            yield outcome
        elif isinstance(outcome, Article):
            yield ids.unique(_sound(outcome), source)
        else:
            yield from self._items(outcome, source, ids)

    def _items(self, feed: _Feed, source: Source, ids: _Ids) -> Iterator[Article | InputError]:
        """A feed's items in order, each one's page fetched in the pool, a few ahead."""
        if not feed.items:
            yield InputError(feed.name, "the feed holds no items")
            return
        pending: deque[tuple[Source, Future | InputError]] = deque()
        for number, item in enumerate(feed.items, 1):
            where = f"{feed.name}:{number}"
            link = item.link.strip() if item.link else None
            if link and is_link(link):
                item_source = Source(printable(link), label=link_slug(link), url=link)
                job = self.seen.link(link) or self._submit(
                    self._item, item, item_source, feed.outlet
                )
            else:
                label = f"{source.stem}-{number}"
                item_source = Source(where, label=label, url=link or "")
                job = self._submit(self._item, item, item_source, feed.outlet)
            pending.append((item_source, job))
            while len(pending) > 2 * self.jobs:
                yield self._done(*pending.popleft(), ids)
        while pending:
            yield self._done(*pending.popleft(), ids)

    def _done(self, source: Source, job: Future | InputError, ids: _Ids) -> Article | InputError:
        outcome = job if isinstance(job, InputError) else _result(job)
        return ids.unique(_sound(outcome), source) if isinstance(outcome, Article) else outcome

    def _item(self, item: FeedItem, source: Source, outlet: str | None) -> Article | InputError:
        """In a thread: a feed item's article, from its page, else from the feed's text."""
        if not source.url:
            return self._item_text(item, source, outlet, "no link to its page")
        try:
            page = self.fetcher.fetch(source.url)
        except FetchError as exc:
            if exc.reason == "stopped":
                return exc
            return self._item_text(item, source, outlet, f"page not fetched ({exc.reason})")
        outcome = self._page(page, source.name, source.label)
        if isinstance(outcome, Article):
            published = outcome.published or iso_date(item.published)
            return dataclasses.replace(
                outcome,
                title=outcome.title or item.title,
                outlet=outcome.outlet or outlet,
                published=published,
            )
        why = outcome.reason if isinstance(outcome, InputError) else "a feed, not a page"
        return self._item_text(item, source, outlet, f"page not used ({why})")

    def _item_text(
        self, item: FeedItem, source: Source, outlet: str | None, why: str
    ) -> Article | InputError:
        """A feed item's article from the feed's own text, with a warning saying why."""
        from svodka.plugins.readers.feeds import item_article

        try:
            article = item_article(item, source.name, source.label, self.options, outlet)
        except InputError as exc:
            return InputError(exc.where, f"{why}; {exc.reason}")
        warning = f"{source.name}: {why}; the feed's text is used"
        return dataclasses.replace(article, warnings=(warning,))


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
        if source.path is not None:
            prefix = str(Path(label).with_suffix(""))
        else:
            prefix = label if source.url is not None else "stdin"
        candidate = prefix if article.id == source.stem else f"{prefix}/{article.id}"
        unique, number = candidate, 1
        while unique in self.used:
            number += 1
            unique = f"{candidate}~{number}"
        self.used.add(unique)
        meta = {**article.meta, "source_id": article.id}
        return dataclasses.replace(article, id=unique, meta=meta)
