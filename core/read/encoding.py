"""Decoding input bytes into text: BOMs, UTF-16, UTF-8, then the Cyrillic code pages.

Russian-language files come in UTF-8 (with or without a BOM), UTF-16, or one of the
legacy code pages cp1251, koi8-r and cp866. BOMs and strict UTF-8 are tried first; only
then is one of the three code pages chosen, by how Russian the decoded text looks. The
choice is limited to these three on purpose: general detectors misread short KOI8-R text
as Shift-JIS and the like. The text is returned exactly as the file gives it (only a BOM
is removed), so offsets into it stay valid.

Text that is mostly UTF-8 (a byte lost in copying, one paragraph pasted in cp1251) is never
read as a code page: it is read as UTF-8 and only its bad bytes are repaired, each line's
as the code page they read as when they make Russian words, else as U+FFFD. Every repair
is returned with the text (:class:`Decoded`), so that the damage is reported, not hidden.

Valid UTF-8 can still be mojibake: UTF-8 bytes once read as cp1251 ("Р“Р»Р°РІР°") or as
latin-1 / cp1252 ("Ð\x93Ð»Ð°Ð²Ð°") and saved as UTF-8 again. A line in which most
non-ASCII characters make the telltale pairs (Р or С, Ð or Ñ, before a character that
stands for a UTF-8 continuation byte) is encoded back and read as UTF-8; when that gives
Russian text, the line is repaired (:func:`undo_mojibake`) and the repair reported.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from svodka.components import InputError
from svodka.text.morph import analyzer

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CODE_PAGES: tuple[str, ...] = ("cp1251", "koi8_r", "cp866")

# Relative frequencies (per cent) of the letters in Russian prose.
_LETTER_FREQ = {
    "о": 10.97,
    "е": 8.45,
    "а": 8.01,
    "и": 7.35,
    "н": 6.70,
    "т": 6.26,
    "с": 5.47,
    "р": 4.73,
    "в": 4.54,
    "л": 4.40,
    "к": 3.49,
    "м": 3.21,
    "д": 2.98,
    "п": 2.81,
    "у": 2.62,
    "я": 2.01,
    "ы": 1.90,
    "ь": 1.74,
    "г": 1.70,
    "з": 1.65,
    "б": 1.59,
    "ч": 1.44,
    "й": 1.21,
    "х": 0.97,
    "ж": 0.94,
    "ш": 0.73,
    "ю": 0.64,
    "ц": 0.48,
    "щ": 0.36,
    "э": 0.32,
    "ф": 0.26,
    "ъ": 0.04,
    "ё": 0.04,
}
_LETTER_SCORE = {ch: math.log(freq / 100 * 33) for ch, freq in _LETTER_FREQ.items()}
# Letters of the other Cyrillic alphabets that cp1251 holds, and typographic signs that
# Russian texts use: possible, but rarer than any Russian letter.
_RARE_OK = set("іїєґўјѕ«»—–…№“”„‘’°·§©\u00a0")
_RARE_SCORE = math.log(0.001)
_BAD_SCORE = -12.0  # box drawing, currency signs, accented Latin: not Russian text
_CAPITAL_SCORE = -1.0  # capitals are rarer than small letters
_CASE_SCORE = -6.0  # a capital after a small letter ("пРИВЕТ")
_KNOWN_WORD_SCORE = 10.0  # a word in the Russian dictionary
_KNOWN_WORDS_SAMPLE = 200
_RUSSIAN_WORD = re.compile(r"[а-яё]+")
_MIN_PLAUSIBLE = 0.8  # share of non-ASCII characters that must look Russian
_MAX_CONTROLS = 0.01  # share of control characters beyond which data is binary
_WHITESPACE = b"\t\n\r\f\v"
_WHITESPACE_TEXT = _WHITESPACE.decode()
_SAMPLE = 8192
_SCORE_SAMPLE = 65536
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape gives it
# Bad bytes of one line with only ASCII between them: one stretch to repair.
_BAD_RUN = re.compile("[\udc80-\udcff](?:[\x00-\x09\x0b-\x7f]*[\udc80-\udcff])*")
_UTF8_LETTERS = re.compile("[\u00a0-\u024f\u0400-\u04ff]")  # two bytes each in UTF-8
_UTF8_SIGNS = re.compile("[\u2010-\u206f\u20ac\u2116]")  # three bytes each: – — “ ” … € №
_UTF8_SHARE = 0.2  # share of non-ASCII bytes in UTF-8 letters and signs that makes text UTF-8
_MIN_CODE_PAGE_RUN = 4  # fewer bad bytes in a line are replaced, never read as a code page
_SHOWN_REPAIRS = 3
_ASCII = bytes(range(128))
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _mojibake(name: str, encodings: tuple[str, ...]) -> tuple[str, re.Pattern[str], dict]:
    """What finds and undoes UTF-8 read in ``encodings``: the telltale pairs of a Cyrillic
    letter's lead byte (0xD0, 0xD1) and a continuation byte (0x80-0xBF), and a table from
    each character back to its byte (as latin-1). A byte that none of them defines (0x98 in
    cp1251) stands for itself, as Windows reads it."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0x100):
        chars = {bytes([byte]).decode(encoding, "ignore") for encoding in encodings} - {""}
        for char in chars or {chr(byte)}:
            table[ord(char)] = chr(byte)
    leads = re.escape("".join(chr(c) for c, b in table.items() if ord(b) in (0xD0, 0xD1)))
    tails = re.escape("".join(chr(c) for c, b in table.items() if 0x80 <= ord(b) < 0xC0))
    return name, re.compile(f"[{leads}][{tails}]"), table


