"""What every human-readable format shares: labels, markers and section titles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from newsbrief.datatypes import Article, Brief, BriefSentence, Entity, Fact, Update

SECTION_TITLES = {
    "agreement": "Agreed",
    "unique": "Only in",
    "conflicts": "Conflicts",
    "updates": "Updates (a later source revised the figure; not a conflict)",
    "quotes": "Quotes",
    "entities": "People & places",
}
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "group",
                "FAC": "place"}


def markers(sources: Iterable[int]) -> str:
    """``[1][2]`` for a list of source numbers."""
    return "".join(f"[{n}]" for n in sources)


# After a source number: the source tells the fact without every detail of it (JSON ``lacks`` lists them).
PARTIAL_MARK = "~"
PARTIAL_LEGEND = f"{PARTIAL_MARK} after a source number: partial support (the source leaves out a detail)"


def partial_sources(item: BriefSentence | Fact) -> frozenset[int]:
    """Sources that support a brief sentence or agreed fact only in part."""
    if isinstance(item, Fact):
        return frozenset(item.partial)
    full = {c.source for c in item.citations if not c.lacks}
    return frozenset(c.source for c in item.citations if c.lacks and c.source not in full)


def support_markers(item: BriefSentence | Fact) -> str:
    """``[1][2~]``: the sources, a partial one marked."""
    partial = partial_sources(item)
    return "".join(f"[{n}{PARTIAL_MARK if n in partial else ''}]" for n in item.sources)


def dispute_text(sentence: BriefSentence) -> str:
    """`` ([2]: 19)`` after a sentence another source disputes; empty otherwise."""
    return "".join(f" ([{d.source}]: {d.value})" for d in sentence.disputes)


def update_line(update: Update) -> str:
    """``count: [1] 12 (2026-03-01 09:00) -> [2] 19 (2026-03-01 18:00)``."""
    def when(d: datetime | None) -> str:
        return f" ({d.strftime('%Y-%m-%d %H:%M')})" if d is not None else ""
    return (f"{update.kind}: [{update.earlier.source}] {update.earlier_value}{when(update.earlier_published)} -> "
            f"[{update.later.source}] {update.later_value}{when(update.later_published)}")


def any_partial(brief: Brief) -> bool:
    return any(partial_sources(s) for s in brief.sentences) or any(f.partial for f in brief.agreement)


def source_label(number: int, article: Article) -> str:
    """``[1] Title — path`` for the source list."""
    where = article.url or article.path
    title = article.title or article.source
    parts = [p for p in (title, where) if p]
    return f"[{number}] " + (" — ".join(parts) if parts else article.id)


def entity_line(entity: Entity) -> str:
    kind = ENTITY_KINDS.get(entity.label, entity.label.lower())
    aliases = [a for a in entity.aliases if a != entity.name]
    also = f" (also {', '.join(aliases)})" if aliases else ""
    counts = ", ".join(f"[{n}] {c}×" for n, c in sorted(entity.counts().items()))
    return f"{entity.name}{also}: {kind}; {counts}"


def speaker_text(speaker: str | None) -> str:
    return speaker or "unattributed"


def has_sections(brief: Brief) -> bool:
    return bool(brief.sections)


def more_line(brief: Brief, section: str) -> str | None:
    """"… and 1,234 more" under a section that shows only its first items, else None."""
    n = dict(brief.more).get(section, 0)
    return f"… and {n:,} more" if n > 0 else None
