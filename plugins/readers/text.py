"""Plain text and Markdown articles: one file (or standard input) is one article."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import svodka
from svodka.components import InputError, Reader, ReadOptions, Source
from svodka.model.article import Article
from svodka.read.encoding import decode
from svodka.read.metadata import document_article

ZIP_MAGIC = b"PK\x03\x04"


class TextReader(Reader):
    """A text file is one article: its id the file name without suffix ("stdin" for
    standard input), its title the headline, outlet and date from the text."""

    name = "text"
    suffixes = (".txt", ".md", ".text")

    def sniff(self, head: bytes) -> bool:
        """Anything but JSON Lines and zip archives (.docx): other readers claim those."""
        start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
        return not (start.startswith(b"{") or start.startswith(ZIP_MAGIC))

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        decoded = decode(source.read_bytes(), source.name, options.encoding).unmangled()
        article = document_article(source, decoded.text, options)
        warning = decoded.warning(source.name)
        yield dataclasses.replace(article, warnings=(warning,)) if warning else article


@svodka.hookimpl
def register_readers(register: Callable[[Reader], None]) -> None:
    register(TextReader())
