"""The Excel workbook (facts.xlsx) and ``svodka export``: read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

import svodka
from svodka.cli import cli
from svodka.manager import Plugins
from svodka.model.article import Article
from svodka.model.records import (
    Agreement,
    Event,
    Evidence,
    Meeting,
    Membership,
    Quote,
    Record,
    RecordType,
    Role,
)
from svodka.pipeline import ArticleOutcome, Run
from svodka.plugins.exporters import csvfiles, tables, workbook
from svodka.plugins.exporters.tables import XlsxExporter
from svodka.plugins.exporters.workbook import link_target, write_workbook
from svodka.report import labels
from svodka.report.tabular import MAX_CELL, TableSource, record_columns, source_from_run

URL = "https://example.org/news/1?a=1&b=оборона"
SENTENCE = "Даурен Косанов и Андрей Белоусов провели переговоры в Алматы."

# the one order of record types (their declared ``spec.order``), then the other sheets
RU_SHEETS = [
    "Соглашения",
    "Членство",
    "Встречи",
    "Мероприятия",
    "Должности",
    "Цитаты",
    "Статьи",
    "Упоминания",
    "Должностные лица",
    "О выгрузке",
]
EN_SHEETS = [
    "Agreements",
    "Memberships",
    "Meetings",
    "Events",
    "Roles",
    "Quotes",
    "Articles",
    "Entities",
    "People",
    "About",
]


@dataclass(kw_only=True)
class Drill(Record):
    """A plugin's own record type."""

    type: ClassVar[str] = "drill"
    units: int | None = None
    area: str | None = None


def ev(text: str = SENTENCE) -> list[Evidence]:
    return [Evidence(0, len(text), text)]


def sample_run(lang: str = "ru") -> Run:
    a1 = Article(
        id="a1",
        text=SENTENCE,
        title="Главы МО Казахстана и России подписали план",
        outlet="ТАСС",
        published="2025-10-31",
        url=URL,
    )
    a3 = Article(id="a3", text="Текст.", title="Заметка", outlet="РИА", published="2025-10")
    records_a1: list[Record] = [
        Role(
            article="a1",
            person="Даурен Косанов",
            position="министр обороны",
            country="KZ",
            rank="генерал-полковник",
            confidence=0.9,
            evidence=ev(),
            id="role-1",
        ),
        Role(
            article="a1",
            person="Андрей Белоусов",
            position="министр обороны",
            country="RU",
            evidence=ev(),
            id="role-2",
        ),
        Meeting(
            article="a1",
            participants=["Даурен Косанов", "Андрей Белоусов"],
            countries=["KZ", "RU"],
            place="Алматы",
            date="2025-10-31",
            format="talks",
            topics=["военное сотрудничество", "региональная безопасность"],
            confidence=0.85,
            evidence=ev(),
            id="meeting-1",
        ),
        Agreement(
            article="a1",
            kind="plan",
            title="план военного сотрудничества",
            parties=["KZ", "RU"],
            period="2026",
            status="signed",
            date="2025-10",
            place="Алматы",
            evidence=ev(),
            id="agreement-1",
        ),
        Membership(
            article="a1",
            country="BY",
            organization="SCO",
            status="member",
            date="2024-07-04",
            evidence=ev(),
            id="membership-1",
        ),
        Event(
            article="a1",
            name="Айбын",
            category="сбор",
            edition=10,
            international=True,
            status="held",
            place="Алматы",
            country="KZ",
            date="2025",
            participants=["KZ", "BY"],
            evidence=ev(),
            id="event-1",
        ),
        Quote(
            article="a1",
            speaker="Даурен Косанов",
            text="Мы укрепляем сотрудничество",
            evidence=ev(),
            id="quote-1",
        ),
        Drill(article="a1", units=3, area="Алматы", evidence=ev(), id="drill-1"),
    ]
    records_a3: list[Record] = [
        Meeting(
            article="a3",
            participants=["Андрей Белоусов"],
            countries=["RU"],
            evidence=ev("Белоусов прибыл."),
            id="meeting-2",
        ),
    ]
    return Run(
        outcomes=[
            ArticleOutcome("feed.jsonl:1", a1, records_a1, summary=ev()),
            ArticleOutcome("bad.txt", failure="bad.txt: cannot decode the text"),
            ArticleOutcome(
                "feed.jsonl:3",
                a3,
                records_a3,
                errors=["extractor 'quotes' failed on article 'a3': boom"],
            ),
        ],
        inputs=["feed.jsonl", "bad.txt"],
        started=dt.datetime(2025, 11, 2, 10, 15, tzinfo=dt.timezone.utc),
        plugins=[{"name": "extractors.roles", "version": "0.1.0"}],
        options={"lang": lang},
    )


def rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def by_header(ws) -> list[dict]:
    header, *data = rows(ws)
    return [dict(zip(header, row, strict=True)) for row in data]


