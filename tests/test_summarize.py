"""Extractive summaries (svodka.report.summarize): 2–3 whole sentences, no clutter, in order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from svodka.manager import Plugins
from svodka.model.article import Article
from svodka.model.records import Agreement, Evidence, Role
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import ArticleOutcome, process_article
from svodka.report.summarize import is_clutter, summarize
from svodka.testing import builtin_lexicon, make_article
from svodka.text.parse import parse

CLUTTER_WORDS = re.compile(
    r"читайте|комментари|новости по теме|фото|коллаж|подписывайтесь|курсы? валют|©|ctrl|"
    r"\d{1,2}:\d{2}|опубликовано|все новости|редакторская",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold().replace("ё", "е"))


def check_whole_sentences(article: Article, summary: list[Evidence]) -> None:
    """Exact spans of the text, whole sentences, in text order, no clutter, not the title."""
    assert [e.start for e in summary] == sorted(e.start for e in summary)
    for ev in summary:
        assert article.text[ev.start : ev.end] == ev.text
        assert ev.text == ev.text.strip()
        assert re.search(r"[.!?…][»\")”]*$", ev.text), ev.text
        assert ev.text[0].isupper() or ev.text[0].isdigit() or ev.text[0] in '«"', ev.text
        assert ev.text.count("«") == ev.text.count("»"), ev.text
        assert not CLUTTER_WORDS.search(ev.text), ev.text
        assert words(ev.text) != words(article.title or ""), ev.text


@pytest.fixture(scope="module")
def corpus(shared_corpus: Path) -> dict[str, ArticleOutcome]:
    plugins = Plugins(autoload=False)
    lexicon = Lexicon.from_plugins(plugins)
    extractors = list(plugins.extractors.values())
    outcomes = {}
    for line in (shared_corpus / "articles.jsonl").read_text("utf-8").splitlines():
        data = json.loads(line)
        fields = {k: data[k] for k in ("id", "title", "outlet", "published", "text")}
        outcomes[data["id"]] = process_article(Article(**fields), extractors, lexicon)
    return outcomes


def test_every_corpus_summary_is_two_or_three_whole_clean_sentences(corpus) -> None:
    assert len(corpus) == 14
    for outcome in corpus.values():
        assert 2 <= len(outcome.summary) <= 3, outcome.article.id
        check_whole_sentences(outcome.article, outcome.summary)


def summary_of(corpus, article_id: str) -> list[str]:
    return [e.text for e in corpus[article_id].summary]


def test_corpus_summaries_carry_the_main_facts(corpus) -> None:
    assert any(
        "был подписан план военного сотрудничества" in s
        for s in summary_of(corpus, "kz-ru-plan-2026")
    )
    assert summary_of(corpus, "dev-028")[0] == (
        "Узбекистан получил статус наблюдателя в Евразийском экономическом союзе (ЕАЭС)."
    )
    assert summary_of(corpus, "dev-001")[0] == (
        "По итогам встречи главами оборонных ведомств утвержден План военного сотрудничества "
        "на 2026 год."
    )
    assert any("на 2019−2021 годы" in s for s in summary_of(corpus, "dev-013"))


def test_corpus_clutter_and_cut_off_endings_are_left_out(corpus) -> None:
    everything = " ".join(s for o in corpus.values() for s in summary_of(corpus, o.article.id))
    for junk in (
        "Москва сделала геостра",  # cut mid-word at the end of a page
        "Россия отправит в Узбекистан тест-систе",
        "Коллаж: kursiv.media",
        "Фото: Александр Подгорчук",
        "Фото пресс-службы ОДКБ",
        "В Беларуси пройдут учения военных стран ОДКБ «Взаимодействие-2025»",  # a caption
        "Главы МО Казахстана и РФ подписали план сотрудничества на 2026 год",  # the headline
        "4 июля 2022 года состоялись",  # the first piece of a quotation that runs on
    ):
        assert junk not in everything, junk


PAGE = "\n".join(
    [
        "Главная / Новости / Политика",
        "Ru Kz En",
        "Курс валют: USD 90,12 EUR 98,40 KZT 0,18",
        "12:45, 10 октября 2025",
        "Министры обороны подписали план сотрудничества на 2026 год",
        "Министры обороны подписали план сотрудничества на 2026 год.",
        "Фото: пресс-служба Минобороны / Иван Иванов",
        "Минск, 10 октября (БелТА) – Министр обороны Беларуси Виктор Хренин и "
        "министр обороны Казахстана Руслан Жаксылыков подписали план военного "
        "сотрудничества на 2026 год.",
        "Стороны обсудили вопросы боевой подготовки и проведения совместных "
        "учений в следующем году.",
        "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости.",
        "Читайте также",
        "Лукашенко провёл совещание по вопросам безопасности в Минске",
        "Он также отметил важность военного образования.",
        "Документ предусматривает более 50 совместных мероприятий, в том числе "
        "учения и стажировки офицеров.",
        "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter.",
        "© 2025 Новости Беларуси. Все права защищены.",
        "Комментарии",
        "Этот материал получил уже пятьдесят положительных отзывов читателей сайта.",
        "Министр обороны России провёл встречу с коллегами из стран Содружества в Моск",
    ]
)


def summarize_page(text: str, title: str | None, records=(), size: int = 3) -> list[Evidence]:
    doc = parse(make_article(text, title=title), builtin_lexicon())
    return summarize(doc, list(records), size=size)


def test_a_cluttered_page() -> None:
    title = "Министры обороны подписали план сотрудничества на 2026 год"
    start = PAGE.index("Министр обороны Беларуси")
    plan = Agreement(
        article="test",
        kind="plan",
        parties=["BY", "KZ"],
        period="2026",
        status="signed",
        confidence=0.9,
        evidence=[Evidence(start, start + 20, PAGE[start : start + 20])],
    )
    summary = summarize_page(PAGE, title, [plan])
    assert [e.text for e in summary] == [
        "Министр обороны Беларуси Виктор Хренин и министр обороны Казахстана Руслан Жаксылыков "
        "подписали план военного сотрудничества на 2026 год.",
        "Стороны обсудили вопросы боевой подготовки и проведения совместных учений в следующем "
        "году.",
        "Документ предусматривает более 50 совместных мероприятий, в том числе учения и "
        "стажировки офицеров.",
    ]
    assert summary[0].start == start  # the dateline "Минск, 10 октября (БелТА) – " left out
    check_whole_sentences(make_article(PAGE, title=title), summary)


def test_size_limits_the_summary() -> None:
    summary = summarize_page(PAGE, None, size=2)
    assert len(summary) == 2


def test_a_third_sentence_only_while_the_summary_is_short() -> None:
    words = ("Альфа", "Бета", "Гамма", "Дельта")  # four sentences that share no word
    text = "\n".join(f"{w} " + " ".join([w.lower()] * 70) + "." for w in words)
    assert len(summarize_page(text, None)) == 2


def test_repetitions_of_the_headline_are_left_out() -> None:
    title = "Беларусь стала полноправным членом ШОС"
    text = (
        "# Беларусь стала полноправным членом ШОС.\n"
        "Беларусь стала полноправным членом ШОС.\n"
        "Церемония подписания документов прошла во Дворце Независимости в Астане.\n"
        "Беларусь участвовала в ШОС с 2010 года в статусе партнера по диалогу.\n"
    )
    summary = [e.text for e in summarize_page(text, title)]
    assert summary == [
        "Церемония подписания документов прошла во Дворце Независимости в Астане.",
        "Беларусь участвовала в ШОС с 2010 года в статусе партнера по диалогу.",
    ]


def test_sentences_that_repeat_each_other_are_not_both_taken() -> None:
    text = (
        "Министры обороны России и Казахстана подписали план сотрудничества на 2026 год.\n"
        "Министры обороны России и Казахстана подписали план сотрудничества на 2026 год в Алматы.\n"
        "Стороны обсудили подготовку военных кадров и совместные учения.\n"
        "Следующая встреча министров пройдёт весной в Москве.\n"
    )
    summary = [e.text for e in summarize_page(text, None)]
    assert sum(s.startswith("Министры обороны России") for s in summary) == 1
    assert len(summary) == 3


def test_facts_outweigh_position() -> None:
    text = (
        "Погода в столице в этот день была солнечной и тёплой для октября.\n"
        "Журналисты собрались у здания министерства задолго до начала встречи.\n"
        "Участники прибыли на нескольких автомобилях с государственными флагами.\n"
        "В зале для переговоров было подготовлено всё необходимое для работы.\n"
        "Министр обороны России Андрей Белоусов провёл переговоры с коллегой из Казахстана.\n"
    )
    start = text.index("Министр обороны России")
    ev = Evidence(start, start + 10, text[start : start + 10])
    records = [
        Role(article="test", person="Андрей Белоусов", confidence=1.0, evidence=[ev]),
        Agreement(article="test", kind="plan", confidence=1.0, evidence=[ev]),
    ]
    summary = [e.text for e in summarize_page(text, None, records)]
    assert summary[-1].startswith("Министр обороны России Андрей Белоусов")
    assert summary[0].startswith("Погода")  # the lead still counts


@pytest.mark.parametrize(
    "text",
    [
        "Фото: Иван Иванов / ТАСС",
        "Читайте также: Шойгу провёл совещание в Москве с командующими.",
        "Подписывайтесь на наш канал в Telegram и читайте новости первыми.",
        "Курс ЦБ: USD 90,12 ▲ EUR 98,40 ▼ на 10 октября.",
        "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter, пожалуйста.",
        "© 2025 Все права защищены, перепечатка запрещена законом.",
        "Министр обороны провёл совещание с командующими войсками округов",  # unfinished
        "пресс-службы министерства обороны сообщили о начале учений.",  # starts mid-sentence
        "РЕДАКТОРСКАЯ КОЛОНКА О ГЛАВНЫХ СОБЫТИЯХ НЕДЕЛИ В МИРЕ.",
        "Коротко о главном.",
        "Подробнее на сайте https://example.org/news/123 в разделе политики.",
        "«Мы готовы к сотрудничеству со всеми странами региона, — сказал министр.",
    ],
)
def test_clutter(text: str) -> None:
    doc = parse(make_article(text), builtin_lexicon())
    assert all(is_clutter(s) for s in doc.sentences)
    assert summarize(doc, []) == []


@pytest.mark.parametrize(
    "text",
    [
        "Министр обороны России провёл переговоры с коллегой из Казахстана.",
        "«Мы готовы к сотрудничеству», — сказал министр обороны Казахстана.",
        "Отвечая на вопрос о комментариях Запада, министр назвал их необоснованными.",
        "Фотографии с учений опубликовало Минобороны России в своём канале.",
    ],
)
def test_not_clutter(text: str) -> None:
    doc = parse(make_article(text), builtin_lexicon())
    assert not any(is_clutter(s) for s in doc.sentences)


def test_short_and_empty_articles() -> None:
    assert summarize_page("", None) == []
    assert summarize_page("Меню\nВойти", None) == []
    one = "Министр обороны России провёл переговоры с коллегой из Казахстана."
    assert [e.text for e in summarize_page(one, None)] == [one]


def test_windows_line_endings() -> None:
    text = (
        "Министр обороны России провёл переговоры с коллегой из Казахстана.\r\n"
        "Стороны обсудили вопросы военного образования и подготовки кадров.\r\n"
    )
    summary = summarize_page(text, None)
    assert [e.text[-1] for e in summary] == [".", "."]
    assert all("\r" not in e.text for e in summary)


@pytest.mark.parametrize("count", [1025, 20_000])
def test_any_number_of_records_in_one_sentence(count: int) -> None:
    text = (
        "Погода в столице в этот день была солнечной и тёплой для октября.\n"
        "Журналисты собрались у здания министерства задолго до начала встречи.\n"
        "Участники прибыли на нескольких автомобилях с государственными флагами.\n"
        "Министр обороны России Андрей Белоусов провёл переговоры с коллегой из Казахстана.\n"
    )
    start = text.index("Министр обороны России")
    ev = Evidence(start, start + 10, text[start : start + 10])
    many = [
        Role(article="test", person=f"П{n}", confidence=1.0, evidence=[ev]) for n in range(count)
    ]
    few = many[:64]
    summary = summarize_page(text, None, many)
    assert summary == summarize_page(text, None, few)  # the 65th and later weigh nothing
    assert summary[-1].text.startswith("Министр обороны России")


def test_dateline_zone_is_cut_from_a_summary_sentence_only_before_a_word() -> None:
    lead = (
        "ДУШАНБЕ, 3 апреля /Ховар/. Министр обороны Таджикистана принял делегацию "
        "военных инженеров из Монголии."
    )
    [span] = summarize_page(lead + "\nИнженеры проведут в стране две недели.", None, size=1)
    assert span.text.startswith("Министр обороны Таджикистана")
    odd = (
        "Худжанд /Таджикистан/, 3 апреля /Ховар/ -- В Худжанде открылась выставка военной "
        "техники стран региона."
    )
    [span] = summarize_page(odd + "\nВыставка продлится неделю.", None, size=1)
    assert span.text == odd


def test_a_dangling_opening_brings_its_sentence_or_is_left_out() -> None:
    from svodka.report.summarize import dangling

    assert dangling("Таким образом, стороны договорились о поставках.")
    assert dangling("Однако он не уточнил сроки визита в Ташкент.")
    assert not dangling("Министр обороны Армении прибыл в Минск с визитом.")
    text = (
        "Погода в столице в этот день была солнечной и тёплой для ноября.\n"
        "Министр обороны Армении прибыл в Минск с официальным визитом.\n"
        "Однако он не уточнил, какие документы будут подписаны в ходе визита.\n"
    )
    summary = [e.text for e in summarize_page(text, "Министр обороны Армении прибыл в Минск")]
    for k, s in enumerate(summary):
        if dangling(s):  # never without the sentence before it
            assert k > 0 and text.index(summary[k - 1]) < text.index(s)
    assert not dangling(summary[0])


def test_antecedents_never_take_a_summary_past_its_size() -> None:
    from svodka.report.summarize import _with_antecedents

    texts = [
        "Министры обороны двух стран встретились в Минске.",
        "При этом стороны подписали план сотрудничества на будущий год.",
        "Делегации посетили учебный центр под Борисовом.",
        "Таким образом, сотрудничество выходит на новый уровень.",
        "Следующая встреча намечена на осень.",
    ]
    spans, at = [], 0
    for text in texts:
        spans.append(Evidence(at, at + len(text), text))
        at += len(text) + 1
    candidates = list(enumerate(spans))
    out = _with_antecedents([spans[1], spans[3]], candidates, 3)
    assert len(out) <= 3
    assert spans[1] in out and spans[0] in out  # the first link keeps its antecedent
    assert out == sorted(out, key=lambda e: e.start)
