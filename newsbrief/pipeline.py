"""Wiring only: clean -> segment -> represent -> select -> cite -> (analyse) -> verify -> Brief."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection, Sequence

import numpy as np

from newsbrief.analyse.tidy import tidy_sections
from newsbrief.cite.disputes import own_disputes
from newsbrief.cite.support import cite
from newsbrief.cite.verify import check_brief
from newsbrief.datatypes import Article, Brief, BriefSentence, Budget, parse_sections
from newsbrief.errors import EmptyInputError
from newsbrief.gc_tuning import fewer_collections
from newsbrief.ingest.language import language_note
from newsbrief.registry import methods
from newsbrief.represent.prepared import PreparedCluster, prepare
from newsbrief.select import builtin  # noqa: F401  (registers the built-in methods)
from newsbrief.select.base import Selector, candidate_mask
from newsbrief.select.concepts import concept_salience
from newsbrief.select.query import focus, mentions_query, normalise_query
from newsbrief.select.standalone import Pick, arrange, settle
from newsbrief.select.truncate import cut_to_budget

DEFAULT_METHOD = "concepts.v3"
# Sentences past this many characters stay out of the analysis sections (see _analyse). The
# longest sentence of the dev clusters is far shorter; 2,000 characters are ~330 words.
MAX_ANALYSED_CHARS = 2_000


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
    analysis = tidy_sections(analysis, cluster)
    if focus_note:
        analysis["notes"] = (*analysis.get("notes", ()), focus_note)
    if not sentences:
        analysis["notes"] = (*analysis.get("notes", ()), "no sentence fits the budget or carries a content word")
    language = language_note(items, wanted)  # newsbrief reads English: say so when the sources are not
    if language:
        analysis["notes"] = (*analysis.get("notes", ()), language)
    used = resolve_method(method)
    fallback = getattr(selector, "fallback", None)  # a method that can fall back says so (learned.v1)
    if callable(fallback) and (fell_back := fallback()):
        used, note = fell_back
        analysis["notes"] = (*analysis.get("notes", ()), note)
    result = Brief(story_id=story_id or story_id_for(items), sentences=tuple(sentences), budget=budget,
                   sources=tuple(items), method=used, sections=wanted,
                   removals=cluster.removals, query=query, **analysis)
    return check_brief(result)


def _pick(selector: Selector, cluster: PreparedCluster, budget: Budget, *, truncate: bool) -> list[Pick]:
    """The brief's sentences in reading order, each standing alone (``select.standalone``); a focused
    brief's best answer first. With ``truncate`` the last one is cut so the brief fills the budget exactly."""
    answer = getattr(selector, "answer", None)
    first = answer(cluster, budget) if callable(answer) else None
    if not truncate or budget.unit == "sentences":
        ranked = selector.select(cluster, budget)
        if first is not None and first not in ranked:  # make room for the answer, then choose the rest
            rest = _without(budget, cluster.sentences[first].text)
            ranked = selector.select(cluster, rest) if rest is not None else []
        picks = settle(cluster, ranked, budget, first=first, fill=_fill_order(cluster, budget))
        if not picks and ranked:  # every choice leaned on a sentence that does not fit: one is better than none
            picks = [Pick(ranked[0], cluster.sentences[ranked[0]].text)]
    else:
        # Rank with room for one more sentence, then cut the ranking to exactly the budget.
        room = max(budget.cost(s.text) for s in cluster.sentences) + 1
        wide = Budget(budget.unit, budget.limit + room)
        ranked = selector.select(cluster, wide)
        # When the method's candidates run out, fill with the rest in lead order (prose first).
        taken = set(ranked)
        sentences = cluster.sentences
        ranked += sorted((i for i in range(len(sentences)) if i not in taken and not cluster.is_junk[i]),
                         key=lambda i: (not cluster.is_prose[i], sentences[i].index, sentences[i].doc_index))
        picks = settle(cluster, ranked, wide, first=first)
        # An exact length is asked for: if leaving out what dangles or repeats left it short, the rest fills in.
        taken = {p.index for p in picks}
        picks += [Pick(i, sentences[i].text) for i in ranked if i not in taken]
        texts = cut_to_budget([p.text for p in picks], budget, whole_words=True)
        picks = [dataclasses.replace(p, text=t) for p, t in zip(picks, texts, strict=False)]
    by_index = {p.index: p for p in picks}
    ordered = [by_index[i] for i in arrange(cluster, list(by_index), first=first if first in by_index else None)]
    # The whole sentences in reading order, then the cut one: the brief's last sentence is the one cut.
    whole = [p for p in ordered if p.text == _edited(cluster, p)]
    return whole + [p for p in ordered if p not in whole]


