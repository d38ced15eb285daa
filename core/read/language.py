"""Is a text Russian? Script, then letter and word statistics: fast, no model.

svodka's extractors read Russian only, so pages in another language are reported and skipped.
The test goes in three steps, each on counts that a page makes in one pass:

1. the script: at least half of the letters must be Cyrillic ("not Russian: Latin script");
2. the letters other Cyrillic languages use often and Russian never or rarely (Ukrainian
   і ї є ґ, Kazakh ә ғ қ ң ө ұ ү һ, Serbian ђ ј љ њ ћ џ, Bulgarian ъ, ...): more than one
   and a half in a hundred Cyrillic letters make the text that language (its words break
   ties between languages that share letters); a quoted name or phrase in a Russian text
   does not;
3. the common short words: a Cyrillic text whose words are more another language's than
   Russian's is that language.

The letters and words are in ``svodka/data/languages.tsv``, which users can read and extend.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

RUSSIAN = "Russian"
LETTER_SHARE = 0.015  # other-language letters per Cyrillic letter that make a text not Russian
CYRILLIC_SHARE = 0.5  # Cyrillic letters per letter below which the script is not Russian
MIN_WORDS = 20  # fewer words than this are too few to judge by words
WORD_MARGIN = 0.05  # share of words by which another language must lead Russian's
_SHOWN = 3
_SAMPLE = 200_000  # characters judged: enough for any article, bounded for any page

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Language:
    """One row of languages.tsv: the name, letters Russian lacks or rarely has, common
    short words, and those of them that are not Russian's too (``own``)."""

    name: str
    letters: tuple[str, ...]
    words: frozenset[str]
    own: frozenset[str] = frozenset()


@cache
def languages() -> tuple[Language, ...]:
    """The rows of languages.tsv, Russian first."""
    text = (files("svodka.data") / "languages.tsv").read_text(encoding="utf-8")
    rows: list[Language] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"languages.tsv:{number}: expected name<TAB>letters<TAB>words")
        name, letters, words = parts
        rows.append(Language(name, tuple(letters.split()), frozenset(words.split())))
    if not rows or rows[0].name != RUSSIAN:
        raise ValueError("languages.tsv: the first language must be Russian")
    common = rows[0].words
    return tuple(dataclasses.replace(row, own=row.words - common) for row in rows)


def russian_words(text: str) -> int:
    """How many words of ``text`` are common Russian short words: how much it reads as
    Russian (used to choose between decodings of a page)."""
    common = languages()[0].words
    return sum(1 for word in _WORD.findall(text[:_SAMPLE].lower()) if word in common)


def language_problem(text: str) -> str | None:
    """None when ``text`` is Russian (or too short to tell a Cyrillic text from Russian),
    else a short reason: "not Russian: Latin script", "not Russian: looks like Ukrainian
    (і, ї, є)", "not Russian: looks like Bulgarian (че, това)"."""
    sample = text[:_SAMPLE]
    lower = sample.lower()
    counts = Counter(lower)
    letters = sum(n for ch, n in counts.items() if ch.isalpha())
    if not letters:
        return "not Russian: no letters"
    cyrillic = sum(n for ch, n in counts.items() if "\u0400" <= ch <= "\u052f")
    if cyrillic < CYRILLIC_SHARE * letters:
        return f"not Russian: {_script(sample)} script"
    russian, *others = languages()
    words = Counter(_WORD.findall(lower))
    total = sum(words.values()) or 1
    best: tuple[float, Language, list[str]] | None = None
    for language in others:
        seen = [ch for ch in language.letters if counts.get(ch)]
        share = sum(counts[ch] for ch in seen) / cyrillic
        if share >= LETTER_SHARE:
            score = share + _count(words, language.own) / total
            if best is None or score > best[0]:
                best = (score, language, seen)
    if best is not None:
        return f"not Russian: looks like {best[1].name} ({', '.join(best[2][:_SHOWN])})"
    if total < MIN_WORDS:
        return None
    own = _count(words, russian.words) / total
    for language in others:
        if _count(words, language.own) / total >= own + WORD_MARGIN:
            found = [word for word in words if word in language.own]
            return f"not Russian: looks like {language.name} ({', '.join(found[:_SHOWN])})"
    return None


def _count(words: Counter[str], among: frozenset[str]) -> int:
    """How many of the counted words are among these."""
    return sum(words[word] for word in among.intersection(words))


def _script(text: str) -> str:
    """The name of the script most of the letters that are not Cyrillic are in ("Latin",
    "Arabic", "CJK", ...)."""
    counts: dict[str, int] = {}
    for ch in _LETTER.findall(text)[:2000]:
        if _CYRILLIC.match(ch):
            continue
        name = unicodedata.name(ch, "UNKNOWN").split()[0]
        counts[name] = counts.get(name, 0) + 1
    script = max(counts, key=counts.__getitem__) if counts else "unknown"
    return "CJK" if script == "CJK" else script.capitalize()
