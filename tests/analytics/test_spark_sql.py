"""The analytics SQL runs on Spark SQL: the same hand-made store, copied into Spark temporary
views, gives the same results as DuckDB (the direct-join path; Spark has no derived table).

Needs the ``spark`` extra and Java (marker ``spark``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyspark  # noqa: F401 - the spark extra is part of `make test`: a missing one fails
import pytest
from analytics_builders import V0, Builder

from skillpulse.analytics import gap, growth, related, share_of_activity, top_skills
from skillpulse.store import DuckDBStore
from skillpulse.store.schema import EVENT_TABLES
from skillpulse.taxonomy import Taxonomy

pytestmark = pytest.mark.spark


class SparkStore:
    """The smallest store over a SparkSession: ``$pN`` parameters become ``:pN``."""

    engine = "spark"

    def __init__(self, spark: Any) -> None:
        self.spark = spark

    def derived_table(self) -> None:  # no derived table: counting joins ``mentions``
        return None

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
        text = re.sub(r"\$(p\d+|k)\b", r":\1", sql)
        df = self.spark.sql(text, args=dict(params or {}))
        return df.toArrow()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DuckDBStore, Any]]:
    os.environ.setdefault("TZ", "UTC")
    from pyspark.sql import SparkSession

    duck = DuckDBStore(tmp_path_factory.mktemp("spark") / "s.duckdb")
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
    spark = (
        SparkSession.builder.master("local[1]").appName("skillpulse-analytics-test")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .getOrCreate()
    )
    for table in (*EVENT_TABLES, "mentions", "extractions"):
        frame = duck.query(f"SELECT * FROM {table}").to_pandas()
        if "skills" in frame.columns:
            frame = frame.drop(columns=["skills"])
        df = (spark.createDataFrame(frame) if len(frame)
              else spark.createDataFrame([], _schema(duck, table)))
        df.createOrReplaceTempView(table)
    try:
        yield duck, SparkStore(spark)
    finally:
        spark.stop()
        duck.close()


def _schema(duck: DuckDBStore, table: str) -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    names = [n for n in duck.query(f"SELECT * FROM {table} LIMIT 0").schema.names
             if n != "skills"]
    return StructType([StructField(n, StringType()) for n in names])


def test_same_results_on_spark(stores: tuple[DuckDBStore, Any], taxonomy: Taxonomy,
                               tmp_path: Path) -> None:
    duck, spark = stores
    calls: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = [
        (top_skills, (), {"kind": "postings", "period": "2023H1"}),
        (top_skills, (), {"kind": "postings", "period": "2023", "where": {"tier": "a"},
                          "category": "generative-ai", "taxonomy": taxonomy}),
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
    for fn, args, kwargs in calls:
        want = fn(duck, *args, use_cache=False, **kwargs).to_dict()
        got = fn(spark, *args, **kwargs).to_dict()
        assert got == want, fn.__name__
        assert want.get("rows"), fn.__name__
