"""Ingest into any :class:`~skillpulse.store.base.Store` through its
:meth:`~skillpulse.store.base.Store.append_events` contract: the same readers and validator
as the DuckDB engine, so the same rows are loaded, rejected (with the same file, line, field
and reason) and counted as duplicates on every engine.

Validated rows and rejects go to the engine in Arrow batches of at most ``BATCH_ROWS``; the
engine stages them (a Spark store in its lake) and merges them once the file is read.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from skillpulse.errors import IngestInterrupted, InputFileError, RowError
from skillpulse.ingest.kinds import KindSpec, kind_spec
from skillpulse.ingest.mapping import Mapping
from skillpulse.ingest.pipeline import (
    IngestInfo,
    Progress,
    RejectReason,
    _raw_text,
    file_sha256,
)
from skillpulse.ingest.readers import RawRow, detect_format, peek_columns, read_rows
from skillpulse.ingest.validate import InexactNumber, Validator
from skillpulse.store.base import EventAppend, IngestRecord, Store
from skillpulse.store.kinds import arrow_type

log = logging.getLogger(__name__)

#: validated rows handed to the engine at a time
BATCH_ROWS = 50_000
#: rejected rows carry their raw text: handed over in smaller batches
REJECT_BATCH_ROWS = 5_000


class _Batches:
    """Validated rows and rejects, handed to the engine's append in bounded batches."""

    def __init__(self, append: EventAppend, spec: KindSpec, columns: tuple[str, ...]) -> None:
        self.append = append
        types = {f.name: f.type for f in spec.fields}
        self.schema = pa.schema([
            *((name, arrow_type(types[name])) for name in columns if name in types),
            ("extra", pa.string()), ("source_line", pa.int64())])
        self.rows: list[tuple[Any, ...]] = []
        self.lines: list[int] = []
        self.rejected: list[tuple[int, str | None, str, str]] = []
        self.rejects = 0

    def add(self, row: tuple[Any, ...], line: int) -> None:
        self.rows.append(row)
        self.lines.append(line)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def reject(self, line: int, field: str | None, reason: str, raw: str) -> None:
        self.rejected.append((line, field, reason, raw))
        self.rejects += 1
        if len(self.rejected) >= REJECT_BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            columns = [list(c) for c in zip(*self.rows, strict=True)]
            arrays = [pa.array(values, type=field.type)
                      for field, values in zip(self.schema, [*columns, self.lines],
                                               strict=True)]
            self.append.add(pa.Table.from_arrays(arrays, schema=self.schema))
            self.rows, self.lines = [], []
        if self.rejected:
            lines, fields, reasons, raws = (list(c) for c in zip(*self.rejected, strict=True))
            self.append.reject(pa.table({
                "line": pa.array(lines, pa.int64()), "field": pa.array(fields, pa.string()),
                "reason": pa.array(reasons, pa.string()), "raw": pa.array(raws, pa.string())}))
            self.rejected = []


def ingest_file(store: Store, kind: str, path: str | Path, *,
                mapping: Mapping | None = None, fmt: str | None = None,
                progress: Progress | None = None) -> IngestInfo:
    """Load one file of events of ``kind`` into ``store``: the contract of
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


def _ingest(store: Store, spec: KindSpec, path: Path, fmt: str, validator: Validator,
            progress: Progress | None) -> IngestInfo:
    started = time.perf_counter()
    started_at = datetime.now()
    sha = file_sha256(path)
    size = path.stat().st_size
    validate = validator.validate
    file_label = str(path)
    rows, counter = read_rows(path, fmt)
    read = 0
    with store.append_events(spec.name, file=file_label, sha256=sha,
                             columns=validator.columns[:-1]) as append:
        batches = _Batches(append, spec, validator.columns)
        for raw in rows:
            read += 1
            if raw.record is None:
                batches.reject(raw.line, None, raw.error or "unreadable row", raw.raw)
            else:
                try:
                    row = validate(raw.record)
                except InexactNumber as exc:
                    exact = _exact(validate, raw, exc, batches)
                    if exact is not None:
                        batches.add(exact, raw.line)
                except RowError as exc:
                    batches.reject(raw.line, exc.field, exc.reason, _raw_text(raw.record))
                else:
                    batches.add(row, raw.line)
            if progress is not None and read % 8192 == 0:
                progress(counter.bytes_read if counter else 0, read)
        batches.flush()
        counts = append.merge()
        seconds = time.perf_counter() - started
        info = IngestInfo(file_label, spec.name, read, counts.loaded, batches.rejects,
                          counts.duplicates, seconds, sha, size,
                          tuple(RejectReason(f, r, n) for f, r, n in append.top_reasons()))
        append.record(IngestRecord(spec.name, file_label, sha, size, read, counts.loaded,
                                   batches.rejects, counts.duplicates, started_at, seconds))
    if progress is not None:
        progress(size if counter else 0, read)
    log.info("ingested %s: %s", file_label, info)
    return info


def _exact(validate: Any, raw: RawRow, exc: InexactNumber, batches: _Batches
           ) -> tuple[Any, ...] | None:
    """Validate a JSON row again with integers parsed exactly (ids of 2**64 and more)."""
    import json

    if raw.source is not None:
        try:
            return validate(json.loads(raw.source))
        except InexactNumber:
            pass  # a float literal, not an integer: rejected below
        except RowError as again:
            batches.reject(raw.line, again.field, again.reason, _raw_text(raw.record or {}))
            return None
    batches.reject(raw.line, exc.field, exc.reason, _raw_text(raw.record or {}))
    return None
