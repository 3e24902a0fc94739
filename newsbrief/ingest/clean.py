"""Boilerplate removal that keeps offsets: spans of the original text kept, and each removal explained.

Nothing is rewritten. Cleaning returns the character spans of ``article.text``
worth reading and, for everything it dropped, a Removal naming the rule that
dropped it, so ``--explain`` can show it and sentences still point into the
text as read. The rules are data (``resources/boilerplate.toml``): whole-line
patterns, line prefixes such as datelines, and inline patterns such as photo
credits, plus a call-to-action heuristic and lines repeated across sources.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from newsbrief.datatypes import Article, Removal
from newsbrief.errors import ConfigError
from newsbrief.ingest.needles import needles as literal_needles

Scope = Literal["line", "prefix", "inline"]
SCOPES: tuple[Scope, ...] = ("line", "prefix", "inline")
REPEATED_RULE = "repeated-line"
# Whole-line rules look only at lines up to this long. The longest debris line in
# the development data (an Internet Archive notice) has about 800 characters; the
# cap keeps a megabyte-long line from costing more than a linear scan.
MAX_RULE_LINE_CHARS = 5_000
_RULE_KEYS = frozenset({"name", "scope", "pattern", "max_words", "ignore_case", "requires", "why"})
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.?][\"”’')\]]*$")
_QUOTES = "\"“”„«»‹›"
_KEY_DROP = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What cleaning kept of one article (character spans) and what it removed, with why."""

    kept: tuple[tuple[int, int], ...]
    removals: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate pattern and where in a line it applies."""

    name: str
    scope: Scope
    regex: re.Pattern[str]
    max_words: int | None = None
    # Strings of which every line the rule removes holds at least one (case-folded if the rule
    # ignores case): lines without any are not tried. A speed guard for rules whose patterns
    # scan the whole line; tests/test_ingest_clean.py checks it against every line of the dev data.
    requires: tuple[str, ...] = ()
    # Strings of which every match holds one, derived from the pattern (``needles.needles``; lower-cased
    # if the rule ignores case): an inline rule does not search a line holding none of them.
    needles: tuple[str, ...] = ()

    def may_match(self, line: str) -> bool:
        """False when ``line`` holds none of ``requires``, so the pattern cannot match it."""
        if not self.requires:
            return True
        text = line.casefold() if self.regex.flags & re.IGNORECASE else line
        return any(needle in text for needle in self.requires)

    def fits(self, text: str, words: int | None = None) -> bool:
        """Whether ``text`` (of ``words`` words, if already counted) is short enough for this rule."""
        if self.max_words is None:
            return True
        return (len(text.split()) if words is None else words) <= self.max_words


@dataclass(frozen=True, slots=True)
class CallToAction:
    """The heuristic for short lines such as "Be the first to comment" (see boilerplate.toml)."""

    name: str
    max_words: int
    verbs: re.Pattern[str]
    objects: re.Pattern[str]
    next_words: re.Pattern[str] | None = None

    def matches(self, line: str, words: int | None = None) -> bool:
        if (len(line.split()) if words is None else words) > self.max_words or looks_like_sentence(line):
            return False
        verb = self.verbs.match(line)
        if verb is None:
            return False
        if self.next_words is not None and self.next_words.match(line, verb.end()):
            return True
        return self.objects.search(line, verb.end()) is not None


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule of a rules file, by scope, in file order."""

    line: tuple[Rule, ...]
    prefix: tuple[Rule, ...]
    inline: tuple[Rule, ...]
    call_to_action: CallToAction | None = None


def clean(article: Article, *, repeated: frozenset[str] | None = None, rules: RuleSet | None = None) -> Cleaned:
    """The spans of ``article.text`` worth reading, and each removal with its rule.

    Args:
        article: the article as read; its text is never changed.
        repeated: line keys (see ``line_key``) found in many sources, removed as
            ``"repeated-line"``; usually from ``repeated_lines``.
        rules: the rules to apply (default: ``resources/boilerplate.toml``).

    Returns:
        Cleaned: ``kept`` spans, sorted and non-overlapping, and ``removals`` in text
        order with ``article.text[start:end] == text``. Every character outside
        ``kept`` that is not whitespace lies in exactly one removal.
    """
    ruleset = rules or default_rules()
    text = article.text
    removals: list[Removal] = []
    for start, end in _line_spans(text):
        line = text[start:end]
        name = _line_rule(line, ruleset, repeated)
        if name is not None:
            removals.append(Removal(article.id, start, end, name, line))
            continue
        removals.extend(_within_line(article.id, line, start, ruleset))
    return Cleaned(kept=_complement(text, removals), removals=tuple(removals))


