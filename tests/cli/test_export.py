"""``skillpulse export mentions|doc-skills`` (issue 14, "Results out"), run as a real
subprocess on a real store: the files round-trip to ``top``'s counts, and every offset
points at the text it claims."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import skillpulse


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={**os.environ})


@pytest.fixture
def market(market_folder: Path, tmp_path: Path) -> Path:
    work = tmp_path / "market"
    shutil.copytree(market_folder, work)
    return work


def read(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    return pd.read_json(path, lines=True)


def in_period(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    at = pd.to_datetime(frame["event_at"])
    return frame[(at >= pd.Timestamp(start)) & (at < pd.Timestamp(end))]


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_export_mentions_round_trips_to_top(market: Path, suffix: str) -> None:
    out = market / f"mentions{suffix}"
    proc = run("export", "mentions", "--out", str(out), "--json", cwd=market)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    frame = read(out)
    assert info["rows"] == len(frame) > 0
    assert set(info["taxonomy_versions"]) == {"postings", "searches", "hires", "profiles"}
    expected_columns = ["kind", "doc_id", "event_at", "skill_id", "label", "method", "field",
                        "start", "end", "text", "confidence", "taxonomy_version"]
    assert list(frame.columns) == expected_columns
    ws = skillpulse.open(market / "skillpulse.duckdb")
    for kind, period, start, end in (("postings", "2023Q2", "2023-04-01", "2023-07-01"),
                                     ("searches", "2023-03", "2023-03-01", "2023-04-01")):
        top = ws.top(kind=kind, period=period, n=100_000)
        rows = in_period(frame[frame["kind"] == kind], start, end)
        per_skill = rows.groupby("skill_id")["doc_id"].nunique().to_dict()
        assert per_skill == {r.skill_id: r.count for r in top.rows}, kind
        assert len(per_skill) > 10


def test_mention_offsets_point_at_their_text(market: Path) -> None:
    out = market / "m.parquet"
    assert run("export", "mentions", "--kind", "postings", "--out", str(out),
               cwd=market).returncode == 0
    frame = read(out)
    assert set(frame["kind"]) == {"postings"}
    events = market / "p.parquet"  # the stored postings, written by the other export
    assert run("export", "postings", "--out", str(events), cwd=market).returncode == 0
    docs = {r["id"]: r for r in pd.read_parquet(events).to_dict("records")}
    checked = 0
    for row in frame[frame["field"].isin(["title", "description"])].itertuples():
        source = docs[row.doc_id][row.field]
        assert source[row.start:row.end] == row.text, row
        checked += 1
    assert checked > 500
    assert set(frame["method"]) <= {"tag", "exact", "fuzzy", "semantic", "role"}
    assert frame["label"].notna().all() and (frame["confidence"] > 0).all()
    chatgpt = frame[frame["skill_id"] == "sp.chatgpt"]
    assert len(chatgpt) > 0 and set(chatgpt["label"]) == {"ChatGPT"}


def test_export_doc_skills_is_one_row_per_document_and_skill(market: Path) -> None:
    mentions, doc_skills = market / "m.parquet", market / "d.csv"
    assert run("export", "mentions", "--out", str(mentions), cwd=market).returncode == 0
    proc = run("export", "doc-skills", "--out", str(doc_skills), cwd=market)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("wrote ") and "doc-skills" in proc.stdout
    m, d = read(mentions), read(doc_skills)
    assert not d.duplicated(["kind", "doc_id", "skill_id"]).any()
    spans = m.groupby(["kind", "doc_id", "skill_id"]).size()
    got = d.set_index(["kind", "doc_id", "skill_id"])["mentions"]
    assert got.sort_index().to_dict() == spans.sort_index().to_dict()
    methods = m.groupby(["kind", "doc_id", "skill_id"])["method"].agg(
        lambda s: ";".join(sorted(set(s))))
    assert d.set_index(["kind", "doc_id", "skill_id"])["methods"].sort_index().to_dict() == (
        methods.sort_index().to_dict())


def test_export_of_an_older_taxonomy_version(market: Path) -> None:
    """``--taxonomy-version`` picks the mentions of that version; an unknown one is empty."""
    out = market / "old.jsonl"
    proc = run("export", "mentions", "--taxonomy-version", "nope#0", "--out", str(out),
               "--json", cwd=market)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["rows"] == 0


def test_export_needs_a_known_suffix(market: Path) -> None:
    proc = run("export", "mentions", "--out", str(market / "m.xlsx"), cwd=market)
    assert proc.returncode == 2
    assert "m.xlsx" in proc.stderr and ".parquet, .csv or .jsonl" in proc.stderr


def test_export_events_still_works(market: Path) -> None:
    out = market / "p.parquet"
    proc = run("export", "postings", "--out", str(out), cwd=market)
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_parquet(out)) == skillpulse.open(
        market / "skillpulse.duckdb").status().kinds["postings"].count
