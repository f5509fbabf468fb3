"""A report on real data: Hacker News "Who is hiring?" postings of 2023 (postings only, no
category): the top skills and a growth list, and every other section says it has no data.
Expectations come from the CSV itself, with pandas."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from tests.report.conftest import DATA, HnRun


@pytest.fixture(scope="module")
def hn_frame() -> pd.DataFrame:
    df = pd.read_csv(DATA / "hn_whoishiring_2023.csv.gz", dtype=str, keep_default_na=False)
    df["text"] = (df["job_title"] + " ; " + df["languages_frameworks"]).str.lower()
    df["half"] = df["post_date"].str[5:7].astype(int).map(lambda m: "H1" if m <= 6 else "H2")
    return df


def _list(run: HnRun, list_id: str) -> dict:
    (lst,) = [x for x in run.report.to_dict()["lists"] if x["id"] == list_id]
    return lst


def test_top_skills_of_2023(hn_run: HnRun, hn_frame: pd.DataFrame) -> None:
    top = _list(hn_run, "top_postings")
    assert top["status"] == "ok" and top["exposure"] == len(hn_frame)
    labels = [r["label"] for r in top["rows"]]
    assert len(labels) == 10
    assert set(labels[:3]) == {"Python", "React", "TypeScript"}
    counts = {r["label"]: r["count"] for r in top["rows"]}
    for label, pattern in (("Python", r"\bpython\b"), ("TypeScript", r"\btypescript\b"),
                           ("PostgreSQL", r"\bpostgres(?:ql)?\b")):
        by_regex = int(hn_frame["text"].str.contains(pattern).sum())
        assert abs(counts[label] - by_regex) <= 0.08 * by_regex, (label, counts[label], by_regex)
    assert [r["count"] for r in top["rows"]] == sorted(counts.values(), reverse=True)


def test_growth_list_h1_to_h2(hn_run: HnRun, hn_frame: pd.DataFrame) -> None:
    grow = _list(hn_run, "growing_postings")
    assert grow["status"] == "ok" and grow["rows"]
    e1 = int((hn_frame["half"] == "H1").sum())
    e2 = int((hn_frame["half"] == "H2").sum())
    assert (grow["base_exposure"], grow["exposure"]) == (e1, e2)
    lows = [r["ratio_low"] for r in grow["rows"]]
    assert lows == sorted(lows, reverse=True)
    for r in grow["rows"]:
        assert r["current_count"] >= 20
        if r["base_count"]:
            expected = (r["current_count"] / e2) / (r["base_count"] / e1)
            assert math.isclose(r["rate_ratio"], expected, rel_tol=1e-9)
    (nextjs,) = [r for r in grow["rows"] if r["label"] == "Next.js"]
    mask = hn_frame["text"].str.contains(r"\bnext\.?js\b")
    assert abs(nextjs["base_count"] - int((mask & (hn_frame["half"] == "H1")).sum())) <= 3
    assert abs(nextjs["current_count"] - int((mask & (hn_frame["half"] == "H2")).sum())) <= 3


def test_sections_without_data_say_so(hn_run: HnRun) -> None:
    rep = hn_run.report.to_dict()
    assert rep["title"] == "The top skills, 2023" and rep["category"] is None
    for list_id, note in (("top_searches", "No searches in 2023."),
                          ("top_hires", "No projects hired for in 2023."),
                          ("growing_profile_skills", "No talent profiles in H2 2023.")):
        lst = _list(hn_run, list_id)
        assert (lst["status"], lst["note"], lst["rows"]) == ("no_data", note, [])
    assert rep["headline"]["postings"] is None and rep["headline"]["projects"] is None
    assert rep["monthly_share"]["status"] == "no_data"
    assert rep["supply_demand"]["status"] == "no_data"
    assert "talent profiles" in rep["supply_demand"]["note"]
    md = (hn_run.out / "report.md").read_text(encoding="utf-8")
    assert "## Not covered by this data" in md and "No searches in 2023." in md
    assert "## Top skills in job posts, 2023" in md


def test_report_cli_no_category(hn_run: HnRun, tmp_path: Path) -> None:
    from skillpulse.cli import main

    code = main(["report", "--period", "2023", "--base", "2023H1", "--current", "2023H2",
                 "--surge-base", "2022Q4", "--category", "none", "--db", str(hn_run.store),
                 "--out", str(tmp_path), "--format", "json"])
    assert code == 0
    rep = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert rep["provenance"]["command"] == (
        f"skillpulse report --period 2023 --base 2023H1 --current 2023H2 --surge-base 2022Q4 "
        f"--category none --out {tmp_path} --db {hn_run.store} --format json")
    assert [r["skill_id"] for r in rep["lists"][4]["rows"]] == \
        [r["skill_id"] for r in _list(hn_run, "top_postings")["rows"]]
    inputs = rep["provenance"]["inputs"]
    assert len(inputs) == 1 and inputs[0]["rows_read"] == 3788 and inputs[0]["rejected"] == 0
