"""Web pages: page_article and the HtmlReader (main text, metadata, charsets, refusals)."""

from __future__ import annotations

import io
import json
import re
import socket
import sys
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.cli import cli
from svodka.components import InputError, ReadOptions, Source
from svodka.manager import load_plugins
from svodka.model.article import Article
from svodka.model.records import _canonical
from svodka.pipeline import process_article
from svodka.plugins.readers.feeds import feed_items
from svodka.plugins.readers.html import HtmlReader, page_article
from svodka.read.inputs import read_inputs
from svodka.testing import builtin_lexicon, plugins_with
from svodka.text.zones import headline, site_line

PAGES = Path(__file__).parent / "pages"
PLUGINS = plugins_with()
AGENCY_TEXT = (  # the headline first, as in a text file
    "Минобороны России и Казахстана подписали план сотрудничества\n"
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
    assert lines[:2] == ["Делегация парламента Киргизии прибыла в Минск", "12 марта 2024 г."]
    assert lines[2].startswith("МИНСК, 12 марта. Делегация Жогорку Кенеша")
    assert lines[-1] == (
        "Стороны обсудят развитие торгово-экономических связей и взаимодействие в рамках "
        "Евразийского экономического союза."
    )
    assert len(lines) == 5
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
            "no main text: the page holds no article text (only its headline, menus, links or "
            "scripts)",
        ),
    ],
)
def test_pages_refused_with_their_reason(name: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read(name)
    assert caught.value.reason == reason
    assert caught.value.where == str(PAGES / name)


def agency_chrome(title: str | None, paragraphs: list[str], outlet: str, date: str | None) -> bytes:
    """A news agency's page: cookie banner, menu, byline, tags, share buttons, related
    news, comments and footer around the article; UTF-8, og: metadata."""
    h1 = f"<h1>{escape(title)}</h1>" if title else ""
    time = "T09:30:00+03:00" if date and len(date) == 10 else ""
    published = f'<meta property="article:published_time" content="{date}{time}">'
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>{escape(f"{title} - {outlet}" if title else outlet)}</title>
<meta property="og:site_name" content="{escape(outlet)}">{published if date else ""}</head>
<body><div class="cookie-banner">Мы используем файлы cookie. Продолжая пользоваться сайтом,
вы соглашаетесь с этим. <button>Принять</button></div>
<header><nav><ul><li><a href="/">Главная</a></li><li><a href="/politika">Политика</a></li>
<li><a href="/ekonomika">Экономика</a></li><li><a href="/v-mire">В мире</a></li></ul></nav></header>
<main><article>{h1}<div class="byline">Редакция, {date or ""}</div>
<div class="article-text">{body}</div>
<div class="tags">Теги: <a href="/t/1">Оборона</a>, <a href="/t/2">СНГ</a></div>
<div class="share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Телеграм</a></div></article>
<aside class="related"><h2>Читайте также</h2><ul>
<li><a href="/n/1">Президент провел совещание по вопросам национальной безопасности</a></li>
<li><a href="/n/2">В столице открылась выставка вооружений и техники</a></li></ul></aside>
<section class="comments"><h3>Комментарии (1)</h3><div class="comment"><b>Игорь</b>
<p>Министр обороны правильно сказал, сотрудничество между странами нужно развивать!</p></div>
</section></main>
<footer>© 2025 {escape(outlet)}. Все права защищены.</footer></body></html>""".encode()


def ministry_chrome(
    title: str | None, paragraphs: list[str], outlet: str, date: str | None
) -> bytes:
    """A ministry's old site: windows-1251, laid out in a table (menu cell | content cell),
    breadcrumbs with the date, other news listed under the article, Dublin Core metadata
    (the date as written: a month stays a month), no og: tags."""
    h1 = f"<h1>{escape(title)}</h1>" if title else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    day = ".".join(reversed(date.split("-"))) if date and len(date) == 10 else ""
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
{f'<meta name="DC.date.issued" content="{date}">' if date else ""}
<title>{escape(f"{title} | {outlet}" if title else outlet)}</title></head><body>
<div><a href="/special">Версия для слабовидящих</a> | <a href="/en">English</a></div>
<table width="100%"><tr><td class="menu"><ul><li><a href="/m">О министерстве</a></li>
<li><a href="/press">Пресс-центр</a></li><li><a href="/docs">Документы</a></li></ul></td>
<td class="content"><div class="crumbs"><a href="/">Главная</a> / <a href="/news">Новости</a>
<span class="date">{day}</span></div>
<div class="news">{h1}
<div class="news-text">{body}</div></div>
<div class="other"><h3>Другие новости</h3><ul>
<li><a href="/n/2">Состоялось заседание коллегии министерства обороны</a></li>
<li><a href="/n/3">Заместитель министра принял участие в международном форуме</a></li>
</ul></div></td></tr></table>
<div id="footer">© {escape(outlet)}. Адрес: ул. Кунаева, 31. Телефон: +7 (7172) 72-05-18</div>
</body></html>""".encode("cp1251", "xmlcharrefreplace")


def portal_chrome(title: str | None, paragraphs: list[str], outlet: str, date: str | None) -> bytes:
    """A regional portal: no <article>, paragraphs parted by <br><br> in one block, a menu
    and a most-read list around it, the date in a <time> element."""
    h1 = f"<h1>{escape(title)}</h1>" if title else ""
    stamp = f"<time itemprop='datePublished' datetime='{date}'>{date}</time>" if date else ""
    body = "<br><br>\n".join(escape(p) for p in paragraphs)
    menu = "".join(f"<li><a href='/r/{i}'>Раздел {i}</a></li>" for i in range(7))
    most_read = "".join(
        f"<li><a href='/n/{i}'>В столице прошла акция в поддержку ветеранов, день {i}</a></li>"
        for i in range(4)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{escape(f"{title} :: {outlet}" if title else outlet)}</title>
<meta property="og:site_name" content="{escape(outlet)}"></head><body>
<div id="top"><ul class="menu">{menu}</ul></div>
<div id="content"><div class="news-detail">{h1}{stamp}<div class="news-body">{body}</div></div>
<div class="most-read"><h3>Самое читаемое</h3><ul>{most_read}</ul></div></div>
<div id="bottom">© 2025 {escape(outlet)}. Все права защищены.</div></body></html>""".encode()


def _facts(article: Article) -> list[str]:
    outcome = process_article(article, PLUGINS.extractors.values(), builtin_lexicon())
    assert not outcome.errors, outcome.errors
    return sorted(
        json.dumps([r.type, _canonical(r.values())], ensure_ascii=False, sort_keys=True)
        for r in outcome.records
    )


@pytest.mark.parametrize("chrome", [agency_chrome, ministry_chrome, portal_chrome])
def test_page_of_a_corpus_article_gives_the_records_of_its_plain_text(shared_corpus, chrome):
    """Each corpus article, wrapped in a site's chrome, gives the same records (type and
    every field) as its plain text, and keeps every paragraph of prose. The headline is the
    page's title and the first line of its text, as in a text file, wherever the page puts
    it (an <h1> above the article block or inside it)."""
    lines = [
        line
        for name in ("articles.jsonl", "real.jsonl")
        for line in (shared_corpus / name).read_text(encoding="utf-8").splitlines()
    ]
    for line in lines:
        record = json.loads(line)
        paragraphs = [p.strip() for p in record["text"].splitlines() if p.strip()]
        if record["title"] and paragraphs[0] == record["title"]:
            paragraphs = paragraphs[1:]
        site = re.split(r" \(|, |; ", record["outlet"])[0]  # "Knews (knews.kg), citing ..."
        data = chrome(record["title"], paragraphs, site, record["published"])
        page = page_article(data, f"{record['id']}.html", ReadOptions(), default_id=record["id"])
        # without a headline on the page, the text's is taken, as for a text file
        title = record["title"] or headline("\n".join(paragraphs))
        assert (page.title, page.published, page.outlet) == (
            title,
            record["published"],
            site,
        ), record["id"]
        # A paragraph repeated right after itself (a photo caption that repeats the headline)
        # is read once from a page: it says nothing more.
        body = "\n".join(p for i, p in enumerate(paragraphs) if i == 0 or p != paragraphs[i - 1])
        plain = Article(
            id=record["id"],
            text=f"{title}\n{body}" if title else body,
            title=title,
            outlet=site,
            published=record["published"],
        )
        assert _facts(page) == _facts(plain), record["id"]
        flat = " ".join(page.text.split())
        for paragraph in paragraphs:  # the article's own (a site's call to report a typo goes)
            if len(paragraph.split()) >= 8 and not site_line(paragraph):
                assert " ".join(paragraph.split()) in flat, (record["id"], paragraph)


def test_pages_and_feeds_through_the_cli_every_input_accounted_for(tmp_path: Path) -> None:
    """A folder of pages and feeds: the pages and feed items read, the PDF and the Ukrainian
    page and feed item failed with their reasons, the exit status 1."""
    for name in ("agency.html", "report-pdf.html", "ukrainian.html", "agency.rss"):
        (tmp_path / name).write_bytes((PAGES / name).read_bytes())
    out = tmp_path / "records.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path / 'report-pdf.html'}: not HTML but a PDF document" in result.output
    ukrainian = "not Russian: looks like Ukrainian (і, ї, є)"
    assert f"{tmp_path / 'ukrainian.html'}: {ukrainian}" in result.output
    assert f"{tmp_path / 'agency.rss'}:3: {ukrainian}" in result.output
    assert "3 articles processed, 3 failed" in result.output
    articles = {json.loads(line)["article"] for line in out.read_text("utf-8").splitlines()}
    assert {"agency", "agency-1"} <= articles


def test_html_on_standard_input_is_read_as_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text reader's sniff claims any text: the page reader must come first."""
    readers = load_plugins(autoload=False).readers
    data = (PAGES / "agency.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = list(read_inputs(["-"], readers, ReadOptions()))
    assert isinstance(article, Article), article
    assert (article.id, article.text) == ("stdin", AGENCY_TEXT)


_HTML_BITS = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<p>",
        "</p>",
        "<div class='article-body'>",
        "</div>",
        "<table><tr>",
        "<td>",
        "<h1>",
        "</h1>",
        "<br>",
        "<meta charset='koi8-r'>",
        "<!--",
        "-->",
        "<script>",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        "<?xml version='1.0' encoding='utf-16'?>",
        "<![CDATA[",
        "Министр обороны провел переговоры с коллегой в Москве. ",
        "\u00ad",
        "\x00",
        "\ufeff",
        "Читайте также:",
        "- ",
        "Сторони обговорили питання співпраці. ",
        "<noscript>",
    ]
)


