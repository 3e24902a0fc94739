"""Stories on a dated stream through the store: events that develop, closed stories, titles (issue #18)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import make_article

from newsbrief.storage.db import Store

T0 = datetime(1998, 10, 26, 12, 0, tzinfo=UTC)  # a Monday

# One event told in changing words over three weeks: landfall, the dead, aid, rebuilding.
STORM = [
    # week 1
    "TEGUCIGALPA, Honduras (AP) — Hurricane Mitch slammed into the coast of Honduras on Monday with winds of "
    "180 mph, tearing roofs off homes and flooding coastal towns as thousands fled inland.",
    "Hurricane Mitch stalled over Honduras on Tuesday, dumping torrential rain that flooded rivers and forced "
    "thousands of families from their homes along the coast.",
    "Floods and mudslides from Hurricane Mitch killed hundreds of people in Honduras and Nicaragua, officials "
    "said Wednesday, as rivers swollen by the storm's rain swept away homes and bridges.",
    # week 2
    "The death toll from Hurricane Mitch rose above 7,000 in Honduras and Nicaragua as rescuers reached "
    "villages buried by mudslides, and officials said thousands more were missing after the floods.",
    "Aid flights carrying food, water and medicine landed in Honduras on Tuesday as the United States and "
    "Mexico sent help to survivors of the floods and mudslides left by Hurricane Mitch.",
    "Survivors of Hurricane Mitch in Honduras waited for food and clean water as aid piled up at the airport "
    "and mudslides and washed-out bridges kept relief trucks from reaching villages.",
    # week 3
    "Honduras asked foreign donors for help to rebuild roads, bridges and homes destroyed by Hurricane Mitch, "
    "as aid agencies warned that survivors of the floods faced disease and hunger.",
    "Donors pledged millions of dollars to rebuild Honduras and Nicaragua after Hurricane Mitch, and the "
    "United States said it would forgive part of their debt to help survivors of the floods.",
    "Rebuilding after Hurricane Mitch will take Honduras decades, its president said, as aid agencies "
    "counted the bridges, roads and homes the floods and mudslides destroyed.",
]
# Another event that starts in week two.
TRIAL = [
    "LONDON (AP) — A British court ruled on Wednesday that Augusto Pinochet, the former Chilean dictator "
    "arrested in London, may face extradition to Spain on charges of torture and genocide.",
    "Lawyers for Augusto Pinochet appealed the London court ruling, arguing that the former Chilean ruler has "
    "immunity from arrest and extradition to Spain as a former head of state.",
    "Britain's Law Lords began hearing the appeal over Augusto Pinochet's immunity, as Spain pressed for the "
    "extradition of the former Chilean dictator on torture charges.",
    "Chile protested the arrest of Augusto Pinochet in London and asked Britain to send the former dictator "
    "home rather than extradite him to Spain to face torture charges.",
]


def _stream() -> list[list]:
    """Three weekly batches: the storm all three weeks, the trial from the second."""
    storm = [make_article(text, id=f"storm{i}", source="AP", published=T0 + timedelta(days=7 * (i // 3) + i % 3))
             for i, text in enumerate(STORM)]
    trial = [make_article(text, id=f"trial{i}", source="NYT", published=T0 + timedelta(days=8 + 3 * i))
             for i, text in enumerate(TRIAL)]
    weeks: list[list] = [[], [], []]
    for article in storm + trial:
        weeks[(article.published - T0).days // 7].append(article)
    return [sorted(week, key=lambda a: a.published) for week in weeks]


def _groups(store: Store) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in store.stories())


def test_time_developing_event_and_a_second_one_stay_two_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        for week in _stream():
            store.add_articles(week)
        assert _groups(store) == [sorted(f"storm{i}" for i in range(9)), sorted(f"trial{i}" for i in range(4))]


def test_time_the_first_and_third_weeks_share_little_yet_stay_one_story(tmp_path: Path) -> None:
    # What makes the test above meaningful: landfall and rebuilding articles alone do not join.
    first, third = _stream()[0], _stream()[2]
    with Store(tmp_path / "news.db") as store:
        store.add_articles([a for a in first if a.id == "storm0"])
        store.add_articles([a for a in third if a.id == "storm8"])
        assert len(store.stories()) == 2


def test_time_an_article_months_later_opens_a_new_story(tmp_path: Path) -> None:
    # nearly the same words (not an exact copy, which the store groups with its original whenever it comes)
    later = make_article(STORM[2].replace("Wednesday", "on Monday"), id="anniversary",
                         published=T0 + timedelta(days=120))
    with Store(tmp_path / "news.db") as store:
        for week in _stream():
            store.add_articles(week)
        report = store.add_articles([later])
        assert len(report.stories_created) == 1
        assert ["anniversary"] in _groups(store)


def test_time_a_closed_story_reopens_only_on_strong_evidence(tmp_path: Path) -> None:
    # 30 days after the last storm article: past the 14-day quiet period, within the 45-day horizon.
    when = T0 + timedelta(days=16 + 30)
    close_copy = make_article(STORM[8].replace("decades", "many years"), id="copy", published=when)
    weak = make_article("Honduras held a vote on Sunday on a new president, and the floods were one topic "
                        "of the campaign.", id="weak", published=when)
    with Store(tmp_path / "news.db") as store:
        for week in _stream():
            store.add_articles(week)
        store.add_articles([close_copy, weak])
        groups = _groups(store)
    assert sorted([*(f"storm{i}" for i in range(9)), "copy"]) in groups  # re-opened
    assert ["weak"] in groups  # would have joined an open story at this similarity, not a closed one


def test_time_undated_articles_fall_back_to_arrival_order(tmp_path: Path) -> None:
    undated = [make_article(text, id=f"u{i}") for i, text in enumerate(STORM[:2])]
    with Store(tmp_path / "news.db") as store:
        store.add_articles(undated[:1])
        store.add_articles(undated[1:])
        assert _groups(store) == [["u0", "u1"]]
        story = store.stories()[0]
        assert story.first_seen <= story.last_seen <= datetime.now(UTC)  # times of arrival


def test_time_story_titles_have_no_dateline_and_prefer_headlines(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        for week in _stream():
            store.add_articles(week)
        titles = {s.article_ids[0][:5]: s.title for s in store.stories()}
        assert all("(AP)" not in t and not t.startswith(("TEGUCIGALPA", "LONDON")) for t in titles.values())
        assert all(len(t) <= 91 and not t.endswith(".") for t in titles.values())
        store.add_articles([make_article("Pinochet's appeal was heard again on Friday in London by the Law Lords, "
                                         "who weigh his immunity from extradition to Spain.", id="headlined",
                                         title="Law Lords weigh Pinochet immunity",
                                         published=T0 + timedelta(days=18))])
        trial = next(s for s in store.stories() if "trial0" in s.article_ids)
        assert "headlined" in trial.article_ids
        assert trial.title == "Law Lords weigh Pinochet immunity"


def test_time_story_title_follows_the_most_central_article() -> None:
    from newsbrief.cluster.story_state import StoryState

    story = StoryState(key=1, id="s1", title="Opening words", title_from_text=True)
    a, b, c = {"x": 1.0}, {"x": 0.6, "y": 0.8}, {"x": 0.8, "y": 0.6}
    for vector, title in ((a, "Opening words"), (b, "Second lead"), (c, "Third lead")):
        story.absorb(vector, (), None)
        story.retitle(title, True, story.centrality(vector))
    # c is the closest to the other two (links 0.8 + 0.96, against 0.6 + 0.96 for b), so its lead is the title
    assert story.title == "Third lead" and story.title_score == pytest.approx((0.8 + 0.96) / 2)
    story.retitle("A real headline", False, 0.0)  # a headline beats any lead sentence
    story.retitle("Another lead", True, 0.99)
    assert story.title == "A real headline"
