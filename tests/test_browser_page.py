"""The web page in real Chromium (Debian's /usr/bin/chromium driven by Playwright) against a loopback server.

Screenshots go to ``artifacts/browser/`` (git-ignored). Without Chromium or
Playwright these tests skip, and pytest's summary (``-ra``) says why.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DEMO_PATHS, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts" / "browser"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DEMO_TEXTS = [p.read_text("utf-8") for p in DEMO_PATHS]
MOON_QUOTE = "We will not loosen our guard"


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return (f"Chromium not found at {CHROMIUM}; `bash scripts/install-debian-packages.sh` installs it "
                "(as root, with apt)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (it is in the 'dev' extra)"
    try:
        import fastapi  # noqa: F401
    except ImportError:
        return "the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)"
    return None


if _missing():
    pytest.skip(_missing(), allow_module_level=True)

from playwright.sync_api import BrowserContext, Page, expect, sync_playwright  # noqa: E402

from newsbrief.server.app import create_app  # noqa: E402
from newsbrief.server.testing import ServerThread  # noqa: E402
from newsbrief.settings import Settings  # noqa: E402


def _has_store() -> bool:
    try:
        import newsbrief.storage.briefs
        import newsbrief.storage.db  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    store = str(tmp_path_factory.mktemp("store") / "stories.db") if _has_store() else None
    with ServerThread(create_app(Settings(), store_path=store, workers=1)) as running:
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
            viewport=DESKTOP, accept_downloads=True, has_touch=True)
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: BrowserContext, server: ServerThread) -> Iterator[Page]:
    page = browser.new_page()
    page.set_viewport_size(DESKTOP)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)  # type: ignore
    page.goto(server.url + "/")
    yield page
    page.close()


def paste_and_brief(page: Page, texts: list[str], *, limit: int = 100, unit: str = "words") -> None:
    boxes = page.locator("#articles textarea")
    for i, text in enumerate(texts):
        if i >= boxes.count():
            page.get_by_role("button", name="Add article").click()
        boxes.nth(i).fill(text)
    page.fill("#limit", str(limit))
    page.select_option("#unit", unit)
    page.get_by_role("button", name="Brief", exact=True).click()
    expect(page.locator("#result .brief li").first).to_be_visible(timeout=60_000)


def test_browser_seed_brief_with_citations_and_quotes(page: Page) -> None:
    expect(page.locator("#articles textarea")).to_have_count(2)  # two boxes to start
    paste_and_brief(page, DEMO_TEXTS, limit=100)

    meta = page.locator("#result .meta").inner_text()
    words = int(meta.split()[0])
    assert 0 < words <= 100, meta

    marker = page.locator("#result .brief .cite").first
    tip = marker.locator("xpath=following-sibling::*[1]")
    expect(tip).to_be_hidden()
    marker.hover()
    expect(tip).to_be_visible()
    shown = tip.locator(".tip-text").first.inner_text().strip("“”")
    assert any(shown in text for text in DEMO_TEXTS), shown  # the supporting sentence, verbatim

    quotes = page.locator('[data-section="quotes"]')
    expect(quotes).to_contain_text(MOON_QUOTE)
    expect(quotes.locator(".quote", has_text=MOON_QUOTE).locator(".who")).to_contain_text("Moon")
    for key in ("agreement", "unique", "conflicts", "entities"):
        expect(page.locator(f'[data-section="{key}"] h3')).to_be_visible()
    assert "null" not in page.locator("#result").inner_text()
    page.screenshot(path=str(ARTIFACTS / "brief-desktop.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]


def test_browser_phone_width_tap_shows_source_and_nothing_overflows(page: Page) -> None:
    page.set_viewport_size(PHONE)
    paste_and_brief(page, DEMO_TEXTS, limit=100)
    marker = page.locator("#result .brief .cite").first
    marker.tap()
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(marker.locator("xpath=following-sibling::*[1]")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a phone screen"
    page.locator('[data-section="quotes"]').scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "brief-phone.png"), full_page=True)
    page.keyboard.press("Escape")
    expect(marker).to_have_attribute("aria-expanded", "false")


def test_browser_markup_in_articles_is_shown_never_run(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payloads = [
        'The council opened the bridge <script>window.__pwned = "script"</script> on Monday after two years. '
        'The mayor said <img src=x onerror="window.__pwned=\'img\'; alert(1)"> the bridge cost 5 million dollars. '
        '"We are proud <b onmouseover=alert(2)>of this</b>," the mayor said.',
        'On Monday the council opened the new bridge <svg onload="window.__pwned=\'svg\'"></svg> to traffic. '
        'It cost 5 million dollars <iframe src="javascript:alert(3)"></iframe> according to the mayor. '
        '"We are proud <b onmouseover=alert(2)>of this</b>," the mayor said.',
    ]
    paste_and_brief(page, payloads, limit=80)
    for marker in page.locator("#result .cite").all():
        marker.hover()
    page.locator("#result").hover()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    result = page.locator("#result")
    assert result.locator("script, img[src='x'], svg, iframe, b").count() == 0
    text = result.inner_text()
    assert "<script>" in text or "<img src=x" in text or "<svg" in text  # the markup is shown as text
    page.screenshot(path=str(ARTIFACTS / "markup-shown-as-text.png"), full_page=True)


def test_browser_keyboard_reaches_citations_and_add_article(page: Page) -> None:
    paste_and_brief(page, DEMO_TEXTS, limit=60)
    page.focus("#brief-button")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite')"):
            break
    else:
        pytest.fail("Tab never reached a citation marker")
    focused = page.locator(".cite:focus")
    expect(focused.locator("xpath=following-sibling::*[1]")).to_be_visible()
    page.keyboard.press("Enter")
    expect(focused).to_have_attribute("aria-expanded", "true")

    page.focus("#add-article")
    page.keyboard.press("Enter")
    expect(page.locator("#articles textarea")).to_have_count(3)
    assert page.evaluate("document.activeElement.id") == "article-3"


def test_browser_copy_markdown_and_download_json(page: Page, server: ServerThread) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    paste_and_brief(page, DEMO_TEXTS, limit=100)
    page.get_by_role("button", name="Copy as Markdown").click()
    expect(page.locator("#result .status")).to_contain_text("Copied")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("# Brief\n") and "[^1]" in markdown and "## Sources" in markdown

    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    doc = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert doc["schema"] == "newsbrief.brief/1" and doc["sentences"]
    assert download.value.suggested_filename == f"brief-{doc['story_id']}.json"


def test_browser_files_are_briefed_by_name(page: Page, tmp_path: Path) -> None:
    text_file = tmp_path / "cnn.txt"
    text_file.write_text(DEMO_TEXTS[0], "utf-8")
    html_file = tmp_path / "other.html"
    html_file.write_text(f"<html><head><title>Second summit</title></head><body><article><p>"
                         f"{DEMO_TEXTS[1]}</p></article></body></html>", "utf-8")
    page.set_input_files("#file-input", [str(text_file), str(html_file)])
    expect(page.locator("#file-list li")).to_have_count(2)
    page.get_by_role("button", name="Brief", exact=True).click()
    expect(page.locator("#result .brief li").first).to_be_visible(timeout=60_000)
    expect(page.locator("#result .sources")).to_contain_text("cnn.txt")
    expect(page.locator("#result .sources")).to_contain_text("Second summit")


def test_browser_empty_form_says_what_to_do(page: Page) -> None:
    page.get_by_role("button", name="Brief", exact=True).click()
    expect(page.locator("#compose-error")).to_have_text("Paste at least one article, or add a file.")


def test_browser_api_docs_render_without_csp_violations(page: Page, server: ServerThread) -> None:
    page.goto(server.url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("newsbrief", timeout=30_000)
    expect(page.get_by_text("/v1/brief", exact=True).first).to_be_visible()
    assert [e for e in page.errors if "Content Security Policy" in e] == []  # type: ignore[attr-defined]


def test_browser_story_list_and_story_page(page: Page, server: ServerThread) -> None:
    if not _has_store():
        pytest.skip("the story store (newsbrief.storage.db and .briefs) is not installed")
    import httpx

    payload = {"articles": [{"text": DEMO_TEXTS[0], "title": "Trump letter reaches <b>Kim</b>",
                             "source": "cnn.com", "url": "javascript:alert(1)"},
                            {"text": DEMO_TEXTS[1], "title": "Second summit planned", "source": "foxnews.com",
                             "url": "https://example.org/summit"}]}
    assert httpx.post(server.url + "/v1/articles", json=payload, timeout=60).status_code == 200
    page.goto(server.url + "/stories")
    expect(page.get_by_role("link", name="Stories")).to_have_attribute("aria-current", "page")
    link = page.locator("#story-list a").first
    expect(link).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "stories-desktop.png"))
    link.click()
    expect(page.locator("#story-articles li")).to_have_count(2)
    expect(page.locator("#story-articles")).to_contain_text("Trump letter reaches <b>Kim</b>")  # shown, not bold
    assert page.locator("#story-articles a[href^='javascript']").count() == 0
    expect(page.locator("#story-result .brief li").first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "story-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / "story-phone.png"))


def test_browser_focus_box_brings_the_query_into_the_brief(page: Page) -> None:
    paste_and_brief(page, DEMO_TEXTS, limit=60)
    expect(page.locator("#result .brief")).not_to_contain_text("Bolton")
    expect(page.locator("#result .focus-line")).to_have_count(0)
    page.fill("#query", "Bolton's role")
    page.get_by_role("button", name="Brief", exact=True).click()
    expect(page.locator("#result .focus-line")).to_contain_text("Focus: Bolton's role", timeout=60_000)
    expect(page.locator("#result .brief")).to_contain_text("Bolton")
    meta = page.locator("#result .meta").inner_text()
    assert 0 < int(meta.split()[0]) <= 60, meta
    page.screenshot(path=str(ARTIFACTS / "brief-focused.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
