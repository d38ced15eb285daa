"""The regions gazetteer (svodka/data/regions.tsv): well-formed, complete and matched in any
grammatical case."""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files

import pycountry
import pytest
from razdel import tokenize

from svodka.normalize.gazetteer import Gazetteer, GazetteerEntry, load_tsv
from svodka.text.morph import word_info
from svodka.text.parse import Token

# ISO 3166-2 first-level units that are cities (listed in places.tsv, not here)
CITY_TYPES = {
    "Autonomous city",
    "Capital city",
    "Capital territory",
    "City",
    "Municipality",
    "Special administrative region",
}
# countries whose regions are ISO 3166-2's first-level units, less the cities; China's
# province Taiwan (CN-TW) is left out as Taiwan has its own code (TW)
ISO_COUNTRIES = ["RU", "KZ", "KG", "UZ", "TJ", "TM", "BY", "AM", "GE", "UA", "MN", "CN"]
LEFT_OUT = {"CN": 1}
# Azerbaijan: 12 economic regions (Baku's is the city) and Nakhchivan; Moldova: Gagauzia
# and Transnistria only
OTHER_COUNTS = {"AZ": 13, "MD": 2}


def _key(name: str) -> str:
    return name.casefold().replace("ё", "е")


@cache
def entries() -> tuple[GazetteerEntry, ...]:
    with as_file(files("svodka.data") / "regions.tsv") as path:
        return tuple(load_tsv(path))


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(entries())


def header() -> list[str]:
    with as_file(files("svodka.data") / "regions.tsv") as path:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return line.split("\t")
    return []


def regions(country: str) -> set[str]:
    return {e.value for e in entries() if e.attrs["country"] == country}


# --- Format ---------------------------------------------------------------------------------


def test_file_loads_with_its_header() -> None:
    assert header() == ["name", "value", "country"]
    assert len(entries()) >= 400
    for entry in entries():
        assert entry.name and entry.value
        assert entry.name == entry.name.strip() and "  " not in entry.name
        assert set(entry.attrs) == {"country"}, entry


def test_every_country_is_iso_alpha2() -> None:
    def valid(code: str) -> bool:
        return code.isupper() and len(code) == 2 and pycountry.countries.get(alpha_2=code)

    assert [e.name for e in entries() if not valid(e.attrs.get("country", ""))] == []


def test_no_name_has_two_values() -> None:
    seen: dict[str, GazetteerEntry] = {}
    clashes = []
    for entry in entries():
        first = seen.setdefault(_key(entry.name), entry)
        if (first.value, first.attrs) != (entry.value, entry.attrs):
            clashes.append((entry.name, first.value, entry.value))
    assert clashes == []


def test_no_duplicate_rows() -> None:
    names = [_key(e.name) for e in entries()]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_values_are_names_in_the_file() -> None:
    """Each region is listed under its full name (generic words may be lower case)."""
    names = {_key(e.name): e for e in entries()}
    for entry in entries():
        full = names.get(_key(entry.value))
        assert full is not None, entry
        assert full.value == entry.value and full.attrs == entry.attrs, entry


def test_one_country_per_region() -> None:
    country: dict[str, str] = {}
    for entry in entries():
        assert country.setdefault(entry.value, entry.attrs["country"]) == entry.attrs["country"]


def test_no_region_is_named_like_a_city() -> None:
    with as_file(files("svodka.data") / "places.tsv") as path:
        cities = {_key(e.name) for e in load_tsv(path)}
    assert [e.name for e in entries() if _key(e.name) in cities] == []


# --- Coverage -------------------------------------------------------------------------------


@pytest.mark.parametrize("country", ISO_COUNTRIES)
def test_every_iso_region_is_listed(country: str) -> None:
    units = [
        s
        for s in pycountry.subdivisions.get(country_code=country)
        if s.parent_code is None and s.type not in CITY_TYPES
    ]
    assert len(regions(country)) == len(units) - LEFT_OUT.get(country, 0)


