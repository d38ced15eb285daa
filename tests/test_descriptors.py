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
    assert found["Айбек Нуров"][:2] == ("официальный представитель", "KZ")


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
