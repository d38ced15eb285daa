"""Cooperation plans and agreements: "министры обороны подписали план военного
сотрудничества на 2026 год", "Казахстан ратифицировал соглашение о ...", "в рамках
реализации программы ...".

Each mention of a document (a trigger noun such as "план" or "соглашение") takes its
status from the word that governs it: a signing verb, participle or noun before it, a
passive or verb after it ("план ... был подписан"), or a context noun ("реализации
плана"). Parties come from the sentence (countries, the signing persons' countries, an
organisation or the session of one); when the sentence does not name them ("министры
обороны подписали", "стороны подписали", "двух стран"), the mention merges into the record
it repeats, or takes the countries of the nearest meeting the article reports. Place and
date come from the sentence, else from that meeting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import svodka
from svodka.components import Extractor
from svodka.extract.rules import derived, table, words
from svodka.mentions.find import Mention
from svodka.model.records import Agreement
from svodka.normalize.dates import (
    DateMention,
    PeriodMention,
    context_date,
    on_side,
    same_day,
    starting_between,
)
from svodka.text.grammar import nominative
from svodka.text.parse import ParsedArticle, Sentence, Token
from svodka.text.syntax import PLANNING_LEMMAS, negated, negated_after, relative_clauses

# Trigger nouns (lemma) -> kind; "дорожная карта" is a roadmap.
KINDS = table("agreements.document_kinds", str)
ROADMAP = ("дорожный", "карта")

# Status words (lemmas of verbs, participles and nouns).
SIGNED = words("agreements.signed")
SIGNING_NOUNS = words("agreements.signing_nouns")
RATIFIED = words("agreements.ratified")
IN_FORCE = words("agreements.in_force")
ENTRY_INTO_FORCE = words("agreements.entry_into_force")  # + "в силу"
# Verbs of preparing a document: it is planned ("готовят дорожную карту").
PREPARING = words("agreements.preparing")
# Nouns that mention a document in force as context: "реализации плана", "в рамках соглашения".
CONTEXT_NOUNS = words("agreements.context_nouns")
DRAFT_NOUNS = words("agreements.draft_nouns")  # "проект соглашения": still to be signed
# Before a signing word: the document is expected, not signed yet.
_PLANNING_WORDS = words("agreements.planning_words")
PLANNING = derived(lambda: PLANNING_LEMMAS | _PLANNING_WORDS)
# Prepositions before a signing noun that look ahead ("для подписания", "к подписанию").
AHEAD_PREPS = words("agreements.ahead_preps")
# With a negated signing word: still expected ("пока не подписали") -> planned.
_EXPECTING_WORDS = words("agreements.expecting_words")
EXPECTING = derived(lambda: PLANNING | _EXPECTING_WORDS)
REFUSING = words("agreements.refusing")
# Verbs that a negated infinitive depends on: "подписать ... не удалось".
MODALS = words("agreements.modals")
AUXILIARY = words("agreements.auxiliary")
# An infinitive after these is done ("удалось подписать"); after any other verb, planned.
ACHIEVED = words("agreements.achieved")

# Not a specific document: "ряд соглашений", "14 документов", "несколько меморандумов".
QUANTIFIERS = words("agreements.quantifiers")
# Adjectives left out of a title ("новое соглашение" -> "соглашение").
LOOSE_ADJECTIVES = words("agreements.loose_adjectives")
# "программа визита", "план мероприятия": schedules, not agreements.
NOT_DOCUMENT = words("agreements.not_document")
# "двух стран", "обеих сторон" inside a title name the parties, not the document.
PAIR_WORDS = words("agreements.pair_words")
PAIR_NOUNS = words("agreements.pair_nouns")
# Words of a meeting, visit or session a document may be signed at.
MEETING_WORDS = words("agreements.meeting_words")
# A document of two sides by its title ("сотрудничества", "совместных", "двусторонний").
COOPERATION_STEMS = (
    "сотрудничеств", "партнерств", "взаимодейств", "взаимопониман", "совместн",
    "двусторонн", "межправительствен", "межведомствен", "дружб", "союзническ",
)  # fmt: skip
# Words of the sides of a document in its sentence; officials count in the plural.
SIDES = words("agreements.sides")
OFFICIALS = words("agreements.officials")
# A session of an organisation's council: the documents it adopts are the organisation's.
SESSION_WORDS = words("agreements.session_words")
# "в ходе визита", "по итогам переговоров", "в любое время": circumstances, not the name.
CIRCUMSTANCES = words("agreements.circumstances")
MEMBER_NOUNS = words("agreements.member_nouns")  # "государств — членов ОДКБ"
# Participles of founding: the organisation they govern owns the document ("соглашение,
# учредившее Тюркский совет").
FOUNDING = words("agreements.founding")
FOUNDING_REACH = 4  # words from the participle to the organisation
# Nouns of accession: the organisation they govern is a party ("протокол о присоединении").
ACCESSION = words("agreements.accession")
ACCESSION_REACH = 4  # words between the noun and the organisation's preposition
# Words that frame a title's subject rather than state it.
FRAMING_STEMS = (
    "сотрудничеств", "взаимопониман", "взаимодейств", "сфер", "област", "вопрос", "направлени",
)  # fmt: skip
CITY_WORDS = words("agreements.city_words")
DEMONSTRATIVES = words("agreements.demonstratives")  # "этого договора": the one named before
HAPPENING = words("agreements.happening")  # "подписание состоялось 5 мая"
SUBORDINATORS = words("grammar.subordinators")
# Prepositions that put a country inside the document's subject, not among its parties.
SUBJECT_PREPS = words("agreements.subject_preps")
STOP_PUNCT = {".", ";", ":", "(", ")", "«", "»", '"', "“", "”", "„", "!", "?", "—", "–"}
# A date after these prepositions does not date the signing ("до конца года", "с 2019 года").
NOT_SIGNING_DATE = words("agreements.not_signing_date")
OBLIQUE = frozenset({"gent", "loct", "datv", "ablt"})
VERB_FORMS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})
# Parts of speech that end a document's name.
NAME_ENDERS = {"VERB", "INFN", "PRTS", "GRND", "ADVB", "CONJ", "PRCL", "NPRO"}
# Lemma endings of an adjective of a place ("казанский", "нью-делийский").
PROPER_ADJECTIVE_ENDINGS = ("ский", "цкий")
STATUS_RANK = {"in_force": 0, "planned": 1, "signed": 2, "ratified": 3}
MAX_LEFT = 15  # how far a status word may stand before the document
MAX_RIGHT = 14  # ... or after it ("план ... был подписан")
MAX_TITLE = 30
PERIOD_REACH = 10  # tokens from a name to its period; twice after "между ..." (the sides)
CONTEXT_BEFORE = 12  # sentences searched back for the meeting of a document
CONTEXT_AFTER = 6

_TRIGGERS = derived(lambda: KINDS.keys() | {ROADMAP[1]})  # lemmas a document mention needs
_PREDICATES = frozenset({"VERB", "PRTS", "GRND"})
_MEETING_OR_SIGNED = derived(lambda: MEETING_WORDS | SIGNED)


@dataclass
class _Mention:
    """One mention of a document in one sentence."""

    kind: str
    title: str
    sentence: int
    status: str
    period: str | None
    named: set[str]  # countries the sentence itself names as parties
    parties: list[str] = field(default_factory=list)
    explicit: bool = False  # parties stated in (or by the session of) the sentence
    date: str | None = None
    place: str | None = None
    context: int | None = None  # sentence of the meeting the parties come from
    organisation: bool = False  # parties: the organisation whose own document it is
    own: bool = False  # a state's own document: its one named country is the party
    anaphoric: bool = False  # "этого договора": the document named before
    bare: bool = False  # the trigger alone ("Протокол был подписан"): a repetition if one precedes


@dataclass
class _Draft:
    """A record being built from one or more mentions of the same document."""

    kind: str
    title: str
    parties: list[str]
    period: str | None
    status: str
    date: str | None
    place: str | None
    sentences: list[int]
    confidence: float
    organisation: bool  # an organisation's own document: its member countries may be named


class AgreementExtractor(Extractor):
    name = "agreements"
    record_types = ("agreement",)

    def extract(self, doc: ParsedArticle) -> Iterator[Agreement]:
        drafts: list[_Draft] = []
        for sentence in doc.sentences:
            if _TRIGGERS.isdisjoint(doc.sentence_lemmas[sentence.index]):
                continue
            toks = doc.sentence_tokens(sentence)
            if not any(_kind(toks, k) for k, t in enumerate(toks) if t.lemma in _TRIGGERS):
                continue
            for mention in _mentions(doc, sentence, toks):
                _add(doc, drafts, mention)
        _date_by_context(doc, drafts)
        for d in drafts:
            yield Agreement(
                article=doc.article.id,
                kind=d.kind,
                title=d.title,
                parties=sorted(d.parties),
                period=d.period,
                status=d.status,
                date=d.date,
                place=d.place,
                confidence=d.confidence,
                evidence=[doc.sentences[s].evidence() for s in sorted(d.sentences)],
            )


# -- mentions of documents in one sentence ------------------------------------------------


def _kind(toks: list[Token], k: int) -> str | None:
    """The kind of document the token names, or None."""
    token = toks[k]
    if not token.is_word:
        return None
    lemma = token.lemma
    if lemma == ROADMAP[1]:
        return "roadmap" if k and toks[k - 1].lemma == ROADMAP[0] else None
    kind = KINDS.get(lemma)
    return kind if kind is not None and token.any_has("NOUN") else None


def _mentions(doc: ParsedArticle, sentence: Sentence, toks: list[Token]) -> list[_Mention]:
    """The documents a sentence mentions with a status, in text order."""
    m = doc.mentions
    org_tokens = {
        i for o in m.in_sentence("organization", sentence.index) for i in range(o.start, o.end)
    }
    periods = starting_between(m.periods, sentence.first_token, sentence.last_token)
    dates = starting_between(m.dates, sentence.first_token, sentence.last_token)
    stops = _stop_tokens(doc, sentence, periods, dates)
    countries = {c.start for c in m.in_sentence("country", sentence.index)}
    triggers = [
        k
        for k, t in enumerate(toks)
        if t.lemma in _TRIGGERS and _kind(toks, k) and t.index not in org_tokens
    ]
    out: list[_Mention] = []
    previous_at = 0
    covered = -1
    listed = _listed(toks)
    inherited = _previous_status(doc, sentence) if listed else (None, 0)
    for n, k in enumerate(triggers):
        if k <= covered or _generic(toks, k):
            continue
        kind = _kind(toks, k) or ""
        start = _title_start(toks, k, kind)
        end, skipped = _title_end(toks, k, stops, countries)
        covered = end - 1
        if _not_document(toks, k, end):
            continue
        status, at = _status(toks, start, end)
        if status is None and listed:
            status, at = inherited
        if status is None and out and _coordinated(toks, start):
            status, at = out[-1].status, previous_at  # "подписали соглашение ..., а также план"
        if status is None:
            continue
        following = toks[triggers[n + 1]].index if n + 1 < len(triggers) else sentence.last_token
        reach = PERIOD_REACH * 2 if end < len(toks) and toks[end].lemma == "между" else PERIOD_REACH
        period = _period(periods, toks[end - 1].index, following, reach)
        if period is None and status != "planned":  # planned: "до 2026 года" is a deadline
            period = _period_until(doc, dates, toks[end - 1].index, following)
        named_words = end - k - 1 - sum(b - a for a, b in skipped)
        named_words += sum(_proper_adjective(toks, j) for j in range(start, k))
        vague = _bare_is_vague(toks, start, kind, status) or not toks[k].any_has("sing")
        if named_words <= 0 and period is None and vague:  # "выполнение подписанных соглашений"
            continue
        named = _named_countries(doc, sentence, toks[start].index, toks[end - 1].index)
        owner = _owner(doc, sentence, toks[start:end], kind)
        title = _title(doc, toks[start:end], [(a - start, b - start) for a, b in skipped])
        mention = _Mention(kind, title, sentence.index, status, period, named)
        if owner is not None:
            mention.named, mention.own = {owner}, True
        mention.anaphoric = start > 0 and bool(toks[start - 1].lemmas & DEMONSTRATIVES)
        mention.bare = named_words <= 0 and period is None
        if status != "in_force":
            first, last = toks[start].index, toks[end - 1].index
            mention.date = _date(doc, toks, dates, at, first, last, status)
            mention.place = _place_in(doc, sentence, first, last)
        out.append(mention)
        previous_at = at
    return out


def _period_until(
    doc: ParsedArticle, dates: list[DateMention], after: int, before: int
) -> str | None:
    """ "(на период) до 2030 года" after the name: from the publication's year to that year."""
    published = doc.article.published
    for d in dates:
        if not after < d.start < before or d.start - after > PERIOD_REACH:
            continue
        if d.prep != "до" or not d.value or len(d.value) != 4 or not published:
            return None
        if any(doc.tokens[k].has("VERB") for k in range(after + 1, d.start)):
            return None
        first = published[:4]
        return f"{first}-{d.value}" if first < d.value else None
    return None


