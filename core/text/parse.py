"""Parsing, done once per article: zones, sentences, tokens and morphology with offsets.

Every later stage works on the :class:`ParsedArticle`; nothing re-splits or re-reads
the text. Entity mentions (persons, countries, organisations, places, dates) are found
on first use and kept on the parsed article, so all extractors share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from razdel import sentenize

from svodka.components import describe
from svodka.model.records import Evidence
from svodka.text.morph import WordInfo, plain_info, word_info
from svodka.text.tokens import tokenize
from svodka.text.zones import CONTENT, Zoner, Zones

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

    from svodka.mentions.find import Mention, Mentions
    from svodka.model.article import Article
    from svodka.normalize.lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_LINE = re.compile(r"[^\r\n]+")
# The longest sentence, in characters, that extractors get. A longer "sentence" is a table, a
# list or text without full stops, not prose (the longest in the test corpora has 498
# characters); :func:`parse` cuts it into pieces of at most this length, so that no
# per-sentence pass of an extractor costs more than a bounded amount, whatever the input.
SENTENCE_CAP = 2000
# punctuation a piece of an over-long sentence preferably ends after
_BREAKS = frozenset(",;:")
# razdel's sentence splitter copies the sentence it builds at every candidate end it passes
# over, so a line of n characters with no sentence end costs n²: a line longer than this is
# given to it in windows, cut where a sentence likely ends (see :func:`_windows`)
LINE_WINDOW = 50_000
_SENTENCE_END = re.compile(r"[.!?…][»\"')]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(eq=False, slots=True, init=False)
class Token:
    """A token with its offsets into the article text and, for words, its analyses.

    ``lemma`` is the normal form of the most probable analysis (lower case, ё → е), else
    the text; ``keys`` are the lemmas and the lower-case text, what gazetteers are looked
    up by; ``is_word`` tells a word (with analyses) from punctuation and numbers.
    """

    index: int
    start: int
    end: int
    text: str
    sentence: int
    info: WordInfo
    # copied from the shared analyses, as extractors read them in every loop
    lemma: str = field(init=False, repr=False)
    keys: frozenset[str] = field(init=False, repr=False)
    is_word: bool = field(init=False, repr=False)

    def __init__(
        self, index: int, start: int, end: int, text: str, sentence: int, info: WordInfo
    ) -> None:
        # written out: a token is made for every word of every article, and a dataclass's
        # __init__ calling __post_init__ costs a second call per token
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.sentence = sentence
        self.info = info
        self.lemma = info.lemma
        self.keys = info.keys
        self.is_word = bool(info.parses)

    @property
    def parses(self) -> tuple[Parse, ...]:
        return self.info.parses

    @property
    def lemmas(self) -> frozenset[str]:
        """Normal forms of all analyses (for ambiguous forms)."""
        return self.info.lemmas

    def has(self, *grammemes: str) -> bool:
        """True when the most probable analysis has all these grammemes."""
        first = self.info.first
        return bool(first) and first.issuperset(grammemes)

    def any_has(self, *grammemes: str) -> bool:
        """True when some analysis has all these grammemes."""
        info = self.info
        if len(grammemes) == 1:
            return grammemes[0] in info.any_grammemes
        return any(gs.issuperset(grammemes) for gs in info.grammemes)

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(eq=False)
class Sentence:
    """A sentence of the headline, dateline or body: offsets into the article text, the
    range of its tokens, its paragraph (line) and zone."""

    index: int
    start: int
    end: int
    text: str
    first_token: int
    last_token: int  # exclusive
    paragraph: int
    zone: str = "body"  # its text zone (svodka.text.zones): headline, dateline or body

    def evidence(self) -> Evidence:
        return Evidence(self.start, self.end, self.text)


@dataclass(eq=False)
class ParsedArticle:
    """An article split into sentences and tokens, with morphology, ready for extractors."""

    article: Article
    sentences: list[Sentence]
    tokens: list[Token]
    lexicon: Lexicon
    zones: Zones
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first_token : sentence.last_token]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence that contains a character offset."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    @cached_property
    def lemmas(self) -> list[str]:
        """The lemma of every token, by token index."""
        return [t.lemma for t in self.tokens]

    @cached_property
    def sentence_lemmas(self) -> list[frozenset[str]]:
        """The lemmas of each sentence's tokens, by sentence index: one set test tells an
        extractor whether a sentence has any of its trigger words."""
        lemmas = self.lemmas
        return [frozenset(lemmas[s.first_token : s.last_token]) for s in self.sentences]

    @cached_property
    def mentions(self) -> Mentions:
        """Persons, countries, organisations, places and dates found in the article.

        A kind whose finder fails is left empty and named in ``mentions.failures``; a failure
        outside every kind's finder leaves them all empty (kind ``"all"``).
        """
        from svodka.mentions.find import Mentions, find_mentions

        try:
            return find_mentions(self)
        except Exception as exc:  # noqa: BLE001 - the extractors still run without mentions
            found = Mentions(self, find=False)
            found.failures["all"] = describe(exc)
            return found

    @cached_property
    def dateline_place(self) -> Mention | None:
        """The place mention that opens the dateline zone (the city of "АСТАНА, 10 мая.
        /ТАСС/."), or None: where the news was reported, as extractors read it."""
        dateline = self.zones.dateline
        if dateline is None or dateline.place is None:
            return None
        for place in self.mentions.places:
            start = self.tokens[place.start].start
            if start >= dateline.start:
                return place if start == dateline.start else None
        return None


@lru_cache(maxsize=200_000)
def token_info(text: str) -> WordInfo:
    """The analyses of a token as written: a word's by its lower-case form, else none."""
    return word_info(text.lower()) if _WORD.search(text) else plain_info(text)


def parse(article: Article, lexicon: Lexicon) -> ParsedArticle:
    """Split an article into paragraphs (lines) and sentences, mark each sentence's zone,
    and keep, tokenise and analyse those of the headline, the dateline and the body: site
    clutter and the footer are recorded in the zones only, so no extractor, mention finder
    or summary sees them (offsets still point into the whole text)."""
    text = article.text
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    zoner = Zoner(text)
    for paragraph, line in enumerate(_LINE.finditer(text)):
        if zoner.in_footer:  # the rest of the text is the footer
            zoner.footer_from(line.start(), len(text.rstrip()))
            break
        found = [
            (base + sent.start, base + sent.stop, sent.text)
            for base, window in _windows(line.group(), line.start())
            for sent in sentenize(window)
            if sent.text.strip()
        ]
        for (offset, _, sentence), zone in zip(
            found, zoner.line(line.group(), line.start(), found), strict=True
        ):
            if zone in CONTENT:
                _add_sentence(sentence, offset, paragraph, zone, sentences, tokens)
    return ParsedArticle(article, sentences, tokens, lexicon, zoner.zones())


def _windows(line: str, base: int) -> Iterator[tuple[int, str]]:
    """A line with its offset, or a line longer than :data:`LINE_WINDOW` in windows of at
    most that length: each ends after the last sentence end (".", "!", "?" before a space) in
    its second half, else at its last space, else it is cut at its length."""
    start = 0
    while len(line) - start > LINE_WINDOW:
        stop = start + LINE_WINDOW
        half = start + LINE_WINDOW // 2
        cut = _last(_SENTENCE_END, line, half, stop) or _last(_SPACE, line, half, stop)
        end = cut if cut is not None and cut < stop else stop
        yield base + start, line[start:end]
        start = end
    yield base + start, line[start:]


def _last(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int | None:
    """Where the last match of ``pattern`` in ``text[start:stop]`` ends."""
    end = None
    for match in pattern.finditer(text, start, stop):
        end = match.end()
    return end


def _add_sentence(
    text: str,
    offset: int,
    paragraph: int,
    zone: str,
    sentences: list[Sentence],
    tokens: list[Token],
) -> None:
    """A sentence found at ``offset``, with its tokens (an over-long one cut in pieces)."""
    spans = tokenize(text)
    pieces = [(0, len(text), spans)]
    if len(text) > SENTENCE_CAP:
        pieces = _pieces(text, spans)
    for start, stop, piece in pieces:
        first = len(tokens)
        index = len(sentences)
        for a, b in piece:
            word = text[a:b]
            tokens.append(Token(len(tokens), offset + a, offset + b, word, index, token_info(word)))
        sentences.append(
            Sentence(
                index,
                offset + start,
                offset + stop,
                text[start:stop],
                first,
                len(tokens),
                paragraph,
                zone,
            )
        )


def _pieces(
    text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """An over-long sentence's tokens (``spans`` into ``text``) cut into pieces ``(start, stop,
    spans)`` of at most :data:`SENTENCE_CAP` characters each (a longer token stays whole). A
    piece ends after the last "," ";" or ":" in its second half, else after the last token
    that fits."""
    pieces = []
    first = 0
    while first < len(spans):
        limit = spans[first][0] + SENTENCE_CAP
        last = first  # the last token that fits: at least one token per piece
        cut = -1  # the last token after which a preferred break falls
        half = spans[first][0] + SENTENCE_CAP // 2
        i = first + 1
        while i < len(spans) and spans[i][1] <= limit:
            last = i
            i += 1
        if last + 1 < len(spans):  # not the sentence's end: look for a break
            for j in range(last, first, -1):
                a, b = spans[j]
                if a < half:
                    break
                if b - a == 1 and text[a] in _BREAKS:
                    cut = j
                    break
        end = cut if cut >= 0 else last
        pieces.append((spans[first][0], spans[end][1], spans[first : end + 1]))
        first = end + 1
    return pieces
