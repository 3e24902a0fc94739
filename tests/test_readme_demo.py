"""The README shows what ``make demo`` prints: a new user compares the two first."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_cli

_BLOCK = re.compile(r"<!-- demo-output:start[^\n]*-->\n```text\n(.*?)```\n<!-- demo-output:end -->", re.S)


def test_readme_demo_block_is_what_make_demo_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = _BLOCK.search(readme)
    assert block is not None, "README.md lost its demo-output markers"
    demo = ["newsbrief/resources/demo/source-1.txt", "newsbrief/resources/demo/source-2.txt"]
    code, out, err = run_cli(["brief", *(str(ROOT / p) for p in demo), "--words", "100"], capsys)
    assert code == 0, err
    # the CLI was given absolute paths here; make demo gives them relative to the project
    assert out.replace(f"{ROOT}/", "") == block.group(1), "regenerate the README's demo block (see its marker)"
