"""Fetching web pages politely, for links and feeds given as input.

:class:`Fetcher` gets one URL at a time from any number of threads. Each try of a request
has a time limit (``timeout`` seconds to connect, between two reads and for the whole body);
a 429, a 5xx or a network error is tried again after a growing pause (a ``Retry-After`` is
honoured up to :attr:`FetchSettings.max_wait`); redirects are followed up to
``max_redirects`` and a loop among them is reported as such; a body larger than
``max_bytes`` (after gzip is undone) is abandoned as it streams. One request at a time goes
to a host, ``host_delay`` seconds (or the robots.txt Crawl-delay, up to ``max_wait``) after
the previous one ended, and a path that the host's robots.txt disallows for svodka is not
fetched. A robots.txt that cannot be had (none, an error, no answer) allows everything,
except 401 and 403, which disallow everything (as :mod:`urllib.robotparser` does).

Pages fetched with status 200 are kept in a folder, one file per URL (a JSON line of
metadata, then the body), so that a rerun does not fetch them again: ``refresh`` fetches
anew, ``offline`` uses only what was kept. :meth:`Fetcher.close` stops every fetch at once,
including requests waiting on a socket in other threads: they raise :class:`FetchError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpx

from svodka import __version__
from svodka.components import InputError
from svodka.run.output import atomic_path

MB = 1024 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# Printable ASCII but "%" itself: the rest of a contact is %-escaped (headers are ASCII).
_HEADER_SAFE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "%")


def user_agent(contact: str | None = None) -> str:
    """The User-Agent header: svodka and its version, and a contact (an e-mail address or a
    web page) where the user gave one, so that a site's staff can reach them."""
    contact = quote(" ".join((contact or "").split()), safe=_HEADER_SAFE)
    return f"svodka/{__version__}" + (f" (+{contact})" if contact else "")


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/svodka/pages``, or ``~/.cache/svodka/pages``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "svodka" / "pages"


@dataclass(frozen=True)
class FetchSettings:
    """How pages are fetched (see the module's description). ``cache_dir`` None: the
    default folder (:func:`default_cache_dir`)."""

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5
    max_redirects: int = 5
    max_bytes: int = 20 * MB
    host_delay: float = 1.0
    user_agent: str = field(default_factory=user_agent)
    cache_dir: Path | None = None
    refresh: bool = False
    offline: bool = False
    respect_robots: bool = True
    max_wait: float = 60.0


@dataclass(frozen=True)
class Page:
    """A fetched (or kept) page: the URL asked for, the one that answered after redirects."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    from_cache: bool = False


class FetchError(InputError):
    """A URL whose page cannot be had; ``reason`` says why in a user's words."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)
        self.url = url


class _Retry(Exception):
    """One try failed in a way worth trying again; ``wait`` is what the server asked for."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class _Host:
    """What is known of one host: its lock (one request at a time), when its last request
    ended, and its robots.txt rules."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last: float | None = None
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.delay = 0.0


def _size(count: int) -> str:
    return f"{count / MB:g} MB" if count >= MB else f"{count} bytes"


