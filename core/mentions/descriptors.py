"""Descriptors bound to persons: the post, country, organisation and rank the text gives
each person of an article.

The mentions layer finds persons, posts, countries, organisations and ranks; this module
binds them, on top of :mod:`svodka.text.syntax`:

- before a name: "министр обороны Казахстана генерал-майор Бахтияр Ергалиев" (honorific,
  rank, organisation, countries, the post's complement, post; "глава Таджикистана");
  the complement may hold genitives and a country adjective ("министр обороны и
  поддержки Вооруженных сил Ирана", "представитель индийского МИД");
- after it in apposition: "Бахтияр Ергалиев, министр обороны Казахстана,"; a rank after
  a comma takes the post before it when both agree in case ("министром обороны
  Беларуси, генерал-лейтенантом X");
- a country adjective and "коллега из": "с таджикским коллегой X", "коллега из Вьетнама X";
- lists: coordinated names share one post and get the countries or organisations listed
  with it one each ("министры обороны Армении и Грузии A и B", "генеральные секретари
  ОДКБ, СНГ и ШОС A, B и C", "секретари ОДКБ — A и СНГ — B", "министры обороны двух
  стран A и B");
- the state named earlier ("министр иностранных дел республики X"), the side or
  delegation the sentence names, and a post standing for a person named before;
- posts read whole with the complement that says whose they are and a qualifier before the
  name ("пресс-секретарь председателя правительства", "начальник департамента ...",
  "заместитель госсекретаря США по вопросам Европы и Евразии X");
- for a holder still without a country or organisation, the state named before the post in
  its sentence, else the state the article names most;
- a post no longer held: "бывший министр обороны X", "экс-президент", "тогдашний министр",
  "X в 2019–2021 годах занимал пост министра" (``Person.former``, and ``Person.post_date``
  for the years the sentence gives such a post).

Roles read the result from ``Person``; meetings and quotes also ask :class:`Descriptors`
(``mentions.descriptors``) about posts and person nouns that no name follows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from svodka.extract.rules import words
from svodka.mentions.find import Mention, Person
from svodka.text.syntax import (
    COORDINATORS,
    agree,
    cases,
    conjoined,
    distribute,
    listed_before,
    listed_spans,
    tense,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from svodka.mentions.find import Mentions
    from svodka.text.parse import Token

HONORIFICS = words("descriptors.honorific")
HEAD_WORDS = words("descriptors.head")
COUNTERPART_LEMMAS = words("descriptors.counterpart")
COLLEAGUE_LEMMAS = words("descriptors.colleague")
DASHES = words("descriptors.dash")
ANAPHORIC_STATES = words("descriptors.anaphoric_state")
SIDE_LEMMAS = words("descriptors.side")
INSTITUTION_LEMMAS = words("descriptors.institution")
HEAD_SELF = words("descriptors.head_self")
POST_HEADS = words("descriptors.post_head")
POST_MODIFIERS = words("descriptors.post_modifier")
QUALIFIED_POSTS = words("descriptors.qualified")
QUALIFIER_PREPOSITIONS = words("descriptors.qualifier_preposition")
FORMER_WORDS = words("descriptors.former")
THEN_WORDS = words("descriptors.then")
HELD_VERBS = words("descriptors.held_verb")
APPOINTED_WORDS = words("descriptors.appointed")


MAX_COMPLEMENT = 6  # words between a post and its country
MAX_QUALIFIER = 8  # words of a qualifier between a post and a name ("по вопросам ...")


def _complement(tokens: Sequence[Token], k: int) -> bool:
    """A word of a post's complement: an institution word ("Вооруженных сил"), a lower-case
    genitive noun or adjective ("поддержки"), or "и" between two of them."""
    tok = tokens[k]
    if tok.lemma in INSTITUTION_LEMMAS:
        return True
    if tok.text == "и":
        return (
            k > 0 and k + 1 < len(tokens) and _genitive(tokens[k - 1]) and _genitive(tokens[k + 1])
        )
    return tok.text[:1].islower() and _genitive(tok)


def _name_word(tok: Token) -> bool:
    """A capitalised word of letters (and hyphens): a part of a name."""
    text = tok.text
    return len(text) > 1 and text[:1].isupper() and all(ch.isalpha() or ch == "-" for ch in text)


def _genitive(tok: Token) -> bool:
    return tok.is_word and "gent" in cases(tok)


def _counted(tokens: Sequence[Token], k: int) -> bool:
    """The word at ``k`` follows a number ("84 депутата", "пять министров")."""
    return k > 0 and (tokens[k - 1].text.isdigit() or tokens[k - 1].has("NUMR"))


def _personal(tok: Token) -> bool:
    """A word that may be part of a person's name."""
    return tok.any_has("Name") or tok.any_has("Surn") or tok.any_has("Patr")


