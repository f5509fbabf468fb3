"""End to end on the synthetic marketplace: generate -> ingest -> extract -> report (the
``demo`` command), compared with the planted truth. Expectations are computed here from
``truth.json`` with scipy, independently of the engine's code."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from scipy import stats
from tests.report.conftest import DemoRun

MIN_COUNT = 20
LISTS = {  # report list id -> (kind, method)
    "top_searches": ("searches", "top"),
    "growing_searches": ("searches", "growth"),
    "top_hires": ("hires", "top"),
    "growing_profile_skills": ("profiles", "growth"),
}
ALPHA = 0.01


def _months(truth: dict[str, Any], quarter: str) -> list[str]:
    year, q = int(quarter[:4]), int(quarter[-1])
    return [f"{year}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]


def _count(truth: dict[str, Any], kind: str, skill: str, period: str) -> int:
    return int(truth["periods"][kind][period]["counts"][skill])


def _genai_skills(truth: dict[str, Any]) -> list[str]:
    return sorted(s for s, v in truth["skills"].items() if v["category"] == "generative-ai")


def _distinct_counts(a: int, b: int) -> bool:
    """Two Poisson counts differ by more than their noise (exact binomial test, 1%)."""
    return a + b > 0 and stats.binomtest(a, a + b, 0.5).pvalue < ALPHA


def _ratio_interval(c1: int, e1: int, c2: int, e2: int) -> tuple[float, float]:
    """Exact conditional 95% interval of (c2/e2)/(c1/e1), from Clopper-Pearson bounds."""
    lo_p = stats.beta.ppf(0.025, c2, c1 + 1) if c2 > 0 else 0.0
    hi_p = stats.beta.ppf(0.975, c2 + 1, c1) if c1 > 0 else 1.0
    low = e1 / e2 * lo_p / (1 - lo_p)
    high = math.inf if hi_p >= 1 else e1 / e2 * hi_p / (1 - hi_p)
    return low, high


def _overlap(ci: dict[str, tuple[float, float]], a: str, b: str) -> bool:
    return ci[a][0] <= ci[b][1] and ci[b][0] <= ci[a][1]


def _rows(run: DemoRun, list_id: str) -> list[dict[str, Any]]:
    (lst,) = [x for x in run.report["lists"] if x["id"] == list_id]
    assert lst["status"] == "ok", lst["note"]
    return lst["rows"]


def test_demo_prints_the_four_lists_and_headline(demo_run: DemoRun) -> None:
    out = demo_run.stdout
    for title in ("Headline figures", "Top generative-AI searches by clients, H1 2023",
                  "Fastest-growing generative-AI searches, Q2 2023 vs Q1 2023",
                  "Top generative-AI projects hired for, H1 2023",
                  "Fastest-growing generative-AI skills on talent profiles"):
        assert title in out
    for row in _rows(demo_run, "top_searches"):
        assert row["label"] in out
    for name in ("report.html", "report.md", "report.json"):
        assert (demo_run.out / name).stat().st_size > 1000


def test_top_lists_match_truth(demo_run: DemoRun) -> None:
    truth = demo_run.truth
    skills = _genai_skills(truth)
    for list_id, (kind, method) in LISTS.items():
        if method != "top":
            continue
        rows = _rows(demo_run, list_id)
        counts = {s: _count(truth, kind, s, "2023H1") for s in skills}
        expected = sorted((s for s in skills if counts[s] > 0),
                          key=lambda s: (-counts[s], s))[:10]
        got = [r["skill_id"] for r in rows]
        assert len(got) == len(expected) == 10, list_id
        tenth = counts[expected[-1]]
        for s in set(got) ^ set(expected):  # only skills at the boundary may swap
            assert not _distinct_counts(counts[s], tenth), (list_id, s)
        for i, a in enumerate(got):
            for b in got[i + 1:]:
                if _distinct_counts(counts[a], counts[b]):
                    assert counts[a] > counts[b], (list_id, a, b)
        exposure = truth["periods"][kind]["2023H1"]["exposure"]
        assert {r["skill_id"]: r["count"] for r in rows}  # counts are reported
        for r in rows:
            assert r["share"] == r["count"] / exposure or math.isclose(
                r["share"], r["count"] / exposure)
            assert r["share_low"] <= r["share"] <= r["share_high"]


def test_growth_lists_match_truth(demo_run: DemoRun) -> None:
    truth = demo_run.truth
    skills = _genai_skills(truth)
    for list_id, (kind, method) in LISTS.items():
        if method != "growth":
            continue
        e1 = truth["periods"][kind]["2023Q1"]["exposure"]
        e2 = truth["periods"][kind]["2023Q2"]["exposure"]
        ci = {s: _ratio_interval(_count(truth, kind, s, "2023Q1"), e1,
                                 _count(truth, kind, s, "2023Q2"), e2) for s in skills}
        # breakouts (fewer than 5 in Q1, more in Q2) are their own list, not ranked here
        eligible = [s for s in skills if _count(truth, kind, s, "2023Q2") >= MIN_COUNT
                    and not (_count(truth, kind, s, "2023Q1") < 5
                             and _count(truth, kind, s, "2023Q2") > _count(truth, kind, s,
                                                                            "2023Q1"))]
        expected = sorted(eligible, key=lambda s: (-ci[s][0], s))[:10]
        rows = _rows(demo_run, list_id)
        got = [r["skill_id"] for r in rows]
        assert len(got) == len(expected) > 0, list_id

        last = expected[-1]
        for s in set(got) ^ set(expected):
            near_floor = min(_count(truth, kind, s, "2023Q1"), 9) >= 3  # extraction noise
            assert _overlap(ci, s, last) or near_floor, (list_id, s)
        for i, a in enumerate(got):
            for b in got[i + 1:]:
                if not _overlap(ci, a, b):
                    assert ci[a][0] > ci[b][0], (list_id, a, b)
        for r in rows:
            c1 = _count(truth, kind, r["skill_id"], "2023Q1")
            assert (not r["new"] and r["base_count"] >= 5) or r["current_count"] <= r["base_count"]
            if r["rate_ratio"] is not None:
                assert r["ratio_low"] <= r["rate_ratio"] <= (r["ratio_high"] or math.inf)
            if c1 >= 5:  # the planted ratio lies within the reported interval
                true_ratio = (_count(truth, kind, r["skill_id"], "2023Q2") / e2) / (c1 / e1)
                assert r["ratio_low"] <= true_ratio <= r["ratio_high"], r


def _quarter_sum(truth: dict[str, Any], field: str, kind: str, quarter: str) -> int:
    return sum(int(truth[field][kind][m]) for m in _months(truth, quarter))


def test_headline_surge_within_interval_of_truth(demo_run: DemoRun) -> None:
    truth = demo_run.truth
    head = demo_run.report["headline"]
    for kind in ("postings", "searches"):
        g1 = _quarter_sum(truth, "genai_documents", kind, "2022Q4")
        g2 = _quarter_sum(truth, "genai_documents", kind, "2023Q2")
        e1 = _quarter_sum(truth, "exposure", kind, "2022Q4")
        e2 = _quarter_sum(truth, "exposure", kind, "2023Q2")
        true_ratio = (g2 / e2) / (g1 / e1)
        fig = head[kind]
        assert fig["base_exposure"] == e1 and fig["current_exposure"] == e2
        assert fig["ratio_low"] <= true_ratio <= fig["ratio_high"], (kind, true_ratio, fig)
        assert math.isclose(fig["pct_change"], (fig["share_ratio"] - 1) * 100)
        assert fig["share_ratio"] > 10  # the planted surge: more than tenfold
    hires = truth["periods"]["hires"]["2023H1"]
    proj = head["projects"]
    assert proj["exposure"] == hires["exposure"]
    assert proj["share_low"] <= hires["genai"] / hires["exposure"] <= proj["share_high"]


def test_summary_sentences_state_the_figures(demo_run: DemoRun) -> None:
    rep = demo_run.report
    fig = rep["headline"]["postings"]
    first = rep["summary"][0]
    assert f"{fig['pct_change']:,.0f}%" in first
    assert f"{fig['ratio_low'] * 100 - 100:+,.0f}%" in first
    assert "Q4 2022 to Q2 2023" in first
    top = _rows(demo_run, "top_searches")[0]
    assert any(s.startswith(top["label"]) and "searched" in s for s in rep["summary"])


def test_monthly_share_matches_truth(demo_run: DemoRun) -> None:
    """Exposures are exact; gen-AI counts differ from the planted ones only by extraction
    errors: false matches in at most 0.5% of the month's documents (they happen in search
    queries) and misses of at most 5% of the planted documents."""
    truth = demo_run.truth
    rows = demo_run.report["monthly_share"]["rows"]
    for r in rows:
        month = r["period"]
        if month not in truth["exposure"][r["kind"]]:
            assert r["exposure"] == 0
            continue
        assert r["exposure"] == truth["exposure"][r["kind"]][month]
        planted = truth["genai_documents"][r["kind"]][month]
        assert planted - 0.05 * planted <= r["count"] <= planted + 0.005 * r["exposure"], r
        assert r["share"] == pytest.approx(r["count"] / r["exposure"])
    assert {r["kind"] for r in rows} == {"postings", "searches"}
    assert [r["period"] for r in rows if r["kind"] == "postings"][:1] == ["2022-10"]


def test_provenance_hashes_rows_and_rejects(demo_run: DemoRun) -> None:
    prov = demo_run.report["provenance"]
    truth = demo_run.truth
    kinds = {i["kind"]: i for i in prov["inputs"]}
    for kind in ("postings", "searches", "hires", "profiles"):
        item = kinds[kind]
        path = Path(item["file"])
        data = path.read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest()
        assert item["rows_read"] == sum(1 for line in data.splitlines() if line.strip())
        assert item["rejected"] == truth["rows"][kind]["malformed_total"]
        assert item["duplicates"] == truth["rows"][kind]["duplicates"]
    assert prov["rejected_total"] == sum(truth["rows"][k]["malformed_total"]
                                         for k in ("postings", "searches", "hires", "profiles"))
    assert prov["taxonomy_version"].startswith("skillpulse-genai@")
    assert prov["command"].startswith("skillpulse demo --out")
    from skillpulse import __version__

    assert prov["engine_version"] == __version__


def test_survey_section_matches_pandas(demo_run: DemoRun) -> None:
    survey = demo_run.report["survey"]
    assert survey["name"] == "leaders" and survey["weighted"] is True
    df = pd.read_csv(demo_run.out / "data" / "survey.csv", dtype=str)
    w = df["weight"].astype(float)
    (est,) = [e for e in survey["estimates"] if e["spec"]["question"] == "embraces_genai"]
    answered = df["embraces_genai"].notna()
    expected = (w[answered] * (df.loc[answered, "embraces_genai"] == "yes")).sum() \
        / w[answered].sum()
    row = est["result"]["rows"][0]
    assert math.isclose(row["share"], expected, rel_tol=1e-9)
    assert row["share_low"] <= 0.59 <= row["share_high"]  # the planted share
    segments = {s["segment"]: s["rows"][0]["share"] for s in est["result"]["segments"]}
    assert set(segments) == {"small", "midsize", "large"}
    assert segments["midsize"] > segments["small"]
    (csuite,) = [e for e in survey["estimates"]
                 if e["spec"]["question"] == "hire_more_because_genai"]
    keep = df["role"].isin(["c-suite", "ceo"]) & df["hire_more_because_genai"].notna()
    assert csuite["result"]["base"] == int(keep.sum())


def test_report_json_contract(demo_run: DemoRun) -> None:
    rep = demo_run.report
    assert rep["schema"] == "skillpulse.report/2"
    assert rep["title"] == "The top generative-AI skills, H1 2023"
    for key in ("period", "base", "current", "surge_base", "category", "summary", "headline",
                "lists", "monthly_share", "supply_demand", "methods", "provenance", "survey"):
        assert key in rep
    assert [x["id"] for x in rep["lists"]][:4] == list(LISTS)
    text = (demo_run.out / "report.json").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    sd = rep["supply_demand"]
    assert sd["status"] == "ok" and sd["rows"]
    lows = [r["ratio_low"] for r in sd["rows"]]
    assert lows == sorted(lows, reverse=True)


def test_markdown_references_existing_svg_charts(demo_run: DemoRun) -> None:
    md = (demo_run.out / "report.md").read_text(encoding="utf-8")
    refs = [line.split("](", 1)[1].rstrip(")") for line in md.splitlines()
            if line.startswith("![")]
    assert len(refs) >= 8
    for ref in refs:
        svg = (demo_run.out / ref).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and "<path" in svg
    for row in _rows(demo_run, "top_hires"):
        assert f"| {row['rank']} | {row['label']} |" in md


def test_report_cli_json_equals_demo_lists(demo_run: DemoRun, tmp_path: Path) -> None:
    from skillpulse.cli import main

    code = main(["report", "--period", "2023H1", "--base", "2023Q1", "--current", "2023Q2",
                 "--surge-base", "2022Q4", "--db", str(demo_run.out / "skillpulse.duckdb"),
                 "--out", str(tmp_path), "--format", "json"])
    assert code == 0
    rep = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    for a, b in zip(rep["lists"], demo_run.report["lists"], strict=True):
        assert [r["skill_id"] for r in a["rows"]] == [r["skill_id"] for r in b["rows"]]
        assert [r["count"] for r in a["rows"]] == [r["count"] for r in b["rows"]]
    assert rep["survey"] is None
    assert not (tmp_path / "report.html").exists()


def test_every_listed_skill_has_description_and_roles(demo_run: DemoRun) -> None:
    """report.json (skillpulse.report/2): every row of every list carries its skill's
    description and related roles, as the taxonomy has them, and a card."""
    from skillpulse.taxonomy.catalog import load_builtin

    tax = load_builtin()
    rep = demo_run.report
    rows = [r for lst in rep["lists"] for r in lst["rows"]]
    assert len(rows) >= 40
    cards = {c["skill_id"]: c for c in rep["cards"]}
    for r in rows:
        concept = tax.get(r["skill_id"])
        assert r["description"] == concept.description and r["description"]
        assert r["roles"] == list(concept.roles) and r["roles"]
        card = cards[r["skill_id"]]
        assert (card["description"], card["roles"]) == (r["description"], r["roles"])
        assert card["trend"] and card["supply"] is not None
    for r in rep["supply_demand"]["rows"]:
        assert r["description"] == tax.get(r["skill_id"]).description
    top = rep["top_skills"]
    assert top["basis"] == "top_hires"
    assert [r["skill_id"] for r in top["rows"]] == [
        r["skill_id"] for r in _rows(demo_run, "top_hires")]
    assert all(r["why"].startswith("Named in ") and r["roles"] for r in top["rows"])


def test_breakouts_are_their_own_lists(demo_run: DemoRun) -> None:
    rep = demo_run.report
    truth = demo_run.truth
    for kind, list_id in (("searches", "new_searches"), ("profiles", "new_profile_skills")):
        (lst,) = [x for x in rep["lists"] if x["id"] == list_id]
        assert lst["method"] == "new" and lst["rows"], list_id
        growing = {r["skill_id"] for x in rep["lists"] if x["method"] == "growth"
                   and x["kind"] == kind for r in x["rows"]}
        for r in lst["rows"]:
            assert r["new"] and r["change"] == "new"
            assert r["base_count"] < 5 < MIN_COUNT <= r["current_count"]
            assert r["skill_id"] not in growing
            assert abs(_count(truth, kind, r["skill_id"], "2023Q2") - r["current_count"]) <= \
                0.2 * r["current_count"]
    for s in rep["summary"]:
        if "fastest-growing" in s:
            assert "rose" in s and "new" not in s.split(":")[0]


def test_segment_section_midsize_leads(demo_run: DemoRun) -> None:
    """The article's "midsize companies lead", for job posts: the demo's segment section
    compares the gen-AI share of job posts by company size with the planted truth."""
    seg = demo_run.report["segments"]
    assert seg["field"] == "company_size"
    (posts,) = [k for k in seg["kinds"] if k["kind"] == "postings"]
    rows = {r["segment"]: r for r in posts["rows"]}
    assert set(rows) == {"small", "midsize", "large"}
    truth = demo_run.truth["segments"]["postings_by_company_size"]
    for name, r in rows.items():
        planted = [truth[name][q] for q in ("2023Q1", "2023Q2")]
        assert r["exposure"] == sum(p["exposure"] for p in planted)
        genai = sum(p["genai"] for p in planted)
        assert genai - 0.05 * genai - 1 <= r["count"] <= genai + 0.005 * r["exposure"] + 1
        assert r["share_low"] <= r["share"] <= r["share_high"]
        assert r["count"] == pytest.approx(r["share"] * r["exposure"])
    assert posts["p_value"] is not None and 0 <= posts["p_value"] <= 1
    (hires,) = [k for k in seg["kinds"] if k["kind"] == "hires"]
    assert hires["status"] == "no_data" and "company_size" in hires["note"]
