"""Small pieces of Russian grammar that extractors share: noun phrases put into the
nominative, the tense of a clause, negation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

    from svodka.parse import Token

_AGREEING = ("ADJF", "PRTF", "NUMR", "ADJS")
PLANNING_LEMMAS = {
    "планироваться",
    "планировать",
    "намереваться",
    "намерен",
    "предстоять",
    "собираться",
    "предполагаться",
    "готовиться",
    "запланировать",
    "рассчитывать",
}


def _noun_parse(token: Token) -> Parse | None:
    for parse in token.parses:
        if "NOUN" in parse.tag:
            return parse
    return None


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


def _inflect_like(parse: Parse, grammemes: set[str], original: str) -> str | None:
    """The form with these grammemes closest in spelling to the original (so "высшего"
    becomes "высший", not its lexeme-mate "высочайший")."""
    forms = [f.word for f in parse.lexeme if grammemes <= set(f.tag.grammemes)]
    if not forms:
        inflected = parse.inflect(grammemes)
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
        if (
            token.is_word
            and not any(ch.isdigit() for ch in token.text)
            and _noun_parse(token) is not None
            and not token.has("ADJF")
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
    target = {"nomn", "plur"} if plural else {"nomn", "sing"}
    inflected = noun.inflect(target) or noun.inflect({"nomn"})
    words = []
    for token in tokens[:k]:
        word = token.text
        if token.is_word and any(pos in token.parses[0].tag for pos in _AGREEING):
            parse = next((p for p in token.parses if p.tag.case == noun.tag.case), token.parses[0])
            grams = {"nomn", "plur"} if plural else {"nomn", noun.tag.gender or "masc"}
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


def tense(tokens: Sequence[Token]) -> str | None:
    """ "past", "present" or "future" of the first finite verb or short participle, with
    planning words ("планируется подписать") and "будет" read as future."""
    for token in tokens:
        if not token.is_word:
            continue
        lemma = token.lemma
        if lemma in PLANNING_LEMMAS:
            return "future"
        # the verb reading even when a noun reading is likelier ("прибыли": not "прибыль")
        verb = next((p for p in token.parses if "VERB" in p.tag or "PRTS" in p.tag), None)
        if verb is not None and (verb is token.parses[0] or verb.score >= 0.1):
            tag = verb.tag
            if "past" in tag:
                return "past"
            if "futr" in tag or lemma == "быть" and "pres" not in tag:
                return "future"
            if "pres" in tag:
                return "present"
    return None


def negated(tokens: Sequence[Token], index: int, window: int = 2) -> bool:
    """True when "не"/"ни" stands within ``window`` words before ``tokens[index]``."""
    start = max(0, index - window)
    return any(t.text.lower() in ("не", "ни") for t in tokens[start:index])