def _post_text(tokens: Sequence[Token]) -> str:
    """Words of a post as the text gives them, lower case but abbreviations ("МИД")."""
    return " ".join(
        t.text if len(t.text) > 1 and t.text.isupper() else t.text.lower() for t in tokens
    )


def bind_descriptors(mentions: Mentions) -> None:
    """Bind the descriptors of ``mentions``' article to its persons (in place)."""
    _Binder(mentions).bind()


class Descriptors:
    """What the descriptors of one article say where no name is bound to them, for the
    extractors that resolve a post or a person noun to a person ("министры обороны России
    и Казахстана", "белорусский гость", "коллегу из Беларуси"). Use ``mentions.descriptors``.
    """

    def __init__(self, mentions: Mentions) -> None:
        self.tokens = mentions.doc.tokens
        self.countries = mentions.countries

    @cached_property
    def nouns(self) -> dict[int, Mention]:
        """Countries named by a noun ("Казахстана", "Республики Беларусь"), by first token."""
        return {m.start: m for m in self.countries if m.form != "adjective"}

    @cached_property
    def adjectives(self) -> dict[int, Mention]:
        """Country adjectives ("белорусский"), by the token after them."""
        return {m.end: m for m in self.countries if m.form == "adjective"}

    def countries_after(self, start: int) -> list[Mention]:
        """The countries listed right from token ``start`` on: after a post, "министры
        обороны России и Казахстана"."""
        nouns = self.nouns
        chain = []
        i = start
        while i in nouns:
            chain.append(nouns[i])
            i = nouns[i].end
            if i < len(self.tokens) and self.tokens[i].text in COORDINATORS and i + 1 in nouns:
                i += 1
        return chain

    def countries_of_post(self, pos: Mention) -> list[str]:
        """The countries of a post: its own adjective ("российский и белорусский министры")
        and the countries listed after it, without repeats."""
        out = [pos.country] if pos.country else []
        j = pos.start - 1
        if pos.country and j > 0 and self.tokens[j].text == "и" and j in self.adjectives:
            out.insert(0, self.adjectives[j].value)
        out.extend(c.value for c in self.countries_after(pos.end))
        return list(dict.fromkeys(out))

    def country_of_noun(self, i: int, origin: bool) -> str | None:
        """The country of the person noun at token ``i``: "белорусский гость"; with
        ``origin`` also "коллегу из Беларуси"."""
        if i in self.adjectives:
            return self.adjectives[i].value
        if origin and i + 1 < len(self.tokens) and self.tokens[i + 1].lemma == "из":
            noun = self.nouns.get(i + 2)
            return noun.value if noun is not None else None
        return None


@dataclass
class _Context:
    position: Mention | None = None
    countries: list[Mention] = field(default_factory=list)
    organization: Mention | None = None
    organizations: list[Mention] = field(default_factory=list)  # a list, one for each name
    rank: Mention | None = None
    colleague: bool = False
    # "ОДКБ — A, СНГ — B": the country or organisation paired with the name by a dash,
    # and where that pair starts (it is the name's only if a post heads the list)
    pair: Mention | None = None
    start: int = -1
    listed: bool = False  # one of several names under a plural post

    @property
    def empty(self) -> bool:
        return not (self.position or self.countries or self.organization or self.rank)


