"""Fixtures of the engine suite: one store per engine (see engine_builds.py), the DuckDB
build as the reference, one SparkSession (local[2]) for the whole test session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from engine_builds import ENGINES, Built, build

_BUILT: dict[str, Built] = {}


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """The SparkSession of the test session (local[2]); stopped at the end."""
    from skillpulse.store.spark import session

    spark = session.session("local[2]")
    yield spark
    session.stop()


def _built(engine: str, tmp_path_factory: pytest.TempPathFactory, market: Path,
           request: pytest.FixtureRequest) -> Built:
    if engine not in _BUILT:
        if engine == "spark":
            request.getfixturevalue("spark_session")
        _BUILT[engine] = build(engine, tmp_path_factory.mktemp(f"engine-{engine}"), market)
    return _BUILT[engine]


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory, market_folder: Path,
              request: pytest.FixtureRequest) -> Built:
    """The DuckDB build: what every engine must give."""
    return _built("duckdb", tmp_path_factory, market_folder, request)


@pytest.fixture(scope="session", params=ENGINES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          market_folder: Path) -> Built:
    """The same build on each engine."""
    return _built(request.param, tmp_path_factory, market_folder, request)
