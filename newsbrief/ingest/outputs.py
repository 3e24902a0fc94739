"""Refuse to write over an input: an output path checked against the inputs before it is opened.

``newsbrief batch x.jsonl --out x.jsonl`` once truncated its own input to 0
bytes (issue 28). The same file can hide behind another name (a relative path,
a symlink, a hard link), so files that exist are compared by device and inode
(``os.path.samefile``), and paths that do not yet exist by their resolved form.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newsbrief.errors import InputError


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (by inode if both exist, else by resolved path)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_not_input(out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None], *,
                    what: str = "--out") -> None:
    """Raise InputError if ``out`` is one of ``inputs`` (``-`` and None inputs are skipped).

    Raises:
        InputError: naming both paths; nothing has been opened for writing yet.
    """
    for path in inputs:
        if path is None or str(path) == "-" or str(out) == "-":
            continue
        if same_file(out, path):
            raise InputError(f"{what} {os.fspath(out)} is the input {os.fspath(path)}: writing it would destroy "
                             "the input; choose another output file")
