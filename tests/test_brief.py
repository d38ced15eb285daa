"""The Word brief: read back with python-docx (headings, tables, references, links, fields),
the template and its fallbacks, hostile text, atomic writing, and LibreOffice where present."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import warnings
import zipfile
from importlib import resources
from pathlib import Path
from typing import ClassVar

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from svodka.cli import cli
from svodka.model.article import Article
from svodka.model.facts import Fact, consolidate
from svodka.model.records import (
    Agreement,
    Event,
    Evidence,
    Meeting,
    Membership,
    Quote,
    Record,
    Role,
)
from svodka.pipeline import ArticleOutcome, Run
from svodka.plugins.exporters import brief
from svodka.plugins.exporters.brief import (
    BriefExporter,
    BriefStyleWarning,
    build_default_template,
    clean,
    references,
)
from svodka.report import figure, labels, select
from svodka.report.render import fact_line

TEMPLATE = resources.files("svodka.templates") / "brief.docx"
STARTED = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.timezone.utc)
URL = "https://example.org/news/7?id=1&lang=ru"


def _articles() -> list[Article]:
    return [
        Article(
            id="oct",
            text="...",
            title="Армения и Иран подписали план военного сотрудничества",
            outlet="Вести Примера",
            published="2025-10-31",
            url=URL,
        ),
        Article(
            id="sep",
            text="...",
            title="Министры обсудили учения",
            outlet="ТАСС",
            published="2025-09-15",
        ),
        Article(id="undated", text="...", title=None, outlet=None, published=None),
    ]


def _records() -> dict[str, list]:
    agreement = dict(
        kind="plan",
        title="план военного сотрудничества",
        parties=["AM", "IR"],
        period="2026",
        status="signed",
        date="2025-10-30",
        place="Ереван",
    )
    return {
        "oct": [
            Agreement(article="oct", **agreement),
            Meeting(
                article="oct",
                participants=["Сурен Папикян", "Азиз Насирзаде"],
                countries=["AM", "IR"],
                place="Ереван",
                date="2025-10-30",
                format="talks",
                topics=["военное сотрудничество"],
            ),
            Quote(article="oct", speaker="Сурен Папикян", text="Мы открываем новую главу."),
        ],
        "sep": [
            Agreement(article="sep", **agreement),
            Role(article="sep", person="Сурен Папикян", position="министр обороны", country="AM"),
        ],
        "undated": [
            Membership(article="undated", country="AM", organization="CSTO", status="suspended"),
            Event(
                article="undated",
                name="Кавказ",
                category="учения",
                edition=5,
                status="planned",
                country="AM",
                date="2026",
                participants=["AM", "IR"],
            ),
        ],
    }


def _run(lang: str = "ru", template: str | None = None) -> Run:
    records = _records()
    outcomes = [
        ArticleOutcome(
            source=f"{a.id}.txt",
            article=a,
            records=records[a.id],
            summary=[
                Evidence(0, 10, f"Первое предложение статьи {a.id}."),
                Evidence(11, 20, "Второе."),
            ],
        )
        for a in _articles()
    ]
    outcomes.append(ArticleOutcome(source="broken.txt", failure="broken.txt: cannot be read"))
    return Run(
        outcomes, inputs=["in"], started=STARTED, options={"lang": lang, "template": template}
    )


def _fixed_facts(records) -> list[Fact]:
    """Facts as consolidation gives them, fixed here so that references are known."""
    records = list(records)
    by_type = {}
    for r in records:
        by_type.setdefault(r.type, []).append(r)
    agreements = by_type["agreement"]
    facts = [Fact("agreement", agreements[0], ["oct", "sep"], agreements)]
    for kind in ("membership", "meeting", "event", "role", "quote"):
        facts.extend(Fact(kind, r, [r.article], [r]) for r in by_type[kind])
    return facts


@pytest.fixture
def fixed_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(brief, "consolidate", _fixed_facts)


def _write(tmp_path: Path, run: Run, name: str = "brief.docx") -> docx.document.Document:
    path = tmp_path / name
    with warnings.catch_warnings():
        warnings.simplefilter("error", BriefStyleWarning)  # the packaged template has them all
        BriefExporter().export(run, path)
    return docx.Document(str(path))


def _styled(doc, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == style]


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# -- the brief read back --------------------------------------------------------------------


def test_headings_and_front_matter(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run())
    assert _styled(doc, "Title") == ["Информационная сводка"]
    assert _styled(doc, "Subtitle") == [
        "Период: 15 сентября 2025 — 31 октября 2025",
        "Дата выпуска: 3 ноября 2025",
        "Статей: 3, фактов: 6; не прочитано входов: 1",
        "Даты неизвестны: у 1 из 3 статей нет даты публикации, и даты без года («31 октября») "
        "в них не определены. Укажите дату: svodka run ... --date ГГГГ-ММ-ДД.",
    ]
    assert _styled(doc, "Heading 1") == [
        "Основные события",
        "Соглашения и документы",
        "Членство в организациях",
        "Встречи и переговоры",
        "Мероприятия",
        "Лица и должности",
        "Заявления",
        "Краткое содержание статей",
        "Источники",
    ]
    # summaries in source-list order: by date, undated last; an untitled one by its lead
    assert _styled(doc, "Heading 2") == [
        "[1] Министры обсудили учения",
        "[2] Армения и Иран подписали план военного сотрудничества",
        "[3] Первое предложение статьи undated. Второе.",
    ]
    assert doc.core_properties.title == "Информационная сводка"


def test_key_developments_cite_numbered_sources(tmp_path: Path, fixed_facts: None) -> None:
    run = _run()
    doc = _write(tmp_path, run)
    agreement, membership, meeting, event, _role, _quote = _fixed_facts(run.records)

    def line(fact: Fact) -> str:
        return clean(fact_line(fact, "ru"))

    # sep is [1], oct [2], undated [3]; the plan and the talks of its parties on its date are
    # one story, citing the sources of both; a change of status before an event; no role
    assert _styled(doc, "List Bullet") == [
        f"{line(agreement)} {line(meeting)} [1, 2]",
        f"{line(membership)} [3]",
        f"{line(event)} [3]",
    ]
    first = next(p for p in doc.paragraphs if p.style.name == "List Bullet")
    assert [(r.text, bool(r.bold)) for r in first.runs] == [
        (line(agreement), True),  # the main fact stands out
        (f" {line(meeting)} [1, 2]", False),
    ]


def test_bullets_are_told_relative_to_the_date_of_issue(tmp_path: Path, fixed_facts: None) -> None:
    now = [b for b in _styled(_write(tmp_path, _run()), "List Bullet") if "Кавказ" in b]
    assert now == ["5-е учения «Кавказ» пройдут (Армения, 2026); участники: Армения, Иран. [3]"]
    later = dataclasses.replace(_run(), started=dt.datetime(2027, 2, 1, tzinfo=dt.timezone.utc))
    doc = _write(tmp_path, later, "later.docx")
    bullets = [b for b in _styled(doc, "List Bullet") if "Кавказ" in b]
    assert bullets == [
        "5-е учения «Кавказ» прошли (Армения, 2026); участники: Армения, Иран. [3]"
    ]
    assert "Дата выпуска: 1 февраля 2027" in _styled(doc, "Subtitle")


def test_no_dates_unknown_line_when_every_article_is_dated(tmp_path: Path) -> None:
    run = _run()
    dated = Run(
        [o for o in run.outcomes if o.article is None or o.article.published], started=STARTED
    )
    assert not any(
        line.startswith("Даты неизвестны") for line in _styled(_write(tmp_path, dated), "Subtitle")
    )


def test_fact_tables(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run())
    agreements, memberships, meetings, events, roles, quotes = doc.tables
    assert _rows(agreements)[0] == ["Документ", "Стороны", "Срок", "Статус", "Дата", "Источники"]
    document, parties, period, status, date, refs = _rows(agreements)[1]
    assert document == "План военного сотрудничества"
    assert parties == f"{labels.country_name('AM')}, {labels.country_name('IR')}"
    assert (period, date, refs) == ("2026", "30 октября 2025", "[1, 2]")
    assert status.lower() == labels.value_label("agreement", "status", "signed").lower()
    assert len(agreements.rows) == 2

    assert _rows(meetings)[0] == ["Дата", "Место", "Участники", "Темы", "Источники"]
    date, place, people, topics, refs = _rows(meetings)[1]
    assert (date, place, topics, refs) == (
        "30 октября 2025",
        "Ереван",
        "Военное сотрудничество",
        "[2]",
    )
    assert people.startswith("Сурен Папикян, Азиз Насирзаде (")
    assert _rows(memberships)[1][-1] == "[3]"
    assert _rows(memberships)[1][1] == labels.organization_name("CSTO")
    assert _rows(events)[1][0] == "Кавказ (№ 5)"
    assert _rows(roles)[1][:2] == ["Сурен Папикян", "Министр обороны"]
    # the date column, empty in every row (no publication date), is left out
    assert _rows(quotes)[1] == ["Сурен Папикян", "«Мы открываем новую главу.»", "[2]"]


def test_summaries_and_source_list(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run())
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    i = texts.index(("Heading 2", "[2] Армения и Иран подписали план военного сотрудничества"))
    assert texts[i + 1 : i + 3] == [
        ("Brief Meta", "Вести Примера, 31 октября 2025"),
        ("Normal", "Первое предложение статьи oct. Второе."),
    ]
    assert _styled(doc, "Brief Source") == [
        "[1]\tТАСС. Министры обсудили учения. 15 сентября 2025.",
        "[2]\tВести Примера. Армения и Иран подписали план военного сотрудничества. "
        f"31 октября 2025. {URL}",
        "[3]\tБез заголовка (undated). Без даты.",
    ]
    source = next(p for p in doc.paragraphs if p.text.startswith("[2]\t"))
    (link,) = source.hyperlinks
    assert link.address == URL and link.text == URL


def test_english_labels(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run(lang="en"))
    assert _styled(doc, "Title") == ["News brief"]
    assert _styled(doc, "Subtitle")[:2] == [
        "Period: 15 September 2025 to 31 October 2025",
        "Issued: 3 November 2025",
    ]
    assert _styled(doc, "Heading 1")[:3] == ["Key developments", "Agreements", "Memberships"]
    assert _rows(doc.tables[0])[0][-1] == "Sources"
    assert _styled(doc, "Brief Source")[2] == "[3]\tUntitled (undated). Undated."


def test_contents_field_page_numbers_and_page_setup(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run())
    body = doc.element.body.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    assert body.count('w:fldCharType="begin"') == body.count('w:fldCharType="end"') == 1
    # the contents are pre-filled with the headings (Word updates them with page numbers)
    assert _styled(doc, "toc 1")[:2] == ["Основные события", "Соглашения и документы"]
    assert _styled(doc, "toc 2")[0] == "[1] Министры обсудили учения"
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    (section,) = doc.sections
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert section.orientation == 0  # portrait
    footer = section.footer.part.element.xml
    assert footer.count(" PAGE ") == 1


def test_tables_fit_the_page_width(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run())
    section = doc.sections[0]
    usable = (section.page_width - section.left_margin - section.right_margin) / 635  # twips
    for table in doc.tables:
        tbl_pr = table._tbl.tblPr
        assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        width = int(tbl_pr.find(qn("w:tblW")).get(qn("w:w")))
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert usable - len(grid) <= sum(grid) == width <= usable
        assert table.style.name == "Table Grid"
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_real_consolidation_every_bullet_cites(tmp_path: Path) -> None:
    run = _run()
    doc = _write(tmp_path, run)
    stories = select.key_developments(consolidate(run.records))
    bullets = _styled(doc, "List Bullet")
    assert len(bullets) == len(stories) == 3
    assert all(re.search(r" \[\d+(?:[,–] ?\d+)*\]$", b) for b in bullets)


@dataclasses.dataclass(kw_only=True)
class Rain(Record):
    type: ClassVar[str] = "rain"
    place: str | None = None
    amount: float | None = None
    regions: list[str] = dataclasses.field(default_factory=list)


def test_plugin_record_type_gets_a_generic_table(tmp_path: Path) -> None:
    article = Article(id="r", text="...", title="Дожди", published="2025-05-01")
    rain = Rain(article="r", place="Минск", amount=12.5, regions=["юг", "запад"])
    run = Run([ArticleOutcome("r", article, [rain])], started=STARTED, options={"lang": "ru"})
    doc = _write(tmp_path, run)
    assert _styled(doc, "Heading 1")[1] == "Прочие факты: rain"
    assert _rows(doc.tables[0]) == [
        ["Место", "amount", "regions", "Источники"],  # a field the record format names
        ["Минск", "12.5", "Юг, запад", "[1]"],
    ]
    assert _styled(doc, "List Bullet") == [f"{clean(fact_line(rain, 'ru'))} [1]"]


def test_empty_run(tmp_path: Path) -> None:
    doc = _write(tmp_path, Run([], started=STARTED, options={"lang": "ru"}))
    assert _styled(doc, "Heading 1") == ["Основные события"]
    assert "Фактов не найдено." in [p.text for p in doc.paragraphs]
    assert "Период: даты публикации не указаны" in _styled(doc, "Subtitle")
    assert not doc.tables


def test_only_background_says_so(tmp_path: Path) -> None:
    article = Article(id="bg", text="...", title="Т", published="2025-01-01")
    member = Membership(article="bg", country="AM", organization="CSTO", status="member")
    member.news = False
    run = Run([ArticleOutcome("bg", article, [member])], started=STARTED, options={"lang": "ru"})
    doc = _write(tmp_path, run)
    assert not _styled(doc, "List Bullet")
    assert labels.text("brief:no_news", "ru") in [p.text for p in doc.paragraphs]
    assert len(doc.tables) == 1  # the background fact is in its table


def test_a_recrawl_is_one_source_with_both_ids(tmp_path: Path) -> None:
    text = "Армения и Иран подписали план военного сотрудничества на 2026 год. " * 4
    first = Article(id="site-1", text=text, title="План", outlet="ТАСС", published="2025-10-31")
    again = dataclasses.replace(first, id="site-1-recrawl", text=text.replace(" ", "\n", 3))
    other = Article(id="other", text=text + "Ещё.", title="Другое", published="2025-10-30")

    def outcome(article: Article) -> ArticleOutcome:
        plan = Agreement(article=article.id, kind="plan", parties=["AM", "IR"], status="signed")
        plan.evidence = [Evidence(0, 66, text[:66])]
        summary = [Evidence(0, 66, text[:66])]
        return ArticleOutcome(article.id, article, [plan], summary=summary)

    outcomes = [outcome(first), outcome(again), outcome(other)]
    run = Run(outcomes, started=STARTED, options={"lang": "ru"})
    doc = _write(tmp_path, run)
    assert _styled(doc, "Heading 2") == ["[1] Другое", "[2] План"]  # one summary of the copies
    assert _styled(doc, "Brief Source")[1] == (
        "[2]\tТАСС. План. 31 октября 2025. Тот же текст: site-1, site-1-recrawl."
    )
    assert _styled(doc, "List Bullet")[0].endswith(" [1, 2]")  # the copy is cited as [2] too
    assert "Статей: 2," in _styled(doc, "Subtitle")[-1]
    assert brief.same_text(outcomes) == {
        "site-1": "site-1",
        "site-1-recrawl": "site-1",
        "other": "other",
    }


def test_many_rows(tmp_path: Path) -> None:
    article = Article(id="big", text="...", title="Т", published="2025-01-01")
    roles = [Role(article="big", person=f"Иван Петров{i}", position="посол") for i in range(1500)]
    run = Run([ArticleOutcome("big", article, roles)], started=STARTED, options={"lang": "ru"})
    doc = _write(tmp_path, run)
    (table,) = doc.tables
    assert len(table.rows) == 1501
    assert [c.text for c in table.rows[-1].cells][-1] == "[1]"


# -- hostile text -----------------------------------------------------------------------------


def test_hostile_text_is_cleaned_never_crashes(tmp_path: Path) -> None:
    bad = "A\x00B\x01\x0b\x1f & <b>x</b> \ud800 \ufffe =SUM(A1) " + "длинно " * 8000
    article = Article(
        id="x\x07y", text="...", title=bad, outlet="Out\x02let", published="2025-01-02", url=bad
    )
    records = [
        Role(article=article.id, person=bad, position=bad, country="AM"),
        Quote(article=article.id, speaker="Иван Иванов", text=bad),
        Agreement(article=article.id, kind="plan", title=bad, parties=["AM", bad]),
    ]
    outcome = ArticleOutcome("x", article, records, summary=[Evidence(0, 1, bad)])
    run = Run([outcome], started=STARTED, options={"lang": "ru"})
    doc = _write(tmp_path, run)
    texts = [p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for r in t.rows for c in r.cells
    ]
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    assert not any(forbidden.search(t) for t in texts)
    assert max(len(t) for t in texts) < 2100  # 40,000-character values are shortened
    assert any("AB & <b>x</b>" in t for t in texts)  # markup-like text kept as text
    assert not doc.paragraphs[-1].hyperlinks  # not a URL: shown as text, not linked


def test_clean_and_references() -> None:
    assert clean("a\x00b\u0007 \n\t c\ud800") == "ab c"
    assert clean("слово " * 10, limit=20) == "слово слово слово…"
    assert references([3, 1, 2, 2, 7, 9, 10]) == "[1–3, 7, 9, 10]"
    assert references([2, 1]) == "[1, 2]"
    assert references([]) == ""


# -- writing ---------------------------------------------------------------------------------


def test_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(b"the previous brief")

    def broken_save(self, target) -> None:
        Path(target).write_bytes(b"half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        BriefExporter().export(_run(), path)
    assert path.read_bytes() == b"the previous brief"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_svodka_run_writes_brief_next_to_records(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Министр обороны Армении Сурен Папикян посетил Тегеран.", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["run", str(source), "-o", str(out), "-f", "brief", "-f", "jsonl", "--lang", "en"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["brief.docx", "records.jsonl"]
    doc = docx.Document(str(out / "brief.docx"))
    assert _styled(doc, "Title") == ["News brief"]


# -- the template -----------------------------------------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_packaged_template_is_what_the_generator_builds(tmp_path: Path) -> None:
    build_default_template(tmp_path / "brief.docx")
    built = _parts((tmp_path / "brief.docx").read_bytes())
    assert built == _parts(TEMPLATE.read_bytes()), (
        "templates/brief.docx is stale: rebuild it with python -c 'from "
        "svodka.plugins.exporters.brief import build_default_template as b; "
        'b("templates/brief.docx")\''
    )


def test_packaged_template_has_every_style() -> None:
    doc = docx.Document(io.BytesIO(TEMPLATE.read_bytes()))
    names = {s.name.lower() for s in doc.styles}
    assert {name.lower() for name, _ in brief.STYLES.values()} <= names
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.1)
    assert " PAGE " in doc.sections[0].footer.part.element.xml
    assert _styled(doc, "Heading 1")  # samples to restyle


def _template_without(tmp_path: Path, *style_ids: str) -> Path:
    doc = docx.Document(io.BytesIO(TEMPLATE.read_bytes()))
    for style in doc.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in style_ids:
            doc.styles.element.remove(style)
    path = tmp_path / "restyled.docx"
    doc.save(str(path))
    return path


def test_missing_styles_fall_back_with_a_warning(tmp_path: Path, fixed_facts: None) -> None:
    template = _template_without(tmp_path, "Heading1", "ListBullet", "TableGrid", "Hyperlink")
    with pytest.warns(BriefStyleWarning) as caught:
        BriefExporter().export(_run(template=str(template)), tmp_path / "brief.docx")
    (warning,) = caught
    assert str(warning.message) == (
        "the brief template has no style 'heading 1' (paragraph), 'List Bullet' (paragraph), "
        "'Table Grid' (table), 'Hyperlink' (character); default formatting is used instead"
    )
    doc = docx.Document(str(tmp_path / "brief.docx"))
    # headings keep their outline level: navigation pane and contents still find them
    key = [p for p in doc.paragraphs if p.text == "Основные события"][-1]  # after contents
    assert key._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    assert doc.tables[0]._tbl.tblPr.find(qn("w:tblBorders")) is not None
    link = next(p for p in doc.paragraphs if p.hyperlinks).hyperlinks[0]
    assert link.runs[0].font.underline


def test_foreign_template_and_dotx(tmp_path: Path, fixed_facts: None) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's own default: Letter, no Brief styles
    with pytest.warns(BriefStyleWarning):
        BriefExporter().export(_run(template=str(plain)), tmp_path / "a.docx")
    doc = docx.Document(str(tmp_path / "a.docx"))
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.1)
    assert _styled(doc, "Heading 1")[0] == "Основные события"

    data = _parts(TEMPLATE.read_bytes())
    data["[Content_Types].xml"] = data["[Content_Types].xml"].replace(
        b"document.main+xml", b"template.main+xml"
    )
    dotx = tmp_path / "brief.dotx"
    with zipfile.ZipFile(dotx, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)
    doc = _write(tmp_path, _run(template=str(dotx)), "b.docx")
    assert _styled(doc, "Title") == ["Информационная сводка"]


def test_template_without_section_properties(tmp_path: Path, fixed_facts: None) -> None:
    doc = docx.Document(io.BytesIO(TEMPLATE.read_bytes()))
    doc.element.body.remove(doc.element.body.sectPr)
    template = tmp_path / "bare.docx"
    doc.save(str(template))
    out = _write(tmp_path, _run(template=str(template)))
    (section,) = out.sections
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.left_margin.mm == pytest.approx(20, abs=0.1)
    assert len(out.tables) == 6


def test_restyled_template_is_used(tmp_path: Path, fixed_facts: None) -> None:
    doc = docx.Document(io.BytesIO(TEMPLATE.read_bytes()))
    doc.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0xC0, 0, 0)
    footer = doc.sections[0].footer.part.element.xml
    template = tmp_path / "mine.docx"
    doc.save(str(template))
    out = _write(tmp_path, _run(template=str(template)))
    assert str(out.styles["Heading 1"].font.color.rgb) == "C00000"
    assert out.sections[0].footer.part.element.xml == footer  # its own page numbers kept
    assert "(Title)" not in [p.text for p in out.paragraphs]  # the template's samples are gone


def test_not_a_word_file_is_a_clear_error(tmp_path: Path) -> None:
    template = tmp_path / "bad.docx"
    template.write_text("not a zip")
    with pytest.raises(ValueError, match="not a Word document"):
        BriefExporter().export(_run(template=str(template)), tmp_path / "brief.docx")
    assert not (tmp_path / "brief.docx").exists()


# -- LibreOffice --------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_to_pdf(tmp_path: Path, fixed_facts: None) -> None:
    _write(tmp_path, _run())
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "brief.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "brief.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 2 <= pages <= 6


def test_links_of_many_sources(tmp_path: Path) -> None:
    """Each source links to its own address; sources sharing an address share one
    relationship, and every relationship id is distinct."""
    articles = [
        Article(
            id=f"a{k}",
            text="Текст.",
            title=f"Статья {k}",
            url=f"https://example.org/news/{k % 40}",
        )
        for k in range(60)
    ]
    run = Run([ArticleOutcome(source=a.id, article=a) for a in articles], started=STARTED)
    doc = _write(tmp_path, run)
    sources = [p for p in doc.paragraphs if p.style.name == "Brief Source"]
    assert len(sources) == 60
    addresses = [p.hyperlinks[0].address for p in sources]
    assert sorted(addresses) == sorted(a.url for a in articles)
    rels = doc.part.rels
    links = [r for r in rels.values() if r.is_external]
    assert len(links) == 40 and len({r.target_ref for r in links}) == 40
    assert len(set(rels)) == len(rels)


# -- control characters and hostile templates -------------------------------------------------

CONTROLS = "\x00\x07\x1b\x7f\x80\x85\x9f"


def test_control_characters_anywhere_never_break_the_brief(tmp_path: Path) -> None:
    """Every text of the brief, dates and ids included, is rid of control characters: a
    date that is not a date is shown as text, and must not make the XML invalid."""
    article = Article(
        id=f"a{CONTROLS}1",
        text="...",
        title=f"Заголовок{CONTROLS} статьи",
        outlet=f"ТАСС{CONTROLS}",
        published=f"2025-10-3{CONTROLS}",
        url=f"https://example.org/{CONTROLS}news",
    )
    records = [
        Quote(article=article.id, speaker=f"Иван{CONTROLS} Иванов", text=f"Слова{CONTROLS} \r"),
        Event(article=article.id, name=f"Айбын{CONTROLS}", date=f"2025{CONTROLS}"),
    ]
    summary = [Evidence(0, 3, f"Итог{CONTROLS}.")]
    run = Run([ArticleOutcome("x", article, records, summary=summary)], started=STARTED)
    doc = _write(tmp_path, run)
    with zipfile.ZipFile(tmp_path / "brief.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", xml)
    texts = [p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for r in t.rows for c in r.cells
    ]
    assert "[1] Заголовок статьи" in texts
    assert any("«Слова»" in t for t in texts)
    assert "[1]\tТАСС. Заголовок статьи. 2025-10-3. https://example.org/news" in texts
    source = [p for p in doc.paragraphs if p.style.name == "Brief Source"][0]
    assert source.hyperlinks[0].address == "https://example.org/news"


def _padded(path: Path, entries: int) -> Path:
    """The packaged template with empty entries added, ``entries`` in all."""
    with zipfile.ZipFile(str(TEMPLATE)) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        for k in range(entries - len(src.infolist())):
            out.writestr(f"pad/{k}.xml", b"")
    return path


def test_a_bad_template_is_refused_before_any_article_is_read(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Министр обороны России провел совещание.", encoding="utf-8")
    many = _padded(tmp_path / "many.docx", 20_000)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["run", str(article), "-o", str(out), "--template", str(many), "-j", "1"]
    )
    assert result.exit_code == 2
    assert "many.docx: refused: 20000 entries" in result.output
    assert "articles processed" not in result.output  # refused first, nothing was read
    assert not out.exists()


def test_a_zip_bomb_template_is_refused_naming_the_file(tmp_path: Path) -> None:
    run = _run(template=None)
    many = _padded(tmp_path / "many.docx", 20_000)
    with pytest.raises(brief.TemplateError, match=r"many\.docx: refused: 20000 entries"):
        brief.check_template(many)
    huge = tmp_path / "huge.docx"
    with zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(150):  # 150 MB of zeros, well under 1 MB packed
                member.write(b"\0" * 2**20)
    with pytest.raises(brief.TemplateError, match=r"huge\.docx: refused: unpacks to 150 MB"):
        brief.check_template(huge)
    out = tmp_path / "brief.docx"
    run.options["template"] = str(huge)
    with pytest.raises(brief.TemplateError, match="zip bomb"):
        BriefExporter().export(run, out)
    assert not out.exists()
    brief.check_template(TEMPLATE)  # the packaged template passes
    with pytest.raises(brief.TemplateError, match=r"gone\.docx: cannot read it"):
        brief.check_template(tmp_path / "gone.docx")


def test_a_records_file_says_nothing_of_unknown_dates(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    event = Event(article="x", name="Щит", category="учения", status="planned", date="2026-05")
    records.write_text(json.dumps(event.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "brief.docx"
    result = CliRunner().invoke(cli, ["export", str(records), "-f", "brief", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = _styled(docx.Document(str(out)), "Subtitle")
    assert "Статей: 1, фактов: 1" in lines
    assert not any(line.startswith("Даты неизвестны") for line in lines)


ENGLISH_ARTICLE = (
    "Министры обороны Армении и Ирана подписали план двустороннего военного сотрудничества\n"
    "ЕРЕВАН, 12 марта 2025. /Вестник/. Министр обороны Армении Сурен Папикян и министр "
    "обороны Ирана Азиз Насирзаде подписали в Ереване план двустороннего военного "
    "сотрудничества на 2025 год. Стороны обсудили региональную безопасность. "
    "В августе в Армении пройдут совместные учения «Орлиный взгляд». "
    "«Мы продолжим сотрудничество», — сказал Папикян.\n"
)


def _bare_russian(text: str) -> bool:
    """Cyrillic outside brackets (a transliteration's Russian) and quotation marks (the
    source's own words)."""
    text = re.sub(r"\([^()]*\)", "", text)
    text = re.sub(r"“[^”]*”|«[^»]*»", "", text)
    return bool(re.search("[А-Яа-яЁё]", text))


def test_the_english_brief_and_workbook_have_no_bare_russian(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from svodka.manager import Plugins
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process_article
    from svodka.plugins.exporters.workbook import write_workbook
    from svodka.report.tabular import source_from_run

    plugins = Plugins(autoload=False)
    article = Article(
        id="am-ir", title=ENGLISH_ARTICLE.split("\n")[0], text=ENGLISH_ARTICLE,
        outlet="Вестник (vestnik.am)", published="2025-03-12",
    )
    outcome = process_article(
        article, list(plugins.extractors.values()), Lexicon.from_plugins(plugins)
    )
    run = Run([outcome], options={"lang": "en"}, manager=plugins)
    doc = brief.build_brief(run)
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("plan of bilateral military cooperation" in t for t in texts)
    assert [t for t in texts if _bare_russian(t)] == []
    write_workbook(source_from_run(run), tmp_path / "f.xlsx")
    for sheet in load_workbook(tmp_path / "f.xlsx").worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        for row in rows:
            for head, value in zip(header, row, strict=False):
                if isinstance(value, str) and "original" not in head and "records" not in head:
                    assert not _bare_russian(value), (sheet.title, head, value)


# -- table layout ---------------------------------------------------------------------------


def _grid(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_rows_never_split_across_pages_and_the_header_repeats(
    tmp_path: Path, fixed_facts: None
) -> None:
    doc = _write(tmp_path, _run())
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            tr_pr = row._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
            assert (tr_pr.find(qn("w:tblHeader")) is not None) == (i == 0)


def test_columns_empty_in_every_row_are_left_out(tmp_path: Path, fixed_facts: None) -> None:
    doc = _write(tmp_path, _run())
    memberships = doc.tables[1]  # the one membership has no date
    assert _rows(memberships)[0] == ["Государство", "Организация", "Статус", "Источники"]
    assert len(_grid(memberships)) == 4


def test_fit_widths_keeps_words_whole_and_fills_the_width() -> None:
    lows, highs = [900, 1500, 700, 1000], [1800, 9000, 6000, 1100]
    widths = brief.fit_widths(lows, highs, [14, 34, 26, 8], 9000)
    assert sum(widths) <= 9000 and sum(widths) >= 9000 - len(widths)
    assert all(w >= low for w, low in zip(widths, lows, strict=True))
    assert widths[0] == 1800 and widths[3] == 1100  # short columns keep their lines whole
    assert widths[1] > widths[2]  # the rest is shared by weight
    # room for everything: the short column keeps its line, the long one takes the rest
    assert brief.fit_widths([100, 100], [500, 1000], [1, 1], 3000) == [500, 2500]
    # no room even for the longest words: scaled down together
    assert brief.fit_widths([3000, 1000], [4000, 2000], [1, 1], 2000) == [1500, 500]


def test_a_column_is_as_wide_as_its_longest_word(tmp_path: Path) -> None:
    article = Article(id="a", text="...", title="Встреча", published="2025-10-30")
    meeting = Meeting(
        article="a",
        participants=["Иван Петров", "Пётр Иванов"],
        countries=["KZ", "RU"],
        place="Краснотурьинск",
        date="2025-10-30",
        topics=["противоракетной", "высокотехнологичного вооружения"],
    )
    run = Run([ArticleOutcome("a.txt", article, [meeting])], options={"lang": "ru"})
    doc = _write(tmp_path, run)
    (table,) = doc.tables
    header, row = _rows(table)
    grid = _grid(table)
    place, topics = header.index("Место"), header.index("Темы")
    assert grid[place] >= brief.text_width("Краснотурьинск", 18) + brief.CELL_PADDING
    assert grid[topics] >= brief.text_width("высокотехнологичного", 18) + brief.CELL_PADDING
    # the date fits on one line: a short column is not wrapped
    assert grid[header.index("Дата")] >= brief.text_width(row[0], 18) + brief.CELL_PADDING


def test_text_width_follows_the_letters() -> None:
    assert (
        brief.text_width("ш" * 10, 20)
        > brief.text_width("о" * 10, 20)
        > brief.text_width("l" * 10, 20)
    )
    assert brief.text_width("Слово", 20, bold=True) > brief.text_width("Слово", 20)
    assert brief.longest_word("военно-технического сотрудничества") == "сотрудничества"


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or pdftotext is not installed"
)
def test_libreoffice_breaks_no_word_in_the_tables(tmp_path: Path) -> None:
    """The brief laid out by LibreOffice: every long word of a narrow column on one line."""
    words = ["Краснотурьинск", "Новочебоксарск", "противоракетной", "высокотехнологичного"]
    article = Article(id="a", text="...", title="Встреча", published="2025-10-30")
    records: list = [
        Meeting(
            article="a",
            participants=[f"Иван Петров{i}", "Пётр Иванов"],
            countries=["KZ", "RU"],
            place=place,
            date="2025-10-30",
            topics=[words[2], f"{words[3]} вооружения"],
        )
        for i, place in enumerate(words[:2])
    ]
    records.append(Membership(article="a", country="KZ", organization="CSTO", status="member"))
    run = Run([ArticleOutcome("a.txt", article, records)], options={"lang": "ru"})
    _write(tmp_path, run)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(tmp_path / "brief.docx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [PDFTOTEXT, "-raw", str(tmp_path / "brief.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for word in words:  # in the key developments and in the tables, never cut
        pieces = re.findall(word[:6] + r"\w*", text, re.IGNORECASE)
        assert len(pieces) >= 2 and {w.lower() for w in pieces} == {word.lower()}, pieces


# -- the figure of the states' contacts -----------------------------------------------------


def _contact_records() -> list[Record]:
    return [
        Meeting(article="a", participants=["Иван Петров"], countries=["KZ", "RU", "BY"]),
        Meeting(article="a", participants=["Пётр Иванов"], countries=["KZ", "RU"]),
        Meeting(article="b", participants=["Пётр Иванов"], countries=["KZ", "RU"]),
        Agreement(article="b", kind="plan", parties=["KZ", "RU", "CSTO"], period="2026"),
        Event(article="b", name="Поиск", participants=["KZ", "RU"]),  # no contact of states
        Meeting(article="b", participants=["Сергей Сидоров"], countries=["KZ"]),  # no pair
    ]


def test_contacts_count_each_fact_once_per_pair_of_states() -> None:
    records = _contact_records()
    facts = [Fact(r.type, r, [r.article], [r]) for r in records if r is not records[2]]
    facts[1] = Fact("meeting", records[1], ["a", "b"], records[1:3])  # one fact, two sources
    assert figure.contacts(facts) == [
        figure.Pair(("KZ", "RU"), (2, 1)),
        figure.Pair(("BY", "KZ"), (1, 0)),
        figure.Pair(("BY", "RU"), (1, 0)),
    ]
    pair = figure.Pair(("KZ", "RU"), (2, 1))
    assert figure.pair_name(pair, "ru") == "Казахстан — Россия"
    assert figure.pair_name(pair, "en") == "Kazakhstan — Russia"


def _contacts_run(lang: str = "ru") -> Run:
    articles = [
        Article(id=i, text="...", title=f"Статья {i}", published="2025-10-30") for i in "ab"
    ]
    records = _contact_records()
    outcomes = [
        ArticleOutcome(f"{a.id}.txt", a, [r for r in records if r.article == a.id])
        for a in articles
    ]
    return Run(outcomes, options={"lang": lang})


def test_the_brief_shows_the_contacts_as_a_grey_figure_with_a_caption(tmp_path: Path) -> None:
    from PIL import Image  # matplotlib's own dependency

    doc = _write(tmp_path, _contacts_run())
    headings = _styled(doc, "Heading 1")
    assert headings.index("Контакты государств") == headings.index("Основные события") + 1
    (shape,) = doc.inline_shapes
    caption = next(p for p in doc.paragraphs if p.text.startswith("Рисунок 1."))
    assert caption.style.name == "Brief Meta"
    assert shape._inline.docPr.get("descr") == caption.text
    picture = caption._p.getprevious()
    assert picture.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    assert shape.width <= doc.sections[0].page_width - doc.sections[0].left_margin
    blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    image = Image.open(io.BytesIO(blob)).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 16)}
    assert all(r == g == b for r, g, b in colours)  # greys only: the same in grey print
    assert {(0, 0, 0), (255, 255, 255)} <= colours and len(colours) > 10  # bars, hatches, text


def test_the_figure_is_drawn_the_same_every_time() -> None:
    pairs = [figure.Pair(("KZ", "RU"), (2, 1)), figure.Pair(("BY", "KZ"), (1, 0))]
    assert figure.contacts_png(pairs, "en") == figure.contacts_png(pairs, "en")


def test_no_figure_when_fewer_than_two_pairs_of_states_meet(
    tmp_path: Path, fixed_facts: None
) -> None:
    doc = _write(tmp_path, _run())  # Armenia and Iran only
    assert not doc.inline_shapes
    assert "Контакты государств" not in _styled(doc, "Heading 1")


def test_any_country_code_makes_a_figure() -> None:
    """Codes no gazetteer knows are drawn as they are: no control character, no "$" taken
    for a formula, no name so long that it squeezes the bars away."""
    odd = figure.Pair(("\x00 \ud800@SUM(A1)", "$x$ $$\\frac{"), (1, 1))
    long = figure.Pair(("Ы" * 500, "KZ"), (2, 0))
    name = figure.pair_name(odd, "ru")
    assert name.startswith("@SUM(A1) — ") and not re.search("[\x00\ud800]", name)
    assert len(figure.pair_name(long, "ru")) < 50
    glyphless = figure.Pair(("\U000bfdda", "KZ"), (1, 0))  # no font has it: drawn as a box
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no Python warning on the user's terminal
        assert figure.contacts_png([odd, long, glyphless], "ru").startswith(b"\x89PNG")


def _facts(records: list[Record]) -> list[Fact]:
    return [Fact(r.type, r, [r.article], [r]) for r in records]


def test_a_timeline_counts_each_state_per_month() -> None:
    records: list[Record] = [
        Meeting(article="a", participants=["Иван Петров"], countries=["KZ", "RU"], date="2025-08"),
        Meeting(article="a", participants=["Пётр Иванов"], countries=["KZ"], date="2025-10-02"),
        Agreement(article="a", kind="plan", parties=["KZ", "RU"], date="2025-10-30"),
        Meeting(article="a", participants=["Сергей Сидоров"], countries=["RU"], date="2025"),
        Event(article="a", name="Поиск", country="KZ", date="2025-09-01"),  # no contact
    ]
    line = figure.timeline(_facts(records))
    assert line.periods == ("2025-08", "2025-09", "2025-10")  # every month between, no gap
    assert line.states == ("KZ", "RU")
    assert line.counts == ((1, 0, 2), (1, 0, 1))
    far = [*records[:1], Meeting(article="a", participants=["И"], countries=["BY"], date="2028-01")]
    assert figure.timeline(_facts(far)).periods == ("2025", "2026", "2027", "2028")
    assert figure.timeline(_facts(records[3:])).periods == ()  # no month known


def test_one_pair_over_months_gets_a_timeline_figure(tmp_path: Path) -> None:
    article = Article(id="a", text="...", title="Встречи", published="2025-11-01")
    records: list[Record] = [
        Meeting(article="a", participants=["Иван Петров"], countries=["KZ", "RU"], date=date)
        for date in ("2025-08-10", "2025-10-03")
    ]
    run = Run([ArticleOutcome("a.txt", article, records)], options={"lang": "ru"})
    doc = _write(tmp_path, run)
    assert "Контакты государств" in _styled(doc, "Heading 1")
    (shape,) = doc.inline_shapes
    caption = shape._inline.docPr.get("descr")
    assert caption.startswith("Рисунок 1. Встречи и соглашения по государствам и месяцам")
    assert caption in _styled(doc, "Brief Meta")
    assert figure.timeline_png(figure.timeline(_facts(records)), "en").startswith(b"\x89PNG")
