"""One self-contained HTML page: no script, no external resource, every article string escaped.

Citation markers are focusable; hovering or focusing one shows the supporting
sentence from that source (pure CSS, so it works with scripts disabled).
"""

from __future__ import annotations

from html import escape

from newsbrief.datatypes import Brief, BriefSentence
from newsbrief.render.common import (
    PARTIAL_MARK,
    SECTION_TITLES,
    Limits,
    capped,
    capped_unique,
    entity_line,
    partial_sources,
    sentence_text,
    source_label,
    speaker_text,
    update_line,
)

_CSS = """
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--mute:#666;--acc:#0b5cad;--tip:#fffbe6}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--mute:#aaa;--acc:#7ab7ff;--tip:#2b2a20}}
body{font:17px/1.55 system-ui,-apple-system,Segoe UI,sans-serif;color:var(--fg);background:var(--bg);
max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.cite{position:relative;display:inline-block;color:var(--acc);text-decoration:none;font-size:.8em;
vertical-align:super;margin-left:.1em;cursor:help}
.cite .tip{display:none;position:absolute;left:0;top:1.4em;z-index:2;width:min(28rem,80vw);padding:.6rem;
background:var(--tip);color:var(--fg);border:1px solid var(--mute);border-radius:.4rem;font-size:.9rem;
line-height:1.4;vertical-align:baseline;box-shadow:0 2px 8px #0003}
.cite:hover .tip,.cite:focus .tip,.cite:focus-within .tip{display:block}
.cite:focus{outline:2px solid var(--acc);outline-offset:1px}
ol.sources li,ul li{margin:.3rem 0}.mute{color:var(--mute)}blockquote{margin:.5rem 0 .5rem 1rem}
"""


def _markers(sentence: BriefSentence, brief: Brief) -> str:
    spans: dict[int, list[str]] = {}  # per source, in source order ([1][2], as text and Markdown show them)
    lacks: dict[int, list[str]] = {}
    for citation in sentence.citations:
        spans.setdefault(citation.source, []).append(
            brief.sources[citation.source - 1].text[citation.start:citation.end])
        lacks.setdefault(citation.source, []).extend(citation.lacks)
    partial = partial_sources(sentence)
    out = []
    for number in sorted(spans):
        supporting = escape(" … ".join(spans[number]))
        mark, note = "", ""
        if number in partial:  # partial support: say what the source leaves out
            mark, note = PARTIAL_MARK, escape(f" (partial: lacks {', '.join(dict.fromkeys(lacks[number]))})")
        out.append(f'<a class="cite" href="#source-{number}" tabindex="0" '
                   f'aria-label="source {number}{note}: {supporting}">[{number}{mark}]'
                   f'<span class="tip" role="tooltip">[{number}]{note} {supporting}</span></a>')
    out += [f'<a class="dispute" href="#conflict-{d.conflict}">([{d.source}]: {escape(d.value)})</a>'
            for d in sentence.disputes]
    return "".join(out)


def _title(section: str) -> str:
    """A section's heading, escaped ("People &amp; places")."""
    return escape(SECTION_TITLES[section])


def _refs(numbers: tuple[int, ...], partial: tuple[int, ...] = ()) -> str:
    tip = ' title="partial support"'
    return "".join(f'<a class="cite" href="#source-{n}"{tip if n in partial else ""}>'
                   f'[{n}{PARTIAL_MARK if n in partial else ""}]</a>' for n in numbers)


def render_html(brief: Brief, *, title: str = "Brief", shown: Limits | None = None) -> str:
    """One HTML page; ``shown`` caps each list section (``common.limits``; default ``common.SHOWN``)."""
    body = [f"<h1>{escape(title)}</h1>"]
    if brief.query is not None:
        body.append(f'<p class="focus"><strong>Focus:</strong> {escape(brief.query)}</p>')
    if brief.sentences:
        body.append('<ol class="brief">')
        body += [f"<li>{escape(sentence_text(s))}{_markers(s, brief)}</li>" for s in brief.sentences]
        body.append("</ol>")
    else:
        body.append('<p class="mute">No sentence fits the budget.</p>')
    sections = brief.sections
    if "agreement" in sections and brief.agreement:
        agreed, more = capped(brief, "agreement", brief.agreement, shown)
        body.append(f"<h2>{_title('agreement')}</h2><ul>")
        body += [f"<li>{escape(f.text)}{_refs(f.sources, f.partial)}</li>" for f in agreed]
        body += [f'<li class="mute">{escape(m)}</li>' for m in [more] if m]
        body.append("</ul>")
    if "unique" in sections:
        groups, more = capped_unique(brief, shown)
        for number, facts in groups:
            body.append(f"<h2>{_title('unique')} [{number}]</h2><ul>")
            body += [f"<li>{escape(f.text)}</li>" for f in facts]
            body.append("</ul>")
        body += [f'<p class="mute">{escape(m)}</p>' for m in [more] if m]
    if "conflicts" in sections and brief.conflicts:
        conflicts, more = capped(brief, "conflicts", brief.conflicts, shown)
        body.append(f"<h2>{_title('conflicts')}</h2><ul>")
        for k, c in enumerate(conflicts):
            body.append(f'<li id="conflict-{k}"><b>{escape(c.kind)}</b>: '
                        f"{escape(c.first_value)}{_refs((c.first.source,))} vs "
                        f"{escape(c.second_value)}{_refs((c.second.source,))}"
                        f"{' — ' + escape(c.explanation) if c.explanation else ''}</li>")
        body += [f'<li class="mute">{escape(m)}</li>' for m in [more] if m]
        body.append("</ul>")
    if "conflicts" in sections and brief.updates:
        body.append(f"<h2>{escape(SECTION_TITLES['updates'])}</h2><ul>")
        body += [f"<li>{escape(update_line(u))}</li>" for u in brief.updates]
        body.append("</ul>")
    if "quotes" in sections and brief.quotes:
        quotes, more = capped(brief, "quotes", brief.quotes, shown)
        body.append(f"<h2>{_title('quotes')}</h2>")
        body += [f"<blockquote>“{escape(q.text)}” — {escape(speaker_text(q.speaker))}{_refs(q.sources)}"
                 "</blockquote>" for q in quotes]
        body += [f'<p class="mute">{escape(m)}</p>' for m in [more] if m]
    if "entities" in sections and brief.entities:
        entities, more = capped(brief, "entities", brief.entities, shown)
        body.append(f"<h2>{_title('entities')}</h2><ul>")
        body += [f"<li>{escape(entity_line(e))}</li>" for e in entities]
        body += [f'<li class="mute">{escape(m)}</li>' for m in [more] if m]
        body.append("</ul>")
    body.append('<h2>Sources</h2><ol class="sources">')
    for number, article in enumerate(brief.sources, start=1):
        label = escape(source_label(number, article)[len(f"[{number}] "):])
        body.append(f'<li id="source-{number}">{label}</li>')
    body.append("</ol>")
    body += [f'<p class="mute">Note: {escape(n)}</p>' for n in brief.notes]
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
