"""How the server answers when something goes wrong: one JSON shape, the right status.

Every error is ``{"error": {"code", "message"}}`` (with ``line`` or ``details``
when there is one). Library errors keep their ``code``; the server adds its own
for what only the HTTP edge can get wrong (size, media type, time, the store).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from newsbrief.errors import (
    ConfigError,
    DecodeError,
    InputError,
    ModelUnavailableError,
    NewsbriefError,
    NotFoundError,
    StorageError,
)


class ServerError(NewsbriefError):
    """An error that only the HTTP edge can meet; it carries its own status."""

    code = "bad_request"
    status = 400


class TooLargeError(ServerError):
    code = "too_large"
    status = 413


class TooManyArticlesError(ServerError):
    code = "too_many_articles"
    status = 413


class UnsupportedMediaError(InputError):
    """A body or uploaded file whose type the server does not read."""

    code = "unsupported_media_type"


class InvalidJSONError(ServerError):
    code = "invalid_json"


class FetchDisabledError(InputError):
    """An article given only by URL on a server that does not fetch."""

    code = "fetch_disabled"


class FetchRefusedError(InputError):
    """A URL whose host is loopback, private or link-local."""

    code = "fetch_refused"


class NoStoreError(ServerError):
    code = "no_store"
    status = 404


class RequestTimeoutError(ServerError):
    code = "timeout"
    status = 503


class WorkerCrashedError(ServerError):
    code = "worker_crashed"
    status = 503


class OutOfMemoryError(ServerError):
    """A job that would pass the per-job memory limit (``max_job_memory``): refused, its worker lives on."""

    code = "out_of_memory"
    status = 503


# Most specific first: the first class an error is an instance of gives its status.
_STATUS: tuple[tuple[type[NewsbriefError], int], ...] = (
    (NotFoundError, 404),
    (UnsupportedMediaError, 415),
    (DecodeError, 415),
    (InputError, 400),
    (ConfigError, 400),
    (ModelUnavailableError, 503),
    (StorageError, 503),
)

# Codes for HTTP errors raised by the framework itself (unknown route, wrong method …).
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
              413: "too_large", 415: "unsupported_media_type", 422: "invalid_request", 503: "unavailable"}


def status_for(error: NewsbriefError) -> int:
    """The HTTP status a library or server error is answered with."""
    if isinstance(error, ServerError):
        return error.status
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return 400


def error_body(code: str, message: str, *, line: int | None = None,
               details: list[dict[str, Any]] | None = None) -> bytes:
    """The JSON error document, ASCII-only so that no input can make it fail to encode."""
    error: dict[str, Any] = {"code": code, "message": message}
    if line is not None:
        error["line"] = line
    if details is not None:
        error["details"] = details
    return json.dumps({"error": error}, ensure_ascii=True).encode("ascii")


def error_response(status: int, code: str, message: str, *, line: int | None = None,
                   details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    return Response(error_body(code, message, line=line, details=details), status_code=status,
                    media_type="application/json", headers=headers)


def response_for(error: NewsbriefError) -> Response:
    """The response for a NewsbriefError raised by a route or a worker."""
    line = getattr(error, "line", None)
    return error_response(status_for(error), error.code, str(error) or error.code,
                          line=line if isinstance(line, int) else None)
