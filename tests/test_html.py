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