@pytest.mark.parametrize(("country", "count"), sorted(OTHER_COUNTS.items()))
def test_other_regions_are_listed(country: str, count: int) -> None:
    assert len(regions(country)) == count


def test_kazakhstan_has_the_2022_oblasts() -> None:
    assert {"Абайская область", "Жетысуская область", "Улытауская область"} <= regions("KZ")


# --- Matching -------------------------------------------------------------------------------


def test_every_entry_finds_itself() -> None:
    wrong = []
    for entry in entries():
        hit = gazetteer().lookup(entry.name)
        if hit is None or hit.value != entry.value:
            wrong.append((entry.name, entry.value, hit.value if hit else None))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "value", "country"),
    [
        ("Карагандинской области", "Карагандинская область", "KZ"),
        ("Подмосковье", "Московская область", "RU"),
        ("Иссык-Кульской области", "Иссык-Кульская область", "KG"),
        ("Республики Бурятия", "Республика Бурятия", "RU"),
        ("республике Бурятия", "Республика Бурятия", "RU"),
        ("Бурятии", "Республика Бурятия", "RU"),
        ("Витебской области", "Витебская область", "BY"),
        ("Кузбассе", "Кемеровская область", "RU"),
        ("Приморья", "Приморский край", "RU"),
        ("Прикамье", "Пермский край", "RU"),
        ("Южно-Казахстанской области", "Туркестанская область", "KZ"),
        ("Целиноградской области", "Акмолинская область", "KZ"),
        ("области Абай", "Абайская область", "KZ"),
        ("Жетысуской области", "Жетысуская область", "KZ"),
        ("Улытауской области", "Улытауская область", "KZ"),
        ("Республике Саха (Якутия)", "Республика Саха (Якутия)", "RU"),
        ("Северной Осетии — Алании", "Республика Северная Осетия — Алания", "RU"),
        ("Ханты-Мансийском автономном округе", "Ханты-Мансийский автономный округ", "RU"),
        ("Горно-Бадахшанской автономной области", "Горно-Бадахшанская автономная область", "TJ"),
        ("Хатлоне", "Хатлонская область", "TJ"),
        ("Каракалпакстане", "Республика Каракалпакстан", "UZ"),
        ("Марыйском велаяте", "Марыйский велаят", "TM"),
        ("Нахчыванской Автономной Республики", "Нахчыванская Автономная Республика", "AZ"),
        ("Гагаузии", "Автономное территориальное образование Гагаузия", "MD"),
        ("Приднестровья", "Приднестровье", "MD"),
        ("Херсонской области", "Херсонская область", "UA"),
        ("Крыму", "Автономная Республика Крым", "UA"),
        ("Аджарии", "Автономная Республика Аджария", "GE"),
        ("Сюникской области", "Сюникская область", "AM"),
        ("Южно-Гобийском аймаке", "Южно-Гобийский аймак", "MN"),
        ("провинции Гуандун", "провинция Гуандун", "CN"),
        ("Синьцзяне", "Синьцзян-Уйгурский автономный район", "CN"),
    ],
)
def test_lookup_in_any_case(text: str, value: str, country: str) -> None:
    hit = gazetteer().lookup(text)
    assert hit is not None, text
    assert (hit.value, hit.attrs["country"]) == (value, country)


@pytest.mark.parametrize(
    "text",
    ["карагандинской области", "Карагандинской", "Алтай", "Приморский", "Запорожье", "Москве"],
)
def test_lookup_misses(text: str) -> None:
    """A proper name must be capitalised; a bare adjective or a city is not a region."""
    assert gazetteer().lookup(text) is None


def test_find_in_a_sentence() -> None:
    text = "Учения прошли в Подмосковье, Карагандинской области и республике Бурятия."
    tokens = [
        Token(k, t.start, t.stop, t.text, 0, word_info(t.text.lower()))
        for k, t in enumerate(tokenize(text))
    ]
    found = [m.entry.value for m in gazetteer().find(tokens)]
    assert found == ["Московская область", "Карагандинская область", "Республика Бурятия"]
