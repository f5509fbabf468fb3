"""DuckDB: one file's events staged in temporary tables, then merged (see
:class:`skillpulse.store.base.EventAppend`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

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


class DuckDBAppend:
    """Staged rows in ``_stage_<kind>``, staged rejects in ``_rejects_<kind>`` (temporary
    tables: DuckDB spills them to disk beyond its memory limit, so memory stays flat)."""

    def __init__(self, store: DuckDBStore, kind: str, file: str, sha256: str,
                 columns: Sequence[str]) -> None:
        self.store = store
        self.spec = kind_spec(kind)
        self.file = file
        self.sha = sha256
        self.stage = f"_stage_{kind}"
        self.rejected = f"_rejects_{kind}"
        types = {f.name: f.type for f in self.spec.columns}
        defs = ", ".join(f"{n} {DUCKDB_TYPES[types[n]]}" for n in columns if n in types)
        store.execute(f"CREATE OR REPLACE TEMP TABLE {self.stage} "
                      f"({defs}, extra VARCHAR, source_line BIGINT)")
        store.execute(f"CREATE OR REPLACE TEMP TABLE {self.rejected} "
                      "(line BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR)")

    def add(self, batch: pa.Table) -> None:
        self.store.insert_arrow(self.stage, batch)

    def reject(self, batch: pa.Table) -> None:
        self.store.insert_arrow(self.rejected, batch)

    def top_reasons(self, n: int = 3) -> list[tuple[str | None, str, int]]:
        rows = self.store.rows(
            f"""SELECT field, r, count(*) AS n FROM (
                SELECT field, regexp_replace(reason, $quoted, '…', 'g') AS r
                FROM {self.rejected}) GROUP BY ALL ORDER BY n DESC, field, r LIMIT {int(n)}""",
            {"quoted": _QUOTED})
        return [(f, str(r), int(c)) for f, r, c in rows]

    def merge(self) -> AppendCounts:
        """Insert staged rows whose key is new (first occurrence in the file wins), and the
        rejects not recorded before for this content (same kind, file hash and line)."""
        spec, store = self.spec, self.store
        key = _KEY_SQL[spec.key]
        values = ["key_ AS id" if col == "id" else col for col in spec.column_names]
        cols = ", ".join([*values, "extra", "$file AS source_file", "source_line"])
        before = int(store.scalar(f"SELECT count(*) FROM {spec.name}"))
        store.execute(
            f"""INSERT INTO {spec.name}
            SELECT {cols} FROM (
                SELECT *, row_number() OVER (PARTITION BY key_ ORDER BY source_line) AS rn_
                FROM (SELECT *, {key} AS key_ FROM {self.stage}) k
            ) s
            WHERE s.rn_ = 1 AND NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE t.id = s.key_)""",
            {"file": self.file},
        )
        loaded = int(store.scalar(f"SELECT count(*) FROM {spec.name}")) - before
        staged = int(store.scalar(f"SELECT count(*) FROM {self.stage}"))
        store.execute(
            f"""INSERT INTO rejects
            SELECT $kind, $file, $sha, r.line, r.field, r.reason, r.raw, now()::TIMESTAMP
            FROM {self.rejected} r
            WHERE NOT EXISTS (SELECT 1 FROM rejects x
                              WHERE x.kind = $kind AND x.file_sha256 = $sha
                                AND x.line = r.line)""",
            {"kind": spec.name, "file": self.file, "sha": self.sha},
        )
        return AppendCounts(loaded, staged)

    def record(self, info: IngestRecord) -> None:
        write_ingest(self.store, info)

    def drop(self) -> None:
        for table in (self.stage, self.rejected):
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

    try:
        with store.memory_limit(APPEND_MEMORY_LIMIT), store.transaction():
            append = DuckDBAppend(store, kind, file, sha256, columns)
            yield append
            append.drop()
    except duckdb.InterruptException as exc:  # Ctrl-C inside a query: rolled back
        raise KeyboardInterrupt from exc
