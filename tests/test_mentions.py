"""Entity mentions shared by the extractors: persons with their posts, countries, places."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.testing import parse_text


def people(text: str) -> dict[str, tuple]:
    doc = parse_text(text)
    return {
        p.name: (p.position, p.country, p.rank, p.organization)
        for p in doc.mentions.people.values()
    }


def test_post_country_and_rank_before_a_name() -> None:
    found = people(
        "Министр обороны Кыргызской Республики генерал-майор Руслан Мукамбетов прибыл в Минск."
    )
    assert found == {"Руслан Мукамбетов": ("министр обороны", "KG", "генерал-майор", None)}


def test_descriptive_post_with_country_adjective() -> None:
    found = people("Об этом сообщил глава российского оборонного ведомства Андрей Белоусов.")
    assert found["Андрей Белоусов"][:2] == ("министр обороны", "RU")


def test_coordinated_names_share_the_post_in_order() -> None:
    found = people(
        "Президенты Армении и Грузии Ваагн Хачатурян и Саломе Зурабишвили провели встречу."
    )
    assert found["Ваагн Хачатурян"][:2] == ("президент", "AM")
    assert found["Саломе Зурабишвили"][:2] == ("президент", "GE")


def test_apposition_after_the_name() -> None:
    found = people("Сергей Лавров, министр иностранных дел России, прибыл в Астану.")
    assert found["Сергей Лавров"][:2] == ("министр иностранных дел", "RU")


def test_surname_only_mentions_resolve_to_the_full_name() -> None:
    doc = parse_text(
        "Министр обороны Казахстана Даурен Косанов принял гостей. Косанову вручили орден."
    )
    persons = doc.mentions.persons
    assert [m.value for m in persons] == ["Даурен Косанов", "Даурен Косанов"]


def test_colleague_from_a_country_gets_the_same_post() -> None:
    found = people(
        "Министр обороны России Андрей Белоусов провел переговоры со своим коллегой из "
        "Вьетнама генералом Фан Ван Зянгом."
    )
    assert found["Андрей Белоусов"][:2] == ("министр обороны", "RU")


def test_unknown_first_name_after_a_post() -> None:
    found = people(
        "Он встретился с главой оборонного ведомства Туркменистана Бегенчем Гундогдыевым."
    )
    assert found == {"Бегенч Гундогдыев": ("министр обороны", "TM", None, None)}


def test_countries_in_any_form() -> None:
    doc = parse_text(
        "Казахстанские и кыргызско-российские связи: Республика Беларусь, РФ и Киргизия."
    )
    codes = sorted({m.value for m in doc.mentions.countries})
    assert codes == ["BY", "KG", "KZ", "RU"]


def test_places_with_historic_names_and_country() -> None:
    doc = parse_text("Встреча прошла в Алма-Ате, затем делегация вылетела в Нур-Султан.")
    assert [(m.value, m.country) for m in doc.mentions.places] == [
        ("Алматы", "KZ"),
        ("Астана", "KZ"),
    ]


def test_country_word_is_not_taken_for_a_first_name() -> None:
    found = people("Президент Беларуси Александр Лукашенко выступил на саммите.")
    assert list(found) == ["Александр Лукашенко"]


def test_feminine_dictionary_surname_stays_feminine() -> None:
    found = people("Официальный представитель МИД России Мария Захарова заявила журналистам.")
    assert found == {"Мария Захарова": ("официальный представитель МИД", "RU", None, None)}


def test_two_given_names() -> None:
    found = people("Он встретился с президентом Турции Реджепом Тайипом Эрдоганом.")
    assert list(found) == ["Реджеп Тайип Эрдоган"]
    assert found["Реджеп Тайип Эрдоган"][:2] == ("президент", "TR")


def test_hyphenated_first_name() -> None:
    found = people("Президент Казахстана Касым-Жомарт Токаев прибыл в Москву.")
    assert found == {"Касым-Жомарт Токаев": ("президент", "KZ", None, None)}


def test_a_city_before_a_name_is_not_a_first_name() -> None:
    doc = parse_text("В Астане Владимир Путин встретился с коллегами.")
    assert list(doc.mentions.people) == ["Владимир Путин"]
    assert [m.value for m in doc.mentions.places] == ["Астана"]


def test_a_first_name_is_not_a_post() -> None:
    found = people("Генерал-лейтенант Султан Камалетдинов прибыл в штаб.")
    assert found == {"Султан Камалетдинов": (None, None, "генерал-лейтенант", None)}


def test_counterpart_with_a_country_adjective() -> None:
    found = people("Он провел переговоры с белорусским коллегой Виктором Хрениным.")
    assert found["Виктор Хренин"][1] == "BY"


def test_the_first_post_of_a_chain_is_the_persons() -> None:
    found = people("Об этом сообщил пресс-секретарь президента Кыргызстана Эрбол Султанбаев.")
    assert found["Эрбол Султанбаев"][:2] == ("пресс-секретарь президента", "KG")


def test_indeclinable_surnames() -> None:
    found = people("Министр обороны Таджикистана Собир Собирзода прибыл в Душанбе.")
    assert found == {"Собир Собирзода": ("министр обороны", "TJ", None, None)}


def test_dash_joined_posts_keep_the_first() -> None:
    found = people(
        "Начальник Генерального штаба Вооруженных сил Казахстана — первый заместитель министра "
        "обороны генерал-лейтенант Султан Камалетдинов прибыл в Бишкек."
    )
    assert found["Султан Камалетдинов"] == (
        "начальник генерального штаба", "KZ", "генерал-лейтенант", None,
    )  # fmt: skip


def test_ambassador_of_one_state_in_another() -> None:
    found = people("Посол Казахстана в Киргизии Рапиль Жошыбаев вручил верительные грамоты.")
    assert found["Рапиль Жошыбаев"][:2] == ("посол", "KZ")


def test_foreign_name_after_a_rank() -> None:
    found = people("Он встретился с министром обороны КНР адмиралом Дун Цзюнем.")
    assert found == {"Дун Цзюнь": ("министр обороны", "CN", "адмирал", None)}


def test_delegation_country() -> None:
    found = people("Казахстанскую делегацию возглавлял министр иностранных дел Ержан Ашикбаев.")
    assert found["Ержан Ашикбаев"][:2] == ("министр иностранных дел", "KZ")


def test_state_named_before_by_republic() -> None:
    doc = parse_text(
        "Очередная встреча пройдет в Таджикистане. Об этом сообщил министр иностранных дел "
        "республики Сироджиддин Мухриддин."
    )
    person = doc.mentions.people["Сироджиддин Мухриддин"]
    assert (person.position, person.country) == ("министр иностранных дел", "TJ")


def test_compound_adjectives_with_every_combining_form() -> None:
    doc = parse_text("Прошли армяно-иранские и азербайджано-турецкие учения.")
    assert sorted({m.value for m in doc.mentions.countries}) == ["AM", "AZ", "IR", "TR"]


NAMED_AGAIN_MORE_FULLY = [
    (
        "Прибыл Виктор Вексельберг. Затем выступил Виктор Феликсович Вексельберг.",
        "Виктор Феликсович Вексельберг",
        (None, None, None, None),
    ),
    (
        "Министр обороны России Андрей Белоусов прибыл в Минск. "
        "Андрея Рэмовича Белоусова встретил почетный караул.",
        "Андрей Рэмович Белоусов",
        ("министр обороны", "RU", None, None),
    ),
    (
        "Ольга Петрова выступила на форуме. Ольга Ивановна Петрова рассказала о планах. "
        "Петрова ответила на вопросы.",
        "Ольга Ивановна Петрова",
        (None, None, None, None),
    ),
    (
        "Сергей Шойгу прибыл в Астану. Шойгу провел переговоры. "
        "Секретарь Совета безопасности Сергей Кужугетович Шойгу подписал протокол.",
        "Сергей Кужугетович Шойгу",
        ("секретарь совета безопасности", None, None, None),
    ),
]


@pytest.mark.parametrize(
    ("text", "name", "facts"),
    NAMED_AGAIN_MORE_FULLY,
    ids=["nominative", "other-case-with-post", "feminine", "surname-only-between"],
)
def test_a_name_repeated_with_a_patronymic_is_one_person(
    text: str, name: str, facts: tuple
) -> None:
    doc = parse_text(text)
    assert people(text) == {name: facts}
    assert {m.value for m in doc.mentions.persons} == {name}
    assert len(doc.mentions.persons) == len(doc.mentions.people[name].mentions) >= 2


def test_a_name_given_with_a_patronymic_first_keeps_it() -> None:
    text = "Виктор Феликсович Вексельберг прибыл. Затем выступил Виктор Вексельберг."
    assert people(text) == {"Виктор Феликсович Вексельберг": (None, None, None, None)}


NAME_FORMS = [
    "Виктор Вексельберг",
    "Виктор Феликсович Вексельберг",
    "Виктора Феликсовича Вексельберга",
    "Вексельберг",
    "Ольга Петрова",
    "Ольгой Ивановной Петровой",
    "Петровой",
    "министр обороны Андрей Белоусов",
    "Андрея Рэмовича Белоусова",
    "Белоусов",
    "Реджеп Эрдоган",
    "Реджеп Тайип Эрдоган",
]
SENTENCES = ["Выступил {}.", "{} прибыл в Минск.", "Встреча с {} прошла в Астане."]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(SENTENCES), st.sampled_from(NAME_FORMS)), min_size=1, max_size=5
    )
)
def test_names_in_any_order_and_form_never_break_mentions(sentences: list) -> None:
    text = " ".join(s.format(name) for s, name in sentences)
    mentions = parse_text(text).mentions
    assert mentions.failures == {}
    assert {m.value for m in mentions.persons} <= set(mentions.people)
    for person in mentions.people.values():
        assert all(m.value == person.name for m in person.mentions)


SHARED_FIRST_WORD = [
    "Анна Кызы Ким",
    "Анна Петровна Ким",
    "Анна Ким",
    "Ким",
    "Реджеп Тайип Эрдоган",
    "Реджеп Ахмедович Эрдоган",
    "Реджеп Эрдоган",
    "Мария Кызы Путин",
    "Мария Петрович Путин",
]


@pytest.mark.parametrize(
    "text",
    [
        "Министр Мария Кызы Путин, Мария Петрович Путин, Мария Кызы Путин встретились.",
        "Посол Анна Кызы Ким, Анна Петровна Ким и Анна Кызы Ким приехали. Ким выступила.",
        "Прибыл Реджеп Тайип Эрдоган. Реджеп Ахмедович Эрдоган и Реджеп Тайип Эрдоган ушли.",
    ],
    ids=["campaign", "feminine-then-surname", "two-sentences"],
)
def test_a_double_given_name_and_a_patronymic_on_one_surname(text: str) -> None:
    mentions = parse_text(text).mentions
    assert mentions.failures == {}
    assert mentions.persons
    _check_people(mentions)


def _check_people(mentions) -> None:
    """Every person mention belongs to one person, keyed by the name the mention carries."""
    owned = [id(m) for p in mentions.people.values() for m in p.mentions]
    assert sorted(owned) == sorted(id(m) for m in mentions.persons)
    for key, person in mentions.people.items():
        assert key == person.name
        assert all(m.value == person.name for m in person.mentions)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(SHARED_FIRST_WORD), min_size=1, max_size=5),
    st.sampled_from(["Министр {} встретились.", "Выступили {}."]),
    st.booleans(),
)
def test_names_sharing_a_first_word_never_break_mentions(
    names: list[str], sentence: str, apart: bool
) -> None:
    if apart:
        text = " ".join(sentence.format(name) for name in names)
    else:
        text = sentence.format(", ".join(names))
    mentions = parse_text(text).mentions
    assert mentions.failures == {}
    _check_people(mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese, Vietnamese, Korean: family name first, the last word declines
        ("Переговоры провели Ли Цян и Фам Минь Тьинь.", {"Ли Цян", "Фам Минь Тьинь"}),
        ("Он встретился с премьером Вьетнама Фам Минь Тьинем.", {"Фам Минь Тьинь"}),
        ("В Пекине Ким Чен Ын встретился с лидером Китая.", {"Ким Чен Ын"}),
        ("Переговоры провели Мун Чжэ Ин и Пак Кын Хе.", {"Мун Чжэ Ин", "Пак Кын Хе"}),
        ("Встреча министров с Пак Ен Иром прошла в Москве.", {"Пак Ен Ир"}),
        # Mongolian: the father's name in the genitive first
        (
            "Премьер Монголии Гомбожавын Занданшатар встретился с Норовын Алтанхуягом.",
            {"Гомбожавын Занданшатар", "Норовын Алтанхуяг"},
        ),
        # name particles, separate or joined
        (
            "Урсула фон дер Ляйен встретилась с Мухаммедом бин Салманом и Халидом аль-Рашиди.",
            {"Урсула фон дер Ляйен", "Мухаммед бин Салман", "Халид аль-Рашиди"},
        ),
        (
            "Шейх Мухаммед бин Рашид Аль Мактум и президент Абдель Фаттах ас-Сиси встретились.",
            {"Мухаммед бин Рашид Аль Мактум", "Абдель Фаттах ас-Сиси"},
        ),
        (
            "Президент Бразилии Луис Инасиу Лула да Силва встретился с Нгуен Фу Чонгом.",
            {"Луис Инасиу Лула да Силва", "Нгуен Фу Чонг"},
        ),
        # Japanese and Thai first names no dictionary knows
        (
            "Премьер Японии Сигэру Исиба встретился с Паэтонгтарн Чиннават и Ёко Камикавой.",
            {"Сигэру Исиба", "Паэтонгтарн Чиннават", "Ёко Камикава"},
        ),
        # both parts of a hyphenated first name decline
        (
            "Канцлер встретился с Франком-Вальтером Штайнмайером.",
            {"Франк-Вальтер Штайнмайер"},
        ),
        # a father's name after the given names (Malay, Arabic)
        (
            "Он встретился с министром обороны Малайзии Сафри Ризали Ибрагимом.",
            {"Сафри Ризали Ибрагим"},
        ),
        # two given names and two surnames (Spanish, Portuguese)
        (
            "Министр обороны Мексики генерал Луис Кресенсио Сандоваль Гонсалес прибыл в Москву.",
            {"Луис Кресенсио Сандоваль Гонсалес"},
        ),
        (
            "С ним встретился Луисом Кресенсио Сандовалем Гонсалесом.",
            {"Луис Кресенсио Сандоваль Гонсалес"},
        ),
        # the rank before the name is in the nominative: the name too
        (
            "Переговоры провел председатель хунты Мали генерал армии Садио Камара.",
            {"Садио Камара"},
        ),
        ("Он встретился с главой МИД Турции Эркутом Сайгыоглу.", {"Эркут Сайгыоглу"}),
        # a post governing another: the name agrees with the first ("Шушани", not "Шушаня")
        (
            "Об этом сообщила пресс-секретарь председателя правительства Армении Шушани Петросян.",
            {"Шушани Петросян"},
        ),
    ],
)
def test_names_of_other_naming_systems(text: str, expected: set[str]) -> None:
    assert set(people(text)) == expected


def test_initials_before_a_surname() -> None:
    found = people(
        "Министр сообщил о переговорах с киргизским коллегой Ж.Кулубаевым. "
        "Глава МИД Казахстана М. Тлеуберди заявил об этом."
    )
    assert set(found) == {"Ж. Кулубаев", "М. Тлеуберди"}
    assert found["М. Тлеуберди"][:2] == ("министр иностранных дел", "KZ")


def test_initials_resolve_to_the_full_name() -> None:
    doc = parse_text(
        "Министр иностранных дел Киргизии Жээнбек Кулубаев прибыл в Минск. "
        "Ж. Кулубаеву вручили орден."
    )
    assert list(doc.mentions.people) == ["Жээнбек Кулубаев"]
    assert [m.value for m in doc.mentions.persons] == ["Жээнбек Кулубаев"] * 2


def test_parliaments_are_not_persons() -> None:
    found = people(
        "Жогорку Кенеш Киргизии и Маджлиси Оли Таджикистана одобрили договор. "
        "Великий Хурал Монголии его ратифицировал."
    )
    assert found == {}
