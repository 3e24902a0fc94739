"""Exceptions raised by newsbrief, so callers can catch at the grain they need.

    NewsbriefError
    ├── InputError                 input that cannot be read as articles
    │   ├── EmptyInputError        nothing to read, or no sentence in what was read
    │   ├── DecodeError            bytes that are binary or cannot be decoded
    │   ├── MalformedRecordError   a JSONL record that is not valid (carries the line)
    │   └── FetchError             a URL that could not be fetched
    ├── ConfigError                a bad option or setting
    │   ├── UnknownAlgorithmError  a name that no registry knows
    │   └── BudgetError            a budget that is missing, zero, negative or ambiguous
    ├── ModelUnavailableError      an optional model is not installed
    ├── StorageError               the SQLite store cannot be opened or written
    └── NotFoundError              a story or article id that the store does not hold

Only the edges (``cli/`` and ``server/``) catch these and turn them into a one-line
message or a JSON error; everything else lets them travel.
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class of every error newsbrief raises on purpose."""

    code = "newsbrief_error"


class InputError(NewsbriefError):
    """The input cannot be read as articles."""

    code = "bad_input"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.source = source
        self.line = line


class EmptyInputError(InputError):
    """There is nothing to brief."""

    code = "empty_input"


class DecodeError(InputError):
    """Bytes that are binary or cannot be decoded as text."""

    code = "undecodable"


class MalformedRecordError(InputError):
    """A record (JSONL line, request item) that does not have the expected shape."""

    code = "malformed_record"


class FetchError(InputError):
    """A URL that could not be fetched or is not an article page."""

    code = "fetch_failed"


class ConfigError(NewsbriefError):
    """A bad option or setting."""

    code = "bad_config"


class UnknownAlgorithmError(ConfigError):
    """A registry was asked for a name it does not hold."""

    code = "unknown_algorithm"


class BudgetError(ConfigError):
    """A budget that is missing, not positive, or given in two units at once."""

    code = "bad_budget"


class ModelUnavailableError(NewsbriefError):
    """An optional model or package is not installed."""

    code = "model_unavailable"


class StorageError(NewsbriefError):
    """The store cannot be opened, migrated or written."""

    code = "storage_error"


class NotFoundError(NewsbriefError):
    """A story or article id that the store does not hold."""

    code = "not_found"
