"""Readable labels for record values, in Russian (``"ru"``, the default) or English (``"en"``).

- Countries (ISO 3166-1 alpha-2): Russian in the short usual form ("Россия", "Беларусь",
  "Казахстан", "Кыргызстан"): ``svodka/data/labels.tsv`` first, then the ``short`` row of
  ``countries.tsv``, then pycountry's Russian (iso-codes) name. English: labels.tsv, then
  pycountry's ``common_name`` or ``name`` ("Iran", "South Korea", never "Korea, Republic of").
- Organisations (canonical ids): Russian is the Cyrillic acronym from
  ``organizations.tsv`` ("SCO" → "ШОС"), else its mixed-case acronym ("ЕврАзЭС"), else its
  first (full) name; English is the id when it is an acronym ("SCO"), else the ``en`` column
  ("UNION_STATE" → "Union State of Russia and Belarus").
- Persons and places in English are transliterated with the Wikipedia romanisation of
  Russian (``iuliia.WIKIPEDIA``: "Сурен Папикян" → "Suren Papikyan"); Kazakh, Kyrgyz and
  Uzbek letters outside the Russian alphabet are first read as their nearest Russian letter.
  Places with an established English name ("Москва" → "Moscow") come from labels.tsv.
- Dates (ISO 8601, possibly partial): "31 октября 2025", "октябрь 2025", "2025";
  "31 October 2025", "October 2025". A value that is not an ISO date is returned as is.
- Closed vocabularies, ranks, posts and event categories: labels.tsv (``key	ru	en``;
  keys ``<type>.<field>:<value>`` or ``<field>:<value>``; an empty cell means "the value").
- The texts of the reports (:func:`text`): the brief's, the workbook's, sheet names and
  column headers, from the same labels.tsv; a record type's name and column headers
  (:func:`type_name`, :func:`column_header`) from the labels its declaration gives
  (``Record.spec.labels``, a plugin's) or else labels.tsv.

Russian phrases can be put in another case (:func:`inflect`) and a word chosen to agree with
a phrase's head noun (:func:`agree`), with pymorphy3; templates use both sparingly.
"""

from __future__ import annotations

import csv
import datetime as dt
import gettext
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from svodka.model.records import Record

LANGS = ("ru", "en")

MONTHS_RU_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_RU = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Letters of Kazakh, Kyrgyz, Uzbek and Tajik Cyrillic read as their nearest Russian letter
# before transliteration (the Russian schemes do not cover them).
_EXTRA_LETTERS = str.maketrans("әғқңөұүһіўҳҷӣӯӘҒҚҢӨҰҮҺІЎҲҶӢӮ", "агкноуухиухчиуАГКНОУУХИУХЧИУ")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?")
_PERIOD = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")


def check_lang(lang: str) -> str:
    """The language itself; ValueError unless it is one of :data:`LANGS`."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    return lang


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


# --------------------------------------------------------------------------- data


@cache
def _labels() -> dict[str, tuple[str, str]]:
    """labels.tsv: folded key → (ru, en); empty cells stay empty."""
    table: dict[str, tuple[str, str]] = {}
    text = (files("svodka.data") / "labels.tsv").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
        if number == 0:
            if row[:3] != ["key", "ru", "en"]:
                raise ValueError("labels.tsv: header must be 'key<TAB>ru<TAB>en'")
            continue
        row += [""] * (3 - len(row))
        table[_fold(row[0])] = (row[1].strip(), row[2].strip())
    return table


def english_labels(kind: str) -> list[tuple[str, str]]:
    """(Russian value, English) of every ``<kind>:<value>`` row of labels.tsv with an
    English cell (``kind`` "position", "rank", "category")."""
    prefix = f"{kind}:"
    table = _labels().items()
    return [(k[len(prefix) :], en) for k, (_, en) in table if k.startswith(prefix) and en]


def _label(key: str, lang: str) -> str:
    ru, en = _labels().get(_fold(key), ("", ""))
    return en if lang == "en" else ru


def text(key: str, lang: str = "ru") -> str:
    """A text of the reports from labels.tsv ("brief:title" → "Информационная сводка" /
    "News brief"); KeyError for a key the table lacks."""
    check_lang(lang)
    ru, en = _labels()[_fold(key)]
    return en if lang == "en" else ru


def _declared(cls: type[Record], keys: Iterable[str], lang: str) -> str:
    """The first of ``keys`` the type's declared labels or labels.tsv give; "" if none."""
    own = cls.spec.labels
    for key in keys:
        pair = own.get(key)
        label = pair[LANGS.index(lang)] if pair else _label(key, lang)
        if label:
            return label
    return ""


