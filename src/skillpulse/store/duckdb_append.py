"""DuckDB: one file's events staged in Parquet files beside the store, then merged (see
:class:`skillpulse.store.base.EventAppend`).

The staged rows and rejects are written batch by batch to Parquet files in a temporary
folder next to the store (not to DuckDB tables: rows appended to a table inside the open
transaction stay in memory until it commits, whatever DuckDB's memory limit, so a 1M-posting
file took 3.5 GB). The merge reads them back with ``read_parquet``: the keys to keep are
found on the keys alone, then the rows stream into the kind's table. Memory stays flat
whatever the file's size; the folder is removed when the append ends, committed or not.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.store.base import AppendCounts, IngestRecord
from skillpulse.store.kinds import kind_spec
from skillpulse.store.schema import DUCKDB_TYPES

if TYPE_CHECKING:
    from skillpulse.store.duckdb import DuckDBStore

#: a quoted value inside a reject reason (elided when reasons are counted)
_QUOTED = "'[^']*'|\"[^\"]*\""

#: SQL for the key of a staged row per ``KindSpec.key`` (searches without id: a content
#: hash, the same as :func:`skillpulse.ingest.validate.content_id`; profiles: freelancer
#: and snapshot time)
_KEY_SQL = {
    "id": "id",
    "content": "COALESCE(id, 'h:' || substr(md5(concat_ws(chr(31), "
               "strftime(searched_at, '%Y-%m-%dT%H:%M:%S'), query, COALESCE(client_id, ''))), "
               "1, 20))",
    "snapshot": "freelancer_id || '@' || strftime(observed_at, '%Y-%m-%dT%H:%M:%S')",
}


class Spill:
    """Arrow batches written to Parquet files in ``folder`` as they come (nothing held in
    memory); :meth:`source` is the SQL relation that reads them all (or ``empty``, the
    relation with the same columns, before the first batch)."""

    def __init__(self, folder: Path, name: str, empty: str) -> None:
        self.folder = folder
        self.name = name
        self.empty = empty
        self.parts: list[Path] = []
        self.writer: Any = None
        #: rows written so far
        self.count = 0

    def add(self, batch: pa.Table) -> None:
        import pyarrow.parquet as pq

        if self.writer is None:  # a new part after source() closed the previous one
            path = self.folder / f"{self.name}-{len(self.parts)}.parquet"
            self.writer = pq.ParquetWriter(path, batch.schema)
            self.parts.append(path)
        self.writer.write_table(batch)
        self.count += batch.num_rows

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def source(self) -> str:
        self.close()
        if not self.parts:
            return self.empty
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in self.parts)
        return f"read_parquet([{files}])"


class DuckDBAppend:
    """Staged rows and rejects spilled to Parquet files in ``folder`` (see the module
    docstring); ``_stage_<kind>`` and ``_rejects_<kind>`` are empty temporary tables that
    give the columns when nothing was staged."""

    def __init__(self, store: DuckDBStore, kind: str, file: str, sha256: str,
                 columns: Sequence[str], folder: Path) -> None:
        self.store = store
        self.spec = kind_spec(kind)
        self.file = file
        self.sha = sha256
        stage = f"_stage_{kind}"
        rejected = f"_rejects_{kind}"
        types = {f.name: f.type for f in self.spec.columns}
        defs = ", ".join(f"{n} {DUCKDB_TYPES[types[n]]}" for n in columns if n in types)
        store.execute(f"CREATE OR REPLACE TEMP TABLE {stage} "
                      f"({defs}, extra VARCHAR, source_line BIGINT)")
        store.execute(f"CREATE OR REPLACE TEMP TABLE {rejected} "
                      "(line BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR)")
        self.empty = (stage, rejected)
        self.rows = Spill(folder, "rows", stage)
        self.rejects = Spill(folder, "rejects", rejected)

    def add(self, batch: pa.Table) -> None:
        self.rows.add(batch)

    def reject(self, batch: pa.Table) -> None:
        self.rejects.add(batch)

    def top_reasons(self, n: int = 3) -> list[tuple[str | None, str, int]]:
        rows = self.store.rows(
            f"""SELECT field, r, count(*) AS n FROM (
                SELECT field, regexp_replace(reason, $quoted, '…', 'g') AS r
                FROM {self.rejects.source()}) GROUP BY ALL
                ORDER BY n DESC, field, r LIMIT {int(n)}""",
            {"quoted": _QUOTED})
        return [(f, str(r), int(c)) for f, r, c in rows]

    def merge(self) -> AppendCounts:
        """Insert staged rows whose key is new (first occurrence in the file wins), and the
        rejects not recorded before for this content (same kind, file hash and line)."""
        spec, store = self.spec, self.store
        key = _KEY_SQL[spec.key]
        values = ["key_ AS id" if col == "id" else col for col in spec.column_names]
        cols = ", ".join([*values, "extra", "$file AS source_file", "source_line"])
        rows, rejects = self.rows.source(), self.rejects.source()
        before = int(store.scalar(f"SELECT count(*) FROM {spec.name}"))
        # the keys to load, found on (key, line) alone: the first line of each new key
        store.execute(
            f"""CREATE OR REPLACE TEMP TABLE _sp_keep AS
            SELECT key_, min(source_line) AS line_
            FROM (SELECT {key} AS key_, source_line FROM {rows}) k
            WHERE NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE t.id = k.key_)
            GROUP BY key_""")
        # then the rows stream from the staged files into the table
        store.execute(
            f"""INSERT INTO {spec.name}
            SELECT {cols} FROM (SELECT *, {key} AS key_ FROM {rows}) s
            SEMI JOIN _sp_keep k ON k.key_ = s.key_ AND k.line_ = s.source_line""",
            {"file": self.file},
        )
        store.execute("DROP TABLE _sp_keep")
        loaded = int(store.scalar(f"SELECT count(*) FROM {spec.name}")) - before
        staged = self.rows.count
        store.execute(
            f"""INSERT INTO rejects
            SELECT $kind, $file, $sha, r.line, r.field, r.reason, r.raw, now()::TIMESTAMP
            FROM {rejects} r
            WHERE NOT EXISTS (SELECT 1 FROM rejects x
                              WHERE x.kind = $kind AND x.file_sha256 = $sha
                                AND x.line = r.line)""",
            {"kind": spec.name, "file": self.file, "sha": self.sha},
        )
        return AppendCounts(loaded, staged)

    def record(self, info: IngestRecord) -> None:
        write_ingest(self.store, info)

    def drop(self) -> None:
        self.rows.close()
        self.rejects.close()
        for table in self.empty:
            self.store.execute(f"DROP TABLE IF EXISTS {table}")


def write_ingest(store: DuckDBStore, info: IngestRecord) -> None:
    store.execute(
        "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [info.kind, info.file, info.sha256, info.bytes, info.read, info.loaded,
         info.rejected, info.duplicates, info.started_at, info.seconds],
    )


#: DuckDB's memory limit while a file is staged: beyond it the staged rows spill to disk, so
#: memory stays flat whatever the file's size
APPEND_MEMORY_LIMIT = "512MB"


@contextmanager
def append_events(store: DuckDBStore, kind: str, *, file: str, sha256: str,
                  columns: Sequence[str]) -> Iterator[DuckDBAppend]:
    import duckdb

    folder = Path(tempfile.mkdtemp(prefix=".skillpulse-stage-", dir=staging_dir(store)))
    append: DuckDBAppend | None = None
    try:
        with store.memory_limit(APPEND_MEMORY_LIMIT), store.transaction():
            append = DuckDBAppend(store, kind, file, sha256, columns, folder)
            yield append
            append.drop()
    except duckdb.InterruptException as exc:  # Ctrl-C inside a query: rolled back
        raise KeyboardInterrupt from exc
    finally:
        if append is not None:
            append.rows.close()
            append.rejects.close()
        shutil.rmtree(folder, ignore_errors=True)


def staging_dir(store: DuckDBStore) -> Path | None:
    """Where a file's staged rows are spilled: beside the store (the disk that holds it),
    or the system's temporary folder for an in-memory store."""
    return store.path.parent if store.path is not None else None
