"""What ``--help`` says: true to the registry, no pointer to itself, no option a command lacks."""

from __future__ import annotations

import re

import pytest
from conftest import run_cli

import newsbrief.pipeline  # noqa: F401 - registers the built-in methods
from newsbrief.cli.options import METHOD_HELP
from newsbrief.pipeline import DEFAULT_METHOD
from newsbrief.registry import methods

NAME = re.compile(r"\b(?:concepts|learned|lead|submodular)(?:[.-]\w+)*")


def test_cli_help_method_names_every_listed_method_and_the_real_default() -> None:
    named = set(NAME.findall(METHOD_HELP)) - {"learned"}  # "learned from human summaries" is prose
    assert named == set(methods.names())  # every public method, no hidden variant, nothing made up
    assert f"{DEFAULT_METHOD} (the default" in METHOD_HELP
    assert "best" not in METHOD_HELP and "--help" not in METHOD_HELP


def test_cli_help_hidden_variants_still_accepted() -> None:
    hidden = [n for n in methods.names(hidden=True) if n not in methods.names()]
    assert "learned-no-position" in hidden
    assert all(n in methods for n in hidden)


def test_cli_unknown_method_lists_only_public_methods(capsys, monkeypatch) -> None:
    from conftest import DEMO_PATHS

    code, _, err = run_cli(["brief", str(DEMO_PATHS[0]), "--method", "nope", "--sections", "none"],
                           capsys, monkeypatch)
    assert code == 1 and "available: " in err and "learned.v1" in err
    assert "learned-no-" not in err


@pytest.mark.parametrize("command", ["brief", "batch", "evaluate", "ingest", "stories", "serve", "train"])
def test_cli_help_mentions_only_options_the_command_has(command: str, capsys) -> None:
    code, out, _ = run_cli([command, "--help"], capsys)
    assert code == 0
    options = set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)(?: / (--[\w-]+))?", out, flags=re.M))
    options = {o for pair in options for o in pair if o}
    # another command's option is fine in an example line or in backticks ("`newsbrief brief --model OUT`")
    own = re.sub(r"`[^`]*`|^\s+newsbrief .*$", "", out, flags=re.M)
    mentioned = set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", own))
    assert mentioned <= options | {"--help"}, (command, mentioned - options)
