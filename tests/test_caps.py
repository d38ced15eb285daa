"""Memory caps: no input, line, article, standard input or template is read whole into
memory beyond its limit; what is over it is reported with the reason, and the rest is read."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import tracemalloc
from pathlib import Path

import docx
import pytest

from svodka.components import (
    MAX_TEXT,
    STREAM_FACTOR,
    InputError,
    Reader,
    ReadOptions,
    Source,
    max_text,
    size_text,
)
from svodka.manager import load_plugins
from svodka.model.article import Article
from svodka.plugins.exporters.brief import TemplateError, check_template, load_template
from svodka.read import archive
from svodka.read.inputs import read_inputs

LINE = {"id": "ok", "text": "Министр обороны провел переговоры с коллегой в Астане."}


@pytest.fixture(scope="module")
def readers() -> dict[str, Reader]:
    return load_plugins(autoload=False).readers


@pytest.fixture
def cap(monkeypatch: pytest.MonkeyPatch) -> int:
    """A cap of 64 KiB, so that the tests stay small."""
    monkeypatch.setenv("SVODKA_MAX_TEXT", "64K")
    return 64 * 1024


def read(readers: dict[str, Reader], *inputs: Path | str) -> list[Article | InputError]:
    return list(read_inputs([str(i) for i in inputs], readers, ReadOptions()))


def split(items: list) -> tuple[list[Article], list[str]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [str(i) for i in items if isinstance(i, InputError)],
    )


def test_the_cap_is_16_mib_unless_the_variable_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SVODKA_MAX_TEXT", raising=False)
    assert max_text() == MAX_TEXT == 16 * 2**20
    for value, expected in [("500K", 500 * 1024), ("2m", 2 * 2**20), ("1GiB", 2**30), ("77", 77)]:
        monkeypatch.setenv("SVODKA_MAX_TEXT", value)
        assert max_text() == expected
    for value in ["lots", "-5", "0", "1.5M", "16T"]:
        monkeypatch.setenv("SVODKA_MAX_TEXT", value)
        with pytest.raises(ValueError, match="SVODKA_MAX_TEXT"):
            max_text()
    assert size_text(16 * 2**20) == "16 MiB"


def test_a_bad_cap_variable_is_one_clear_error(
    readers: dict[str, Reader], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Текст статьи.", encoding="utf-8")
    monkeypatch.setenv("SVODKA_MAX_TEXT", "lots")
    assert split(read(readers, tmp_path / "a.txt")) == (
        [],
        ["environment: SVODKA_MAX_TEXT='lots' is not a size in bytes (such as 16M, 500K, 2G)"],
    )


def test_an_over_long_jsonl_line_is_that_lines_error_and_not_held(
    readers: dict[str, Reader], tmp_path: Path, cap: int
) -> None:
    feed = tmp_path / "feed.jsonl"
    long = {"id": "big", "text": "Слово " * (cap // 2)}  # 12 bytes a word: 6 times the cap
    with feed.open("w", encoding="utf-8") as out:
        out.write(json.dumps(LINE, ensure_ascii=False) + "\n")
        out.write(json.dumps(long, ensure_ascii=False) + "\n")
        out.write(json.dumps({**LINE, "id": "after"}, ensure_ascii=False) + "\n")
    found, problems = split(read(readers, feed))
    assert [a.id for a in found] == ["ok", "after"]
    assert problems == [
        f"{feed}:2: line too large: over 64 KiB (the limit; set SVODKA_MAX_TEXT to raise it); "
        "not read"
    ]


def test_a_feed_without_line_feeds_is_read_in_bounded_memory(
    readers: dict[str, Reader], tmp_path: Path, cap: int
) -> None:
    feed = tmp_path / "one.jsonl"
    with feed.open("wb") as out:  # 24 MB without a line feed, 400 times the cap
        out.write(b'{"text": "')
        for _ in range(24):
            out.write(b"a" * 2**20)
    tracemalloc.start()
    try:
        items = read(readers, feed)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(i) for i in items] == [
        f"{feed}:1: line too large: over 64 KiB (the limit; set SVODKA_MAX_TEXT to raise it); "
        "not read"
    ]
    assert peak < 8 * 2**20


def test_lines_after_a_long_one_keep_their_byte_offsets(
    readers: dict[str, Reader], tmp_path: Path, cap: int
) -> None:
    feed = tmp_path / "feed.jsonl"
    long = json.dumps({"text": "x" * (cap + 10)}).encode() + b"\n"
    bad = json.dumps({"id": "cp", "text": "Министр обороны Х"}, ensure_ascii=False).encode()
    bad = bad.replace("Х".encode(), "Х".encode("cp1251"))  # one byte that is not UTF-8
    feed.write_bytes(long + bad + b"\n")
    found, problems = split(read(readers, feed))
    assert len(problems) == 1 and problems[0].startswith(f"{feed}:1: line too large")
    assert found[0].warnings == (
        f"{feed}:2: not valid UTF-8 on 1 line, repaired: "
        f"line 2 (byte {len(long) + bad.index(0xD5)}): "
        "1 byte not valid UTF-8, replaced with U+FFFD",
    )


def test_a_text_file_over_the_cap_is_refused_before_it_is_read(
    readers: dict[str, Reader], tmp_path: Path, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Слово " * cap, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Министр провел переговоры.", encoding="utf-8")
    opened = []
    real_open = Path.open

    def spy(self: Path, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        if self == big:
            real_read = handle.read
            handle.read = lambda size=-1: opened.append(size) or real_read(size)
        return handle

    monkeypatch.setattr(Path, "open", spy)
    found, problems = split(read(readers, big, small))
    assert [a.id for a in found] == ["small"]
    assert problems == [
        f"{big}: input too large: over 64 KiB (the limit; set SVODKA_MAX_TEXT to raise it); "
        "not read"
    ]
    assert opened == []  # refused by its size, not a byte read


def test_a_docx_over_the_cap_is_refused(
    readers: dict[str, Reader], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = docx.Document()
    document.add_paragraph("Министр провел переговоры.")
    path = tmp_path / "doc.docx"
    document.save(str(path))
    monkeypatch.setenv("SVODKA_MAX_TEXT", str(path.stat().st_size - 1))
    assert [str(i) for i in read(readers, path)] == [
        f"{path}: input too large: over {size_text(path.stat().st_size - 1)} (the limit; "
        "set SVODKA_MAX_TEXT to raise it); not read"
    ]


def test_an_article_over_the_cap_from_any_reader_is_reported(tmp_path: Path, cap: int) -> None:
    class Huge(Reader):
        name = "huge"
        suffixes = (".huge",)

        def read(self, source: Source, options: ReadOptions):
            yield Article(id="h", text="я" * (cap // 2 + 1), source=source.name)  # 2 bytes each
            yield Article(id="s", text="я" * (cap // 2), source=source.name)

    (tmp_path / "a.huge").write_text("x")
    found, problems = split(read({"huge": Huge()}, tmp_path / "a.huge"))
    assert [a.id for a in found] == ["s"]
    assert problems == [
        f"{tmp_path / 'a.huge'}: article too large: over 64 KiB (the limit; set "
        "SVODKA_MAX_TEXT to raise it); not read"
    ]


def test_standard_input_is_read_up_to_the_cap(
    readers: dict[str, Reader], cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Endless(io.RawIOBase):
        """/dev/zero as standard input: counts what is asked of it."""

        asked = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            Endless.asked += len(buffer)
            buffer[:] = b"\0" * len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    # kept on disk up to STREAM_FACTOR articles' worth (a feed streams through), no further
    assert [str(i) for i in read(readers, "-")] == [
        "<stdin>: input too large: over 8 MiB (the limit; set SVODKA_MAX_TEXT to raise it); "
        "not read"
    ]
    assert Endless.asked < STREAM_FACTOR * cap + 2 * 2**20


def test_a_feed_on_standard_input_larger_than_the_cap_streams(
    readers: dict[str, Reader], cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap is per article: a feed of many articles on standard input is read line by
    line from disk, never whole into memory, and an over-long line costs that line only."""
    text = "Министр обороны провел совещание в Минске. " * 20
    lines = [json.dumps({"id": f"a{n}", "text": text}, ensure_ascii=False) for n in range(100)]
    lines.insert(50, json.dumps({"id": "huge", "text": "я" * cap}))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    assert len(data) > 3 * cap
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    found, problems = split(read(readers, "-"))
    assert [a.id for a in found] == [f"a{n}" for n in range(100)]
    assert len(problems) == 1 and problems[0].startswith("<stdin>:51: ")


