"""The real CLI: JSON field names of every ranking command, and the text tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from analytics_builders import Builder
from click.testing import CliRunner

from skillpulse.cli import cli
from skillpulse.store import DuckDBStore

TAXONOMY = Path(__file__).parent.parent / "data" / "analytics" / "taxonomy.yaml"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    with DuckDBStore(path) as store:
        b = Builder(store, batch=True)
        for _ in range(400):
            b.posting("2023-02-01", "x.big", company_size="small")
        b.posting("2023-02-01", "x.small", company_size="small")
        for _ in range(599):
            b.posting("2023-02-01", "x.python", company_size="large")
        for _ in range(560):
            b.posting("2023-05-01", "x.big", "x.python", company_size="small")
        for _ in range(6):
            b.posting("2023-05-01", "x.small", "sp.chatgpt", company_size="small")
        for _ in range(30):
            b.posting("2023-05-01", "x.new", "x.gpt4", "x.python", company_size="large")
        for _ in range(404):
            b.posting("2023-05-01", company_size="large")
        for i in range(20):
            b.search("2023-05-01", "x.big")
            b.profile(f"f{i}", "2023-05-01", "x.python")
        b.flush()
    return str(path)


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--db", db, "--no-default-taxonomy",
                                      "--taxonomy-file", str(TAXONOMY), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_top_json(db: str) -> None:
    d = run(db, "top", "--kind", "postings", "--period", "2023Q2", "-n", "2")
    assert list(d) == ["kind", "period", "category", "exposure", "rows"]
    assert (d["kind"], d["period"], d["category"], d["exposure"]) == (
        "postings", "2023Q2", None, 1000)
    assert [list(r) for r in d["rows"]] == [
        ["rank", "skill_id", "label", "count", "share", "share_low", "share_high"]] * 2
    assert [(r["skill_id"], r["label"], r["count"]) for r in d["rows"]] == [
        ("x.python", "Python", 590), ("x.big", "x.big", 560)]
    cat = run(db, "top", "--kind", "postings", "--period", "2023Q2",
              "--category", "generative-ai")
    assert [(r["skill_id"], r["count"]) for r in cat["rows"]] == [
        ("x.gpt4", 30), ("sp.chatgpt", 6)]
    seg = run(db, "top", "--kind", "postings", "--from", "2023-04-01", "--to", "2023-06-30",
              "--where", "company_size=large", "-n", "1")
    assert seg["exposure"] == 434 and seg["rows"][0]["skill_id"] == "x.gpt4"
    by = run(db, "top", "--kind", "postings", "--period", "2023Q2", "--by", "company_size",
             "-n", "1")
    assert [(r["segment"], r["skill_id"]) for r in by["rows"]] == [
        ("large", "x.gpt4"), ("small", "x.big")]


def test_growth_json(db: str) -> None:
    d = run(db, "growth", "--kind", "postings", "--base", "2023Q1", "--current", "2023Q2",
            "--min-count", "5", "--breakout-floor", "1")
    assert list(d) == ["kind", "base", "current", "category", "rows", "breakouts"]
    assert list(d["rows"][0]) == ["rank", "skill_id", "label", "base_count", "current_count",
                                  "rate_ratio", "ratio_low", "ratio_high", "pct_change"]
    ids = [r["skill_id"] for r in d["rows"]]
    assert ids.index("x.big") < ids.index("x.small")
    # 30, 30 (tie broken by ID), then 6
    assert [b["skill_id"] for b in d["breakouts"]] == ["x.gpt4", "x.new", "sp.chatgpt"]
    assert list(d["breakouts"][0]) == ["skill_id", "label", "base_count", "current_count"]
    default = run(db, "growth", "--kind", "postings", "--base", "2023Q1", "--current",
                  "2023Q2", "--min-count", "5")
    assert "x.small" in [b["skill_id"] for b in default["breakouts"]]


def test_share_json(db: str) -> None:
    d = run(db, "share", "--kind", "postings", "--category", "generative-ai", "--by",
            "quarter", "--base", "2023Q1", "--current", "2023Q2")
    assert list(d) == ["rows", "change"]
    assert [(r["period"], r["count"], r["exposure"]) for r in d["rows"]] == [
        ("2023Q1", 0, 1000), ("2023Q2", 36, 1000)]
    assert list(d["rows"][0]) == ["period", "count", "exposure", "share", "share_low",
                                  "share_high"]
    assert list(d["change"]) == ["base", "current", "share_ratio", "ratio_low", "ratio_high",
                                 "pct_change", "count_pct_change"]
    assert d["change"]["share_ratio"] is None  # from zero: no finite ratio
    m = run(db, "share", "--kind", "postings", "--category", "generative-ai",
            "--from", "2023-01", "--to", "2023-06")
    assert [r["period"] for r in m["rows"]] == [f"2023-0{i}" for i in range(1, 7)]
    assert "change" not in m


def test_gap_and_related_json(db: str) -> None:
    g = run(db, "gap", "--period", "2023Q2", "--min-count", "1")
    assert list(g) == ["period", "previous", "category", "exposure", "previous_exposure",
                       "rows"]
    assert g["exposure"] == {"postings": 1000, "searches": 20, "profiles": 20}
    assert set(g["rows"][0]) >= {"skill_id", "demand_count", "supply_count", "ratio",
                                 "ratio_low", "ratio_high", "previous_ratio", "ratio_change"}
    r = run(db, "related", "x.big", "--period", "2023Q2", "--min-count", "1")
    assert list(r) == ["skill", "label", "kind", "period", "exposure", "skill_count",
                       "measure", "min_count", "rows"]
    assert r["skill_count"] == 560
    assert [x["skill_id"] for x in r["rows"]] == ["x.python"]


def test_text_output_and_errors(db: str) -> None:
    runner = CliRunner()
    base = ["--db", db, "--no-default-taxonomy", "--taxonomy-file", str(TAXONOMY)]
    out = runner.invoke(cli, ["growth", "--kind", "postings", "--base", "2023Q1",
                              "--current", "2023Q2", "--min-count", "5", *base])
    assert out.exit_code == 0, out.output
    assert "breakouts" in out.output and "new" in out.output
    bad = runner.invoke(cli, ["top", "--kind", "postings", "--period", "2023Q5", *base])
    assert bad.exit_code != 0
    for name in ("top", "growth", "share", "gap", "related"):
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0
