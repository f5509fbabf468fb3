"""top_skills on hand-made stores: every count by hand, intervals from statsmodels."""

from __future__ import annotations

import pytest
from analytics_builders import V0, V1, Builder
from statsmodels.stats.proportion import proportion_confint

from skillpulse.analytics import top_skills
from skillpulse.errors import AnalyticsError
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Taxonomy


@pytest.fixture
def q2(build: Builder) -> Builder:
    """2023Q2 postings: 13 in the quarter, python in 4, excel 3, sql 3."""
    for i in range(4):
        build.posting("2023-04-10", "x.python", doc_id=f"py{i}")
    build.mentions("postings", "py0", "x.python")  # a second span: still one document
    for i in range(3):
        build.posting("2023-05-01", "x.sql", doc_id=f"sql{i}")
        build.posting("2023-06-30 23:59:59", "x.excel", doc_id=f"ex{i}")
    build.posting("2023-05-02", doc_id="empty1")
    build.posting("2023-05-03", doc_id="empty2")
    # an older taxonomy version's mention is not counted; its document still is exposure
    build.posting("2023-05-04", "x.python", doc_id="old", version=V0)
    # outside the half-open quarter
    build.posting("2023-07-01 00:00:00", "x.python", doc_id="after")
    build.posting("2023-03-31 23:59:59", "x.python", doc_id="before")
    # another kind with the same skill
    build.hire("2023-05-05", "x.python", "x.python")
    return build


def test_counts_shares_and_wilson(store: DuckDBStore, q2: Builder) -> None:
    res = top_skills(store, kind="postings", period="2023Q2")
    assert res.exposure == 13
    got = [(r.rank, r.skill_id, r.count) for r in res.rows]
    # excel and sql tie at 3: broken by ID
    assert got == [(1, "x.python", 4), (2, "x.excel", 3), (3, "x.sql", 3)]
    low, high = proportion_confint([4, 3, 3], 13, alpha=0.05, method="wilson")
    for r, lo, hi in zip(res.rows, low, high, strict=True):
        assert r.share == pytest.approx(r.count / 13)
        assert r.share_low == pytest.approx(lo)
        assert r.share_high == pytest.approx(hi)
    assert res.taxonomy_version == V1


def test_n_truncates_and_other_kinds_are_separate(store: DuckDBStore, q2: Builder) -> None:
    res = top_skills(store, kind="postings", period="2023Q2", n=2)
    assert [r.skill_id for r in res.rows] == ["x.python", "x.excel"]
    hires = top_skills(store, kind="hires", period="2023Q2")
    assert hires.exposure == 1
    assert [(r.skill_id, r.count) for r in hires.rows] == [("x.python", 1)]


def test_explicit_taxonomy_version(store: DuckDBStore, q2: Builder) -> None:
    res = top_skills(store, kind="postings", period="2023Q2", taxonomy_version=V0)
    assert [(r.skill_id, r.count) for r in res.rows] == [("x.python", 1)]
    assert res.exposure == 13


def test_date_range_and_empty_period(store: DuckDBStore, q2: Builder) -> None:
    from skillpulse.analytics.periods import resolve_period

    res = top_skills(store, kind="postings",
                     period=resolve_period(start="2023-06-01", end="2023-07-01"))
    # June 30 (3 excel) and July 1 (1 python) are inside the two days' range
    assert [(r.skill_id, r.count) for r in res.rows] == [("x.excel", 3), ("x.python", 1)]
    assert res.exposure == 4
    empty = top_skills(store, kind="postings", period="2021")
    assert empty.exposure == 0 and empty.rows == ()


def test_category_includes_descendants(
    store: DuckDBStore, build: Builder, taxonomy: Taxonomy
) -> None:
    build.posting("2023-02-01", "x.gpt4", "x.python")
    build.posting("2023-02-01", "x.gpt4")
    build.posting("2023-02-01", "sp.chatgpt", "sp.pytorch")
    build.posting("2023-02-01", "sp.stable-diffusion")
    build.posting("2023-02-01", "sp.pytorch")
    res = top_skills(store, kind="postings", period="2023Q1", category="generative-ai",
                     taxonomy=taxonomy)
    assert [(r.skill_id, r.label, r.count) for r in res.rows] == [
        ("x.gpt4", "GPT-4", 2), ("sp.chatgpt", "ChatGPT", 1),
        ("sp.stable-diffusion", "Stable Diffusion", 1),
    ]
    assert res.exposure == 5
    with pytest.raises(AnalyticsError):
        top_skills(store, kind="postings", period="2023Q1", category="nope", taxonomy=taxonomy)
    with pytest.raises(AnalyticsError):
        top_skills(store, kind="postings", period="2023Q1", category="generative-ai")