def _without(budget: Budget, text: str) -> Budget | None:
    """What is left of ``budget`` once ``text`` is in the brief (None if nothing is)."""
    left = budget.limit - budget.cost(text) - (1 if budget.unit == "bytes" else 0)
    return Budget(budget.unit, left) if left > 0 else None


def _fill_order(cluster: PreparedCluster, budget: Budget) -> list[int]:
    """Candidates best first by concept value per word, for room a dropped sentence freed."""
    mask = candidate_mask(cluster, budget, standalone=True)
    value = concept_salience(cluster)
    return [int(i) for i in np.lexsort((np.arange(len(value)), -value)) if mask[i]]


def _edited(cluster: PreparedCluster, pick: Pick) -> str:
    """The pick's source sentence with its edits made: what the brief shows when nothing is trimmed."""
    text = cluster.sentences[pick.index].text
    for edit in pick.edits:
        text = edit.apply(text)
    return text


def _brief_sentences(cluster: PreparedCluster, picks: list[Pick]) -> list[BriefSentence]:
    chosen = [p.index for p in picks]
    out = []
    for pick, citations in zip(picks, cite(cluster, chosen), strict=True):
        full = _edited(cluster, pick)
        out.append(BriefSentence(text=pick.text, citations=citations, trimmed=pick.text != full, edits=pick.edits))
    return out


def _analyse(cluster: PreparedCluster, wanted: Collection[str]) -> dict[str, object]:
    """The cross-source sections, if asked for and available."""
    if not wanted:
        return {}
    try:
        from newsbrief.analyse.analysis import analyse
    except ImportError:
        return {"notes": ("analysis sections are not available in this installation",)}
    # Sentences come in article order: each article's indices, without page debris (no section shows it)
    # and without "sentences" past MAX_ANALYSED_CHARS: an unpunctuated paragraph or a dump is no fact a
    # section could show within any budget (a 3.1 MB one was printed whole under "Only in"; issue 28).
    cuts = np.cumsum(cluster.doc_lengths)[:-1].tolist()
    sentences = cluster.sentences
    parts = [[int(k) for k in part if not cluster.is_junk[k] and len(sentences[k].text) <= MAX_ANALYSED_CHARS]
             for part in np.split(np.arange(len(sentences)), cuts)]
    by_article = [[sentences[k] for k in part] for part in parts]
    salience = terms = None
    if {"agreement", "unique"} & set(wanted) and sentences:
        values = concept_salience(cluster).tolist()
        salience = [[values[k] for k in part] for part in parts]
    if {"agreement", "unique", "conflicts"} & set(wanted):  # the sections that align sentences
        terms = [[cluster.terms[k] for k in part] for part in parts]
    result = analyse(cluster.articles, by_article, sections=wanted, salience=salience, terms=terms)
    return {"agreement": result.agreement, "unique": result.unique, "conflicts": result.conflicts,
            "updates": result.updates,
            "quotes": result.quotes, "entities": result.entities, "notes": result.notes, "more": result.more}


def _keep_to_query(cluster: PreparedCluster, query: str, analysis: dict[str, object]) -> dict[str, object]:
    """Agreement, uniqueness and quotes limited to what bears on the query (see ``focused.keep_to_query``)."""
    if not analysis:
        return analysis
    from newsbrief.analyse.focused import keep_to_query

    return keep_to_query(analysis, cluster, mentions_query(cluster, query))