@pytest.fixture(scope="module")
def book_ru(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "facts.xlsx"
    XlsxExporter().export(sample_run(), path)
    return load_workbook(path)


# -- structure -----------------------------------------------------------------------------


def test_sheets_in_order_with_a_plugin_type_after_the_built_in_ones(book_ru: Workbook) -> None:
    assert book_ru.sheetnames == [*RU_SHEETS[:6], "drill", *RU_SHEETS[6:]]


def test_record_headers_in_the_documented_order(book_ru: Workbook) -> None:
    trailing = [
        "Статья",
        "Издание",
        "Дата публикации",
        "Дата публикации, точность",
        "Фрагмент текста",
        "Уверенность",
        "Ссылка",
        "ID записи",
    ]
    assert rows(book_ru["Встречи"])[0] == [
        "Участники",
        "Страны",
        "Место",
        "Дата",
        "Дата, точность",
        "Формат",
        "Темы",
        *trailing,
    ]
    assert rows(book_ru["Должности"])[0] == [
        "Лицо",
        "Должность",
        "Страна",
        "Организация",
        "Звание",
        "На дату",
        "На дату, точность",
        "Бывшая должность",
        *trailing,
    ]
    assert rows(book_ru["drill"])[0] == ["units", "area", *trailing]
    assert rows(book_ru["Статьи"])[0] == [
        "ID",
        "Заголовок",
        "Издание",
        "Дата публикации",
        "Дата публикации, точность",
        "Ссылка",
        "Краткое содержание",
        "Записей",
        "Статус",
        "Проблемы",
        "Источник",
    ]
    assert rows(book_ru["Упоминания"])[0] == [
        "Вид",
        "Название",
        "Идентификатор",
        "Должности",
        "Упоминаний (записей)",
    ]
    assert rows(book_ru["О выгрузке"])[0] == ["Параметр", "Значение"]


def test_every_sheet_is_a_banded_table_over_all_its_rows_with_a_frozen_header(
    book_ru: Workbook,
) -> None:
    names = set()
    for ws in book_ru.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert len(ws.tables) == 1, ws.title
        (table,) = ws.tables.values()
        names.add(table.displayName)
        last = get_column_letter(ws.max_column)
        assert table.ref == f"A1:{last}{max(ws.max_row, 2)}", ws.title
        assert table.autoFilter.ref == table.ref
        assert table.tableStyleInfo.showRowStripes
        assert [c.name for c in table.tableColumns] == rows(ws)[0]
        for letter in (get_column_letter(i) for i in range(1, ws.max_column + 1)):
            assert 6 <= ws.column_dimensions[letter].width <= 60, (ws.title, letter)
    assert len(names) == len(book_ru.worksheets)


def test_widths_fit_the_content_and_long_text_wraps(book_ru: Workbook) -> None:
    ws = book_ru["Встречи"]
    header = rows(ws)[0]
    width = {h: ws.column_dimensions[get_column_letter(i)].width for i, h in enumerate(header, 1)}
    assert width["Формат"] < width["Участники"] < width["Фрагмент текста"] <= 60
    evidence = ws.cell(row=2, column=header.index("Фрагмент текста") + 1)
    assert evidence.alignment.wrap_text and evidence.alignment.vertical == "top"


# -- values --------------------------------------------------------------------------------


def test_values_are_named_joined_and_typed(book_ru: Workbook) -> None:
    meeting = by_header(book_ru["Встречи"])[0]
    assert meeting["Участники"] == "Даурен Косанов; Андрей Белоусов"
    assert meeting["Страны"] == "Казахстан; Россия"
    assert meeting["Место"] == "Алматы"
    assert meeting["Дата"] == dt.datetime(2025, 10, 31)  # a real date cell
    assert meeting["Дата, точность"] == "день"
    assert meeting["Формат"] == labels.value_label("meeting", "format", "talks", "ru")
    assert meeting["Статья"] == "a1"
    assert meeting["Издание"] == "ТАСС"
    assert meeting["Дата публикации"] == dt.datetime(2025, 10, 31)
    assert meeting["Фрагмент текста"] == SENTENCE
    assert meeting["Уверенность"] == pytest.approx(0.85)
    assert meeting["Ссылка"] == URL
    assert meeting["ID записи"] == "meeting-1"
    agreement = by_header(book_ru["Соглашения"])[0]
    # a partial date is a date cell too, with its precision beside it
    assert (agreement["Дата"], agreement["Дата, точность"]) == (dt.datetime(2025, 10, 1), "месяц")
    assert agreement["Стороны"] == "Казахстан; Россия"
    assert agreement["Период"] == "2026"
    event = by_header(book_ru["Мероприятия"])[0]
    assert event["Номер"] == 10
    assert event["Международное"] == "да"
    assert event["Страны-участницы"] == "Казахстан; Беларусь"
    assert (event["Дата"], event["Дата, точность"]) == (dt.datetime(2025, 1, 1), "год")
    membership = by_header(book_ru["Членство"])[0]
    assert membership["Организация"] == labels.organization_name("SCO", "ru")
    drill = by_header(book_ru["drill"])[0]
    assert drill["units"] == 3 and drill["area"] == "Алматы"
    later = by_header(book_ru["Встречи"])[1]
    assert later["Дата публикации"] == dt.datetime(2025, 10, 1)
    assert later["Дата публикации, точность"] == "месяц"
    assert later["Ссылка"] is None


def test_date_cells_have_a_date_format(book_ru: Workbook) -> None:
    ws = book_ru["Встречи"]
    cell = ws.cell(row=2, column=rows(ws)[0].index("Дата") + 1)
    assert cell.is_date
    assert cell.number_format == "DD.MM.YYYY"


def test_records_link_to_their_article_row_and_to_the_source(book_ru: Workbook) -> None:
    articles = book_ru["Статьи"]
    for ws in book_ru.worksheets[:7]:
        header = rows(ws)[0]
        at, link = header.index("Статья") + 1, header.index("Ссылка") + 1
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row=row, column=at)
            sheet, ref = cell.hyperlink.location.split("!")
            assert sheet == "'Статьи'"
            assert articles[ref].value == cell.value, (ws.title, row)
            source = ws.cell(row=row, column=link)
            if source.value is None:
                assert source.hyperlink is None
            else:
                assert source.hyperlink.target == link_target(URL)
                assert source.font.underline == "single"
    assert (
        link_target(URL)
        == "https://example.org/news/1?a=1&b=%D0%BE%D0%B1%D0%BE%D1%80%D0%BE%D0%BD%D0%B0"
    )
    assert articles["F2"].hyperlink.target == link_target(URL)


