"""Real postings (Hacker News "Who is hiring?", H1 2023): top, growth and a segment against
an independent pandas computation over the same input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from analytics_builders import V1
from statsmodels.stats.proportion import proportion_confint

from skillpulse.analytics import growth, top_skills
from skillpulse.store import DuckDBStore

DATA = Path(__file__).parent.parent / "data" / "analytics" / "hn_whoishiring_2023H1.csv.gz"


def tokens(cell: object) -> list[str]:
    if not isinstance(cell, str):
        return []
    parts = (re.sub(r"[^a-z0-9+#.]+", "-", p.strip().lower()).strip("-")
             for p in re.split(r"[,/;]", cell))
    return [f"hn.{p}" for p in parts if p]


@pytest.fixture(scope="module")
def hn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DuckDBStore, pd.DataFrame,
                                                                   pd.DataFrame]]:
    posts = pd.read_csv(DATA, dtype=str)
    posts["posted_at"] = pd.to_datetime(posts["post_date"])
    posts["extra"] = [json.dumps({"remote": r}) if isinstance(r, str) else "{}"
                      for r in posts["remote"]]
    mentions = pd.DataFrame(
        [(pid, skill) for pid, cell in zip(posts["post_link_id"], posts["languages_frameworks"],
                                            strict=True) for skill in tokens(cell)],
        columns=["doc_id", "skill_id"],
    )
    store = DuckDBStore(tmp_path_factory.mktemp("hn") / "hn.duckdb")
    con = store.con
    events = posts[["post_link_id", "posted_at", "company", "country", "extra"]].rename(
        columns={"post_link_id": "id", "company": "title"})
    con.register("ev", events)
    con.execute("INSERT INTO postings (id, posted_at, title, country, extra) "
                "SELECT id, posted_at, title, country, extra FROM ev")
    con.register("mm", mentions)
    con.execute("INSERT INTO mentions (kind, doc_id, skill_id, method, taxonomy_version) "
                f"SELECT 'postings', doc_id, skill_id, 'structured', '{V1}' FROM mm")
    try:
        yield store, posts, mentions
    finally:
        store.close()


def expected_counts(posts: pd.DataFrame, mentions: pd.DataFrame, start: str, end: str,
                    mask: pd.Series | None = None) -> tuple[pd.Series, int]:
    sel = (posts["posted_at"] >= start) & (posts["posted_at"] < end)
    if mask is not None:
        sel &= mask
    ids = set(posts.loc[sel, "post_link_id"])
    m = mentions[mentions["doc_id"].isin(ids)].drop_duplicates()
    return m.groupby("skill_id")["doc_id"].nunique(), len(ids)


def test_top_on_real_postings(hn: tuple[DuckDBStore, pd.DataFrame, pd.DataFrame]) -> None:
    store, posts, mentions = hn
    counts, exposure = expected_counts(posts, mentions, "2023-01-01", "2023-04-01")
    want = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    res = top_skills(store, kind="postings", period="2023Q1", n=15)
    assert res.exposure == exposure == 1086
    assert [(r.skill_id, r.count) for r in res.rows] == want
    low, high = proportion_confint([c for _, c in want], exposure, method="wilson")
    assert [r.share_low for r in res.rows] == pytest.approx(list(low))
    assert [r.share_high for r in res.rows] == pytest.approx(list(high))


def test_growth_on_real_postings(hn: tuple[DuckDBStore, pd.DataFrame, pd.DataFrame]) -> None:
    store, posts, mentions = hn
    c1, e1 = expected_counts(posts, mentions, "2023-01-01", "2023-04-01")
    c2, e2 = expected_counts(posts, mentions, "2023-04-01", "2023-07-01")
    frame = pd.DataFrame({"x1": c1, "x2": c2}).fillna(0).astype(int)
    frame = frame[(frame["x2"] >= 20) & (frame["x1"] >= 5)]
    lo, hi = proportion_confint(frame["x2"], frame["x1"] + frame["x2"], method="beta")
    frame["low"] = e1 / e2 * lo / (1 - lo)
    frame["high"] = e1 / e2 * hi / (1 - hi)
    frame["ratio"] = (frame["x2"] / e2) / (frame["x1"] / e1)
    frame = frame.reset_index(names="skill_id").sort_values(["low", "skill_id"],
                                                            ascending=[False, True])
    res = growth(store, kind="postings", base="2023Q1", current="2023Q2", n=10)
    top = frame.head(10)
    assert len(res.rows) >= 5
    assert [r.skill_id for r in res.rows] == list(top["skill_id"])
    assert [r.rate_ratio for r in res.rows] == pytest.approx(list(top["ratio"]))
    assert [r.ratio_low for r in res.rows] == pytest.approx(list(top["low"]))
    assert [r.ratio_high for r in res.rows] == pytest.approx(list(top["high"]))


def test_segment_on_real_postings(hn: tuple[DuckDBStore, pd.DataFrame, pd.DataFrame]) -> None:
    store, posts, mentions = hn
    remote = posts["remote"] == "yes"
    counts, exposure = expected_counts(posts, mentions, "2023-04-01", "2023-07-01", remote)
    res = top_skills(store, kind="postings", period="2023Q2", n=5, where={"remote": "yes"})
    assert 0 < res.exposure == exposure < len(posts)
    assert len(res.rows) == 5
    assert [(r.skill_id, r.count) for r in res.rows] == sorted(
        counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
