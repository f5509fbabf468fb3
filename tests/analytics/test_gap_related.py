"""gap (supply and demand) and related (co-occurrence), every figure by hand."""

from __future__ import annotations

import math

import pytest
from analytics_builders import Builder
from statsmodels.stats.proportion import proportion_confint

from skillpulse.analytics import gap, related
from skillpulse.errors import AnalyticsError, UnknownSkillError
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Taxonomy


@pytest.fixture
def market(build: Builder) -> Builder:
    # 2023Q2 demand: 10 postings (python 6, sql 2) and 10 searches (python 4)
    build.many("postings", 6, "2023-05-01", "x.python")
    build.many("postings", 2, "2023-05-01", "x.sql")
    build.many("postings", 2, "2023-05-01")
    build.many("searches", 4, "2023-05-01", "x.python")
    build.many("searches", 6, "2023-05-01")
    # 2023Q2 supply: 4 freelancers, python 1, sql 2 (f1's older snapshot listed python)
    build.profile("f1", "2023-04-01", "x.python")
    build.profile("f1", "2023-06-01", "x.sql")
    build.profile("f2", "2023-05-01", "x.sql")
    build.profile("f3", "2023-05-01", "x.python")
    build.profile("f4", "2023-05-01")
    # 2023Q1: postings 5 (python 1), searches 5 (python 1), profiles 2 (python 1)
    build.many("postings", 1, "2023-02-01", "x.python")
    build.many("postings", 4, "2023-02-01")
    build.many("searches", 1, "2023-02-01", "x.python")
    build.many("searches", 4, "2023-02-01")
    build.profile("f1", "2023-02-01", "x.python")
    build.profile("f5", "2023-02-01")
    return build


def test_gap_figures(store: DuckDBStore, market: Builder) -> None:
    res = gap(store, period="2023Q2", min_count=1)
    assert res.previous == "2023Q1"
    assert res.exposure == {"postings": 10, "searches": 10, "profiles": 4}
    assert res.previous_exposure == {"postings": 5, "searches": 5, "profiles": 2}
    rows = {r.skill_id: r for r in res.rows}
    py, sql = rows["x.python"], rows["x.sql"]
    assert (py.postings_count, py.searches_count, py.demand_count, py.supply_count) == (
        6, 4, 10, 1)
    assert py.demand_share == pytest.approx(10 / 20)
    assert py.supply_share == pytest.approx(1 / 4)
    assert py.ratio == pytest.approx(2.0)
    # exact interval: demand 10 of 20 against supply 1 of 4, as Poisson rates
    lo, hi = proportion_confint(10, 11, alpha=0.05, method="beta")
    assert py.ratio_low == pytest.approx(4 / 20 * lo / (1 - lo))
    assert py.ratio_high == pytest.approx(4 / 20 * hi / (1 - hi))
    # Q1: demand 2 of 10 = 0.2, supply 1 of 2 = 0.5
    assert py.previous_ratio == pytest.approx(0.4)
    assert py.ratio_change == pytest.approx(5.0)
    assert sql.ratio == pytest.approx((2 / 20) / (2 / 4))
    assert math.isnan(sql.previous_ratio)  # no demand nor supply of SQL in Q1
    assert [r.skill_id for r in res.rows] == ["x.python", "x.sql"]  # by lower bound
    d = res.to_dict()
    assert list(d) == ["period", "previous", "category", "exposure", "previous_exposure",
                       "rows"]
    assert d["rows"][1]["previous_ratio"] is None
    assert gap(store, period="2023Q2", min_count=3).rows[0].skill_id == "x.python"
    assert len(gap(store, period="2023Q2", min_count=3).rows) == 1


@pytest.fixture
def cooc(build: Builder) -> Builder:
    for _ in range(6):
        build.posting("2023-03-01", "x.python", "x.sql")
    build.posting("2023-03-01", "x.python", "x.excel")
    build.posting("2023-03-01", "x.python", "x.excel", "sp.pytorch")
    for _ in range(8):
        build.posting("2023-03-01", "x.excel")
    for _ in range(4):
        build.posting("2023-03-01")
    build.posting("2024-03-01", "x.python", "x.sql")  # another year
    return build


def test_related_lift_pmi(store: DuckDBStore, cooc: Builder, taxonomy: Taxonomy) -> None:
    res = related(store, "Python", kind="postings", period="2023", min_count=2,
                  taxonomy=taxonomy)
    assert (res.skill, res.exposure, res.skill_count) == ("x.python", 20, 8)
    assert [r.skill_id for r in res.rows] == ["x.sql", "x.excel"]
    sql, excel = res.rows
    assert (sql.co_count, sql.count) == (6, 6)
    assert sql.lift == pytest.approx(6 * 20 / (8 * 6))
    assert sql.pmi == pytest.approx(math.log2(2.5))
    assert sql.npmi == pytest.approx(math.log2(2.5) / -math.log2(6 / 20))
    assert sql.confidence == pytest.approx(6 / 8)
    assert excel.lift == pytest.approx(2 * 20 / (8 * 10))
    # with min_count 1, PyTorch ties SQL on lift (2.5): broken by ID
    loose = related(store, "x.python", kind="postings", period="2023", min_count=1)
    assert [r.skill_id for r in loose.rows][:2] == ["sp.pytorch", "x.sql"]
    assert loose.rows[0].lift == pytest.approx(loose.rows[1].lift)
    d = res.to_dict()
    assert list(d["rows"][0]) == ["rank", "skill_id", "label", "co_count", "count", "lift",
                                  "pmi", "npmi", "confidence"]
    with pytest.raises(UnknownSkillError):
        related(store, "Cobol", kind="postings", period="2023", taxonomy=taxonomy)
    with pytest.raises(AnalyticsError):
        related(store, "x.python", kind="postings", period="2023", measure="jaccard")