def _coordinated(toks: list[Token], start: int) -> bool:
    """The document is coordinated with the one before ("..., а также план", "и план")."""
    before = [t.text.lower() for t in toks[max(0, start - 3) : start]]
    return bool(before) and before[-1] in ("и", ",", "также")


def _owner(doc: ParsedArticle, sentence: Sentence, name: list[Token], kind: str) -> str | None:
    """The state whose own document it is: a plan, programme or concept whose name ends in
    one country and is not one of cooperation ("концепция внешней политики Казахстана")."""
    if kind not in ("plan", "programme", "concept"):
        return None
    if any(t.text.lower().startswith(COOPERATION_STEMS) for t in name):
        return None
    first, last = name[0].index, name[-1].index
    for c in doc.mentions.in_sentence("country", sentence.index):
        if c.form != "adjective" and first < c.start and c.end - 1 == last:
            before = doc.tokens[c.start - 1]
            return None if before.has("PREP") or before.text in (",", "и") else c.value
    return None


def _listed(toks: list[Token]) -> bool:
    """ "Среди них — ...", "В их числе ...": the documents of the previous sentence."""
    words = [t.lemma for t in toks[:4]]
    return "среди" in words or words[:2] == ["в", "они"] or "числе" in {t.text for t in toks[:4]}


