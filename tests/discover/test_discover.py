"""``skillpulse discover`` on a synthetic marketplace with planted emerging tools (issue 19):
the rediscovery test, the JSON contract of the CLI, breakouts and variants."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skillpulse.discover.emerging import discover, recall_precision, without_concepts
from skillpulse.generate import generate
from skillpulse.generate.emerging import INVENTED, REAL
from skillpulse.ingest import ingest_file
from skillpulse.store import open_store
from skillpulse.taxonomy import Taxonomy

BASE, CURRENT = "2022Q4", "2023Q2"
REMOVED = [t.skill_id for t in REAL if t.skill_id]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("discover")
    generate(root / "data", seed=3, scale=0.3, emerging=True)
    db = root / "store.duckdb"
    with open_store(db) as store:
        ingest_file(store, "postings", root / "data" / "postings.jsonl")
    return db


@pytest.fixture(scope="module")
def reduced() -> Taxonomy:
    tax = Taxonomy.default()
    assert len(REMOVED) >= 20 and all(i in tax for i in REMOVED)
    return without_concepts(tax, REMOVED)


def test_rediscovery_synthetic(store_path: Path, reduced: Taxonomy) -> None:
    with open_store(store_path, read_only=True) as store:
        result = discover(store, kind="postings", base=BASE, current=CURRENT,
                          taxonomy=reduced, top=25, nearest=False)
    terms = [c.term for c in result.candidates]
    recall, missed = recall_precision(terms, [[t.name] for t in REAL], 25)
    assert recall >= 0.8, missed
    for name in ("LangChain", "RAG", "Pinecone", "Midjourney", "Claude", "Gemini", "Cursor",
                 "n8n"):
        assert name in terms, name
    invented, _ = recall_precision(terms, [[t.name] for t in INVENTED], 25)
    assert invented >= 0.75
    accepted = {t.name for t in (*REAL, *INVENTED)}
    precision = sum(t in accepted for t in terms) / len(terms)
    assert precision >= 0.7, terms


def test_full_taxonomy_knows_the_real_tools(store_path: Path) -> None:
    with open_store(store_path, read_only=True) as store:
        result = discover(store, kind="postings", base=BASE, current=CURRENT,
                          taxonomy=Taxonomy.default(), top=200, nearest=False)
    terms = {c.term for c in result.candidates}
    assert not terms & {t.name for t in REAL}
    assert {t.name for t in INVENTED} <= terms


def test_cli_json_contract(store_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-m", "skillpulse.cli", "discover", "--kind", "postings", "--base",
         BASE, "--current", CURRENT, "--db", str(store_path), "--min-count", "10", "--top",
         "30", "--no-nearest", "--json"],
        capture_output=True, text=True, env=env, check=True,
    )
    data = json.loads(out.stdout)
    assert set(data) == {"kind", "base", "current", "candidates"}
    assert (data["kind"], data["base"], data["current"]) == ("postings", BASE, CURRENT)
    keys = {"rank", "term", "variants", "base_count", "current_count", "rate_ratio",
            "ratio_low", "ratio_high", "new", "first_seen", "examples", "co_skills", "nearest"}
    cands = data["candidates"]
    assert cands and all(set(c) == keys for c in cands)
    assert [c["rank"] for c in cands] == list(range(1, len(cands) + 1))
    lows = [c["ratio_low"] for c in cands]
    assert lows == sorted(lows, reverse=True)
    assert all(c["current_count"] >= 10 for c in cands)
    assert all(c["new"] == (c["base_count"] == 0) for c in cands)
    inv = next(c for c in cands if c["term"] == "Quillmesh")
    assert 1 <= len(inv["examples"]) <= 3 and all("Quillmesh" in e for e in inv["examples"])
    assert inv["first_seen"] >= "2022-10-01"
    assert inv["nearest"] == []


def test_variants_merged(store_path: Path, reduced: Taxonomy) -> None:
    with open_store(store_path, read_only=True) as store:
        result = discover(store, kind="postings", base=BASE, current=CURRENT,
                          taxonomy=reduced, top=40, nearest=False)
    mid = next(c for c in result.candidates if c.term == "Midjourney")
    # the planted skill vocabulary writes "MidJourney" too: one candidate, both variants
    assert {"Midjourney", "MidJourney"} <= set(mid.variants)


def test_coverage_of_joined_and_qualified_terms() -> None:
    from skillpulse.discover.emerging import _Coverage

    covered = _Coverage(Taxonomy.builtin().replaced(["sp.ai-agents"], []))
    assert covered("Docker/Kubernetes")  # every piece is a name
    assert not covered("Docker/Zentrik")
    assert covered("Kubernetes in production")  # a name, then common lower-case words
    assert covered("image processing in Python")  # ... or names
    assert not covered("AI Agent")  # "AI" then a capitalised word: a name of its own
    assert not covered("Python Agent")


def test_removing_a_family_removes_its_versions() -> None:
    tax = Taxonomy.default()
    reduced = without_concepts(tax, ["sp.claude"])
    assert "sp.claude" not in reduced
    assert "sp.claude-4" not in reduced  # "Claude 4" would still cover the term "Claude"
    assert "sp.claude-3-7-sonnet" not in reduced
    assert "sp.claude-code" in reduced  # a product of its own, another variant key
    assert len(tax) - len(reduced) == 3
