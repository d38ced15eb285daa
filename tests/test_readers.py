"""The built-in readers (text, JSON Lines, Word) through ``read_inputs`` and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from svodka.cli import cli
from svodka.components import InputError, Reader, ReadOptions, Source
from svodka.manager import load_plugins
from svodka.model.article import Article
from svodka.plugins.readers import docx as docx_reader
from svodka.read.inputs import read_inputs

TITLE = "Министры обороны подписали план сотрудничества"
BODY = (
    "МОСКВА, 5 марта 2024 г. - РИА Новости. Министр обороны провел переговоры с коллегой. "
    "Стороны обсудили вопросы региональной безопасности.\n"
    "По итогам встречи подписан план сотрудничества на следующий год.\n"
)
ARTICLE = f"{TITLE}\n\n{BODY}"


@pytest.fixture(scope="module")
def readers() -> dict[str, Reader]:
    return load_plugins(autoload=False).readers


def read(readers: dict[str, Reader], *inputs: Path | str, **options: str) -> list:
    return list(read_inputs([str(i) for i in inputs], readers, ReadOptions(**options)))


def only_articles(items: list) -> list[Article]:
    assert all(isinstance(item, Article) for item in items), items
    return items


def errors(items: list) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputError)]


# -- plain text ------------------------------------------------------------------------------


def test_text_file(readers, tmp_path: Path) -> None:
    path = tmp_path / "moscow-talks.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    [article] = only_articles(read(readers, path))
    assert article.id == "moscow-talks"
    assert article.text == ARTICLE.replace("\n", "\r\n")  # exactly the file's text
    assert article.title == TITLE
    assert article.outlet == "РИА Новости"
    assert article.published == "2024-03-05"
    assert article.source == str(path)


def test_markdown_file(readers, tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"# {TITLE}\n\n{BODY}", encoding="utf-8")
    [article] = only_articles(read(readers, path))
    assert (article.id, article.title) == ("note", TITLE)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866", "utf-16", "utf-8-sig"])
def test_text_encodings(readers, tmp_path: Path, encoding: str) -> None:
    short = "Министр обороны провел переговоры в Астане."
    (tmp_path / "long.txt").write_bytes(ARTICLE.encode(encoding))
    (tmp_path / "short.txt").write_bytes(short.encode(encoding))
    long_article, short_article = only_articles(read(readers, tmp_path))
    assert long_article.text == ARTICLE
    assert long_article.title == TITLE
    assert short_article.text == short


def test_encoding_option(readers, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("koi8_r"))
    [article] = only_articles(read(readers, path, encoding="koi8-r"))
    assert article.text == ARTICLE
    [failure] = read(readers, tmp_path / "a.txt", encoding="utf-8")
    assert isinstance(failure, InputError)
    assert failure.where == str(path) and "not valid utf-8 text" in failure.reason


def test_date_option_comes_before_the_dateline(readers, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{TITLE}\n\nБез даты.\n", encoding="utf-8")
    a, b = only_articles(read(readers, tmp_path, date="2024-03-06"))
    assert (a.published, b.published) == ("2024-03-06", "2024-03-06")
    a, b = only_articles(read(readers, tmp_path))
    assert (a.published, b.published) == ("2024-03-05", None)


def test_invalid_date_option_is_reported_per_input(readers, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert errors(read(readers, tmp_path, date="5 марта")) == [
        f"{tmp_path / 'a.txt'}: --date '5 марта' is not an ISO 8601 date (YYYY-MM-DD)"
    ]


def test_bad_files_are_reported_and_the_others_read(readers, tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (tmp_path / "d-blank.md").write_bytes(b"\n  \n")
    (tmp_path / "e-good.txt").write_text(BODY, encoding="cp1251")
    items = read(readers, tmp_path)
    assert [item.id for item in items if isinstance(item, Article)] == ["a-good", "e-good"]
    assert errors(items) == [
        f"{tmp_path / 'b-empty.txt'}: empty file",
        f"{tmp_path / 'c-picture.txt'}: binary data, not text",
        f"{tmp_path / 'd-blank.md'}: holds no text (only whitespace)",
    ]


def test_glob(readers, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    assert [a.id for a in only_articles(read(readers, f"{tmp_path}/*.txt"))] == ["a"]


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(readers, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, ARTICLE.encode("cp1251"))
    [article] = only_articles(read(readers, "-"))
    assert (article.id, article.title, article.text) == ("stdin", TITLE, ARTICLE)
    assert article.source == "<stdin>"


def test_stdin_json_lines(readers, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b'\n{"id": "x", "text": "\\u0422\\u0435\\u043a\\u0441\\u0442"}\n')
    [article] = only_articles(read(readers, "-"))
    assert (article.id, article.text, article.source) == ("x", "Текст", "<stdin>:2")


def test_stdin_word(readers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stdin(monkeypatch, make_docx(tmp_path / "a.docx", [TITLE, BODY]).read_bytes())
    [article] = only_articles(read(readers, "-"))
    assert (article.id, article.title) == ("stdin", TITLE)


# -- JSON Lines ------------------------------------------------------------------------------


def jsonl(path: Path, *lines: dict | str) -> Path:
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def test_json_lines_fields(readers, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "feed.jsonl",
        {
            "id": "a1",
            "title": "Заголовок",
            "text": "Текст статьи.",
            "outlet": "Kun.uz",
            "published": "2020-12-11T10:00:00+05:00",
            "url": "https://kun.uz/1",
            "language": "ru",
        },
        {"text": ARTICLE},
        {"id": 7, "text": BODY, "published": "вчера", "title": None},
    )
    first, second, third = only_articles(read(readers, path))
    assert first == Article(
        id="a1",
        text="Текст статьи.",
        title="Заголовок",
        outlet="Kun.uz",
        published="2020-12-11",
        url="https://kun.uz/1",
        language="ru",
        source=f"{path}:1",
    )
    # missing fields come from the text: headline, dateline agency and date
    assert (second.id, second.title, second.outlet, second.published) == (
        "feed-2",
        TITLE,
        "РИА Новости",
        "2024-03-05",
    )
    assert (third.id, third.published, third.title) == ("7", "2024-03-05", None)


def test_json_lines_date_option(readers, tmp_path: Path) -> None:
    path = jsonl(tmp_path / "feed.jsonl", {"text": BODY, "published": "2023-01-02"}, {"text": BODY})
    a, b = only_articles(read(readers, path, date="2022-05"))
    assert (a.published, b.published) == ("2023-01-02", "2022-05")


def test_malformed_line_between_good_lines(readers, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "feed.jsonl",
        {"id": "a", "text": "Первая."},
        '{"id": "b", "text": "Вторая.',
        "",
        {"id": "c", "text": "Третья."},
    )
    items = read(readers, path)
    assert [item.id for item in items if isinstance(item, Article)] == ["a", "c"]
    [error] = [item for item in items if isinstance(item, InputError)]
    assert error.where == f"{path}:2"
    assert error.reason.startswith("not valid JSON: Unterminated string")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"id": "x"}, 'no article text ("text" must be a non-empty string)'),
        ({"id": "x", "text": "  "}, 'no article text ("text" must be a non-empty string)'),
        ({"id": "x", "text": 5}, 'no article text ("text" must be a non-empty string)'),
        ('["text"]', "not a JSON object but list"),
        ({"id": ["x"], "text": "Текст"}, "\"id\" must be a string or a number, not ['x']"),
    ],
)
def test_lines_that_are_not_articles(readers, tmp_path: Path, line, reason: str) -> None:
    path = jsonl(tmp_path / "feed.jsonl", line, {"text": "Хорошая строка."})
    first, second = read(readers, path)
    assert str(first) == f"{path}:1: {reason}"
    assert second.id == "feed-2"


def test_duplicate_ids(readers, tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "feed.jsonl",
        {"id": "a", "text": "Один."},
        {"id": "b", "text": "Два."},
        {"id": "a", "text": "Три."},
    )
    items = read(readers, path)
    assert [item.text for item in items if isinstance(item, Article)] == ["Один.", "Два."]
    assert errors(items) == [f"{path}:3: duplicate id 'a' (first on line 1)"]


def test_json_lines_with_one_line_not_utf8(readers, tmp_path: Path) -> None:
    """A cp1251 line in a UTF-8 feed is read as cp1251, and the article says so."""
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": "Текст статьи."}, ensure_ascii=False).encode("utf-8")
    bad = json.dumps({"text": "Текст статьи."}, ensure_ascii=False).encode("cp1251")
    path.write_bytes(b"\n".join([good, bad, good]))
    first, second, third = only_articles(read(readers, path))
    assert [a.text for a in (first, second, third)] == ["Текст статьи."] * 3
    assert (first.warnings, third.warnings) == ((), ())
    assert second.warnings == (
        f"{path}:2: not valid UTF-8 on 1 line, repaired: line 2 (byte {len(good) + 11}): "
        "11 bytes not valid UTF-8, read as cp1251",
    )


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-8-sig"])
def test_json_lines_in_other_encodings(readers, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "feed.ndjson"
    line = json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False)
    path.write_bytes(f"{line}\r\n".encode(encoding))
    [article] = only_articles(read(readers, path))
    assert article.text == ARTICLE and article.title == TITLE


def test_empty_json_lines_file(readers, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"")
    assert errors(read(readers, path)) == [f"{path}: empty file"]


def test_blank_json_lines_file(readers, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n  \n\t\n")
    assert errors(read(readers, path)) == [f"{path}: holds no text (only whitespace)"]


def test_json_lines_with_named_encoding_report_bad_lines(readers, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": "Текст статьи."}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(b"\n".join([good, b'{"text": "\xff\xfe"}', good]))
    items = read(readers, path, encoding="utf-8")
    assert [item.source for item in items if isinstance(item, Article)] == [
        f"{path}:1",
        f"{path}:3",
    ]
    assert errors(items) == [f"{path}:2: not valid utf-8 text (byte 10: ff fe 22 7d)"]


def test_json_lines_are_streamed(readers, tmp_path: Path) -> None:
    """A large file is read line by line: reading its articles one at a time keeps only
    a small part of it in memory."""
    line = json.dumps({"text": "Министры подписали соглашение. " * 30}, ensure_ascii=False)
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([line] * 20_000) + "\n", encoding="utf-8")
    size = path.stat().st_size
    [reader] = [r for r in readers.values() if r.name == "jsonl"]
    tracemalloc.start()
    try:
        count = 0
        for item in reader.read(Source(str(path), path), ReadOptions()):
            assert isinstance(item, Article)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < size / 10, (peak, size)


# -- Word ------------------------------------------------------------------------------------


def make_docx(
    path: Path, paragraphs: list[str], *, title: str = "", table: list[list[str]] | None = None
) -> Path:
    document = docx.Document()
    document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return path


def test_word_document(readers, tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "brief.docx",
        [TITLE, "", BODY.strip()],
        table=[["Страна", "Министр"], ["Казахстан", "Даурен Косанов"]],
    )
    [article] = only_articles(read(readers, path))
    assert article.text == f"{TITLE}\n\n{BODY.strip()}\nСтрана\nМинистр\nКазахстан\nДаурен Косанов"
    assert (article.id, article.title, article.outlet, article.published) == (
        "brief",
        TITLE,
        "РИА Новости",
        "2024-03-05",
    )


def test_word_merged_cells_once(readers, tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", [BODY], table=[["a", "b"], ["c", "d"]])
    document = docx.Document(str(path))
    first_row = document.tables[0].rows[0].cells
    first_row[0].merge(first_row[1]).text = "Заголовок таблицы"
    document.save(str(path))
    [article] = only_articles(read(readers, path))
    assert article.text.endswith("\nЗаголовок таблицы\nc\nd")


def test_word_title_property(readers, tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", [BODY], title="  Итоги переговоров ")
    [article] = only_articles(read(readers, path))
    assert article.title == "Итоги переговоров"


def test_zip_bomb_is_refused(readers, tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(200):  # 200 MB of zeros: under 1 MB packed
                member.write(chunk)
    assert path.stat().st_size < 2**20
    [error] = read(readers, path)
    assert error.where == str(path)
    assert "unpacks to 200 MB" in error.reason and "zip bomb" in error.reason


def test_tightly_packed_member_is_refused(readers, tmp_path: Path) -> None:
    path = tmp_path / "dense.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * 20 * 2**20)  # 20 MB, under the total
    [error] = read(readers, path)
    assert error.reason.startswith("refused: word/document.xml unpacks to 1029 times its packed")
    assert "zip bomb" in error.reason


def test_archive_limits_leave_real_documents_alone(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", [BODY] * 2000)
    docx_reader.check_archive(str(path), "a.docx")  # raises nothing


def not_a_zip(path: Path) -> None:
    path.write_bytes(b"This is not a zip archive at all")


def zip_of_other_files(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")


def truncated_docx(path: Path) -> None:
    data = make_docx(path, [BODY]).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbled_xml(path: Path) -> None:
    whole = make_docx(path.with_suffix(".tmp"), [BODY])
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            target.writestr(
                member, b"<w:document>" if member.filename == "word/document.xml" else data
            )
    whole.unlink()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (not_a_zip, "not a Word document (.docx): not a zip archive"),
        (
            zip_of_other_files,
            "not a readable Word document (.docx): There is no item named '[Content_Types].xml'",
        ),
        (garbled_xml, "not a readable Word document (.docx): "),
        (truncated_docx, "not a Word document (.docx): not a zip archive"),
    ],
)
def test_broken_word_documents(readers, tmp_path: Path, make, reason: str) -> None:
    make(tmp_path / "broken.docx")
    make_docx(tmp_path / "whole.docx", [BODY])
    broken, whole = read(readers, tmp_path)
    assert isinstance(broken, InputError)
    assert broken.where == str(tmp_path / "broken.docx")
    assert broken.reason.startswith(reason)
    assert isinstance(whole, Article) and whole.id == "whole"


def test_empty_word_document(readers, tmp_path: Path) -> None:
    path = make_docx(tmp_path / "empty.docx", [])
    assert errors(read(readers, path)) == [f"{path}: the Word document holds no text"]


# -- the example corpus ----------------------------------------------------------------------


def test_corpus_json_lines(readers, shared_corpus: Path) -> None:
    path = shared_corpus / "articles.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles = only_articles(read(readers, path))
    assert len(articles) == 14
    for article, record in zip(articles, records, strict=True):
        assert article.id == record["id"]
        assert article.text == record["text"]
        assert article.title == record["title"]
        assert article.outlet == record["outlet"]
        assert article.published == record["published"]


def test_corpus_text_files(readers, shared_corpus: Path) -> None:
    articles = {a.id: a for a in only_articles(read(readers, shared_corpus / "articles"))}
    plan = articles["kz-ru-plan-2026"]
    assert plan.title == "Главы МО Казахстана и РФ подписали план сотрудничества на 2026 год"
    assert plan.outlet == "ТАСС"
    assert plan.published is None  # "31 октября" gives no year
    assert plan.text == (shared_corpus / "articles" / "kz-ru-plan-2026.txt").read_text(
        encoding="utf-8"
    )
    visit = articles["kz-by-astana-visit"]
    assert visit.outlet == "BaigeNews.kz"
    assert visit.title is None  # the first line is a sentence


# -- command line ----------------------------------------------------------------------------


def test_cli_reports_a_broken_file_and_processes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    assert f"svodka: error: {folder / 'broken.txt'}: binary data, not text" in result.stderr
    assert "1 articles processed, 1 failed" in result.stderr


def _cp1251_mojibake(text: str) -> str:
    """UTF-8 read as cp1251 on Windows (which reads 0x98, of "И", as U+0098)."""
    return "".join(bytes([b]).decode("cp1251", "ignore") or chr(b) for b in text.encode())


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_jsonl_mojibake_fields_are_repaired_with_a_warning(
    readers: dict[str, Reader], tmp_path: Path, ensure_ascii: bool
) -> None:
    text = "Глава МИД Казахстана провел переговоры с коллегой в Москве."
    record = {
        "id": "m",
        "title": _cp1251_mojibake("Глава МИД в Москве"),
        "text": _cp1251_mojibake(text),
        "outlet": "ТАСС",
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record, ensure_ascii=ensure_ascii) + "\n", encoding="utf-8")
    [article] = read(readers, feed)
    assert (article.text, article.title, article.outlet) == (text, "Глава МИД в Москве", "ТАСС")
    assert article.warnings == (
        f'{feed}:1: "text": UTF-8 text that had been read as cp1251 (mojibake) on line 1, repaired',
        f'{feed}:1: "title": UTF-8 text that had been read as cp1251 (mojibake) on line 1, '
        "repaired",
    )


def test_docx_mojibake_is_repaired_with_a_warning(
    readers: dict[str, Reader], tmp_path: Path
) -> None:
    document = docx.Document()
    document.add_paragraph("Глава МИД")
    document.add_paragraph(_cp1251_mojibake("Министр провел переговоры в Астане."))
    path = tmp_path / "a.docx"
    document.save(str(path))
    [article] = read(readers, path)
    assert article.text == "Глава МИД\nМинистр провел переговоры в Астане."
    assert article.warnings == (
        f"{path}: UTF-8 text that had been read as cp1251 (mojibake) on line 2, repaired",
    )


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("title", ["Заголовок"], 'a list (["Заголовок"])'),
        ("outlet", {"name": "ТАСС"}, 'an object ({"name": "ТАСС"})'),
        ("url", 42, "a number (42)"),
        ("published", True, "true or false (true)"),
        ("language", "x" * 100, None),
    ],
)
def test_jsonl_fields_of_the_wrong_type_are_named(
    readers: dict[str, Reader], tmp_path: Path, field: str, value: object, shown: str | None
) -> None:
    feed = tmp_path / "feed.jsonl"
    record = {"id": "a", "text": "Министр провел переговоры.", field: value}
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = read(readers, feed)
    if shown is None:  # a string, even a strange one, is taken
        assert article.warnings == ()
        return
    assert article.warnings == (f'{feed}:1: "{field}" must be a string, not {shown}; left out',)
    assert getattr(article, field) in (None, "Министр провел переговоры.")


def test_jsonl_long_wrong_values_are_cut_in_the_warning(
    readers: dict[str, Reader], tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    record = {"text": "Текст статьи.", "title": list(range(100))}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = read(readers, feed)
    assert article.warnings == (
        f'{feed}:1: "title" must be a string, not a list ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, '
        "11, 1…); left out",
    )


@pytest.mark.parametrize("published", ["вчера", "2025-13-45", "31.10.2025"])
def test_jsonl_unreadable_published_is_named(
    readers: dict[str, Reader], tmp_path: Path, published: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    record = {"text": "Текст статьи.", "published": published}
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = read(readers, feed)
    assert article.published is None
    assert article.warnings == (f'{feed}:1: "published" {published!r} is not a date; left out',)


def test_word_document_dates_a_dateline_without_a_year(readers, tmp_path: Path) -> None:
    text = "ГРОДНО, 3 января. /БЕЛТА/. Министры обороны провели переговоры в Гродно."
    saved = make_docx(tmp_path / "saved.docx", [text])
    document = docx.Document(str(saved))
    document.core_properties.last_modified_by = "Дежурный"
    document.core_properties.modified = dt.datetime(2026, 1, 5, 9, 30)
    document.save(str(saved))
    [article] = only_articles(read(readers, saved))
    assert article.published == "2026-01-03"
    # a document a program made names no editor: its template's date (2013) dates nothing
    made = make_docx(tmp_path / "made.docx", [text])
    [article] = only_articles(read(readers, made))
    assert article.published is None
