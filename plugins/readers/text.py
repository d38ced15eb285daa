"""Plain text and Markdown articles."""

from __future__ import annotations

from collections.abc import Iterator

import svodka
from svodka.article import Article
from svodka.components import InputError, Reader, ReadOptions, Source


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".md", ".text")

    def sniff(self, head: bytes) -> bool:
        return True

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        data = source.read_bytes()
        text = data.decode(options.encoding or "utf-8-sig")
        stem = source.path.stem if source.path else "stdin"
        yield Article(id=stem, text=text, source=source.name, published=options.date)


@svodka.hookimpl
def register_readers(register) -> None:
    register(TextReader())