def type_name(
    cls: type[Record], lang: str = "ru", section: bool = False, default: str | None = None
) -> str:
    """A record type's name for people: its sheet ("Должности" / "Roles"), or with
    ``section`` its brief section where that is named otherwise ("Лица и должности");
    ``default`` (by default the type itself) when nothing names it."""
    check_lang(lang)
    keys = [f"type:{cls.type}"]
    if section:
        keys.insert(0, f"section:{cls.type}")
    return _declared(cls, keys, lang) or (cls.type if default is None else default)


def column_header(cls: type[Record], name: str, lang: str = "ru") -> str:
    """The header of a record type's column (a field, or a column every table ends with):
    ``column:<type>.<field>``, else ``column:<field>``; the field's name when neither."""
    check_lang(lang)
    return _declared(cls, (f"column:{cls.type}.{name}", f"column:{name}"), lang) or name


def declared_value(cls: type[Record], field: str, value: str, lang: str = "ru") -> str:
    """A value's label that the type itself declares (``<type>.<field>:<value>`` in its
    ``spec.labels``, a plugin's closed vocabulary); "" when it declares none."""
    pair = cls.spec.labels.get(f"{cls.type}.{field}:{value}")
    return pair[LANGS.index(lang)] if pair else ""


def boolean(value: bool, lang: str = "ru") -> str:
    """ "да"/"нет", "yes"/"no"."""
    return text("bool:true" if value else "bool:false", lang)


