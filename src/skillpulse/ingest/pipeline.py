"""The ingest step: stream a file, validate each row, load it atomically, account for all.

Every row read is exactly one of: loaded, rejected (stored in ``rejects`` with file, line,
field, reason and raw text) or a duplicate (its key, kind + id, is already in the store or
earlier in the file). A file loads in one transaction: an interrupted ingest leaves the store
as it was before that file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from skillpulse.errors import IngestInterrupted, InputFileError, RowError
from skillpulse.ingest.kinds import KindSpec, kind_spec
from skillpulse.ingest.mapping import Mapping
from skillpulse.ingest.readers import RawRow, detect_format, peek_columns, read_rows
from skillpulse.ingest.validate import InexactNumber, Validator
from skillpulse.store.base import EventAppend, IngestRecord, Store
from skillpulse.store.kinds import arrow_type

log = logging.getLogger(__name__)

BATCH_ROWS = 20_000
#: rejected rows carry their raw text (up to a whole posting): flushed in smaller batches
REJECT_BATCH_ROWS = 5_000
#: progress callback: (bytes read so far, rows read so far)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RejectReason:
    """One of the most frequent reasons rows of a file were rejected."""

    field: str | None
    reason: str
    count: int


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
    #: the most frequent reject reasons (values in quotes elided), most frequent first
    top_reasons: tuple[RejectReason, ...] = ()

    @property
    def all_rejected(self) -> bool:
        """Every row read was rejected (a wrong mapping, a wrong kind)."""
        return self.read > 0 and self.rejected == self.read

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Stage:
    """Validated rows, buffered as tuples and handed to the store's append in batches."""

    def __init__(self, append: EventAppend, spec: KindSpec, columns: tuple[str, ...]) -> None:
        self.append = append
        types = {f.name: f.type for f in spec.fields}
        self.fields = [(name, arrow_type(types[name])) for name in columns if name in types]
        self.names = [*columns, "source_line"]
        self.rows: list[tuple[Any, ...]] = []
        self.lines: list[int] = []

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
            arrays.append(pa.array(values, type=atype))
        arrays.append(pa.array(columns[-1], type=pa.string()))
        arrays.append(pa.array(self.lines, type=pa.int64()))
        self.append.add(pa.Table.from_arrays(arrays, names=self.names))
        self.rows = []
        self.lines = []


class _Rejects:
    """Rejected rows, handed to the store's append in batches (memory stays flat however
    many rows a file rejects); the store records them when the file merges."""

    def __init__(self, append: EventAppend) -> None:
        self.append = append
        self.rows: list[tuple[int, str | None, str, str]] = []
        self.count = 0

    def add(self, line: int, field: str | None, reason: str, raw: str) -> None:
        self.rows.append((line, field, reason, raw))
        self.count += 1
        if len(self.rows) >= REJECT_BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        lines, fields, reasons, raws = zip(*self.rows, strict=True)
        self.append.reject(pa.table({
            "line": pa.array(lines, pa.int64()), "field": pa.array(fields, pa.string()),
            "reason": pa.array(reasons, pa.string()), "raw": pa.array(raws, pa.string()),
        }))
        self.rows = []

    def top(self, n: int = 3) -> tuple[RejectReason, ...]:
        """The ``n`` most frequent (field, reason) pairs, quoted values elided."""
        self.flush()
        return tuple(RejectReason(f, r, c) for f, r, c in self.append.top_reasons(n))


def ingest_file(
    store: Store,
    kind: str,
    path: str | Path,
    *,
    mapping: Mapping | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> IngestInfo:
    """Load one file of events of ``kind`` into ``store``; see the module docstring.

    Raises :class:`MappingError` before anything is loaded when the mapping names a column the
    file lacks (or the file has no column for a required field), :class:`InputFileError` when
    the file cannot be read to its end (nothing of it is stored) and :class:`IngestInterrupted`
    on Ctrl-C (nothing of it is stored).
    """
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
                             columns=validator.columns) as append:
        stage = _Stage(append, spec, validator.columns)
        rejects = _Rejects(append)
        for raw in rows:
            read += 1
            if raw.record is None:
                rejects.add(raw.line, None, raw.error or "unreadable row", raw.raw)
            else:
                try:
                    row = validate(raw.record)
                except InexactNumber as exc:
                    exact = _exact(validate, raw, exc, rejects)
                    if exact is not None:
                        stage.add(exact, raw.line)
                except RowError as exc:
                    rejects.add(raw.line, exc.field, exc.reason, _raw_text(raw.record))
                else:
                    stage.add(row, raw.line)
            if progress is not None and read % 8192 == 0:
                progress(counter.bytes_read if counter else 0, read)
        stage.flush()
        top = rejects.top()
        counts = append.merge()
        seconds = time.perf_counter() - started
        info = IngestInfo(file_label, spec.name, read, counts.loaded, rejects.count,
                          counts.duplicates, seconds, sha, size, top)
        append.record(IngestRecord(spec.name, file_label, sha, size, info.read, info.loaded,
                                   info.rejected, info.duplicates, started_at, seconds))
    if progress is not None:
        progress(size if counter else 0, read)
    log.info("ingested %s: %s", file_label, info)
    return info


def _exact(validate: Callable[[dict[str, Any]], tuple[Any, ...]], raw: RawRow,
           exc: InexactNumber, rejects: _Rejects) -> tuple[Any, ...] | None:
    """Validate a JSON row again with integers parsed exactly (ids of 2**64 and more)."""
    if raw.source is not None:
        try:
            return validate(json.loads(raw.source))
        except InexactNumber:
            pass  # a float literal, not an integer: rejected below
        except RowError as again:
            rejects.add(raw.line, again.field, again.reason, _raw_text(raw.record or {}))
            return None
    rejects.add(raw.line, exc.field, exc.reason, _raw_text(raw.record or {}))
    return None


def _raw_text(record: dict[str, Any]) -> str:
    return orjson.dumps(record, default=str).decode()


def ingest_files(
    store: Store,
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
