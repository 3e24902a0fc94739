"""Markdown: the brief as a paragraph list with citation markers, sections as headings."""

from __future__ import annotations

import re

from newsbrief.datatypes import Brief, BriefSentence
from newsbrief.render.common import (
    PARTIAL_LEGEND,
    PARTIAL_MARK,
    SECTION_TITLES,
    Limits,
    any_partial,
    capped,
    capped_unique,
    entity_line,
    markers,
    partial_sources,
    sentence_text,
    source_label,
    speaker_text,
    update_line,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape(text: str) -> str:
    """Markdown-escape article text so it is shown, not interpreted."""
    return _SPECIAL.sub(r"\\\1", text)


def _m(sources: tuple[int, ...], partial: frozenset[int] = frozenset()) -> str:
    return "".join(f"[^{n}]{PARTIAL_MARK if n in partial else ''}" for n in sources)


def _disputed(sentence: BriefSentence) -> str:
    """`` (source [^2]: 19)`` for each source that gives another value."""
    return "".join(f" (source [^{d.source}]: {escape(d.value)})" for d in sentence.disputes)


def render_markdown(brief: Brief, *, shown: Limits | None = None) -> str:
    """The brief as Markdown; ``shown`` caps each list section (``common.limits``; default ``common.SHOWN``)."""
    out = ["# Brief", ""]
    if brief.query is not None:
        out += [f"**Focus:** {escape(brief.query)}", ""]
    out += ([f"- {escape(sentence_text(s))} {_m(s.sources, partial_sources(s))}{_disputed(s)}"
             for s in brief.sentences] or ["_No sentence fits the budget._"])
    sections = brief.sections
    if "agreement" in sections and brief.agreement:
        out += ["", f"## {SECTION_TITLES['agreement']}", ""]
        agreed, more = capped(brief, "agreement", brief.agreement, shown)
        out += [f"- {escape(f.text)} {_m(f.sources, partial_sources(f))}" for f in agreed]
        out += [f"- _{m}_" for m in [more] if m]
    if "unique" in sections:
        groups, more = capped_unique(brief, shown)
        for number, facts in groups:
            out += ["", f"## {SECTION_TITLES['unique']} \\[{number}\\]", ""]
            out += [f"- {escape(f.text)}" for f in facts]
        out += [f"\n_{m}_" for m in [more] if m]
    if "conflicts" in sections and brief.conflicts:
        out += ["", f"## {SECTION_TITLES['conflicts']}", ""]
        conflicts, more = capped(brief, "conflicts", brief.conflicts, shown)
        for c in conflicts:
            out.append(f"- **{c.kind}**: {escape(c.first_value)} {_m((c.first.source,))} vs "
                       f"{escape(c.second_value)} {_m((c.second.source,))}"
                       + (f" — {escape(c.explanation)}" if c.explanation else ""))
        out += [f"- _{m}_" for m in [more] if m]
    if "conflicts" in sections and brief.updates:
        out += ["", f"## {SECTION_TITLES['updates']}", ""]
        out += [f"- {escape(update_line(u))}" for u in brief.updates]
    if "quotes" in sections and brief.quotes:
        out += ["", f"## {SECTION_TITLES['quotes']}", ""]
        quotes, more = capped(brief, "quotes", brief.quotes, shown)
        out += [f"> “{escape(q.text)}”  \n> — {escape(speaker_text(q.speaker))} {_m(q.sources)}\n"
                for q in quotes]
        out += [f"_{m}_" for m in [more] if m]
    if "entities" in sections and brief.entities:
        out += ["", f"## {SECTION_TITLES['entities']}", ""]
        entities, more = capped(brief, "entities", brief.entities, shown)
        out += [f"- {escape(entity_line(e))}" for e in entities]
        out += [f"- _{m}_" for m in [more] if m]
    if any_partial(brief):
        out += ["", f"_{escape(PARTIAL_LEGEND)}_"]
    out += ["", "## Sources", ""]
    out += [f"[^{i}]: {escape(source_label(i, a)[len(markers((i,))) + 1:])}"
            for i, a in enumerate(brief.sources, start=1)]
    out += [f"\n_Note: {escape(n)}_" for n in brief.notes]
    return "\n".join(out) + "\n"