def data_rows(filename: str) -> list[list[str]]:
    """The rows of a TSV file of ``svodka/data`` below its header, cells stripped."""
    text = (files("svodka.data") / filename).read_text(encoding="utf-8")
    rows = csv.reader(
        (line for line in text.splitlines() if line.strip() and not line.startswith("#")),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
    return [[cell.strip() for cell in row] for row in list(rows)[1:]]


@cache
def _short_countries() -> dict[str, str]:
    """countries.tsv: code → the first name of form ``short``."""
    names: dict[str, str] = {}
    for row in data_rows("countries.tsv"):
        if len(row) >= 3 and row[2] == "short":
            names.setdefault(row[1].upper(), row[0])
    return names


@cache
def _organizations() -> dict[str, tuple[list[str], str]]:
    """organizations.tsv: id → (Russian names in file order, English name)."""
    table: dict[str, tuple[list[str], str]] = {}
    for row in data_rows("organizations.tsv"):
        if len(row) < 2:
            continue
        names, english = table.setdefault(row[1], ([], ""))
        names.append(row[0])
        if len(row) > 2 and row[2] and not english:
            table[row[1]] = (names, row[2])
    return table


@cache
def country_names() -> list[tuple[str, str]]:
    """(Russian name as written, ISO code): every row of countries.tsv, then pycountry's
    Russian names of every state."""
    import pycountry

    names = [(row[0], row[1].upper()) for row in data_rows("countries.tsv") if len(row) >= 2]
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            russian = _pycountry_ru().gettext(english) if english else ""
            if russian and russian != english:
                names.append((russian, country.alpha_2))
    return names


def organization_names() -> list[tuple[str, str]]:
    """(Russian name as written, id) of every row of organizations.tsv."""
    return [(name, org_id) for org_id, (names, _) in _organizations().items() for name in names]


@cache
def _pycountry_ru() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=1024)
def country_name(code: str | None, lang: str = "ru") -> str:
    """A country's short usual name: "KZ" → "Казахстан" / "Kazakhstan"; None → "".

    An unknown code is returned as given.
    """
    check_lang(lang)
    if not code:
        return ""
    code = code.strip().upper()
    label = _label(f"country:{code}", lang)
    if label:
        return label
    if lang == "ru" and code in _short_countries():
        return _short_countries()[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    return english if lang == "en" else _pycountry_ru().gettext(english)


def _is_cyrillic_acronym(name: str) -> bool:
    words = name.split()
    return all(any(c.isalpha() for c in w) and w == w.upper() for w in words) and bool(
        re.search("[А-ЯЁ]", name)
    )


@lru_cache(maxsize=1024)
def organization_name(org_id: str | None, lang: str = "ru") -> str:
    """An organisation's usual name: "SCO" → "ШОС" / "SCO"; None → "".

    An unknown id is returned as given.
    """
    check_lang(lang)
    if not org_id:
        return ""
    label = _label(f"organization:{org_id}", lang)
    if label:
        return label
    names, english = _organizations().get(org_id, ([], ""))
    if lang == "en":
        return org_id if _ACRONYM.fullmatch(org_id) or not english else english
    if not names:
        return org_id
    acronym = next((n for n in names if _is_cyrillic_acronym(n)), None)
    mixed = next((n for n in names if " " not in n and sum(c.isupper() for c in n) >= 2), None)
    return acronym or mixed or names[0]


def party_name(value: str | None, lang: str = "ru") -> str:
    """An agreement party: a country code or an organisation id."""
    if value and len(value) == 2 and value.isalpha() and value.upper() == value:
        return country_name(value, lang)
    return organization_name(value, lang)


@lru_cache(maxsize=4096)
def transliterate(text: str) -> str:
    """Cyrillic to Latin by the Wikipedia romanisation (iuliia.WIKIPEDIA); Latin stays."""
    import iuliia

    words = re.split(r"(\s+)", text.translate(_EXTRA_LETTERS))
    out = []
    for word in words:
        latin = iuliia.WIKIPEDIA.translate(word) if re.search("[А-Яа-яЁё]", word) else word
        # an all-capitals word stays all capitals ("ЁЛКА" → "YOLKA", not "YoLKA")
        if len(word) > 1 and word.isupper():
            latin = latin.upper()
        out.append(latin)
    return "".join(out)


def person_name(name: str | None, lang: str = "ru") -> str:
    """A person's name as given (ru) or transliterated (en): "Сурен Папикян" →
    "Suren Papikyan"."""
    check_lang(lang)
    if not name:
        return ""
    return transliterate(name) if lang == "en" else name


def place_name(name: str | None, lang: str = "ru") -> str:
    """A place as given (ru); in English its usual name ("Москва" → "Moscow") or transliterated."""
    check_lang(lang)
    if not name:
        return ""
    if lang == "ru":
        return name
    return _label(f"place:{name}", "en") or transliterate(name)


# --------------------------------------------------------------------------- dates


def format_date(iso: str | None, lang: str = "ru") -> str:
    """ "2025-10-31" → "31 октября 2025" / "31 October 2025"; "2025-10" → "октябрь 2025" /
    "October 2025"; "2025" → "2025"; a range (ISO 8601 interval) "2025-07-17/2025-07-23" →
    "17–23 июля 2025", "2025-08-31/2025-09-06" → "31 августа – 6 сентября 2025"; None → "";
    anything else is returned unchanged."""
    check_lang(lang)
    if not iso:
        return ""
    if iso.count("/") == 1:
        return _format_range(iso, lang)
    m = _ISO_DATE.fullmatch(iso.strip())
    if m is None:
        return iso
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            dt.date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            return iso
    except ValueError:
        return iso
    if not month:
        return year
    if not day:
        names = MONTHS_EN if lang == "en" else MONTHS_RU
        return f"{names[int(month) - 1]} {year}"
    names = MONTHS_EN if lang == "en" else MONTHS_RU_GENITIVE
    return f"{int(day)} {names[int(month) - 1]} {year}"


def _format_range(iso: str, lang: str) -> str:
    start, end = (part.strip() for part in iso.split("/"))
    if not (_ISO_DATE.fullmatch(start) and _ISO_DATE.fullmatch(end)):
        return iso  # not two ISO dates
    a, b = format_date(start, lang), format_date(end, lang)
    if start[:4] == end[:4] and len(start) > 4 and a.endswith(" " + start[:4]):
        a = a[: -len(start[:4]) - 1]  # the year once: "31 августа – 6 сентября 2025"
        if len(start) == len(end) == 10 and start[:7] == end[:7]:
            return f"{int(start[8:])}–{b}"  # "17–23 июля 2025"
    return f"{a}–{b}" if len(start) == 4 else f"{a} – {b}"


def format_period(period: str | None, lang: str = "ru") -> str:
    """An agreement's period: "2026" → "на 2026 год" / "for 2026"; "2019-2021" →
    "на 2019–2021 годы" / "for 2019–2021"; None → ""."""
    check_lang(lang)
    if not period:
        return ""
    period = period.strip()
    m = _PERIOD.fullmatch(period)
    if m:
        span = f"{m.group(1)}–{m.group(2)}"
        return f"for {span}" if lang == "en" else f"на {span} годы"
    if re.fullmatch(r"\d{4}", period):
        return f"for {period}" if lang == "en" else f"на {period} год"
    return f"for {period}" if lang == "en" else f"на {period}"


# --------------------------------------------------------------------------- vocabularies


# Fields whose text is the source's own words, never translated (a quote's text).
VERBATIM_FIELDS = frozenset({"text", "evidence", "id", "article", "url"})


# Fields whose values are stored in lower case (posts, ranks): their place names get back
# their capitals in Russian ("по вопросам Европы и Евразии").
LOWER_CASE_FIELDS = frozenset({"position", "rank"})


def proper_capitals(phrase: str) -> str:
    """A lower-case Russian phrase with its geographical names capitalised, as pymorphy3
    reads them in every analysis ("отношений грузии и россии" → "отношений Грузии и
    России")."""
    from svodka.text.morph import analyze

    words = phrase.split(" ")
    for i, word in enumerate(words):
        parses = analyze(word.lower()) if word.isalpha() and word.islower() else ()
        if parses and all("Geox" in p.tag for p in parses):
            words[i] = word[:1].upper() + word[1:]
    return " ".join(words)


def value_label(record_type: str, field: str, value: Any, lang: str = "ru") -> str:
    """The label of a value: closed vocabularies ("signed" → "подписан" / "signed"), ranks,
    posts and event categories (labels.tsv); booleans "да"/"нет", "yes"/"no"; None → "".
    In Russian a value without a label is returned as text; in English any other text (a
    title, a topic, an event's name, a post) is put into English by
    :func:`svodka.report.english.english` (an event's name with capitals), except the
    source's own words (:data:`VERBATIM_FIELDS`)."""
    check_lang(lang)
    if value is None:
        return ""
    if isinstance(value, bool):
        return boolean(value, lang)
    text = str(value)
    for key in (f"{record_type}.{field}:{text}", f"{field}:{text}"):
        label = _label(key, lang)
        if label:
            return label
    if lang == "en" and field not in VERBATIM_FIELDS:
        from svodka.report.english import english, english_text

        return english_text(text) if field == "outlet" else english(text, proper=field == "name")
    return proper_capitals(text) if field in LOWER_CASE_FIELDS else text


def quote_words(text: str | None) -> str:
    """A quote's words as a brief shows them: a fragment, one that starts with a lower-case
    letter (words taken from inside a sentence), marked with "…": "большой ценностью" →
    "…большой ценностью"; a whole sentence (a capital first; its full stop is left out
    before "», — сказал он") as it is."""
    text = " ".join((text or "").split())
    first = next((c for c in text if c.isalnum()), "")
    if "а" <= first <= "я" or first == "ё":  # a lower-case Russian letter
        text = "…" + text
    return text


def _generic(name: str) -> bool:
    """A name of common words only ("коллегия министерств"), naming no body in particular:
    no capital (a proper name, "Совет командующих"; an acronym), no figure, no quoted title."""
    return name == name.lower() and not re.search("[\\d«\"“]", name)


def vague(record: Record) -> bool:
    """A fact whose line would say nothing an analyst can use: an event under a generic
    name ("Заседание коллегии министерств прошло") with no place, country, participants or
    edition; a meeting of fewer than two persons with no place. Such facts stay in their
    tables, not among the key developments."""
    values = record.values()
    if record.type == "event":
        name = str(values.get("name") or "")
        where = any(values.get(k) for k in ("place", "country", "participants", "edition"))
        return not where and _generic(name)
    if record.type == "meeting":
        people = [p for p in values.get("participants") or [] if p]
        return len(people) < 2 and not values.get("place")
    return False


def outlet_name(outlet: str | None, lang: str = "ru") -> str:
    """An outlet as given (ru); in English with its known English names ("ТАСС (tass.ru)" →
    "TASS (tass.ru)") and other Russian words transliterated, the Russian in brackets."""
    check_lang(lang)
    if not outlet or lang == "ru":
        return outlet or ""
    from svodka.report.english import english_text

    return english_text(outlet)


def original(text: str, lang: str = "ru") -> str:
    """A source's own Russian words (an article's title, its summary) as a brief shows them:
    as they are in Russian; in English in quotation marks (“…”), as a quote's original text."""
    check_lang(lang)
    if lang == "ru" or not text or not re.search("[А-Яа-яЁё]", text):
        return text
    return f"“{text}”"


# --------------------------------------------------------------------------- Russian grammar


_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}