def test_articles_sheet_lists_every_input_with_its_status(book_ru: Workbook) -> None:
    listed = by_header(book_ru["Статьи"])
    assert [(a["ID"], a["Записей"], a["Статус"]) for a in listed] == [
        ("a1", 8, "обработана"),
        (None, 0, "ошибка"),
        ("a3", 1, "обработана, с проблемами"),
    ]
    assert listed[0]["Заголовок"] == "Главы МО Казахстана и России подписали план"
    assert listed[0]["Дата публикации"] == dt.datetime(2025, 10, 31)
    assert listed[0]["Краткое содержание"] == SENTENCE
    assert listed[1]["Проблемы"] == "bad.txt: cannot decode the text"
    assert listed[1]["Источник"] == "bad.txt"
    assert "boom" in listed[2]["Проблемы"]


def test_a_run_source_keeps_only_what_record_rows_need() -> None:
    """Titles, summaries and problems are streamed from the run for the Articles sheet,
    not held for every article while the records are written."""
    source = source_from_run(sample_run())
    assert [(a.id, a.status, a.title, a.summary, a.problems) for a in source.articles] == [
        ("a1", "processed", None, None, []),
        (None, "failed", None, None, []),
        ("a3", "partial", None, None, []),
    ]
    assert source.articles[0].url == URL
    assert source.articles_in_full is not None
    full = list(source.articles_in_full())
    assert [a.id for a in full] == ["a1", None, "a3"]
    assert full[0].summary == SENTENCE and full[1].problems == ["bad.txt: cannot decode the text"]


def test_entities_with_posts_and_counts(book_ru: Workbook) -> None:
    listed = {(e["Вид"], e["Идентификатор"]): e for e in by_header(book_ru["Упоминания"])}
    kosanov = listed[("Лицо", "Даурен Косанов")]
    assert kosanov["Должности"] == "генерал-полковник, министр обороны (Казахстан)"
    assert kosanov["Упоминаний (записей)"] == 3  # role, meeting, quote
    assert listed[("Лицо", "Андрей Белоусов")]["Упоминаний (записей)"] == 3
    kz = listed[("Страна", "KZ")]
    assert kz["Название"] == "Казахстан"
    assert kz["Упоминаний (записей)"] == 4  # role, meeting, agreement, event
    assert listed[("Организация", "SCO")]["Упоминаний (записей)"] == 1
    assert listed[("Место", "Алматы")]["Упоминаний (записей)"] == 3  # drill's area is no place
    kinds = [e["Вид"] for e in by_header(book_ru["Упоминания"])]
    assert kinds == sorted(kinds, key=["Лицо", "Страна", "Организация", "Место"].index)


def test_about_sheet_describes_the_run(book_ru: Workbook) -> None:
    about = rows(book_ru["О выгрузке"])[1:]
    pairs = [tuple(r) for r in about]
    assert ("Программа", f"svodka {svodka.__version__}") in pairs
    assert ("Дата", "2 ноября 2025, 10:15 UTC") in pairs
    assert [v for k, v in pairs if k == "Вход"] == ["feed.jsonl", "bad.txt"]
    assert ("Статей", 2) in pairs
    assert ("Входов с ошибкой", 1) in pairs
    assert ("Записей всего", 9) in pairs
    assert ("Записей: Встречи", 2) in pairs
    assert ("Плагин", "extractors.roles 0.1.0") in pairs


def test_english_headers_and_names(tmp_path: Path) -> None:
    path = tmp_path / "facts.xlsx"
    XlsxExporter().export(sample_run("en"), path)
    book = load_workbook(path)
    assert book.sheetnames == [*EN_SHEETS[:6], "drill", *EN_SHEETS[6:]]
    meeting = by_header(book["Meetings"])[0]
    assert meeting["Participants"] == "; ".join(
        labels.person_name(p, "en") for p in ("Даурен Косанов", "Андрей Белоусов")
    )
    assert meeting["Countries"] == "Kazakhstan; Russia"
    assert meeting["Format"] == labels.value_label("meeting", "format", "talks", "en")
    assert meeting["Published"] == dt.datetime(2025, 10, 31)
    assert book["Meetings"].cell(row=2, column=4).number_format == "YYYY-MM-DD"
    agreement = by_header(book["Agreements"])[0]
    assert (agreement["Date"], agreement["Date, precision"]) == (dt.datetime(2025, 10, 1), "month")
    assert by_header(book["Events"])[0]["International"] == "yes"
    assert book["Meetings"]["H2"].hyperlink.location == "'Articles'!A2"
    assert [a["Status"] for a in by_header(book["Articles"])] == [
        "processed",
        "failed",
        "processed, with problems",
    ]


