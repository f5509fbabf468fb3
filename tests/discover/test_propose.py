"""``taxonomy propose`` and ``taxonomy diff`` (issue 19): discovered terms become a user file;
loading it gives a new taxonomy version that extraction uses for what it has not seen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from skillpulse.discover.propose import propose, read_discovered
from skillpulse.errors import SkillpulseError
from skillpulse.store import open_store
from skillpulse.taxonomy import Taxonomy


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", *args], capture_output=True,
                          text=True, env=env, check=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("propose")
    rows = []
    for i in range(40):
        month = "2024-01" if i < 10 else "2024-04"
        tool = "Quillmesh" if i % 2 == 0 or i < 10 else "Zentrik Flow"
        rows.append({"id": f"p{i}", "posted_at": f"{month}-{i % 28 + 1:02d}T10:00:00",
                     "title": "Backend developer",
                     "description": f"We need a developer. Experience with {tool} and Python "
                                    "is required.",
                     "skills": ["Python", "Zentrik Flow"] if i >= 30 else ["Python"]})
    data = root / "postings.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = root / "store.duckdb"
    _cli("ingest", "postings", str(data), "--db", str(db))
    _cli("extract", "--db", str(db), "--quiet")
    return db


def test_propose_extract_diff(store: Path, tmp_path: Path) -> None:
    out = _cli("discover", "--kind", "postings", "--base", "2024Q1", "--current", "2024Q2",
               "--db", str(store), "--min-count", "3", "--no-nearest", "--json")
    disc = tmp_path / "discovered.json"
    disc.write_text(out.stdout, encoding="utf-8")
    terms = [c["term"] for c in json.loads(out.stdout)["candidates"]]
    assert terms == ["Zentrik Flow", "Quillmesh"]  # new first; Quillmesh's share falls (10 of 10 -> 15 of 30)
    zentrik = next(c for c in json.loads(out.stdout)["candidates"] if c["term"] == "Zentrik Flow")
    assert zentrik["new"] and zentrik["base_count"] == 0 and zentrik["current_count"] == 20  # 15 in text, 5 more by tag
    assert {s["label"] for s in zentrik["co_skills"]} >= {"Python"}

    user = tmp_path / "my_skills.yaml"
    _cli("taxonomy", "propose", "--from", str(disc), "--out", str(user), "--top", "2")
    doc = yaml.safe_load(user.read_text(encoding="utf-8"))
    assert doc["name"] == "user"
    ids = {c["id"] for c in doc["concepts"]}
    assert ids == {"user.quillmesh", "user.zentrik-flow"}
    text = user.read_text(encoding="utf-8")
    assert "# rank 1" in text and "# example:" in text and "# co-skills: Python" in text

    base = Taxonomy.load()
    mine = Taxonomy.load([user])
    assert mine.version != base.version and "user@" in mine.version
    assert mine.resolve("Quillmesh").id == "user.quillmesh"

    first = _cli("extract", "--db", str(store), "--taxonomy-file", str(user), "--quiet")
    assert "extracted 40 documents" in first.stdout
    again = _cli("extract", "--db", str(store), "--taxonomy-file", str(user), "--quiet")
    assert "extracted 0 documents" in again.stdout  # that version has seen them all
    with open_store(store, read_only=True) as st:
        n = st.scalar("SELECT COUNT(DISTINCT doc_id) FROM mentions WHERE skill_id = "
                      "'user.quillmesh' AND taxonomy_version = ?", [mine.version])
    assert n == 25

    d = json.loads(_cli("taxonomy", "diff", "default", str(user), "--json").stdout)
    assert {c["skill_id"] for c in d["added"]} == ids
    assert d["removed"] == [] and d["a"] == base.version and d["b"] == mine.version


def test_propose_rejects_other_json(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"rows": []}', encoding="utf-8")
    with pytest.raises(SkillpulseError, match="candidates"):
        read_discovered(bad)
    bad.write_text('{"candidates": [{"rank": 1}]}', encoding="utf-8")
    with pytest.raises(SkillpulseError, match=r"candidates\[0\]\.term"):
        propose(read_discovered(bad), tmp_path / "o.yaml")
