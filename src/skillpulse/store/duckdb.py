"""The embedded default engine: one DuckDB file."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from skillpulse.errors import StoreError
from skillpulse.store.schema import DDL, SCHEMA_VERSION

log = logging.getLogger(__name__)


class DuckDBStore:
    """A skillpulse store in a DuckDB file (or ``:memory:``).

    ``query`` runs SQL with named ``$param`` parameters and returns an Arrow table; the
    analytics layer writes SQL that also runs on Spark SQL.
    """

    engine = "duckdb"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        target = str(path)
        try:
            if self.path is not None and not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(target, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open store {target}: {exc}") from exc
        if not read_only:
            self._migrate()

    def _migrate(self) -> None:
        for stmt in DDL:
            self.con.execute(stmt)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
        """Run one SQL statement and return its result as an Arrow table."""
        rel = self.con.execute(sql, dict(params) if params else None)
        return rel.fetch_arrow_table()

    def execute(self, sql: str, params: Any = None) -> None:
        self.con.execute(sql, params)

    def scalar(self, sql: str, params: Any = None) -> Any:
        row = self.con.execute(sql, params).fetchone()
        return None if row is None else row[0]

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


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> DuckDBStore:
    """Open (creating if needed) the store at ``path`` (default: setting ``db``)."""
    from skillpulse.settings import db_path

    return DuckDBStore(db_path(None if path is None else str(path)), read_only=read_only)
