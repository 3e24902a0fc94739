"""Options shared by the commands that produce briefs (brief, batch, and the store commands)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from newsbrief.datatypes import Brief, Budget, Problem
from newsbrief.errors import BudgetError, ConfigError
from newsbrief.settings import Settings, load_settings

FORMATS = ("text", "markdown", "json", "html")
# Static, so that `--help` and a cold `brief` do not import every selector; a test keeps it true to the registry.
METHOD_HELP = ("How sentences are chosen: concepts.v3 (the default: the facts most sources state, each once), "
               "learned.v1 (concepts.v3 weighted by a model learned from human summaries; see --model), "
               "lead (each source's first sentences), submodular, concepts-ilp, or the older concepts, "
               "concepts.v2. An unknown name lists them all.")
MODEL_HELP = ("A model file from `newsbrief train` for the learned method (implies --method learned.v1 unless "
              "--method is given); default: the model setting, else the shipped model. A file that cannot be "
              "used is an error.")


def budget_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--words N | --sentences N | --bytes N`` and ``--truncate``."""
    options = [
        click.option("--words", "-w", type=int, help="Length limit in words (default 100)."),
        click.option("--sentences", "-s", type=int, help="Length limit in sentences."),
        click.option("--bytes", "bytes_", type=int, help="Length limit in UTF-8 bytes."),
        click.option("--truncate", is_flag=True,
                     help="Fill the budget, cutting the last sentence at the end of a word (shown with '…'; "
                          "default: whole sentences only)."),
        click.option("--method", "-m", help=METHOD_HELP),
        click.option("--sections", help="Analysis sections: all (default), none, or a comma list of "
                                        "agreement,unique,conflicts,quotes,entities."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _shown_by_default() -> str:
    """"5 agreed, 6 only-in, ...": the default caps of the human-readable formats, for the help."""
    from newsbrief.render.common import SHOWN

    names = {"agreement": "agreed", "unique": "only-in", "conflicts": "conflicts", "quotes": "quotes",
             "entities": "names"}
    return ", ".join(f"{n} {names[section]}" for section, n in SHOWN.items())


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--format`` and ``--max-items`` (how much of each list section text, Markdown and HTML show)."""
    command = click.option("--max-items", "max_items", callback=_parse_max_items, metavar="N|all",
                           help="Show up to N items of each list section (agreed, only in, quotes, ...) in text, "
                                "Markdown and HTML, or all of them; the rest is counted ('… and 12 more'). "
                                f"Default: {_shown_by_default()}. JSON keeps every item.")(command)
    return click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text",
                        show_default=True, help="Output format.")(command)


def _parse_max_items(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """``N`` (at least 1) or ``all`` (0, no cap); None when the option is not given."""
    if value is None:
        return None
    if value.strip().lower() == "all":
        return 0
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 1:
        raise click.BadParameter(f"{value!r} is not a positive whole number or 'all'", ctx, param)
    return number


def settings_from(config: str | None) -> Settings:
    try:
        return load_settings(config)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def budget_from(words: int | None, sentences: int | None, bytes_: int | None, settings: Settings) -> Budget:
    """The one budget the options give (exit 2 on a bad one, like any usage error)."""
    try:
        if words is None and sentences is None and bytes_ is None:
            return Budget.parse(settings.budget)
        return Budget.from_options(words=words, sentences=sentences, bytes=bytes_)
    except BudgetError as exc:
        raise click.UsageError(str(exc).replace("give one budget", "give one of --words, --sentences, --bytes")
                               ) from None


def warn_problems(problems: Iterable[Problem]) -> None:
    """One warning line per input that could not be used."""
    for problem in problems:
        click.echo(f"newsbrief: warning: {problem}", err=True)


def render(brief: Brief, fmt: str, *, explain: bool = False, max_items: int | None = None) -> str:
    """The brief in ``fmt``; ``max_items`` caps the list sections of the human-readable formats."""
    from newsbrief.render.common import limits

    if fmt == "json":
        from newsbrief import render_json

        return render_json(brief, explain=explain) + "\n"
    if fmt == "markdown":
        from newsbrief.render.markdown import render_markdown

        return render_markdown(brief, shown=limits(max_items))
    if fmt == "html":
        from newsbrief.render.html import render_html

        return render_html(brief, shown=limits(max_items))
    from newsbrief.render.text import render_text

    return render_text(brief, shown=limits(max_items))


def model_option(command: Callable[..., Any], *, help: str = MODEL_HELP) -> Callable[..., Any]:  # noqa: A002
    """``--model PATH``: the learned selection model (from ``newsbrief train``)."""
    return click.option("--model", "model", type=click.Path(dir_okay=False), help=help)(command)


def check_model_file(model: str) -> None:
    """A model file the user names (``--model``) must load: a typo is an error, not a silent other method.

    Raises:
        ModelUnavailableError: ``model`` is missing, unreadable or not a model file.
    """
    from newsbrief.errors import ModelUnavailableError
    from newsbrief.learn.model import load_model

    try:
        load_model(model)
    except ModelUnavailableError as exc:
        raise ModelUnavailableError(f"--model: {exc} (give a model file made by `newsbrief train`, or leave "
                                    "--model out for the shipped model)") from None


def method_with_model(method: str | None, model: str | None, settings: Settings) -> str:
    """The method to brief with, after pointing the learned methods at ``--model`` or the ``model`` setting.

    The path travels in ``NEWSBRIEF_MODEL``, so batch workers and server workers started after this read
    the same file. A file named with ``--model`` that cannot be used is an error here, before any work (the
    user asked for that file); one from the ``model`` setting is warned about, once, when a brief first needs it.

    Raises:
        ModelUnavailableError: ``model`` is missing, unreadable or not a model file.
    """
    from newsbrief.select.learned import LEARNED_METHOD, use_model

    if model:
        check_model_file(model)
    path = model or settings.model
    if path:
        use_model(path)
    if method:
        return method
    return LEARNED_METHOD if model else settings.method
