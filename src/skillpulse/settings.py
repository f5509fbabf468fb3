"""Settings, declared once: name, type, default, environment variable and help.

Precedence: default < environment < command line. The CLI reads these declarations for its
option help, and ``docs/`` lists them; a test fails when one is undocumented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "SKILLPULSE_DB", "skillpulse.duckdb", "Path of the DuckDB store."),
    Setting(
        "taxonomy_files",
        "SKILLPULSE_TAXONOMY_FILES",
        "",
        "Extra taxonomy files merged on top of the default, separated by the OS path separator.",
    ),
    Setting(
        "cache_dir",
        "SKILLPULSE_CACHE_DIR",
        str(Path.home() / ".cache" / "skillpulse"),
        "Where derived artefacts (label embeddings) are cached.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: str | None = None) -> str:
    """Resolve a setting: the explicit override, else its environment variable, else default."""
    setting = _BY_NAME[name]
    if override is not None:
        return override
    return os.environ.get(setting.env, setting.default)


def db_path(override: str | None = None) -> Path:
    """The store path: ``--db``, else ``SKILLPULSE_DB``, else ``./skillpulse.duckdb``."""
    return Path(get("db", override))
