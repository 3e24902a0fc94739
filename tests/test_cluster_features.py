"""What the clusterer reads of an article."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest
from conftest import make_article

from newsbrief.cluster.features import article_features, capitalised_names, headline, idf, weigh


def test_features_terms_are_sublinear_and_include_the_title() -> None:
    features = article_features(make_article("Floods floods floods in the valley.", title="Valley flood"))
    assert features.terms["flood"] == pytest.approx(1 + math.log(4))
    assert features.terms["valley"] == pytest.approx(1 + math.log(2))
    assert "the" not in features.terms


def test_features_time_is_published_else_given() -> None:
    when = datetime(2024, 1, 2, tzinfo=UTC)
    assert article_features(make_article("x y z", published=when), time=5.0).time == when.timestamp()
    assert article_features(make_article("x y z"), time=5.0).time == 5.0


def test_features_names_skip_sentence_openers() -> None:
    text = "The talks ended. President Donald Trump met Kim Jong Un in Hanoi, and Moon said so."
    assert capitalised_names(text) == {"donald trump", "kim jong un", "hanoi", "moon"}


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("  Quake   hits  ", "Body.", ("Quake hits", False)),
    (None, "\nThe U.S. Senate voted on Tuesday. Then it left.", ("The U.S. Senate voted on Tuesday", True)),
    (None, "WASHINGTON (AP) — The U.S. Senate voted on Tuesday. Then it left.", ("The U.S. Senate voted on Tuesday",
                                                                              True)),
    (None, "NATIONAL FORECAST\nFrost will cover the Great Lakes on Friday.", ("Frost will cover the Great Lakes on "
                                                                             "Friday", True)),
])
def test_features_headline(title: str | None, text: str, expected: tuple[str, bool]) -> None:
    assert headline(make_article(text, title=title)) == expected


def test_features_weigh_is_unit_length_tfidf() -> None:
    # two docs; "a" in both (idf = ln(3/3)+1 = 1), "b" in one (idf = ln(3/2)+1)
    vector = weigh({"a": 1.0, "b": 1.0}, {"a": 2, "b": 1}, 2)
    assert idf(1, 2) == pytest.approx(math.log(1.5) + 1)
    assert vector["b"] / vector["a"] == pytest.approx(math.log(1.5) + 1)
    assert sum(w * w for w in vector.values()) == pytest.approx(1.0)
    assert weigh({}, {}, 0) == {}
