"""Issue 18: forked extraction workers start with the parent's objects frozen for the garbage
collector (so the workers' collections do not write to, and copy, every inherited page),
and the parent is unfrozen again: same mentions as one process, nothing left frozen."""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

import pytest

from skillpulse.extract.store import extract_store
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy.model import Taxonomy

TEXTS = ["Python developer with SQL", "Go and Excel daily", "We use R and Python",
         "nothing here", "Excel, SQL and Go"]


def _store(path: Path) -> DuckDBStore:
    store = DuckDBStore(path)
    for i in range(1200):
        store.execute("INSERT INTO postings (id, posted_at, title, description) VALUES "
                      "(?, TIMESTAMP '2023-01-01', ?, ?)",
                      [f"p{i}", TEXTS[i % 5], TEXTS[(i * 3) % 5]])
    return store


def _mentions(store: DuckDBStore) -> list[tuple[object, ...]]:
    return sorted(store.rows("SELECT doc_id, skill_id, field, start_pos FROM mentions"))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_forked_workers_leave_the_parent_unfrozen_and_agree_with_one_process(
        small_taxonomy: Taxonomy, tmp_path: Path) -> None:
    assert gc.get_freeze_count() == 0
    with _store(tmp_path / "one.duckdb") as one, _store(tmp_path / "two.duckdb") as two:
        a = extract_store(one, small_taxonomy, workers=1, chunk_size=100)
        b = extract_store(two, small_taxonomy, workers=2, chunk_size=100)
        assert gc.get_freeze_count() == 0  # the parent's objects collect normally again
        assert b.workers == min(2, multiprocessing.cpu_count())
        assert a.total_documents == b.total_documents == 1200
        assert a.mentions == b.mentions > 0
        assert _mentions(one) == _mentions(two)
