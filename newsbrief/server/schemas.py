"""The shapes of the HTTP API's requests and answers, as pydantic models for the OpenAPI document.

Requests are validated against these models; answers are built by the public
API (``Brief.to_dict``, the store's ``to_dict``) and only described here, so the
``newsbrief.brief/1`` document has one definition: ``newsbrief.render.json``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsbrief.datatypes import SECTIONS

# The largest budget a request may ask for: more than any request body can hold.
MAX_BUDGET = 10_000_000
# The section names of newsbrief.datatypes.SECTIONS, plus "all" and "none" (a test keeps them in step).
SectionName = Literal["agreement", "unique", "conflicts", "quotes", "entities", "all", "none"]


class ArticleIn(BaseModel):
    """One article: its text, and what is known about where it came from."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article body as plain text. Required unless the server "
                                               "fetches URLs (`--allow-fetch`) and `url` is given.")
    title: str | None = Field(None, description="Headline, shown in the source list.")
    url: str | None = Field(None, description="Where the article was published. Fetched only when `text` is "
                                             "missing and the operator started the server with `--allow-fetch`.")
    source: str | None = Field(None, description="Outlet, e.g. `cnn.com`.")
    published: str | None = Field(None, description="Publication time: ISO 8601 or RFC 2822.",
                                  examples=["2019-01-21T10:00:00Z"])

    @field_validator("published")
    @classmethod
    def _readable_date(cls, value: str | None) -> str | None:
        from newsbrief import parse_date

        if value is not None and value.strip() and parse_date(value) is None:
            raise ValueError("not a date; use ISO 8601 (2019-01-21T10:00:00Z) or RFC 2822")
        return value

    @model_validator(mode="after")
    def _text_or_url(self) -> ArticleIn:
        if self.text is None and not self.url:
            raise ValueError("an article needs a \"text\" (or a \"url\" on a server that fetches)")
        return self


class BudgetIn(BaseModel):
    """How long the brief may be: exactly one of words, sentences or bytes."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1, "maxProperties": 1})

    words: int | None = Field(None, ge=1, le=MAX_BUDGET)
    sentences: int | None = Field(None, ge=1, le=MAX_BUDGET)
    bytes: int | None = Field(None, ge=1, le=MAX_BUDGET)

    @model_validator(mode="after")
    def _exactly_one(self) -> BudgetIn:
        given = [unit for unit in ("words", "sentences", "bytes") if getattr(self, unit) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of \"words\", \"sentences\" or \"bytes\", e.g. {\"words\": 100}")
        return self

    def as_string(self) -> str:
        """The budget as ``newsbrief.brief`` reads it, e.g. ``"100 words"``."""
        for unit in ("words", "sentences", "bytes"):
            value = getattr(self, unit)
            if value is not None:
                return f"{value} {unit}"
        raise AssertionError("validated budget has no unit")  # pragma: no cover


class BriefOptions(BaseModel):
    """Options shared by every request that makes a brief."""

    model_config = ConfigDict(extra="forbid")

    budget: BudgetIn | None = Field(None, description="Length limit; default: the server's (100 words).")
    sections: list[SectionName] | None = Field(
        None, description="Analysis sections to add: any of " + ", ".join(SECTIONS)
                          + "; `all` (the default) or `none`.")
    method: str | None = Field(None, max_length=100, description="Selection method; default: the best one.")
    truncate: bool = Field(False, description="Fill the budget exactly by cutting the last sentence.")


class BriefRequest(BriefOptions):
    """``POST /v1/brief`` as JSON: the articles of one event and how to brief them."""

    articles: list[ArticleIn] = Field(..., min_length=1, description="The articles, numbered 1, 2, … as sources.")
    by_story: bool = Field(False, description="Group the articles into stories and answer `{\"stories\": [...]}`, "
                                              "one brief per story, largest first (the budget applies to each).")
    query: str | None = Field(None, max_length=2000, examples=["Bolton's role"],
                              description="A focused brief: what the sources say about this. A query that "
                                          "matches no word of the articles gives the generic brief and a note.")


class IngestRequest(BaseModel):
    """``POST /v1/articles`` as JSON: articles to add to the store."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(..., min_length=1)