def _previous_status(doc: ParsedArticle, sentence: Sentence) -> tuple[str | None, int]:
    """The status the previous sentence's signing word gives ("подписали 15 документов")."""
    if sentence.index == 0:
        return None, 0
    toks = doc.sentence_tokens(doc.sentences[sentence.index - 1])
    for j, t in enumerate(toks):
        if t.is_word and _verbal(t):
            found = _word_status(toks, j)
            if found is not None:
                return (found or None), 0
    return None, 0


def _stop_tokens(
    doc: ParsedArticle, sentence: Sentence, periods: list[PeriodMention], dates: list[DateMention]
) -> set[int]:
    """Tokens a title stops before: periods, dates, persons, places, and the preposition
    right before them ("на 2026 год", "в Астане")."""
    m = doc.mentions
    stops = {p.start for p in periods} | {d.start for d in dates}
    for kind in ("person", "place"):
        stops.update(x.start for x in m.in_sentence(kind, sentence.index))
    for i in list(stops):
        if _word_before(doc, sentence, i) in ("на", "в", "во", "с", "со", "до"):
            stops.add(i - 1)
    return stops


def _generic(toks: list[Token], k: int) -> bool:
    """ "ряд соглашений", "14 меморандумов", "в плане ...", "на первом плане"."""
    j = k - 1
    while (
        j >= 0 and toks[j].is_word and toks[j].any_has("ADJF") and toks[j].lemma not in QUANTIFIERS
    ):
        j -= 1
    if j < 0:
        return False
    prev = toks[j]
    if prev.lemma in QUANTIFIERS or prev.text.isdigit() or prev.has("NUMR"):
        return True
    return toks[k].lemma == "план" and prev.text.lower() in ("в", "на") and toks[k].any_has("loct")


def _not_document(toks: list[Token], k: int, end: int) -> bool:
    """ "программа визита", "план мероприятия" (one event's schedule)."""
    if k + 1 >= end:
        return False
    nxt = toks[k + 1]
    return nxt.lemma in NOT_DOCUMENT or nxt.lemma == "мероприятие" and nxt.has("sing")


def _bare_is_vague(toks: list[Token], start: int, kind: str, status: str) -> bool:
    """A trigger alone, with no name or period: only "подписали меморандум" and the like."""
    if status == "in_force" or kind in ("plan", "programme"):
        return True
    return start > 0 and toks[start - 1].is_word and toks[start - 1].has("PREP")


def _title_start(toks: list[Token], k: int, kind: str) -> int:
    """The trigger with the adjectives of its name before it ("совместная декларация")."""
    j = k - 1 if kind == "roadmap" else k
    while j > 0 and (
        _proper_adjective(toks, j - 1)
        or toks[j - 1].has("ADJF")
        and not toks[j - 1].has("Apro")
        and toks[j - 1].lemma not in LOOSE_ADJECTIVES
        and "-" not in toks[j - 1].text
    ):
        j -= 1
    return j


def _proper_adjective(toks: list[Token], j: int) -> bool:
    """A capitalised adjective of a place inside a sentence: "Казанская", "Нью-Делийская"
    (a specific document's name)."""
    t = toks[j]
    return j > 0 and t.text[:1].isupper() and t.lemma.endswith(PROPER_ADJECTIVE_ENDINGS)


