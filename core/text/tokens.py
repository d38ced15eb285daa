"""razdel's word tokenizer, token for token, without its cost where nothing can join.

razdel cuts a sentence into atoms (a run of Cyrillic letters, of Latin letters, of digits,
or one other character) and asks its rules, for every pair of neighbouring atoms, whether
the two belong to one token ("из-за", "1,5", "?!"). Its rules only ever join atoms that
touch, and most pairs are settled by their kinds alone: a word beside a bracket, a quote or
a colon, two words of different scripts. :func:`tokenize` settles those pairs here and asks
razdel's own rules about the rest (dashes, underscores, numbers around ``.``, ``,`` and
``/``, runs of punctuation, other symbols), so its tokens are razdel's exactly, in a
fraction of the time. ``tests/test_tokens.py`` compares the two on every test corpus and on
random text.
"""

from __future__ import annotations

import re

from razdel.segmenters.punct import DASHES, ENDINGS
from razdel.segmenters.tokenize import ATOM, INT, LAT, PUNCT, RU, SMILE, Atom, TokenSplit
from razdel.segmenters.tokenize import tokenize as _razdel

_WORDS = frozenset((RU, LAT, INT))
# Marks that razdel's rules may join with a word beside them: dashes and underscores inside
# compounds, "." "," "/" "\" between numbers, "!" after "Yahoo".
_JOINERS = frozenset(DASHES + "_.,/\\!")
_WINDOW = 3  # atoms on each side that razdel's rules may look at


def tokenize(text: str) -> list[tuple[int, int]]:
    """The offsets ``(start, stop)`` of razdel's tokens of ``text``, in order."""
    atoms = list(ATOM.finditer(text))
    spans: list[tuple[int, int]] = []
    if not atoms:
        return spans
    start = atoms[0].start()
    previous = atoms[0]
    for i in range(1, len(atoms)):
        atom = atoms[i]
        if atom.start() != previous.end() or not _joins(text, atoms, i, start):
            spans.append((start, previous.end()))
            start = atom.start()
        previous = atom
    spans.append((start, previous.end()))
    return spans


def _joins(text: str, atoms: list[re.Match[str]], i: int, start: int) -> bool:
    """Whether atom ``i`` continues the token begun at ``start``: the two atoms touch."""
    left, right = atoms[i - 1], atoms[i]
    left_kind, right_kind = left.lastgroup, right.lastgroup
    if left_kind in _WORDS:
        if right_kind in _WORDS:
            return False
        if right_kind == PUNCT:
            mark = right.group()
            if mark not in _JOINERS:
                return False
            if mark in ".,":  # razdel's float rule: "1,5"
                return left_kind == INT and i + 1 < len(atoms) and atoms[i + 1].lastgroup == INT
            if mark in DASHES:  # razdel's dash rule: "из-", then no mark after the dash
                return i + 1 < len(atoms) and atoms[i + 1].lastgroup != PUNCT
    elif left_kind == PUNCT:
        if right_kind == PUNCT:  # razdel's punct rule, the only one that joins two marks
            mark, following = left.group(), right.group()
            return (
                SMILE.match(text[start : left.end()] + following) is not None  # ":-)"
                or (mark in ENDINGS and following in ENDINGS)  # "?!", "..."
                or mark + following in ("--", "**")
            )
        if right_kind in _WORDS:
            mark = left.group()
            if mark not in _JOINERS:
                return False
            if mark in DASHES:  # razdel's dash rule: "-за", after no mark before the dash
                return i >= 2 and atoms[i - 2].lastgroup != PUNCT
    split = TokenSplit(
        [_atom(m) for m in atoms[max(0, i - _WINDOW) : i]],
        "",
        [_atom(m) for m in atoms[i : i + _WINDOW]],
    )
    split.buffer = text[start : left.end()]
    return bool(_razdel.join(split))


def _atom(match: re.Match[str]) -> Atom:
    return Atom(match.start(), match.end(), match.lastgroup, match.group())
