"""The key developments of a brief (svodka.report.select), on hand-made facts and on the
records svodka makes of every gold set."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from svodka.model.facts import Fact, consolidate
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
from svodka.report import select
from svodka.report.select import KEY_LIMIT, LEAD_LIMIT, MAX_DETAILS, key_developments, stories

_offsets = itertools.count(1000, 100)


def fact(record: Record, *articles: str, news: bool | None = True, at: int | None = None) -> Fact:
    """A fact reported by ``articles`` (the record's own article first), each stating it in a
    sentence at offset ``at`` (default: a sentence of its own)."""
    sources = [record.article, *articles]
    start = next(_offsets) if at is None else at
    records = []
    for article in sources:
        copy = type(record)(**{**record.__dict__, "article": article})
        copy.evidence = [Evidence(start, start + 50, "…")]
        copy.news = news
        records.append(copy)
    return Fact(record.type, records[0], sources, records)


def signed(article: str, parties=("AM", "IR"), date="2026-03-10", **kw) -> Agreement:
    return Agreement(
        article=article, kind="plan", parties=list(parties), status="signed", date=date, **kw
    )


def meeting(article: str, *people: str, countries=("AM", "IR"), date=None) -> Meeting:
    return Meeting(article=article, participants=list(people), countries=list(countries), date=date)


def event(article: str, name: str) -> Event:
    return Event(article=article, name=name, category="учения", status="held")


def role(article: str, person: str, post: str) -> Fact:
    return fact(Role(article=article, person=person, position=post), news=False)


def mains(found: list[select.Story]) -> list[Record]:
    return [s.main.record for s in found]


def test_background_roles_and_quotes_are_never_key() -> None:
    news = fact(Membership(article="a", country="ID", organization="BRICS", status="member"))
    background = fact(
        Membership(article="a", country="BR", organization="BRICS", status="member"), news=False
    )
    appointed = fact(Role(article="a", person="Олег Сидоренко", position="министр обороны"))
    said = fact(Quote(article="a", speaker="Олег Сидоренко", text="Мы готовы."))
    found = key_developments([background, appointed, said, news])
    assert [[f.record for f in s.facts] for s in found] == [[news.record]]


def test_a_fact_without_news_counts_as_news() -> None:
    """Records from an older records file do not say: they are not hidden."""
    unknown = fact(signed("a"), news=None)
    assert mains(key_developments([unknown])) == [unknown.record]


def test_ranked_by_weight_then_sources() -> None:
    roles = [
        role("x", "Никол Пашинян", "премьер-министр"),
        role("x", "Масуд Пезешкиан", "президент"),
        role("x", "Сурен Папикян", "министр обороны"),
        role("x", "Азиз Насирзаде", "министр обороны"),
        role("x", "Андраник Кочарян", "депутат"),
    ]
    planned = fact(Agreement(article="p", kind="plan", parties=["AM", "IR"], status="planned"))
    exercise = fact(event("e", "Кавказ"))
    other = fact(meeting("o", "Андраник Кочарян", "Азиз Насирзаде", countries=["AM"]))
    ministers = fact(meeting("m", "Сурен Папикян", "Азиз Насирзаде", countries=["AM"]))
    leaders = fact(meeting("l", "Никол Пашинян", "Масуд Пезешкиан", countries=["AM"]))
    joined = fact(Membership(article="j", country="IR", organization="SCO", status="member"))
    plan = fact(signed("s", parties=["AZ", "KZ"]))
    widely = fact(signed("w", parties=["BY", "RU"]), "w2", "w3")
    facts = [*roles, planned, exercise, other, ministers, leaders, joined, plan, widely]
    assert mains(stories(facts)) == [
        widely.record,  # weight 100, three sources
        plan.record,  # weight 100, one source, dated
        joined.record,  # weight 100, one source, undated: after
        leaders.record,
        ministers.record,
        other.record,
        exercise.record,
        planned.record,
    ]


def test_a_recrawl_counts_as_one_source() -> None:
    twice = fact(signed("a", parties=["BY", "RU"]), "a-copy")
    once_each = fact(signed("b", parties=["AM", "IR"]), "c")
    copies = {"a-copy": "a"}
    ranked = stories([twice, once_each], source_key=lambda s: copies.get(s, s))
    assert mains(ranked) == [once_each.record, twice.record]
    assert [s.count for s in ranked] == [2, 1]
    assert ranked[1].sources == ["a", "a-copy"]  # both ids cited


def test_one_sentence_is_one_story() -> None:
    summit = fact(event("a", "Саммит ОДКБ"), at=10)
    talks = fact(meeting("a", "Никол Пашинян", "Масуд Пезешкиан"), at=10)
    elsewhere = fact(event("a", "Щит"), at=500)
    found = stories([summit, talks, elsewhere])
    assert [[f.record for f in s.facts] for s in found] == [
        [talks.record, summit.record],  # the meeting outweighs the event: it is the main fact
        [elsewhere.record],
    ]


def test_a_document_and_the_meeting_of_its_parties_are_one_story() -> None:
    plan = fact(signed("a", date="2026-03-10"))
    talks = fact(meeting("a", "Сурен Папикян", "Азиз Насирзаде", date="2026-03"))
    memo = fact(Agreement(article="a", kind="memorandum", parties=["AM", "IR"], status="signed"))
    found = stories([talks, memo, plan])
    assert len(found) == 1
    assert found[0].main.record is memo.record or found[0].main.record is plan.record
    assert {id(f) for f in found[0].facts} == {id(plan), id(talks), id(memo)}


def test_stories_stay_apart_on_other_dates_states_or_articles() -> None:
    plan = fact(signed("a", date="2026-03-10"))
    earlier_talks = fact(meeting("a", "Сурен Папикян", "Азиз Насирзаде", date="2025-11-02"))
    other_states = fact(meeting("a", "Сурен Папикян", "Закир Гасанов", countries=["AM", "AZ"]))
    other_article = fact(meeting("b", "Сурен Папикян", "Азиз Насирзаде"))
    meetings = [fact(meeting("c", "Никол Пашинян", "Масуд Пезешкиан")) for _ in range(2)]
    found = stories([plan, earlier_talks, other_states, other_article, *meetings])
    assert len(found) == 6  # two meetings of the same states, no document: two stories


def test_a_fact_reported_twice_joins_the_stories_of_both_articles() -> None:
    plan = fact(signed("a"), "b")
    talks_a = fact(meeting("a", "Сурен Папикян", "Азиз Насирзаде"))
    exercise_b = fact(event("b", "Кавказ"), at=plan.records[1].evidence[0].start)
    found = stories([plan, talks_a, exercise_b])
    assert len(found) == 1 and len(found[0].facts) == 3
    assert found[0].sources == ["a", "b"]


def test_details_are_capped() -> None:
    many = [fact(event("a", f"Учения {n}"), at=7) for n in range(MAX_DETAILS + 4)]
    (story,) = stories(many)
    assert len(story.facts) == MAX_DETAILS + 1


def test_at_most_key_limit_stories_of_one_article() -> None:
    facts = [fact(event("a", f"Учения {n}")) for n in range(KEY_LIMIT + 10)]
    assert len(key_developments(facts)) == KEY_LIMIT


def test_every_lead_story_before_heavier_news_of_other_articles() -> None:
    """Three articles, each leading with an event; the rest is heavier news from their bodies:
    the three leads are kept, the other places go by weight."""
    leads = [fact(event(a, f"Сбор {a}"), at=0) for a in "abc"]
    body = [fact(signed(a, parties=[a, str(n)]), at=200 + n) for a in "abc" for n in range(9)]
    found = key_developments([*body, *leads])
    assert len(found) == KEY_LIMIT
    assert all(any(s.main is lead for s in found) for lead in leads)
    assert sum(s.main.type == "agreement" for s in found) == KEY_LIMIT - 3


def test_many_articles_stretch_the_list_to_the_lead_limit_at_most() -> None:
    facts = [
        fact(event(f"a{n}", f"Учения {n}"), *([f"b{n}"] if n < 3 else []), at=0) for n in range(40)
    ]
    found = key_developments(facts)
    assert len(found) == LEAD_LIMIT
    assert [s.count for s in found[:3]] == [2, 2, 2]  # most sources first


def test_a_lead_is_the_articles_first_news_not_its_first_background() -> None:
    background = fact(event("a", "Учения прошлых лет"), news=False, at=0)
    lead = fact(event("a", "Учения"), at=100)
    body = [fact(signed("a", parties=["AM", str(n)]), at=300 + n) for n in range(KEY_LIMIT + 3)]
    found = key_developments([background, *body, lead])
    assert len(found) == KEY_LIMIT and any(s.main is lead for s in found)


GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.jsonl")))
def test_key_developments_of_every_golden_set(name: str) -> None:
    """On the records svodka makes of every gold set: news only, no role or quote, within
    the caps, and every article's lead story among them when the caps allow."""
    types = {cls.type: cls for cls in BUILTIN_TYPES}
    records = []
    for line in (GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        records += [record_from_dict(r, types) for r in json.loads(line).get("records", [])]
    found = key_developments(consolidate(records))
    told = [f for s in found for f in s.facts]
    assert len(found) <= LEAD_LIMIT
    assert all(f.type not in ("role", "quote") for f in told)
    assert all(any(r.news for r in f.records) for f in told)
    with_news = {r.article for r in records if r.news and r.spec.key}
    if len(with_news) <= LEAD_LIMIT:
        assert {a for s in found if s.lead for a in s.sources} >= with_news