def _noun_parse(word: str) -> Any:
    """The nominative reading of a word (noun, adjective or participle), if it has one."""
    from svodka.text.morph import analyze

    if not re.fullmatch(r"[А-Яа-яЁё\-]+", word) or (len(word) > 1 and word.isupper()):
        return None
    for p in analyze(word.lower()):
        if "nomn" in p.tag and ({"NOUN", "ADJF", "PRTF"} & set(p.tag.grammemes)):
            return p
    return None


def _match_case(form: str, original: str) -> str:
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _inflect_word(parse: Any, grams: set[str]) -> str | None:
    """The form of the parse's lexeme with these grammemes closest in spelling to the word
    ("высший" → "высшего", not the "высочайшего" that ``Parse.inflect`` would pick)."""
    forms = [f for f in parse.lexeme if grams <= set(f.tag.grammemes)]
    if not forms:
        return None

    def shared(form: Any) -> int:
        n = 0
        for a, b in zip(form.word, parse.word, strict=False):
            if a != b:
                break
            n += 1
        return n

    return max(forms, key=shared).word


def _inflect_conjunct(words: list[str], start: int, case: str) -> int | None:
    """Put the conjunct at ``words[start]`` (its leading adjectives and first noun) into
    ``case``, in place; the index after its noun, or None (nothing changed) when a word
    there is not a nominative pymorphy3 can read."""
    parses = []
    for word in words[start:]:
        parse = _noun_parse(word.rstrip(","))
        if parse is None:
            return None
        parses.append(parse)
        if "NOUN" in parse.tag:
            break
    else:
        return None
    noun = parses[-1]
    number = "plur" if noun.tag.number == "plur" or "Pltm" in noun.tag else "sing"
    forms = []
    for parse in parses:
        grams = {case, number}
        if parse is not noun:
            if number == "sing" and noun.tag.gender:
                grams.add(noun.tag.gender)
            if case == "accs" and (number == "plur" or noun.tag.gender == "masc"):
                grams.add(noun.tag.animacy or "inan")
        form = _inflect_word(parse, grams)
        if form is None:
            return None
        forms.append(form)
    for i, form in enumerate(forms, start):
        comma = "," if words[i].endswith(",") else ""
        words[i] = _match_case(form, words[i].rstrip(",")) + comma
    return start + len(forms)


