"""``newsbrief ingest``: files, directories, JSONL and feeds (served on 127.0.0.1) into a real store."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import DEMO_DIR, DEMO_PATHS, run_cli

import newsbrief
from newsbrief.errors import EmptyInputError
from newsbrief.ingest.feeds import looks_like_feed, parse_feed, read_url
from newsbrief.settings import Settings
from newsbrief.storage.db import Store

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>{body2}</p></article><footer>Share this story</footer></body></html>"""
PAGES = {
    "/harbour-1.html": ("Dock workers strike in Rotterdam",
                        "Dock workers in Rotterdam walked out on Monday over pay, halting container traffic at "
                        "Europe's largest port.", "Union leaders said the strike in the Rotterdam port would last "
                                                  "48 hours unless the port operators improve their pay offer."),
    "/harbour-2.html": ("Rotterdam port strike halts containers",
                        "Container traffic stopped at the port of Rotterdam as dock workers began a 48-hour strike "
                        "over pay on Monday.", "Port operators said they would meet the union about the pay offer "
                                               "as ships queued outside the Rotterdam harbour."),
    "/comet.html": ("Comet visible over Chile",
                    "Astronomers in Chile photographed a bright comet over the Atacama desert this week.",
                    "The comet will be visible to the naked eye in the southern hemisphere until March."),
}
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour News</title><link>http://harbour.example/</link>
<item><title>Strike at the port</title><link>{base}/harbour-1.html</link><guid>h1</guid>
<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>
<item><title>Containers halted</title><link>{base}/harbour-2.html</link><guid>h2</guid>
<pubDate>Mon, 04 Mar 2024 11:00:00 GMT</pubDate></item>
<item><title>Gone page</title><link>{base}/gone.html</link><guid>h3</guid>
<description>&lt;p&gt;Ferry services to the islands were cancelled on Monday because of the Rotterdam strike, the
ferry company said in a short statement.&lt;/p&gt;</description></item>
<item><title>Nothing at all</title><link>{base}/gone-too.html</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sky</title><link href="http://sky.example/"/>
<id>urn:sky</id><updated>2024-03-05T10:00:00Z</updated>
<entry><title>Comet</title><link href="{base}/comet.html"/><id>urn:sky:1</id>
<updated>2024-03-05T10:00:00Z</updated></entry>
</feed>"""


_requested: list[str] = []  # the path of every request the server received


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        _requested.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/paper.pdf":
            self._send("application/pdf", "%PDF-1.4 not really")
        elif self.path == "/feed.rss":
            self._send("application/rss+xml", RSS.format(base=base))
        elif self.path == "/atom":
            self._send("text/xml; charset=utf-8", ATOM.format(base=base))
        elif self.path in PAGES:
            title, body, body2 = PAGES[self.path]
            self._send("text/html; charset=utf-8", PAGE.format(title=title, body=body, body2=body2))
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _send(self, content_type: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()



def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- files, directories, JSONL -------------------------------------------------------------------


def test_cli_ingest_files_then_again_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "news.db")
    code, out, err = run_cli(["ingest", *map(str, DEMO_PATHS), "--db", db], capsys)
    assert code == 0, err
    assert out == f"2 of 2 articles added to {db} (0 grouped as duplicates, 0 already stored); 1 new stories, " \
                  "0 updated, 0 merged\n"
    assert err == "newsbrief: batch 1 committed: 2 added (0 duplicates), 0 already stored\n"
    code, out, _ = run_cli(["ingest", str(DEMO_DIR), "--db", db], capsys)
    assert code == 0
    assert out.startswith("0 of 2 articles added") and "2 already stored" in out


def test_cli_ingest_jsonl_keeps_ids_and_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "wire-1", "title": "Strike", "text": PAGES["/harbour-1.html"][1], "url": "https://a.example/1",
         "source": "a.example", "published": "2024-03-04T09:00:00Z", "section": "economy", "tags": ["port"]},
        {"id": "wire-2", "text": PAGES["/harbour-2.html"][1], "source": "b.example"},
        {"id": "wire-3", "text": PAGES["/comet.html"][1]},
    ])
    db = tmp_path / "news.db"
    code, out, err = run_cli(["ingest", str(source), "--db", str(db), "--batch-size", "2", "--format", "json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["added"], summary["batches"], len(summary["stories_created"])) == (3, 2, 2)
    assert err.count("committed") == 2
    with Store(db, readonly=True) as store:
        article = store.article("wire-1")
        assert dict(article.meta) == {"section": "economy", "tags": '["port"]'}
        assert article.published is not None and article.published.isoformat() == "2024-03-04T09:00:00+00:00"
        assert sorted(sorted(s.article_ids) for s in store.stories()) == [["wire-1", "wire-2"], ["wire-3"]]


def test_cli_ingest_reports_bad_lines_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"id": "ok", "text": "A fine article about the harbour strike in Rotterdam."}\n{oops\n',
                      encoding="utf-8")
    code, out, err = run_cli(["ingest", str(source), "--db", str(tmp_path / "n.db")], capsys)
    assert code == 0
    assert f"newsbrief: warning: {source}:2: not valid JSON" in err
    assert out.startswith("1 of 1 articles added")


def test_cli_ingest_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["ingest", "--db", str(tmp_path / "x.db")], capsys)
    assert code == 2 and "give at least one PATH" in err
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"not sqlite at all" * 50)
    code, out, err = run_cli(["ingest", str(DEMO_PATHS[0]), "--db", str(foreign)], capsys)
    assert code == 1 and out == ""
    assert err == f"newsbrief: error: {foreign} is not a newsbrief store: not an SQLite database or corrupted " \
                  "(file is not a database); nothing was changed\n"
    code, _, err = run_cli(["ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "y.db")], capsys)
    assert code == 1 and err.endswith("newsbrief: error: no article could be read\n")
    assert not (tmp_path / "y.db").exists()


def test_cli_ingest_default_store_under_newsbrief_home(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_HOME", str(tmp_path / "home"))
    code, out, _ = run_cli(["ingest", str(DEMO_PATHS[0])], capsys)
    assert code == 0
    assert str(tmp_path / "home" / "newsbrief.db") in out


# --- feeds ---------------------------------------------------------------------------------------


def test_feeds_sniffing(tmp_path: Path) -> None:
    assert looks_like_feed(RSS.encode()) and looks_like_feed(b"\xef\xbb\xbf" + ATOM.encode())
    assert not looks_like_feed(PAGE.encode()) and not looks_like_feed(b"plain text")
    # Files are read as feeds by their first bytes, or by a feed suffix whatever their bytes.
    (tmp_path / "x.xml").write_text(ATOM.format(base="http://127.0.0.1:9"), encoding="utf-8")
    (tmp_path / "y.xml").write_text("<html><body><p>A page about the comet.</p></body></html>", encoding="utf-8")
    (tmp_path / "anything.rss").write_text("<html><body><p>Served as a feed.</p></body></html>", encoding="utf-8")
    with pytest.raises(EmptyInputError, match="the feed carries no text for this entry"):  # read as a feed
        newsbrief.read([str(tmp_path / "x.xml")])
    assert "comet" in newsbrief.read([str(tmp_path / "y.xml")]).articles[0].text
    with pytest.raises(EmptyInputError, match="feed has no entries"):
        newsbrief.read([str(tmp_path / "anything.rss")])


def test_feeds_entries_pages_fetched_with_feed_fallback(server: str) -> None:
    result = parse_feed(RSS.format(base=server).encode(), "feed.rss", settings=Settings(fetch_private=True))
    titles = [a.title for a in result.articles]
    assert titles == ["Dock workers strike in Rotterdam", "Rotterdam port strike halts containers", "Gone page"]
    first = result.articles[0]
    assert "halting container traffic" in first.text and "Share this story" not in first.text
    assert first.url == f"{server}/harbour-1.html"
    assert first.published is not None and first.published.isoformat() == "2024-03-04T09:00:00+00:00"
    assert dict(first.meta) == {"feed": "feed.rss", "feed_entry_id": "h1"}
    assert result.articles[2].text.startswith("Ferry services to the islands were cancelled")
    assert [str(p) for p in result.problems] == [
        f"{server}/gone.html: page not fetched (HTTP 404 Not Found); used the text the feed carries",
        f"{server}/gone-too.html: page not fetched (HTTP 404 Not Found) and the feed has no text for it; skipped"]


def test_feeds_url_that_is_a_page_is_not_a_feed(server: str) -> None:
    page = read_url(f"{server}/comet.html", settings=Settings())
    assert len(page.articles) == 1 and page.articles[0].url == f"{server}/comet.html" and page.problems == ()
    atom = read_url(f"{server}/atom", settings=Settings(fetch_private=True))
    assert [a.title for a in atom.articles] == ["Comet visible over Chile"]


def test_feeds_broken_feed_is_a_problem() -> None:
    result = parse_feed(b"<rss><channel><title>x</title></channel></rss>", "empty.rss")
    assert result.articles == () and [str(p) for p in result.problems] == ["empty.rss: feed has no entries"]


def test_cli_ingest_feed_file_url_and_page_url(tmp_path: Path, server: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "harbour.rss"
    feed.write_text(RSS.format(base=server), encoding="utf-8")
    db = tmp_path / "news.db"
    code, out, err = run_cli(["ingest", "--fetch-private", str(feed), f"{server}/atom", f"{server}/harbour-1.html",
                              "--db", str(db),
                          "--format", "json"], capsys)
    assert code == 0, err
    assert "gone-too.html: page not fetched (HTTP 404 Not Found) and the feed has no text" in err
    summary = json.loads(out)
    # the page URL is also in the feed: the same article, already stored a moment before
    assert (summary["given"], summary["added"], summary["unchanged"]) == (5, 4, 1)
    with Store(db, readonly=True) as store:
        groups = sorted(sorted(store.article(a).title or "" for a in s.article_ids) for s in store.stories())
    assert ["Comet visible over Chile"] in groups
    harbour = next(g for g in groups if "Dock workers strike in Rotterdam" in g)
    assert "Rotterdam port strike halts containers" in harbour


def test_cli_ingest_url_is_fetched_once_whether_page_or_feed(tmp_path: Path, server: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    _requested.clear()
    code, out, err = run_cli(["ingest", "--fetch-private", f"{server}/comet.html", f"{server}/atom",
                              "--db", str(tmp_path / "n.db"),
                              "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["added"] == 1  # the Atom entry is the same comet page
    # the page once as a URL; the feed once, then its entry's page once
    assert _requested == ["/comet.html", "/atom", "/comet.html"]


def test_cli_ingest_url_that_is_neither_page_nor_feed_is_a_problem(tmp_path: Path, server: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["ingest", f"{server}/paper.pdf", str(DEMO_PATHS[0]), "--db", str(tmp_path / "n.db")],
                           capsys)
    assert code == 0
    assert err.splitlines()[0] == (
        f"newsbrief: warning: {server}/paper.pdf: content type application/pdf is not an article page; "
        "accepted: text/html, application/xhtml+xml, text/plain, application/rss+xml, application/atom+xml, "
        "application/rdf+xml, application/xml, text/xml")


def test_cli_ingest_directory_feed_files_are_ingested_as_feeds(tmp_path: Path, server: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story"
    (story / "feeds").mkdir(parents=True)
    (story / "feeds" / "harbour.xml").write_text(RSS.format(base=server), encoding="utf-8")  # sniffed, not by name
    (story / "sky.atom").write_text(ATOM.format(base=server), encoding="utf-8")
    (story / "note.txt").write_text(PAGES["/harbour-2.html"][2], encoding="utf-8")
    db = tmp_path / "news.db"
    code, out, err = run_cli(["ingest", "--fetch-private", str(story), "--db", str(db), "--format", "json"], capsys)
    assert code == 0, err
    assert f"newsbrief: warning: {server}/gone.html: page not fetched (HTTP 404 Not Found); used the text the " \
           "feed carries" in err
    assert json.loads(out)["added"] == 5
    with Store(db, readonly=True) as store:
        titles = sorted(store.article(a).title or "" for s in store.stories() for a in s.article_ids)
    # entry pages were fetched (page titles, not entry titles), and the feed's own text filled in for the gone page
    assert titles == ["", "Comet visible over Chile", "Dock workers strike in Rotterdam", "Gone page",
                      "Rotterdam port strike halts containers"]


def test_cli_ingest_streams_a_jsonl_over_max_input_bytes_with_a_per_record_limit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_MAX_INPUT_BYTES", "2000")
    records = [{"id": f"a{n}", "title": f"Bridge report {n}", "text": f"The council approved bridge number {n} on "
                f"Monday after a long debate. Work on bridge {n} starts in May, the mayor said."} for n in range(40)]
    records[7]["text"] = "Too long. " * 300  # 3,000 bytes: over the per-record limit
    path = tmp_path / "month.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    assert path.stat().st_size > 2000  # `brief` refuses the file as a whole ...
    code, _, err = run_cli(["brief", str(path), "--sections", "none"], capsys)
    assert code == 1 and "max_input_bytes" in err
    db = tmp_path / "news.db"  # ... `ingest` reads it record by record
    code, out, err = run_cli(["ingest", str(path), "--db", str(db), "--batch-size", "10", "--format", "json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["given"] == 39 and summary["batches"] == 4 and summary["skipped"] == 1
    assert f"newsbrief: warning: {path}:8: record is over 2,000 bytes (2.0 kB), the limit (max_input_bytes); " \
           "skipped" in err
    with newsbrief.Store(db, readonly=True) as store:
        stored = {a for s in store.stories() for a in s.article_ids}
    assert stored == {f"a{n}" for n in range(40) if n != 7}


def test_ingest_bounded_lines_keeps_numbering_and_reads_long_lines_away() -> None:
    import io

    from newsbrief.ingest.lines import bounded_lines

    too_long: list[int] = []
    lines = list(bounded_lines(io.BytesIO(b"ab\n" + b"x" * 50 + b"\ncd\n\nlast"), 10, too_long))
    assert lines == [b"ab\n", b"\n", b"cd\n", b"\n", b"last"] and too_long == [2]
