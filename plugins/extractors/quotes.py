"""Quotes: a person's words in quotation marks, with the speaker the attribution names.

Quotation marks are matched per paragraph («...» nests, „...“, “...”, "..."). A quote is
kept when a speech verb attributes it: after it ("...», — сказал министр", "», цитирует
президента источник"), before it ("X отметил, что «...»", "министр сказал: «...»",
"По словам X, «...»"), inside it ("«..., — сказал он, — ...»"), in the next sentence
("Так прокомментировал ..."), or when it continues the previous quote of the same
speaker. Pronouns and posts ("он", "министр", "российский президент") resolve to the last
fitting person named before. Words of a press service or a document have no person
speaker and are skipped; short quoted names («Тулпар») are not quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import svodka
from svodka.components import Extractor
from svodka.extract.rules import words
from svodka.mentions.find import Mention, Person
from svodka.model.records import Evidence, Quote
from svodka.normalize.persons import could_be_surname, normalize_name
from svodka.text.parse import ParsedArticle, Sentence, Token
from svodka.text.syntax import clause_end, negated_verb

# Verbs (and short adjectives) that attribute words to a speaker, by lemma.
SPEECH_VERBS = words("quotes.speech_verbs")
# Verbs between "не" and a speech verb that negate it ("не стал комментировать").
NEGATED_AUXILIARIES = words("quotes.negated_auxiliaries")
# Verbs whose object is the speaker ("цитирует президента источник").
OBJECT_VERBS = words("quotes.object_verbs")
# Verbs of news outlets ("— сообщает Интерфакс"): a bare capitalised word after them is no speaker.
OUTLET_VERBS = words("quotes.outlet_verbs")
# Endings of surnames that the dictionary may also read as a common word ("Токаев").
SURNAME_ENDINGS = ("ов", "ев", "ин", "ын", "ский", "цкий", "енко", "ян", "дзе", "швили", "ук", "юк")
# Nouns that carry a speaker in the genitive ("слова Ергалиева", "по словам министра",
# "говорится в заявлении президента").
SPEECH_NOUNS = words("quotes.speech_nouns")
# Nouns that name a person by post when no name stands there ("— сказал министр").
PERSON_NOUNS = words("quotes.person_nouns")
# Post nouns that fit any post ("глава", "лидер") or describe a person rather than name a
# post ("дипломат"): they never rule a person out.
GENERIC_NOUNS = words("quotes.generic_nouns")
# Institutions whose words are not a person's ("в пресс-службе президента").
INSTITUTION_NOUNS = words("quotes.institution_nouns")
# Nouns before a quoted name («Тулпар», «Жас улан»): the quote names a thing.
NAME_NOUNS = words("quotes.name_nouns")
PRONOUNS = {"он": "masc", "она": "femn"}
POSSESSIVES = {"его": "masc", "ее": "femn", "её": "femn"}
DASHES = frozenset("-–—")
END_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?", ";"})
CLOSING_PUNCT = END_PUNCT - {";"} | {","}
# Words a quote may follow at the start of a clause ("заявил, что «...»").
CONNECTORS = words("quotes.connectors")
# First words of a sentence that attributes the quote before it ("Так прокомментировал ...").
LEAD_INS = words("quotes.lead_ins")
_MARKS = re.compile('[«»„“”"]')
_WORD_CHUNK = re.compile(r"\S*?[^\W_]\S*")  # [^\W_]: what str.isalnum accepts
SHORT = 3  # quotes of at most this many words are titles, names or ironic fragments

# Confidence by how the speaker was found.
CONF_NAMED = 0.9
CONF_PRONOUN = 0.8
CONF_POST = 0.75
CONF_CONTINUED = 0.7
CONF_EMBEDDED = 0.5
CONF_SURNAME = 0.6
CONF_FRAGMENT = 0.4


@dataclass
class _Span:
    """A top-level quotation: marks at ``open`` and ``close`` (``close`` is the paragraph
    end when the mark is missing; ``open`` the character before the paragraph when it goes
    on from an open quote of the paragraph before), tokens ``first``..``last``."""

    open: int
    close: int
    closed: bool
    paragraph: int
    marked: bool = True
    first: int = 0
    last: int = 0
    cut: tuple[int, int] | None = None  # the dashes around an attribution inside the quote


@dataclass
class _Attribution:
    """Who a quote is attributed to (``speaker`` None: an institution or a document)."""

    speaker: str | None
    start: int
    end: int
    confidence: float
    kind: str = ""  # "after", "before", "embedded", "inner", "next", "continued"


@dataclass
class _Found:
    """A quotation and what attributes it, if anything."""

    span: _Span
    attribution: _Attribution | None


class QuoteExtractor(Extractor):
    name = "quotes"
    record_types = ("quote",)

    def extract(self, doc: ParsedArticle) -> Iterator[Quote]:
        spans = _quote_spans(doc)
        if not spans:
            return
        ctx = _Context(doc, spans)
        found = [_Found(span, ctx.attribute(k)) for k, span in enumerate(spans)]
        _continue_speakers(ctx, found)
        seen: set[tuple[str, str]] = set()
        for item in found:
            record = ctx.record(item)
            if record is not None and (record.speaker, record.text) not in seen:
                seen.add((record.speaker, record.text))
                yield record


# -- quotation marks ---------------------------------------------------------------------------


def _quote_spans(doc: ParsedArticle) -> list[_Span]:
    """Top-level quotations of every paragraph, in text order."""
    spans: list[_Span] = []
    text = doc.text
    sentences = doc.sentences
    k = 0
    while k < len(sentences):
        paragraph = sentences[k].paragraph
        start = sentences[k].start
        while k < len(sentences) and sentences[k].paragraph == paragraph:
            k += 1
        end = sentences[k - 1].end
        inside = bool(spans) and not spans[-1].closed and spans[-1].paragraph == paragraph - 1
        spans.extend(_paragraph_spans(text, start, end, paragraph, inside))
    return spans


def _paragraph_spans(
    text: str, start: int, end: int, paragraph: int, inside: bool
) -> Iterator[_Span]:
    """Top-level quotations of one paragraph; ``inside``: the paragraph before left a quote
    open, so a paragraph that does not open a quote of its own goes on with it."""
    stack: list[tuple[str, int]] = []
    if inside and text[start] not in '«„“"':
        stack.append(("«", start - 1))
    for found in _MARKS.finditer(text, start, end):
        i, ch = found.start(), found.group()
        top = stack[-1][0] if stack else ""
        closing = None
        if ch == "«" or ch == "„" or ch == "“" and top != "„":
            stack.append((ch, i))
        elif ch == "»":
            while stack and stack[-1][0] != "«":
                stack.pop()
            closing = stack.pop() if stack else None
        elif ch in "“”":
            if top in "„“" and top:
                closing = stack.pop()
        else:  # a straight quote: opens before a word, closes after one
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if top == '"' and not before.isspace():
                closing = stack.pop()
            elif not after.isspace():
                stack.append((ch, i))
            elif top == '"':
                closing = stack.pop()
        if closing is not None and not stack:
            yield _Span(closing[1], i, True, paragraph, closing[1] >= start)
    if stack and stack[0][0] != '"' and stack[0][1] >= start:
        yield _Span(stack[0][1], end, False, paragraph)


# -- the article's context -----------------------------------------------------------------


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


def _name_like(token: Token) -> bool:
    text = token.text
    return (
        len(text) > 2
        and text[:1].isupper()
        and not text.isupper()
        and text.replace("-", "").isalpha()
    )


def _is_speech(token: Token) -> bool:
    return token.is_word and not token.has("NOUN") and bool(token.lemmas & SPEECH_VERBS)


def _word_count(text: str) -> int:
    """The whitespace-separated chunks with a letter or digit."""
    return len(_WORD_CHUNK.findall(text))


class _Context:
    """One article's tokens, quotations and persons, with the attribution rules."""

    def __init__(self, doc: ParsedArticle, spans: list[_Span]) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.spans = spans
        self.starts = [t.start for t in doc.tokens]
        self.quoted: set[int] = set()
        for span in spans:
            span.first = self.token_at(span.open if span.marked else span.open + 1)
            span.last = self.token_at(span.close) if span.closed else self.token_at(span.close - 1)
            span.cut = self._inner_attribution(span)
            self.quoted.update(range(span.first, span.last + 1))
            if span.cut is not None:
                self.quoted.difference_update(range(span.cut[0], span.cut[1] + 1))
        mentions = doc.mentions
        self.people: dict[str, Person] = mentions.people
        self.persons = sorted(
            (m for m in mentions.persons if m.start not in self.quoted), key=lambda m: m.start
        )
        self.person_at = {m.start: m for m in self.persons}
        self.posts = {m.start: m for m in (*mentions.positions, *mentions.ranks)}
        self.in_posts = {k for m in self.posts.values() for k in range(m.start, m.end)}
        groups = (mentions.persons, mentions.countries, mentions.organizations, mentions.places)
        self.covered = {k for group in groups for m in group for k in range(m.start, m.end)}
        self.covered |= self.in_posts
        self.adjectives = {m.start: m for m in mentions.countries if m.form == "adjective"}
        self.paragraph_first: dict[int, Sentence] = {}
        for sentence in doc.sentences:
            self.paragraph_first.setdefault(sentence.paragraph, sentence)

    def token_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    # -- attribution ----------------------------------------------------------------------

    def attribute(self, k: int) -> _Attribution | None:
        span = self.spans[k]
        if span.cut is not None:
            inner = self._inner_speaker(span)
            if inner is not None:
                return inner
        if span.closed:
            after = self._after(span) or self._next_sentence(span)
            if after is not None:
                return after
        return self._before(span, self.spans[k - 1] if k else None)

    def _after(self, span: _Span) -> _Attribution | None:
        """ "...», — сказал он", "...», цитирует президента источник"."""
        tokens = self.tokens
        n = len(tokens)
        i = span.last + 1
        paragraph = self.doc.sentences[tokens[span.last].sentence].paragraph
        separated = False
        while i < n and tokens[i].text in CLOSING_PUNCT and self._paragraph(i) == paragraph:
            separated = separated or tokens[i].text == ","
            i += 1
        while i < n and tokens[i].text in DASHES and self._paragraph(i) == paragraph:
            separated = True
            i += 1
        if not separated:
            return None
        end = self._clause_end(i, paragraph)
        verb = self._first_speech(i, min(end, i + 6))
        if verb is None:
            return None
        if self._mid_clause(span):  # "назвал это «ошибкой», — пишет ...": a fragment at most
            if not self._inner_text(span)[:1].islower():
                return None
            return self._speaker(i, end, verb, CONF_EMBEDDED, "embedded")
        return self._speaker(i, end, verb, CONF_NAMED, "after")

    def _mid_clause(self, span: _Span) -> bool:
        """The quote goes on a clause of the author's ("примет участие в учениях «...»")."""
        if not span.marked or span.first == 0:
            return False
        before = self.tokens[span.first - 1]
        return (
            before.is_word
            and before.sentence == self.tokens[span.first].sentence
            and _norm(before.text) not in CONNECTORS
        )

    def _next_sentence(self, span: _Span) -> _Attribution | None:
        """ "«...». Так прокомментировал ситуацию министр." """
        tokens = self.tokens
        i = span.last + 1
        if i < len(tokens) and tokens[i].text == ".":
            i += 1
        if (
            i >= len(tokens)
            or tokens[i].sentence == tokens[span.last].sentence
            or _norm(tokens[i].text) not in LEAD_INS
            or self._paragraph(i) != span.paragraph
        ):
            return None
        end = self._clause_end(i, span.paragraph)
        verb = self._first_speech(i, min(end, i + 5))
        if verb is None:
            return None
        return self._speaker(i, end, verb, CONF_NAMED, "next")

    def _before(self, span: _Span, previous: _Span | None) -> _Attribution | None:
        """ "X отметил, что «...»", "министр сказал: «...»", "По словам X, «...»"."""
        tokens = self.tokens
        j = span.first - 1
        sentence = self.doc.sentences[tokens[span.first].sentence]
        lo = sentence.first_token
        if previous is not None and previous.last >= lo:
            lo = previous.last + 1
        if j < lo:
            return self._paragraph_lead(span)
        mark = _norm(tokens[j].text)
        verb = None
        if mark == ":":
            verb, hi = self._last_speech(lo, j), j
        elif mark in ("что", "будто") and j - 1 >= lo and tokens[j - 1].text == ",":
            verb, hi = self._last_speech(max(lo, j - 7), j - 1), j - 1
        elif mark == ",":
            verb, hi = self._lead_in_speech(lo, j), j
        else:
            return self._embedded(span, lo, j)
        return self._speaker(lo, hi, verb, CONF_NAMED, "before") if verb is not None else None

    def _embedded(self, span: _Span, lo: int, j: int) -> _Attribution | None:
        """A fragment inside indirect speech: "X заявил, что в стране якобы «не просто ...»",
        "По его словам, Москва «примет ответные меры»"."""
        tokens = self.tokens
        if not self._inner_text(span)[:1].islower() or tokens[j].lemma in NAME_NOUNS:
            return None
        for k in range(j, max(lo, j - 5) - 1, -1):
            if tokens[k].text == "," and k > lo:
                verb = self._lead_in_speech(lo, k)
                return self._speaker(lo, k, verb, CONF_EMBEDDED, "embedded") if verb else None
            if not tokens[k].is_word:
                return None
            if _norm(tokens[k].text) == "что" and k - 1 >= lo and tokens[k - 1].text == ",":
                verb = self._last_speech(max(lo, k - 7), k - 1)
                if verb is None:
                    return None
                return self._speaker(lo, k - 1, verb, CONF_EMBEDDED, "embedded")
        return None

    def _paragraph_lead(self, span: _Span) -> _Attribution | None:
        """A paragraph that opens with a quote after one that ends "... заявил:"."""
        first = self.paragraph_first.get(span.paragraph)
        if first is None or first.first_token != span.first or span.first == 0:
            return None
        j = span.first - 1
        if self.tokens[j].text != ":" or j in self.quoted:
            return None
        lo = self.doc.sentences[self.tokens[j].sentence].first_token
        verb = self._last_speech(lo, j)
        return self._speaker(lo, j, verb, CONF_NAMED, "before") if verb is not None else None

    def _inner_attribution(self, span: _Span) -> tuple[int, int] | None:
        """ "«Мы готовы, — сказал министр, — продолжать»": the dashes around the attribution."""
        tokens = self.tokens
        for d in range(span.first + 2, span.last - 2):
            if tokens[d].text not in DASHES or tokens[d - 1].text not in CLOSING_PUNCT:
                continue
            if self._first_speech(d + 1, min(span.last, d + 4)) is None:
                continue
            for e in range(d + 2, min(span.last, d + 12)):
                if tokens[e].text in DASHES and tokens[e - 1].text in (",", "."):
                    return d, e
        return None

    def _inner_speaker(self, span: _Span) -> _Attribution | None:
        assert span.cut is not None
        d, e = span.cut
        verb = self._first_speech(d + 1, e)
        if verb is None:
            return None
        return self._speaker(d + 1, e - 1, verb, CONF_NAMED, "inner")

    # -- helpers on token ranges ----------------------------------------------------------

    def _paragraph(self, i: int) -> int:
        return self.doc.sentences[self.tokens[i].sentence].paragraph

    def _clause_end(self, i: int, paragraph: int) -> int:
        """The end of the clause from ``i``: the sentence's end, a quotation or the
        paragraph's end."""
        tokens = self.tokens

        def boundary(k: int) -> bool:
            return (
                k in self.quoted or tokens[k].text in END_PUNCT or self._paragraph(k) != paragraph
            )

        return clause_end(len(tokens), i, boundary)

    def _first_speech(self, lo: int, hi: int) -> int | None:
        for i in range(lo, hi):
            token = self.tokens[i]
            if _is_speech(token) or self._speech_noun(i):
                return i
        return None

    def _last_speech(self, lo: int, hi: int) -> int | None:
        for i in range(hi - 1, lo - 1, -1):
            if i in self.quoted:
                return None
            if _is_speech(self.tokens[i]) or self._speech_noun(i):
                return i
        return None

    def _speech_noun(self, i: int) -> bool:
        """ "слова Ергалиева", "по словам министра", "по его словам"."""
        token = self.tokens[i]
        return token.lemma in SPEECH_NOUNS and token.has("NOUN")

    def _lead_in_speech(self, lo: int, hi: int) -> int | None:
        """ "Как заявил X, «...»", "По словам X, «...»"."""
        tokens = self.tokens
        if _norm(tokens[lo].text) == "как":
            return self._first_speech(lo + 1, min(hi, lo + 4))
        for i in range(lo, hi - 1):
            if _norm(tokens[i].text) != "по":
                continue
            if self._speech_noun(i + 1):
                return i + 1
            if i + 2 < hi and _norm(tokens[i + 1].text) in POSSESSIVES and self._speech_noun(i + 2):
                return i + 2
        return None

    # -- the speaker ----------------------------------------------------------------------

    def _speaker(self, lo: int, hi: int, verb: int, confidence: float, kind: str) -> _Attribution:
        """The person a clause names as speaker: a name, a pronoun or a post."""
        tokens = self.tokens
        best: tuple[int, int, str, float] | None = None
        for i in range(lo, hi):
            candidate = self._candidate(i, verb)
            if candidate is None:
                continue
            name, subject, conf = candidate
            rank = (subject, -abs(i - verb))
            if best is None or rank > best[:2]:
                best = (*rank, name, conf)
        span_start = tokens[lo].start
        span_end = tokens[max(lo, hi - 1)].end
        if negated_verb(
            self.tokens, verb, NEGATED_AUXILIARIES
        ):  # "не заявлял, что «...»": words the person did not say
            return _Attribution(None, span_start, span_end, 0.0, kind)
        if best is None or best[0] and tokens[verb].has("VERB", "plur"):
            return _Attribution(None, span_start, span_end, 0.0, kind)
        _, _, name, conf = best
        return _Attribution(name or None, span_start, span_end, min(confidence, conf), kind)

    def _candidate(self, i: int, verb: int) -> tuple[str, int, float] | None:
        """(speaker name, 1 for a subject / 0 for a speaker in an oblique case, confidence)."""
        tokens = self.tokens
        token = tokens[i]
        mention = self.person_at.get(i)
        if mention is not None:
            subject = self._nominative(mention)
            if not subject and not self._oblique_ok(i, verb):
                return None
            return self.people[mention.value].name, int(subject), CONF_NAMED
        word = _norm(token.text)
        if word in PRONOUNS and token.has("NPRO"):
            name = self._antecedent(i, _Cue(gender=PRONOUNS[word], subject=True))
            return name, 1, CONF_PRONOUN
        if word in POSSESSIVES and i + 1 < len(tokens) and self._speech_noun(i + 1):
            name = self._antecedent(i, _Cue(gender=POSSESSIVES[word], subject=True))
            return name, 0, CONF_PRONOUN
        post = self._post(i, verb)
        if post is None and (abs(i - verb) == 1 or i - 1 in self.in_posts):
            return self._bare_surname(i, verb)
        return post

    def _oblique_ok(self, i: int, verb: int) -> bool:
        """The speaker at ``i`` may stand in an oblique case: after a verb that takes it as
        object ("цитирует президента") or a speech noun ("по словам министра")."""
        return self.tokens[verb].lemma in OBJECT_VERBS or self._after_speech_noun(i)

    def _after_speech_noun(self, i: int) -> bool:
        """A speaker in the genitive after "слова"/"по словам" (names and posts between)."""
        tokens = self.tokens
        for k in range(i - 1, max(-1, i - 7), -1):
            if self._speech_noun(k):
                return True
            if not tokens[k].is_word:
                return False
        return False

    def _post(self, i: int, verb: int) -> tuple[str, int, float] | None:
        """ "министр", "российский президент", "глава ведомства" → the person it names."""
        tokens = self.tokens
        post = self.posts.get(i)
        cue = _Cue()
        if post is not None:
            nouns = (k for k in range(post.start, post.end) if tokens[k].has("NOUN"))
            head, end, cue.country = next(nouns, post.start), post.end, post.country
            if post.kind == "rank":
                cue.rank = post.value
            else:
                cue.post, cue.noun = post.value, tokens[head].lemma
        elif tokens[i].has("NOUN") and tokens[i].lemma in PERSON_NOUNS and i not in self.in_posts:
            head, end, cue.noun = i, i + 1, tokens[i].lemma
            cue.country = next(
                (self.adjectives[k].value for k in (i - 1, i - 2) if k in self.adjectives), None
            )
        else:
            return None
        head_token = tokens[head]
        if (
            self._named_after(end)
            or head_token.has("plur")
            or i > 0
            and tokens[i - 1].lemma in INSTITUTION_NOUNS
        ):
            return None
        subject = head_token.any_has("nomn") and not (i > 0 and tokens[i - 1].has("PREP"))
        if not subject and not self._oblique_ok(i, verb):
            return None
        if subject:
            cue.gender = _gender(tokens[verb])
        if cue.country is None:
            after = self.doc.mentions.descriptors.countries_after(end)
            cue.country = after[0].value if after else None
        return self._antecedent(i, cue), int(subject), CONF_POST

    def _named_after(self, end: int) -> bool:
        """A name follows the post ("министр обороны Таджикистана Собир Назаров")."""
        tokens = self.tokens
        k = end
        while k < len(tokens) and k < end + 4:
            if k in self.person_at or _name_like(tokens[k]) and k not in self.covered:
                return True
            if k not in self.covered:
                return False
            k += 1
        return False

    def _bare_surname(self, i: int, verb: int) -> tuple[str, int, float] | None:
        """ "— отметил Токаев" where the article's mentions found no person: the surname."""
        token = self.tokens[i]
        if (
            i in self.covered
            or self.tokens[verb].lemma in OUTLET_VERBS
            or not _name_like(token)
            or not (could_be_surname(token.text) or _norm(token.text).endswith(SURNAME_ENDINGS))
            or any("Geox" in p.tag or "Orgn" in p.tag for p in token.parses)
        ):
            return None
        subject = i == verb - 1 or not self._oblique_ok(i, verb)
        name = normalize_name(None, token.text, case_hint="nomn" if subject else "gent")
        return (name.surname, int(subject), CONF_SURNAME) if name else None

    def _nominative(self, mention: Mention) -> bool:
        """The mention could be a subject: its surname as in the nominative, no preposition."""
        person = self.people[mention.value]
        if _norm(self.tokens[mention.end - 1].text) != _norm(person.surname):
            return False
        return not (mention.start > 0 and self.tokens[mention.start - 1].has("PREP"))

    def _antecedent(self, limit: int, cue: _Cue) -> str:
        """The last person named before token ``limit`` who fits the cue; subjects first.
        A pronoun takes only a person once named as a subject.

        Of the persons who fit best, the one last named as a subject wins, else the one last
        named. The mentions are indexed once per cue and level of fit (see :meth:`_levels`),
        so a call costs two binary searches per level, not a pass over the article's persons.
        """
        for starts, names, subject_starts, subject_names in self._levels(cue):
            k = bisect_left(subject_starts, limit)
            if k:
                return self.people[subject_names[k - 1]].name
            k = 0 if cue.subject else bisect_left(starts, limit)
            if k:
                return self.people[names[k - 1]].name
        return ""

    def _levels(self, cue: _Cue) -> list[tuple[list[int], list[str], list[int], list[str]]]:
        """For each level of fit to the cue, best first (1, then 0): the starts of the mentions
        of the persons who fit at that level, with their names, all and as subjects only."""
        key = (cue.gender, cue.post, cue.noun, cue.country, cue.rank)
        levels = self._by_cue.get(key)
        if levels is None:
            fits: dict[str, int] = {}
            levels = [([], [], [], []) for _ in (1, 0)]
            for m, subject in zip(self.persons, self._subjects, strict=True):
                fit = fits.get(m.value)
                if fit is None:
                    person = self.people[m.value]
                    fit = fits[m.value] = cue.fits(person, self._gender_of(person))
                if fit < 0:
                    continue
                starts, names, subject_starts, subject_names = levels[1 - fit]
                starts.append(m.start)
                names.append(m.value)
                if subject:
                    subject_starts.append(m.start)
                    subject_names.append(m.value)
            self._by_cue[key] = levels
        return levels

    @cached_property
    def _by_cue(self) -> dict[tuple, list[tuple[list[int], list[str], list[int], list[str]]]]:
        return {}

    @cached_property
    def _subjects(self) -> list[bool]:
        """Whether each of ``persons`` could be a subject (:meth:`_nominative`)."""
        return [self._nominative(m) for m in self.persons]

    def _gender_of(self, person: Person) -> str | None:
        """The person's gender, None when a first name of the article could be a woman's
        (the name normaliser may read "Мария Захарова" as a man's genitive)."""
        if person.gender == "femn":
            return person.gender
        for m in person.mentions:
            if m.end - m.start > 1 and self.tokens[m.start].any_has("Name", "femn"):
                return None
        return person.gender

    # -- records --------------------------------------------------------------------------

    def record(self, item: _Found) -> Quote | None:
        attribution = item.attribution
        if attribution is None or not attribution.speaker:
            return None
        span = item.span
        text = self._quote_text(span)
        words = _word_count(text)
        if not words:
            return None
        confidence = attribution.confidence
        if words <= SHORT and not self._utterance(span, attribution):
            if attribution.kind == "continued" or _is_name(text):
                return None
            confidence = CONF_FRAGMENT
        start = min(span.open, attribution.start)
        end = max(span.close + 1, attribution.end)
        return Quote(
            article=self.doc.article.id,
            speaker=attribution.speaker,
            text=text,
            date=self.doc.article.published,  # the words are dated by their report
            confidence=confidence,
            evidence=[self._evidence(start, end)],
        )

    def _utterance(self, span: _Span, attribution: _Attribution) -> bool:
        """A short quote said as a whole ("«Нет», — ответил он"; "заявил: «Нет»"), not a
        title or a word picked out of running text."""
        if attribution.kind not in ("after", "before", "next") or self._mid_clause(span):
            return False
        k = span.last + 1
        return k >= len(self.tokens) or not self.tokens[k].is_word

    def _inner_text(self, span: _Span) -> str:
        return self.doc.text[span.open + 1 : span.close].lstrip()

    def _quote_text(self, span: _Span) -> str:
        text = self.doc.text
        if span.cut is not None:
            d, e = span.cut
            head = text[span.open + 1 : self.tokens[d].start].strip()
            tail = text[self.tokens[e].end : span.close].strip()
            inner = f"{head} {tail}"
        else:
            inner = text[span.open + 1 : span.close].strip()
        if inner.endswith((",", ".")) and not inner.endswith(".."):
            inner = inner[:-1].rstrip()
        return inner

    def _evidence(self, start: int, end: int) -> Evidence:
        first = self.doc.sentence_at(start)
        last = self.doc.sentence_at(max(start, end - 1))
        return Evidence(first.start, last.end, self.doc.text[first.start : last.end])


