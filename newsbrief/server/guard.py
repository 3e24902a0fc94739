"""The server answers only its own page and its own names: Host and Origin checks at the edge.

Two attacks reach a server on loopback through the user's own browser. A page
on another site can POST a form to ``http://127.0.0.1:8000/v1/articles``
(cross-site request forgery): the browser sends it, with an ``Origin`` header
and ``Sec-Fetch-Site: cross-site``. And a name the attacker controls can be
re-pointed at 127.0.0.1 after the page loads (DNS rebinding): the browser then
treats the API as same-origin, but its ``Host`` header still carries the
attacker's name. So:

- a request whose ``Host`` is not an address the connection came in on, a
  loopback name, or a name in the ``allowed_hosts`` setting is refused (400
  ``bad_host``); ``allowed_hosts = "*"`` turns the check off (behind a proxy
  that checks it);
- a state-changing request (any method but GET, HEAD, OPTIONS) whose
  ``Sec-Fetch-Site`` says another site, or whose ``Origin`` is not this
  server's own, is refused (403 ``cross_origin``). Scripts and curl send
  neither header and are served as before; the page at ``/`` sends its own origin.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from newsbrief.server.errors import error_response

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1"})
# Sec-Fetch-Site values a browser sends for the page's own requests and for ones the user typed.
OWN_SITE = frozenset({"same-origin", "none"})


def host_name(value: str) -> str:
    """The name in a Host header or netloc, without port or brackets, lower-cased ("[::1]:80" -> "::1")."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def parse_allowed_hosts(value: str) -> frozenset[str]:
    """The ``allowed_hosts`` setting: comma-separated names ("news.example, 10.0.0.5"); "*" allows any."""
    return frozenset(host_name(part) for part in value.split(",") if part.strip())


def _is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    """Refuse foreign Host headers and cross-origin state-changing requests (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: frozenset[str] = frozenset()):
        self.app = app
        self.allowed = allowed_hosts

    def host_allowed(self, host: str, scope: Scope) -> bool:
        name = host_name(host)
        if "*" in self.allowed or name in self.allowed or _is_loopback(name):
            return True
        server = scope.get("server")
        return bool(server) and name == str(server[0]).lower()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or ()}
        host = headers.get("host", "")
        if host and not self.host_allowed(host, scope):
            response = error_response(400, "bad_host", f"this server does not answer to the name "
                                      f"{host_name(host)[:100]!r}; use its address, or add the name to the "
                                      "allowed_hosts setting")
            await response(scope, receive, send)
            return
        if scope.get("method", "GET") not in SAFE_METHODS:
            reason = self._foreign(headers, host)
            if reason:
                response = error_response(403, "cross_origin", f"refused a {scope.get('method')} from "
                                          f"{reason}: only this server's own page (or a client that sends no "
                                          "Origin, such as curl or a script) may change or submit data")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _foreign(headers: dict[str, str], host: str) -> str | None:
        """Why the request comes from another origin, or None if it does not."""
        site = headers.get("sec-fetch-site", "").strip().lower()
        if site and site not in OWN_SITE:
            return f"a {site} page (Sec-Fetch-Site)"
        origin = headers.get("origin")
        if origin is None:
            return None
        parts = urlsplit(origin.strip())
        if origin.strip() == "null" or not parts.netloc or parts.netloc.lower() != host.strip().lower():
            return f"the origin {origin.strip()[:100]!r}"
        return None