_MOJIBAKES = (
    _mojibake("cp1251", ("cp1251",)),
    _mojibake("latin-1 (cp1252)", ("cp1252", "latin-1")),
)
_MOJIBAKE_LEAD = re.compile("[РСÐÑ]")
_MIN_MOJIBAKE_PAIRS = 2
_MAX_MOJIBAKE_LAYERS = 3
_MOJIBAKE_SHARE = 0.6  # share of the non-ASCII characters in telltale pairs


@dataclass(frozen=True)
class Repair:
    """The bytes of one line that were not valid UTF-8 in a text read as UTF-8: ``offset``
    (of the first, in the input) and ``length`` (how many), and the code page they were read
    in (None: each replaced with U+FFFD)."""

    line: int
    offset: int
    length: int
    encoding: str | None

    def __str__(self) -> str:
        count = f"{self.length} byte{'s' if self.length != 1 else ''}"
        how = f"read as {self.encoding}" if self.encoding else "replaced with U+FFFD"
        return f"line {self.line} (byte {self.offset}): {count} not valid UTF-8, {how}"


@dataclass(frozen=True)
class Mojibake:
    """Lines of valid UTF-8 that were UTF-8 read in another ``encoding`` and saved again,
    repaired: ``lines`` their numbers (in the text repaired, from 1)."""

    encoding: str
    lines: tuple[int, ...]

    def __str__(self) -> str:
        shown = ", ".join(str(n) for n in self.lines[:_SHOWN_REPAIRS])
        more = len(self.lines) - _SHOWN_REPAIRS
        plural = "s" if len(self.lines) != 1 else ""
        return (
            f"UTF-8 text that had been read as {self.encoding} (mojibake) on line{plural} "
            f"{shown}" + (f" and {more} more" if more > 0 else "") + ", repaired"
        )


