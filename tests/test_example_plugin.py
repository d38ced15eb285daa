"""The example third-party plugin (examples/svodka-example-plugin): its extractor and
exporter through svodka.testing, and real installation and entry-point discovery."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import svodka
from svodka.pipeline import Run, process_article
from svodka.testing import builtin_lexicon, extract_records, make_article, parse_text, plugins_with

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "svodka-example-plugin"

ARTICLE = (
    "В лагере «Смена» отдохнули более 700 подростков из 14 стран.\n"
    "С 2019 года по программе подписано 14 новых документов, 25% из них — в 2023 г.\n"
    "Смена завершилась 14 мая.\n"
)


@pytest.fixture(scope="module")
def example() -> Iterator:
    """The plugin module, imported from the source tree."""
    sys.path.insert(0, str(EXAMPLE))
    try:
        import svodka_example

        yield svodka_example
    finally:
        sys.path.remove(str(EXAMPLE))
        sys.modules.pop("svodka_example", None)


def figures(example, text: str) -> list[tuple[int, str]]:
    return [(r["value"], r["unit"]) for r in extract_records(example.FiguresExtractor(), text)]


# -- the plugin, in process ---------------------------------------------------------------


def test_figures_from_an_article(example) -> None:
    records = extract_records(example.FiguresExtractor(), ARTICLE, id="camp")
    assert [(r["value"], r["unit"]) for r in records] == [
        (700, "подросток"),
        (14, "страна"),
        (14, "документ"),
        (25, "процент"),
    ]
    first = records[0]
    assert first["type"] == "figure" and first["article"] == "camp"
    assert first["extractor"] == "figures"
    assert first["evidence"] == [
        {
            "start": 0,
            "end": 60,
            "text": "В лагере «Смена» отдохнули более 700 подростков из 14 стран.",
        }
    ]
    assert ARTICLE[0:60] == first["evidence"][0]["text"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("В 2024 году прошли учения.", []),
        ("Форум открылся 12 июня.", []),
        ("Это было в 1995.", []),
        ("Указ № 5 подписан.", []),
        ("Собрали 1 500 волонтёров.", [(1500, "волонтер")]),
        ("Выделено 5 млн рублей.", [(5_000_000, "рубль")]),
        ("Встреча с 1 200 выпускниками.", [(1200, "выпускник")]),
        ("Выросло в 3 раза.", []),
        ("Приехали 300 участников.", [(300, "участник")]),
    ],
)
def test_figure_rules(example, text: str, expected: list[tuple[int, str]]) -> None:
    assert figures(example, text) == expected


def test_plugin_registers_through_the_hooks(example) -> None:
    with plugins_with(example) as plugins:
        assert plugins.record_types["figure"] is example.Figure
        assert plugins.owner[("extractor", "figures")] == "svodka_example"
        assert plugins.owner[("exporter", "markdown")] == "svodka_example"
        info = next(i for i in plugins.info() if i.name == "svodka_example")
        assert info.hooks == [
            "register_exporters",
            "register_extractors",
            "register_fact_templates",
            "register_record_types",
        ]
    assert "figures" not in plugins.extractors  # unregistered on exit
    assert "figure" not in plugins.record_types


def test_markdown_brief(example, tmp_path: Path) -> None:
    article = make_article(ARTICLE, id="camp", title="Смена-2024")
    outcome = process_article(article, [example.FiguresExtractor()], builtin_lexicon())
    empty = process_article(make_article("Ничего.", id="empty"), [], builtin_lexicon())
    path = tmp_path / "brief.md"
    example.MarkdownExporter().export(Run([outcome, empty]), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["# svodka brief", "", "## Смена-2024", ""]
    assert "- **figure** — value: 700; unit: подросток" in lines
    assert lines[lines.index("## empty") + 2] == "- (no records)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


FLEET = (
    "На верфи в Калининграде спустили на воду 3 новых буксира.\n"
    "Экипажи пополнили 120 курсантов морского училища.\n"
)


def _figure_run(example, plugins, lang: str) -> Run:
    article = make_article(FLEET, id="fleet", title="Буксиры", published="2025-03-04")
    outcome = process_article(article, [example.FiguresExtractor()], builtin_lexicon())
    return Run([outcome], options={"lang": lang}, manager=plugins)


@pytest.mark.parametrize(
    ("lang", "heading", "headers", "line"),
    [
        (
            "ru",
            "Цифры и величины",
            ["Число", "Что считается", "Источники"],
            "В статье названо число: 3 буксира. [1]",
        ),
        (
            "en",
            "Figures and amounts",
            ["Number", "Counted", "Sources"],
            "Figure stated: 3 buksira (буксира). [1]",
        ),
    ],
)
def test_figures_get_their_own_brief_section(
    example, tmp_path: Path, lang: str, heading: str, headers: list[str], line: str
) -> None:
    import docx

    from svodka.plugins.exporters.brief import BriefExporter

    with plugins_with(example) as plugins:
        BriefExporter().export(_figure_run(example, plugins, lang), tmp_path / "brief.docx")
    doc = docx.Document(str(tmp_path / "brief.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heading in headings  # named by the plugin's declaration, not "Прочие факты: figure"
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert line in bullets  # the plugin's own fact-line template
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == headers
    # in English a word the translations lack is transliterated, the Russian in brackets
    tug, cadet = ("Буксир", "Курсант") if lang == "ru" else ("Buksir (буксир)", "Kursant (курсант)")
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["3", tug, "[1]"],
        ["120", cadet, "[1]"],
    ]


@pytest.mark.parametrize(
    ("lang", "sheet", "headers", "before"),
    [
        ("ru", "Цифры", ["Число", "Что считается", "Статья"], ["Цитаты", "Цифры", "Статьи"]),
        ("en", "Figures", ["Number", "Counted", "Article"], ["Quotes", "Figures", "Articles"]),
    ],
)
def test_figures_get_their_own_workbook_sheet(
    example, tmp_path: Path, lang: str, sheet: str, headers: list[str], before: list[str]
) -> None:
    from openpyxl import load_workbook

    from svodka.plugins.exporters.workbook import write_workbook
    from svodka.report.tabular import source_from_run

    with plugins_with(example) as plugins:
        write_workbook(source_from_run(_figure_run(example, plugins, lang)), tmp_path / "f.xlsx")
    book = load_workbook(tmp_path / "f.xlsx")
    at = book.sheetnames.index(sheet)  # after the built-in types, in the one order
    assert book.sheetnames[at - 1 : at + 2] == before
    rows = list(book[sheet].iter_rows(values_only=True))
    assert list(rows[0][:3]) == headers
    tug, cadet = ("буксир", "курсант") if lang == "ru" else ("buksir (буксир)", "kursant (курсант)")
    assert [row[:3] for row in rows[1:]] == [(3, tug, "fleet"), (120, cadet, "fleet")]


@pytest.mark.parametrize(
    ("value", "ru", "en"),
    [
        (1, "1 танкер", "1 tanker (танкер)"),
        (2, "2 танкера", "2 tankera (танкера)"),
        (5, "5 танкеров", "5 tankerov (танкеров)"),
        (11, "11 танкеров", "11 tankerov (танкеров)"),
        (21, "21 танкер", "21 tanker (танкер)"),
        (34, "34 танкера", "34 tankera (танкера)"),
        (1500, "1 500 танкеров", "1,500 tankerov (танкеров)"),
    ],
)
def test_a_figure_reads_as_a_sentence_with_its_noun_agreeing(
    example, value: int, ru: str, en: str
) -> None:
    from svodka.report.render import fact_line

    figure = example.Figure(article="a", value=value, unit="танкер")
    with plugins_with(example) as plugins:
        assert fact_line(figure, "ru", plugins) == f"В статье названо число: {ru}."
        assert fact_line(figure, "en", plugins) == f"Figure stated: {en}."
    percent = example.Figure(article="a", value=25, unit="процент")
    with plugins_with(example) as plugins:
        assert fact_line(percent, "ru", plugins) == "В статье названо число: 25 процентов."


def test_parse_text_gives_lemmas() -> None:
    doc = parse_text("Прошли учения.", published="2024-05-14")
    assert [t.lemma for t in doc.tokens] == ["пройти", "учение", "."]
    assert doc.article.published == "2024-05-14"


# -- installed for real -------------------------------------------------------------------


def _svodka() -> str:
    script = Path(sys.executable).with_name("svodka")
    found = str(script) if script.exists() else shutil.which("svodka")
    assert found, "the svodka console script is not installed"
    return found


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin pip-installed into a fresh folder (built from a copy, so no build
    leftovers land in the repository)."""
    base = tmp_path_factory.mktemp("example")
    source = base / "src"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = base / "site"
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--disable-pip-version-check",
        "--target",
        str(target),
        str(source),
    ]
    # Without build isolation first (offline); a venv whose setuptools cannot build wheels
    # on its own (no `wheel` before setuptools 70.1) needs an isolated build instead.
    result = subprocess.run([*command, "--no-build-isolation"], capture_output=True, text=True)
    if result.returncode != 0:
        result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "svodka_example" / "__init__.py").is_file()
    return target


