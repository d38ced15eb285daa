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
    assert r["date"] == "2024-09-02/2024-09-06"
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


# --- round 2: acronyms, summits, national boards, word orders, hosts -------------------------


def test_organisation_written_in_full_becomes_its_acronym_in_a_bodys_name():
    r = one(
        "Министры примут участие в заседании Совета министров обороны Шанхайской организации "
        "сотрудничества, которое пройдет 28 апреля в Циндао.",
        published="2027-04-02",
    )
    assert r["name"] == "Совет министров обороны ШОС"
    assert (r["status"], r["date"], r["place"], r["country"]) == (
        "planned",
        "2027-04-28",
        "Циндао",
        "CN",
    )
    r = one(
        "В Москве прошло заседание Совета глав государств — членов Содружества Независимых "
        "Государств."
    )
    assert r["name"] == "Совет глав государств — членов СНГ"


def test_next_summit_keeps_its_name_and_the_same_days_summit_is_the_council():
    records = run(
        "Лидеры подписали декларацию по итогам заседания Совета глав государств СНГ. Саммит, "
        "прошедший в пятницу в Душанбе, открыл президент Таджикистана. Туркменистан является "
        "ассоциированным членом СНГ с 2005 года, его делегация была приглашена на саммит. "
        "Следующий саммит СНГ пройдет в 2027 году в Ашхабаде.",
        published="2026-10-10",
    )
    names = sorted((r["name"], r["status"]) for r in records)
    assert names == [("Совет глав государств СНГ", "held"), ("саммит СНГ", "planned")]
    held = next(r for r in records if r["status"] == "held")
    assert (held["place"], held["country"], held["date"]) == ("Душанбе", "TJ", "2026-10-09")
    planned = next(r for r in records if r["status"] == "planned")
    assert (planned["place"], planned["country"], planned["date"]) == ("Ашхабад", "TM", "2027")


def test_ministry_board_session_is_a_national_event_at_the_datelines_city():
    r = one(
        "МИНСК, 20 декабря. Министр обороны Беларуси Виктор Хренин провел итоговое заседание "
        "коллегии Министерства обороны, на котором подведены итоги 2023 года.",
        published="2023-12-20",
    )
    assert r["name"] == "итоговое заседание коллегии Министерства обороны"
    assert (r["status"], r["international"], r["country"], r["place"]) == (
        "held",
        False,
        "BY",
        "Минск",
    )
    assert r["date"] == "2023-12"  # not the year the results were for


def test_ministry_named_with_its_country_and_a_joint_board_session():
    r = one("В Москве 5 марта пройдет расширенное заседание коллегии Минобороны России.")
    assert (r["name"], r["country"], r["international"]) == (
        "расширенное заседание коллегии Минобороны",
        "RU",
        False,
    )
    r = one(
        "Министры провели совместное заседание коллегий министерств обороны Армении и Ирана, "
        "которое прошло в Ереване."
    )
    assert r["international"] is True
    assert r["place"] == "Ереван"
    assert run("Судья выступил на заседании коллегии Верховного суда.") == []


def test_body_as_the_subject_of_a_verb_of_happening():
    r = one("Совет глав правительств СНГ пройдет 25 октября в Ашхабаде.", published="2026-05-01")
    assert (r["name"], r["status"], r["place"], r["date"]) == (
        "Совет глав правительств СНГ",
        "planned",
        "Ашхабад",
        "2026-10-25",
    )
    assert one("В Минске прошел Совет министров обороны СНГ.")["status"] == "held"
    assert run("Председатель Совета глав правительств СНГ открыл встречу.") == []


def test_sessions_in_general_are_not_events():
    assert run("Молдавия сможет направлять наблюдателей на заседания органов ГУАМ.") == []
    assert run("Вопрос регулярно обсуждается на заседаниях Совета министров обороны ОДКБ.") == []


