"""Meetings: visits, talks, meetings and phone calls between named persons.

A sentence with a trigger ("встреча", "провел переговоры", "посетил с визитом",
"телефонный разговор", "принял министра", ...) and at least two participants starts or
extends a meeting. Participants are the persons named in the trigger's clause and the ones
the clause describes ("министр обороны Казахстана", "коллегу из Беларуси", "президенты
Беларуси и России", "его"), resolved to the article's persons. Sentences describing the same
participants merge into one record. Sentences that refer back to the last meeting ("В ходе
встречи ...", "Стороны обсудили ...") add its place, date and topics; a one-person visit
("Астану посетил X") lends its format and place to the next meeting of that person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import islice

import svodka
from svodka.components import Extractor
from svodka.extract.rules import blank, derived, table, words
from svodka.mentions.find import Mention, Person
from svodka.model.records import Meeting
from svodka.normalize.dates import (
    OTHER_INSTANCE,
    context_date,
    dateline_lead,
    fact_date,
    same_day,
    starting_between,
)
from svodka.text.grammar import nominative
from svodka.text.parse import ParsedArticle, Sentence, Token
from svodka.text.syntax import (
    clause_numbers,
    negated,
    relative_at,
    reporter_at,
    subordinate_at,
    tense,
)
from svodka.text.zones import cut_off_at

# Trigger lemmas, by the format they suggest (extend freely).
MEETING_WORDS = words("meetings.meeting_words")
TALKS_WORDS = words("meetings.talks_words")
VISIT_WORDS = words("meetings.visit_words")
TOUR_WORDS = words("meetings.tour_words")  # a visit to a place, maybe a side trip
ARRIVAL_WORDS = words("meetings.arrival_words")
HOST_WORDS = words("meetings.host_words")  # "принял министра"
CALL_WORDS = words("meetings.call_words")
_STRONG_WORDS = words("meetings.strong_words")
STRONG_WORDS = derived(
    lambda: MEETING_WORDS | TALKS_WORDS | VISIT_WORDS | ARRIVAL_WORDS | _STRONG_WORDS
)
# Verbs that make a meeting only with two participants in their own clause.
WEAK_WORDS = words("meetings.weak_words")
# Plural nouns that refer back to the last meeting's participants ("Стороны обсудили ...").
BACKREF_WORDS = words("meetings.backref_words")
# Events a meeting can take place at ("на полях заседания ...", "после саммита ...").
EVENT_WORDS = words("meetings.event_words")
GENERIC_EVENT = "мероприятие"
COLLEAGUE_WORDS = words("meetings.colleague_words")  # someone other than the named side
# Nouns that, after a country adjective, describe a person: "турецкий министр", "белорусский лидер".
_DESCRIPTOR_WORDS = words("meetings.descriptor_words")
DESCRIPTOR_WORDS = derived(lambda: COLLEAGUE_WORDS | _DESCRIPTOR_WORDS)
# Nouns naming the article's person by post alone: "министр провел встречу".
ANAPHOR_WORDS = words("meetings.anaphor_words")
# Words that make a meeting hypothetical: "готов к переговорам", "предложил встретиться".
HYPOTHETICAL_WORDS = words("meetings.hypothetical_words")
HONORIFICS = words("descriptors.honorific")
PLANNED_WORDS = words("meetings.planned_words")
HEAD_WORDS = words("descriptors.head")  # "глава Таджикистана": the head of state
CANCEL_WORDS = words("meetings.called_off")
HAPPEN_WORDS = words("meetings.happen_words")
PARTICIPATION_WORDS = words(
    "meetings.participation_words"
)  # "прибыл для участия в саммите": no visit
REPORT_WORDS = words("meetings.report_words")
SUBORDINATORS = words("grammar.subordinators")
# Topics: verbs whose object lists what was discussed, and the preposition it takes.
TOPIC_VERBS = table("meetings.topic_verbs", blank)
# Heads dropped from a topic when a more specific phrase follows: always / when 2+ words follow.
GENERIC_HEADS = words("meetings.generic_heads")
SOFT_HEADS = words("meetings.soft_heads")
SPHERE_WORDS = words("meetings.sphere_words")  # "сотрудничество в сфере подготовки кадров"
# "двусторонние встречи с X и Y": one meeting with each of them.
BILATERAL_WORDS = words("meetings.bilateral_words")
# Words before "с" that join a person to the subject's side: "вместе с", "во главе с".
SAME_SIDE_WORDS = words("meetings.same_side_words")
# Nouns of an occasion between a preposition and a meeting: "в ходе встречи", "по итогам".
OCCASION_WORDS = words("meetings.occasion_words")
# Nouns of the visitor of the visit reported: "встреча гостя с министром".
GUEST_WORDS = words("meetings.guest_words")
# Nouns of documents a trigger noun can qualify: "план консультаций", "график визитов".
DOCUMENT_WORDS = words("meetings.document_words")
# Words of the credentials an ambassador hands over: "принял верительные грамоты посла X".
CREDENTIAL_WORDS = words("meetings.credential_words")
MAX_PARTICIPANTS = 3
BACKREF_DISTANCE = 8  # sentences after the last mention of a meeting that may refer to it

# Trigger nouns a possessive "их" refers to the sides of: "по итогам их встречи".
_OWN_WORDS = derived(lambda: MEETING_WORDS | TALKS_WORDS | VISIT_WORDS | CALL_WORDS)
# Every lemma that can make a sentence say something about a meeting.
_CLUE_WORDS = derived(
    lambda: STRONG_WORDS | HOST_WORDS | WEAK_WORDS | BACKREF_WORDS | TOPIC_VERBS.keys()
)
_PREDICATE = frozenset({"VERB", "PRTS", "INFN", "GRND"})  # a topic verb's own readings
_VERBAL = frozenset({"VERB", "GRND", "INFN", "PRTF", "PRTS"})
_DATE_PREPS = words("meetings.date_preps")
_QUOTES = set('«»"“”„')
_DASHES = {"—", "–", "-"}
_BREAKS = {",", "(", *_DASHES, *_QUOTES}


@dataclass
class _Clue:
    """What one sentence says about a meeting."""

    sentence: int
    format: str | None = None
    strong: bool = False
    participants: dict[str, str | None] = field(default_factory=dict)
    backref: bool = False  # a plural noun or a trigger noun that names no sides
    refs: set[str] = field(default_factory=set)  # the plural nouns ("министры", "стороны")
    follows: bool = False  # only topics ("Обсуждались вопросы ..."): for the meeting just before
    place: str | None = None
    located: bool = True  # the place is named in the sentence (not "там", "здесь")
    destination: str | None = None
    date: str | None = None
    topics: list[str] = field(default_factory=list)
    anchors: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    future: bool = False
    arrival: bool = False  # "прибыл с визитом в Минск", not "посетил Кронштадт"
    comitative: set[str] = field(default_factory=set)  # named after "с": one side ("встреча с X")
    bilateral: bool = False  # "двусторонние встречи с X и Y": one meeting with each


@dataclass
class _Meeting:
    """A meeting being assembled (or a one-person visit waiting for its meeting)."""

    participants: dict[str, str | None]  # name -> country
    formats: set[str] = field(default_factory=set)
    place: str | None = None
    place_rank: int = -1
    destination: str | None = None
    date: str | None = None
    topics: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    anchors: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    future: bool = True
    arrival: bool = False
    last: int = 0

    def add(self, clue: _Clue) -> None:
        """Take what a sentence says: new participants, format, place, date, topics."""
        for name, country in clue.participants.items():
            if self.participants.get(name) is None:
                self.participants[name] = country
        if clue.format:
            self.formats.add(clue.format)
        rank = 3 if clue.located else 2
        if clue.place and rank > self.place_rank:
            self.place, self.place_rank = clue.place, rank
        self.destination = self.destination or clue.destination
        self.date = self.date or clue.date
        self.topics.extend(t for t in clue.topics if t not in self.topics)
        self.anchors.extend(clue.anchors)
        if clue.sentence not in self.sentences:
            self.sentences.append(clue.sentence)
        self.future = self.future and clue.future
        self.arrival = self.arrival or clue.arrival
        self.last = max(self.last, clue.sentence)

    @property
    def format(self) -> str:
        for name in ("visit", "call", "talks"):
            if name in self.formats:
                return name
        return "meeting"


class MeetingExtractor(Extractor):
    name = "meetings"
    record_types = ("meeting",)

    def extract(self, doc: ParsedArticle) -> Iterator[Meeting]:
        yield from _Article(doc).meetings()


class _Article:
    """One article's meetings, assembled sentence by sentence."""

    def __init__(self, doc: ParsedArticle) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.mentions = doc.mentions
        self.people: list[Person] = list(self.mentions.people.values())
        self.lemmas = doc.lemmas  # by token index
        self._guest: Person | None = None  # the visitor of the last visit with a destination
        self._covered: dict[int, set[int]] = {}  # see _covered_by_descriptions

    # -- assembly -------------------------------------------------------------------------

    def meetings(self) -> Iterator[Meeting]:
        found: list[_Meeting] = []
        pending: list[_Meeting] = []  # one-person visits waiting for their meeting
        last: _Meeting | None = None
        lone: _Clue | None = None  # the last clue naming one side only
        frame: _Clue | None = None  # the last clue naming no sides ("На полях саммита ...")
        for sentence in self.doc.sentences:
            clue = self._clue(sentence)
            if clue is None:
                continue
            if not clue.participants:
                frame = clue
            elif not clue.anchors and frame is not None and frame.sentence == clue.sentence - 1:
                clue.anchors = frame.anchors  # "На полях форума запланированы встречи. X ..."
            if clue.participants and clue.comitative.issuperset(clue.participants):
                split = [
                    self._add_meeting(c, found, pending, last)
                    for c in self._with_other_side(clue, lone, pending)
                ]
                for meeting in split[1:]:  # one occasion: the visit's place and date
                    meeting.place, meeting.place_rank = (
                        meeting.place or split[0].place,
                        max(meeting.place_rank, split[0].place_rank),
                    )
                    meeting.date = meeting.date or split[0].date
                    meeting.destination = meeting.destination or split[0].destination
                    meeting.formats |= split[0].formats & {"visit"}
                last = split[-1] if split else last
                continue
            if len(clue.participants) == 1:
                lone = clue
                self._add_host(clue)
            if len(clue.participants) >= 2:
                last = self._add_meeting(clue, found, pending, last)
                continue
            if (
                len(clue.participants) == 1
                and clue.format == "visit"
                and (clue.place or clue.destination)
            ):
                self._add_visit(clue, found, pending)
            if not clue.participants and clue.format == "visit":
                _visit_place(clue, last)
            if clue.follows:
                if last is not None and last.last == clue.sentence - 1 and clue.topics:
                    last.add(_Clue(clue.sentence, topics=clue.topics, future=last.future))
                continue
            target = self._target(clue, found, last) if clue.backref else None
            if target is not None:
                if clue.strong and clue.format != "visit":
                    clue.participants, clue.format = {}, None
                    target.add(clue)
                elif clue.topics:
                    target.add(_Clue(clue.sentence, topics=clue.topics, future=clue.future))
        self._date_by_context(found)
        for meeting in found:
            yield self._record(meeting)

    def _add_host(self, clue: _Clue) -> None:
        """A visit to a country ("визит X в Душанбе") meets the article's one person of that
        country, the host, when the visitor, named, is from elsewhere."""
        if clue.format != "visit" or clue.destination is None or clue.future:
            return
        published = self.doc.article.published
        if clue.date and published and clue.date > published[: len(clue.date)]:
            return  # a visit still ahead: "в ходе визита X в Пекин в декабре"
        ((name, country),) = clue.participants.items()
        named = {m.value for m in self.mentions.in_sentence("person", clue.sentence)}
        if country in (None, clue.destination) or name not in named:
            return  # a visitor only described ("визит президента Франции") may be anyone
        host = self._resolve(None, clue.destination, {name})
        if host is not None:
            clue.participants[host.name] = host.country
            clue.backref = False  # the visit's own meeting, not the one "в ходе беседы"

    def _with_other_side(
        self, clue: _Clue, lone: _Clue | None, pending: list[_Meeting]
    ) -> list[_Clue]:
        """A clue naming only the side after "с" ("Запланирована встреча с X и Y") takes the
        other side from the sentence just before that named one side ("Премьер проведет ряд
        встреч"), else from the visit being reported; with no other side it makes no meeting.
        Bilateral meetings ("двусторонние встречи с X и Y") are one meeting with each."""
        side: dict[str, str | None] = {}
        if lone is not None and clue.sentence - lone.sentence <= 2:
            side = dict(lone.participants)
            clue.bilateral = clue.bilateral or lone.bilateral
        elif pending and clue.sentence - pending[-1].last <= BACKREF_DISTANCE:
            side = dict(pending[-1].participants)
        side = {name: country for name, country in side.items() if name not in clue.participants}
        if not side:
            return []
        if not clue.bilateral or len(clue.participants) < 2:
            clue.participants = {**side, **clue.participants}
            return [clue]
        return [
            replace(clue, participants={**side, name: country})
            for name, country in clue.participants.items()
        ]

    def _date_by_context(self, found: list[_Meeting]) -> None:
        """Date the meetings whose clauses name no date by their first sentence: "В тот же
        день ..." by the meeting before; else by the event they were held at ("на полях
        саммита", "в ходе визита"), a follow-up or the dateline's lead
        (:func:`svodka.normalize.dates.context_date`), or the dateline's lead when the
        meeting is told there after a subtitle; the meeting's own "встреча" or "переговоры"
        refer to no other event."""
        own = frozenset(MEETING_WORDS | TALKS_WORDS)
        for n, meeting in enumerate(found):
            if meeting.date is not None:
                continue
            first = min(meeting.sentences)
            if same_day(self.doc.sentence_tokens(self.doc.sentences[first])):
                meeting.date = next((f.date for f in reversed(found[:n]) if f.date), None)
            meeting.date = meeting.date or context_date(self.doc, first, own)
            lead = dateline_lead(self.doc)
            if meeting.date is None and lead in meeting.sentences:  # told first in a subtitle
                meeting.date = context_date(self.doc, lead, own)

    def _target(self, clue: _Clue, found: list[_Meeting], last: _Meeting | None) -> _Meeting | None:
        """The meeting a back reference points to: the last one, or for "министры" the last
        one between persons with that post."""
        recent = [
            f
            for f in found
            if clue.sentence - f.last <= BACKREF_DISTANCE and f.future == clue.future
        ]
        if last not in recent:
            return None
        people = self.mentions.people
        for f in sorted(recent, key=lambda f: f.last, reverse=True):
            posts = [people[name].position or "" for name in f.participants]
            if any(ref in post for ref in clue.refs for post in posts) and all(
                any(ref in post for ref in clue.refs) for post in posts
            ):
                return f
        return last

    def _add_meeting(
        self, clue: _Clue, found: list[_Meeting], pending: list[_Meeting], last: _Meeting | None
    ) -> _Meeting:
        meeting = self._assemble(clue, found, pending, last)
        if "visit" in meeting.formats and meeting.destination:
            guests = [
                name
                for name, country in meeting.participants.items()
                if country and country != meeting.destination
            ]
            if len(guests) == 1:
                self._guest = self.mentions.people[guests[0]]
        return meeting

    def _assemble(
        self, clue: _Clue, found: list[_Meeting], pending: list[_Meeting], last: _Meeting | None
    ) -> _Meeting:
        names = set(clue.participants)
        if (
            clue.backref
            and last is not None
            and names & set(last.participants)
            and clue.sentence - last.last <= BACKREF_DISTANCE
        ):
            clue.participants = {}
            last.add(clue)
            return last
        meeting = next(
            (
                f
                for f in found
                if set(f.participants) == names and (f.date is None or clue.date in (None, f.date))
            ),
            None,
        )  # the same sides on another date meet again
        if meeting is None:
            meeting = _Meeting({})
            found.append(meeting)
        elif clue.future and not meeting.future:  # a planned meeting of the same sides
            return meeting
        meeting.add(clue)
        if "call" not in meeting.formats:
            first = min(meeting.sentences)  # before the visits join it
            for visit in [
                v for v in pending if set(v.participants) & names and _same_trip(v, meeting)
            ]:
                pending.remove(visit)
                self._merge_visit(meeting, visit, first)
        return meeting

    def _add_visit(self, clue: _Clue, found: list[_Meeting], pending: list[_Meeting]) -> None:
        visit = _Meeting({})
        visit.add(clue)
        (name,) = clue.participants
        earlier = [
            f
            for f in found
            if name in f.participants and "call" not in f.formats and _same_trip(visit, f)
        ]
        if earlier:
            self._merge_visit(earlier[-1], visit)
        else:
            pending.append(visit)

    @staticmethod
    def _merge_visit(meeting: _Meeting, visit: _Meeting, first: int | None = None) -> None:
        """Let a one-person visit lend the meeting its format, place, date and topics
        (``first``: the meeting's first sentence before other visits joined it)."""
        meeting.formats.add("visit")
        before = min(visit.sentences) < (min(meeting.sentences) if first is None else first)
        side_trip = not before and not visit.arrival  # "Затем гость посетил Кронштадт"
        if visit.place and meeting.place_rank < visit.place_rank and not side_trip:
            meeting.place, meeting.place_rank = visit.place, visit.place_rank
        meeting.destination = meeting.destination or visit.destination
        if before:
            meeting.date = meeting.date or visit.date
        meeting.topics.extend(t for t in visit.topics if t not in meeting.topics)
        meeting.sentences = sorted(set(meeting.sentences) | set(visit.sentences))

    def _record(self, meeting: _Meeting) -> Meeting:
        place = meeting.place
        if meeting.format == "call":
            place = None
        elif place is None:
            place = self._event_place(meeting) or self._dateline_place(meeting)
        # the participants' countries in the participants' order, each once; on a visit
        # ("визит в Россию") the destination is the country of a host named without one
        known = [c for c in meeting.participants.values() if c]
        host = meeting.format == "visit" and meeting.destination and known
        countries: list[str] = []
        for country in meeting.participants.values():
            country = country or (meeting.destination if host else None)
            if country and country not in countries:
                countries.append(country)
        sentences = self.doc.sentences
        confidence = 0.6 + 0.05 * min(len(meeting.sentences) - 1, 3)
        if len(countries) >= 2:
            confidence += 0.1
        if meeting.future:
            confidence -= 0.15
        return Meeting(
            article=self.doc.article.id,
            participants=list(meeting.participants),
            countries=countries,
            place=place,
            date=meeting.date,
            format=meeting.format,
            topics=meeting.topics,
            confidence=round(min(confidence, 0.9), 2),
            evidence=[sentences[i].evidence() for i in sorted(meeting.sentences)],
        )

    # -- one sentence -----------------------------------------------------------------------

    def _clue(self, sentence: Sentence) -> _Clue | None:
        """What a sentence says about a meeting; None when it says nothing."""
        if _CLUE_WORDS.isdisjoint(self.doc.sentence_lemmas[sentence.index]):
            return None
        toks = self.doc.sentence_tokens(sentence)
        lemmas = self.lemmas[sentence.first_token : sentence.last_token]
        strong: list[int] = []
        weak: list[int] = []
        refs: set[str] = set()
        for k in [k for k, lemma in enumerate(lemmas) if lemma in _CLUE_WORDS]:
            lemma = lemmas[k]
            if lemma in STRONG_WORDS or lemma in HOST_WORDS and self._hosts(toks, k):
                strong.append(k)
            elif lemma in WEAK_WORDS:
                weak.append(k)
            if lemma in BACKREF_WORDS and self._backref_word(toks, k):
                refs.add(lemma)
        if not (strong or weak or refs):
            topics = self._topics(toks, lemmas)
            return _Clue(sentence.index, topics=topics, follows=True) if topics else None
        segments = clause_numbers(toks, lambda j: subordinate_at(toks, j, SUBORDINATORS))
        if _cancelled(toks, lemmas):
            strong, weak = [], []
        strong = [
            k
            for k in strong
            if not negated(toks, k)
            and not self._for_event(toks, k, segments)
            and not _hypothetical(toks, k)
            and not (k and toks[k - 1].lemma in DOCUMENT_WORDS)  # "программа консультаций"
        ]
        weak = [k for k in weak if not negated(toks, k)]
        trig = strong or weak
        if not (trig or refs):
            return None
        topics = self._topics(toks, lemmas)
        if not trig:
            # only the topics of the meeting the plural subject ("стороны") refers to
            if not topics:
                return None
            future = tense(toks) == "future"
            return _Clue(sentence.index, backref=True, refs=refs, topics=topics, future=future)
        clue = _Clue(sentence.index, strong=bool(strong), topics=topics, refs=refs)
        clue.backref = bool(refs) or any(
            toks[k].lemma not in VISIT_WORDS and self._backref_trigger(toks, k) for k in strong
        )
        seg = {segments[k] for k in trig}
        seg |= {  # "встречи, которую X провел с Y": the relative clause names the sides
            segments[k + 2]
            for k in trig
            if k + 2 < len(toks) and toks[k + 1].text == "," and relative_at(toks, k + 2)
        }
        clue.participants = self._participants(sentence, toks, segments, seg)
        if strong and len(clue.participants) < 2 and 0 not in seg:
            # "X заявил, что встретился с Y": the main clause's subject takes part
            clue.participants = self._participants(sentence, toks, segments, {0, *seg})
        clue.comitative = self._comitative(sentence, toks, clue.participants)
        if 2 <= len(clue.participants) < MAX_PARTICIPANTS and clue.comitative.issuperset(
            clue.participants
        ):
            # "Затем он встретился с X и Y": the subject is the other side
            named = set(clue.participants)
            for person in self._anaphora(sentence, toks, segments, seg, named):
                if person.name not in named:
                    clue.participants = {person.name: person.country, **clue.participants}
                    break
        clue.bilateral = not BILATERAL_WORDS.isdisjoint(lemmas)
        if not strong:
            clue.follows = len(clue.participants) < 2 and not refs  # "Обсуждены вопросы ..."
        clause = [t for j, t in enumerate(toks) if segments[j] in seg]  # the triggers' clauses
        clue.format = self._format(toks, trig, clause, sentence.text)
        clue.arrival = not any(toks[k].lemma in TOUR_WORDS for k in trig)
        clue.place, clue.located, clue.destination = self._place(
            sentence, toks, segments, seg, trig
        )
        clue.date = self._date(sentence, toks, segments, seg)
        clue.anchors = self._anchors(sentence, toks, segments, seg)
        clue.future = self._planned(toks, trig, clause)
        return clue

    @staticmethod
    def _planned(toks: list[Token], trig: list[int], clause: list[Token]) -> bool:
        """Future tense, "планируется встреча", "договорились провести очередную встречу"
        (``clause``: the tokens of the triggers' clauses)."""
        first = min(trig)
        if toks[first].has("INFN"):  # "могут встретиться", "намерен посетить"
            return True
        if any(
            t.lemma in PLANNED_WORDS or t.has("INFN") for t in toks[max(0, first - 3) : first]
        ) or any(t.lemma in PLANNED_WORDS for t in toks[first + 1 : first + 2]):
            return True
        return tense(clause) == "future"

    def _hosts(self, toks: list[Token], k: int) -> bool:
        """A person is received: "принял в Кремле министра", "коллегу ... встретил министр"
        (but "принял решение/участие/отставку" is no meeting)."""
        s = toks[0].sentence
        starts = {
            m.start
            for kind in ("person", "position", "rank")
            for m in self.mentions.in_sentence(kind, s)
        }
        if toks[k].lemma in ("принять", "принимать"):
            j = k + 1
            if any(t.lemma in CREDENTIAL_WORDS for t in toks[j : j + 3]):
                # "принял верительные грамоты вновь назначенного посла X"
                window = range(toks[j].index, toks[j].index + 10)
                return bool(starts.intersection(window))
            while j < len(toks) and (
                toks[j].has("ADVB")
                or toks[j].has("ADJF")  # "принял узбекскую делегацию"
                or toks[j].lemma in ("в", "во")
                or toks[j].is_capitalized
            ):
                if toks[j].index in starts:
                    return True
                j += 1
            return j < len(toks) and (
                toks[j].index in starts
                or toks[j].lemma in DESCRIPTOR_WORDS
                or toks[j].has("NOUN", "anim", "accs")
            )
        base = toks[0].index
        window = range(base + max(0, k - 8), base + min(len(toks), k + 5))
        return bool(starts.intersection(window)) or any(t.lemma in COLLEAGUE_WORDS for t in toks)

    @staticmethod
    def _for_event(toks: list[Token], k: int, segments: list[int]) -> bool:
        """An arrival for a multilateral event ("прибыл для участия в саммите") is no visit."""
        if toks[k].lemma not in ARRIVAL_WORDS:
            return False
        clause = [t.lemma for j, t in enumerate(toks) if segments[j] == segments[k]]
        if any(w in VISIT_WORDS or w in MEETING_WORDS or w in TALKS_WORDS for w in clause):
            return False
        return any(w in PARTICIPATION_WORDS or w in EVENT_WORDS for w in clause)

    @staticmethod
    def _backref_word(toks: list[Token], k: int) -> bool:
        """A plural subject such as "стороны", "министры", "они" (not "со стороны")."""
        tok = toks[k]
        if k and toks[k - 1].lemma in ("с", "со"):
            return False
        if tok.lemma == "сторона":
            return tok.text.lower() in ("стороны", "сторон", "сторонам", "сторонами")
        return tok.lemma == "они" or tok.any_has("plur") and not tok.has("sing")

    def _backref_trigger(self, toks: list[Token], k: int) -> bool:
        """A trigger noun that names no sides: "на встрече", "в ходе переговоров", "Встреча
        состоялась" (but not "встреча министра ...", "переговоры с ...")."""
        if not toks[k].any_has("NOUN"):
            return False
        if any(t.lemma in ("с", "со", "между") for t in toks[k + 1 : k + 9]):
            return False
        nxt = toks[k].index + 1
        s = toks[k].sentence
        return not any(
            m.start == nxt
            for kind in ("person", "position")
            for m in self.mentions.in_sentence(kind, s)
        )

    # -- participants -----------------------------------------------------------------------

    def _comitative(
        self, sentence: Sentence, toks: list[Token], participants: dict[str, str | None]
    ) -> set[str]:
        """The participants named in a phrase after "с" ("с министром X и послом Y"), listed
        after it or its other names; not "вместе с", "во главе с" (the same side)."""
        base = sentence.first_token
        s = sentence.index
        named = [m for m in self.mentions.in_sentence("person", s) if m.value in participants]
        if not named:
            return set()
        covered = {
            i
            for kind in ("person", "position", "rank", "country", "organization")
            for m in self.mentions.in_sentence(kind, s)
            for i in range(m.start, m.end)
        }
        out = set()
        for m in named:
            j = m.start - base - 1
            while j >= 0 and (
                toks[j].index in covered
                or toks[j].text == ","
                or toks[j].text.isupper()  # an abbreviation inside a post: "ВС", "МИД"
                or toks[j].lemma == "и"
                or toks[j].lemma in HONORIFICS
            ):
                j -= 1
            if (
                j >= 0
                and toks[j].lemma in ("с", "со")
                and not (j and toks[j - 1].lemma in SAME_SIDE_WORDS)
            ):
                out.add(m.value)
        return out

    def _participants(
        self, sentence: Sentence, toks: list[Token], segments: list[int], seg: set[int]
    ) -> dict[str, str | None]:
        base = sentence.first_token
        people = self.mentions.people
        out: dict[str, str | None] = {}
        for m in self.mentions.in_sentence("person", sentence.index):
            k = m.start - base
            if (
                segments[k] in seg
                and (
                    not reporter_at(toks, k, REPORT_WORDS, _BREAKS)
                    or self._at_meeting(toks, k, m.end - base)
                )
                and not self._spoken_of(toks, k, m)
            ):
                out.setdefault(m.value, people[m.value].country or self._delegation(toks, k))
        named = set(out)
        for person, country in self._described(sentence, toks, segments, seg, named):
            out.setdefault(person.name, person.country or country)
        if len(out) < 2:
            for person in self._anaphora(sentence, toks, segments, seg, set(out)):
                out.setdefault(person.name, person.country)
        return out if len(out) <= MAX_PARTICIPANTS else {}

    @staticmethod
    def _at_meeting(toks: list[Token], k: int, j: int) -> bool:
        """A person in a speech frame (tokens ``k``..``j``) took part in the meeting the frame
        names: "сказал X на встрече с Y", "заявил X в ходе переговоров" (X and Y)."""
        i = k - 1
        while i >= 0 and toks[i].text not in _BREAKS:
            if toks[i].lemma in MEETING_WORDS or toks[i].lemma in TALKS_WORDS:
                return True
            i -= 1
        while j < len(toks) and (toks[j].has("PREP") or toks[j].lemma in OCCASION_WORDS):
            j += 1
        return j < len(toks) and (toks[j].lemma in MEETING_WORDS or toks[j].lemma in TALKS_WORDS)

    def _anaphora(
        self,
        sentence: Sentence,
        toks: list[Token],
        segments: list[int],
        seg: set[int],
        named: set[str],
    ) -> Iterator[Person]:
        """Persons referred to by "его", "он", "высокого гостя", "министр", "глава
        государства" (no name, no country): the last person named before with that post
        (for pronouns and guests: the first person of the sentence before, not ``named``)."""
        base = sentence.first_token
        positions = {m.start: m for m in self.mentions.in_sentence("position", sentence.index)}
        countries = self.mentions.descriptors.adjectives
        for j, tok in enumerate(toks):
            if segments[j] not in seg:
                continue
            i = base + j
            lemma = self.lemmas[i]
            word = tok.text.lower()
            pronoun = word in ("он", "она", "его", "ее", "её")
            if lemma in GUEST_WORDS and self._guest is not None and self._guest.name not in named:
                yield self._guest  # "встреча гостя с министром": the visitor
                continue
            if (
                word == "их" and j + 1 < len(toks) and self.lemmas[i + 1] in _OWN_WORDS
            ):  # "по итогам их встречи": the persons named just before
                yield from self._previous_people(sentence.index, named)
                continue
            if (
                pronoun
                or lemma in COLLEAGUE_WORDS
                and self.mentions.descriptors.country_of_noun(i, True) is None
            ):
                previous = self._previous_person(sentence.index, named)
            elif (
                i in positions
                and not self.mentions.descriptors.countries_of_post(positions[i])
                and tok.has("sing", "nomn")
            ):
                previous = self._previous_holder(sentence.index, positions[i].value)
            elif (
                lemma in ANAPHOR_WORDS
                and i not in countries
                and tok.has("sing", "nomn")
                and not any(p.start <= i < p.end for p in positions.values())
            ):
                previous = self._previous_holder(sentence.index, lemma)
            else:
                continue
            if previous is not None:
                yield previous

    def _previous_holder(self, index: int, post: str) -> Person | None:
        """The person holding a post (or a post with this word) named last before a sentence,
        within three sentences; else the one person named before with that post."""
        for s in range(index - 1, max(-1, index - 4), -1):
            for m in reversed(self.mentions.in_sentence("person", s)):
                person = self.mentions.people[m.value]
                if person.position and post in person.position:
                    return person
        earlier = [
            p
            for p in self.people
            if p.position and post in p.position and self._first_sentence[p.name] < index
        ]
        return earlier[0] if len(earlier) == 1 else None

    @cached_property
    def _first_sentence(self) -> dict[str, int]:
        """The sentence each person is first named in."""
        out: dict[str, int] = {}
        for m in self.mentions.persons:
            out[m.value] = min(out.get(m.value, m.sentence), m.sentence)
        return out

    def _delegation(self, toks: list[Token], k: int) -> str | None:
        """The country of the delegation a person heads: "с делегацией Узбекистана во главе с
        министром обороны X", "узбекскую делегацию во главе с X"."""
        s = toks[k].sentence
        covered = {
            i for kind in ("position", "rank")
            for m in self.mentions.in_sentence(kind, s) for i in range(m.start, m.end)
        }  # fmt: skip
        j = k - 1
        while j >= 0 and toks[j].index in covered:
            j -= 1
        if j < 3 or toks[j].lemma not in ("с", "со") or toks[j - 1].lemma != "глава":
            return None
        descriptors = self.mentions.descriptors
        for d in range(j - 3, max(-1, j - 6), -1):
            if toks[d].lemma == "делегация":
                i = toks[d].index
                noun = descriptors.nouns.get(i + 1)
                return descriptors.country_of_noun(i, True) or (noun.value if noun else None)
        return None

    def _covered_by_descriptions(self, s: int) -> set[int]:
        """The tokens of sentence ``s`` inside posts, ranks, countries and organisations,
        worked out once per sentence."""
        covered = self._covered.get(s)
        if covered is None:
            covered = self._covered[s] = {
                i for kind in ("position", "rank", "country", "organization")
                for m in self.mentions.in_sentence(kind, s) for i in range(m.start, m.end)
            }  # fmt: skip
        return covered

    def _spoken_of(self, toks: list[Token], k: int, mention: Mention) -> bool:
        """True for a person talked about, not a participant: "о президенте Украины X",
        "обсудили заявление X" (a name in the genitive after a thing)."""
        j = k - 1
        covered = self._covered_by_descriptions(toks[k].sentence)
        while j >= 0 and (toks[j].index in covered or toks[j].lemma in HONORIFICS):
            j -= 1
        if j < 0:
            return False
        before = toks[j]
        if before.lemma in ("о", "об", "про", "против", "без"):
            return True
        last = self.tokens[mention.end - 1]
        return (
            before.has("NOUN", "inan")
            and not (j and toks[j - 1].has("PREP"))  # "принял в Кремле министра ..."
            and before.lemma not in STRONG_WORDS
            and before.lemma not in EVENT_WORDS
            and before.lemma != "приглашение"
            and before.lemma not in CREDENTIAL_WORDS  # "грамоты посла X": X is received
            and last.text != mention.value.split()[-1]  # inflected, not in the nominative
            and last.any_has("gent")
        )

    def _described(
        self,
        sentence: Sentence,
        toks: list[Token],
        segments: list[int],
        seg: set[int],
        named: set[str],
    ) -> Iterator[tuple[Person, str]]:
        """Persons the clause names by post and country, as a colleague or a guest."""
        base = sentence.first_token
        s = sentence.index
        persons = self.mentions.in_sentence("person", s)
        posts = self.mentions.in_sentence("position", s)
        for pos in posts:
            if segments[pos.start - base] not in seg or self._attached(pos, persons):
                continue
            countries = self.mentions.descriptors.countries_of_post(pos)
            if len(countries) > MAX_PARTICIPANTS:
                continue
            plural = self.tokens[pos.start].any_has("plur") and len(countries) > 1
            for country in countries if plural else countries[:1]:
                person = self._resolve(pos.value, country, set())
                if person is not None:
                    yield person, country
        lemmas = self.lemmas[base : base + len(toks)]
        for j in [j for j, lemma in enumerate(lemmas) if lemma in DESCRIPTOR_WORDS]:
            if segments[j] not in seg:
                continue
            i = base + j
            lemma = lemmas[j]
            if any(p.start <= i < p.end for p in posts):
                continue
            if any(m.start in (i + 1, i + 2, i + 3) for m in persons):
                continue  # "коллегой из Вьетнама Фан Ван Зянгом": named
            colleague = lemma in COLLEAGUE_WORDS
            descriptors = self.mentions.descriptors
            side = descriptors.country_of_noun(i, colleague)
            if side is None and lemma in HEAD_WORDS and i + 1 in descriptors.nouns:
                side = descriptors.nouns[i + 1].value
            if side is None:
                continue
            post = "президент" if lemma in HEAD_WORDS else None
            person = self._resolve(post, side, named if colleague else set())
            if person is not None:
                yield person, side

    def _attached(self, pos: Mention, persons: list[Mention]) -> bool:
        """The post belongs to a name right after it (ranks, countries between) or before it."""
        end = pos.end
        for c in self.mentions.descriptors.countries_after(pos.end):
            end = max(end, c.end)
        for m in persons:
            if end <= m.start <= end + 3 and all(
                t.is_word and not t.has("VERB") and not t.has("PREP")
                for t in self.tokens[end : m.start]
            ):
                return True
            if m.end + 1 == pos.start and self.tokens[m.end].text == ",":
                return True
        return False

    def _resolve(self, position: str | None, country: str, exclude: set[str]) -> Person | None:
        """The article's one person with this post (or just this country) and country.

        The persons come from an index by country and post, and at most two of them are
        looked at (one decides, two are too many), not every person of the article."""
        if position is not None:
            exact = self._two(self._people_by[(country, position)], exclude)
            if exact:
                return exact[0] if len(exact) == 1 else None
        people = self._two(self._people_by[country], exclude)
        return people[0] if len(people) == 1 else None

    @staticmethod
    def _two(people: list[Person], exclude: set[str]) -> list[Person]:
        return list(islice((p for p in people if p.name not in exclude), 2))

    @cached_property
    def _people_by(self) -> defaultdict[str | None | tuple[str | None, str | None], list[Person]]:
        """The persons of the article by country and by (country, post), in article order."""
        index: defaultdict[str | None | tuple[str | None, str | None], list[Person]] = defaultdict(
            list
        )
        for p in self.people:
            index[p.country].append(p)
            index[(p.country, p.position)].append(p)
        return index

    def _previous_people(self, index: int, exclude: set[str]) -> list[Person]:
        """The persons named in the sentence just before (for "их встреча"), when they are
        two or more."""
        names = [
            name
            for name in dict.fromkeys(
                m.value for m in self.mentions.in_sentence("person", index - 1)
            )
            if name not in exclude
        ]
        if not 2 <= len(names) <= MAX_PARTICIPANTS:
            return []
        return [self.mentions.people[name] for name in names]

    def _previous_person(self, index: int, exclude: set[str]) -> Person | None:
        """The first person named in the nearest earlier sentence (for "его", "он")."""
        for s in range(index - 1, max(-1, index - 3), -1):
            persons = [m for m in self.mentions.in_sentence("person", s) if m.value not in exclude]
            if persons:
                return self.mentions.people[persons[0].value]
        return None

    # -- format, place, date ----------------------------------------------------------------

    @staticmethod
    def _format(toks: list[Token], trig: list[int], clause: list[Token], text: str) -> str:
        """The format the triggers and their clauses (``clause``) suggest; ``text`` is the
        sentence's."""
        if not CALL_WORDS.isdisjoint([t.lemma for t in clause]) or (
            "телефону" in text.lower()  # no "по телефону" in the clause without it
            and "по телефону" in " ".join(t.text.lower() for t in clause)
        ):
            return "call"
        trig_lemmas = {toks[k].lemma for k in trig}
        if trig_lemmas & (VISIT_WORDS | ARRIVAL_WORDS):
            return "visit"
        if trig_lemmas & TALKS_WORDS:
            return "talks"
        return "meeting"

    def _place(
        self,
        sentence: Sentence,
        toks: list[Token],
        segments: list[int],
        seg: set[int],
        trig: list[int],
    ) -> tuple[str | None, bool, str | None]:
        """The meeting's city (named in the clause, or "там"/"здесь") and the visited country."""
        base = sentence.first_token
        visiting = any(toks[k].lemma in VISIT_WORDS for k in trig)
        place = destination = None
        located = True
        for m in self.mentions.in_sentence("place", sentence.index):
            j = m.start - base
            if segments[j] in seg and (
                _located(toks, j) or visiting and self.tokens[m.start].any_has("accs")
            ):
                place, destination = m.value, m.country
                break
        lower = sentence.text.lower()
        if place is None and ("там" in lower or "здесь" in lower):
            for j, tok in enumerate(toks):
                if segments[j] in seg and tok.text.lower() in ("там", "здесь"):
                    place = (
                        self._place_before(sentence.index)
                        if tok.text.lower() == "там"
                        else self._dateline[0]
                    )
                    located = False
                    break
        if destination is None:
            for m in self.mentions.in_sentence("country", sentence.index):
                j = m.start - base
                if (
                    m.form != "adjective"
                    and segments[j] in seg
                    and j
                    and (
                        toks[j - 1].lemma in ("в", "во")
                        or visiting  # "посетит Кыргызстан"
                        and toks[j].any_has("accs")
                        and not toks[j - 1].has("PREP")
                    )
                ):
                    destination = m.value
                    break
        return place, located, destination

    def _place_before(self, index: int) -> str | None:
        for s in range(index - 1, max(-1, index - 3), -1):
            places = self.mentions.in_sentence("place", s)
            if places:
                return places[-1].value
        return None

    def _date(
        self, sentence: Sentence, toks: list[Token], segments: list[int], seg: set[int]
    ) -> str | None:
        base = sentence.first_token
        for d in starting_between(self.mentions.dates, sentence.first_token, sentence.last_token):
            if (
                segments[d.start - base] in seg
                and (d.prep or "") not in _DATE_PREPS
                and not (d.prep in ("с", "со") and d.end_value is None)  # "впервые с 2010 года"
            ):
                # a day or month without its year in a past-tense clause is behind
                # publication: "в декабре провел" in a January article
                if d.yearless and tense(toks) == "past":
                    return fact_date(self.doc, d, "past")
                return fact_date(self.doc, d)
        return None

    def _anchors(
        self, sentence: Sentence, toks: list[Token], segments: list[int], seg: set[int]
    ) -> list[tuple[str, frozenset[str]]]:
        lemmas = self.lemmas[sentence.first_token : sentence.last_token]
        if EVENT_WORDS.isdisjoint(lemmas):
            return []
        orgs = frozenset(m.value for m in self.mentions.in_sentence("organization", sentence.index))
        return [
            (lemma, orgs)
            for j, lemma in enumerate(lemmas)
            if lemma in EVENT_WORDS and segments[j] in seg
        ]

    def _event_place(self, meeting: _Meeting) -> str | None:
        """The place the article gives for the event the meeting was held at."""
        for lemma, orgs in meeting.anchors:
            first = min(meeting.sentences)
            if lemma == GENERIC_EVENT:
                earlier = [e for e in self._events if e[0] < first and e[1] != GENERIC_EVENT]
                if not earlier:
                    continue
                _, lemma, orgs, _ = earlier[-1]
            matching = [
                e
                for e in self._events
                if e[3] and e[1] == lemma and (not orgs or not e[2] or orgs & e[2])
            ]
            if matching:
                before = [e for e in matching if e[0] <= first]
                return (before[-1] if before else matching[0])[3]
        return None

    @cached_property
    def _events(self) -> list[tuple[int, str, frozenset[str], str | None]]:
        """(sentence, event lemma, organisations, place) for every event word in the article."""
        out: list[tuple[int, str, frozenset[str], str | None]] = []
        for sentence in self.doc.sentences:
            words = self.lemmas[sentence.first_token : sentence.last_token]
            if EVENT_WORDS.isdisjoint(words):
                continue
            lemmas = [
                lemma
                for k, lemma in enumerate(words)
                if lemma in EVENT_WORDS and OTHER_INSTANCE.isdisjoint(words[max(0, k - 3) : k])
            ]  # not "следующий саммит": another one
            if not lemmas:
                continue
            toks = self.doc.sentence_tokens(sentence)
            base = sentence.first_token
            place = next(
                (
                    m.value
                    for m in self.mentions.in_sentence("place", sentence.index)
                    if _located(toks, m.start - base)
                ),
                None,
            )
            orgs = frozenset(
                m.value for m in self.mentions.in_sentence("organization", sentence.index)
            )
            out.extend((sentence.index, lemma, orgs, place) for lemma in lemmas)
        return out

    @cached_property
    def _dateline(self) -> tuple[str | None, str | None, str | None]:
        """(city, country, date) of the dateline zone when it has a date ("АЛМА-АТА, 31
        октября.")."""
        place = self.doc.dateline_place
        if place is not None:
            sentence = self.doc.sentences[place.sentence]
            dates = starting_between(self.mentions.dates, sentence.first_token, sentence.last_token)
            if dates:
                return place.value, place.country, dates[0].value
        return None, None, None

    def _dateline_place(self, meeting: _Meeting) -> str | None:
        city, country, day = self._dateline
        if city is None or meeting.destination not in (None, country):
            return None
        if meeting.date is not None and day is not None and not day.startswith(meeting.date):
            return None
        return city

    # -- topics -----------------------------------------------------------------------------

    def _topics(self, toks: list[Token], lemmas: list[str]) -> list[str]:
        """What the sides discussed: the objects of "обсудили", "затронули вопросы", ...;
        in a back reference also "направлением сотрудничества является X"."""
        starts = []
        if not TOPIC_VERBS.keys().isdisjoint(lemmas):
            starts = [
                (k + 1, TOPIC_VERBS[lemma])
                for k, lemma in enumerate(lemmas)
                if lemma in TOPIC_VERBS and not _PREDICATE.isdisjoint(toks[k].info.first)
            ]
        if not starts and "направление" in lemmas:
            starts = [(k + 1, "") for k, lemma in enumerate(lemmas) if lemma == "являться"][:1]
        if not starts:
            return []
        first, end = toks[0].index, toks[-1].index + 1
        dated = {
            i
            for d in starting_between(self.mentions.dates, first, end)
            for i in range(d.start, d.end)
        }
        cut = cut_off_at(self.doc.text)  # a word the page's end cut in two is no topic
        out: list[str] = []
        for k, prep in starts:
            for item in _topic_items(toks, k, prep):
                item = [t for t in item if t.index not in dated]
                while item and item[-1].has("PREP"):
                    item.pop()
                if cut is not None and any(t.end > cut for t in item):
                    continue
                phrase = _topic(item, self.doc.text)
                if phrase and phrase not in out:
                    out.append(phrase)
        return out