@dataclass(frozen=True)
class Decoded:
    """Decoded text, with the repairs made to read it (none for a clean read)."""

    text: str
    repairs: tuple[Repair, ...] = ()
    mojibake: tuple[Mojibake, ...] = ()

    def warning(self, where: str) -> str | None:
        """One message naming ``where`` and the first places repaired; None for a clean read."""
        parts = [str(m) for m in self.mojibake]
        if self.repairs:
            places = "; ".join(str(r) for r in self.repairs[:_SHOWN_REPAIRS])
            more = len(self.repairs) - _SHOWN_REPAIRS
            parts.insert(
                0,
                f"not valid UTF-8 on {len(self.repairs)} "
                f"line{'s' if len(self.repairs) != 1 else ''}, repaired: {places}"
                + (f"; and {more} more" if more > 0 else ""),
            )
        return f"{where}: {'; '.join(parts)}" if parts else None

    def unmangled(self) -> Decoded:
        """This text with its mojibake undone (:func:`undo_mojibake`), the repair recorded."""
        text, mojibake = undo_mojibake(self.text)
        return Decoded(text, self.repairs, self.mojibake + mojibake) if mojibake else self


def decode(data: bytes, source_name: str, encoding: str | None = None) -> Decoded:
    """The text of ``data``; raises :class:`InputError` naming ``source_name`` when the data
    is empty, blank, binary or not text in a supported encoding. ``encoding`` forces one
    encoding (used strictly)."""
    if not data:
        raise InputError(source_name, "empty file")
    if encoding is not None:
        decoded = Decoded(_decode_as(data, source_name, encoding))
    else:
        decoded = _detect(data, source_name)
    if not decoded.text.strip():
        raise InputError(source_name, "holds no text (only whitespace)")
    return decoded


def undo_mojibake(text: str) -> tuple[str, tuple[Mojibake, ...]]:
    """``text`` with each line that is UTF-8 once read as cp1251 or latin-1 / cp1252 (and
    saved as UTF-8) read back as UTF-8, as often as it was (up to three times), and what was
    repaired; real Russian text, which hardly ever holds the telltale pairs, is returned as
    it is."""
    if text.isascii() or not _MOJIBAKE_LEAD.search(text):
        return text, ()
    lines = text.split("\n")
    repaired: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        fixed = _recoded(line)
        if fixed is not None:
            lines[number], encoding = fixed
            repaired.setdefault(encoding, []).append(number + 1)
    if not repaired:
        return text, ()
    found = tuple(Mojibake(name, tuple(numbers)) for name, numbers in repaired.items())
    return "\n".join(lines), found


def _recoded(line: str, layers: int = _MAX_MOJIBAKE_LAYERS) -> tuple[str, str] | None:
    """The line read back as UTF-8, and the encoding it had been read in, when most of its
    non-ASCII characters make telltale pairs and the result reads as Russian (or is itself
    such mojibake, up to ``layers`` deep: "cp1251, then cp1251")."""
    for encoding, pairs, table in _MOJIBAKES:
        count = len(pairs.findall(line))
        if count < _MIN_MOJIBAKE_PAIRS:
            continue
        non_ascii = len(line) - len(line.encode("ascii", "ignore"))
        if 2 * count < _MOJIBAKE_SHARE * non_ascii:
            continue
        try:
            fixed = line.translate(table).encode("latin-1").decode("utf-8")
        except UnicodeError:
            continue
        if _CYRILLIC.search(fixed) and _russianness(fixed)[1] >= _MIN_PLAUSIBLE:
            return fixed, encoding
        deeper = _recoded(fixed, layers - 1) if layers > 1 else None
        if deeper is not None:
            return deeper[0], f"{encoding}, then {deeper[1]}"
    return None


def utf8_weight(data: bytes) -> tuple[int, int]:
    """How many bytes of ``data`` make UTF-8 letters (Latin, Cyrillic) or typographic signs,
    and how many are not ASCII: what :func:`mostly_utf8` weighs, summable over lines."""
    text = data.decode("utf-8", "surrogateescape")
    letters = len(text) - len(_UTF8_LETTERS.sub("", text))
    signs = len(text) - len(_UTF8_SIGNS.sub("", text))
    return 2 * letters + 3 * signs, len(data.translate(None, _ASCII))


