"""The web app: the ``/v1`` API, the page at ``/``, and the edge that keeps both safe.

``create_app(settings)`` wires routes to the same public functions the CLI
calls. Two small ASGI middlewares form the edge: one refuses bodies over
``max_request_bytes`` (413) before they are read, the other puts the security
headers on every response and turns anything unexpected into a JSON 500 with
no traceback. CPU-bound work runs in worker processes (``pool.py``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief import __version__
from newsbrief.errors import NewsbriefError
from newsbrief.server import pages, routes
from newsbrief.server.errors import HTTP_CODES, TooLargeError, error_response, response_for
from newsbrief.server.guard import Guard, parse_allowed_hosts
from newsbrief.server.pool import Workers
from newsbrief.server.schemas import BriefRequest, IngestRequest
from newsbrief.settings import Settings

log = logging.getLogger("newsbrief.server")
STATIC_DIR = Path(__file__).resolve().parent / "static"

# No inline script or style, nothing from another origin: markup inside an article can
# never run, even if some code path forgot to escape it.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (served locally at /docs) sets style attributes and draws icons as data: images.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "img-src 'self'", "img-src 'self' data:")
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

DESCRIPTION = """\
Turn several news articles on one event into one brief that cites its sources.

Every error is `{"error": {"code": "...", "message": "..."}}` with a 4xx status (503 when
the server is out of time or a worker failed). Request bodies are limited to
`max_request_bytes` (413), and a request to `max_articles` articles (413).
"""


@dataclass
class ServerState:
    """What the routes share: settings, the store's path, and the worker pool."""

    settings: Settings
    store_path: str | None
    workers: Workers
    write_lock: anyio.Lock = field(default_factory=anyio.Lock)


def create_app(settings: Settings | None = None, *, store_path: str | os.PathLike[str] | None = None,
               workers: int | None = None) -> FastAPI:
    """The newsbrief web app.

    Args:
        settings: limits (``max_request_bytes``, ``max_articles``, ``request_timeout``),
            ``allow_fetch`` and the brief defaults; ``Settings()`` if not given.
        store_path: a SQLite store to serve stories from and ingest into; the
            ``/v1/stories`` and ``/v1/articles`` endpoints answer 404 ``no_store`` without one.
        workers: worker processes for briefing (default: one per core, at most 4);
            0 runs jobs in threads of the server process instead.

    Returns:
        A FastAPI app; serve it with uvicorn (``newsbrief serve`` does). Worker
        processes are spawned, not forked, so a script that serves the app itself
        must do so under ``if __name__ == "__main__":``.

    Raises:
        StorageError: the store cannot be opened or created.
    """
    settings = settings or Settings()
    if settings.model:  # the learned methods of every worker read the model setting's file
        from newsbrief.select.learned import use_model

        use_model(settings.model)
    path = os.fspath(store_path) if store_path else None
    if path is not None:
        from newsbrief.server.work import open_store

        open_store(path)
    pool = Workers(workers, memory_limit=settings.max_job_memory)
    state = ServerState(settings=settings, store_path=path, workers=pool)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await state.workers.start()
        try:
            yield
        finally:
            state.workers.close()

    app = FastAPI(title="newsbrief", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.newsbrief = state
    app.include_router(routes.router)
    app.include_router(pages.router)
    vendor = pages.swagger_assets()
    if vendor is not None:
        app.mount("/static/vendor", StaticFiles(directory=vendor), name="vendor")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    _add_error_handlers(app)
    app.add_middleware(LimitBody, max_bytes=settings.max_request_bytes)
    app.add_middleware(Guard, allowed_hosts=parse_allowed_hosts(settings.allowed_hosts))
    app.add_middleware(Edge)  # added last, so outermost: its headers reach every response
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated document, plus the request models that routes read by hand (JSON or multipart)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        _, defs = models_json_schema([(BriefRequest, "validation"), (IngestRequest, "validation")],
                                     ref_template="#/components/schemas/{model}")
        schema.setdefault("components", {}).setdefault("schemas", {}).update(defs.get("$defs", {}))
        app.openapi_schema = schema
    return app.openapi_schema


def _add_error_handlers(app: FastAPI) -> None:
    async def library_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsbriefError)
        return response_for(exc)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return validation_response(exc.errors())

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}; the API is described at /docs"
        return error_response(exc.status_code, code, message, headers=exc.headers)

    app.add_exception_handler(NewsbriefError, library_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)


def validation_response(errors: Any) -> Response:
    """A 422 that names each field that is wrong, as ``articles[0].text: Field required``."""
    details = []
    for error in list(errors)[:20]:
        loc = list(error.get("loc", ()))
        if len(loc) > 1 and loc[0] == "query":  # a query parameter's prefix; a lone "query" is the body's field
            loc = loc[1:]
        loc = [part for part in loc if part not in ("body", "path")]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "request"
        details.append({"loc": [p if isinstance(p, int) else str(p) for p in loc], "where": where,
                        "message": str(error.get("msg")).removeprefix("Value error, "),
                        "type": str(error.get("type"))})
    message = "; ".join(f"{d['where']}: {d['message']}" for d in details[:3]) or "the request is not valid"
    if len(details) > 3:
        message += f"; and {len(details) - 3} more"
    return error_response(422, "invalid_request", message, details=details)


class LimitBody:
    """Refuse request bodies over ``max_bytes`` with 413: by Content-Length up front, or while reading."""

    def __init__(self, app: ASGIApp, *, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> TooLargeError:
        return TooLargeError(f"the request body is over the limit of {self.max_bytes:,} bytes "
                             "(max_request_bytes); send fewer or shorter articles")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            await response_for(self._too_large())(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._too_large()
            return message

        await self.app(scope, limited, send)


class Edge:
    """Security headers on every response; any unexpected error becomes a JSON 500 without a traceback."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        csp = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["content-security-policy"] = csp
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_secured)
        except Exception as exc:
            if started:
                raise  # the answer is under way; the server closes the connection
            if isinstance(exc, NewsbriefError):
                response = response_for(exc)
            else:
                log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
                response = error_response(500, "internal_error", "unexpected error on the server; "
                                                                 "its log has the details")
            await response(scope, receive, send_secured)
