"""The synthetic survey of 1,400 business leaders: deterministic, true shares equal to the
published figures, sample shares within their margins, midsize companies adopt faster."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from skillpulse.store import DuckDBStore
from skillpulse.survey.ingest import ingest_survey
from skillpulse.survey.share import survey_share
from skillpulse.survey.synthetic import write_survey

# transcribed from shared/data/published/upwork_genai_2023.json (survey_1400_us_business_leaders)
PUBLISHED = {
    "hiring_managers_plan_to_hire_more": 0.49,
    "c_suite_hire_more_because_genai": 0.64,
    "personally_embracing_genai": 0.59,
    "ceos_increase_freelance_hiring": 0.48,
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, DuckDBStore]:
    out = tmp_path_factory.mktemp("syn")
    path = write_survey(out, seed=0)
    truth = json.loads((out / "survey_truth.json").read_text())
    store = DuckDBStore(out / "s.duckdb")
    ingest_survey(store, path, name="leaders")
    ingest_survey(store, path, name="leaders_w", weight="weight")
    return path, truth, store


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    a = write_survey(tmp_path / "a", seed=3).read_bytes()
    b = write_survey(tmp_path / "b", seed=3).read_bytes()
    c = write_survey(tmp_path / "c", seed=4).read_bytes()
    assert a == b and a != c


def test_design(synthetic: tuple[Path, dict, DuckDBStore]) -> None:
    path, truth, _ = synthetic
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(df) == 1400 and truth["n"] == 1400
    assert df["role"].value_counts().to_dict() == {"hiring manager": 700, "c-suite": 300,
                                                   "ceo": 240, "other": 160}
    assert df["company_size"].value_counts().to_dict() == {"small": 490, "midsize": 490,
                                                           "large": 420}
    assert set(df.loc[df["role"] != "ceo", "ceo_increase_freelance"]) == {""}
    assert set(df.loc[df["role"] == "ceo", "ceo_increase_freelance"]) == {"yes", "no"}
    assert {f["key"]: f["share"] for f in truth["figures"]} == pytest.approx(PUBLISHED)
    seg = truth["segments"][0]["shares"]
    assert seg["midsize"] > seg["large"] and seg["midsize"] > seg["small"]


def test_sample_shares_within_their_margins(synthetic: tuple[Path, dict, DuckDBStore]) -> None:
    _, truth, store = synthetic
    for fig in truth["figures"]:
        result = survey_share(store, name="leaders", question=fig["question"],
                              answers=[fig["answer"]], where=fig["where"] or None)
        (row,) = result.rows
        assert row.share_low <= fig["share"] <= row.share_high, (fig["key"], row)
    ceo = survey_share(store, name="leaders", question="ceo_increase_freelance")
    assert ceo.base == 240  # only CEOs answered


def test_all_1400_base_has_a_2_6_point_margin(synthetic: tuple[Path, dict, DuckDBStore]) -> None:
    _, _, store = synthetic
    result = survey_share(store, name="leaders", question="plans_to_hire_more", answers=["yes"])
    assert result.base == 1400
    (row,) = result.rows
    assert 100 * row.margin == pytest.approx(2.6, abs=0.05)


def test_weighted_version_states_its_design_effect(
        synthetic: tuple[Path, dict, DuckDBStore]) -> None:
    path, truth, store = synthetic
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    w = df["weight"].astype(float)
    result = survey_share(store, name="leaders_w", question="embraces_genai", answers=["yes"])
    n_eff = w.sum() ** 2 / (w**2).sum()
    assert result.n_eff == pytest.approx(n_eff)
    assert 1.0 < result.deff < 1.3
    yes = df["embraces_genai"] == "yes"
    assert result.rows[0].share == pytest.approx(w[yes].sum() / w.sum())
    assert result.rows[0].share_low <= truth["figures"][2]["share"] <= result.rows[0].share_high


def test_midsize_adopts_faster_with_a_significant_test(
        synthetic: tuple[Path, dict, DuckDBStore]) -> None:
    _, _, store = synthetic
    result = survey_share(store, name="leaders", question="embraces_genai", answers=["yes"],
                          by="company_size")
    assert result.segments is not None
    shares = {s.segment: s.rows[0].share for s in result.segments}
    assert max(shares, key=lambda k: shares[k]) == "midsize"
    (test,) = result.difference_tests
    assert test.p_value < 0.01
    midsize = next(v for v in test.versus_rest if v.segment == "midsize")
    assert midsize.difference > 0 and midsize.p_holm < 0.01


def test_interval_coverage_over_seeds(tmp_path: Path) -> None:
    """Across 40 seeds, the 95% Wilson intervals of the four figures cover the truth about
    95% of the time (checked with pandas and statsmodels, not with skillpulse's estimator)."""
    hits = total = 0
    for seed in range(40):
        path = write_survey(tmp_path / str(seed), seed=seed)
        truth = json.loads((tmp_path / str(seed) / "survey_truth.json").read_text())
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for fig in truth["figures"]:
            sub = df
            for col, values in fig["where"].items():
                sub = sub[sub[col].isin(values)]
            answered = sub[fig["question"]][sub[fig["question"]] != ""]
            low, high = proportion_confint(int((answered == fig["answer"]).sum()),
                                           len(answered), method="wilson")
            hits += int(low <= fig["share"] <= high)
            total += 1
    assert 0.88 <= hits / total <= 1.0


def test_segment_order(synthetic: tuple[Path, dict, DuckDBStore]) -> None:
    _, _, store = synthetic
    default = survey_share(store, name="leaders", question="embraces_genai", by="company_size")
    assert default.segments is not None
    # by base, largest first (small and midsize tie at 490: by name)
    assert [s.segment for s in default.segments] == ["midsize", "small", "large"]
    ordered = survey_share(store, name="leaders", question="embraces_genai", by="company_size",
                           segment_order=["small", "midsize"])
    assert ordered.segments is not None
    assert [s.segment for s in ordered.segments] == ["small", "midsize", "large"]