def mostly_utf8(weight: tuple[int, int]) -> bool:
    """Whether text that is not valid UTF-8 as a whole is still UTF-8 with some bad bytes:
    at least a fifth of its non-ASCII bytes (:func:`utf8_weight`) make UTF-8 letters or
    signs. A code page's bytes make such sequences only by rare accident."""
    utf8, non_ascii = weight
    return non_ascii > 0 and utf8 >= _UTF8_SHARE * non_ascii


def repair_utf8(data: bytes, line: int = 1, offset: int = 0) -> Decoded:
    """``data`` read as UTF-8, its bad bytes repaired line by line: read in the code page
    they make Russian words in (four bytes or more), else replaced with U+FFFD. ``line`` and
    ``offset`` are the line number and byte offset of ``data`` in its input, for messages."""
    text = data.decode("utf-8", "surrogateescape")
    if not _ESCAPED.search(text):
        return Decoded(text)
    lines: list[str] = []
    repairs: list[Repair] = []
    for number, part in enumerate(text.split("\n"), line):
        size = len(part.encode("utf-8", "surrogateescape"))
        runs = list(_BAD_RUN.finditer(part))
        if runs:
            raw = [run.group().encode("utf-8", "surrogateescape") for run in runs]
            bad = sum(len(_ESCAPED.findall(run.group())) for run in runs)
            code_page = _code_page_of(b" ".join(raw)) if bad >= _MIN_CODE_PAGE_RUN else None
            start = offset + len(part[: runs[0].start()].encode("utf-8", "surrogateescape"))
            repairs.append(Repair(number, start, bad, code_page))
            fixed = [chunk.decode(code_page or "utf-8", "replace") for chunk in raw]
            part = _each_replaced(_BAD_RUN, part, iter(fixed))
        lines.append(part)
        offset += size + 1
    return Decoded("\n".join(lines), tuple(repairs))


def _each_replaced(pattern: re.Pattern[str], text: str, replacements: Iterator[str]) -> str:
    """``text`` with each match of ``pattern`` replaced by the next of ``replacements``."""
    return pattern.sub(lambda _match: next(replacements), text)


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (which no UTF-8 writer takes) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def looks_binary(data: bytes | str) -> bool:
    """More control characters among the first bytes (or characters) than text has."""
    return _control_share(data) > _MAX_CONTROLS


