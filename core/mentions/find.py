"""Entity mentions of one parsed article, found once and shared by every extractor.

Countries, organisations, places, regions, posts and ranks come from the gazetteers (matched in
any case); persons from first names followed by a surname, and from the names of other naming
systems (initials, East Asian family names first, Mongolian father's names first, particles;
words in rules/names.tsv), normalised to the nominative, with later surname-only mentions
resolved to the full name. The post, country, organisation
and rank of each person are bound by :mod:`svodka.mentions.descriptors`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from svodka.components import describe
from svodka.extract.rules import words
from svodka.normalize.gazetteer import Match
from svodka.normalize.persons import (
    Form,
    PersonName,
    could_be_surname,
    first_name_forms,
    is_dictionary_word,
    normalize_name,
    patronymic_forms,
    surname_forms,
    surname_matches,
)
from svodka.text.morph import analyze

if TYPE_CHECKING:
    from collections.abc import Callable

    from svodka.mentions.descriptors import Descriptors
    from svodka.normalize.dates import DateMention, PeriodMention
    from svodka.normalize.gazetteer import Gazetteer
    from svodka.text.parse import ParsedArticle, Token


@dataclass(frozen=True)
class Mention:
    """Tokens ``start``..``end`` (exclusive) of sentence ``sentence`` name ``value``."""

    kind: str
    start: int
    end: int
    value: str
    sentence: int
    form: str = ""  # countries: "name", "abbr" or "adjective"
    country: str | None = None  # places: the city's country


@dataclass
class Person:
    """A person of the article with what the article says about them."""

    name: str
    surname: str
    gender: str | None = None
    position: str | None = None
    country: str | None = None
    organization: str | None = None
    rank: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    position_sentence: int | None = None
    colleague_of: str | None = None  # "коллега из X": the person they are the colleague of
    former: bool = False  # the post is stated as no longer held ("бывший министр")
    post_date: str | None = None  # the date or years the text gives for the post (ISO 8601)

    @property
    def sentences(self) -> list[int]:
        return sorted({m.sentence for m in self.mentions})


class Mentions:
    """All mentions of one article; build with :func:`find_mentions`.

    Each kind of mention is found on its own: a kind whose finder fails is left empty and
    its failure kept in ``failures`` (kind -> "ExceptionType: message"), so that the
    extractors still run on the other kinds.
    """

    def __init__(self, doc: ParsedArticle, *, find: bool = True) -> None:
        self.doc = doc
        self.failures: dict[str, str] = {}
        self.countries: list[Mention] = []
        self.organizations: list[Mention] = []
        self.places: list[Mention] = []
        self.regions: list[Mention] = []
        self.positions: list[Mention] = []
        self.ranks: list[Mention] = []
        self.persons: list[Mention] = []
        self.people: dict[str, Person] = {}
        # name-like words (capitalised, letters only) by sentence: where persons may start
        self._name_like: list[int] = []
        if find:
            self._find_all()

    def _guarded(self, kind: str, finder: Callable[..., list | None], *args: Any) -> list:
        """``finder(*args)`` (a step that returns nothing gives ``[]``), or nothing once the
        finder of this kind has failed."""
        if kind in self.failures:
            return []
        try:
            return finder(*args) or []
        except Exception as exc:  # noqa: BLE001 - a bug in one kind must not cost the others
            self.failures[kind] = describe(exc)
            return []

    def _find_all(self) -> None:
        """Every kind of mention, sentence by sentence; then persons' surnames and contexts."""
        tokens = self.doc.tokens
        guarded = self._guarded
        for sentence in self.doc.sentences:
            toks = tokens[sentence.first_token : sentence.last_token]
            s = sentence.index
            like = [i for i, t in enumerate(toks) if _name_like_text(t.text)]
            self._name_like.extend(sentence.first_token + i for i in like)
            present = set().union(*[t.info.keys for t in toks])
            countries = guarded("countries", self._find_countries, toks, s, present)
            organizations = guarded(
                "organizations", self._find_entries, "organization", toks, s, present
            )
            ranks = guarded("ranks", self._find_entries, "rank", toks, s, present)
            positions = guarded("positions", self._find_positions, toks, s, countries, present)
            places = guarded("places", self._find_entries, "place", toks, s, present)
            named = {i for m in (*countries, *organizations) for i in range(m.start, m.end)}
            # a city is no first name ("в Минске Сергей Ковалев"), unless it reads as one
            title_ends = _title_ends(positions, ranks, named, tokens)
            not_names = named | {
                m.start
                for m in places
                if not self.doc.tokens[m.start].has("Name") and m.start not in title_ends
            }
            persons = guarded("persons", self._find_persons, toks, s, like, not_names, title_ends)
            taken = {i for m in persons for i in range(m.start, m.end)}
            self.places.extend(m for m in places if not taken.intersection(range(m.start, m.end)))
            self.regions.extend(
                m
                for m in guarded("regions", self._find_entries, "region", toks, s, present)
                if not taken.intersection(range(m.start, m.end))
            )
            positions = [m for m in positions if not taken.intersection(range(m.start, m.end))]
            self.countries.extend(countries)
            self.organizations.extend(organizations)
            self.ranks.extend(ranks)
            self.positions.extend(positions)
            self.persons.extend(persons)
        if "persons" not in self.failures:
            from svodka.mentions.descriptors import bind_descriptors

            guarded("persons", self._resolve_surnames)
            guarded("persons", bind_descriptors, self)
        for kind in self.failures:  # a kind that failed in one sentence is left out in all
            getattr(self, kind).clear()
        if "persons" in self.failures:
            self.people.clear()

    # -- finding -------------------------------------------------------------------------

    @staticmethod
    def _mention(kind: str, m: Match, sentence: int) -> Mention:
        return Mention(
            kind,
            m.start,
            m.end,
            m.entry.value,
            sentence,
            form=m.entry.attrs.get("form", "name"),
            country=m.entry.attrs.get("country"),
        )

    def _offset(self, toks: list[Token], m: Match, kind: str, sentence: int) -> Mention:
        base = toks[0].index
        return self._mention(kind, Match(base + m.start, base + m.end, m.entry), sentence)

    @cached_property
    def _known_first_name(self) -> Callable[[str], bool]:
        return _first_name_test(self.doc.lexicon["first_name"])

    def _find_entries(
        self, kind: str, toks: list[Token], s: int, present: set[str]
    ) -> list[Mention]:
        """The mentions of one gazetteer ("organization", "rank", "place", "region")."""
        return [self._offset(toks, m, kind, s) for m in self.doc.lexicon[kind].find(toks, present)]

    def _find_countries(self, toks: list[Token], s: int, present: set[str]) -> list[Mention]:
        gaz = self.doc.lexicon["country"]
        found = [self._offset(toks, m, "country", s) for m in gaz.find(toks, present)]
        starts = {m.start for m in found}
        # a token holds "-" only where its sentence does (most hold none)
        text = self.doc.sentences[s].text
        hyphenated = [t for t in toks if "-" in t.text] if "-" in text else []
        for tok in hyphenated:  # "кыргызско-российского": one country per part
            if tok.index in starts:
                continue
            parts = tok.text.lower().split("-")
            codes: list[str] = []
            for k, part in enumerate(parts):
                entry = None
                if k < len(parts) - 1 and part.endswith("о"):
                    # combining forms: "российско-" → российский, "армяно-" → армянский
                    for word in (part[:-1] + "ий", part[:-1] + "ский"):
                        entry = gaz.lookup(word)
                        if entry is not None:
                            break
                else:
                    entry = gaz.lookup(part)
                if entry is None:
                    codes = []
                    break
                codes.append(entry.value)
            for code in codes:
                found.append(
                    Mention("country", tok.index, tok.index + 1, code, s, form="adjective")
                )
        return sorted(found, key=lambda m: m.start)

    def _find_positions(
        self, toks: list[Token], s: int, countries: list[Mention], present: set[str]
    ) -> list[Mention]:
        """Posts, matched with country adjectives left out ("глава российского оборонного
        ведомства" → "глава оборонного ведомства"); the adjective's country is kept."""
        adjectives = {
            m.start: m for m in countries if m.form == "adjective" and m.end == m.start + 1
        }
        view = [t for t in toks if t.index not in adjectives] if adjectives else toks
        found = []
        for m in self.doc.lexicon["position"].find(view, present):
            start, end = view[m.start].index, view[m.end - 1].index + 1
            inner = [adjectives[i] for i in range(start, end) if i in adjectives]
            if start - 1 in adjectives:  # "российский президент"
                inner.append(adjectives[start - 1])
                start -= 1
            found.append(
                Mention(
                    "position",
                    start,
                    end,
                    m.entry.value,
                    s,
                    country=inner[0].value if inner else None,
                )
            )
        return found

    def _find_persons(
        self,
        toks: list[Token],
        s: int,
        like: list[int],
        named: set[int],
        title_ends: dict[int, str | None],
    ) -> list[Mention]:
        """First name, optional patronymic, surname, starting at one of the name-like words
        ``like``. A first name no dictionary knows is accepted right after a post or rank
        when a surname of the -ов/-ин/-ский kind follows ("главой ведомства Узбекистана
        Бахтиёром Курбановым"). Names of other systems: initials ("С.Лавровым"), East Asian
        family names first ("Ли Цяном"), Mongolian father's names first ("Норовын
        Алтанхуягом"), particles ("Урсулой фон дер Ляйен")."""
        found = self._initialled(toks, s, like, named)
        taken = {k for m in found for k in range(m.start, m.end)}
        is_like = set(like)
        cases: dict[int, str | None] = {}  # end token of a name found -> its case
        known = self._known_first_name
        resume = 0  # the token after the last name found
        for i in like:
            if i < resume or i + 1 >= len(toks):
                continue
            first = toks[i]
            lower = first.text.lower()
            if first.index in named or first.index in taken or lower in _NOT_NAME:
                continue
            other = None
            if lower in _FAMILY_FIRST or lower.endswith(_FATHERS_GENITIVE):
                hint, after_preposition = _context(toks, i, cases, title_ends)
                other = self._other_system(toks, i, is_like, named, hint, after_preposition)
            if other is not None:
                name, j = other
            else:
                if not _first_name_forms(first.text, known) and not (
                    first.index in title_ends
                    and i + 1 in is_like
                    and (
                        _typical_surname(toks[i + 1].text)
                        or not _dictionary_word(first.text)
                        or not _dictionary_word(toks[i + 1].text)  # "Ван Юйцином"
                    )
                ):
                    continue
                hint, after_preposition = _context(toks, i, cases, title_ends)
                patronymic = None
                j = i + 1
                if j + 1 < len(toks) and j + 1 in is_like and patronymic_forms(toks[j].text):
                    patronymic = toks[j]
                    j += 1
                particles = []
                while j + 1 < len(toks) and toks[j].text.lower() in _PARTICLES:
                    particles.append(toks[j].text)  # "Шарлем де Голлем"
                    j += 1
                surname = toks[j]
                prefix, bare = _prefixed(surname.text)  # "Мухаммедом аль-Судани"
                if (
                    surname.index in named
                    or surname.text.lower() in _NOT_NAME
                    or (j not in is_like and not prefix)
                    or not (
                        could_be_surname(bare)
                        or _typical_surname(bare)
                        or self._surely_first_name(first.text)
                    )
                ):
                    continue
                if patronymic is None and not particles and self._second_given_name(toks, j, named):
                    name = self._double_name(first, surname, toks[j + 1], hint)
                    j += 1
                    second = self._second_surname(toks, j, named, name)
                    if second is not None and name is not None:  # "Хуан Карлос Рамирес Вальдес"
                        name = replace(name, surname=f"{name.surname} {second}")
                        j += 1
                else:
                    name = _normalize_name(
                        first.text,
                        bare,
                        patronymic.text if patronymic else None,
                        case_hint=hint,
                        known_first=known,
                        after_preposition=after_preposition,
                    )
                    if name is not None and (particles or prefix):
                        full = " ".join([*particles, prefix + name.surname])
                        name = replace(name, surname=full)
            if name is None:
                continue
            tail, j = self._particle_tail(toks, j, named, name.case)
            if tail:  # "Мухаммед бин Рашид Аль Мактум", "Луис Инасиу Лула да Силва"
                name = replace(name, surname=f"{name.surname} {tail}")
            person = self._person(name)
            cases[toks[j].index + 1] = name.case
            mention = Mention("person", first.index, toks[j].index + 1, person.name, s)
            person.mentions.append(mention)
            found.append(mention)
            resume = j + 1
        return sorted(found, key=lambda m: m.start)

    def _initialled(
        self, toks: list[Token], s: int, like: list[int], named: set[int]
    ) -> list[Mention]:
        """Surnames after one or two initials: "С. Лавров", "А.Камиловым", "Н. А. Петрова"."""
        found: list[Mention] = []
        for j in like:
            k = j
            initials: list[str] = []
            while k >= 2 and toks[k - 1].text == "." and _initial(toks[k - 2].text):
                initials.insert(0, toks[k - 2].text + ".")
                k -= 2
            surname = toks[j]
            if (
                not initials
                or len(initials) > 2
                or surname.index in named
                or not (could_be_surname(surname.text) or _typical_surname(surname.text))
            ):
                continue
            rest = _normalize_name(
                None,
                surname.text,
                case_hint=_case_before(toks, k),
                after_preposition=_after_preposition(toks, k),
            )
            if rest is None:
                continue
            name = PersonName(" ".join(initials), None, rest.surname, rest.gender, rest.case)
            person = self._person(name)
            mention = Mention("person", toks[k].index, surname.index + 1, person.name, s)
            person.mentions.append(mention)
            found.append(mention)
        return found

    def _other_system(
        self,
        toks: list[Token],
        i: int,
        is_like: set[int],
        named: set[int],
        hint: str | None,
        after_preposition: bool,
    ) -> tuple[PersonName | None, int] | None:
        """A name whose first word is a family name (East Asian: "Нгуен Тан Зунгом") or a
        father's name (Mongolian: "Норовын Алтанхуягом") and whose last word declines, with
        the index of that last word; None for a name of another kind."""
        first = toks[i]
        lower = first.text.lower()
        if i + 1 not in is_like or toks[i + 1].index in named:
            return None
        last = i + 1
        if lower in _FAMILY_FIRST and _syllabic(toks[i + 1].text):
            if i + 2 in is_like and toks[i + 2].index not in named and _syllabic(toks[i + 2].text):
                last = i + 2
        elif not (
            lower.endswith(_FATHERS_GENITIVE)
            and not _dictionary_word(first.text)
            and not self._surely_first_name(first.text)
            and not _dictionary_word(toks[i + 1].text)
        ):
            return None
        given = _normalize_name(
            None, toks[last].text, case_hint=hint, after_preposition=after_preposition
        )
        if given is None:
            return None, last
        before = " ".join(t.text for t in toks[i:last])
        return PersonName(before, None, given.surname, given.gender, given.case), last

    def _second_given_name(self, toks: list[Token], j: int, named: set[int]) -> bool:
        """ "Реджеп Тайип Эрдоган": the word after a first name is another first name and a
        surname follows it."""
        if j + 1 >= len(toks):
            return False
        word, following = toks[j], toks[j + 1]
        if (
            following.index in named
            or not _name_like_text(following.text)
            or _typical_surname(word.text)
            or (
                # "Ахмад Фаузи Ибрагим": a father's name last, unless more names follow;
                # two given names and two surnames ("Хуан Карлос Рамирес Вальдес")
                self._surely_first_name(following.text)
                and not _four_names(toks, j - 1, named)
                and (
                    self._surely_first_name(word.text)
                    or (j + 2 < len(toks) and _name_like_text(toks[j + 2].text))
                )
            )
            or not (_typical_surname(following.text) or could_be_surname(following.text))
            or self.doc.lexicon["place"].match_at(toks, j + 1) is not None
        ):
            return False
        if _first_name_forms(word.text, self._known_first_name):
            return True
        # a given name no dictionary knows, in the same case as the first name
        rest = _normalize_name(word.text, following.text, known_first=self._known_first_name)
        firsts = _first_name_forms(toks[j - 1].text, self._known_first_name)
        return (
            rest is not None
            and not _dictionary_word(word.text)
            and any(f.case in (None, rest.case) for f in firsts)
        )

    def _second_surname(
        self, toks: list[Token], j: int, named: set[int], name: PersonName | None
    ) -> str | None:
        """The second surname of a four-word name after its first surname ``j``, in the
        nominative; None when there is none."""
        if name is None or not _four_names(toks, j - 2, named):
            return None
        second = _normalize_name(None, toks[j + 1].text, case_hint=name.case)
        if second is None or second.case not in (None, name.case):
            return None
        return second.surname

    @staticmethod
    def _particle_tail(
        toks: list[Token], j: int, named: set[int], case: str | None
    ) -> tuple[str, int]:
        """Particles and the names they lead after a name's last word ``j`` ("бин Рашидом Аль
        Мактумом", "ас-Сиси"), in the nominative, with the index of the last word taken."""
        words: list[str] = []
        k = j + 1
        while k < len(toks):
            parts = []
            while k < len(toks) and toks[k].text.lower() in _PARTICLES:
                parts.append(toks[k].text)
                k += 1
            if k >= len(toks) or toks[k].index in named:
                break
            prefix, bare = _prefixed(toks[k].text)
            if not (prefix or (parts and _name_like_text(bare))):
                break
            nominative = _normalize_name(None, bare, case_hint=case)
            words += [*parts, prefix + (nominative.surname if nominative else bare)]
            j = k
            k += 1
        return " ".join(words), j

    def _double_name(
        self, first: Token, second: Token, surname: Token, hint: str | None = None
    ) -> PersonName | None:
        rest = _normalize_name(
            second.text, surname.text, case_hint=hint, known_first=self._known_first_name
        )
        if rest is None or rest.first is None:
            return None
        forms = _first_name_forms(first.text, self._known_first_name, guess=True)
        fitting = [f for f in forms if f.case in (None, rest.case)] or forms
        given = max(fitting, key=lambda f: f.score).nominative if fitting else first.text
        return PersonName(f"{given} {rest.first}", None, rest.surname, rest.gender, rest.case)

    def _surely_first_name(self, word: str) -> bool:
        return _surely_first_name(word, self._known_first_name)

    def _person(self, name: PersonName) -> Person:
        """The person ``name`` names: one met before under it, or by the same surname and
        first name(s), else a new one. ``people`` stays keyed by each person's current name
        (a person renamed more fully under an old key was lost, and their mentions with them,
        when another took that key)."""
        known = self.people.get(name.full)
        if known is not None:
            return known
        key = name.surname.lower().replace("ё", "е")
        first = name.first.split() if name.first else []
        for person in self.people.values():
            if person.surname.lower().replace("ё", "е") == key and all(
                _same_given(a, b) for a, b in zip(first, person.name.split(), strict=False)
            ):
                if len(name.full) > len(person.name):
                    person.name = name.full
                    self.people = {p.name: p for p in self.people.values()}  # in the same order
                return person
        person = Person(name.full, name.surname, name.gender)
        self.people[name.full] = person
        return person

    def _resolve_surnames(self) -> None:
        """Surname-only mentions ("сказал Ергалиев") resolve to the article's full names."""
        if not self.people:
            return
        taken = {i for group in self._groups() for m in group for i in range(m.start, m.end)}
        tokens = self.doc.tokens
        for index in self._name_like:
            if index in taken:
                continue
            tok = tokens[index]
            for person in self.people.values():
                if surname_matches(tok.text, person.surname):
                    mention = Mention("person", tok.index, tok.index + 1, person.name, tok.sentence)
                    person.mentions.append(mention)
                    self.persons.append(mention)
                    break
        self._settle_names()

    def _settle_names(self) -> None:
        """A person named again more fully than at first ("Виктор Вексельберг ... Виктор
        Феликсович Вексельберг") is known by the fuller name: every mention of them carries
        it, and ``people`` is keyed by it."""
        fuller: dict[int, Mention] = {}
        for person in self.people.values():
            for k, m in enumerate(person.mentions):
                if m.value != person.name:
                    person.mentions[k] = fuller[id(m)] = replace(m, value=person.name)
        self.persons = sorted((fuller.get(id(m), m) for m in self.persons), key=lambda m: m.start)
        self.people = {p.name: p for p in self.people.values()}

    # -- queries -----------------------------------------------------------------------------

    def _groups(self) -> tuple[list[Mention], ...]:
        return (
            self.countries,
            self.organizations,
            self.places,
            self.regions,
            self.positions,
            self.ranks,
            self.persons,
        )

    @cached_property
    def _by_sentence(self) -> dict[str, dict[int, list[Mention]]]:
        index: dict[str, dict[int, list[Mention]]] = defaultdict(lambda: defaultdict(list))
        for group in self._groups():
            for m in group:
                index[m.kind][m.sentence].append(m)
        return index

    def in_sentence(self, kind: str, sentence: int) -> list[Mention]:
        """Mentions of a kind ("person", "country", ...) in one sentence, in text order."""
        return self._by_sentence[kind].get(sentence, [])

    @cached_property
    def descriptors(self) -> Descriptors:
        """Descriptors without a name bound to them (see :mod:`svodka.mentions.descriptors`)."""
        from svodka.mentions.descriptors import Descriptors

        return Descriptors(self)

    @cached_property
    def dates(self) -> list[DateMention]:
        from svodka.normalize import dates

        return self._guarded("dates", dates.find_dates, self.doc)

    @cached_property
    def periods(self) -> list[PeriodMention]:
        from svodka.normalize import dates

        return self._guarded("periods", dates.find_periods, self.doc)


