"""Dates and planning periods in Russian text: svodka.normalize.dates."""

from __future__ import annotations

import pytest

from svodka.model.article import Article
from svodka.normalize.dates import (
    DateMention,
    PeriodMention,
    arrival,
    context_date,
    date_in_sentence,
    fact_date,
    find_dates,
    find_periods,
    on_side,
    period_in_sentence,
    resolve,
)
from svodka.normalize.lexicon import Lexicon
from svodka.testing import parse_text
from svodka.text.parse import ParsedArticle, parse


def _doc(text: str, published: str | None = "2023-06-14") -> ParsedArticle:
    return parse(Article(id="t", text=text, published=published), Lexicon.of({}))


def _dates(text: str, published: str | None = "2023-06-14") -> list[tuple]:
    return [(m.text, m.value, m.end_value) for m in find_dates(_doc(text, published))]


def _periods(text: str) -> list[tuple[str, str]]:
    return [(p.text, p.value) for p in find_periods(_doc(text, None))]


# --- absolute dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "published", "expected"),
    [
        ("7 ноября 2019 года", None, "2019-11-07"),
        ("1 января 2015 года", "2023-06-14", "2015-01-01"),
        ("14 февраля 1998 г.", None, "1998-02-14"),
        ("3 декабря 2011", None, "2011-12-03"),
        ("29 февраля 2024 года", None, "2024-02-29"),
        ("в мае 2020 года", None, "2020-05"),
        ("в сентябре 2017 г.", None, "2017-09"),
        ("в 2030 году", None, "2030"),
        ("2031 год стал", None, "2031"),
        ("к 2035 году", None, "2035"),
        ("с 2010 года", None, "2010"),
        ("до 2027 г.", None, "2027"),
        ("в конце 2020 года", None, "2020"),
        ("летом 2016 года", None, "2016"),
        ("16.03.2021", None, "2021-03-16"),
        ("5/11/2019", None, "2019-11-05"),
        ("2020-02-29", None, "2020-02-29"),
        ("1-го мая 2019 года", None, "2019-05-01"),
    ],
)
def test_absolute_dates(expr: str, published: str | None, expected: str) -> None:
    assert resolve(expr, published) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("5 сент. 2019 г.", "2019-09-05"),
        ("12 янв.", "2023-01-12"),  # the January nearest the publication
        ("окт. 2018", "2018-10"),
        ("3 нояб. 2020 года", "2020-11-03"),
        ("8 дек 2021", "2021-12-08"),
    ],
)
def test_month_abbreviations(expr: str, expected: str) -> None:
    assert resolve(expr, "2022-08-01") == expected


@pytest.mark.parametrize(
    ("form", "month"),
    [
        ("январь", 1), ("января", 1), ("январе", 1), ("январём", 1),
        ("февраль", 2), ("феврале", 2), ("марта", 3), ("марте", 3), ("апреля", 4),
        ("мая", 5), ("мае", 5), ("июня", 6), ("июле", 7), ("августа", 8), ("августе", 8),
        ("сентября", 9), ("октябре", 10), ("ноябрю", 11), ("декабрём", 12), ("Декабря", 12),
    ],
)  # fmt: skip
def test_month_forms(form: str, month: int) -> None:
    assert resolve(f"12 {form} 2011 года", None) == f"2011-{month:02d}-12"


# --- dates resolved against the publication date -----------------------------------------


