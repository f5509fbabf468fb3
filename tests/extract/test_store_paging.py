"""Issue 15 item 5: ``extract --db`` reads pending documents page by page (keyset on IDs),
with DuckDB's memory capped, and still extracts every pending document exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpulse.extract.store import EXTRACT_MEMORY_LIMIT, extract_store
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy.model import Taxonomy

#: IDs that sort in surprising ways: prefixes, case, digits as text, Unicode, spaces
IDS = ["", " ", "1", "10", "2", "A", "B", "a", "a ", "aa", "b", "z" * 200, "ß", "éclair",
       "中文", "🙂", "p-0001", "p-0002", "p-0003", "p-0010", "p-0100"]


def _fill(store: DuckDBStore) -> None:
    for i, doc_id in enumerate(IDS):
        store.execute("INSERT INTO postings (id, posted_at, title, description, skills) "
                      "VALUES (?, TIMESTAMP '2023-01-01', ?, ?, ?)",
                      [doc_id, f"Python developer {i}", "We use Go and Excel daily.", ["R"]])
    # the same ID twice in an event table: extracted once
    store.execute("INSERT INTO postings (id, posted_at, title, description) VALUES "
                  "('p-0002', TIMESTAMP '2023-02-01', 'C++ dev', 'C# and .NET')")
    for i in range(7):
        store.execute("INSERT INTO searches (id, searched_at, query) VALUES "
                      "(?, TIMESTAMP '2023-01-01', 'chatgtp expert')", [f"s{i}"])


def _extractions(store: DuckDBStore) -> list[tuple[str, str]]:
    return sorted((k, d) for k, d in store.rows("SELECT kind, doc_id FROM extractions"))


@pytest.mark.parametrize(("page", "chunk", "workers"), [(1, 1, 1), (3, 2, 1), (4, 3, 2),
                                                        (1000, 400, 1)])
def test_every_pending_document_once_whatever_the_page(
        small_taxonomy: Taxonomy, tmp_path: Path, page: int, chunk: int, workers: int) -> None:
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        _fill(store)
        info = extract_store(store, small_taxonomy, workers=workers, chunk_size=chunk,
                             page_size=page)
        expected = sorted([("postings", i) for i in IDS] + [("searches", f"s{i}")
                                                           for i in range(7)])
        assert _extractions(store) == expected  # each ID once, none missed
        assert info.documents == {"postings": len(IDS), "searches": 7, "hires": 0,
                                  "profiles": 0}
        # each posting: Python (title), Go and Excel (description), R (tag)
        per_doc = store.rows("SELECT doc_id, count(DISTINCT skill_id) FROM mentions "
                             "WHERE kind = 'postings' GROUP BY doc_id")
        assert len(per_doc) == len(IDS) and {n for _d, n in per_doc} == {4}
        assert info.mentions == store.scalar("SELECT count(*) FROM mentions")


def test_a_rerun_after_an_interrupted_run_extracts_the_rest(small_taxonomy: Taxonomy,
                                                            tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        _fill(store)
        version = small_taxonomy.version
        # an earlier run stopped after some documents, on both sides of later page bounds
        done = ["", "1", "B", "p-0002", "中文"]
        for doc_id in done:
            store.execute("INSERT INTO extractions VALUES ('postings', ?, ?, 0, NULL)",
                          [doc_id, version])
        info = extract_store(store, small_taxonomy, workers=1, chunk_size=2, page_size=3)
        assert info.documents["postings"] == len(IDS) - len(done)
        assert _extractions(store).count(("postings", "p-0002")) == 1
        assert len(_extractions(store)) == len(IDS) + 7
        again = extract_store(store, small_taxonomy, workers=1, page_size=3)
        assert again.total_documents == 0


def test_duckdb_memory_is_capped_while_extracting(small_taxonomy: Taxonomy,
                                                  tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        _fill(store)
        before = store.scalar("SELECT current_setting('memory_limit')")
        seen: list[str] = []

        def progress(done: int, total: int) -> None:
            seen.append(store.scalar("SELECT current_setting('memory_limit')"))

        extract_store(store, small_taxonomy, workers=1, progress=progress)
        assert seen and set(seen) == {_duckdb_size(EXTRACT_MEMORY_LIMIT)}
        assert seen[0] != before
        assert store.scalar("SELECT current_setting('memory_limit')") == before


def _duckdb_size(limit: str) -> str:
    """How DuckDB prints a memory limit it was given as ``512MB`` (``488.2 MiB``)."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{limit}'")
    value: str = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    con.close()
    return value


def test_an_incremental_run_extracts_only_the_new_documents(small_taxonomy: Taxonomy,
                                                            tmp_path: Path) -> None:
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        _fill(store)
        extract_store(store, small_taxonomy, workers=1, page_size=4)
        store.execute("INSERT INTO postings (id, posted_at, title) VALUES "
                      "('new-1', TIMESTAMP '2023-03-01', 'Go developer'), "
                      "('p-0001', TIMESTAMP '2023-03-01', 'already extracted'), "
                      "('new-2', TIMESTAMP '2023-03-01', 'C++ developer')")
        info = extract_store(store, small_taxonomy, workers=1, page_size=4)
        assert info.documents["postings"] == 2 and info.total_documents == 2
        assert sorted(store.rows("SELECT doc_id, skill_id FROM mentions WHERE doc_id "
                                 "LIKE 'new-%'")) == [("new-1", "t.go"), ("new-2", "t.cpp")]
        assert _extractions(store).count(("postings", "p-0001")) == 1


def test_incremental_pages_hold_only_the_pending_rows_wherever_they_are(
        small_taxonomy: Taxonomy, tmp_path: Path) -> None:
    """Issue 18: with extracted history, the pending row IDs are found once and only their
    texts are read, page by page: pending rows among extracted ones, at the start and the
    end, and a later row repeating an extracted ID (not pending) are all handled."""
    version = small_taxonomy.version
    with DuckDBStore(tmp_path / "sp.duckdb") as store:
        for i in range(60):
            store.execute("INSERT INTO postings (id, posted_at, title) VALUES "
                          "(?, TIMESTAMP '2023-01-01', ?)", [f"p{i}", f"Python {i}"])
        store.execute("INSERT INTO postings (id, posted_at, title) VALUES "
                      "('p5', TIMESTAMP '2023-02-01', 'repeats an extracted ID')")
        pending = {0, 7, 8, 33, 59}
        for i in set(range(60)) - pending:
            store.execute("INSERT INTO extractions VALUES ('postings', ?, ?, 0, NULL)",
                          [f"p{i}", version])
        pages = list(store.pending_documents("postings", version, page=10, some_done=True))
        got = [doc_id for rows in pages for _k, doc_id, _d in rows]
        assert got == [f"p{i}" for i in sorted(pending)]  # in row order, nothing else
        assert all(0 < len(rows) <= 10 for rows in pages)
        assert pages[0][0][2] == {"title": "Python 0", "description": None, "skills": None}
        info = extract_store(store, small_taxonomy, workers=1, page_size=10)
        assert info.total_documents == len(pending)
        assert not list(store.pending_documents("postings", version, page=10, some_done=True))
