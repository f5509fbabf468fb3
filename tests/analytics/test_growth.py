"""growth: the issue's 1 -> 6 against 400 -> 560 example, exposure adjustment, breakouts."""

from __future__ import annotations

import pytest
from analytics_builders import Builder
from statsmodels.stats import rates as sm_rates
from statsmodels.stats.proportion import proportion_confint

from skillpulse.analytics import growth
from skillpulse.errors import AnalyticsError
from skillpulse.store import DuckDBStore


def cp_ratio(x1: int, e1: int, x2: int, e2: int) -> tuple[float, float]:
    """Independent: Clopper-Pearson bounds of x2/(x1+x2), mapped to the rate ratio."""
    lo, hi = proportion_confint(x2, x1 + x2, alpha=0.05, method="beta")
    return e1 / e2 * lo / (1 - lo), e1 / e2 * hi / (1 - hi)


@pytest.fixture
def example(build: Builder) -> Builder:
    """Equal exposures of 1,000 postings: x.small 1 -> 6, x.big 400 -> 560."""
    build.many("postings", 400, "2023-02-01", "x.big")
    build.many("postings", 1, "2023-02-01", "x.small")
    build.many("postings", 599, "2023-02-01")
    build.many("postings", 560, "2023-05-01", "x.big")
    build.many("postings", 6, "2023-05-01", "x.small")
    build.many("postings", 434, "2023-05-01")
    return build


def test_issue5_large_steady_growth_ranks_above_small_noisy_growth(
    store: DuckDBStore, example: Builder
) -> None:
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=5,
                 breakout_floor=1)
    assert (res.base_exposure, res.current_exposure) == (1000, 1000)
    assert [r.skill_id for r in res.rows] == ["x.big", "x.small"]
    big, small = res.rows
    # raw percentages would put the small one first
    assert small.pct_change == pytest.approx(500.0)
    assert big.pct_change == pytest.approx(40.0)
    assert (big.base_count, big.current_count) == (400, 560)
    assert (small.base_count, small.current_count) == (1, 6)
    assert small.ratio_low == pytest.approx(0.73, abs=0.005)
    assert small.ratio_high == pytest.approx(276, abs=0.5)
    assert big.ratio_low == pytest.approx(1.23, abs=0.005)
    assert big.ratio_high == pytest.approx(1.60, abs=0.005)
    for r in res.rows:
        lo, hi = cp_ratio(r.base_count, 1000, r.current_count, 1000)
        assert r.ratio_low == pytest.approx(lo) and r.ratio_high == pytest.approx(hi)
        # the exact conditional test of statsmodels puts each bound at 2.5%, one-sided
        p = sm_rates.test_poisson_2indep(r.current_count, 1000, r.base_count, 1000,
                                         value=r.ratio_low, method="exact-cond",
                                         alternative="larger").pvalue
        assert p == pytest.approx(0.025, abs=1e-9)


def test_default_floor_makes_the_small_one_a_breakout(
    store: DuckDBStore, example: Builder
) -> None:
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=5)
    assert [r.skill_id for r in res.rows] == ["x.big"]
    assert [(b.skill_id, b.base_count, b.current_count) for b in res.breakouts] == [
        ("x.small", 1, 6)
    ]
    d = res.to_dict()
    assert list(d) == ["kind", "base", "current", "category", "rows", "breakouts"]
    assert list(d["rows"][0]) == ["rank", "skill_id", "label", "base_count", "current_count",
                                  "rate_ratio", "ratio_low", "ratio_high", "pct_change"]
    assert d["breakouts"] == [{"skill_id": "x.small", "label": "x.small", "base_count": 1,
                               "current_count": 6}]
    # min_count applies to the current period
    assert growth(store, kind="postings", base="2023Q1", current="2023Q2",
                  min_count=7).breakouts == ()


