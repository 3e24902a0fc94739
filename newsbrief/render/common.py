"""What every human-readable format shares: labels, markers and section titles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from newsbrief.datatypes import Article, Brief, BriefSentence, Entity, Fact, Update
from newsbrief.select.truncate import ELLIPSIS

T = TypeVar("T")

# What text, Markdown and HTML show of each list section by default: a 100-word brief of ten articles
# came with ~170 lines (30 quotes, 40 names) before; with these it reads in one screen. JSON keeps
# every item. ``--max-items N`` (``limits(N)``) shows N of each, ``--max-items all`` every item.
SHOWN = {"agreement": 5, "unique": 6, "conflicts": 5, "quotes": 6, "entities": 10}
Limits = Mapping[str, "int | None"]

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


def sentence_text(sentence: BriefSentence) -> str:
    """A brief sentence as shown: one cut to fill the budget (``--truncate``) ends with "…"."""
    return sentence.text + ELLIPSIS if sentence.trimmed else sentence.text


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
    """``[1] Title — path`` for the source list (standard input, given as ``-``, is named "stdin")."""
    where = article.url or ("stdin" if article.path == "-" else article.path)
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


def limits(max_items: int | None = None) -> dict[str, int | None]:
    """Per section, how many items a human-readable format shows: the defaults, N each, or all (0)."""
    if max_items is None:
        return dict(SHOWN)
    return {section: (max_items or None) for section in SHOWN}


def capped(brief: Brief, section: str, items: Sequence[T], shown: Limits | None) -> tuple[Sequence[T], str | None]:
    """The items to show of one section, and its "… and N more" line (hidden here or by the analysis)."""
    limit = (shown if shown is not None else SHOWN).get(section)
    kept = items if limit is None else items[:limit]
    hidden = len(items) - len(kept) + dict(brief.more).get(section, 0)
    return kept, (f"… and {hidden:,} more" if hidden > 0 else None)


def capped_unique(brief: Brief, shown: Limits | None) -> tuple[list[tuple[int, Sequence[Fact]]], str | None]:
    """The "Only in" facts to show, in source order, and the line counting the rest.

    Sources take turns, the one with the most salient fact first, so a cap keeps each source's best fact
    before anyone's second.
    """
    limit = (shown if shown is not None else SHOWN).get("unique")
    groups = [(n, facts) for n, facts in brief.unique if facts]
    total = sum(len(f) for _, f in groups)
    if limit is None or total <= limit:
        kept = groups
    else:
        order = sorted(groups, key=lambda g: (-max(f.salience for f in g[1]), g[0]))
        take = {n: 0 for n, _ in groups}
        left, depth = limit, 0
        while left > 0:
            for n, facts in order:
                if left > 0 and depth < len(facts):
                    take[n] += 1
                    left -= 1
            depth += 1
        kept = [(n, facts[:take[n]]) for n, facts in groups if take[n]]
    hidden = total - sum(len(f) for _, f in kept) + dict(brief.more).get("unique", 0)
    return kept, (f"… and {hidden:,} more, each only in one source" if hidden > 0 else None)
