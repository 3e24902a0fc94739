"""Reading files, directories, JSONL, JSON and stdin: good items flow, bad ones become Problems."""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest

import newsbrief
from newsbrief.datatypes import Article, Problem
from newsbrief.errors import EmptyInputError
from newsbrief.ingest.readers import ReadResult, read
from newsbrief.settings import Settings

DATA = Path(__file__).parent / "data"
DEMO = Path(newsbrief.__file__).parent / "resources" / "demo"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"  # ../shared/data beside the repo
PNG = b"\x89PNG\r\n\x1a\n" + bytes(random.Random(3).randrange(256) for _ in range(300))


def _write(directory: Path, name: str, data: bytes | str) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def test_readers_reads_the_demo_folder_in_sorted_order():
    result = read([str(DEMO)])
    assert isinstance(result, ReadResult)
    assert [Path(a.path).name for a in result.articles] == ["source-1.txt", "source-2.txt"]
    assert result.problems == ()
    first = result.articles[0]
    assert first.text == (DEMO / "source-1.txt").read_text("utf-8")
    assert first.title is None
    assert first.id == Article.make(first.text).id


def test_readers_is_newsbrief_read():
    assert newsbrief.read is read
    assert newsbrief.ReadResult is ReadResult


@pytest.mark.parametrize(("name", "expected_start"), [
    ("latin1_article.txt", "Le café de la gare"),
    ("cp1252_smart_quotes_article.txt", "“We are open again,”"),
    ("utf8_bom_article.txt", "The council approved"),
    ("utf16_article.txt", "The bridge reopened"),
    ("crlf_article.txt", "The storm reached the coast overnight.\nThousands lost power.\nRepairs"),
    ("non_english_article.txt", "Der Bundestag hat am Donnerstag"),
])
def test_readers_reads_text_files_in_any_encoding(name, expected_start):
    (article,) = read([str(DATA / name)]).articles
    assert article.text.startswith(expected_start)
    assert "\r" not in article.text and "\ufeff" not in article.text
    assert article.path == str(DATA / name)


def test_readers_reads_non_english_text_whole():
    (article,) = read([str(DATA / "non_english_article.txt")]).articles
    assert "Президент заявил" in article.text and "東京都は金曜日" in article.text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "file is empty"),
    (b"  \n\t\r\n  ", "file has only whitespace"),
    (PNG, "looks binary (PNG image); newsbrief reads text, HTML or JSONL in UTF-8, UTF-16 (with BOM) "
          "or a legacy encoding such as Latin-1"),
    (b"text\x00with\x00nuls", "looks binary (contains NUL bytes); newsbrief reads text, HTML or JSONL in UTF-8, "
                              "UTF-16 (with BOM) or a legacy encoding such as Latin-1"),
    (b"<html><body><script>x()</script></body></html>", "the page has no readable text"),
])
def test_readers_bad_file_is_a_problem_and_the_others_survive(tmp_path, data, reason):
    bad = _write(tmp_path, "bad.txt", data)
    good = _write(tmp_path, "good.txt", "A good article.")
    result = read([bad, good])
    assert [a.path for a in result.articles] == [good]
    assert result.problems == (Problem(bad, None, reason),)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "file is empty"),
    (b"   \n\n", "file has only whitespace"),
    (PNG, "looks binary (PNG image)"),
])
def test_readers_nothing_readable_raises_with_the_reason(tmp_path, data, reason):
    bad = _write(tmp_path, "only.txt", data)
    with pytest.raises(EmptyInputError) as caught:
        read([bad])
    assert str(caught.value).startswith(f"no article could be read: {bad}: {reason}")
    assert caught.value.problems == (Problem(bad, None, str(caught.value).split(f"{bad}: ", 1)[1]),)


@pytest.mark.parametrize(("name", "reason"), [("empty_article.txt", "file is empty"),
                                             ("whitespace_only_article.txt", "file has only whitespace")])
def test_readers_empty_test_files_are_problems(name, reason):
    path = str(DATA / name)
    result = read([path, str(DATA / "latin1_article.txt")])
    assert result.problems == (Problem(path, None, reason),)
    assert len(result.articles) == 1


def test_readers_missing_path_is_a_problem(tmp_path):
    missing = str(tmp_path / "nope.txt")
    good = _write(tmp_path, "good.txt", "A good article.")
    result = read([missing, good])
    assert len(result.articles) == 1
    assert [str(p) for p in result.problems] == [f"{missing}: no such file or directory"]
    with pytest.raises(EmptyInputError, match=r"^no article could be read: .*nope.txt: no such file or directory$"):
        read([missing])


