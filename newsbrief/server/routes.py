"""The HTTP API: ``/v1/brief``, the store's ``/v1/stories`` and ``/v1/articles``, ``/healthz``, ``/version``.

Routes only read and check the request; the work runs in a worker (``work.py``)
and comes back as the JSON bytes to send.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.responses import Response

from newsbrief import SCHEMA, __version__
from newsbrief.errors import EmptyInputError
from newsbrief.server import work
from newsbrief.server.errors import (
    InvalidJSONError,
    NoStoreError,
    TooManyArticlesError,
    UnsupportedMediaError,
)
from newsbrief.server.schemas import (
    MAX_BUDGET,
    BriefDocument,
    BriefRequest,
    BudgetIn,
    ErrorResponse,
    Health,
    IngestReportOut,
    IngestRequest,
    SectionName,
    StoryBriefs,
    StoryDocument,
    StoryList,
    Version,
)
from newsbrief.server.work import Upload

router = APIRouter()
# JSON bodies past this many bytes are parsed in a thread (a 10 MB one takes ~50 ms of CPU).
_READ_IN_THREAD = 1_000_000

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad input: no sentence, unknown method or section, bad JSON."},
    413: {"model": ErrorResponse, "description": "Body over `max_request_bytes`, or more than `max_articles`."},
    415: {"model": ErrorResponse, "description": "Not JSON or multipart, or a file that is not text or HTML."},
    422: {"model": ErrorResponse, "description": "The request does not match the schema."},
    503: {"model": ErrorResponse, "description": "Over `request_timeout`, or a worker failed."},
}
_STORE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No store attached (`no_store`), or no such story."},
    422: _ERRORS[422],
    503: {"model": ErrorResponse, "description": "The store cannot be read, or over `request_timeout`."},
}


def _form_schema(*, options: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                  "description": "Text (.txt) or HTML (.html) files, one article each."},
        "text": {"type": "array", "items": {"type": "string"}, "description": "Pasted article texts."},
    }
    if options:
        properties |= {unit: {"type": "integer", "minimum": 1, "maximum": MAX_BUDGET}
                       for unit in ("words", "sentences", "bytes")}
        properties |= {
            "sections": {"type": "string", "description": "Comma-separated sections, `all` or `none`."},
            "method": {"type": "string", "maxLength": 100},
            "truncate": {"type": "boolean"},
            "query": {"type": "string", "maxLength": 2000, "description": "Focus: what the brief should answer."},
            "by_story": {"type": "boolean", "description": "One brief per story: `{\"stories\": [...]}`."},
        }
    return {"type": "object", "properties": properties}


def _body(model: str, *, options: bool) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}},
        "multipart/form-data": {"schema": _form_schema(options=options)},
    }}}


def _state(request: Request) -> Any:
    return request.app.state.newsbrief


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


@router.head("/healthz", include_in_schema=False)
@router.get("/healthz", response_model=Health, tags=["service"], summary="Liveness check")
async def healthz(request: Request) -> dict[str, Any]:
    """Answers at once, whatever the workers are doing (it never waits for them), with how busy they are."""
    workers = _state(request).workers
    return {"status": "ok", "workers": workers.processes, "busy": workers.busy, "waiting": workers.waiting}


@router.get("/version", response_model=Version, response_model_by_alias=True, tags=["service"],
            summary="Version and capabilities")
async def version(request: Request) -> dict[str, Any]:
    state = _state(request)
    return {"name": "newsbrief", "version": __version__, "schema": SCHEMA, "store": state.store_path is not None,
            "fetch": state.settings.allow_fetch}


@router.post("/v1/brief", tags=["brief"], summary="Brief a set of articles", response_class=Response,
             responses={200: {"model": BriefDocument | StoryBriefs,
                              "description": "The `newsbrief.brief/1` document; with `by_story`, "
                                             "`{\"stories\": [...]}` of them."},
                        **_ERRORS},
             openapi_extra=_body("BriefRequest", options=True))
async def post_brief(request: Request) -> Response:
    """Brief several articles on one event: JSON (`BriefRequest`) or a multipart upload of files.

    Each brief sentence cites every source sentence that states it; `citations[].text`
    is that source sentence. Analysis sections (agreement, unique, conflicts, quotes,
    entities) are added unless `sections` says otherwise. When the articles form several
    stories, a note says so; `by_story` briefs each story instead.
    """
    state = _state(request)
    items, options = await _read_articles(request, BriefRequest, state.settings)
    return _json(await state.workers.run(state.settings.request_timeout, work.brief_json, items, options,
                                         state.settings))


@router.get("/v1/stories", response_model=StoryList, tags=["store"], summary="Stories in the store",
            responses=_STORE_ERRORS, response_class=Response)
async def list_stories(request: Request, since: Annotated[str | None, Query(
        description="Only stories with an article published since this time (ISO 8601).")] = None,
        junk: Annotated[bool, Query(description="List the pages kept out of stories as reporting no event "
                                                "(cookie walls, notices, link lists) instead.")] = False) -> Response:
    state = _state(request)
    path = _store_path(state)
    return _json(await state.workers.run(state.settings.request_timeout, work.stories_json, path,
                                         _parse_since(since), junk))


@router.get("/v1/stories/{story_id}", response_model=StoryDocument, tags=["store"], summary="One story",
            responses=_STORE_ERRORS, response_class=Response)
async def get_story(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> Response:
    state = _state(request)
    path = _store_path(state)
    return _json(await state.workers.run(state.settings.request_timeout, work.story_json, path, story_id))


@router.get("/v1/stories/{story_id}/brief", tags=["store"], summary="Brief one story of the store",
            responses={200: {"model": BriefDocument, "description": "The `newsbrief.brief/1` document."},
                       400: _ERRORS[400], **_STORE_ERRORS},
            response_class=Response)
async def get_story_brief(
    request: Request,
    story_id: Annotated[str, Path(max_length=200)],
    words: Annotated[int | None, Query(ge=1, le=MAX_BUDGET)] = None,
    sentences: Annotated[int | None, Query(ge=1, le=MAX_BUDGET)] = None,
    bytes: Annotated[int | None, Query(ge=1, le=MAX_BUDGET)] = None,  # noqa: A002  (the public parameter name)
    sections: Annotated[list[SectionName] | None, Query(description="Repeat for several; default all.")]
    = None,
    method: Annotated[str | None, Query(max_length=100)] = None,
    truncate: bool = False,
    since: Annotated[str | None, Query(description="Only articles published since this time (ISO 8601).")] = None,
) -> Response:
    """The brief of a stored story (the articles added since `since`, if given)."""
    state = _state(request)
    path = _store_path(state)
    budget = _budget({"words": words, "sentences": sentences, "bytes": bytes})
    options = {"budget": budget, "sections": sections, "method": method, "truncate": truncate}
    return _json(await state.workers.run(state.settings.request_timeout, work.story_brief_json, path, story_id,
                                         _parse_since(since), options, state.settings))


@router.post("/v1/articles", tags=["store"], summary="Add articles to the store", response_class=Response,
             responses={200: {"model": IngestReportOut, "description": "What was added, and to which stories."},
                        **_ERRORS, 404: _STORE_ERRORS[404]},
             openapi_extra=_body("IngestRequest", options=False))
async def post_articles(request: Request) -> Response:
    """Add articles (JSON `IngestRequest`, or a multipart upload) to the store; they join or start stories."""
    state = _state(request)
    path = _store_path(state)
    items, _ = await _read_articles(request, IngestRequest, state.settings)
    async with state.write_lock:  # one writer at a time: SQLite has one write lock anyway
        return _json(await state.workers.run(state.settings.request_timeout, work.ingest_json, path, items,
                                             state.settings))


# --- reading requests -----------------------------------------------------------------------------

async def _read_articles(request: Request, model: type[BriefRequest] | type[IngestRequest],
                         settings: Any) -> tuple[list[dict[str, Any] | Upload], dict[str, Any]]:
    """The articles and brief options of a JSON or multipart request, checked against the limits."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        body = await request.body()
        if len(body) > _READ_IN_THREAD:  # a large body is read off the event loop, so /healthz stays quick
            items, options = await anyio.to_thread.run_sync(_read_json, body, model)
        else:
            items, options = _read_json(body, model)
    elif media_type == "multipart/form-data":
        items, options = await _read_form(request, settings, options=model is BriefRequest)
    else:
        raise UnsupportedMediaError(f"cannot read a {media_type or 'body without Content-Type'}; "
                                    "send application/json or multipart/form-data")
    if len(items) > settings.max_articles:
        raise TooManyArticlesError(f"{len(items)} articles in one request; the limit is {settings.max_articles} "
                                   "(max_articles)")
    return items, options


