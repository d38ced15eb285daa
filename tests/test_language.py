"""svodka.read.language: Russian text passes, other languages and scripts are named."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.read.language import language_problem, languages

RUSSIAN = (
    "Министр обороны Казахстана Даурен Косанов провел переговоры с главой Минобороны России "
    "Андреем Белоусовым. Встреча состоялась в Алма-Ате в рамках заседания Совета министров "
    "обороны государств - участников СНГ. По итогам переговоров был подписан план военного "
    "сотрудничества на 2026 год."
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Президент України Володимир Зеленський провів зустріч з міністром оборони. Сторони "
            "обговорили питання співпраці, які є важливими для обох країн, і її перспективи.",
            "not Russian: looks like Ukrainian (і, ї, є)",
        ),
        (
            "Міністр абароны Беларусі правёў сустрэчу з калегам. Бакі абмеркавалі пытанні "
            "ваеннага супрацоўніцтва і ўзаемадзеяння ў галіне падрыхтоўкі кадраў.",
            "not Russian: looks like Belarusian (і, ў)",
        ),
        (
            "Қазақстан Республикасының Қорғаныс министрі Беларусь әріптесімен кездесті және "
            "екі ел арасындағы ынтымақтастық мәселелерін талқылады.",
            "not Russian: looks like Kazakh (ә, ғ, қ)",
        ),
        (
            "Президентът на България се срещна с министъра на отбраната. Страните обсъдиха "
            "въпроси на сътрудничеството, които са важни за двете държави.",
            "not Russian: looks like Bulgarian (ъ)",
        ),
        (
            "Председник Србије је разговарао са министром одбране о сарадњи и њеним "
            "перспективама у наредној години.",
            "not Russian: looks like Serbian (ј, њ)",
        ),
        (
            "The defence ministers of Kazakhstan and Russia signed a cooperation plan.",
            "not Russian: Latin script",
        ),
        ("وزير الدفاع الكازاخستاني يلتقي نظيره الروسي في ألماتي", "not Russian: Arabic script"),
        ("哈萨克斯坦和俄罗斯国防部长签署合作计划", "not Russian: CJK script"),
        ("2025-10-31 12:40 — 100 %", "not Russian: no letters"),
    ],
)
def test_other_languages_are_named(text: str, reason: str) -> None:
    assert language_problem(text) == reason


def test_russian_text_passes() -> None:
    assert language_problem(RUSSIAN) is None
    assert language_problem("Белоусов и Косанов") is None  # short Cyrillic: cannot tell


def test_russian_with_quoted_names_in_other_languages_passes() -> None:
    """A Kazakh place name, a Ukrainian quote of a few words, Latin outlet names: still
    Russian."""
    text = (
        RUSSIAN + ' Гость возложил венок к монументу "Отан қорғаушылар". Агентство Reuters и '
        "BaigeNews.kz передают, что на плакате было написано «Слава Україні»."
    )
    assert language_problem(text) is None


def test_corpus_articles_are_russian(shared_corpus) -> None:
    for name in ("articles.jsonl", "real.jsonl"):
        path = shared_corpus / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert language_problem(record["text"]) is None, record["id"]


def test_languages_table_is_russian_first_and_readable() -> None:
    table = languages()
    assert table[0].name == "Russian" and not table[0].letters
    assert {"Ukrainian", "Belarusian", "Kazakh", "Bulgarian", "Serbian"} <= {
        language.name for language in table
    }


@settings(max_examples=60)
@given(st.text(max_size=300))
def test_any_text_gets_none_or_a_reason(text: str) -> None:
    result = language_problem(text)
    assert result is None or result.startswith("not Russian: ")