def test_readers_directory_without_articles_raises_a_clear_error(tmp_path):
    folder = tmp_path / "photos"
    _write(folder, "cover.png", PNG)
    _write(folder, ".DS_Store", "hidden")
    _write(folder, ".git/HEAD", "ref: refs/heads/main")
    with pytest.raises(EmptyInputError) as caught:
        read([str(folder)])
    assert str(caught.value) == (f"no article could be read: {folder}/cover.png: skipped: .png files are not "
                                 "articles; newsbrief reads text, HTML, JSON and JSONL files")


def test_readers_empty_directory_raises_a_clear_error(tmp_path):
    with pytest.raises(EmptyInputError, match=r"^no article could be read: .*: directory has no article files"):
        read([str(tmp_path)])


def test_readers_directory_is_read_recursively_sorted_without_hidden_files(tmp_path):
    _write(tmp_path, "b.txt", "Second by name.")
    _write(tmp_path, "a/z.txt", "Inside a folder.")
    _write(tmp_path, "a.txt", "First by name.")
    _write(tmp_path, ".hidden.txt", "Never read.")
    _write(tmp_path, ".cache/c.txt", "Never read either.")
    _write(tmp_path, "c.html", "<html><body><p>A page in the folder.</p></body></html>")
    _write(tmp_path, "d.unknown", PNG)
    result = read([str(tmp_path)])
    # Sorted by path components, so a folder's files come right after its name.
    assert [a.text for a in result.articles] == ["Inside a folder.", "First by name.", "Second by name.",
                                                 "A page in the folder."]
    assert [str(p) for p in result.problems] == [f"{tmp_path}/d.unknown: looks binary (PNG image); newsbrief "
                                                 "reads text, HTML or JSONL in UTF-8, UTF-16 (with BOM) or a "
                                                 "legacy encoding such as Latin-1"]


def test_readers_accepts_a_single_path_string(tmp_path):
    path = _write(tmp_path, "one.txt", "One article.")
    assert [a.text for a in read(path).articles] == ["One article."]


def test_readers_keeps_the_order_of_the_paths_given(tmp_path):
    paths = [_write(tmp_path, name, f"Article {name}.") for name in ("z.txt", "a.txt", "m.txt")]
    assert [a.path for a in read(paths).articles] == paths


def test_readers_refuses_a_file_over_the_size_limit(tmp_path):
    big = _write(tmp_path, "big.txt", "word " * 300)
    small = _write(tmp_path, "small.txt", "A small article.")
    result = read([big, small], settings=Settings(max_input_bytes=1_000))
    assert [a.path for a in result.articles] == [small]
    assert [str(p) for p in result.problems] == [
        f"{big}: file is 1,500 bytes (1.5 kB), over the limit of 1,000 bytes (1.0 kB) (max_input_bytes); skipped"]


def test_readers_refuses_a_50_mb_file_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    line = b"The same sentence of a very long article, written again and again.\n"
    with big.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // (len(line) * 1024) + 1):
            out.write(line * 1024)
    assert big.stat().st_size > 50 * 1024 * 1024
    small = _write(tmp_path, "small.txt", "A small article.")
    tracemalloc.start()
    try:
        result = read([str(big), small])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, "the 50 MB file was loaded"
    (problem,) = result.problems
    assert problem.source == str(big)
    assert problem.reason.startswith(f"file is {big.stat().st_size:,} bytes (52.")
    assert "over the limit of 20,000,000 bytes (20.0 MB) (max_input_bytes); skipped" in problem.reason
    assert [a.path for a in result.articles] == [small]


def test_readers_jsonl_reports_line_of_malformed_record():
    path = str(DATA / "jsonl_bad_line_3.jsonl")
    result = read([path])
    assert [a.id for a in result.articles] == ["r1", "r2", "r4", "r5"]
    assert result.problems == (Problem(path, 3, "not valid JSON (Invalid control character at)"),)
    assert str(result.problems[0]) == f"{path}:3: not valid JSON (Invalid control character at)"
    first, second, fourth = result.articles[0], result.articles[1], result.articles[2]
    assert first.title == "First" and first.path == f"{path}:1"
    assert second.source == "example.org"
    assert fourth.published is not None and fourth.published.isoformat() == "2019-01-21T10:00:00+00:00"


