"""Hostile inputs: names that are not UTF-8, bad lines of a feed, damaged UTF-8, what a
folder may hold besides files, and ids that collide. Every input is accounted for, nothing
raises, and everything an input yields can be written as UTF-8."""

from __future__ import annotations

import codecs
import json
import os
import signal
import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from svodka.cli import cli
from svodka.components import InputError, Reader, ReadOptions, printable
from svodka.manager import load_plugins
from svodka.model.article import Article
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import process
from svodka.read.encoding import Decoded, decode
from svodka.read.inputs import read_inputs

TEXT = (
    "Министр обороны провел переговоры с коллегой в Астане.\n"
    "Стороны обсудили вопросы региональной безопасности и подписали план сотрудничества.\n"
)
CP1251_PARAGRAPH = "Вторая часть статьи пришла в другой кодировке, как часто бывает.\n"
EXCLUDED = "excluded from the inputs (svodka's output)"
BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def readers() -> dict[str, Reader]:
    return load_plugins(autoload=False).readers


def read(readers: dict[str, Reader], *inputs: Path | str) -> list[Article | InputError]:
    return list(read_inputs([str(i) for i in inputs], readers, ReadOptions()))


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def encodable(item: Article | InputError) -> bool:
    """Whether every string the item carries can be written as UTF-8."""
    if isinstance(item, InputError):
        values = [item.where, item.reason, str(item)]
    else:
        values = [str(v) for v in (*item.to_dict().values(), item.text, *item.warnings)]
    try:
        for value in values:
            value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture
def no_hang():
    """Fail instead of hanging when something opens a FIFO for reading."""

    def fail(*_args):
        raise TimeoutError("input reading hung")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# -- item 2: names and strings that cannot be written as UTF-8 -------------------------------


def test_file_name_not_utf8_is_read_and_named_printably(readers, tmp_path: Path) -> None:
    """A cp1251 name from a Windows zip: the file is read, its name is escaped as \\xNN."""
    name = os.fsdecode("Мир.txt".encode("cp1251"))  # lone surrogates on Linux
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / os.fsdecode(b"\xff\xfe.txt")).write_bytes(b"")
    items = read(readers, tmp_path)
    [article] = articles(items)
    assert article.text == TEXT
    assert article.id == "\\xcc\\xe8\\xf0"
    assert article.source == f"{tmp_path}/\\xcc\\xe8\\xf0.txt"
    [error] = errors(items)
    assert str(error) == f"{tmp_path}/\\xff\\xfe.txt: empty file"
    assert all(encodable(item) for item in items)


def test_report_is_written_for_a_file_name_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode("Мир.txt".encode("cp1251"))).write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(folder), "-o", str(out), "-f", "report"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    [row] = report["articles"]
    assert (row["source"], row["id"]) == (f"{folder}/\\xcc\\xe8\\xf0.txt", "\\xcc\\xe8\\xf0")


def test_lone_surrogates_in_a_json_line_are_replaced_and_reported(readers, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a\\ud800", "title": "\\udfffЗаголовок", "text": "Текст \\ud83d статьи."}\n'
        '{"id": "b", "text": "Чистая строка."}\n',
        encoding="utf-8",
    )
    items = read(readers, path)
    first, second = articles(items)
    assert (first.id, first.title, first.text) == ("a�", "�Заголовок", "Текст � статьи.")
    assert first.warnings == (
        f'{path}:1: lone surrogates in "id", "text", "title" replaced with U+FFFD',
    )
    assert (second.id, second.warnings) == ("b", ())
    assert all(encodable(item) for item in items)


def test_reading_warnings_become_problems_of_the_outcome(readers, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "Текст \\ud800 статьи."}\n', encoding="utf-8")
    lexicon = Lexicon.from_plugins(load_plugins(autoload=False))
    [outcome] = process(read(readers, path), [], lexicon)
    assert outcome.status == "partial"
    assert outcome.errors == [f'{path}:1: lone surrogates in "text" replaced with U+FFFD']