# -- hostile and large ---------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "=1+2",
    "+7 (495) 123-45-67",
    "-5%",
    "@SUM(A1:A2)",
    "\tTab first",
    "\rCarriage return first",
    'A & B <tag> "quoted"',
]


def hostile_run(n_rows: int = 10_000) -> Run:
    article = Article(
        id="h1", text="x", title="=cmd|' /C calc'!A0", outlet="-5%", url="javascript:alert(1)"
    )
    records: list[Record] = [
        Quote(article="h1", speaker=f"Лицо {i}", text=HOSTILE[i % len(HOSTILE)], id=f"q{i}")
        for i in range(n_rows)
    ]
    records.append(
        Quote(article="h1", speaker="Контроль", text="a\x00b\x07c\x1fd\ud800e\ufffe", id="control")
    )
    records.append(Quote(article="h1", speaker="Длинный", text="ж" * 40_000, id="long"))
    return Run([ArticleOutcome("h.jsonl:1", article, records)], inputs=["h.jsonl"])


def test_hostile_text_is_text_never_a_formula_and_never_breaks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "facts.xlsx"
    XlsxExporter().export(hostile_run(), path)
    book = load_workbook(path)
    ws = book["Цитаты"]
    header = rows(ws)[0]
    col = header.index("Слова") + 1
    for row in range(2, 2 + 2 * len(HOSTILE)):
        cell = ws.cell(row=row, column=col)
        expected = HOSTILE[(row - 2) % len(HOSTILE)]
        assert cell.value == expected
        assert cell.data_type == "s", expected
        if expected[0] in "=+-@\t\r":
            assert cell.quotePrefix, expected  # stays text when edited in Excel
    # 10,000 rows and two more, every one inside the table
    assert ws.max_row == 10_003
    assert ws.tables["t_quote"].ref == f"A1:{get_column_letter(len(header))}10003"
    values = {r[header.index("ID записи")]: r[col - 1] for r in rows(ws)[1:]}
    assert values["control"] == "abcde"
    long = values["long"]
    assert len(long) == MAX_CELL
    assert long.startswith("жжж") and long.endswith("…[обрезано]")
    article = by_header(book["Статьи"])[0]
    assert article["Заголовок"] == "=cmd|' /C calc'!A0"
    assert book["Статьи"]["B2"].data_type == "s"
    assert article["Издание"] == "-5%"
    assert book["Статьи"]["E2"].hyperlink is None  # not a web link: shown, not linked


def test_a_cell_past_the_limit_counts_utf16_units() -> None:
    from svodka.report.tabular import fit_cell

    text = "😀" * 20_000  # 40,000 UTF-16 units
    cut = fit_cell(text, "en")
    assert cut.endswith(" …[truncated]")
    assert len(cut.encode("utf-16-le")) // 2 <= MAX_CELL


def test_rows_past_the_sheet_limit_continue_on_another_sheet(tmp_path: Path) -> None:
    article = Article(id="x", text="t", url="https://example.org/x")
    records: list[Record] = [
        Meeting(article="x", participants=[f"Лицо {i}"], id=f"m{i}") for i in range(7)
    ]
    outcomes = [ArticleOutcome("x", article, records)] + [
        ArticleOutcome(f"y{i}", Article(id=f"y{i}", text="t")) for i in range(4)
    ]
    outcomes[-1].records.append(Meeting(article="y3", participants=["Лицо 8"], id="m8"))
    path = tmp_path / "facts.xlsx"
    write_workbook(source_from_run(Run(outcomes)), path, rows_per_sheet=3)
    book = load_workbook(path)
    assert book.sheetnames[2:5] == ["Встречи", "Встречи (2)", "Встречи (3)"]
    assert book.sheetnames[8:10] == ["Статьи", "Статьи (2)"]
    ids = [r[-1] for name in book.sheetnames[2:5] for r in rows(book[name])[1:]]
    assert ids == [*(f"m{i}" for i in range(7)), "m8"]
    assert [book[n].max_row for n in book.sheetnames[2:5]] == [4, 4, 3]
    assert book["Встречи (3)"].tables["t_meeting_3"].ref == "A1:O3"
    assert book["Статьи (2)"]["A2"].value == "y2"
    # links point into the right part of Articles
    assert book["Встречи (3)"]["H2"].hyperlink.location == "'Статьи'!A2"
    assert book["Встречи (3)"]["H3"].hyperlink.location == "'Статьи (2)'!A3"
    assert book["Статьи (2)"]["A3"].value == "y3"
    assert book["Встречи (3)"]["N2"].hyperlink.target == "https://example.org/x"
    assert all(len(book[n].tables) == 1 for n in book.sheetnames)


