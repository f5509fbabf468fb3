"""A survey on its way into a Spark store (:class:`skillpulse.store.base.SurveyWrite`).

The new survey's rows are staged in the lake; :meth:`SparkSurveyWrite.commit` then rewrites
each survey table as its rows of other surveys plus the staged ones (Parquet cannot delete
rows in place; survey tables are small), drops the old file's rejects unless another survey
shares that file, and appends the new rejects and the ``ingests`` row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyarrow as pa

from skillpulse.store.base import IngestRecord
from skillpulse.store.spark.append import _ingest_row
from skillpulse.store.spark.store import SparkStore, conform

_TABLES = ("surveys", "survey_questions", "survey_respondents", "survey_answers")


class SparkSurveyWrite:
    """See the module docs; made by :meth:`SparkStore.replace_survey`."""

    def __init__(self, store: SparkStore, name: str) -> None:
        self.store = store
        self.name = name
        self.folders = {t: store.staging(f"survey-{t}") for t in (*_TABLES, "rejects")}
        self.written: set[str] = set()
        self.ingest: IngestRecord | None = None

    def _stage(self, table: str, batch: pa.Table, **constants: Any) -> None:
        if not batch.num_rows:
            return
        n = batch.num_rows
        for key, value in {"name": self.name, **constants}.items():
            if key not in batch.column_names:
                typed = pa.timestamp("us") if isinstance(value, datetime) else None
                batch = batch.append_column(key, pa.array([value] * n, typed))
        frame = conform(self.store.spark.createDataFrame(batch), table)
        self.store.write(self.folders[table], frame)
        self.written.add(table)

    def answers(self, batch: pa.Table) -> None:
        self._stage("survey_answers", batch)

    def respondents(self, batch: pa.Table) -> None:
        self._stage("survey_respondents", batch)

    def questions(self, table: pa.Table) -> None:
        self._stage("survey_questions", table)

    def rejects(self, file: str, sha256: str, table: pa.Table) -> None:
        self._stage("rejects", table, kind="survey", file=file, file_sha256=sha256,
                    rejected_at=datetime.now())

    def record(self, *, file: str, sha256: str, weight_column: str | None, respondents: int,
               questions: int, loaded_at: datetime, ingest: IngestRecord) -> None:
        self._stage("surveys", pa.table({
            "file": [file], "file_sha256": [sha256],
            "weight_column": pa.array([weight_column], pa.string()),
            "respondents": pa.array([respondents], pa.int64()),
            "questions": pa.array([questions], pa.int32()),
            "loaded_at": pa.array([loaded_at], pa.timestamp("us"))}))
        self.ingest = ingest

    def commit(self) -> None:
        store = self.store
        try:
            old = store.rows("SELECT file_sha256 FROM surveys WHERE name = $name",
                             {"name": self.name})
            shared = {r[0] for r in store.rows(
                "SELECT file_sha256 FROM surveys WHERE name <> $name", {"name": self.name})}
            for table in _TABLES:
                keep = store.sql(f"SELECT * FROM {table} WHERE name <> $name",
                                 {"name": self.name})
                if table in self.written:
                    keep = keep.unionByName(store.spark.read.parquet(
                        store.location(self.folders[table])))
                self._rewrite(table, keep)
            dropped = [sha for (sha,) in old if sha is not None and sha not in shared]
            if dropped:
                keep = store.sql("SELECT * FROM rejects WHERE NOT (kind = 'survey' AND "
                                 "file_sha256 IN (" + ", ".join(
                                     f"$s{i}" for i in range(len(dropped))) + "))",
                                 {f"s{i}": s for i, s in enumerate(dropped)})
                self._rewrite("rejects", keep)
            if "rejects" in self.written:
                fresh = store.spark.read.parquet(store.location(self.folders["rejects"]))
                known = store.sql("SELECT file_sha256, line FROM rejects WHERE kind = 'survey'")
                store.append("rejects", fresh.join(known, on=["file_sha256", "line"],
                                                   how="left_anti"))
            if self.ingest is not None:
                store.append("ingests", _ingest_row(self.ingest))
        finally:
            self.cleanup()

    def _rewrite(self, table: str, frame: Any) -> None:
        folder = self.store.staging(f"rewrite-{table}")
        self.store.write(folder, conform(frame, table), mode="overwrite")
        self.store.replace(table, folder)

    def cleanup(self) -> None:
        for folder in self.folders.values():
            self.store.remove(folder)
