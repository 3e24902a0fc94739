"""Serving the app under uvicorn, announcing the address only once the socket is bound.

``newsbrief serve`` printed "serving on …" before binding: a busy port then failed
after the line, and ``--port 0`` printed ":0" (issue 28). Here the line comes from
uvicorn's start-up, with the port the system gave.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import uvicorn


class _AnnouncingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, announce: Callable[[str, int], None]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[Any] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.should_exit:  # the bind failed; uvicorn has said why
            return
        bound = [s.getsockname() for server in self.servers for s in server.sockets]
        if bound:
            self._announce(str(bound[0][0]), int(bound[0][1]))


def serve(app: Any, *, host: str, port: int, announce: Callable[[str, int], None]) -> bool:
    """Run ``app`` until stopped; ``announce(host, port)`` once listening. False if it never started."""
    config = uvicorn.Config(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False,
                            timeout_graceful_shutdown=10)
    server = _AnnouncingServer(config, announce)
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl-C after a graceful shutdown: a normal end, as uvicorn.run treats it
        pass
    except SystemExit:  # uvicorn exits when it cannot bind; the caller says so in its own words
        if server.started:
            raise
    return bool(server.started)
