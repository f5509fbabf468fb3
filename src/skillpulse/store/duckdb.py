"""The embedded default engine: one DuckDB file."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from skillpulse.errors import StoreError
from skillpulse.store import duckdb_docs
from skillpulse.store.base import (
    EventAppend,
    Pending,
    PendingDoc,
    RefreshInfo,
    SurveyWrite,
)
from skillpulse.store.reads import SqlReads
from skillpulse.store.schema import DDL, SCHEMA_VERSION

if TYPE_CHECKING:
    from skillpulse.analytics.dialect import Dialect
    from skillpulse.store.inspect import StoreStatus

log = logging.getLogger(__name__)

#: DuckDB's memory cap for everything a store runs (reads included: the report's and the
#: analytics' queries), unless a step sets its own (ingest, extraction and refresh cap lower
#: or equal); beyond it DuckDB spills to its temp directory. Without a cap DuckDB may take
#: up to 80% of the machine's memory, so a reading command was bounded only by the machine.
STORE_MEMORY_LIMIT = "1GB"


class DuckDBStore(SqlReads):
    """A skillpulse store in a DuckDB file (or ``:memory:``): the embedded engine of the
    :class:`~skillpulse.store.base.Store` contract.

    ``query`` runs SQL with named ``$param`` parameters and returns an Arrow table; the
    analytics layer writes SQL that also runs on Spark SQL. ``con`` (the DuckDB connection),
    ``execute``, ``rows``, ``scalar``, ``transaction``, ``memory_limit`` and ``insert_arrow``
    are this engine's own, for the modules of ``skillpulse.store`` (and tests) only.
    """

    engine = "duckdb"

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True,
                 memory_limit: str | None = STORE_MEMORY_LIMIT) -> None:
        """``memory_limit``: DuckDB's cap for this connection (``None``: DuckDB's default,
        80% of the machine's memory); see :data:`STORE_MEMORY_LIMIT`."""
        self.path = Path(path) if str(path) != ":memory:" else None
        self._memory_limit: str | None = memory_limit  # restored after memory_limit()
        target = str(path)
        if self.path is not None:
            check_local(target)
            if read_only or not create:
                require_store(target)
        try:
            if self.path is not None and not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(target, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open store {target}: {exc}") from exc
        if memory_limit is not None:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if not read_only:
            self._migrate()

    def _migrate(self) -> None:
        for stmt in DDL:
            self.con.execute(stmt)
        rows = self.rows("SELECT value FROM meta WHERE key = 'schema_version'")
        if not rows:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    @property
    def dialect(self) -> Dialect:
        from skillpulse.analytics.dialect import DUCKDB

        return DUCKDB

    # -- reads (the contract: skillpulse.store.base.Store) --------------------------------
    def derived_table(self) -> str | None:
        from skillpulse.store import duckdb_derived

        return duckdb_derived.derived_table(self)

    def status(self) -> StoreStatus:
        from skillpulse.store import duckdb_inspect

        return duckdb_inspect.status(self)

    def documents(self, kind: str, fields: Sequence[str], *, before: datetime | None = None,
                  batch: int = 5000) -> Iterator[list[tuple[str, datetime, dict[str, Any]]]]:
        return duckdb_docs.documents(self, kind, fields, before=before, batch=batch)

    def skills_of_documents(self, kind: str, version: str, docs: pa.Table) -> pa.Table:
        return duckdb_docs.skills_of_documents(self, kind, version, docs)

    def export_events(self, kind: str, out: Path, fmt: str) -> int:
        from skillpulse.store import duckdb_inspect

        return duckdb_inspect.export_events(self, kind, out, fmt)

    def export_results(self, what: str, out: Path, fmt: str, *, versions: Mapping[str, str],
                       labels: pa.Table) -> int:
        from skillpulse.store import duckdb_inspect

        return duckdb_inspect.export_results(self, what, out, fmt, versions=versions,
                                             labels=labels)

    # -- writes ----------------------------------------------------------------------------
    def append_events(self, kind: str, *, file: str, sha256: str,
                      columns: Sequence[str]) -> AbstractContextManager[EventAppend]:
        from skillpulse.store import duckdb_append

        return duckdb_append.append_events(self, kind, file=file, sha256=sha256,
                                           columns=columns)

    def pending(self, kind: str, version: str) -> Pending:
        return duckdb_docs.pending(self, kind, version)

    def pending_documents(self, kind: str, version: str, *, page: int,
                          some_done: bool = True) -> Iterator[list[PendingDoc]]:
        return duckdb_docs.pending_documents(self, kind, version, page=page,
                                             some_done=some_done)

    def extracted_ids(self, kind: str, version: str, ids: Sequence[str]) -> set[str]:
        return duckdb_docs.extracted_ids(self, kind, version, ids)

    def append_extractions(self, mentions: pa.Table, extractions: pa.Table) -> None:
        duckdb_docs.append_extractions(self, mentions, extractions)

    def replace_survey(self, name: str) -> AbstractContextManager[SurveyWrite]:
        from skillpulse.store import duckdb_survey

        return duckdb_survey.replace_survey(self, name)

    def refresh(self, *, full: bool = False) -> RefreshInfo:
        from skillpulse.store import duckdb_derived

        return duckdb_derived.refresh(self, full=full)

    # -- DuckDB only -----------------------------------------------------------------------
    def insert_arrow(self, table: str, batch: pa.Table,
                     columns: Sequence[str] | None = None) -> None:
        """Append the Arrow ``batch`` to ``table`` (its columns in table order, or the named
        ``columns``)."""
        cols = f" ({', '.join(columns)})" if columns else ""
        self.con.register("_sp_arrow_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table}{cols} SELECT * FROM _sp_arrow_batch")
        finally:
            self.con.unregister("_sp_arrow_batch")

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
        """Run one SQL statement and return its result as an Arrow table."""
        try:
            return self._query(sql, params)
        except duckdb.OutOfMemoryException:
            if self._memory_limit is None:
                raise
            # the cap bounds what can spill; an operator that cannot spill (many distinct
            # aggregates glued in one statement) may need more: run it once more uncapped
            log.warning("query needed more than the store's memory cap (%s); retried "
                        "without the cap", self._memory_limit)
            self.con.execute("RESET memory_limit")
            try:
                return self._query(sql, params)
            finally:
                self.con.execute(f"SET memory_limit = '{self._memory_limit}'")

    def _query(self, sql: str, params: Mapping[str, Any] | None) -> pa.Table:
        relation = self.con.sql(sql, params=dict(params) if params else None)
        if relation is None:
            raise StoreError("query() needs a statement that returns rows; use execute()")
        return _to_arrow(relation)

    def execute(self, sql: str, params: Any = None) -> None:
        self.con.execute(sql, params)

    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        """All result rows as tuples (fully fetched: DuckDB 2 blocks the connection while a
        result is only partly fetched, so never use ``fetchone`` on ``self.con``)."""
        return self.con.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = None) -> Any:
        """The first column of the first row, or None."""
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    @contextmanager
    def memory_limit(self, limit: str) -> Iterator[None]:
        """Cap DuckDB's memory inside the block (it spills to its temp directory beyond).

        The previous limit comes back afterwards exactly: DuckDB prints limits rounded
        ("18.8 GiB"), so the limit set by an enclosing block is remembered here, and without
        one the setting is reset to DuckDB's default."""
        before = self._memory_limit
        self.con.execute(f"SET memory_limit = '{limit}'")
        self._memory_limit = limit
        try:
            yield
        finally:
            self._memory_limit = before
            if before is None:
                self.con.execute("RESET memory_limit")
            else:
                self.con.execute(f"SET memory_limit = '{before}'")

    def size_bytes(self) -> int:
        if self.path is None or not self.path.exists():
            return 0
        wal = self.path.with_name(self.path.name + ".wal")
        return self.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _to_arrow(result: duckdb.DuckDBPyRelation) -> pa.Table:
    """The result as Arrow, across DuckDB versions (1.x ``fetch_arrow_table``, 2.x
    ``to_arrow_table``)."""
    method = getattr(result, "to_arrow_table", None) or result.fetch_arrow_table
    table: pa.Table = method()
    return table


