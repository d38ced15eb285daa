"""JSON Lines: one article a line, ``{"id", "title", "text", "outlet", "published", "url"}``.

A line that cannot be read (bad JSON, nesting too deep, a number too long, binary data, no
text, an id repeated in the file, more bytes than :func:`svodka.components.max_text`) is
reported with its line number and the other lines are still read; an over-long line is
passed over piece by piece, never held whole. A line of a UTF-8 feed with bytes that are not
UTF-8 is repaired and read, its article carrying a warning that names the line and byte;
so is mojibake in a field (:func:`svodka.read.encoding.undo_mojibake`). A field of the wrong type
(a list title, a number url) or a "published" that is no date is left out with a warning.
Fields the record leaves out (title, outlet, published) are taken from the text where it
gives them.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import svodka
from svodka.components import (
    InputError,
    Reader,
    ReadOptions,
    Source,
    describe,
    max_text,
    too_large,
)
from svodka.model.article import Article
from svodka.read.encoding import (
    Decoded,
    decode,
    mostly_utf8,
    repair_utf8,
    undo_mojibake,
    utf8_weight,
)
from svodka.read.metadata import find_outlet, iso_date, publication_date
from svodka.text.zones import headline


class JsonLinesReader(Reader):
    """Reads ``.jsonl`` / ``.ndjson`` files, and inputs whose first character is ``{``."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")

    def sniff(self, head: bytes) -> bool:
        return head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | InputError]:
        try:
            publication_date(None, options.date, "")
        except ValueError as exc:  # an invalid --date: no line can use it
            raise InputError(source.name, str(exc)) from None
        first_seen: dict[str, int] = {}
        seen_content = False
        for number, line in _lines(source, options.encoding):
            where = f"{source.name}:{number}"
            if isinstance(line, InputError):
                yield line
                continue
            if not line.text.strip():
                continue
            first, seen_content = not seen_content, True
            try:
                article = _article(line.text, where, f"{source.stem}-{number}", options.date)
            except _RecordLine as exc:
                if not first:
                    yield exc  # one record line among articles costs that line only
                    continue
                raise InputError(  # svodka extract's output, given to run
                    source.name,
                    "this is a records file (fact records, as svodka extract writes them), "
                    f"not articles; use svodka export {source.name}",
                ) from None
            except InputError as exc:
                yield exc
                continue
            except Exception as exc:  # noqa: BLE001 - whatever one line does costs that line only
                yield InputError(where, f"cannot be read ({describe(exc)})")
                continue
            if article.id in first_seen:
                yield InputError(
                    where, f"duplicate id {article.id!r} (first on line {first_seen[article.id]})"
                )
                continue
            first_seen[article.id] = number
            warning = line.warning(where)
            if warning:
                article = dataclasses.replace(article, warnings=(warning, *article.warnings))
            yield article


def _lines(source: Source, encoding: str | None) -> Iterator[tuple[int, Decoded | InputError]]:
    """The numbered lines of the input, read as a stream so that memory does not grow with
    the input. JSON Lines are UTF-8: a line that is binary is reported, one with bytes that
    are not UTF-8 is repaired (see :func:`svodka.read.encoding.repair_utf8`), and the others read.
    Other inputs (UTF-16, a legacy code page to be recognised) are decoded whole; name an
    ASCII-compatible ``encoding`` to stream those too."""
    name = source.name
    head = source.head(_HEAD)
    if encoding is not None:
        codec = _line_codec(encoding)
        if codec is not None:
            yield from _coded_lines(source, encoding, codec)
            return
    elif not head.startswith(_WIDE_BOMS) and not _wide(head):
        scan = _scan(source)
        # UTF-8, perhaps with damaged lines, unless a code page is to be recognised (a file
        # in one has no binary line, and its non-ASCII bytes make few UTF-8 letters)
        if scan.binary or (
            mostly_utf8((scan.utf8, scan.non_ascii))
            if scan.bad
            else scan.cyrillic or not scan.non_ascii
        ):
            # what decode() checks of a whole input, read off the scan
            if not head:
                raise InputError(name, "empty file")
            if scan.binary > scan.size - scan.binary:
                raise InputError(name, "binary data, not text")
            if not scan.text:
                raise InputError(name, "holds no text (only whitespace)")
            yield from _utf8_lines(source)
            return
    yield from _whole_lines(source.read_bytes(), name, encoding)


_HEAD = 8192
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # the UTF-32 ones start alike
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CONTROLS = bytes(b for b in [*range(32), 127] if b not in b"\t\n\r\f\v")
_MAX_CONTROLS = 0.01
_ASCII = bytes(range(128))
_PIECE = 1 << 20  # what is read at a time of a line too long to be read


