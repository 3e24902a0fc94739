"""Fewer collections while a brief runs, and the collector's settings as they were afterwards."""

from __future__ import annotations

import gc
import threading

import pytest
from conftest import demo_articles

import newsbrief
from newsbrief.gc_tuning import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def test_gc_threshold_is_raised_inside_and_restored_after(thresholds) -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        with fewer_collections():  # nested: still raised
            assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_gc_threshold_is_restored_after_an_error_and_never_lowered(thresholds) -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)
    gc.set_threshold(50_000, 10, 10)  # a caller that already chose fewer collections keeps its setting
    with fewer_collections():
        assert gc.get_threshold()[0] == 50_000
    gc.set_threshold(0, 10, 10)  # collection off stays off
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_gc_threshold_is_restored_when_briefs_overlap_in_threads(thresholds) -> None:
    gc.set_threshold(700, 10, 10)
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with fewer_collections():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(10)
    newsbrief.brief(demo_articles(), budget="50w", sections="none")  # ends while the other still runs
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    release.set()
    worker.join(10)
    assert gc.get_threshold() == (700, 10, 10)