@dataclass
class _Cue:
    """What a pronoun or a post says of the person it stands for."""

    gender: str | None = None
    post: str | None = None  # canonical post from the gazetteer
    noun: str | None = None  # the post's head noun ("министр")
    country: str | None = None
    rank: str | None = None
    subject: bool = False  # a pronoun: stands only for a person named as a subject before

    def fits(self, person: Person, gender: str | None) -> int:
        """-1: ruled out; 1: the post, rank or country agrees; 0: nothing known against.
        ``gender`` is the person's gender where the article makes it certain."""
        if self.gender and gender and gender != self.gender:
            return -1
        if self.country and person.country and person.country != self.country:
            return -1
        same_country = int(bool(self.country) and person.country == self.country)
        if self.rank is not None:
            return same_country if person.rank is None else 1 if person.rank == self.rank else -1
        known = person.position
        if known is None or self.noun in GENERIC_NOUNS and self.post is None:
            return same_country
        if self.post is not None:
            return 1 if known == self.post else -1
        if self.noun is not None:
            return 1 if self.noun in known.split() else -1
        return 0


def _gender(token: Token) -> str | None:
    """The gender a past-tense verb or short adjective shows ("сказала" → "femn")."""
    tag = token.parses[0].tag if token.parses else None
    if tag is None or "sing" not in tag or not ({"VERB", "ADJS", "PRTS"} & tag.grammemes):
        return None
    return tag.gender if tag.gender in ("masc", "femn") else None


