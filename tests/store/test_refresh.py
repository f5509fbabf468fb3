"""Issue 18: the derived counting table is refreshed in proportion to the change.

After appending N documents (ingest, then extraction), a refresh reads only the mentions
written since the last one and appends their rows; a new taxonomy version is such an append;
deleted rows rebuild. Every state of the table equals a full rebuild, and counts through it
equal counts over ``mentions``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillpulse.analytics import growth, top_skills
from skillpulse.extract.store import extract_store
from skillpulse.ingest import ingest_file
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy.model import Concept, Taxonomy

TAXONOMY = Taxonomy.from_concepts([
    Concept("t.python", "Python"), Concept("t.go", "Go", ("golang",), ("Go",)),
    Concept("t.sql", "SQL"), Concept("t.excel", "Microsoft Excel", ("Excel",), ("Excel",)),
    Concept("sp.chatgpt", "ChatGPT", ("chat gpt",), category="generative-ai"),
])
TEXTS = ["Python and SQL developer", "Go engineer, golang services", "Excel and ChatGPT",
         "ChatGPT prompts in Python", "nothing to see here"]


def _postings(path: Path, start: int, n: int) -> Path:
    with open(path, "w") as fh:
        for i in range(start, start + n):
            month = 1 + i % 6
            fh.write(json.dumps({"id": f"p{i}", "posted_at": f"2023-{month:02d}-0{1 + i % 9}",
                                 "title": TEXTS[i % len(TEXTS)],
                                 "description": TEXTS[(i * 7) % len(TEXTS)]}) + "\n")
    return path


def _table(store: DuckDBStore) -> list[tuple[object, ...]]:
    return sorted(store.rows("SELECT kind, taxonomy_version, skill_id, doc_id, event_at "
                             "FROM analytics_doc_skills"))


def _rebuilt(store: DuckDBStore) -> list[tuple[object, ...]]:
    """What a full rebuild holds, from the store's own tables."""
    return sorted(store.rows(
        "SELECT DISTINCT m.kind, m.taxonomy_version, m.skill_id, m.doc_id, p.posted_at "
        "FROM mentions m JOIN postings p ON p.id = m.doc_id"))


@pytest.fixture
def store(tmp_path: Path) -> DuckDBStore:
    s = DuckDBStore(tmp_path / "sp.duckdb")
    ingest_file(s, "postings", _postings(tmp_path / "a.jsonl", 0, 200))
    extract_store(s, TAXONOMY, workers=1)
    return s


def test_first_build_then_nothing_to_do(store: DuckDBStore) -> None:
    first = store.refresh()
    assert first.mode == "rebuild"
    assert first.mentions == store.scalar("SELECT count(*) FROM mentions")
    assert first.rows == len(_table(store)) > 0
    assert _table(store) == _rebuilt(store)
    again = store.refresh()
    assert (again.mode, again.mentions, again.rows) == ("none", 0, 0)


def test_appending_documents_appends_only_their_rows(store: DuckDBStore,
                                                     tmp_path: Path) -> None:
    store.refresh()
    before = store.scalar("SELECT count(*) FROM mentions")
    table_before = _table(store)
    ingest_file(store, "postings", _postings(tmp_path / "b.jsonl", 200, 10))
    # ingest alone: no new mentions, nothing to append (and nothing rebuilt)
    assert store.refresh().mode in ("none", "append")
    assert store.refresh().rows == 0
    extract_store(store, TAXONOMY, workers=1)
    new_mentions = store.scalar("SELECT count(*) FROM mentions") - before
    assert new_mentions > 0
    info = store.refresh()
    assert info.mode == "append"
    assert info.mentions == new_mentions  # read only what was written since the refresh
    new_rows = store.scalar("SELECT count(*) FROM (SELECT DISTINCT skill_id, doc_id FROM "
                            "mentions WHERE doc_id IN (SELECT id FROM postings WHERE "
                            "source_file LIKE '%b.jsonl'))")
    assert info.rows == new_rows
    assert set(table_before) <= set(_table(store))
    assert _table(store) == _rebuilt(store)


def test_counts_through_the_refreshed_table_equal_the_direct_join(store: DuckDBStore,
                                                                  tmp_path: Path) -> None:
    top_skills(store, kind="postings", period="2023")  # builds the table
    ingest_file(store, "postings", _postings(tmp_path / "b.jsonl", 200, 37))
    extract_store(store, TAXONOMY, workers=1)
    fast = top_skills(store, kind="postings", period="2023H1")
    assert store.refresh().mode == "none"  # top refreshed it (by appending)
    slow = top_skills(store, kind="postings", period="2023H1", use_cache=False)
    assert fast.to_dict() == slow.to_dict() and fast.rows[0].count > 0
    grow = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=1)
    assert grow.to_dict() == growth(store, kind="postings", base="2023Q1", current="2023Q2",
                                    min_count=1, use_cache=False).to_dict()


def test_a_new_taxonomy_version_is_an_append(store: DuckDBStore) -> None:
    store.refresh()
    rows_before = len(_table(store))
    wider = Taxonomy.from_concepts([*TAXONOMY, Concept("t.prompts", "prompts")])
    assert wider.version != TAXONOMY.version
    extract_store(store, wider, workers=1)
    info = store.refresh()
    assert info.mode == "append"
    versions = {r[1] for r in _table(store)}
    assert versions == {TAXONOMY.version, wider.version}
    assert info.rows == len(_table(store)) - rows_before
    assert _table(store) == _rebuilt(store)


def test_deleted_mentions_rebuild_then_appends_resume(store: DuckDBStore,
                                                     tmp_path: Path) -> None:
    store.refresh()
    store.execute("DELETE FROM mentions WHERE skill_id = 't.python'")
    info = store.refresh()
    assert info.mode == "rebuild"
    assert "t.python" not in {r[2] for r in _table(store)}
    assert _table(store) == _rebuilt(store)
    # the row IDs now have holes; new documents are still an append
    ingest_file(store, "postings", _postings(tmp_path / "b.jsonl", 200, 10))
    extract_store(store, TAXONOMY, workers=1)
    assert store.refresh().mode == "append"
    assert _table(store) == _rebuilt(store)
    # a deletion and an insertion that keep the row count: a rebuild, not a stale table
    store.execute("DELETE FROM mentions WHERE doc_id = 'p1'")
    store.execute("INSERT INTO mentions (kind, doc_id, skill_id, method, taxonomy_version) "
                  "SELECT kind, 'p1', 't.sql', method, taxonomy_version FROM mentions "
                  "WHERE doc_id = 'p0' LIMIT 1")
    assert store.refresh().mode == "rebuild"
    assert _table(store) == _rebuilt(store)


def test_full_refresh_rebuilds(store: DuckDBStore) -> None:
    store.refresh()
    info = store.refresh(full=True)
    assert info.mode == "rebuild" and _table(store) == _rebuilt(store)
