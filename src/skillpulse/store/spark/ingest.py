"""Ingest into a Spark store: the same readers and validator as the DuckDB engine, so the
same rows are loaded, rejected (with the same file, line, field and reason) and counted as
duplicates.

Validated rows go to Spark as Arrow batches, staged as Parquet inside the lake
(``<lake>/_staging/``), so the driver holds one batch at a time whatever the file's size.
One Spark job then keeps the first row of each key (kind + id; searches without an id get
the content hash, profiles the freelancer and snapshot time, as on DuckDB) that the table
does not hold yet and appends it; rejects not yet recorded for the file's content and the
``ingests`` row follow.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from skillpulse.errors import IngestInterrupted, InputFileError, RowError
from skillpulse.ingest.kinds import KindSpec, kind_spec
from skillpulse.ingest.mapping import Mapping
from skillpulse.ingest.pipeline import (
    _ARROW_TYPES,
    _QUOTED,
    IngestInfo,
    Progress,
    RejectReason,
    _exact,
    _raw_text,
    file_sha256,
)
from skillpulse.ingest.readers import detect_format, peek_columns, read_rows
from skillpulse.ingest.validate import InexactNumber, Validator
from skillpulse.store.schema import CONTRACT_COLUMNS
from skillpulse.store.spark.store import SparkStore

log = logging.getLogger(__name__)

#: validated rows sent to Spark at a time (one staging append each)
BATCH_ROWS = 50_000
#: rejected rows carry their raw text: staged in smaller batches
REJECT_BATCH_ROWS = 5_000

#: Spark SQL for a staged row's key: the same as the DuckDB engine's
#: (:func:`skillpulse.ingest.validate.content_id` for searches without an id)
_KEY_SQL = {
    "searches": "COALESCE(id, concat('h:', substr(md5(concat_ws(chr(31), "
                "date_format(searched_at, \"yyyy-MM-dd'T'HH:mm:ss\"), query, "
                "COALESCE(client_id, ''))), 1, 20)))",
    "profiles": "concat(freelancer_id, '@', date_format(observed_at, \"yyyy-MM-dd'T'HH:mm:ss\"))",
}


class _Stage:
    """Validated rows, sent to the lake's staging folder in Arrow batches."""

    def __init__(self, store: SparkStore, spec: KindSpec, columns: tuple[str, ...]) -> None:
        self.store = store
        types = {f.name: f.type for f in spec.fields}
        self.schema = pa.schema([
            *((name, _ARROW_TYPES[types[name]]) for name in columns if name in types),
            ("extra", pa.string()), ("source_line", pa.int64())])
        self.rows: list[tuple[Any, ...]] = []
        self.lines: list[int] = []
        self.folder = store.staging(f"ingest-{spec.name}")
        self.staged = 0

    def add(self, row: tuple[Any, ...], line: int) -> None:
        self.rows.append(row)
        self.lines.append(line)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        columns = [list(c) for c in zip(*self.rows, strict=True)]
        arrays = [pa.array(values, type=field.type)
                  for field, values in zip(self.schema, [*columns, self.lines], strict=True)]
        batch = pa.Table.from_arrays(arrays, schema=self.schema)
        self.store.write(self.folder, self.store.spark.createDataFrame(batch))
        self.staged += batch.num_rows
        self.rows, self.lines = [], []


class _Rejects:
    """Rejected rows, staged in the lake in batches (memory stays flat however many rows a
    file rejects); reasons counted as they come."""

    def __init__(self, store: SparkStore, kind: str, file: str, sha: str) -> None:
        self.store = store
        self.kind, self.file, self.sha = kind, file, sha
        self.folder = store.staging(f"rejects-{kind}")
        self.rows: list[tuple[int, str | None, str, str]] = []
        self.count = 0
        self.staged = 0
        self.reasons: Counter[tuple[str | None, str]] = Counter()
        self._quoted = re.compile(_QUOTED)

    def add(self, line: int, field: str | None, reason: str, raw: str) -> None:
        self.rows.append((line, field, reason, raw))
        self.count += 1
        self.reasons[(field, self._quoted.sub("…", reason))] += 1
        if len(self.rows) >= REJECT_BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        lines, fields, reasons, raws = (list(c) for c in zip(*self.rows, strict=True))
        n = len(lines)
        batch = pa.table({
            "kind": pa.array([self.kind] * n, pa.string()),
            "file": pa.array([self.file] * n, pa.string()),
            "file_sha256": pa.array([self.sha] * n, pa.string()),
            "line": pa.array(lines, pa.int64()), "field": pa.array(fields, pa.string()),
            "reason": pa.array(reasons, pa.string()), "raw": pa.array(raws, pa.string()),
            "rejected_at": pa.array([datetime.now()] * n, pa.timestamp("us"))})
        self.store.write(self.folder, self.store.spark.createDataFrame(batch))
        self.staged += n
        self.rows = []

    def top(self, n: int = 3) -> tuple[RejectReason, ...]:
        """The ``n`` most frequent (field, reason) pairs, ordered as the DuckDB engine orders
        them (count, then field with no field last, then reason)."""
        ranked = sorted(self.reasons.items(),
                        key=lambda kv: (-kv[1], kv[0][0] is None, kv[0][0] or "", kv[0][1]))
        return tuple(RejectReason(f, r, c) for (f, r), c in ranked[:n])

    def commit(self) -> None:
        """Append the rejects not recorded yet for this content (a re-ingest of the same
        file records them once)."""
        self.flush()
        if not self.staged:
            return
        fresh = self.store.spark.read.parquet(self.store.path(self.folder))
        known = self.store.sql(
            "SELECT line FROM rejects WHERE kind = $kind AND file_sha256 = $sha",
            {"kind": self.kind, "sha": self.sha})
        self.store.append("rejects", fresh.join(known, on="line", how="left_anti"))