def test_a_demonstrative_never_becomes_a_name():
    assert run("«Это учение станет крупнейшим в истории наших армий», — заявил генерал.") == []
    assert run("— Данный форум стал традиционным, — отметил посол.") == []


def test_name_after_a_naming_word_or_before_its_kind():
    r = one("Совместные учения пройдут в сентябре вблизи Оша под названием «Горный щит».")
    assert (r["name"], r["place"], r["country"], r["international"]) == (
        "Горный щит",
        "Ош",
        "KG",
        True,
    )
    r = one(
        "«Каспийский рубеж» — совместные учения пограничников Казахстана и Туркменистана, "
        "которые пройдут в Актау."
    )
    assert (r["name"], r["category"], r["place"], r["country"]) == (
        "Каспийский рубеж",
        "учения",
        "Актау",
        "KZ",
    )
    r = one("В Гродно завершились учения, получившие кодовое название «Неман-2026».")
    assert (r["name"], r["date"], r["place"]) == ("Неман", "2026", "Гродно")


def test_town_near_which_an_event_takes_place():
    r = one("Учения «Славянское братство-2027» пройдут на полигоне под Гродно.")
    assert (r["place"], r["country"]) == ("Гродно", "BY")
    assert one("Учения «Рубеж-2027» пройдут недалеко от Оша.")["place"] == "Ош"


def test_two_host_states_leave_the_country_open_and_make_it_international():
    r = one("Учение «Щит Союза-2027» пройдет на территории Беларуси и России.")
    assert (r["country"], r["international"]) == (None, True)


def test_adjective_of_a_region_of_states_makes_an_event_international():
    r = one("Сегодня в Баку открылся III Каспийский экономический форум.", published="2026-08-12")
    assert (r["name"], r["edition"], r["international"], r["country"]) == (
        "Каспийский экономический форум",
        3,
        True,
        "AZ",
    )


def test_a_series_since_a_year_and_a_look_back_are_not_editions():
    records = run(
        "Учения «Боевое братство-2026» прошли в Таджикистане. Учения проводятся ежегодно "
        "с 2015 года.",
        published="2026-07-04",
    )
    assert [(r["date"], r["status"]) for r in records] == [("2026", "held")]
    records = run(
        "Саммит ОДКБ прошел в Астане 28 ноября. Впервые саммит прошел в 2002 году.",
        published="2026-11-29",
    )
    assert [r["date"] for r in records] == ["2026-11-28"]


def test_apposition_and_a_synonym_of_the_kind_refer_to_the_event():
    records = run(
        "Стороны договорились провести в следующем году второе совместное учение «Рубеж». "
        "Первое такое учение, «Рубеж-2026», состоялось в мае в Ошской области.",
        published="2026-11-19",
    )
    first = next(r for r in records if r["status"] == "held")
    assert (first["edition"], first["date"], first["country"]) == (1, "2026-05", "KG")
    r = one(
        "Учения «Кавказский щит-2027» пройдут на следующей неделе. В маневрах, которые "
        "продлятся с 6 по 10 июня, задействуют 2 тысячи военных.",
        published="2027-06-01",
    )
    assert r["date"] == "2027-06-06/2027-06-10"


def test_held_event_without_a_date_is_dated_by_the_publication():
    assert one("В Баку прошел форум «Безопасность Каспия».", published="2026-03-04")["date"] == (
        "2026-03"
    )
    r = one("Предыдущие учения «Кобальт» прошли в Казахстане.", published="2026-03-04")
    assert r["date"] is None


def test_dedication_keeps_a_coordinated_genitive():
    r = one(
        "В Ашхабаде прошел форум «Диалог — гарантия мира», приуроченный к Году мира и доверия.",
        published="2026-12-12",
    )
    assert r["dedicated_to"] == ["Год мира и доверия"]


