"""Periods from the data (issue 16): ``report`` with no period option picks the latest
complete quarter and the one before it; with one quarter of data it writes the top lists,
shares and cards and says that growth needs two periods. Stores built by hand in real
DuckDB files; the CLI run as a subprocess (its options and report.json are the contract)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.report.test_assembly import _add

from skillpulse.report import build_report
from skillpulse.report.periods import choose_periods
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy.catalog import load_builtin


@pytest.fixture(scope="module")
def genai() -> object:
    return load_builtin()


def _month_days(year: int, months: range, per_month: int) -> list[str]:
    return [f"{year}-{m:02d}-{d:02d}" for m in months
            for d in range(1, 29, max(28 // per_month, 1))][: per_month * len(months)]


def _one_quarter(store: DuckDBStore) -> None:
    """Job posts of Q1 2025 only (2 January to 30 March): 60, ChatGPT in 12, BERT in 6."""
    days = [f"2025-01-{d:02d}" for d in range(2, 31)] + [f"2025-02-{d:02d}" for d in
                                                          range(1, 29)]
    days += ["2025-03-15", "2025-03-20", "2025-03-30"]
    for i, day in enumerate(days[:60]):
        skills = ["sp.chatgpt"] if i % 5 == 0 else (["sp.bert"] if i % 10 == 1 else [])
        _add(store, "postings", f"q1-{i}", day, skills)


def _three_quarters(store: DuckDBStore) -> None:
    """Job posts from 1 October 2022 to 30 June 2023, 30 a quarter."""
    for q, months in (("2022", range(10, 13)), ("2023a", range(1, 4)), ("2023b", range(4, 7))):
        year = 2022 if q == "2022" else 2023
        for i, day in enumerate(_month_days(year, months, 10)):
            skills = ["sp.chatgpt"] if (i % 3 == 0 and q != "2022") else []
            _add(store, "postings", f"{q}-{i}", day, skills)
    _add(store, "postings", "last", "2023-06-30", [])


def test_one_period_store_reports_top_lists_shares_and_cards(store: DuckDBStore,
                                                             genai: object) -> None:
    _one_quarter(store)
    chosen = choose_periods(store)
    assert (chosen.period.label, chosen.base, chosen.current) == ("2025Q1", None, None)
    rep = build_report(store, taxonomy=genai)  # type: ignore[arg-type]
    assert (rep.period, rep.base, rep.current, rep.surge_base) == ("2025Q1", None, None, None)
    assert rep.periods_from == "data"
    top = rep.list_by_id("top_postings")
    assert [(r.label, r.count) for r in top.rows] == [("ChatGPT", 12), ("BERT", 6)]
    assert all(r.change is None and not r.new for r in top.rows)  # never "new"
    for lst in rep.lists:
        if lst.method != "top":
            assert lst.status == "no_data" and "Growth needs two periods" in (lst.note or "")
    (share,) = rep.headline.shares
    assert (share.kind, share.count, share.exposure) == ("postings", 18, 60)
    assert any(s.startswith("30.0% (95% CI ") and "Q1 2025" in s for s in rep.summary)
    assert any("Growth needs two periods" in s for s in rep.summary)
    assert not any("No job posts in" in n for n in rep.headline.notes)
    assert {c.skill_id for c in rep.cards} == {"sp.chatgpt", "sp.bert"}
    card = rep.card("sp.chatgpt")
    assert card.description and card.roles
    assert [(p.period, p.count) for p in card.trend if p.kind == "postings"] == [
        ("2025-01", 6), ("2025-02", 6), ("2025-03", 0)]


def test_two_period_store_picks_latest_complete_quarter(store: DuckDBStore,
                                                        genai: object) -> None:
    _three_quarters(store)
    chosen = choose_periods(store)
    assert [p.label for p in (chosen.period, chosen.base, chosen.current, chosen.surge_base)
            if p] == ["2023H1", "2023Q1", "2023Q2", "2022Q4"]
    rep = build_report(store, taxonomy=genai, min_count=1)  # type: ignore[arg-type]
    assert (rep.period, rep.base, rep.current, rep.surge_base) == (
        "2023H1", "2023Q1", "2023Q2", "2022Q4")
    assert rep.headline.postings is not None
    assert rep.headline.postings.base == "2022Q4"
    # options override, the others follow from them
    rep = build_report(store, taxonomy=genai, current="2023Q1")  # type: ignore[arg-type]
    assert (rep.period, rep.base, rep.current, rep.surge_base, rep.periods_from) == (
        "2022Q4..2023Q1", "2022Q4", "2023Q1", "2022Q4", "options")


def test_partial_first_quarter_is_not_a_surge_base(store: DuckDBStore) -> None:
    for i, day in enumerate(["2022-12-01", "2023-02-01", "2023-05-01", "2023-06-30"]):
        _add(store, "postings", f"p{i}", day, [])
    chosen = choose_periods(store)
    assert [p.label for p in (chosen.base, chosen.current, chosen.surge_base) if p] == [
        "2023Q1", "2023Q2", "2023Q1"]


def test_cli_without_period_options(store_path: Path, tmp_path: Path) -> None:
    with DuckDBStore(store_path) as s:
        _one_quarter(s)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [sys.executable, "-m", "skillpulse.cli", "report", "--db", str(store_path),
         "--out", str(out), "--format", "json"],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert ("periods from the data: top lists Q1 2025: one period of data, no growth "
            "(--period/--base/--current/--surge-base override)") in proc.stderr
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["schema"] == "skillpulse.report/2"
    assert (rep["period"], rep["base"], rep["current"], rep["surge_base"]) == (
        "2025Q1", None, None, None)
    growing = [x for x in rep["lists"] if x["method"] != "top"]
    assert growing and all(x["status"] == "no_data" and "two periods" in x["note"]
                           for x in growing)
    for lst in rep["lists"]:
        for row in lst["rows"]:
            assert row["description"] and row["roles"]


def test_empty_store_without_periods_is_a_clear_error(store_path: Path,
                                                      tmp_path: Path) -> None:
    from skillpulse.cli import main

    DuckDBStore(store_path).close()
    assert main(["report", "--db", str(store_path), "--out", str(tmp_path)]) == 2
