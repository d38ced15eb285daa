"""Person names to the nominative, from any case, including surnames no dictionary knows."""

from __future__ import annotations

import pytest

from svodka.normalize.persons import normalize_name, surname_forms, surname_matches


@pytest.mark.parametrize(
    ("first", "surname", "expected"),
    [
        ("Андреем", "Белоусовым", "Андрей Белоусов"),
        ("Алии", "Молдагуловой", "Алия Молдагулова"),  # feminine genitive, unknown surname
        ("Кабулом", "Бердиевым", "Кабул Бердиев"),  # unknown first name, instrumental
        ("Эмомали", "Рахмоном", "Эмомали Рахмон"),  # indeclinable first name
        ("Шерали", "Мирзо", "Шерали Мирзо"),  # both indeclinable
        ("Сергея", "Шойгу", "Сергей Шойгу"),  # dictionary surname, indeclinable
        ("Марии", "Захаровой", "Мария Захарова"),
        ("Ольгой", "Вишневской", "Ольга Вишневская"),  # adjectival surname
        ("Еленой", "Кучмой", "Елена Кучма"),  # surname in -а
        ("Николом", "Пашиняном", "Никол Пашинян"),
        ("Касым-Жомарта", "Токаева", "Касым-Жомарт Токаев"),
        ("Айгуль", "Сейсенбаевой", "Айгуль Сейсенбаева"),
        ("Ильхамом", "Алиевым", "Ильхам Алиев"),
    ],
)
def test_names_come_out_in_the_nominative(first: str, surname: str, expected: str) -> None:
    name = normalize_name(first, surname, known_first=lambda w: w in {"кабул", "касым-жомарт"})
    assert name is not None
    assert name.full == expected


def test_case_hint_settles_an_ambiguous_name() -> None:
    # "Руслана Мукамбетова": masculine genitive or feminine nominative; a genitive rank before
    # the name ("генерал-майора") settles it.
    name = normalize_name("Руслана", "Мукамбетова", case_hint="gent")
    assert name is not None and name.full == "Руслан Мукамбетов" and name.gender == "masc"


def test_patronymic_is_kept() -> None:
    name = normalize_name("Сергея", "Иванова", "Борисовича")
    assert name is not None and name.full == "Сергей Борисович Иванов"


def test_spelling_of_the_text_is_kept() -> None:
    name = normalize_name("Шавкатом", "Мирзиёевым")
    assert name is not None and name.full == "Шавкат Мирзиёев"


@pytest.mark.parametrize(
    ("form", "surname", "expected"),
    [
        ("Косанова", "Косанов", True),
        ("Косановым", "Косанов", True),
        ("Косановой", "Косанова", True),
        ("Лукашенко", "Лукашенко", True),
        ("Косыгина", "Косанов", False),
    ],
)
def test_surname_matches_any_case(form: str, surname: str, expected: bool) -> None:
    assert surname_matches(form, surname) is expected


def test_surname_forms_give_gender_and_case() -> None:
    forms = {(f.gender, f.case, f.nominative) for f in surname_forms("Жаксылыковым")}
    assert ("masc", "ablt", "Жаксылыков") in forms
    alone = normalize_name(None, "Жаксылыковым")
    assert alone is not None and alone.full == "Жаксылыков" and alone.case == "ablt"


@pytest.mark.parametrize(
    ("first", "surname", "expected"),
    [
        ("Эркутом", "Сайгыоглу", "Эркут Сайгыоглу"),  # Turkish -оглу does not decline
        ("Ахмет", "Саракчы", "Ахмет Саракчы"),  # "-чы" is no Russian case ending
    ],
)
def test_foreign_surnames_that_do_not_decline(first: str, surname: str, expected: str) -> None:
    name = normalize_name(first, surname)
    assert name is not None and name.full == expected
