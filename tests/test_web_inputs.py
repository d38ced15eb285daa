"""Links, --urls and feeds as input, against local servers: every link accounted for (an
article, a failure with its reason, or a skipped duplicate), feed items fetched in parallel
within the per-host limits, the cache across runs, and threads that never outlive a run.
Nothing leaves 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from webserver import Server, page, send, serving

import svodka.read.inputs
from svodka.cli import cli
from svodka.components import InputError, ReadOptions, printable
from svodka.model.article import Article
from svodka.plugins.readers.docx import DocxReader
from svodka.plugins.readers.feeds import FeedReader
from svodka.plugins.readers.html import HtmlReader, page_article
from svodka.plugins.readers.jsonl import JsonLinesReader
from svodka.plugins.readers.text import TextReader
from svodka.read.fetch import FetchSettings
from svodka.read.inputs import link_key, link_slug, read_inputs, url_list
from svodka.run.signals import Interrupted, interrupting

READERS = {
    r.name: r for r in (HtmlReader(), FeedReader(), TextReader(), JsonLinesReader(), DocxReader())
}
PAGES = Path(__file__).parent / "pages"
AGENCY = (PAGES / "agency.html").read_bytes()
SENTENCE = "Стороны обсудили вопросы двустороннего сотрудничества и подготовку визита."


def news(n: int) -> bytes:
    """A news page with site chrome around its text."""
    return f"""<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Новость {n}</title></head><body>
<nav><a href="/">Главная</a> <a href="/politika">Политика</a> <a href="/sport">Спорт</a></nav>
<div class="cookies">Мы используем файлы cookie. <button>Принять</button></div>
<article><h1>Новость номер {n}</h1>
<p>МОСКВА, 3 ноября. Министр иностранных дел России Сергей Лавров провел переговоры с
коллегой из Казахстана, сообщили в министерстве {n}.</p><p>{SENTENCE}</p></article>
<aside>Читайте также: <a href="/x">Другая новость</a></aside>
<footer>© Агентство, 2025</footer></body></html>""".encode()


def rss(items: list[tuple[str | None, str]]) -> bytes:
    """An RSS feed of (link, description) items."""
    entries = "".join(
        f"<item><title>Сообщение {n}</title>"
        + (f"<link>{link}</link>" if link else "")
        + f"<description>{text}</description><pubDate>Mon, 03 Nov 2025 10:00:00 +0300</pubDate>"
        f'<guid isPermaLink="false">g{n}</guid></item>'
        for n, (link, text) in enumerate(items, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Лента</title><link>http://x/</link>{entries}</channel></rss>"
    ).encode()


CHROME = b"<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>"
ITEM_TEXT = "Министр обороны провел совещание с руководством войск в Москве."


@pytest.fixture
def server(monkeypatch):
    with serving(monkeypatch) as httpd:
        yield httpd


@pytest.fixture
def other(monkeypatch):
    """A second server: another host (its port differs), with its own per-host limit."""
    with serving(monkeypatch) as httpd:
        yield httpd


@pytest.fixture(autouse=True)
def quick(monkeypatch, tmp_path):
    """Small delays and timeouts, a cache in the test's folder; no thread left behind."""
    before = set(threading.enumerate())
    fast = FetchSettings(timeout=2.0, retries=1, backoff=0.01, host_delay=0.0)
    monkeypatch.setattr(svodka.read.inputs, "FETCH_BASE", fast)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("SVODKA_OFFLINE", raising=False)
    yield
    assert set(threading.enumerate()) <= before


def read(inputs, urls=None, **options) -> list[Article | InputError]:
    return list(read_inputs(inputs, READERS, ReadOptions(**options), urls))


def outcome(item: Article | InputError) -> tuple:
    if isinstance(item, InputError):
        return ("skipped" if item.skipped else "failed", item.where, item.reason)
    return ("article", item.id, item.source)


