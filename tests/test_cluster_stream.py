"""The incremental clusterer against an in-memory state: joining, opening, merging."""

from __future__ import annotations

from conftest import make_article

from newsbrief.cluster.features import article_features
from newsbrief.cluster.memory import MemoryState
from newsbrief.cluster.story_state import StoryState, story_id_for
from newsbrief.cluster.stream import StreamClusterer


def _features(text: str, id_: str):  # type: ignore[no-untyped-def]
    return article_features(make_article(text, id=id_))


def test_stream_story_id_comes_from_the_founder() -> None:
    assert story_id_for("abc") == story_id_for("abc") != story_id_for("abd")
    assert story_id_for("abc").startswith("s") and len(story_id_for("abc")) == 13


def test_stream_similarity_is_mean_cosine_plus_name_bonus() -> None:
    story = StoryState(key=1, id="s", title="t", title_from_text=False, vector={"a": 1.0, "b": 1.0}, size=2,
                       names={"hanoi": 1})
    # article (0.6, 0.8) against the sum (1, 1) over 2 articles: (0.6 + 0.8) / 2 = 0.7
    assert story.similarity({"a": 0.6, "b": 0.8}, frozenset(), name_weight=0.1) == 0.7
    assert story.similarity({"a": 0.6, "b": 0.8}, frozenset({"hanoi", "paris"}), name_weight=0.1) == 0.75


def test_stream_batches_join_existing_stories() -> None:
    state = MemoryState()
    first = StreamClusterer(state).add([_features("Wildfire near Athens forces evacuation of coastal villages", "a"),
                                        _features("Central bank raises interest rates by half a point", "b")])
    later = StreamClusterer(state).add([_features("Athens wildfire: coastal villages evacuated as winds grow", "c")])
    assert later[0] is first[0]
    assert first[0].size == 2 and first[1].size == 1


def test_stream_bridge_merges_into_the_older_story() -> None:
    state = MemoryState()
    clusterer = StreamClusterer(state, threshold=0.2, merge_threshold=0.05)
    left, right = clusterer.add([_features("Porto Alegre flooding Guaiba river record level homes", "l"),
                                 _features("Rio Grande do Sul rescue boats stranded families highways rain", "r")])
    assert left is not right
    (bridge,) = clusterer.add([_features("Porto Alegre flooding Guaiba river record level homes; Rio Grande "
                                         "do Sul rescue boats stranded families highways rain", "b")])
    assert bridge is left and bridge.size == 3
    assert clusterer.merged == [(right, left)]
    assert list(state.stories) == [left.key]


def test_stream_article_without_content_terms_stays_alone() -> None:
    """A low-information article (no content word) is attached nowhere: its own story, which nothing joins."""
    state = MemoryState()
    clusterer = StreamClusterer(state)
    fire = _features("Wildfire near Athens forces evacuation of coastal villages", "fire")
    first, second, story = clusterer.add([_features("... !!! ???", "e1"), _features("— — —", "e2"), fire])
    assert len({first.key, second.key, story.key}) == 3
    assert first.size == second.size == story.size == 1
    (later,) = StreamClusterer(state).add([_features("... ?", "e3")])
    assert later.key not in {first.key, second.key, story.key}
    assert first.vector == {} and later.vector == {}
