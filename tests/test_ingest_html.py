"""Main text of web pages: trafilatura first, a plain lxml dump as the fallback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsbrief.errors import EmptyInputError
from newsbrief.ingest.html import ExtractedPage, extract_html, looks_like_html

DATA = Path(__file__).parent / "data"


def _page() -> str:
    return (DATA / "html_article_page.html").read_text("utf-8")


def test_html_extracts_main_text_one_paragraph_a_line():
    page = extract_html(_page(), url="https://www.gazette.example/news/bridge")
    lines = page.text.split("\n")
    assert lines[1].startswith("The harbour bridge reopened to traffic on Monday morning")
    assert lines[-1].startswith("Commuters said the reopening")
    assert "“We are proud of the crews who worked through the winter,” the mayor told reporters" in page.text
    assert all(line == line.strip() and line for line in lines)


@pytest.mark.parametrize("noise", ["Home", "Sport", "reader42", "Finally!", "Copyright 2019", "window.tracking",
                                   "font-family", "North"])
def test_html_drops_navigation_comments_scripts_and_tables(noise):
    assert noise not in extract_html(_page(), url="https://www.gazette.example/news/bridge").text


def test_html_reads_title_date_and_site():
    page = extract_html(_page(), url="https://www.gazette.example/news/bridge")
    assert page.title == "Harbour bridge reopens after repairs"
    assert page.published is not None and page.published.date() == date(2019, 1, 21)
    assert page.source == "gazette.example"


def test_html_site_falls_back_to_site_name_without_url():
    assert extract_html(_page()).source in {"The Example Gazette", None}


def test_html_falls_back_to_a_text_dump_for_a_tiny_page():
    page = extract_html("<html><head><title>Note</title></head><body><div>One line.</div>"
                        "<div>Two<br>Three</div><script>var x = 1;</script></body></html>")
    assert page.text == "One line.\nTwo\nThree"
    assert page.title == "Note"
    assert isinstance(page, ExtractedPage)


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>",
                                  "<html><head><script>track()</script></head><body><style>p{}</style></body></html>"])
def test_html_raises_when_the_page_has_no_text(html):
    with pytest.raises(EmptyInputError, match=r"^the page has no readable text$"):
        extract_html(html)


def test_html_error_names_the_url():
    with pytest.raises(EmptyInputError, match=r"^https://x\.example/a: the page has no readable text$"):
        extract_html("<html></html>", url="https://x.example/a")


def test_html_accepts_an_xml_declaration():
    page = extract_html('<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Text after a declaration.</p>'
                        "</body></html>")
    assert page.text == "Text after a declaration."


@pytest.mark.parametrize(("text", "expected"), [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("  <html lang='en'><head><title>t</title></head></html>", True),
    ("<p>A fragment</p>", True),
    ("<div class='story'>A fragment</div>", True),
    ("Plain text that mentions <b>bold</b> tags.", False),
    ("The price rose to <10 dollars.", False),
    ("", False),
])
def test_html_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_html_published_time_keeps_the_time_of_day():
    from datetime import UTC, datetime

    page = extract_html(_page(), url="https://www.gazette.example/news/bridge")
    assert page.published == datetime(2019, 1, 21, 9, 30, tzinfo=UTC)  # article:published_time, 09:30Z
