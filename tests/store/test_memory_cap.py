"""Issue 18: a store caps DuckDB's memory for everything it runs, reads included, so a
reading command (``report``, ``top``) is bounded by the cap, not by the machine (DuckDB's
default is 80% of the machine's memory)."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

from skillpulse.analytics import top_skills
from skillpulse.store import DuckDBStore
from skillpulse.store.duckdb import STORE_MEMORY_LIMIT


def _printed(limit: str | None) -> str:
    """How DuckDB prints ``limit`` (``1GB`` -> ``953.6 MiB``); ``None``: its default."""
    con = duckdb.connect()
    if limit is not None:
        con.execute(f"SET memory_limit = '{limit}'")
    value: str = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    con.close()
    return value


def _limit(store: DuckDBStore) -> str:
    return str(store.scalar("SELECT current_setting('memory_limit')"))


def test_a_store_file_is_capped_when_opened_for_writing_and_reading(tmp_path: Path) -> None:
    path = tmp_path / "sp.duckdb"
    assert _printed(STORE_MEMORY_LIMIT) != _printed(None)  # the cap is below the default
    with DuckDBStore(path) as store:
        assert _limit(store) == _printed(STORE_MEMORY_LIMIT)
    with DuckDBStore(path, read_only=True) as store:
        assert _limit(store) == _printed(STORE_MEMORY_LIMIT)
        top_skills(store, kind="postings", period="2023")  # a read runs under the cap
        assert _limit(store) == _printed(STORE_MEMORY_LIMIT)


def test_a_step_cap_returns_to_the_store_cap_not_to_duckdbs_default(tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        with store.memory_limit("256MB"):
            assert _limit(store) == _printed("256MB")
        assert _limit(store) == _printed(STORE_MEMORY_LIMIT)
        store.refresh(full=True)  # the refresh's own cap, then back
        assert _limit(store) == _printed(STORE_MEMORY_LIMIT)


def test_the_cap_can_be_chosen_or_lifted(tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "a.duckdb", memory_limit="300MB") as store:
        assert _limit(store) == _printed("300MB")
    with DuckDBStore(tmp_path / "b.duckdb", memory_limit=None) as store:
        assert _limit(store) == _printed(None)


def test_a_query_that_cannot_spill_under_the_cap_runs_once_uncapped(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A statement whose operators cannot spill (here one list of 3M integers, ~24 MB, under
    a 20 MB cap; in the report: many distinct counts glued in one UNION ALL) is answered
    uncapped, with a warning, and the cap comes back for the next statement."""
    sql = "SELECT len(list(i)) AS n FROM range(3000000) t(i)"
    with DuckDBStore(tmp_path / "sp.duckdb", memory_limit="20MB") as store:
        with pytest.raises(duckdb.OutOfMemoryException):
            store.rows(sql)  # the cap is real: the engine's own method is not retried
        with caplog.at_level(logging.WARNING, logger="skillpulse.store.duckdb"):
            assert store.query(sql).to_pylist() == [{"n": 3_000_000}]
        assert "memory cap (20MB)" in caplog.text
        assert _limit(store) == _printed("20MB")
