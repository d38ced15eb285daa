"""JSON Lines: one article a line, ``{"id", "title", "text", "outlet", "published", "url"}``.

A line that cannot be read (bad JSON, no text, a repeated id) is reported with its line
number and the other lines are still read. Fields the record leaves out (title, outlet,
published) are taken from the text where it gives them.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import Any

import svodka
from svodka.article import Article
from svodka.components import InputError, Reader, ReadOptions, Source
from svodka.encoding import decode
from svodka.metadata import find_outlet, headline, publication_date


class JsonLinesReader(Reader):
    """Reads ``.jsonl`` / ``.ndjson`` files, and inputs whose first character is ``{``."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")

    def sniff(self, head: bytes) -> bool:
        return head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        stem = source.path.stem if source.path else "stdin"
        first_seen: dict[str, int] = {}
        for number, line in _lines(source.read_bytes(), source.name, options.encoding):
            where = f"{source.name}:{number}"
            if isinstance(line, InputError):
                yield line
                continue
            if not line.strip():
                continue
            try:
                article = _article(line, where, f"{stem}-{number}", options.date)
            except InputError as exc:
                yield exc
                continue
            except ValueError as exc:  # an invalid --date: no line can use it
                raise InputError(source.name, str(exc)) from None
            if article.id in first_seen:
                yield InputError(
                    where, f"duplicate id {article.id!r} (first on line {first_seen[article.id]})"
                )
                continue
            first_seen[article.id] = number
            yield article


def _lines(data: bytes, name: str, encoding: str | None) -> Iterator[tuple[int, str | InputError]]:
    """The numbered lines of the input. JSON Lines are UTF-8: when only some lines are not,
    those lines are reported and the others read; otherwise the whole input is decoded
    (BOMs, UTF-16, the Cyrillic code pages, or ``encoding``)."""
    raw_lines = data.split(b"\n")
    if encoding is None and b"\0" not in data:
        bad = {n for n, raw in enumerate(raw_lines, 1) if not _is_utf8(raw)}
        non_ascii = sum(1 for raw in raw_lines if not raw.isascii())
        if 0 < len(bad) < non_ascii:
            for number, raw in enumerate(raw_lines, 1):
                if number in bad:
                    yield (
                        number,
                        InputError(f"{name}:{number}", "not valid UTF-8, unlike the other lines"),
                    )
                else:
                    yield number, raw.decode("utf-8").removeprefix("\ufeff")
            return
    yield from enumerate(decode(data, name, encoding).split("\n"), 1)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _article(line: str, where: str, default_id: str, date_option: str | None) -> Article:
    """The article of one line; InputError naming ``where`` when the line is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(where, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, 'no article text ("text" must be a non-empty string)')
    article_id = record.get("id")
    if isinstance(article_id, str):
        article_id = article_id.strip()
    if article_id is None or article_id == "":
        article_id = default_id
    elif isinstance(article_id, bool) or not isinstance(article_id, (str, int)):
        raise InputError(where, f'"id" must be a string or a number, not {article_id!r}')
    return Article(
        id=str(article_id),
        text=text,
        title=_string(record, "title") or headline(text),
        outlet=_string(record, "outlet") or find_outlet(text),
        published=publication_date(_string(record, "published"), date_option, text),
        url=_string(record, "url"),
        language=_string(record, "language") or "ru",
        source=where,
    )


def _string(record: dict[str, Any], key: str) -> str | None:
    """A field's value when it is a non-blank string (stripped), else None."""
    value = record.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


@svodka.hookimpl
def register_readers(register: Callable[[Reader], None]) -> None:
    register(JsonLinesReader())