@pytest.mark.parametrize(
    ("expr", "published", "expected"),
    [
        ("12 марта", "2023-06-01", "2023-03-12"),
        ("31 декабря", "2021-01-02", "2020-12-31"),  # the nearest 31 December
        ("5 февраля", "2021-01-02", "2021-02-05"),
        ("29 февраля", "2024-05-05", "2024-02-29"),
        ("в апреле", "2021-09-05", "2021-04"),
        ("в апреле текущего года", "2021-09-05", "2021-04"),
        ("в апреле этого года", "2021-09-05", "2021-04"),
        ("в апреле прошлого года", "2021-09-05", "2020-04"),
        ("в апреле следующего года", "2021-09-05", "2022-04"),
        ("в январе", "2022-05-16", "2022-01"),
        ("в этом году", "2019-03-03", "2019"),
        ("в текущем году", "2019-03-03", "2019"),
        ("в нынешнем году", "2019-03-03", "2019"),
        ("в прошлом году", "2019-03-03", "2018"),
        ("в минувшем году", "2019-03-03", "2018"),
        ("в позапрошлом году", "2019-03-03", "2017"),
        ("в следующем году", "2019-03-03", "2020"),
        ("в будущем году", "2019-03-03", "2020"),
        ("до конца текущего года", "2019-03-03", "2019"),
        ("зимой", "2019-01-15", "2019"),
        ("летом", "2027-10-01", "2027"),
        ("этим летом", "2019-08-20", "2019"),
        ("прошлым летом", "2019-01-15", "2018"),
        ("летом текущего года", "2024-11-02", "2024"),
        ("осенью прошлого года", "2019-01-15", "2018"),
        ("весной этого года", "2019-06-15", "2019"),
        ("в этом месяце", "2021-01-20", "2021-01"),
        ("в прошлом месяце", "2021-01-20", "2020-12"),
        ("в следующем месяце", "2021-12-20", "2022-01"),
        ("сегодня", "2021-07-14", "2021-07-14"),
        ("Сегодня", "2021-07-14T09:30:00+03:00", "2021-07-14"),
        ("вчера", "2024-03-01", "2024-02-29"),  # leap year
        ("вчера", "2023-03-01", "2023-02-28"),
        ("накануне", "2019-05-10", "2019-05-09"),
        ("Накануне визита", "2019-05-10", "2019-05-09"),
        ("завтра", "2020-12-31", "2021-01-01"),
        ("позавчера", "2022-01-01", "2021-12-30"),
        ("послезавтра", "2021-02-27", "2021-03-01"),
        # a partial publication date resolves what it can
        ("в мае", "2021", "2021-05"),
        ("12 марта", "2021-07", "2021-03-12"),
        ("в прошлом году", "2021", "2020"),
    ],
)
def test_relative_dates(expr: str, published: str, expected: str) -> None:
    assert resolve(expr, published) == expected


@pytest.mark.parametrize(
    ("expr", "published"),
    [
        ("12 марта", None),
        ("в мае", None),
        ("в этом году", None),
        ("в прошлом году", None),
        ("летом", None),
        ("сегодня", None),
        ("вчера", None),
        ("в пятницу", None),
        ("сегодня", "2021-07"),  # the day is unknown
        ("в пятницу", "2021"),
        ("в прошлом месяце", "2021"),
    ],
)
def test_relative_dates_without_anchor_are_none(expr: str, published: str | None) -> None:
    mentions = find_dates(_doc(expr, published))
    assert len(mentions) == 1
    assert mentions[0].value is None
    assert mentions[0].relative is True


def test_relative_flag() -> None:
    doc = _doc("12 марта 2020 года и 5 апреля", "2023-06-14")
    first, second = find_dates(doc)
    assert (first.value, first.relative) == ("2020-03-12", False)
    assert (second.value, second.relative) == ("2023-04-05", True)


# --- weekdays (2023-11-16 is a Thursday) -------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("в понедельник", "2023-11-13"),
        ("во вторник", "2023-11-14"),
        ("в четверг", "2023-11-16"),  # the publication day itself
        ("в пятницу", "2023-11-10"),
        ("в воскресенье", "2023-11-12"),
        ("в прошлый четверг", "2023-11-09"),
        ("в минувшую субботу", "2023-11-11"),
        ("в следующую среду", "2023-11-22"),
        ("в ближайшее воскресенье", "2023-11-19"),
        ("в эту пятницу", "2023-11-17"),
        ("в это воскресенье", "2023-11-19"),
        ("во вторник, 7 ноября", "2023-11-07"),
        ("Среда, 8 ноября 2023 года", "2023-11-08"),
    ],
)
def test_weekdays(expr: str, expected: str) -> None:
    assert resolve(expr, "2023-11-16") == expected


def test_weekday_with_date_is_one_mention() -> None:
    doc = _doc("В понедельник, 16 мая, в Кремле прошёл саммит ОДКБ.", "2022-05-20")
    (mention,) = find_dates(doc)
    assert mention.value == "2022-05-16"
    assert mention.text == "понедельник, 16 мая"
    assert mention.prep == "в"


