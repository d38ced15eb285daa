"""Text zones (svodka.text.zones): headline, dateline, body, clutter and footer, marked once
at parse time; extractors and summaries see the headline, dateline and body only."""

from __future__ import annotations

from functools import lru_cache

import pytest

from svodka.manager import Plugins
from svodka.pipeline import process_article
from svodka.testing import builtin_lexicon, make_article, parse_text
from svodka.text.parse import parse
from svodka.text.zones import Zoner, markers, parse_markers

CLUTTER_EXAMPLE = (
    "АСТАНА, 10 мая. /ТАСС/. Министр обороны Казахстана Руслан Жаксылыков провел совещание.\n"
    "Читайте также: Министр обороны России Андрей Белоусов встретился с министром обороны "
    "Беларуси Виктором Хрениным в Минске\n"
    "Комментарии (3)\n"
    "Иван Петров: Глава Минобороны Узбекистана Баходир Курбанов посетил Душанбе."
)
LEAD = "Министр иностранных дел Армении Арарат Мирзоян провел переговоры в Ереване."


@lru_cache(maxsize=1)
def _extractors() -> list:
    return list(Plugins(autoload=False).extractors.values())


def _records(text: str) -> list:
    outcome = process_article(make_article(text), _extractors(), builtin_lexicon())
    assert not outcome.errors
    return outcome.records


def _zones(text: str) -> dict[str, str]:
    """Every stretch of the text by its zone, as written."""
    doc = parse_text(text)
    return {z.kind: text[z.start : z.end] for z in doc.zones.spans}


def _kinds(text: str) -> list[tuple[str, str]]:
    doc = parse_text(text)
    return [(z.kind, text[z.start : z.end]) for z in doc.zones.spans]


def test_clutter_example_zones() -> None:
    doc = parse_text(CLUTTER_EXAMPLE)
    kinds = [(z.kind, CLUTTER_EXAMPLE[z.start : z.end]) for z in doc.zones.spans]
    assert kinds == [
        ("dateline", "АСТАНА, 10 мая. /ТАСС/."),
        ("body", "Министр обороны Казахстана Руслан Жаксылыков провел совещание."),
        ("clutter", CLUTTER_EXAMPLE.splitlines()[1]),
        ("footer", "\n".join(CLUTTER_EXAMPLE.splitlines()[2:])),
    ]
    assert doc.zones.dateline is not None and doc.zones.dateline.outlet == "ТАСС"


def test_extractors_see_headline_dateline_and_body_only() -> None:
    doc = parse_text(CLUTTER_EXAMPLE)
    assert {s.zone for s in doc.sentences} == {"dateline", "body"}
    assert all(s.end <= CLUTTER_EXAMPLE.index("\n") for s in doc.sentences)
    assert all(t.end <= CLUTTER_EXAMPLE.index("\n") for t in doc.tokens)


def test_clutter_example_yields_only_the_first_sentence_records() -> None:
    records = _records(CLUTTER_EXAMPLE)
    first_line = CLUTTER_EXAMPLE.index("\n")
    assert records
    for record in records:
        for ev in record.evidence:
            assert ev.end <= first_line
            assert CLUTTER_EXAMPLE[ev.start : ev.end] == ev.text
    names = " ".join(str(r.to_dict()) for r in records)
    assert "Жаксылыков" in names
    assert "Белоусов" not in names and "Курбанов" not in names


def test_headline_facts_still_count() -> None:
    text = (
        "Глава МИД Таджикистана Сироджиддин Мухриддин посетил Баку\n"
        "Визит продлится два дня, сообщили в ведомстве.\n"
        "Фото: пресс-служба МИД"
    )
    doc = parse_text(text)
    assert doc.sentences[0].zone == "headline"
    assert [s.zone for s in doc.sentences] == ["headline", "body"]
    assert any(ev.start == 0 for r in _records(text) for ev in r.evidence)


