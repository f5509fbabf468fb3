"""Builds one store per engine, the same way through the front door (``Workspace``) from the
same real files: the Hacker News slice of tests/data with its example mapping, the generated
marketplace of ``market_folder`` (every kind), and a hand-written searches file with rejects
and duplicates, ingested twice. The DuckDB build is the reference every engine must match.

Spark tests carry the ``spark`` marker; the Spark engine runs ``local[2]`` in this process (one
SparkSession for the whole test session).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from skillpulse.settings import resolve
from skillpulse.workspace import Workspace

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
HN = DATA / "ingest" / "hn_whoishiring_slice.csv.gz"
HN_MAPPING = ROOT / "examples" / "hn_whoishiring.toml"

ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]

#: the hand-written searches: 9 lines; 4 loaded, 2 duplicates (an id seen before in the file;
#: a search without id whose time, query and client repeat), 3 rejects (a bad date, a missing
#: time, a line that is not JSON)
SEARCHES = [
    {"id": "s-1", "searched_at": "2023-02-01T10:00:00", "query": "chatgpt prompt engineer"},
    {"id": "s-2", "searched_at": "2023-02-02T11:00:00+01:00", "query": "python developer"},
    {"id": "s-1", "searched_at": "2023-02-03T10:00:00", "query": "a later row, same id"},
    {"searched_at": "2023-05-04T09:30:00", "query": "stable diffusion", "client_id": "c9"},
    {"searched_at": "2023-05-04T09:30:00", "query": "stable diffusion", "client_id": "c9"},
    {"id": "s-5", "searched_at": "not a date", "query": "bad date"},
    {"id": "s-6", "query": "no time"},
    "{this is not json",
    {"id": "s-7", "searched_at": "2023-06-01", "query": "langchain rag"},
]


def searches_file(folder: Path) -> Path:
    path = folder / "searches_mixed.jsonl"
    lines = [row if isinstance(row, str) else json.dumps(row) for row in SEARCHES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def settings_env() -> dict[str, str]:
    """Only the private cache folder of the environment (no store settings leak in)."""
    cache = os.environ.get("SKILLPULSE_CACHE_DIR")
    return {"SKILLPULSE_CACHE_DIR": cache} if cache else {}


def workspace_for(engine: str, folder: Path) -> Workspace:
    if engine == "spark":
        return Workspace(resolve(environ=settings_env(), engine="spark",
                                 lake=str(folder / "lake")))
    return Workspace(resolve(environ=settings_env(), db=folder / "store.duckdb"))


@dataclass
class Built:
    engine: str
    ws: Workspace
    folder: Path
    ingests: dict[str, Any]
    extract: Any
    again: Any




def build(engine: str, folder: Path, market: Path) -> Built:
    """Ingest every file and extract, through the workspace of ``engine``."""
    ws = workspace_for(engine, folder)
    ingests: dict[str, Any] = {}
    ingests["hn"] = ws.ingest("postings", HN, mapping=HN_MAPPING)
    for kind in ("postings", "searches", "hires", "profiles"):
        ingests[kind] = ws.ingest(kind, market / f"{kind}.jsonl")
    shared = folder.parent / "engine-inputs"  # one file for every engine: the same name
    shared.mkdir(exist_ok=True)
    mixed = searches_file(shared)
    ingests["mixed"] = ws.ingest("searches", mixed)
    ingests["mixed_again"] = ws.ingest("searches", mixed)
    extract = ws.extract(workers=1)
    again = ws.extract(workers=1)
    return Built(engine, ws, folder, ingests, extract, again)
