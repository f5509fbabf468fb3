"""Report assembly on small stores built by hand (known counts), formatting helpers, and
the error paths. Expected figures are computed here by hand or with scipy."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from scipy import stats

from skillpulse.errors import SkillpulseError
from skillpulse.report import SurveyQuestionSpec, build_report, write_report
from skillpulse.report.text import fmt_change, pct_interval, period_name
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy.catalog import load_builtin

VERSION = "test-v1"


@pytest.fixture(scope="module")
def genai() -> object:
    return load_builtin()


def _add(store: DuckDBStore, kind: str, doc: str, when: str, skills: list[str]) -> None:
    ts = datetime.fromisoformat(when)
    if kind == "postings":
        store.execute("INSERT INTO postings (id, posted_at, title) VALUES (?, ?, 'x')",
                      [doc, ts])
    else:
        store.execute("INSERT INTO searches (id, searched_at, query) VALUES (?, ?, 'x')",
                      [doc, ts])
    for s in skills:
        store.execute("INSERT INTO mentions VALUES (?, ?, ?, 'dictionary', 'title', 0, 1, "
                      "'x', 1.0, ?)", [kind, doc, s, VERSION])
    store.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?)",
                  [kind, doc, VERSION, len(skills), datetime(2024, 1, 1)])


def _fill(store: DuckDBStore) -> None:
    # postings: 2022Q4 10 posts, 2 gen-AI; 2023Q2 12 posts, 6 gen-AI (ChatGPT 5, BERT 1)
    for i in range(10):
        _add(store, "postings", f"p4-{i}", "2022-11-15", ["sp.chatgpt"] if i < 2 else [])
    for i in range(12):
        skills = ["sp.chatgpt"] if i < 5 else (["sp.bert"] if i == 5 else [])
        _add(store, "postings", f"p2-{i}", "2023-05-10", skills)
    for i in range(8):  # 2023Q1: 8 posts, ChatGPT in 1
        _add(store, "postings", f"p1-{i}", "2023-02-10", ["sp.chatgpt"] if i < 1 else [])


def test_headline_and_lists_from_known_counts(store: DuckDBStore, genai: object) -> None:
    _fill(store)
    rep = build_report(store, period="2023H1", base="2023Q1", current="2023Q2",
                       surge_base="2022Q4", taxonomy=genai, min_count=1)  # type: ignore[arg-type]
    fig = rep.headline.postings
    assert fig is not None
    assert (fig.base_count, fig.base_exposure, fig.current_count, fig.current_exposure) == (
        2, 10, 6, 12)
    assert fig.share_ratio == pytest.approx((6 / 12) / (2 / 10))
    # exact conditional interval by hand: x2 | x1 + x2 ~ Bin(n, E2 r / (E1 + E2 r))
    p_low = stats.beta.ppf(0.025, 6, 3)
    p_high = stats.beta.ppf(0.975, 7, 2)
    assert fig.ratio_low == pytest.approx(10 / 12 * p_low / (1 - p_low))
    assert fig.ratio_high == pytest.approx(10 / 12 * p_high / (1 - p_high))
    assert fig.pct_change == pytest.approx(150.0)
    assert fig.count_pct_change == pytest.approx(200.0)
    assert rep.headline.searches is None
    assert any("searches" in n for n in rep.headline.notes)

    top = rep.list_by_id("top_postings")
    assert [(r.skill_id, r.count) for r in top.rows] == [("sp.chatgpt", 6), ("sp.bert", 1)]
    assert top.exposure == 20
    chat = top.rows[0]
    assert chat.base_count == 1 and chat.current_count == 5 and chat.new
    assert chat.rate_ratio == pytest.approx((5 / 12) / (1 / 8))
    # both grew from fewer than 5: breakouts, their own list, never "fastest-growing"
    grow = rep.list_by_id("growing_postings")
    assert grow.rows == () and grow.status == "no_data" and "2 new, listed apart" in grow.note
    new = rep.list_by_id("new_postings")
    assert [(r.skill_id, r.base_count, r.current_count) for r in new.rows] == [
        ("sp.chatgpt", 1, 5), ("sp.bert", 0, 1)]
    assert new.method == "new" and all(r.new for r in new.rows)
    assert not any("fastest-growing" in s for s in rep.summary)
    assert rep.list_by_id("top_searches").status == "no_data"
    # 2 of 10 -> 6 of 12: the ratio's interval (0.55 to 13) includes 1: no clear change
    assert fig.ratio_low < 1 < fig.ratio_high
    assert rep.summary[0].startswith("The share of job posts mentioning a generative-AI skill "
                                     "showed no clear change (95% CI")


def test_empty_store_reports_no_data_everywhere(store: DuckDBStore, genai: object,
                                                tmp_path: Path) -> None:
    rep = build_report(store, period="2023H1", base="2023Q1", current="2023Q2",
                       surge_base="2022Q4", taxonomy=genai)  # type: ignore[arg-type]
    assert all(lst.status == "no_data" and not lst.rows for lst in rep.lists)
    assert rep.summary == ()
    assert rep.supply_demand.status == "no_data" and rep.monthly_share.status == "no_data"
    files = write_report(rep, tmp_path, format="html")
    assert files.charts == 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Not covered by this data" in html and "vegaEmbed" not in html
    write_report(rep, tmp_path, format="json")
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["provenance"]["documents"] == {"postings": 0, "searches": 0, "hires": 0,
                                               "profiles": 0}


def test_errors(store: DuckDBStore, genai: object, tmp_path: Path) -> None:
    with pytest.raises(SkillpulseError, match="no skill in category"):
        build_report(store, period="2023H1", base="2023Q1", current="2023Q2",
                     surge_base="2022Q4", category="no-such", taxonomy=genai)  # type: ignore[arg-type]
    rep = build_report(store, period="2023H1", base="2023Q1", current="2023Q2",
                       surge_base="2022Q4", taxonomy=genai)  # type: ignore[arg-type]
    with pytest.raises(SkillpulseError, match="unknown report format"):
        write_report(rep, tmp_path, format="pdf")
    from skillpulse.cli import main

    assert main(["report", "--period", "2023H1", "--base", "2023Q1", "--current", "2023Q2",
                 "--surge-base", "2022Q4", "--out", str(tmp_path),
                 "--db", str(tmp_path / "missing.duckdb")]) == 2


def test_survey_question_spec_parse() -> None:
    spec = SurveyQuestionSpec.parse("hire_more=yes@role=c-suite|ceo@size=small")
    assert spec.question == "hire_more" and spec.answers == ("yes",)
    assert spec.where == (("role", ("c-suite", "ceo")), ("size", ("small",)))
    assert SurveyQuestionSpec.parse("AISelect").answers == ()
    with pytest.raises(SkillpulseError):
        SurveyQuestionSpec.parse("q=yes@role")


def test_formats() -> None:
    assert period_name("2023H1") == "H1 2023" and period_name("2023-05") == "May 2023"
    assert period_name("2023Q2") == "Q2 2023" and period_name("2023") == "2023"
    assert period_name("2025Q2..2025Q3") == "Q2–Q3 2025"
    assert period_name("2022Q4..2023Q1") == "Q4 2022–Q1 2023"
    assert fmt_change(1137.6) == "+1,138%" and fmt_change(-2.54) == "-2.5%"
    assert fmt_change(float("inf")) == "new"
    assert pct_interval(920.4, 1415.2) == "+920% to +1,415%"
    assert pct_interval(-4.2, float("inf")) == "-4.2% to ∞"
