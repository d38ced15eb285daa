"""The meetings extractor: triggers, participants (named and described), merging of
sentences, format, place, date, topics, negation and plans."""

from __future__ import annotations

import pytest

from svodka.plugins.extractors.meetings import MeetingExtractor
from svodka.testing import extract_records, plugins_with


def run(text: str, published: str | None = "2024-06-14") -> list[dict]:
    return extract_records(MeetingExtractor(), text, published=published)


def one(text: str, published: str | None = "2024-06-14") -> dict:
    records = run(text, published)
    assert len(records) == 1, records
    return records[0]


def surnames(record: dict) -> set[str]:
    return {name.split()[-1] for name in record["participants"]}


def test_registered_under_its_name():
    with plugins_with() as plugins:
        assert plugins.owner[("extractor", "meetings")] == "extractors.meetings"


def test_talks_between_named_persons_with_place_date_and_topics():
    r = one(
        "Министр обороны Армении Сурен Папикян 12 июня провел в Ереване переговоры с "
        "министром обороны Казахстана Русланом Жаксылыковым. Стороны обсудили вопросы "
        "региональной безопасности и подготовки военных кадров."
    )
    assert r["type"] == "meeting"
    assert r["participants"] == ["Сурен Папикян", "Руслан Жаксылыков"]
    assert r["countries"] == ["AM", "KZ"]
    assert r["place"] == "Ереван"
    assert r["date"] == "2024-06-12"
    assert r["format"] == "talks"
    assert r["topics"] == ["региональная безопасность", "подготовка военных кадров"]
    assert len(r["evidence"]) == 2
    assert 0 < r["confidence"] <= 1


def test_phone_call_is_a_call_without_place():
    r = one(
        "Президент Кыргызстана Садыр Жапаров провел телефонный разговор с президентом "
        "Таджикистана Эмомали Рахмоном. Лидеры договорились о встрече в Душанбе."
    )
    assert surnames(r) == {"Жапаров", "Рахмон"}
    assert r["format"] == "call"
    assert r["place"] is None
    assert r["countries"] == ["KG", "TJ"]


def test_spoke_by_phone_and_created_on_weekday():
    r = one(
        "В среду министры иностранных дел Армении и Казахстана Арарат Мирзоян и Мурат Нуртлеу "
        "обсудили по телефону подготовку мирного договора.",
        published="2024-04-12",
    )
    assert r["format"] == "call"
    assert r["date"] == "2024-04-10"
    assert r["topics"] == ["подготовка мирного договора"]


def test_one_person_visit_lends_format_and_city_to_the_meeting_after_it():
    r = one(
        "Секретарь Совета безопасности России Сергей Шойгу прибыл с рабочим визитом в столицу "
        "Таджикистана Душанбе. В среду его принял президент Таджикистана Эмомали Рахмон.",
        published="2024-05-29",
    )
    assert surnames(r) == {"Шойгу", "Рахмон"}
    assert r["format"] == "visit"
    assert r["place"] == "Душанбе"
    assert r["date"] == "2024-05-29"


def test_guest_described_by_country_is_resolved():
    r = one(
        "Министр вооруженных сил Франции Себастьен Лекорню прибыл в Ереван с официальным "
        "визитом. В аэропорту французского гостя встретил министр обороны Армении Сурен Папикян."
    )
    assert surnames(r) == {"Лекорню", "Папикян"}
    assert sorted(r["countries"]) == ["AM", "FR"]
    assert r["format"] == "visit"
    assert r["place"] == "Ереван"


def test_unnamed_post_and_country_resolves_to_the_articles_person():
    records = run(
        "Министр обороны Казахстана Даурен Косанов провел переговоры с министром обороны России "
        "Андреем Белоусовым. Также состоялась встреча министра обороны Казахстана с главой "
        "оборонного ведомства Белоруссии Виктором Хрениным."
    )
    assert [surnames(r) for r in records] == [{"Косанов", "Белоусов"}, {"Косанов", "Хренин"}]
    assert [r["format"] for r in records] == ["talks", "meeting"]


def test_plural_post_with_two_countries_names_both_sides():
    r = one(
        "Президент Беларуси Александр Лукашенко и президент России Владимир Путин выступили "
        "на форуме. Позднее президенты Беларуси и России провели встречу один на один."
    )
    assert surnames(r) == {"Лукашенко", "Путин"}
    assert r["format"] == "meeting"


