"""The plain, immutable values that flow between newsbrief's stages.

Sentences and citations point into an article's original text by character
offsets, so every brief sentence can be shown beside its evidence and checked.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from newsbrief.errors import BudgetError, ConfigError

BudgetUnit = Literal["words", "sentences", "bytes"]
BUDGET_UNITS: tuple[BudgetUnit, ...] = ("words", "sentences", "bytes")
_UNIT_SUFFIX = {"w": "words", "s": "sentences", "b": "bytes"}


def article_id_for(text: str, source: str | None = None) -> str:
    """A stable id from source and text, so citations survive re-runs."""
    digest = hashlib.sha1(f"{source or ''}\x00{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


# Scripts written without spaces between words (Chinese, Japanese kana and kanji): each character is
# a word, so a Chinese sentence is not one "word" and ``--words 50`` does not print whole articles.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_TOKEN = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")


def count_words(text: str) -> int:
    """Words as whitespace-separated tokens, the unit ROUGE's ``-l`` and DUC use; a CJK character is one word."""
    if text.isascii():
        return len(text.split())
    return sum(1 for _ in WORD_TOKEN.finditer(text))


def count_bytes(text: str) -> int:
    """Length in UTF-8 bytes, the unit of ROUGE's ``-b``."""
    return len(text.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Budget:
    """How long a brief may be: a limit in words, sentences or bytes.

    The brief's sentences are joined by one space when measured in bytes, so a
    brief of ``n`` sentences costs the sum of their bytes plus ``n - 1``.
    """

    unit: BudgetUnit
    limit: int

    def __post_init__(self) -> None:
        if self.unit not in BUDGET_UNITS:
            raise BudgetError(f"unknown budget unit {self.unit!r}; use one of: {', '.join(BUDGET_UNITS)}")
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise BudgetError(f"budget must be a whole number of {self.unit}, got {self.limit!r}")
        if self.limit <= 0:
            raise BudgetError(f"budget must be a positive number of {self.unit}, got {self.limit}")

    @classmethod
    def parse(cls, value: str | int | Budget) -> Budget:
        """Read ``"120w"``, ``"5s"``, ``"600b"``, ``"120 words"`` or a bare number of words."""
        if isinstance(value, Budget):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls("words", value)
        match = re.fullmatch(r"\s*(-?\d+)\s*([a-z]*)\s*", str(value).lower())
        if not match:
            raise BudgetError(f"cannot read budget {value!r}; write e.g. 120w, 5s or 600b")
        number, unit = int(match.group(1)), match.group(2) or "w"
        unit = _UNIT_SUFFIX.get(unit[:1], unit) if unit not in BUDGET_UNITS else unit
        if unit not in BUDGET_UNITS:
            raise BudgetError(f"unknown budget unit {match.group(2)!r}; use w (words), s (sentences) or b (bytes)")
        return cls(unit, number)  # type: ignore[arg-type]

    @classmethod
    def from_options(cls, *, words: int | None = None, sentences: int | None = None,
                     bytes: int | None = None, default: int = 100) -> Budget:  # noqa: A002
        """The budget from mutually exclusive options; words by default."""
        given = {unit: n for unit, n in (("words", words), ("sentences", sentences), ("bytes", bytes))
                 if n is not None}
        if len(given) > 1:
            raise BudgetError(f"give one budget, not {' and '.join(given)}")
        if not given:
            return cls("words", default)
        ((unit, limit),) = given.items()
        return cls(unit, limit)  # type: ignore[arg-type]

    def cost(self, text: str) -> int:
        """What one sentence costs against this budget (without the joining space)."""
        if self.unit == "words":
            return count_words(text)
        if self.unit == "bytes":
            return count_bytes(text)
        return 1

    def measure(self, texts: list[str] | tuple[str, ...]) -> int:
        """What a whole brief made of ``texts`` costs."""
        total = sum(self.cost(t) for t in texts)
        if self.unit == "bytes" and texts:
            total += len(texts) - 1
        return total

    def __str__(self) -> str:
        return f"{self.limit} {self.unit}"

    def to_dict(self) -> dict[str, int]:
        return {self.unit: self.limit}


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read; everything downstream points into ``text``."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    published: datetime | None = None
    language: str | None = None
    meta: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def make(cls, text: str, *, id: str | None = None, **fields: Any) -> Article:  # noqa: A002
        """An article with a content-derived id unless one is given; mojibake in ``text`` is repaired first."""
        from newsbrief.ingest.mojibake import repair_mojibake  # the one place every reader makes articles

        text = repair_mojibake(text)
        meta = fields.pop("meta", None) or ()
        title = fields.get("title")
        if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:  # a 9 MB "headline" would become a story's
            fields["title"] = title[:MAX_TITLE_CHARS - 1].rstrip() + "…"
        if isinstance(meta, dict):
            meta = tuple(sorted(meta.items()))
        return cls(id=id or article_id_for(text, fields.get("source") or fields.get("url")),
                   text=text, meta=tuple(meta), **fields)

    @property
    def label(self) -> str:
        """How a person would name this source in a list."""
        return self.title or self.source or self.url or self.path or self.id


# Headlines run to ~100 characters; longer titles are cut when an article is made (issue 28).
MAX_TITLE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Sentence:
    """A view into its article: ``article.text[start:end] == text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    doc_index: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.text):
            raise ValueError(f"sentence span [{self.start}, {self.end}) does not fit its text")


@dataclass(frozen=True, slots=True)
class Citation:
    """A source sentence that supports a brief sentence."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    support: float
    source: int = 0  # 1-based position of the article among the brief's sources
    lacks: tuple[str, ...] = ()  # details of the brief sentence this source leaves out (partial support)

    @property
    def partial(self) -> bool:
        """The source tells the event but not every detail of the sentence (``lacks`` says which)."""
        return bool(self.lacks)


@dataclass(frozen=True, slots=True)
class Dispute:
    """Another source's value for something a brief sentence states: the sentence is not settled fact."""

    conflict: int  # index into ``Brief.conflicts``
    source: int  # the source that gives the other value
    value: str  # that value, as it stands in the source


@dataclass(frozen=True, slots=True)
class Edit:
    """A small, marked change to the source sentence a brief sentence was taken from.

    ``source_sentence[start:end] == was`` and the brief shows ``now`` there. The only edit made
    today drops a linking opener whose linked sentence is not in the brief ("However, the" ->
    "The"): ``now`` is then the end of ``was``, recased. ``why`` says why, for a reader.
    """

    start: int
    end: int
    was: str
    now: str
    why: str = ""

    def apply(self, text: str) -> str:
        """``text`` (the source sentence) with this edit made."""
        return text[:self.start] + self.now + text[self.end:]


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """One sentence of a brief, with every source sentence that states it.

    ``citations[0]`` is the sentence the text was taken from; ``text`` is that
    sentence, with its ``edits`` made (each small and marked), or a trimmed copy of
    it (``trimmed``), never new words.
    """

    text: str
    citations: tuple[Citation, ...]
    trimmed: bool = False
    edits: tuple[Edit, ...] = ()
    disputes: tuple[Dispute, ...] = ()  # sources that give another value for what it states (never cited for it)

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a brief sentence must cite at least one source")

    @property
    def sources(self) -> tuple[int, ...]:
        """The 1-based source numbers that support this sentence, in order."""
        return tuple(sorted({c.source for c in self.citations}))


@dataclass(frozen=True, slots=True)
class Removal:
    """A span that cleaning removed, and the rule that removed it (for ``--explain``)."""

    article_id: str
    start: int
    end: int
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A record a reader could not use; readers report these and go on."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one source's text, numbered as in the brief's source list."""

    source: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact unit and every source span that states it (agreement / uniqueness)."""

    text: str
    spans: tuple[Span, ...]
    salience: float = 0.0
    lacks: tuple[tuple[int, tuple[str, ...]], ...] = ()  # per source that states it only in part: what it leaves out

    @property
    def sources(self) -> tuple[int, ...]:
        return tuple(sorted({s.source for s in self.spans}))

    @property
    def partial(self) -> tuple[int, ...]:
        """The sources whose span tells the fact without every detail of ``text``."""
        return tuple(source for source, _ in self.lacks)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sources that state different values for the same thing."""

    kind: str  # number, amount, date, weekday, count, place, name, title, speaker, claim
    first: Span
    second: Span
    first_value: str
    second_value: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Update:
    """A developing figure (a toll) that a later source gives differently: news moved on, no one is wrong."""

    kind: str  # count
    earlier: Span
    later: Span
    earlier_value: str
    later_value: str
    earlier_published: datetime | None = None
    later_published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, verbatim in every span listed, and who said it."""

    text: str
    speaker: str | None
    spans: tuple[Span, ...]

    @property
    def sources(self) -> tuple[int, ...]:
        return tuple(sorted({s.source for s in self.spans}))


@dataclass(frozen=True, slots=True)
class Mention:
    source: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with its aliases merged."""

    name: str
    label: str  # PERSON, ORG, GPE/LOC
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]

    def counts(self) -> dict[int, int]:
        """Mentions per source number."""
        out: dict[int, int] = {}
        for m in self.mentions:
            out[m.source] = out.get(m.source, 0) + 1
        return out


