"""What every human-readable format shares: labels, markers and section titles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from newsbrief.datatypes import Article, Brief, BriefSentence, Entity, Fact
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
