"""Shared grammar helpers: nominative phrases (tense and negation: test_syntax.py)."""

from __future__ import annotations

import pytest

from svodka.testing import parse_text
from svodka.text.grammar import nominative


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