# -- helpers on token lists ---------------------------------------------------------------------


def _hypothetical(toks: Sequence[Token], k: int) -> bool:
    """The trigger is only contemplated: "готов к переговорам", "могут встретиться"."""
    return any(
        t.lemma in HYPOTHETICAL_WORDS or t.lemma == "мочь" and not t.has("past")
        for t in toks[max(0, k - 4) : k]
    )


def _cancelled(toks: Sequence[Token], lemmas: list[str]) -> bool:
    """The sentence calls a meeting off: "не состоялась", "визит отложен", "перенесены"."""
    if not CANCEL_WORDS.isdisjoint(lemmas):
        return True
    return not HAPPEN_WORDS.isdisjoint(lemmas) and any(
        negated(toks, j) for j, lemma in enumerate(lemmas) if lemma in HAPPEN_WORDS
    )


def _visit_place(clue: _Clue, last: _Meeting | None) -> None:
    """A visit named without sides ("В рамках визита в Ташкенте ...") gives its city to the
    visit just reported, when that has none."""
    if (
        clue.place
        and clue.located
        and last is not None
        and "visit" in last.formats
        and last.place is None
        and clue.sentence - last.last <= BACKREF_DISTANCE
        and last.destination in (None, clue.destination)
    ):
        last.place, last.place_rank = clue.place, 2


