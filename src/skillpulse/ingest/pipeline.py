"""The ingest step: stream a file, validate each row, load it atomically, account for all.

Every row read is exactly one of: loaded, rejected (stored in ``rejects`` with file, line,
field, reason and raw text) or a duplicate (its key, kind + id, is already in the store or
earlier in the file). A file loads in one transaction: an interrupted ingest leaves the store
as it was before that file.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from skillpulse.errors import InputFileError, RowError
from skillpulse.ingest.kinds import KindSpec, kind_spec
from skillpulse.ingest.mapping import Mapping
from skillpulse.ingest.readers import detect_format, read_rows
from skillpulse.ingest.validate import Validator
from skillpulse.store.duckdb import DuckDBStore
from skillpulse.store.schema import CONTRACT_COLUMNS

log = logging.getLogger(__name__)

BATCH_ROWS = 20_000
#: DuckDB's memory limit while a file is staged: beyond it the staged rows spill to disk, so
#: memory stays flat whatever the file's size
INGEST_MEMORY_LIMIT = "512MB"
#: progress callback: (bytes read so far, rows read so far)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IngestInfo:
    """What one file's ingest did."""

    file: str
    kind: str
    read: int
    loaded: int
    rejected: int
    duplicates: int
    seconds: float
    sha256: str
    bytes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_ARROW_TYPES = {
    "id": pa.string(),
    "text": pa.string(),
    # aware datetimes are converted to UTC, naive ones taken as UTC; then the zone is dropped
    "timestamp": pa.timestamp("us", tz="UTC"),
    "skills": pa.list_(pa.string()),
    "number": pa.float64(),
}


class _Stage:
    """Validated rows, buffered as tuples and flushed in batches to a staging table."""

    def __init__(self, store: DuckDBStore, spec: KindSpec, columns: tuple[str, ...]) -> None:
        self.store = store
        types = {f.name: f.type for f in spec.fields}
        self.fields = [(name, _ARROW_TYPES[types[name]]) for name in columns if name in types]
        self.names = [*columns, "source_line"]
        self.rows: list[tuple[Any, ...]] = []
        self.lines: list[int] = []
        self.table = f"_stage_{spec.name}"
        defs = ", ".join(
            f"{name} {_SQL_TYPES[types[name]]}" for name in columns if name in types
        )
        store.execute(f"CREATE OR REPLACE TEMP TABLE {self.table} "
                      f"({defs}, extra VARCHAR, source_line BIGINT)")

    def add(self, row: tuple[Any, ...], line: int) -> None:
        self.rows.append(row)
        self.lines.append(line)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        columns = list(zip(*self.rows, strict=True))
        arrays = []
        for (_name, atype), values in zip(self.fields, columns, strict=False):
            array = pa.array(values, type=atype)
            if pa.types.is_timestamp(atype):
                array = array.cast(pa.timestamp("us"))
            arrays.append(array)
        arrays.append(pa.array(columns[-1], type=pa.string()))
        arrays.append(pa.array(self.lines, type=pa.int64()))
        batch = pa.Table.from_arrays(arrays, names=self.names)  # noqa: F841 - read by DuckDB
        self.store.con.execute(f"INSERT INTO {self.table} SELECT * FROM batch")
        self.rows = []
        self.lines = []


_SQL_TYPES = {"id": "VARCHAR", "text": "VARCHAR", "timestamp": "TIMESTAMP",
              "skills": "VARCHAR[]", "number": "DOUBLE"}


