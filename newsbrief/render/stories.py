"""Several briefs in one output, one per story of a pile, each under its story's title."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html import escape

from newsbrief.datatypes import Brief
from newsbrief.render.common import Limits
from newsbrief.render.html import render_html
from newsbrief.render.markdown import escape as markdown_escape
from newsbrief.render.markdown import render_markdown
from newsbrief.render.text import render_text

# A footnote marker or definition of the Markdown renderer; article text is escaped, so its ``[`` has a backslash.
_FOOTNOTE = re.compile(r"(?<!\\)\[\^(\d+)\]")
# The source anchors of the HTML renderer; article text is escaped, so its quotes cannot open an attribute.
_ANCHOR = re.compile(r'(href="#|id=")source-(\d+)"')


def heading(number: int, brief: Brief, total: int) -> str:
    """``Story 2 of 3: <title> (4 articles)``."""
    count = len(brief.sources)
    title = brief.title or brief.story_id
    return f"Story {number} of {total}: {title} ({count} article{'s' if count != 1 else ''})"


def render_stories(briefs: Sequence[Brief], fmt: str, *, shown: Limits | None = None) -> str:
    """The briefs one after another in ``fmt`` (text, markdown, html, or json: ``{"stories": [...]}``).

    ``shown`` caps each list section of the human-readable formats (``common.limits``).
    """
    total = len(briefs)
    if fmt == "json":
        return json.dumps({"stories": [b.to_dict() for b in briefs]}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        parts = []
        for number, brief in enumerate(briefs, start=1):
            body = render_markdown(brief, shown=shown).removeprefix("# Brief\n")
            body = _FOOTNOTE.sub(lambda m, n=number: f"[^s{n}-{m.group(1)}]", body)
            parts.append(f"# {markdown_escape(heading(number, brief, total))}\n{body}")
        return "\n".join(parts)
    if fmt == "html":
        pages = [_ANCHOR.sub(lambda m, n=number: f'{m.group(1)}s{n}-source-{m.group(2)}"',
                             render_html(brief, title=heading(number, brief, total), shown=shown))
                 for number, brief in enumerate(briefs, start=1)]
        bodies = [page.split("<body>\n", 1)[1].rsplit("\n</body>", 1)[0] for page in pages]
        head = pages[0].split("<body>\n", 1)[0]
        head = re.sub(r"<title>.*?</title>", f"<title>{escape(f'Briefs of {total} stories')}</title>", head,
                      count=1, flags=re.S)
        return head + "<body>\n" + "\n<hr>\n".join(bodies) + "\n</body></html>\n"
    return "\n".join(f"{heading(number, brief, total)}\n\n{render_text(brief, shown=shown)}"
                     for number, brief in enumerate(briefs, start=1))
