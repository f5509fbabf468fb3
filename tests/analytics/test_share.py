"""share_of_activity: per-period shares with empty periods as zeros, and the headline change."""

from __future__ import annotations

import pytest
from analytics_builders import Builder
from statsmodels.stats.proportion import proportion_confint

from skillpulse.analytics import share_of_activity
from skillpulse.errors import AnalyticsError
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Taxonomy


@pytest.fixture
def months(build: Builder) -> Builder:
    # January: 4 postings, one with two gen-AI skills (counts once), one with PyTorch only
    build.posting("2023-01-03", "sp.chatgpt", "x.gpt4", company_size="small")
    build.posting("2023-01-04", "sp.pytorch", company_size="small")
    build.posting("2023-01-05", "x.python", company_size="large")
    build.posting("2023-01-31 23:59:59", company_size="large")
    # February: nothing at all. March: 2 of 2
    build.posting("2023-03-01", "sp.stable-diffusion", company_size="large")
    build.posting("2023-03-02", "sp.stable-diffusion", "x.sql", company_size="small")
    # April: 1 (a grandchild of a gen-AI concept) of 5
    build.posting("2023-04-01", "x.gpt4", company_size="small")
    for _ in range(4):
        build.posting("2023-04-02", "x.python", company_size="large")
    return build


def test_monthly_rows_with_empty_month(
    store: DuckDBStore, months: Builder, taxonomy: Taxonomy
) -> None:
    res = share_of_activity(store, kind="postings", category="generative-ai", by="month",
                            start="2023-01", end="2023-04", taxonomy=taxonomy)
    got = [(r.period, r.count, r.exposure) for r in res.rows]
    assert got == [("2023-01", 1, 4), ("2023-02", 0, 0), ("2023-03", 2, 2), ("2023-04", 1, 5)]
    jan = res.rows[0]
    lo, hi = proportion_confint(1, 4, alpha=0.05, method="wilson")
    assert jan.share == pytest.approx(0.25)
    assert (jan.share_low, jan.share_high) == (pytest.approx(lo), pytest.approx(hi))
    assert res.change is None
    d = res.to_dict()
    assert list(d) == ["rows"]
    assert list(d["rows"][0]) == ["period", "count", "exposure", "share", "share_low",
                                  "share_high"]
    # an empty period: zeros, and no share rather than a made-up one
    assert d["rows"][1] == {"period": "2023-02", "count": 0, "exposure": 0, "share": None,
                            "share_low": None, "share_high": None}


def test_default_range_is_the_data_and_quarters(
    store: DuckDBStore, months: Builder, taxonomy: Taxonomy
) -> None:
    res = share_of_activity(store, kind="postings", category="generative-ai", by="quarter",
                            taxonomy=taxonomy)
    assert [(r.period, r.count, r.exposure) for r in res.rows] == [
        ("2023Q1", 3, 6), ("2023Q2", 1, 5)
    ]
    monthly = share_of_activity(store, kind="postings", category="generative-ai",
                                taxonomy=taxonomy)
    assert [r.period for r in monthly.rows] == ["2023-01", "2023-02", "2023-03", "2023-04"]


def test_headline_change(store: DuckDBStore, months: Builder, taxonomy: Taxonomy) -> None:
    res = share_of_activity(store, kind="postings", category="generative-ai", by="quarter",
                            base="2023Q1", current="2023Q2", taxonomy=taxonomy)
    c = res.change
    assert c is not None
    # Q1: 3 of 6; Q2: 1 of 5
    assert (c.base_count, c.base_exposure, c.current_count, c.current_exposure) == (3, 6, 1, 5)
    assert c.share_ratio == pytest.approx((1 / 5) / (3 / 6))
    assert c.pct_change == pytest.approx(((1 / 5) / (3 / 6) - 1) * 100)
    assert c.count_pct_change == pytest.approx((1 - 3) / 3 * 100)
    lo, hi = proportion_confint(1, 4, alpha=0.05, method="beta")
    assert c.ratio_low == pytest.approx(6 / 5 * lo / (1 - lo))
    assert c.ratio_high == pytest.approx(6 / 5 * hi / (1 - hi))
    d = res.to_dict()
    assert list(d) == ["rows", "change"]
    assert list(d["change"]) == ["base", "current", "share_ratio", "ratio_low", "ratio_high",
                                 "pct_change", "count_pct_change"]
    # rows span base to current when no range is given
    assert [r.period for r in res.rows] == ["2023Q1", "2023Q2"]


def test_segment_breakdown_and_where(
    store: DuckDBStore, months: Builder, taxonomy: Taxonomy
) -> None:
    res = share_of_activity(store, kind="postings", category="generative-ai", by="quarter",
                            segment="company_size", taxonomy=taxonomy)
    got = [(r.period, r.segment, r.count, r.exposure) for r in res.rows]
    assert got == [
        ("2023Q1", "large", 1, 3), ("2023Q1", "small", 2, 3),
        ("2023Q2", "large", 0, 4), ("2023Q2", "small", 1, 1),
    ]
    small = share_of_activity(store, kind="postings", category="generative-ai",
                              by="quarter", where={"company_size": "small"},
                              taxonomy=taxonomy)
    assert [(r.count, r.exposure) for r in small.rows] == [(2, 3), (1, 1)]


def test_errors(store: DuckDBStore, months: Builder, taxonomy: Taxonomy) -> None:
    with pytest.raises(AnalyticsError):
        share_of_activity(store, kind="postings", category="generative-ai", base="2023Q1",
                          taxonomy=taxonomy)
    with pytest.raises(AnalyticsError):
        share_of_activity(store, kind="postings", category="generative-ai", base="2023",
                          current="2023Q2", taxonomy=taxonomy)
    empty = share_of_activity(store, kind="searches", category="generative-ai",
                              taxonomy=taxonomy)
    assert empty.rows == ()
