"""Shared grammar helpers: nominative phrases, tense, negation."""

from __future__ import annotations

import pytest

from svodka.testing import parse_text
from svodka.text.grammar import nominative
from svodka.text.syntax import negated, tense


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("программу стратегического партнерства в военной сфере",
         "программа стратегического партнерства в военной сфере"),
        ("Высшего Евразийского экономического совета", "Высший Евразийский экономический совет"),
        ("совместных учений", "совместные учения"),
        ("меморандума о взаимопонимании", "меморандум о взаимопонимании"),
        ("дорожной карты", "дорожная карта"),
    ],
)  # fmt: skip
def test_nominative(phrase: str, expected: str) -> None:
    doc = parse_text(phrase)
    assert nominative(doc.tokens, doc.text) == expected


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
    assert tense(parse_text(text).tokens) == expected


def test_negated() -> None:
    tokens = parse_text("Стороны так и не подписали документ").tokens
    verb = next(i for i, t in enumerate(tokens) if t.text == "подписали")
    assert negated(tokens, verb)
    assert not negated(parse_text("Стороны подписали документ").tokens, 1)