# "начальник Генштаба ВС Сербии": words between a post and its country (rules/descriptors.tsv)
_INSTITUTION_LEMMAS = words("descriptors.institution")
# naming systems (rules/names.tsv)
_FAMILY_FIRST = words("names.family_first")
_GIVEN_SYLLABLES = words("names.given_syllable")
# endings, as a tuple for str.endswith (built once, not for every name-like word)
_FATHERS_GENITIVE = tuple(sorted(words("names.patronymic_genitive")))
_PARTICLES = words("names.particle")
_NOT_NAME = words("names.not_name")
_CYRILLIC_CAPITALS = frozenset("АБВГДЕЁЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ")


def _four_names(toks: list[Token], i: int, named: set[int]) -> bool:
    """Exactly four name-like words from ``i`` on, none of them a country or organisation
    (two given names and two surnames)."""
    end = i + 4
    return (
        end <= len(toks)
        and all(_name_like_text(t.text) and t.index not in named for t in toks[i:end])
        and not (end < len(toks) and _name_like_text(toks[end].text))
    )


def _same_given(a: str, b: str) -> bool:
    """Two given names, or a given name and its initial ("А." and "Абдулазиз"), agree."""
    return (
        a == b
        or (a.endswith(".") and b.startswith(a[:-1]))
        or (b.endswith(".") and a.startswith(b[:-1]))
    )