def _same_trip(visit: _Meeting, meeting: _Meeting) -> bool:
    """A trip that is still planned cannot be the one of a meeting that took place."""
    return not (visit.future and not meeting.future)


def _located(toks: Sequence[Token], j: int) -> bool:
    """A place "в Минске", "в Алма-Ату", "в столицу Узбекистана Ташкент", "в городе Ош"."""
    i = j - 1
    steps = 0
    while i >= 0 and steps < 4:
        lemma = toks[i].lemma
        if lemma in ("в", "во"):
            return True
        if not toks[i].is_word or toks[i].has("PREP") or toks[i].has("VERB"):
            return False
        i -= 1
        steps += 1
    return False


def _topic_items(toks: Sequence[Token], k: int, prep: str) -> list[list[Token]]:
    """The coordinated noun phrases after a topic verb, up to the end of its clause."""
    n = len(toks)
    while k < n and (
        toks[k].text in _QUOTES
        or toks[k].has("ADVB")
        or toks[k].lemma in ("также", "мнение", "внимание", "особый", "друг", "большой", "быть")
        or toks[k].has("CONJ")
        and toks[k].lemma != "и"
    ):
        k += 1
    while (
        k + 1 < n
        and toks[k].lemma in ("в", "во", "по")
        and (
            toks[k + 1].is_capitalized
            or toks[k + 1].lemma in ("телефон", "видеосвязь", "видеоконференция")
        )
    ):  # "обсудили в Баку ...", "обсудили по телефону ..."
        k += 2
    if k < n and toks[k].lemma in ("с", "со"):  # "обсудил с коллегой вопросы"
        k += 1
        while (
            k < n
            and toks[k].is_word
            and not toks[k].has("PREP")
            and (toks[k].any_has("ablt") or toks[k].is_capitalized)
        ):
            k += 1
    if prep:
        if k >= n or toks[k].lemma not in (prep, prep + "б", "об"):
            return []
        k += 1
    items: list[list[Token]] = [[]]
    while k < n:
        tok = toks[k]
        text = tok.text
        nxt = toks[k + 1] if k + 1 < n else None
        if text in _QUOTES and items[-1] and nxt is not None and nxt.is_capitalized:
            # a name in quotes: "учения «Щит Союза»"
            close = next((j for j in range(k + 1, n) if toks[j].text in _QUOTES), None)
            if close is None:
                break
            items[-1].extend(toks[k : close + 1])
            k = close + 1
            continue
        if text in (".", ";", ":", "!", "?", "(", ")") or text in _QUOTES or text in _DASHES:
            break
        if text == ",":
            if (
                nxt is None
                or nxt.lemma in SUBORDINATORS
                or _verbal(nxt)
                or _participial(toks, k + 1)
            ):
                break
            items.append([])
        elif tok.lemma == "и" or tok.lemma == "а" and nxt is not None and nxt.lemma == "также":
            if nxt is not None and _verbal(nxt):
                break
            items.append([])
            if tok.lemma == "а":
                k += 1
        elif _verbal(tok):
            break
        else:
            items[-1].append(tok)
        k += 1
    return _share_heads([i for i in items if i])