@given(st.text())
@BOUNDED
def test_printable_is_encodable_one_line_and_stable(text: str) -> None:
    shown = printable(text)
    shown.encode("utf-8")
    assert "\n" not in shown and "\r" not in shown
    assert printable(shown) == shown
    assert InputError(text, text).where == shown
    if text.isprintable() and text.encode("utf-8", "surrogatepass").decode("utf-8") == text:
        assert shown == text


# -- item 3: one bad line costs that line only -----------------------------------------------


GOOD = json.dumps({"text": "Хорошая строка."}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "not read: JSON nested too deeply"),
        ('{"text": "x", "n": ' + "7" * 5000 + "}", "not read: Exceeds the limit (4300 digits)"),
        ('{"text": "a\0b"}', "binary data, not text"),
        ("\x01\x02\x03\x04 binary \x05\x06", "binary data, not text"),
    ],
    ids=["deep", "long-int", "nul", "binary"],
)
def test_a_bad_line_costs_that_line_only(readers, tmp_path: Path, bad: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join([bad, GOOD, bad, GOOD]).encode("utf-8"))
    items = read(readers, path)
    assert [a.source for a in articles(items)] == [f"{path}:2", f"{path}:4"]
    assert [e.where for e in errors(items)] == [f"{path}:1", f"{path}:3"]
    assert all(e.reason.startswith(reason) for e in errors(items)), errors(items)


def test_any_exception_of_one_line_costs_that_line_only(
    readers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svodka.plugins.readers import jsonl

    def headline(text: str) -> str:
        if "boom" in text:
            raise MemoryError("boom")
        return "Заголовок"

    monkeypatch.setattr(jsonl, "headline", headline)
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "boom"}\n' + GOOD + "\n", encoding="utf-8")
    items = read(readers, path)
    assert [str(e) for e in errors(items)] == [f"{path}:1: cannot be read (MemoryError: boom)"]
    assert [a.source for a in articles(items)] == [f"{path}:2"]


def test_a_binary_file_named_jsonl_is_one_error(readers, tmp_path: Path) -> None:
    path = tmp_path / "picture.jsonl"
    path.write_bytes(bytes(range(256)) * 64 + b"\n" + GOOD.encode())
    assert [str(e) for e in read(readers, path)] == [f"{path}: binary data, not text"]


# -- item 4: damaged UTF-8 is repaired and reported, never read as a code page --------------


