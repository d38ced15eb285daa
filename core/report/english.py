"""English for Russian phrases of record values, from ``core/data/translations.tsv``.

:func:`english` gives a phrase's English: the table's own English for the whole phrase, else
a word-by-word translation from the table's words and phrases (adjectives stay before their
noun, a genitive after a noun becomes "of ...", prepositions and conjunctions come from the
table, by the case after them where it says so, countries, organisations and cities by their
English names), words the table lacks transliterated with the Russian in brackets in their
place ("agreement on Skolkovo (Сколково)"); a phrase half unknown or more is transliterated
as a whole ("Aibyn (Айбын)"): never bare Russian. Text without Cyrillic letters is returned
as it is.

:func:`english_text` does the same for each Cyrillic run of a longer text (an outlet,
"Apsny.ge (Новости Грузии)"), with the table's ``outlet:`` rows first.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# A word (letters, digits, inner hyphens and dots) or one punctuation mark.
_TOKEN = re.compile(r"[\wЁё]+(?:[-.][\wЁё]+)*|[^\w\s]", re.UNICODE)
# A run of Cyrillic words (with the spaces, hyphens and quotes between them) in a text.
_RUN = re.compile(r"[«\"]?[А-Яа-яЁё][А-Яа-яЁё\w\-.]*(?:[ \-]+[«\"]?[А-Яа-яЁё\d][\w\-.]*[»\"]?)*")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
MAX_PHRASE = 6  # words in the longest phrase looked up
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,7}")  # an organisation's English acronym
_ANNIVERSARY = re.compile(r"(\d+)-?лети\w*")  # "80-летие", "80-летию"


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 80th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


@dataclass(frozen=True)
class _Entry:
    """An English rendering: its singular and plural."""

    singular: str
    plural: str


def _plural(word: str) -> str:
    """The regular English plural of a phrase's head: its last word, or the last before
    "of" ("secretary of the security council" → "secretaries of the security council")."""
    head, of, rest = word.partition(" of ")
    if of:
        return _plural(head) + of + rest
    if re.search(r"(s|sh|ch|x)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


@cache
def _rows() -> list[list[str]]:
    text = (files("svodka.data") / "translations.tsv").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0][:2] != ["ru", "en"]:
        raise ValueError("translations.tsv: header must be 'ru<TAB>en<TAB>plural'")
    for number, row in enumerate(rows[1:], 2):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ValueError(f"translations.tsv: row {number} needs a Russian and an English cell")
    return [[cell.strip() for cell in row] for row in rows[1:]]


def _lemma_key(phrase: str) -> tuple[str, ...]:
    from svodka.text.morph import lemma

    return tuple(lemma(w) for w in _words(phrase))


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t[0].isalnum()]


@cache
def _table() -> dict[tuple[str, ...], _Entry]:
    """Lemma sequences of the table's words and phrases, and of the English names of
    countries and organisations, → their English."""
    from svodka.report import labels

    table: dict[tuple[str, ...], _Entry] = {}
    for name, code in labels.country_names():
        english = labels.country_name(code, "en")
        if english and english != code:
            table.setdefault(_lemma_key(name), _Entry(english, english))
    for name, org_id in labels.organization_names():
        english = labels.organization_name(org_id, "en")
        if english:
            table.setdefault(_lemma_key(name), _Entry(english, english))
    for row in labels.data_rows("places.tsv"):  # cities by their English or Latin names
        if len(row) >= 2 and row[1]:
            english = labels.place_name(row[1], "en")
            table.setdefault(_lemma_key(row[0]), _Entry(english, english))
    for kind in ("position", "rank", "category"):  # the posts, ranks and kinds labels.tsv names
        for name, english in labels.english_labels(kind):
            table[_lemma_key(name)] = _Entry(english, _plural(english))
    for row in _rows():
        if row[0].startswith(("outlet:", "case:")):
            continue
        plural = row[2] if len(row) > 2 and row[2] else _plural(row[1])
        table[_lemma_key(row[0])] = _Entry(row[1], plural)
    return table


@cache
def _by_case() -> dict[tuple[str, str], str]:
    """Rows "case:<preposition>:<case>": a preposition's English before that case."""
    table = {}
    for row in _rows():
        if row[0].startswith("case:"):
            _, word, case = row[0].split(":")
            table[(word, case)] = row[1]
    return table