# --- ranges ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "published", "value", "end_value"),
    [
        ("с 3 по 9 апреля 2024 года", None, "2024-04-03", "2024-04-09"),
        ("12–15 августа", "2022-01-10", "2021-08-12", "2021-08-15"),
        ("12–15 июля", "2022-01-10", "2022-07-12", "2022-07-15"),
        ("12-15 августа 2019 года", None, "2019-08-12", "2019-08-15"),
        ("5 - 9 октября 2021 года", None, "2021-10-05", "2021-10-09"),
        ("с 28 февраля по 3 марта", "2024-01-01", "2024-02-28", "2024-03-03"),
        ("с 29 декабря по 4 января 2020 года", None, "2019-12-29", "2020-01-04"),
        ("27 сентября — 2 октября 2018 года", None, "2018-09-27", "2018-10-02"),
        ("с 30 июня по 2 июля", None, None, None),
        ("с 2011 по 2014 год", None, "2011", "2014"),
        ("в 2015–2017 годах", None, "2015", "2017"),
        ("с мая по июль 2018 года", None, "2018-05", "2018-07"),
    ],
)
def test_ranges(expr: str, published: str | None, value: str | None, end_value: str | None) -> None:
    mentions = find_dates(_doc(expr, published))
    assert len(mentions) == 1
    assert (mentions[0].value, mentions[0].end_value) == (value, end_value)


def test_range_span_and_preposition() -> None:
    doc = _doc("Учения пройдут с 14 по 20 сентября на полигоне.", "2026-09-01")
    (mention,) = find_dates(doc)
    assert mention.text == "14 по 20 сентября"
    assert mention.prep == "с"
    assert [t.text for t in doc.tokens[mention.start : mention.end]] == [
        "14",
        "по",
        "20",
        "сентября",
    ]
    assert (mention.value, mention.end_value, mention.relative) == (
        "2026-09-14",
        "2026-09-20",
        True,
    )


def test_day_range_needs_valid_order() -> None:
    # "23 по 17 июля" is not a range; only the valid date remains
    assert _dates("с 23 по 17 июля", "2020-01-01") == [("17 июля", "2020-07-17", None)]


# --- what is not a date ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "В учениях участвуют 2026 человек.",
        "Делегации из 85 стран прибыли в 85 странах.",
        "Около 2000 военнослужащих и 2019 единиц техники.",
        "Документ рассчитан на пять лет.",
        "Завод «Красный Октябрь» выпускает технику.",
        "Учения «Взаимодействие-2025» и сбор «Айбын – 2023».",
        "Счёт 17–23 в пользу хозяев, 5–6 человек.",
        "В 1990-е годы и в 2010-х армия изменилась.",
        "31 февраля и 31.04.2020 и 2021-02-29 не бывает.",
        "Об этом сообщили в министерстве в ходе встречи.",
        "Это год больших перемен.",
        "В прошлые годы учения проходили реже.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(_doc(text, "2025-10-31")) == []


# --- mentions over a whole article -------------------------------------------------------


ARTICLE = (
    "МИНСК, 14 июня. Министры обороны подписали план сотрудничества на 2024 год.\n"
    "Встреча прошла вчера в Минске. В марте 2022 года стороны договорились об учениях.\n"
    "Ранее в ходе визита о сотрудничестве не говорилось."
)


def test_find_dates_article() -> None:
    doc = _doc(ARTICLE, "2023-06-14")
    mentions = find_dates(doc)
    assert [(m.text, m.value, m.relative, m.prep) for m in mentions] == [
        ("14 июня", "2023-06-14", True, None),
        ("вчера", "2023-06-13", True, None),
        ("марте 2022 года", "2022-03", False, "в"),
    ]
    for m in mentions:
        assert isinstance(m, DateMention)
        assert doc.text[doc.tokens[m.start].start : doc.tokens[m.end - 1].end] == m.text


def test_date_in_sentence() -> None:
    doc = _doc(ARTICLE, "2023-06-14")
    found = [date_in_sentence(doc, s) for s in doc.sentences]
    assert [m.value if m else None for m in found] == [
        "2023-06-14",
        None,
        "2023-06-13",
        "2022-03",
        None,
    ]
    dates = find_dates(doc)
    assert date_in_sentence(doc, doc.sentences[3], dates) is dates[2]


def test_dates_do_not_cross_sentences() -> None:
    assert _dates("Их было 5. Июль выдался жарким.", "2020-01-01") == [("Июль", "2020-07", None)]