def test_where_on_columns_and_extra_json(store: DuckDBStore, build: Builder) -> None:
    build.posting("2023-01-05", "x.python", company_size="midsize", extra={"tier": "gold"})
    build.posting("2023-01-05", "x.python", company_size="midsize", extra={"tier": "silver"})
    build.posting("2023-01-05", "x.sql", company_size="small", extra={"tier": "gold"})
    build.posting("2023-01-05", "x.sql", company_size="large")
    res = top_skills(store, kind="postings", period="2023-01", where={"company_size": "midsize"})
    assert res.exposure == 2
    assert [(r.skill_id, r.count) for r in res.rows] == [("x.python", 2)]
    gold = top_skills(store, kind="postings", period="2023-01", where={"tier": "gold"})
    assert gold.exposure == 2
    assert [(r.skill_id, r.count) for r in gold.rows] == [("x.python", 1), ("x.sql", 1)]
    both = top_skills(store, kind="postings", period="2023-01",
                      where={"company_size": ["small", "large"], "tier": "gold"})
    assert both.exposure == 1 and both.rows[0].skill_id == "x.sql"
    with pytest.raises(AnalyticsError):
        top_skills(store, kind="postings", period="2023-01", where={"x; DROP": "1"})


def test_by_segment_ranks_each_segment(store: DuckDBStore, build: Builder) -> None:
    for _ in range(3):
        build.posting("2023-01-05", "x.python", country="US")
    build.posting("2023-01-05", "x.sql", "x.python", country="DE")
    build.posting("2023-01-05", "x.sql", country="DE")
    build.posting("2023-01-05", country="DE")
    res = top_skills(store, kind="postings", period="2023-01", by="country")
    got = [(r.segment, r.rank, r.skill_id, r.count, r.exposure) for r in res.rows]
    assert got == [
        ("DE", 1, "x.sql", 2, 3), ("DE", 2, "x.python", 1, 3), ("US", 1, "x.python", 3, 3),
    ]
    assert res.rows[0].share == pytest.approx(2 / 3)
    assert res.exposure == 6
    frame = res.to_pandas()
    assert list(frame["segment"]) == ["DE", "DE", "US"]
    assert res.to_arrow().num_rows == 3
    assert res.to_dict()["rows"][0]["segment"] == "DE"


def test_profiles_count_latest_snapshot_per_period(store: DuckDBStore, build: Builder) -> None:
    build.profile("f1", "2023-04-02", "x.python", country="GB")
    build.profile("f1", "2023-05-10", "x.sql", country="US")  # latest in Q2 for f1
    build.profile("f2", "2023-03-30", "x.excel")  # Q1 only
    build.profile("f2", "2023-04-20", "x.python")
    build.profile("f3", "2023-06-30", "x.python", "x.sql")
    q2 = top_skills(store, kind="profiles", period="2023Q2")
    assert q2.exposure == 3
    assert [(r.skill_id, r.count) for r in q2.rows] == [("x.python", 2), ("x.sql", 2)]
    q1 = top_skills(store, kind="profiles", period="2023Q1")
    assert q1.exposure == 1
    assert [(r.skill_id, r.count) for r in q1.rows] == [("x.excel", 1)]
    year = top_skills(store, kind="profiles", period="2023")
    assert year.exposure == 3
    assert [(r.skill_id, r.count) for r in year.rows] == [("x.python", 2), ("x.sql", 2)]
    # a segment filter applies to the latest snapshot: f1 is in the US in Q2, not GB
    gb = top_skills(store, kind="profiles", period="2023Q2", where={"country": "GB"})
    assert gb.exposure == 0 and gb.rows == ()
    us = top_skills(store, kind="profiles", period="2023Q2", where={"country": "US"})
    assert [(r.skill_id, r.count) for r in us.rows] == [("x.sql", 1)]


def test_json_shape(store: DuckDBStore, q2: Builder) -> None:
    d = top_skills(store, kind="postings", period="2023Q2", n=1).to_dict()
    assert list(d) == ["kind", "period", "category", "exposure", "rows"]
    assert list(d["rows"][0]) == ["rank", "skill_id", "label", "count", "share", "share_low",
                                  "share_high"]


def test_bad_arguments(store: DuckDBStore) -> None:
    with pytest.raises(AnalyticsError):
        top_skills(store, kind="tweets", period="2023")
    with pytest.raises(AnalyticsError):
        top_skills(store, kind="postings", period="2023", n=0)
