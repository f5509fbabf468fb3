"""Survey fixtures: the Stack Overflow 2024 slice in a store, and the same slice in pandas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from skillpulse.store import DuckDBStore
from skillpulse.survey.ingest import ingest_survey

SO_SLICE = Path(__file__).parent.parent / "data" / "survey" / "so2024_first2000.csv.bz2"


@pytest.fixture(scope="session")
def so_frame() -> pd.DataFrame:
    """The slice as strings, with only empty cells missing (as the survey file encodes them)."""
    return pd.read_csv(SO_SLICE, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="session")
def so_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DuckDBStore]:
    path = tmp_path_factory.mktemp("so") / "so.duckdb"
    store = DuckDBStore(path)
    ingest_survey(store, SO_SLICE, name="so")
    try:
        yield store
    finally:
        store.close()
