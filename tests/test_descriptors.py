"""Descriptors bound to persons: post, country, organisation and rank."""

from __future__ import annotations

from svodka.testing import parse_text


def people(text: str) -> dict[str, tuple]:
    doc = parse_text(text)
    return {
        p.name: (p.position, p.country, p.organization, p.rank)
        for p in doc.mentions.people.values()
    }


def test_coordinated_organisations_distributed_over_coordinated_names() -> None:
    found = people(
        "Генеральные секретари ОДКБ, СНГ и ШОС Игорь Ветров, Марат Алиев и Денис Кравцов "
        "обсудили планы на год."
    )
    assert found == {
        "Игорь Ветров": ("генеральный секретарь", None, "CSTO", None),
        "Марат Алиев": ("генеральный секретарь", None, "CIS", None),
        "Денис Кравцов": ("генеральный секретарь", None, "SCO", None),
    }


def test_organisation_name_pairs_after_a_plural_post() -> None:
    found = people(
        "Заявление подписали генеральные секретари Содружества Независимых Государств (СНГ) "
        "— Марат Алиев и Шанхайской организации сотрудничества (ШОС) — Денис Кравцов."
    )
    assert found["Марат Алиев"][:3] == ("генеральный секретарь", None, "CIS")
    assert found["Денис Кравцов"][:3] == ("генеральный секретарь", None, "SCO")


def test_a_pair_without_a_post_binds_nothing() -> None:
    found = people("Итоги подвели в Минске: ШОС — Денис Кравцов, СНГ — Марат Алиев.")
    assert found["Денис Кравцов"] == (None, None, None, None)
    assert found["Марат Алиев"] == (None, None, None, None)


def test_post_of_unnamed_countries_shared_by_coordinated_names() -> None:
    found = people(
        "В Бишкеке министры обороны обеих стран Игорь Ветров и Марат Алиев подписали план."
    )
    assert found["Игорь Ветров"][:2] == ("министр обороны", None)
    assert found["Марат Алиев"][:2] == ("министр обороны", None)


def test_countries_distributed_when_a_later_name_is_not_read() -> None:
    found = people(
        "Президенты Казахстана и Монголии Игорь Ветров и Цахиагийн Мөнхбат обсудили транзит."
    )
    assert found["Игорь Ветров"][:2] == ("президент", "KZ")


def test_rank_after_a_comma_takes_the_post_before_it() -> None:
    found = people(
        "Гостей встретил с министром обороны Республики Армения, генерал-майором Давидом Саакяном."
    )
    assert found["Давид Саакян"] == ("министр обороны", "AM", None, "генерал-майор")


def test_rank_after_a_comma_in_another_case_keeps_to_itself() -> None:
    found = people(
        "По приглашению министра обороны Республики Армения, генерал-майор Давид Саакян "
        "прибыл в Минск."
    )
    assert found["Давид Саакян"] == (None, None, None, "генерал-майор")


def test_post_bound_across_its_genitive_complement() -> None:
    found = people(
        "Документ подписал министр обороны и поддержки Вооружённых сил Ирана генерал Реза Карими."
    )
    assert found["Реза Карими"][:2] == ("министр обороны", "IR")


def test_country_adjective_inside_the_complement() -> None:
    found = people("Об этом сообщил официальный представитель казахстанского МИД Айбек Нуров.")
    assert found["Айбек Нуров"][:2] == ("официальный представитель МИД", "KZ")


def test_name_after_a_post_institution_and_country_even_if_it_is_a_city() -> None:
    found = people(
        "Делегация встретилась с начальником Генштаба ВС Сербии Миланом Пешичем в Белграде."
    )
    assert found["Милан Пешич"][:2] == ("начальник генерального штаба", "RS")


def test_unnamed_post_with_a_country_gives_it_to_the_holder_named_before() -> None:
    found = people(
        "Президент Игорь Ветров в среду принял посла Японии Таро Ямаду, который передал "
        "главе Беларуси приветствия."
    )
    assert found["Игорь Ветров"][:2] == ("президент", "BY")


def test_unnamed_post_leaves_two_holders_named_before_alone() -> None:
    found = people(
        "Президент Игорь Ветров и президент Марат Алиев обсудили транзит. Президент "
        "Казахстана отметил итоги."
    )
    assert found["Игорь Ветров"][:2] == ("президент", None)
    assert found["Марат Алиев"][:2] == ("президент", None)


# --- posts of the whole field, read whole with their complement -------------------------------


def test_post_of_a_post_is_kept_whole_without_the_country_adjective() -> None:
    found = people(
        "Об этом рассказала пресс-секретарь председателя эстонского правительства Марина Кольцова."
    )
    assert found["Марина Кольцова"][:2] == ("пресс-секретарь председателя правительства", "EE")


def test_spokesperson_keeps_the_ministry() -> None:
    found = people("Позицию изложил официальный представитель бразильского МИД Педро Алвес.")
    assert found["Педро Алвес"][:2] == ("официальный представитель МИД", "BR")


def test_deputy_of_a_post_with_its_qualifier_after_the_country() -> None:
    found = people("В Ригу прибыл заместитель госсекретаря США по вопросам Африки Джон Бейкер.")
    assert found["Джон Бейкер"][:2] == ("заместитель госсекретаря по вопросам африки", "US")