SECTIONS: tuple[str, ...] = ("agreement", "unique", "conflicts", "quotes", "entities")


def parse_sections(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The analysis sections a caller asks for (``--sections``, the API's ``"sections"``), in SECTIONS order.

    None or ``all`` mean every section; ``none`` or an empty list mean none.

    Raises:
        ConfigError: a name that is not a section (the message lists the valid ones).
    """
    if value is None:
        return SECTIONS
    names = [n.strip().lower() for n in (value.split(",") if isinstance(value, str) else value)]
    names = [n for n in names if n]
    if names == ["all"]:
        return SECTIONS
    if names in ([], ["none"]):
        return ()
    alone = [n for n in names if n in ("all", "none")]
    if alone:
        raise ConfigError(f"section {alone[0]!r} cannot be combined with other names ({','.join(names)}); "
                          f"give {alone[0]!r} alone or a list of: {', '.join(SECTIONS)}")
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise ConfigError(f"unknown section {unknown[0]!r}; available: {', '.join(SECTIONS)}; or all, none")
    return tuple(s for s in SECTIONS if s in names)


@dataclass(frozen=True, slots=True)
class Brief:
    """The result: sentences with citations, and the cross-source analysis."""

    story_id: str
    sentences: tuple[BriefSentence, ...]
    budget: Budget
    sources: tuple[Article, ...]
    method: str = "default"
    agreement: tuple[Fact, ...] = ()
    unique: tuple[tuple[int, tuple[Fact, ...]], ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    sections: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()  # with the conflicts section: figures a later source revised
    removals: tuple[Removal, ...] = ()
    notes: tuple[str, ...] = field(default=())
    more: tuple[tuple[str, int], ...] = ()  # per capped section: items not shown (most supported shown first)
    title: str | None = None  # the story's title, when the brief is one story of several (``brief_by_story``)
    query: str | None = None  # the question the brief answers (None: a generic brief)

    @property
    def text(self) -> str:
        """The brief's sentences joined by single spaces (what the budget measures)."""
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """The ``newsbrief.brief/1`` JSON document as Python values."""
        from newsbrief.render.json import brief_to_dict

        return brief_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        from newsbrief.render.json import render_json

        return render_json(self, indent=indent)

    def to_text(self) -> str:
        from newsbrief.render.text import render_text

        return render_text(self)

    def to_markdown(self) -> str:
        from newsbrief.render.markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        from newsbrief.render.html import render_html

        return render_html(self)


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one event."""

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