def test_sentences_about_the_same_sides_merge():
    r = one(
        "Министр обороны Азербайджана Закир Гасанов встретился с министром обороны Турции "
        "Яшаром Гюлером. В ходе встречи Гасанов и Гюлер обсудили военное образование. "
        "Встреча состоялась в Баку."
    )
    assert surnames(r) == {"Гасанов", "Гюлер"}
    assert r["place"] == "Баку"
    assert r["topics"] == ["военное образование"]
    assert len(r["evidence"]) == 3


def test_place_of_the_event_the_meeting_was_held_at():
    r = one(
        "Совещание министров обороны стран ШОС проходит в Циндао. На полях совещания министр "
        "обороны России Андрей Белоусов встретился с министром обороны Ирана Азизом Насирзаде."
    )
    assert r["place"] == "Циндао"


def test_dateline_city_for_a_meeting_reported_from_there():
    r = one(
        "БИШКЕК, 12 октября. /ТАСС/. Президент России Владимир Путин прибыл с государственным "
        "визитом в Киргизию. В аэропорту его встретил президент Киргизии Садыр Жапаров.",
        published="2023-10-12",
    )
    assert r["place"] == "Бишкек"
    assert r["format"] == "visit"


def test_reporter_and_person_spoken_of_are_no_participants():
    r = one(
        "Президенты России и Белоруссии Владимир Путин и Александр Лукашенко провели в Сочи "
        "переговоры, сообщил пресс-секретарь Кремля Дмитрий Песков."
    )
    assert surnames(r) == {"Путин", "Лукашенко"}
    assert run("В беседе с журналистами Владимир Путин рассказал о Владимире Зеленском.") == []
    r = one(
        "Президент России Владимир Путин и президент Белоруссии Александр Лукашенко обсудили "
        "заявление Владимира Зеленского."
    )
    assert surnames(r) == {"Путин", "Лукашенко"}


def test_single_person_or_listed_persons_make_no_meeting():
    assert run("Министр обороны Беларуси Виктор Хренин посетил Гродно.") == []
    assert (
        run(
            "В заседании приняли участие президент России Владимир Путин и президент Белоруссии "
            "Александр Лукашенко."
        )
        == []
    )
    assert run("Президент России Владимир Путин принял отставку министра Сергея Шойгу.") == []


def test_negated_cancelled_and_hypothetical_meetings_are_dropped():
    assert run("Никол Пашинян не встречался с Ильхамом Алиевым.") == []
    assert (
        run(
            "Встреча министров иностранных дел Армении и Азербайджана Арарата Мирзояна и Джейхуна "
            "Байрамова, которая планировалась в Алматы, не состоялась."
        )
        == []
    )
    assert run("Визит Сергея Лаврова к Арарату Мирзояну отложен.") == []
    assert run("Песков заявил, что Владимир Путин готов к переговорам с Ильхамом Алиевым.") == []


def test_planned_meeting_has_lower_confidence():
    planned = one(
        "Глава МИД России Сергей Лавров встретится с министром иностранных дел Армении "
        "Араратом Мирзояном в Москве 20 июня."
    )
    held = one(
        "Глава МИД России Сергей Лавров встретился с министром иностранных дел Армении "
        "Араратом Мирзояном в Москве 10 июня."
    )
    assert planned["date"] == "2024-06-20"
    assert planned["place"] == "Москва"
    assert planned["confidence"] < held["confidence"]


def test_later_planned_trip_does_not_change_a_held_meeting():
    r = one(
        "Владимир Путин и Александр Лукашенко провели переговоры в Сочи. В ноябре Лукашенко "
        "посетит Москву."
    )
    assert r["place"] == "Сочи"
    assert r["format"] == "talks"


def test_back_reference_to_ministers_picks_the_ministers_meeting():
    records = run(
        "Министр обороны Азербайджана Закир Гасанов провел переговоры с министром обороны "
        "Турции Яшаром Гюлером. Турецкий министр также был принят президентом Азербайджана "
        "Ильхамом Алиевым. Министры обсудили поставки вооружений."
    )
    by_key = {frozenset(surnames(r)): r for r in records}
    assert by_key[frozenset({"Гасанов", "Гюлер"})]["topics"] == ["поставки вооружений"]
    assert by_key[frozenset({"Алиев", "Гюлер"})]["topics"] == []


