"""The shallow syntax every extractor shares: clauses, relative and participle clauses,
coordinated lists and their distribution, case agreement of appositions, negation, tense
and reported-speech frames.

Each extractor passes its own words (subordinators, auxiliaries, boundaries) as
arguments; the words of the syntax itself are the rule lists ``syntax.*``
(``svodka/data/rules/syntax.tsv``), which plugins extend through ``register_rules``.
Everything works on a sequence of tokens and indices into it, in one pass or a look
at a few neighbours, so nothing here re-scans the text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from svodka.extract.rules import words

if TYPE_CHECKING:
    from svodka.text.morph import WordInfo
    from svodka.text.parse import Token


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...


M = TypeVar("M", bound=_Spanned)
T = TypeVar("T")


NEGATIONS = words("syntax.negation")
PLANNING_LEMMAS = words("syntax.planning")
RELATIVES = words("syntax.relative")
COORDINATORS = words("syntax.coordinator")


# -- negation ---------------------------------------------------------------------------------


def negated(
    tokens: Sequence[Token], index: int, window: int = 2, words: Collection[str] = NEGATIONS
) -> bool:
    """True when a negation ("не", "ни") stands within ``window`` words before
    ``tokens[index]``."""
    start = max(0, index - window)
    return any(t.text.lower() in words for t in tokens[start:index])


def negated_verb(
    tokens: Sequence[Token], verb: int, auxiliaries: Collection[str], word: str = "не"
) -> bool:
    """ "не сказал", or "не стал комментировать" with an auxiliary between the particle
    and the verb (not "не без иронии заметил")."""
    if verb >= 1 and _fold(tokens[verb - 1].text) == word:
        return True
    return (
        verb >= 2 and _fold(tokens[verb - 2].text) == word and tokens[verb - 1].lemma in auxiliaries
    )


def negated_after(tokens: Sequence[Token], j: int, modals: Collection[str], span: int = 12) -> bool:
    """An infinitive at ``j`` denied by a negated modal after it ("Подписать соглашение
    сторонам не удалось")."""
    if not tokens[j].has("INFN"):
        return False
    after = tokens[j + 1 : j + span]
    return any(
        a.text.lower() == "не" and k + 1 < len(after) and after[k + 1].lemma in modals
        for k, a in enumerate(after)
    )


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


# -- tense --------------------------------------------------------------------------------------


def tense(tokens: Sequence[Token]) -> str | None:
    """ "past", "present" or "future" of the first finite verb or short participle, with
    planning words ("планируется подписать") and "будет" read as future."""
    for token in tokens:
        if token.is_word:
            found = _tense_of(token.info)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=50_000)
def _tense_of(info: WordInfo) -> str | None:
    """The tense one word form tells, if any (see :func:`tense`)."""
    lemma = info.lemma
    if lemma in PLANNING_LEMMAS:
        return "future"
    # the verb reading even when a noun reading is likelier ("прибыли": not "прибыль")
    verb = next(
        (
            p
            for p, grammemes in zip(info.parses, info.grammemes, strict=True)
            if "VERB" in grammemes or "PRTS" in grammemes
        ),
        None,
    )
    if verb is not None and (verb is info.parses[0] or verb.score >= 0.1):
        tag = verb.tag
        if "past" in tag:
            return "past"
        if "futr" in tag or lemma == "быть" and "pres" not in tag:
            return "future"
        if "pres" in tag:
            return "present"
    return None


# -- clauses ------------------------------------------------------------------------------------


def subordinate_at(
    tokens: Sequence[Token],
    j: int,
    subordinators: Collection[str],
    hi: int | None = None,
    *,
    through_prepositions: bool = True,
) -> bool:
    """A subordinate clause opens at ``j`` (after a comma): a subordinator there (not the
    list's "а также"), or a relative word after a preposition and its noun (", в рамках
    которого"). With ``through_prepositions`` only prepositions may stand before the
    subordinator (", на котором", ", после того как"); otherwise only "который" counts
    after other words."""
    last = len(tokens) if hi is None else hi
    end = min(j + 3, last)
    for k in range(j, end):
        tok = tokens[k]
        if tok.lemma in subordinators:
            if through_prepositions:
                return True
            if k == j:
                return not (k + 1 < last and tokens[k + 1].text.lower() == "также")
            return tok.lemma == "который"
        if through_prepositions and not tok.has("PREP"):
            return False
    return False