def test_readers_jsonl_record_problems_keep_their_line():
    path = str(DATA / "jsonl_record_without_text.jsonl")
    result = read([path])
    assert [a.id for a in result.articles] == ["ok"]
    assert [str(p) for p in result.problems] == [f'{path}:2: record has no "text" string',
                                                 f"{path}:3: expected a JSON object, got list"]


def test_readers_jsonl_cluster_documents_become_articles():
    path = str(DATA / "jsonl_cluster_two_documents.jsonl")
    result = read([path])
    assert [(a.id, a.text) for a in result.articles] == [("story-1#1", "The first outlet reports the fire."),
                                                         ("doc-b", "The second outlet reports it too.")]


def test_readers_jsonl_normalises_newlines_in_records(tmp_path):
    path = _write(tmp_path, "crlf.jsonl", json.dumps({"id": "x", "text": "one\r\ntwo\rthree"}) + "\n")
    (article,) = read([path]).articles
    assert article.text == "one\ntwo\nthree"


def test_readers_empty_jsonl_is_a_problem(tmp_path):
    empty = _write(tmp_path, "empty.jsonl", "\n\n")
    with pytest.raises(EmptyInputError, match=r"empty\.jsonl: file has no records$"):
        read([empty])


@pytest.mark.parametrize(("content", "ids"), [
    ({"id": "one", "text": "A single record."}, ["one"]),
    ([{"id": "a", "text": "First."}, {"id": "b", "text": "Second."}], ["a", "b"]),
    ({"id": "c", "documents": ["Doc one.", "Doc two."]}, ["c#1", "c#2"]),
])
def test_readers_json_file_holds_a_record_or_a_list(tmp_path, content, ids):
    path = _write(tmp_path, "records.json", json.dumps(content))
    assert [a.id for a in read([path]).articles] == ids


def test_readers_bad_json_file_is_a_problem(tmp_path):
    bad = _write(tmp_path, "bad.json", '{"id": 1,\n "text": }')
    with pytest.raises(EmptyInputError, match=r"bad.json:2: not valid JSON \(Expecting value\)$"):
        read([bad])


def test_readers_html_file_is_extracted():
    (article,) = read([str(DATA / "html_article_page.html")]).articles
    assert article.title == "Harbour bridge reopens after repairs"
    assert "reader42" not in article.text
    assert article.text.split("\n")[1].startswith("The harbour bridge reopened")


def test_readers_text_file_that_is_html_is_sniffed(tmp_path):
    path = _write(tmp_path, "saved.txt", "<!DOCTYPE html><html><body><p>Saved page text.</p></body></html>")
    assert read([path]).articles[0].text == "Saved page text."


@pytest.mark.parametrize(("data", "text"), [
    (b"Plain text from a pipe.\r\n", "Plain text from a pipe.\n"),
    (b"<html><body><p>Piped page.</p></body></html>", "Piped page."),
    ("Caf\u00e9 au lait.".encode("latin-1"), "Café au lait."),
])
def test_readers_stdin_is_sniffed(data, text):
    (article,) = read(["-"], stdin=io.BytesIO(data)).articles
    assert article.text == text
    assert article.path == "-"


def test_readers_stdin_jsonl_is_read_as_records():
    data = b'{"id": "s1", "text": "From stdin."}\nnot json\n{"id": "s2", "text": "Also from stdin."}\n'
    result = read(["-"], stdin=io.BytesIO(data))
    assert [a.id for a in result.articles] == ["s1", "s2"]
    assert [str(p) for p in result.problems] == ["<stdin>:2: not valid JSON (Expecting value)"]


def test_readers_stdin_over_the_limit_is_refused():
    with pytest.raises(EmptyInputError, match=r"<stdin>: input is more than 10 bytes, the limit \(max_input_bytes\)"):
        read(["-"], stdin=io.BytesIO(b"x" * 11), settings=Settings(max_input_bytes=10))


def test_readers_the_same_id_twice_is_made_unique(tmp_path):
    first = _write(tmp_path, "a.txt", "Identical text.")
    second = _write(tmp_path, "b.txt", "Identical text.")
    ids = [a.id for a in read([first, second]).articles]
    assert ids[1] == ids[0] + "~2"