class ErrorDetail(BaseModel):
    code: str = Field(..., description="Stable, machine-readable: e.g. `bad_budget`, `too_large`, `not_found`.")
    message: str = Field(..., description="What was wrong, where, and what is accepted.")
    line: int | None = None
    details: list[dict[str, Any]] | None = Field(None, description="Per-field problems of a 422.")


class ErrorResponse(BaseModel):
    """Every error the API returns, whatever the status."""

    error: ErrorDetail


class CitationOut(BaseModel):
    source: int = Field(..., description="1-based number in `sources`.")
    start: int
    end: int
    support: float
    text: str = Field(..., description="The supporting sentence of that source.")


class EditOut(BaseModel):
    start: int = Field(..., description="Offset in the source sentence (the first citation's text).")
    end: int
    was: str = Field(..., description="What the source sentence holds there.")
    now: str = Field(..., description="What the brief shows there.")
    why: str


class SentenceOut(BaseModel):
    text: str
    trimmed: bool
    edits: list[EditOut] | None = Field(None, description="Only when the sentence was edited (docs/schema.md).")
    sources: list[int]
    citations: list[CitationOut]


class SourceOut(BaseModel):
    id: int
    article_id: str
    title: str | None
    path: str | None
    url: str | None
    source: str | None
    published: str | None


class BriefDocument(BaseModel):
    """The ``newsbrief.brief/1`` document (the analysis keys appear for the sections asked for)."""

    model_config = ConfigDict(extra="allow")

    schema_: str = Field(..., alias="schema", examples=["newsbrief.brief/1"])
    story_id: str
    title: str | None = Field(None, description="The story's title, in a brief of one story of several.")
    method: str
    query: str | None = Field(None, description="The question the brief answers (absent: a generic brief).")
    budget: dict[str, int]
    length: dict[str, int]
    sections: list[str]
    sources: list[SourceOut]
    sentences: list[SentenceOut]
    agreement: list[dict[str, Any]] | None = None
    unique: dict[str, list[dict[str, Any]]] | None = None
    conflicts: list[dict[str, Any]] | None = None
    quotes: list[dict[str, Any]] | None = None
    entities: list[dict[str, Any]] | None = None
    notes: list[str]


class StoryBriefs(BaseModel):
    """``POST /v1/brief`` with ``by_story``: one ``newsbrief.brief/1`` document per story, largest first."""

    model_config = ConfigDict(extra="allow")

    stories: list[BriefDocument] = Field(..., description="Each story's brief; its `title` is the story's.")


class StoryList(BaseModel):
    model_config = ConfigDict(extra="allow")

    stories: list[dict[str, Any]] = Field(..., description="Each story's `id`, `title` and `articles`, newest first.")


class StoryDocument(BaseModel):
    model_config = ConfigDict(extra="allow")

    story: dict[str, Any]
    articles: list[dict[str, Any]] = Field(..., description="The story's articles: id, title, source, url, "
                                                            "published, and the length of their text.")


class IngestReportOut(BaseModel):
    model_config = ConfigDict(extra="allow")


class Health(BaseModel):
    status: Literal["ok"]
    workers: int | None = None  # worker processes (0: jobs run in threads)
    busy: int | None = None  # workers running a job now
    waiting: int | None = None  # requests waiting for a free worker


class Version(BaseModel):
    name: Literal["newsbrief"]
    version: str
    schema_: str = Field(..., alias="schema", examples=["newsbrief.brief/1"])
    store: bool = Field(..., description="Whether a story store is attached (`--db`).")
    fetch: bool = Field(..., description="Whether the server fetches article URLs (`--allow-fetch`).")