def line_key(line: str) -> str:
    """A line reduced to what identifies it across pages: case, digits, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(_KEY_DROP.sub(" ", _DIGITS.sub("0", folded)).split())


def repeated_lines(articles: Iterable[Article], *, min_sources: int = 3) -> frozenset[str]:
    """Keys of boilerplate-shaped lines that appear in at least ``min_sources`` sources.

    Articles count by ``source`` (an outlet repeating its own footer counts
    once) or, without one, by id. Only lines shaped like page furniture are
    counted: a line that ends as a sentence or holds a quotation never is, so a
    wire paragraph that three outlets reprint stays content.
    """
    holders: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        owner = article.source or article.id
        for start, end in _line_spans(article.text):
            line = article.text[start:end]
            if _repeatable(line):
                key = line_key(line)
                if key:
                    holders[key].add(owner)
    return frozenset(key for key, owners in holders.items() if len(owners) >= min_sources)


def looks_like_sentence(line: str) -> bool:
    """Whether a line reads as prose: it ends with a full stop or question mark, or quotes someone."""
    return _SENTENCE_END.search(line) is not None or any(q in line for q in _QUOTES)


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The rules shipped in ``newsbrief/resources/boilerplate.toml``."""
    source = resources.files("newsbrief.resources").joinpath("boilerplate.toml")
    return parse_rules(source.read_text("utf-8"), where="boilerplate.toml")


def load_rules(path: str | Path) -> RuleSet:
    """Rules from a TOML file laid out like ``resources/boilerplate.toml``.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or a rule is not valid.
    """
    try:
        content = Path(path).read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read boilerplate rules {path}: {exc.strerror}") from exc
    return parse_rules(content, where=str(path))


def parse_rules(content: str, *, where: str = "rules") -> RuleSet:
    """A RuleSet from TOML text; ``where`` names the file in error messages."""
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"boilerplate rules {where} are not valid TOML: {exc}") from exc
    rules = [_rule(entry, index, where) for index, entry in enumerate(data.get("rule", []), start=1)]
    cta = data.get("call_to_action")
    return RuleSet(
        line=tuple(r for r in rules if r.scope == "line"),
        prefix=tuple(r for r in rules if r.scope == "prefix"),
        inline=tuple(r for r in rules if r.scope == "inline"),
        call_to_action=_call_to_action(cta, where) if cta else None,
    )


def _rule(entry: dict[str, Any], index: int, where: str) -> Rule:
    label = f"rule {index} ({entry.get('name', 'unnamed')!r}) in {where}"
    unknown = sorted(set(entry) - _RULE_KEYS)
    if unknown:
        raise ConfigError(f"{label} has unknown key {unknown[0]!r}; valid keys: {', '.join(sorted(_RULE_KEYS))}")
    name, scope, pattern = entry.get("name"), entry.get("scope"), entry.get("pattern")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{label} needs a \"name\"")
    if scope not in SCOPES:
        raise ConfigError(f"{label} has scope {scope!r}; use one of: {', '.join(SCOPES)}")
    patterns = [pattern] if isinstance(pattern, str) else pattern
    if not patterns or not all(isinstance(p, str) and p for p in patterns):
        raise ConfigError(f"{label} needs a \"pattern\": a regular expression or a list of them")
    max_words = entry.get("max_words")
    if max_words is not None and (isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1):
        raise ConfigError(f"{label} has max_words {max_words!r}; use a positive whole number")
    flags = re.IGNORECASE if entry.get("ignore_case", True) else 0
    try:
        regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:
        raise ConfigError(f"{label} has a bad pattern: {exc}") from exc
    requires = entry.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) and r for r in requires):
        raise ConfigError(f"{label} has requires {requires!r}; use a list of non-empty strings")
    if requires and scope != "line":
        raise ConfigError(f"{label} has requires, which only line rules take")
    needles = tuple(r.casefold() for r in requires) if flags else tuple(requires)
    return Rule(name=name, scope=scope, regex=regex, max_words=max_words, requires=needles,
                needles=literal_needles(regex) if scope == "inline" else ())


