"""Decoding inputs: BOMs, UTF-16, UTF-8, the Cyrillic code pages, and what is refused."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from svodka.components import InputError
from svodka.read.encoding import Decoded, Mojibake, decode, undo_mojibake

SHORT = "Министр обороны провел переговоры с коллегой."
LONG = (
    "Вчера в столице состоялось заседание совета министров обороны, на котором стороны "
    "обсудили вопросы региональной безопасности и подготовки военных кадров.\r\n"
    "По итогам встречи был подписан план сотрудничества на следующий год. Как отметил "
    "глава ведомства, документ предусматривает совместные учения, обмен опытом и "
    "подготовку офицеров в военных вузах обеих стран.\r\n"
    "Ёмкие формулировки, щедрые обещания и съезд экспертов - всё это ещё впереди.\r\n"
)
CAPITALS = "МИНИСТР ОБОРОНЫ РОССИИ ПРИБЫЛ С ВИЗИТОМ"
CODE_PAGES = ["cp1251", "koi8_r", "cp866"]


@pytest.mark.parametrize("encoding", CODE_PAGES)
@pytest.mark.parametrize("text", [SHORT, LONG, CAPITALS, "Привет, мир!", "Главы ведомств"])
def test_code_pages_are_told_apart(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding), "a.txt").text == text


@pytest.mark.parametrize("word", ["так", "Ёлка", "рад"])
def test_cp866_words_that_are_also_valid_utf8(word: str) -> None:
    data = word.encode("cp866")
    data.decode("utf-8")  # valid UTF-8 too, but not Cyrillic
    assert decode(data, "a.txt").text == word


@pytest.mark.parametrize(
    "data",
    [
        LONG.encode("utf-8"),
        codecs.BOM_UTF8 + LONG.encode("utf-8"),
        LONG.encode("utf-16"),  # with a BOM
        codecs.BOM_UTF16_BE + LONG.encode("utf-16-be"),
        LONG.encode("utf-16-le"),
        LONG.encode("utf-16-be"),
        LONG.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "utf32-bom"],
)
def test_unicode_forms_give_the_exact_text(data: bytes) -> None:
    text = decode(data, "a.txt").text
    assert text == LONG  # BOM removed, "\r\n" kept
    assert not text.startswith("\ufeff")


def test_short_utf16_without_bom() -> None:
    assert decode(SHORT.encode("utf-16-le"), "a.txt").text == SHORT


def test_ascii_is_utf8() -> None:
    assert decode(b"Plain ASCII text\n", "a.txt").text == "Plain ASCII text\n"


def test_explicit_encoding_is_used_strictly() -> None:
    assert decode(SHORT.encode("koi8_r"), "a.txt", "koi8-r").text == SHORT
    # koi8-r bytes read as cp1251 when told so: no detection overrides the option
    assert decode(SHORT.encode("koi8_r"), "a.txt", "cp1251").text == SHORT.encode("koi8_r").decode(
        "cp1251"
    )
    assert decode(codecs.BOM_UTF8 + b"abc", "a.txt", "utf-8").text == "abc"


def test_explicit_encoding_that_does_not_fit_is_named() -> None:
    with pytest.raises(InputError) as info:
        decode(SHORT.encode("utf-8"), "notes.txt", "ascii")
    assert info.value.where == "notes.txt"
    assert "not valid ascii text" in info.value.reason


def test_unknown_encoding() -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"abc", "a.txt", "klingon")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "only whitespace"),
        ("   \n".encode("utf-16"), "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary data"),
        (bytes(range(256)) * 4, "binary data"),
        (b"\x01\x02\x03\x04\x05 text \x06\x07\x08", "binary data"),
    ],
    ids=["empty", "blank", "blank-utf16", "png", "all-bytes", "controls"],
)
def test_refused_data(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "in/bad.txt")
    assert info.value.where == "in/bad.txt"
    assert reason in info.value.reason
    assert str(info.value).startswith("in/bad.txt: ")


def test_binary_data_with_an_explicit_encoding() -> None:
    with pytest.raises(InputError, match="binary data, not cp1251 text"):
        decode(b"abc\x00\x00\x01def", "a.bin", "cp1251")


def test_undecodable_text_says_so_and_points_to_the_option() -> None:
    data = b"Report: " + bytes(range(0x80, 0x100))  # neither UTF-8 nor Russian in a code page
    with pytest.raises(InputError) as info:
        decode(data, "feed.txt")
    assert "cannot tell the encoding" in info.value.reason
    assert "--encoding" in info.value.reason


# --- mojibake: valid UTF-8 that is UTF-8 read in another encoding and saved again ----------

MOJIBAKE_CODECS = {"cp1251": "cp1251", "latin-1": "latin-1 (cp1252)", "cp1252": "latin-1 (cp1252)"}


def mangle(text: str, codec: str) -> str:
    """``text`` as a program shows UTF-8 read in ``codec`` (Windows reads the bytes the code
    page leaves undefined, 0x98 in cp1251, as the C1 controls of latin-1)."""
    return "".join(bytes([b]).decode(codec, "ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize("codec", MOJIBAKE_CODECS)
@pytest.mark.parametrize("text", [SHORT, LONG, CAPITALS, "Главы ведомств — «за», № 5"])
def test_mojibake_is_repaired_and_named(codec: str, text: str) -> None:
    mangled = mangle(text, codec)
    assert mangled != text and mangled.encode("utf-8").decode("utf-8") == mangled
    fixed, found = undo_mojibake(mangled)
    assert fixed == text
    lines = tuple(range(1, text.count("\n") + 2 - text.endswith("\n")))
    assert found == (Mojibake(MOJIBAKE_CODECS[codec], lines),)


@pytest.mark.parametrize("layers", [("cp1251", "cp1251"), ("cp1251", "latin-1")])
def test_mojibake_of_mojibake_is_undone_layer_by_layer(layers: tuple[str, str]) -> None:
    mangled = SHORT
    for codec in layers:
        mangled = mangle(mangled, codec)
    names = [MOJIBAKE_CODECS[codec] for codec in reversed(layers)]
    assert undo_mojibake(mangled) == (SHORT, (Mojibake(", then ".join(names), (1,)),))


def test_mojibake_in_one_line_of_several_is_repaired_there_only() -> None:
    text = f"{SHORT}\n{mangle(SHORT, 'cp1251')}\n{SHORT}"
    decoded = Decoded(text).unmangled()
    assert decoded.text == f"{SHORT}\n{SHORT}\n{SHORT}"
    assert decoded.warning("a.txt") == (
        "a.txt: UTF-8 text that had been read as cp1251 (mojibake) on line 2, repaired"
    )


def test_a_mojibake_text_file_is_read_with_a_warning(tmp_path) -> None:
    from svodka.components import ReadOptions
    from svodka.manager import load_plugins
    from svodka.read.inputs import read_inputs

    path = tmp_path / "a.txt"
    path.write_text(mangle("Глава МИД\n\n" + LONG, "cp1251"), encoding="utf-8")
    [article] = read_inputs([str(path)], load_plugins(autoload=False).readers, ReadOptions())
    assert article.text == "Глава МИД\n\n" + LONG
    assert article.title == "Глава МИД"
    assert article.warnings == (
        f"{path}: UTF-8 text that had been read as cp1251 (mojibake) on lines 1, 3, 4 "
        "and 1 more, repaired",
    )


RUSSIAN = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    " ,.-—«»№°!?;:()\n0123456789abcXYZ",
    max_size=200,
)


@given(RUSSIAN)
@settings(max_examples=300, deadline=None)
def test_real_russian_text_is_never_taken_for_mojibake(text: str) -> None:
    assert undo_mojibake(text) == (text, ())


@given(st.lists(st.sampled_from(SHORT.split() + LONG.split()), min_size=2, max_size=30))
@settings(max_examples=100, deadline=None)
def test_mojibake_of_russian_words_is_undone(words: list[str]) -> None:
    text = " ".join(words)
    # a line is taken for mojibake on two telltale pairs at least: two Cyrillic letters
    assume(len(re.findall("[а-яё]", text, re.IGNORECASE)) >= 2)
    for codec in MOJIBAKE_CODECS:
        assert undo_mojibake(mangle(text, codec))[0] == text


def test_no_corpus_text_is_taken_for_mojibake(shared_corpus: Path) -> None:
    blind = Path(__file__).parent / "blind"
    files = sorted([*shared_corpus.glob("*.jsonl"), *blind.glob("*.jsonl")])
    files += sorted((shared_corpus / "articles").iterdir())
    assert len(files) > 8
    for path in files:
        content = path.read_text(encoding="utf-8")
        assert undo_mojibake(content) == (content, ()), path
        if path.suffix == ".jsonl":
            for line in content.splitlines():
                for value in json.loads(line).values():
                    if isinstance(value, str):
                        assert undo_mojibake(value) == (value, ()), path
