"""Web pages: page_article and the HtmlReader (main text, metadata, charsets, refusals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from svodka.components import InputError, ReadOptions, Source
from svodka.plugins.readers.html import HtmlReader, page_article

PAGES = Path(__file__).parent / "pages"
AGENCY_TEXT = (
    "АЛМА-АТА, 31 октября. Министр обороны Казахстана Даурен Косанов провел переговоры с "
    "главой Минобороны России Андреем Белоусовым.\n"
    "По итогам переговоров стороны подписали план военного сотрудничества на 2026 год.\n"
    "Косанов также поблагодарил российскую сторону за поддержку в организации "
    "военно-патриотического сбора «Айбын»."
)


def read(name: str, **kwargs) -> object:
    path = PAGES / name
    return page_article(path.read_bytes(), str(path), ReadOptions(), **kwargs)


def test_agency_page_main_text_and_metadata() -> None:
    article = read("agency.html")
    assert article.text == AGENCY_TEXT  # no menu, cookies, byline, tags, related, comments
    assert article.title == "Минобороны России и Казахстана подписали план сотрудничества"
    assert article.outlet == "Агентство «Степь»"
    assert article.published == "2025-10-31"
    assert article.url == "https://step-news.example/politika/2025/10/31/plan"
    assert article.meta == {"author": "Анна Смирнова"}
    assert article.id == "agency"
    assert article.warnings == ()


def test_default_id_and_url_given_by_the_caller() -> None:
    article = read("agency.html", default_id="step-news.example/plan", url="https://x.example/")
    assert article.id == "step-news.example/plan"
    assert article.url == "https://step-news.example/politika/2025/10/31/plan"  # canonical


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not HTML but a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not HTML but a zip archive (.docx, .xlsx, ...)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not HTML but a PNG image"),
        (b"", "empty page"),
        (bytes(range(1, 32)) * 20, "not HTML: binary data"),
        ("Просто текст без разметки, не страница.".encode(), "not HTML: no HTML tags at the start"),
    ],
)
def test_what_is_not_html_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        page_article(data, "page.html", ReadOptions())
    assert (caught.value.where, caught.value.reason) == ("page.html", reason)


def test_reader_claims_html_by_suffix_and_sniff() -> None:
    reader = HtmlReader()
    assert {".html", ".htm"} <= set(reader.suffixes)
    assert reader.sniff(b"\xef\xbb\xbf  <!DOCTYPE HTML PUBLIC")
    assert reader.sniff(b"\n<html lang='ru'>")
    assert not reader.sniff(b"<?xml version='1.0'?><rss>")
    assert not reader.sniff(b"plain text <html>")
    path = PAGES / "agency.html"
    (article,) = reader.read(Source(str(path), path), ReadOptions())
    assert article.text == AGENCY_TEXT and article.source == str(path)


def page(body: str, head: str = "") -> bytes:
    """A page in the shape of a news site: the article's body between a menu and a footer."""
    return (
        "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'>"
        f"<title>Новости</title>{head}</head><body>"
        "<nav><a href='/'>Главная</a> <a href='/news'>Новости</a> <a href='/about'>О нас</a></nav>"
        f"<article><h1>Министры обороны двух стран провели переговоры</h1>{body}</article>"
        "<footer>© 2025 Агентство. Все права защищены.</footer></body></html>"
    ).encode()


def test_sentences_that_merely_start_like_site_lines_are_kept() -> None:
    """Only a line that IS a site's call (``По теме:``, ``Фото:``) goes, not a sentence that
    starts with the same words."""
    kept = [
        "По теме переговоров стороны высказались единодушно и подробно.",
        "Следите за руками, сказал министр обороны на пресс-конференции в Москве.",
        "Фотографии с переговоров опубликовала пресс-служба министерства.",
    ]
    body = "".join(f"<p>{line}</p>" for line in kept)
    body += "<p>По теме: <a href='/n/1'>Министры встретились в Астане</a></p><p>Фото: ТАСС</p>"
    text = page_article(page(body), "p.html", ReadOptions()).text
    assert text.split("\n")[1:] == kept


def test_a_line_break_inside_a_sentence_does_not_split_it() -> None:
    """``<br>`` inside a sentence (a layout break) joins the lines with a space; a break
    before a new sentence or paragraph stays."""
    body = (
        "<p>Министр обороны России Андрей Белоусов провел переговоры<br>"
        "с коллегой из Казахстана в Москве,<br>\nсообщает пресс-служба.<br>"
        "Стороны подписали план сотрудничества.</p>"
    )
    text = page_article(page(body), "p.html", ReadOptions()).text
    assert text.split("\n")[1:] == [
        "Министр обороны России Андрей Белоусов провел переговоры с коллегой из Казахстана "
        "в Москве, сообщает пресс-служба.",
        "Стороны подписали план сотрудничества.",
    ]