def test_year_with_comma_token() -> None:
    # razdel keeps "2021," as one token
    assert _dates("10 ноября 2021, 13:39", None) == [("10 ноября 2021", "2021-11-10", None)]


# --- planning periods --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("план на 2027 год", [("2027 год", "2027")]),
        ("план на 2027 г.", [("2027 г.", "2027")]),
        ("программа на 2021–2025 годы", [("2021–2025 годы", "2021-2025")]),
        ("программа на 2019−2021 годы", [("2019−2021 годы", "2019-2021")]),
        ("программа на 2022—2024 годы", [("2022—2024 годы", "2022-2024")]),
        ("программа на 2028-2032 гг.", [("2028-2032 гг.", "2028-2032")]),
        ("программа 2023-2027 гг.", [("2023-2027 гг.", "2023-2027")]),
        ("план на период 2024-2028 годов", [("2024-2028 годов", "2024-2028")]),
        ("план на 2024 - 2026 годы", [("2024 - 2026 годы", "2024-2026")]),
        ("план на период с 2031 по 2035 годы", [("2031 по 2035 годы", "2031-2035")]),
        ("на 2024/2025 учебный год", [("2024/2025 учебный год", "2024-2025")]),
        ("на 2026 и 2027 годы", [("2026 и 2027 годы", "2026-2027")]),
        ("на пять лет", []),
        ("в 2019–2021 годах", []),
        ("с 2019 по 2021 год", []),
        ("в 2026 году", []),
        ("на 2026 человек", []),
        ("на 2020 и 2025 годы", []),
    ],
)
def test_find_periods(text: str, expected: list[tuple[str, str]]) -> None:
    assert _periods(text) == expected


def test_periods_are_not_dates() -> None:
    doc = _doc("Подписан план на 2026 год. Программа на 2026–2030 годы принята в 2025 году.")
    assert [(m.text, m.value) for m in find_dates(doc)] == [("2025 году", "2025")]
    periods = find_periods(doc)
    assert [p.value for p in periods] == ["2026", "2026-2030"]
    assert all(isinstance(p, PeriodMention) for p in periods)
    assert period_in_sentence(doc, doc.sentences[1]) is not None
    assert period_in_sentence(doc, doc.sentences[1]).value == "2026-2030"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("план на следующий год", "2019-12-20", [("следующий год", "2020")]),
        ("план на текущий год", "2019-12-20", [("текущий год", "2019")]),
        ("план на следующий год", None, []),
    ],
)
def test_relative_periods(text: str, published: str | None, expected: list) -> None:
    doc = _doc(text, published)
    assert [(p.text, p.value) for p in find_periods(doc)] == expected
    if expected:
        assert find_dates(doc) == []


def test_resolve_without_date() -> None:
    assert resolve("министр обороны", "2025-10-31") is None
    assert resolve("", "2025-10-31") is None


@pytest.mark.parametrize(
    ("text", "published", "side", "expected"),
    [
        ("Подписать план решено в ноябре.", "2026-04-22", "future", "2026-11"),
        ("Подписать план решено в ноябре.", "2026-04-22", "past", "2025-11"),
        ("Учение провели в июле.", "2026-01-10", "past", "2025-07"),
        ("Учение проведут в июле.", "2026-01-10", "future", "2026-07"),
        ("Встреча пройдет 3 марта.", "2026-03-12", "future", "2027-03-03"),
        # the year is written, or the expression is no day or month: nothing moves
        ("Учение провели в июле 2026 года.", "2026-01-10", "past", "2026-07"),
        ("Учение прошло в прошлом месяце.", "2026-01-10", "future", "2025-12"),
        ("Учение прошло в понедельник.", "2026-01-14", "future", "2026-01-12"),
    ],
)
def test_on_side_moves_yearless_dates(text: str, published: str, side: str, expected: str) -> None:
    doc = _doc(text, published)
    (mention,) = find_dates(doc)
    assert on_side(doc, mention, side) == expected


def test_the_datelines_date_dates_its_lead():
    doc = parse_text(
        "Министры подписали протокол\n"
        "ЕРЕВАН, 12 апреля. /АРКА/. Министры обороны двух стран подписали протокол о "
        "сотрудничестве.",
        published="2023-04-13",
    )
    lead = next(s.index for s in doc.sentences if s.text.startswith("Министры обороны"))
    assert context_date(doc, lead) == "2023-04-12"