@settings(max_examples=60)
@given(st.lists(st.one_of(_HTML_BITS, st.text(max_size=20)), max_size=40), st.booleans())
def test_any_page_gives_an_article_or_an_input_error(parts: list[str], cp1251: bool) -> None:
    data = "".join(parts).encode("cp1251" if cp1251 else "utf-8", "replace")
    try:
        article = page_article(data, "p.html", ReadOptions())
    except InputError as exc:
        assert exc.where == "p.html" and exc.reason
    else:
        assert article.text.strip() and "\n\n" not in article.text
        assert article.text == article.text.strip()


@settings(max_examples=40)
@given(st.binary(max_size=600))
def test_any_bytes_give_an_article_or_an_input_error(data: bytes) -> None:
    try:
        page_article(b"<html><body><p>" + data, "p.html", ReadOptions())
    except InputError as exc:
        assert exc.where == "p.html"


def test_parsing_never_reaches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither trafilatura (given a url) nor feedparser (given bytes that read as a URL)
    opens a connection or resolves a name."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network use: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    url = "https://step-news.example/politika/2025/10/31/plan"
    article = read("agency.html", url=url)
    assert article.text == AGENCY_TEXT
    with pytest.raises(InputError, match="^link: malformed feed: not well-formed"):
        feed_items(b"http://127.0.0.1:9/feed.rss", "link")
    assert feed_items((PAGES / "agency.rss").read_bytes(), "agency.rss")


