"""Keeps ``newsbrief.__all__`` honest (httpx's test_exported_members)."""

from __future__ import annotations

import newsbrief


def test_exported_members_all_resolve_and_are_sorted() -> None:
    assert newsbrief.__all__ == sorted(newsbrief.__all__)
    for name in newsbrief.__all__:
        assert getattr(newsbrief, name) is not None, name


def test_exported_members_cluster_and_evaluate_stay_callable_after_submodule_imports() -> None:
    import newsbrief.cluster.stream  # binds the package to the name `newsbrief.cluster`
    import newsbrief.evaluate.rouge

    assert callable(newsbrief.cluster)
    assert callable(newsbrief.evaluate)
    stories = newsbrief.cluster([newsbrief.Article.make("The council voted on Monday to raise local taxes."),
                                 newsbrief.Article.make("Local taxes rise after the council vote on Monday.")])
    assert len(stories) == 1