def test_links_stop_at_the_limit_excel_takes_in_a_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_LINKS", 5)
    article = Article(id="x", text="t", url="https://example.org/x")
    records: list[Record] = [Meeting(article="x", id=f"m{i}") for i in range(4)]
    path = tmp_path / "facts.xlsx"
    XlsxExporter().export(Run([ArticleOutcome("x", article, records)]), path)
    ws = load_workbook(path)["Встречи"]
    linked = [
        (c.coordinate, c.font.underline)
        for row in ws.iter_rows(min_row=2)
        for c in row
        if c.hyperlink
    ]
    assert linked == [
        ("H2", "single"),
        ("N2", "single"),
        ("H3", "single"),
        ("N3", "single"),
        ("H4", "single"),
    ]
    assert ws["N4"].value == "https://example.org/x" and ws["N4"].font.underline is None
    assert ws["H5"].value == "x" and ws["H5"].hyperlink is None


def test_sheet_and_table_names_are_valid_and_unique() -> None:
    book = workbook._Book("ru", 10, [])
    long = "очень/длинное:имя*типа?записи[1]"
    first, second = book.sheet_title(long, 1), book.sheet_title(long, 1)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set(first) & set("[]:*?/\\")
    assert book.sheet_title("History", 1) != "History"
    assert book.table_name("тип записи", 1) != book.table_name("тип записи", 1)
    assert book.table_name("a b", 1).startswith("t_a_b")


def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    """The links and rows of a sheet are spooled: what the exporter holds does not grow with
    the number of records (10x the records, a small constant more memory)."""
    import tracemalloc

    def peak(n: int) -> int:
        article = Article(id="a", text="t", url=URL)
        source = TableSource(
            articles=source_from_run(Run([ArticleOutcome("a", article)])).articles,
            records=lambda: (
                Meeting(
                    article="a",
                    participants=["Даурен Косанов"],
                    countries=["KZ"],
                    evidence=ev(),
                    id=f"m{i}",
                )
                for i in range(n)
            ),
        )
        tracemalloc.start()
        write_workbook(source, tmp_path / f"m{n}.xlsx")
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result

    small, large = peak(500), peak(5_000)
    assert large < small + 256 * 1024, (small, large)


# -- atomic writing ------------------------------------------------------------------------


