"""Noun-phrase inflection that extractors share: a phrase put into the nominative.
Clauses, negation and tense are in :mod:`svodka.text.syntax`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

    from svodka.text.parse import Token

_AGREEING = frozenset(("ADJF", "PRTF", "NUMR", "ADJS"))
_NOMINATIVE = frozenset(("nomn",))
_SINGULAR_NOMINATIVE = frozenset(("nomn", "sing"))
_PLURAL_NOMINATIVE = frozenset(("nomn", "plur"))


def _noun_parse(token: Token) -> Parse | None:
    for parse, grammemes in zip(token.parses, token.info.grammemes, strict=True):
        if "NOUN" in grammemes:
            return parse
    return None


@lru_cache(maxsize=50_000)
def _inflect(parse: Parse, grammemes: frozenset[str]) -> Parse | None:
    return parse.inflect(set(grammemes))


@lru_cache(maxsize=50_000)
def _lexeme(parse: Parse) -> tuple[tuple[str, frozenset[str]], ...]:
    """The forms of a word's lexeme, each with its grammemes."""
    return tuple((f.word, frozenset(f.tag.grammemes)) for f in parse.lexeme)


def _match_case(text: str, word: str) -> str:
    if text.isupper() and len(text) > 1:
        return word.upper()
    if text[:1].isupper():
        return (
            "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
            if "-" in text
            else word[:1].upper() + word[1:]
        )
    return word


def _inflect_like(parse: Parse, grammemes: frozenset[str], original: str) -> str | None:
    """The form with these grammemes closest in spelling to the original (so "высшего"
    becomes "высший", not its lexeme-mate "высочайший")."""
    forms = [word for word, tags in _lexeme(parse) if grammemes <= tags]
    if not forms:
        inflected = _inflect(parse, grammemes)
        return inflected.word if inflected is not None else None

    def shared(word: str) -> int:
        n = 0
        for a, b in zip(word, original, strict=False):
            if a != b:
                break
            n += 1
        return n

    return max(forms, key=shared)


def head_index(tokens: Sequence[Token]) -> int | None:
    """The first noun of a phrase (its head in Russian word order), or None."""
    for k, token in enumerate(tokens):
        info = token.info  # a noun among its analyses, not an adjective first, no digits
        if (
            "NOUN" in info.any_grammemes
            and "ADJF" not in info.first
            and not any(ch.isdigit() for ch in token.text)
        ):
            return k
    return None


def nominative(tokens: Sequence[Token], text: str) -> str:
    """The phrase with its head noun and the words agreeing with it in the nominative;
    what follows the head (genitive and prepositional dependents) is kept as written.

    ``text`` is the article text the tokens point into. "программу стратегического
    партнерства" → "программа стратегического партнерства"; "Высшего Евразийского
    экономического совета" → "Высший Евразийский экономический совет".
    """
    if not tokens:
        return ""
    k = head_index(tokens)
    if k is None:
        return text[tokens[0].start : tokens[-1].end]
    head = tokens[k]
    noun = _noun_parse(head)
    assert noun is not None
    plural = noun.tag.number == "plur" and "Pltm" not in noun.tag or "Pltm" in noun.tag
    target = _PLURAL_NOMINATIVE if plural else _SINGULAR_NOMINATIVE
    inflected = _inflect(noun, target) or _inflect(noun, _NOMINATIVE)
    words = []
    for token in tokens[:k]:
        word = token.text
        if not token.info.first.isdisjoint(_AGREEING):
            parse = next((p for p in token.parses if p.tag.case == noun.tag.case), token.parses[0])
            grams = _PLURAL_NOMINATIVE if plural else frozenset(("nomn", noun.tag.gender or "masc"))
            form = _inflect_like(parse, grams, token.text.lower())
            if form is not None:
                word = _match_case(token.text, form)
        words.append((token, word))
    head_word = _match_case(head.text, inflected.word) if inflected else head.text
    words.append((head, head_word))
    out = []
    previous_end = None
    for token, word in words:
        if previous_end is not None:
            out.append(text[previous_end : token.start])
        out.append(word)
        previous_end = token.end
    rest_start = tokens[k].end
    rest = text[rest_start : tokens[-1].end] if k + 1 < len(tokens) else ""
    return ("".join(out) + rest).strip()
