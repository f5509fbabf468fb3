"""One file's events on their way into a Spark store
(:class:`skillpulse.store.base.EventAppend`).

Validated rows and rejects are staged as Parquet in ``<lake>/_staging/`` as they come (the
driver holds one batch at a time): on a local lake each stream goes into one Parquet file
written from the driver, a row group per batch, with no Spark job; on a remote lake (a URI)
each batch is one Spark write. :meth:`SparkEventAppend.merge` is then one Spark job that
keeps the first row of each key (first in file order; ``KindSpec.key``: the id, the content
hash of a search without one, the freelancer and snapshot time of a profile, spelled as the
DuckDB engine spells them) that the table does not hold yet and appends it, counting the
rows it writes as it writes them (an ``Observation``: no count before and after); the
rejects not recorded before for the file's hash and line follow, then the ``ingests`` row.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from skillpulse.store.base import AppendCounts, IngestRecord
from skillpulse.store.kinds import KINDS
from skillpulse.store.spark.store import SparkStore

#: a quoted value inside a reject reason (elided when reasons are counted)
_QUOTED = re.compile("'[^']*'|\"[^\"]*\"")
_ISO = "\"yyyy-MM-dd'T'HH:mm:ss\""

#: Spark SQL for a staged row's key, per ``KindSpec.key`` (the same values as the DuckDB
#: engine's and :func:`skillpulse.ingest.validate.content_id`)
KEY_SQL = {
    "id": "id",
    "content": "COALESCE(id, concat('h:', substr(md5(concat_ws(chr(31), "
               f"date_format(searched_at, {_ISO}), query, COALESCE(client_id, ''))), 1, 20)))",
    "snapshot": f"concat(freelancer_id, '@', date_format(observed_at, {_ISO}))",
}


class SparkEventAppend:
    """See the module docs; made by :meth:`SparkStore.append_events`."""

    def __init__(self, store: SparkStore, kind: str, *, file: str, sha256: str,
                 columns: tuple[str, ...]) -> None:
        self.store = store
        self.spec = KINDS[kind]
        self.file = file
        self.sha256 = sha256
        self.columns = columns
        self.rows_folder = store.staging(f"ingest-{kind}")
        self.rejects_folder = store.staging(f"rejects-{kind}")
        self.staged = 0
        self.rejected = 0
        self.reasons: Counter[tuple[str | None, str]] = Counter()
        #: the open staging files of a local lake: folder -> writer
        self._writers: dict[str, pq.ParquetWriter] = {}
        #: the Arrow schema of each staging folder (read back with it: no schema inference)
        self._schemas: dict[str, pa.Schema] = {}

    def _stage(self, folder: str, batch: pa.Table) -> None:
        """Add ``batch`` to the staging ``folder``: a row group of the folder's one Parquet
        file on a local lake, else a Spark write."""
        self._schemas.setdefault(folder, batch.schema)
        if self.store.path is None:
            self.store.write(folder, self.store.spark.createDataFrame(batch))
            return
        writer = self._writers.get(folder)
        if writer is None:
            path = self.store.path / folder
            path.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(path / "part-0.parquet", batch.schema)
            self._writers[folder] = writer
        writer.write_table(batch.cast(writer.schema))

    def _close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    def add(self, batch: pa.Table) -> None:
        if batch.num_rows:
            self._stage(self.rows_folder, batch)
            self.staged += batch.num_rows

    def reject(self, batch: pa.Table) -> None:
        if not batch.num_rows:
            return
        for field, reason in zip(batch.column("field").to_pylist(),
                                 batch.column("reason").to_pylist(), strict=True):
            self.reasons[(field, _QUOTED.sub("…", reason))] += 1
        n = batch.num_rows
        full = batch.append_column("kind", pa.array([self.spec.name] * n, pa.string())) \
            .append_column("file", pa.array([self.file] * n, pa.string())) \
            .append_column("file_sha256", pa.array([self.sha256] * n, pa.string())) \
            .append_column("rejected_at", pa.array([datetime.now()] * n, pa.timestamp("us")))
        self._stage(self.rejects_folder, full)
        self.rejected += n

    def top_reasons(self, n: int = 3) -> list[tuple[str | None, str, int]]:
        """Most frequent first, then by field (no field last) and reason, as DuckDB orders."""
        ranked = sorted(self.reasons.items(),
                        key=lambda kv: (-kv[1], kv[0][0] is None, kv[0][0] or "", kv[0][1]))
        return [(f, r, c) for (f, r), c in ranked[:n]]

    def merge(self) -> AppendCounts:
        self._close()
        loaded = self._merge_rows() if self.staged else 0
        if self.rejected:
            self._merge_rejects()
        return AppendCounts(loaded, self.staged)

    def _merge_rows(self) -> int:
        from pyspark.sql import functions as F
        from pyspark.sql.window import Window

        store, spec = self.store, self.spec
        staged = self._staged(self.rows_folder)
        for name in spec.column_names:
            if name not in staged.columns:
                staged = staged.withColumn(name, F.lit(None).cast("string"))
        keyed = staged.withColumn("key_", F.expr(KEY_SQL[spec.key]))
        first = keyed.withColumn("rn_", F.row_number().over(
            Window.partitionBy("key_").orderBy("source_line"))).where("rn_ = 1")
        existing = store.frame(spec.name).select(F.col("id").alias("key_"))
        new = first.join(existing, on="key_", how="left_anti")
        values = [F.col("key_").alias("id") if c == "id" else F.col(c)
                  for c in spec.column_names]
        out = new.select(*values, F.col("extra"), F.lit(self.file).alias("source_file"),
                         F.col("source_line"))
        return store.append_counted(spec.name, out)

    def _staged(self, folder: str) -> Any:
        """The staged rows of ``folder`` as a DataFrame, read with the schema they were
        written with (Spark infers nothing: no job)."""
        from pyspark.sql.pandas.types import from_arrow_schema

        schema = from_arrow_schema(self._schemas[folder], prefer_timestamp_ntz=True)
        return self.store.spark.read.schema(schema).parquet(self.store.location(folder))

    def _merge_rejects(self) -> None:
        store = self.store
        if store.path is not None:
            self._merge_rejects_here()
            return
        fresh = self._staged(self.rejects_folder)
        known = store.sql("SELECT line FROM rejects WHERE kind = $kind AND file_sha256 = $sha",
                          {"kind": self.spec.name, "sha": self.sha256})
        store.append("rejects", fresh.join(known, on="line", how="left_anti"))

    def _merge_rejects_here(self) -> None:
        """The rejects of a local lake, merged on the driver: the lines already recorded
        for this kind and file hash (a filtered read of two columns of ``rejects``) are left
        out of the staged ones, which are appended a bounded batch at a time; no Spark job
        (the rejects of one file are few beside its rows)."""
        import pyarrow.compute as pc
        import pyarrow.dataset as ds

        from skillpulse.store.spark.store import conform_arrow
        from skillpulse.store.spark.tables import arrow_schema

        store = self.store
        assert store.path is not None
        known: pa.Array = pa.array([], pa.int64())
        folder = store.path / "rejects"
        if folder.is_dir():
            table = ds.dataset(folder, format="parquet", schema=arrow_schema("rejects"))
            known = table.to_table(columns=["line"], filter=(
                (ds.field("kind") == self.spec.name)
                & (ds.field("file_sha256") == self.sha256))).column("line").combine_chunks()
        staged = pq.ParquetFile(store.path / self.rejects_folder / "part-0.parquet")
        for batch in staged.iter_batches(batch_size=100_000):
            fresh = pa.Table.from_batches([batch])
            if len(known):
                fresh = fresh.filter(pc.invert(pc.is_in(fresh.column("line"), known)))
            if fresh.num_rows:
                store.write_arrow("rejects", conform_arrow(fresh, "rejects"))

    def record(self, info: IngestRecord) -> None:
        self.store.append("ingests", _ingest_row(info))

    def cleanup(self) -> None:
        self._close()
        self.store.remove(self.rows_folder)
        self.store.remove(self.rejects_folder)


def _ingest_row(info: IngestRecord) -> pa.Table:
    values: dict[str, Any] = {
        "kind": [info.kind], "file": [info.file], "file_sha256": [info.sha256],
        "bytes": pa.array([info.bytes], pa.int64()),
        "rows_read": pa.array([info.read], pa.int64()),
        "loaded": pa.array([info.loaded], pa.int64()),
        "rejected": pa.array([info.rejected], pa.int64()),
        "duplicates": pa.array([info.duplicates], pa.int64()),
        "started_at": pa.array([info.started_at], pa.timestamp("us")),
        "seconds": pa.array([info.seconds], pa.float64())}
    return pa.table(values)
