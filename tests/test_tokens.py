"""svodka's tokenizer gives razdel's tokens exactly, on real text and on random text."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from razdel import sentenize
from razdel import tokenize as razdel_tokenize

from svodka.text.tokens import tokenize

HERE = Path(__file__).parent
_LINE = re.compile(r"[^\r\n]+")


def razdel_spans(text: str) -> list[tuple[int, int]]:
    return [(t.start, t.stop) for t in razdel_tokenize(text)]


def sentences(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for paragraph in _LINE.finditer(text):
            out.extend(s.text for s in sentenize(paragraph.group()))
    return out


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Министры подписали соглашение.", ["Министры", "подписали", "соглашение", "."]),
        ("из-за 1,5 млн, т.е. 3/4", ["из-за", "1,5", "млн", ",", "т", ".", "е", ".", "3/4"]),
        ("«Щит-2025» (ОДКБ)?!", ["«", "Щит-2025", "»", "(", "ОДКБ", ")", "?!"]),
        ("a -b 1 ,5 x- y", ["a", "-b", "1", ",5", "x-", "y"]),  # razdel looks past spaces
        ("Yahoo! ура!!! :) ...", ["Yahoo!", "ура", "!!!", ":)", "..."]),
        # a dash joins words, not a word and a mark ("из-за", but "А-!" and "! -да")
        (
            "из-за во-первых А-! -да ,-нет",
            ["из-за", "во-первых", "А", "-", "!", "-", "да", ",", "-", "нет"],
        ),
        # marks side by side: joined only as a smiley, sentence ends, "--" or "**"
        (
            "«Ок».) Да?!.. ;-(( --** -,",
            ["«", "Ок", "»", ".", ")", "Да", "?!..", ";", "-", "(", "(", "--", "**", "-", ","],
        ),
        ("", []),
    ],
)
def test_known_tokens(text: str, tokens: list[str]) -> None:
    assert [text[a:b] for a, b in tokenize(text)] == tokens
    assert tokenize(text) == razdel_spans(text)


def test_same_as_razdel_on_test_corpora() -> None:
    files = sorted((HERE / "corpus").glob("*.jsonl")) + sorted((HERE / "blind").glob("*.jsonl"))
    texts = [s for f in files if not f.name.endswith(".gold.jsonl") for s in sentences(f)]
    assert len(texts) > 500
    differ = [t for t in texts if tokenize(t) != razdel_spans(t)]
    assert differ == []


def test_same_as_razdel_on_shared_corpus(shared_corpus: Path) -> None:
    texts = sentences(shared_corpus / "articles.jsonl")
    assert [t for t in texts if tokenize(t) != razdel_spans(t)] == []


def test_same_as_razdel_on_random_text() -> None:
    # every kind of atom and every mark razdel's rules look at, in random order and spacing
    words = ["а", "Бв", "ёж", "ab", "Z", "yahoo", "Yahoo", "1", "23"]
    pieces = words + list("-–—‑−_.,/\\!?…:;()[]«»“”\"'*=+%№@Δσ™😀") + [" ", "  ", "\t"]
    rng = random.Random(20261122)
    differ = []
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        if tokenize(text) != razdel_spans(text):
            differ.append(text)
    assert differ == []