@cache
def _outlets() -> dict[str, str]:
    return {_fold(r[0][7:]): r[1] for r in _rows() if r[0].startswith("outlet:")}


@dataclass
class _Unit:
    """A word or a phrase of the value: its English, part of speech and readings."""

    english: str
    # "noun", "adj", "adv", "prep", "conj", "name" (a proper name, a number), "punct",
    # "unknown" (words the table lacks, transliterated with the Russian in brackets)
    kind: str
    cases: frozenset[str]
    plural: bool = False
    readings: tuple[frozenset[str], ...] = ()  # of its head word
    entry: _Entry | None = None
    word: str = ""  # a preposition or unknown words as written


def _agrees(word: str, following: str) -> bool:
    """One adjective reading of ``word`` agrees in case and number with one reading of the
    word after it ("военные игры"; not "командующий войсками")."""
    from svodka.text.morph import word_info

    mine = [g for g in word_info(word.lower()).grammemes if {"ADJF", "PRTF"} & g]
    theirs = word_info(following.lower()).grammemes
    for g in mine:
        for h in theirs:
            case = frozenset(_CASES) & g & h
            if case and ("plur" in g) == ("plur" in h):
                return True
    return False


def _unit(words: list[str], entry: _Entry, attributive: bool = False) -> _Unit:
    """A known word or phrase: a noun phrase (its case and number from its head noun, or its
    first word), an adjective (also a word that may be either, "военные", when it agrees
    with the word after it: ``attributive``), a preposition or a conjunction."""
    from svodka.text.morph import word_info

    infos = [word_info(w.lower()) for w in words]
    first = infos[0].first
    if "PREP" in first and len(words) <= 3:
        return _Unit(entry.singular, "prep", frozenset(), word=" ".join(words).lower())
    if "CONJ" in first:
        return _Unit(entry.singular, "conj", frozenset())
    if "NUMR" in first and len(words) == 1:  # "трёх государств": a numeral before its noun
        return _Unit(entry.singular, "adj", frozenset(_CASES) & infos[0].any_grammemes)
    if "ADVB" in first and len(words) == 1:
        return _Unit(entry.singular, "adv", frozenset())
    head = next((i for i in infos if "NOUN" in i.first), None)
    adjectival = len(words) == 1 and {"ADJF", "PRTF"} & infos[0].any_grammemes
    if adjectival and (head is None or attributive):
        adjective = [g for g in infos[0].grammemes if {"ADJF", "PRTF"} & g]
        cases = frozenset(_CASES) & frozenset().union(*adjective)
        return _Unit(entry.singular, "adj", cases, readings=tuple(adjective))
    readings = head or infos[0]
    cases = frozenset(_CASES) & readings.any_grammemes
    if all(len(w) > 1 and w.isupper() for w in words):  # an acronym does not decline
        cases = frozenset(_CASES)
    plural = "plur" in readings.first
    return _Unit(entry.singular, "noun", cases, plural, readings.grammemes, entry)


def _set_prepositions(units: list[_Unit]) -> None:
    """A preposition whose English depends on its case ("с" + genitive "from", + ablative
    "with"; "в" + accusative "to"): by the one case the next word can be in."""
    by_case = _by_case()
    for k, unit in enumerate(units[:-1]):
        cases = units[k + 1].cases
        if unit.kind == "prep" and len(cases) == 1:
            unit.english = by_case.get((unit.word, next(iter(cases))), unit.english)


