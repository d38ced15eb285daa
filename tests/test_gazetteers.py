"""The built-in gazetteers in svodka/data: well-formed, consistent, and matched in any case."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import as_file, files

import pycountry
import pytest

from svodka.normalize.gazetteer import Gazetteer, GazetteerEntry, load_tsv
from svodka.plugins.gazetteers import DATA_FILES, pycountry_entries

HEADERS = {
    "country": ["name", "value", "form"],
    "organization": ["name", "value", "en"],
    "place": ["name", "value", "country"],
    "region": ["name", "value", "country"],
    "position": ["name", "value"],
    "rank": ["name", "value"],
    "first_name": ["name", "value", "gender"],
}
# the least each file should hold: the lists are meant to cover the field broadly
MINIMUM_ROWS = {
    "country": 250,
    "organization": 120,
    "place": 650,
    "region": 400,
    "position": 150,
    "rank": 40,
    "first_name": 300,
}
COUNTRY_FORMS = {"short", "official", "historic", "abbr", "adjective"}


def _key(name: str) -> str:
    return name.casefold().replace("ё", "е")


@cache
def entries(kind: str) -> tuple[GazetteerEntry, ...]:
    with as_file(files("svodka.data") / DATA_FILES[kind]) as path:
        return tuple(load_tsv(path))


@cache
def gazetteer(kind: str) -> Gazetteer:
    extra = pycountry_entries() if kind == "country" else []
    return Gazetteer([*extra, *entries(kind)])


def header(kind: str) -> list[str]:
    with as_file(files("svodka.data") / DATA_FILES[kind]) as path:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return line.split("\t")
    return []


def is_alpha2(code: str) -> bool:
    return code.isupper() and len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


# --- Format ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(DATA_FILES))
def test_file_loads_with_its_header(kind: str) -> None:
    assert header(kind) == HEADERS[kind]
    rows = entries(kind)
    assert len(rows) >= MINIMUM_ROWS[kind]
    for entry in rows:
        assert entry.name and entry.value
        assert entry.name == entry.name.strip() and "  " not in entry.name


@pytest.mark.parametrize("kind", sorted(DATA_FILES))
def test_no_name_has_two_values(kind: str) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for entry in entries(kind):
        key = _key(entry.name)
        if key in seen and seen[key] != entry.value:
            clashes.append((entry.name, seen[key], entry.value))
        seen.setdefault(key, entry.value)
    assert not clashes


@pytest.mark.parametrize("kind", sorted(DATA_FILES))
def test_no_duplicate_rows(kind: str) -> None:
    names = [_key(e.name) for e in entries(kind)]
    assert sorted({n for n in names if names.count(n) > 1}) == []


@pytest.mark.parametrize("kind", sorted(DATA_FILES))
def test_every_entry_finds_itself(kind: str) -> None:
    gaz = gazetteer(kind)
    wrong = []
    for entry in entries(kind):
        hit = gaz.lookup(entry.name)
        if hit is None or hit.value != entry.value:
            wrong.append((entry.name, entry.value, hit.value if hit else None))
    assert not wrong


# --- Values ---------------------------------------------------------------------------------


def test_country_values_are_iso_alpha2() -> None:
    assert [e.value for e in entries("country") if not is_alpha2(e.value)] == []


def test_country_forms() -> None:
    for entry in entries("country"):
        assert entry.attrs.get("form") in COUNTRY_FORMS, entry
        if entry.attrs["form"] == "adjective":
            assert entry.name.islower() and entry.name.endswith("ий"), entry


def test_countries_agree_with_pycountry() -> None:
    """The file adds to pycountry's names: none repeated, none given another code."""
    known: dict[str, set[str]] = {}
    for entry in pycountry_entries():
        known.setdefault(_key(entry.name), set()).add(entry.value)
    repeated = [e.name for e in entries("country") if e.value in known.get(_key(e.name), ())]
    clashing = [
        e.name for e in entries("country") if known.get(_key(e.name), {e.value}) != {e.value}
    ]
    assert repeated == []
    assert clashing == []


