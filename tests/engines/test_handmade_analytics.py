"""Analytics on a hand-made store (two taxonomy versions, segments from columns and from
``extra``, profiles snapshots) give the same results on Spark: the DuckDB store's tables are
copied into a Spark lake and every ranking is computed on both, from the derived table and
from the join over ``mentions``. (This replaces the former tests/analytics/test_spark_sql.py,
which ran the SQL over temporary views rather than a Spark store.)"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "analytics"))
from analytics_builders import V0, Builder

from skillpulse.analytics import gap, growth, related, share_of_activity, top_skills
from skillpulse.store import DuckDBStore
from skillpulse.store.schema import TABLES
from skillpulse.taxonomy import Concept, Taxonomy

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_concepts([
        Concept("sp.chatgpt", "ChatGPT", category="generative-ai"),
        Concept("x.gpt4", "GPT-4", category="generative-ai"),
        Concept("x.python", "Python", category="programming"),
        Concept("x.sql", "SQL", category="programming"),
    ])


def test_same_results_on_a_spark_store(tmp_path: Path, spark_session: Any,
                                       taxonomy: Taxonomy) -> None:
    from skillpulse.store.spark.store import SparkStore

    duck = DuckDBStore(tmp_path / "s.duckdb")
    b = Builder(duck, batch=True)
    days = ["2023-01-05", "2023-02-10", "2023-04-03", "2023-05-20", "2023-06-30"]
    skills = [["sp.chatgpt", "x.python"], ["x.gpt4"], ["x.python", "x.sql"], ["x.sql"], []]
    for i in range(60):
        day, sk = days[i % 5], skills[(i // 5) % 5]
        b.posting(day, *sk, company_size=["small", "large"][i % 2],
                  extra={"tier": "ab"[i % 3 % 2]})
        b.search(day, *sk[:1])
        if i % 2 == 0:
            b.profile(f"f{i % 7}", f"{day} 0{i % 10}:00:00", *sk, country=["US", "DE"][i % 2])
        if i % 9 == 0:
            b.posting(day, "x.python", version=V0)
    b.flush()
    spark = SparkStore(tmp_path / "lake")
    for table in TABLES:
        if table != "meta":
            spark.append(table, duck.query(f"SELECT * FROM {table}"))
    assert spark.count("postings") == duck.query("SELECT * FROM postings").num_rows > 60
    calls: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = [
        (top_skills, (), {"kind": "postings", "period": "2023H1"}),
        (top_skills, (), {"kind": "postings", "period": "2023", "where": {"tier": "a"},
                          "category": "generative-ai", "taxonomy": taxonomy}),
        (top_skills, (), {"kind": "postings", "period": "2023", "taxonomy_version": V0}),
        (top_skills, (), {"kind": "profiles", "period": "2023Q2", "by": "country"}),
        (growth, (), {"kind": "postings", "base": "2023Q1", "current": "2023Q2",
                      "min_count": 1, "breakout_floor": 2, "by": "company_size"}),
        (growth, (), {"kind": "searches", "base": "2023Q1", "current": "2023Q2",
                      "min_count": 1, "breakout_floor": 1}),
        (share_of_activity, (), {"kind": "postings", "category": "generative-ai",
                                 "taxonomy": taxonomy, "by": "month", "base": "2023Q1",
                                 "current": "2023Q2"}),
        (related, ("x.python",), {"kind": "postings", "period": "2023", "min_count": 1}),
        (gap, (), {"period": "2023Q2", "min_count": 1}),
    ]
    try:
        for fn, args, kwargs in calls:
            want = fn(duck, *args, use_cache=False, **kwargs).to_dict()
            assert want.get("rows"), fn.__name__
            assert fn(duck, *args, **kwargs).to_dict() == want, fn.__name__
            assert fn(spark, *args, use_cache=False, **kwargs).to_dict() == want, fn.__name__
            assert fn(spark, *args, **kwargs).to_dict() == want, fn.__name__
        assert spark.refresh().mode == "none"  # the first call built it; nothing since
    finally:
        duck.close()
        spark.close()