def _initial(text: str) -> bool:
    return len(text) == 1 and text in _CYRILLIC_CAPITALS


@lru_cache(maxsize=100_000)
def _syllabic(text: str) -> bool:
    """A word of an East Asian given name: a syllable the dictionary also knows ("Тан",
    "Иром" of "Ир"), or a word of at most three syllables no dictionary knows ("Цзиньпином")."""
    lower = text.lower()
    return any(f.nominative.lower() in _GIVEN_SYLLABLES for f in surname_forms(text)) or (
        not _dictionary_word(text)
        and not lower.endswith(_RUSSIAN_SURNAME_ENDINGS)
        and sum(ch in "аеёиоуыэюя" for ch in lower) <= 3
    )


def _prefixed(text: str) -> tuple[str, str]:
    """("аль-", "Судани") for a surname joined to its particle, ("", text) otherwise."""
    head, _, rest = text.partition("-")
    if rest[:1].isupper() and head in _PARTICLES:
        return head + "-", rest
    return "", text


def _title_ends(
    positions: list[Mention], ranks: list[Mention], named: set[int], tokens: list[Token]
) -> dict[int, str | None]:
    """Token indices right after a post or rank, and after a country or organisation
    that follows one ("посол Казахстана в Киргизии ...", "начальник Генштаба ВС Сербии
    ..."): where a name is expected; each with the case of the title's head noun, which
    the name agrees with ("генералом армии Ассими Гоитой")."""
    ends: dict[int, str | None] = {}
    # the longest title wins; a post after another ("пресс-секретарем президента") is the
    # first one's complement, the name agrees with the first
    for m in sorted((*positions, *ranks), key=lambda m: (m.start, -m.end)):
        if m.end not in ends:
            ends[m.end] = ends[m.start] if m.start in ends else _head_case(tokens, m)
    for end in sorted(ends):
        k = end
        while True:
            n = k
            while n < len(tokens) and tokens[n].lemma in _INSTITUTION_LEMMAS:
                n += 1
            if k in named or (
                k + 1 in named and k < len(tokens) and tokens[k].text.lower() in ("в", "во", "при")
            ):
                k += 1
            elif n > k and n in named:
                k = n
            else:
                break
        ends.setdefault(k, ends[end])
    return ends


