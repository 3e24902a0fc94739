"""Settings: defaults in code, an optional TOML file over them, then ``NEWSBRIEF_*`` env vars.

Precedence runs command-line flag > environment > file > defaults. A file or
variable naming an unknown key is a ConfigError that lists the valid keys.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from newsbrief.errors import ConfigError

ENV_PREFIX = "NEWSBRIEF_"
# A settings file is a few hundred bytes; reading stops past this (``--config /dev/zero`` read 11 GB).
MAX_SETTINGS_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable knob of newsbrief that is not an algorithm parameter."""

    method: str = "default"
    budget: str = "100w"
    # Inputs larger than this are refused before decoding (bytes).
    max_input_bytes: int = 20_000_000
    # A brief of more sentences than this (after cleaning) is refused before the
    # analysis starts, instead of running the machine out of memory. A brief costs
    # about 15-25 KB per sentence at peak with every section (bench/scale_bench.py:
    # 1,500 dev articles, ~41k sentences), so 400k sentences stay within ~10 GB.
    max_sentences: int = 400_000
    # URL fetching: seconds for the whole request and the largest body read.
    fetch_timeout: float = 10.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    # Server limits.
    max_request_bytes: int = 10_000_000
    max_articles: int = 200
    request_timeout: float = 60.0
    # Address space a server worker may add to what it holds when warm (bytes; 0: no limit). Past it
    # the request is refused with 503 out_of_memory. The bounded analysis briefs the 4 MB hostile pile
    # of issue 28 in ~0.65 GB peak RSS, and NumPy/BLAS reserve more address space than they touch.
    max_job_memory: int = 3_000_000_000
    allow_fetch: bool = False
    # Fetch links found inside content (feed entries, redirects) even when they point at loopback,
    # private or link-local addresses; off, only URLs the user names may (server: none may).
    fetch_private: bool = False
    # Host names the server answers to besides its own addresses and loopback names (comma-separated;
    # "*": any, e.g. behind a proxy that checks them). Against DNS rebinding (server/guard.py).
    allowed_hosts: str = ""
    # A cold `newsbrief brief` forks a helper that loads spaCy's NER meanwhile (names/ner_helper.py).
    ner_helper: bool = True
    # Server workers remember the entities of this many NER windows across requests (0: off);
    # ~500 bytes each (measured on DUC windows), so the default is ~10 MB a worker (names/ner_cache.py).
    ner_cache: int = 20_000
    # The learned selection model (`newsbrief train`) that learned.v1 reads; "" = the shipped one.
    model: str = ""
    # Where the store and caches live; NEWSBRIEF_HOME moves it.
    home: str = ""
    db: str = ""

    @property
    def home_path(self) -> Path:
        """The data directory (created on demand by whoever writes there)."""
        if self.home:
            return Path(self.home)
        from platformdirs import user_data_dir

        return Path(user_data_dir("newsbrief", appauthor=False))

    @property
    def db_path(self) -> Path:
        return Path(self.db) if self.db else self.home_path / "newsbrief.db"

    def replace(self, **changes: Any) -> Settings:
        """A copy with some keys changed (None values are ignored, as unset flags are)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        _check_keys(changes, "argument")
        return dataclasses.replace(self, **changes)


def _valid_keys() -> list[str]:
    return [f.name for f in fields(Settings)]


def _check_keys(values: dict[str, Any], where: str) -> None:
    unknown = sorted(set(values) - set(_valid_keys()))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r} in {where}; valid keys: {', '.join(_valid_keys())}")


def _coerce(name: str, raw: Any, where: str) -> Any:
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        return type(default)(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} in {where} must be {type(default).__name__}, got {raw!r}") from exc


def _read_small(file: Path) -> str:
    with open(file, "rb") as handle:
        data = handle.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        raise ConfigError(f"settings file {file} is over {MAX_SETTINGS_BYTES:,} bytes; it is not a settings file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"settings file {file} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def load_settings(path: str | os.PathLike[str] | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Defaults, overlaid by a TOML file (if given or found in the home dir), then env vars.

    Raises:
        ConfigError: the file is not valid TOML, or a key or value is not valid.
    """
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    file = Path(path) if path else None
    if file is None and env.get(ENV_PREFIX + "CONFIG"):
        file = Path(env[ENV_PREFIX + "CONFIG"])
    if file is not None:
        try:
            data = tomllib.loads(_read_small(file))
        except OSError as exc:
            raise ConfigError(f"cannot read settings file {file}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"settings file {file} is not valid TOML: {exc}") from exc
        data = data.get("newsbrief", data)
        _check_keys(data, str(file))
        values.update({k: _coerce(k, v, str(file)) for k, v in data.items()})
    for key, raw in env.items():
        if not key.startswith(ENV_PREFIX) or key == ENV_PREFIX + "CONFIG":
            continue
        name = key[len(ENV_PREFIX):].lower()
        _check_keys({name: raw}, f"environment variable {key}")
        values[name] = _coerce(name, raw, f"environment variable {key}")
    return Settings(**values)