def test_states_have_adjectives() -> None:
    adjectives = {e.value for e in entries("country") if e.attrs.get("form") == "adjective"}
    # the CIS and the largest states at least; states without a usual adjective are skipped
    required = {"RU", "BY", "KZ", "KG", "UZ", "TJ", "TM", "AZ", "AM", "GE", "MD", "UA"}
    required |= {"CN", "US", "GB", "FR", "DE", "IN", "IR", "PK", "TR", "JP"}
    assert sorted(required - adjectives) == []
    assert len(adjectives) >= 170


def test_places_have_a_valid_country() -> None:
    assert [e.name for e in entries("place") if not is_alpha2(e.attrs.get("country", ""))] == []


def test_place_values_are_names_in_the_file() -> None:
    """A variant maps to a current name that is itself listed (so it is found too)."""
    names = {_key(e.name): e for e in entries("place")}
    for entry in entries("place"):
        current = names.get(_key(entry.value))
        assert current is not None, entry
        assert current.value == entry.value and current.attrs == entry.attrs, entry


def test_every_capital_of_the_region_is_listed() -> None:
    places = {e.name: e for e in entries("place")}
    for name, country in [
        ("Москва", "RU"),
        ("Минск", "BY"),
        ("Астана", "KZ"),
        ("Бишкек", "KG"),
        ("Ташкент", "UZ"),
        ("Душанбе", "TJ"),
        ("Ашхабад", "TM"),
        ("Баку", "AZ"),
        ("Ереван", "AM"),
        ("Тбилиси", "GE"),
        ("Кишинёв", "MD"),
        ("Киев", "UA"),
        ("Улан-Батор", "MN"),
        ("Пекин", "CN"),
        ("Вашингтон", "US"),
    ]:
        assert places[name].attrs["country"] == country


def test_organization_ids() -> None:
    pattern = re.compile(r"^[A-Z][A-Z0-9_]+$")
    assert [e.value for e in entries("organization") if not pattern.match(e.value)] == []
    for entry in entries("organization"):
        assert entry.attrs.get("en"), entry


def test_organization_has_one_english_name() -> None:
    english: dict[str, str] = {}
    for entry in entries("organization"):
        assert english.setdefault(entry.value, entry.attrs["en"]) == entry.attrs["en"], entry


@pytest.mark.parametrize("kind", ["position", "rank"])
def test_positions_and_ranks_are_lower_case(kind: str) -> None:
    assert [e.value for e in entries(kind) if e.value != e.value.lower()] == []


def test_canonical_positions_and_ranks_are_listed() -> None:
    """Each canonical value is also a name, so the canonical form itself is found."""
    for kind in ("position", "rank"):
        names = {_key(e.name) for e in entries(kind)}
        assert [e.value for e in entries(kind) if _key(e.value) not in names] == []


def test_first_names() -> None:
    from svodka.text.morph import analyzer

    morph = analyzer()
    for entry in entries("first_name"):
        assert entry.value == entry.name, entry
        assert entry.attrs.get("gender") in {"m", "f"}, entry
        lower = entry.name.lower()
        known = morph.word_is_known(lower) and any(
            "Name" in p.tag and p.normal_form == lower for p in morph.parse(lower)
        )
        assert not known, f"pymorphy3 already knows {entry.name}"


# --- Matching in oblique cases ----------------------------------------------------------------