def _env(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SVODKA_DISABLE_PLUGIN_AUTOLOAD", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    return env


@pytest.mark.slow
def test_installed_plugin_is_discovered(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [_svodka(), "plugins", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(installed),
        cwd=tmp_path,
    )
    data = json.loads(result.stdout)
    listed = {p["name"]: p for p in data["plugins"]}
    assert listed["example"] == {
        "name": "example",
        "version": "0.1.0",
        "builtin": False,
        "hooks": [
            "register_exporters",
            "register_extractors",
            "register_fact_templates",
            "register_record_types",
        ],
        "components": {
            "exporter": ["markdown"],
            "extractor": ["figures"],
            "record_type": ["figure"],
        },
    }
    assert "example" not in {p["plugin"] for p in data["problems"]}
    assert listed["exporters.jsonl"]["version"] == svodka.__version__


@pytest.mark.slow
def test_installed_plugin_runs(installed: Path, tmp_path: Path) -> None:
    article = tmp_path / "camp.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [_svodka(), "run", str(article), "-o", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(installed),
        cwd=tmp_path,
    )
    assert f"svodka: wrote {out / 'brief.md'}" in result.stderr, result.stderr
    rows = [json.loads(line) for line in (out / "records.jsonl").read_text("utf-8").splitlines()]
    found = [(r["value"], r["unit"], r["extractor"]) for r in rows if r["type"] == "figure"]
    assert found == [
        (700, "подросток", "figures"),
        (14, "страна", "figures"),
        (14, "документ", "figures"),
        (25, "процент", "figures"),
    ]

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entry = report["articles"][0]
    assert entry["records"]["figure"] == 4
    brief = (out / "brief.md").read_text(encoding="utf-8").splitlines()
    assert brief[0] == "# svodka brief"
    assert f"## {entry['title'] or entry['id']}" in brief
    assert "- **figure** — value: 14; unit: документ" in brief

    # the Word brief and the workbook of the installed plugin: sentences, Russian headers
    import docx
    from openpyxl import load_workbook

    word = docx.Document(str(out / "brief.docx"))
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    told = " ".join(bullets)  # facts of one sentence are one story, one bullet
    assert "В статье названо число: 700 подростков." in told
    assert "В статье названо число: 14 стран." in told
    assert all(b.endswith("[1]") for b in bullets) and bullets
    assert "Цифры и величины" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    sheet = load_workbook(out / "facts.xlsx")["Цифры"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Число", "Что считается", "Статья"]
    assert all(re.fullmatch(r"[А-ЯЁа-яё ,()]+", h) for h in headers if h != "ID записи"), headers