def _decode_as(data: bytes, source_name: str, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InputError(source_name, f"unknown encoding {encoding!r}") from None
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise InputError(
            source_name, f"not valid {encoding} text (byte {exc.start}: {_bytes_at(exc)})"
        ) from None
    except (LookupError, UnicodeError, ValueError, TypeError) as exc:  # "hex", "idna", ...
        raise InputError(source_name, f"cannot decode as {encoding}: {exc}") from None
    if "\0" in text or _control_share(text) > _MAX_CONTROLS:
        raise InputError(source_name, f"binary data, not {encoding} text")
    return text.removeprefix("\ufeff")


def _detect(data: bytes, source_name: str) -> Decoded:
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name))
            except UnicodeDecodeError as exc:
                if name == "utf-8":
                    return repair_utf8(data[len(bom) :], offset=len(bom))
                raise InputError(
                    source_name,
                    f"starts with a {name.upper()} BOM but is not valid {name} "
                    f"(byte {exc.start + len(bom)}: {_bytes_at(exc)})",
                ) from None
    if b"\0" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(source_name, "binary data, not text")
        return Decoded(text)
    if _control_share(data) > _MAX_CONTROLS:
        raise InputError(source_name, "binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        return Decoded(_unless_code_page(data, text))
    if mostly_utf8(utf8_weight(data)):
        return repair_utf8(data)
    text = _best_code_page(data)
    if text is None:
        if len(_ESCAPED.findall(data.decode("utf-8", "surrogateescape"))) * 2 < len(
            data.translate(None, _ASCII)
        ):  # UTF-8 in another script, with some bad bytes
            return repair_utf8(data)
        raise InputError(
            source_name,
            f"cannot tell the encoding: not UTF-8 (byte {utf8_error.start}: "
            f"{_bytes_at(utf8_error)}) and not Russian text in {', '.join(CODE_PAGES)}; "
            "name it with --encoding",
        )
    return Decoded(text)


def _bytes_at(exc: UnicodeDecodeError) -> str:
    return exc.object[exc.start : exc.start + 4].hex(" ")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of BOM-less UTF-16: NUL bytes only in the high half of each code unit (the
    ASCII characters), never in the low half."""
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd and not nul_even:
        name = "utf-16-le"
    elif nul_even and not nul_odd:
        name = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    if "\0" in text or _control_share(text) > _MAX_CONTROLS:
        return None
    return text


def _control_share(data: bytes | str) -> float:
    """The share of control characters other than whitespace in the first bytes or
    characters (a DOS end-of-file mark at the end does not count). Of bytes only the ASCII
    controls count: the upper half holds letters in the Cyrillic code pages."""
    sample = data[:_SAMPLE]
    if isinstance(sample, bytes):
        sample = sample.rstrip(b"\x1a")
        controls = sum(1 for b in sample if (b < 0x20 or b == 0x7F) and b not in _WHITESPACE)
    else:
        controls = sum(
            1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _WHITESPACE_TEXT
        )
    return controls / max(len(sample), 1)


def _unless_code_page(data: bytes, utf8_text: str) -> str:
    """Valid UTF-8, unless it holds no Cyrillic letter while a code page reads every
    non-ASCII byte as a Russian letter: a few cp866 words ("так", "Ёлка") are valid UTF-8."""
    if utf8_text.isascii() or any("\u0400" <= ch <= "\u04ff" for ch in utf8_text):
        return utf8_text
    text = _best_code_page(data)
    if text is not None and all(ch.lower() in _LETTER_SCORE for ch in text if not ch.isascii()):
        return text
    return utf8_text


def _best_code_page(data: bytes) -> str | None:
    """The decoding among :data:`CODE_PAGES` that reads most like Russian (judged on the
    first bytes), or None when none of them gives plausible Russian text."""
    for name in _ranked_code_pages(data[:_SCORE_SAMPLE]):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return None


def _code_page_of(data: bytes) -> str | None:
    """The code page in which the bad bytes of a line read as Russian words, or None."""
    for name in _ranked_code_pages(data):
        if _known_words(data.decode(name, "replace")):
            return name
    return None


def _ranked_code_pages(sample: bytes) -> list[str]:
    """The code pages that read ``sample`` as plausible Russian text, most Russian first."""
    ranked: list[tuple[float, str]] = []
    for name in CODE_PAGES:
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        score, plausible = _russianness(text)
        if plausible >= _MIN_PLAUSIBLE:
            ranked.append((score + _KNOWN_WORD_SCORE * _known_words(text), name))
    return [name for _score, name in sorted(ranked, reverse=True)]


def _russianness(text: str) -> tuple[float, float]:
    """A log-likelihood score of the non-ASCII characters as Russian text, and the share of
    them that are Russian letters or usual signs."""
    score = 0.0
    total = good = 0
    previous = ""
    for ch in text:
        if ch < "\x80":
            previous = ch
            continue
        total += 1
        lower = ch.lower()
        if lower in _LETTER_SCORE:
            good += 1
            score += _LETTER_SCORE[lower]
            if ch != lower:
                score += _CAPITAL_SCORE + (_CASE_SCORE if previous.islower() else 0.0)
        elif ch in _RARE_OK or lower in _RARE_OK:
            good += 1
            score += _RARE_SCORE
        else:
            score += _BAD_SCORE
        previous = ch
    return score, good / total if total else 1.0


def _known_words(text: str) -> int:
    """How many of the first Cyrillic words are in the Russian dictionary (pymorphy3): what
    decides between readings of a short all-capitals text ("ОДКБ" or "ндйа")."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:_KNOWN_WORDS_SAMPLE]
    known = analyzer().word_is_known
    return sum(1 for word in words if _RUSSIAN_WORD.fullmatch(word) and known(word))