def test_exposure_adjusted(store: DuckDBStore, build: Builder) -> None:
    # the count doubles but so does the number of postings: no growth in share
    build.many("postings", 10, "2023-01-10", "x.flat")
    build.many("postings", 90, "2023-01-10", "x.other")
    build.many("postings", 20, "2023-04-10", "x.flat")
    build.many("postings", 180, "2023-04-10", "x.other")
    # a skill growing in share: 10/100 -> 60/200
    build.many("postings", 10, "2023-01-10", "x.up")
    build.many("postings", 60, "2023-04-10", "x.up")
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=1)
    e1, e2 = 110, 260
    by_id = {r.skill_id: r for r in res.rows}
    assert by_id["x.flat"].rate_ratio == pytest.approx((20 / e2) / (10 / e1))
    assert by_id["x.up"].rate_ratio == pytest.approx((60 / e2) / (10 / e1))
    assert by_id["x.up"].pct_change == pytest.approx(((60 / e2) / (10 / e1) - 1) * 100)
    assert by_id["x.up"].base_share == pytest.approx(10 / e1)
    lo, hi = cp_ratio(10, e1, 60, e2)
    assert by_id["x.up"].ratio_low == pytest.approx(lo)
    assert by_id["x.up"].ratio_high == pytest.approx(hi)
    # ranked by the lower bound, descending
    lows = [r.ratio_low for r in res.rows]
    assert lows == sorted(lows, reverse=True)
    assert res.rows[0].skill_id == "x.up"


def test_breakouts_ranked_by_current_count(store: DuckDBStore, build: Builder) -> None:
    build.many("postings", 50, "2023-01-10")
    build.many("postings", 2, "2023-01-10", "x.two")
    build.many("postings", 30, "2023-04-10", "x.two")
    build.many("postings", 40, "2023-04-10", "x.zero")
    build.many("postings", 30, "2023-04-10", "x.alpha")
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=20)
    # 40 first; 30 and 30 tie, fewer base documents first (alpha has none)
    assert [b.skill_id for b in res.breakouts] == ["x.zero", "x.alpha", "x.two"]
    assert res.rows == ()
    assert all(b.breakout for b in res.breakouts)
    frame = res.to_pandas()
    assert list(frame["skill_id"]) == ["x.zero", "x.alpha", "x.two"]


def test_segments_and_errors(store: DuckDBStore, build: Builder) -> None:
    for size, n1, n2 in (("small", 10, 30), ("large", 10, 10)):
        for _ in range(n1):
            build.posting("2023-01-10", "x.python", company_size=size)
        for _ in range(n2):
            build.posting("2023-04-10", "x.python", company_size=size)
        for _ in range(10):
            build.posting("2023-01-10", company_size=size)
            build.posting("2023-04-10", company_size=size)
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=1,
                 by="company_size")
    got = {r.segment: r.rate_ratio for r in res.rows}
    assert got["small"] == pytest.approx((30 / 40) / (10 / 20))
    assert got["large"] == pytest.approx(1.0)
    only_small = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=1,
                        where={"company_size": "small"})
    assert only_small.rows[0].rate_ratio == pytest.approx(got["small"])
    with pytest.raises(AnalyticsError):
        growth(store, kind="postings", base="2023", current="2023Q2")


def test_issue16_equal_counts_are_never_new(store: DuckDBStore, build: Builder) -> None:
    """'growth --min-count 3' listed 'TensorFlow 3 -> 3, new': a skill under the breakout
    floor whose count did not rise is ranked with the others, never a breakout."""
    build.many("postings", 100, "2023-01-10")
    build.many("postings", 3, "2023-01-10", "x.flat")
    build.many("postings", 4, "2023-01-10", "x.down")
    build.many("postings", 3, "2023-04-10", "x.flat")
    build.many("postings", 3, "2023-04-10", "x.down")
    build.many("postings", 6, "2023-04-10", "x.up")
    build.many("postings", 94, "2023-04-10")
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", min_count=3)
    assert [(b.skill_id, b.base_count, b.current_count) for b in res.breakouts] == [
        ("x.up", 0, 6)]
    flat = {r.skill_id: r for r in res.rows}
    assert set(flat) == {"x.flat", "x.down"} and not any(r.breakout for r in res.rows)
    assert (flat["x.flat"].base_count, flat["x.flat"].current_count) == (3, 3)
    assert flat["x.flat"].ratio_low < 1 < flat["x.flat"].ratio_high
