"""Built-in normalisation data: the TSV files in ``svodka/data`` and pycountry's Russian
country names, registered through the same hook a third-party plugin uses."""

from __future__ import annotations

import gettext
from collections.abc import Callable

import svodka
from svodka.normalize.gazetteer import GazetteerEntry, data_entries

# kind -> data file in svodka/data
DATA_FILES = {
    "country": "countries.tsv",
    "organization": "organizations.tsv",
    "place": "places.tsv",
    "region": "regions.tsv",
    "position": "positions.tsv",
    "rank": "ranks.tsv",
    "first_name": "first_names.tsv",
}


def pycountry_entries() -> list[GazetteerEntry]:
    """Every ISO 3166-1 country under its Russian short, common and official names."""
    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    entries = []
    for country in pycountry.countries:
        names = {getattr(country, attr, None) for attr in ("name", "common_name", "official_name")}
        for english in filter(None, names):
            russian = ru.gettext(english)
            if russian != english:
                entries.append(GazetteerEntry(russian, country.alpha_2, {"en": country.name}))
    return entries


@svodka.hookimpl
def register_gazetteers(register: Callable[[str, list[GazetteerEntry]], None]) -> None:
    register("country", pycountry_entries())
    for kind, filename in DATA_FILES.items():
        register(kind, data_entries(filename))