@dataclass
class _Scan:
    """What one pass over the raw lines tells: how many bytes in all and in binary lines
    (a NUL byte, control characters), how many lines are not UTF-8, how many bytes are not
    ASCII and how many of those make UTF-8 letters or signs, whether any Cyrillic letter or
    character other than white space occurs."""

    size: int = 0
    binary: int = 0
    bad: int = 0
    non_ascii: int = 0
    utf8: int = 0
    cyrillic: bool = False
    text: bool = False


def _wide(head: bytes) -> bool:
    """Whether the first bytes look like UTF-16 without a BOM: many NUL bytes, all in the
    same half of the code units (a stray NUL in a UTF-8 feed is not that)."""
    nuls = head.count(0)
    if nuls < 4 or nuls * 16 < len(head):
        return False
    return not head[0::2].count(0) or not head[1::2].count(0)


def _binary(raw: bytes) -> bool:
    """A NUL byte, or more control characters than text has (what
    :func:`svodka.read.encoding.looks_binary` counts, at C speed: this runs on every line)."""
    controls = len(raw) - len(raw.translate(None, _CONTROLS))
    return b"\0" in raw or controls > _MAX_CONTROLS * len(raw)


class _LongLine(InputError):
    """A line of more than :func:`svodka.components.max_text` bytes (``size`` with its line
    feed): reported, and passed over without being held in memory."""

    def __init__(self, where: str, limit: int, size: int) -> None:
        error = too_large(where, limit, "line")
        super().__init__(error.where, error.reason)
        self.size = size


def _raw_lines(source: Source) -> Iterator[tuple[int, bytes | _LongLine]]:
    """The numbered lines as bytes, without their line feeds (as ``bytes.split(b"\\n")``
    gives them: an input ending in a line feed ends with an empty line). A line longer than
    the cap is read in pieces and passed over: a :class:`_LongLine` stands for it."""
    limit = max_text()
    with source.open() as fh:
        number = 0
        ended = True  # the last line read ended in a line feed
        while raw := fh.readline(limit + 1):
            number += 1
            ended = raw.endswith(b"\n")
            if len(raw) <= limit or ended:
                yield number, raw.removesuffix(b"\n")
                continue
            size = len(raw)
            while not ended and (rest := fh.readline(_PIECE)):
                size += len(rest)
                ended = rest.endswith(b"\n")
            yield number, _LongLine(f"{source.name}:{number}", limit, size)
        if ended:
            yield number + 1, b""


def _scan(source: Source) -> _Scan:
    scan = _Scan()
    for _number, raw in _raw_lines(source):
        if isinstance(raw, _LongLine):  # reported when the lines are read
            scan.size += raw.size
            scan.text = True
            continue
        scan.size += len(raw) + 1
        if _binary(raw):
            scan.binary += len(raw)
            continue
        if raw.isascii():
            scan.text = scan.text or bool(raw.strip())
            continue
        scan.text = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = None
            scan.bad += 1
        if line is not None and _CYRILLIC.search(line):
            scan.cyrillic = True
            non_ascii = len(raw.translate(None, _ASCII))  # all of it UTF-8 letters and signs
            utf8 = non_ascii
        else:
            utf8, non_ascii = utf8_weight(raw)
        scan.utf8 += utf8
        scan.non_ascii += non_ascii
    return scan


def _utf8_lines(source: Source) -> Iterator[tuple[int, Decoded | InputError]]:
    name = source.name
    offset = 0
    for number, raw in _raw_lines(source):
        if isinstance(raw, _LongLine):
            offset += raw.size
            yield number, raw
            continue
        if _binary(raw):
            yield number, InputError(f"{name}:{number}", "binary data, not text")
        else:
            try:
                line = Decoded(raw.decode("utf-8"))
            except UnicodeDecodeError:
                line = repair_utf8(raw, number, offset)
            if number == 1 and line.text.startswith("\ufeff"):
                line = dataclasses.replace(line, text=line.text[1:])
            yield number, line
        offset += len(raw) + 1


def _line_codec(encoding: str) -> str | None:
    """The codec's name when its text can be cut into lines at the line-feed byte."""
    try:
        codec = codecs.lookup(encoding)
        newline = "\n".encode(codec.name)
    except (LookupError, UnicodeError):
        return None  # decode() names an unknown encoding, or one that is not for text
    if newline != b"\n" or codec.name.startswith(("utf-16", "utf-32")):
        return None
    return codec.name


