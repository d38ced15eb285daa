"""The CSV fact tables: one UTF-8 file with BOM per record type, read back with csv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from test_tables import HOSTILE, URL, Drill, hostile_run, sample_run

from svodka.model.article import Article
from svodka.model.records import Meeting, Quote
from svodka.pipeline import ArticleOutcome, Run
from svodka.plugins.exporters.csvfiles import CsvExporter, csv_value, write_csv_folder
from svodka.report import labels
from svodka.report.tabular import MAX_CELL, TableSource, record_columns

BUILT_IN = ["agreement", "event", "meeting", "membership", "quote", "role"]


def read(path: Path, delimiter: str) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to take it for UTF-8
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


@pytest.fixture(scope="module")
def folder_ru(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "csv"
    CsvExporter().export(sample_run(), folder)
    return folder


def test_one_file_per_record_type(folder_ru: Path) -> None:
    assert sorted(p.name for p in folder_ru.iterdir()) == sorted(
        f"{t}.csv" for t in [*BUILT_IN, "drill"]
    )


def test_headers_are_the_workbook_columns(folder_ru: Path) -> None:
    with (folder_ru / "meeting.csv").open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh, delimiter=";"))
    assert header == [c.header for c in record_columns(Meeting, "ru")]
    assert header[:6] == ["Участники", "Страны", "Место", "Дата", "Формат", "Темы"]
    with (folder_ru / "drill.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh, delimiter=";"))[:2] == ["units", "area"]


def test_values_russian(folder_ru: Path) -> None:
    meetings = read(folder_ru / "meeting.csv", ";")
    assert [m["ID записи"] for m in meetings] == ["meeting-1", "meeting-2"]
    first = meetings[0]
    assert first["Участники"] == "Даурен Косанов; Андрей Белоусов"
    assert first["Страны"] == "Казахстан; Россия"
    assert first["Дата"] == "2025-10-31"  # complete: ISO, which Excel reads as a date
    assert first["Формат"] == labels.value_label("meeting", "format", "talks", "ru")
    assert first["Уверенность"] == "0,85"  # decimal comma, as a Russian Excel expects
    assert first["Ссылка"] == URL
    assert first["Статья"] == "a1"
    assert meetings[1]["Дата публикации"] == labels.format_date("2025-10", "ru")
    assert meetings[1]["Место"] == ""
    agreement = read(folder_ru / "agreement.csv", ";")[0]
    assert agreement["Дата"] == labels.format_date("2025-10", "ru")
    event = read(folder_ru / "event.csv", ";")[0]
    assert (event["Номер"], event["Международное"]) == ("10", "да")
    assert read(folder_ru / "drill.csv", ";")[0]["units"] == "3"


def test_english_files_use_commas_and_english_names(tmp_path: Path) -> None:
    CsvExporter().export(sample_run("en"), tmp_path / "csv")
    first = read(tmp_path / "csv" / "meeting.csv", ",")[0]
    assert first["Countries"] == "Kazakhstan; Russia"
    assert first["Confidence"] == "0.85"
    assert first["Published"] == "2025-10-31"


def test_types_without_records_get_a_header_only_file(tmp_path: Path) -> None:
    written = write_csv_folder(TableSource([], lambda: iter(())), tmp_path / "csv")
    assert sorted(p.name for p in written) == [f"{t}.csv" for t in BUILT_IN]
    assert read(tmp_path / "csv" / "role.csv", ";") == []


def test_hostile_text_gets_an_apostrophe_and_stays_readable(tmp_path: Path) -> None:
    CsvExporter().export(hostile_run(), tmp_path / "csv")
    quotes = read(tmp_path / "csv" / "quote.csv", ";")
    assert len(quotes) == 10_002
    for i, quote in enumerate(quotes[: 2 * len(HOSTILE)]):
        original = HOSTILE[i % len(HOSTILE)]
        if original[0] in "=+-@\t\r":
            assert quote["Слова"] == "'" + original
        else:
            assert quote["Слова"] == original
    assert [q["Слова"] for q in quotes[:4]][2:] == ["'+7 (495) 123-45-67", "'-5%"]
    by_id = {q["ID записи"]: q for q in quotes}
    assert by_id["control"]["Слова"] == "abcde"
    long = by_id["long"]["Слова"]
    assert len(long) == MAX_CELL and long.endswith("…[обрезано]")
    assert by_id["q0"]["Издание"] == "'-5%"


def test_csv_value_guards() -> None:
    assert csv_value("=1+2", "ru") == "'=1+2"
    assert csv_value("@x", "en") == "'@x"
    assert csv_value("plain", "en") == "plain"
    assert csv_value(None, "ru") == ""
    assert csv_value(0.5, "ru") == "0,5"
    assert csv_value(12, "ru") == "12"


def test_a_failed_export_leaves_the_previous_files(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    CsvExporter().export(sample_run(), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def records():
        yield Meeting(article="a", id="m1")
        yield Drill(article="a", id="d1")
        raise RuntimeError("reader broke")

    with pytest.raises(RuntimeError):
        write_csv_folder(TableSource([], records), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_control_characters_are_removed_and_escapes_kept_literal(tmp_path: Path) -> None:
    article = Article(id="c1", text="x", title="T", outlet="Out\x85let\x7f")
    records = [
        Quote(article="c1", speaker="Лицо\x9f", text="a\x7fb\x80c\x85d\x9fe\x00f", id="c1"),
        Quote(article="c1", speaker="Лицо", text="_x0007_", id="escape"),
    ]
    CsvExporter().export(Run([ArticleOutcome("c", article, records)]), tmp_path / "csv")
    raw = (tmp_path / "csv" / "quote.csv").read_text(encoding="utf-8-sig")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", raw)
    by_id = {q["ID записи"]: q for q in read(tmp_path / "csv" / "quote.csv", ";")}
    assert by_id["c1"]["Слова"] == "abcdef"
    assert by_id["c1"]["Автор слов"] == "Лицо" and by_id["c1"]["Издание"] == "Outlet"
    assert by_id["escape"]["Слова"] == "_x0007_"  # CSV has no such escape: kept as it is
