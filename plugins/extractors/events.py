"""Events: named camps, exercises, council sessions, summits, forums and competitions.

Mentions are found sentence by sentence:

- a quoted name after a noun of the kind ("сбор молодежи «Жас Сарбаз – 2024»", "учения ОДКБ
  «Нерушимое братство-2024»"), after a naming word ("учения пройдут ... под названием «...»") or
  before the kind ("«...» — совместные учения"), or an unquoted one (the Latin "выставка
  KADEX-2022", the capitalised "XVI Форум межрегионального сотрудничества России и
  Казахстана"); a year suffix is dropped from the name and kept as the date;
- an organisation's body or session ("85-го заседания Совета министров обороны государств -
  участников СНГ", "саммит ОДКБ", "в ходе заседания Высшего Евразийского экономического
  совета"), the body put into the nominative and its organisation as the Russian acronym; a
  state's ministry board ("расширенное заседание коллегии Министерства обороны"), a national
  event in the ministry's country;
- a later reference ("Мероприятие соберет ...", "этот форум", "провести его") to the event
  named just before: it adds a status, date or place, or a new edition ("В 2026 году мы
  планируем провести его в городе Таразе").

A mention takes its status, date, place and country from its own clause and a relative
clause after it (", который состоялся летом текущего года в Казахстане"; not one that tells
what happened at it, ", на котором подведены итоги ..."), its participants from the sentence.
A range ("с 31 августа по 6 сентября") is kept as an ISO 8601 interval
("2025-08-31/2025-09-06"); the date of an arrival ("30 октября прибыли для участия в
заседании") is not the event's.
Mentions of one event and year are merged into one record; the same event held and planned
again are two; a summit keeps its name unless it is the session of a council named for the
same date. A held event the text does not date is dated by the publication's month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import svodka
from svodka.components import Extractor
from svodka.extract.rules import blank, derived, table, words
from svodka.mentions.find import Mention
from svodka.model.records import Event
from svodka.normalize.dates import (
    YEAR_PARTS,
    DateMention,
    arrival,
    fact_date,
    in_year,
    starting_between,
)
from svodka.normalize.numbers import ordinal_to_int
from svodka.text.grammar import nominative
from svodka.text.morph import WordInfo, lemma, word_info
from svodka.text.parse import ParsedArticle, Sentence, Token, token_info
from svodka.text.syntax import (
    PLANNING_LEMMAS,
    agree,
    bounds,
    clause_end,
    negated,
    relative_at,
    tense,
)

# --- vocabularies (lemmas; extend freely) ----------------------------------------------

# Nouns of a kind of event that takes a name ("сбор «Жас Сарбаз»", "выставка KADEX-2022").
CATEGORY_NOUNS = words("events.category_nouns")
# Nouns whose quoted names are not events: a name right after one of them is its name
# ("учения с участием подразделения «Альфа»", "школы «Жас улан»").
NAME_OWNERS = words("events.name_owners")
# Words that introduce a name ("под названием «...»", "так называются учения").
NAMING_WORDS = words("events.naming_words")
# Kinds named in the plural whatever number the text uses ("совместного учения" → "учения").
PLURAL_CATEGORIES = words("events.plural_categories")
# Sessions of an organisation's body ("заседание Совета ...", "саммит ШОС").
SESSION_NOUNS = words("events.session_nouns")
# Bodies of organisations ("Совет министров обороны", "Высший ... совет").
BODY_NOUNS = words("events.body_nouns")
# Acronyms of bodies, read as their full names ("СМО СНГ" → "Совет министров обороны СНГ").
BODY_ACRONYMS = table("events.body_acronyms", str)
# A state's boards whose sessions are events ("расширенное заседание коллегии Министерства
# обороны"), and words of the ministry or agency a board belongs to.
NATIONAL_BODIES = words("events.national_bodies")
AGENCY_WORDS = words("events.agency_words")
# Words before a board that make it its session ("на коллегии", "по итогам коллегии"; not
# "в коллегии министерства пять человек", "о работе коллегии").
BOARD_FRAMES = words("events.board_frames")
# Verbs that make a body's name the name of its session ("прошел Совет глав правительств").
HAPPENING_VERBS = words("events.happening_verbs")
# A body named without its organisation is an international one only with these words
# ("Совет глав государств"; not "Совет безопасности", a state's own).
STATES_WORDS = words("events.states_words")
# Adjectives left out of the kind ("X Международного военно-патриотического сбора" →
# "военно-патриотический сбор").
GENERIC_ADJECTIVES = words("events.generic_adjectives")
INTERNATIONAL_WORDS = words("events.international_words")
# Adjectives of a region of several states: an event so named is international
# ("Евразийский экономический форум", "Каспийский форум").
REGIONAL_WORDS = words("events.regional_words")
NATIONAL_WORDS = words("events.national_words")
# Verbs whose tense is the event's status ("состоялся" held, "пройдет" planned).
EVENT_VERBS = words("events.event_verbs")
# Verbs that speak of the event only with this object ("принять участие", "начать работу").
VERB_OBJECTS = table("events.verb_objects", str)
# Words that call an event off ("учения отменены"): no record.
CANCEL_WORDS = words("events.cancelled")
# "Кыргызстан примет саммит ОДКБ": the subject hosts the event.
HOST_VERBS = words("events.host_verbs")
# "состоялось открытие сбора": the event has begun, not ended.
OPENING_WORDS = words("events.opening_words")
# Past tense of these says the event has begun, not that it is over.
START_VERBS = words("events.start_verbs")
# The future of these says how long an event goes on, often one already under way.
DURATION_VERBS = words("events.duration_verbs")
# Travelling to an event says it is ahead when present or future, nothing when past.
MOVEMENT_VERBS = words("events.movement_verbs")
# Verbs that deny taking part ("отказалась участвовать").
REFUSAL_VERBS = words("events.refusal_verbs")
_PARTICIPATION_WORDS = words("events.participation_words")
PARTICIPATION_WORDS = derived(lambda: _PARTICIPATION_WORDS | MOVEMENT_VERBS)
# Words before a body that make it an event ("по итогам Совета", "для участия в Совете").
FRAME_WORDS = words("events.frame_words")
# ... unless they follow one of these ("председательство в Совете").
NOT_EVENT_HEADS = words("events.not_event_heads")
# Words of a series, not of one edition ("Учения проводятся ежегодно").
HABITUAL_WORDS = words("events.habitual_words")
# A look back to the first edition ("Впервые саммит прошел в 2002 году").
FIRST_TIME_WORDS = words("events.first_time_words")
# Adjectives of an earlier edition, whose date the text does not imply ("Предыдущие учения").
EARLIER_WORDS = words("events.earlier_words")
_HELD_CUES = words("events.held_cues")
HELD_CUES = derived(lambda: _HELD_CUES | EARLIER_WORDS)
PLANNED_CUES = words("events.planned_cues")
ONGOING_CUES = words("events.ongoing_cues")
PREPARATION_WORDS = words("events.preparation_words")
# Before an infinitive these say the event is ahead ("договорились провести учения").
_INTENTION_WORDS = words("events.intention_words")
INTENTION_WORDS = derived(lambda: PLANNING_LEMMAS | _INTENTION_WORDS)
DEDICATION_LEMMAS = words("events.dedication_lemmas")
# Nouns after which a person's titles are dropped ("рождения Героя ... пулеметчицы Маншук ...").
TITLE_ANCHORS = words("events.title_anchors")
GENERIC_ANAPHORS = words("events.generic_anaphors")
# Nouns that refer to an event of another kind noun ("учения «...» ... В маневрах ...").
SYNONYM_HEADS = table("events.synonym_heads", str)
DEMONSTRATIVES = words("events.demonstratives")
NEXT_WORDS = words("events.next_words")
PRONOUNS = words("events.pronouns")
# Subject pronouns refer to an event only before these ("Оно завершится 5 июля").
SUBJECT_PRONOUNS = words("events.subject_pronouns")
INTRANSITIVE_EVENT_VERBS = words("events.intransitive_event_verbs")
# Words of "near a town" ("под Гродно", "вблизи Оша", "недалеко от Бреста"): the town is the
# place.
NEAR_WORDS = words("events.near_words")
SETTLEMENT_WORDS = words("events.settlement_words")
PART_NOUNS = words("events.part_nouns")
CONTEST_HOLDERS = words("events.contest_holders")
ORG_ANAPHORS = words("events.org_anaphors")
RESULT_WORDS = words("events.result_words")
CITY_ADJECTIVES = table("events.city_adjectives", lambda ends: tuple(map(blank, ends.split())))
AREA_WORDS = words("events.area_words")
HOST_AREAS = words("events.host_areas")

_OPEN_QUOTES = {"«", "„"}
_CLOSE_QUOTES = {"»"}
_BOTH_QUOTES = {'"', "“", "”", "'"}
_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES | _BOTH_QUOTES
_DASHES = {"-", "–", "—", "‒", "―"}
# "не" and "ни" as a sentence may write them.
_NEGATIONS = words("events.negations")
_BOUNDARIES = {",", ";", ":", "(", ")", "[", "]", "•", "!", "?", "..."} | _DASHES | _QUOTES
_RELATIVES = words("events.relatives")
# Cases a preposition governs, to read the number of the noun after it.
_PREPOSITION_CASES = {
    "в": {"accs", "loct", "loc2"}, "во": {"accs", "loct", "loc2"}, "на": {"accs", "loct", "loc2"},
    "о": {"loct"}, "об": {"loct"}, "к": {"datv"}, "по": {"datv", "loct"}, "перед": {"ablt"},
    "с": {"ablt", "gent"}, "после": {"gent"}, "для": {"gent"},
}  # fmt: skip
_GAP_PREPOSITIONS = words("events.gap_prepositions")
_YEAR_SUFFIX = re.compile(r"^(.*?)[\s\-–—‒]*((?:19|20)\d\d)$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-ZА-ЯЁ]\w*[-–](?:19|20)\d\d)$"
)
_CYRILLIC_ACRONYM = re.compile(r"^[А-ЯЁ]{2,}$")
_MEMBER_DASH = re.compile(r"(\w)\s*[-–—‒]\s*(участни|член)", re.IGNORECASE)
# Endings of town names, for towns the places gazetteer does not know ("в Сарани").
_TOWN_ENDING = re.compile(r"(ск|цк|град|бург|поль|кент|абад|обод|ово|ево|ино|ыно)$")
# Words of "государств — участников", "стран-участниц", "государств-членов": not in keys.
_FILLER_LEMMAS = words("events.filler_lemmas")
_MAX_NAME = 8  # tokens inside the quotes
_MAX_GAP = 8  # tokens between the kind noun and the name
_MAX_NAMING_GAP = 20  # tokens between the kind noun and "под названием"
_ANAPHORA_WINDOW = 3  # sentences back to the event a pronoun points to
_NOUN_ANAPHORA_WINDOW = 6  # sentences back to the event a noun ("в заседании") points to
# Nouns that may refer to an event named before, besides its own head noun (see _antecedent).
_ANAPHOR_NOUNS = derived(
    lambda: GENERIC_ANAPHORS | set(SYNONYM_HEADS) | CATEGORY_NOUNS | SESSION_NOUNS
)
_ALL_PRONOUNS = derived(lambda: PRONOUNS | SUBJECT_PRONOUNS)


_TRIGGER_TEXTS = derived(lambda: _QUOTES | set(BODY_ACRONYMS) | PRONOUNS | SUBJECT_PRONOUNS)
_TRIGGER_LEMMAS = derived(lambda: CATEGORY_NOUNS | SESSION_NOUNS | BODY_NOUNS | GENERIC_ANAPHORS)
# A sentence without any of these has no session or body (see _bodies).
_BODY_WORDS = derived(lambda: SESSION_NOUNS | NATIONAL_BODIES | BODY_NOUNS | set(BODY_ACRONYMS))
# A sentence without any of these has no body noun or acronym (see _body_start).
_BODY_START_WORDS = derived(lambda: BODY_NOUNS | set(BODY_ACRONYMS))


@dataclass(eq=False)
class _Mention:
    """One mention of an event in one sentence, with what its context says."""

    key: str
    name: str
    sentence: int
    start: int  # global token indices of the mention's phrase
    end: int
    category: str | None = None
    head: str | None = None  # lemma of the kind noun, for references ("сбор", "форум")
    edition: int | None = None
    international: bool | None = None
    org: str | None = None
    name_year: str | None = None
    heads_of_state: bool = False
    national: bool = False  # a state's own board: its country, the dateline's city
    earlier: bool = False  # "Предыдущие учения ..."
    summit: bool = False
    anaphoric: bool = False
    next_edition: bool = False  # "Следующий саммит пройдет в Индии"
    negated: bool = False
    status: str | None = None
    strength: int = 0
    date: str | None = None
    rough: bool = False  # a week the publication date gives ("на следующей неделе")
    open_date: DateMention | None = None  # a day without its year an undated article leaves
    place: str | None = None
    place_country: str | None = None
    country: str | None = None
    participants: list[str] = field(default_factory=list)
    dedicated_to: list[str] = field(default_factory=list)

    @property
    def year(self) -> str | None:
        if self.name_year:
            return self.name_year
        return self.date[:4] if self.date else None

    @property
    def polarity(self) -> str | None:
        """The status when the text says held or planned firmly: two such mentions that
        differ are two editions of the event."""
        return self.status if self.strength >= 2 and self.status in ("held", "planned") else None


class EventExtractor(Extractor):
    name = "events"
    record_types = ("event",)

    def extract(self, doc: ParsedArticle) -> Iterator[Event]:
        groups = _merge(_find_mentions(doc))
        international = {g[0].key for g in groups if _international(g) is True}
        for group in groups:
            yield _record(doc, group, group[0].key in international)


# --------------------------------------------------------------------------- finding


def _find_mentions(doc: ParsedArticle) -> list[_Mention]:
    """Every mention of an event in the article, described, in text order; a sentence
    without one may refer back to one."""
    found: list[_Mention] = []
    known: set[str] = set()
    keys = _trigger_keys()
    for sentence in doc.sentences:
        lemmas = doc.sentence_lemmas[sentence.index]
        if keys.isdisjoint(lemmas):
            continue  # not even the lemma of a trigger word (nor tokens at all)
        toks = doc.sentence_tokens(sentence)
        texts = {t.text for t in toks}
        if not _worth_a_look(texts, lemmas):
            continue
        ctx = _Context(doc, sentence, toks, texts | lemmas)
        here = _named(ctx, known) if not _QUOTES.isdisjoint(texts) else []
        for finder in (_bodies, _unquoted):
            taken = {i for m in here for i in range(m.start, m.end)}
            here += [m for m in finder(ctx) if not taken & set(range(m.start, m.end))]
        for m in here:
            _describe(ctx, m)
        if not here and found:
            here = _references(ctx, found)
        for m in here:
            if not m.negated:
                found.append(m)
                known.add(m.key)
    _resolve_bodies(found)
    _resolve_short_names(found)
    return _without_parts(found)


def _without_parts(found: list[_Mention]) -> list[_Mention]:
    """Without the contests of a larger event the article names ("конкурсы «...» Армейских
    игр"), unless the text tells of a contest itself: a verb of its own says its status
    ("продолжается конкурс «...»")."""
    if not any(m.head in CONTEST_HOLDERS for m in found):
        return found
    told = {m.key for m in found if m.strength >= 2}
    return [m for m in found if m.head not in PART_NOUNS or m.key in told]


@lru_cache(maxsize=1)
def _trigger_keys() -> frozenset[str]:
    """The lemmas of the sentences :func:`_worth_a_look` passes have one of these: a trigger
    lemma or the lemma of a trigger text (a token's lemma is that of its lower-case form)."""
    return frozenset(_TRIGGER_LEMMAS | {token_info(text).lemma for text in _TRIGGER_TEXTS})


def _worth_a_look(texts: set[str], lemmas: AbstractSet[str]) -> bool:
    """A cheap test on the sentence's token texts and lemmas: a quotation mark or a word that
    may start or refer to an event."""
    return (
        not _TRIGGER_LEMMAS.isdisjoint(lemmas)
        or not _TRIGGER_TEXTS.isdisjoint(texts)
        or not _TRIGGER_TEXTS.isdisjoint(map(str.lower, texts))
    )


class _once:
    """A property computed on first use and then kept: functools.cached_property without its
    per-call lock (a context lives in one thread), which cost more than many of these
    lookups themselves."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class _Context:
    """A sentence being read: its tokens (``toks``, the first at global index ``base``), the
    lemmas of their best analyses (``lemmas``) and these with the token texts (``words``),
    and what several rules look up in it, worked out once for all its mentions."""

    def __init__(
        self, doc: ParsedArticle, sentence: Sentence, toks: list[Token], words: AbstractSet[str]
    ):
        self.doc = doc
        self.sentence = sentence
        self.toks = toks
        self.base = toks[0].index
        self.lemmas = doc.sentence_lemmas[sentence.index]
        self.words = words

    @_once
    def all_lemmas(self) -> frozenset[str]:
        """The lemmas of every analysis of every token."""
        return frozenset().union(*[t.info.lemmas for t in self.toks])

    @_once
    def quote_pairs(self) -> list[tuple[int, int]]:
        return _quote_pairs(self.toks) if not _QUOTES.isdisjoint(self.words) else []

    @_once
    def speech_marks(self) -> list[int]:
        """Local indices of quotation marks of quoted speech (not of short names)."""
        if _QUOTES.isdisjoint(self.words):
            return []
        short = {k for o, c in self.quote_pairs if c - o <= 7 for k in (o, c)}
        return [i for i, t in enumerate(self.toks) if t.text in _QUOTES and i not in short]

    @_once
    def transparent(self) -> set[int]:
        """Marks of short quotations and brackets: they do not end a clause."""
        return {k for o, c in self.quote_pairs + _brackets(self.toks) if c - o <= 7 for k in (o, c)}

    @_once
    def verbs(self) -> list[int]:
        """Local indices of event verbs."""
        if _VERB_LEMMAS.isdisjoint(self.all_lemmas):
            return []
        return [i for i, t in enumerate(self.toks) if _event_verb(t)]

    @_once
    def negated(self) -> bool:
        """The sentence denies taking part: "не примет участия", "не направит", "отказалась
        участвовать"."""
        if not REFUSAL_VERBS.isdisjoint(self.lemmas):
            return True
        if _NEGATIONS.isdisjoint(self.words):
            return False
        toks = self.toks
        return any(
            any(x.any_has("VERB") or x.any_has("INFN") for x in toks[k + 1 : k + 3])
            for k, t in enumerate(toks)
            if t.text.lower() in ("не", "ни")
        )

    def _by_token(self, kind: str) -> dict[int, Mention]:
        return {
            i - self.base: m
            for m in self.doc.mentions.in_sentence(kind, self.sentence.index)
            for i in range(m.start, m.end)
        }

    @_once
    def org_at(self) -> dict[int, Mention]:
        """Organisation mentions by each of their local token indices."""
        return self._by_token("organization")

    @_once
    def country_at(self) -> dict[int, Mention]:
        """Country mentions by each of their local token indices."""
        return self._by_token("country")

    @_once
    def country_starts(self) -> set[int]:
        """Global indices where country mentions start."""
        return {m.start for m in self.doc.mentions.in_sentence("country", self.sentence.index)}

    @_once
    def named(self) -> set[int]:
        """Global indices of the tokens of countries, organisations, persons and places."""
        return {
            i
            for kind in ("country", "organization", "person", "place")
            for x in self.doc.mentions.in_sentence(kind, self.sentence.index)
            for i in range(x.start, x.end)
        }

    @_once
    def tense(self) -> str | None:
        return tense(self.toks)

    @_once
    def participants(self) -> list[str]:
        return _participants(self)

    @_once
    def dedication_words(self) -> list[int]:
        """Local indices of words of dedication ("посвящен")."""
        if DEDICATION_LEMMAS.isdisjoint(self.all_lemmas):
            return []
        return [i for i, t in enumerate(self.toks) if not DEDICATION_LEMMAS.isdisjoint(t.lemmas)]


def _quote_pairs(toks: list[Token]) -> list[tuple[int, int]]:
    """(open, close) local indices of paired quotation marks."""
    pairs = []
    stack: list[tuple[int, str]] = []
    for i, text in [(i, t.text) for i, t in enumerate(toks) if t.text in _QUOTES]:
        if text in _OPEN_QUOTES:
            stack.append((i, text))
        elif text in _CLOSE_QUOTES:
            while stack and stack[-1][1] not in _OPEN_QUOTES:
                stack.pop()
            if stack:
                pairs.append((stack.pop()[0], i))
        elif text in _BOTH_QUOTES:
            if stack and stack[-1][1] in _BOTH_QUOTES:
                pairs.append((stack.pop()[0], i))
            else:
                stack.append((i, text))
    return sorted(pairs)


def _split_year(name: str) -> tuple[str, str | None]:
    """A name and its year suffix: "Жас Сарбаз – 2024" → ("Жас Сарбаз", "2024")."""
    m = _YEAR_SUFFIX.match(name)
    if m and m.group(1).strip(" -–—"):
        return m.group(1).strip(" -–—"), m.group(2)
    return name, None


@dataclass
class _Kind:
    """The kind noun of a name and what its adjectives say; the category is put together
    when asked for, as most kind nouns found make no mention."""

    index: int  # local index of the noun
    start: int  # local index where its adjectives (and ordinal) start
    head: str
    edition: int | None
    international: bool | None
    noun: Token
    modifiers: list[Token]  # the words from ``start`` to the noun
    adjectives: list[Token]  # those that go into the category
    org: str | None = None

    @cached_property
    def category(self) -> str:
        plural = any(_plural_adjective(t.info) for t in self.modifiers)
        return _category(self.adjectives, self.noun, plural)


def _named(ctx: _Context, known: set[str]) -> list[_Mention]:
    """Quoted names after a noun of the kind; names coordinated with one ("«Поиск-2025» и
    «Эшелон-2025»"); quoted names of events named before; quoted names with a year suffix
    in a sentence about an event happening."""
    doc, sentence, toks, base = ctx.doc, ctx.sentence, ctx.toks, ctx.base
    out: list[_Mention] = []
    previous: tuple[int, _Mention] | None = None  # close quote, mention
    with_org = True if doc.mentions.in_sentence("organization", sentence.index) else None
    for o, c in ctx.quote_pairs:
        if not 1 <= c - o - 1 <= _MAX_NAME or not toks[o + 1].text[:1].isupper():
            continue
        name, year = _split_year(doc.text[toks[o + 1].start : toks[c - 1].end])
        if not any(ch.isalpha() for ch in name):
            continue
        key = _fold(name)
        kind = _kind_before(ctx, o) or _kind_named(ctx, o) or _kind_after(ctx, c)
        if kind is not None:
            m = _kind_mention(sentence, base, kind, key, name, year, c + 1, o)
            if m.international is None:
                m.international = True if kind.head == "саммит" else with_org
        elif previous is not None and _coordinated(toks, previous[0], o):
            first = previous[1]
            m = _Mention(
                key,
                name,
                sentence.index,
                first.start,
                base + c + 1,
                category=first.category,
                head=first.head,
                international=first.international,
                org=first.org,
                name_year=year,
            )
        elif key in known or (year and not _noun_before(toks, o) and ctx.verbs):
            m = _Mention(key, name, sentence.index, base + o, base + c + 1, name_year=year)
        else:
            continue
        out.append(m)
        previous = (c, m)
    return out


def _kind_mention(
    sentence: Sentence,
    base: int,
    kind: _Kind,
    key: str,
    name: str,
    year: str | None,
    end: int,
    opening: int | None = None,
) -> _Mention:
    """A mention from the kind noun to ``end``; from the name's ``opening`` quote to the kind
    noun when the kind comes after the name ("«...» — совместные учения")."""
    start = kind.start
    if opening is not None and kind.index >= end:
        start, end = opening, kind.index + 1
    return _Mention(
        key,
        name,
        sentence.index,
        base + start,
        base + end,
        category=kind.category,
        head=kind.head,
        edition=kind.edition,
        international=True if kind.org else kind.international,
        org=kind.org,
        name_year=year,
    )


def _coordinated(toks: list[Token], close: int, open_: int) -> bool:
    return [t.text for t in toks[close + 1 : open_]] in ([","], ["и"], [",", "и"], ["или"])


def _noun_before(toks: list[Token], i: int) -> bool:
    return i > 0 and toks[i - 1].is_word and toks[i - 1].has("NOUN")


def _is_kind(t: Token) -> bool:
    return t.is_word and _kind_lemma(t.info) is not None


@lru_cache(maxsize=50_000)
def _kind_lemma(info: WordInfo) -> str | None:
    """The kind of event a noun form may be, whichever of its analyses says so ("лагере" is
    "лагерь", though its first analysis is another word's)."""
    for p, grammemes in zip(info.parses, info.grammemes, strict=True):
        lem = p.normal_form.replace("ё", "е")
        if "NOUN" in grammemes and lem in CATEGORY_NOUNS:
            return lem
    return None


def _kind_before(ctx: _Context, o: int) -> _Kind | None:
    """The kind noun before a name at ``o`` ("учения ОДКБ «...»", "совместного учения с
    Коллективными силами ... ОДКБ «...»"): only genitive words, organisations and phrases
    with "с"/"по" stand between."""
    toks, orgs, countries = ctx.toks, ctx.org_at, ctx.country_at
    org = None
    if o > 0 and toks[o - 1].lemma in NAME_OWNERS:
        return None
    if o > 1 and toks[o - 1].text == "," and _is_kind(toks[o - 2]):
        return _kind_at(ctx, o - 2)  # an apposition: "Первое такое учение, «...»,"
    j = o - 1
    while j >= 0 and o - j <= _MAX_GAP:
        t = toks[j]
        if _is_kind(t):
            kind = _kind_at(ctx, j)
            kind.org = org
            return kind
        if j in orgs:
            org = orgs[j].value
        elif j not in countries and not _gap_word(t):
            return None
        j -= 1
    return None


def _kind_named(ctx: _Context, o: int) -> _Kind | None:
    """The kind noun of "учения пройдут в Бресте под названием «...»", "учения, получившие
    кодовое название «...»": the nearest one before a naming word, no other name between;
    or the one after it before a dash ("Название учений – «...»")."""
    toks = ctx.toks
    j = o - 1
    if j >= 2 and toks[j].text in _DASHES | {":"} and toks[j - 2].lemma in NAMING_WORDS:
        # "Название учений – «...»", "Наименование сбора: «...»"
        return _kind_at(ctx, j - 1) if _is_kind(toks[j - 1]) else None
    while j >= 0 and toks[j].is_word and toks[j].any_has("ADJF") and o - j <= 2:
        j -= 1  # "кодовое"
    if j < 0 or toks[j].lemma not in NAMING_WORDS:
        return None
    for k in range(j - 1, max(-1, j - _MAX_NAMING_GAP), -1):
        if toks[k].text in _QUOTES or toks[k].text in (";", ":"):
            return None
        if _is_kind(toks[k]):
            return _kind_at(ctx, k)
    return None


def _kind_after(ctx: _Context, c: int) -> _Kind | None:
    """The kind noun after a name and a dash: "«Орлиный штурм» — совместные учения ...",
    "«...» — так называются учения"."""
    toks = ctx.toks
    if c + 1 >= len(toks) or toks[c + 1].text not in _DASHES:
        return None
    for k in range(c + 2, min(len(toks), c + 6)):
        t = toks[k]
        if _is_kind(t):
            return _kind_at(ctx, k)
        if not (t.lemma in NAMING_WORDS or t.text.lower() in ("это", "так") or t.any_has("ADJF")):
            return None
    return None


def _gap_word(t: Token) -> bool:
    if not t.is_word or t.any_has("VERB") or t.any_has("INFN"):
        return False
    if t.has("PREP"):
        return t.lemma in _GAP_PREPOSITIONS
    if t.has("NOUN"):
        return t.any_has("gent") or t.any_has("ablt") or t.any_has("datv")
    return True


def _kind_at(ctx: _Context, k: int) -> _Kind:
    """The kind noun at ``k`` with its adjectives: category, edition, and whether they say
    international (True) or national (False)."""
    toks = ctx.toks
    adjectives: list[Token] = []
    edition = None
    international = None
    countries = ctx.country_starts
    j = k - 1
    while j >= 0:
        t = toks[j]
        number = _ordinal(toks, j)
        if number is not None:
            edition = edition or number[0]
            j = number[1] - 1
            continue
        grammemes = t.info.any_grammemes  # none for punctuation and numbers
        if not ("ADJF" in grammemes or "PRTF" in grammemes) or "PREP" in grammemes:
            break
        if "NOUN" in t.info.first and not t.text[:1].isupper() and not agree(t, toks[k]):
            break  # a noun, not an adjective that may be one ("военные учения")
        lem = _adjective_lemma(t.info)
        if lem in INTERNATIONAL_WORDS or lem in REGIONAL_WORDS:
            international = True
        elif lem in NATIONAL_WORDS and international is None:
            international = False
        elif (
            lem not in GENERIC_ADJECTIVES
            and t.index not in countries
            and not (
                j > 0 and t.text[:1].isupper()  # a proper name's: "Ташкентский", "Армейские"
            )
        ):
            adjectives.insert(0, t)
        j -= 1
    noun = toks[k]
    head = _noun_lemma(noun.info)
    return _Kind(k, j + 1, head, edition, international, noun, toks[j + 1 : k], adjectives)


# What a word form's analyses say is worked out once per form (WordInfo is shared by
# the tokens of one form and hashed by identity).


@lru_cache(maxsize=50_000)
def _plural_adjective(info: WordInfo) -> bool:
    adjectives = [gs for gs in info.grammemes if "ADJF" in gs]
    return bool(adjectives) and all("plur" in gs for gs in adjectives)


@lru_cache(maxsize=50_000)
def _adjective_lemma(info: WordInfo) -> str:
    for p, grammemes in zip(info.parses, info.grammemes, strict=True):
        if "ADJF" in grammemes or "PRTF" in grammemes:
            return p.normal_form.replace("ё", "е")
    return info.lemma


@lru_cache(maxsize=50_000)
def _noun_lemma(info: WordInfo) -> str:
    if (kind := _kind_lemma(info)) is not None:
        return kind
    for p, grammemes in zip(info.parses, info.grammemes, strict=True):
        if "NOUN" in grammemes:
            return p.normal_form.replace("ё", "е")
    return info.lemma


def _ordinal(toks: list[Token], j: int) -> tuple[int, int] | None:
    """(edition, start index) of an ordinal ending at ``j``: "X", "85-го", "десятого",
    "двадцать пятого"; plain numbers are not ordinals here."""
    t = toks[j]
    text = t.text
    if text.isdigit():
        return None
    if j > 0 and "NUMR" in toks[j - 1].info.any_grammemes:
        value = ordinal_to_int(f"{toks[j - 1].text} {text}")
        if value is not None:
            return value, j - 1
    value = _ordinal_word(text, t.info)
    return (value, j) if value else None


@lru_cache(maxsize=50_000)
def _ordinal_word(text: str, info: WordInfo) -> int | None:
    """The number of a one-word ordinal ("X", "85-го", "десятого"), cached per form."""
    roman = text.isupper() and text.isalpha()
    if not (
        roman or text[:1].isdigit() or any(gs.issuperset(("ADJF", "Anum")) for gs in info.grammemes)
    ):
        return None
    return ordinal_to_int(text)


def _category(adjectives: list[Token], noun: Token, plural: bool = False) -> str:
    """The kind as a lower-case nominative phrase ("специальные учения")."""
    return _category_of(tuple(t.text.lower() for t in adjectives), noun.text.lower(), plural)


@lru_cache(maxsize=20_000)
def _category_of(adjectives: tuple[str, ...], noun: str, plural: bool) -> str:
    """:func:`_category` of lower-case word forms, cached: inflecting is slow, kinds repeat."""
    parses = word_info(noun).parses
    nouns = [p for p in parses if "NOUN" in p.tag] or parses[:1]
    parse = next((p for p in nouns if p.normal_form.replace("ё", "е") in CATEGORY_NOUNS), nouns[0])
    lem = parse.normal_form.replace("ё", "е")
    plural = plural or lem in PLURAL_CATEGORIES or parse.tag.number == "plur" or "Pltm" in parse.tag
    head = parse.inflect({"nomn", "plur" if plural else "sing"}) or parse.inflect({"nomn"})
    grams = {"nomn", "plur"} if plural else {"nomn", "sing", parse.tag.gender or "masc"}
    words = []
    for word in adjectives:
        options = word_info(word).parses
        adj = next((p for p in options if "ADJF" in p.tag or "PRTF" in p.tag), options[0])
        form = adj.inflect(grams)
        words.append(form.word if form else word)
    words.append(head.word if head else noun)
    return " ".join(words)


def _unquoted(ctx: _Context) -> list[_Mention]:
    """Names without quotes: a Latin or year-suffixed word after the kind ("выставка
    вооружений ... KADEX-2022"), or a capitalised kind with its dependents ("XVI Форум
    межрегионального сотрудничества России и Казахстана", "X Московская конференция по
    международной безопасности")."""
    if CATEGORY_NOUNS.isdisjoint(ctx.words):
        return []
    sentence, toks, base = ctx.sentence, ctx.toks, ctx.base
    out: list[_Mention] = []
    orgs = ctx.org_at
    kinds = [k for k, t in enumerate(toks) if t.is_word and _kind_lemma(t.info) is not None]
    for k in kinds:  # the kind nouns (see _is_kind), not one before a quotation mark
        if k + 1 < len(toks) and toks[k + 1].text in _QUOTES:
            continue
        kind = _kind_at(ctx, k)
        j = k + 1
        while j < len(toks) and j - k <= _MAX_GAP and not _NAME_TOKEN.match(toks[j].text):
            if not (j in orgs or _dependent(toks[j]) or toks[j].text == "и"):
                break
            j += 1
        if j < len(toks) and _NAME_TOKEN.match(toks[j].text):
            name, year = _split_year(toks[j].text)
            out.append(_kind_mention(sentence, base, kind, _fold(name), name, year, j + 1))
        else:
            m = _proper_kind(ctx, kind, j)
            if m is not None:
                out.append(m)
    return out


def _dependent(t: Token) -> bool:
    """A genitive word that may depend on the kind; not one that may be the verb after it
    ("Армейские игры прибыли ...": "прибыли" is no "прибыль" here)."""
    return _genitive_word(t.info) and not t.any_has("VERB")


def _proper_kind(ctx: _Context, kind: _Kind, end: int) -> _Mention | None:
    """A capitalised kind (or one after a capitalised adjective) not at the sentence start,
    with its genitive dependents up to ``end`` and a "по ..." phrase after them."""
    doc, sentence, toks = ctx.doc, ctx.sentence, ctx.toks
    k = kind.index
    if toks[end - 1].text == "и":
        end -= 1
    proper = [
        x
        for x in range(kind.start, k + 1)
        if toks[x].text[:1].isupper()
        and _ordinal(toks, x) is None
        and not _pronoun_like(toks[x])
        and any(t.is_word for t in toks[:x])  # a capital after "«" or "—" opens a sentence
    ]
    if not proper or (proper == [k] and end == k + 1):
        return None  # not a proper name, or a bare "Форум"
    if end < len(toks) and toks[end].text == "по":
        end += 1
        while end < len(toks) and toks[end].is_word and toks[end].any_has("datv"):
            end += 1
    name = _proper_name(doc, toks, proper[0], k, end)
    m = _kind_mention(sentence, toks[0].index, kind, _fold(name), name, None, end)
    base = toks[0].index
    countries = {c.start - base for c in doc.mentions.in_sentence("country", sentence.index)}
    orgs = ctx.org_at
    if sum(i in countries for i in range(k, end)) >= 2 or any(i in orgs for i in range(k, end)):
        m.international = True  # "... России и Казахстана"
    return m


def _pronoun_like(t: Token) -> bool:
    """A demonstrative or generic word ("Это", "Данный", "Каждый"): never a name's."""
    return t.any_has("Apro") or t.any_has("NPRO") or _adjective_lemma(t.info) in GENERIC_ADJECTIVES


def _resolve_short_names(mentions: list[_Mention]) -> None:
    """A name that begins another name of the same kind is that event ("Форум
    межрегионального сотрудничества" → "... России и Казахстана")."""
    names = {m.key: m for m in mentions if "|" not in m.key and not m.anaphoric}
    for m in mentions:
        if "|" in m.key:
            continue
        longer = [
            n
            for k, n in names.items()
            if k != m.key and k.startswith(m.key + " ") and n.head == m.head
        ]
        if longer:
            target = max(longer, key=lambda n: len(n.key))
            m.key, m.name = target.key, target.name


def _proper_name(doc: ParsedArticle, toks: list[Token], start: int, k: int, end: int) -> str:
    """A name in the nominative, plural when its adjectives are ("Армейских игр" →
    "Армейские игры", where the noun alone reads as singular)."""
    if not any(_plural_adjective(t.info) for t in toks[start:k]):
        return nominative(toks[start:end], doc.text)
    words = []
    for t in toks[start : k + 1]:
        pos = "NOUN" if t is toks[k] else "ADJF"
        parse = next((p for p in t.parses if pos in p.tag), None)
        form = parse.inflect({"nomn", "plur"}) if parse else None
        word = form.word if form else t.text
        words.append(word[:1].upper() + word[1:] if t.text[:1].isupper() else word)
    return " ".join(words) + doc.text[toks[k].end : toks[end - 1].end]


# --------------------------------------------------------------------------- bodies


@dataclass
class _Body:
    """A body phrase: local end, nominative name, organisation, identifying lemmas."""

    end: int
    name: str
    org: str | None
    key: str
    bodies: int = 1  # coordinated bodies ("Совета министров ... и Комитета ...")


def _bodies(ctx: _Context) -> list[_Mention]:
    """Sessions and bodies of organisations: "заседание Совета ...", "саммит ОДКБ",
    "по итогам Совета глав государств"."""
    if _BODY_WORDS.isdisjoint(ctx.words):
        return []
    doc, sentence, toks = ctx.doc, ctx.sentence, ctx.toks
    out: list[_Mention] = []
    orgs = {
        m.start - toks[0].index: m for m in doc.mentions.in_sentence("organization", sentence.index)
    }
    countries = {
        m.start - toks[0].index for m in doc.mentions.in_sentence("country", sentence.index)
    }
    base = toks[0].index
    with_body = not _BODY_START_WORDS.isdisjoint(ctx.words)
    i = 0
    while i < len(toks):
        m = None
        t = toks[i]
        if t.lemma in SESSION_NOUNS and t.any_has("NOUN") and not _quote_after(toks, i):
            m = _session(ctx, i, orgs, countries)
        elif t.lemma in NATIONAL_BODIES and t.any_has("NOUN"):
            kind = _kind_at(ctx, i)  # "на расширенной коллегии Минобороны"
            if kind.start > 0 and toks[kind.start - 1].lemma in BOARD_FRAMES:
                m = _national_session(ctx, i, kind, orgs)
        elif with_body and _body_start(toks, i):
            body = _body_at(doc, toks, i, orgs, countries)
            if body is not None and (_event_frame(toks, i) or _happens(toks, i, body.end)):
                m = _body_mention(sentence, base + i, base + body.end, body, None, None)
        if m is not None:
            out.append(m)
            i = m.end - base
        else:
            i += 1
    return out


def _quote_after(toks: list[Token], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].text in _QUOTES


def _session(
    ctx: _Context, i: int, orgs: dict[int, Mention], countries: set[int]
) -> _Mention | None:
    """A session noun at ``i`` with its body or organisation: "85-го заседания Совета
    министров обороны ...", "саммит ОДКБ", "заседание министров обороны стран СНГ"."""
    doc, sentence, toks, base = ctx.doc, ctx.sentence, ctx.toks, ctx.base
    kind = _kind_at(ctx, i)
    plural = _plural_noun(toks, i)  # "на заседания органов ЕАЭС": sessions in general
    if i + 1 < len(toks) and toks[i + 1].lemma in NATIONAL_BODIES and not plural:
        return _national_session(ctx, i + 1, kind, orgs)
    if _body_start(toks, i + 1) and i + 1 not in orgs:
        body = _body_at(doc, toks, i + 1, orgs, countries)
        if body is None or plural and body.bodies == 1:
            return None
        return _body_mention(
            sentence, base + kind.start, base + body.end, body, kind.category, kind.edition
        )
    j = i + 1
    while j < len(toks) and j - i <= 6 and j not in orgs:
        if j in countries or not (_genitive_word(toks[j].info) or toks[j].text in _DASHES):
            break
        j += 1
    noun = toks[i]
    if plural:
        return None
    if j in orgs:
        org = orgs[j]
        end = org.end - base
    elif noun.lemma == "саммит" and len({m.value for m in orgs.values()}) == 1:
        org = next(iter(orgs.values()))  # "Президенты стран СНГ соберутся на саммит"
        end = i + 1
    elif noun.lemma == "саммит" and (before := _org_named_before(ctx, i)) is not None:
        org, end = before, i + 2  # "по итогам саммита организации"
    else:
        return None
    if noun.lemma == "саммит":
        body = _Body(end, f"саммит {_acronym(doc, toks, org)}", org.value, "саммит")
    elif _body_noun(toks[j]):  # an organisation that is a body: "Совет Безопасности ООН"
        body = _Body(end, nominative(toks[j:end], doc.text), org.value, _lemma_key(toks[j:end]))
    else:
        name = _category([], noun) + doc.text[noun.end : toks[j - 1].end]
        name = f"{name} {_acronym(doc, toks, org)}"
        body = _Body(end, _MEMBER_DASH.sub(r"\1 — \2", name), org.value, _lemma_key(toks[i:j]))
    m = _body_mention(sentence, base + kind.start, base + end, body, kind.category, kind.edition)
    m.summit = noun.lemma == "саммит"
    m.next_edition = any(t.lemma in NEXT_WORDS for t in toks[kind.start : i])
    m.international = kind.international is not False
    return m


def _org_named_before(ctx: _Context, i: int) -> Mention | None:
    """The organisation a generic noun after the summit at ``i`` names again ("саммита
    организации"): the last one named in this or the two sentences before."""
    toks = ctx.toks
    if i + 1 >= len(toks) or toks[i + 1].lemma not in ORG_ANAPHORS:
        return None
    if not toks[i + 1].any_has("gent") or i + 2 < len(toks) and toks[i + 2].text[:1].isupper():
        return None  # "саммит Организации Договора ...": a name, not a reference
    for s in range(ctx.sentence.index, max(-1, ctx.sentence.index - 3), -1):
        before = [
            m for m in ctx.doc.mentions.in_sentence("organization", s) if m.start < toks[i].index
        ]
        if before:
            return before[-1]
    return None


def _national_session(
    ctx: _Context, board: int, kind: _Kind, orgs: dict[int, Mention]
) -> _Mention | None:
    """A session of a ministry's board at ``board`` ("коллегия"), ``kind`` its session noun
    or the board itself: "расширенное заседание коллегии Министерства обороны (Республики
    Казахстан)", "на расширенной коллегии Минобороны России"; the ministry's country is the one
    named with it, else the clause's only country. Boards of several ministries ("коллегии
    министерств обороны России и Беларуси") meet jointly. A bare "заседание коллегии" only
    refers to one named before."""
    doc, sentence, toks = ctx.doc, ctx.sentence, ctx.toks
    countries = ctx.country_at
    j = board + 1
    while j < len(toks) and j - board <= 7 and j not in orgs and j not in countries:
        if not (_genitive_word(toks[j].info) or toks[j].text.isupper() and toks[j].is_word):
            break
        if _subject_of_next(toks, j):
            break  # "на коллегии министерств стороны подписали": "стороны" is the subject
        j += 1
    if j in orgs:
        return None  # "заседание Коллегии ЕЭК": an organisation's body
    agencies = [t for t in toks[board + 1 : j] if t.lemma in AGENCY_WORDS]
    joint = any(_plural_only(t) for t in [toks[board], *agencies])
    end = j
    while j < len(toks) and j in countries:
        j = countries[j].end - toks[0].index  # "Минобороны России": the country, not the name
    start = kind.start
    while start < kind.index and (
        _adjective_lemma(toks[start].info) in GENERIC_ADJECTIVES or _ordinal(toks, start)
    ):
        start += 1
    body = _Body(j, nominative(toks[start:end], doc.text), None, toks[board].lemma)
    category = kind.category if kind.index != board else "заседание"
    base = toks[0].index
    m = _body_mention(sentence, base + kind.start, base + j, body, category, kind.edition)
    m.anaphoric = not agencies
    m.national = True
    m.international = bool(kind.international or joint)
    named = [countries[k].value for k in range(end, j)]
    a, b = _clause(ctx, kind.start, j)
    around = {countries[k].value for k in range(a, b) if k in countries}
    m.country = named[0] if named else next(iter(around)) if len(around) == 1 else None
    return m


def _subject_of_next(toks: list[Token], j: int) -> bool:
    """A word that can be nominative right before a finite verb."""
    return (
        j + 1 < len(toks)
        and toks[j].any_has("nomn")
        and toks[j + 1].is_word
        and toks[j + 1].parses[0].tag.POS == "VERB"
    )


def _plural_only(t: Token) -> bool:
    """A noun with plural readings only ("министерств", "коллегий")."""
    nouns = [p for p in t.parses if "NOUN" in p.tag]
    return bool(nouns) and all(p.tag.number == "plur" for p in nouns)


def _plural_noun(toks: list[Token], i: int) -> bool:
    """The noun at ``i`` is plural in every reading its preposition allows ("на заседания",
    "в заседаниях"; not "на заседании", nor the ambiguous "заседания Совета")."""
    cases = _PREPOSITION_CASES.get(toks[i - 1].text.lower()) if i > 0 else None
    readings = [
        p for p in toks[i].parses if "NOUN" in p.tag and (cases is None or p.tag.case in cases)
    ]
    if readings and all(p.tag.number == "plur" for p in readings):
        return True
    return not any(t.is_word for t in toks[:i]) and _plural_verb_after(toks, i)


def _plural_verb_after(toks: list[Token], i: int) -> bool:
    """The first finite verb after a sentence's first noun is plural: that noun is a plural
    subject ("Заседания органов СНГ ... проходят в очном формате")."""
    for t in toks[i + 1 : i + 16]:
        verb = next((p for p in t.parses if "VERB" in p.tag), None) if t.is_word else None
        if verb is not None and t.parses[0].tag.POS == "VERB":
            return verb.tag.number == "plur"
    return False


def _acronym(doc: ParsedArticle, toks: list[Token], org: Mention) -> str:
    """The organisation as its Russian acronym ("ОДКБ"), else as written."""
    base = toks[0].index
    written = doc.text[toks[org.start - base].start : toks[org.end - 1 - base].end]
    if written.isupper():
        return written
    names = [e.name for e in doc.lexicon["organization"].entries_for(org.value)]
    acronyms = [n for n in names if _CYRILLIC_ACRONYM.match(n)]
    return min(acronyms, key=len) if acronyms else written


def _body_noun(t: Token) -> bool:
    return t.is_word and t.lemma in BODY_NOUNS and t.any_has("NOUN")


def _body_start(toks: list[Token], i: int) -> bool:
    """A capitalised body noun ("Совета"), a capitalised adjective before one ("Высшего
    Евразийского экономического совета"), or a body's acronym ("СМО")."""
    if i >= len(toks) or not toks[i].text[:1].isupper():
        return False
    t = toks[i]
    if t.text in BODY_ACRONYMS or _body_noun(t):
        return True
    if not (t.is_word and t.any_has("ADJF")):
        return False
    j = i + 1
    while j < len(toks) and toks[j].is_word and toks[j].any_has("ADJF") and not _body_noun(toks[j]):
        j += 1
    return j < len(toks) and _body_noun(toks[j])


def _event_frame(toks: list[Token], i: int) -> bool:
    """A bare body is an event after "в", "на", "по итогам", "в ходе", "для участия в"."""
    if i == 0 or toks[i - 1].lemma not in FRAME_WORDS:
        return False
    return not (i > 1 and toks[i - 2].lemma in NOT_EVENT_HEADS)


def _happens(toks: list[Token], i: int, end: int) -> bool:
    """A body in the nominative next to a verb of happening: "прошел Совет глав правительств
    СНГ", "Совет ... пройдет в Москве", "Совет ..., заседание которого прошло" (not
    "Председатель Совета ... открыл")."""
    if not toks[i].any_has("nomn"):
        return False
    return (
        (i > 0 and toks[i - 1].lemma in HAPPENING_VERBS)
        or (end < len(toks) and toks[end].lemma in HAPPENING_VERBS)
        or _session_clause(toks, end)
    )


def _session_clause(toks: list[Token], end: int) -> bool:
    """A relative clause of the body's session after it: "Совет ..., заседание которого
    прошло в Минске"."""
    return (
        end + 2 < len(toks)
        and toks[end].text == ","
        and toks[end + 1].lemma in SESSION_NOUNS
        and toks[end + 2].lemma == "который"
    )


def _body_at(
    doc: ParsedArticle,
    toks: list[Token],
    i: int,
    orgs: dict[int, Mention],
    countries: set[int],
) -> _Body | None:
    """The body phrase at ``i`` up to its organisation; coordinated bodies share it
    ("Совета министров иностранных дел, Совета министров обороны и Комитета ... ОДКБ")."""
    pieces: list[str] = []
    keys: list[str] = []
    org = None
    states = False
    j = i
    while True:
        start = j
        one = _one_body(toks, j, orgs)
        if one is None:
            break
        j, expansion, key, capital_tail = one
        if any(k in countries for k in range(start, j)):
            return None
        keys.append(key)
        states = states or any(toks[k].lemma in STATES_WORDS for k in range(start, j))
        if j in orgs:
            org = orgs[j]
            pieces.append(_with_acronym(doc, toks, start, j, expansion, org))
            j = org.end - toks[0].index
            break
        if capital_tail:
            return None  # "Совета Федерации", "Совета министров Республики ...": a state's
        pieces.append(expansion or nominative(toks[start:j], doc.text))
        if not (j + 1 < len(toks) and toks[j].text in (",", "и") and _body_start(toks, j + 1)):
            break
        pieces.append(doc.text[toks[j - 1].end : toks[j + 1].start])
        j += 1
    if not keys or org is None and not (states or _named_body(toks, i)):
        return None  # "Совет безопасности": a state's own body
    name = _MEMBER_DASH.sub(r"\1 — \2", "".join(pieces))
    return _Body(j, name, org.value if org else None, keys[0], len(keys))


def _with_acronym(
    doc: ParsedArticle, toks: list[Token], start: int, j: int, expansion: str | None, org: Mention
) -> str:
    """A body named up to its organisation (local ``j``), in the nominative, the
    organisation as its acronym ("Совет министров иностранных дел Организации Договора о
    коллективной безопасности" → "... ОДКБ")."""
    if expansion:  # "СМО" → "Совет министров обороны"
        head = expansion + doc.text[toks[start].end : toks[j - 1].end]
    else:
        head = nominative(toks[start:j], doc.text)
    return f"{head} {_acronym(doc, toks, org)}"


def _named_body(toks: list[Token], i: int) -> bool:
    """A body with a proper name of its own ("Высший Евразийский экономический совет")."""
    return toks[i].text in BODY_ACRONYMS or not _body_noun(toks[i]) and toks[i].text[:1].isupper()


def _one_body(
    toks: list[Token], i: int, orgs: dict[int, Mention]
) -> tuple[int, str | None, str, bool] | None:
    """(end, full name of an acronym, key lemmas, capitalised dependents) of one body:
    adjectives, the body noun and its genitive dependents ("министров обороны государств -
    участников"), up to the organisation."""
    n = len(toks)
    if toks[i].text in BODY_ACRONYMS:
        full = BODY_ACRONYMS[toks[i].text]
        return i + 1, full, " ".join(lemma(w) for w in full.split()), False
    j = i
    while j < n and toks[j].any_has("ADJF") and not _body_noun(toks[j]):
        j += 1
    if j >= n or not _body_noun(toks[j]) or not toks[i].text[:1].isupper():
        return None
    j += 1
    capital_tail = False
    while j < n and j - i < 14 and j not in orgs:
        t = toks[j]
        if t.text in _DASHES and j + 1 < n and toks[j + 1].lemma in _FILLER_LEMMAS:
            j += 1
        elif _genitive_word(t.info):
            capital_tail = capital_tail or t.text[:1].isupper()
            j += 1
        else:
            break
    return j, None, _lemma_key(toks[i:j]), capital_tail


@lru_cache(maxsize=50_000)
def _genitive_word(info: WordInfo) -> bool:
    """A noun or adjective that can be genitive ("министров", "иностранных", "дел")."""
    return (
        bool(info.parses)
        and info.parses[0].tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR")
        and "gent" in info.any_grammemes
    )


def _lemma_key(toks: list[Token]) -> str:
    """The lemmas that identify a body, without "государств — участников" and the like."""
    return " ".join(
        t.lemma
        for t in toks
        if t.is_word and not all(part in _FILLER_LEMMAS for part in t.lemma.split("-"))
    )


def _body_mention(
    sentence: Sentence,
    start: int,
    end: int,
    body: _Body,
    category: str | None,
    edition: int | None,
) -> _Mention:
    return _Mention(
        key=f"{body.key}|{body.org or ''}",
        name=body.name,
        sentence=sentence.index,
        start=start,
        end=end,
        category=category or "заседание",
        head=(category or "заседание").split()[-1],
        edition=edition,
        international=True,
        org=body.org,
        heads_of_state=body.key.startswith("совет глава"),
    )


def _resolve_bodies(mentions: list[_Mention]) -> None:
    """A body named without its organisation takes the one named in full elsewhere ("Совет
    глав государств" → "... — членов ШОС"); a summit of an organisation whose council of
    heads of state meets in the article is that session, unless it is the next one or one
    of another year ("Следующий саммит ШОС пройдет в 2026 году")."""
    full: dict[str, _Mention] = {}
    for m in mentions:
        if m.org and "|" in m.key:
            full.setdefault(m.key.split("|")[0], m)
    councils = {m.org: m for m in mentions if m.heads_of_state and m.org}
    for m in mentions:
        if "|" not in m.key:
            continue
        head, org = m.key.split("|")
        if not org:
            target = next((f for h, f in full.items() if h.startswith(head)), None)
            if target is not None:
                m.key, m.org, m.name = target.key, target.org, target.name
        elif m.summit and m.org in councils and _same_session(m, councils[m.org]):
            council = councils[m.org]
            m.key, m.name, m.category = council.key, council.name, council.category


def _same_session(summit: _Mention, council: _Mention) -> bool:
    """A summit may be the council's session: not the next one, no other year, no clash of
    held and planned."""
    if summit.next_edition:
        return False
    if summit.year and council.year and summit.year != council.year:
        return False
    return not (summit.polarity and council.polarity and summit.polarity != council.polarity)


# --------------------------------------------------------------------------- references


def _references(ctx: _Context, found: list[_Mention]) -> list[_Mention]:
    """A sentence that speaks of events named just before ("Мероприятие соберет ...",
    "провести его в городе Таразе", "Следующий, XVII Форум пройдет ...", "В них примут
    участие ...": a plural reference takes all events of the sentence it points back to)."""
    sentence, toks = ctx.sentence, ctx.toks
    k = len(found)  # found is in text order: the recent mentions are its tail
    while k and sentence.index - found[k - 1].sentence <= _NOUN_ANAPHORA_WINDOW:
        k -= 1
    recent = found[k:]
    if not recent or not _may_refer(ctx, recent) or ctx.negated:
        return []
    verbs = ctx.verbs
    if not verbs and PARTICIPATION_WORDS.isdisjoint(ctx.lemmas):
        return []
    for i, t in enumerate(toks):
        antecedent = _antecedent(toks, i, verbs, recent, sentence.index)
        if antecedent is None:
            continue
        targets = [antecedent]
        if t.any_has("plur") and not t.any_has("sing") or t.text.lower() in ("их", "них", "они"):
            keys = {antecedent.key}
            for m in recent:
                if m.sentence == antecedent.sentence and m.key not in keys:
                    keys.add(m.key)
                    targets.append(m)
        return [_reference(ctx, i, m, bool(verbs)) for m in targets]
    return []


def _may_refer(ctx: _Context, recent: list[_Mention]) -> bool:
    """A cheap test for :func:`_antecedent`: the sentence has a pronoun or a noun that may
    refer to one of the ``recent`` events."""
    heads = _ANAPHOR_NOUNS | {m.head for m in recent}
    return not heads.isdisjoint(ctx.all_lemmas) or not _ALL_PRONOUNS.isdisjoint(
        map(str.lower, ctx.words)
    )


def _antecedent(
    toks: list[Token], i: int, verbs: list[int], recent: list[_Mention], here: int
) -> _Mention | None:
    """The event that the word at ``i`` refers to, if it is a reference: a pronoun to one of
    the last few sentences, a noun of its kind to one a little further back."""
    t = toks[i]
    text = t.text.lower()
    near = here - recent[-1].sentence <= _ANAPHORA_WINDOW
    if near and text in PRONOUNS and _pronoun_of_event(toks, i, verbs):
        return recent[-1]
    if near and text in SUBJECT_PRONOUNS and _intransitive_after(toks, i):
        return recent[-1]  # "Оно завершится 5 июля", "Они проходят на полигоне", "Оно посвящено"
    if not (t.is_word and t.any_has("NOUN")):
        return None
    pointed = i > 0 and toks[i - 1].lemma in DEMONSTRATIVES
    lem = _noun_lemma(t.info)
    lem = SYNONYM_HEADS.get(lem, lem)
    for m in reversed(recent):
        if (
            lem in GENERIC_ANAPHORS
            or lem == m.head
            or (lem == "саммит" and m.heads_of_state)
            or (pointed and (lem in CATEGORY_NOUNS or lem in SESSION_NOUNS))
        ):
            return m
    return None


def _intransitive_after(toks: list[Token], i: int) -> bool:
    """A verb of the event happening right after a subject pronoun, without an object
    ("Они проходят на полигоне"; not "Они прошли подготовку")."""
    if i + 1 >= len(toks):
        return False
    lem = toks[i + 1].lemma
    if lem in INTRANSITIVE_EVENT_VERBS or lem in DEDICATION_LEMMAS:
        return True
    after = toks[i + 2] if i + 2 < len(toks) else None
    return lem in ("пройти", "проходить") and not (after and after.any_has("NOUN"))


def _reference(ctx: _Context, i: int, antecedent: _Mention, with_status: bool) -> _Mention:
    toks = ctx.toks
    t = toks[i]
    ref = _Mention(
        antecedent.key,
        antecedent.name,
        ctx.sentence.index,
        t.index,
        t.index + 1,
        category=antecedent.category,
        head=antecedent.head,
        org=antecedent.org,
        summit=antecedent.summit,
        anaphoric=True,
    )
    if t.any_has("NOUN"):
        ref.edition = _kind_at(ctx, i).edition
        ref.next_edition = any(x.lemma in NEXT_WORDS for x in toks[max(0, i - 3) : i])
    _describe(ctx, ref, with_status=with_status)
    ref.strength = min(ref.strength, 2)  # the named mentions have the last word
    return ref


def _pronoun_of_event(toks: list[Token], i: int, verbs: list[int]) -> bool:
    """A pronoun next to an event verb: "провести его", "В нем принимают участие"."""
    if any(abs(v - i) == 1 for v in verbs):
        return True
    return i > 0 and toks[i - 1].has("PREP") and any(0 < v - i <= 3 for v in verbs)


# --------------------------------------------------------------------------- context


_VERB_LEMMAS = derived(lambda: EVENT_VERBS | MOVEMENT_VERBS)
_VERB_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS"})


def _event_verb(t: Token) -> bool:
    return not _VERB_LEMMAS.isdisjoint(t.info.lemmas) and _verb_parse(t.info) is not None


@lru_cache(maxsize=50_000)
def _verb_parse(info: WordInfo):
    """The analysis of a word form as an event or movement verb, or None."""
    if _VERB_LEMMAS.isdisjoint(info.lemmas):
        return None
    for p, grammemes in zip(info.parses, info.grammemes, strict=True):
        if p.normal_form.replace("ё", "е") in _VERB_LEMMAS and not _VERB_POS.isdisjoint(grammemes):
            return p
    return None


def _clause(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Local bounds of the clause around tokens ``start``..``end`` (short quotations and the
    phrase itself do not split it), with a relative clause after it."""
    toks, transparent = ctx.toks, ctx.transparent

    def boundary(k: int) -> bool:
        return toks[k].text in _BOUNDARIES and k not in transparent

    a, b = bounds(len(toks), start, end, boundary)
    if b == end < len(toks) and toks[b].text == "," and _apposition(toks, a, start, end):
        return _clause(ctx, start, end + 1)  # "Первое учение, «...», состоялось ..."
    if b < len(toks) and toks[b].text == "," and relative_at(toks, b + 1, _RELATIVES):
        b = clause_end(len(toks), b + 1, boundary)
    return a, b


def _apposition(toks: list[Token], a: int, start: int, end: int) -> bool:
    """The phrase ends an apposition between commas: it is one itself (", «...»,") or holds
    the first comma ("учение, «...»")."""
    if a == start and a > 0 and toks[a - 1].text == ",":
        return True
    return any(toks[k].text == "," for k in range(start, end))


def _brackets(toks: list[Token]) -> list[tuple[int, int]]:
    """(open, close) local indices of parentheses: "(КСОР)"."""
    pairs, stack = [], []
    for i, t in enumerate(toks):
        if t.text == "(":
            stack.append(i)
        elif t.text == ")" and stack:
            pairs.append((stack.pop(), i))
    return pairs


def _describe(ctx: _Context, m: _Mention, with_status: bool = True) -> None:
    """Fill the status, date, place, country, participants and dedications of a mention."""
    doc, sentence, toks, base = ctx.doc, ctx.sentence, ctx.toks, ctx.base
    a, b = _clause(ctx, m.start - base, m.end - base)
    if with_status:
        _status(ctx, m, a, b)
    own = _own_end(toks, m.end - base, b)
    date = _date(doc, sentence, a, own, b, m)
    b = own
    if date and (not m.name_year or date.startswith(m.name_year)):
        m.date = date
    elif m.status == "ongoing" and m.strength >= 2 and not (m.name_year or m.anaphoric):
        m.date = (doc.article.published or "")[:4] or None  # happening now: this year
    _place(ctx, m, a, b)
    m.edition = m.edition or _times(toks, a, b)
    states = _states_named(ctx, m)
    if len(states) == 1 and m.country is None and not m.national:
        m.country = states[0]  # "учения вооруженных сил Казахстана «...»"
    parties = states if len(states) >= 2 else []
    if not ctx.negated:
        m.participants = _union([parties, ctx.participants])
    m.dedicated_to = _dedications(ctx, m.end - base)
    s = m.start - base
    m.earlier = m.earlier or any(
        _adjective_lemma(t.info) in EARLIER_WORDS or t.lemma in FIRST_TIME_WORDS
        for t in toks[max(0, s - 2) : min(m.end - base, s + 4)]
    )


def _own_end(toks: list[Token], end: int, b: int) -> int:
    """The end of what the clause says of the event itself: a relative clause with a
    preposition (", на котором подведены итоги ... в прошлом году") tells what happened at it,
    with dates and places of its own."""
    for k in range(end, b - 2):
        if toks[k].text == "," and toks[k + 1].has("PREP") and toks[k + 2].lemma == "который":
            return k
    return b


def _times(toks: list[Token], a: int, b: int) -> int | None:
    """The edition from "проводится уже в одиннадцатый раз", "в 15-й раз"."""
    for i in range(max(a, 1), b - 1):
        if toks[i + 1].lemma == "раз" and toks[i - 1].text.lower() in ("в", "во"):
            return ordinal_to_int(toks[i].text)
    return None


def _verb_status(toks: list[Token], i: int, target: int) -> tuple[str | None, int]:
    """(status, strength) that an event verb at ``i`` gives about the event at ``target``."""
    t = toks[i]
    p = _verb_parse(t.info)
    if p is None or negated(toks, i):
        return None, 0
    lem = p.normal_form.replace("ё", "е")
    obj = VERB_OBJECTS.get(lem)
    hosting = lem in HOST_VERBS and (0 < target - i <= 3 or _hosted_by(toks, target, i))
    if obj and not hosting and not any(x.lemma == obj for x in toks[max(0, i - 2) : i + 3]):
        return None, 0
    grams = set(p.tag.grammemes)
    if "INFN" in grams:
        if any(x.lemma in INTENTION_WORDS for x in toks[max(0, i - 3) : i]):
            return "planned", 3
        return None, 0
    moving = lem in MOVEMENT_VERBS
    if "PRTS" in grams and any(
        x.text.lower() in ("будет", "будут") for x in toks[max(0, i - 2) : i]
    ):
        return "planned", 3  # "будут проведены"
    if "past" in grams:
        if moving:
            return None, 0
        return ("ongoing", 2) if lem in START_VERBS else ("held", 3)
    if "futr" in grams:
        if lem in DURATION_VERBS or any(
            "pres" in q.tag for q in t.parses if q.normal_form == p.normal_form
        ):
            return "ongoing", 1  # "стартует", "продлится до 20 августа": either
        return "planned", 1 if moving else 3
    if "pres" in grams:
        return ("planned", 1) if moving else ("ongoing", 3)
    return None, 0


def _hosted_by(toks: list[Token], target: int, i: int) -> bool:
    """The event is the object of a relative clause the host verb at ``i`` ends: "саммит,
    который Индия примет осенью"."""
    if not 0 < i - target <= _MAX_GAP + 4:
        return False
    return any(
        toks[k].text == "," and toks[k + 1].lemma == "который" and toks[k + 1].any_has("accs")
        for k in range(target, i - 1)
    )


def _status(ctx: _Context, m: _Mention, a: int, b: int) -> None:
    """The status the nearest event verb gives (one in the mention's clause first); a
    negated one in the clause drops the mention ("учения не состоятся")."""
    doc, toks, base = ctx.doc, ctx.toks, ctx.base
    inside = range(m.start - base, m.end - base)
    if _called_off(ctx, inside):
        m.negated = True
        return
    best: tuple[str | None, int, int] = (None, 0, 0)  # status, strength, -distance
    outside = False  # the best verb is in another clause
    speech = ctx.speech_marks
    for i in ctx.verbs:
        if i in inside:
            continue
        t = toks[i]
        lo, hi = sorted((i, inside.start))
        if any(lo < q < hi for q in speech):
            continue  # a verb on the other side of a quotation speaks of something else
        status, strength = _verb_status(toks, i, inside.start)
        if status is not None and t.lemma in HOST_VERBS and 0 < inside.start - i <= 3:
            m.country = m.country or _subject_country(doc, toks, i)
        elif status is not None and t.lemma in HOST_VERBS and _hosted_by(toks, inside.start, i):
            m.country = m.country or _relative_subject(doc, toks, inside.start, i)
        if status is None:
            if negated(toks, i) and a <= i < b and _happening(t):
                m.negated = True  # "учения не состоятся"; not "Армения не примет участия"
                return
            continue
        if not a <= i < b:
            strength = min(strength, 2)
        distance = min(abs(i - inside.start), abs(i - inside.stop))
        if (strength, -distance) > best[1:]:
            best = (status, strength, -distance)
            outside = not a <= i < b
    s = inside.start
    if (
        best[1] < 2
        and s >= 2
        and toks[s - 2].text.lower() == "по"
        and toks[s - 1].lemma in RESULT_WORDS
    ):
        best = ("held", 2, 0)  # "по итогам саммита": it is over
    elif best[0] is None:
        best = (*_cue_status(ctx, m, a, b), 0)
    elif outside and _at(toks, inside.start) and (own := tense(toks[a:b])):
        best = (_TENSE_STATUS[own], 2, 0)  # "..., как 4 июля на саммите ... стала членом"
    elif best[0] == "held" and _opened(toks, inside.start):
        best = ("ongoing", 2, 0)  # "состоялось открытие VII ... сбора"
    elif best[0] == "ongoing" and any(t.lemma in HABITUAL_WORDS for t in toks[a:b]):
        best = (None, 0, 0)  # "учения проводятся ежегодно": the series, not one edition
    m.status, m.strength = best[0], best[1]


def _opened(toks: list[Token], start: int) -> bool:
    """The event's phrase depends on an opening word ("прошла церемония открытия совместных
    учений государств ... «...»"): no verb nor clause boundary between them."""
    for t in reversed(toks[max(0, start - _MAX_NAMING_GAP) : start]):
        if t.lemma in OPENING_WORDS:
            return True
        if t.text in _BOUNDARIES - _QUOTES - _DASHES or t.has("VERB") or t.has("INFN"):
            return False
    return False


def _happening(t: Token) -> bool:
    """A verb of the event happening, not of taking part in it or travelling to it."""
    lem = _verb_parse(t.info).normal_form.replace("ё", "е")
    return lem not in MOVEMENT_VERBS and lem not in VERB_OBJECTS and lem != "участвовать"


def _called_off(ctx: _Context, inside: range) -> bool:
    """A word of calling off with no other quoted name between it and the mention:
    "Кыргызстан отменил учения «...»", "Учения «...», которые должны были пройти ...,
    отменены"."""
    if CANCEL_WORDS.isdisjoint(ctx.lemmas):
        return False
    quotes = [o for o, _c in ctx.quote_pairs if o not in inside]
    for i, t in enumerate(ctx.toks):
        if t.lemma in CANCEL_WORDS:
            lo, hi = sorted((i, inside.start))
            if not any(lo < q < hi for q in quotes):
                return True
    return False


def _subject_country(doc: ParsedArticle, toks: list[Token], i: int) -> str | None:
    """The country named just before a verb ("Кыргызстан примет ...")."""
    base = toks[0].index
    for c in doc.mentions.in_sentence("country", toks[0].sentence):
        if c.end - base == i and c.form != "adjective":
            return c.value
    return None


def _relative_subject(doc: ParsedArticle, toks: list[Token], start: int, i: int) -> str | None:
    """The country right after "который" before the host verb at ``i`` ("саммит, который
    Индия примет осенью")."""
    base = toks[0].index
    which = next(k for k in range(start, i) if toks[k].lemma == "который")
    for c in doc.mentions.in_sentence("country", toks[0].sentence):
        if c.start - base == which + 1 and c.form != "adjective":
            return c.value
    return None


def _cue_status(ctx: _Context, m: _Mention, a: int, b: int) -> tuple[str | None, int]:
    """Status without an event verb: adjectives ("предстоящий"), the tense of the clause when
    the event frames it ("на саммите ... раскритиковал"), or a sentence in the future."""
    toks, base = ctx.toks, ctx.base
    if not PLANNING_LEMMAS.isdisjoint(ctx.lemmas) and any(
        t.lemma in PLANNING_LEMMAS and (t.any_has("PRTF") or t.any_has("PRTS")) for t in toks[a:b]
    ):
        return "planned", 2  # "запланированным на осень", "намечено на май"
    if not PREPARATION_WORDS.isdisjoint(ctx.lemmas) and any(
        t.lemma in PREPARATION_WORDS for t in toks[max(0, m.start - base - 4) : m.start - base]
    ):
        return "planned", 2  # "подготовку к учениям", "подготовку совместного учения"
    for t in toks[max(0, m.start - base - 3) : m.end - base]:
        lem = _adjective_lemma(t.info) if t.is_word else ""
        if lem in HELD_CUES:
            return "held", 2
        if lem in PLANNED_CUES:
            return "planned", 2
        if lem in ONGOING_CUES:
            return "ongoing", 2
    sentence_tense = ctx.tense
    found = _framed(toks, m.start - base) and (tense(toks[a:b]) or sentence_tense)
    if found:
        return _TENSE_STATUS[found], 1
    if sentence_tense == "future":
        return "planned", 1
    return None, 0


_SIDES = {"planned": "future", "held": "past"}


_TENSE_STATUS = {"past": "held", "future": "planned", "present": "ongoing"}


def _framed(toks: list[Token], start: int) -> bool:
    """The event frames what its clause tells: "на саммите", "в ходе учений"."""
    return start > 0 and toks[start - 1].lemma in FRAME_WORDS


def _at(toks: list[Token], start: int) -> bool:
    """The event is where its clause happens: a preposition and the locative ("на саммите")."""
    if start == 0 or not toks[start - 1].has("PREP"):
        return False
    return toks[start].any_has("loct")


def _date(
    doc: ParsedArticle, sentence: Sentence, a: int, b: int, other: int, m: _Mention
) -> str | None:
    """The date in the clause nearest the mention (a written one before "сегодня"), else the
    only date of the sentence outside a relative clause of its own that ends at ``other``
    ("до 29 августа" is a deadline, not the event's date). A day or month without its year
    is on the side of publication the status says ("пройдет в октябре": the next October)."""
    side = _SIDES.get(m.status or "")
    found = _date_mention(doc, sentence, a, b, other, m.start, m.name_year)
    if isinstance(found, DateMention):
        if found.value is None:  # "с 17 по 23 июля" in an undated article: a name's year may
            m.open_date = found  # place it when the mentions merge
            return None
        m.rough = found.relative and not found.yearless and found.end_value is not None
        return fact_date(doc, found, side)
    return found


def _date_mention(
    doc: ParsedArticle,
    sentence: Sentence,
    a: int,
    b: int,
    other: int,
    near: int,
    year: str | None = None,
) -> DateMention | str | None:
    """The date mention :func:`_date` reads, or a planning period's value. With no
    publication date, a day or month without its year is in the ``year`` of the event's name
    ("«Айбын – 2023» пройдет с 17 по 23 июля"), else it is returned unplaced (value None),
    last of all, for the year another mention's name gives."""
    base = sentence.first_token
    mentions = starting_between(doc.mentions.dates, base, sentence.last_token)
    unplaced: dict[int, DateMention] = {}  # id of a mention placed for the filters -> itself
    if not doc.article.published:
        placed = [in_year(d, year or _ANY_YEAR) for d in mentions]
        if year is None:
            unplaced = {id(p): d for p, d in zip(placed, mentions, strict=True) if p is not d}
        mentions = placed
    dates = [
        d
        for d in mentions
        if d.value
        and d.prep != "до"
        and not _deadline(doc.tokens, d)
        and not b <= d.start - base < other
        and not arrival(doc, d)
    ]
    dates = [d for d in dates if not _since(d)]
    inside = [d for d in dates if a <= d.start - base < b]
    if inside:
        best = min(
            inside,
            key=lambda d: (id(d) in unplaced, d.relative and not d.yearless, abs(d.start - near)),
        )
        return unplaced.get(id(best), best)
    if len({d.value for d in dates}) == 1:  # "Сегодня, 6 июня"
        return unplaced.get(id(dates[0]), dates[0])
    toks = doc.tokens
    periods = [  # "запланировано на 2025 год", not "утвержден план на 2025 год"
        p.value
        for p in starting_between(doc.mentions.periods, base, sentence.last_token)
        if a <= p.start - base < b
        and "-" not in p.value
        and any(t.lemma in INTENTION_WORDS for t in toks[max(base, p.start - 3) : p.start])
    ]
    return periods[0] if periods else None


_ANY_YEAR = "2000"  # a leap year: places a day without its year for the filters only


def _deadline(toks: list[Token], d: DateMention) -> bool:
    """ "до конца января", "до середины года": a deadline, not the event's date."""
    k = d.start
    return k >= 2 and toks[k - 1].text.lower() in YEAR_PARTS and toks[k - 2].text.lower() == "до"


def _since(d: DateMention) -> bool:
    """ "с 2013 года": since when something is so, not a range ("с 6 по 10 июня") nor a
    first day ("с 5 сентября")."""
    return d.prep in ("с", "со") and d.end_value is None and len(d.value or "") < 10


def _place(ctx: _Context, m: _Mention, a: int, b: int) -> None:
    """Place and country within the clause: "в Алма-Ате", "в городе Таразе", "в
    китайском Тяньцзине", "в Беларуси", "на территории ... области Узбекистана"; else a city
    fronted for the whole sentence ("В Бресте, на полигоне ..., пройдут учения")."""
    doc, sentence, toks, base = ctx.doc, ctx.sentence, ctx.toks, ctx.base
    places = doc.mentions.in_sentence("place", sentence.index)
    for p in places:
        if a <= p.start - base < b and _located(toks, p.start - base):
            m.place, m.place_country, m.country = p.value, p.country, p.country
            return
    countries = doc.mentions.in_sentence("country", sentence.index)
    for n, c in enumerate(countries):
        if c.form != "adjective" and a <= c.start - base < b and _located(toks, c.start - base):
            if _hosts_with(toks, c, countries[n + 1 :]):
                m.international = True  # "в Беларуси и России": two hosts, no one country
            else:
                m.country = c.value
            break
    m.place = _unknown_town(ctx, a, b)
    if m.country is None:
        m.country = _region_country(doc, sentence, toks, a, b)
    if m.place is None and m.country is None and m.international is not True:
        fronted = next((p for p in places if _fronted(toks, p.start - base, p.end - base)), None)
        if fronted is not None:
            m.place, m.place_country, m.country = fronted.value, fronted.country, fronted.country
    if m.place is None and (city := _city_adjective(ctx, m)) is not None:
        m.place, m.place_country = city.value, city.attrs.get("country")
        m.country = m.country or m.place_country
    if m.country is None:
        m.country = _host_area(doc, sentence, toks)


def _city_adjective(ctx: _Context, m: _Mention):
    """The city whose adjective opens the event's own phrase ("стамбульский саммит",
    "Московская конференция"), as the place gazetteer names it; not an adjective after the
    kind ("саммит Шанхайской организации")."""
    places = ctx.doc.lexicon["place"]
    for t in ctx.toks[m.start - ctx.base : m.end - ctx.base]:
        if t.has("ROMN") or t.text[:1].isdigit():
            continue  # an edition: "XIII Московская конференция"
        if not t.has("ADJF"):
            return None
        adjective = _adjective_lemma(t.info)
        for ending in sorted(CITY_ADJECTIVES, key=len, reverse=True):
            if not adjective.endswith(ending):
                continue
            stem = adjective[: -len(ending)]
            for end in CITY_ADJECTIVES[ending]:
                name = "-".join(w[:1].upper() + w[1:] for w in (stem + end).split("-"))
                if (entry := places.lookup(name)) is not None:
                    return entry
    return None


def _fronted(toks: list[Token], k: int, end: int) -> bool:
    """A place that opens the sentence as a phrase of its own: "В Бресте, ..."."""
    return (
        0 < k <= 2
        and toks[k - 1].text.lower() in ("в", "во")
        and end < len(toks)
        and toks[end].text == ","
    )


def _region_country(
    doc: ParsedArticle, sentence: Sentence, toks: list[Token], a: int, b: int
) -> str | None:
    """The country of a region in the clause ("в учебном центре ... Карагандинской области"),
    else of the sentence's only region where something takes place ("В Жамбылской области, на
    полигоне ..., пройдет учение")."""
    base = toks[0].index
    regions = [r for r in doc.mentions.in_sentence("region", sentence.index) if r.country]
    inside = [r.country for r in regions if a <= r.start - base < b]
    if inside:
        return inside[0]
    located = {r.country for r in regions if _located(toks, r.start - base)}
    return located.pop() if len(located) == 1 else None


def _hosts_with(toks: list[Token], c: Mention, after: list[Mention]) -> bool:
    """Another country coordinated with the host ``c``: "в Беларуси и России"."""
    base = toks[0].index
    k = c.end - base
    return (
        bool(after) and k < len(toks) and toks[k].text in ("и", ",") and after[0].start == c.end + 1
    )


def _unknown_town(ctx: _Context, a: int, b: int) -> str | None:
    """A town the gazetteer does not know: "в городе X", or "в X" with a town's ending."""
    toks, taken = ctx.toks, ctx.named
    for i in range(max(a, 1), b):
        t = toks[i]
        if t.index in taken or not t.text[:1].isupper() or not _located(toks, i):
            continue
        town = toks[i - 1].lemma in SETTLEMENT_WORDS
        geo = next((p for p in t.parses if town or "Geox" in p.tag), None)
        if geo is not None and (town or _TOWN_ENDING.search(geo.normal_form)):
            return "-".join(w[:1].upper() + w[1:] for w in geo.normal_form.split("-"))
    return None


def _located(toks: list[Token], i: int) -> bool:
    """A place after "в"/"во"/"на", maybe with a settlement or area word or adjectives
    between ("в городе", "в китайском", "на территории Сурхандарьинской области")."""
    j = i - 1
    while (
        j >= 0
        and i - j <= 4
        and toks[j].is_word
        and (
            toks[j].lemma in SETTLEMENT_WORDS
            or toks[j].lemma in AREA_WORDS
            or toks[j].lemma == "столица"
            or (toks[j].any_has("ADJF") and not toks[j].any_has("PREP"))
        )
    ):
        j -= 1
    if j > 0 and toks[j].text.lower() == "от" and toks[j - 1].lemma in NEAR_WORDS:
        return True  # "недалеко от Оша"
    return j >= 0 and (toks[j].text.lower() in ("в", "во", "на") or toks[j].lemma in NEAR_WORDS)


def _host_area(doc: ParsedArticle, sentence: Sentence, toks: list[Token]) -> str | None:
    """The host country of "из всех регионов Казахстана"."""
    base = toks[0].index
    for c in doc.mentions.in_sentence("country", sentence.index):
        k = c.start - base
        if k >= 2 and toks[k - 1].lemma in HOST_AREAS and toks[k - 2].lemma == "весь":
            return c.value
    return None


def _participants(ctx: _Context) -> list[str]:
    """Countries of a sentence about taking part ("примут участие суворовцы из Беларуси",
    "контингенты направляются из Казахстана, Кыргызстана ..."), not the host ("в Беларусь")."""
    if PARTICIPATION_WORDS.isdisjoint(ctx.lemmas):
        return []
    doc, sentence, toks, base = ctx.doc, ctx.sentence, ctx.toks, ctx.base
    out: list[str] = []
    located = False
    previous_end = None
    for c in doc.mentions.in_sentence("country", sentence.index):
        k = c.start - base
        listed = previous_end is not None and (
            k == previous_end or k == previous_end + 1 and toks[k - 1].text in (",", "и")
        )
        if not listed:
            located = _located(toks, k)
        previous_end = c.end - base
        if not located and c.value not in out:
            out.append(c.value)
    return out


def _states_named(ctx: _Context, m: _Mention) -> list[str]:
    """States named in the mention, outside a quoted name: its parties when two or more
    ("казахстанско-узбекское учение", "учения вооруженных сил Азербайджана и Турции «...»"),
    the host of a state's own event when one ("учения вооруженных сил Казахстана «...»")."""
    found = [
        c
        for c in ctx.doc.mentions.in_sentence("country", ctx.sentence.index)
        if m.start <= c.start < m.end
    ]
    if not found:
        return []
    base = ctx.base
    quoted = {k for o, c in ctx.quote_pairs for k in range(base + o, base + c)}
    return _union([[c.value for c in found if c.start not in quoted]])


def _dedications(ctx: _Context, after: int) -> list[str]:
    """What the event is dedicated to, as nominative phrases: "посвящен 80-летию Победы
    ..., а также 100-летию со дня рождения ..."."""
    k = next((i for i in ctx.dedication_words if i >= after), None)
    if k is None:
        return []
    doc, sentence, toks = ctx.doc, ctx.sentence, ctx.toks
    persons = {m.start: m for m in doc.mentions.in_sentence("person", sentence.index)}
    items: list[list[Token]] = [[]]
    i = k + 1
    if i < len(toks) and toks[i].text.lower() in ("к", "ко"):
        i += 1
    while i < len(toks):
        t = toks[i]
        if t.text.lower() in (",", "и", "а"):
            j = i
            while j < len(toks) and toks[j].text.lower() in (",", "и", "а", "также"):
                j += 1
            if j < len(toks) and _dative_head(toks[j]) and items[-1]:
                items.append([])
                i = j
                continue
            if j == i + 1 and t.text == "и" and _genitive_pair(items[-1], toks[j]):
                items[-1].append(t)  # "году мира и доверия": one dedication
                i += 1
                continue
            break
        if t.text in _BOUNDARIES or t.text == ".":
            break
        items[-1].append(t)
        i += 1
    return [p for p in (_dedication(doc, item, persons) for item in items) if p]


def _genitive_pair(item: list[Token], t: Token) -> bool:
    return (
        bool(item)
        and _genitive_word(item[-1].info)
        and _genitive_word(t.info)
        and t.any_has("NOUN")
    )


def _dative_head(t: Token) -> bool:
    return t.is_word and (
        t.any_has("NOUN", "datv") or t.any_has("ADJF", "datv") or t.text[:1].isdigit()
    )


def _dedication(doc: ParsedArticle, item: list[Token], persons: dict[int, Mention]) -> str:
    """One dedication in the nominative, a person's titles left out: "100-летию со дня
    рождения Героя Советского Союза пулеметчицы Маншук Маметовой" → "100-летие со дня
    рождения Маншук Маметовой"."""
    if not item:
        return ""
    keep = item
    for k, t in enumerate(item):
        if t.index in persons and k > 0:
            anchor = max((j for j in range(k) if item[j].lemma in TITLE_ANCHORS), default=0)
            keep = (
                item[: anchor + 1] + item[k:]
            )  # "100-летию Героя ... Маншук" → "100-летие Маншук"
            break
    h = next((k for k, t in enumerate(keep) if t.is_word and t.any_has("NOUN")), 0)
    head = keep[h]
    if any(ch.isdigit() for ch in head.text):  # "80-летию": nominative() skips numbers
        parse = next(p for p in head.parses if "NOUN" in p.tag)
        form = parse.inflect({"nomn", "sing"})
        first = form.word if form else head.text
    else:
        first = nominative(keep[: h + 1], doc.text)
    words = [first] + [t.text for t in keep[h + 1 :]]
    out = [words[0]]
    kept = keep[h:]
    for k in range(1, len(kept)):
        gap = doc.text[kept[k - 1].end : kept[k].start]
        out.append(gap if kept[k - 1].index + 1 == kept[k].index else " ")
        out.append(words[k])
    return "".join(out)


# --------------------------------------------------------------------------- merging


def _merge(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions of one event together: the same name (key), the same year, no contradiction
    between held and planned, the same place; a mention without a year joins the record of
    its place or status. References start a record only with a year of their own and a
    firm status ("В 2026 году мы планируем провести его")."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    out: list[list[_Mention]] = []
    for ms in groups.values():
        records: list[list[_Mention]] = []
        dated = [m for m in ms if m.year and (not m.anaphoric or m.strength >= 2)]
        for m in dated:
            target = next((r for r in records if _fits(m, r, same_year=True)), None)
            if target is None:
                records.append([m])
            else:
                target.append(m)
        for m in ms:
            if m in dated:
                continue
            target = _record_for(m, records)
            if target is None:
                records.append([m])
            else:
                target.append(m)
        out.extend(r for r in records if not r[0].anaphoric or _own_facts(r[0]))
    return out


def _own_facts(m: _Mention) -> bool:
    """A reference is an edition of its own when it says which: the next one, a place, or a
    year that is not only a look back ("Впервые саммит прошел в 2002 году")."""
    return m.next_edition or bool(m.place) or bool(m.year) and not m.earlier


def _fits(m: _Mention, record: list[_Mention], same_year: bool) -> bool:
    """The mention may belong to the record: its year, no held/planned clash, its place."""
    if same_year and not any(x.year == m.year for x in record):
        return False
    if m.polarity and any(x.polarity and x.polarity != m.polarity for x in record):
        return False
    return not (m.place and any(x.place and x.place != m.place for x in record))


def _record_for(m: _Mention, records: list[list[_Mention]]) -> list[_Mention] | None:
    """The record a mention without a year belongs to (None: a record of its own)."""
    if not records:
        return None
    fitting = [r for r in records if _fits(m, r, same_year=False)]
    for r in fitting:
        if m.place and any(x.place == m.place for x in r):
            return r
    for r in fitting:
        if m.status and any(x.status == m.status for x in r):
            return r
    if fitting:
        return fitting[0]
    if m.anaphoric and not (m.next_edition or m.place):
        return records[-1]  # a reference that says too little to be another edition
    return None


def _record(doc: ParsedArticle, ms: list[_Mention], series_international: bool) -> Event:
    """One record from the mentions of one event; named mentions go before references."""
    explicit = [m for m in ms if not m.anaphoric] or ms
    first = explicit[0]
    participants = _union(m.participants for m in ms)
    place = next((m.place for m in explicit if m.place), None) or next(
        (m.place for m in ms if m.place), None
    )
    country = next(
        (m.place_country for m in ms if m.place == place and m.place_country), None
    ) or next((m.country for m in ms if m.country), None)
    if place is None and any(m.national for m in ms):
        place, country = _dateline_city(doc, country)
    date = _best_date(ms)
    year = next((m.name_year for m in ms if m.name_year), None)
    opened = next((m.open_date for m in ms if m.open_date), None)
    if opened is not None and year is not None and date in (None, year):
        date = fact_date(doc, in_year(opened, year))  # "«Айбын – 2023»" ... "с 17 по 23 июля"
    status = _by_date(doc, date, _vote(ms))
    if date is None and status == "held" and not any(m.earlier for m in ms):
        date = (doc.article.published or "")[:7] or None  # news of a recent event
    international = _international(explicit, participants, country)
    if international is None and series_international:
        international = True
    sentences = sorted({m.sentence for m in ms})
    category = next((m.category for m in explicit if m.category), None)
    confidence = 0.55 + 0.15 * (category is not None) + 0.1 * (status is not None)
    return Event(
        article=doc.article.id,
        name=max((m.name for m in explicit if m.org), key=len, default=first.name),
        category=category,
        edition=next((m.edition for m in explicit if m.edition), None),
        international=international,
        status=status,
        place=place,
        country=country,
        date=date,
        participants=participants,
        dedicated_to=_union(m.dedicated_to for m in ms),
        confidence=min(0.95, confidence + 0.05 * min(len(sentences) - 1, 3)),
        evidence=[doc.sentences[s].evidence() for s in sentences],
    )


def _dateline_city(doc: ParsedArticle, country: str | None) -> tuple[str | None, str | None]:
    """(city, country) of the dateline zone (``doc.dateline_place``: "Астана.", "МИНСК, 12
    мая.") when the city is in ``country`` (or the country is unknown): where a state's own
    board met."""
    p = doc.dateline_place
    if p is not None and country in (None, p.country):
        return p.value, p.country
    return None, country


def _union(lists) -> list:
    out: list = []
    for items in lists:
        out.extend(x for x in items if x not in out)
    return out


def _best_date(ms: list[_Mention]) -> str | None:
    """The most precise date that agrees with the year of the name: of a mention that names
    the event before one that refers to it, a written one before a week ("на следующей неделе")."""
    year = next((m.name_year for m in ms if m.name_year), None) or next(
        (m.year for m in ms if m.year), None
    )
    explicit = [m for m in ms if not m.anaphoric]
    written = [m for m in ms if not m.rough]  # not "на следующей неделе"
    for group in ([m for m in explicit if not m.rough], written, explicit, ms):
        dates = [m.date for m in group if m.date and (year is None or m.date.startswith(year))]
        if dates:
            return max(dates, key=len)
    return year


def _vote(ms: list[_Mention]) -> tuple[str | None, int]:
    """The status with most weight and its weight; a tie goes to the earlier mention."""
    scores: dict[str, int] = {}
    for m in ms:
        if m.status:
            scores[m.status] = scores.get(m.status, 0) + m.strength
    if not scores:
        return None, 0
    order = [m.status for m in ms]
    status = max(scores, key=lambda s: (scores[s], -order.index(s)))
    return status, scores[status]


def _by_date(doc: ParsedArticle, date: str | None, vote: tuple[str | None, int]) -> str | None:
    """A dated event after the publication is planned, one before it held, when the verbs
    did not say (or said only "стартует")."""
    status, weight = vote
    date = date.split("/")[0] if date else date  # a range by its first day
    published = (doc.article.published or "")[: len(date or "")]
    weak = status is None or status == "ongoing" and weight < 2
    if not date or len(published) < len(date) or not weak:
        return status
    if date > published:
        return "planned"
    if status is None and date < published:
        return "held"
    return status


def _international(
    ms: list[_Mention], participants: list[str] | None = None, country: str | None = None
) -> bool | None:
    """True when a mention says so (международный, совместный, an organisation's) or other
    states than the host take part; False for a national one; None when unknown."""
    if any(m.international for m in ms):
        return True
    participants = participants if participants is not None else _union(m.participants for m in ms)
    if len(participants) >= 2 or any(c != country for c in participants):
        return True
    if any(m.international is False for m in ms):
        return False
    return None


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip()


@svodka.hookimpl
def register_extractors(register) -> None:
    register(EventExtractor())
