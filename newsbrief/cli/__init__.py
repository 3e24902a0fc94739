"""The ``newsbrief`` command group: one module per command, loaded only when used.

Commands are thin: they parse options, call the public API and render. Every
NewsbriefError becomes one line on stderr and exit status 1 (2 for usage);
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import sys
from typing import Any

import click

from newsbrief import __version__
from newsbrief.errors import NewsbriefError

# Command name -> "module:function"; imported on first use so `newsbrief --help`
# and a cold `newsbrief brief` do not pay for the server, Dask or the evaluators.
COMMANDS: dict[str, str] = {
    "brief": "newsbrief.cli.brief:brief_command",
    "batch": "newsbrief.cli.batch:batch_command",
    "evaluate": "newsbrief.cli.evaluate:evaluate_command",
    "ingest": "newsbrief.cli.ingest:ingest_command",
    "stories": "newsbrief.cli.stories:stories_command",
    "serve": "newsbrief.cli.serve:serve_command",
    "train": "newsbrief.cli.train:train_command",
}

EPILOG = """\b
Example:
  newsbrief brief newsbrief/resources/demo/*.txt --words 100
  newsbrief brief articles.jsonl --sentences 5 --format markdown
  cat story.html | newsbrief brief - other.txt --format json
"""


class LazyGroup(click.Group):
    """A click group whose subcommands are imported when first called."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._available(name))

    def _available(self, name: str) -> bool:
        module = COMMANDS[name].partition(":")[0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None or not self._available(name):
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newsbrief")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn several news articles on one event into one brief that cites its sources."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def fail(message: str, code: int = 1) -> None:
    """Print one line on stderr and exit (the CLI's only way to report an error)."""
    click.echo(f"newsbrief: error: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"newsbrief: warning: {message}", err=True)


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``newsbrief`` script."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        return cli.main(args=args, prog_name="newsbrief", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("newsbrief: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsbriefError as exc:
        if debug:
            raise
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo("newsbrief: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except MemoryError:
        fail("out of memory; try a smaller input or fewer workers")
    except OSError as exc:
        if debug:
            raise
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
        where = f" writing {exc.filename}" if exc.filename else ""
        fail(f"the disk is full{where}; what was written before is kept (batch: every line written is whole, "
             "run the same command with --resume after freeing space; the store: batches committed so far)")
    except Exception as exc:  # the last guard: no traceback reaches a user without --debug
        if debug:
            raise
        fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