def _call_to_action(entry: dict[str, Any], where: str) -> CallToAction:
    verbs, objects, next_words = entry.get("verbs"), entry.get("objects"), entry.get("next_words")
    if not verbs or not objects:
        raise ConfigError(f"[call_to_action] in {where} needs \"verbs\" and \"objects\" lists")
    return CallToAction(
        name=str(entry.get("name", "call-to-action")),
        max_words=int(entry.get("max_words", 12)),
        verbs=re.compile(_words_pattern(verbs), re.IGNORECASE),
        objects=re.compile(_words_pattern(objects), re.IGNORECASE),
        next_words=re.compile(r"\s+" + _words_pattern(next_words), re.IGNORECASE) if next_words else None,
    )


def _words_pattern(words: Sequence[str]) -> str:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)``, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _line_rule(line: str, ruleset: RuleSet, repeated: frozenset[str] | None) -> str | None:
    """The name of the rule that removes this whole line, if one does."""
    if len(line) > MAX_RULE_LINE_CHARS:
        return None
    words = len(line.split())
    for rule in ruleset.line:
        if rule.fits(line, words) and rule.may_match(line) and rule.regex.fullmatch(line):
            return rule.name
    if ruleset.call_to_action is not None and ruleset.call_to_action.matches(line, words):
        return ruleset.call_to_action.name
    if repeated and _repeatable(line) and line_key(line) in repeated:
        return REPEATED_RULE
    return None


def _within_line(article_id: str, line: str, offset: int, ruleset: RuleSet) -> list[Removal]:
    """Prefix and inline removals inside one kept line."""
    found: list[tuple[int, int, str]] = []
    body = 0
    for rule in ruleset.prefix:
        match = rule.regex.match(line)
        if match and match.end() > 0 and rule.fits(match.group()) and line[match.end():].strip():
            found.append((0, match.end(), rule.name))
            body = match.end()
            break
    lowered: str | None = None
    for rule in ruleset.inline:
        if rule.needles:
            if rule.regex.flags & re.IGNORECASE:
                lowered = line.lower() if lowered is None else lowered
                if not any(needle in lowered for needle in rule.needles):
                    continue
            elif not any(needle in line for needle in rule.needles):
                continue
        for match in rule.regex.finditer(line, body):
            if match.end() > match.start() and rule.fits(match.group()):
                found.append((match.start(), match.end(), rule.name))
    found.sort()
    spans: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if spans and start < spans[-1][1]:
            continue  # overlaps an earlier removal; the first one stands
        spans.append((start, end, name))
    if spans and not _has_content(line, spans):
        return [Removal(article_id, offset, offset + len(line), spans[0][2], line)]
    return [Removal(article_id, offset + s, offset + e, name, line[s:e]) for s, e, name in spans]


def _has_content(line: str, spans: list[tuple[int, int, str]]) -> bool:
    """Whether a letter or digit is left in the line once ``spans`` are cut."""
    position = 0
    for start, end, _ in spans:
        if any(ch.isalnum() for ch in line[position:start]):
            return True
        position = end
    return any(ch.isalnum() for ch in line[position:])


def _repeatable(line: str) -> bool:
    """Whether a line may be dropped for being repeated: it is shaped like furniture, not prose."""
    return not looks_like_sentence(line)


def _complement(text: str, removals: list[Removal]) -> tuple[tuple[int, int], ...]:
    """The stretches of text between removals, trimmed, without the whitespace-only ones."""
    kept: list[tuple[int, int]] = []
    position = 0
    for removal in [*removals, Removal("", len(text), len(text), "", "")]:
        start, end = position, removal.start
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            kept.append((start, end))
        position = max(position, removal.end)
    return tuple(kept)
