"""RSS and Atom feeds (.rss, .atom), read with feedparser.

A feed lists items, each with a link to its page and often a summary or the full text.
:func:`feed_items` gives the items; where svodka is online the pages of their links are
fetched and read as web pages (svodka.read.fetch, svodka.read.inputs). Read offline, as a file, each
item is one article made from the item's own text (its title, then its summary or content
without markup), with a warning that its page was not fetched.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import email.utils
import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import svodka
from svodka.components import InputError, Reader, ReadOptions, Source
from svodka.model.article import Article
from svodka.read.language import language_problem
from svodka.read.metadata import iso_date, publication_date

_PROLOG = re.compile(
    rb"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE
)
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|section|article)\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_LOCATION = re.compile(r"^<unknown>:\d+:\d+:\s*")
_NOT_FETCHED = "page not fetched (a feed read as a file); the feed's text is used"


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its link, title, own text (summary or content without markup),
    publication date (ISO 8601) and id (guid); each None when the feed does not give it."""

    link: str | None
    title: str | None
    text: str | None
    published: str | None
    id: str | None


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes are an RSS, Atom or RDF feed: ``<rss``, ``<feed`` or
    ``<rdf:RDF`` after a BOM, an XML prolog, comments and white space."""
    start = head.removeprefix(codecs.BOM_UTF8)
    start = _PROLOG.sub(b"", start, count=1)
    return _FEED_START.match(start) is not None


def feed_items(data: bytes, name: str) -> list[FeedItem]:
    """The items of a feed, in its order. Raises :class:`InputError` naming ``name`` for
    data that is not a feed, or a malformed feed that yields no items."""
    return parse_feed(data, name)[1]


def parse_feed(data: bytes, name: str) -> tuple[str | None, list[FeedItem]]:
    """The feed's title (the outlet of its items' articles) and its items, as
    :func:`feed_items`."""
    import feedparser

    if not data.strip():
        raise InputError(name, "empty feed")
    # A stream, never a string: feedparser would fetch a string that reads as a URL.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            error = parsed.get("bozo_exception")
            raise InputError(name, f"malformed feed: {_reason(error)}")
        if not parsed.get("version"):
            raise InputError(name, "not an RSS or Atom feed")
    channel = parsed.get("feed") or {}
    return _text(channel.get("title")), [_item(entry) for entry in entries]


def _reason(error: object) -> str:
    """feedparser's complaint without the XML parser's "<unknown>:2:44: " (its line and column
    count data that feedparser has rewritten)."""
    text = " ".join(str(error).split()) if error is not None else ""
    return _LOCATION.sub("", text) or "no items could be read"


def _item(entry: Any) -> FeedItem:
    content = entry.get("content") or []
    bodies = [part.get("value") for part in content if part.get("value")]
    body = max(bodies, key=len) if bodies else entry.get("summary")
    return FeedItem(
        link=_text(entry.get("link")),
        title=_text(entry.get("title")),
        text=plain_text(body) or None,
        published=_date(entry),
        id=_text(entry.get("id")),
    )


def plain_text(markup: str | None) -> str:
    """Text from a feed's HTML fragment: block ends and ``<br>`` make line breaks, tags go,
    entities are resolved, white space within a line is collapsed, blank lines dropped."""
    if not markup:
        return ""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", markup)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> str | None:
    """The item's date as the feed writes it (its own time zone's day): RFC 822 in RSS,
    ISO 8601 in Atom; feedparser's UTC reading only as a last resort."""
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        if date := iso_date(value.strip()[:25]):
            return date
        try:
            return email.utils.parsedate_to_datetime(value).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _text(value: object) -> str | None:
    return " ".join(html.unescape(value).split()) or None if isinstance(value, str) else None


def item_article(
    item: FeedItem, where: str, article_id: str, options: ReadOptions, outlet: str | None = None
) -> Article:
    """The article of a feed item from its own text: the title, then the text (unless the
    text starts with the title). Raises :class:`InputError` naming ``where`` for an item
    without text or not in Russian."""
    if item.title and item.text and not item.text.startswith(item.title):
        text = f"{item.title}\n{item.text}"
    else:
        text = item.text or item.title or ""
    if not text.strip():
        raise InputError(where, "the feed item holds no text (no title, summary or content)")
    if problem := language_problem(text):
        raise InputError(where, problem)
    try:
        published = publication_date(item.published, options.date, text)
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    return Article(
        id=article_id,
        text=text,
        title=item.title,
        outlet=outlet,
        published=published,
        url=item.link,
        source=where,
        meta={"guid": item.id} if item.id else {},
    )


class FeedReader(Reader):
    """A feed file: one article per item, from the item's own text (see
    :func:`item_article`), each with a warning that its page was not fetched."""

    name = "feed"
    suffixes = (".rss", ".atom")

    def sniff(self, head: bytes) -> bool:
        return looks_like_feed(head)

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        outlet, items = parse_feed(source.read_bytes(), source.name)
        if not items:
            raise InputError(source.name, "the feed holds no items")
        for number, item in enumerate(items, 1):
            where = f"{source.name}:{number}"
            try:
                article = item_article(item, where, f"{source.stem}-{number}", options, outlet)
            except InputError as exc:
                yield exc
                continue
            yield dataclasses.replace(article, warnings=(f"{where}: {_NOT_FETCHED}",))


@svodka.hookimpl
def register_readers(register: Callable[[Reader], None]) -> None:
    register(FeedReader())
