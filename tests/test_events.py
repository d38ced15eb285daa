"""The events extractor: named camps and exercises, council sessions and summits, status
from tense, editions, places, participants, dedications, references back to an event,
merging, negation and things that are not events."""

from __future__ import annotations

from svodka.plugins.extractors.events import EventExtractor
from svodka.testing import extract_records, plugins_with


def run(text: str, published: str | None = "2024-06-14") -> list[dict]:
    return extract_records(EventExtractor(), text, published=published)


def one(text: str, published: str | None = "2024-06-14") -> dict:
    records = run(text, published)
    assert len(records) == 1, records
    return records[0]


def by_name(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in records:
        out.setdefault(r["name"], []).append(r)
    return out


def test_registered_under_its_name():
    with plugins_with() as plugins:
        assert plugins.owner[("extractor", "events")] == "extractors.events"


def test_quoted_exercise_with_year_suffix_org_place_and_participants():
    r = one(
        "С 2 по 6 сентября в Иссык-Кульской области Кыргызстана пройдут совместные учения "
        "миротворческих сил ОДКБ «Нерушимое братство-2024». В учениях примут участие "
        "военнослужащие Беларуси, Казахстана, России и Таджикистана.",
        published="2024-08-20",
    )
    assert r["type"] == "event"
    assert r["name"] == "Нерушимое братство"
    assert r["category"] == "учения"
    assert r["status"] == "planned"
    assert r["country"] == "KG"
    assert r["place"] is None
    assert r["date"] == "2024-09-02"
    assert r["international"] is True
    assert set(r["participants"]) == {"BY", "KZ", "RU", "TJ"}
    assert len(r["evidence"]) == 2
    assert 0 < r["confidence"] <= 1


def test_roman_edition_and_kind_without_generic_adjectives():
    r = one(
        "Министр поблагодарил коллегу за поддержку XII Международного военно-патриотического "
        "сбора молодежи «Шумкар», в котором впервые примут участие кадеты из Таджикистана."
    )
    assert r["name"] == "Шумкар"
    assert r["category"] == "военно-патриотический сбор"
    assert r["edition"] == 12
    assert r["status"] == "planned"
    assert r["international"] is True
    assert r["participants"] == ["TJ"]


def test_council_session_in_the_nominative_with_spaced_dash_and_numeric_edition():
    r = one(
        "Переговоры прошли в Бишкеке в рамках 84-го заседания Совета министров обороны "
        "государств-участников СНГ.",
        published="2023-10-19",
    )
    assert r["name"] == "Совет министров обороны государств — участников СНГ"
    assert r["category"] == "заседание"
    assert r["edition"] == 84
    assert r["status"] == "held"
    assert r["place"] == "Бишкек"
    assert r["country"] == "KG"
    assert r["international"] is True


def test_coordinated_bodies_share_their_organisation():
    r = one(
        "В рамках заседания Совета министров иностранных дел, Совета министров обороны и "
        "Комитета секретарей советов безопасности государств – членов ОДКБ состоялась встреча."
    )
    assert r["name"] == (
        "Совет министров иностранных дел, Совет министров обороны и Комитет секретарей "
        "советов безопасности государств — членов ОДКБ"
    )
    assert r["status"] == "held"


def test_capitalised_adjectives_before_a_body():
    r = one(
        "Решение было принято сегодня в ходе заседания Высшего Евразийского экономического совета.",
        published="2020-12-11",
    )
    assert r["name"] == "Высший Евразийский экономический совет"
    assert r["date"] == "2020-12-11"
    assert r["status"] == "held"


def test_summit_named_by_the_organisations_acronym():
    r = one(
        "Президент России провел юбилейный саммит Организации Договора о коллективной "
        "безопасности в Москве."
    )
    assert r["name"] == "саммит ОДКБ"
    assert r["category"] == "саммит"
    assert r["status"] == "held"
    assert r["place"] == "Москва"


def test_summit_merges_with_the_council_of_heads_of_state_and_a_bare_body_takes_its_org():
    records = run(
        "Церемония прошла в Астане на заседании Совета глав государств — членов ШОС. "
        "В Самарканде 16 сентября 2022 года по итогам Совета глав государств было подписано "
        "решение. Президент Узбекистана прибыл в Астану для участия в саммите ШОС 3 июля.",
        published="2024-07-04",
    )
    assert {r["name"] for r in records} == {"Совет глав государств — членов ШОС"}
    by_year = {r["date"][:4]: r for r in records}
    assert by_year["2024"]["place"] == "Астана"
    assert by_year["2024"]["participants"] == ["UZ"]
    assert by_year["2022"]["place"] == "Самарканд"
    assert by_year["2022"]["country"] == "UZ"


def test_acronym_of_a_body_is_read_in_full():
    r = one("В заседании СМО СНГ, которое пройдет в Душанбе, примут участие министры.")
    assert r["name"] == "Совет министров обороны СНГ"
    assert r["status"] == "planned"
    assert r["country"] == "TJ"


def test_held_event_and_its_next_edition_by_reference():
    records = run(
        "Министр поблагодарил за организацию сбора «Айбын», который состоялся летом "
        "текущего года в Казахстане и был посвящен 80-летию Победы в Великой Отечественной "
        "войне. В 2026 году мы планируем провести его в городе Щучинске.",
        published="2025-10-31",
    )
    assert len(records) == 2
    held, planned = sorted(records, key=lambda r: r["date"])
    assert (held["status"], held["date"], held["country"]) == ("held", "2025", "KZ")
    assert held["dedicated_to"] == ["80-летие Победы в Великой Отечественной войне"]
    assert held["international"] is None
    assert (planned["status"], planned["date"], planned["place"]) == ("planned", "2026", "Щучинск")
    assert planned["name"] == "Айбын"


def test_dedication_drops_a_persons_titles():
    r = one(
        "Сбор «Жас Улан» был посвящен 100-летию со дня рождения Героя Советского Союза "
        "снайпера Алии Молдагуловой.",
    )
    assert r["dedicated_to"] == ["100-летие со дня рождения Алии Молдагуловой"]


def test_present_tense_is_ongoing_and_dated_this_year():
    r = one("В Подмосковье продолжается конкурс «Танковый биатлон».", published="2021-08-25")
    assert r["status"] == "ongoing"
    assert r["date"] == "2021"


def test_opened_is_ongoing_not_held():
    r = one("В Тяньцзине открылся саммит ШОС.", published="2025-09-01")
    assert r["status"] == "ongoing"
    assert r["place"] == "Тяньцзинь"
    assert r["country"] == "CN"


def test_future_passive_and_dates_after_publication_are_planned():
    assert one("Учения «Океан-2024» будут проведены в сентябре.")["status"] == "planned"
    r = one("В Спасске стартует сбор «Айбын» 17 июля.", published="2024-07-10")
    assert r["status"] == "planned"
    assert r["place"] == "Спасск"


def test_same_session_held_and_planned_in_one_year_are_two_records():
    records = run(
        "Заседание Совета глав правительств СНГ состоялось в пятницу в Ашхабаде. "
        "Следующее заседание Совета глав правительств СНГ пройдет 8 ноября в Москве.",
        published="2024-05-25",
    )
    statuses = {r["status"]: r for r in records}
    assert set(statuses) == {"held", "planned"}
    assert statuses["held"]["place"] == "Ашхабад"
    assert statuses["planned"]["date"] == "2024-11-08"


def test_next_summit_by_reference_is_a_new_record():
    records = run(
        "В Самарканде завершился саммит ШОС. Лидеры подписали декларацию. Следующий саммит "
        "пройдет в Индии.",
        published="2022-09-16",
    )
    assert sorted((r["status"], r["country"]) for r in records) == [
        ("held", "UZ"),
        ("planned", "IN"),
    ]


def test_latin_and_capitalised_unquoted_names():
    r = one("В Астане завершилась VII Международная выставка вооружений KADEX-2022.")
    assert (r["name"], r["category"], r["edition"], r["date"]) == ("KADEX", "выставка", 7, "2022")
    r = one("XVI Форум межрегионального сотрудничества России и Казахстана открылся в Омске.")
    assert r["name"] == "Форум межрегионального сотрудничества России и Казахстана"
    assert r["edition"] == 16
    assert r["international"] is True


def test_host_country_from_the_subject_of_hosting():
    r = one("Кыргызстан примет очередной саммит ОДКБ в ноябре 2023 года.", published="2023-05-25")
    assert (r["name"], r["status"], r["country"], r["date"]) == (
        "саммит ОДКБ",
        "planned",
        "KG",
        "2023-11",
    )


def test_negation_and_calling_off_give_no_record():
    assert run("Учения «Щит Союза-2023» не состоятся.") == []
    assert run("Кыргызстан отменил учения ОДКБ «Нерушимое братство-2022».") == []


def test_countries_that_refuse_are_not_participants():
    records = run(
        "Учения ОДКБ «Взаимодействие-2024» пройдут в Беларуси. Армения отказалась участвовать "
        "в учениях. В них примут участие военные Казахстана и России.",
        published="2024-08-20",
    )
    assert len(records) == 1
    assert set(records[0]["participants"]) == {"KZ", "RU"}
    assert records[0]["country"] == "BY"


def test_things_in_quotes_that_are_not_events():
    assert (
        run(
            "Выпускники школы «Жас улан» возложили цветы к монументу «Отан қорғаушылар». Об этом "
            "пишет газета «Красная звезда». В учениях с участием подразделения «Альфа» "
            "задействовано 500 человек."
        )
        == []
    )


def test_a_states_own_bodies_are_not_international_events():
    assert (
        run(
            "Президент провел заседание Совета безопасности. На заседании Совета Федерации "
            "одобрили закон. Лукашенко провел совещание по вопросам безопасности."
        )
        == []
    )