def _head_case(tokens: list[Token], m: Mention) -> str | None:
    """The case of the first noun of a title mention."""
    for tok in tokens[m.start : m.end]:
        if tok.is_word and tok.has("NOUN"):
            return tok.parses[0].tag.case
    return None


_SURNAME_ENDINGS = tuple(
    stem + ending
    for stem in ("ов", "ев", "ёв", "ин", "ын")
    for ending in ("", "а", "у", "ым", "е", "ой", "ою")
) + ("ский", "ского", "скому", "ским", "ском", "ская", "ской", "скую", "цкий", "цкого", "цким")


# the -ов/-ев/-ский kinds: Chinese and Vietnamese syllables end in -ин, never so
_RUSSIAN_SURNAME_ENDINGS = tuple(e for e in _SURNAME_ENDINGS if not e.startswith(("ин", "ын")))


def _dictionary_word(text: str) -> bool:
    return any(is_dictionary_word(p) for p in analyze(text.lower()))


# Names repeat across articles: their readings are worked out once per spelling (and
# first-name gazetteer).


@lru_cache(maxsize=16)
def _first_name_test(first_names: Gazetteer) -> Callable[[str], bool]:
    """Whether the first-name gazetteer knows a nominative ("Касым-Жомарт")."""

    @lru_cache(maxsize=100_000)
    def known(word: str) -> bool:
        title = "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
        return bool(first_names.entries_for(title))

    return known


