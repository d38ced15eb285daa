"""Consolidation (svodka.model.facts): one fact per real-world fact, listing every source."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from svodka.model.facts import Fact, consolidate, fact_key, merge
from svodka.model.records import (
    BUILTIN_TYPES,
    Agreement,
    Event,
    Evidence,
    Meeting,
    Membership,
    Quote,
    Record,
    Role,
    record_from_dict,
)
from svodka.report.render import fact_line

TYPES = {cls.type: cls for cls in BUILTIN_TYPES}


def plan(article: str, **fields) -> Agreement:
    values = {"kind": "plan", "parties": ["KZ", "RU"], "period": "2026", "status": "signed"}
    return Agreement(article=article, **{**values, **fields})


def test_the_same_plan_from_two_articles_is_one_fact_with_two_sources() -> None:
    tass = plan(
        "kz-ru-plan-2026",
        title="план военного сотрудничества",
        place="Алматы",
        confidence=0.9,
        evidence=[Evidence(10, 20, "был подписан план")],
    )
    mod = plan(
        "mod-kz",
        parties=["RU", "KZ"],
        title="План военного сотрудничества",
        date="2025-10-31",
        confidence=0.7,
    )
    other = plan("dev-001", parties=["KG", "RU"])
    facts = consolidate([tass, other, mod])
    assert [f.sources for f in facts] == [["kz-ru-plan-2026", "mod-kz"], ["dev-001"]]
    fact = facts[0]
    assert fact.type == "agreement"
    assert fact.records == [tass, mod]
    merged = fact.record
    assert merged.place == "Алматы" and merged.date == "2025-10-31"  # filled from the other
    assert merged.title == "план военного сотрудничества"  # the more confident source's
    assert merged.article == "kz-ru-plan-2026" and merged.evidence == tass.evidence
    assert merged.confidence == 0.9
    assert fact_line(fact) == (
        "Казахстан и Россия подписали план военного сотрудничества на 2026 год "
        "(Алматы, 31 октября 2025)."
    )
    # the inputs are left as they were
    assert tass.date is None and mod.place is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (plan("x", period="2026"), plan("y", period="2027")),
        (plan("x"), plan("y", kind="programme")),
        (plan("x"), plan("y", parties=["KZ", "RU", "BY"])),
        (plan("x", date="2021"), plan("y", date="2025-10-15")),  # two programmes, years apart
        (
            Role(article="x", person="Андрей Белоусов", position="министр обороны", country="RU"),
            Role(article="y", person="Андрей Белоусов", position="министр обороны", country="BY"),
        ),
        (
            Membership(article="x", country="BY", organization="SCO", status="member"),
            Membership(article="y", country="BY", organization="SCO", status="observer"),
        ),
        (
            Meeting(article="x", participants=["Сергей Шойгу", "Шерали Мирзо"]),
            Meeting(article="y", participants=["Сергей Шойгу", "Нурлан Ермекбаев"]),
        ),
        (
            Meeting(article="x", participants=["Путин", "Лукашенко"], date="2022-10-10"),
            Meeting(article="y", participants=["Путин", "Лукашенко"], date="2022-09-01"),
        ),
        (
            Event(article="x", name="Айбын", date="2025", status="held"),
            Event(article="y", name="Айбын", date="2026", status="planned"),
        ),
        (
            Event(article="x", name="Айбын", date="2025", status="held"),
            Event(article="y", name="Айбын", date="2025", status="planned"),
        ),
        (
            Quote(article="x", speaker="Сергей Шойгу", text="Мы готовы к сотрудничеству"),
            Quote(article="y", speaker="Сергей Шойгу", text="Учения пройдут в сентябре"),
        ),
        (
            Quote(article="x", speaker="Сергей Шойгу", text="Мы готовы к сотрудничеству"),
            Quote(article="y", speaker="Андрей Белоусов", text="Мы готовы к сотрудничеству"),
        ),
    ],
)
def test_different_facts_stay_apart(a: Record, b: Record) -> None:
    assert len(consolidate([a, b])) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            Role(article="x", person="Андрей Белоусов", position="министр обороны", country="RU"),
            Role(article="y", person="А. Белоусов", position="Министр обороны", country="RU"),
        ),
        (
            Role(article="x", person="Пётр Семёнов", position="посол", country="RU"),
            Role(article="y", person="Петр Семенов", position="посол", country="RU"),
        ),
        (
            Meeting(article="x", participants=["Даурен Косанов", "Андрей Белоусов"]),
            Meeting(article="y", participants=["Белоусов", "Косанов"], format="talks"),
        ),
        (
            Membership(article="x", country="BY", organization="SCO", status="member"),
            Membership(article="y", country="BY", organization="SCO", status="member",
                       date="2024-07-04"),
        ),
        (
            Event(article="x", name="Взаимодействие-2025", date="2025-08-31", status="planned"),
            Event(article="y", name="«Взаимодействие»", date="2025", status="planned"),
        ),
        (
            Quote(article="x", speaker="Сергей Шойгу",
                  text="Москва и Астана реализуют очень большой, широкий план сотрудничества"),
            Quote(article="y", speaker="С. Шойгу",
                  text="Москва и Астана реализуют большой план сотрудничества"),
        ),
    ],
)  # fmt: skip
def test_the_same_fact_is_merged(a: Record, b: Record) -> None:
    (fact,) = consolidate([a, b])
    assert fact.sources == ["x", "y"]


def test_the_same_article_counts_once() -> None:
    (fact,) = consolidate([plan("x"), plan("x", place="Алматы"), plan("y")])
    assert fact.sources == ["x", "y"]
    assert len(fact.records) == 3


def test_merge_fills_and_refines() -> None:
    a = Meeting(article="x", participants=["Белоусов", "Косанов"], date="2025-10",
                topics=["военное образование"], confidence=0.9)  # fmt: skip
    b = Meeting(
        article="y",
        participants=["Андрей Белоусов", "Даурен Косанов"],
        place="Алматы",
        date="2025-10-31",
        format="talks",
        topics=["Военное образование", "региональная безопасность"],
        confidence=0.6,
    )
    snapshot = copy.deepcopy([a, b])
    merged = merge([a, b])
    assert merged.participants == ["Белоусов", "Косанов"]  # the chosen record's list
    assert merged.place == "Алматы" and merged.format == "talks"
    assert merged.date == "2025-10-31"  # the compatible, more precise date
    assert merged.topics == ["военное образование", "региональная безопасность"]
    assert [a, b] == snapshot

    role = merge([
        Role(article="x", person="Белоусов", position="министр обороны", confidence=0.9),
        Role(article="y", person="Андрей Белоусов", country="RU", rank="генерал", confidence=0.5),
    ])  # fmt: skip
    assert (role.person, role.country, role.rank) == ("Андрей Белоусов", "RU", "генерал")


def test_the_most_confident_record_is_the_representative() -> None:
    low = plan("x", title="план", confidence=0.4)
    high = plan("y", title="план военного сотрудничества", confidence=0.8)
    (fact,) = consolidate([low, high])
    assert fact.record.title == "план военного сотрудничества"
    assert fact.record.article == "y"
    assert fact.sources == ["x", "y"]  # first seen first


def test_order_most_important_first_then_latest() -> None:
    records = [
        Quote(article="q", speaker="Иван Петров", text="Слова"),
        Role(article="r1", person="Иван Петров", position="посол"),
        Event(article="e1", name="Айбын", date="2023", status="held"),
        Weather(article="w", forecast="дождь"),
        Meeting(article="m1", participants=["Иванов", "Петров"]),
        Membership(article="s1", country="BY", organization="SCO", status="member",
                   date="2024-07-04"),
        plan("a-undated", period="2030"),
        plan("a-old", date="2018-11-08", period="2019"),
        Event(article="e2", name="Взаимодействие", date="2025-08", status="planned"),
        plan("a-new", date="2025-10-31"),
        Role(article="r2", person="Пётр Иванов", position="министр"),
        Meeting(article="m2", participants=["Шойгу", "Мирзо"], date="2022-07-04"),
    ]  # fmt: skip
    facts = consolidate(records)
    assert [f.sources[0] for f in facts] == [
        "a-new", "a-old", "a-undated", "s1", "m2", "m1", "e2", "e1", "r1", "r2", "q", "w",
    ]  # fmt: skip


@dataclass(kw_only=True)
class Weather(Record):
    type: ClassVar[str] = "weather"
    forecast: str
    place: str | None = None


def test_plugin_types_compare_every_field() -> None:
    facts = consolidate([
        Weather(article="x", forecast="Дождь", place="Минск"),
        Weather(article="y", forecast="дождь", place="минск"),
        Weather(article="z", forecast="дождь", place=None),
    ])  # fmt: skip
    assert [f.sources for f in facts] == [["x", "y"], ["z"]]
    assert fact_key(facts[0].record) == fact_key(facts[0].records[1])


def test_nothing_in_nothing_out() -> None:
    assert consolidate([]) == []
    assert consolidate(iter([plan("x")]))[0] == Fact("agreement", plan("x"), ["x"], [plan("x")])


def test_the_shared_corpus(shared_corpus: Path) -> None:
    records = [
        record_from_dict(json.loads(line), TYPES)
        for line in (shared_corpus / "gold.jsonl").read_text("utf-8").splitlines()
    ]
    facts = consolidate(records)
    assert sum(len(f.records) for f in facts) == len(records)
    by_line = {fact_line(f): f.sources for f in facts}
    # the minister reported by three articles is one fact
    assert by_line["Андрей Белоусов — министр обороны (Россия)."] == [
        "kz-ru-plan-2026", "dev-001", "dev-009",
    ]  # fmt: skip
    assert by_line["Беларусь — член ШОС (июль 2024)."] == ["kz-by-astana-visit", "dev-024"]
    # the KZ-RU plan and the KG-RU plan for 2026 are different facts
    assert by_line[
        "Казахстан и Россия подписали план военного сотрудничества на 2026 год (Алматы)."
    ] == ["kz-ru-plan-2026"]
    assert by_line["Кыргызстан и Россия подписали план военного сотрудничества на 2026 год."] == [
        "dev-001"
    ]
    types = [f.type for f in facts]
    assert types == sorted(types, key=["agreement", "membership", "meeting", "event", "role",
                                       "quote"].index)  # fmt: skip


def test_many_quotes_of_one_speaker_stay_linear() -> None:
    """Repeats join their fact by the exact words; others are compared with a bounded number
    of recent facts, so a run of any size consolidates in linear time."""
    from svodka.model.facts import SCAN, consolidate
    from svodka.model.records import Quote

    distinct = [" ".join(f"тема{i}x{k}" for k in range(6)) for i in range(3 * SCAN)]
    records = [
        Quote(article=f"a{k}", speaker="Иван Петров", text=distinct[k % len(distinct)])
        for k in range(6 * SCAN)
    ]
    facts = consolidate(records)
    assert len(facts) == len(distinct)
    assert all(len(f.sources) == 2 for f in facts)


def test_a_range_is_kept_over_the_day_it_starts_on() -> None:
    def drill(article: str, date: str) -> Event:
        return Event(article=article, name="Гроза", category="учения", status="planned", date=date)

    for first, second in (
        ("2026-10-04", "2026-10-04/2026-10-09"),
        ("2026-10-04/2026-10-09", "2026-10"),
    ):
        [fact] = consolidate([drill("x", first), drill("y", second)])
        assert fact.record.date == "2026-10-04/2026-10-09"
    [fact] = consolidate([drill("x", "2026-10"), drill("y", "2026-10-04")])
    assert fact.record.date == "2026-10-04"


def test_the_same_words_reported_on_two_days_are_one_statement() -> None:
    words = "Мы продолжим совместные учения в следующем году"
    monday = Quote(article="a", speaker="Иван Петров", text=words, date="2026-03-02")
    thursday = Quote(article="b", speaker="Иван Петров", text=words, date="2026-03-05")
    other = Quote(article="c", speaker="Иван Петров", text="Учения отменены", date="2026-03-05")
    assert Quote(**{**monday.__dict__, "date": None}).make_id() == monday.make_id()
    facts = consolidate([monday, thursday, other])
    assert sorted(f.sources for f in facts) == [["a", "b"], ["c"]]