MINISTRY_TEXT = (
    "Министр иностранных дел провел встречу с Послом Узбекистана\n"
    "03.11.2025\n"
    "3 ноября 2025 года Министр иностранных дел Ержан Ашикбаев провел встречу с Чрезвычайным "
    "и Полномочным Послом Республики Узбекистан Бахтияром Ибрагимовым.\n"
    "В ходе встречи стороны обсудили вопросы двустороннего сотрудничества, а также подготовку "
    "к предстоящим визитам на высшем уровне.\n"
    "Министр отметил, что отношения между двумя странами носят характер стратегического "
    "партнерства и союзничества."
)


def test_ministry_page_in_cp1251_laid_out_by_a_table() -> None:
    """An old ministry site: cp1251 declared by http-equiv, the page laid out in a table
    (menu cell | article cell), a list of other news under the article, no og: tags."""
    article = read("ministry-cp1251.html")
    assert article.text == MINISTRY_TEXT  # one line a paragraph, no menu, no other news
    assert article.title == "Министр иностранных дел провел встречу с Послом Узбекистана"
    assert article.outlet == "Министерство иностранных дел"  # from "<headline> | <site>"
    assert article.published == "2025-11-03"
    assert article.warnings == ()


def test_parliament_page_in_koi8r_laid_out_by_a_table() -> None:
    article = read("parliament-koi8r.html")
    lines = article.text.split("\n")
    assert lines[0] == "12 марта 2024 г."
    assert lines[1].startswith("МИНСК, 12 марта. Делегация Жогорку Кенеша")
    assert lines[-1] == (
        "Стороны обсудят развитие торгово-экономических связей и взаимодействие в рамках "
        "Евразийского экономического союза."
    )
    assert len(lines) == 4
    assert article.published == "2024-03-12"  # from the text: the page's markup has none


def test_data_tables_stay_tables() -> None:
    body = (
        "<p>Министерство опубликовало данные о числе участников учений по странам.</p>"
        "<table><tr><th>Страна</th><th>Участники</th></tr>"
        "<tr><td>Россия</td><td>120</td></tr><tr><td>Казахстан</td><td>80</td></tr></table>"
    )
    text = page_article(page(body), "p.html", ReadOptions()).text
    assert text.split("\n")[2:] == [
        "| Страна | Участники |",
        "|---|---|",
        "| Россия | 120 |",
        "| Казахстан | 80 |",
    ]


def test_wrong_declared_charset_is_overruled_with_a_warning() -> None:
    """The meta tag says utf-8, the bytes are cp1251."""
    article = read("wrong-charset.html")
    assert article.text == MINISTRY_TEXT
    assert article.warnings == (
        f"{PAGES / 'wrong-charset.html'}: declares charset utf-8, which cannot decode its "
        "bytes; charset detected",
    )


@pytest.mark.parametrize(
    ("encoding", "declared", "content_type", "warned"),
    [
        ("koi8_r", "windows-1251", None, "reads as mojibake"),  # both decode: by the words
        ("cp1251", "iso-8859-1", None, "reads as mojibake"),
        ("cp1251", "utf-8", "text/html; charset=windows-1251", None),  # the header wins
        ("utf-8", "windows-1251", None, "cannot decode"),
        ("utf-8", "koi8-r", "text/html; charset=UTF-8", None),
        ("koi8_r", "no-such-charset", None, None),  # unknown: detected, no warning
    ],
)
def test_charset_order_and_mojibake(
    encoding: str, declared: str, content_type: str | None, warned: str | None
) -> None:
    html = (PAGES / "agency.html").read_text(encoding="utf-8")
    html = html.replace('charset="utf-8"', f'charset="{declared}"')
    data = html.encode(encoding, "xmlcharrefreplace")  # KOI8-R has no «»: &#171;
    article = page_article(data, "p.html", ReadOptions(), content_type=content_type)
    assert article.text == AGENCY_TEXT
    if warned is None:
        assert article.warnings == ()
    else:
        (warning,) = article.warnings
        assert warning.startswith("p.html: declares charset ") and warned in warning


def test_bom_wins_over_a_declared_charset() -> None:
    html = (PAGES / "agency.html").read_text(encoding="utf-8").replace("utf-8", "koi8-r")
    data = b"\xef\xbb\xbf" + html.encode("utf-8")
    article = page_article(data, "p.html", ReadOptions(), content_type="text/html; charset=cp1251")
    assert article.text == AGENCY_TEXT and article.warnings == ()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("report-pdf.html", "not HTML but a PDF document"),
        ("ukrainian.html", "not Russian: looks like Ukrainian (і, ї, є)"),
        (
            "menu-only.html",
            "no main text: the page holds no article text (only menus, links or scripts)",
        ),
    ],
)
def test_pages_refused_with_their_reason(name: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read(name)
    assert caught.value.reason == reason
    assert caught.value.where == str(PAGES / name)