@pytest.mark.parametrize(
    "chrome",
    [
        "<div class='subscribe'><p>Оставайтесь в курсе событий — подпишитесь на нашу рассылку и "
        "получайте главные новости дня.</p></div>",
        "<p>Подписывайтесь на наш канал в Телеграм, чтобы первыми узнавать новости.</p>",
        "<div class='adv'>Реклама</div>",
        "<p class='tags'>Теги: Минобороны, Казахстан, Россия</p>",
        "<p>Метки: переговоры, оборона</p>",
        "<div class='share'>Поделиться</div>",
    ],
)
def test_site_lines_inside_the_article_block_go(chrome: str) -> None:
    """Calls to subscribe, ad labels, tag lists and share buttons placed inside the article's
    block, where trafilatura keeps them."""
    body = (
        "<p>Министр обороны России провел переговоры с коллегой из Казахстана в Москве.</p>"
        f"{chrome}<p>Стороны подписали план военного сотрудничества на следующий год.</p>"
    )
    text = page_article(page(body), "p.html", ReadOptions()).text
    assert text.split("\n")[1:] == [
        "Министр обороны России провел переговоры с коллегой из Казахстана в Москве.",
        "Стороны подписали план военного сотрудничества на следующий год.",
    ]


def test_a_short_news_item_keeps_its_lines_and_leaves_the_menu() -> None:
    """A news item under 250 characters (a flash) in a page of menus and most-read lists:
    its headline and sentences stay apart (trafilatura's rescue of short texts ran them into
    one line), and no menu or list comes in."""
    menu = "".join(f"<li><a href='/{i}'>Раздел {i}</a></li>" for i in range(8))
    most_read = "".join(
        f"<li><a href='/n/{i}'>Президент подписал указ о назначении нового министра {i}</a></li>"
        for i in range(4)
    )
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Путин прибыл в Минск - "
        f"Агентство</title></head><body><nav><ul>{menu}</ul></nav><div class='wrap'>"
        "<article><h1>Путин прибыл в Минск</h1><p>МИНСК, 5 декабря. /ТАСС/. Президент России "
        "Владимир Путин прибыл в Минск с рабочим визитом.</p><div class='share'>Поделиться</div>"
        "<p>Визит продлится два дня.</p></article>"
        f"<aside><h3>Самое читаемое</h3><ul>{most_read}</ul></aside></div>"
        "<footer>© 2025 Агентство. Все права защищены.</footer></body></html>"
    )
    article = page_article(html.encode(), "flash.html", ReadOptions())
    assert article.text == (
        "Путин прибыл в Минск\nМИНСК, 5 декабря. /ТАСС/. Президент России Владимир Путин прибыл "
        "в Минск с рабочим визитом.\nВизит продлится два дня."
    )
    assert article.title == "Путин прибыл в Минск" and article.outlet == "Агентство"