def test_a_board_without_the_word_session_and_a_joint_board():
    r = one("Министр выступил на расширенной коллегии Министерства обороны Республики Армения.")
    assert (r["name"], r["category"], r["country"], r["international"]) == (
        "расширенная коллегия Министерства обороны",
        "заседание",
        "AM",
        False,
    )
    r = one("На коллегии министерств стороны подписали 12 документов.", published="2026-02-18")
    assert (r["name"], r["international"], r["date"]) == ("коллегия министерств", True, "2026-02")
    assert run("В состав коллегии министерства вошли пять человек.") == []
    assert run("Министр рассказал о работе коллегии министерства.") == []


def test_session_of_an_organisations_members_uses_its_acronym():
    r = one(
        "Министры встретились на полях совещания министров обороны государств — членов "
        "Организации Договора о коллективной безопасности в Ереване."
    )
    assert r["name"] == "совещание министров обороны государств — членов ОДКБ"
    assert r["place"] == "Ереван"


def test_place_or_region_set_off_by_commas_hosts_the_event():
    r = one("В Ошской области, на полигоне Эдельвейс, пройдет учение «Ала-Тоо-2027».")
    assert r["country"] == "KG"
    r = one("В Гродно, на полигоне «Гожский», пройдут учения «Неман-2027».")
    assert (r["place"], r["country"]) == ("Гродно", "BY")
    r = one("В Москве министр заявил, что учения «Неман-2027» пройдут в Беларуси.")
    assert (r["place"], r["country"]) == (None, "BY")


def test_states_named_in_the_mention_are_parties_or_the_host():
    r = one("Подразделения примут участие в узбекско-таджикском совместном учении «Аракс-2027».")
    assert set(r["participants"]) == {"UZ", "TJ"}
    assert r["international"] is True
    r = one("Учения вооруженных сил Армении «Арагац-2027» пройдут в сентябре.")
    assert (r["country"], r["participants"]) == ("AM", [])
    r = one("Саммит «Россия — Африка» пройдет в октябре.")
    assert r["country"] is None


def test_subject_pronoun_and_a_synonym_of_the_kind_add_the_place():
    r = one("Стартовали учения «Гроза-2027». Они проходят на полигоне в Ошской области.")
    assert r["country"] == "KG"
    r = one("Стартовали учения «Гроза-2027». Маневры проходят на полигоне в Ошской области.")
    assert r["country"] == "KG"
    r = one("Стартовали учения «Гроза-2027» с участием курсантов. Они прошли подготовку в Оше.")
    assert r["place"] is None


def test_a_lone_place_opening_the_body_is_the_datelines_city():
    r = one(
        "Итоги года подвели в министерстве\n"
        "Душанбе. Под руководством министра обороны Таджикистана прошло расширенное заседание "
        "коллегии Министерства обороны, на котором обсудили подготовку войск.",
        published="2024-12-26",
    )
    assert (r["place"], r["country"]) == ("Душанбе", "TJ")


def test_a_place_opening_a_later_sentence_is_no_dateline():
    r = one(
        "Расширенное заседание коллегии Министерства обороны Казахстана прошло в среду. "
        "Алматы, Шымкент и Актобе представили отчеты гарнизонов.",
        published="2024-12-26",
    )
    assert (r["place"], r["country"]) == (None, "KZ")


def test_a_citys_adjective_before_the_kind_is_the_place():
    r = one(
        "Делегация Вьетнама примет участие в VII Минской конференции по евразийской "
        "безопасности, которая пройдет в октябре.",
        published="2024-06-14",
    )
    assert (r["place"], r["country"]) == ("Минск", "BY")
    r = one("Министры прибыли на ереванский саммит ОДКБ, который пройдет 5 мая.")
    assert (r["name"], r["place"], r["country"]) == ("саммит ОДКБ", "Ереван", "AM")
    r = one("Участники Бакинского энергетического форума ОЧЭС обсудили поставки газа.")
    assert (r["place"], r["country"]) == ("Баку", "AZ")


