"""Text, Markdown and HTML show a readable part of each list section and count the rest; JSON keeps all."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import DEMO_PATHS, make_article, run_cli

from newsbrief.datatypes import Brief, BriefSentence, Budget, Citation, Entity, Fact, Mention, Quote, Span
from newsbrief.render.common import SHOWN, limits
from newsbrief.render.html import render_html
from newsbrief.render.json import brief_to_dict
from newsbrief.render.markdown import render_markdown
from newsbrief.render.text import render_text

DEMO = [str(p) for p in DEMO_PATHS]


def _brief(quotes: int = 0, entities: int = 0, unique: dict[int, list[float]] | None = None,
           more: tuple[tuple[str, int], ...] = ()) -> Brief:
    sources = tuple(make_article(f"Article {n} says things.", source=f"s{n}.example") for n in range(1, 5))
    span = Span(1, 0, 7, "Article")
    return Brief(
        story_id="s", sentences=(), budget=Budget.parse("100w"), sources=sources,
        sections=("unique", "quotes", "entities"),
        quotes=tuple(Quote(f"quote number {i}", f"Speaker {i}", (span,)) for i in range(quotes)),
        entities=tuple(Entity(f"Name {i}", "PERSON", (f"Name {i}",), (Mention(1, 0, 7, "Article"),))
                       for i in range(entities)),
        unique=tuple((n, tuple(Fact(f"fact {n}.{j}", (Span(n, 0, 7, "Article"),), salience=s)
                               for j, s in enumerate(scores)))
                     for n, scores in (unique or {}).items()),
        more=more)


def test_render_caps_quotes_and_entities_with_count_of_the_rest() -> None:
    brief = _brief(quotes=30, entities=40)
    text = render_text(brief)
    assert text.count("quote number") == SHOWN["quotes"]
    assert f"… and {30 - SHOWN['quotes']} more" in text
    assert text.count(": person;") == SHOWN["entities"]
    assert f"… and {40 - SHOWN['entities']} more" in text
    for rendered in (render_markdown(brief), render_html(brief)):
        assert rendered.count("quote number") == SHOWN["quotes"]
        assert f"… and {40 - SHOWN['entities']} more" in rendered


def test_render_caps_count_what_the_analysis_already_left_out() -> None:
    text = render_text(_brief(quotes=30, more=(("quotes", 170),)))
    assert f"… and {30 - SHOWN['quotes'] + 170} more" in text


def test_render_caps_lifted_by_limits_all_and_set_by_limits_n() -> None:
    brief = _brief(quotes=30, entities=40)
    every = render_text(brief, shown=limits(0))
    assert every.count("quote number") == 30 and "more" not in every
    three = render_text(brief, shown=limits(3))
    assert three.count("quote number") == 3 and "… and 27 more" in three


def test_render_caps_json_keeps_every_item() -> None:
    doc = brief_to_dict(_brief(quotes=30, entities=40))
    assert len(doc["quotes"]) == 30 and len(doc["entities"]) == 40


def test_render_caps_unique_gives_each_source_its_best_fact_first() -> None:
    # source 1 has 3 strong facts; sources 2-4 one weaker fact each: a cap of 4 keeps one of each source
    brief = _brief(unique={1: [0.9, 0.8, 0.7], 2: [0.5], 3: [0.4], 4: [0.3]})
    text = render_text(brief, shown=limits(4))
    assert [line for line in text.splitlines() if line.startswith("Only in")] == [
        "Only in [1]:", "Only in [2]:", "Only in [3]:", "Only in [4]:"]
    assert "fact 1.0" in text and "fact 1.1" not in text
    assert "… and 2 more, each only in one source" in text


def test_render_caps_small_sections_are_whole() -> None:
    text = render_text(_brief(quotes=2, unique={1: [0.5], 2: [0.4]}))
    assert text.count("quote number") == 2 and "more" not in text


def test_render_html_escapes_section_heading() -> None:
    html = render_html(_brief(entities=1))
    assert "People &amp; places" in html and "People & places" not in html


def test_render_html_orders_markers_as_text_does() -> None:
    brief = _brief()
    cites = (Citation(brief.sources[1].id, 0, 0, 7, 1.0, source=2),
             Citation(brief.sources[0].id, 0, 0, 7, 0.9, source=1))
    brief = replace(brief, sentences=(BriefSentence("Article 2 says things.", cites),))
    html = render_html(brief)
    assert html.index(">[1]<span") < html.index(">[2]<span")
    assert "[1][2]" in render_text(brief)


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_cli_max_items_rejects_bad_values(value: str, capsys, monkeypatch) -> None:
    code, _, err = run_cli(["brief", *DEMO, "--max-items", value], capsys, monkeypatch)
    assert code == 2 and "--max-items" in err


def test_cli_max_items_all_shows_every_quote(capsys, monkeypatch) -> None:
    code, out, err = run_cli(["brief", *DEMO, "--sections", "quotes", "--format", "json"], capsys, monkeypatch)
    assert code == 0, err
    total = len(json.loads(out)["quotes"])
    assert total > SHOWN["quotes"]  # the demo has more quotes than the default shows
    code, out, _ = run_cli(["brief", *DEMO, "--sections", "quotes"], capsys, monkeypatch)
    assert f"… and {total - SHOWN['quotes']} more" in out
    code, out, _ = run_cli(["brief", *DEMO, "--sections", "quotes", "--max-items", "all"], capsys, monkeypatch)
    assert code == 0 and "more" not in out.split("Sources:")[0]
    assert out.split("Quotes:")[1].split("Sources:")[0].count("\n- ") == total
