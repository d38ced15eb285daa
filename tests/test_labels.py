"""Labels of record values in Russian and English (svodka.report.labels)."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from svodka.model.records import BUILTIN_TYPES
from svodka.report import labels
from svodka.report.labels import (
    agree,
    country_name,
    format_date,
    format_period,
    head_form,
    inflect,
    join_names,
    organization_name,
    original,
    outlet_name,
    party_name,
    person_name,
    place_name,
    transliterate,
    value_label,
)


@pytest.mark.parametrize(
    ("code", "ru", "en"),
    [
        ("RU", "Россия", "Russia"),
        ("BY", "Беларусь", "Belarus"),
        ("KZ", "Казахстан", "Kazakhstan"),
        ("KG", "Кыргызстан", "Kyrgyzstan"),
        ("IR", "Иран", "Iran"),
        ("KR", "Южная Корея", "South Korea"),
        ("MD", "Молдова", "Moldova"),
        ("US", "США", "United States"),
        ("UZ", "Узбекистан", "Uzbekistan"),
        ("SE", "Швеция", "Sweden"),  # pycountry's names
        ("FR", "Франция", "France"),
        ("kz", "Казахстан", "Kazakhstan"),
    ],
)
def test_country_names(code: str, ru: str, en: str) -> None:
    assert country_name(code) == ru
    assert country_name(code, "ru") == ru
    assert country_name(code, "en") == en


def test_no_country_name_is_long_or_inverted() -> None:
    import pycountry

    for country in pycountry.countries:
        english = country_name(country.alpha_2, "en")
        assert ", " not in english, english
        russian = country_name(country.alpha_2, "ru")
        assert country.alpha_2 == "CG" or not russian.startswith("Республика "), russian


def test_unknown_and_missing_countries() -> None:
    assert country_name("XX") == "XX"
    assert country_name(None) == ""
    assert country_name("") == ""


@pytest.mark.parametrize(
    ("org_id", "ru", "en"),
    [
        ("SCO", "ШОС", "SCO"),
        ("CSTO", "ОДКБ", "CSTO"),
        ("CIS", "СНГ", "CIS"),
        ("EAEU", "ЕАЭС", "EAEU"),
        ("NATO", "НАТО", "NATO"),
        ("BRICS", "БРИКС", "BRICS"),
        ("EURASEC", "ЕврАзЭС", "EURASEC"),
        ("UNGA", "ГА ООН", "UNGA"),
        ("UNION_STATE", "Союзное государство", "Union State of Russia and Belarus"),
        ("ARCTIC_COUNCIL", "Арктический совет", "Arctic Council"),
        ("CIS_ATC", "АТЦ СНГ", "CIS Anti-Terrorism Center"),
        ("ACME", "ACME", "ACME"),
    ],
)
def test_organization_names(org_id: str, ru: str, en: str) -> None:
    assert organization_name(org_id) == ru
    assert organization_name(org_id, "en") == en


def test_party_names_are_countries_or_organisations() -> None:
    assert party_name("KZ") == "Казахстан"
    assert party_name("CIS") == "СНГ"
    assert party_name("CIS", "en") == "CIS"
    assert party_name(None) == ""


@pytest.mark.parametrize(
    ("name", "en"),
    [
        ("Андрей Белоусов", "Andrey Belousov"),
        ("Шавкат Мирзиёев", "Shavkat Mirziyoev"),
        ("Руслан Жаксылыков", "Ruslan Zhaksylykov"),
        ("Сергей Шойгу", "Sergey Shoygu"),
        ("Юрий Чайка", "Yury Chayka"),
        ("Қасым-Жомарт Тоқаев", "Kasym-Zhomart Tokayev"),  # Kazakh letters
        ("John Smith", "John Smith"),
    ],
)
def test_person_names_in_english_are_transliterated(name: str, en: str) -> None:
    assert person_name(name, "en") == en
    assert person_name(name) == name


def test_capitals_stay_capitals() -> None:
    assert transliterate("ЁЛКА и ель") == "YOLKA i yel"


def test_place_names() -> None:
    assert place_name("Москва", "en") == "Moscow"
    assert place_name("Алматы", "en") == "Almaty"
    assert place_name("Щучинск", "en") == "Shchuchinsk"
    assert place_name("Щучинск") == "Щучинск"
    assert place_name(None, "en") == ""


@pytest.mark.parametrize(
    ("iso", "ru", "en"),
    [
        ("2025-10-31", "31 октября 2025", "31 October 2025"),
        ("2024-07-04", "4 июля 2024", "4 July 2024"),
        ("2025-10", "октябрь 2025", "October 2025"),
        ("2025-05", "май 2025", "May 2025"),
        ("2025", "2025", "2025"),
        ("2025-10-31T12:00:00+03:00", "31 октября 2025", "31 October 2025"),
        (None, "", ""),
        ("", "", ""),
        ("2025-13", "2025-13", "2025-13"),
        ("2025-02-30", "2025-02-30", "2025-02-30"),
        ("летом", "летом", "летом"),
        ("2026-07-17/2026-07-23", "17–23 июля 2026", "17–23 July 2026"),
        ("2026-08-31/2026-09-06", "31 августа – 6 сентября 2026", "31 August – 6 September 2026"),
        (
            "2026-12-30/2027-01-03",
            "30 декабря 2026 – 3 января 2027",
            "30 December 2026 – 3 January 2027",
        ),
        ("2026-03/2026-05", "март – май 2026", "March – May 2026"),
        ("2019/2021", "2019–2021", "2019–2021"),
        ("2026-08-31/вчера", "2026-08-31/вчера", "2026-08-31/вчера"),
    ],
)
def test_dates(iso: str | None, ru: str, en: str) -> None:
    assert format_date(iso) == ru
    assert format_date(iso, "en") == en


def test_every_month_has_its_names() -> None:
    ru = [format_date(f"2025-{m:02d}-01") for m in range(1, 13)]
    assert ru[0] == "1 января 2025" and ru[11] == "1 декабря 2025"
    assert len({d.split()[1] for d in ru}) == 12
    assert format_date("2025-12", "en") == "December 2025"


def test_periods() -> None:
    assert format_period("2026") == "на 2026 год"
    assert format_period("2019-2021") == "на 2019–2021 годы"
    assert format_period("2026", "en") == "for 2026"
    assert format_period("2019-2021", "en") == "for 2019–2021"
    assert format_period(None) == ""


VOCABULARIES = {
    (cls.type, name): values
    for cls in BUILTIN_TYPES
    for name, values in cls.spec.vocabularies.items()
}


@pytest.mark.parametrize(("key", "values"), sorted(VOCABULARIES.items()))
def test_every_vocabulary_value_has_labels(key: tuple[str, str], values: tuple[str, ...]) -> None:
    record_type, field = key
    for value in values:
        ru = value_label(record_type, field, value)
        en = value_label(record_type, field, value, "en")
        assert ru and ru != value and not ru.isascii(), (key, value)
        assert en and en.isascii() and "_" not in en, (key, value)


def test_value_labels() -> None:
    assert value_label("agreement", "status", "signed") == "подписан"
    assert value_label("agreement", "status", "signed", "en") == "signed"
    assert value_label("agreement", "kind", "roadmap") == "дорожная карта"
    assert value_label("role", "rank", "генерал-полковник", "en") == "Colonel General"
    assert value_label("role", "rank", "генерал-полковник") == "генерал-полковник"
    assert value_label("role", "position", "министр обороны", "en") == "minister of defence"
    assert value_label("event", "category", "учения", "en") == "exercise"
    contest = value_label("event", "category", "военно-спортивный конкурс", "en")
    assert contest == "military sports contest"
    assert value_label("event", "international", True) == "да"
    assert value_label("event", "international", False, "en") == "no"
    assert value_label("event", "edition", 85) == "85"
    assert value_label("role", "rank", None) == ""
    assert value_label("weather", "forecast", "дождь", "en") == "dozhd (дождь)"


def _canonical_values(filename: str) -> set[str]:
    text = (files("svodka.data") / filename).read_text(encoding="utf-8")
    rows = csv.reader(
        (line for line in text.splitlines() if line.strip() and not line.startswith("#")),
        delimiter="\t",
    )
    return {row[1] for row in list(rows)[1:]}


@pytest.mark.parametrize(
    ("filename", "field"), [("ranks.tsv", "rank"), ("positions.tsv", "position")]
)
def test_every_canonical_rank_and_post_has_an_english_label(filename: str, field: str) -> None:
    missing = [
        value
        for value in sorted(_canonical_values(filename))
        if value_label("role", field, value, "en") == value
    ]
    assert missing == []


def test_labels_file_has_its_header_and_three_columns() -> None:
    text = (files("svodka.data") / "labels.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "key\tru\ten"
    assert all(line.count("\t") == 2 for line in lines), "three columns on every line"
    keys = [line.split("\t")[0] for line in lines[1:]]
    assert len(keys) == len(set(keys)), "no key twice"


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        ("программа стратегического партнерства", "accs", "программу стратегического партнерства"),
        ("дорожная карта", "accs", "дорожную карту"),
        ("план военного сотрудничества", "accs", "план военного сотрудничества"),
        ("концепция", "accs", "концепцию"),
        (
            "Высший Евразийский экономический совет",
            "gent",
            "Высшего Евразийского экономического совета",
        ),
        ("Совет министров обороны", "gent", "Совета министров обороны"),
        ("коллегия министерств", "gent", "коллегии министерств"),
        ("специальные учения", "gent", "специальных учений"),
        ("Союзное государство", "loct", "Союзном государстве"),
        ("ШОС", "gent", "ШОС"),
        ("«Айбын»", "gent", "«Айбын»"),
        ("", "gent", ""),
    ],
)
def test_inflect(phrase: str, case: str, expected: str) -> None:
    assert inflect(phrase, case) == expected


def test_inflect_rejects_an_unknown_case() -> None:
    with pytest.raises(ValueError, match="case"):
        inflect("план", "dative")


def test_agreement_with_the_head_noun() -> None:
    assert head_form("программа") == "femn"
    assert head_form("план сотрудничества") == "masc"
    assert head_form("соглашение") == "neut"
    assert head_form("специальные учения") == "plur"
    assert head_form("ШОС") == "masc"  # unknown: masculine
    forms = ("подписан", "подписана", "подписано", "подписаны")
    assert agree("дорожная карта", *forms) == "подписана"
    assert agree("учения", *forms) == "подписаны"


def test_join_names() -> None:
    assert join_names([]) == ""
    assert join_names(["Казахстан"]) == "Казахстан"
    assert join_names(["Казахстан", "Россия"]) == "Казахстан и Россия"
    assert join_names(["A", "", "B", "C"], "en") == "A, B and C"


@pytest.mark.parametrize(
    "call",
    [
        lambda: country_name("KZ", "de"),
        lambda: organization_name("SCO", "kk"),
        lambda: person_name("Иван", "EN"),
        lambda: format_date("2025", "fr"),
        lambda: value_label("agreement", "status", "signed", "de"),
    ],
)
def test_unknown_language_raises(call) -> None:
    with pytest.raises(ValueError, match="language"):
        call()


def test_languages() -> None:
    assert labels.LANGS == ("ru", "en")


# --- English through and through; Russian conjuncts in the case ------------------------------


def test_each_nominative_conjunct_is_inflected() -> None:
    assert (
        inflect("Совет командующих пограничными войсками и Комитет начальников штабов", "gent")
        == "Совета командующих пограничными войсками и Комитета начальников штабов"
    )
    assert inflect("Высший совет, Межпарламентская ассамблея и Комиссия", "datv") == (
        "Высшему совету, Межпарламентской ассамблее и Комиссии"
    )
    # a genitive after "и" depends on the noun before it and stays
    assert inflect("программа развития и сотрудничества", "accs") == (
        "программу развития и сотрудничества"
    )
    # a preposition ends the search: "Меморандум" after "о ..." is not a conjunct of the head
    assert inflect("договор о дружбе и Меморандум", "gent") == "договора о дружбе и Меморандум"


def test_english_phrases_word_by_word() -> None:
    from svodka.report.english import english

    assert english("Соглашение о взаимной помощи в области обороны") == (
        "agreement on mutual assistance in the field of defence"
    )
    assert english("план совместных учений") == "plan of joint exercises"
    assert english("протокол о присоединении Узбекистана к ЕАЭС") == (
        "protocol on accession of Uzbekistan to EAEU"
    )
    assert english("армяно-иранские отношения") == "Armenian-Iranian relations"
    # a preposition by the case after it
    assert english("визит в Армению") == "visit to Armenia"
    assert english("переговоры в Армении") == "talks in Armenia"
    assert english("поставки оружия в Армению") == "supplies of arms to Armenia"
    assert english("Международные армейские игры", proper=True) == "International Army Games"


def test_english_of_an_unknown_phrase_is_transliterated_with_the_russian() -> None:
    from svodka.report.english import english

    assert english("Сокол") == "Sokol (Сокол)"
    # an unknown word among known ones is shown so in its place
    assert english("соглашение о поставках с Кубой") == "agreement on supplies with Cuba"
    assert english("соглашение о Сколково") == "agreement on Skolkovo (Сколково)"
    # a phrase half unknown is shown as a whole
    assert english("Сокол заложен") == "Sokol zalozhen (Сокол заложен)"
    assert english("Sputnik") == "Sputnik"


def test_outlets_in_english() -> None:
    assert outlet_name("ТАСС (tass.ru)", "en") == "TASS (tass.ru)"
    assert outlet_name("Вестник (vestnik.kz), citing БелТА", "en") == (
        "Vestnik (Вестник) (vestnik.kz), citing BelTA"
    )
    assert outlet_name("Вестник (vestnik.kz)") == "Вестник (vestnik.kz)"


def test_original_words_are_quoted_in_english_only() -> None:
    assert original("Войска вернулись.", "en") == "“Войска вернулись.”"
    assert original("Войска вернулись.") == "Войска вернулись."
    assert original("", "en") == ""


def test_text_values_of_every_field_are_english_but_a_quote() -> None:
    assert value_label("agreement", "title", "План совместных учений", "en") == (
        "plan of joint exercises"
    )
    assert value_label("meeting", "topics", "региональная безопасность", "en") == (
        "regional security"
    )
    assert value_label("quote", "text", "Мы готовы", "en") == "Мы готовы"
    assert value_label("role", "position", "начальник штаба бригады", "en") == (
        "chief of staff of brigade"
    )


def test_a_fact_that_says_nothing_is_vague() -> None:
    from svodka.model.records import Event, Meeting

    def event(**values: object) -> Event:
        return Event(article="a", status="held", date="2025-10", **values)  # type: ignore[arg-type]

    assert labels.vague(event(name="коллегия министерств", category="заседание"))
    assert not labels.vague(event(name="коллегия министерств", category="заседание", place="Минск"))
    assert not labels.vague(event(name="Совет командующих", category="заседание"))
    assert not labels.vague(event(name="Щит-2026", category="учения"))
    assert labels.vague(Meeting(article="a", participants=["Олег Петров"], date="2025-10-01"))
    assert not labels.vague(Meeting(article="a", participants=["Олег Петров", "Иван Сидоров"]))


def test_place_names_in_lower_case_posts_get_their_capitals() -> None:
    assert value_label("role", "position", "посол по вопросам отношений с европой") == (
        "посол по вопросам отношений с Европой"
    )
    assert value_label("role", "position", "командующий сухопутными войсками") == (
        "командующий сухопутными войсками"
    )


def test_english_of_hyphenated_nouns_and_body_names() -> None:
    from svodka.report.english import english

    assert english("Совет глав государств-членов ОДКБ", proper=True) == (
        "Council of Heads of Member States of CSTO"
    )
    assert english("пресс-секретарь министра") == "press secretary of minister"
    assert english("военные учения") == "military exercises"
    assert english("выполнение ранее достигнутых договоренностей") == (
        "implementation of previously reached arrangements"
    )


def test_english_of_an_organisations_thing_and_of_cities() -> None:
    from svodka.report.english import english

    assert english("саммит ОДКБ") == "CSTO summit"
    assert english("встреча в Ташкенте") == "meeting in Tashkent"
