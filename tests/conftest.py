"""Shared fixtures: a real DuckDB store in a temporary directory, and the data folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from skillpulse.store import DuckDBStore

DATA = Path(__file__).parent / "data"
#: the generated marketplace of ``market_folder``: ~260 postings, ~1,500 searches, ~50
#: hires, ~100 profiles from October 2022 to June 2023, and a survey of 1,400 leaders
MARKET_SCALE = 0.005


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def store(store_path: Path) -> Iterator[DuckDBStore]:
    s = DuckDBStore(store_path)
    try:
        yield s
    finally:
        s.close()


USER_TAXONOMY = """\
name: acme
version: "1"
concepts:
  - id: acme.widget-ai
    label: Widget AI
    aliases: [widgetai]
    category: generative-ai
"""


@pytest.fixture(scope="session")
def market_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small marketplace ready to query (copy it before writing into it): the generated
    ``postings.jsonl``, ``searches.jsonl``, ``hires.jsonl``, ``profiles.jsonl``,
    ``survey.csv``; ``skillpulse.duckdb`` with all of them ingested and extracted with the
    default taxonomy (survey name ``leaders``); ``my_skills.yaml`` (one concept, Widget AI);
    and the Lightcast, O*NET and ESCO slices of tests/data/taxonomy."""
    from skillpulse.extract.store import extract_store
    from skillpulse.generate import generate
    from skillpulse.ingest import ingest_file
    from skillpulse.store import open_store
    from skillpulse.survey import ingest_survey
    from skillpulse.taxonomy import Taxonomy

    root = tmp_path_factory.mktemp("docs")
    generate(root, seed=0, scale=MARKET_SCALE)
    with open_store(root / "skillpulse.duckdb") as store:
        for kind in ("postings", "searches", "hires", "profiles"):
            info = ingest_file(store, kind, root / f"{kind}.jsonl")
            assert info.loaded > 0
        ingest_survey(store, root / "survey.csv", name="leaders", weight="weight")
        extract_store(store, Taxonomy.default(), workers=1)
    (root / "my_skills.yaml").write_text(USER_TAXONOMY, encoding="utf-8")
    for sub in ("lightcast", "onet", "esco"):
        for f in (DATA / "taxonomy" / sub).iterdir():
            shutil.copy(f, root / f.name)
    return root