@lru_cache(maxsize=100_000)
def _first_name_forms(
    surface: str, known: Callable[[str], bool], *, guess: bool = False
) -> tuple[Form, ...]:
    return tuple(first_name_forms(surface, known, guess=guess))


_normalize_name = lru_cache(maxsize=100_000)(normalize_name)


@lru_cache(maxsize=100_000)
def _surely_first_name(word: str, known: Callable[[str], bool]) -> bool:
    """A first name the dictionary or the first-name gazetteer knows as such."""
    lower = word.lower()
    return any("Name" in p.tag and is_dictionary_word(p) for p in analyze(lower)) or any(
        known(f.nominative) for f in _first_name_forms(word, known)
    )


def _typical_surname(text: str) -> bool:
    return text[:1].isupper() and text.lower().endswith(_SURNAME_ENDINGS)


@lru_cache(maxsize=100_000)
def _name_like_text(text: str) -> bool:
    return (
        len(text) > 1
        and text[:1].isupper()
        and not text.isupper()
        and all(ch.isalpha() or ch == "-" for ch in text)
    )


def _context(
    toks: list[Token], i: int, cases: dict[int, str | None], title_ends: dict[int, str | None]
) -> tuple[str | None, bool]:
    """The case hint for a name at ``i`` (from a conjunct before it, else from a word or
    title agreeing with it) and whether a preposition may govern it."""
    if i > 0 and toks[i - 1].text in ("и", ","):  # "Ваагн Хачатурян и Саломе Зурабишвили"
        hint = cases.get(toks[i].index - 1)
    else:
        hint = _case_before(toks, i) or title_ends.get(toks[i].index)
    return hint, _after_preposition(toks, i)


def _after_preposition(toks: list[Token], i: int) -> bool:
    """A preposition within the three words before a name ("о министре обороны Иванове")."""
    return any(t.has("PREP") for t in toks[max(0, i - 4) : i])


def _case_before(toks: list[Token], i: int) -> str | None:
    """The case of a rank, post or honorific just before a name (it agrees with the name)."""
    if i == 0:
        return None
    prev = toks[i - 1]
    if prev.is_word and prev.has("NOUN", "anim"):
        return prev.parses[0].tag.case
    return None


def find_mentions(doc: ParsedArticle) -> Mentions:
    """The mentions of a parsed article (use ``doc.mentions``, which caches this)."""
    return Mentions(doc)