def _is_name(text: str) -> bool:
    """A short quoted title: «Тулпар», «Нерушимое братство-2024», «Жас улан»."""
    return text[:1].isupper() and not text.endswith(("!", "?", "…"))


def _continue_speakers(ctx: _Context, found: list[_Found]) -> None:
    """A quote with no attribution of its own that opens a sentence right after a quote of
    a known speaker (in the same paragraph, or closing the paragraph before) continues that
    speaker; a quote left open at a paragraph's end takes the speaker of its continuation."""
    for k in range(len(found) - 2, -1, -1):
        item, following = found[k], found[k + 1]
        if (
            item.attribution is None
            and not item.span.closed
            and following.attribution
            and following.span.paragraph == item.span.paragraph + 1
            and ctx.paragraph_first[following.span.paragraph].first_token == following.span.first
        ):
            item.attribution = following.attribution
    for k in range(1, len(found)):
        item, previous = found[k], found[k - 1]
        source = previous.attribution
        if item.attribution is not None or source is None or not source.speaker:
            continue
        if not _opens_sentence(ctx, item.span) or not _adjacent(ctx, previous, item):
            continue
        confidence = min(source.confidence, CONF_CONTINUED)
        item.attribution = _Attribution(
            source.speaker, source.start, source.end, confidence, "continued"
        )


def _adjacent(ctx: _Context, previous: _Found, item: _Found) -> bool:
    """Nothing but the previous quote's attribution stands between the two quotes."""
    source = previous.attribution
    assert source is not None
    after = max(previous.span.last, ctx.token_at(source.end - 1)) + 1
    if item.span.paragraph != previous.span.paragraph:
        if item.span.paragraph != previous.span.paragraph + 1:
            return False
        first = ctx.paragraph_first[item.span.paragraph]
        if first.first_token != item.span.first:
            return False
        between = range(after, first.first_token)
        return all(not ctx.tokens[k].is_word for k in between)
    return not any(
        k in ctx.person_at or _is_speech(ctx.tokens[k]) for k in range(after, item.span.first)
    )


def _opens_sentence(ctx: _Context, span: _Span) -> bool:
    text = ctx.doc.text
    if not span.marked:
        return True
    i = span.open - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in '\r\n.!?…»"”' or text[i] in DASHES


@svodka.hookimpl
def register_extractors(register) -> None:
    register(QuoteExtractor())