def test_readers_error_lists_five_problems_then_counts_the_rest(tmp_path):
    paths = [str(tmp_path / f"missing-{n}.txt") for n in range(7)]
    with pytest.raises(EmptyInputError) as caught:
        read(paths)
    message = str(caught.value)
    assert message.count("no such file or directory") == 5
    assert message.endswith("; and 2 more")
    assert len(caught.value.problems) == 7


def test_readers_no_paths_at_all_raises():
    with pytest.raises(EmptyInputError, match=r"^no input given; pass files, directories, JSONL files, URLs or - "):
        read([])


def test_readers_shared_data_clusters_become_articles(tmp_path):
    source = SHARED / "multinews_dev_fulltext.jsonl"
    if not source.exists():
        pytest.skip("../shared/data is not available")
    sample = tmp_path / "sample.jsonl"
    with source.open("rb") as lines, sample.open("wb") as out:
        for _, line in zip(range(3), lines, strict=False):
            out.write(line)
    result = read([str(sample)])
    expected = sum(len(json.loads(line)["documents"]) for line in sample.read_text("utf-8").splitlines())
    assert len(result.articles) == expected
    assert result.articles[0].id.endswith("#1")


def test_readers_jsonl_cluster_documents_without_text_are_reported_by_line():
    path = str(DATA / "jsonl_cluster_documents_without_text.jsonl")
    result = read([path])
    assert [a.id for a in result.articles] == ["y1", "z"]
    assert [str(p) for p in result.problems] == [
        f"{path}:1: cluster 'x' has no document with text (document 1: record has no \"text\" string)",
        f"{path}:2: cluster 'y' document 2: record has no \"text\" string; skipped",
        f"{path}:2: cluster 'y' document 3: text is empty; skipped",
        f"{path}:2: cluster 'y' document 4: expected a JSON object or a string, got int; skipped",
    ]


def test_readers_jsonl_cluster_problems_in_iter_clusters():
    from newsbrief.ingest.jsonl import ClusterRecord, iter_clusters

    first, second, third = iter_clusters(DATA / "jsonl_cluster_documents_without_text.jsonl")
    assert isinstance(first, Problem) and first.line == 1
    assert isinstance(second, ClusterRecord) and [a.id for a in second.documents] == ["y1"]
    assert [p.line for p in second.problems] == [2, 2, 2]
    assert isinstance(third, Problem) and third.reason == "cluster 'z' has no \"documents\" list"


def test_readers_feed_file_is_read_as_its_entries_without_fetching():
    path = str(DATA / "rss_entries_with_summaries.xml")
    result = read([path])
    assert [(a.title, a.text, a.url, a.source) for a in result.articles] == [
        ("Strike at the port", "Dock workers in Rotterdam walked out on Monday over pay, halting container traffic.",
         "http://127.0.0.1:9/strike.html", "harbour.example"),
        ("Ferries cancelled", "Ferry services to the islands were cancelled because of the strike.",
         "http://127.0.0.1:9/ferries.html", "harbour.example"),
    ]
    assert result.articles[0].published is not None
    assert dict(result.articles[0].meta) == {"feed": path, "feed_entry_id": "h1"}
    # no "page not fetched" problem: nothing was fetched
    assert [str(p) for p in result.problems] == [
        "http://127.0.0.1:9/link-only.html: the feed carries no text for this entry; skipped "
        "(newsbrief ingest fetches entry pages)"]


def test_readers_feed_in_a_directory_or_on_stdin_is_read_as_its_entries(tmp_path):
    feed = (DATA / "rss_entries_with_summaries.xml").read_bytes()
    _write(tmp_path, "news/harbour.xml", feed)
    _write(tmp_path, "news/note.txt", "A note about the harbour.")
    from_dir = read([str(tmp_path / "news")])
    assert [a.title for a in from_dir.articles] == ["Strike at the port", "Ferries cancelled", None]
    from_stdin = read(["-"], stdin=io.BytesIO(feed))
    assert [a.title for a in from_stdin.articles] == ["Strike at the port", "Ferries cancelled"]
    assert from_stdin.articles[0].meta == (("feed", "<stdin>"), ("feed_entry_id", "h1"))


def test_readers_feed_with_no_entries_is_a_problem(tmp_path):
    empty = _write(tmp_path, "empty.rss", "<rss><channel><title>x</title></channel></rss>")
    with pytest.raises(EmptyInputError, match=r"^no article could be read: .*empty\.rss: feed has no entries$"):
        read([empty])
