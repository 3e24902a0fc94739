"""Boilerplate removal: debris goes, reporting stays, every removal is explained, offsets hold."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsbrief
from newsbrief.datatypes import Article
from newsbrief.errors import ConfigError
from newsbrief.ingest.clean import (
    REPEATED_RULE,
    Cleaned,
    clean,
    default_rules,
    line_key,
    load_rules,
    parse_rules,
    repeated_lines,
)
from newsbrief.ingest.readers import read

DATA = Path(__file__).parent / "data"
DEMO = Path(newsbrief.__file__).parent / "resources" / "demo"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"  # ../shared/data beside the repo


def make_article(text: str, *, source: str | None = None) -> Article:
    return Article.make(text, source=source)


def removed(text: str) -> list[tuple[str, str]]:
    """``(rule, removed text)`` for every removal cleaning makes in ``text``."""
    return [(r.rule, r.text) for r in clean(make_article(text)).removals]


def kept_text(article: Article, cleaned: Cleaned) -> list[str]:
    return [article.text[start:end] for start, end in cleaned.kept]


def assert_offsets_valid(article: Article, cleaned: Cleaned) -> None:
    """Kept spans and removals slice the text, never overlap, and explain every visible character."""
    text = article.text
    covered = [0] * len(text)
    previous_end = -1
    for start, end in cleaned.kept:
        assert 0 <= start < end <= len(text) and start > previous_end
        assert text[start:end] == text[start:end].strip()
        previous_end = end
        for i in range(start, end):
            covered[i] += 1
    for removal in cleaned.removals:
        assert removal.article_id == article.id
        assert 0 <= removal.start < removal.end <= len(text)
        assert text[removal.start:removal.end] == removal.text
        assert removal.rule
        for i in range(removal.start, removal.end):
            covered[i] += 1
    assert all(n == 1 for n, ch in zip(covered, text, strict=True) if not ch.isspace()), "a character is unexplained"
    assert all(n <= 1 for n in covered), "a character is both kept and removed"


# ---------------------------------------------------------------- the seed story

def test_clean_removes_the_seed_boilerplate():
    first = read([str(DEMO / "source-1.txt")]).articles[0]
    second = read([str(DEMO / "source-2.txt")]).articles[0]
    assert [(r.rule, r.text) for r in clean(first).removals] == [("call-to-action", "Be the first to comment")]
    assert [(r.rule, r.text) for r in clean(second).removals] == [
        ("related-link", "[Opinion: Second Trump-Kim summit could end with a bang this time]")]


def test_clean_keeps_every_other_line_of_the_seed_story():
    for article in read([str(DEMO)]).articles:
        cleaned = clean(article)
        lines = [line for line in article.text.split("\n") if line.strip()]
        kept_lines = [line for chunk in kept_text(article, cleaned) for line in chunk.split("\n")]
        assert kept_lines == lines[:-1] if "Be the first" in lines[-1] else len(kept_lines) == len(lines) - 1
        assert_offsets_valid(article, cleaned)


# ---------------------------------------------------------------- what goes

@pytest.mark.parametrize(("line", "rule"), [
    ("Advertisement", "advertisement"),
    ("Advertisement Continue reading the main story", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("By Maria Lopez", "byline"),
    ("By JANE DOE and JOHN ROE, Associated Press", "byline"),
    ("By Sam Lee | CNN", "byline"),
    ("— With assistance by Ana Ruiz", "byline"),
    ("Sam Lens/Reuters", "photo-credit"),
    ("Ana Ruiz/AFP/Getty Images", "photo-credit"),
    ("(Image: Getty)", "photo-credit"),
    ("Photo by Ana Ruiz", "photo-credit"),
    ("Courtesy of the Ruiz family", "photo-credit"),
    ("FILE - In this Jan. 2, 2018, file photo, crews inspect the bridge in Portville.", "photo-caption"),
    ("The mayor cuts the ribbon on Monday, Jan. 21, 2019. (AP Photo/Sam Lens)", "photo-caption"),
    ("Crowds gather at the bridge on Monday. (Ana Ruiz/Getty Images)", "photo-caption"),
    ("Image caption The mayor cut the ribbon at noon", "photo-caption"),
    ("Image: Crowds on the new bridge", "photo-caption"),
    ("toggle caption Sam Lens/NPR", "photo-caption"),
    ("Be the first to comment", "call-to-action"),
    ("Share this article", "call-to-action"),
    ("Click here to read the full report", "call-to-action"),
    ("Read more about the bridge", "call-to-action"),
    ("Watch more videos", "call-to-action"),
    ("See more of the mayor on Facebook", "call-to-action"),
    ("Leave a comment", "page-furniture"),
    ("Watch the video", "call-to-action"),
    ("Subscribe now!", "call-to-action"),
    ("Follow us on Twitter", "follow-contact"),
    ("Follow Maria Lopez on Twitter: @mlopez", "follow-contact"),
    ("Contact Sam Lee at slee@gazette.example or 555-0100.", "follow-contact"),
    ("Sign up for our daily newsletter to get the news in your inbox", "newsletter"),
    ("Never miss a local story. Subscribe today.", "newsletter"),
    ("Share Tweet Email Print", "share-tools"),
    ("[Opinion: The bridge was worth every cent]", "related-link"),
    ("RELATED: Ferry service to end next month", "related-link"),
    ("Read more: Ferry service to end next month", "related-link"),
    ("Ferry service to end next month Read more", "related-link"),
    ("(Reporting by Sam Lee; Editing by Ana Ruiz)", "contributor-note"),
    ("Associated Press writer Ana Ruiz contributed to this report.", "contributor-note"),
    ("Copyright 2019 The Example Gazette. All rights reserved.", "copyright"),
    ("Tuesday, January 22, 2019", "date-line"),
    ("Updated: Jan. 22, 2019 10:15 a.m. ET", "date-line"),
    ("slee@gazette.example", "contact-line"),
    ("___", "separator"),
    ("* * *", "separator"),
    ("(SOUNDBITE OF ARCHIVED RECORDING)", "transcript-marker"),
    ("Tweet with a location", "twitter-embed"),
    ("Rating is available when the video has been rented.", "video-player"),
    ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in "
     "every day, these data are added to the Wayback Machine after an embargo period.", "wayback-notice"),
    ("The seed for this crawl was a list of every host in the Wayback Machine.", "wayback-notice"),
    ("These crawls are part of an effort to archive pages as they are created.", "wayback-notice"),
])
def test_clean_removes_web_debris(line, rule):
    text = f"The bridge reopened on Monday, officials said.\n{line}\nTraffic was light."
    assert removed(text) == [(rule, line)]


@pytest.mark.parametrize(("line", "prefix"), [
    ("WASHINGTON (AP) — President Trump spoke on Monday.", "WASHINGTON (AP) — "),
    ("PINE RIDGE, S.D. (AP) -- The tour reached the reservation today.", "PINE RIDGE, S.D. (AP) -- "),
    ("LIMA, Dec 1 (Reuters) - Peru suspended its top investigator.", "LIMA, Dec 1 (Reuters) - "),
    ("AUSTIN - Sen. Wendy Davis wrote about the decision.", "AUSTIN - "),
    ("NEW YORK — Prosecutors said Wednesday that the man pleaded guilty.", "NEW YORK — "),
    ("Seoul (CNN) North and South Korean athletes will march together.", "Seoul (CNN) "),
    ("(CNN) -- The storm weakened overnight.", "(CNN) -- "),
    ("BEIJING, May 2 (Xinhua) -- China launched a satellite.", "BEIJING, May 2 (Xinhua) -- "),
])
def test_clean_removes_datelines_but_keeps_the_sentence(line, prefix):
    article = make_article(line)
    cleaned = clean(article)
    assert [(r.rule, r.text) for r in cleaned.removals] == [("dateline", prefix)]
    assert kept_text(article, cleaned) == [line[len(prefix):]]


def test_clean_removes_an_inline_photo_credit_only():
    line = "Engineers replaced the cables (Photo: Sam Lens) and resurfaced the deck."
    article = make_article(line)
    cleaned = clean(article)
    assert [(r.rule, r.text) for r in cleaned.removals] == [("photo-credit", "(Photo: Sam Lens)")]
    assert kept_text(article, cleaned) == ["Engineers replaced the cables", "and resurfaced the deck."]


def test_clean_a_line_left_without_words_goes_whole():
    article = make_article("Crowds at the bridge.\n(AP Photo/Sam Lens) —")
    assert [(r.rule, r.text) for r in clean(article).removals] == [("photo-credit", "(AP Photo/Sam Lens) —")]


# ---------------------------------------------------------------- what stays

@pytest.mark.parametrize("line", [
    "Share prices of the construction firm rose 3 percent on the news.",
    "Share prices fall",
    "“Share the road, and follow the signs,” the mayor said.",
    '"Follow the money," the prosecutor told the jury.',
    "Follow the money",
    "The company declined to comment.",
    "Be the first to know: the council will vote on Friday, officials said.",
    "By Tuesday, the fire had spread to three counties.",
    "By then, most residents had left.",
    "Photo IDs will be required at every polling station, the board said.",
    "Watch list grows as more banks face scrutiny",
    "Email reveals plan to close the plant",
    "Subscribers to the service will pay $5 more a month, the company said.",
    "Sign-ups for the program close Friday.",
    "Reuters reported that the talks had stalled.",
    "The Associated Press could not independently verify the video.",
    "WASHINGTON state officials said the bridge was safe.",
    "Officials told The Associated Press (AP) that the bridge was safe.",
    "NASA — the space agency — launched the probe on Monday.",
    "In this photo-op era, politicians pose at every ribbon cutting.",
    "More than 100 people were evacuated.",
    "Voters must register by email before Friday.",
    "Newsletter publishers say advertising revenue fell 10 percent.",
    "Read the statement in full: “We will not resign.”",
    "Click, the camera went, and the crowd cheered.",
    "“Watch this,” he said.",
    "Kim has sent Trump a letter in October saying he is “determined” to achieve denuclearization.",
    "Davis discloses terminating pregnancy in her memoir",
    "The leaks are real. But the news about them is fake.",
])
def test_clean_keeps_reporting(line):
    text = f"The bridge reopened on Monday, officials said.\n{line}\nTraffic was light."
    assert removed(text) == []


def test_clean_mixed_article_keeps_exactly_the_reporting():
    article = read([str(DATA / "boilerplate_mixed_article.txt")]).articles[0]
    cleaned = clean(article)
    assert_offsets_valid(article, cleaned)
    kept = "\n".join(kept_text(article, cleaned))
    assert kept == (
        "Harbour bridge reopens after repairs\n"
        "The harbour bridge reopened to traffic on Monday after eight months of repairs, the city transport "
        "office said.\n"
        "Engineers replaced the worn steel cables\n"
        "and resurfaced the deck.\n"
        "“We are proud of the crews who worked through the winter,” the mayor said. “Share the road, and follow "
        "the signs.”\nShare prices of the construction firm rose 3 percent on the news.\n"
        "The firm declined to comment."
    )
    assert [r.rule for r in cleaned.removals] == [
        "byline", "date-line", "dateline", "photo-credit", "photo-caption", "photo-caption", "advertisement",
        "newsletter", "follow-contact", "call-to-action", "related-link", "photo-credit", "separator",
        "contributor-note"]


def test_clean_every_removal_names_a_known_rule():
    rules = default_rules()
    names = {r.name for r in (*rules.line, *rules.prefix, *rules.inline)} | {"call-to-action", REPEATED_RULE}
    article = read([str(DATA / "boilerplate_mixed_article.txt")]).articles[0]
    assert {r.rule for r in clean(article).removals} <= names


def test_clean_empty_and_blank_articles():
    assert clean(make_article("")) == Cleaned(kept=(), removals=())
    assert clean(make_article("\n \n\t")) == Cleaned(kept=(), removals=())


# ---------------------------------------------------------------- repeated lines

def test_clean_line_key_ignores_case_digits_punctuation_and_spacing():
    assert line_key("  World | Politics |  Business ") == line_key("world politics business")
    assert line_key("12 comments") == line_key("3 Comments")
    assert line_key("Caf\u00e9") == line_key("CAFE\u0301")
    assert line_key("---") == ""


def test_clean_repeated_lines_needs_min_sources():
    nav = "World | Politics | Business | Opinion"
    articles = [make_article(f"Story {n} text.\n{nav}\nThe coroner recorded a conclusion of accidental death.",
                             source=f"site{n}.example") for n in range(3)]
    assert repeated_lines(articles) == frozenset({line_key(nav)})
    assert repeated_lines(articles[:2]) == frozenset()
    assert repeated_lines(articles[:2], min_sources=2) == frozenset({line_key(nav)})


def test_clean_repeated_lines_count_sources_not_articles():
    nav = "World | Politics | Business"
    same_site = [make_article(f"Story {n}.\n{nav}", source="one.example") for n in range(5)]
    assert repeated_lines(same_site) == frozenset()


def test_clean_removes_repeated_lines_and_says_so():
    nav = "World | Politics | Business | Opinion"
    articles = [make_article(f"Story {n} text.\n{nav}", source=f"site{n}.example") for n in range(3)]
    cleaned = clean(articles[0], repeated=repeated_lines(articles))
    assert [(r.rule, r.text) for r in cleaned.removals] == [(REPEATED_RULE, nav)]


def test_clean_never_removes_a_repeated_sentence():
    sentence = "The coroner recorded a conclusion of accidental death."
    articles = [make_article(f"Story {n}.\n{sentence}", source=f"site{n}.example") for n in range(4)]
    assert repeated_lines(articles) == frozenset()
    assert clean(articles[0], repeated=frozenset({line_key(sentence)})).removals == ()


# ---------------------------------------------------------------- rules are data

def test_clean_shipped_rules_load():
    rules = default_rules()
    assert len(rules.line) > 10 and rules.prefix and rules.inline
    assert rules.call_to_action is not None


@pytest.mark.parametrize(("toml", "message"), [
    ('[[rule]]\nname = "x"\nscope = "page"\npattern = "a"', "rule 1 ('x') in test.toml has scope 'page'; "
                                                           "use one of: line, prefix, inline"),
    ('[[rule]]\nname = "x"\nscope = "line"\npattern = "(a"', "rule 1 ('x') in test.toml has a bad pattern: "),
    ('[[rule]]\nname = "x"\nscope = "line"\npattern = "a"\nwords = 3', "rule 1 ('x') in test.toml has unknown key "
                                                                      "'words'; valid keys: "),
    ('[[rule]]\nscope = "line"\npattern = "a"', "rule 1 ('unnamed') in test.toml needs a \"name\""),
    ('[[rule]]\nname = "x"\nscope = "line"\npattern = []', "needs a \"pattern\""),
    ('[[rule]]\nname = "x"\nscope = "line"\npattern = "a"\nmax_words = 0', "has max_words 0; use a positive"),
    ("[[rule]\n", "boilerplate rules test.toml are not valid TOML"),
    ('[[rule]]\nname = "x"\nscope = "line"\npattern = "a"\nrequires = "a"', "rule 1 ('x') in test.toml has "
                                                                           "requires 'a'; use a list of non-empty"),
    ('[[rule]]\nname = "x"\nscope = "inline"\npattern = "a"\nrequires = ["a"]', "has requires, which only line "
                                                                               "rules take"),
])
def test_clean_bad_rules_are_config_errors(toml, message):
    with pytest.raises(ConfigError) as caught:
        parse_rules(toml, where="test.toml")
    assert message in str(caught.value)


def test_clean_custom_rules_file(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nname = "shout"\nscope = "line"\nignore_case = false\npattern = "[A-Z ]+"\n', "utf-8")
    rules = load_rules(path)
    assert [(r.rule, r.text) for r in clean(make_article("HELLO THERE\nHello there."), rules=rules).removals] == [
        ("shout", "HELLO THERE")]
    with pytest.raises(ConfigError, match="cannot read boilerplate rules"):
        load_rules(tmp_path / "missing.toml")


def test_clean_rule_with_requires_tries_only_lines_holding_one_of_them(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nname = "credit"\nscope = "line"\npattern = ".*[(]AP Photo[)]"\n'
                    'requires = ["photo"]\n'  # the rule ignores case, so the guard does too
                    '[[rule]]\nname = "shout"\nscope = "line"\nignore_case = false\npattern = "[A-Z ]+"\n'
                    'requires = ["ZZZ"]\n', "utf-8")  # a wrong guard hides matches: the reason for the test below
    rules = load_rules(path)
    removed = clean(make_article("A man waves (AP PHOTO)\nHELLO THERE\nThe vote passed."), rules=rules).removals
    assert [(r.rule, r.text) for r in removed] == [("credit", "A man waves (AP PHOTO)")]


_DATA_FILES = ("multinews_dev_fulltext.jsonl", "multinews_dev.jsonl", "duc2003_task2.jsonl", "duc2004_dev.jsonl",
               "duc2006_dev.jsonl", "multiling2011_en.jsonl")


def test_clean_shipped_requires_guards_hide_no_match_in_the_dev_data():
    # Every line of every dev file that a guarded rule's patterns match holds one of its required strings.
    guarded = [rule for rule in default_rules().line if rule.requires]
    assert guarded
    if not all((SHARED / name).exists() for name in _DATA_FILES):
        pytest.skip("../shared/data is not available")
    lines = [line.strip() for name in _DATA_FILES for row in (SHARED / name).read_text("utf-8").splitlines()
             for doc in json.loads(row)["documents"] for line in doc.split("\n") if line.strip()]
    assert len(lines) > 10_000
    for rule in guarded:
        hidden = [line for line in lines if rule.fits(line) and not rule.may_match(line) and rule.regex.fullmatch(line)]
        assert hidden == [], rule.name
        assert any(rule.fits(line) and rule.regex.fullmatch(line) for line in lines), rule.name  # it does match some


# ---------------------------------------------------------------- invariants

_LINES = st.sampled_from([
    "Advertisement", "By Maria Lopez", "WASHINGTON (AP) — The vote passed.", "Be the first to comment",
    "The vote passed 7 to 2, officials said.", "Sam Lens/Reuters", "It cost (Photo: Sam Lens) a lot.", "___",
    "“Share the road,” he said.", "", "   ", "Types [ edit ]", "Follow us on Twitter", "café au lait",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12), st.sampled_from(["\n", "\n\n", " \n"]))
def test_clean_offsets_are_valid_for_any_mix_of_lines(lines, joiner):
    article = make_article(joiner.join(lines))
    assert_offsets_valid(article, clean(article))


def _invariant_articles() -> list[Article]:
    articles = list(read([str(DEMO)]).articles)
    source = SHARED / "multinews_dev_fulltext.jsonl"
    if source.exists():
        with source.open(encoding="utf-8") as lines:
            for number, line in enumerate(islice(lines, 20), start=1):
                for index, document in enumerate(json.loads(line)["documents"], start=1):
                    articles.append(Article.make(document, id=f"multinews:{number}#{index}"))
    return articles


def test_clean_offsets_are_valid_on_demo_and_shared_data():
    articles = _invariant_articles()
    repeated = repeated_lines(articles)
    for article in articles:
        assert_offsets_valid(article, clean(article, repeated=repeated))
    if not (SHARED / "multinews_dev_fulltext.jsonl").exists():
        pytest.skip("../shared/data is not available; checked the demo articles only")


def test_clean_removes_wayback_notices_in_shared_data():
    source = SHARED / "multinews_dev_fulltext.jsonl"
    if not source.exists():
        pytest.skip("../shared/data is not available")
    notices = 0
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            for document in json.loads(line)["documents"]:
                if "Alexa Internet has been donating their crawl data" in document:
                    notices += 1
                    article = Article.make(document)
                    cleaned = clean(article)
                    assert "wayback-notice" in {r.rule for r in cleaned.removals}
                    assert not any("Alexa Internet" in chunk for chunk in kept_text(article, cleaned))
    assert notices > 0