def test_a_link_is_read_as_a_web_page_with_a_slug_id(server):
    server.routes["/politika/2025/10/31/plan.html"] = page(AGENCY)
    url = server.url("/politika/2025/10/31/plan.html")
    (article,) = read([url])
    assert article.id == "127.0.0.1/politika/2025/10/31/plan.html"
    assert article.source == url
    assert article.title == "Минобороны России и Казахстана подписали план сотрудничества"
    assert article.text.startswith(f"{article.title}\nАЛМА-АТА, 31 октября.")
    assert "Читайте" not in article.text


def test_every_link_is_accounted_for_with_its_reason(server):
    server.routes["/ok"] = page(news(1))
    server.routes["/pdf-as-html"] = page(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj")
    server.routes["/pdf"] = page(b"%PDF-1.7\n", "application/pdf")
    server.routes["/broken.rss"] = page(
        b"<?xml version='1.0'?><rss><channel><title>News</ti", "text/xml"
    )
    server.routes["/chrome-only"] = page(CHROME)
    server.routes["/english"] = page(
        b"<html><body><article><p>The minister met his colleague in Moscow on Monday and "
        b"they discussed trade, energy and security in great detail.</p></article></body></html>"
    )
    paths = ["/ok", "/missing", "/pdf-as-html", "/pdf", "/broken.rss", "/chrome-only", "/english"]
    got = [outcome(item) for item in read([server.url(p) for p in [*paths, "/ok"]])]
    u = server.url
    assert got[0] == ("article", "127.0.0.1/ok", u("/ok"))
    assert got[1] == ("failed", u("/missing"), "HTTP 404 Not Found")
    assert got[2] == ("failed", u("/pdf-as-html"), "not HTML but a PDF document")
    assert got[3] == ("failed", u("/pdf"), "not HTML but application/pdf")
    assert got[4][:2] == ("failed", u("/broken.rss")) and got[4][2].startswith("malformed feed")
    assert got[5][:2] == ("failed", u("/chrome-only")) and got[5][2].startswith("no main text")
    assert got[6][:2] == ("failed", u("/english")) and got[6][2].startswith("not Russian")
    assert got[7] == ("skipped", u("/ok"), f"skipped: the same link as {u('/ok')}, read once")
    assert len(got) == 8


@pytest.mark.parametrize(
    ("name", "content_type", "packed"),
    [
        ("ministry-cp1251.html", "text/html; charset=windows-1251", False),
        ("ministry-cp1251.html", "text/html; charset=utf-8", True),  # wrong, and gzip
        ("parliament-koi8r.html", "text/html", True),
        ("wrong-charset.html", "text/html", False),
    ],
)
def test_pages_in_any_encoding_read_as_from_a_file(server, name, content_type, packed):
    data = (PAGES / name).read_bytes()
    body = gzip.compress(data) if packed else data
    headers = {"Content-Encoding": "gzip"} if packed else {}
    server.routes["/p"] = page(body, content_type, **headers)
    (article,) = read([server.url("/p")])
    assert article.text == page_article(data, name, ReadOptions()).text


def test_a_link_that_leads_to_a_page_already_read_is_skipped(server):
    server.routes["/a"] = page(news(1))
    server.routes["/old-a"] = lambda h: send(h, 301, b"", headers={"Location": "/a"})
    got = [outcome(item) for item in read([server.url("/a"), server.url("/old-a")])]
    reason = f"skipped: leads to the same page as {server.url('/a')}, read once"
    assert got == [
        ("article", "127.0.0.1/a", server.url("/a")),
        ("skipped", server.url("/old-a"), reason),
    ]


def test_a_feed_of_100_items_goes_through_in_parallel_within_per_host_limits(server, other):
    busy = {id(server): 0, id(other): 0}
    most = {id(server): 0, id(other): 0, "all": 0}
    lock = threading.Lock()

    def counted(httpd: Server, n: int):
        def handler(h) -> None:
            with lock:
                busy[id(httpd)] += 1
                most[id(httpd)] = max(most[id(httpd)], busy[id(httpd)])
                most["all"] = max(most["all"], sum(busy.values()))
            time.sleep(0.01)
            with lock:
                busy[id(httpd)] -= 1
            send(h, 200, news(n)) if n % 10 else send(h, 404, b"")

        return handler

    links = []
    for n in range(1, 101):
        httpd = server if n % 2 else other
        httpd.routes[f"/news/{n}"] = counted(httpd, n)
        links.append((httpd.url(f"/news/{n}"), f"{ITEM_TEXT} Сообщение {n}."))
    server.routes["/feed"] = page(rss(links), "application/rss+xml")
    items = read([server.url("/feed")], fetch_jobs=4)
    assert len(items) == 100
    assert all(isinstance(item, Article) for item in items)
    host = {1: "127.0.0.1", 0: "127.0.0.1"}
    assert [a.id for a in items] == [f"{host[n % 2]}/news/{n}" for n in range(1, 101)]
    fetched, fallen = items[0], items[9]  # item 10's page is missing
    assert SENTENCE in fetched.text and fetched.warnings == ()
    assert fetched.published == "2025-11-03"  # from the feed: the page gives no date
    assert fallen.text == f"Сообщение 10\n{ITEM_TEXT} Сообщение 10."
    assert fallen.outlet == "Лента"  # the feed's title
    link = server.url("/news/10") if 10 % 2 else other.url("/news/10")
    assert fallen.warnings == (
        f"{link}: page not fetched (HTTP 404 Not Found); the feed's text is used",
    )
    assert sum(bool(a.warnings) for a in items) == 10
    assert most[id(server)] == most[id(other)] == 1  # one request at a time per host
    assert most["all"] == 2  # the two hosts at once


def test_a_feed_file_has_its_items_pages_fetched_else_its_own_text(server, tmp_path):
    server.routes["/1"] = page(news(1))
    feed = tmp_path / "lenta.rss"
    items = [(server.url("/1"), ITEM_TEXT), (server.url("/2"), ITEM_TEXT), (None, ITEM_TEXT)]
    feed.write_bytes(rss([*items, (server.url("/1"), ITEM_TEXT), (None, "")]))
    got = read([str(feed)])
    assert [outcome(item) for item in got] == [
        ("article", "127.0.0.1/1", server.url("/1")),
        ("article", "127.0.0.1/2", server.url("/2")),
        ("article", "lenta-3", f"{feed}:3"),
        ("skipped", server.url("/1"), f"skipped: the same link as {server.url('/1')}, read once"),
        ("article", "lenta-5", f"{feed}:5"),  # its title alone
    ]
    assert got[1].warnings == (
        f"{server.url('/2')}: page not fetched (HTTP 404 Not Found); the feed's text is used",
    )
    assert got[2].warnings == (f"{feed}:3: no link to its page; the feed's text is used",)


def test_offline_a_feed_file_is_read_from_its_own_text_without_a_request(server, tmp_path):
    server.routes["/1"] = page(news(1))
    feed = tmp_path / "lenta.rss"
    feed.write_bytes(rss([(server.url("/1"), ITEM_TEXT)]))
    (article,) = read([str(feed)], offline=True)
    assert (article.id, article.text) == ("lenta-1", f"Сообщение 1\n{ITEM_TEXT}")
    assert server.requests == []


def test_urls_file_lines_comments_and_bad_lines(server, tmp_path):
    server.routes["/a"] = page(news(1))
    listed = tmp_path / "links.txt"
    listed.write_text(
        f"# morning links\n\n  {server.url('/a')}  \nria.ru/news\n{server.url('/b')} x\n"
        "ftp://example.org/file\n",
        encoding="utf-8",
    )
    got = [outcome(item) for item in read([], urls=str(listed))]
    assert got == [
        ("article", "127.0.0.1/a", server.url("/a")),
        ("failed", f"{listed}:4", "not a link: 'ria.ru/news'"),
        ("failed", f"{listed}:5", f"not a link: '{server.url('/b')} x'"),
        ("failed", f"{listed}:6", "not a link: 'ftp://example.org/file'"),
    ]
    missing = str(tmp_path / "none.txt")
    assert [outcome(i) for i in read([], urls=missing)] == [
        ("failed", missing, "no such file or folder")
    ]


@given(st.lists(st.binary(max_size=40), max_size=8))
@settings(max_examples=60)
def test_any_urls_file_gives_links_or_errors_naming_its_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("urls") / "u.txt"
    path.write_bytes(b"\n".join(lines))
    for item in url_list(str(path)):
        if isinstance(item, InputError):
            file, _, number = item.where.rpartition(":")
            assert file == str(path) and number.isdigit()
        else:
            assert item.startswith(("http://", "https://", "HTTP", "Http", "hT", "ht", "H"))
            assert item == printable(item) and len(item.split()) == 1


@given(st.text(max_size=60))
@settings(max_examples=100)
def test_slugs_and_keys_of_any_link_are_printable_and_stable(tail):
    url = "https://WWW.Example.org/" + tail
    slug = link_slug(url)
    assert slug == printable(slug) and slug == link_slug(url)
    assert slug.startswith("example.org")
    assert link_key(url) == link_key(url + "#section")


def test_ids_from_links_are_unique_in_a_run(server):
    server.routes["/a"] = page(news(1))
    server.routes["/a/"] = page(news(2))
    got = read([server.url("/a"), server.url("/a/")])
    assert [a.id for a in got] == ["127.0.0.1/a", "127.0.0.1/a~2"]


def test_stopping_early_leaves_no_thread(server):
    for n in range(20):
        server.routes[f"/{n}"] = page(news(n))
    items = read_inputs([server.url(f"/{n}") for n in range(20)], READERS, ReadOptions())
    assert isinstance(next(items), Article)
    items.close()  # the autouse fixture checks that the fetch threads are gone


def test_sigterm_stops_fetching_at_once(server):
    arrived = threading.Event()

    def hang(h) -> None:
        arrived.set()
        server.stopping.wait(30)

    server.routes["/hang"] = hang
    server.routes["/feed"] = page(rss([(server.url("/hang"), ITEM_TEXT)]), "application/rss+xml")
    threading.Thread(
        target=lambda: arrived.wait(5) and os.kill(os.getpid(), signal.SIGTERM)
    ).start()
    started = time.monotonic()
    with interrupting(), pytest.raises(Interrupted):
        read([server.url("/feed")])
    assert time.monotonic() - started < 10  # not the 30 s the page would take


# -- through the command line ---------------------------------------------------------


def invoke(args: list[str]):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_cli_cache_refresh_offline_and_contact(server, tmp_path):
    server.routes["/a"] = page(news(1))
    cache = str(tmp_path / "pages")
    url = server.url("/a")
    first = invoke(["extract", url, "--cache", cache, "--contact", "desk@example.org"])
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout.splitlines()[0])["article"] == "127.0.0.1/a"
    assert server.requests[-1][1]["User-Agent"].endswith("(+desk@example.org)")
    count = len(server.requests)
    again = invoke(["extract", url, "--cache", cache])
    assert (again.exit_code, again.stdout, len(server.requests)) == (0, first.stdout, count)
    offline = invoke(["extract", url, server.url("/b"), "--cache", cache, "--offline"])
    assert offline.exit_code == 1 and offline.stdout == first.stdout
    assert (
        f"svodka: error: {server.url('/b')}: offline, and the page was not kept" in offline.stderr
    )
    assert len(server.requests) == count
    invoke(["extract", url, "--cache", cache, "--refresh"])
    assert server.paths()[count:] == ["/robots.txt", "/a"]


def test_cli_urls_alone_and_exit_status(server, tmp_path):
    server.routes["/a"] = page(news(1))
    listed = tmp_path / "links.txt"
    listed.write_text(f"{server.url('/a')}\n{server.url('/gone')}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(["run", "--urls", str(listed), "-o", str(out), "-f", "jsonl"])
    assert result.exit_code == 1
    assert f"svodka: error: {server.url('/gone')}: HTTP 404 Not Found" in result.stderr
    assert "1 articles processed, 1 failed" in result.stderr
    assert invoke(["extract", "--offline", "--refresh", "x"]).exit_code == 2
    assert invoke(["extract"]).exit_code == 2