def _read_json(body: bytes, model: type[BriefRequest] | type[IngestRequest]
               ) -> tuple[list[dict[str, Any] | Upload], dict[str, Any]]:
    try:
        parsed = model.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        bad_json = next((e for e in errors if e["type"] == "json_invalid"), None)
        if bad_json is not None:
            raise InvalidJSONError(f"the body is not valid JSON: {bad_json['msg'].removeprefix('Invalid JSON: ')}"
                                   ) from None
        raise RequestValidationError(errors) from None
    items: list[dict[str, Any] | Upload] = [a.model_dump(exclude_none=True) for a in parsed.articles]
    options: dict[str, Any] = {}
    if isinstance(parsed, BriefRequest):
        options = {"budget": parsed.budget.as_string() if parsed.budget else None, "sections": parsed.sections,
                   "method": parsed.method, "truncate": parsed.truncate, "by_story": parsed.by_story,
                   "query": parsed.query}
    return items, options


async def _read_form(request: Request, settings: Any, *, options: bool
                     ) -> tuple[list[dict[str, Any] | Upload], dict[str, Any]]:
    # Part counts are bounded by the body size; the article count is checked after.
    limit = max(1000, 2 * settings.max_articles)
    items: list[dict[str, Any] | Upload] = []
    async with request.form(max_files=limit, max_fields=limit, max_part_size=settings.max_request_bytes) as form:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                content_type = (value.content_type or "").split(";", 1)[0].strip().lower()
                upload = Upload(filename=value.filename or "", content_type=content_type, data=b"")
                upload.check_type()
                items.append(Upload(upload.filename, content_type, await value.read()))
            elif key == "text" and value.strip():
                items.append({"text": value})
        fields = {key: value for key, value in form.items() if isinstance(value, str)}
    if not items:
        raise EmptyInputError("no articles in the form: send \"files\" (text or HTML) or non-empty \"text\" fields")
    if not options:
        return items, {}
    budget = _budget({unit: fields.get(unit) or None for unit in ("words", "sentences", "bytes")})
    sections = [s for s in fields.get("sections", "").split(",") if s.strip()] or None
    truncate, by_story = (fields.get(name, "").strip().lower() in {"1", "true", "on", "yes"}
                          for name in ("truncate", "by_story"))
    return items, {"budget": budget, "sections": sections, "method": fields.get("method") or None,
                   "truncate": truncate, "by_story": by_story, "query": fields.get("query") or None}


def _budget(values: dict[str, Any]) -> str | None:
    """``"100 words"`` from at most one given unit (None: the server's default); 422 otherwise."""
    given = {unit: value for unit, value in values.items() if value is not None}
    if not given:
        return None
    try:
        return BudgetIn.model_validate(given).as_string()
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_input=False)) from None


def _parse_since(since: str | None) -> datetime | None:
    if since is None or not since.strip():
        return None
    from newsbrief import parse_date

    parsed = parse_date(since)
    if parsed is None:
        raise RequestValidationError([{"loc": ("query", "since"), "type": "date_parsing",
                                       "msg": "not a date; use ISO 8601, e.g. 2019-01-21T10:00:00Z"}])
    return parsed


def _store_path(state: Any) -> str:
    if state.store_path is None:
        raise NoStoreError("this server has no story store; start it with --db FILE to serve stories")
    return state.store_path
