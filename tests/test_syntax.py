"""The shared syntax: negation, tense, clauses, relative clauses, lists, case agreement."""

from __future__ import annotations

import pytest

from svodka.testing import parse_text
from svodka.text import syntax


def _tokens(text: str):
    return parse_text(text).tokens


def _at(tokens, word: str) -> int:
    return next(i for i, t in enumerate(tokens) if t.text == word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Министры подписали соглашение", "past"),
        ("Делегации прибыли в Минск", "past"),
        ("Учения пройдут в мае", "future"),
        ("По итогам заседания планируется подписать план", "future"),
        ("Стороны обсуждают проект", "present"),
        ("Без глагола", None),
    ],
)
def test_tense(text: str, expected: str | None) -> None:
    assert syntax.tense(_tokens(text)) == expected


def test_negated_within_a_window() -> None:
    tokens = _tokens("Стороны так и не подписали документ")
    assert syntax.negated(tokens, _at(tokens, "подписали"))
    assert not syntax.negated(_tokens("Стороны подписали документ"), 1)
    far = _tokens("Ни один из министров вчера так и подписал документ")
    assert not syntax.negated(far, _at(far, "подписал"))
    assert syntax.negated(far, _at(far, "подписал"), window=10)


def test_negated_verb_through_an_auxiliary_only() -> None:
    auxiliaries = {"стать", "мочь"}
    tokens = _tokens("Посол не стал уточнять детали, но не без гордости сообщил о визите")
    assert syntax.negated_verb(tokens, _at(tokens, "уточнять"), auxiliaries)
    assert not syntax.negated_verb(tokens, _at(tokens, "сообщил"), auxiliaries)


def test_negated_after_an_infinitive() -> None:
    modals = {"удаться", "смочь"}
    tokens = _tokens("Утвердить программу делегациям в пятницу не удалось")
    assert syntax.negated_after(tokens, 0, modals)
    tokens = _tokens("Утвердить программу делегациям в пятницу удалось")
    assert not syntax.negated_after(tokens, 0, modals)


def test_clauses_split_at_subordinate_clauses_not_lists() -> None:
    text = "Делегации приехали в Ереван, где прошли консультации, а также Тбилиси; итоги подведены"
    tokens = _tokens(text)
    subordinators = {"где", "а"}

    def opens(k: int) -> bool:
        return syntax.subordinate_at(
            tokens, k, subordinators, len(tokens), through_prepositions=False
        )

    spans = syntax.clauses(tokens, 0, len(tokens), opens)
    words = [" ".join(t.text for t in tokens[a:b]) for a, b in spans]
    assert words == [
        "Делегации приехали в Ереван ,",
        "где прошли консультации , а также Тбилиси ;",
        "итоги подведены",
    ]


def test_clause_numbers_pass_over_prepositions_before_the_relative_word() -> None:
    tokens = _tokens("Министры открыли выставку, на которой показали технику")
    numbers = syntax.clause_numbers(tokens, lambda j: syntax.subordinate_at(tokens, j, {"который"}))
    assert numbers[_at(tokens, "выставку")] == 0
    assert numbers[_at(tokens, "показали")] == 1


def test_bounds_stop_at_boundaries() -> None:
    tokens = _tokens("Вчера, по данным агентства, стороны подписали план; сегодня нет")
    k = _at(tokens, "стороны")
    a, b = syntax.bounds(len(tokens), k, k + 1, lambda i: tokens[i].text in {",", ";"})
    assert [t.text for t in tokens[a:b]] == ["стороны", "подписали", "план"]


def test_relative_and_participle_clauses() -> None:
    tokens = _tokens(
        "Соглашение, которое стороны готовили год, и протокол, принятый в мае, подписаны"
    )
    assert syntax.relative_at(tokens, _at(tokens, "которое"))
    assert syntax.relative_at(tokens, _at(tokens, "принятый"))
    spans = syntax.relative_clauses(tokens)
    assert [(tokens[a + 1].text, tokens[b].text) for a, b in spans] == [("которое", ",")]
    spans = syntax.relative_clauses(tokens, participle=lambda t: t.has("PRTF"))
    assert len(spans) == 2


def test_lists_of_names_and_distribution() -> None:
    tokens = _tokens("министры Ильдар Каримов, Пётр Орлов и Эрик Сулейменов прибыли")
    start = _at(tokens, "Ильдар")
    spans = syntax.listed_spans(tokens, start, len(tokens), lambda t: t.text[:1].isupper())
    assert [" ".join(t.text for t in tokens[a:b]) for a, b in spans] == [
        "Ильдар Каримов",
        "Пётр Орлов",
        "Эрик Сулейменов",
    ]
    assert syntax.distribute(["AM", "GE", "KZ"], 3) == ["AM", "GE", "KZ"]
    assert syntax.distribute(["AM", "GE"], 3) == [None, None, None]


def test_listed_before_reads_a_list_back_from_its_end() -> None:
    tokens = _tokens("послы Армении , Грузии и Молдовы")
    words = {1: "AM", 3: "GE", 5: "MD"}

    class Item:
        def __init__(self, start: int, value: str) -> None:
            self.start, self.value = start, value

    def ending_at(end: int) -> Item | None:
        return Item(end - 1, words[end - 1]) if end - 1 in words else None

    items = syntax.listed_before(6, ending_at, tokens, 0)
    assert [i.value for i in items] == ["AM", "GE", "MD"]


def test_case_agreement_of_an_apposition() -> None:
    tokens = _tokens("министром обороны, генерал-майором и министра обороны, генерал-майор")
    first, rank, second, bare = tokens[0], tokens[3], tokens[5], tokens[8]
    assert syntax.agree(first, rank)
    assert not syntax.agree(second, bare)


def test_reporter_of_reported_speech() -> None:
    report = {"сообщить", "заявить", "слово"}
    breaks = {",", "("}
    tokens = _tokens("Стороны обсудили учения, сообщил посол Игорь Ветров")
    assert syntax.reporter_at(tokens, _at(tokens, "Игорь"), report, breaks)
    tokens = _tokens("По словам Ветрова, министры обсудили учения")
    assert syntax.reporter_at(tokens, _at(tokens, "Ветрова"), report, breaks)
    tokens = _tokens("Посол Игорь Ветров обсудил учения, сообщили в посольстве")
    assert not syntax.reporter_at(tokens, _at(tokens, "Игорь"), report, breaks)