def clauses(
    tokens: Sequence[Token], lo: int, hi: int, opens: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """Clause spans of ``tokens[lo:hi]``, split at ";" and at a comma before a clause that
    ``opens(k)`` says starts at ``k`` (see :func:`subordinate_at`)."""
    cuts = [lo]
    for i in range(lo, hi - 1):
        text = tokens[i].text
        if text == ";" or text == "," and opens(i + 1):
            cuts.append(i + 1)
    cuts.append(hi)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def clause_numbers(tokens: Sequence[Token], opens: Callable[[int], bool]) -> list[int]:
    """The clause number of each token (see :func:`clauses`)."""
    out: list[int] = []
    seg = 0
    start = 0
    for j, tok in enumerate(tokens):  # only the punctuation is tested: one list per clause
        text = tok.text
        if text == ";" or text == "," and opens(j + 1):
            out += [seg] * (j - start)
            seg += 1
            start = j
    out += [seg] * (len(tokens) - start)
    return out


def bounds(n: int, start: int, end: int, boundary: Callable[[int], bool]) -> tuple[int, int]:
    """The span around tokens ``start``..``end`` out to the nearest boundary token on each
    side (``boundary(k)``), within ``0``..``n``."""
    a = start
    while a > 0 and not boundary(a - 1):
        a -= 1
    return a, clause_end(n, end, boundary)


def clause_end(n: int, i: int, boundary: Callable[[int], bool]) -> int:
    """The first boundary token from ``i`` on (``boundary(k)``), or ``n``."""
    while i < n and not boundary(i):
        i += 1
    return i


def relative_at(
    tokens: Sequence[Token],
    i: int,
    relatives: Collection[str] = RELATIVES,
    participle: Callable[[Token], bool] | None = None,
) -> bool:
    """A relative clause starts at ``i``: ", который ...", ", в котором ...", or a
    participle phrase (", запланированным на осень") when ``participle`` accepts the word
    (by default any full participle)."""
    if i < len(tokens) and tokens[i].is_word:
        tok = tokens[i]
        if participle(tok) if participle is not None else tok.any_has("PRTF"):
            return True
    return any(k < len(tokens) and tokens[k].lemma in relatives for k in (i, i + 1))


def relative_clauses(
    tokens: Sequence[Token],
    relatives: Collection[str] = ("который",),
    participle: Callable[[Token], bool] | None = None,
    ends: Collection[str] = (",", ".", ";", ":"),
) -> list[tuple[int, int]]:
    """Spans of the relative and participle clauses set off by a comma (", который
    завершает работу,"), each from its comma to the next of ``ends``."""
    spans = []
    n = len(tokens)
    for k, t in enumerate(tokens):
        if t.text != ",":
            continue
        j = k + 1
        if j < n and tokens[j].has("PREP"):  # ", на котором"
            j += 1
        if j < n and (
            tokens[j].lemma in relatives or participle is not None and participle(tokens[j])
        ):
            end = next((m for m in range(j, n) if tokens[m].text in ends), n)
            spans.append((k, end))
    return spans


# -- reported speech ------------------------------------------------------------------------------


def reporter_at(
    tokens: Sequence[Token],
    k: int,
    report_words: Collection[str],
    breaks: Collection[str],
    lead_ins: Collection[str] = ("по", "как"),
) -> bool:
    """The person at token ``k`` reports rather than acts: the words before it, back to
    the nearest break, open with a word of ``report_words`` (", сообщил министр X",
    "по словам X", "как заявил X"; a lead-in "по"/"как" is passed over)."""
    j = k - 1
    while j >= 0 and tokens[j].text not in breaks:
        j -= 1
    words = [t.lemma for t in tokens[j + 1 : k] if t.is_word]
    if words[:1] and words[0] in lead_ins:
        words = words[1:]
    return bool(words) and words[0] in report_words


# -- agreement ----------------------------------------------------------------------------------


def cases(token: Token) -> frozenset[str]:
    """The cases a word form can stand in, over its noun and adjective readings."""
    return _cases_of(token.info)


_CASES = frozenset(("nomn", "gent", "gen2", "datv", "accs", "acc2", "ablt", "loct", "loc2", "voct"))


@lru_cache(maxsize=50_000)
def _cases_of(info: WordInfo) -> frozenset[str]:
    found: set[str] = set()
    for grammemes in info.grammemes:
        if "NOUN" in grammemes or "ADJF" in grammemes:
            found |= grammemes & _CASES
    return frozenset(found)


def agree(a: Token, b: Token) -> bool:
    """Two nouns of one apposition share a case ("министром ..., генерал-лейтенантом")."""
    return not cases(a).isdisjoint(cases(b))


# -- coordination -------------------------------------------------------------------------------


def conjoined(tokens: Sequence[Token], left_end: int, right_start: int) -> bool:
    """Two neighbours joined by one coordinator ("X и Y", "A, B"): exactly one token of
    :data:`COORDINATORS` lies between ``left_end`` and ``right_start``."""
    return right_start == left_end + 1 and tokens[left_end].text in COORDINATORS


def listed_before(
    end: int, ending_at: Callable[[int], M | None], tokens: Sequence[Token], lo: int
) -> list[M]:
    """The list of items ending at token ``end`` ("России и Казахстана", "ОДКБ, СНГ и
    ШОС"), in text order: ``ending_at(k)`` gives the item ending right before token ``k``;
    items are joined by one coordinator, and the list stays after token ``lo``."""
    items: list[M] = []
    j = end
    while (item := ending_at(j)) is not None:
        items.append(item)
        j = item.start
        if not (j - 1 > lo and tokens[j - 1].text in COORDINATORS):
            break
        j -= 1
    items.reverse()
    return items


def listed_spans(
    tokens: Sequence[Token], start: int, hi: int, member: Callable[[Token], bool], longest: int = 4
) -> list[tuple[int, int]]:
    """The members of a list starting at token ``start`` ("Владимир Путин и Халтмаагийн
    Баттулга", "A, B и C"): runs of up to ``longest`` tokens that ``member`` accepts,
    joined by one coordinator each, before token ``hi``."""
    spans: list[tuple[int, int]] = []
    k = start
    while True:
        a = k
        while k < hi and k - a < longest and member(tokens[k]):
            k += 1
        if k == a:
            break
        spans.append((a, k))
        if not (k + 1 < hi and tokens[k].text in COORDINATORS and member(tokens[k + 1])):
            break
        k += 1
    return spans


def distribute(heads: Sequence[T], count: int) -> list[T | None]:
    """What each of ``count`` members of a list gets from a list of heads: one each when
    the lists are as long ("министры обороны России и Узбекистана Белоусов и
    Халмухамедов": Россия to the first, Узбекистан to the second); else nothing."""
    return list(heads) if len(heads) == count else [None] * count