def test_a_paragraph_repeated_right_after_itself_is_read_once() -> None:
    """A photo caption that repeats the headline, a block doubled for phones: one line, in
    every page layout (trafilatura drops such a repeat in some layouts and not in others)."""
    lead = "Министр обороны России провел переговоры с коллегой из Казахстана в Москве."
    again = "Стороны подписали план военного сотрудничества на следующий год."
    for body in (
        f"<p>{lead}</p><p>{lead}</p><p>{again}</p><p>{lead}</p>",
        f"<div class='news-body'>{lead}<br><br>{lead}<br><br>{again}<br><br>{lead}</div>",
    ):
        text = page_article(page(body), "p.html", ReadOptions()).text
        assert text.split("\n")[1:] == [lead, again, lead]  # not a repeat further on


def test_web_archive_is_read_as_its_page() -> None:
    """A page saved by a browser as one file (.mhtml): its HTML part (quoted-printable, no
    charset in its header) is the page; its address is the page's url."""
    path = PAGES / "agency.mhtml"
    reader = HtmlReader()
    assert reader.sniff(path.read_bytes()[:2048])
    (article,) = reader.read(Source(str(path), path), ReadOptions())
    assert article.text == AGENCY_TEXT
    assert (article.id, article.title) == (
        "agency",
        "Минобороны России и Казахстана подписали план сотрудничества",
    )
    assert article.url == "https://step-news.example/politika/2025/10/31/plan"
    stdin = Source("<stdin>", data=path.read_bytes())
    assert [a.text for a in reader.read(stdin, ReadOptions())] == [AGENCY_TEXT]