def test_month_after_publication_in_past_clause_is_last_year():
    r = one(
        "В декабре президент Ирана Масуд Пезешкиан провел телефонный разговор с президентом "
        "Азербайджана Ильхамом Алиевым.",
        published="2025-01-14",
    )
    assert r["date"] == "2024-12"


def test_topics_drop_generic_heads_and_share_heads():
    r = one(
        "Министр обороны России Андрей Белоусов провел переговоры с министром обороны "
        "Таджикистана Шерали Мирзо. Стороны затронули перспективы развития военного и "
        "военно-технического сотрудничества, вопросы противодействия терроризму и наркотрафику."
    )
    assert r["topics"] == [
        "развитие военного сотрудничества",
        "военно-техническое сотрудничество",
        "противодействие терроризму",
        "противодействие наркотрафику",
    ]


# -- dates from the context ---------------------------------------------------------------


def test_eve_of_a_dated_summit_is_the_day_before_it():
    r = one(
        "Саммит ЕАЭС пройдет в Минске 25 мая. Накануне саммита президент Белоруссии Александр "
        "Лукашенко проведет переговоры с премьер-министром Армении Николом Пашиняном.",
        "2023-05-20",
    )
    assert r["date"] == "2023-05-24"


def test_meeting_on_the_sidelines_of_a_summit_dated_before():
    r = one(
        "Саммит СНГ прошел в пятницу в Бишкеке. На полях саммита президент Казахстана "
        "Касым-Жомарт Токаев провел встречу с президентом Таджикистана Эмомали Рахмоном.",
        "2023-10-14",
    )
    assert (r["date"], r["place"]) == ("2023-10-13", "Бишкек")


def test_the_next_summit_neither_dates_nor_places_a_meeting():
    r = one(
        "Президент Киргизии Садыр Жапаров провел переговоры с президентом Азербайджана "
        "Ильхамом Алиевым на полях саммита ОТГ. Следующий саммит организации пройдет "
        "в 2025 году в Будапеште.",
        "2024-11-07",
    )
    assert (r["date"], r["place"]) == (None, None)


def test_lead_of_a_dateline_is_dated_by_it():
    r = one(
        "ТАШКЕНТ, 7 июня. /УзА/. Президент Узбекистана Шавкат Мирзиёев принял министра "
        "иностранных дел Индии Субрахманьяма Джайшанкара.",
        "2024-06-07",
    )
    assert r["date"] == "2024-06-07"


def test_a_visit_in_a_phrase_about_agreements_does_not_date_the_talks():
    r = one(
        "Министры обороны Армении и Франции Сурен Папикян и Себастьен Лекорню провели "
        "переговоры в Париже. Стороны обсудили выполнение договоренностей, достигнутых в ходе "
        "визита президента Франции в Ереван в феврале.",
        "2024-06-20",
    )
    assert r["date"] is None


def test_same_day_takes_the_date_of_the_meeting_before():
    records = run(
        "5 марта президент Казахстана Касым-Жомарт Токаев провел переговоры с президентом "
        "Киргизии Садыром Жапаровым. В тот же день Токаев встретился с премьер-министром "
        "Узбекистана Абдуллой Ариповым.",
        "2024-03-06",
    )
    assert {r["participants"][-1]: r["date"] for r in records} == {
        "Садыр Жапаров": "2024-03-05",
        "Абдулла Арипов": "2024-03-05",
    }


def test_lead_set_apart_from_the_dateline_day_is_undated():
    r = one(
        "ТАШКЕНТ, 7 июня. /УзА/. На днях президент Узбекистана Шавкат Мирзиёев принял "
        "министра иностранных дел Индии Субрахманьяма Джайшанкара.",
        "2024-06-07",
    )
    assert r["date"] is None


def test_context_date_helper_tells_only_what_the_text_tells():
    from svodka.normalize.dates import context_date, date_value
    from svodka.testing import parse_text

    doc = parse_text(
        "Форум регионов Белоруссии и России открылся 27 июня в Витебске. В работе форума "
        "приняли участие губернаторы. Министры подписали план. Стороны обсудили торговлю.",
        published="2024-06-29",
    )
    assert [context_date(doc, i) for i in range(4)] == [None, "2024-06-27", "2024-06-27", None]
    doc = parse_text(
        "Сессия парламентской ассамблеи пройдет в Баку 3 декабря. Накануне сессии спикеры "
        "проведут консультации. Накануне министры провели встречу.",
        published="2024-11-20",
    )
    eves = [date_value(doc, d) for d in doc.mentions.dates if d.text == "Накануне"]
    assert eves == ["2024-12-02", "2024-11-19"]


