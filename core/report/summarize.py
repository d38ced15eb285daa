"""Extractive summaries: two or three whole sentences of an article, chosen for the facts
they carry and their position, in text order; never site clutter, never the headline,
never a sentence cut off.

Candidates are the sentences of the article's body (as :mod:`svodka.text.parse` splits them:
lines first, then razdel; site clutter and the footer are other zones, see
:mod:`svodka.text.zones`, and never reach the summary) less:

- fragments: fewer than five words, no final ".", "!", "?" or "…" (a page cut
  mid-sentence, a caption), a lower-case start, or mostly capital letters or figures;
  short lines with a time ("10:21"), links and e-mail addresses;
- sentences that only repeat the headline (80% of their words in the title).

The dateline zone opening a sentence ("Минск, 10 октября (БелТА) – ") is left out of the
quoted span. A candidate scores

- the facts resting on it: records whose evidence overlaps it, weighted by type and confidence (the
  type's declared ``spec.weight``: agreements and memberships 3, meetings and events 2, roles 1,
  quotes 0.5, plugin types 1 unless they declare another), the largest in full, the next at half,
  the next at a quarter, ...;
- its position: 2 for the first candidate, 1 for the second, 2/3 for the third, ...;
- the share of the headline's content words (lemmas) it repeats, times 2: the lead that
  restates the headline carries the facts the headline states;
- minus 1 for an opening that links to the sentence before ("Он", "Там", "Таким образом",
  "Однако он"), 1.5 for a backreference ("Напомним", "Ранее"), 0.5 for opening direct
  speech, 0.5 for fewer than 8 or more than 60 words (the openings are lists of
  ``core/data/rules/summaries.tsv``).

The best are taken greedily, skipping one that shares 60% of its words with a sentence
already taken (no sentence repeats another's content), up to ``size``; a third sentence
only while the summary is under 600 characters. A sentence taken that opens on a link to
the sentence before it brings that sentence along (when it is a candidate and repeats none
taken), else it is left out: a summary never opens on "Таким образом" or "Однако он".
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from svodka.extract.rules import words
from svodka.model.records import Evidence
from svodka.text.zones import BODY

if TYPE_CHECKING:
    from svodka.model.records import Record
    from svodka.text.parse import ParsedArticle, Sentence

# Facts counted per sentence: the next would add less than 2**-64 of the largest.
FACTS_COUNTED = 64
MIN_WORDS = 5
LONG_WORDS = 60
SHORT_WORDS = 8
BUDGET = 600  # characters; a third sentence is added only below it

# A link or an e-mail address: a sentence holding one reads as furniture in a summary.
_LINK = re.compile(r"https?://|www\.|\S@\S+\.\w", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_STOPS = (".", "!", "?", "…")
_CLOSING = "\"'»”“)]"  # quotes and brackets that may follow the final stop
# What may stand between a dateline and its sentence's first word.
_AFTER_DATELINE = " \t.,:–—-"
# Openings that need the sentence before ("Таким образом", "Однако он") and openings of
# background ("Напомним"): core/data/rules/summaries.tsv.
DANGLING = words("summaries.dangling")
BACKGROUND = words("summaries.background")
_LEADS = ("однако", "но", "а", "и")  # may stand before a dangling opening ("Однако он")
_SPEECH = re.compile(r"^[«\"„“—–-]")
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_WORD = re.compile(r"[^\W_]+")
_FIRST = re.compile(r"[^\W_]")  # the first letter or digit
_NOT_LOWER = re.compile(r"[^a-zа-яё]")  # anything but a lower-case Latin or Russian letter


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("ё", "е"))


def _lemmas(text: str) -> set[str]:
    """The lemmas of a text's content words (prepositions, conjunctions, particles left out)."""
    from svodka.text.morph import word_info

    found = set()
    for word in _words(text):
        info = word_info(word)
        if not info.first & _FUNCTION_WORDS:
            found.add(info.lemma)
    return found


def _balanced(text: str) -> bool:
    """Quotation marks open and close within the sentence (not a piece of a longer quote)."""
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def _shouting_or_figures(text: str) -> bool:
    """Mostly capital letters, or more than a third digits."""
    others = len(_NOT_LOWER.findall(text))
    if 3 * others <= len(text):
        # Capitals and digits are among the others: at most a third of the text, and no
        # more than the lower-case letters. So in most sentences, without counting them.
        return False
    letters = list(filter(str.isalpha, text))
    return (
        sum(map(str.isupper, letters)) > len(letters) / 2
        or sum(map(str.isdigit, text)) > len(text) / 3
    )


def is_clutter(sentence: Sentence) -> bool:
    """Not a sentence to quote: outside the body zone, or a fragment (too short, unfinished,
    starting in lower case, shouting, figures), or holding a link."""
    if sentence.zone != BODY:
        return True
    text = sentence.text.strip()
    words = len(text.split())
    if words < MIN_WORDS or not text.rstrip(_CLOSING).endswith(_STOPS):
        return True
    first = _FIRST.search(text)
    if first and first.group().isalpha() and not first.group().isupper():
        return True
    return (
        _shouting_or_figures(text)
        or bool(_LINK.search(text))
        or (words < 10 and bool(_TIME.search(text)))
        or not _balanced(text)
    )


def _is_headline(text: str, title_words: Counter[str]) -> bool:
    if not title_words:
        return False
    words = _words(text)
    if not words:
        return False
    shared = sum((Counter(words) & title_words).values())
    return shared >= 0.8 * len(words)