def test_web_archive_without_a_page_is_refused() -> None:
    data = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: text/css\r\n\r\np { color: red }\r\n--b--\r\n"
    )
    with pytest.raises(InputError) as caught:
        next(HtmlReader().read(Source("saved.mhtml", data=data), ReadOptions()))
    assert caught.value.reason == "not a web archive (.mhtml) with a page: no HTML part"


@pytest.mark.parametrize(
    "head",
    [
        b"<!-- saved from url=(0042)https://step-news.example/politika/plan -->\r\n<html>",
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML">',
        b"\n\n<!-- cached 12:40 -->\n<!-- generator -->\n<!DOCTYPE html>",
        b"<head><meta charset='utf-8'><title>",
    ],
)
def test_reader_sniffs_pages_behind_comments_and_prologs(head: bytes) -> None:
    assert HtmlReader().sniff(head)


def test_a_page_with_only_its_headline_has_no_main_text() -> None:
    """A page whose article is loaded by a script: the headline alone is no article."""
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Министры обороны России и "
        "Казахстана подписали план сотрудничества - Агентство</title></head><body>"
        "<nav><a href='/'>Главная</a> <a href='/p'>Политика</a></nav><article><h1>Министры "
        "обороны России и Казахстана подписали план сотрудничества</h1>"
        "<div id='article-body' data-src='/api/article/123'></div></article></body></html>"
    )
    with pytest.raises(InputError) as caught:
        page_article(html.encode(), "js.html", ReadOptions())
    assert caught.value.reason.startswith("no main text")


@pytest.mark.parametrize(
    "table",
    [
        "<table><tr><td><font size=2>{0}<br>{1}<br><br>{2}</font></td></tr></table>",
        "<table><tr><td><a href='/'>Главная</a><br><a href='/news'>Новости</a></td>"
        "<td>{0}<br>{1}<br>{2}</td></tr></table>",
    ],
)
def test_a_table_of_one_cell_or_of_long_text_lays_out_the_page(table: str) -> None:
    """Old sites put the whole article in one cell, its paragraphs parted by <br>: the
    paragraphs stay lines, not one row of cells."""
    paragraphs = [
        "Министр обороны Казахстана Даурен Косанов провел переговоры с главой Минобороны "
        "России Андреем Белоусовым в Алма-Ате в рамках заседания Совета министров обороны "
        "государств - участников СНГ.",
        "По итогам переговоров стороны подписали план военного сотрудничества на 2026 год, "
        "сообщили в пресс-службе министерства обороны Республики Казахстан.",
        "Косанов также поблагодарил российскую сторону за поддержку в организации сбора.",
    ]
    html = f"<html><body>{table.format(*paragraphs)}</body></html>"
    assert page_article(html.encode(), "old.html", ReadOptions()).text.split("\n") == paragraphs
