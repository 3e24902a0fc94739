"""A real server on loopback for tests and benchmarks: in a thread (as httpx's tests do), or a subprocess.

    >>> with ServerThread(create_app(Settings())) as server:
    ...     httpx.get(server.url + "/healthz")

The port is picked by the OS; the server is ready (workers warmed) when the
``with`` block starts, and stopped and joined when it ends.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

import httpx
import uvicorn

# How long a server may take to start: spawning and warming the worker processes.
START_TIMEOUT = 60.0


class ServerThread:
    """Runs an ASGI app under uvicorn on loopback in a background thread."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"):
        config = uvicorn.Config(app, host=host, port=port, log_level=log_level, lifespan="on",
                                server_header=False, access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="newsbrief-test-server", daemon=True)
        self.host = host
        self.port = port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the test server stopped while starting (see the log above)")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the test server did not start within {START_TIMEOUT:g} s")
            time.sleep(0.02)
        sockets = [s for server in self.server.servers for s in server.sockets]
        self.port = sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=START_TIMEOUT)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port the OS says is free on ``host`` now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen[Any], *, timeout: float) -> None:
    """Return once a ``newsbrief serve`` subprocess answers ``/healthz``.

    Raises:
        RuntimeError: the process exited (with its stderr), or ``timeout`` seconds passed.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read() if process.stderr else ""
            err = err.decode(errors="replace") if isinstance(err, bytes) else err
            raise RuntimeError(f"newsbrief serve exited with {process.returncode}: {err}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"newsbrief serve did not answer /healthz within {timeout:g} s")


class ServeProcess:
    """``newsbrief serve`` in a subprocess on a free loopback port, stopped with Ctrl-C (SIGINT) at the end.

        >>> with ServeProcess(["--model", "m.json"], env=env, cwd=root) as server:
        ...     httpx.post(server.url + "/v1/brief", json=...)
        >>> server.returncode, server.stderr
    """

    def __init__(self, args: Sequence[str] = (), *, env: Mapping[str, str], cwd: str | None = None,
                 timeout: float = 90.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._command = [sys.executable, "-m", "newsbrief.cli", "serve", "--port", str(self.port), *args]
        self._env, self._cwd, self._timeout = dict(env), cwd, timeout
        self.process: subprocess.Popen[str] | None = None
        self.stderr = ""
        self.returncode: int | None = None

    def __enter__(self) -> ServeProcess:
        self.process = subprocess.Popen(self._command, cwd=self._cwd, env=self._env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        try:
            wait_healthy(self.url, self.process, timeout=self._timeout)
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._stop()

    def _stop(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        try:
            _, self.stderr = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, self.stderr = self.process.communicate()
        self.returncode = self.process.returncode