def _starts_conjunct(word: str) -> bool:
    """A word that can only open a nominative conjunct: a nominative reading and no
    genitive one ("Комитет", not "сотрудничества", which may depend on the noun before)."""
    from svodka.text.morph import analyze

    if _noun_parse(word) is None:
        return False
    return not any("gent" in p.tag for p in analyze(word.lower()))


def inflect(phrase: str | None, case: str) -> str:
    """A nominative Russian phrase in another case: its leading adjectives and first noun
    change, the rest (genitive dependents, acronyms, quoted names) stays:
    "программа стратегического партнёрства", "accs" → "программу стратегического
    партнёрства"; "Высший Евразийский экономический совет", "gent" → "Высшего ...
    совета". Each further conjunct after "и" or a comma that can only be nominative changes
    too: "Совет министров обороны и Комитет секретарей", "gent" → "Совета министров
    обороны и Комитета секретарей"; a preposition or a quotation mark ends the search. A
    phrase whose head pymorphy3 cannot read is returned unchanged."""
    if not phrase:
        return ""
    if case not in _CASES:
        raise ValueError(f"unknown case {case!r}")
    words = phrase.split(" ")
    i = _inflect_conjunct(words, 0, case)
    if i is None:
        return phrase
    while i < len(words):
        word = words[i]
        if word[:1] in "«\"„“(" or _is_preposition(word):
            break
        opens = words[i - 1] == "и" or words[i - 1].endswith(",")
        if opens and _starts_conjunct(word.rstrip(",")):
            end = _inflect_conjunct(words, i, case)
            if end is not None:
                i = end
                continue
        i += 1
    return " ".join(words)


def _is_preposition(word: str) -> bool:
    from svodka.text.morph import analyze

    parses = analyze(word.lower())
    return bool(parses) and "PREP" in parses[0].tag


def head_form(phrase: str | None) -> str:
    """ "masc", "femn", "neut" or "plur": the gender or number of a Russian phrase's head
    (its first nominative noun or adjective); "masc" when unknown."""
    for word in (phrase or "").split():
        parse = _noun_parse(word)
        if parse is None:
            continue
        if parse.tag.number == "plur" or "Pltm" in parse.tag:
            return "plur"
        if parse.tag.gender in ("masc", "femn", "neut"):
            return parse.tag.gender
    return "masc"


def agree(phrase: str | None, masc: str, femn: str, neut: str, plur: str) -> str:
    """The form that agrees with the phrase's head: ``agree("программа", "подписан",
    "подписана", "подписано", "подписаны")`` → "подписана"."""
    return {"masc": masc, "femn": femn, "neut": neut, "plur": plur}[head_form(phrase)]


def join_names(names: Iterable[str], lang: str = "ru") -> str:
    """ "A", "A и B", "A, B и C" (ru) / "A and B", "A, B and C" (en); empty names skipped."""
    items = [n for n in names if n]
    if len(items) < 2:
        return "".join(items)
    word = "and" if check_lang(lang) == "en" else "и"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
