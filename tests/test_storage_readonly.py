"""A store on a read-only mount can be read (WAL's side files cannot be made there; issue 28).

Tests run as root, which passes file-mode checks, so the read-only place is a real
read-only bind mount; where mounting is not permitted the tests are skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import demo_articles, run_cli

import newsbrief


@pytest.fixture
def readonly_store(tmp_path: Path) -> Iterator[Path]:
    source, mount = tmp_path / "store", tmp_path / "ro"
    source.mkdir()
    mount.mkdir()
    with newsbrief.Store(source / "s.db") as store:
        store.add_articles(demo_articles())
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    bind = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.decode(errors='replace').strip()}")
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield mount / "s.db"
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_readonly_mount_store_is_listed_and_briefed(readonly_store: Path, capsys) -> None:
    assert not list(readonly_store.parent.glob("s.db-*"))  # no side files to lean on
    with newsbrief.Store(readonly_store, readonly=True) as store:
        stories = store.stories()
    assert stories
    code, out, err = run_cli(["stories", "--db", str(readonly_store)], capsys)
    assert code == 0, err
    assert "articles" in out


def test_readonly_mount_store_refuses_writes_clearly(readonly_store: Path, capsys) -> None:
    text = demo_articles()[0].text
    path = readonly_store.parent.parent / "new.txt"
    path.write_text(text + "\nA new closing line about the talks.", encoding="utf-8")
    code, _, err = run_cli(["ingest", "--db", str(readonly_store), str(path)], capsys)
    assert code == 1
    assert "read-only" in err and "Traceback" not in err
