"""Parsing: sentences, tokens and what extractors read off them."""

from __future__ import annotations

from dataclasses import replace

from svodka.testing import parse_text


def test_tokens_carry_lemmas_and_offsets() -> None:
    doc = parse_text("Министры подписали соглашения.")
    assert [t.text for t in doc.tokens] == ["Министры", "подписали", "соглашения", "."]
    assert [t.lemma for t in doc.tokens] == ["министр", "подписать", "соглашение", "."]
    assert [t.is_word for t in doc.tokens] == [True, True, True, False]
    assert doc.text[doc.tokens[1].start : doc.tokens[1].end] == "подписали"
    assert "министр" in doc.tokens[0].keys and "министры" in doc.tokens[0].keys


def test_token_grammeme_tests() -> None:
    doc = parse_text("Стали прочнее")
    stali = doc.tokens[0]  # a verb, and the noun "сталь"
    assert stali.has("VERB", "past")
    assert not stali.has("NOUN")
    assert stali.any_has("NOUN")
    assert stali.any_has("NOUN", "plur")
    assert not stali.any_has("ADJF")


def test_sentence_lemmas() -> None:
    doc = parse_text("Стороны подписали план. Учения пройдут в мае.")
    assert doc.lemmas == [t.lemma for t in doc.tokens]
    assert len(doc.sentence_lemmas) == 2
    assert {"сторона", "подписать", "план"} <= doc.sentence_lemmas[0]
    assert "учение" in doc.sentence_lemmas[1] and "план" not in doc.sentence_lemmas[1]


def test_a_token_moved_keeps_its_analyses() -> None:
    token = parse_text("Министры").tokens[0]
    moved = replace(token, start=10, end=18)
    assert (moved.start, moved.end, moved.lemma, moved.keys) == (10, 18, "министр", token.keys)
