"""Feeds: feed_items, looks_like_feed and the offline FeedReader."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.components import InputError, ReadOptions, Source
from svodka.manager import load_plugins
from svodka.plugins.readers.feeds import FeedItem, FeedReader, feed_items, looks_like_feed
from svodka.read.inputs import read_inputs

PAGES = Path(__file__).parent / "pages"


def test_rss_items_in_order_with_their_fields() -> None:
    items = feed_items((PAGES / "agency.rss").read_bytes(), "agency.rss")
    assert len(items) == 3
    assert items[0] == FeedItem(
        link="https://step-news.example/politika/2025/10/31/plan",
        title="Минобороны России и Казахстана подписали план сотрудничества",
        text=(
            "Министр обороны Казахстана Даурен Косанов провел переговоры с главой Минобороны "
            "России Андреем Белоусовым.\nСтороны подписали план военного сотрудничества на "
            "2026 год."
        ),
        published="2025-10-31",
        id="step-news-2025-10-31-plan",
    )
    # The day as the feed writes it (+03:00), not feedparser's UTC reading (the day before).
    assert items[1].published == "2025-11-01"


def test_atom_items() -> None:
    items = feed_items((PAGES / "ministry.atom").read_bytes(), "ministry.atom")
    assert [item.title for item in items] == [
        "Министр иностранных дел провел встречу с послом Узбекистана",
        "Состоялось заседание коллегии министерства",
    ]
    assert items[0].published == "2025-11-03"
    assert items[0].link == "https://mid.example/news/1"
    assert items[0].text is not None and items[0].text.startswith("Министр иностранных дел")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel><title>T</title></chan", "malformed feed: unclosed token"),
        (b'<?xml version="1.0"?><rss><channel>\x00\x01</channel></rss>', "malformed feed"),
        (b"<html><body><p>not a feed</p></body></html>", "not an RSS or Atom feed"),
        (b"", "empty feed"),
    ],
)
def test_not_a_feed_is_an_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        feed_items(data, "bad.rss")
    assert caught.value.where == "bad.rss"
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">', True),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!-- generated --><feed xmlns="x">', True),
        (b'<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<rdf:RDF xmlns:rdf="r">', True),
        (b"  <rss>", True),
        (b"<!DOCTYPE html><html>", False),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', False),
        (b"<feedback>", False),
        (b"", False),
    ],
)
def test_looks_like_feed(head: bytes, expected: bool) -> None:
    assert looks_like_feed(head) is expected


def test_feed_file_read_offline_one_article_per_item_with_a_warning() -> None:
    path = PAGES / "agency.rss"
    items = list(FeedReader().read(Source(str(path), path), ReadOptions()))
    articles = [item for item in items if not isinstance(item, InputError)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [a.id for a in articles] == ["agency-1", "agency-2"]
    first = articles[0]
    assert first.title == "Минобороны России и Казахстана подписали план сотрудничества"
    assert first.text.startswith(first.title + "\nМинистр обороны Казахстана")
    assert first.outlet == "Агентство «Степь»"
    assert first.url == "https://step-news.example/politika/2025/10/31/plan"
    assert first.published == "2025-10-31"
    assert first.warnings == (
        f"{path}:1: page not fetched (a feed read as a file); the feed's text is used",
    )
    # The third item is Ukrainian: reported with its number, the others still read.
    assert [(e.where, e.reason) for e in errors] == [
        (f"{path}:3", "not Russian: looks like Ukrainian (і, ї, є)")
    ]


@settings(max_examples=50)
@given(st.binary(max_size=400))
def test_any_bytes_give_items_or_an_input_error(data: bytes) -> None:
    try:
        items = feed_items(data, "x.rss")
    except InputError as exc:
        assert exc.where == "x.rss"
    else:
        assert all(isinstance(item, FeedItem) for item in items)


RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>RSS 1.0</title>
</channel><item rdf:about="https://a.example/1"><title>Title &amp; one</title>
<link>https://a.example/1</link><description>Text one.</description>
<dc:date>2025-11-03T10:00:00+05:00</dc:date></item></rdf:RDF>"""

FULL_TEXT = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Агентство</title><item><title><![CDATA[Заголовок &laquo;в кавычках&raquo;]]></title>
<link>https://a.example/2</link><description>Короткий анонс.</description>
<content:encoded><![CDATA[<p>Полный текст первого абзаца.</p><script>alert(1)</script>
<p>Второй&nbsp;абзац <a href="/x">со ссылкой</a>.</p>]]></content:encoded>
<pubDate>Mon, 03 Nov 2025 23:30:00 GMT</pubDate></item>
<item><description>Только текст, без заголовка и ссылки.</description></item>
</channel></rss>""".encode()


def test_rss_1_0_items() -> None:
    assert feed_items(RSS1, "rdf.rss") == [
        FeedItem(
            link="https://a.example/1",
            title="Title & one",
            text="Text one.",
            published="2025-11-03",
            id="https://a.example/1",
        )
    ]


def test_full_text_is_preferred_to_the_summary_and_loses_its_markup() -> None:
    """content:encoded over description; scripts, tags and entities gone, paragraphs one a
    line; entities left in a CDATA title resolved; an item with text only is still one."""
    full, bare = feed_items(FULL_TEXT, "full.rss")
    assert full.title == "Заголовок «в кавычках»"
    assert full.text == "Полный текст первого абзаца.\nВторой абзац со ссылкой."
    assert full.published == "2025-11-03"
    assert bare == FeedItem(None, None, "Только текст, без заголовка и ссылки.", None, None)


def test_feed_on_standard_input_is_read_as_a_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    readers = load_plugins(autoload=False).readers
    data = (PAGES / "ministry.atom").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_inputs(["-"], readers, ReadOptions(offline=True)))
    assert [(a.id, a.outlet) for a in items] == [
        ("stdin-1", "Министерство иностранных дел"),
        ("stdin-2", "Министерство иностранных дел"),
    ]
    assert items[1].text == (
        "Состоялось заседание коллегии министерства\n"
        "Заседание коллегии прошло под председательством министра."
    )
