"""Russian morphology (pymorphy3), loaded on first use and cached per word form."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, eq=False)
class WordInfo:
    """What the analyses of one word form say, computed once per form and shared (compared
    and hashed by identity, so that per-form caches can be keyed by it)."""

    parses: tuple[Parse, ...]
    lemma: str  # normal form of the most probable analysis, ё written as е
    lemmas: frozenset[str]  # normal forms of all analyses
    keys: frozenset[str]  # lemmas and the lower-case form itself: what gazetteers look up
    grammemes: tuple[frozenset[str], ...]  # per analysis
    first: frozenset[str]  # the grammemes of the most probable analysis (empty for none)
    any_grammemes: frozenset[str]  # the grammemes of every analysis together


@lru_cache(maxsize=200_000)
def word_info(word: str) -> WordInfo:
    """The cached :class:`WordInfo` of a lower-case word form."""
    parses = analyze(word)
    lemmas = frozenset(p.normal_form.replace("ё", "е") for p in parses) or frozenset([word])
    first = parses[0].normal_form.replace("ё", "е") if parses else word
    grammemes = tuple(frozenset(p.tag.grammemes) for p in parses)
    return WordInfo(
        parses,
        first,
        lemmas,
        lemmas | {word.replace("ё", "е")},
        grammemes,
        grammemes[0] if grammemes else frozenset(),
        frozenset().union(*grammemes),
    )


@lru_cache(maxsize=50_000)
def plain_info(text: str) -> WordInfo:
    """The :class:`WordInfo` of a token that is not a word (punctuation, numbers)."""
    lower = text.lower()
    return WordInfo((), lower, frozenset([lower]), frozenset([lower]), (), frozenset(), frozenset())


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
