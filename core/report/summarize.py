"""Extractive summaries: two or three whole sentences of an article, chosen for the facts
they carry and their position, in text order; never site clutter, never the headline,
never a sentence cut off.

Candidates are the article's sentences (as :mod:`svodka.text.parse` splits them: lines first,
then razdel) less:

- site furniture: menus, "Читайте также", "Комментарии", subscription calls, photo and
  video credits ("Фото: ...", "Коллаж: ..."), bylines, copyright lines, exchange rates,
  timestamps, links; a link heading on its own line ("Читайте также", "По теме") and the
  line under it; everything after a footer heading on its own line ("Комментарии",
  "Похожие новости", "Теги", ...) once the article has begun;
- fragments: fewer than five words, no final ".", "!", "?" or "…" (a page cut
  mid-sentence, a caption), a lower-case start, or mostly capital letters;
- the headline and sentences that only repeat it (80% of their words in the title).

A news-agency dateline opening a sentence ("Минск, 10 октября (БелТА) – ") is left out of
the quoted span. A candidate scores

- the facts resting on it: records whose evidence overlaps it, weighted by type and confidence (the
  type's declared ``spec.weight``: agreements and memberships 3, meetings and events 2, roles 1,
  quotes 0.5, plugin types 1 unless they declare another), the largest in full, the next at half,
  the next at a quarter, ...;
- its position: 2 for the first candidate, 1 for the second, 2/3 for the third, ...;
- the share of the headline's content words (lemmas) it repeats, times 2: the lead that
  restates the headline carries the facts the headline states;
- minus 1 for an opening pronoun ("Он", "Там", "Таким образом"), 1.5 for a backreference
  ("Напомним", "Ранее"), 0.5 for opening direct speech, 0.5 for fewer than 8 or more
  than 60 words.

The best are taken greedily, skipping one that shares 60% of its words with a sentence
already taken, up to ``size``; a third sentence only while the summary is under 600
characters.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from svodka.model.records import Evidence

if TYPE_CHECKING:
    from svodka.model.records import Record
    from svodka.text.parse import ParsedArticle, Sentence

# Facts counted per sentence: the next would add less than 2**-64 of the largest.
FACTS_COUNTED = 64
MIN_WORDS = 5
LONG_WORDS = 60
SHORT_WORDS = 8
BUDGET = 600  # characters; a third sentence is added only below it

# Site furniture opening a sentence: a comments heading, an advertisement, a credit line.
CLUTTER_START = re.compile(
    r"комментари(и|ев)\b|реклама\b|поделиться|фото\b|"
    r"(фото|видео|источник|автор|текст|коллаж|иллюстрация|инфографика|редактор|"
    r"корреспондент|обложка)\b[^.!?]{0,40}:",
    re.IGNORECASE,
)
# Site furniture anywhere in a sentence: CLUTTER or an e-mail address. The lookahead (the
# first letters of CLUTTER's words) lets the search pass over most positions at once.
CLUTTER = re.compile(
    r"(?=[чнподвиcкфhw©])(?:"
    r"читайте\s+(также|нас|новости|ещ[её])|новости\s+по\s+теме|подписывайтесь|подпишитесь|"
    r"(оставьте|добавьте|добавить|написать)\s+комментари|"
    r"все\s+права\s+защищены|использовании\s+материалов|нашли\s+(ошибку|опечатку)|"
    r"ctrl\s*\+\s*enter|курс[ыа]?\s+валют|курсы\s+цб|©|\bфото\s*:|https?://|www\.)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S@\S+\.\w")
# Every match of CLUTTER or _EMAIL but "подпишитесь" contains one of these (lower case): a
# cheap test before the search.
_CLUTTER_HINTS = re.compile(
    "читайте|новости|подпис|комментари|защищены|использовании|нашли|ctrl|курс|©|фото|://|"
    r"www\.|@"
)
# A heading on its own line that ends the article: comments, tags, lists of other news.
FOOTER = re.compile(
    r"(комментарии(\s*\(\d+\))?|похожие\s+(новости|материалы|статьи)|другие\s+новости|"
    r"популярное|самое\s+(читаемое|популярное)|лента\s+новостей|все\s+новости|теги|метки|"
    r"рекомендуем|новости\s+партн[её]ров|главное\s+за\s+(день|неделю))\W*",
    re.IGNORECASE,
)
# A heading on its own line over a link inserted into the article ("Читайте также").
LINK_HEADING = re.compile(
    r"(читайте\s+также|(ещ[её]\s+|новости\s+|материалы\s+)?по\s+теме)\W*", re.IGNORECASE
)
# Every match of _CURRENCY contains one of these: a cheap test before counting matches.
_CURRENCY_SIGNS = re.compile(r"USD|EUR|RUB|KZT|CNY|BYN|UZS|KGS|\$|€|₽|₸")
_CURRENCY = re.compile(r"\b(USD|EUR|RUB|KZT|CNY|BYN|UZS|KGS)\b|[$€₽₸]")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_STOPS = (".", "!", "?", "…")
_CLOSING = "\"'»”“)]"  # quotes and brackets that may follow the final stop
_DATELINE = re.compile(
    r"[А-ЯЁA-Z][А-ЯЁA-Zа-яё.\- ]{1,30},\s*"
    r"(?:\d{1,2}\s+[а-яё]+(?:\s+\d{4})?\s*[.,]?\s*)?"
    r"(?:\([^)]{1,40}\)|/[^/]{1,40}/|[«\"][^»\"]{1,40}[»\"])\s*[.,]?\s*[–—-]?\s*"
)
_ANAPHORA = re.compile(
    r"^((однако|но|а|и|также)\s*,?\s+)?(он|она|оно|они|его|е[её]|их|там|тогда|это|этот|эта|эти|этом|такой|такая|такие|"
    r"таким\s+образом|при\s+этом|в\s+этой\s+связи|в\s+свою\s+очередь)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"^(напомним|ранее|как\s+сообщалось|как\s+известно|справка|к\s+слову)\b", re.IGNORECASE
)
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


def _furniture(text: str) -> bool:
    if CLUTTER_START.match(text):
        return True
    return bool(
        _CLUTTER_HINTS.search(text.lower()) and (CLUTTER.search(text) or _EMAIL.search(text))
    )


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
    """Not a sentence of the article proper: site furniture, or a fragment (too short,
    unfinished, starting in lower case, shouting)."""
    text = sentence.text.strip()
    words = len(text.split())
    if words < MIN_WORDS or not text.rstrip(_CLOSING).endswith(_STOPS):
        return True
    first = _FIRST.search(text)
    if first and first.group().isalpha() and not first.group().isupper():
        return True
    return (
        _shouting_or_figures(text)
        or _furniture(text)
        or (bool(_CURRENCY_SIGNS.search(text)) and len(_CURRENCY.findall(text)) >= 2)
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


def _body(doc: ParsedArticle) -> list[tuple[Sentence, bool]]:
    """The sentences before the page's footer (a footer heading met after the article has
    begun), less link headings and the line under each; each with whether it is clutter."""
    kept: list[tuple[Sentence, bool]] = []
    skip_paragraph = -1
    started = False
    for sentence in doc.sentences:
        if sentence.paragraph == skip_paragraph:
            continue
        line = sentence.text.strip()
        if LINK_HEADING.fullmatch(line):
            skip_paragraph = sentence.paragraph + 1
            continue
        if started and FOOTER.fullmatch(line):
            break
        clutter = is_clutter(sentence)
        started = started or not clutter
        kept.append((sentence, clutter))
    return kept


def _span(doc: ParsedArticle, sentence: Sentence) -> Evidence:
    """The sentence without a leading dateline and surrounding spaces."""
    text = doc.text[sentence.start : sentence.end]
    start = sentence.start + len(text) - len(text.lstrip())
    m = _DATELINE.match(doc.text, start, sentence.end)
    if m and len(doc.text[m.end() : sentence.end].split()) >= MIN_WORDS:
        start = m.end()
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
    if _BACKGROUND.match(span.text):
        score -= 1.5
    elif _ANAPHORA.match(span.text):
        score -= 1.0
    if _SPEECH.match(span.text):
        score -= 0.5
    if words < SHORT_WORDS or words > LONG_WORDS:
        score -= 0.5
    return score


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
        for s, clutter in _body(doc)
        if not clutter and not _is_headline(s.text, title_words)
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
    for span in ranked:  # two at least, even if they repeat each other
        if len(chosen) >= min(2, size):
            break
        if span not in chosen:
            chosen.append(span)
    return sorted(chosen, key=lambda e: e.start)