class _Binder:
    """The binding of one article's descriptors; reads the mentions, fills ``Person``."""

    def __init__(self, mentions: Mentions) -> None:
        self.doc = mentions.doc
        self.countries = mentions.countries
        self.organizations = mentions.organizations
        self.ranks = mentions.ranks
        self.persons = mentions.persons
        self.people = mentions.people
        self.in_sentence = mentions.in_sentence
        self._mentions = mentions  # its dates are found only for a post no longer held
        self._whole: set[int] = set()  # where the posts read with their complement start
        self._post_starts: dict[str, int] = {}  # person -> where the post bound to them starts
        self._listed: set[str] = set()  # persons named in a list under a plural post
        self.positions = self._whole_posts(mentions.positions)

    def _whole_posts(self, found: list[Mention]) -> list[Mention]:
        """The article's posts, each read whole with the complement that says whose it is:
        "пресс-секретарь председателя правительства", "официальный представитель МИД",
        "заместитель госсекретаря", "начальник департамента международного сотрудничества",
        "помощник российского лидера" (→ "помощник президента", RU). Country adjectives
        inside give the post's country and leave its name; a country, organisation, rank or
        person after the complement ends it. One pass over the article's tokens."""
        tokens = self.doc.tokens
        by_start = {m.start: m for m in found}
        covered = {k for m in found for k in range(m.start, m.end)}
        adjectives = {m.start: m for m in self.countries if m.form == "adjective"}
        stops = {m.start for m in (*self.countries, *self.organizations, *self.ranks)}
        stops -= adjectives.keys()
        stops |= {m.start for m in self.persons}
        heads: list[tuple[int, int, str]] = []  # (start, end of the head, its nominative)
        for m in found:
            if m.value in QUALIFIED_POSTS:
                heads.append((m.start, m.end, m.value))
        for tok in tokens:
            if tok.lemma in POST_HEADS and tok.index not in covered and tok.text[:1].islower():
                start = tok.index
                while (
                    start > 0
                    and tokens[start - 1].lemma in POST_MODIFIERS
                    and tokens[start - 1].sentence == tok.sentence
                ):
                    start -= 1
                lemmas = " ".join(t.lemma for t in tokens[start : tok.index + 1])
                heads.append((start, tok.index + 1, lemmas))
        whole: list[Mention] = []
        for start, k, head in sorted(heads):
            if whole and start < whole[-1].end:
                continue
            sentence, last = tokens[start].sentence, self.doc.sentences[tokens[start].sentence]
            parts: list[str] = []
            country = by_start[start].country if start in by_start else None
            while k <= last.last_token and k not in stops and len(parts) < MAX_COMPLEMENT:
                tok = tokens[k]
                if tok.lemma in ANAPHORIC_STATES:  # "МИД республики": the state named before
                    break
                inner = by_start.get(k)
                aside = self._aside_end(k) if parts else None
                if aside is not None:  # "председатель Народного совета (Халк Маслахаты)"
                    k = aside
                elif k in adjectives:
                    country = country or adjectives[k].value
                    k = adjectives[k].end
                elif inner is not None and _genitive(tok):
                    words = tokens[inner.start : inner.end]
                    parts.append(_post_text([t for t in words if t.index not in adjectives]))
                    country = country or inner.country
                    k = inner.end
                elif tok.lemma in HEAD_WORDS and _genitive(tok) and k - 1 in self._adjective_ends:
                    parts.append("президента")  # "помощник российского лидера"
                    k += 1
                elif (tok.text == "и" or tok.has("NOUN") or tok.has("ADJF")) and (
                    _complement(tokens, k)
                    or _genitive(tok)
                    and tok.text[:1].isupper()
                    and not _personal(tok)
                ):
                    parts.append(_post_text([tok]))
                    k += 1
                else:
                    break
            while parts and parts[-1] == "и":
                parts.pop()
                k -= 1
            if parts:
                value = f"{head} {' '.join(parts)}"
                whole.append(Mention("position", start, k, value, sentence, country=country))
        self._whole.update(m.start for m in whole)
        if not whole:
            return found
        inside = {k for m in whole for k in range(m.start, m.end)}
        kept = [m for m in found if m.start not in inside and m.end - 1 not in inside]
        return sorted([*kept, *whole], key=_start)

    def _aside_end(self, k: int) -> int | None:
        """After a short aside in brackets opening at token ``k`` (the name in the state's
        language, not an abbreviation), else None."""
        tokens = self.doc.tokens
        if tokens[k].text != "(":
            return None
        for n in range(k + 1, min(k + 6, len(tokens))):
            if tokens[n].text == ")":
                return n + 1
            if not tokens[n].is_word or tokens[n].text.isupper():
                return None  # "(РАТС)": an abbreviation names an organisation
        return None

    @cached_property
    def _adjective_ends(self) -> set[int]:
        return {m.end - 1 for m in self.countries if m.form == "adjective"}

    def _ending_at(self, group: list[Mention], end: int) -> Mention | None:
        """The first mention of ``group`` (one of the article's lists) ending at token ``end``:
        a look-up in an index of the group by end, built on first use, not a scan of the list
        for each person (which made an article's time grow with its square)."""
        return self._index(group, "end").get(end)

    def _starting_at(self, group: list[Mention], start: int) -> Mention | None:
        """The first mention of ``group`` starting at token ``start`` (as :meth:`_ending_at`)."""
        return self._index(group, "start").get(start)

    def _index(self, group: list[Mention], edge: str) -> dict[int, Mention]:
        key = (id(group), edge)
        index = self._indexes.get(key)
        if index is None or index[0] is not group or index[1] != len(group):
            by_edge: dict[int, Mention] = {}
            for m in group:
                by_edge.setdefault(getattr(m, edge), m)
            index = self._indexes[key] = (group, len(group), by_edge)
        return index[2]

    @cached_property
    def _indexes(self) -> dict[tuple[int, str], tuple[list[Mention], int, dict[int, Mention]]]:
        return {}

    def _context(self, start: int, sentence_start: int) -> _Context:
        tokens = self.doc.tokens
        ctx = _Context()
        j = start
        while j > sentence_start and tokens[j - 1].lemma in HONORIFICS:
            j -= 1
        if j - 1 > sentence_start and tokens[j - 1].text in DASHES:
            pair = self._named_before(j - 1, sentence_start)
            if pair is not None:
                ctx.pair, ctx.start = pair
                ctx.position = self._ending_at(self._positions_in, ctx.start)
                if ctx.position is not None:  # the list's first pair: "секретари ОДКБ — A"
                    self._distribute_pair(ctx)
                return ctx
        rank = self._ending_at(self._ranks_in, j)
        if rank:
            ctx.rank, j = rank, rank.start
        qualifier = self._qualifier(j, sentence_start)
        if qualifier is not None:
            j, qualifier_end = qualifier, j
        orgs = listed_before(j, self._org_ending_at, tokens, sentence_start)
        if orgs:
            ctx.organization, j = orgs[-1], orgs[-1].start
            if len(orgs) > 1 and self._ending_at(self._positions_in, orgs[0].start):
                # "генеральные секретари ОДКБ, СНГ и ШОС A, B и C": one for each name
                ctx.organizations, j = orgs, orgs[0].start
        if j - 1 > sentence_start and tokens[j - 1].lemma in COUNTERPART_LEMMAS:
            # "с таджикским коллегой Собиром Назаровым"
            adjective = next(
                (c for c in self.countries if c.end == j - 1 and c.form == "adjective"), None
            )
            if adjective is not None:
                ctx.countries, ctx.colleague = [adjective], True
                return ctx
            if tokens[j - 1].lemma in COLLEAGUE_LEMMAS:  # "с коллегой X": the same post
                ctx.colleague = True
                return ctx
        countries = listed_before(j, self._country_ending_at, tokens, sentence_start)
        if countries:
            j = countries[0].start
        if (
            countries
            and j - 1 > sentence_start
            and tokens[j - 1].text.lower() in ("в", "во", "при")
        ):
            # "посла Монголии в Туркменистане": the country of the post is the first one
            home = self._ending_at(self._nouns_in, j - 1) or self._ending_at(self._orgs_in, j - 1)
            if home is not None:
                countries, j = ([home] if home.kind == "country" else []), home.start
        if countries and j > sentence_start and tokens[j - 1].lemma == "из":
            ctx.colleague = j - 1 > sentence_start and tokens[j - 2].lemma == "коллега"
            j -= 2 if ctx.colleague else 1
        if (
            not countries
            and j - 1 > sentence_start
            and tokens[j - 1].lemma in ANAPHORIC_STATES
            and tokens[j - 1].text[:1].islower()
            and self._ending_at(self._positions_in, j - 1)
        ):
            # "министр иностранных дел республики Эрлан Бекешов": the state named before
            before = [c for c in self._nouns_in if c.end <= j - 1]
            if before:
                countries = [before[-1]]
                j -= 1
        if (
            not countries
            and j - 2 > sentence_start
            and tokens[j - 1].lemma in ANAPHORIC_STATES
            and tokens[j - 1].has("plur")
            and tokens[j - 2].has("NUMR")
            and self._ending_at(self._positions_in, j - 2)
        ):
            j -= 2  # "министры обороны двух стран A и B": countries not named here
        ctx.countries = countries
        post_end = self._post_through_complement(j, sentence_start)
        if not ctx.countries and post_end < j:
            # "официальный представитель индийского МИД": an adjective of the complement
            inside = (self._starting_at(self._adjectives_in, k) for k in range(post_end, j))
            ctx.countries = [c for c in inside if c is not None][:1]
        j = post_end
        if ctx.organization is None:
            org = self._ending_at(self._orgs_in, j)
            if org:
                ctx.organization, j = org, org.start
        position = self._ending_at(self._positions_in, j)
        while position is not None:  # "пресс-секретаря президента Кыргызстана": the first
            ctx.position = position
            position = self._ending_at(self._positions_in, position.start)
        if ctx.position is None and countries and j > sentence_start:
            word = tokens[j - 1].lemma
            if word in HEAD_WORDS or word in HEAD_SELF:  # "глава Таджикистана", "председатель КНР"
                post = word if word in HEAD_SELF else "президент"
                ctx.position = Mention("position", j - 1, j, post, tokens[j - 1].sentence)
        if ctx.position is not None and qualifier is not None:
            text = _post_text(tokens[qualifier:qualifier_end])
            ctx.position = replace(ctx.position, value=f"{ctx.position.value} {text}")
        dash = ctx.position.start - 1 if ctx.position else -1
        if dash > sentence_start and tokens[dash].text in DASHES:
            # "начальник Генштаба Вооруженных сил Узбекистана — первый заместитель министра
            # обороны генерал-майор ...": the first post is the person's main one
            first = self._context(dash, sentence_start)
            if first.position is not None:
                ctx.position = first.position
                ctx.countries = ctx.countries or first.countries
        if (
            ctx.rank is not None
            and ctx.position is None
            and not (ctx.countries or ctx.organization)
        ):
            self._rank_in_apposition(ctx, sentence_start)
        return ctx

    def _qualifier(self, j: int, sentence_start: int) -> int | None:
        """Where a qualifier of the post before ``j`` starts: "заместитель госсекретаря США
        по вопросам Европы и Евразии X" (a preposition of the list after a post, a country
        or an organisation, then nouns, adjectives, "и" and commas up to the name)."""
        tokens = self.doc.tokens
        for k in range(j - 1, max(sentence_start, j - MAX_QUALIFIER - 1), -1):
            tok = tokens[k]
            if tok.text in QUALIFIER_PREPOSITIONS:
                ends = (self._positions_in, self._nouns_in, self._orgs_in)
                if k < j - 1 and any(self._ending_at(group, k) for group in ends):
                    return k
                return None
            if not (tok.has("NOUN") or tok.has("ADJF") or tok.text in (",", "и")):
                return None
        return None

    def _named_before(self, end: int, sentence_start: int) -> tuple[Mention, int] | None:
        """The organisation or country ending at token ``end``, its abbreviation in
        brackets after it or not ("Организации Договора о коллективной безопасности
        (ОДКБ)"), and where it starts."""
        tokens = self.doc.tokens
        if tokens[end - 1].text == ")":
            opening = next(
                (
                    k
                    for k in range(end - 2, max(sentence_start, end - 5), -1)
                    if tokens[k].text == "("
                ),
                None,
            )
            if opening is None:
                return None
            outer = self._org_or_country_ending_at(opening)
            if outer is not None:
                return outer, outer.start
            inner = self._org_or_country_ending_at(end - 1)
            return (inner, opening) if inner is not None else None
        named = self._org_or_country_ending_at(end)
        return (named, named.start) if named is not None else None

    def _org_or_country_ending_at(self, end: int) -> Mention | None:
        return self._ending_at(self._orgs_in, end) or self._ending_at(self._nouns_in, end)

    @staticmethod
    def _distribute_pair(ctx: _Context) -> None:
        """The paired organisation or country is the person's own."""
        assert ctx.pair is not None
        if ctx.pair.kind == "country":
            ctx.countries = [ctx.pair]
        else:
            ctx.organization = ctx.pair

    def _post_through_complement(self, j: int, sentence_start: int) -> int:
        """Where the post ends when the words before ``j`` are its complement, up to the
        country ("начальник Генерального штаба Вооруженных сил Армении", "министр обороны
        и поддержки Вооруженных сил Ирана"): institution words and genitives, joined by
        "и"; else ``j``."""
        tokens = self.doc.tokens
        k = j
        while k > sentence_start and j - k < MAX_COMPLEMENT and _complement(tokens, k - 1):
            k -= 1
            if self._ending_at(self._positions_in, k):
                return k
        return j

    def _rank_in_apposition(self, ctx: _Context, sentence_start: int) -> None:
        """ "министром обороны Республики Беларусь, генерал-лейтенантом X": the post before
        a comma is the ranked person's when post and rank agree in case."""
        assert ctx.rank is not None
        tokens = self.doc.tokens
        comma = ctx.rank.start - 1
        if comma <= sentence_start or tokens[comma].text != ",":
            return
        first = self._context(comma, sentence_start)
        if first.position is not None and agree(
            tokens[first.position.start], tokens[ctx.rank.start]
        ):
            ctx.position, ctx.countries = first.position, first.countries
            ctx.organization = first.organization

    def _apposition(self, end: int, sentence_end: int) -> _Context:
        """ ", министр обороны Казахстана," after a name."""
        tokens = self.doc.tokens
        ctx = _Context()
        if end >= sentence_end or tokens[end].text != ",":
            return ctx
        position = self._starting_at(self._positions_in, end + 1)
        if position is None:
            return ctx
        ctx.position = position
        country = self._starting_at(self._nouns_in, position.end)
        if country:
            ctx.countries = [country]
        return ctx

    def _country_ending_at(self, end: int) -> Mention | None:
        return self._ending_at(self._nouns_in, end)

    def _org_ending_at(self, end: int) -> Mention | None:
        return self._ending_at(self._orgs_in, end)

    @cached_property
    def _adjectives_in(self) -> list[Mention]:
        return [m for m in self.countries if m.form == "adjective"]

    @cached_property
    def _nouns_in(self) -> list[Mention]:
        return [m for m in self.countries if m.form != "adjective"]

    @cached_property
    def _ranks_in(self) -> list[Mention]:
        return self.ranks

    @cached_property
    def _orgs_in(self) -> list[Mention]:
        return self.organizations

    @cached_property
    def _positions_in(self) -> list[Mention]:
        return self.positions

    def bind(self) -> None:
        """Give each person the post, country, organisation and rank the text binds to them."""
        sentences = self.doc.sentences
        contexts: list[tuple[Mention, _Context]] = []
        for m in self.persons:
            sentence = sentences[m.sentence]
            ctx = self._context(m.start, sentence.first_token)
            if ctx.position is None:  # "полковник Иван Зайцев, начальник отдела ..."
                after = self._apposition(m.end, sentence.last_token)
                if ctx.empty:
                    ctx = ctx if after.empty else after
                elif after.position is not None:
                    ctx.position, ctx.countries = after.position, ctx.countries or after.countries
            contexts.append((m, ctx))
        for k in range(len(contexts)):
            self._distribute(contexts, k)
        for m, ctx in contexts:
            person = self.people[m.value]
            if ctx.position is not None and not ctx.listed and self._plural(ctx.position):
                ctx.position = None  # "депутаты парламента X": a name taken for a group
            if ctx.rank and person.rank is None:
                person.rank = ctx.rank.value
            if ctx.organization and person.organization is None:
                person.organization = ctx.organization.value
            country = None
            if len(ctx.countries) == 1:
                country = ctx.countries[0].value
            elif ctx.position and ctx.position.country:
                country = ctx.position.country
            if country and person.country is None:
                person.country = country
            if ctx.position and (
                person.position is None or (country and person.position_sentence is None)
            ):
                person.position = ctx.position.value
                person.position_sentence = m.sentence
                self._post_starts[person.name] = ctx.position.start
                if ctx.listed:
                    self._listed.add(person.name)
            if ctx.colleague:
                other = self._colleague(m)
                if other is not None:
                    person.colleague_of = other.name
        used = {ctx.position.start for _, ctx in contexts if ctx.position is not None}
        self._resolve_descriptions(
            [p for p in self.positions if p.start not in used and p.start not in self._whole]
        )
        for person in self.people.values():
            if person.position is not None and person.country is None:
                person.country = self._side_country(person.position_sentence)
        self._holders_countries(used)
        for person in self.people.values():
            if person.position is None and person.colleague_of:
                other = self.people[person.colleague_of]
                person.position = other.position
                person.position_sentence = person.mentions[0].sentence
        self._article_countries(used)
        self._mark_former()

    def _mark_former(self) -> None:
        """Mark the posts the text states as no longer held, and date them by their
        sentence's years where it says when they were held (module doc)."""
        tokens = self.doc.tokens
        for person in self.people.values():
            start = self._post_starts.get(person.name)
            if person.position is None or start is None:
                continue
            sentence = tokens[start].sentence
            before = start
            while before > 0 and tokens[before - 1].lemma in POST_MODIFIERS:
                before -= 1
            word = tokens[before - 1] if before > 0 else None
            first = tokens[start].text.lower()
            modified = word is not None and word.sentence == sentence and word.lemma in FORMER_WORDS
            held = self._held_before(person, start)
            if not (modified or held or first.startswith("экс-")):
                continue
            person.former = True
            if held or (modified and word is not None and word.lemma in THEN_WORDS):
                person.post_date = self._sentence_years(sentence)

    def _held_before(self, person: Person, start: int) -> bool:
        """ "X занимал пост министра", "X был министром": a verb of holding in the past
        tense between the person's name and the post (not "был назначен")."""
        tokens = self.doc.tokens
        sentence = tokens[start].sentence
        names = [m for m in person.mentions if m.sentence == sentence and m.end <= start]
        if not names:
            return False
        for k in range(names[-1].end, start):
            tok = tokens[k]
            if tok.lemma in HELD_VERBS and tense([tok]) == "past":
                after = tokens[k + 1] if k + 1 < start else None
                return after is None or after.lemma not in APPOINTED_WORDS
        return False

    def _sentence_years(self, sentence: int) -> str | None:
        """The one past date or span a sentence gives ("в 2019–2021 годах": "2019/2021"),
        else None."""
        published = self.doc.article.published or ""
        found = [
            d
            for d in self._mentions.dates
            if self.doc.tokens[d.start].sentence == sentence and d.value and not d.relative
        ]
        if len(found) != 1:
            return None
        date = found[0]
        value = f"{date.value}/{date.end_value}" if date.end_value else str(date.value)
        return value if not published or str(date.value) <= published else None

    def _plural(self, post: Mention) -> bool:
        """A post named in the plural ("министры обороны")."""
        head = next((t for t in self.doc.tokens[post.start : post.end] if t.has("NOUN")), None)
        return head is not None and head.has("plur")

    def _distribute(self, contexts: list[tuple[Mention, _Context]], k: int) -> None:
        """The descriptors of the person ``k`` shared with the names listed after it:
        "министры обороны Армении и Грузии Сурен Папикян и Ираклий Чиковани" (the post to
        each, the countries one each), "генеральные секретари ОДКБ, СНГ и ШОС A, B и C",
        "генеральные секретари ОДКБ — A, СНГ — B и ШОС — C" (each with their own)."""
        tokens = self.doc.tokens
        m, ctx = contexts[k]
        if ctx.empty:
            return
        group = [k]
        for n in range(k + 1, len(contexts)):
            last = contexts[group[-1]][0]
            m2, ctx2 = contexts[n]
            if (
                ctx2.empty
                and ctx2.pair is None
                and conjoined(tokens, last.end, m2.start)
                or ctx2.pair is not None
                and ctx.position is not None
                and conjoined(tokens, last.end, ctx2.start)
            ):
                group.append(n)
            else:
                break
        members = list(range(len(group)))  # each person's place in the list of names
        count = len(group)
        if ctx.position is not None and len(ctx.countries) > len(group):
            # "Президенты России и Монголии A и B" when B was not read as a name
            spans = listed_spans(
                tokens, m.start, self.doc.sentences[m.sentence].last_token, _name_word
            )
            if len(spans) == len(ctx.countries):
                count = len(spans)
                members = [
                    next((i for i, (a, b) in enumerate(spans) if a <= contexts[n][0].start < b), -1)
                    for n in group
                ]
        if len(group) == 1 and members == [0] and len(ctx.countries) <= 1:
            return
        countries = distribute(ctx.countries, count)
        orgs = distribute(ctx.organizations, count)
        for index, member in zip(group, members, strict=True):
            gctx = contexts[index][1]
            gctx.position, gctx.listed = ctx.position, count > 1
            if member < 0:
                continue
            country = countries[member]
            if country is not None:
                gctx.countries = [country]
            if orgs[member] is not None:
                gctx.organization = orgs[member]
            if gctx.pair is not None:
                self._distribute_pair(gctx)

    def _holders_countries(self, used: set[int]) -> None:
        """A post with a country and no name ("передал главе Туркменистана", "президент
        Армении заявил") gives the country to the one person named before it who holds
        that post without a country, when nobody holds it with that country."""
        unnamed = self._unnamed_posts(used)
        by_post: dict[str, list[Person]] = {}
        for person in self.people.values():
            if person.position is not None:
                by_post.setdefault(person.position, []).append(person)
        for at, post, country in unnamed:
            holders = by_post.get(post, [])
            if any(p.country == country for p in holders):
                continue
            bare = [p for p in holders if p.country is None and p.mentions[0].start < at]
            if len(bare) == 1:
                bare[0].country = country

    def _unnamed_posts(self, used: set[int]) -> list[tuple[int, str, str]]:
        """(token, post, country) of the posts with a country that no name follows."""
        nouns = self._nouns_by_start
        unnamed: list[tuple[int, str, str]] = []
        for pos in self.positions:
            noun = nouns.get(pos.end)
            country = pos.country or (noun.value if noun else None)
            if pos.start not in used and country:
                unnamed.append((pos.start, pos.value, country))
        for k in self._head_words:
            if k not in used and k + 1 in nouns:
                unnamed.append((k, "президент", nouns[k + 1].value))
        return unnamed

    def _article_countries(self, used: set[int]) -> None:
        """A post holder the text gives no country nor organisation is of the state named
        last before the post in its sentence ("вступила Грузия ... после обращения
        тогдашнего президента X"), else of the state the article is about: the one it names
        most often (first named on a tie). A state is passed over for a post the text gives
        it without a name ("главе Туркменистана"), and the article's state also where
        someone else holds the post for it."""
        if not self.countries:
            return
        counts = Counter(m.value for m in self.countries)
        ranked = sorted(counts, key=lambda v: -counts[v])  # stable: first named first
        taken: dict[str, set[str]] = {}  # post -> states it is held or named for
        for person in self.people.values():
            if person.position is not None and person.country is not None:
                taken.setdefault(person.position, set()).add(person.country)
        tokens = self.doc.tokens
        unnamed: dict[str, set[str]] = {}  # post -> states it is named for without a name
        for _, post, country in self._unnamed_posts(used):
            unnamed.setdefault(post, set()).add(country)
            taken.setdefault(post, set()).add(country)
        for person in self.people.values():
            if (
                person.position is None
                or person.country
                or person.organization
                or person.name in self._listed  # "президенты двух стран A и B": which is whose
            ):
                continue
            held = taken.setdefault(person.position, set())
            candidates = [c for c in ranked if c not in held]
            post_start = self._post_starts.get(person.name)
            if post_start is not None:
                sentence = tokens[post_start].sentence
                before = [
                    m.value
                    for m in reversed(self.in_sentence("country", sentence))
                    if m.end <= post_start and m.value not in unnamed.get(person.position, ())
                ]
                candidates = before + candidates
            if candidates:
                person.country = candidates[0]
                held.add(candidates[0])

    @cached_property
    def _nouns_by_start(self) -> dict[int, Mention]:
        return {m.start: m for m in reversed(self._nouns_in)}

    @cached_property
    def _head_words(self) -> list[int]:
        return [t.index for t in self.doc.tokens if t.lemma in HEAD_WORDS]

    def _side_country(self, sentence: int | None) -> str | None:
        """The country of the one delegation or side a sentence names ("монгольскую
        делегацию возглавлял министр иностранных дел ...")."""
        if sentence is None:
            return None
        tokens = self.doc.tokens
        sides = {
            c.value
            for c in self.in_sentence("country", sentence)
            if c.form == "adjective" and c.end < len(tokens) and tokens[c.end].lemma in SIDE_LEMMAS
        }
        return sides.pop() if len(sides) == 1 else None

    def _resolve_descriptions(self, positions: list[Mention]) -> None:
        """A post standing for a person named before ("... слов Ильхама Алиева. Азербайджанский
        президент сказал") gives that person the post, if they had none."""
        tokens = self.doc.tokens
        for pos in positions:
            head = next((t for t in tokens[pos.start : pos.end] if t.has("NOUN")), None)
            if head is None or head.has("plur") or _counted(tokens, pos.start):
                continue  # "министры", "84 депутата": a group, not one person
            # the last person named before the post: persons are in text order, so a binary
            # search and a step back over any that reach into the post, not a pass over all
            k = bisect_left(self.persons, pos.start, key=_start)
            while k and self.persons[k - 1].end > pos.start:
                k -= 1
            before = self.persons[k - 1 : k]
            if not before:
                continue
            noun = self._starting_at(self._nouns_in, pos.end)
            country = pos.country or (noun.value if noun else None)
            if any(
                p.position == pos.value and (country is None or p.country in (None, country))
                for p in self.people.values()
            ):
                continue  # a post someone already holds: a re-mention of them
            person = self.people[before[-1].value]
            if person.position is not None or (
                country and person.country and country != person.country
            ):
                continue
            person.position = pos.value
            person.position_sentence = pos.sentence
            person.country = person.country or country
            self._post_starts[person.name] = pos.start

    def _colleague(self, mention: Mention) -> Person | None:
        for m in self.persons:
            if m.sentence == mention.sentence and m.value != mention.value:
                return self.people[m.value]
        return None


def _start(m: Mention) -> int:
    return m.start
