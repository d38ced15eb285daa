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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

from svodka.text.morph import analyze, word_info
from svodka.text.tokens import tokenize

if TYPE_CHECKING:
    from svodka.text.parse import Token


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


def data_entries(filename: str) -> list[GazetteerEntry]:
    """The entries of a built-in gazetteer file of ``svodka/data`` (``"positions.tsv"``)."""
    with as_file(files("svodka.data") / filename) as path:
        return load_tsv(path)


_CASES = ("gent", "datv", "accs", "ablt", "loct", "voct")
_FUNCTION_WORDS = frozenset(("PREP", "CONJ", "PRCL"))


@dataclass(frozen=True)
class _Word:
    """How one word of an entry is recognised in text: by the lemmas of its nominative
    readings, or by any inflected form of them; ``capital`` if it must be capitalised."""

    keys: frozenset[str]
    forms: frozenset[str]
    capital: bool

    @property
    def accepted(self) -> frozenset[str]:
        """Token keys this word accepts: its lemmas and its inflected forms."""
        return self.keys | self.forms


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


class _Pattern:
    """An entry as a sequence of words, each with the token keys it accepts."""

    __slots__ = ("words", "entry", "size", "_accepted", "_capital")

    def __init__(self, words: tuple[_Word, ...], entry: GazetteerEntry) -> None:
        self.words = words
        self.entry = entry
        self.size = len(words)
        self._accepted = tuple(w.accepted for w in words)
        self._capital = tuple(w.capital for w in words)

    def fits(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the pattern's words are tokens ``i``, ``i + 1``, ..."""
        for k, accepted in enumerate(self._accepted):
            token = tokens[i + k]
            if accepted.isdisjoint(token.info.keys) or (
                self._capital[k] and not token.text[:1].isupper()
            ):
                return False
        return True


class Gazetteer:
    """Entries of one kind, indexed by their first word's lemma for fast matching."""

    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self._index: dict[str, list[_Pattern]] = {}
        self._keys: set[str] = set()  # the index's keys, as a set for fast disjointness tests
        self._by_value: dict[str, list[GazetteerEntry]] = {}
        # per first-word key: where in its bucket the one-word patterns are, and the longer
        # ones by a key their second word accepts (many entries share a first word:
        # "Республика ...", "министр ...")
        self._singles: dict[str, list[int]] = {}
        self._by_second: dict[str, dict[str, list[int]]] = {}
        self.add(entries)

    def add(self, entries: Iterable[GazetteerEntry]) -> None:
        for entry in entries:
            name = entry.name
            words = tuple(_entry_word(name[a:b]) for a, b in tokenize(name))
            if not words:
                continue
            pattern = _Pattern(words, entry)
            for key in words[0].keys | words[0].forms:
                self._index.setdefault(key, []).append(pattern)
                self._keys.add(key)
            self._by_value.setdefault(entry.value, []).append(entry)
        self._singles.clear()
        self._by_second.clear()
        for key, bucket in self._index.items():
            bucket.sort(key=lambda p: -len(p.words))
            singles = self._singles[key] = []
            by_second = self._by_second[key] = {}
            for position, pattern in enumerate(bucket):
                if pattern.size == 1:
                    singles.append(position)
                    continue
                for second in pattern.words[1].accepted:
                    by_second.setdefault(second, []).append(position)

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
        keys = token.info.keys
        if keys.isdisjoint(self._keys):
            return None
        best: Match | None = None
        longest = 0
        room = len(tokens) - i
        following = tokens[i + 1].info.keys if room > 1 else frozenset()
        for key in keys:
            bucket = self._index.get(key)
            if bucket is None:
                continue
            # the one-word patterns, and the longer ones whose second word may follow
            by_second = self._by_second[key]
            positions = set(self._singles[key])
            for second in following:
                positions.update(by_second.get(second, ()))
            # a pattern met again under another key was tested already; testing it again
            # gives the same answer, and cheaper than remembering which were
            for position in sorted(positions):
                pattern = bucket[position]
                n = pattern.size
                if n <= longest:
                    break
                if n <= room and pattern.fits(tokens, i):
                    best = Match(i, i + n, pattern.entry)
                    longest = n
                    break
        return best

    def find(self, tokens: Sequence[Token], present: AbstractSet[str] | None = None) -> list[Match]:
        """Non-overlapping longest matches, left to right. ``present``, when the caller has
        it, holds the keys of every token (a gazetteer with none of them matches nothing)."""
        keys = self._keys
        if present is not None and keys.isdisjoint(present):
            return []
        starts = [i for i, t in enumerate(tokens) if not keys.isdisjoint(t.info.keys)]
        found = []
        end = 0
        for i in starts:
            if i < end:
                continue
            m = self.match_at(tokens, i)
            if m is not None:
                found.append(m)
                end = m.end
        return found

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry a whole phrase names (in any case), or None."""
        from svodka.text.parse import Token  # a light stand-in for parsed tokens

        tokens = [
            Token(k, a, b, text[a:b], 0, word_info(text[a:b].lower()))
            for k, (a, b) in enumerate(tokenize(text))
        ]
        if not tokens:
            return None
        m = self.match_at(tokens, 0)
        return m.entry if m is not None and m.end == len(tokens) else None