def _set_numbers(units: list[_Unit]) -> None:
    """A noun's number where its readings differ ("игры", "бригады"): plural after an
    adjective that is only plural ("армейские игры"), singular when it may be a genitive
    singular after a noun ("штаба бригады"), else by its most probable reading."""
    for k, unit in enumerate(units):
        if unit.kind != "noun" or unit.entry is None:
            continue
        before = units[k - 1] if k else None
        if before is not None and before.kind == "adj" and before.readings:
            plural = all("plur" in r for r in before.readings)
        elif before is not None and before.kind in ("noun", "name"):
            plural = not any({"gent", "sing"} <= r for r in unit.readings) and unit.plural
        else:
            plural = unit.plural
        unit.plural = plural
        unit.english = unit.entry.plural if plural else unit.entry.singular


def _units(phrase: str) -> list[_Unit] | None:
    """The phrase as known words and phrases, the longest first; None if one is unknown."""
    from svodka.text.morph import word_info

    # a dash inside a name joins its parts ("государств — участников"): read as a space; so
    # does the hyphen of two nouns ("государств-членов")
    tokens = [p for t in _TOKEN.findall(phrase) if t not in ("—", "–") for p in _nouns(t)]
    table = _table()
    units: list[_Unit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token[0].isalnum():
            if token in ",;":
                units.append(_Unit(token, "punct", frozenset()))
            i += 1
            continue
        if not _CYRILLIC.search(token):
            units.append(_Unit(token, "name", frozenset(_CASES)))
            i += 1
            continue
        years = _ANNIVERSARY.fullmatch(token)
        if years:  # "80-летию" → "80th anniversary"
            ordinal = _ordinal(int(years.group(1)))
            units.append(_Unit(f"{ordinal} anniversary", "noun", frozenset(_CASES)))
            i += 1
            continue
        for size in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            span = tokens[i : i + size]
            if not all(t[0].isalnum() for t in span):
                continue
            keys = [word_info(t.lower()).lemmas | {_fold(t)} for t in span]
            entry = _lookup(table, keys)
            if entry is not None:
                after = tokens[i + size] if i + size < len(tokens) else ""
                attributive = size == 1 and bool(_CYRILLIC.search(after)) and _agrees(token, after)
                units.append(_unit(span, entry, attributive))
                i += size
                break
        else:
            compound = _compound(token)
            if compound is None:
                compound = _unknown(token)
                if units and units[-1].entry is None and units[-1].kind == "unknown":
                    compound = _unknown(units.pop().word + " " + token)
            units.append(compound)
            i += 1
    unknown = sum(len(u.word.split()) for u in units if u.kind == "unknown")
    if unknown * 2 >= len(_words(phrase)):  # half unknown: the phrase is shown as a whole
        return None
    return units


def _unknown(words: str) -> _Unit:
    """Words the table lacks, next to known ones: transliterated, the Russian in brackets,
    read as a noun phrase in the cases its first word may be in."""
    from svodka.text.morph import word_info

    cases = frozenset(_CASES) & word_info(words.split()[0].lower()).any_grammemes
    return _Unit(transliterated(words), "unknown", cases, word=words)


def _nouns(token: str) -> list[str]:
    """A hyphenated pair of nouns the table lacks as one word as two words
    ("государств-членов"; not "пресс-секретарь"), else the token."""
    from svodka.text.morph import word_info

    parts = token.split("-")
    known = _lookup(_table(), [word_info(token.lower()).lemmas | {_fold(token)}])
    if known is None and len(parts) == 2 and all(
        _CYRILLIC.search(p) and "NOUN" in word_info(p.lower()).first for p in parts
    ):
        return parts
    return [token]


def _compound(word: str) -> _Unit | None:
    """A compound adjective ("таджикско-турецких"): each first part read as the adjective
    it shortens ("таджикско" → "таджикский"), the last as it stands; English parts joined
    by hyphens ("Tajikistan-Turkish")."""
    from svodka.text.morph import word_info

    parts = word.lower().split("-")
    if len(parts) < 2:
        return None
    table = _table()
    english = []
    for part in parts[:-1]:
        stem = part[:-1] if part[-1:] in "oо" or part[-1:] == "е" else part
        entry = next(
            (
                table[(stem + end,)]
                for end in ("ский", "ий", "ый", "кий", "ной")
                if (stem + end,) in table
            ),
            None,
        )
        if entry is None:
            return None
        english.append(entry.singular)
    last = word_info(parts[-1])
    entry = _lookup(table, [last.lemmas])
    if entry is None:
        return None
    unit = _unit([parts[-1]], entry)
    unit.english = "-".join([*english, unit.english])
    return unit


def _lookup(table: dict[tuple[str, ...], _Entry], keys: list[frozenset[str]]) -> _Entry | None:
    """The entry whose lemma sequence one reading of each word gives."""
    candidates: list[tuple[str, ...]] = [()]
    for options in keys:
        candidates = [c + (o,) for c in candidates for o in options][:64]
    for candidate in candidates:
        if candidate in table:
            return table[candidate]
    return None


def _assemble(units: list[_Unit]) -> str:
    """English word order: a noun phrase in the genitive after a noun phrase is "of ...";
    everything else keeps the Russian order (adjectives already stand before their noun)."""
    out: list[str] = []
    after_noun = False  # the last unit closed a noun phrase
    in_phrase = False  # adjectives of a noun phrase are open
    for k, unit in enumerate(units):
        if unit.kind == "adv":  # "ранее достигнутых": it opens the phrase of the next word
            after = units[k + 1] if k + 1 < len(units) else None
            if after is not None and after_noun and not in_phrase and "gent" in after.cases:
                out.append("of")
            out.append(unit.english)
            in_phrase = True
        elif unit.kind in ("noun", "adj", "name", "unknown"):
            if after_noun and not in_phrase and "gent" in unit.cases:
                out.append("of")
            out.append(unit.english)
            in_phrase = unit.kind == "adj"
            after_noun = unit.kind != "adj"
        elif unit.kind == "punct":
            if out:
                out[-1] += unit.english
            after_noun = in_phrase = False
        else:
            out.append(unit.english)
            after_noun = in_phrase = False
    return " ".join(out)


def transliterated(phrase: str) -> str:
    """ "Aibyn (Айбын)": the phrase in Latin letters with the Russian in brackets."""
    from svodka.report.labels import transliterate

    return f"{transliterate(phrase)} ({phrase})"


@lru_cache(maxsize=8192)
def english(phrase: str, proper: bool = False) -> str:
    """A Russian phrase in English (see the module doc); ``proper`` names (an event's) get
    capitals on their content words. Text without Cyrillic letters is returned as it is."""
    phrase = " ".join(phrase.split())
    if not _CYRILLIC.search(phrase):
        return phrase
    units = _units(phrase)
    if units is None:
        return transliterated(phrase)
    _set_numbers(units)
    _set_prepositions(units)
    first, second = (units + [units[0]])[:2]
    if len(units) == 2 and first.kind == "noun" and " " not in first.english and (
        _ABBREVIATION.fullmatch(second.english)
    ):
        # "саммит ШОС" → "SCO summit", not "summit of SCO"
        units = [units[1], units[0]]
        units[0].cases = frozenset()
    text = _assemble(units)
    if proper:
        small = {"of", "and", "on", "in", "for", "to", "the", "with", "between", "from"}
        text = " ".join(
            w if w in small or not w[:1].islower() else w[:1].upper() + w[1:]
            for w in text.split(" ")
        )
    return text


def english_text(text: str) -> str:
    """Each Cyrillic run of a text in English: an outlet's English name from the table,
    else :func:`english`: "Диалог (dialog.tj), citing Sputnik Таджикистан" → "Dialog
    (Диалог) (dialog.tj), citing Sputnik Tajikistan"."""
    if not _CYRILLIC.search(text):
        return text
    outlets = _outlets()

    def one(match: re.Match[str]) -> str:
        run = match.group()
        known = outlets.get(_fold(run)) or outlets.get(_fold(run.strip("«»\"")))
        return known or english(run, proper=True)

    return _RUN.sub(one, text)