OBLIQUE = [
    # countries
    ("country", "Республики Беларусь", "BY"),
    ("country", "Республикой Беларусь", "BY"),
    ("country", "Белоруссии", "BY"),
    ("country", "Кыргызской Республики", "KG"),
    ("country", "Кыргызской Республикой", "KG"),
    ("country", "Кыргызстаном", "KG"),
    ("country", "Российской Федерации", "RU"),
    ("country", "России", "RU"),
    ("country", "РФ", "RU"),
    ("country", "РК", "KZ"),
    ("country", "США", "US"),
    ("country", "КНР", "CN"),
    ("country", "Азербайджанской Республике", "AZ"),
    ("country", "Туркменией", "TM"),
    ("country", "Молдове", "MD"),
    ("country", "Великобританией", "GB"),
    ("country", "Исламской Республики Иран", "IR"),
    ("country", "казахстанской", "KZ"),
    ("country", "казахстанскому", "KZ"),
    ("country", "белорусских", "BY"),
    ("country", "российским", "RU"),
    ("country", "кыргызстанской", "KG"),
    ("country", "узбекистанских", "UZ"),
    ("country", "таджикской", "TJ"),
    ("country", "американскими", "US"),
    ("country", "южнокорейского", "KR"),
    ("country", "северокорейской", "KP"),
    ("country", "шри-ланкийской", "LK"),
    # organisations
    ("organization", "Шанхайской организации сотрудничества", "SCO"),
    ("organization", "Шанхайскую организацию сотрудничества", "SCO"),
    ("organization", "ШОС", "SCO"),
    ("organization", "Организации Договора о коллективной безопасности", "CSTO"),
    ("organization", "Содружества Независимых Государств", "CIS"),
    ("organization", "Евразийского экономического союза", "EAEU"),
    ("organization", "Евразийском экономическом союзе", "EAEU"),
    ("organization", "Организацией Объединённых Наций", "UN"),
    ("organization", "Организации Объединенных Наций", "UN"),
    ("organization", "Североатлантическим альянсом", "NATO"),
    ("organization", "Евросоюзе", "EU"),
    ("organization", "Совета Безопасности ООН", "UNSC"),
    ("organization", "Союзного государства", "UNION_STATE"),
    ("organization", "Совещания по взаимодействию и мерам доверия в Азии", "CICA"),
    ("organization", "Организации тюркских государств", "OTS"),
    ("organization", "Региональной антитеррористической структуры ШОС", "SCO_RATS"),
    ("organization", "Группы двадцати", "G20"),
    # places
    ("place", "Алма-Ате", "Алматы"),
    ("place", "Алма-Аты", "Алматы"),
    ("place", "Алматы", "Алматы"),
    ("place", "Астане", "Астана"),
    ("place", "Нур-Султане", "Астана"),
    ("place", "Целинограде", "Астана"),
    ("place", "Санкт-Петербурге", "Санкт-Петербург"),
    ("place", "Ленинграде", "Санкт-Петербург"),
    ("place", "Ташкенте", "Ташкент"),
    ("place", "Самарканде", "Самарканд"),
    ("place", "Бишкеке", "Бишкек"),
    ("place", "Фрунзе", "Бишкек"),
    ("place", "Душанбе", "Душанбе"),
    ("place", "Семипалатинске", "Семей"),
    ("place", "Гурьеве", "Атырау"),
    ("place", "Капчагае", "Конаев"),
    ("place", "Кзыл-Орде", "Кызылорда"),
    ("place", "Днепропетровске", "Днепр"),
    ("place", "Минске", "Минск"),
    ("place", "Москвой", "Москва"),
    ("place", "Нижнем Новгороде", "Нижний Новгород"),
    ("place", "Ростове-на-Дону", "Ростов-на-Дону"),
    ("place", "Сочи", "Сочи"),
    ("place", "Владивостоке", "Владивосток"),
    ("place", "Баку", "Баку"),
    ("place", "Ереване", "Ереван"),
    # positions
    ("position", "главой Минобороны", "министр обороны"),
    ("position", "главы Минобороны", "министр обороны"),
    ("position", "министром обороны", "министр обороны"),
    ("position", "главе оборонного ведомства", "министр обороны"),
    ("position", "замминистра обороны", "заместитель министра обороны"),
    ("position", "первым заместителем министра обороны", "первый заместитель министра обороны"),
    ("position", "главой МИД", "министр иностранных дел"),
    ("position", "главу внешнеполитического ведомства", "министр иностранных дел"),
    ("position", "министра иностранных дел", "министр иностранных дел"),
    ("position", "председателем правительства", "премьер-министр"),
    ("position", "Президентом", "президент"),
    ("position", "начальником Генштаба", "начальник генерального штаба"),
    ("position", "начальника Генерального штаба", "начальник генерального штаба"),
    ("position", "секретарём Совета безопасности", "секретарь совета безопасности"),
    ("position", "генсеком", "генеральный секретарь"),
    ("position", "послом", "посол"),
    ("position", "чрезвычайным и полномочным послом", "посол"),
    # ranks
    ("rank", "генерал-полковником", "генерал-полковник"),
    ("rank", "генерал-лейтенанта", "генерал-лейтенант"),
    ("rank", "генерал-майору", "генерал-майор"),
    ("rank", "генерала армии", "генерал армии"),
    ("rank", "полковником", "полковник"),
    ("rank", "старшим лейтенантом", "старший лейтенант"),
    ("rank", "капитаном 1-го ранга", "капитан 1 ранга"),
    ("rank", "капитана первого ранга", "капитан 1 ранга"),
    ("rank", "контр-адмиралом", "контр-адмирал"),
    ("rank", "маршалом Российской Федерации", "маршал российской федерации"),
    # first names
    ("first_name", "Даурена", "Даурен"),
    ("first_name", "Дауреном", "Даурен"),
    ("first_name", "Бауыржана", "Бауыржан"),
    ("first_name", "Мираса", "Мирас"),
    ("first_name", "Нигоры", "Нигора"),
]