def _coded_lines(
    source: Source, encoding: str, codec: str
) -> Iterator[tuple[int, Decoded | InputError]]:
    """The lines of an input in a named ASCII-compatible encoding; a line that is not valid
    in it is reported, the others are read."""
    name = source.name
    if not source.head(_HEAD):
        raise InputError(name, "empty file")
    size = binary = 0
    for _number, raw in _raw_lines(source):
        if isinstance(raw, bytes):
            size += len(raw) + 1
            binary += len(raw) if _binary(raw) else 0
    if binary > size - binary:
        raise InputError(name, f"binary data, not {encoding} text")
    text = False
    for number, raw in _raw_lines(source):
        if isinstance(raw, _LongLine):
            text = True
            yield number, raw
            continue
        if _binary(raw):
            yield number, InputError(f"{name}:{number}", f"binary data, not {encoding} text")
            continue
        try:
            line = raw.decode(codec)
        except UnicodeDecodeError as exc:
            yield (
                number,
                InputError(
                    f"{name}:{number}",
                    f"not valid {encoding} text (byte {exc.start}: "
                    f"{exc.object[exc.start : exc.start + 4].hex(' ')})",
                ),
            )
            continue
        text = text or bool(line.strip())
        yield number, Decoded(line.removeprefix("\ufeff") if number == 1 else line)
    if not text:
        raise InputError(name, "holds no text (only whitespace)")


def _whole_lines(
    data: bytes, name: str, encoding: str | None
) -> Iterator[tuple[int, Decoded | InputError]]:
    """The lines of an input decoded whole (BOMs, UTF-16, the Cyrillic code pages), each
    with the repairs that decoding made in it."""
    decoded = decode(data, name, encoding)
    repairs: dict[int, list] = {}
    for repair in decoded.repairs:
        repairs.setdefault(repair.line, []).append(repair)
    for number, line in enumerate(decoded.text.split("\n"), 1):
        yield number, Decoded(line, tuple(repairs.get(number, ())))


class _RecordLine(InputError):
    """A line that holds a fact record (``type``, ``article``, no ``text``)."""


def _article(line: str, where: str, default_id: str, date_option: str | None) -> Article:
    """The article of one line; InputError naming ``where`` when the line is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise InputError(where, "not read: JSON nested too deeply") from None
    except ValueError as exc:  # a number of more than 4300 digits
        raise InputError(where, f"not read: {str(exc).split(';')[0]}") from None
    if not isinstance(record, dict):
        raise InputError(where, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if text is None and "type" in record and "article" in record:
        raise _RecordLine(where, 'a fact record, not an article (no "text")')
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, 'no article text ("text" must be a non-empty string)')
    article_id = record.get("id")
    if isinstance(article_id, str):
        article_id = article_id.strip()
    if article_id is None or article_id == "":
        article_id = default_id
    elif isinstance(article_id, bool) or not isinstance(article_id, (str, int)):
        raise InputError(where, f'"id" must be a string or a number, not {article_id!r}')
    warnings: list[str] = []
    text = _repaired(text, "text", where, warnings)
    fields = {key: _string(record, key, where, warnings) for key in _OPTIONAL}
    title, outlet = (
        None if (value := fields[key]) is None else _repaired(value, key, where, warnings)
        for key in ("title", "outlet")
    )
    published = fields["published"]
    if published is not None and iso_date(published) is None:
        warnings.append(f'{where}: "published" {published!r} is not a date; left out')
    return Article(
        id=str(article_id),
        text=text,
        title=title or headline(text),
        outlet=outlet or find_outlet(text),
        published=publication_date(published, date_option, text),
        url=fields["url"],
        language=fields["language"] or "ru",
        source=where,
        warnings=tuple(warnings),
    )


_OPTIONAL = ("title", "outlet", "published", "url", "language")
_SHOWN_VALUE = 40


def _string(record: dict[str, Any], key: str, where: str, warnings: list[str]) -> str | None:
    """A field's value when it is a non-blank string (stripped), else None; a value of
    another type (a list title, a number url) is left out with a warning."""
    value = record.get(key)
    if isinstance(value, str):
        return value.strip() or None
    if value is not None:
        shown = json.dumps(value, ensure_ascii=False)
        if len(shown) > _SHOWN_VALUE:
            shown = shown[:_SHOWN_VALUE] + "…"
        warnings.append(
            f'{where}: "{key}" must be a string, not {_JSON_TYPES.get(type(value), "a value")} '
            f"({shown}); left out"
        )
    return None


_JSON_TYPES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _repaired(value: str, key: str, where: str, warnings: list[str]) -> str:
    """``value`` with mojibake undone (:func:`svodka.read.encoding.undo_mojibake`); a warning
    names the field and the repair."""
    fixed, mojibake = undo_mojibake(value)
    warnings.extend(f'{where}: "{key}": {repair}' for repair in mojibake)
    return fixed


@svodka.hookimpl
def register_readers(register: Callable[[Reader], None]) -> None:
    register(JsonLinesReader())
