"""Roman numerals, ordinals, cardinals and anniversaries: svodka.normalize.numbers."""

from __future__ import annotations

import pytest

from svodka.normalize.numbers import anniversary, cardinal, ordinal_to_int, roman_to_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I", 1), ("IV", 4), ("IX", 9), ("X", 10), ("XIV", 14), ("XIX", 19), ("XXI", 21),
        ("XL", 40), ("XLII", 42), ("LXXXV", 85), ("XC", 90), ("C", 100), ("CD", 400),
        ("MCMXCIV", 1994), ("MMXXV", 2025), ("MIX", 1009),
        ("Х", 10), ("ХХ", 20), ("ХХІ", 21),  # Cyrillic Х and І typed for X and I
        (" XII ", 12),
    ],
)  # fmt: skip
def test_roman_to_int(text: str, expected: int) -> None:
    assert roman_to_int(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", " ", "IIII", "VV", "IC", "XM", "LL", "MMMM", "x", "xxi", "Xi", "ABC", "С", "М", "12"],
)
def test_roman_to_int_rejects(text: str) -> None:
    assert roman_to_int(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85-го", 85), ("85-е", 85), ("85-й", 85), ("3-ем", 3), ("12-м", 12),
        ("21-я", 21), ("7-ю", 7), ("90-х", 90), ("64-ой", 64), ("2-го", 2), ("33го", 33),
        ("14‑й", 14),  # non-breaking hyphen
        ("XXIII", 23), ("Х", 10), ("47", 47),
        ("первый", 1), ("Первого", 1), ("второй", 2), ("третьем", 3), ("четвёртую", 4),
        ("седьмому", 7), ("десятый", 10), ("десятого", 10), ("ДЕСЯТОЙ", 10),
        ("одиннадцатого", 11), ("девятнадцатый", 19), ("двадцатый", 20),
        ("сорокового", 40), ("шестидесятом", 60), ("девяностых", 90), ("сотый", 100),
        ("двадцать пятого", 25), ("тридцать первом", 31), ("восемьдесят пятое", 85),
        ("девяносто девятый", 99), ("сто первый", 101), ("сто двадцать третьего", 123),
    ],
)  # fmt: skip
def test_ordinal_to_int(text: str, expected: int) -> None:
    assert ordinal_to_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "пять", "5 лет", "5-ти", "мир", "xx", "двадцать пятнадцатый",
        "пятый двадцать", "первый второй", "сто сто первый", "85-летие",
    ],
)  # fmt: skip
def test_ordinal_to_int_rejects(text: str) -> None:
    assert ordinal_to_int(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14", 14), ("0", 0), ("1 200", 1200), ("12\u00a0500", 12500), ("5-ти", 5),
        ("2-х", 2), ("пять", 5), ("пяти", 5), ("Пятью", 5), ("один", 1), ("одна", 1),
        ("две", 2), ("двух", 2), ("сорок", 40), ("сорока", 40), ("девяноста", 90),
        ("сто", 100), ("двести тридцать", 230), ("триста шестьдесят пять", 365),
        ("тысяча", 1000), ("тысячи", 1000), ("две тысячи двадцать шесть", 2026),
        ("пять тысяч семьсот", 5700), ("миллион двести тысяч", 1_200_000),
        ("девятнадцать", 19), ("семнадцати", 17),
    ],
)  # fmt: skip
def test_cardinal(text: str, expected: int) -> None:
    assert cardinal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "стали", "первый", "двести сто", "двадцать пятнадцать", "пять двадцать",
        "1,5", "несколько", "тысяча миллион", "12 человек",
    ],
)  # fmt: skip
def test_cardinal_rejects(text: str) -> None:
    assert cardinal(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80-летие", 80),
        ("100-летию", 100),
        ("30-летнюю годовщину", 30),
        ("посвящён 75-летию Победы", 75),
        ("к 250‑летия основания", 250),
        ("в честь 65-летнего юбилея", 65),
        ("70-й годовщины освобождения", 70),
        ("25-ю годовщину", 25),
        ("восемьдесят пятую годовщину", 85),
        ("первую годовщину", 1),
        ("столетие со дня рождения", 100),
        ("двадцатипятилетию организации", 25),
        ("пятидесятилетний юбилей", 50),
        ("семидесятилетия", 70),
        ("стопятидесятилетие", 150),
        ("тысячелетие", 1000),
    ],
)
def test_anniversary(text: str, expected: int) -> None:
    assert anniversary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "летний лагерь",
        "многолетний опыт",
        "совершеннолетие",
        "за 5 лет",
        "5 летних месяцев",
        "годовщина",
        "85-го заседания",
    ],
)
def test_anniversary_rejects(text: str) -> None:
    assert anniversary(text) is None