def test_a_failed_save_leaves_the_previous_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facts.xlsx"
    XlsxExporter().export(sample_run(), path)
    before = path.read_bytes()

    def broken_save(self) -> None:
        self._archive.writestr("[Content_Types].xml", "half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(ExcelWriter, "write_data", broken_save)
    with pytest.raises(OSError, match="disk full"):
        XlsxExporter().export(sample_run(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["facts.xlsx"]


def test_a_failing_record_stream_leaves_no_file(tmp_path: Path) -> None:
    def records():
        yield Meeting(article="a", id="m1")
        raise RuntimeError("reader broke")

    with pytest.raises(RuntimeError):
        write_workbook(TableSource([], records), tmp_path / "facts.xlsx")
    assert list(tmp_path.iterdir()) == []


# -- plugin, svodka export, svodka run -----------------------------------------------------


def table_plugins() -> Plugins:
    """The built-in plugins (installed ones not loaded) with the table exporters, whether or
    not the defaults list them."""
    plugins = Plugins(autoload=False)
    for module in (tables, csvfiles):
        if not plugins.pm.is_registered(module):
            plugins.register(module)
    return plugins


def test_registered_as_an_exporter_and_a_command() -> None:
    plugins = table_plugins()
    assert not plugins.problems
    assert plugins.exporters["xlsx"].filename == "facts.xlsx"
    assert plugins.exporters["csv"].filename == "csv"
    assert plugins.owner[("exporter", "xlsx")].endswith("tables")
    assert plugins.owner[("exporter", "csv")].endswith("csvfiles")
    result = CliRunner().invoke(cli, ["--help"], obj={"plugins": plugins})
    assert "  export " in result.stdout
    result = CliRunner().invoke(cli, ["export", "--help"], obj={"plugins": plugins})
    assert "--format NAME" in result.stdout
    assert all(f"  {name} " in result.stdout for name in plugins.exporters)


def write_records(path: Path, run: Run) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in run.records:
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return path


def invoke_export(args: list[str]):
    plugins = table_plugins()
    plugins.record_types["drill"] = Drill
    return CliRunner().invoke(cli, ["export", *args], obj={"plugins": plugins})


def test_export_command_turns_a_records_file_into_a_workbook(tmp_path: Path) -> None:
    records = write_records(tmp_path / "records.jsonl", sample_run())
    result = invoke_export([str(records), "--lang", "en"])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "records.xlsx")
    assert book.sheetnames == [*EN_SHEETS[:6], "drill", *EN_SHEETS[6:]]
    articles = by_header(book["Articles"])
    assert [(a["ID"], a["Records"], a["Status"]) for a in articles] == [
        ("a1", 8, None),
        ("a3", 1, None),
    ]
    assert by_header(book["Meetings"])[0]["Countries"] == "Kazakhstan; Russia"
    assert book["Meetings"]["H3"].hyperlink.location == "'Articles'!A3"
    about = [tuple(r) for r in rows(book["About"])[1:]]
    assert ("Input", str(records)) in about
    assert ("Records", 9) in about


def test_export_command_writes_csv_files(tmp_path: Path) -> None:
    records = write_records(tmp_path / "records.jsonl", sample_run())
    out = tmp_path / "tables"
    result = invoke_export([str(records), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{t}.csv"
        for t in ("role", "meeting", "agreement", "membership", "event", "quote", "drill")
    )


def test_export_command_names_a_bad_line(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps(Meeting(article="a", id="m").to_dict()) + "\n" + '{"type": "weather"}\n',
        encoding="utf-8",
    )
    result = invoke_export([str(records), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1
    assert "records.jsonl:2" in result.output and "weather" in result.output
    assert not (tmp_path / "out.xlsx").exists()


def test_export_command_refuses_a_file_for_a_folder(tmp_path: Path) -> None:
    records = write_records(tmp_path / "records.jsonl", sample_run())
    result = invoke_export([str(records), "-f", "csv", "-o", str(records)])
    assert result.exit_code == 2
    assert "is a file" in result.output
    result = invoke_export([str(records), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in result.output


def test_run_writes_the_workbook_beside_the_other_outputs(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text(
        "31 октября 2025 года в Алматы министр обороны Казахстана Даурен Косанов провёл "
        "переговоры с министром обороны России Андреем Белоусовым.\n",
        encoding="utf-8",
    )
    plugins = table_plugins()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["run", str(text), "-o", str(out), "-f", "xlsx", "-f", "csv", "--lang", "en"],
        obj={"plugins": plugins},
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["csv", "facts.xlsx"]
    book = load_workbook(out / "facts.xlsx")
    assert book.sheetnames[:6] == EN_SHEETS[:6]
    assert by_header(book["Articles"])[0]["Status"] == "processed"
    assert (out / "csv" / "meeting.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_columns_are_the_fields_then_the_trailing_columns() -> None:
    keys = [c.key for c in record_columns(Agreement, "en")]
    assert keys == [
        "kind",
        "title",
        "parties",
        "period",
        "status",
        "date",
        "place",
        "article",
        "outlet",
        "published",
        "evidence",
        "confidence",
        "url",
        "id",
    ]


# -- control characters and OOXML escapes ----------------------------------------------------

C1_TEXT = "a\x7fb\x80c\x85d\x9fe\x00f"  # DEL, C1 controls (NEL among them) and NUL


def ooxml_decode(text: str) -> str:
    """A cell's text as Excel shows it: each ``_xHHHH_`` decoded, left to right (ECMA-376)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def sheet_xml(path: Path) -> dict[str, str]:
    """The raw XML of every worksheet part, by the sheet's name."""
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        targets = dict(re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*Id="([^"]+)"', rels))
        targets = {rid: target for target, rid in targets.items()}
        sheets = re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book)
        return {name: archive.read(f"xl/{targets[rid]}").decode("utf-8") for name, rid in sheets}


def shared_strings(path: Path, raw: bool = False) -> list[str]:
    """The texts of the shared strings part, as Excel decodes them or ``raw``."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/sharedStrings.xml").decode("utf-8")
    texts = [html.unescape(t) for t in re.findall(r"<t[^>]*>([^<]*)</t>", xml)]
    return texts if raw else [ooxml_decode(t) for t in texts]


@dataclass(kw_only=True)
class Coded(Record):
    """A plugin type whose field name looks like an OOXML escape."""

    type: ClassVar[str] = "coded\x07"
    code_x0041_: str | None = None


def test_control_characters_are_removed_and_escapes_kept_literal(tmp_path: Path) -> None:
    article = Article(id="e1", text="x", title="T\x9f_x0041_", outlet="Out\x85let", url=URL)
    records: list[Record] = [
        Quote(article="e1", speaker="Лицо", text="_x0007_", id="escape"),
        Quote(article="e1", speaker="Лицо", text="_x005F_x0041_ и _x00e9_", id="double"),
        Quote(article="e1", speaker="Лицо", text=C1_TEXT, id="c1"),
        Coded(article="e1", code_x0041_="_xABCD_", id="coded"),
    ]
    run = Run([ArticleOutcome("e.jsonl:1", article, records)], inputs=["e.jsonl"])
    path = tmp_path / "facts.xlsx"
    XlsxExporter().export(run, path)

    assert "_x005F_x0007_" in shared_strings(path, raw=True)
    assert "_x005F_x005F_x005F_x0041_ и _x005F_x00e9_" in shared_strings(path, raw=True)
    raw = sheet_xml(path)["Цитаты"]
    assert "_x0007_" not in raw and 't="s"' in raw  # the cells refer to the shared strings
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", "replace")
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), name

    book = load_workbook(path)
    quotes = {r["ID записи"]: r["Слова"] for r in by_header(book["Цитаты"])}
    # texts holding an escape are shared strings, which openpyxl reads decoded (it leaves
    # inline strings as they are, and decodes no more than _x005F_: ooxml_decode does all)
    assert quotes["escape"] == "_x0007_"
    assert quotes["c1"] == "abcdef"
    assert "_x005F_x0041_ и _x00e9_" in shared_strings(path)
    article_row = by_header(book["Статьи"])[0]
    assert article_row["Заголовок"] == "T_x0041_"
    assert article_row["Издание"] == "Outlet"
    # a plugin type's sheet: its name rid of the control character, its header escaped,
    # and the table's column name what Excel decodes the header cell to
    ws = book["coded"]
    assert ws["A1"].value == "code_x0041_" and ws["A2"].value == "_xABCD_"
    (table,) = ws.tables.values()
    assert table.tableColumns[0].name == "code_x0041_"


def test_ooxml_escape_round_trips() -> None:
    from svodka.report.tabular import ooxml_escape, xml_safe

    for text in ["_x0007_", "__x0041__", "_x005F_x0041_", "a_x12", "_X0041_", "x_xFFFF_y", ""]:
        assert ooxml_decode(ooxml_escape(text)) == text, text
    assert ooxml_escape("plain_text") == "plain_text"
    assert xml_safe("a\tb\nc\rd" + C1_TEXT + "\ud800\ufffe\u200f") == "a\tb\nc\rdabcdef\u200f"


def test_a_record_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    """A record without an id gets one from a hash of its UTF-8 form, which a lone surrogate
    (valid in JSON: "\\ud800") does not have: the export fails naming the record."""
    records = tmp_path / "records.jsonl"
    lines = [
        json.dumps(Quote(article="a", speaker="Лицо", text="Слова", id="q1").to_dict()),
        '{"type": "quote", "article": "a2", "speaker": "Лицо", "text": "\\ud800"}',
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt, out in (("xlsx", tmp_path / "out.xlsx"), ("csv", tmp_path / "out")):
        result = invoke_export([str(records), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert (
            f"error: {records}:2: record None is not valid (field 'text' "
            "holds text UTF-8 cannot encode" in result.output
        )
        assert "Traceback" not in result.output
        assert not out.exists() or not any(out.iterdir())


def test_escaped_texts_past_the_shared_strings_limit_are_inline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared strings are held in memory until the workbook is saved: past the limit,
    texts with escapes are inline strings, still escaped (Excel decodes both alike)."""
    monkeypatch.setattr(workbook, "MAX_SHARED_CHARS", 40)
    article = Article(id="s1", text="x")
    records: list[Record] = [
        Quote(article="s1", speaker="Лицо", text=f"_x{n:04X}_ {n}", id=f"q{n}") for n in range(6)
    ]
    path = tmp_path / "facts.xlsx"
    XlsxExporter().export(Run([ArticleOutcome("s", article, records)]), path)
    assert shared_strings(path) == ["_x0000_ 0", "_x0001_ 1"]  # 17 characters escaped each
    raw = sheet_xml(path)["Цитаты"]
    assert raw.count('t="s"') == 2
    assert "<t>_x005F_x0005_ 5</t>" in raw
    quotes = {r["ID записи"]: r["Слова"] for r in by_header(load_workbook(path)["Цитаты"])}
    assert quotes["q1"] == "_x0001_ 1" and quotes["q5"] == "_x005F_x0005_ 5"


BAD_FIELDS = [
    ("extractor", {"x": 1}),
    ("extractor", [1]),
    ("position", [1, {}]),
    ("country", [1, {}]),
    ("confidence", "NaN"),
    ("confidence", 2),
    ("article", None),
    ("article", 5),
    ("person", {"name": "x"}),
]


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS, ids=[f"{f}={v!r}" for f, v in BAD_FIELDS])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_refuses_a_record_with_a_field_of_the_wrong_kind(
    field: str, value: object, fmt: str, tmp_path: Path
) -> None:
    good = Role(article="a1", person="Иван Петров", position="посол", id="r1").to_dict()
    bad = {**good, "id": "r2", field: value}
    records = tmp_path / "records.jsonl"
    text = json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(bad, ensure_ascii=False)
    records.write_text(text.replace('"NaN"', "NaN") + "\n", encoding="utf-8")
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    result = invoke_export([str(records), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert message.startswith(f"svodka: error: {records}:2: record 'r2' is not valid (")
    assert field in message and message.endswith("; nothing was written")
    assert "Traceback" not in result.output
    assert not out.exists()


def test_export_allows_evidence_offsets_it_cannot_check(tmp_path: Path) -> None:
    role = Role(article="a1", person="Иван Петров", position="посол", id="r1")
    role.evidence = [Evidence(5000, 5010, "посол Иван Петров")]
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(role.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke_export([str(records), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.xlsx").exists()


# -- layout and print ----------------------------------------------------------------------


def test_every_sheet_prints_landscape_one_page_wide_with_titles_and_page_numbers(
    book_ru: Workbook,
) -> None:
    for ws in book_ru.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.print_options.gridLines, ws.title
        assert ws.oddFooter.center.text == "Страница &P из &N", ws.title


def test_header_row_is_styled_by_its_own_cells(book_ru: Workbook) -> None:
    """LibreOffice shows no table style: the header's look is in its cells' own style."""
    for ws in book_ru.worksheets:
        for cell in ws[1]:
            assert cell.font.bold, (ws.title, cell.coordinate)
            assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9E1F2")
            assert all(
                side.style == "thin"
                for side in (
                    cell.border.left,
                    cell.border.right,
                    cell.border.top,
                    cell.border.bottom,
                )
            )
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"


def test_every_filled_cell_is_top_aligned_and_texts_wrap(book_ru: Workbook) -> None:
    for ws in book_ru.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value is None:
                    continue
                assert cell.alignment.vertical == "top", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert cell.alignment.wrap_text, (ws.title, cell.coordinate)


def test_wrapped_lines_are_counted_generously() -> None:
    assert workbook._lines("коротко", 20) == 1
    assert workbook._lines("первая\nвторая\n\nчетвёртая", 30) == 4
    words = "слово " * 30  # 180 characters: 9 words of 6 a line at most in a width of 40
    assert workbook._lines(words.strip(), 40) >= 5
    assert workbook._lines("ж" * 20, 21) == 1  # as long as the widths are fitted to
    assert workbook._lines("ж" * 100, 21) == 6  # a word longer than a line breaks within


def test_rows_are_as_high_as_their_wrapped_text(tmp_path: Path) -> None:
    long = " ".join(["Министры обороны обсудили сотрудничество в военной сфере."] * 12)
    article = Article(id="x", text=long, title="Т", published="2025-10-31")
    records: list[Record] = [
        Quote(article="x", speaker="Даурен Косанов", text="Коротко.", evidence=ev("Коротко.")),
        Quote(article="x", speaker="Даурен Косанов", text=long, evidence=ev(long)),
    ]
    path = tmp_path / "facts.xlsx"
    write_workbook(source_from_run(Run([ArticleOutcome("x", article, records)])), path)
    ws = load_workbook(path)["Цитаты"]
    header = rows(ws)[0]
    width = ws.column_dimensions[get_column_letter(header.index("Фрагмент текста") + 1)].width
    short_height = ws.row_dimensions[2].height
    assert short_height is None  # one line: Excel's default height
    lines = -(-len(long) // (width - 2))  # the fewest lines the text can take
    assert ws.row_dimensions[3].height >= lines * 15
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet6.xml").decode()
    assert re.search(r'<row r="3" [^>]*customHeight="1"', xml)


def test_dates_are_date_cells_with_their_precision_beside_them(tmp_path: Path) -> None:
    article = Article(id="x", text="t", published="2025-10")
    records: list[Record] = [
        Event(article="x", name="Айбын", date=date, id=f"e{i}")
        for i, date in enumerate(
            ["2025-10-31", "2025-10", "2025", "2025-08-31/2025-09-06", "осенью 2025"]
        )
    ]
    path = tmp_path / "facts.xlsx"
    write_workbook(source_from_run(Run([ArticleOutcome("x", article, records)])), path)
    ws = load_workbook(path)["Мероприятия"]
    header = rows(ws)[0]
    at = header.index("Дата") + 1
    assert header[at] == "Дата, точность"
    cells = [(ws.cell(row=r, column=at), ws.cell(row=r, column=at + 1)) for r in range(2, 7)]
    shown = [(d.value, d.number_format, p.value) for d, p in cells]
    assert shown == [
        (dt.datetime(2025, 10, 31), "DD.MM.YYYY", "день"),
        (dt.datetime(2025, 10, 1), "MM.YYYY", "месяц"),
        (dt.datetime(2025, 1, 1), "YYYY", "год"),
        (dt.datetime(2025, 8, 31), "DD.MM.YYYY", "день, по 6 сентября 2025"),
        ("осенью 2025", "General", None),  # no ISO date: kept as text, no precision
    ]
    published = by_header(load_workbook(path)["Статьи"])[0]
    assert published["Дата публикации"] == dt.datetime(2025, 10, 1)
    assert published["Дата публикации, точность"] == "месяц"


@dataclass(kw_only=True)
class Appointment(Record):
    """A plugin's type that states a person's post under its own field names."""

    type: ClassVar[str] = "appointment"
    spec: ClassVar[RecordType] = RecordType(
        kinds={"official": "person", "job": "post", "grade": "rank", "state": "country"}
    )
    official: str
    job: str | None = None
    grade: str | None = None
    state: str | None = None


def test_entities_list_each_post_once_from_any_type_that_states_posts(tmp_path: Path) -> None:
    article = Article(id="x", text="t")
    records: list[Record] = [
        Role(article="x", person="Иван Петров", position="министр обороны", country="KZ"),
        Role(
            article="x",
            person="Иван Петров",
            position="министр обороны",
            country="KZ",
            rank="генерал-майор",
        ),
        Appointment(article="x", official="Иван Петров", job="министр обороны", state="KZ", id="a"),
        Appointment(article="x", official="Пётр Иванов", job="посол", state="RU", id="b"),
        Meeting(article="x", participants=["Иван Петров", "Пётр Иванов"], id="m"),
    ]
    path = tmp_path / "facts.xlsx"
    write_workbook(source_from_run(Run([ArticleOutcome("x", article, records)])), path)
    listed = {e["Идентификатор"]: e for e in by_header(load_workbook(path)["Упоминания"])}
    assert listed["Иван Петров"]["Должности"] == "генерал-майор, министр обороны (Казахстан)"
    assert listed["Пётр Иванов"]["Должности"] == "посол (Россия)"


@dataclass(kw_only=True)
class Rotation(Record):
    """A plugin type whose field is a list of dates."""

    type: ClassVar[str] = "rotation"
    spec: ClassVar[RecordType] = RecordType(kinds={"days": "date"})
    unit: str
    days: list[str]


def test_a_list_of_dates_is_one_text_cell(tmp_path: Path) -> None:
    record = Rotation(article="a1", unit="Батальон", days=["2026-01-10", "2026-02"])
    outcome = ArticleOutcome("a1", Article(id="a1", text="..."), [record])
    path = tmp_path / "f.xlsx"
    write_workbook(source_from_run(Run([outcome])), path)
    rows_ = [r for s in load_workbook(path).worksheets for r in s.iter_rows(values_only=True)]
    (values,) = [r for r in rows_ if "Батальон" in r]
    assert any(isinstance(v, str) and "2026" in v and ";" in v for v in values), values
