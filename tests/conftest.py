"""Shared fixtures: a real DuckDB store in a temporary directory, and the data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from skillpulse.store import DuckDBStore

DATA = Path(__file__).parent / "data"


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