def _participial(toks: Sequence[Token], k: int) -> bool:
    """An adjective followed by a preposition opens a clause (", достигнутых в ходе ...")."""
    return k + 1 < len(toks) and toks[k].has("ADJF") and toks[k + 1].has("PREP")


def _verbal(tok: Token) -> bool:
    first = tok.info.first
    return not _VERBAL.isdisjoint(first) and "ADJF" not in first


def _share_heads(items: list[list[Token]]) -> list[list[Token]]:
    """An item ending in an adjective takes the head noun (and what follows it) of the next
    item: "военного и военно-технического сотрудничества"; a lone noun in the case of the
    previous item's last noun takes its head: "противодействия терроризму и наркотрафику"."""
    out: list[list[Token]] = []
    for k, item in enumerate(items):
        following = items[k + 1] if k + 1 < len(items) else []
        h = _head(following)
        if h is not None and (_head(item) is None or item[-1].has("ADJF")):
            item = item + following[h:]
        elif (
            k
            and len(item) == 1
            and len(items[k - 1]) >= 2
            and _same_oblique_case(items[k - 1][-1], item[0])
        ):
            item = items[k - 1][:-1] + item  # "противодействия терроризму и наркотрафику"
        out.append(item)
    return out


def _same_oblique_case(a: Token, b: Token) -> bool:
    if not (a.parses and b.parses and a.has("NOUN") and b.has("NOUN")):
        return False
    case = a.parses[0].tag.case
    return case not in ("nomn", "accs", "gent") and case == b.parses[0].tag.case