def _title_end(
    toks: list[Token], k: int, stops: set[int], countries: set[int]
) -> tuple[int, list[tuple[int, int]]]:
    """End (exclusive) of the document's name after its trigger at ``k``, and the spans
    inside it that name the parties ("двух стран", "с Россией"), left out of the title.
    ``countries`` are the tokens that start a country name."""
    end = k + 1
    skipped: list[tuple[int, int]] = []
    j = k + 1
    n = len(toks)
    while j < n and j - k < MAX_TITLE:
        t = toks[j]
        low = t.text.lower()
        if t.index in stops:
            break
        if low == "между":  # "договор между Россией и КНДР о ...": parties, then the subject
            after = _between_end(toks, j + 1)
            if after is None:
                break
            skipped.append((j, after))
            j = after
            continue
        if low in (",", "и"):
            if j + 1 < n and _continues(toks, j + 1, stops, low):
                j += 1
                continue
            break
        if not t.is_word:
            if _members_dash(toks, j):  # "государств — членов ОДКБ"
                j += 1
                continue
            if low in STOP_PUNCT or not any(ch.isalnum() for ch in low):
                break
            end = j = j + 1
            continue
        party = _party_phrase(toks, j, countries)
        if party:
            skipped.append((j, j + party))
            j += party
            continue
        if _ends_title(t) or t.has("PREP") and _circumstance(toks, j + 1):
            break
        end = j = j + 1
    while end > k + 1 and (toks[end - 1].has("PREP") or toks[end - 1].has("CONJ")):
        end -= 1  # a name cut before its last words ("протокол о внесении изменений в")
    return end, [s for s in skipped if s[1] <= end]


def _members_dash(toks: list[Token], j: int) -> bool:
    """A dash between "государств" and "членов"/"участников" inside a name."""
    return (
        toks[j].text in ("—", "–", "-")
        and 0 < j < len(toks) - 1
        and toks[j - 1].lemma in PAIR_NOUNS
        and toks[j + 1].lemma in MEMBER_NOUNS
    )


def _between_end(toks: list[Token], j: int) -> int | None:
    """Where the subject ("о ...", "об ...") resumes after "между X и Y", or None."""
    for n in range(j, min(len(toks), j + 8)):
        low = toks[n].text.lower()
        if low in ("о", "об"):
            return n if n > j else None
        if not toks[n].is_word or _ends_title(toks[n]) and low != "и":
            return None
    return None


def _party_phrase(toks: list[Token], j: int, countries: set[int]) -> int:
    """Length of a parties phrase inside a name at ``j`` ("двух стран", "с Россией"), or 0."""
    t = toks[j]
    if t.lemma in PAIR_WORDS and j + 1 < len(toks) and toks[j + 1].lemma in PAIR_NOUNS:
        return 2
    if t.text.lower() in ("с", "со") and j + 1 < len(toks) and toks[j + 1].index in countries:
        return 2
    return 0


def _circumstance(toks: list[Token], j: int) -> bool:
    """ "(в) ходе", "(по) итогам", "(в) любое время" after a preposition."""
    while j < len(toks) and toks[j].has("ADJF"):
        j += 1
    return j < len(toks) and toks[j].lemma in CIRCUMSTANCES


def _ends_title(t: Token) -> bool:
    """A verb, adverb or conjunction, "стороны", an agent ("министрами"), or a noun or
    participle in the nominative: the name is over."""
    tag = t.info.first
    if t.lemma == "сторона" or not NAME_ENDERS.isdisjoint(tag):
        return True
    if "NOUN" in tag and "anim" in tag and ("ablt" in tag or "datv" in tag):
        return True
    if "NOUN" in tag or "ADJF" in tag or "PRTF" in tag:
        return OBLIQUE.isdisjoint(t.info.any_grammemes) and "accs" not in tag
    return False


def _continues(toks: list[Token], j: int, stops: set[int], joiner: str) -> bool:
    """After "," a further genitive of the same name; after "и" a further oblique word
    ("о дружбе и сотрудничестве", "приема, обеспечения и охраны")."""
    t = toks[j]
    if (
        not t.is_word
        or t.index in stops
        or _kind(toks, j)
        or t.lemma in QUANTIFIERS
        or _ends_title(t)
    ):
        return False
    tag = t.info.first
    if not ("NOUN" in tag or "ADJF" in tag) or "PRTF" in tag:
        return False
    if joiner == ",":
        return "gent" in t.info.any_grammemes
    return not OBLIQUE.isdisjoint(t.info.any_grammemes)


def _title(doc: ParsedArticle, tokens: list[Token], skipped: list[tuple[int, int]]) -> str:
    """The name in the nominative, parties phrases ("двух стран") left out, lower case."""
    head_end = skipped[0][0] if skipped else len(tokens)
    text = nominative(tokens[:head_end], doc.text)
    for n, (_, b) in enumerate(skipped):
        nxt = skipped[n + 1][0] if n + 1 < len(skipped) else len(tokens)
        if b < nxt:
            text += " " + doc.text[tokens[b].start : tokens[nxt - 1].end]
    if text[:1].isupper() and not text.split()[0].isupper():
        text = text[:1].lower() + text[1:]
    return text


def _status(toks: list[Token], start: int, end: int) -> tuple[str | None, int]:
    """The status the governing word gives the document at ``toks[start:end]``, and that
    word's index; (None, start) when nothing governs it."""
    governor = _governor(toks, start)
    if governor is not None:
        lemma = toks[governor].lemma
        if lemma in CONTEXT_NOUNS:
            return "in_force", governor
        if lemma in DRAFT_NOUNS:
            return "planned", governor
    attribute = True  # adjectives and participles right before the name belong to it
    for j in range(start - 1, max(-1, start - 1 - MAX_LEFT), -1):
        t = toks[j]
        if t.text in (".", ";"):
            break
        found = _word_status(toks, j)
        if found is not None:
            return (found or None), j
        attribute = attribute and (t.has("ADJF") or t.has("PRTF"))
        if t.is_word and _verbal(t) and t.lemma not in AUXILIARY | PLANNING and not attribute:
            break
    fallback: tuple[str | None, int] = (None, start)
    for j in range(end, min(len(toks), end + MAX_RIGHT)):
        t = toks[j]
        if t.text in (".", ";", ":"):
            break
        if t.is_word and _verbal(t):
            found = _word_status(toks, j)
            if t.has("PRTF"):  # ", подписанное в июне, вступило в силу": the main verb decides
                if found is not None and fallback[0] is None:
                    fallback = (found or None), j
                continue
            if found is not None:
                if found in ("", "planned") and fallback[0] in ("signed", "ratified"):
                    return fallback  # "подписанное ..., пока не ратифицировано": still signed
                return (found or None), j
            if t.lemma not in AUXILIARY | PLANNING:
                break
    return fallback


