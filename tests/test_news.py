"""News or background (svodka.normalize.news): every record says how its article states it.

Texts are written for these tests; each is run through the whole pipeline with the built-in
extractors, as ``svodka run`` does."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest

from svodka.eval.score import evaluate
from svodka.extract.rules import apply
from svodka.manager import Plugins
from svodka.model.records import Membership, Role
from svodka.model.schema import record_schema
from svodka.normalize.news import period_end, period_start
from svodka.pipeline import process_article
from svodka.testing import builtin_lexicon, make_article


@cache
def _extractors() -> tuple:
    return tuple(Plugins(autoload=False).extractors.values())


def records(text: str, published: str | None = "2026-03-12", **fields: Any) -> list[dict]:
    article = make_article(text, published=published, **fields)
    outcome = process_article(article, _extractors(), builtin_lexicon())
    assert not outcome.errors, outcome.errors
    return [r.to_dict() for r in outcome.records]


def news_of(found: list[dict], type: str, **values: Any) -> list[bool]:
    """The ``news`` of the records of a type whose fields hold these values."""
    return [
        r["news"]
        for r in found
        if r["type"] == type and all(r.get(k) == v for k, v in values.items())
    ]


LEAD = "Министры обороны Армении и Ирана провели переговоры в Ереване."


def test_every_record_says_news_or_background() -> None:
    found = records(
        "Армения и Иран подписали план военного сотрудничества на 2027 год.\n\n"
        "Министр обороны Армении Сурен Папикян и министр обороны Ирана Азиз Насирзаде "
        "провели переговоры в Ереване."
    )
    assert found and all(isinstance(r["news"], bool) for r in found)
    assert news_of(found, "agreement", kind="plan") == [True]
    assert news_of(found, "meeting") == [True]


def test_a_post_stated_is_background_an_appointment_news() -> None:
    found = records(
        f"{LEAD}\n\nУказом президента генерал-майор Олег Сидоренко назначен министром обороны "
        "Беларуси. Министр иностранных дел Монголии Батмунх Баттсэцэг прокомментировала визит."
    )
    assert news_of(found, "role", person="Олег Сидоренко") == [True]
    assert news_of(found, "role", person="Батмунх Баттсэцэг") == [False]


def test_a_former_post_is_background() -> None:
    found = records(
        f"{LEAD}\n\nБывший министр обороны Армении Сейран Оганян назначен советником "
        "премьер-министра."
    )
    # an appointment in the sentence, but "бывший" states this post as context
    assert news_of(found, "role", person="Сейран Оганян", position="министр обороны") == [False]


def test_a_list_of_members_is_background_the_change_news() -> None:
    found = records(
        "Индонезия стала полноправным членом БРИКС наряду с Бразилией, Россией и Китаем.\n\n"
        "Её членами являются также ЮАР и Эфиопия."
    )
    assert news_of(found, "membership", country="ID") == [True]
    for already in ("BR", "RU", "CN", "ZA", "ET"):
        assert news_of(found, "membership", country=already) == [False], already


def test_members_that_join_together_are_news() -> None:
    found = records("Египет, Эфиопия и Иран вступили в БРИКС.")
    assert [news_of(found, "membership", country=c) for c in ("EG", "ET", "IR")] == [[True]] * 3


def test_since_a_year_is_background_a_future_start_news() -> None:
    found = records(
        f"{LEAD}\n\nСтороны обсудили учения. Монголия участвует в ШОС в статусе "
        "наблюдателя с 2004 года."
    )
    assert news_of(found, "membership", country="MN") == [False]


def test_recalled_facts_are_background() -> None:
    found = records(
        f"{LEAD}\n\nСтороны обсудили учения. Напомним, в прошлом году министры обороны "
        "Армении и Ирана подписали меморандум о сотрудничестве в Тегеране."
    )
    assert news_of(found, "agreement", kind="memorandum") == [False]


def test_recalled_word_does_not_turn_a_future_fact_to_background() -> None:
    found = records(
        f"{LEAD}\n\nСтороны обсудили учения. Как сообщалось ранее, в сентябре Армения и "
        "Иран подпишут меморандум о военном сотрудничестве."
    )
    assert news_of(found, "agreement", kind="memorandum") == [True]


def test_a_day_near_publication_outweighs_a_background_word() -> None:
    text = (
        f"{LEAD}\n\nСтороны обсудили учения. Ранее, 10 марта, Армения и Иран подписали "
        "меморандум о военном сотрудничестве."
    )
    assert news_of(records(text, "2026-03-12"), "agreement", kind="memorandum") == [True]


def test_a_granted_status_is_a_change() -> None:
    found = records(
        f"{LEAD}\n\nСтороны обсудили учения. Армении присвоен статус наблюдателя в ШОС."
    )
    assert news_of(found, "membership", country="AM") == [True]


def test_a_date_long_before_publication_is_background() -> None:
    text = (
        f"{LEAD}\n\nСтороны обсудили учения. 14 мая 2019 года Армения и Иран подписали "
        "меморандум о военном сотрудничестве."
    )
    assert news_of(records(text, "2026-03-12"), "agreement", kind="memorandum") == [False]
    # the same sentence in an article of a week later is news
    assert news_of(records(text, "2019-05-20"), "agreement", kind="memorandum") == [True]


def test_without_a_publication_date_the_datelines_date_counts() -> None:
    text = (
        "ЕРЕВАН, 12 марта 2026. /ТАСС/. Министры обороны Армении и Ирана провели переговоры "
        "в Ереване. Стороны обсудили учения. 14 мая 2019 года Армения и Иран подписали "
        "меморандум о военном сотрудничестве."
    )
    assert news_of(records(text, None), "agreement", kind="memorandum") == [False]
    # without either, a date cannot be far from publication
    undated = text.replace("ЕРЕВАН, 12 марта 2026. /ТАСС/. ", "")
    assert news_of(records(undated, None), "agreement", kind="memorandum") == [True]


def test_the_headline_states_news_despite_a_background_word() -> None:
    found = records(
        "Ранее объявленные учения «Щит-2026» пройдут в Армении\n\n"
        "Армения проведет учения «Щит-2026» в сентябре.",
        title="Ранее объявленные учения «Щит-2026» пройдут в Армении",
    )
    assert news_of(found, "event") and all(news_of(found, "event"))


def test_a_document_in_force_is_background_its_entry_into_force_news() -> None:
    found = records(
        f"{LEAD}\n\nСтороны обсудили учения. Между странами действует соглашение о "
        "военно-техническом сотрудничестве. Меморандум о сотрудничестве в области обороны "
        "вступил в силу в марте."
    )
    kinds = {r["kind"]: r["news"] for r in found if r["type"] == "agreement"}
    assert kinds.get("agreement") is False
    assert kinds.get("memorandum") is True


def test_news_keeps_record_ids() -> None:
    role = Role(article="a", person="Олег Сидоренко", position="министр обороны", country="BY")
    before = role.make_id()
    role.news = True
    assert role.make_id() == before
    assert role.to_dict()["news"] is True
    role.news = None
    assert "news" not in role.to_dict()


def test_an_extractor_that_sets_news_is_left_as_it_said() -> None:
    from svodka.normalize.news import mark_news
    from svodka.testing import parse_text

    doc = parse_text("Напомним, Армения вступила в ОДКБ.")
    told = Membership(article="test", country="AM", organization="CSTO", status="member")
    told.news = True
    mark_news([told], doc)
    assert told.news is True


def test_cue_words_are_data_plugins_extend(monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"{LEAD}\n\nСтороны обсудили учения. Встарь Армения и Иран подписывали меморандум."
    assert news_of(records(text), "agreement", kind="memorandum") == [True]
    try:
        apply({"news.background": [("встарь",)]})
        assert news_of(records(text), "agreement", kind="memorandum") == [False]
    finally:
        apply({})


def test_schema_documents_news_as_optional() -> None:
    schema = record_schema({"role": Role})
    branch = schema["allOf"][0]["then"]
    assert branch["properties"]["news"]["type"] == "boolean"
    assert "news" not in branch["required"]
    assert "confidence" in branch["required"]


def test_eval_ignores_news() -> None:
    """Gold records carry no ``news``: a system record with it scores as one without."""
    role = Role(article="a", person="Олег Сидоренко", position="министр обороны", country="BY")
    system = role.to_dict()
    gold = {k: v for k, v in system.items() if k not in ("id", "extractor", "confidence")}
    gold["evidence"] = []
    scores = []
    for news in (True, False, None):
        told = dict(system, news=news) if news is not None else dict(system)
        scores.append(evaluate([told], [gold]).to_dict())
    assert scores[0] == scores[1] == scores[2]
    assert scores[0]["micro"]["tp"] == 1 and not scores[0]["wrong_slots"]


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ("2025-10-15", dt.date(2025, 10, 15), dt.date(2025, 10, 15)),
        ("2025-08-31/2025-09-06", dt.date(2025, 8, 31), dt.date(2025, 9, 6)),
        ("2025-10-31T09:00:00+03:00", dt.date(2025, 10, 31), dt.date(2025, 10, 31)),
        ("скоро", None, None),
        ("2025-13", None, None),
    ],
)
def test_periods(value: str, start: dt.date | None, end: dt.date | None) -> None:
    assert period_start(value) == start
    assert period_end(value) == end
