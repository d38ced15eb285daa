"""Metadata from the text: headline, datelines and header dates, outlet, publication date."""

from __future__ import annotations

import pytest

from svodka.read.metadata import find_outlet, iso_date, publication_date
from svodka.text.zones import Dateline, find_dateline, headline

BODY = (
    "Министр обороны провел переговоры с коллегой из соседней страны. Стороны обсудили "
    "вопросы региональной безопасности."
)


# -- headline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Министры обороны подписали план\n\n{BODY}", "Министры обороны подписали план"),
        (f"# Саммит ОДКБ прошёл в Москве\r\n\r\n{BODY}", "Саммит ОДКБ прошёл в Москве"),
        (f"## Кто победит на выборах?\n{BODY}", "Кто победит на выборах?"),
        (f"Переговоры продолжатся...\n{BODY}", "Переговоры продолжатся..."),
        (f"\n\n  Учения начнутся в июле  \n{BODY}", "Учения начнутся в июле"),
        (f"21 августа 2017 г. 10:21\n\nУчения начнутся в июле\n\n{BODY}", "Учения начнутся в июле"),
        (f"09:19\nУчения начнутся в июле\n{BODY}", "Учения начнутся в июле"),
    ],
)
def test_headline(text: str, expected: str) -> None:
    assert headline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY}\n{BODY}",  # a sentence, not a headline
        "Учения начнутся в июле",  # nothing after it
        f"Учения начнутся в июле.\n{BODY}",  # ends a sentence
        f"Фото:\n{BODY}",
        f"Общество\n{BODY}",  # a rubric, one word
        f"Ru  Kz\n{BODY}",  # menu clutter
        f"{'Очень длинный заголовок ' * 10}\n{BODY}",  # over 200 characters
        "",
    ],
)
def test_no_headline(text: str) -> None:
    assert headline(text) is None


# -- datelines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place", "day", "month", "year", "outlet", "matched"),
    [
        (
            "АЛМА-АТА, 31 октября. /ТАСС/. Министр обороны",
            "АЛМА-АТА",
            31,
            10,
            None,
            "ТАСС",
            "АЛМА-АТА, 31 октября. /ТАСС/",
        ),
        (
            "МОСКВА, 5 марта 2024 г. — РИА Новости. Министр",
            "МОСКВА",
            5,
            3,
            2024,
            "РИА Новости",
            "МОСКВА, 5 марта 2024 г. — РИА Новости",
        ),
        (
            'Бишкек, "САЯСАТ.KG". По итогам встречи',
            "Бишкек",
            None,
            None,
            None,
            "САЯСАТ.KG",
            'Бишкек, "САЯСАТ.KG"',
        ),
        (
            "АСТАНА. KAZINFORM – Министр обороны",
            "АСТАНА",
            None,
            None,
            None,
            "KAZINFORM",
            "АСТАНА. KAZINFORM",
        ),
        (
            "Москва. 5 марта. INTERFAX.RU - Министр",
            "Москва",
            5,
            3,
            None,
            "INTERFAX.RU",
            "Москва. 5 марта. INTERFAX.RU",
        ),
        (
            "МИНСК, 10 октября (БЕЛТА) – Президент",
            "МИНСК",
            10,
            10,
            None,
            "БЕЛТА",
            "МИНСК, 10 октября (БЕЛТА)",
        ),
        (
            "ТАШКЕНТ, 5 мар — Sputnik. Глава",
            "ТАШКЕНТ",
            5,
            3,
            None,
            "Sputnik",
            "ТАШКЕНТ, 5 мар — Sputnik",
        ),
        (
            "ДУШАНБЕ, 12 мая /Корр. ТАСС Иван Петров/. Текст",
            "ДУШАНБЕ",
            12,
            5,
            None,
            "ТАСС",
            "ДУШАНБЕ, 12 мая /Корр. ТАСС Иван Петров/",
        ),
        (
            "Ростов-на-Дону, 3 сент. 2023 г. /ТАСС/. Текст",
            "Ростов-на-Дону",
            3,
            9,
            2023,
            "ТАСС",
            "Ростов-на-Дону, 3 сент. 2023 г. /ТАСС/",
        ),
        (
            "Москва, 5 марта — Министр обороны России заявил",
            "Москва",
            5,
            3,
            None,
            None,
            "Москва, 5 марта",
        ),
    ],
)
def test_datelines(line, place, day, month, year, outlet, matched) -> None:
    text = f"Заголовок новости дня\n\n{line} провел переговоры с коллегой."
    found = find_dateline(text)
    assert found == Dateline(place, day, month, year, outlet, found.start, found.end)
    assert text[found.start : found.end] == matched


@pytest.mark.parametrize(
    ("header", "iso", "outlet"),
    [
        ("21 августа 2017 г. 10:21", "2017-08-21", None),
        ("10 ноября 2021, 13:39 [ «Аргументы Недели» ]", "2021-11-10", "Аргументы Недели"),
        ("09.12.2023", "2023-12-09", None),
        ("13:52 / 18.10.2024", "2024-10-18", None),
        ("Понедельник, 16 мая 2022", "2022-05-16", None),
        ("Опубликовано: 16.05.2022 14:00", "2022-05-16", None),
        ("2024-03-05 08:00", "2024-03-05", None),
        ("1 ЯНВАРЯ 2020 ГОДА", "2020-01-01", None),
    ],
)
def test_header_dates(header: str, iso: str, outlet: str | None) -> None:
    text = f"Меню\nВсе новости\n{header}\r\nЗаголовок новости\n{BODY}"
    found = find_dateline(text)
    assert found is not None and found.place is None
    assert found.date == iso
    assert found.outlet == outlet
    assert text[found.start : found.end] == header
    assert publication_date(None, None, text) == iso