def _governor(toks: list[Token], start: int) -> int | None:
    """The noun right before the document (over adjectives and participles), or the
    context word before its preposition ("в соответствии с планом", "согласно плану")."""
    j = start - 1
    while j >= 0 and toks[j].is_word and (toks[j].has("ADJF") or toks[j].has("PRTF")):
        j -= 1
    if j < 0 or not toks[j].is_word:
        return None
    if toks[j].has("NOUN") or toks[j].lemma in CONTEXT_NOUNS:
        return j
    if toks[j].has("PREP") and j > 0 and toks[j - 1].lemma in CONTEXT_NOUNS:
        return j - 1
    return None


def _verbal(t: Token) -> bool:
    """A verb form: finite, infinitive, participle or gerund."""
    return not VERB_FORMS.isdisjoint(t.info.first)


def _word_status(toks: list[Token], j: int) -> str | None:
    """The status a word at ``j`` gives: "signed", "planned", "ratified", "in_force";
    "" for a negated or refused one; None when it is no status word."""
    t = toks[j]
    lemmas = t.lemmas
    if lemmas & ENTRY_INTO_FORCE:
        return "in_force" if j + 2 < len(toks) and toks[j + 2].lemma == "сила" else None
    if lemmas & IN_FORCE and _verbal(t):
        return "" if negated(toks, j) else "in_force"
    if lemmas & PREPARING and _verbal(t):
        return "" if negated(toks, j) else "planned"
    if not lemmas & (SIGNED | RATIFIED):
        return None
    noun = t.has("NOUN")
    if noun and not lemmas & SIGNING_NOUNS:
        return None
    if any(b.lemmas & REFUSING for b in toks[max(0, j - 4) : j]):
        return ""
    if negated(toks, j, 3) or negated_after(toks, j, MODALS):
        return "planned" if any(b.lemmas & EXPECTING for b in toks) else ""
    if _future(toks, j) or noun and _noun_ahead(toks, j):
        return "planned"
    if t.has("INFN") and not any(b.lemma in ACHIEVED for b in toks[max(0, j - 3) : j]):
        return "planned"  # "договорились подписать", "хотят утвердить"
    return "ratified" if lemmas & RATIFIED else "signed"


def _noun_ahead(toks: list[Token], j: int) -> bool:
    """ "к подписанию", "подписание запланировано", "состоится подписание": a signing
    noun of the future."""
    if j and toks[j - 1].text.lower() in AHEAD_PREPS:
        return True
    return any(t.lemmas & PLANNING or t.has("VERB", "futr") for t in toks)


def _future(toks: list[Token], j: int) -> bool:
    """ "подпишут", "будет подписан", "планируется подписать", "ожидается подписание"."""
    t = toks[j]
    if t.has("VERB", "futr"):
        return True
    return any(
        b.lemmas & PLANNING or b.lemma == "быть" and b.has("futr") for b in toks[max(0, j - 4) : j]
    )


def _period(periods: list[PeriodMention], after: int, before: int, reach: int) -> str | None:
    """The first period after the document's name, before the next document, within
    ``reach`` tokens."""
    for p in periods:
        if after < p.start < before and p.start - after <= reach:
            return p.value
    return None


def _named_countries(doc: ParsedArticle, sentence: Sentence, first: int, last: int) -> set[str]:
    """Countries the sentence names as parties: country names, adjectives in or next to the
    document's name ("российско-белорусский план", "казахстанская сторона"), the countries
    of the persons it names."""
    m = doc.mentions
    out = set()
    meeting = not MEETING_WORDS.isdisjoint(doc.sentence_lemmas[sentence.index])
    for c in m.in_sentence("country", sentence.index):
        inside = first - 1 <= c.start <= last
        if c.form == "adjective":
            if not inside and not _side_adjective(doc, sentence, c.end):
                continue
        elif inside and _word_before(doc, sentence, c.start) in SUBJECT_PREPS:
            continue
        elif meeting and not inside and _signing_place(doc, sentence, c):
            continue  # "по итогам саммита в Казахстане": where, not who
        out.add(c.value)
    if len(out) < 2:  # "Папикян и Чиковани подписали" (not the source of "сообщил X")
        for p in m.in_sentence("person", sentence.index):
            person = m.people.get(p.value)
            if person is not None and person.country:
                out.add(person.country)
    return out


def _signing_place(doc: ParsedArticle, sentence: Sentence, c: Mention) -> bool:
    """A country in the locative after "в" ("саммит в Китае"): the place of a meeting."""
    return _word_before(doc, sentence, c.start) in ("в", "во") and doc.tokens[c.start].has("loct")


def _side_adjective(doc: ParsedArticle, sentence: Sentence, j: int) -> bool:
    """A country adjective of "казахстанская и узбекская стороны", "российской стороной"."""
    tokens = doc.tokens
    while j < sentence.last_token and (tokens[j].text in (",", "и") or tokens[j].has("ADJF")):
        j += 1
    return j < sentence.last_token and tokens[j].lemma in PAIR_NOUNS


def _date(
    doc: ParsedArticle,
    toks: list[Token],
    dates: list[DateMention],
    at: int,
    first: int,
    last: int,
    status: str,
) -> str | None:
    """The date of the signing word's clause nearest to it: not a range, not "до ...", not
    the date of another verb ("сообщили, что ...", "текст был согласован в марте"). A
    relative clause between is passed over ("Сегодня на форуме, который завершает работу,
    планируется подписать"), and so is a planning verb that governs the signing. A month
    without its year is ahead of publication for a planned signing, behind it for one done."""
    at_index = toks[at].index
    base = toks[0].index
    relative = relative_clauses(toks, participle=_signing_participle)
    inside = {k for a, b in relative if not a <= at < b for k in range(a, b)}
    good = []
    for d in dates:
        if not _signing_date(d) or first <= d.start <= last or d.start - base in inside:
            continue
        lo, hi = sorted((d.start - base, at))
        if any(
            (_predicate(t) and t.lemma not in PLANNING or t.lemma in SUBORDINATORS)
            and k not in inside
            for k, t in enumerate(toks[lo + 1 : hi], lo + 1)
        ):
            continue
        good.append(d)
    if not good:
        return None
    side = "future" if status == "planned" else "past"
    return on_side(doc, min(good, key=lambda d: abs(d.start - at_index)), side)


