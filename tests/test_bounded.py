"""No input can stall a run: over-long sentences are cut for the extractors, per-article
passes are linear (indexes instead of scans), and an article over its time budget fails
alone. No test here measures wall time: each counts work or checks values."""

from __future__ import annotations

from svodka.parse import SENTENCE_CAP
from svodka.testing import parse_text

PROSE = (
    "Министр обороны Казахстана Руслан Жаксылыков встретился с министром обороны России "
    "Андреем Белоусовым в Москве 31 октября, сообщает пресс-служба ведомства"
)


def _no_stops(size: int) -> str:
    """Russian prose with names, countries and dates and no full stop: one razdel sentence."""
    words = (PROSE + ", ") * (size // (len(PROSE) + 2) + 1)
    return words[:size].rstrip(", ")


def _check_pieces(text: str) -> None:
    doc = parse_text(text)
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
        assert len(s.text) <= SENTENCE_CAP or s.last_token - s.first_token == 1
        assert all(doc.tokens[i].sentence == s.index for i in range(s.first_token, s.last_token))
    # every token is kept, in order, exactly once
    assert [t.index for t in doc.tokens] == list(range(len(doc.tokens)))
    assert [s.first_token for s in doc.sentences[1:]] == [s.last_token for s in doc.sentences[:-1]]


def test_long_sentence_is_cut_into_pieces_within_the_cap() -> None:
    text = _no_stops(50_000)
    doc = parse_text(text)
    assert len(doc.sentences) >= 50_000 // SENTENCE_CAP
    _check_pieces(text)
    # pieces end after a comma where the text has one
    assert all(s.text.endswith(",") for s in doc.sentences[:-1])
    assert doc.tokens[-1].end == len(text)


def test_cut_without_punctuation_and_with_one_huge_token() -> None:
    _check_pieces(" ".join(["слово"] * 3000))
    text = "начало " + "я" * (3 * SENTENCE_CAP) + " конец"
    doc = parse_text(text)
    _check_pieces(text)
    assert [s.text for s in doc.sentences] == ["начало", "я" * (3 * SENTENCE_CAP), "конец"]


def test_sentences_within_the_cap_are_not_cut() -> None:
    longest = _no_stops(SENTENCE_CAP - 1) + "."
    doc = parse_text(longest + " Второе предложение.")
    assert [s.text for s in doc.sentences] == [longest, "Второе предложение."]
