"""The Spark engine's store: one folder of Parquet tables (a "lake"), queried with Spark SQL.

A lake is a local folder or a URI Spark's Hadoop file systems read (``s3a://bucket/path``,
``hdfs://...``, ``abfss://...``). Each table of :mod:`skillpulse.store.schema` (and the
derived counting table) is a folder ``<lake>/<table>/`` of Parquet files; ``<lake>/meta/``
marks a store. Writes append files (one Spark job per append: a failed job leaves nothing
visible); there are no multi-table transactions, so a file's events, its rejects and its
``ingests`` row are three appends, events first.

:meth:`SparkStore.query` runs the analytics layer's SQL (``$name`` parameters become Spark's
``:name`` markers) and returns Arrow, as :class:`~skillpulse.store.duckdb.DuckDBStore` does;
engine spellings come from :mod:`skillpulse.analytics.dialect`.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from skillpulse.errors import StoreError
from skillpulse.store.schema import SCHEMA_VERSION
from skillpulse.store.spark.session import session
from skillpulse.store.spark.tables import TABLES, columns, ddl

log = logging.getLogger(__name__)

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: where writes stage their data inside the lake (removed after each step)
STAGING = "_staging"


def lake_uri(lake: str | Path) -> str:
    """The lake as Spark reads it: a URI as given, a local folder as an absolute path."""
    text = str(lake).rstrip("/")
    if not text:
        raise StoreError("the lake needs a path (--lake PATH or SKILLPULSE_LAKE)")
    if _URI.match(text):
        return text
    if text.startswith("file:"):
        text = text[len("file:"):]
    return str(Path(text).expanduser().resolve())


class SparkStore:
    """A skillpulse store in a lake of Parquet tables (see the module docs)."""

    engine = "spark"

    def __init__(self, lake: str | Path, *, create: bool = True, read_only: bool = False,
                 master: str | None = None) -> None:
        self.lake = lake_uri(lake)
        self.read_only = read_only
        self.spark = session(master)
        self._views: set[str] = set()
        if not self.exists("meta"):
            if read_only or not create:
                raise StoreError(f"no store at {self.lake} (nothing was created): ingest data "
                                 "into it first, or check the path (--lake or SKILLPULSE_LAKE)")
            log.info("creating the Spark store %s", self.lake)
            self.append("meta", pa.table({"key": ["schema_version"],
                                          "value": [SCHEMA_VERSION]}))

    # -- paths and files -------------------------------------------------------------------
    def path(self, table: str) -> str:
        return f"{self.lake}/{table}"

    def _fs_path(self, path: str) -> tuple[Any, Any]:
        jvm = self.spark.sparkContext._jvm
        hpath = jvm.org.apache.hadoop.fs.Path(path)
        conf = self.spark.sparkContext._jsc.hadoopConfiguration()
        return hpath.getFileSystem(conf), hpath

    def exists(self, table: str) -> bool:
        """Whether ``table`` has been written (its folder exists)."""
        fs, hpath = self._fs_path(self.path(table))
        return bool(fs.exists(hpath))

    def remove(self, relative: str) -> None:
        """Delete ``<lake>/<relative>`` (a staging folder) recursively."""
        fs, hpath = self._fs_path(self.path(relative))
        if fs.exists(hpath):
            fs.delete(hpath, True)

    def staging(self, what: str) -> str:
        """A fresh staging folder name inside the lake (relative to it)."""
        return f"{STAGING}/{what}-{uuid.uuid4().hex[:12]}"

    def size_bytes(self) -> int:
        fs, hpath = self._fs_path(self.lake)
        if not fs.exists(hpath):
            return 0
        return int(fs.getContentSummary(hpath).getLength())

    # -- reading ---------------------------------------------------------------------------
    def frame(self, table: str) -> Any:
        """The table as a DataFrame (an empty one with its schema when never written)."""
        schema = ddl(table)
        if self.exists(table):
            return self.spark.read.schema(schema).parquet(self.path(table))
        return self.spark.createDataFrame([], schema)

    def _register(self, sql: str) -> None:
        for word in set(_WORDS.findall(sql)):
            if word in TABLES and word not in self._views:
                self.frame(word).createOrReplaceTempView(word)
                self._views.add(word)

    def sql(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        """A Spark DataFrame of ``sql`` over the store's tables (``$name`` parameters)."""
        self._register(sql)
        return self.spark.sql(_PARAM.sub(r":\1", sql), args=dict(params or {}))

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
        """Run one SQL statement and return its result as an Arrow table."""
        table: pa.Table = self.sql(sql, params).toArrow()
        return table

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        table = self.query(sql, params)
        return list(zip(*(c.to_pylist() for c in table.columns), strict=True))

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    def count(self, table: str) -> int:
        """Rows of ``table`` (from the Parquet footers: no scan of the data)."""
        return int(self.frame(table).count()) if self.exists(table) else 0

    # -- writing ---------------------------------------------------------------------------
    def append(self, table: str, data: Any) -> None:
        """Append ``data`` (an Arrow table or a Spark DataFrame with the table's columns, in
        any order) to ``table``, in one Spark job, cast to the table's types."""
        if self.read_only:
            raise StoreError(f"{self.lake} is open read-only")
        if isinstance(data, pa.Table):
            if data.num_rows == 0:
                return
            data = self.spark.createDataFrame(data)
        self.write(table, conform(data, table))

    def write(self, relative: str, frame: Any, *, mode: str = "append") -> None:
        """Write a DataFrame as Parquet to ``<lake>/<relative>`` and forget cached views."""
        frame.write.mode(mode).parquet(self.path(relative))
        self._views.discard(relative)

    def forget(self, *tables: str) -> None:
        """Read ``tables`` afresh on their next use (after another process wrote them)."""
        self._views.difference_update(tables or set(self._views))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Appends are atomic per Spark job only (see the module docs); this block groups
        nothing and exists so code written for either engine runs."""
        yield

    @contextmanager
    def memory_limit(self, limit: str) -> Iterator[None]:
        """Spark's memory is set per session (``spark.driver.memory``, ...): nothing to do."""
        yield

    def close(self) -> None:
        """Forget the views; the SparkSession stays for the process (one per process)."""
        for view in self._views:
            self.spark.catalog.dropTempView(view)
        self._views.clear()

    def __enter__(self) -> SparkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SparkStore({self.lake!r})"


def conform(frame: Any, table: str) -> Any:
    """``frame`` with exactly ``table``'s columns in order and types (missing ones NULL)."""
    have = set(frame.columns)
    exprs = []
    for name, kind in TABLES[table]:
        source = name if name in have else "NULL"
        exprs.append(f"CAST({source} AS {kind}) AS {name}")
    return frame.selectExpr(*exprs)


def open_spark_store(lake: str | Path, *, read_only: bool = False, create: bool = True,
                     master: str | None = None) -> SparkStore:
    """Open (or, with ``create``, create) the Spark store in ``lake``."""
    return SparkStore(lake, read_only=read_only, create=create, master=master)


__all__ = ["SparkStore", "columns", "conform", "lake_uri", "open_spark_store"]
