"""Plain text: brief sentences with ``[1][2]`` markers, the sections, then the numbered sources."""

from __future__ import annotations

from newsbrief.datatypes import Brief
from newsbrief.render.common import (
    PARTIAL_LEGEND,
    SECTION_TITLES,
    Limits,
    any_partial,
    capped,
    capped_unique,
    dispute_text,
    entity_line,
    markers,
    sentence_text,
    source_label,
    speaker_text,
    support_markers,
    update_line,
)


def render_text(brief: Brief, *, shown: Limits | None = None) -> str:
    """The brief as plain text; ``shown`` caps each list section (``common.limits``; default ``common.SHOWN``)."""
    lines = [f"{sentence_text(s)} {support_markers(s)}{dispute_text(s)}" for s in brief.sentences]
    if brief.query is not None:  # a focused brief says what it answers first
        lines = [f"Focus: {brief.query}", "", *lines]
    if not brief.sentences:
        lines.append("(no sentence fits the budget)")
    sections = brief.sections
    if "agreement" in sections and brief.agreement:
        lines += ["", f"{SECTION_TITLES['agreement']}:"]
        agreed, more = capped(brief, "agreement", brief.agreement, shown)
        lines += [f"- {f.text} {support_markers(f)}" for f in agreed]
        lines += [m for m in [more] if m]
    if "unique" in sections:
        groups, more = capped_unique(brief, shown)
        for number, facts in groups:
            lines += ["", f"{SECTION_TITLES['unique']} [{number}]:"]
            lines += [f"- {f.text}" for f in facts]
        lines += [m for m in [more] if m]
    if "conflicts" in sections and brief.conflicts:
        lines += ["", f"{SECTION_TITLES['conflicts']}:"]
        conflicts, more = capped(brief, "conflicts", brief.conflicts, shown)
        for c in conflicts:
            lines.append(f"- {c.kind}: [{c.first.source}] {c.first_value} vs [{c.second.source}] {c.second_value}"
                         + (f" ({c.explanation})" if c.explanation else ""))
        lines += [m for m in [more] if m]
    if "conflicts" in sections and brief.updates:
        lines += ["", f"{SECTION_TITLES['updates']}:"]
        lines += [f"- {update_line(u)}" for u in brief.updates]
    if "quotes" in sections and brief.quotes:
        lines += ["", f"{SECTION_TITLES['quotes']}:"]
        quotes, more = capped(brief, "quotes", brief.quotes, shown)
        lines += [f"- “{q.text}” — {speaker_text(q.speaker)} {markers(q.sources)}" for q in quotes]
        lines += [m for m in [more] if m]
    if "entities" in sections and brief.entities:
        lines += ["", f"{SECTION_TITLES['entities']}:"]
        entities, more = capped(brief, "entities", brief.entities, shown)
        lines += [f"- {entity_line(e)}" for e in entities]
        lines += [m for m in [more] if m]
    if any_partial(brief):
        lines += ["", PARTIAL_LEGEND]
    lines += ["", "Sources:"]
    lines += [source_label(i, a) for i, a in enumerate(brief.sources, start=1)]
    for note in brief.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines) + "\n"
