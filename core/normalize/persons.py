"""Person names to the nominative "Имя Фамилия" (patronymic kept), from any case.

Surnames no dictionary knows (Kazakh, Kyrgyz, Uzbek, Tajik, Azerbaijani ones among them)
are declined by the paradigms of Russian grammar: the ``-ов/-ев/-ин`` type, the adjectival
``-ский`` type, masculine consonant stems and indeclinable vowel endings. The first name
and the surname must agree in gender and case, which settles forms that are ambiguous on
their own ("Руслана Ахметова": masculine genitive, not a feminine nominative).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from svodka.extract.rules import words
from svodka.text.morph import analyze

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# surnames of these kinds do not decline: Собирзода, Мамедзаде, Чавушоглу (rules/names.tsv)
_INDECLINABLE_ENDINGS = words("names.indeclinable_ending")
_VOWELS = set("аеёиоуыэюя")
_FOREIGN_VOWELS = set("иеоуюэ")
_GUESS = 0.1  # the score of a first name read by declension alone

# paradigm: gender -> case -> ending (added to the stem)
_OV = {  # Иванов, Пушкин, Токаев, Алиев
    "masc": {"nomn": "", "gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"},
    "femn": {"nomn": "а", "gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"},
}
_SKY = {  # Вишневский, Вишневская (the stem keeps "ск"/"цк")
    "masc": {"nomn": "ий", "gent": "ого", "datv": "ому", "accs": "ого", "ablt": "им", "loct": "ом"},
    "femn": {"nomn": "ая", "gent": "ой", "datv": "ой", "accs": "ую", "ablt": "ой", "loct": "ой"},
}
_HARD = {  # masculine consonant stems: Пашинян, Шевчук
    "masc": {"nomn": "", "gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"},
}
_SOFT = {  # masculine stems in ж, ш, щ, ч, ц take -ем in the instrumental: Бабич → Бабичем
    "masc": {"nomn": "", "gent": "а", "datv": "у", "accs": "а", "ablt": "ем", "loct": "е"},
}
_SOFT_SIGN = {  # masculine stems in -ь: Цзюнь → Цзюнем, Гоголь → Гоголя; the dative and
    # prepositional are left out: -ю and -е endings are more often indeclinable (Лекорню)
    "masc": {"nomn": "ь", "gent": "я", "accs": "я", "ablt": "ем"},
}
_A = {  # nouns in -а of either gender: Кучма, Окуджава
    "masc": {"nomn": "а", "gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"},
    "femn": {"nomn": "а", "gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"},
}
_FEMALE_NAME = {  # first names: Алия, Айгерим is indeclinable
    "ия": {"nomn": "ия", "gent": "ии", "datv": "ии", "accs": "ию", "ablt": "ией", "loct": "ии"},
    "а": {"nomn": "а", "gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"},
    "я": {"nomn": "я", "gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"},
}


@dataclass(frozen=True)
class Form:
    """One reading of a word form: gender, case and the nominative it comes from."""

    gender: str | None  # "masc", "femn" or None (either)
    case: str | None  # None: indeclinable, any case
    nominative: str
    score: float = 1.0
    certain: bool = False  # a case pymorphy3's dictionary gives this very word form

    def agrees(self, other: Form) -> bool:
        return (self.gender is None or other.gender is None or self.gender == other.gender) and (
            self.case is None or other.case is None or self.case == other.case
        )


def _restore(surface: str, lower_nominative: str) -> str:
    """The nominative spelled like the surface: its capitals and ё kept on the shared stem."""
    shared = 0
    for a, b in zip(surface.lower(), lower_nominative, strict=False):
        if a != b:
            break
        shared += 1
    rest = lower_nominative[shared:]
    word = surface[:shared] + rest
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# a nominative that ends like an oblique case ("Акаром") is less likely than that case
_OBLIQUE_LOOKING = ("ом", "ем", "ым", "им", "ой", "ому")


def _paradigm_forms(word: str, paradigm: dict, stem_ok: Callable[[str], bool]) -> list[Form]:
    forms = []
    for gender, endings in paradigm.items():
        for case, ending in endings.items():
            if ending and not word.endswith(ending):
                continue
            stem = word[: len(word) - len(ending)] if ending else word
            if stem and stem_ok(stem):
                score = 0.6 if case == "nomn" and word.endswith(_OBLIQUE_LOOKING) else 1.0
                forms.append(Form(gender, case, stem + endings["nomn"], score))
    return forms


def _dictionary_parses(word: str, grammeme: str) -> list:
    """pymorphy3 analyses with this grammeme that come from its dictionary, not a guess."""
    return [p for p in analyze(word) if grammeme in p.tag and is_dictionary_word(p)]


def is_dictionary_word(parse) -> bool:
    """True for an analysis pymorphy3 found in its dictionary as a whole word."""
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def could_be_surname(surface: str) -> bool:
    """False for a word the dictionary knows only as an ordinary word ("Республики")."""
    parses = [p for p in analyze(surface.lower()) if is_dictionary_word(p)]
    return not parses or any(g in p.tag for p in parses for g in ("Surn", "Name", "Patr"))


@lru_cache(maxsize=50_000)
def surname_forms(surface: str) -> list[Form]:
    """Every reading of a surname form by the paradigms of Russian surnames (for a surname
    pymorphy3's dictionary knows, only the readings that agree with it)."""
    word = surface.lower()
    if word.endswith(tuple(_INDECLINABLE_ENDINGS)) or _foreign_spelling(word):
        return [Form(None, None, surface)]
    last = word[-1:]
    forms: list[Form] = []
    forms += _paradigm_forms(word, _OV, lambda s: s.endswith(("ов", "ев", "ёв", "ин", "ын")))
    forms += _paradigm_forms(word, _SKY, lambda s: s.endswith(("ск", "цк")))
    # consonant stems, -ин/-ов ones too: foreign names decline so ("Юйцином")
    forms += _paradigm_forms(
        word, _HARD, lambda s: s[-1:] not in _VOWELS and s[-1:] not in "жшщчцйь"
    )
    forms += _paradigm_forms(word, _SOFT, lambda s: s[-1:] in "жшщчц")
    forms += _paradigm_forms(word, _SOFT_SIGN, lambda s: s[-1:] not in _VOWELS and s[-1:] != "ь")
    forms += _paradigm_forms(
        word,
        _A,
        lambda s: (
            len(s) > 2
            and s[-1:] not in _VOWELS
            and not s.endswith(("ов", "ев", "ёв", "ин", "ын", "ск", "цк"))
        ),
    )
    if (
        last in _VOWELS
        and not forms
        or word.endswith(("ко", "ых", "их", "о", "у", "ю", "э", "и", "е"))
    ):
        forms.append(Form(None, None, word))  # Шевченко, Пинто, Черных: indeclinable
    if last not in _VOWELS and last not in "йь":
        # a woman's consonant surname does not decline; rarer than a declined man's one
        forms.append(Form("femn", None, word, 0.5))
    if not forms:
        forms.append(Form(None, None, word))  # a foreign name: Цзюнь, Ын
    known = {_surname_nominative(p) for p in _dictionary_parses(word, "Surn")}
    if known:
        forms = [f for f in forms if f.nominative in known] or forms
    return _dedupe(forms, surface)


def _foreign_spelling(word: str) -> bool:
    """A word ending in "ы" after ж, ш, ч, щ, к, г, х ("Кабакчы"): Russian spelling writes
    "и" there, so the word is no Russian case form and does not decline."""
    return len(word) > 2 and word[-1] == "ы" and word[-2] in "жшчщкгх"


def _surname_nominative(parse) -> str:
    """A dictionary surname's nominative in the reading's own gender (Захаровой → Захарова;
    pymorphy3's normal form would be the masculine Захаров)."""
    if "femn" in parse.tag:
        form = parse.inflect({"nomn", "femn", "sing"})
        if form is not None:
            return form.word
    return parse.normal_form


def first_name_forms(
    surface: str, known: Callable[[str], bool] = lambda _: False, *, guess: bool = False
) -> list[Form]:
    """Readings of a first name: pymorphy3's Name analyses and the names in ``known`` (the
    first-name gazetteer) declined; with ``guess``, any declension of a name-like word."""
    if "-" in surface.strip("-"):  # Касым-Жомарта: only the last part declines
        prefix, last = surface.rsplit("-", 1)
        whole = first_name_forms(last, lambda w: known(f"{prefix.lower()}-{w}") or known(w))
        both = [  # Франком-Вальтером: both parts decline
            Form(f.gender, f.case, f"{p.nominative}-{f.nominative}", f.score, f.certain)
            for p in first_name_forms(prefix, guess=True)
            for f in whole
            if f.case is not None
            and p.case == f.case
            and p.gender == f.gender
            and p.nominative != prefix
            and known(f"{p.nominative}-{f.nominative}".lower())
        ]
        if both or whole:
            return both or [
                Form(f.gender, f.case, f"{prefix}-{f.nominative}", f.score, f.certain)
                for f in whole
            ]
    named, declined = _first_name_candidates(surface.lower())
    forms = list(named)
    for form, is_name in declined:
        if is_name or known(form.nominative):
            forms.append(Form(form.gender, form.case, form.nominative, 0.7))
        elif guess:
            forms.append(Form(form.gender, form.case, form.nominative, _GUESS * form.score))
    return _dedupe(forms, surface)


@lru_cache(maxsize=50_000)
def _first_name_candidates(word: str) -> tuple[tuple[Form, ...], tuple[tuple[Form, bool], ...]]:
    """pymorphy3's first-name readings, and the declension's candidate nominatives with
    whether the dictionary knows each as a first name."""
    named = []
    for parse in analyze(word):
        if "Name" not in parse.tag or parse.tag.number == "plur":
            continue
        gender = "femn" if "femn" in parse.tag else "masc"
        case = None if "Fixd" in parse.tag else parse.tag.case
        certain = case is not None and is_dictionary_word(parse)
        score = parse.score
        if case == "nomn" and not certain and word.endswith(_OBLIQUE_LOOKING):
            score /= 2  # a guessed nominative "Мевлютом" is an instrumental
        named.append(Form(gender, case, parse.normal_form, score, certain))
    declined: list[Form] = []
    for endings in _FEMALE_NAME.values():
        declined += _paradigm_forms(word, {"femn": endings}, bool)
    declined += _paradigm_forms(word, _HARD, lambda s: s[-1:] not in _VOWELS and s[-1:] != "й")
    declined += _paradigm_forms(word, _SOFT, lambda s: s[-1:] in "жшщчц")
    declined += [Form("masc", None, word), Form("femn", None, word)]
    return tuple(named), tuple((f, _is_name(f.nominative, f.gender)) for f in declined)


def _is_name(word: str, gender: str | None) -> bool:
    return any(
        "nomn" in p.tag and p.normal_form == word and (gender is None or gender in p.tag)
        for p in _dictionary_parses(word, "Name")
    )


def _supported(word: str, form: Form) -> bool:
    """True when pymorphy3 also reads the word in the form's case (any part of speech); an
    indeclinable reading is supported by pymorphy3's own indeclinable (Fixd) reading or a
    vowel ending Russian nouns of the kind do not have."""
    cases, indeclinable = _readings(word.lower())
    if form.case == "nomn" and word.lower().endswith(_OBLIQUE_LOOKING):
        # "Фаттахом": pymorphy3 guesses a nominative for any word; only its dictionary counts
        return bool(_dictionary_parses(word.lower(), "nomn"))
    if form.case is None:  # foreign names in -и, -е, -о, -у do not decline: Назели, Гоу
        return indeclinable or word[-1:].lower() in _FOREIGN_VOWELS
    return form.case in cases


@lru_cache(maxsize=50_000)
def _readings(word: str) -> tuple[frozenset[str | None], bool]:
    """The cases pymorphy3 reads a word in, and whether it has an indeclinable reading."""
    parses = analyze(word)
    return frozenset(p.tag.case for p in parses), any("Fixd" in p.tag for p in parses)


def patronymic_forms(surface: str) -> list[Form]:
    """Readings of a patronymic (Андреевич, Андреевна) in any case."""
    word = surface.lower()
    paradigms = {
        "masc": {
            "nomn": "ич",
            "gent": "ича",
            "datv": "ичу",
            "accs": "ича",
            "ablt": "ичем",
            "loct": "иче",
        },
        "femn": {
            "nomn": "на",
            "gent": "ны",
            "datv": "не",
            "accs": "ну",
            "ablt": "ной",
            "loct": "не",
        },
    }
    forms = []
    for gender, endings in paradigms.items():
        for case, ending in endings.items():
            if word.endswith(ending):
                stem = word[: -len(ending)]
                if stem.endswith(("ов", "ев", "ин", "ьин")) or (
                    gender == "femn" and stem.endswith(("ов", "ев", "ич"))
                ):
                    forms.append(Form(gender, case, stem + endings["nomn"]))
    return _dedupe(forms, surface)


def _dedupe(forms: Iterable[Form], surface: str) -> list[Form]:
    """One form per reading: the best score, certain if any source was."""
    seen: dict[tuple, Form] = {}
    for form in forms:
        key = (form.gender, form.case, form.nominative)
        kept = seen.get(key)
        if kept is not None:
            form = Form(*key, max(kept.score, form.score), kept.certain or form.certain)
        seen[key] = form
    return [
        Form(f.gender, f.case, _restore(surface, f.nominative), f.score, f.certain)
        for f in seen.values()
    ]


@dataclass(frozen=True)
class PersonName:
    """A normalised name: ``full`` is "Имя [Отчество] Фамилия" in the nominative."""

    first: str | None
    patronymic: str | None
    surname: str
    gender: str | None
    case: str | None

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.patronymic, self.surname) if p)


