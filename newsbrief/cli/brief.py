"""``newsbrief brief``: read articles, brief them, print the brief."""

from __future__ import annotations

import sys

import click

import newsbrief
from newsbrief.cli.options import (
    budget_from,
    budget_options,
    method_with_model,
    model_option,
    output_options,
    render,
    settings_from,
    warn_problems,
)
from newsbrief.cli.stories import SINCE_HELP, db_path, parse_since
from newsbrief.errors import EmptyInputError


@click.command("brief", epilog="""\b
Examples:
  newsbrief brief a.txt b.html --words 120
  newsbrief brief story/ --sentences 5 --format markdown
  newsbrief brief - < article.txt
  newsbrief brief clusters.jsonl --format json --sections none
  newsbrief brief --db news.db --story s1a2b3c4d5e6 --words 150
  newsbrief brief --db news.db --story s1a2b3c4d5e6 --since 1d
  newsbrief brief a.txt b.txt --query "Bolton's role"
  newsbrief brief day/ --by-story --words 80
""")
@click.argument("paths", nargs=-1, metavar="PATH...")
@budget_options
@output_options
@click.option("--explain", is_flag=True, help="Also report what cleaning removed and by which rule.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="A TOML settings file.")
@click.option("--db", type=click.Path(dir_okay=False),
              help="The store that --story reads (default: newsbrief.db in the data directory).")
@click.option("--story", help="Brief a story of the store (see `newsbrief stories`) instead of PATH...")
@click.option("--since", help="With --story: an update brief of only what is new since then. " + SINCE_HELP)
@click.option("--query", help='A focused brief: what the sources say about this ("the sanctions", '
                                    '"What is being done to rescue the miners?").')
@click.option("--by-story", "by_story", is_flag=True,
              help="Group the articles into stories and write one brief per story, largest first "
                   "(the budget applies to each).")
@model_option
@click.pass_context
def brief_command(ctx: click.Context, paths: tuple[str, ...], words: int | None, sentences: int | None,
                  bytes_: int | None, truncate: bool, method: str | None, sections: str | None, fmt: str,
                  explain: bool, config: str | None, db: str | None, story: str | None, since: str | None,
                  query: str | None, by_story: bool, model: str | None = None,
                  max_items: int | None = None) -> None:
    """Brief the articles in PATH... (files, directories, JSONL, http(s) URLs, or - for stdin)."""
    settings = settings_from(config)
    budget = budget_from(words, sentences, bytes_, settings)
    method = method_with_model(method, model, settings)
    _validate_store_options(paths, db, story, since)
    if by_story and story is not None:
        raise click.UsageError("--by-story briefs PATH...; a stored story (--story) is one story already")
    if settings.ner_helper:
        _start_loading_ner(sections)
    if story is not None:
        from newsbrief import brief_story

        with newsbrief.Store(db_path(db, config), readonly=True) as store:
            result_brief = brief_story(store, story, since=parse_since(since), budget=budget,
                                       method=method, sections=sections, truncate=truncate,
                                       query=query)
        _echo_notes(result_brief)
    else:
        if not paths:
            raise click.UsageError("give at least one PATH (a file, a directory, a URL, or - for stdin)")
        result = newsbrief.read(list(paths), settings=settings, stdin=sys.stdin.buffer)
        warn_problems(result.problems)
        if not result.articles:
            raise EmptyInputError("no article could be read")
        _note_shared_ids(result.articles)
        if len(result.articles) == 1:
            click.echo("newsbrief: note: one article given; the brief summarises it alone", err=True)
        options = {"budget": budget, "method": method, "sections": sections, "truncate": truncate,
                   "query": query, "max_sentences": settings.max_sentences}
        if by_story:
            from newsbrief.by_story import drop_junk

            kept, junk = drop_junk(result.articles)
            _warn_junk(junk)
            stories = newsbrief.pile_stories(kept)
            briefs = newsbrief.brief_by_story(kept, stories=stories, **options)
            _warn_left_out(stories, briefs)
            for each in briefs:
                _echo_notes(each)
            if explain:
                for each in briefs:
                    _explain(each)
            from newsbrief.render.common import limits
            from newsbrief.render.stories import render_stories

            click.echo(render_stories(briefs, fmt, shown=limits(max_items)), nl=False)
            return
        result_brief = newsbrief.brief(result.articles, **options)
        _echo_notes(result_brief)
        from newsbrief.by_story import several_stories_note

        note = several_stories_note(newsbrief.pile_stories(result.articles, titled=False), how="add --by-story")
        if note:
            click.echo(f"newsbrief: note: {note}", err=True)
    if explain:
        _explain(result_brief)
    click.echo(render(result_brief, fmt, explain=explain, max_items=max_items), nl=False)


def _explain(result_brief: newsbrief.Brief) -> None:
    """What cleaning removed from the brief's sources, one line each on stderr."""
    for removal in result_brief.removals:
        number = next(i for i, a in enumerate(result_brief.sources, 1) if a.id == removal.article_id)
        click.echo(f"removed [{number}] {removal.start}-{removal.end} by {removal.rule}: {removal.text!r}", err=True)


def _warn_left_out(stories: list[newsbrief.Story], briefs: list[newsbrief.Brief]) -> None:
    """A warning for each story that had no sentence to brief."""
    briefed = {b.story_id for b in briefs}
    for story in stories:
        if story.id not in briefed:
            click.echo(f"newsbrief: warning: a story of {len(story.article_ids)} article(s) has no sentence to "
                       "brief (after removing boilerplate); left out", err=True)


def _note_shared_ids(articles: tuple[newsbrief.Article, ...]) -> None:
    """Say once which given ids were shared, and what the later copies are called (``id~2``) in the output."""
    renamed = [a for a in articles if "~" in a.id and a.id.rsplit("~", 1)[1].isdigit()
               and any(b.id == a.id.rsplit("~", 1)[0] for b in articles)]
    if renamed:
        shown = ", ".join(f"{a.path or a.url or a.id} is '{a.id}'" for a in renamed[:3])
        click.echo(f"newsbrief: note: {len(renamed)} article(s) repeat an id given before; ids must be unique, so "
                   f"a number is added: {shown}{', …' if len(renamed) > 3 else ''}", err=True)


def _warn_junk(junk: list[newsbrief.Article]) -> None:
    """One note for the pages left out of the stories, as `ingest` leaves them out."""
    if junk:
        names = ", ".join(a.path or a.url or a.title or a.id for a in junk[:3]) + (", …" if len(junk) > 3 else "")
        click.echo(f"newsbrief: note: {len(junk)} page(s) that report no event (cookie walls, widgets, notices) "
                   f"left out of the stories, as `ingest` leaves them out: {names}", err=True)


def _echo_notes(result_brief: newsbrief.Brief) -> None:
    """The notes a user must not miss (a query not answered, sources not in English), one line each on stderr.

    Only when stdout is not a terminal: on a terminal the brief ends with the same notes, and saying them
    twice on one screen is noise; piped or redirected, stderr is where the user sees them.
    """
    if sys.stdout.isatty():
        return
    from newsbrief.ingest.language import is_language_note
    from newsbrief.select.query import is_unfocused_note

    for note in result_brief.notes:
        if is_unfocused_note(note) or is_language_note(note):
            click.echo(f"newsbrief: note: {note}", err=True)


def _start_loading_ner(sections: str | None) -> None:
    """If the brief will need NER, have a helper process load spaCy's model while the input is read and briefed."""
    from newsbrief.datatypes import parse_sections
    from newsbrief.errors import ConfigError

    try:
        wanted = set(parse_sections(sections))
    except ConfigError:
        return  # the brief itself reports the bad option
    if wanted & {"quotes", "entities", "conflicts"}:
        from newsbrief.names import ner_helper

        ner_helper.start()


def _validate_store_options(paths: tuple[str, ...], db: str | None, story: str | None, since: str | None) -> None:
    """``--since`` and ``--db`` need ``--story``; ``--story`` takes no PATH."""
    if story is None:
        if since is not None:
            raise click.UsageError("--since needs --story (an update brief of a stored story)")
        if db is not None:
            raise click.UsageError("--db needs --story (the story of the store to brief)")
    elif paths:
        raise click.UsageError("give PATH... or --story, not both")