def test_visited_country_is_among_the_countries():
    r = one(
        "Президент Молдовы Майя Санду в рамках официального визита в Румынию обсудила с "
        "коллегой Клаусом Йоханнисом вопросы энергетической безопасности."
    )
    assert r["format"] == "visit"
    assert r["countries"] == ["MD", "RO"]


def test_country_visited_in_the_accusative_makes_a_visit():
    r = one(
        "Министр обороны Армении Сурен Папикян посетит Кыргызстан. Он проведет переговоры с "
        "министром обороны Кыргызстана Русланом Мукамбетовым."
    )
    assert r["format"] == "visit"
    assert sorted(r["countries"]) == ["AM", "KG"]


def test_since_a_year_does_not_date_a_visit():
    r = one(
        "Министр обороны Армении Сурен Папикян впервые с 2010 года посетил Бишкек. Он провел "
        "переговоры с министром обороны Кыргызстана Русланом Мукамбетовым."
    )
    assert r["place"] == "Бишкек"
    assert r["date"] is None


def test_meetings_with_a_list_take_the_other_side_from_the_sentence_before():
    records = run(
        "Министр иностранных дел Казахстана Мурат Нуртлеу 12 июня прибыл в Баку. Далее министр "
        "проведет ряд двусторонних встреч. Запланированы встречи с президентом Азербайджана "
        "Ильхамом Алиевым и министром иностранных дел Азербайджана Джейхуном Байрамовым."
    )
    assert sorted(sorted(surnames(r)) for r in records) == [
        ["Алиев", "Нуртлеу"],
        ["Байрамов", "Нуртлеу"],
    ]
    assert all(r["place"] == "Баку" and r["date"] == "2024-06-12" for r in records)
    assert all(sorted(r["countries"]) == ["AZ", "KZ"] for r in records)


def test_one_meeting_with_a_list_keeps_it_whole():
    r = one(
        "Вице-премьер Беларуси Виктор Каранкевич прибыл в Ташкент. Состоялась встреча с "
        "министром энергетики Узбекистана Журабеком Мирзамахмудовым и министром транспорта "
        "Узбекистана Ильхомом Махкамовым."
    )
    assert surnames(r) == {"Каранкевич", "Мирзамахмудов", "Махкамов"}
    assert r["place"] == "Ташкент"


def test_the_side_met_alone_makes_no_meeting():
    assert not run(
        "Военная делегация встретилась с министром обороны Венгрии Кристофом Сабо и "
        "начальником Генштаба ВС Венгрии Габором Борондичем."
    )


def test_relative_clause_of_the_meeting_names_its_sides():
    r = one(
        "Об этом шла речь на встрече, которую посол Казахстана в Грузии Марат Нуртазин провел "
        "с министром обороны Грузии Ираклием Чиковани, сообщили в посольстве."
    )
    assert surnames(r) == {"Нуртазин", "Чиковани"}
    assert sorted(r["countries"]) == ["GE", "KZ"]


def test_their_meeting_is_the_meeting_of_the_persons_just_named():
    r = one(
        "Генеральный секретарь ОДКБ Таалатбек Масадыков и генеральный секретарь ШОС Нурлан "
        "Ермекбаев подписали меморандум. Об этом сообщили по итогам их встречи в Душанбе."
    )
    assert r["participants"] == ["Таалатбек Масадыков", "Нурлан Ермекбаев"]
    assert r["countries"] == []
    assert r["place"] == "Душанбе"


def test_speaker_at_the_meeting_takes_part():
    r = one(
        "Министр обороны Беларуси Виктор Хренин и его коллега из Казахстана Руслан Жаксылыков "
        "обменялись мнениями. «Нам есть что обсудить», — отметил Хренин на встрече с "
        "Жаксылыковым."
    )
    assert surnames(r) == {"Хренин", "Жаксылыков"}


def test_speaker_outside_a_meeting_still_reports():
    assert not run(
        "«Переговоры были трудными», — заявил журналистам министр иностранных дел Венгрии "
        "Петер Сийярто, комментируя слова Сергея Лаврова."
    )


