"""``newsbrief serve``: the real command in a subprocess on loopback, and its options."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from conftest import run_cli

pytest.importorskip("fastapi", reason="the server needs the 'serve' extra (fastapi, uvicorn, python-multipart)")

from newsbrief.cli.serve import is_loopback
from newsbrief.server.testing import ServeProcess

ROOT = Path(__file__).resolve().parent.parent
# Start-up spawns and warms the worker processes; allow for a slow, shared machine.
START_SECONDS = 90





def test_cli_serve_runs_on_loopback_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSBRIEF_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    with ServeProcess(env=env, cwd=str(ROOT), timeout=START_SECONDS) as server:
        version = httpx.get(server.url + "/version", timeout=10).json()
        brief = httpx.post(server.url + "/v1/brief", timeout=60, json={"articles": [
            {"text": "The council approved the new bridge on Monday. Work starts in May."},
            {"text": "On Monday the council approved a bridge. Construction begins in May."}]})
    assert version["store"] is True and version["fetch"] is False  # the default store, in NEWSBRIEF_HOME
    assert (tmp_path / "newsbrief.db").exists()
    assert brief.status_code == 200 and brief.json()["sentences"]
    assert server.returncode == 0, server.stderr
    assert f"serving on {server.url}/" in server.stderr
    assert "Traceback" not in server.stderr


def test_cli_serve_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["serve", "--help"], capsys)
    assert code == 0
    for option in ("--host", "--port", "--db", "--allow-fetch", "127.0.0.1", "8000"):
        assert option in out


def test_cli_serve_passes_options_to_the_server(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    calls: list[dict] = []
    monkeypatch.setattr("newsbrief.server.run.serve", lambda app, **kw: calls.append({"app": app, **kw}) or True)
    code, _, err = run_cli(["serve", "--port", "8123", "--allow-fetch", "--no-db"], capsys)
    assert code == 0
    (call,) = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    state = call["app"].state.newsbrief
    assert state.settings.allow_fetch is True and state.store_path is None
    assert "warning" not in err


def test_cli_serve_without_db_uses_the_default_store_as_ingest_does(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("newsbrief.storage.db", reason="the story store is not installed")
    monkeypatch.setenv("NEWSBRIEF_HOME", str(tmp_path))
    calls: list = []
    monkeypatch.setattr("newsbrief.server.run.serve", lambda app, **kw: calls.append(app) or True)
    demo = ROOT / "newsbrief" / "resources" / "demo" / "source-1.txt"
    code, _, err = run_cli(["ingest", str(demo)], capsys)
    assert code == 0, err
    code, _, err = run_cli(["serve"], capsys)
    assert code == 0, err
    assert calls[0].state.newsbrief.store_path == str(tmp_path / "newsbrief.db")
    code, _, err = run_cli(["serve", "--db", str(tmp_path / "x.db"), "--no-db"], capsys)
    assert code == 2 and "--no-db" in err


def test_cli_serve_warns_when_not_on_loopback(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("newsbrief.server.run.serve", lambda app, **kw: True)
    code, _, err = run_cli(["serve", "--host", "0.0.0.0", "--no-db"], capsys)
    assert code == 0
    assert "warning: listening on 0.0.0.0, reachable from other machines" in err


def test_cli_serve_bad_port_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["serve", "--port", "70000"], capsys)
    assert code == 2
    assert "70000" in err


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False),
])
def test_cli_serve_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_cli_serve_attaches_the_store(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    pytest.importorskip("newsbrief.storage.db", reason="the story store is not installed")
    calls: list = []
    monkeypatch.setattr("newsbrief.server.run.serve", lambda app, **kw: calls.append(app) or True)
    db = tmp_path / "stories.db"
    code, _, _ = run_cli(["serve", "--db", str(db)], capsys)
    assert code == 0 and db.exists()
    assert calls[0].state.newsbrief.store_path == str(db)


def test_cli_serve_bad_store_is_one_line_error(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("newsbrief.storage.db", reason="the story store is not installed")
    monkeypatch.setattr("newsbrief.server.run.serve", lambda app, **kw: pytest.fail("must not serve"))
    db = tmp_path / "notes.db"
    db.write_text("not a database", "utf-8")
    code, _, err = run_cli(["serve", "--db", str(db)], capsys)
    assert code == 1
    assert err.startswith("newsbrief: error:") and str(db) in err and "Traceback" not in err


def test_cli_serve_on_a_busy_port_says_so_and_never_claims_to_serve(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    env = {**os.environ, "NEWSBRIEF_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "newsbrief.cli", "serve", "--port", str(port)], env=env,
                              cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    assert done.returncode == 3
    assert "serving on" not in done.stderr
    assert f"could not listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr


def test_cli_serve_port_zero_announces_the_real_port(tmp_path: Path) -> None:
    import re
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "NEWSBRIEF_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "newsbrief.cli", "serve", "--port", "0"], env=env,
                               cwd=str(ROOT), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + START_SECONDS
        line = ""
        while time.monotonic() < deadline and "serving on" not in line:
            line = process.stderr.readline()
        found = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", line)
        assert found and int(found.group(1)) > 0
        assert httpx.get(f"http://127.0.0.1:{found.group(1)}/healthz", timeout=10).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
