"""The Spark engine's store: one folder of Parquet tables (a "lake"), queried with Spark SQL.

A lake is a local folder or a URI Spark's Hadoop file systems read (``s3a://bucket/path``,
``hdfs://...``, ``abfss://...``). Each table of :mod:`skillpulse.store.schema` (and the
derived counting table) is a folder ``<lake>/<table>/`` of Parquet files; ``<lake>/meta/``
marks a store. Writes append files: a DataFrame in one Spark job (a failed job leaves
nothing visible); on a local lake, the small Arrow tables the driver holds (an ``ingests``
row, rejects, the derived table's state) as one file written from the driver and renamed
into place, with no job. Parquet has no transactions across tables: a file's events, its rejects and its
``ingests`` row are three appends, events first (an ingest killed between them leaves its
events without their ``ingests`` row; ingesting the file again loads nothing twice).

:class:`SparkStore` implements :class:`skillpulse.store.base.Store`. :meth:`SparkStore.query`
runs the analytics layer's SQL (``$name`` parameters become Spark's ``:name`` markers) and
returns Arrow; engine spellings come from :mod:`skillpulse.analytics.dialect`. Small results
are kept until the store's next write (the same question again costs no job).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.errors import StoreError
from skillpulse.store.base import Pending, PendingDoc, RefreshInfo
from skillpulse.store.kinds import EXTRACT_FIELDS, TIME_FIELDS, check_kind
from skillpulse.store.reads import SqlReads
from skillpulse.store.schema import SCHEMA_VERSION
from skillpulse.store.spark.session import session
from skillpulse.store.spark.tables import TABLES, ddl

if TYPE_CHECKING:
    from skillpulse.analytics.dialect import Dialect
    from skillpulse.store.base import EventAppend, SurveyWrite
    from skillpulse.store.inspect import StoreStatus

log = logging.getLogger(__name__)

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: where writes stage their data inside the lake (removed after each step)
STAGING = "_staging"
#: results of at most this many rows are kept by :meth:`SparkStore.query` (see there) ...
MEMO_ROWS = 20_000
#: ... up to this many of them (then the memo starts again)
MEMO_ENTRIES = 512


def lake_uri(lake: str | Path) -> str:
    """The lake as Spark reads it: a URI as given, a local folder as an absolute path."""
    text = str(lake).rstrip("/")
    if not text:
        raise StoreError("the Spark engine needs a lake (--lake PATH or SKILLPULSE_LAKE)")
    if any(c in text for c in "[]*?{}\\"):
        raise StoreError(f"lake {text}: a lake path cannot hold any of [ ] * ? {{ }} \\ "
                         "(Spark reads them as file patterns)")
    if _URI.match(text):
        return text
    if text.startswith("file:"):
        text = text[len("file:"):]
    return str(Path(text).expanduser().resolve())


class SparkStore(SqlReads):
    """A skillpulse store in a lake of Parquet tables (see the module docs)."""

    engine = "spark"

    def __init__(self, lake: str | Path, *, create: bool = True, read_only: bool = False,
                 master: str | None = None) -> None:
        self.lake = lake_uri(lake)
        self.path: Path | None = None if _URI.match(self.lake) else Path(self.lake)
        self.read_only = read_only
        self.spark = session(master)
        self._views: set[str] = set()
        #: results of :meth:`query` since the last write (see there)
        self._results: dict[tuple[str, str], pa.Table] = {}
        #: the derived table checked up to date since this store's last write
        self._derived: str | None = None
        if not self.exists("meta"):
            if read_only or not create:
                raise StoreError(f"no store at {self.lake} (nothing was created): ingest data "
                                 "into it first, or check the path (--lake or SKILLPULSE_LAKE)")
            log.info("creating the Spark store %s", self.lake)
            self.append("meta", pa.table({"key": ["schema_version"],
                                          "value": [SCHEMA_VERSION]}))

    @property
    def dialect(self) -> Dialect:
        from skillpulse.analytics.dialect import SPARK

        return SPARK

    # -- paths and files -------------------------------------------------------------------
    def location(self, table: str) -> str:
        """Where ``table`` (or a staging folder) lives: ``<lake>/<table>``."""
        return f"{self.lake}/{table}"

    def _fs_path(self, path: str) -> tuple[Any, Any]:
        jvm = self.spark.sparkContext._jvm
        hpath = jvm.org.apache.hadoop.fs.Path(path)
        conf = self.spark.sparkContext._jsc.hadoopConfiguration()
        return hpath.getFileSystem(conf), hpath

    def exists(self, table: str) -> bool:
        """Whether ``table`` has been written (its folder exists)."""
        fs, hpath = self._fs_path(self.location(table))
        return bool(fs.exists(hpath))

    def remove(self, relative: str) -> None:
        """Delete ``<lake>/<relative>`` (a staging folder) recursively."""
        fs, hpath = self._fs_path(self.location(relative))
        if fs.exists(hpath):
            fs.delete(hpath, True)
        self._views.discard(relative)
        self._results.clear()

    def replace(self, table: str, staged: str) -> None:
        """Make the staging folder ``staged`` the table ``table`` (the old folder goes)."""
        fs, target = self._fs_path(self.location(table))
        _, source = self._fs_path(self.location(staged))
        if fs.exists(target):
            fs.delete(target, True)
        parent = target.getParent()
        if not fs.exists(parent):
            fs.mkdirs(parent)
        if not fs.rename(source, target):
            raise StoreError(f"cannot move {self.location(staged)} to {self.location(table)}")
        self._views.discard(table)
        self._results.clear()

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
            return self.spark.read.schema(schema).parquet(self.location(table))
        return self.spark.createDataFrame([], schema)

    def small_table(self, table: str) -> pa.Table:
        """All of a small ``table`` (a state or bookkeeping table of a few rows) as Arrow: on
        a local lake read from its Parquet files here, without a Spark job."""
        from skillpulse.store.spark.tables import arrow_schema

        if self.path is None:
            return self.query(f"SELECT * FROM {table}")
        import pyarrow.dataset as ds

        folder = self.path / table
        schema = arrow_schema(table)
        if not folder.is_dir():
            return schema.empty_table()
        return ds.dataset(folder, format="parquet", schema=schema).to_table()

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
        """Run one SQL statement and return its result as an Arrow table.

        A small result (up to :data:`MEMO_ROWS` rows) is kept until the next write through
        this store or :meth:`forget`, and the same statement with the same parameters is
        answered from it without a Spark job: the report asks many questions twice (the
        counted taxonomy version of a kind before every ranking, the same counts for a list
        and its chart)."""
        key = (sql, repr(sorted((params or {}).items())))
        found = self._results.get(key)
        if found is not None:
            return found
        table: pa.Table = self.sql(sql, params).toArrow()
        if table.num_rows <= MEMO_ROWS:
            if len(self._results) >= MEMO_ENTRIES:
                self._results.clear()
            self._results[key] = table
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

    def derived_table(self) -> str | None:
        if self._derived is not None:  # checked since the last write through this store
            return self._derived
        if self.read_only:
            from skillpulse.store.spark.tables import DOC_SKILLS

            return DOC_SKILLS if self.exists(DOC_SKILLS) and self._derived_current() else None
        self._derived = self.refresh().table
        return self._derived

    def _derived_current(self) -> bool:
        from skillpulse.store.spark.derived import is_current

        return is_current(self)

    def refresh(self, *, full: bool = False) -> RefreshInfo:
        from skillpulse.store.spark.derived import refresh

        return refresh(self, full=full)

    def status(self) -> StoreStatus:
        from skillpulse.store.inspect import KindStatus, StoreStatus

        rejected = dict(self.rows("SELECT kind, count(*) FROM rejects GROUP BY kind"))
        kinds: dict[str, KindStatus] = {}
        for kind, ts in TIME_FIELDS.items():
            count, first, last = self.rows(
                f"SELECT count(*), date_format(min({ts}), 'yyyy-MM-dd'), "
                f"date_format(max({ts}), 'yyyy-MM-dd') FROM {kind}")[0]
            kinds[kind] = KindStatus(int(count), first, last, int(rejected.get(kind, 0)))
        return StoreStatus(kinds, self.size_bytes())

    def documents(self, kind: str, fields: Sequence[str], *, before: datetime | None = None,
                  batch: int = 5000) -> Iterator[list[tuple[str, datetime, dict[str, Any]]]]:
        from skillpulse.store.kinds import kind_spec

        spec = kind_spec(kind)
        ts = spec.time_field
        cols = ", ".join(f for f in fields if f in spec.column_names)
        where = f"WHERE {ts} < $before" if before is not None else ""
        frame = self.sql(f"SELECT id, {ts} AS ts_{', ' + cols if cols else ''} FROM {kind} "
                         f"{where} ORDER BY {ts}, id",
                         {"before": before} if before is not None else None)
        out: list[tuple[str, datetime, dict[str, Any]]] = []
        for row in frame.toLocalIterator():
            values = row.asDict()
            out.append((str(values.pop("id")), values.pop("ts_"), values))
            if len(out) >= batch:
                yield out
                out = []
        if out:
            yield out

    def skills_of_documents(self, kind: str, version: str, docs: pa.Table) -> pa.Table:
        if docs.num_rows == 0:
            return pa.table({"term": pa.array([], pa.string()),
                             "skill_id": pa.array([], pa.string()),
                             "n": pa.array([], pa.int64())})
        self.spark.createDataFrame(docs).createOrReplaceTempView("_sp_term_docs")
        return self.query(
            "SELECT d.term, m.skill_id, COUNT(DISTINCT m.doc_id) AS n FROM _sp_term_docs d "
            "JOIN mentions m ON m.doc_id = d.doc_id WHERE m.kind = $kind AND "
            "m.taxonomy_version = $version GROUP BY d.term, m.skill_id",
            {"kind": kind, "version": version})

    def export_events(self, kind: str, out: Path, fmt: str) -> int:
        from skillpulse.store.spark.export import export_events

        return export_events(self, kind, out, fmt)

    def export_results(self, what: str, out: Path, fmt: str, *, versions: Mapping[str, str],
                       labels: pa.Table) -> int:
        from skillpulse.store.spark.export import export_results

        return export_results(self, what, out, fmt, versions=versions, labels=labels)

    # -- writing ---------------------------------------------------------------------------
    def append(self, table: str, data: Any) -> None:
        """Append ``data`` (an Arrow table or a Spark DataFrame with the table's columns, in
        any order) to ``table``, cast to the table's types: a DataFrame in one Spark job; an
        Arrow table (small, already on the driver) on a local lake as one Parquet file
        written from here, with no Spark job (see :meth:`write_arrow`)."""
        if self.read_only:
            raise StoreError(f"{self.lake} is open read-only")
        if isinstance(data, pa.Table):
            if data.num_rows == 0:
                return
            if self.path is not None:
                self.write_arrow(table, conform_arrow(data, table))
                return
            data = self.spark.createDataFrame(data)
        self.write(table, conform(data, table))

    def overwrite_arrow(self, table: str, data: pa.Table) -> None:
        """Replace the small ``table`` with ``data`` (on a local lake: a file written from
        here into a staging folder that then takes the table's place; no Spark job)."""
        if self.path is None:
            self.write(table, conform(self.spark.createDataFrame(data), table),
                       mode="overwrite")
            return
        folder = self.staging(table)
        self.write_arrow(folder, conform_arrow(data, table))
        self.replace(table, folder)
        self._derived = None

    def append_counted(self, table: str, frame: Any) -> int:
        """Append the DataFrame ``frame`` to ``table`` (one Spark job) and return the rows
        written, counted by the same job (an ``Observation``)."""
        from pyspark.sql import Observation
        from pyspark.sql import functions as F

        if self.read_only:
            raise StoreError(f"{self.lake} is open read-only")
        seen = Observation("appended")
        self.write(table, conform(frame, table).observe(seen, F.count(F.lit(1)).alias("n")))
        return int(seen.get.get("n", 0))

    def write_arrow(self, relative: str, data: pa.Table) -> None:
        """Add ``data`` as one Parquet file to the local folder ``<lake>/<relative>``, from
        the driver, without a Spark job. The file is written under a hidden name (Spark
        skips names starting with ``.``) and renamed into place, so readers see all of it
        or nothing. Only for a local lake (``self.path``)."""
        import pyarrow.parquet as pq

        if self.path is None:
            raise StoreError(f"{self.lake} is not a local folder")
        folder = self.path / relative
        folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{uuid.uuid4().hex}.parquet"
        hidden = folder / f".{name}.tmp"
        pq.write_table(data, hidden)
        hidden.rename(folder / name)
        self._views.discard(relative)
        self._derived = None
        self._results.clear()

    def write(self, relative: str, frame: Any, *, mode: str = "append") -> None:
        """Write a DataFrame as Parquet to ``<lake>/<relative>`` and forget cached views."""
        frame.write.mode(mode).parquet(self.location(relative))
        self._views.discard(relative)
        self._derived = None
        self._results.clear()

    def forget(self, *tables: str) -> None:
        """Read ``tables`` afresh on their next use (after another process wrote them)."""
        self._views.difference_update(tables or set(self._views))
        self._results.clear()
        self._derived = None

    @contextmanager
    def append_events(self, kind: str, *, file: str, sha256: str,
                      columns: Sequence[str]) -> Iterator[EventAppend]:
        from skillpulse.store.spark.append import SparkEventAppend

        append = SparkEventAppend(self, check_kind(kind), file=file, sha256=sha256,
                                  columns=tuple(columns))
        try:
            yield append
        finally:
            append.cleanup()

    def _pending_frame(self, kind: str, version: str, *, with_time: bool = False) -> Any:
        """The kind's documents without an extraction for ``version``: id, the extract
        fields (and the time as ``event_at``)."""
        cols = [f"d.{c}" for c in ("id", *EXTRACT_FIELDS[check_kind(kind)])]
        if with_time:
            cols.append(f"d.{TIME_FIELDS[kind]} AS event_at")
        return self.sql(
            f"SELECT {', '.join(cols)} FROM {kind} d LEFT ANTI JOIN (SELECT doc_id FROM "
            "extractions WHERE kind = $kind AND taxonomy_version = $version) x "
            "ON x.doc_id = d.id", {"kind": kind, "version": version})

    def pending(self, kind: str, version: str) -> Pending:
        from pyspark.sql import functions as F

        row = self._pending_frame(kind, version).agg(
            F.countDistinct("id").alias("docs"), F.count("*").alias("rows")).collect()[0]
        done = self.scalar("SELECT count(*) FROM extractions WHERE kind = $kind AND "
                           "taxonomy_version = $version", {"kind": kind, "version": version})
        return Pending(int(row["docs"]), int(row["rows"]), bool(done))

    def pending_documents(self, kind: str, version: str, *, page: int,
                          some_done: bool = True) -> Iterator[list[PendingDoc]]:
        fields = EXTRACT_FIELDS[check_kind(kind)]
        out: list[PendingDoc] = []
        seen: set[str] = set()
        for row in self._pending_frame(kind, version).toLocalIterator():
            doc_id = str(row["id"])
            if doc_id in seen:
                continue
            seen.add(doc_id)
            out.append((kind, doc_id, {f: row[f] for f in fields}))
            if len(out) >= page:
                yield out
                out, seen = [], set()
        if out:
            yield out

    def extracted_ids(self, kind: str, version: str, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        wanted = self.spark.createDataFrame(pa.table({"doc_id": pa.array(list(ids),
                                                                         pa.string())}))
        done = self.sql("SELECT doc_id FROM extractions WHERE kind = $kind AND "
                        "taxonomy_version = $version", {"kind": kind, "version": version})
        return {r["doc_id"] for r in wanted.join(done, on="doc_id", how="left_semi").collect()}

    def append_extractions(self, mentions: pa.Table, extractions: pa.Table) -> None:
        """Two appends, mentions first (a document counts as extracted once its
        ``extractions`` row is there, so an interrupted write is redone, not lost)."""
        self.append("mentions", mentions)
        self.append("extractions", extractions)

    @contextmanager
    def replace_survey(self, name: str) -> Iterator[SurveyWrite]:
        from skillpulse.store.spark.surveys import SparkSurveyWrite

        write = SparkSurveyWrite(self, name)
        try:
            yield write
        except BaseException:
            write.cleanup()
            raise
        write.commit()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Appends are atomic per Spark job only (see the module docs); this block groups
        nothing."""
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


def conform_arrow(data: pa.Table, table: str) -> pa.Table:
    """``data`` with exactly ``table``'s columns in order, as the Arrow types Spark reads back
    as the table's types (missing columns NULL)."""
    from skillpulse.store.spark.tables import arrow_schema

    schema = arrow_schema(table)
    have = set(data.column_names)
    return pa.table([data.column(f.name).cast(f.type) if f.name in have
                     else pa.nulls(data.num_rows, f.type) for f in schema], schema=schema)


def conform(frame: Any, table: str) -> Any:
    """``frame`` with exactly ``table``'s columns in order and types (missing ones NULL)."""
    have = set(frame.columns)
    exprs = []
    for name, kind in TABLES[table]:
        source = name if name in have else "NULL"
        exprs.append(f"CAST({source} AS {kind}) AS {name}")
    return frame.selectExpr(*exprs)


__all__ = ["SparkStore", "conform", "conform_arrow", "lake_uri"]

if TYPE_CHECKING:
    from skillpulse.store.base import Store

    def _implements_the_contract(store: SparkStore) -> Store:  # checked by mypy
        return store
