"""Spark jobs on a local lake: what the driver writes itself (staged ingest batches, rejects,
small tables) starts no job, so an ingest's jobs do not grow with its batches; repeated
reads are answered without a job until the next write. Job IDs are sequential, so the
jobs a step started are the difference of the highest ID before and after it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from engine_builds import settings_env

from skillpulse.ingest import pipeline
from skillpulse.settings import resolve
from skillpulse.workspace import Workspace

pytestmark = pytest.mark.spark


def _jobs(spark: Any) -> int:
    ids = spark.sparkContext.statusTracker().getJobIdsForGroup()
    return max(ids) + 1 if ids else 0


def _searches(path: Path, ids: range, bad: int) -> Path:
    """Searches with the given ids (one a minute from 2023-01-01) and ``bad`` lines
    without a time."""
    lines = [json.dumps({"id": f"s-{i}", "searched_at": f"2023-01-01T{i // 60 % 24:02d}:"
                         f"{i % 60:02d}:00", "query": f"python developer {i % 7}"})
             for i in ids]
    lines += [json.dumps({"id": f"bad-{path.stem}-{i}", "query": "no time"})
              for i in range(bad)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_jobs_do_not_grow_with_batches(tmp_path: Path, spark_session: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_ROWS", 500)
    monkeypatch.setattr(pipeline, "REJECT_BATCH_ROWS", 50)
    ws = Workspace(resolve(environ=settings_env(), engine="spark", lake=str(tmp_path / "l")))
    ws.ingest("searches", _searches(tmp_path / "seed.jsonl", range(0, 10), 1))
    before = _jobs(spark_session)
    small = ws.ingest("searches", _searches(tmp_path / "small.jsonl", range(10, 410), 3))
    small_jobs = _jobs(spark_session) - before
    before = _jobs(spark_session)
    # 12 batches of rows and 4 of rejects; 100 ids already stored by the small file
    big = ws.ingest("searches", _searches(tmp_path / "big.jsonl", range(310, 6310), 180))
    big_jobs = _jobs(spark_session) - before
    assert (small.read, small.loaded, small.rejected, small.duplicates) == (403, 400, 3, 0)
    assert (big.read, big.loaded, big.rejected, big.duplicates) == (6180, 5900, 180, 100)
    assert big_jobs <= small_jobs + 2, (small_jobs, big_jobs)  # not one job per batch
    with ws.store() as s:
        assert s.query("SELECT COUNT(*) AS n FROM searches").to_pylist() == [{"n": 6310}]
        assert s.query("SELECT COUNT(*) AS n FROM rejects").to_pylist() == [{"n": 184}]
    again = ws.ingest("searches", tmp_path / "big.jsonl")
    assert (again.loaded, again.duplicates, again.rejected) == (0, 6000, 180)
    with ws.store() as s:  # the rejects of a file are recorded once
        assert s.query("SELECT COUNT(*) AS n FROM rejects").to_pylist() == [{"n": 184}]


def _ingest_row(n: int) -> pa.Table:
    return pa.table({"kind": ["searches"], "file": [f"f{n}.jsonl"], "file_sha256": [f"{n}"],
                     "bytes": pa.array([10 * n], pa.int64()),
                     "rows_read": pa.array([n], pa.int64()),
                     "started_at": pa.array([datetime(2023, 5, n, 8, 30, 1, 250)],
                                            pa.timestamp("us")),
                     "seconds": [0.5 * n]})


def test_driver_writes_and_memoised_reads(tmp_path: Path, spark_session: Any) -> None:
    from skillpulse.store.spark.store import SparkStore

    store = SparkStore(tmp_path / "lake")
    before = _jobs(spark_session)
    store.append("ingests", _ingest_row(1))
    assert _jobs(spark_session) == before  # written from the driver
    sql = "SELECT file, bytes, started_at, seconds, loaded FROM ingests ORDER BY file"
    first = store.query(sql).to_pylist()
    assert first == [{"file": "f1.jsonl", "bytes": 10, "seconds": 0.5, "loaded": None,
                      "started_at": datetime(2023, 5, 1, 8, 30, 1, 250)}]
    before = _jobs(spark_session)
    assert store.query(sql).to_pylist() == first
    assert _jobs(spark_session) == before  # answered from the memo
    count = "SELECT COUNT(*) AS n FROM ingests WHERE bytes > $b"
    assert store.query(count, {"b": 5}).to_pylist() == [{"n": 1}]
    assert store.query(count, {"b": 15}).to_pylist() == [{"n": 0}]  # its own parameters
    store.append("ingests", _ingest_row(2))  # a write forgets the memo
    assert store.query(count, {"b": 15}).to_pylist() == [{"n": 1}]
    assert [r["file"] for r in store.query(sql).to_pylist()] == ["f1.jsonl", "f2.jsonl"]
    # what the driver wrote is what Spark reads in the table's types
    frame = store.frame("ingests")
    assert dict(frame.dtypes)["started_at"] == "timestamp_ntz"
    assert dict(frame.dtypes)["bytes"] == "bigint"