def test_a_named_pipe_is_read_up_to_the_cap(
    readers: dict[str, Reader], tmp_path: Path, cap: int
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    pid = os.fork()
    if pid == 0:  # the writer: more than the cap, then it is killed by the closed pipe
        try:
            with open(fifo, "wb") as out:
                for _ in range(100):
                    out.write(b"a" * cap)
        finally:
            os._exit(0)
    try:
        assert [str(i) for i in read(readers, fifo)] == [
            f"{fifo}: input too large: over 64 KiB (the limit; set SVODKA_MAX_TEXT to raise "
            "it); not read"
        ]
    finally:
        os.waitpid(pid, 0)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_template_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "t.docx"
    if kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reading it would never end
    else:
        path.mkdir()
    for call in (check_template, load_template):
        with pytest.raises(TemplateError) as caught:
            call(path)
        assert str(caught.value) == (
            f"template {path}: refused: not a regular file (a pipe, device or folder)"
        )


def test_a_template_over_the_size_cap_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.docx"
    shutil.copy(Path(docx.__file__).parent / "templates" / "default.docx", path)
    load_template(path)  # a good template
    monkeypatch.setattr(archive, "MAX_UNPACKED", 2**20)
    monkeypatch.setattr(archive.open_regular, "__defaults__", (2**20,))
    with path.open("ab") as out:
        out.truncate(3 * 2**20)  # sparse: 3 MB on paper
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    assert str(caught.value) == f"template {path}: refused: 3 MB (limit 1 MB)"


def test_an_over_long_line_in_a_named_encoding_is_that_lines_error(
    readers: dict[str, Reader], tmp_path: Path, cap: int
) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [LINE, {"text": "Ж" * (2 * cap)}, {**LINE, "id": "after"}]
    feed.write_bytes(
        b"".join(json.dumps(x, ensure_ascii=False).encode("cp1251") + b"\n" for x in lines)
    )
    items = list(read_inputs([str(feed)], readers, ReadOptions(encoding="cp1251")))
    found, problems = split(items)
    assert [a.id for a in found] == ["ok", "after"]
    assert problems == [
        f"{feed}:2: line too large: over 64 KiB (the limit; set SVODKA_MAX_TEXT to raise it); "
        "not read"
    ]