def test_qualifier_of_a_found_post() -> None:
    found = people(
        "Переговоры провел специальный представитель канцлера по вопросам миграции Ханс Мюллер."
    )
    assert found["Ханс Мюллер"][0] == "специальный представитель канцлера по вопросам миграции"


def test_a_verb_after_a_post_is_no_qualifier() -> None:
    found = people(
        "Министр иностранных дел Эстонии по телефону обсудил с коллегой Ильмаром Раудсеппом "
        "ситуацию."
    )
    assert found["Ильмар Раудсепп"][0] is None


def test_aide_of_a_leader_named_by_country_adjective() -> None:
    found = people("На переговорах присутствовал помощник французского лидера Пьер Леруа.")
    assert found["Пьер Леруа"][:2] == ("помощник президента", "FR")


def test_head_of_a_department_with_its_name() -> None:
    found = people(
        "Доклад сделал начальник Управления международных связей Министерства обороны Армении "
        "Тигран Погосян."
    )
    assert found["Тигран Погосян"][:2] == (
        "начальник управления международных связей министерства обороны",
        "AM",
    )


def test_commander_of_a_named_district() -> None:
    found = people(
        "Учения открыл командующий войсками Южного военного округа России Сергей Кузнецов."
    )
    assert found["Сергей Кузнецов"][:2] == ("командующий войсками южного военного округа", "RU")


def test_whole_post_in_apposition_after_a_ranked_name() -> None:
    found = people(
        "Делегацию возглавлял полковник Иван Зайцев, начальник отдела военного сотрудничества."
    )
    assert found["Иван Зайцев"] == (
        "начальник отдела военного сотрудничества",
        None,
        None,
        "полковник",
    )


def test_chinese_head_of_state_is_chairman() -> None:
    assert people("Заявление сделал председатель КНР Ли Пэн.")["Ли Пэн"][:2] == (
        "председатель",
        "CN",
    )


def test_members_of_parliament_and_advisers() -> None:
    found = people(
        "В переговорах участвовали депутат парламента Эстонии Андрус Тамм и советник президента "
        "Франции Пьер Леруа."
    )
    assert found["Андрус Тамм"][:2] == ("депутат", "EE")
    assert found["Пьер Леруа"][:2] == ("советник президента", "FR")


def test_a_counted_post_stands_for_no_one_named_before() -> None:
    found = people("Поправку внёс Ильмар Раудсепп. За неё проголосовали 52 депутата.")
    assert found["Ильмар Раудсепп"][0] is None


# --- the country of a post holder from the article's context ----------------------------------


def test_state_named_before_the_post_in_its_sentence() -> None:
    found = people(
        "Латвия вошла в союз в 1995 году после обращения тогдашнего президента Андриса Озолса."
    )
    assert found["Андрис Озолс"][:2] == ("президент", "LV")


def test_state_the_article_is_about() -> None:
    found = people(
        "Литва усилит оборону восточной границы. Решение Литвы поддержали союзники. "
        "Глава МИД Йонас Петраускас назвал его вынужденным."
    )
    assert found["Йонас Петраускас"][:2] == ("министр иностранных дел", "LT")


def test_state_of_an_unnamed_holder_of_the_post_is_passed_over() -> None:
    found = people(
        "Министр обороны Польши Ян Ковальский передал главе Чехии приветствия от президента "
        "Анджея Новака."
    )
    assert found["Анджей Новак"][:2] == ("президент", "PL")


def test_names_under_a_plural_post_of_unnamed_states_get_no_guessed_state() -> None:
    found = people(
        "Литва и Латвия открыли форум. В нем участвуют президенты двух стран Гитанас Науседа и "
        "Эдгарс Ринкевичс."
    )
    assert found["Гитанас Науседа"][:2] == ("президент", None)
    assert found["Эдгарс Ринкевичс"][:2] == ("президент", None)


def test_the_republic_after_a_whole_post_is_the_state_named_before() -> None:
    found = people(
        "Эстония готовит ответ. Официальный представитель МИД республики Марта Кукк заявила "
        "об этом."
    )
    assert found["Марта Кукк"][:2] == ("официальный представитель МИД", "EE")


def test_a_bracketed_name_inside_a_whole_post() -> None:
    found = people(
        "Министр встретился с председателем Верховного совета (Жогорку Кенеш) Киргизии Талантом "
        "Мамытовым."
    )
    assert found["Талант Мамытов"][:2] == ("председатель верховного совета", "KG")


def test_chief_of_staff_keeps_the_service() -> None:
    found = people(
        "Делегацию возглавил начальник штаба военно-морских сил Индонезии адмирал Юдо Маргоно."
    )
    assert found["Юдо Маргоно"] == ("начальник штаба военно-морских сил", "ID", None, "адмирал")


def test_a_colleague_without_a_country_word_holds_the_same_post() -> None:
    found = people(
        "Президент Литвы Гитанас Науседа в ходе визита в Польшу обсудил с коллегой Анджеем Дудой "
        "вопросы безопасности."
    )
    assert found["Анджей Дуда"][:2] == ("президент", "PL")
