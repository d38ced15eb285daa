"""Accession and membership: a state's status in an international organisation.

A status phrase is found by its trigger word: a status noun ("стала полноправным членом
ШОС", "получил статус наблюдателя в ЕАЭС", "в статусе партнера по диалогу"), a verb or
noun of entry or exit that governs the organisation through its preposition ("вступила в
НАТО", "присоединение к БРИКС", "вышла из СНГ"), a suspension ("приостановила членство
в ...") or an enlargement ("расширение НАТО за счет Швеции и Финляндии"). Words before the
trigger turn an entry into an application ("подала заявку на вступление") or an invitation
("пригласили присоединиться"), or cancel it ("не будет вступать"); a stance on an entry
("поддерживает присоединение") or a refusal after it ("от членства отказалась") states none.

The organisation is the one the phrase governs, named or referred to by an anaphor
("организации", "союза", "альянса") resolved to the organisation named before; the state
is the country group the phrase governs ("вступление Швеции и Финляндии") or else the
nearest eligible country group of the same clause (not a post's or an institution's
country: "президент Узбекистана"). Member lists ("членов ОДКБ — Армении, Казахстана ...",
"Его участники – ...", "наряду с Индией, Ираном ...") give lower-confidence records.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date as Day
from datetime import timedelta
from functools import cached_property

import svodka
from svodka.components import Extractor
from svodka.extract.rules import derived, table, value_and_words, words
from svodka.mentions.find import Mention
from svodka.model.records import Membership
from svodka.normalize.dates import DateMention, context_date, date_value, starting_between
from svodka.text import syntax
from svodka.text.parse import ParsedArticle, Sentence, Token

# Status nouns (the last part of a hyphenated lemma: "страна-партнер") -> status.
STATUS_NOUNS = table("membership.status_nouns", str)
# Verbs and nouns of entry and exit -> (status, prepositions that introduce the organisation;
# empty: the organisation is the direct object).
MOVES: dict[str, tuple[str, tuple[str, ...]]] = table("membership.moves", value_and_words)
# "расширение НАТО за счет Швеции": the organisation follows, the states after "за счет".
ENLARGEMENT = words("membership.enlargement")
# "приостановила членство/участие в ОДКБ"
SUSPENSION = words("membership.suspension")
SUSPENDED_THINGS = words("membership.suspended_things")
# "участие в деятельности/работе ОДКБ": the organisation after one of these nouns.
ACTIVITIES = words("membership.activities")
# Words before an entry that make it an application, an invitation, or a completed one.
APPLICATION = words("membership.application")
INVITATION = words("membership.invitation")
COMPLETION = words("membership.completion")
REFUSAL = words("membership.refusal")
STANCES = words("membership.stances")  # "поддерживает присоединение": no status
# Verbs that state a change of status ("стала членом", "получил статус наблюдателя").
CHANGE_VERBS = words("membership.change_verbs")
# Words before a status noun that make it a status ("в статусе партнера", "как наблюдатель").
STATUS_WORDS = words("membership.status_words")
STATE_NOUNS = words("membership.state_nouns")  # "страны-члены", "государств — членов"
# Words that refer back to the organisation named before.
ANAPHORS = words("membership.anaphors")
DETERMINERS = words("membership.determiners")
PRONOUNS = words("membership.pronouns")  # "Его участники – ..."
COUNTRY_ANAPHORS = words("membership.country_anaphors")  # "вступление страны в ШОС"
# Nouns whose genitive country is the one that changes status ("вступление Ирана").
GOVERNING_NOUNS = words("membership.governing_nouns")
# Prepositions after which a country is the companion of the subject ("наряду с Индией").
COMPANION = words("membership.companion")
LINKS = {",", "и", "а", "также", "или"}  # between the countries of a group
DASHES = {"—", "–", "-", ":", "("}
SUBORDINATORS = words("membership.clause_starts")
# Gazetteer organisations that states are not members of.
NOT_MEMBERSHIP = words("membership.not_membership")
EARLIER = words("membership.earlier")  # a change not dated by the publication
# Nouns of a change of status: the context (a summit, a follow-up decision) may date it.
CHANGE_NOUNS = words("membership.change_nouns")
RECALLING = words("membership.recalling")  # "напомнил, что ... вступила": an old change
# Verbs of announcing: "в феврале объявил, что ... заморозил" dates the change.
ANNOUNCING = words("membership.announcing")
UNDATED_PREPS = words("membership.undated_preps")  # "на сегодня": a state, not the date of a change
VERB_FORMS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})
# Negated after a status phrase, these deny it ("вопрос о членстве не стоит", "речь не идет",
# "вступление не состоится"); others judge it ("вступление ... не останется без ответа").
_DENIALS = words("membership.denials")
DENIALS = derived(lambda: CHANGE_VERBS | SUSPENSION | _DENIALS)
# "спустя неделю после того, как ...": interval units -> days, counts, the prepositions.
INTERVALS = table("membership.intervals", int)
COUNTS = table("membership.counts", int)
INTERVAL_PREPS = words("membership.interval_preps")
CUE_WINDOW = 6  # words before a trigger searched for cues (countries not counted)
BRACKETED_NAME = 8  # words of an organisation's name before its acronym in brackets
CONTEXT_SENTENCES = 4  # how far back an organisation named before is looked for


@dataclass
class _Group:
    """Coordinated countries ("Швеции и Финляндии"), tokens ``start``..``end``."""

    start: int
    end: int
    codes: list[str]
    eligible: bool
    companion: bool


@dataclass
class _Frame:
    """A status phrase with its organisation, before its state is chosen."""

    status: str
    orgs: list[str]  # "входит в ОДКБ, ЕАЭС и ШОС": one record each
    first: int  # first token of the phrase (its verb when one governs it)
    last: int  # the trigger token
    org_named: bool
    strength: int  # 2 when a verb of change states it
    now: bool  # a finite verb in the past or present: the publication date dates it
    governed: tuple[int, ...] = ()  # where a governed country group may start
    listing: bool = False  # "членов ОДКБ — Армении, ...": only the list that follows


@dataclass
class _Found:
    record: Membership
    rank: tuple[int, int]  # (strength, 2 dated in the text / 1 by publication / 0 undated)


class _Article:
    """Per-article lookups shared by the sentences."""

    def __init__(self, doc: ParsedArticle) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        mentions = doc.mentions
        self.orgs = [m for m in mentions.organizations if m.value not in NOT_MEMBERSHIP]
        self.org_ends = [m.end for m in self.orgs]
        self.org_at = {m.start: m for m in self.orgs}
        self.org_ending_at: dict[int, Mention] = {}  # the first one ending at each token
        for m in self.orgs:
            self.org_ending_at.setdefault(m.end, m)
        self.country_tokens = {
            i for m in mentions.countries if m.form != "adjective" for i in range(m.start, m.end)
        }
        self.position_ends = {m.end for m in mentions.positions}
        self.org_tokens = {i for m in mentions.organizations for i in range(m.start, m.end)}
        self.dates = mentions.dates
        self.date_tokens = {i for d in self.dates for i in range(d.start, d.end)}

    def org_before(self, index: int, limit: int) -> str | None:
        """The last membership organisation named before token ``index`` (not before ``limit``)."""
        k = bisect_left(self.org_ends, index + 1) - 1
        if k >= 0 and self.orgs[k].start >= limit:
            return self.orgs[k].value
        return None


class MembershipExtractor(Extractor):
    """One record per state, organisation and status; the best-stated one gives the date."""

    name = "membership"
    record_types = ("membership",)

    def extract(self, doc: ParsedArticle) -> Iterator[Membership]:
        art = _Article(doc)
        found: dict[tuple[str, str, str], _Found] = {}
        for sentence in doc.sentences:
            if not _has_trigger(doc.sentence_lemmas[sentence.index]):
                continue
            for item in _SentenceReader(art, sentence).records():
                key = (item.record.country, item.record.organization, item.record.status)
                old = found.get(key)
                if old is not None:
                    best = max(item.record.confidence, old.record.confidence)
                    item.record.confidence = old.record.confidence = best
                if old is None or item.rank > old.rank:
                    found[key] = item
        yield from (item.record for item in found.values())


def _parts(token: Token) -> list[str]:
    return token.lemma.split("-")


_TRIGGERS = derived(lambda: STATUS_NOUNS.keys() | MOVES.keys() | ENLARGEMENT | SUSPENSION)
# Lemmas that start a frame (see _SentenceReader._frame), besides hyphenated status nouns.
_FRAME_WORDS = derived(lambda: STATUS_NOUNS.keys() | MOVES.keys() | ENLARGEMENT | SUSPENDED_THINGS)


# Words between a status noun and its organisation ("партнера по диалогу" в ШОС").
_ATTACHING = frozenset({"в", "во", "при", "по", "диалогу", '"', "«", "»"})


def _has_trigger(lemmas: AbstractSet[str]) -> bool:
    """A word that may start a status phrase among a sentence's lemmas (the cheap test that
    selects sentences); a status noun may end a hyphenated lemma ("страна-член")."""
    return not _TRIGGERS.isdisjoint(lemmas) or any(
        lemma.rpartition("-")[2] in STATUS_NOUNS for lemma in lemmas if "-" in lemma
    )


class _SentenceReader:
    """The status phrases of one sentence and the records they give."""

    def __init__(self, art: _Article, sentence: Sentence) -> None:
        self.art = art
        self.doc = art.doc
        self.tokens = art.tokens
        self.sentence = sentence
        self.lo, self.hi = sentence.first_token, sentence.last_token

    # -- sentence structure ---------------------------------------------------------------

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """Clause spans: split at ";" and at a comma before a subordinator or "а"/"но"."""
        return syntax.clauses(
            self.tokens,
            self.lo,
            self.hi,
            lambda k: syntax.subordinate_at(
                self.tokens, k, SUBORDINATORS, self.hi, through_prepositions=False
            ),
        )

    def clause_of(self, i: int) -> tuple[int, int]:
        return next(c for c in self.clauses if c[0] <= i < c[1])

    @cached_property
    def groups(self) -> list[_Group]:
        """Country groups of the sentence, with their eligibility as the changing state."""
        mentions = [  # not "России и Беларуси" in "Союзное государство России и Беларуси"
            m
            for m in self.doc.mentions.in_sentence("country", self.sentence.index)
            if m.form != "adjective" and m.start not in self.art.org_tokens
        ]
        groups: list[_Group] = []
        for m in mentions:
            last = groups[-1] if groups else None
            if last and self._linked(last.end, m.start):
                last.end = m.end
                if m.value not in last.codes:
                    last.codes.append(m.value)
                continue
            if last and m.start < last.end:
                continue
            eligible, companion = self._eligibility(m)
            groups.append(_Group(m.start, m.end, [m.value], eligible, companion))
        return groups

    def _linked(self, end: int, start: int) -> bool:
        between = self.tokens[end:start]
        return 0 < len(between) <= 3 and all(t.text.lower() in LINKS for t in between)

    def _eligibility(self, m: Mention) -> tuple[bool, bool]:
        """(may be the changing state, is a companion "наряду с X")."""
        if m.start in self.art.position_ends:
            return False, False
        if m.start == self.lo:
            return True, False
        prev = self.tokens[m.start - 1]
        if not prev.is_word or prev.index in self.art.date_tokens:
            return True, False
        if prev.has("PREP"):
            before = self.tokens[m.start - 2].lemma if m.start - 2 >= self.lo else ""
            if prev.lemma in ("с", "со") and before in COMPANION:
                return False, True
            return prev.lemma == "у", False
        if prev.lemma == "счет" and self._word(m.start - 2) == "за":  # "за счет Швеции"
            return True, False
        head = self.tokens[m.start]
        if prev.has("NOUN") and head.any_has("gent") and prev.lemma not in GOVERNING_NOUNS:
            return False, False
        return True, False

    # -- frames --------------------------------------------------------------------------

    def records(self) -> Iterator[_Found]:
        frames = []
        for i in range(self.lo, self.hi):
            lemma = self.tokens[i].lemma  # the cheap test of _frame, without a call per token
            if lemma not in _FRAME_WORDS and "-" not in lemma:
                continue
            frame = self._frame(i)
            if frame is not None:
                frames.append(frame)
        for frame in frames:
            yield from self._records(frame, frames)
        yield from self._elliptic(frames)

    def _frame(self, i: int) -> _Frame | None:
        """The frame a word of _FRAME_WORDS (or a hyphenated one) starts, if any."""
        token = self.tokens[i]
        if not token.is_word:
            return None
        last = _parts(token)[-1]
        if last in STATUS_NOUNS:
            return self._noun_frame(i)
        if token.lemma in MOVES:
            return self._move_frame(i)
        if token.lemma in ENLARGEMENT:
            return self._enlargement_frame(i)
        if token.lemma in SUSPENDED_THINGS:
            return self._suspension_frame(i)
        return None

    def _cues(self, i: int) -> list[Token]:
        """Up to CUE_WINDOW words before token ``i`` in its clause (countries skipped)."""
        start = self.clause_of(i)[0]
        out: list[Token] = []
        k = i - 1
        while k >= start and len(out) < CUE_WINDOW:
            tok = self.tokens[k]
            if k not in self.art.country_tokens and tok.is_word:
                out.append(tok)
            k -= 1
        return out

    def _verb(self, i: int, cues: list[Token]) -> Token | None:
        token = self.tokens[i]
        if token.lemma in CHANGE_VERBS and _is_verb(token):
            return token
        verb = next((t for t in cues if _is_verb(t)), None)  # the nearest verb before
        return verb if verb is not None and verb.lemma in CHANGE_VERBS else None

    def _blocked(self, i: int, cues: list[Token]) -> bool:
        """Negated, refused or conditional ("не будет вступать", "если ... вступит")."""
        tokens = self.tokens
        for tok in cues:
            if tok.lemma in REFUSAL:
                return True
            if tok.text.lower() in ("не", "ни"):
                after = tokens[tok.index + 1].text.lower() if tok.index + 1 < self.hi else ""
                if after not in ("только", "менее", "раз"):
                    return True
        start, end = self.clause_of(i)
        if any(t.lemma == "если" or t.lemma in STANCES for t in tokens[start:i]):
            return True
        if any(t.lemma in REFUSAL for t in tokens[i + 1 : min(end, i + 6)]):
            return True  # "от членства отказалась"
        return self._denied_after(i)

    def _denied_after(self, i: int) -> bool:
        """The phrase is the subject or topic of a negated predicate: "вопрос о членстве не
        стоит", "о вступлении речи нет", "вступать в альянс страна не будет"."""
        tokens = self.tokens
        if _is_finite(tokens[i]):
            return False
        lo, hi = self.clause_of(i)
        if any(not VERB_FORMS.isdisjoint(t.info.first) for t in tokens[lo:i]):
            return False  # "получила статус наблюдателя и не ...": the verb before governs it
        for k in range(i + 1, hi):  # the first predicate after it decides
            if tokens[k].text.lower() == "нет":
                return True
            if _is_finite(tokens[k]):
                return tokens[k - 1].text.lower() == "не" and bool(tokens[k].lemmas & DENIALS)
        return False

    def _suspended(self, i: int, cues: list[Token]) -> bool:
        """ "приостановила членство", "членство ... было приостановлено"."""
        end = min(self.clause_of(i)[1], i + 7)
        return any(t.lemma in SUSPENSION for t in (*cues[:3], *self.tokens[i + 1 : end]))

    def _entry_status(self, i: int, cues: list[Token]) -> str:
        """member, or applicant / invited when the words before govern the phrase: up to the
        nearest finite verb ("подавшая заявку Хорватия вступила в ЕС" is a member)."""
        governing: list[Token] = []
        if not _is_finite(self.tokens[i]):
            for tok in cues:
                governing.append(tok)
                if _is_finite(tok):
                    break
        lemmas = {t.lemma for t in governing} | {_parts(t)[-1] for t in governing}
        if lemmas & INVITATION:
            return "invited"
        applied = lemmas & APPLICATION
        if applied == {"процедура"}:
            start, end = self.clause_of(i)
            if any(t.lemma in COMPLETION for t in self.tokens[start:end]):
                return "member"
        return "applicant" if applied else "member"

    def _make(
        self,
        status: str,
        org: tuple[str, int, bool],
        i: int,
        cues: list[Token],
        governed: tuple[int, ...],
    ) -> _Frame:
        verb = self._verb(i, cues)
        first = min(i, verb.index) if verb is not None else i
        now = verb is not None and (
            verb.has("PRTS") or verb.has("VERB", "indc") and not verb.has("futr")
        )
        orgs, end = self._coordinated(org)
        governed = tuple(end if k == org[1] else k for k in governed)
        return _Frame(status, orgs, first, i, org[2], 2 if verb is not None else 1, now, governed)

    def _coordinated(self, org: tuple[str, int, bool]) -> tuple[list[str], int]:
        """The organisation and those coordinated with it ("в ОДКБ, ЕАЭС и ШОС"), and their end."""
        orgs, end = [org[0]], org[1]
        while self._word(end) in LINKS:
            k = end + 1 if self._word(end + 1) not in LINKS else end + 2
            if self._word(k) in ("в", "во", "к", "из"):
                k += 1
            nxt = self._org_at(k)
            if nxt is None or not nxt[2]:
                break
            if nxt[0] not in orgs:
                orgs.append(nxt[0])
            end = nxt[1]
        return orgs, end

    def _noun_frame(self, i: int) -> _Frame | None:
        token = self.tokens[i]
        parts = _parts(token)
        noun = parts[-1]
        cues = self._cues(i)
        if self._blocked(i, cues):
            return None
        status = STATUS_NOUNS[noun]
        if noun == "партнер" and self._dialogue(i):
            status = "dialogue_partner"
        mode = self._noun_mode(i, parts, status)
        if mode is None:
            return None
        attached = self._attached_org(i)
        if attached is None and self._other_complement(i, noun):
            return None
        if mode == "list":
            if attached is None and self._word(i - 1) in PRONOUNS:
                attached = self._subject_org(i)
            if attached is None:
                return None
            return _Frame(
                status,
                [attached[0]],
                i,
                i,
                attached[2],
                1,
                False,
                governed=(attached[1],),
                listing=True,
            )
        if status == "member":
            status = "suspended" if self._suspended(i, cues) else self._entry_status(i, cues)
        elif status != "applicant":  # "подала заявку на получение статуса наблюдателя"
            entry = self._entry_status(i, cues)
            status = status if entry == "member" else entry
        org = attached or self._nearby_org(i)
        if org is None:
            return None
        return self._make(status, org, i, cues, governed=(i + 1, org[1]))

    def _other_complement(self, i: int, noun: str) -> bool:
        """ "членом правительства", "кандидатом в президенты": the noun is not about a state."""
        if noun == "кандидат" and self._word(i + 1) != "на":
            return True
        nxt = self.tokens[i + 1] if i + 1 < self.hi else None
        return nxt is not None and nxt.has("NOUN", "gent") and i + 1 not in self.art.country_tokens

    def _subject_org(self, i: int) -> tuple[str, int, bool] | None:
        """ "Его участники": the organisation the previous sentence starts with."""
        if self.sentence.index == 0:
            return None
        first = self.doc.sentences[self.sentence.index - 1].first_token
        m = self.art.org_at.get(first)
        return (m.value, i + 1, False) if m is not None else None

    def _dialogue(self, i: int) -> bool:
        """ "партнер по диалогу", also "партнером ШОС по диалогу"."""
        for k in range(i + 1, min(i + 6, self.hi - 1)):
            if self._word(k) == "по" and self._word(k + 1) == "диалогу":
                return True
            if not self.tokens[k].is_word:
                return False
        return False

    def _noun_mode(self, i: int, parts: list[str], status: str) -> str | None:
        """ "regular" when the noun states a status, "list" when it heads a member list."""
        tokens = self.tokens
        token = tokens[i]
        noun = parts[-1]
        before = {tokens[k].lemma for k in range(max(self.lo, i - 2), i)}
        worded = bool(before & STATUS_WORDS)
        if noun in ("участник", "участница"):  # "стали полноправными участниками ШОС"
            return "regular" if self._changed_into(i) else "list"
        if noun == "членство":
            return "regular"
        if (
            noun == "партнер"
            and status != "dialogue_partner"
            and not (worded or len(parts) > 1 and parts[0] in STATE_NOUNS)
        ):
            return None
        hyphened = (
            len(parts) > 1
            and parts[0] in STATE_NOUNS
            or (
                i - 2 >= self.lo
                and tokens[i - 1].text in DASHES
                and tokens[i - 2].lemma in STATE_NOUNS
            )
        )
        if worded or token.has("ablt") and (self._changed_into(i) or not self._possessed(i)):
            return "regular"
        prev = tokens[i - 1] if i > self.lo else None
        if prev is not None and prev.lemma in ("в", "во") and token.any_has("accs"):
            return "regular"
        if noun == "кандидат" and self._word(i + 1) == "на":
            return "regular"
        k = i - 1
        while k > self.lo and tokens[k].has("ADJF"):
            k -= 1
        if tokens[k].text in (*DASHES, ",") and k in self._group_ends():  # "Индия — член ШОС"
            return "regular"
        if hyphened or token.any_has("plur"):
            return "list"
        return None

    def _changed_into(self, i: int) -> bool:
        """ "стала его десятым полноправным членом": a verb of change governs the status noun."""
        tokens = self.tokens
        if not tokens[i].has("ablt"):
            return False
        k = i - 1
        while k > self.lo and (tokens[k].has("ADJF") or self._word(k) in PRONOUNS):
            k -= 1
        return tokens[k].lemma in CHANGE_VERBS and _is_verb(tokens[k])

    def _possessed(self, i: int) -> bool:
        """ "(между ЕАЭС и) его государствами-членами", "со своими членами": the members of an
        organisation, not a state's status ("стала членом")."""
        tokens = self.tokens
        k = i - 1
        while k > self.lo and tokens[k].has("ADJF") and self._word(k) not in PRONOUNS:
            k -= 1
        if k - 1 > self.lo and tokens[k].text in DASHES and tokens[k - 1].lemma in STATE_NOUNS:
            k -= 2  # "государствами — членами"
            while k > self.lo and tokens[k].has("ADJF") and self._word(k) not in PRONOUNS:
                k -= 1
        return self._word(k) in (*PRONOUNS, "с", "со", "между")

    def _group_ends(self) -> set[int]:
        return {g.end for g in self.groups}

    def _move_frame(self, i: int) -> _Frame | None:
        lemma = self.tokens[i].lemma
        status, preps = MOVES[lemma]
        org = self._governed_org(i, preps)
        if org is None:
            return None
        cues = self._cues(i)
        if self._blocked(i, cues):
            return None
        if any(t.lemma in SUSPENSION for t in cues):  # "заморозила процесс вступления"
            return None
        if status == "member":
            status = self._entry_status(i, cues)
        governed = (i + 1, org[1]) if org[1] > i else (i + 1,)
        return self._make(status, org, i, cues, governed=governed)

    def _suspension_frame(self, i: int) -> _Frame | None:
        """ "приостановила участие в ОДКБ" ("членство" is a status noun and handled there)."""
        cues = self._cues(i)
        if not self._suspended(i, cues) or self._blocked(i, cues):
            return None
        org = self._participation_org(i)
        if org is None:
            return None
        return self._make("suspended", org, i, cues, governed=(i + 1,))

    def _participation_org(self, i: int) -> tuple[str, int, bool] | None:
        """ "участие (Армении) в (деятельности) ОДКБ": the organisation of a participation."""
        k = i + 1
        while k < self.hi and k in self.art.country_tokens:
            k += 1
        if self._word(k) not in ("в", "во"):
            return None
        if self._word(k + 1) and self.tokens[k + 1].lemma in ACTIVITIES:
            k += 1
        return self._org_at(k + 1)

    def _enlargement_frame(self, i: int) -> _Frame | None:
        org = self._org_at(i + 1)
        if org is None:
            return None
        k = org[1]
        if not (self._word(k) == "за" and self._word(k + 1) == "счет"):
            return None
        cues = self._cues(i)
        if self._blocked(i, cues):
            return None
        return self._make("member", org, i, cues, governed=(k + 2,))

    # -- organisations ---------------------------------------------------------------------

    def _word(self, k: int) -> str:
        return self.tokens[k].text.lower() if self.lo <= k < self.hi else ""

    def _context_start(self) -> int:
        index = max(0, self.sentence.index - CONTEXT_SENTENCES)
        return self.doc.sentences[index].first_token

    def _org_at(self, j: int) -> tuple[str, int, bool] | None:
        """The organisation named or referred to at token ``j``: (id, end, named)."""
        if not self.lo <= j < self.hi:
            return None
        m = self.art.org_at.get(j)
        if m is not None:
            return m.value, m.end, True
        tok = self.tokens[j]
        if tok.lemma == "который":  # "ШОС, членами которой являются ..."
            return self._relative_org(j)
        if tok.text[:1].isupper():
            bracketed = self._bracketed_org(j)
            if bracketed is not None:
                return bracketed
        determined = tok.lemma in DETERMINERS
        if determined:
            j += 1
            tok = self.tokens[j] if j < self.hi else tok
        if tok.lemma not in ANAPHORS or not tok.any_has("sing") or j in self.art.country_tokens:
            return None
        named = self.art.org_at.get(j + 1)
        if named is not None:  # "объединения БРИКС"
            return named.value, named.end, True
        before, after = self.tokens[j - 1], self._word(j + 1) and self.tokens[j + 1]
        if before.has("ADJF") and not determined:  # "международного сообщества"
            return None
        if after and after.has("NOUN", "gent"):  # "союза писателей"
            return None
        org = self.art.org_before(j, self._context_start())
        return (org, j + 1, False) if org is not None else None

    def _bracketed_org(self, j: int) -> tuple[str, int, bool] | None:
        """A name the gazetteer lacks, followed by its known acronym in brackets:
        "Сообщество развития Юга Африки (САДК)"."""
        for k in range(j + 1, min(j + BRACKETED_NAME, self.hi - 1)):
            if self.tokens[k].text == "(":
                m = self.art.org_at.get(k + 1)
                if m is not None and self._word(m.end) == ")":
                    return m.value, m.end + 1, True
                return None
            if not self.tokens[k].is_word:
                return None
        return None

    def _relative_org(self, j: int) -> tuple[str, int, bool] | None:
        """The organisation a relative pronoun stands for: the one named before its comma."""
        for k in range(j - 1, max(self.lo, j - 3) - 1, -1):
            if self.tokens[k].text == ",":
                m = self.art.org_ending_at.get(k)
                return (m.value, j + 1, True) if m is not None else None
        return None

    def _attached_org(self, i: int) -> tuple[str, int, bool] | None:
        """The organisation right after a status noun ("членом ШОС", "наблюдателя в ЕАЭС")."""
        k = i + 1
        while k < self.hi and k - i <= 3 and self._word(k) in _ATTACHING:
            k += 1
        return self._org_at(k)

    def _nearby_org(self, i: int) -> tuple[str, int, bool] | None:
        """The organisation nearest in the clause, else in the sentence, else named before."""
        for lo, hi in (self.clause_of(i), (self.lo, self.hi)):
            best = None
            for j in range(lo, hi):
                org = self._org_at(j)
                if org is not None and (best is None or abs(j - i) < abs(best[0] - i)):
                    best = (j, org)
            if best is not None:
                return best[1]
        before = self.art.org_before(self.lo, self._context_start())
        return (before, self.lo, False) if before else None

    def _governed_org(self, i: int, preps: tuple[str, ...]) -> tuple[str, int, bool] | None:
        """The organisation a verb or noun of entry/exit governs, after or before it."""
        tokens = self.tokens
        k, skipped = i + 1, 0
        while (
            k < self.hi
            and skipped < 5
            and (
                k in self.art.country_tokens
                or tokens[k].has("ADVB")
                or tokens[k].text.lower() in LINKS
                or tokens[k].lemma in COUNTRY_ANAPHORS
            )
        ):
            k, skipped = k + 1, skipped + 1
        if not preps:
            return self._org_at(k)
        if self._word(k) in preps:
            k += 1
            if tokens[k].lemma in ("член", "состав", "ряд") if k < self.hi else False:
                k += 1
            org = self._org_at(k) or self._coordinated_after(k)
            if org is not None:
                return org
        return self._org_before_move(i, preps)

    def _coordinated_after(self, k: int) -> tuple[str, int, bool] | None:
        """ "к Таможенному союзу и ЕАЭС": a known organisation coordinated after a name the
        gazetteer lacks (words only, up to BRACKETED_NAME of them)."""
        for j in range(k + 1, min(k + BRACKETED_NAME, self.hi - 1)):
            if self._word(j) == "и":
                org = self._org_at(j + 1)
                return org if org is not None and org[2] else None
            if not self.tokens[j].is_word:
                return None
        return None

    def _org_before_move(self, i: int, preps: tuple[str, ...]) -> tuple[str, int, bool] | None:
        """ "к организации присоединилась ...", "в ШОС Беларусь вступила"."""
        k = i - 1
        while (
            k >= self.lo
            and i - k <= 5
            and (k in self.art.country_tokens or self.tokens[k].has("ADVB"))
        ):
            k -= 1
        if k >= self.lo and self.tokens[k].lemma == "который" and self._word(k - 1) in preps:
            return self._relative_org(k)  # "ОДКБ, в которую входят ..."
        for j in range(max(self.lo, k - 4), k + 1):
            org = self._org_at(j)
            if org is not None and org[1] == k + 1:
                before = j - 1
                if self._word(before) == "состава" or self.tokens[before].lemma == "состав":
                    before -= 1
                if self._word(before) in preps:
                    return org
        return None

    # -- states, dates, records ----------------------------------------------------------

    def _records(self, frame: _Frame, frames: list[_Frame]) -> Iterator[_Found]:
        if frame.listing:
            yield from self._listed(frame)
            return
        lo, hi = self.clause_of(frame.last)
        group, fallback = self._state(frame, lo, hi)
        codes = group.codes if group else self._country_anaphor(frame) or self._capital(frame, lo)
        if not codes:
            return
        date, date_rank = self._date(frame, frames, lo, hi)
        confidence = 0.85 - (0 if frame.org_named else 0.1) - (0.15 if fallback or not group else 0)
        yield from self._found(codes, frame, date, confidence, (frame.strength, date_rank))
        for companion in self.groups:
            if companion.companion and lo <= companion.start < hi:
                yield from self._found(companion.codes, frame, None, 0.5, (0, 0))

    def _listed(self, frame: _Frame) -> Iterator[_Found]:
        k = frame.governed[0]
        if self._word(k) and self.tokens[k].text in DASHES:
            group = next((g for g in self.groups if g.start == k + 1), None)
            if group is not None:
                yield from self._found(group.codes, frame, None, 0.5, (0, 0))

    def _elliptic(self, frames: list[_Frame]) -> Iterator[_Found]:
        """ ", а Азербайджан и Грузия — в 1999 году": the previous clause's phrase, another
        state."""
        for lo, hi in self.clauses[1:]:
            if self._word(lo) not in ("а", "и") or any(lo <= f.last < hi for f in frames):
                continue
            before = [f for f in frames if f.last < lo and not f.listing]
            group = next((g for g in self.groups if lo < g.start < hi and g.eligible), None)
            if not before or group is None or self._word(group.end) not in DASHES:
                continue
            dates = self._dates(lo, hi)
            date = self._date_value(dates[0]) if dates else None
            rank = (before[-1].strength, 2 if dates else 0)
            yield from self._found(group.codes, before[-1], date, 0.7, rank)

    def _found(
        self,
        codes: list[str],
        frame: _Frame,
        date: str | None,
        confidence: float,
        rank: tuple[int, int],
    ) -> Iterator[_Found]:
        for org in frame.orgs:
            for code in codes:
                record = Membership(
                    article=self.doc.article.id,
                    country=code,
                    organization=org,
                    status=frame.status,
                    date=date,
                    confidence=round(confidence, 3),
                    evidence=[self.sentence.evidence()],
                )
                yield _Found(record, rank)

    def _state(self, frame: _Frame, lo: int, hi: int) -> tuple[_Group | None, bool]:
        """The country group whose status the phrase states; True when found outside the clause."""
        for g in self.groups:
            if g.start in frame.governed or g.start == frame.last + 1:
                return g, False
        candidates = [g for g in self.groups if g.eligible and lo <= g.start < hi]
        if candidates:
            return min(candidates, key=lambda g: self._distance(g, frame)), False
        antecedent = self._antecedent(lo)
        if antecedent is not None:
            return antecedent, False
        rest = [g for g in self.groups if g.eligible]
        if len(rest) == 1:
            return rest[0], True
        return None, False

    def _antecedent(self, lo: int) -> _Group | None:
        """ "представители Чили, которая приостановила членство": the country group a relative
        clause starting at ``lo`` is about (its pronoun the subject)."""
        k = lo + 1 if self._word(lo) == "," else lo
        if not (self._word(k) and self.tokens[k].lemma == "который"):
            return None
        if not self.tokens[k].any_has("nomn") or self._word(k - 1) != ",":
            return None
        return next((g for g in self.groups if g.end == k - 1), None)

    @staticmethod
    def _distance(group: _Group, frame: _Frame) -> tuple[int, bool]:
        """Tokens between a group and the phrase; a group before it wins a tie."""
        if group.end <= frame.first:
            return frame.first - group.end, False
        return max(0, group.start - frame.last), True

    def _capital(self, frame: _Frame, lo: int) -> list[str]:
        """ "Ереван заморозил участие": a city as the subject before the phrase stands for its
        state: the subject of its verb of change (not after a preposition, not a dateline)."""
        if frame.strength < 2:  # "Анкара блокирует вступление ...": not the changing state
            return []
        for p in self.doc.mentions.in_sentence("place", self.sentence.index):
            token = self.tokens[p.start]
            if not (lo <= p.start < frame.first and p.country) or token.text.isupper():
                continue
            governed = p.start > self.lo and self.tokens[p.start - 1].has("PREP")
            verbs = any(_is_verb(t) for t in self.tokens[p.end : frame.first])
            if token.any_has("nomn") and not governed and not verbs:
                return [p.country]
        return []

    def _country_anaphor(self, frame: _Frame) -> list[str]:
        """ "вступление страны в ШОС": the country named last before (this or the last sentence)."""
        for k in (frame.last + 1, *frame.governed):
            if (
                self.lo <= k < self.hi
                and self.tokens[k].lemma in COUNTRY_ANAPHORS
                and (self.tokens[k].any_has("sing") and k not in self.art.country_tokens)
            ):
                start = self.doc.sentences[max(0, self.sentence.index - 1)].first_token
                before = [
                    m
                    for m in self.doc.mentions.countries
                    if start <= m.start < k and m.form != "adjective"
                ]
                return [before[-1].value] if before else []
        return []

    def _dates(self, lo: int, hi: int) -> list[DateMention]:
        dates = starting_between(self.art.dates, lo, hi)
        return [d for d in dates if d.prep not in UNDATED_PREPS]

    def _date(
        self, frame: _Frame, frames: list[_Frame], lo: int, hi: int
    ) -> tuple[str | None, int]:
        """The date of the change: the nearest in the clause with no other status between
        (before the phrase first); else the date of the announcement a "что" clause reports
        it in; else the context's (:func:`context_date`: the summit it was decided at, a
        follow-up "Соответствующее решение приняли ...", the dateline's lead); else the
        publication date for a change stated as done (not one recalled: "напомнил, что")."""
        dates = self._dates(lo, hi)
        others = [f.last for f in frames if f.status != frame.status and lo <= f.last < hi]

        def clear(d: DateMention) -> bool:
            a, b = sorted((d.start, frame.last))
            return not any(a < o < b for o in others)

        within = [d for d in dates if frame.first < d.start and d.end <= frame.last]
        before = [d for d in dates if d.end <= frame.first and clear(d)]
        after = [d for d in dates if d.start > frame.last and clear(d)]
        # "заморозившая в феврале участие": a date between the verb and its object first
        pick = within[0] if within else before[-1] if before else after[0] if after else None
        if pick is not None:
            return self._date_value(pick), 2
        interval = self._interval_before(lo, frame.first)
        if interval is not None:
            return interval, 2
        earlier = any(t.lemma in EARLIER for t in self.tokens[lo:hi])
        recalled = earlier or any(t.lemma in RECALLING for t in self.tokens[self.lo : self.hi])
        change = frame.strength == 2 or any(
            t.lemma in CHANGE_VERBS or t.lemma in CHANGE_NOUNS for t in self.tokens[lo:hi]
        )
        if change and not earlier:
            value = self._announced(lo) or (
                None if recalled else context_date(self.doc, self.sentence.index)
            )
            if value:
                return value, 2
        if frame.now and not recalled and not starting_between(self.art.dates, lo, hi):
            published = self.doc.article.published
            return (published[:10] if published else None), 1
        return None, 0

    def _interval_before(self, lo: int, first: int) -> str | None:
        """ "спустя неделю после того, как ... покинули": the change precedes the publication
        by the interval; the month only, the interval being approximate."""
        published = self.doc.article.published
        after = [k for k in range(lo, first) if self._word(k) == "после"]
        k = after[0] if after and self._word(after[0] + 1) == "того" else None
        if not published or k is None or k - 1 < self.lo:
            return None
        unit = self.tokens[k - 1]
        days = INTERVALS.get(unit.lemma)
        if days is None:
            return None
        count, j = 1, k - 2
        if j >= self.lo and (self.tokens[j].text.isdigit() or self.tokens[j].lemma in COUNTS):
            word = self.tokens[j]
            count, j = (int(word.text) if word.text.isdigit() else COUNTS[word.lemma]), j - 1
        if self._word(j) not in INTERVAL_PREPS:
            return None
        try:
            then = Day.fromisoformat(published[:10]) - timedelta(days=days * count)
        except ValueError:
            return None
        return then.isoformat()[:7]

    def _announced(self, lo: int) -> str | None:
        """The date of the announcement a "что" clause reports the change in: "В феврале
        премьер объявил, что Ереван заморозил участие" (the change is dated by it)."""
        if lo == self.lo or "что" not in (self._word(lo), self._word(lo + 1)):
            return None
        a, b = self.clause_of(lo - 1)
        if not any(t.lemma in ANNOUNCING for t in self.tokens[a:b]):
            return None
        dates = self._dates(a, b)
        return self._date_value(dates[-1]) if dates else None

    def _date_value(self, date: DateMention) -> str | None:
        """The date's value; "в августе того же года" takes the year of the date named before;
        "накануне саммита": the day before the summit (:func:`date_value`)."""
        value = date_value(self.doc, date)
        words = [self._word(k) for k in range(date.end, date.end + 3)]
        if value and words[:2] == ["того", "же"] and words[2] in ("года", "г."):
            earlier = [d.value for d in self.art.dates if d.end <= date.start and d.value]
            if earlier:
                return earlier[-1][:4] + value[4:]
        return value


_VERB_POS = frozenset(("VERB", "INFN", "PRTS", "PRTF"))
_FINITE_POS = frozenset(("VERB", "PRTS"))


def _is_verb(token: Token) -> bool:
    """Some analysis is a verb, an infinitive or a participle."""
    return not _VERB_POS.isdisjoint(token.info.any_grammemes)


def _is_finite(token: Token) -> bool:
    """A finite verb or a short participle ("не стоит", "не рассматривается", "заморожено")."""
    return not _FINITE_POS.isdisjoint(token.info.first)


@svodka.hookimpl
def register_extractors(register) -> None:
    register(MembershipExtractor())
