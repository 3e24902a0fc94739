"""The readable text of a web page, with its title, date and site.

trafilatura finds the main text (Barbaresi, ACL 2021 demo) and drops navigation,
comments and tables; paragraphs come out one per line. A page where it finds
nothing still gives its visible text through a plain lxml dump, so a short or
odd page is read rather than lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from newsbrief.errors import EmptyInputError
from newsbrief.ingest.dates import parse_date
from newsbrief.ingest.decode import normalize_newlines

# Elements whose text is never article text.
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
# Elements that end a line in the fallback dump.
_BLOCKS = ("p", "div", "br", "li", "dt", "dd", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article",
           "section", "blockquote", "pre", "header", "footer", "figcaption", "hr", "table", "ul", "ol")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What was read from one HTML page: its main text, one paragraph a line."""

    text: str
    title: str | None = None
    published: datetime | None = None
    source: str | None = None  # the site's host (e.g. "cnn.com") or, failing that, its name


def extract_html(html: str, *, url: str | None = None) -> ExtractedPage:
    """The main text and metadata of an HTML page.

    Args:
        html: the decoded page.
        url: where the page came from; helps trafilatura and names the site.

    Returns:
        An ExtractedPage whose ``text`` has one paragraph a line (``\\n``).

    Raises:
        EmptyInputError: the page has no visible text at all.
    """
    import trafilatura

    document = None
    if html.strip():
        document = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, include_images=False,
            with_metadata=True, output_format="python", date_extraction_params=_date_params(),
        )
    text = _tidy(getattr(document, "text", None) or "")
    if not text:
        text = _tidy(_text_dump(html))
    if not text:
        where = f"{url}: " if url else ""
        raise EmptyInputError(f"{where}the page has no readable text", source=url)
    return ExtractedPage(
        text=text,
        title=_clean_str(getattr(document, "title", None)) or _title_tag(html),
        published=parse_date(getattr(document, "date", None)),
        source=_site(document, url),
    )


def _date_params() -> dict[str, object]:
    """trafilatura's own date defaults, with the time of day kept (its default format is the date alone,
    so ``article:published_time`` 14:30 became midnight and a story's order within a day was lost)."""
    from trafilatura.settings import set_date_params

    return {**set_date_params(), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def looks_like_html(text: str) -> bool:
    """Whether text read from a file or stdin is an HTML document rather than prose."""
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower():
        return True
    if not head.startswith("<"):
        return False
    return re.search(r"<(head|body|article|div|p|title|meta|main|section)[\s>]", head) is not None


def _site(document: object, url: str | None) -> str | None:
    host = _clean_str(getattr(document, "hostname", None))
    if not host and url:
        host = urlsplit(url).hostname
    if host:
        return host.removeprefix("www.")
    return _clean_str(getattr(document, "sitename", None))


def _text_dump(html: str) -> str:
    """Every visible text node, with a line break after each block element."""
    import lxml.html
    from lxml.etree import ParserError

    source = _XML_DECLARATION.sub("", html)
    if not source.strip():
        return ""
    try:
        tree = lxml.html.fromstring(source)
    except (ParserError, ValueError):
        return ""
    for element in list(tree.iter(*_INVISIBLE)):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return tree.text_content()


def _tidy(text: str) -> str:
    """One paragraph a line: spaces collapsed, blank lines and line-edge spaces dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in normalize_newlines(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _title_tag(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:65_536], re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    import html as html_module

    return _clean_str(html_module.unescape(_SPACES.sub(" ", match.group(1))))


def _clean_str(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