def _signing_participle(t: Token) -> bool:
    """A participle of signing that dates another document (", заключенного между
    правительствами в 2016 году")."""
    return t.has("PRTF") and not t.lemmas.isdisjoint(SIGNED | RATIFIED | IN_FORCE | FOUNDING)


def _predicate(t: Token) -> bool:
    """A finite verb, short participle or gerund other than an auxiliary."""
    return not _PREDICATES.isdisjoint(t.info.first) and t.lemma not in AUXILIARY | HAPPENING


def _place_in(doc: ParsedArticle, sentence: Sentence, first: int, last: int) -> str | None:
    """A city "в X" in the sentence, outside the document's name."""
    for p in doc.mentions.in_sentence("place", sentence.index):
        if not first <= p.start <= last and _word_before(doc, sentence, p.start) in ("в", "во"):
            return p.value
    return None


# -- records ----------------------------------------------------------------------------


def _add(doc: ParsedArticle, drafts: list[_Draft], mention: _Mention) -> None:
    """Give the mention its parties and merge it into the record it repeats, or start one."""
    _resolve_explicit(doc, mention)
    if mention.bare:  # "Протокол был подписан ...": the protocol named before
        target = next((d for d in reversed(drafts) if d.kind == mention.kind), None)
        if target is not None and (not mention.named or mention.named & set(target.parties)):
            _merge(target, mention)
            return
    if not mention.explicit:
        if mention.anaphoric and drafts and len(mention.named) < 2:
            _merge(drafts[-1], mention)
            return
        target = _repeated(drafts, mention)
        if target is not None:
            _merge(target, mention)
            return
        _resolve_context(doc, mention)
    if not mention.parties:
        return
    for d in reversed(drafts):
        if (
            d.kind == mention.kind
            and set(d.parties) == set(mention.parties)
            and (mention.period is None or d.period in (None, mention.period))
            and _compatible(d, mention)
        ):
            _merge(d, mention)
            return
    if mention.place is None and mention.status != "in_force":
        mention.place = _meeting_place(doc, mention)
    if mention.date is None and mention.status == "signed" and mention.context is not None:
        mention.date = _meeting_date(doc, mention.context)
    drafts.append(
        _Draft(
            mention.kind,
            mention.title,
            mention.parties,
            mention.period,
            mention.status,
            mention.date,
            mention.place,
            [mention.sentence],
            _confidence(mention),
            mention.organisation,
        )
    )


def _date_by_context(doc: ParsedArticle, drafts: list[_Draft]) -> None:
    """Date the records whose sentences name no date of their signing: "Одновременно
    ратифицировали ..." takes the date of the record before with the same status; else the
    context of their sentences (the meeting or session they were signed at, the dateline's
    lead), :func:`svodka.normalize.dates.context_date`; else, for a document signed or ratified,
    the publication's month."""
    for n, d in enumerate(drafts):
        if d.date is not None or d.status == "in_force":
            continue
        first = doc.sentences[min(d.sentences)]
        if same_day(doc.sentence_tokens(first)):
            d.date = next(
                (e.date for e in reversed(drafts[:n]) if e.status == d.status and e.date), None
            )
        for s in sorted(d.sentences):
            if not _signed_in_relative(doc.sentence_tokens(doc.sentences[s])):
                d.date = d.date or context_date(doc, s)
        published = doc.article.published
        if d.date is None and d.status in ("signed", "ratified") and published:
            d.date = published[:7]  # the news of a signing: its month, which the article fixes


def _signed_in_relative(toks: list[Token]) -> bool:
    """A signing word in a relative clause on the document ("проект соглашения, который
    планируется подписать"): the sentence does not tell when; "встреча, по итогам которой
    будет подписан договор" does."""
    for a, b in relative_clauses(toks, participle=_signing_participle):
        signing = any(t.lemma in SIGNED or t.lemma in RATIFIED for t in toks[a:b])
        if signing and not toks[a + 1].has("PREP"):  # not ", на котором подписали"
            return True
    return False


def _confidence(mention: _Mention) -> float:
    """Stated parties and a signing word score higher than inferred ones and context."""
    score = 0.85 if mention.explicit else 0.7
    if mention.status == "in_force":
        score -= 0.25
    if len(mention.parties) == 1 and mention.parties[0] in mention.named:  # one country only
        score -= 0.3
    return round(score, 2)


def _resolve_explicit(doc: ParsedArticle, mention: _Mention) -> None:
    """Parties the sentence states: two or more countries, or an organisation (whose own
    document it is), or the organisation of the session it was adopted at."""
    orgs = doc.mentions.in_sentence("organization", mention.sentence)
    founded = next((o for o in orgs if _founded(doc, o)), None)
    if founded is not None:  # "соглашение, учредившее Тюркский совет": the organisation's own
        mention.parties, mention.explicit, mention.organisation = [founded.value], True, True
        return
    if len(mention.named) >= 2 or mention.own:
        mention.parties, mention.explicit = sorted(mention.named), True
        return
    if mention.named:
        countries = {
            c.start
            for c in doc.mentions.in_sentence("country", mention.sentence)
            if c.form != "adjective"
        }
        partner = next((o for o in orgs if _counterpart(doc, o, countries)), None)
        if partner is not None:  # "соглашение между Узбекистаном и ЕС", "меморандум с ОДКБ"
            mention.parties, mention.explicit = sorted({*mention.named, partner.value}), True
            return
        members = next((o for o in orgs if _of_members(doc, o)), None)
        if members is not None and len(mention.named) == 1:  # one member ratifies or signs it
            mention.parties, mention.explicit, mention.organisation = [members.value], True, True
        return
    if orgs:
        sides = _organisation_sides(doc, orgs)
        mention.parties, mention.explicit, mention.organisation = sides, True, len(sides) == 1
        return
    toks = doc.sentence_tokens(doc.sentences[mention.sentence])
    if any(t.lemma in SESSION_WORDS for t in toks):
        org = _nearest_org(doc, mention.sentence)
        if org is not None:
            mention.parties, mention.explicit, mention.organisation = [org], True, True


