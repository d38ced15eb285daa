"""svodka.read.fetch against a local server: retries, limits, redirects, robots.txt, the cache,
per-host politeness and stopping. Nothing leaves 127.0.0.1."""

from __future__ import annotations

import gzip
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from webserver import Server, page, send, serving

from svodka import __version__
from svodka.read.fetch import MB, Fetcher, FetchError, FetchSettings, user_agent

HTML = "<html><body><p>Новости дня.</p></body></html>".encode()


@pytest.fixture
def server(monkeypatch):
    before = set(threading.enumerate())
    with serving(monkeypatch) as httpd:
        yield httpd
    assert set(threading.enumerate()) <= before  # no thread left running


@pytest.fixture
def make(tmp_path):
    """A Fetcher with small delays and a cache in the test's folder, closed at the end."""
    made: list[Fetcher] = []

    def build(**changes) -> Fetcher:
        options = {
            "timeout": 2.0,
            "retries": 2,
            "backoff": 0.01,
            "host_delay": 0.0,
            "cache_dir": tmp_path / "cache",
            **changes,
        }
        fetcher = Fetcher(FetchSettings(**options))
        made.append(fetcher)
        return fetcher

    yield build
    for fetcher in made:
        fetcher.close()


def _reason(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    assert info.value.where == url
    return info.value.reason


def test_a_page_is_fetched_with_a_user_agent_naming_svodka_and_the_contact(server, make):
    server.routes["/news/1"] = page(HTML)
    fetched = make(user_agent=user_agent("desk@example.org")).fetch(server.url("/news/1"))
    assert (fetched.status, fetched.body, fetched.from_cache) == (200, HTML, False)
    assert fetched.content_type == "text/html; charset=utf-8"
    agents = {headers["User-Agent"] for _, headers in server.requests}
    assert agents == {f"svodka/{__version__} (+desk@example.org)"}


@given(st.text(max_size=40))
@settings(max_examples=50)
def test_any_contact_makes_a_one_line_ascii_user_agent(contact):
    agent = user_agent(contact)
    assert agent.startswith(f"svodka/{__version__}")
    assert agent.isascii() and agent.isprintable()
    httpx.Headers({"User-Agent": agent})  # accepted as a header


def test_404_is_reported_with_its_status_and_not_tried_again(server, make):
    assert _reason(make(), server.url("/gone")) == "HTTP 404 Not Found"
    assert server.paths() == ["/robots.txt", "/gone"]


def test_500_then_200_is_tried_again(server, make):
    answers = iter([500, 503, 200])
    server.routes["/flaky"] = lambda h: send(h, next(answers), HTML)
    assert make().fetch(server.url("/flaky")).body == HTML
    assert server.paths().count("/flaky") == 3


def test_a_server_error_that_persists_fails_after_the_bounded_tries(server, make):
    server.routes["/down"] = lambda h: send(h, 503, b"busy")
    reason = _reason(make(retries=2), server.url("/down"))
    assert reason == "HTTP 503 Service Unavailable (tried 3 times)"
    assert server.paths().count("/down") == 3


def test_retry_after_is_honoured_only_up_to_the_bound(server, make):
    answers = iter([429, 200])
    server.routes["/busy"] = lambda h: send(h, next(answers), HTML, headers={"Retry-After": "3600"})
    assert make(max_wait=0.05).fetch(server.url("/busy")).body == HTML  # not an hour


def test_a_slow_page_times_out_after_its_tries(server, make):
    server.routes["/slow"] = lambda h: server.stopping.wait(10)
    reason = _reason(make(timeout=0.2, retries=1), server.url("/slow"))
    assert reason == "no answer within 0.2 s (tried 2 times)"


def test_a_redirect_loop_is_reported_as_one(server, make):
    server.routes["/a"] = lambda h: send(h, 302, b"", headers={"Location": "/b"})
    server.routes["/b"] = lambda h: send(h, 301, b"", headers={"Location": server.url("/a")})
    reason = _reason(make(), server.url("/a"))
    assert reason == f"redirect loop ({server.url('/a')} → {server.url('/b')} → {server.url('/a')})"


def test_redirects_are_followed_up_to_the_limit(server, make):
    for n in range(8):
        server.routes[f"/r{n}"] = lambda h, n=n: send(
            h, 302, b"", headers={"Location": f"/r{n + 1}"}
        )
    server.routes["/r8"] = page(HTML)
    assert _reason(make(max_redirects=5), server.url("/r0")) == "too many redirects (more than 5)"
    fetched = make(max_redirects=8).fetch(server.url("/r0"))
    assert (fetched.url, fetched.final_url) == (server.url("/r0"), server.url("/r8"))


def _endless(handler) -> None:
    """50 MB without a Content-Length, made as it is sent: never held in memory."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    chunk = b"<p>" + b"x" * (MB - 3)
    for _ in range(50):
        handler.wfile.write(chunk)


def test_a_page_larger_than_the_limit_is_abandoned_as_it_streams(server, make):
    server.routes["/huge"] = _endless
    assert _reason(make(), server.url("/huge")) == "too large: more than 20 MB"
    assert _reason(make(max_bytes=MB), server.url("/huge")) == "too large: more than 1 MB"


def test_a_declared_size_over_the_limit_fails_before_the_body(server, make):
    def declared(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(50 * MB))
        handler.end_headers()
        server.stopping.wait(10)  # the body never comes: it must not be waited for

    server.routes["/declared"] = declared
    assert _reason(make(), server.url("/declared")) == "too large (50 MB): more than 20 MB"


def test_gzip_is_undone_and_its_size_counts_unpacked(server, make):
    packed = gzip.compress(HTML)
    server.routes["/gz"] = page(packed, **{"Content-Encoding": "gzip"})
    assert make().fetch(server.url("/gz")).body == HTML
    bomb = gzip.compress(b"\0" * (3 * MB))  # a few kB that unpack to 3 MB
    server.routes["/bomb"] = page(bomb, **{"Content-Encoding": "gzip"})
    assert _reason(make(max_bytes=MB), server.url("/bomb")) == "too large: more than 1 MB"


def test_robots_txt_is_respected(server, make):
    server.routes["/robots.txt"] = page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    server.routes["/private/1"] = page(HTML)
    server.routes["/public/1"] = page(HTML)
    fetcher = make()
    reason = _reason(fetcher, server.url("/private/1"))
    assert reason == f"robots.txt of {server.base} disallows this path"
    assert fetcher.fetch(server.url("/public/1")).body == HTML
    assert server.paths() == ["/robots.txt", "/public/1"]  # robots.txt read once
    assert make(respect_robots=False).fetch(server.url("/private/1")).body == HTML


def test_robots_txt_for_svodka_by_name(server, make):
    rules = b"User-agent: svodka\nDisallow: /\n\nUser-agent: *\nDisallow:\n"
    server.routes["/robots.txt"] = page(rules, "text/plain")
    server.routes["/x"] = page(HTML)
    assert "disallows" in _reason(make(), server.url("/x"))


def test_the_cache_keeps_pages_refresh_fetches_anew_offline_never_fetches(server, make, tmp_path):
    server.routes["/kept"] = page(HTML)
    url = server.url("/kept")
    first = make().fetch(url)
    assert not first.from_cache
    before = len(server.requests)
    again = make().fetch(url)  # a new run: a new Fetcher, the same cache
    assert (again.from_cache, again.body, again.final_url) == (True, HTML, url)
    assert len(server.requests) == before
    offline = make(offline=True)
    assert offline.fetch(url).from_cache
    reason = _reason(offline, server.url("/never"))
    assert reason == f"offline, and the page was not kept (in {tmp_path / 'cache'})"
    assert len(server.requests) == before
    refreshed = make(refresh=True).fetch(url)
    assert not refreshed.from_cache
    assert server.paths()[before:] == ["/robots.txt", "/kept"]


def test_a_damaged_cache_file_is_fetched_again(server, make):
    server.routes["/p"] = page(HTML)
    fetcher = make()
    url = server.url("/p")
    fetcher.fetch(url)
    fetcher.cache_path(url).write_bytes(b"{not json\n")
    again = make().fetch(url)
    assert (again.from_cache, again.body) == (False, HTML)
    assert server.paths().count("/p") == 2


def test_failures_are_not_kept(server, make):
    server.routes["/x"] = lambda h: send(h, 404, b"")
    _reason(make(), server.url("/x"))
    server.routes["/x"] = page(HTML)
    assert make().fetch(server.url("/x")).body == HTML


def test_one_request_at_a_time_per_host_with_the_delay_between(server, make):
    active, most, starts = [0], [0], []

    def counted(handler) -> None:
        with server.lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
            starts.append(time.monotonic())
        time.sleep(0.02)
        with server.lock:
            active[0] -= 1
        send(handler, 200, HTML)

    for n in range(6):
        server.routes[f"/n{n}"] = counted
    fetcher = make(host_delay=0.05)
    with ThreadPoolExecutor(4) as pool:
        pages = list(pool.map(fetcher.fetch, [server.url(f"/n{n}") for n in range(6)]))
    assert [p.body for p in pages] == [HTML] * 6
    assert most[0] == 1
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:], strict=False)]
    assert min(gaps) >= 0.05


@pytest.mark.parametrize("hanging", ["/hang", "/robots.txt"])
def test_close_stops_a_fetch_waiting_in_another_thread(server, make, hanging):
    arrived = threading.Event()

    def hang(handler) -> None:
        arrived.set()
        server.stopping.wait(30)

    server.routes[hanging] = hang
    fetcher = make(timeout=30.0)
    outcome: list[BaseException] = []

    def fetch() -> None:
        try:
            fetcher.fetch(server.url("/hang"))
        except FetchError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=fetch)
    worker.start()
    assert arrived.wait(5)
    fetcher.close()
    worker.join(5)
    assert not worker.is_alive()  # not 30 s later
    assert [e.reason for e in outcome] == ["stopped"]


def test_a_closed_fetcher_fetches_nothing(server, make):
    server.routes["/p"] = page(HTML)
    fetcher = make()
    fetcher.close()
    assert _reason(fetcher, server.url("/p")) == "stopped"
    assert server.requests == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [("ftp://example.org/a", "not an http:// or https:// link"), ("http:///a", None)],
)
def test_only_http_links_are_fetched(make, url, reason):
    with pytest.raises(FetchError) as info:
        make().fetch(url)
    assert info.value.reason == (reason or "not an http:// or https:// link")


def test_an_unreachable_host_is_a_network_error_after_the_tries(make):
    with Server() as closed:  # bound, then closed: nothing listens on its port
        url = closed.url("/x")
    reason = _reason(make(retries=1), url)
    assert reason.startswith("network error (ConnectError") and reason.endswith("(tried 2 times)")
