"""Word documents (.docx): the paragraphs' text, then the text of any tables.

A .docx file is a zip archive. Before it is opened, the sizes and count in its directory
are checked (:mod:`svodka.read.archive`, shared with the brief's template), so that a zip bomb
is refused instead of filling the memory.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import IO

import svodka
from svodka.components import InputError, Reader, ReadOptions, Source, max_text, too_large
from svodka.model.article import Article
from svodka.read import archive
from svodka.read.encoding import Decoded, undo_mojibake
from svodka.read.metadata import document_article

ZIP_MAGIC = b"PK\x03\x04"


class DocxReader(Reader):
    """One .docx file is one article: id the file name without suffix, title the
    document's title property or else its headline."""

    name = "docx"
    suffixes = (".docx",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(ZIP_MAGIC) and (b"word/" in head or b"[Content_Types]" in head)

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        file: IO[bytes] | str
        if source.path is not None and source.data is None and source.spooled is None:
            limit = max_text()
            if source.path.stat().st_size > limit:
                raise too_large(source.name, limit)
            file = str(source.path)
        else:  # standard input, a pipe: its bytes, up to the cap
            file = io.BytesIO(source.read_bytes())
        check_archive(file, source.name)
        title, text, made = document_text(file, source.name)
        decoded = Decoded(text).unmangled()
        if title is not None:
            title = undo_mojibake(title)[0]
        article = document_article(source, decoded.text, options, title, made)
        warning = decoded.warning(source.name)
        yield dataclasses.replace(article, warnings=(warning,)) if warning else article


def check_archive(file: IO[bytes] | str, name: str) -> None:
    """Raise :class:`InputError` unless ``file`` is a zip archive of a safe unpacked size."""
    try:
        archive.check_archive(file)
    except archive.ArchiveError as exc:
        raise InputError(name, str(exc)) from None


def document_text(file: IO[bytes] | str, name: str) -> tuple[str | None, str, str | None]:
    """The title property (None when blank), the text (paragraphs, one a line, then the
    cells of each table row, one a line) and the day the document was last saved by its core
    properties (ISO 8601; what dates a dateline without a year), or None when they do not
    name who saved it: a document a program made keeps its template's dates (python-docx's
    are of 2013)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(file)
        props = document.core_properties
        title = props.title
        made = (props.modified or props.created) if props.last_modified_by else None
        lines = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            seen = set()  # a merged cell comes back for every grid cell it spans
            for row in table.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        lines.append(cell.text)
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as exc:
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise InputError(name, f"not a readable Word document (.docx): {reason}") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(name, "the Word document holds no text")
    day = made.date().isoformat() if made else None
    return (title.strip() or None) if title else None, text, day


@svodka.hookimpl
def register_readers(register: Callable[[Reader], None]) -> None:
    register(DocxReader())