def normalize_name(
    first: str | None,
    surname: str,
    patronymic: str | None = None,
    *,
    case_hint: str | None = None,
    known_first: Callable[[str], bool] = lambda _: False,
    after_preposition: bool = True,
) -> PersonName | None:
    """The nominative of a name given in any case; None when the words cannot form one.

    ``case_hint`` (the case of a word agreeing with the name, such as a preceding rank)
    decides between readings that agree equally well. Without ``after_preposition`` the
    prepositional case is ruled out (it occurs only after в, о, при ...).
    """
    surnames = [f for f in surname_forms(surname) if after_preposition or f.case != "loct"]
    if first is None:
        best = _best([(s,) for s in surnames], (surname,), case_hint)
        if best is None:
            return None
        (s,) = best
        return PersonName(None, None, s.nominative, s.gender, s.case)
    words = (first, surname, patronymic) if patronymic else (first, surname)
    patronymics = patronymic_forms(patronymic) if patronymic else []
    combos: list[tuple[Form, ...]] = []
    for f in first_name_forms(first, known_first, guess=True):
        if f.case == "loct" and not after_preposition:
            continue
        for s in surnames:
            if not f.agrees(s):
                continue
            if not patronymic:
                combos.append((f, s))
            combos += [(f, s, p) for p in patronymics if p.agrees(f) and p.agrees(s)]
    best = _best(combos, words, case_hint)
    if best is None:
        return None
    f, s = best[0], best[1]
    case = next((x.case for x in best if x.case), None)
    gender = f.gender or s.gender
    if f.score <= _GUESS and any(
        (c[0].gender or c[1].gender) not in (gender, None)
        and [x.nominative for x in c] == [x.nominative for x in best]
        for c in combos
    ):
        gender = None  # "Назели Багдасарян": an unknown first name, read alike as either
    return PersonName(
        f.nominative,
        best[2].nominative if len(best) > 2 else None,
        s.nominative,
        gender,
        case,
    )


def _best(
    combos: list[tuple[Form, ...]], words: tuple[str, ...], case_hint: str | None
) -> tuple[Form, ...] | None:
    if not combos:
        return None

    def score(combo: tuple[Form, ...]) -> tuple:
        case = next((f.case for f in combo if f.case), None)
        hint = 0 if case_hint is None else 2 if case == case_hint else 1 if case is None else 0
        return (
            hint,
            combo[0].certain,  # the dictionary knows the first name in exactly this form
            sum(_supported(w, f) for w, f in zip(words, combo, strict=False)),
            round(sum(f.score for f in combo), 2),
            any(f.gender == "masc" for f in combo),
        )

    return max(combos, key=score)


@lru_cache(maxsize=100_000)
def surname_matches(surface: str, surname: str) -> bool:
    """True when a word form can be the given surname (nominative) in some case."""
    target = surname.lower().replace("ё", "е")
    return any(f.nominative.lower().replace("ё", "е") == target for f in surname_forms(surface))
