"""Wiring only: clean -> segment -> represent -> select -> cite -> (analyse) -> verify -> Brief."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence

import numpy as np

from newsbrief.cite.disputes import own_disputes
from newsbrief.cite.support import cite
from newsbrief.cite.verify import check_brief
from newsbrief.datatypes import Article, Brief, BriefSentence, Budget, parse_sections
from newsbrief.errors import EmptyInputError
from newsbrief.gc_tuning import fewer_collections
from newsbrief.registry import methods
from newsbrief.represent.prepared import PreparedCluster, prepare
from newsbrief.select import builtin  # noqa: F401  (registers the built-in methods)
from newsbrief.select.base import Selector, reading_order
from newsbrief.select.concepts import concept_salience
from newsbrief.select.query import focus, mentions_query, normalise_query
from newsbrief.select.truncate import cut_to_budget

DEFAULT_METHOD = "concepts.v3"


def resolve_method(name: str) -> str:
    """The registered method behind a user-facing name (``default`` is an alias)."""
    return DEFAULT_METHOD if name in ("default", "", None) else name



def story_id_for(articles: Sequence[Article]) -> str:
    """A stable id for a set of articles, independent of their order."""
    digest = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode())
    return digest.hexdigest()[:12]


def _as_articles(articles: Sequence[Article | str]) -> list[Article]:
    out = []
    for item in articles:
        if isinstance(item, Article):
            out.append(item)
        elif isinstance(item, str):
            out.append(Article.make(item))
        else:
            raise EmptyInputError(f"expected Article or str, got {type(item).__name__}")
    return out


def brief(articles: Sequence[Article | str], *, budget: Budget | str | int = "100w", method: str = "default",
          sections: Sequence[str] | str | None = None, truncate: bool = False, story_id: str | None = None,
          repeated: frozenset[str] | None = None, query: str | None = None,
          max_sentences: int | None = None) -> Brief:
    """Brief a set of articles about one event.

    Args:
        articles: Articles (or plain texts) in the order their sources are numbered.
        budget: the length limit, e.g. ``Budget("words", 100)``, ``"5s"``, ``"600b"``, or a number of words.
        method: a registered selection method (``newsbrief.methods.names()``); ``default`` is the best one.
        sections: analysis sections to add (None: all; "none": the sentences and citations alone).
        truncate: fill the budget exactly by cutting the last sentence, instead of stopping before it.
        story_id: the id to give the brief (default: derived from the article ids).
        repeated: boilerplate lines known to repeat across unrelated articles.
        query: a question or topic the brief should answer ("Bolton's role"); None or blank for a
            generic brief. A query that matches no word of the articles gives the generic brief and a note.
        max_sentences: refuse more sentences than this (default: the ``max_sentences`` setting).

    Returns:
        A Brief whose every sentence cites at least one source span.

    Raises:
        EmptyInputError: no articles, or no sentence in them.
        InputError: more sentences than ``max_sentences``.
        BudgetError / UnknownAlgorithmError / ConfigError: bad options.
    """
    with fewer_collections():
        return _brief(articles, budget=budget, method=method, sections=sections, truncate=truncate,
                      story_id=story_id, repeated=repeated, query=query, max_sentences=max_sentences)


def _brief(articles: Sequence[Article | str], *, budget: Budget | str | int, method: str,
           sections: Sequence[str] | str | None, truncate: bool, story_id: str | None,
           repeated: frozenset[str] | None, query: str | None, max_sentences: int | None) -> Brief:
    budget = Budget.parse(budget)
    wanted = parse_sections(sections)
    selector = methods.create(resolve_method(method))
    query = normalise_query(query)
    items = _as_articles(articles)
    if not items:
        raise EmptyInputError("no articles to brief")
    cluster = prepare(items, repeated=repeated, max_sentences=max_sentences)
    if not cluster.sentences:
        raise EmptyInputError("no sentence found in the input (after removing boilerplate)")
    focus_note = None
    if query:
        selector, focus_note = focus(selector, cluster, query)
    sentences = _brief_sentences(cluster, _pick(selector, cluster, budget, truncate=truncate))
    analysis = _analyse(cluster, wanted)
    sentences = own_disputes(sentences, analysis.get("conflicts", ()))
    if query and focus_note is None:
        analysis = _keep_to_query(cluster, query, analysis)
    if focus_note:
        analysis["notes"] = (*analysis.get("notes", ()), focus_note)
    if not sentences:
        analysis["notes"] = (*analysis.get("notes", ()), "no sentence fits the budget or carries a content word")
    used = resolve_method(method)
    fallback = getattr(selector, "fallback", None)  # a method that can fall back says so (learned.v1)
    if callable(fallback) and (fell_back := fallback()):
        used, note = fell_back
        analysis["notes"] = (*analysis.get("notes", ()), note)
    result = Brief(story_id=story_id or story_id_for(items), sentences=tuple(sentences), budget=budget,
                   sources=tuple(items), method=used, sections=wanted,
                   removals=cluster.removals, query=query, **analysis)
    return check_brief(result)


def _pick(selector: Selector, cluster: PreparedCluster, budget: Budget, *, truncate: bool) -> dict[int, str]:
    """Chosen sentence index -> brief text, in reading order; with ``truncate`` the last pick is cut to fit."""
    if not truncate or budget.unit == "sentences":
        return {i: cluster.sentences[i].text for i in reading_order(cluster, selector.select(cluster, budget))}
    # Rank with room for one more sentence, then cut the ranking to exactly the budget.
    room = max(budget.cost(s.text) for s in cluster.sentences) + 1
    ranked = selector.select(cluster, Budget(budget.unit, budget.limit + room))
    # When the method's candidates run out, fill with the rest in lead order (prose first).
    taken = set(ranked)
    sentences = cluster.sentences
    ranked += sorted((i for i in range(len(sentences)) if i not in taken),
                     key=lambda i: (not cluster.is_prose[i], sentences[i].index, sentences[i].doc_index))
    texts = cut_to_budget([cluster.sentences[i].text for i in ranked], budget)
    picked = dict(zip(ranked, texts, strict=False))
    return {i: picked[i] for i in reading_order(cluster, list(picked))}


def _brief_sentences(cluster: PreparedCluster, picked: dict[int, str]) -> list[BriefSentence]:
    chosen = list(picked)
    return [BriefSentence(text=picked[i], citations=citations, trimmed=picked[i] != cluster.sentences[i].text)
            for i, citations in zip(chosen, cite(cluster, chosen), strict=True)]


def _analyse(cluster: PreparedCluster, wanted: Collection[str]) -> dict[str, object]:
    """The cross-source sections, if asked for and available."""
    if not wanted:
        return {}
    try:
        from newsbrief.analyse.analysis import analyse
    except ImportError:
        return {"notes": ("analysis sections are not available in this installation",)}
    salience = terms = None
    # Sentences come in article order: one split, not one scan of them all per article.
    cuts = np.cumsum(cluster.doc_lengths)[:-1].tolist()
    if {"agreement", "unique"} & set(wanted) and cluster.sentences:
        salience = [part.tolist() for part in np.split(concept_salience(cluster), cuts)]
    if {"agreement", "unique", "conflicts"} & set(wanted):  # the sections that align sentences
        terms = [cluster.terms[a:b] for a, b in zip([0, *cuts], [*cuts, len(cluster.terms)], strict=True)]
    result = analyse(cluster.articles, cluster.by_article, sections=wanted, salience=salience, terms=terms)
    return {"agreement": result.agreement, "unique": result.unique, "conflicts": result.conflicts,
            "updates": result.updates,
            "quotes": result.quotes, "entities": result.entities, "notes": result.notes, "more": result.more}


def _keep_to_query(cluster: PreparedCluster, query: str, analysis: dict[str, object]) -> dict[str, object]:
    """Agreement, uniqueness and quotes limited to what bears on the query (see ``focused.keep_to_query``)."""
    if not analysis:
        return analysis
    from newsbrief.analyse.focused import keep_to_query

    return keep_to_query(analysis, cluster, mentions_query(cluster, query))
