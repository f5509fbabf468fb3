"""The derived table and the direct join over mentions give the same answers; the derived
table follows changes to the store; a read-only store counts without it."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from analytics_builders import V0, Builder

from skillpulse.analytics import docskills, gap, growth, related, share_of_activity, top_skills
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Taxonomy

SKILLS = ["sp.chatgpt", "x.gpt4", "sp.stable-diffusion", "sp.pytorch", "x.python", "x.sql",
          "x.excel"]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DuckDBStore]:
    """One random store for the module (built once: it is only read)."""
    s = DuckDBStore(tmp_path_factory.mktemp("paths") / "random.duckdb")
    build = Builder(s, batch=True)
    rng = random.Random(5)
    for i in range(300):
        day = f"2023-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
        skills = rng.sample(SKILLS, rng.randint(0, 3))
        if rng.random() < 0.2 and skills:
            skills.append(skills[0])  # a second span of the same skill
        size = rng.choice(["small", "midsize", "large"])
        build.posting(day, *skills, company_size=size, extra={"tier": rng.choice("ab")})
        if i % 3 == 0:
            build.search(day, *skills[:1], extra={"country": rng.choice(["US", "DE"])})
        if i % 2 == 0:
            build.profile(f"f{rng.randint(1, 40)}", day + f" 0{rng.randint(0, 9)}:00:00",
                          *skills, country=rng.choice(["US", "DE"]))
        if i % 10 == 0:
            build.posting(day, *skills, version=V0)
    build.flush()
    try:
        yield s
    finally:
        s.close()


def both(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    fast = fn(*args, use_cache=True, **kwargs).to_pandas()
    slow = fn(*args, use_cache=False, **kwargs).to_pandas()
    return fast, slow


@pytest.mark.parametrize("kind", ["postings", "profiles"])
@pytest.mark.parametrize("seg", [{}, {"by": "company_size"}, {"where": {"tier": "a"}}])
def test_same_results_with_and_without_derived_table(
    shared: DuckDBStore, taxonomy: Taxonomy, kind: str, seg: dict[str, object]
) -> None:
    store = shared
    if kind == "profiles" and seg:
        seg = {"by": "country"} if "by" in seg else {"where": {"country": "US"}}
    for fast, slow in [
        both(top_skills, store, kind=kind, period="2023Q2", n=20, **seg),
        both(top_skills, store, kind=kind, period="2023", category="generative-ai",
             taxonomy=taxonomy, **seg),
        both(growth, store, kind=kind, base="2023Q1", current="2023Q2", min_count=1,
             breakout_floor=3, **seg),
        both(related, store, "x.python", kind=kind, period="2023H1", min_count=1, **seg),
    ]:
        assert len(fast) > 0
        assert fast.equals(slow)
    if "by" not in seg:
        where = seg.get("where")
        fast, slow = both(share_of_activity, store, kind=kind, category="generative-ai",
                          taxonomy=taxonomy, base="2023Q1", current="2023Q2",
                          where=where)
        assert fast.equals(slow) and fast["count"].sum() > 0


def test_gap_same_both_ways(shared: DuckDBStore) -> None:
    fast, slow = both(gap, shared, period="2023Q2", min_count=1)
    assert len(fast) > 0 and fast.equals(slow)


def test_derived_table_follows_new_data(store: DuckDBStore, build: Builder) -> None:
    build.posting("2023-01-01", "x.python")
    assert top_skills(store, kind="postings", period="2023").rows[0].count == 1
    assert docskills.prepare(store) == docskills.TABLE
    build.posting("2023-01-02", "x.python")
    assert top_skills(store, kind="postings", period="2023").rows[0].count == 2
    # a re-extraction that replaces a mention keeps the row counts but not extracted_at
    store.con.execute("DELETE FROM mentions WHERE skill_id = 'x.python' AND doc_id = 'p1'")
    store.con.execute("INSERT INTO mentions (kind, doc_id, skill_id, method, taxonomy_version)"
                      " SELECT kind, doc_id, 'x.sql', method, taxonomy_version FROM mentions "
                      "WHERE doc_id = 'p2'")
    store.con.execute("UPDATE extractions SET extracted_at = TIMESTAMP '2026-02-01' "
                      "WHERE doc_id = 'p1'")
    got = {r.skill_id: r.count for r in top_skills(store, kind="postings", period="2023").rows}
    assert got == {"x.python": 1, "x.sql": 1}


def test_read_only_store_counts_without_derived_table(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with DuckDBStore(path) as s:
        b = Builder(s)
        b.posting("2023-01-01", "x.python", "x.python")
        b.posting("2023-01-02", "x.python", "x.sql")
    with DuckDBStore(path, read_only=True) as ro:
        assert docskills.prepare(ro) is None
        res = top_skills(ro, kind="postings", period="2023")
        assert [(r.skill_id, r.count) for r in res.rows] == [("x.python", 2), ("x.sql", 1)]


def test_inside_a_callers_transaction(store: DuckDBStore, build: Builder) -> None:
    build.posting("2023-01-01", "x.python")
    with store.transaction():
        build.posting("2023-01-02", "x.python")
        res = top_skills(store, kind="postings", period="2023")
        assert res.rows[0].count == 2
        build.posting("2023-01-03", "x.python")  # the caller's transaction is still open
    assert top_skills(store, kind="postings", period="2023").rows[0].count == 3
