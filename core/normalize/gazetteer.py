"""Gazetteers: surface names mapped to canonical values, matched in any grammatical case.

A gazetteer file is UTF-8 TSV with a header line; the first column is ``name`` (the
surface form, as written in text), the second ``value`` (the canonical value), and any
further columns are attributes of the entry (a place's ``country``, say). Lines starting
with ``#`` are comments. Matching compares lemmas, so "Республики Беларусь" finds the
entry "Республика Беларусь"; a capitalised word in an entry must be capitalised in text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from razdel import tokenize

from svodka.morph import analyze, word_info

if TYPE_CHECKING:
    from svodka.parse import Token


@dataclass(frozen=True)
class GazetteerEntry:
    """A surface name, its canonical value and optional attributes."""

    name: str
    value: str
    attrs: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Match:
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) name ``entry``."""

    start: int
    end: int
    entry: GazetteerEntry


def load_tsv(path: Path | str) -> list[GazetteerEntry]:
    """Read a gazetteer TSV file (see module doc); a malformed line raises ValueError
    naming the file and line."""
    entries = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = csv.reader((line for line in fh), delimiter="\t")
        header: list[str] | None = None
        for number, row in enumerate(rows, 1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip() for c in row]
                if header[:2] != ["name", "value"]:
                    raise ValueError(f"{path}:{number}: header must start with 'name<TAB>value'")
                continue
            if len(row) < 2 or not row[1].strip():
                raise ValueError(f"{path}:{number}: expected a name and a value")
            attrs = {k: v.strip() for k, v in zip(header[2:], row[2:], strict=False) if v.strip()}
            entries.append(GazetteerEntry(row[0].strip(), row[1].strip(), attrs))
    return entries


_CASES = ("gent", "datv", "accs", "ablt", "loct", "voct")
_FUNCTION_WORDS = frozenset(("PREP", "CONJ", "PRCL"))


@dataclass(frozen=True)
class _Word:
    """How one word of an entry is recognised in text: by the lemmas of its nominative
    readings, or by any inflected form of them; ``capital`` if it must be capitalised."""

    keys: frozenset[str]
    forms: frozenset[str]
    capital: bool


@cache
def _entry_word(word: str) -> _Word:
    lower = word.lower().replace("ё", "е")
    readings = [
        p for p in analyze(word.lower()) if "nomn" in p.tag or not any(c in p.tag for c in _CASES)
    ]
    keys = {p.normal_form.replace("ё", "е") for p in readings} | {lower}
    forms: set[str] = set()
    for p in readings:
        if "NOUN" in p.tag or "ADJF" in p.tag:
            forms.update(f.word.replace("ё", "е") for f in p.lexeme)
    return _Word(frozenset(keys), frozenset(forms), word[:1].isupper())


@dataclass(frozen=True)
class _Pattern:
    words: tuple[_Word, ...]
    entry: GazetteerEntry


class Gazetteer:
    """Entries of one kind, indexed by their first word's lemma for fast matching."""

    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self._index: dict[str, list[_Pattern]] = {}
        self._keys: set[str] = set()  # the index's keys, as a set for fast disjointness tests
        self._by_value: dict[str, list[GazetteerEntry]] = {}
        self.add(entries)

    def add(self, entries: Iterable[GazetteerEntry]) -> None:
        for entry in entries:
            words = tuple(_entry_word(t.text) for t in tokenize(entry.name))
            if not words:
                continue
            pattern = _Pattern(words, entry)
            for key in words[0].keys | words[0].forms:
                self._index.setdefault(key, []).append(pattern)
                self._keys.add(key)
            self._by_value.setdefault(entry.value, []).append(entry)
        for bucket in self._index.values():
            bucket.sort(key=lambda p: -len(p.words))

    def __len__(self) -> int:
        return sum(len(b) for b in self._index.values())

    def entries_for(self, value: str) -> list[GazetteerEntry]:
        return self._by_value.get(value, [])

    def match_at(self, tokens: Sequence[Token], i: int) -> Match | None:
        """The longest entry that starts at token ``i``, or None."""
        token = tokens[i]
        first = token.info.first
        if first and not first.isdisjoint(_FUNCTION_WORDS):
            return None  # "после" is not a form of "посол" here
        keys = token.keys
        if keys.isdisjoint(self._keys):
            return None
        best: Match | None = None
        seen: set[int] = set()
        for key in keys:
            for pattern in self._index.get(key, ()):
                if id(pattern) in seen:
                    continue
                seen.add(id(pattern))
                n = len(pattern.words)
                if best is not None and n <= best.end - best.start:
                    break
                if i + n <= len(tokens) and all(
                    _token_fits(tokens[i + k], word) for k, word in enumerate(pattern.words)
                ):
                    best = Match(i, i + n, pattern.entry)
                    break
        return best

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Non-overlapping longest matches, left to right."""
        found = []
        keys = self._keys
        i = 0
        while i < len(tokens):
            if tokens[i].info.keys.isdisjoint(keys):
                i += 1
                continue
            m = self.match_at(tokens, i)
            if m is None:
                i += 1
            else:
                found.append(m)
                i = m.end
        return found

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry a whole phrase names (in any case), or None."""
        from svodka.parse import Token  # a light stand-in for parsed tokens

        tokens = [
            Token(k, t.start, t.stop, t.text, 0, word_info(t.text.lower()))
            for k, t in enumerate(tokenize(text))
        ]
        if not tokens:
            return None
        m = self.match_at(tokens, 0)
        return m.entry if m is not None and m.end == len(tokens) else None


def _token_fits(token: Token, word: _Word) -> bool:
    if word.capital and not token.is_capitalized:
        return False
    return not word.keys.isdisjoint(token.keys) or not word.forms.isdisjoint(token.keys)