def test_an_adjective_after_the_kind_is_no_place():
    r = one("Саммит Шанхайской организации сотрудничества пройдет в июле.")
    assert (r["name"], r["place"]) == ("саммит ШОС", None)


def test_a_verb_after_a_capitalised_kind_is_no_part_of_its_name():
    r = one("На Кадетские морские игры прибыли курсанты из девяти стран.")
    assert r["name"] == "Кадетские морские игры"
    r = one("На Спартакиаду дружественных армий прибыли спортсмены из сорока стран.")
    assert r["name"] == "Спартакиада дружественных армий"


def test_contests_inside_larger_games_are_no_events_of_their_own():
    records = run(
        "Команды восьми стран прибыли на Кадетские морские игры. Курсанты выступят в "
        "конкурсах «Морской узел» и «Шлюпочная регата»."
    )
    assert [r["name"] for r in records] == ["Кадетские морские игры"]
    r = one("Конкурс «Лучший связист» прошел в Гродно.")  # no larger event: a contest of its own
    assert r["name"] == "Лучший связист"
    records = run(
        "На Кадетских морских играх продолжается конкурс «Морской узел». Игры стартовали "
        "в понедельник."
    )
    assert sorted(r["name"] for r in records) == ["Кадетские морские игры", "Морской узел"]


def test_an_opening_ceremony_of_the_exercise_makes_it_ongoing():
    r = one(
        "В Гяндже 12 июня прошла церемония открытия совместных антитеррористических учений "
        "государств-членов Организации Договора о коллективной безопасности /ОДКБ/ "
        '"Кобальт -- 2024".',
        published="2024-06-14",
    )
    assert (r["name"], r["status"], r["date"]) == ("Кобальт", "ongoing", "2024-06-12")


def test_name_after_a_naming_word_and_the_kind_before_a_dash():
    records = run(
        "Армии Монголии и Индии начали совместные учения на полигоне под Улан-Батором. "
        'Название учений –"Кочевой слон-2024". Учения продлятся две недели.'
    )
    assert [(r["name"], r["date"]) for r in records] == [("Кочевой слон", "2024")]


def test_summit_of_the_organisation_named_before_and_after_its_results_is_held():
    records = run(
        "Лига арабских государств приняла Сирию обратно. Об этом говорится в заявлении, "
        "опубликованном по итогам саммита организации."
    )
    assert [(r["name"], r["status"]) for r in records] == [("саммит ЛАГ", "held")]


def test_a_summit_of_an_organisation_named_in_full_is_no_reference():
    records = run("Саммит Организации Договора о коллективной безопасности пройдет в Минске.")
    assert [r["name"] for r in records] == ["саммит ОДКБ"]


def test_the_date_nearest_the_event_in_a_coordinated_clause():
    r = one(
        "Монголия подала заявку в 2016 году и была принята в члены на саммите ОДКБ в Ереване "
        "в 2017 году."
    )
    assert (r["date"], r["place"]) == ("2017", "Ереван")


def test_a_body_whose_session_a_relative_clause_tells_of():
    r = one(
        "Совет министров иностранных дел ОДКБ, заседание которого состоялось во вторник в "
        "Бишкеке, одобрил заявление.",
        published="2024-06-14",
    )
    assert (r["name"], r["status"], r["place"], r["date"]) == (
        "Совет министров иностранных дел ОДКБ",
        "held",
        "Бишкек",
        "2024-06-11",
    )


def test_a_planned_event_in_a_month_without_its_year_is_next_year():
    r = one("Саммит ОДКБ пройдет в марте в Душанбе.", published="2024-06-14")
    assert (r["status"], r["date"]) == ("planned", "2025-03")
    r = one("Саммит ОДКБ прошел в ноябре в Душанбе.", published="2024-06-14")
    assert (r["status"], r["date"]) == ("held", "2023-11")