def _counterpart(doc: ParsedArticle, org: Mention, countries: set[int]) -> bool:
    """An organisation named as a side: "с ОДКБ", "между X и ЕАЭС", "X и ЕС подписали",
    "ЕАЭС и Вьетнам подписали" (``countries``: where the sentence's country names start)."""
    tokens = doc.tokens
    if org.start > 0 and tokens[org.start - 1].text.lower() in ("с", "со", "и", "между"):
        return True
    if _accession(doc, org):
        return True
    return org.end + 1 in countries and tokens[org.end].text.lower() == "и"


def _accession(doc: ParsedArticle, org: Mention) -> bool:
    """ "протокол о присоединении Таджикистана к ВТО": the organisation a state accedes to."""
    tokens = doc.tokens
    j = org.start - 1
    while j > 0 and (tokens[j].has("ADJF") or tokens[j].has("PRTF")):  # "к создаваемому ЕАЭС"
        j -= 1
    if j < 1 or tokens[j].text.lower() not in ("к", "ко", "в", "во"):
        return False
    return any(t.lemma in ACCESSION for t in tokens[max(0, j - ACCESSION_REACH) : j])


def _founded(doc: ParsedArticle, org: Mention) -> bool:
    """An organisation a participle of founding governs: ", учредившее в 2009 году ОТГ"."""
    for t in doc.tokens[max(0, org.start - FOUNDING_REACH) : org.start]:
        if t.has("PRTF", "actv") and t.lemma in FOUNDING:  # not "к создаваемому союзу"
            return True
    return False


def _of_members(doc: ParsedArticle, org: Mention) -> bool:
    """ "(соглашение ...) государств — участников СНГ", "стран-членов ОДКБ": a document of
    the organisation's members, which the organisation stands for."""
    if org.start == 0:
        return False
    return doc.tokens[org.start - 1].lemma.split("-")[-1] in MEMBER_NOUNS


def _organisation_sides(doc: ParsedArticle, orgs: list[Mention]) -> list[str]:
    """The first organisation and those named as its counterparts ("РАТС ШОС и СНГ
    подписали", "меморандум между ОДКБ и ШОС", "меморандум с ЕАЭС"): one side each."""
    tokens = doc.tokens
    sides = [orgs[0].value]
    named = doc.mentions.in_sentence("person", orgs[0].sentence)
    persons = {i for p in named for i in range(p.start, p.end)}
    for before, org in zip(orgs, orgs[1:], strict=False):
        word = tokens[org.start - 1].text.lower()
        gap = [t for t in tokens[before.end : org.start - 1] if t.index not in persons]
        # "ОДКБ и СНГ", "ОДКБ - Иван Петров, СНГ - ...": heads named after each organisation
        coordinated = word in ("и", ",") and all(t.text in ("-", "—", "–", "(", ")") for t in gap)
        # "директор РАТС ШОС Иван Петров и руководитель центра СНГ ...": their heads coordinated
        coordinated = coordinated or _heads_coordinated(gap)
        if (word in ("с", "со") or coordinated) and org.value not in sides:
            sides.append(org.value)
    return sorted(sides)


def _heads_coordinated(gap: list[Token]) -> bool:
    """The words between two organisations join their heads: an "и", and no verb, preposition
    or relative pronoun (not "... ОДКБ в связи с годовщиной ООН")."""
    return any(t.text.lower() == "и" for t in gap) and not any(
        t.text in (".", ";", ":")
        or t.is_word
        and (_verbal(t) or t.has("PREP") or t.lemma == "который")
        for t in gap
    )


def _nearest_org(doc: ParsedArticle, s: int) -> str | None:
    """The organisation last named in this or an earlier sentence (the session's)."""
    for k in range(s, max(-1, s - CONTEXT_BEFORE), -1):
        orgs = doc.mentions.in_sentence("organization", k)
        if orgs:
            return orgs[-1].value
    return None


def _repeated(drafts: list[_Draft], mention: _Mention) -> _Draft | None:
    """The earlier record a mention without its own parties repeats: same kind, the same
    or no period, the countries it names among the record's parties."""
    for d in reversed(drafts):
        if d.kind != mention.kind or not _compatible(d, mention):
            continue
        if mention.period is not None and d.period != mention.period:
            continue
        if d.organisation or mention.named <= set(d.parties):
            return d
    return None


def _compatible(d: _Draft, mention: _Mention) -> bool:
    """No conflicting dates, and not two different subjects ("соглашение о A" / "о B")."""
    if d.date and mention.date and not _same_date(d.date, mention.date):
        return False
    a, b = _subject(d.title), _subject(mention.title)
    if not a or not b:
        return True
    return len(a & b) * 2 > min(len(a), len(b))


def _same_date(a: str, b: str) -> bool:
    """One date is a prefix of the other ("2025" and "2025-10-15")."""
    return a.startswith(b) or b.startswith(a)


def _subject(title: str) -> set[str]:
    """Word stems of what a title is about: the words after "о"/"об"/"по", but for the
    framing ones ("о сотрудничестве в сфере X" and "о взаимопонимании в области X" agree)
    and acronyms, which name the parties ("сотрудничества ОДКБ, СНГ и ШОС")."""
    kept = [w for w in title.replace("ё", "е").split() if not w.strip(",.").isupper()]
    words = [w.lower() for w in kept]
    for k, w in enumerate(words):
        if w in ("о", "об", "по"):
            return {x[:5] for x in words[k + 1 :] if len(x) > 2 and not x.startswith(FRAMING_STEMS)}
    return set()


