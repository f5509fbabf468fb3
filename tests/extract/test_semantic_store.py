"""Semantic extraction in the store: the linker's skills reach the mentions and the rankings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from skillpulse.analytics import top_skills
from skillpulse.extract.store import extract_store
from skillpulse.ingest import ingest_file
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Taxonomy

pytestmark = pytest.mark.semantic

POSTINGS = [
    {"id": "p1", "posted_at": "2023-04-03",
     "description": "Looking for help with bookkeeping of invoices and keeping financial records"},
    {"id": "p2", "posted_at": "2023-04-05",
     "description": "You will be responsible for maintaining financial records."},
    {"id": "p3", "posted_at": "2023-05-01", "description": "Python developer for a Django API"},
]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.default()


def test_semantic_run_stores_linker_mentions_that_rankings_count(
    store: DuckDBStore, tmp_path: Path, taxonomy: Taxonomy
) -> None:
    src = tmp_path / "p.jsonl"
    src.write_text("\n".join(json.dumps(p) for p in POSTINGS) + "\n")
    ingest_file(store, "postings", src)
    plain = extract_store(store, taxonomy, workers=1)
    assert plain.total_documents == 3
    assert store.scalar("SELECT count(*) FROM mentions WHERE method = 'semantic'") == 0

    info = extract_store(store, taxonomy, workers=1, semantic=True)
    assert info.taxonomy_version == taxonomy.version + "+semantic"
    assert info.total_documents == 3  # a semantic run extracts every document again
    rows = store.rows(
        "SELECT doc_id, skill_id, text, confidence, taxonomy_version FROM mentions "
        "WHERE method = 'semantic' ORDER BY doc_id")
    assert {r[0] for r in rows} == {"p1", "p2"}
    assert all(r[3] >= 0.85 and r[4] == info.taxonomy_version for r in rows)
    linked = {r[1] for r in rows}
    assert len(linked) == 1  # both phrasings reach the same concept
    assert "financial records" in taxonomy.get(linked.pop()).label
    # the dictionary mentions are stored again under the run's version
    assert store.scalar(
        "SELECT count(*) FROM mentions WHERE taxonomy_version = $v AND method = 'exact'",
        {"v": info.taxonomy_version}) >= 2
    assert extract_store(store, taxonomy, workers=1, semantic=True).total_documents == 0

    top = top_skills(store, kind="postings", period="2023Q2", taxonomy=taxonomy, n=20)
    counted = {r.skill_id: r.count for r in top.rows}
    assert counted[rows[0][1]] == 2


def test_cli_semantic_flag_adds_semantic_mentions() -> None:
    text = "You will be responsible for maintaining financial records."
    base = [sys.executable, "-m", "skillpulse.cli", "extract", text, "--json"]
    plain = json.loads(subprocess.run(base, capture_output=True, text=True, check=True).stdout)
    assert all(m["method"] != "semantic" for m in plain["mentions"])
    semantic = json.loads(subprocess.run([*base, "--semantic"], capture_output=True, text=True,
                                         check=True).stdout)
    found = [m for m in semantic["mentions"] if m["method"] == "semantic"]
    assert found and text[found[0]["start"]:found[0]["end"]] == found[0]["text"]