def test_a_place_and_date_opening_a_later_sentence_are_no_dateline():
    doc = parse_text(
        "Министры обороны двух стран встретились в столице. "
        "Москва, 5 мая и Минск, 9 мая приняли парады. Министры подписали протокол.",
        published="2023-05-10",
    )
    assert context_date(doc, 2) is None


def test_a_part_of_a_bare_year_is_the_publications_year():
    assert _dates("Форум пройдет во второй половине года.", "2023-06-14") == [
        ("половине года", "2023", None)
    ]
    assert _dates("Учения прошли в конце 2019 года.", "2023-06-14") == [("2019 года", "2019", None)]
    assert _dates("Учения прошли в начале прошлого года.", "2023-06-14") == [
        ("прошлого года", "2022", None)
    ]


# --- ranges, weeks, arrivals, cues of the publication date (issue 14, "Time") -----------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Маневры проведут с 12 по 18 марта.", "2026-02-20", "2026-03-12/2026-03-18"),
        ("Сборы пройдут с 28 февраля по 4 марта 2027 года.", None, "2027-02-28/2027-03-04"),
        ("Турнир проходил 9–11 ноября.", "2026-11-20", "2026-11-09/2026-11-11"),
        ("Фестиваль пройдет 5 мая.", "2026-04-01", "2026-05-05"),
    ],
)
def test_a_range_is_kept_as_an_interval(text: str, published: str | None, expected: str) -> None:
    doc = _doc(text, published)
    [mention] = find_dates(doc)
    assert fact_date(doc, mention) == expected


def test_a_range_moved_to_the_future_moves_whole() -> None:
    doc = _doc("Стрельбы провели с 10 по 14 февраля.", "2026-01-10")
    [mention] = find_dates(doc)
    assert fact_date(doc, mention) == "2026-02-10/2026-02-14"
    assert fact_date(doc, mention, "past") == "2025-02-10/2025-02-14"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Стороны договорились на этой неделе.", ("2026-03-09", "2026-03-15")),
        ("Документ утвердили на прошлой неделе.", ("2026-03-02", "2026-03-08")),
        ("Делегации встретятся на следующей неделе.", ("2026-03-16", "2026-03-22")),
    ],
)
def test_a_week_is_the_publications_week_as_a_range(text: str, expected: tuple) -> None:
    [mention] = find_dates(_doc(text, "2026-03-11"))  # a Wednesday
    assert (mention.value, mention.end_value) == expected


def test_a_week_without_a_publication_date_is_unknown() -> None:
    [mention] = find_dates(_doc("Стороны договорились на этой неделе.", None))
    assert mention.value is None and mention.relative


def test_relative_day_cues_come_from_the_rules_file() -> None:
    from svodka.extract.rules import builtin

    cues = {row[0]: int(row[1]) for row in builtin()["dates.relative_days"]}
    assert cues["сегодня"] == 0 and cues["накануне"] == -1 and cues["послезавтра"] == 2
    assert _dates("Послезавтра начнутся стрельбы.", "2026-03-11") == [
        ("Послезавтра", "2026-03-13", None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 апреля в Минск для участия в форуме прибыли делегации.", True),
        ("Делегации прибыли в Минск на форум, который откроется 12 апреля.", False),
        ("Форум откроется 12 апреля, делегации уже прибыли.", False),
        ("Министр вылетел в Пекин 3 мая на переговоры.", True),
        ("Совещание прошло 12 апреля.", False),
    ],
)
def test_the_date_of_an_arrival(text: str, expected: bool) -> None:
    doc = _doc(text, "2026-04-20")
    [mention] = find_dates(doc)
    assert arrival(doc, mention) is expected


def test_an_arrival_does_not_date_the_session_referred_to() -> None:
    doc = _doc(
        "Для участия в заседании совета 14 мая в Бишкек прибыли министры. "
        "На полях заседания министры подписали протокол.",
        "2026-05-15",
    )
    assert context_date(doc, 1) is None
    doc = _doc(
        "Заседание совета прошло 14 мая в Бишкеке. На полях заседания министры подписали протокол.",
        "2026-05-15",
    )
    assert context_date(doc, 1) == "2026-05-14"
