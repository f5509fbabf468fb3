"""Exports from a Spark store to one local file (``skillpulse export``): the rows stream
from the executors to the driver partition by partition and are written in Arrow batches,
so the driver holds one batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from skillpulse.analytics.dialect import SPARK
from skillpulse.store.kinds import TIME_FIELDS, check_kind
from skillpulse.store.queries import EXPORT_LABELS, EXPORT_VERSIONS, export_results_sql
from skillpulse.store.spark.store import SparkStore

#: rows per Arrow batch written
BATCH = 10_000


def _batches(frame: Any, schema: pa.Schema) -> Iterator[pa.Table]:
    rows: list[dict[str, Any]] = []
    for row in frame.toLocalIterator():
        rows.append(row.asDict())
        if len(rows) >= BATCH:
            yield pa.Table.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=schema)


def _json_value(value: Any) -> str:
    """A value orjson leaves to us, written as DuckDB's exports write it: a timestamp as
    ``2022-10-02 17:36:47`` (a fraction only when present, without trailing zeros)."""
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
        return text.rstrip("0") if "." in text else text
    return str(value)


def _csv_text(kind: pa.DataType) -> Callable[[Any], str] | None:
    """How a CSV cell of this Arrow type is written, or None for pyarrow's own writing."""
    if pa.types.is_list(kind):
        return lambda v: orjson.dumps(v).decode()
    if pa.types.is_timestamp(kind):
        return _json_value
    if pa.types.is_floating(kind):
        return repr
    return None


def _write(frame: Any, out: Path, fmt: str) -> int:
    """Write ``frame`` to ``out`` in ``fmt``; lists become JSON text in CSV."""
    schema = frame.limit(0).toArrow().schema
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(out, schema) as writer:
            for batch in _batches(frame, schema):
                writer.write_table(batch)
                written += batch.num_rows
        return written
    if fmt == "csv":
        import pyarrow.csv as pacsv

        # lists become JSON text; timestamps and floats are written as DuckDB's CSV export
        # writes them ('2022-10-02 17:36:47', '1.0'), so a file does not depend on the engine
        writers = {f.name: _csv_text(f.type) for f in schema}
        as_text = {name: fn for name, fn in writers.items() if fn is not None}
        csv_schema = pa.schema([pa.field(f.name, pa.string()) if f.name in as_text else f
                                for f in schema])
        with pacsv.CSVWriter(out, csv_schema) as writer:
            for batch in _batches(frame, schema):
                for name, fn in as_text.items():
                    index = batch.schema.get_field_index(name)
                    text = [None if v is None else fn(v)
                            for v in batch.column(name).to_pylist()]
                    batch = batch.set_column(index, name, pa.array(text, pa.string()))
                writer.write_table(batch)
                written += batch.num_rows
        return written
    with open(out, "wb") as fh:
        for batch in _batches(frame, schema):
            for record in batch.to_pylist():
                fh.write(orjson.dumps(record, default=_json_value,
                                      option=orjson.OPT_PASSTHROUGH_DATETIME) + b"\n")
            written += batch.num_rows
    return written


def export_events(store: SparkStore, kind: str, out: Path, fmt: str) -> int:
    """The kind's events ordered by time and id."""
    ts = TIME_FIELDS[check_kind(kind)]
    return _write(store.sql(f"SELECT * FROM {kind} ORDER BY {ts}, id"), Path(out), fmt)


def export_results(store: SparkStore, what: str, out: Path, fmt: str, *,
                   versions: Mapping[str, str], labels: pa.Table) -> int:
    """``mentions`` or ``doc-skills`` of each kind at ``versions[kind]`` (the columns of
    :func:`skillpulse.store.inspect.export_results`)."""
    spark = store.spark
    spark.createDataFrame(labels).createOrReplaceTempView(EXPORT_LABELS)
    chosen = pa.table({"kind": pa.array(list(versions), pa.string()),
                       "version": pa.array(list(versions.values()), pa.string())})
    (spark.createDataFrame(chosen) if chosen.num_rows
     else spark.createDataFrame([], "kind STRING, version STRING")
     ).createOrReplaceTempView(EXPORT_VERSIONS)
    sql = export_results_sql(what, fmt, SPARK)
    return _write(store.sql(sql), Path(out), fmt)