def ingest_file(store: SparkStore, kind: str, path: str | Path, *,
                mapping: Mapping | None = None, fmt: str | None = None,
                progress: Progress | None = None) -> IngestInfo:
    """Load one file of events of ``kind`` into the Spark ``store``: the contract of
    :func:`skillpulse.ingest.pipeline.ingest_file` (read = loaded + rejected + duplicates;
    the same errors before anything is loaded)."""
    spec = kind_spec(kind)
    path = Path(path)
    try:
        if not path.is_file():
            raise InputFileError(str(path), "no such file")
        mapping = mapping or Mapping()
        mapping.check(spec)
        fmt = detect_format(path, fmt or mapping.format)
        mapping.check_columns(spec, peek_columns(path, fmt), str(path))
        validator = Validator(spec, mapping.columns, constants=mapping.constants,
                              id_from=mapping.id_from, rules=mapping.date_rules(),
                              window=mapping.window_bounds())
        return _ingest(store, spec, path, fmt, validator, progress)
    except KeyboardInterrupt as exc:
        raise IngestInterrupted(str(path)) from exc


def _ingest(store: SparkStore, spec: KindSpec, path: Path, fmt: str, validator: Validator,
            progress: Progress | None) -> IngestInfo:
    started = time.perf_counter()
    started_at = datetime.now()
    sha = file_sha256(path)
    size = path.stat().st_size
    validate = validator.validate
    file_label = str(path)
    rows, counter = read_rows(path, fmt)
    stage = _Stage(store, spec, validator.columns)
    rejects = _Rejects(store, spec.name, file_label, sha)
    read = 0
    try:
        for raw in rows:
            read += 1
            if raw.record is None:
                rejects.add(raw.line, None, raw.error or "unreadable row", raw.raw)
            else:
                try:
                    row = validate(raw.record)
                except InexactNumber as exc:
                    exact = _exact(validate, raw, exc, rejects)  # type: ignore[arg-type]
                    if exact is not None:
                        stage.add(exact, raw.line)
                except RowError as exc:
                    rejects.add(raw.line, exc.field, exc.reason, _raw_text(raw.record))
                else:
                    stage.add(row, raw.line)
            if progress is not None and read % 8192 == 0:
                progress(counter.bytes_read if counter else 0, read)
        stage.flush()
        loaded = _merge_stage(store, spec, stage.folder, file_label) if stage.staged else 0
        rejects.commit()
        seconds = time.perf_counter() - started
        info = IngestInfo(file_label, spec.name, read, loaded, rejects.count,
                          stage.staged - loaded, seconds, sha, size, rejects.top())
        store.append("ingests", pa.table({
            "kind": [spec.name], "file": [file_label], "file_sha256": [sha],
            "bytes": pa.array([size], pa.int64()), "rows_read": pa.array([read], pa.int64()),
            "loaded": pa.array([loaded], pa.int64()),
            "rejected": pa.array([rejects.count], pa.int64()),
            "duplicates": pa.array([info.duplicates], pa.int64()),
            "started_at": pa.array([started_at], pa.timestamp("us")),
            "seconds": [seconds]}))
    finally:
        store.remove(stage.folder)
        store.remove(rejects.folder)
    if progress is not None:
        progress(size if counter else 0, read)
    log.info("ingested %s: %s", file_label, info)
    return info


def _merge_stage(store: SparkStore, spec: KindSpec, folder: str, file: str) -> int:
    """Append the staged rows whose key is new (the first occurrence in the file wins);
    returns the rows appended."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    key = _KEY_SQL.get(spec.name, "id")
    staged = store.spark.read.parquet(store.path(folder)).withColumn("key_", F.expr(key))
    first = (staged.withColumn("rn_", F.row_number().over(
        Window.partitionBy("key_").orderBy("source_line"))).where("rn_ = 1"))
    existing = store.frame(spec.name).select(F.col("id").alias("key_"))
    new = first.join(existing, on="key_", how="left_anti")
    values = [F.col("key_").alias("id") if c == "id" else F.col(c)
              for c in CONTRACT_COLUMNS[spec.name]]
    out = new.select(*values, F.col("extra"), F.lit(file).alias("source_file"),
                     F.col("source_line"))
    before = store.count(spec.name)
    store.append(spec.name, out)
    return store.count(spec.name) - before