def check_local(path: str | Path) -> None:
    """Raise :class:`StoreError` when ``path`` names a remote or service database: a store
    is a local DuckDB file (``./name:with:colons.duckdb`` is a local file)."""
    from skillpulse.settings import is_remote

    if is_remote(path):
        raise StoreError(f"store {path}: remote and service databases (md:, s3://, https://, "
                         "...) are not supported; give the path of a local DuckDB file")


def require_store(path: str | Path) -> None:
    """Raise :class:`StoreError` unless ``path`` is a local store that exists (reading
    commands never create one)."""
    check_local(path)
    if not Path(path).is_file():
        raise StoreError(f"no store at {path} (nothing was created): ingest data into it "
                         "first, or check the path (--db or SKILLPULSE_DB)")


def open_store(path: str | Path | None = None, *, read_only: bool = False,
               create: bool = True) -> DuckDBStore:
    """Open the store at ``path`` (default: setting ``db``).

    With ``create=True`` (writing commands) a missing store is created with its folder;
    with ``create=False`` or ``read_only=True`` (reading commands) it must exist. Remote and
    service databases (``md:``, ``s3://`` ...) raise :class:`StoreError` either way.
    """
    from skillpulse.settings import db_path

    if path is not None:
        check_local(path)  # before Path() folds "s3://bucket" into "s3:/bucket"
    return DuckDBStore(db_path(None if path is None else str(path)), read_only=read_only,
                       create=create)