def _resolve_context(doc: ParsedArticle, mention: _Mention) -> None:
    """The two countries of the nearest sentence (usually the meeting's) that includes the
    countries the sentence names ("на встрече также был подписан план ... двух стран");
    else the countries of the article's officials, if two."""
    s = mention.sentence
    if not _cooperative(doc, mention):  # "государственная программа вооружения"
        mention.parties = sorted(mention.named)
        return
    after = range(s + 1, min(len(doc.sentences), s + 1 + CONTEXT_AFTER))
    for k in [*range(s, max(-1, s - CONTEXT_BEFORE), -1), *after]:
        found = _sentence_countries(doc, k)
        if len(found) == 2 and mention.named <= found:
            mention.parties, mention.context = sorted(found), k
            return
        if k == s and len(mention.named) == 1:  # "в ходе визита министра Казахстана в Баку"
            host = _host_country(doc, doc.sentences[s])
            if host is not None and host not in mention.named:
                mention.parties = sorted({*mention.named, host})
                return
    officials = {p.country for p in doc.mentions.people.values() if p.country and p.position}
    if len(officials) == 2 and mention.named <= officials:
        mention.parties = sorted(officials)
    elif mention.named:
        mention.parties = sorted(mention.named)


def _cooperative(doc: ParsedArticle, mention: _Mention) -> bool:
    """Whether the document is between sides the article names elsewhere: an agreement, a
    title of cooperation ("план военного сотрудничества"), or sides acting in the sentence
    ("стороны подписали", "министры обороны подписали", "в ходе переговоров")."""
    if mention.kind not in ("plan", "programme", "concept"):  # an agreement has two sides
        return True
    words = mention.title.lower().replace("ё", "е").split()
    if any(w.startswith(COOPERATION_STEMS) for w in words):
        return True
    for t in doc.sentence_tokens(doc.sentences[mention.sentence]):
        if t.lemma in SIDES or t.lemma in OFFICIALS and t.has("plur"):
            return True
    return False


def _host_country(doc: ParsedArticle, sentence: Sentence) -> str | None:
    """The country of the city "в X" the sentence places the signing or visit in."""
    for p in doc.mentions.in_sentence("place", sentence.index):
        if p.country and _word_before(doc, sentence, p.start) in ("в", "во"):
            return p.country
    return None


def _word_before(doc: ParsedArticle, sentence: Sentence, i: int) -> str:
    """The lower-cased token before token ``i`` in its sentence, or ""."""
    return doc.tokens[i - 1].text.lower() if i > sentence.first_token else ""


def _sentence_countries(doc: ParsedArticle, k: int) -> set[str]:
    """The countries a sentence names, its persons', and (when that makes a pair) the host
    of the visit or meeting it reports ("министр обороны Казахстана прибыл в Душанбе")."""
    m = doc.mentions
    found = {c.value for c in m.in_sentence("country", k)}
    for p in m.in_sentence("person", k):
        person = m.people.get(p.value)
        if person is not None and person.country:
            found.add(person.country)
    if len(found) == 1:
        sentence = doc.sentences[k]
        if any(t.lemma in MEETING_WORDS for t in doc.sentence_tokens(sentence)):
            host = _host_country(doc, sentence)
            if host is not None:
                found.add(host)
    return found


def _meeting_place(doc: ParsedArticle, mention: _Mention) -> str | None:
    """The city of the meeting or visit the document was signed at: the sentence the
    parties come from, then the nearest sentence of a meeting or signing with a city."""
    s = mention.sentence
    if mention.context is not None:
        place = _meeting_city(doc, doc.sentences[mention.context])
        if place is not None:
            return place
    for k in [*range(s - 1, -1, -1), *range(s + 1, len(doc.sentences))]:
        sentence = doc.sentences[k]
        if not _MEETING_OR_SIGNED.isdisjoint(doc.sentence_lemmas[k]):
            place = _meeting_city(doc, sentence)
            if place is not None:
                return place
    # a news agency's dateline in capitals ("БАКУ, 14 марта. /ТАСС/."): where the news was
    # reported, usually where the talks were held
    dateline = doc.dateline_place if mention.status == "signed" else None
    return dateline.value if dateline and doc.tokens[dateline.start].text.isupper() else None


def _meeting_city(doc: ParsedArticle, sentence: Sentence) -> str | None:
    """ "в Алма-Ате", "в Алма-Ату", "Астану ... посетил", "в столицу Узбекистана Ташкент"."""
    places = doc.mentions.in_sentence("place", sentence.index)
    if not places:
        return None
    tokens = doc.tokens
    visit = any(t.lemma == "посетить" for t in doc.sentence_tokens(sentence))
    countries = {
        i
        for c in doc.mentions.in_sentence("country", sentence.index)
        for i in range(c.start, c.end)
    }
    for p in places:
        j = p.start - 1
        while j > sentence.first_token and (j in countries or tokens[j].lemma in CITY_WORDS):
            j -= 1  # "в столицу Узбекистана Ташкент", "в город Актау"
        if j >= sentence.first_token and tokens[j].text.lower() in ("в", "во"):
            return p.value
        if visit and j == p.start - 1 and tokens[p.start].any_has("accs"):
            return p.value
    return None


def _meeting_date(doc: ParsedArticle, k: int) -> str | None:
    """The date of the meeting sentence the parties come from."""
    sentence = doc.sentences[k]
    for d in starting_between(doc.mentions.dates, sentence.first_token, sentence.last_token):
        if _signing_date(d):
            return d.value
    return None


def _signing_date(d: DateMention) -> bool:
    """A single resolved date, not "до ...", "с ...", "после ..."."""
    return bool(d.value) and d.end_value is None and d.prep not in NOT_SIGNING_DATE


def _merge(d: _Draft, mention: _Mention) -> None:
    """Fold a repeated mention into its record: the firmer status, missing values, the
    fuller title."""
    if mention.sentence not in d.sentences:
        d.sentences.append(mention.sentence)
    if STATUS_RANK[mention.status] > STATUS_RANK[d.status]:
        d.status = mention.status
    d.period = d.period or mention.period
    d.date = d.date or mention.date
    d.place = d.place or mention.place
    if len(mention.title) > len(d.title):
        d.title = mention.title
    d.confidence = min(0.95, d.confidence + 0.05)


@svodka.hookimpl
def register_extractors(register) -> None:
    register(AgreementExtractor())
