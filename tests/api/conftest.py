"""The API over a copy of the generated marketplace store (``market_folder``): one app per
test module (loading the taxonomy is the slow part), a fresh copy of the store each."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")


@pytest.fixture(scope="module")
def api_folder(market_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    shutil.copy(market_folder / "skillpulse.duckdb", folder / "skillpulse.duckdb")
    return folder


@pytest.fixture(scope="module")
def ws(api_folder: Path) -> Any:
    import skillpulse

    return skillpulse.open(api_folder / "skillpulse.duckdb")


@pytest.fixture(scope="module")
def client(ws: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from skillpulse.api import create_app

    with TestClient(create_app(ws, token="s3cret"), raise_server_exceptions=False) as c:
        yield c