@pytest.mark.parametrize(
    "line",
    [
        "Главная | Новости | Политика | Общество",  # menu
        "Главная » В мире » Центральная Азия",  # breadcrumbs
        "Фото: пресс-служба правительства Киргизии",  # photo credit
        "Фото и видео: Данияр Омаров",
        "Фото ТАСС",
        "Автор: Ольга Смирнова",  # byline
        "Корреспондент: Тимур Аширов",
        "USD 89,45 EUR 97,12 CNY 12,30",  # exchange rates
        "Курсы валют: доллар 89,4, евро 97,1",
        "Мы используем файлы cookie, чтобы сайт работал удобнее.",  # cookie notice
        "Продолжая работу с сайтом, вы соглашаетесь на обработку файлов cookie.",
        "Теги: Казахстан, оборона, ОДКБ",  # tags
        "Подписывайтесь на наш канал в Telegram.",
        "Читайте нас в Дзене",
        "Также по теме: В Бишкеке открылся форум министров культуры СНГ",
        "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter.",
    ],
)
def test_clutter_lines(line: str) -> None:
    text = f"{LEAD}\n{line}\nВстреча продлилась три часа, отметили в министерстве."
    assert _kinds(text) == [("body", LEAD), ("clutter", line), ("body", text.splitlines()[2])]


def test_link_heading_takes_the_line_under_it() -> None:
    text = (
        f"{LEAD}\nПо теме:\nПрезидент Монголии Ухнаагийн Хурэлсух прибыл в Пекин\n"
        "Стороны договорились продолжить консультации."
    )
    assert _kinds(text) == [
        ("body", LEAD),
        ("clutter", "По теме:\nПрезидент Монголии Ухнаагийн Хурэлсух прибыл в Пекин"),
        ("body", "Стороны договорились продолжить консультации."),
    ]


@pytest.mark.parametrize(
    "tail",
    [
        "© 2026 Информационное агентство. Все права защищены.",
        "При использовании материалов ссылка на сайт обязательна.",
    ],
)
def test_copyright_lines_are_footer(tail: str) -> None:
    assert _zones(f"{LEAD}\n{tail}")["footer"] == tail


@pytest.mark.parametrize("heading", ["Похожие новости", "Теги", "Комментарии", "Популярное:"])
def test_footer_heading_ends_the_article(heading: str) -> None:
    rest = "Министр обороны Монголии Гурсэд Сайханбаяр прибыл в Улан-Батор."
    text = f"{LEAD}\n{heading}\n{rest}\nЕще одна новость о визите премьера в Минск."
    zones = _kinds(text)
    assert zones[0] == ("body", LEAD)
    assert zones[1] == ("footer", text[text.index(heading) :])


def test_footer_heading_before_the_body_is_not_a_footer() -> None:
    text = f"Популярное\n{LEAD}"
    assert _kinds(text) == [("body", text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Министр отказался от комментариев по поводу фото с переговоров в Анкаре.",
        "Комментарии к проекту соглашения направил МИД Узбекистана.",
        "Фото с саммита ОДКБ опубликовала пресс-служба Кремля.",
        "Автор законопроекта депутат Айгуль Нурланова выступила в парламенте.",
        "Реклама табачных изделий запрещена в Узбекистане с прошлого года.",
        "Курсы валют стран ЕАЭС обсудили министры финансов в Минске.",
        "Товарооборот вырос до 5 млрд USD, а инвестиции превысили 2 млрд EUR.",
        "Корреспондент агентства спросил министра о сроках визита в Астану.",
        "Теги и метки на упаковке товаров будут на двух языках, заявил министр.",
        "Подробности читайте также в интервью посла Казахстана.",
    ],
)
def test_body_sentences_that_mention_clutter_words_stay(sentence: str) -> None:
    text = f"{LEAD}\n{sentence}"
    assert _kinds(text) == [("body", text)]
    assert [s.zone for s in parse_text(text).sentences] == ["body", "body"]


def test_evidence_offsets_point_into_the_article_text() -> None:
    text = f"Фото: Минобороны\n{LEAD}"
    doc = parse_text(text)
    assert [s.text for s in doc.sentences] == [LEAD]
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert [s.index for s in doc.sentences] == [0]


def test_zones_at_and_of() -> None:
    doc = parse_text(CLUTTER_EXAMPLE)
    assert doc.zones.at(0) == "dateline"
    assert doc.zones.at(CLUTTER_EXAMPLE.index("Читайте")) == "clutter"
    assert doc.zones.at(len(CLUTTER_EXAMPLE) - 1) == "footer"
    assert len(doc.zones.of("footer")) == 1