def test_the_guest_is_the_visitor_not_the_host():
    records = run(
        "В Минске заместитель министра обороны Беларуси Виктор Гулевич провел переговоры с "
        "министром обороны Монголии Гурсэдийном Сайханбаяром, который находится в Беларуси "
        "с официальным визитом. В рамках визита запланирована встреча гостя с министром "
        "обороны Беларуси Виктором Хрениным."
    )
    assert sorted(sorted(surnames(r)) for r in records) == [
        ["Гулевич", "Сайханбаяр"],
        ["Сайханбаяр", "Хренин"],
    ]


def test_a_visit_meets_the_one_person_of_the_visited_country():
    r = one(
        "Президент Армении Ваагн Хачатурян ответил на вопросы журналистов. Президент Казахстана "
        "Касым-Жомарт Токаев находится в Ереване с официальным визитом."
    )
    assert surnames(r) == {"Хачатурян", "Токаев"}
    assert r["format"] == "visit"
    assert r["place"] == "Ереван"
    assert sorted(r["countries"]) == ["AM", "KZ"]


def test_a_visit_still_ahead_meets_nobody_yet():
    assert not run(
        "Президент Армении Ваагн Хачатурян ответил на вопросы журналистов. Соглашение будет "
        "подписано в ходе визита президента Казахстана Касым-Жомарта Токаева в Ереван в июле.",
        published="2024-06-14",
    )


def test_consultations_are_talks_but_a_programme_of_them_is_no_meeting():
    r = one(
        "Заместитель министра иностранных дел Казахстана Ержан Ашикбаев провел консультации с "
        "заместителем министра иностранных дел Армении Ваграмом Кочаряном."
    )
    assert r["format"] == "talks"
    assert not run(
        "Министры иностранных дел Казахстана и Армении Мурат Нуртлеу и Арарат Мирзоян "
        "подписали программу консультаций на 2025 год."
    )


def test_colleague_country_comes_from_the_shared_descriptors():
    r = one(
        "Министр обороны Казахстана Руслан Жаксылыков встретился с белорусским коллегой "
        "генерал-лейтенантом Виктором Хрениным."
    )
    assert sorted(r["countries"]) == ["BY", "KZ"]


def test_every_earlier_report_of_the_trip_may_date_the_meeting():
    r = one(
        "Премьер-министр Монголии посетит Казахстан. 3 июля премьер-министр Монголии Гомбожав "
        "Занданшатар с официальным визитом посетит Казахстан. Запланирована встреча с "
        "премьер-министром Казахстана Олжасом Бектеновым.",
        published="2024-07-01",
    )
    assert surnames(r) == {"Занданшатар", "Бектенов"}
    assert r["date"] == "2024-07-03"


def test_a_visit_named_without_sides_gives_its_city():
    r = one(
        "Президент Казахстана Касым-Жомарт Токаев прибыл в Кыргызстан с государственным визитом "
        "по приглашению Садыра Жапарова. В рамках визита в Бишкеке откроется выставка."
    )
    assert surnames(r) == {"Токаев", "Жапаров"}
    assert r["place"] == "Бишкек"


def test_receiving_an_ambassadors_credentials_is_a_meeting():
    r = one(
        "Президент Казахстана Касым-Жомарт Токаев принял верительные грамоты вновь назначенного "
        "посла Италии Стефано Равальи."
    )
    assert surnames(r) == {"Токаев", "Равальи"}
    assert sorted(r["countries"]) == ["IT", "KZ"]


def test_a_post_alone_points_to_its_one_holder_named_long_before():
    r = one(
        "Президент Туркменистана Сердар Бердымухамедов открыл форум. Форум собрал гостей из "
        "сорока стран. Участники приняли декларацию. Ее текст опубликуют завтра. Работа форума "
        "продлится два дня. Затем глава государства принял верительные грамоты посла Монголии "
        "Очирбата Ганбаатара."
    )
    assert surnames(r) == {"Бердымухамедов", "Ганбаатар"}


def test_a_meeting_after_a_sentence_about_the_event_takes_its_place():
    r = one(
        "В Самарканде открылся форум министров иностранных дел. На полях форума запланирован "
        "ряд двусторонних встреч. В частности, министр иностранных дел Казахстана Мурат "
        "Нуртлеу проведет переговоры с министром иностранных дел Армении Араратом Мирзояном."
    )
    assert surnames(r) == {"Нуртлеу", "Мирзоян"}
    assert r["place"] == "Самарканд"