def ingest_file(
    store: DuckDBStore,
    kind: str,
    path: str | Path,
    *,
    mapping: Mapping | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> IngestInfo:
    """Load one file of events of ``kind`` into ``store``; see the module docstring."""
    spec = kind_spec(kind)
    path = Path(path)
    if not path.is_file():
        raise InputFileError(str(path), "no such file")
    mapping = mapping or Mapping()
    mapping.check(spec)
    fmt = detect_format(path, fmt or mapping.format)
    started = time.perf_counter()
    started_at = datetime.now()
    sha = file_sha256(path)
    size = path.stat().st_size
    validator = Validator(spec, mapping.columns)
    validate = validator.validate
    file_label = str(path)
    rows, counter = read_rows(path, fmt)
    read = 0
    rejects: list[tuple[Any, ...]] = []
    with store.memory_limit(INGEST_MEMORY_LIMIT), store.transaction():
        stage = _Stage(store, spec, validator.columns)
        for raw in rows:
            read += 1
            if raw.record is None:
                rejects.append((raw.line, None, raw.error, raw.raw))
            else:
                try:
                    row = validate(raw.record)
                except RowError as exc:
                    rejects.append((raw.line, exc.field, exc.reason, _raw_text(raw.record)))
                else:
                    stage.add(row, raw.line)
            if progress is not None and read % 8192 == 0:
                progress(counter.bytes_read if counter else 0, read)
        stage.flush()
        loaded = _merge_stage(store, spec, stage.table, file_label)
        staged = int(store.scalar(f"SELECT count(*) FROM {stage.table}"))
        store.execute(f"DROP TABLE {stage.table}")
        _store_rejects(store, spec.name, file_label, sha, rejects)
        seconds = time.perf_counter() - started
        info = IngestInfo(file_label, spec.name, read, loaded, len(rejects), staged - loaded,
                          seconds, sha, size)
        store.execute(
            "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [spec.name, file_label, sha, size, info.read, info.loaded, info.rejected,
             info.duplicates, started_at, seconds],
        )
    if progress is not None:
        progress(size if counter else 0, read)
    log.info("ingested %s: %s", file_label, info)
    return info


def _raw_text(record: dict[str, Any]) -> str:
    return orjson.dumps(record, default=str).decode()


#: SQL for the key of a staged row (searches without id: a content hash, the same as
#: :func:`skillpulse.ingest.validate.content_id`; profiles: freelancer and snapshot time)
_KEY_SQL = {
    "searches": "COALESCE(id, 'h:' || substr(md5(concat_ws(chr(31), "
                "strftime(searched_at, '%Y-%m-%dT%H:%M:%S'), query, COALESCE(client_id, ''))), 1, 20))",
    "profiles": "freelancer_id || '@' || strftime(observed_at, '%Y-%m-%dT%H:%M:%S')",
}


def _merge_stage(store: DuckDBStore, spec: KindSpec, stage: str, file: str) -> int:
    """Insert staged rows whose key is new (first occurrence in the file wins)."""
    key = _KEY_SQL.get(spec.name, "id")
    values = []
    for col in CONTRACT_COLUMNS[spec.name]:
        values.append("key_ AS id" if col == "id" else col)
    cols = ", ".join([*values, "extra", "$file AS source_file", "source_line"])
    before = int(store.scalar(f"SELECT count(*) FROM {spec.name}"))
    store.execute(
        f"""INSERT INTO {spec.name}
        SELECT {cols} FROM (
            SELECT *, row_number() OVER (PARTITION BY key_ ORDER BY source_line) AS rn_
            FROM (SELECT *, {key} AS key_ FROM {stage}) k
        ) s
        WHERE s.rn_ = 1 AND NOT EXISTS (SELECT 1 FROM {spec.name} t WHERE t.id = s.key_)""",
        {"file": file},
    )
    return int(store.scalar(f"SELECT count(*) FROM {spec.name}")) - before


def _store_rejects(
    store: DuckDBStore, kind: str, file: str, sha: str, rejects: list[tuple[Any, ...]]
) -> None:
    """Record rejects; a re-ingest of the same content does not record them twice."""
    if not rejects:
        return
    reject_batch = pa.table({  # noqa: F841 - read by DuckDB's replacement scan
        "line": [r[0] for r in rejects],
        "field": [r[1] for r in rejects],
        "reason": [r[2] for r in rejects],
        "raw": [r[3] for r in rejects],
    })
    store.con.execute(
        """INSERT INTO rejects
        SELECT $kind, $file, $sha, r.line, r.field, r.reason, r.raw, now()::TIMESTAMP
        FROM reject_batch r
        WHERE NOT EXISTS (SELECT 1 FROM rejects x
                          WHERE x.kind = $kind AND x.file_sha256 = $sha AND x.line = r.line)""",
        {"kind": kind, "file": file, "sha": sha},
    )


def ingest_files(
    store: DuckDBStore,
    kind: str,
    paths: Iterable[str | Path],
    *,
    mapping: Mapping | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> list[IngestInfo]:
    """Ingest several files, each in its own transaction; returns one info per file."""
    return [ingest_file(store, kind, p, mapping=mapping, fmt=fmt, progress=progress)
            for p in paths]