def test_an_event_framed_in_its_own_clause_takes_that_clauses_tense():
    records = run(
        "Маневры идут уже неделю, после того как 2 июня на саммите ОДКБ в Ереване министры "
        "одобрили их план."
    )
    summit = by_name(records)["саммит ОДКБ"][0]
    assert (summit["status"], summit["date"], summit["place"]) == ("held", "2024-06-02", "Ереван")


def test_a_kind_noun_whose_first_analysis_is_another_word():
    r = one(
        "Юные спасатели приняли участие в Международном военно-патриотическом лагере "
        "молодежи «Сункар», который прошел в августе прошлого года в Туркестане."
    )
    assert (r["name"], r["category"], r["status"], r["place"], r["date"]) == (
        "Сункар",
        "военно-патриотический лагерь",
        "held",
        "Туркестан",
        "2023-08",
    )


def test_a_relative_clause_whose_subject_hosts_the_event():
    records = run(
        "Предыдущий саммит ОДКБ прошел в июле прошлого года в Минске. План утвердят на XVIII "
        "саммите ОДКБ, который Армения как страна-председатель примет осенью 2025 года."
    )
    assert [(r["status"], r["country"], r["date"], r["edition"]) for r in records] == [
        ("held", "BY", "2023-07", None),
        ("planned", "AM", "2025", 18),
    ]


def test_an_adjective_that_may_be_a_noun_stays_in_the_kind():
    r = one(
        "Совместные тактические военные учения «Кавказский орел-2024» сейчас проводят Грузия "
        "и Армения."
    )
    assert (r["category"], r["international"]) == ("тактические военные учения", True)


def test_a_date_after_until_the_end_of_is_a_deadline():
    records = run(
        "Осенью на территории Армении пройдет первое совместное учение саперов двух стран "
        "«Арарат — Кура». «Наши саперы уже провели разведку местности, план учения утвердят "
        "до конца апреля», — отметил министр."
    )
    assert [(r["name"], r["status"]) for r in records] == [("Арарат — Кура", "planned")]


def test_a_range_is_kept_as_an_interval():
    r = one(
        "С 12 по 18 марта на полигоне под Брестом пройдут совместные учения «Щит-2026».",
        "2026-02-20",
    )
    assert (r["name"], r["date"], r["status"]) == ("Щит", "2026-03-12/2026-03-18", "planned")


def test_the_day_of_an_arrival_does_not_date_the_session():
    came = (
        "Для участия в заседании Совета министров иностранных дел СНГ 14 мая в Бишкек "
        "прибыли министры."
    )
    met = "14 мая в Бишкеке прошло заседание Совета министров иностранных дел СНГ."
    assert one(came, "2026-05-15")["date"] == "2026-05"  # held, dated by the publication's month
    assert one(met, "2026-05-15")["date"] == "2026-05-14"
    summit = one(
        "Президент Узбекистана прибыл в Астану для участия в саммите ШОС 3 июля.", "2026-07-04"
    )
    assert summit["date"] == "2026-07"  # not 3 July, the day of the arrival


def test_an_undated_article_places_a_yearless_date_in_the_year_of_the_events_name():
    assert one("Учения «Гроза-2027» пройдут 4–9 октября в Бресте.", None)["date"] == (
        "2027-10-04/2027-10-09"
    )
    assert one("Учения «Гроза-2027» пройдут в октябре в Бресте.", None)["date"] == "2027-10"
    # without the name's year nothing places the day
    assert one("Учения «Гроза» пройдут 4–9 октября в Бресте.", None)["date"] is None


def test_the_year_of_the_events_name_in_the_headline_places_a_later_yearless_range():
    r = one(
        "В Бресте стартует сбор молодежи «Патриот – 2027»\n\n"
        "С 12 по 18 июня в учебном центре под Брестом пройдет ежегодный сбор молодежи «Патриот».",
        None,
    )
    assert (r["name"], r["date"]) == ("Патриот", "2027-06-12/2027-06-18")
