"""The pages a person opens: the brief page (``/``, ``/stories``, ``/stories/{id}``) and ``/docs``.

The page is one static shell (``static/index.html``) with its CSS and script as
files, so the Content-Security-Policy can forbid inline script outright. The
server only tells the shell whether a store is attached.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsbrief import __version__

router = APIRouter(include_in_schema=False)
STATIC_DIR = Path(__file__).resolve().parent / "static"
_NO_CACHE = {"cache-control": "no-cache"}


@lru_cache(maxsize=1)
def _shell() -> str:
    return (STATIC_DIR / "index.html").read_text("utf-8").replace("__VERSION__", escape(__version__))


def _page(request: Request, view: str) -> HTMLResponse:
    """The shell, told which view to show first (so CSS shows it before the script runs: no flash)."""
    store = "on" if request.app.state.newsbrief.store_path else "off"
    return HTMLResponse(_shell().replace("__STORE__", store).replace("__VIEW__", view), headers=_NO_CACHE)


@router.get("/")
async def index(request: Request) -> HTMLResponse:
    return _page(request, "compose")


@router.get("/stories")
async def stories_page(request: Request) -> HTMLResponse:
    return _page(request, "stories")


@router.get("/stories/{story_id}")
async def story_page(request: Request, story_id: str) -> HTMLResponse:
    return _page(request, "story")


def swagger_assets() -> Path | None:
    """Swagger UI's files from the ``fastapi-offline`` package, if installed (never from a CDN)."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


@router.get("/docs")
async def docs(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, or a plain list of the operations without it."""
    if swagger_assets() is not None:
        body = ('<div id="swagger-ui"></div>'
                '<script src="/static/vendor/swagger-ui-bundle.js"></script>'
                '<script src="/static/docs.js"></script>')
        head = '<link rel="stylesheet" href="/static/vendor/swagger-ui.css">'
    else:
        head = '<link rel="stylesheet" href="/static/app.css">'
        body = _plain_docs(request.app.openapi())
    return HTMLResponse(f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                        f'<title>newsbrief API</title>{head}'
                        f'<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"></head>'
                        f'<body>{body}</body></html>', headers=_NO_CACHE)


def _plain_docs(schema: dict) -> str:
    rows = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            rows.append(f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}</code></td>"
                        f"<td>{escape(operation.get('summary', ''))}</td></tr>")
    return ('<main class="wrap"><h1>newsbrief API</h1>'
            '<p>The full description is the OpenAPI document at <a href="/openapi.json">/openapi.json</a>.</p>'
            f'<table class="ops"><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></main>')