def test_markers_are_data() -> None:
    table = "# comment\nclutter\tstart\tреклама партнера\nfooter\twithin\tконец выпуска\n"
    zoner = Zoner(f"{LEAD}\nРеклама партнера: чай.\nКонец выпуска.", parse_markers(table))
    lines = f"{LEAD}\nРеклама партнера: чай.\nКонец выпуска.".splitlines()
    kinds = [zoner.line(line, 0, [(0, len(line), line)])[0] for line in lines]
    assert kinds == ["body", "clutter", "footer"]
    assert "start" in markers().by_where


def test_malformed_marker_table_is_refused() -> None:
    with pytest.raises(ValueError, match="line 1"):
        parse_markers("clutter\tsomewhere\tреклама\n")


def test_parse_keeps_lexicon_and_article() -> None:
    article = make_article(LEAD)
    doc = parse(article, builtin_lexicon())
    assert doc.article is article and doc.zones.spans[0].kind == "body"


def test_headline_skips_clutter_lines_before_it() -> None:
    from svodka.text.zones import headline

    text = "Главная | Новости | В мире\nФото: Азамат Сейткали\nПремьер Монголии прибыл в Токио\n"
    text += "Визит продлится три дня."
    assert headline(text) == "Премьер Монголии прибыл в Токио"
    assert parse_text(text).sentences[0].zone == "headline"


def test_agency_dateline_after_a_teaser_is_the_dateline() -> None:
    text = (
        "09.03.2026, 08:15\n"
        "Главы МЧС двух стран обсудили работу спасателей на границе.\n"
        "ТАШКЕНТ, 9 марта (Жахон) – Министр по чрезвычайным ситуациям Узбекистана провел "
        "переговоры с коллегой из Таджикистана."
    )
    doc = parse_text(text)
    assert doc.zones.dateline is not None and doc.zones.dateline.place == "ТАШКЕНТ"
    assert doc.zones.dateline.outlet == "Жахон"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Фото: Бахтияр Исмаилов", True),
        ("Будьте в курсе — подпишитесь на нашу рассылку о событиях недели.", True),
        ("Мы используем файлы cookie для работы сайта.", True),
        ("Комментарии (3)", False),  # the footer's heading: left in the text for the zones
        ("Фотографии с переговоров опубликовала пресс-служба ведомства.", False),
        ("Источник в министерстве сообщил о переносе визита.", False),
    ],
)
def test_site_line_for_readers(line: str, expected: bool) -> None:
    from svodka.text.zones import site_line

    assert site_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Другие новости", True), ("Читайте также:", True), ("См. также", True), ("Теги", False)],
)
def test_list_heading_for_readers(line: str, expected: bool) -> None:
    from svodka.text.zones import list_heading

    assert list_heading(line) is expected


def test_dateline_place_is_the_city_opening_the_dateline_zone() -> None:
    doc = parse_text(
        "ДУШАНБЕ, 14 марта. /Ховар/. Министры обороны Таджикистана и Киргизии подписали "
        "протокол о границе."
    )
    assert doc.dateline_place is not None and doc.dateline_place.value == "Душанбе"
    plain = parse_text("В Душанбе министры обороны двух стран подписали протокол о границе.")
    assert plain.dateline_place is None


@pytest.mark.parametrize(
    ("pattern", "sentence", "held"),
    [
        (r"(?:gbp|jpy)\b|[£¥]", "фунт стоит 1,27 gbp за доллар", True),
        (r"(?:gbp|jpy)\b|[£¥]", "цена выросла до ¥150", True),
        (r"(?:gbp|jpy)\b|[£¥]", "курс gbpx не публикуется", False),
        (r"(?:gbp|jpy)\b|[£¥]", "торги на бирже закрылись ростом", False),
        (r"(?i:gbp)", "фунт стоит 1,27 gbp", True),
        (r"x?лайк\w*", "ставьте лайки под постом", True),
        (r"x?лайк\w*", "ставьте отметки под постом", False),
    ],
)
def test_markers_held_anywhere(pattern: str, sentence: str, held: bool) -> None:
    table = parse_markers(f"clutter\trates\t{pattern}\n")
    assert table.holds_any(sentence) is held
