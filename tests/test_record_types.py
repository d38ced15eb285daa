"""A record type declared in one place: a tiny type declared here, with no change anywhere
else, is consolidated, scored, tabled, named and ordered as its declaration says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import docx
import pytest
from openpyxl import load_workbook

from svodka.eval.score import evaluate
from svodka.model.facts import consolidate
from svodka.model.identity import KeyFields
from svodka.model.records import BUILTIN_TYPES, Evidence, Record, RecordType, record_problem
from svodka.model.schema import type_schema
from svodka.pipeline import ArticleOutcome, Run
from svodka.plugins.exporters.brief import BriefExporter
from svodka.plugins.exporters.workbook import write_workbook
from svodka.report import labels
from svodka.report.render import fact_line
from svodka.report.tabular import record_columns, sheet_title, source_from_run
from svodka.testing import make_article

TEXT = "В Гродно выпал град размером с грецкий орех. Синоптики обещают похолодание."


@dataclass(kw_only=True)
class Hail(Record):
    """Hail in a town: where, how large, how heavy."""

    type: ClassVar[str] = "hail"
    spec: ClassVar[RecordType] = RecordType(
        order=5,  # before every built-in type
        weight=4.0,
        identity=KeyFields((("place", "value"),)),
        slots=("size",),
        vocabularies={"strength": ("light", "heavy")},
        kinds={"neighbours": "country"},
        labels={
            "type:hail": ("Град", "Hail"),
            "column:hail.size": ("Размер", "Size"),
            "column:hail.strength": ("Сила", "Strength"),
            "column:hail.neighbours": ("Соседи", "Neighbours"),
            "hail.strength:heavy": ("сильный", "heavy"),
        },
    )
    place: str
    size: str | None = None
    strength: str | None = None
    neighbours: list[str] = field(default_factory=list)


def _hail(place: str, size: str | None = None, article: str = "grodno") -> Hail:
    return Hail(article=article, place=place, size=size, evidence=[Evidence(0, 44, TEXT[:44])])


def test_consolidation_uses_the_declared_identity_and_order() -> None:
    agreement = next(cls for cls in BUILTIN_TYPES if cls.type == "agreement")
    plan = agreement(article="grodno", kind="plan", parties=["BY"])
    facts = consolidate([plan, _hail("Гродно", "орех"), _hail("гродно", None, "minsk")])
    assert [f.type for f in facts] == ["hail", "agreement"]  # declared order 5 comes first
    assert facts[0].sources == ["grodno", "minsk"]  # the same place: one fact
    assert facts[0].record.size == "орех"


def test_eval_uses_the_declared_identity_and_slots() -> None:
    system = [{"type": "hail", "article": "a", "place": "гродно", "size": "горошина"}]
    gold = [{"type": "hail", "article": "a", "place": "Гродно", "size": "орех"}]
    declared = evaluate(system, gold, [*BUILTIN_TYPES, Hail])
    assert list(declared.types)[0] == "hail"  # the declared order
    assert declared.types["hail"].tp == 1  # only the place identifies a hail fact
    assert declared.slots["hail"]["size"].total == 1
    assert declared.slots["hail"]["size"].correct == 0
    assert declared.wrong_slots[0].key == {"place": "Гродно"}
    undeclared = evaluate(system, gold)  # no class: every field is a key field
    assert (undeclared.types["hail"].tp, undeclared.types["hail"].fp) == (0, 1)
    assert list(undeclared.types)[-1] == "hail"


def test_vocabulary_is_enforced_by_checks_and_schema() -> None:
    bad = Hail(article="a", place="Гродно", strength="giant")
    assert "not one of light, heavy" in (record_problem(bad, TEXT) or "")
    assert record_problem(Hail(article="a", place="Гродно", strength="heavy"), TEXT) is None
    assert type_schema(Hail)["properties"]["strength"]["enum"] == ["light", "heavy", None]


@pytest.mark.parametrize(
    ("lang", "name", "headers"),
    [("ru", "Град", ["Место", "Размер", "Сила"]), ("en", "Hail", ["Place", "Size", "Strength"])],
)
def test_labels_come_from_the_declaration(lang: str, name: str, headers: list[str]) -> None:
    assert labels.type_name(Hail, lang) == name
    assert sheet_title(Hail, lang) == name
    assert [c.header for c in record_columns(Hail, lang)][:3] == headers


def test_declared_kinds_show_values_in_fact_lines() -> None:
    hail = Hail(article="a", place="Гродно", strength="heavy", neighbours=["LT", "PL"])
    assert fact_line(hail) == "hail: place=Гродно; strength=сильный; neighbours=Литва, Польша."
    english = "hail: place=Grodno; strength=heavy; neighbours=Lithuania, Poland."
    assert fact_line(hail, "en") == english


def _run(lang: str) -> Run:
    article = make_article(TEXT, id="grodno", title="Град в Гродно", published="2025-06-01")
    hail = _hail("Гродно", "орех")
    hail.strength = "heavy"
    outcome = ArticleOutcome("grodno", article, [hail])
    started = dt.datetime(2025, 6, 2, tzinfo=dt.timezone.utc)
    return Run([outcome], started=started, options={"lang": lang})


def test_brief_and_workbook_give_the_type_its_place(tmp_path: Path) -> None:
    BriefExporter().export(_run("ru"), tmp_path / "brief.docx")
    doc = docx.Document(str(tmp_path / "brief.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Основные события", "Град"]
    header, row = ([c.text for c in r.cells] for r in doc.tables[0].rows)
    # "Соседи", empty in every row, is left out of the brief's table (not of the sheet)
    assert header == ["Место", "Размер", "Сила", "Источники"]
    assert row == ["Гродно", "Орех", "Сильный", "[1]"]  # the declared value label

    write_workbook(source_from_run(_run("ru")), tmp_path / "facts.xlsx")
    book = load_workbook(tmp_path / "facts.xlsx")
    assert book.sheetnames[:2] == ["Град", "Соглашения"]
    header, row = (r[:4] for r in book["Град"].iter_rows(values_only=True))
    assert header == ("Место", "Размер", "Сила", "Соседи")
    assert row == ("Гродно", "орех", "сильный", None)


def test_a_key_field_form_must_be_known() -> None:
    with pytest.raises(ValueError, match="nickname"):
        KeyFields((("place", "nickname"),))


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ("Мы построим новый мост через реку к зиме следующего лета", True),  # 7 of 10 shared
        ("Мы построим новый мост над заливом к весне", False),  # 5 of 10
    ],
)
def test_eval_and_consolidation_agree_on_the_same_quote(other: str, same: bool) -> None:
    quote = next(cls for cls in BUILTIN_TYPES if cls.type == "quote")
    said = "Мы построим новый мост через реку к осени будущего года"
    first = quote(article="a", speaker="Олег Сидоров", text=said)
    second = quote(article="b", speaker="О. Сидоров", text=other)
    assert len(consolidate([first, second])) == (1 if same else 2)
    system = [{"type": "quote", "article": "a", "speaker": "Сидоров", "text": other}]
    gold = [{"type": "quote", "article": "a", "speaker": "Олег Сидоров", "text": said}]
    assert evaluate(system, gold).types["quote"].tp == (1 if same else 0)


def test_a_class_with_a_broken_declaration_is_refused() -> None:
    @dataclass(kw_only=True)
    class Sleet(Record):
        type: ClassVar[str] = "sleet"
        spec: ClassVar = {"order": 1}  # type: ignore[assignment]
        place: str

    problem = record_problem(Sleet(article="a", place="Лида"), TEXT)
    assert problem == "its class Sleet declares a spec that is not a RecordType"