def test_utf8_text_with_a_byte_missing(readers, tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    cut = data.index("обороны".encode()) + 1  # the second byte of "о"
    path = tmp_path / "a.txt"
    path.write_bytes(data[:cut] + data[cut + 1 :])
    [article] = articles(read(readers, path))
    assert article.text == TEXT.replace("обороны", "�бороны", 1)
    assert article.warnings == (
        f"{path}: not valid UTF-8 on 1 line, repaired: line 1 (byte {cut - 1}): "
        "1 byte not valid UTF-8, replaced with U+FFFD",
    )


def test_utf8_text_with_a_cp1251_paragraph(readers, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    head = TEXT.encode("utf-8")
    path.write_bytes(head + CP1251_PARAGRAPH.encode("cp1251") + TEXT.encode("utf-8"))
    [article] = articles(read(readers, path))
    assert article.text == TEXT + CP1251_PARAGRAPH + TEXT
    [warning] = article.warnings
    assert warning.startswith(f"{path}: not valid UTF-8 on 1 line, repaired: line 3 (byte ")
    assert warning.endswith("bytes not valid UTF-8, read as cp1251")


def test_one_line_feed_with_a_byte_missing(readers, tmp_path: Path) -> None:
    line = json.dumps({"text": TEXT}, ensure_ascii=False).encode("utf-8")
    cut = line.index("обороны".encode()) + 1
    path = tmp_path / "feed.jsonl"
    path.write_bytes(line[:cut] + line[cut + 1 :])
    [article] = articles(read(readers, path))
    assert article.text == TEXT.replace("обороны", "�бороны", 1)
    [warning] = article.warnings
    assert warning.startswith(f"{path}:1: not valid UTF-8 on 1 line, repaired: line 1 (byte ")


def test_whole_code_page_files_are_still_recognised(readers, tmp_path: Path) -> None:
    for encoding in ("cp1251", "koi8_r", "cp866"):
        (tmp_path / f"{encoding}.txt").write_bytes((TEXT + CP1251_PARAGRAPH).encode(encoding))
    found = articles(read(readers, tmp_path))
    assert [(a.text, a.warnings) for a in found] == [(TEXT + CP1251_PARAGRAPH, ())] * 3


@given(st.binary(max_size=400))
@BOUNDED
def test_decode_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        decoded = decode(data, "a.txt")
    except InputError as exc:
        assert exc.where == "a.txt"
        return
    assert isinstance(decoded, Decoded)
    decoded.text.encode("utf-8")


@given(st.integers(min_value=0, max_value=len(TEXT.encode()) - 1))
@BOUNDED
def test_a_lost_byte_never_turns_utf8_into_a_code_page(position: int) -> None:
    data = TEXT.encode("utf-8")
    damaged = data[:position] + data[position + 1 :]
    decoded = decode(damaged, "a.txt")
    if damaged.isascii() or damaged.decode("utf-8", "replace") == damaged.decode("utf-8", "ignore"):
        return  # an ASCII byte lost: still valid UTF-8
    assert decoded.repairs and decoded.repairs[0].encoding is None
    intact = max(len(data[:position].decode("utf-8", "ignore")) - 1, 0)
    assert decoded.text[:intact] == TEXT[:intact]  # nothing before the damage changed
    assert decoded.text.count("\ufffd") <= 2


# -- item 5: what a folder holds besides files -----------------------------------------------


def test_folder_entries_that_are_not_files_are_reported(readers, tmp_path: Path, no_hang) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "b-good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "a-pipe.txt")
    (folder / "c-dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "d-self.txt").symlink_to(folder / "d-self.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "e-socket"))
        items = read(readers, folder)
    finally:
        sock.close()
    assert [a.id for a in articles(items)] == ["b-good"]
    assert [str(e) for e in errors(items)] == [
        f"{folder}/a-pipe.txt: skipped: a named pipe (FIFO), not a regular file",
        f"{folder}/c-dangling.txt: broken symbolic link (to {tmp_path}/nowhere.txt)",
        f"{folder}/d-self.txt: symbolic link loop",
        f"{folder}/e-socket: skipped: a socket, not a regular file",
        f"{folder}/sub/loop: symbolic link loop: leads back into a folder that holds it",
    ]


def test_unreadable_subfolder_is_reported(
    readers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(TEXT, encoding="utf-8")
    (folder / "open.txt").write_text(TEXT, encoding="utf-8")
    scandir = os.scandir

    def locked(path):  # the tests run as root, for whom chmod locks nothing
        if Path(path) == folder / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", locked)
    items = read(readers, folder)
    assert [a.id for a in articles(items)] == ["open"]
    assert [str(e) for e in errors(items)] == [
        f"{folder}/locked: folder cannot be read (Permission denied)"
    ]


def test_a_pipe_named_as_input_is_read(readers, tmp_path: Path, no_hang) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def write() -> None:
        with open(pipe, "wb") as fh:
            fh.write(TEXT.encode("cp1251"))

    writer = threading.Thread(target=write)
    writer.start()
    [article] = read(readers, pipe)
    writer.join()
    assert isinstance(article, Article)
    assert (article.text, article.source) == (TEXT, str(pipe))


def test_a_device_named_as_input_is_refused(readers) -> None:
    assert [str(e) for e in read(readers, "/dev/null")] == [
        "/dev/null: skipped: a device, not a regular file"
    ]


# -- item 6: ids unique in a run, a file read once -------------------------------------------


def test_same_file_names_in_two_folders_get_distinct_ids(
    readers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for sub in ("x", "y", "z"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "y" / "a.md").write_text(TEXT, encoding="utf-8")
    found = articles(read(readers, tmp_path / "in"))
    assert [a.id for a in found] == ["a", "in/y/a", "in/y/a~2", "in/z/a"]
    assert [a.meta for a in found] == [{}] + [{"source_id": "a"}] * 3
    monkeypatch.chdir(tmp_path)
    again = articles(read(readers, "in/"))
    assert [a.id for a in again] == [a.id for a in found]  # the same on every run, from anywhere


def test_the_same_file_twice_is_read_once(readers, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    items = read(readers, folder, folder / "a.txt", f"{folder}/*.txt", folder)
    assert [a.source for a in articles(items)] == [f"{folder}/a.txt"]
    assert [str(e) for e in errors(items)] == [
        f"{folder}/b.txt: skipped: the same file as {folder}/a.txt, read once",
        f"{folder}/a.txt: skipped: the same file as {folder}/a.txt, read once",
        f"{folder}/a.txt: skipped: the same file as {folder}/a.txt, read once",
        f"{folder}/b.txt: skipped: the same file as {folder}/a.txt, read once",
        f"{folder}: skipped: the same folder as {folder}, read once",
    ]


def test_json_ids_repeated_across_feeds_are_made_unique(readers, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "7", "text": "Один."}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"id": "7", "text": "Два."}\n{"text": "Три."}\n', encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Четыре.", encoding="utf-8")
    found = articles(read(readers, tmp_path))
    assert [a.id for a in found] == ["7", f"{tmp_path.name}/b/7", "b-2", "b"]


def test_record_ids_do_not_double_for_a_file_given_twice(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "МОСКВА, 5 марта 2024 г. - РИА Новости. Министр обороны России Андрей Белоусов "
        "провел переговоры с министром обороны Казахстана Русланом Жаксылыковым.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), str(tmp_path / "a.txt")])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and len({r["id"] for r in rows}) == len(rows)
    assert f"{tmp_path}/a.txt: skipped: the same file as" in result.stderr


# -- the JSON Lines reader against anything ---------------------------------------------------

_ARTICLE_LINES = st.builds(
    lambda ident, text, title: json.dumps({"id": ident, "text": text, "title": title}),
    st.one_of(st.none(), st.text(max_size=8), st.integers()),
    st.text(min_size=1, max_size=40),
    st.one_of(st.none(), st.text(max_size=20)),
)
_HOSTILE_LINES = st.one_of(
    st.text(max_size=40).map(lambda t: t.replace("\n", " ")),
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=4301, max_value=6000).map(
        lambda n: '{"text": "x", "n": ' + "9" * n + "}"
    ),
    st.sampled_from(['{"text": "\\ud800"}', '{"id": "\\udc80", "text": "a"}', '{"text": "a\0"}']),
)
_LINES = st.lists(
    st.one_of(
        _ARTICLE_LINES.map(str.encode),
        _HOSTILE_LINES.map(lambda line: line.encode("utf-8", "surrogatepass")),
        st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")),
    ),
    min_size=1,
    max_size=12,
)


@given(_LINES)
@example([b"\xef\xbb\xbf", b'{"id": null, "text": "0", "title": null}'])  # a BOM alone
@BOUNDED
def test_every_json_line_is_accounted_for(tmp_path_factory, lines: list[bytes]) -> None:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = list(read_inputs([str(path)], load_plugins(autoload=False).readers, ReadOptions()))
    assert all(encodable(item) for item in items)
    if len(items) == 1 and isinstance(items[0], InputError) and items[0].where == str(path):
        return  # the whole file refused, with one reason
    named = [item.source if isinstance(item, Article) else item.where for item in items]
    numbers = [int(where.rpartition(":")[2]) for where in named]
    assert all(where.startswith(f"{path}:") for where in named)
    assert len(numbers) == len(set(numbers))  # each line once
    expected = {n for n, line in enumerate(lines, 1) if line.decode("utf-8", "replace").strip()}
    expected -= {n for n, line in enumerate(lines, 1) if not line.strip(b" \t\r\x0b\x0c")}
    assert expected <= set(numbers) | _blank_after_decoding(lines)


def _blank_after_decoding(lines: list[bytes]) -> set[int]:
    """Lines that are white space once decoded (U+00A0, U+2028 and the like; a first line
    holding only the file's byte-order mark): skipped."""
    return {
        n
        for n, line in enumerate(lines, 1)
        if not line.decode("utf-8-sig" if n == 1 else "utf-8", "replace").strip()
        and b"\0" not in line
    }


def test_a_binary_line_in_a_feed_of_a_named_encoding(readers, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\x01\x02\x03\x04\x05\x06\n" + json.dumps({"text": "Текст"}).encode())
    items = list(read_inputs([str(path)], readers, ReadOptions(encoding="cp1251")))
    assert [str(e) for e in errors(items)] == [f"{path}:1: binary data, not cp1251 text"]
    assert [a.text for a in articles(items)] == ["Текст"]


@pytest.mark.parametrize("encoding", ["hex", "rot13", "base64"])
def test_an_encoding_that_is_not_for_text_is_one_error(readers, tmp_path, encoding) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "abc"}\n')
    [error] = read_inputs([str(path)], readers, ReadOptions(encoding=encoding))
    assert isinstance(error, InputError) and error.where == str(path)
    assert error.reason.startswith(f"cannot decode as {encoding}: "), error.reason  # not a crash


def test_utf8_with_a_bom_and_a_byte_missing_is_repaired_not_refused() -> None:
    data = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    decoded = decode(data[:10] + data[11:], "a.txt")
    assert decoded.text == TEXT.replace("Министр", "Мин�стр", 1)
    assert [str(r) for r in decoded.repairs] == [
        "line 1 (byte 9): 1 byte not valid UTF-8, replaced with U+FFFD"
    ]


def test_what_any_reader_gives_is_made_encodable(tmp_path: Path) -> None:
    class Careless(Reader):
        name = "careless"
        suffixes = (".x",)

        def read(self, source, options):
            yield Article(id="a\udcff", text="Текст\udcff", source=f"{source.name}\udcff#1")
            yield Article(id="b", text="Текст", meta={"n": 1, "s": "\ud800"})  # type: ignore[dict-item]
            raise InputError(f"{source.name}\udcff", "broken\nmessage")

    path = tmp_path / "a.x"
    path.write_bytes(b"x")
    first, second, error = read_inputs([str(path)], {"careless": Careless()}, ReadOptions())
    assert all(encodable(item) for item in (first, second, error))
    assert (first.id, first.text, first.source) == ("a�", "Текст�", f"{path}\\xff#1")
    assert first.warnings == (
        f'{path}\\xff#1: lone surrogates in "id", "text" replaced with U+FFFD',
    )
    assert second.meta == {"n": 1, "s": "�"}
    assert str(error) == f"{path}\\xff: broken\\x0amessage"


def test_glob_matches_come_in_path_order(readers, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a-b.txt").write_text(TEXT, encoding="utf-8")
    found = articles(read(readers, f"{tmp_path}/**/*.txt"))
    assert [a.source for a in found] == [f"{tmp_path}/a/b.txt", f"{tmp_path}/a-b.txt"]


def test_a_duplicate_input_is_skipped_not_failed(tmp_path: Path) -> None:
    """Reported once, counted apart, and no failure: the exit status stays 0."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "ТБИЛИСИ, 3 апреля 2023 г. Министр иностранных дел Грузии провел брифинг.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["run", "-j", "1", str(folder), str(folder / "a.txt"), "-o", str(out), "-f", "report"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("skipped: the same file as") == 1
    assert f"svodka: {folder}/a.txt: skipped: the same file as {folder}/a.txt" in result.stderr
    assert "svodka: 1 articles processed, 0 failed, 1 skipped as duplicates" in result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [a["status"] for a in report["articles"]] == ["processed", "skipped"]
    assert (report["totals"]["failed"], report["totals"]["skipped"]) == (0, 1)


def test_an_excluded_folder_is_not_walked_and_reported_once(
    readers: dict[str, Reader], tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "in" / "svodka-out"
    out.mkdir()
    (out / "records.jsonl").write_text('{"text": "Запись прошлого запуска."}\n', encoding="utf-8")
    (out / "brief.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "link").symlink_to(out)  # the same folder by another name
    items = list(
        read_inputs(
            [str(tmp_path / "in"), str(out / "brief.txt"), str(out)],
            readers,
            ReadOptions(),
            exclude=[out],
        )
    )
    assert [a.id for a in articles(items)] == ["a"]
    skipped = [(e.where, e.reason, e.skipped) for e in errors(items)]
    assert skipped == [
        (str(tmp_path / "in" / "link"), f"skipped: {EXCLUDED}", True),
        (
            str(out / "brief.txt"),
            f"skipped: in a folder {EXCLUDED}",
            True,
        ),
    ]


def test_glob_matches_in_an_excluded_folder_are_reported_once(
    readers: dict[str, Reader], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    for name in ("b.txt", "csv/c.txt"):
        (out / name).write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([f"{tmp_path}/**/*.txt"], readers, ReadOptions(), exclude=[str(out)]))
    assert [a.id for a in articles(items)] == ["a"]
    assert [(str(e), e.skipped) for e in errors(items)] == [
        (f"{out}: skipped: excluded from the inputs (svodka's output)", True)
    ]


def test_an_excluded_file_is_not_read(readers: dict[str, Reader], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    items = list(
        read_inputs([str(tmp_path)], readers, ReadOptions(), exclude=[str(tmp_path / "b.txt")])
    )
    assert [a.id for a in articles(items)] == ["a"]
    assert [str(e) for e in errors(items)] == [
        f"{tmp_path / 'b.txt'}: skipped: excluded from the inputs (svodka's output)"
    ]


def test_a_missing_excluded_path_excludes_nothing(
    readers: dict[str, Reader], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    items = list(
        read_inputs([str(tmp_path)], readers, ReadOptions(), exclude=[tmp_path / "not-there"])
    )
    assert [a.id for a in articles(items)] == ["a"] and errors(items) == []


def test_a_reader_that_gives_nothing_is_reported(tmp_path: Path) -> None:
    class Silent(Reader):
        name = "silent"
        suffixes = (".txt",)

        def read(self, source, options):
            return iter(())

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "a.txt")], {"silent": Silent()}, ReadOptions()))
    assert [str(i) for i in items] == [f"{tmp_path / 'a.txt'}: reader 'silent' gave no article"]


BIDI = ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"]
BIDI += ["\u200e", "\u200f", "\u061c"]


@given(st.text(alphabet=st.sampled_from([*BIDI, "a", "я", ".", " ", "\u200d", "\u00ad"])))
@settings(max_examples=200, deadline=None)
def test_bidi_controls_are_escaped_and_nothing_else_is(text: str) -> None:
    shown = printable(text)
    assert not any(ch in shown for ch in BIDI)
    expected = "".join(f"\\u{ord(ch):04x}" if ch in BIDI else ch for ch in text)
    assert shown == expected  # joiners and soft hyphens, which reorder nothing, are kept


def test_a_right_to_left_override_in_a_file_name_is_escaped(
    readers: dict[str, Reader], tmp_path: Path
) -> None:
    path = tmp_path / "report\u202etxt.exe.txt"
    path.write_text(TEXT, encoding="utf-8")
    (bad := tmp_path / "x\u2067.bin").write_bytes(b"\0\0")
    items = read(readers, path, bad)
    [article] = articles(items)
    assert article.id == "report\\u202etxt.exe"
    assert article.source == str(tmp_path / "report\\u202etxt.exe.txt")
    assert [str(e) for e in errors(items)][0].startswith(f"{tmp_path}/x\\u2067.bin: ")
