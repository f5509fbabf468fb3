"""Weighted estimates: weighted shares, Kish effective sample size by hand, design effect,
and the effective-sample-size tests."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import proportion_confint

from skillpulse.store import DuckDBStore
from skillpulse.survey.ingest import ingest_survey
from skillpulse.survey.share import survey_share

# 8 respondents; 'size' segments; weights chosen so the hand computation is easy
CSV = """size,adopt,weight
small,yes,1
small,no,1
small,no,2
small,yes,4
large,yes,0.5
large,yes,0.5
large,no,3
large,,10
"""


@pytest.fixture
def weighted(tmp_path: Path, store: DuckDBStore) -> DuckDBStore:
    path = tmp_path / "w.csv"
    path.write_text(CSV)
    ingest_survey(store, path, name="w", weight="weight")
    return store


def test_weighted_share_and_kish_by_hand(weighted: DuckDBStore) -> None:
    result = survey_share(weighted, name="w", question="adopt", answers=["yes"])
    # answered: weights 1, 1, 2, 4, 0.5, 0.5, 3 (the 10 did not answer)
    total = 1 + 1 + 2 + 4 + 0.5 + 0.5 + 3  # 12
    squares = 1 + 1 + 4 + 16 + 0.25 + 0.25 + 9  # 31.5
    n_eff = total**2 / squares  # 144 / 31.5 = 4.571...
    yes_w = 1 + 4 + 0.5 + 0.5  # 6
    assert result.weighted and result.method == "wilson-kish"
    assert result.base == 7
    assert result.weighted_base == pytest.approx(total)
    assert result.n_eff == pytest.approx(144 / 31.5)
    assert result.deff == pytest.approx(7 / n_eff)
    (row,) = result.rows
    assert row.count == 4
    assert row.weighted_count == pytest.approx(yes_w)
    assert row.share == pytest.approx(0.5)
    low, high = proportion_confint(0.5 * n_eff, n_eff, method="wilson")
    assert (row.share_low, row.share_high) == pytest.approx((low, high), abs=1e-12)
    d = result.to_dict()
    assert d["weighted"] is True and d["n_eff"] == pytest.approx(n_eff)
    assert d["deff"] == pytest.approx(7 / n_eff)


def test_weighted_segments_and_test(weighted: DuckDBStore) -> None:
    result = survey_share(weighted, name="w", question="adopt", answers=["yes"], by="size",
                          min_base=2)
    assert result.segments is not None
    seg = {s.segment: s for s in result.segments}
    # small: weights 1,1,2,4 -> share (1+4)/8, n_eff 64/22
    small, large = seg["small"], seg["large"]
    assert small.rows[0].share == pytest.approx(5 / 8)
    assert small.n_eff == pytest.approx(64 / 22)
    # large (answered): weights 0.5, 0.5, 3 -> share 1/4, n_eff 16/9.5
    assert large.base == 3
    assert large.rows[0].share == pytest.approx(1 / 4)
    assert large.n_eff == pytest.approx(16 / 9.5)
    (test,) = result.difference_tests
    n1, n2 = 64 / 22, 16 / 9.5
    table = [[5 / 8 * n1, 3 / 8 * n1], [1 / 4 * n2, 3 / 4 * n2]]
    stat, p, _, _ = chi2_contingency(table, correction=False)
    assert test.statistic == pytest.approx(stat)
    assert test.p_value == pytest.approx(p)
    # with two segments, each-vs-rest z^2 equals the chi-square statistic
    assert test.versus_rest[0].z ** 2 == pytest.approx(stat)
    assert math.isclose(test.versus_rest[0].p_value, p, rel_tol=1e-9)


def test_all_zero_weights_give_no_share_and_valid_json(tmp_path: Path,
                                                       store: DuckDBStore) -> None:
    import json

    path = tmp_path / "z.csv"
    path.write_text("q,weight\nyes,0\nno,0\n")
    info = ingest_survey(store, path, name="z", weight="weight")
    assert info.loaded == 2  # a zero weight is allowed
    result = survey_share(store, name="z", question="q", answers=["yes"])
    assert result.rows[0].share is None and result.n_eff == 0.0
    json.loads(json.dumps(result.to_dict(), allow_nan=False))