@pytest.mark.parametrize(("kind", "text", "value"), OBLIQUE)
def test_lookup_in_oblique_cases(kind: str, text: str, value: str) -> None:
    hit = gazetteer(kind).lookup(text)
    assert hit is not None, f"{text!r} not found"
    assert hit.value == value


# Forms that the current lemma matching misses: the entry word's first pymorphy3 analysis has
# another normal form than the inflected word's analyses ("Львов" -> "лев", "Конаев" ->
# "конаесть", "Большая" -> "больший"), or the inflected form is analysed as another word
# ("Щучинском" -> "щучинский"); entries are now matched by all nominative readings and
# their inflected forms.
INFLECTED_FORMS = [
    ("organization", "Большой семёрки", "G7"),
    ("organization", "Большой двадцатке", "G20"),
    ("place", "Львове", "Львов"),
    ("place", "Конаеве", "Конаев"),
    ("place", "Щучинском", "Щучинск"),
    ("place", "Усть-Каменогорском", "Усть-Каменогорск"),
    ("place", "Эр-Рияде", "Эр-Рияд"),
    ("place", "Семее", "Семей"),
    ("place", "Жанаозене", "Жанаозен"),
    ("place", "Кызылордой", "Кызылорда"),
    ("place", "Тяньцзине", "Тяньцзинь"),
    ("first_name", "Болатом", "Болат"),
    ("first_name", "Сардором", "Сардор"),
    ("first_name", "Ферузой", "Феруза"),
    ("first_name", "Дилнозой", "Дилноза"),
]


@pytest.mark.parametrize(("kind", "text", "value"), INFLECTED_FORMS)
def test_lookup_inflected_forms(kind: str, text: str, value: str) -> None:
    hit = gazetteer(kind).lookup(text)
    assert hit is not None and hit.value == value


# Words that must not be taken for an entry. "после" (the preposition) is also the locative
# of "посол", so the lemma matching finds the post in it; and an entry keyed by its first
# analysis's normal form would be found in that other word ("Львов" -> "лев").
FALSE_FRIENDS = [
    ("position", "после"),
    ("place", "Лев"),
    ("place", "Семья"),
    ("place", "Сан"),
    ("place", "семья"),
    ("place", "лев"),
    ("organization", "ес"),
    ("country", "рк"),
]


@pytest.mark.parametrize(("kind", "text"), FALSE_FRIENDS)
def test_common_words_are_not_entries(kind: str, text: str) -> None:
    assert gazetteer(kind).lookup(text) is None