def _span(doc: ParsedArticle, sentence: Sentence) -> Evidence:
    """The sentence without surrounding spaces, and without a dateline zone opening it when
    its first word follows (in capitals, or a quotation mark)."""
    text = doc.text[sentence.start : sentence.end]
    start = sentence.start + len(text) - len(text.lstrip())
    dateline = doc.zones.dateline
    if dateline is not None and dateline.start == start and dateline.end < sentence.end:
        after = dateline.end
        while after < sentence.end and doc.text[after] in _AFTER_DATELINE:
            after += 1
        rest = doc.text[after : sentence.end]
        if (rest[:1].isupper() or rest[:1] in '«"„“') and len(rest.split()) >= MIN_WORDS:
            start = after
    end = start + len(doc.text[start : sentence.end].rstrip())
    return Evidence(start, end, doc.text[start:end])


def _fact_scores(doc: ParsedArticle, records: list[Record]) -> dict[int, float]:
    """Per sentence index: the weights of the records resting on it, the largest counted in
    full, the next at half, the next at a quarter, ... (a list of nine members is not nine
    facts' worth); only the :data:`FACTS_COUNTED` largest, as the rest weigh nothing a
    float can hold. A record that cannot be weighed (a plugin's odd one) counts for none."""
    weights: dict[int, list[float]] = {}
    ends = [sentence.end for sentence in doc.sentences]  # ascending, as the sentences follow
    for record in records:
        try:
            weight = record.spec.weight * float(record.confidence)
            hit: set[int] = set()
            for ev in record.evidence:
                index = bisect_right(ends, ev.start)  # the first sentence ending after its start
                while index < len(ends) and doc.sentences[index].start < ev.end:
                    hit.add(index)
                    index += 1
        except Exception:  # noqa: BLE001 - one odd record must not cost the summary
            continue
        if not math.isfinite(weight):
            continue
        for index in hit:
            weights.setdefault(index, []).append(weight)
    return {
        index: sum(math.ldexp(w, -i) for i, w in enumerate(heapq.nlargest(FACTS_COUNTED, ws)))
        for index, ws in weights.items()
    }


def _score(span: Evidence, facts: float, rank: int, title: set[str]) -> float:
    """Facts carried, position, and the share of the headline's content words it repeats
    (the lead that restates the headline carries the facts the headline states)."""
    words = len(span.text.split())
    score = facts + 2.0 / (1 + rank)
    if title:
        score += 2.0 * len(_lemmas(span.text) & title) / len(title)
    if _opens_with(span.text, BACKGROUND):
        score -= 1.5
    elif dangling(span.text):
        score -= 1.0
    if _SPEECH.match(span.text):
        score -= 0.5
    if words < SHORT_WORDS or words > LONG_WORDS:
        score -= 0.5
    return score


def _opens_with(text: str, openings: set[str]) -> bool:
    """The text's first words are one of ``openings`` (lower case, whole words)."""
    first = _words(text)[:6]
    return any(" ".join(first[:n]) in openings for n in range(1, len(first) + 1))


def dangling(text: str) -> bool:
    """The sentence opens on a link to the sentence before it ("Таким образом", "Однако
    он", "При этом"; :data:`DANGLING`), which it needs to be understood."""
    first = _words(text)
    if first[:1] and first[0] in _LEADS:
        first = first[1:]
    return any(" ".join(first[:n]) in DANGLING for n in range(1, min(len(first), 6) + 1))


def _overlaps(a: Counter[str], b: Counter[str]) -> bool:
    """Two sentences (their word counts) share 60% of the shorter one's words."""
    shared = sum((a & b).values())
    return shared >= 0.6 * min(a.total(), b.total())


def summarize(doc: ParsedArticle, records: list[Record], size: int = 3) -> list[Evidence]:
    """Up to ``size`` whole sentences of the article (two at least where it has them), in
    text order, chosen as the module doc describes; the headline is left out (it is the
    summary's title)."""
    title_words = Counter(_words(doc.article.title or ""))
    candidates = [
        (s.index, _span(doc, s))
        for s in doc.sentences
        if not is_clutter(s) and not _is_headline(s.text, title_words)
    ]
    facts = _fact_scores(doc, records)
    title = _lemmas(doc.article.title or "")
    scores = [
        _score(span, facts.get(index, 0.0), rank, title)
        for rank, (index, span) in enumerate(candidates)
    ]
    order = sorted(range(len(candidates)), key=lambda rank: (-scores[rank], rank))
    ranked = [candidates[rank][1] for rank in order]
    chosen: list[Evidence] = []
    chosen_words: list[Counter[str]] = []
    for span in ranked:
        if len(chosen) >= size:
            break
        if len(chosen) >= 2 and sum(len(c.text) for c in chosen) >= BUDGET:
            break
        words = Counter(_words(span.text))
        if not any(_overlaps(words, c) for c in chosen_words):
            chosen.append(span)
            chosen_words.append(words)
    return _with_antecedents(sorted(chosen, key=lambda e: e.start), candidates, size)


def _with_antecedents(
    chosen: list[Evidence], candidates: list[tuple[int, Evidence]], size: int
) -> list[Evidence]:
    """Each sentence that opens on a link to the sentence before it gets that sentence in
    front of it when it is a candidate (and repeats no sentence taken), else is left out;
    the first sentence of a summary never dangles."""
    index_of = {span.start: index for index, span in candidates}
    by_index = dict(candidates)
    out: list[Evidence] = []
    for at, span in enumerate(chosen):
        if not dangling(span.text):
            out.append(span)
            continue
        before = by_index.get(index_of[span.start] - 1)
        if before is None or dangling(before.text):
            continue
        words = Counter(_words(before.text))
        said = before in out or any(_overlaps(words, Counter(_words(o.text))) for o in out)
        if not said:  # the sentence before comes along, within the summary's size
            if len(out) + 2 + len(chosen) - at - 1 > size:
                continue
            out.append(before)
        out.append(span)
    return sorted(out, key=lambda e: e.start)
