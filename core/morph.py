"""Russian morphology (pymorphy3), loaded on first use and cached per word form."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse


@lru_cache(maxsize=1)
def analyzer() -> MorphAnalyzer:
    """The shared analyser; loading its dictionaries takes a moment, so only when needed."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def analyze(word: str) -> tuple[Parse, ...]:
    """All analyses of a word form (lower case), most probable first."""
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The normal form of the most probable analysis, with ё written as е."""
    parses = analyze(word.lower())
    return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")


def inflect(word: str, grammemes: frozenset[str]) -> str | None:
    """The word put into the given grammemes (``{"nomn"}``), or None when pymorphy3 cannot."""
    for parse in analyze(word.lower()):
        form = parse.inflect(set(grammemes))
        if form is not None:
            return form.word
    return None