class Fetcher:
    """Fetches pages under :class:`FetchSettings`; safe to share between threads. Use it as
    a context manager, or call :meth:`close`."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings = settings or FetchSettings()
        self.cache_dir = settings.cache_dir or default_cache_dir()
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._streams: set[Any] = set()  # the sockets' streams of requests under way
        self._client = httpx.Client(
            follow_redirects=False,  # followed here: each hop's host has its delay and robots
            timeout=httpx.Timeout(settings.timeout),
            headers={"User-Agent": settings.user_agent},
            # A new connection for every request, so that each one's socket is known (see
            # _trace) and close() can cut it; a host's requests are seconds apart anyway.
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop: requests under way in any thread end now with a :class:`FetchError`, and
        no new one starts."""
        self._closed.set()
        with self._lock:
            streams = list(self._streams)
        for stream in streams:
            _cut(stream)
        self._client.close()

    # -- the cache -------------------------------------------------------------------

    def cache_path(self, url: str) -> Path:
        """The file that keeps ``url``'s page."""
        digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.page"

    def _kept(self, url: str) -> Page | None:
        try:
            data = self.cache_path(url).read_bytes()
            head, _, body = data.partition(b"\n")
            meta = json.loads(head)
            if meta.get("url") != url:
                return None
            return Page(url, meta["final_url"], meta["status"], meta["content_type"], body, True)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none kept, or a damaged file: fetched again

    def _keep(self, page: Page) -> None:
        meta = {
            "url": page.url,
            "final_url": page.final_url,
            "status": page.status,
            "content_type": page.content_type,
            "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        head = json.dumps(meta, ensure_ascii=True).encode("ascii")
        try:
            with atomic_path(self.cache_path(page.url)) as tmp:
                tmp.write_bytes(head + b"\n" + page.body)
        except OSError:
            pass  # a cache that cannot be written costs a fetch next time, not this page

    # -- fetching --------------------------------------------------------------------

    def fetch(self, url: str) -> Page:
        """The page at ``url`` (kept, or fetched and kept); :class:`FetchError` if it
        cannot be had."""
        url = url.partition("#")[0]
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise FetchError(url, "not an http:// or https:// link")
        settings = self.settings
        if not settings.refresh and (kept := self._kept(url)) is not None:
            return kept
        if settings.offline:
            raise FetchError(url, f"offline, and the page was not kept (in {self.cache_dir})")
        try:
            page = self._follow(url)
        except FetchError as exc:
            if exc.where == url:
                raise
            at = "" if exc.reason == "stopped" else f" (at {exc.where})"
            raise FetchError(url, exc.reason + at) from None
        self._keep(page)
        return page

    def _follow(self, url: str) -> Page:
        """The page at ``url``, its redirects followed."""
        settings = self.settings
        visited = [url]
        current = url
        while True:
            status, headers, body, final = self._hop(current)
            if status not in _REDIRECTS:
                break
            location = headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location")
            current = urljoin(final, location).partition("#")[0]
            if current in visited:
                chain = " → ".join([*visited[visited.index(current) :], current])
                raise FetchError(url, f"redirect loop ({chain})")
            visited.append(current)
            if len(visited) > settings.max_redirects + 1:
                raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")
        if status != 200:
            raise FetchError(url, _status_reason(status))
        return Page(url, final, status, headers.get("content-type"), body)

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._lock:
            return key, self._hosts.setdefault(key, _Host())

    def _hop(self, url: str) -> tuple[int, httpx.Headers, bytes, str]:
        """One URL, with its retries, under its host's lock and delay: the status, headers,
        body and the URL that answered."""
        settings = self.settings
        key, host = self._host(url)
        with host.lock:
            if settings.respect_robots:
                self._check_robots(url, key, host)
            for attempt in range(settings.retries + 1):
                self._pause(host, url)
                try:
                    return self._try(url)
                except _Retry as retry:
                    if attempt == settings.retries:
                        tries = settings.retries + 1
                        raise FetchError(
                            url, f"{retry.reason} (tried {tries} time{'s' * (tries > 1)})"
                        ) from None
                    wait = settings.backoff * 2**attempt
                    if retry.wait is not None:
                        wait = max(wait, min(retry.wait, settings.max_wait))
                    self._sleep(wait, url)
                finally:
                    host.last = time.monotonic()
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self, host: _Host, url: str) -> None:
        if host.last is not None:
            delay = max(self.settings.host_delay, host.delay)
            self._sleep(host.last + delay - time.monotonic(), url)

    def _sleep(self, seconds: float, url: str) -> None:
        if seconds > 0:
            self._closed.wait(seconds)
        if self._closed.is_set():
            raise FetchError(url, "stopped")

    def _try(self, url: str) -> tuple[int, httpx.Headers, bytes, str]:
        """One request: the status, headers and body; :class:`_Retry` for what is worth
        trying again, :class:`FetchError` for what is not."""
        settings = self.settings
        if self._closed.is_set():
            raise FetchError(url, "stopped")
        streams: list[Any] = []
        try:
            with self._client.stream(
                "GET", url, extensions={"trace": self._tracer(url, streams)}
            ) as response:
                status, headers = response.status_code, response.headers
                if status == 429 or status >= 500:
                    raise _Retry(_status_reason(status), _retry_after(headers))
                if status != 200:
                    return status, headers, b"", str(response.url)
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > settings.max_bytes:
                    raise FetchError(url, _too_large(int(declared), settings.max_bytes))
                return status, headers, self._body(url, response), str(response.url)
        except httpx.TimeoutException:
            raise _Retry(f"no answer within {settings.timeout:g} s") from None
        except httpx.TransportError as exc:
            if self._closed.is_set():
                raise FetchError(url, "stopped") from None
            raise _Retry(f"network error ({type(exc).__name__}: {exc})") from None
        except RuntimeError:  # the client was closed by another thread
            if self._closed.is_set():
                raise FetchError(url, "stopped") from None
            raise
        finally:
            with self._lock:
                self._streams.difference_update(streams)

    def _body(self, url: str, response: httpx.Response) -> bytes:
        """The body, read piece by piece: abandoned past ``max_bytes`` or the time limit."""
        settings = self.settings
        deadline = time.monotonic() + settings.timeout
        chunks, total = [], 0
        for chunk in response.iter_bytes(_CHUNK):  # gzip and deflate undone by httpx
            total += len(chunk)
            if total > settings.max_bytes:
                raise FetchError(url, _too_large(None, settings.max_bytes))
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _Retry(f"page not received within {settings.timeout:g} s")
        return b"".join(chunks)

    def _tracer(self, url: str, streams: list[Any]) -> Callable[[str, dict], None]:
        """httpcore's trace hook: records the socket's stream of each new connection."""

        def trace(event: str, info: dict) -> None:
            if event == "connection.connect_tcp.complete":
                stream = info.get("return_value")
                if stream is not None:
                    streams.append(stream)
                    with self._lock:
                        self._streams.add(stream)
                    if self._closed.is_set():  # close() came before this was recorded
                        _cut(stream)
                        raise FetchError(url, "stopped")

        return trace

    # -- robots.txt ------------------------------------------------------------------

    def _check_robots(self, url: str, key: str, host: _Host) -> None:
        if host.robots is None:
            host.robots = self._robots(key, host)
            host.last = time.monotonic()
            delay = host.robots.crawl_delay("svodka")
            host.delay = min(float(delay), self.settings.max_wait) if delay else 0.0
        if not host.robots.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, f"robots.txt of {key} disallows this path")

    def _robots(self, key: str, host: _Host) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(f"{key}/robots.txt")
        self._pause(host, key)
        lines: list[str] = []
        streams: list[Any] = []
        trace = {"trace": self._tracer(key, streams)}
        try:
            with self._client.stream(
                "GET", f"{key}/robots.txt", follow_redirects=True, extensions=trace
            ) as response:
                if response.status_code in (401, 403):
                    # can_fetch() reads it; typeshed does not list it
                    parser.disallow_all = True  # type: ignore[attr-defined]
                elif response.status_code == 200:
                    body = b"".join(_limited(response.iter_bytes(_CHUNK), 512 * 1024))
                    lines = body.decode("utf-8", "replace").splitlines()
        except (httpx.HTTPError, RuntimeError):
            if self._closed.is_set():
                raise FetchError(key, "stopped") from None
        finally:
            with self._lock:
                self._streams.difference_update(streams)
        parser.parse(lines)
        return parser


def _cut(stream: Any) -> None:
    """Shut a connection's socket down: a thread blocked reading it wakes, and the server
    sees the connection end."""
    sock = stream.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _limited(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        yield chunk[: max(0, limit - total)]
        total += len(chunk)
        if total >= limit:
            return


def _status_reason(status: int) -> str:
    phrase = httpx.codes.get_reason_phrase(status)  # "" for a status httpx does not know
    return f"HTTP {status}" + (f" {phrase}" if phrase else "")


def _too_large(size: int | None, limit: int) -> str:
    shown = f" ({_size(size)})" if size is not None else ""
    return f"too large{shown}: more than {_size(limit)}"


def _retry_after(headers: httpx.Headers) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait (a number or an HTTP date)."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