def test_a_pronoun_subject_is_the_other_side_of_a_listed_meeting():
    r = one(
        "Министр обороны Казахстана Руслан Жаксылыков выступил на форуме в Бишкеке. Затем он "
        "встретился с министром обороны Кыргызстана Русланом Мукамбетовым и министром обороны "
        "Таджикистана Эмомали Собирзодой."
    )
    assert surnames(r) == {"Жаксылыков", "Мукамбетов", "Собирзода"}
    assert sorted(r["countries"]) == ["KG", "KZ", "TJ"]


def test_the_head_of_a_delegation_has_its_country():
    r = one(
        "Министр обороны Казахстана Руслан Жаксылыков провел переговоры с делегацией Узбекистана "
        "во главе с министром обороны Баходиром Курбановым."
    )
    assert surnames(r) == {"Жаксылыков", "Курбанов"}
    assert r["countries"] == ["KZ", "UZ"]


def test_receiving_a_delegation_named_by_an_adjective_is_a_meeting():
    r = one(
        "Министр обороны Казахстана Руслан Жаксылыков принял узбекскую делегацию во главе с "
        "Баходиром Курбановым."
    )
    assert r["countries"] == ["KZ", "UZ"]
    assert not run(
        "Министр обороны Казахстана Руслан Жаксылыков принял важное решение вместе с Баходиром "
        "Курбановым."
    )


def test_a_range_of_days_is_kept_as_an_interval():
    visit = one(
        "С 29 по 30 сентября премьер-министр Армении Никол Пашинян с официальным визитом посетит "
        "Казахстан, где проведет переговоры с президентом Касым-Жомартом Токаевым.",
        "2026-09-20",
    )
    assert (visit["date"], visit["format"]) == ("2026-09-29/2026-09-30", "visit")
    talks = one(
        "Министр обороны Беларуси Виктор Хренин 5–6 октября провел переговоры с министром обороны "
        "Казахстана Даурен Косановым в Астане.",
        "2026-10-08",
    )
    assert talks["date"] == "2026-10-05/2026-10-06"


def test_a_meeting_told_first_in_a_subtitle_is_dated_by_the_datelines_lead():
    records = run(
        "Министры обороны Армении и Греции обсудили сотрудничество\n\n"
        "Сурен Папикян и Никос Дендиас обсудили вопросы военного образования\n\n"
        "ЕРЕВАН, 12 марта. /ТАСС/. Министр обороны Армении Сурен Папикян провел переговоры "
        "с министром обороны Греции Никосом Дендиасом.",
        "2026-03-12",
    )
    [meeting] = [r for r in records if len(r["participants"]) == 2]
    assert meeting["date"] == "2026-03-12"


def test_a_meeting_at_an_exhibition_is_dated_by_the_exhibitions_range():
    records = run(
        "С 14 по 17 мая в Абу-Даби проходит выставка IDEX. На полях выставки состоялась "
        "встреча министра обороны Казахстана Руслана Жаксылыкова с министром обороны Индии "
        "Раджнатом Сингхом.",
        "2026-05-20",
    )
    [meeting] = records
    assert meeting["date"] == "2026-05"


def test_countries_follow_the_participants_order():
    r = one(
        "Министр обороны Узбекистана Бахтияр Исмаилов провел переговоры с министром обороны "
        "Азербайджана Закиром Гасановым в Баку."
    )
    order = [name.split()[-1] for name in r["participants"]]
    assert r["countries"] == [{"Исмаилов": "UZ", "Гасанов": "AZ"}[s] for s in order]


def test_a_word_cut_by_the_end_of_the_page_is_no_topic():
    whole = one(
        "Министр обороны Казахстана Руслан Жаксылыков и министр обороны Монголии Гурсэдийн "
        "Сайханбаяр обсудили в Астане подготовку кадров и военно-техническое сотрудничество."
    )
    assert whole["topics"] == ["подготовка кадров", "военно-техническое сотрудничество"]
    cut = one(
        "Министр обороны Казахстана Руслан Жаксылыков и министр обороны Монголии Гурсэдийн "
        "Сайханбаяр обсудили в Астане подготовку кадров и военно-техническое сотру"
    )
    assert cut["topics"] == ["подготовка кадров"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Стороны обсудили сотру", 17),
        ("Стороны обсудили сотрудничество.", None),
        ("Он сказал: «Мы готовы»", None),
        ("Встреча прошла в Астане\n", 17),  # no stop: the last word is not to be trusted
    ],
)
def test_where_a_text_is_cut_off(text, expected):
    from svodka.text.zones import cut_off_at

    assert cut_off_at(text) == expected