@pytest.mark.parametrize(
    "text",
    [
        f"Москва, 5 марта 2024 года состоялась встреча министров. {BODY}",  # no separator
        f"Компания «Газпром», как известно, заявила. {BODY}",
        f"Министр обороны заявил. {BODY}",
        f"Душанбе, 31 февраля. {BODY}",  # no such day
        # dates after the first paragraph of prose belong to the body or related news
        f"{BODY}\nНовости по теме\n13:52 / 18.10.2024\nДругая новость",
        f"{BODY}\nМОСКВА, 5 марта. /ТАСС/. Другая новость.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("date", "iso"),
    [
        ("5 января 2024", "2024-01-05"),
        ("5 январь 2024", "2024-01-05"),
        ("5 янв. 2024", "2024-01-05"),
        ("29 февраля 2024 года", "2024-02-29"),
        ("1 мая 2023 г.", "2023-05-01"),
        ("12 июня 2023", "2023-06-12"),
        ("3 июл. 2023", "2023-07-03"),
        ("7 нояб. 2022", "2022-11-07"),
        ("31 Декабря 2021 г.", "2021-12-31"),
    ],
)
def test_month_names(date: str, iso: str) -> None:
    assert publication_date(None, None, f"АСТАНА, {date}. /Kazinform/. {BODY}") == iso


# -- outlet ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("АЛМА-АТА, 31 октября. /ТАСС/. Министр. Об этом пишет «Коммерсантъ».", "ТАСС"),
        (
            "Министры обсудили сотрудничество, передаёт BaigeNews.kz со ссылкой на Минобороны.",
            "BaigeNews.kz",
        ),
        ("Об этом он заявил сегодня,сообщает«Белта».", "Белта"),
        ("Как сообщает ТАСС, переговоры прошли успешно.", "ТАСС"),
        ("Об этом передает корреспондент агентства Kazinform.", "Kazinform"),
        ("Об этом сообщает МИА «Казинформ».", "Казинформ"),
        ("Как пишет 24.kg, учения начнутся в июле.", "24.kg"),
        ("АСТАНА, 5 марта (Kazinform) - Министр обороны провел встречу.", "Kazinform"),
    ],
)
def test_find_outlet(text: str, outlet: str) -> None:
    assert find_outlet(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщает пресс-служба министерства обороны Казахстана.",
        "Об этом сообщили в Минобороны РФ.",
        "Москва (Россия) принимает гостей.",  # brackets after a place in title case
        BODY,
    ],
)
def test_no_outlet(text: str) -> None:
    assert find_outlet(text) is None


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025", "2025"),
        ("2025-10", "2025-10"),
        ("2025-10-31", "2025-10-31"),
        ("2025-10-31T10:21:00+03:00", "2025-10-31"),
        ("2025-10-31 10:21Z", "2025-10-31"),
        (" 2025-10-31 ", "2025-10-31"),
        ("2025-13-01", None),
        ("2025-02-30", None),
        ("31.10.2025", None),
        ("вчера", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, iso: str | None) -> None:
    assert iso_date(value) == iso


DATED = f"МОСКВА, 5 марта 2024 г. — РИА Новости. {BODY}"


def test_publication_date_order() -> None:
    assert publication_date("2025-10-31T09:00:00", "2020-01-01", DATED) == "2025-10-31"
    assert publication_date(None, "2020-01", DATED) == "2020-01"
    assert publication_date("not a date", None, DATED) == "2024-03-05"
    assert publication_date(None, None, DATED) == "2024-03-05"
    assert publication_date(None, None, BODY) is None


def test_day_and_month_without_a_year_give_no_date() -> None:
    text = f"АЛМА-АТА, 31 октября. /ТАСС/. {BODY}"
    assert find_dateline(text).date is None
    assert publication_date(None, None, text) is None


def test_invalid_date_option() -> None:
    with pytest.raises(ValueError, match="--date '31.10.2025' is not an ISO 8601 date"):
        publication_date(None, "31.10.2025", BODY)


YEARLESS = f"ГРОДНО, 3 января. /БЕЛТА/. {BODY}"


@pytest.mark.parametrize(
    ("own", "file_date", "expected"),
    [
        ("2026", None, "2026-01-03"),  # the input gives the year alone
        ("2026-01", None, "2026-01-03"),
        ("2025-12", None, "2026-01-03"),  # a month: the nearest 3 January
        (None, "2026-01-05", "2026-01-03"),  # the file's own date: the latest on or before it
        (None, "2026-01-02", "2026-01-03"),  # a day's grace (time zones)
        (None, "2026-01-01", "2025-01-03"),
        (None, "2026-12-30", "2026-01-03"),
        (None, None, None),
        ("2026-02-10", "2020-01-01", "2026-02-10"),  # a full own date wins
    ],
)
def test_a_dateline_without_a_year_takes_it_from_metadata(own, file_date, expected) -> None:
    assert publication_date(own, None, YEARLESS, file_date) == expected


def test_the_date_option_still_wins_and_29_february_needs_a_leap_year() -> None:
    assert publication_date("2026", "2026-03-01", YEARLESS) == "2026-03-01"
    leap = f"ОМСК, 29 февраля. /ТАСС/. {BODY}"
    assert publication_date(None, None, leap, "2028-03-10") == "2028-02-29"
    assert publication_date(None, None, leap, "2027-03-10") is None