def _head(item: Sequence[Token]) -> int | None:
    for j, tok in enumerate(item):
        info = tok.info
        if "ADJF" not in info.first and "PREP" not in info.first and "NOUN" in info.any_grammemes:
            return j
    return None


def _topic(item: list[Token], text: str) -> str | None:
    """One topic in the nominative, without generic heads ("вопросы региональной
    безопасности" → "региональная безопасность")."""
    while True:
        h = _head(item)
        if h is None:
            return None
        rest = item[h + 1 :]
        if rest and rest[0].lemma in ("по", "о", "об"):
            rest = rest[1:]
        lemma = item[h].lemma
        if not rest and (lemma in GENERIC_HEADS or lemma in SOFT_HEADS):
            return None  # "текущее состояние и перспективы ...": the head of the next item
        if (
            rest
            and _head(rest) is not None
            and (lemma in GENERIC_HEADS or lemma in SOFT_HEADS and len(rest) >= 2)
        ):
            item = rest
            continue
        if (
            len(rest) >= 3
            and rest[0].lemma == "в"
            and rest[1].has("ADJF")
            and rest[2].lemma in SPHERE_WORDS
        ):  # "сотрудничество в оборонной сфере" → "оборонное сотрудничество"
            item = [rest[1], item[h]]
            break
        if (
            len(rest) >= 2
            and rest[0].lemma == "в"
            and rest[1].lemma in SPHERE_WORDS
            and len(rest) > 2
        ):
            item = rest[2:]  # "сотрудничество в сфере подготовки кадров" → "подготовка кадров"
            continue
        break
    if len(item) > 8:
        return None
    phrase = _nominative(item, text)
    return phrase.lower() if phrase[:1].isupper() and not phrase[1:2].isupper() else phrase


def _nominative(item: list[Token], text: str) -> str:
    """grammar.nominative over tokens that need not be contiguous in the text (then joined
    by spaces)."""
    if all(b.index == a.index + 1 for a, b in zip(item, item[1:], strict=False)):
        return nominative(item, text)
    pieces: list[Token] = []
    synthetic = ""
    for tok in item:
        if synthetic:
            synthetic += " "
        pieces.append(replace(tok, start=len(synthetic), end=len(synthetic) + len(tok.text)))
        synthetic += tok.text
    return nominative(pieces, synthetic)


@svodka.hookimpl
def register_extractors(register) -> None:
    register(MeetingExtractor())
