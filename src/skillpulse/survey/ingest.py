"""Ingest survey microdata (one row per respondent) into the store, in long form.

Reads CSV (also ``.csv.gz`` / ``.csv.bz2``), JSONL or Parquet with the shared streaming readers
of :mod:`skillpulse.ingest.readers`. Every column except the weight column is a question.

Rules (documented in ``docs/survey.md``):

- A cell that is empty (after trimming), or equal to one of ``na_values``, is "not answered".
- A question is **multi-select** when any of its values contains ``;`` (the Stack Overflow
  convention) or is a JSON/Parquet list; its answers are split on ``;``, trimmed, empty items
  dropped, duplicates within one respondent counted once. ``multi=`` / ``single=`` override
  the detection per question.
- With ``weight=COLUMN`` each row's weight must be a finite number >= 0; a row with a missing,
  non-numeric, negative or infinite weight is rejected into ``rejects`` (kind ``survey``, with
  line and field). Without a weight every respondent weighs 1.
- ``read = loaded + rejected``; blank lines are not rows.
- Re-ingesting a survey ``name`` replaces it in one transaction (nothing changes on failure).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from skillpulse.errors import InputFileError
from skillpulse.ingest.readers import RawRow, detect_format, read_rows
from skillpulse.store.base import IngestRecord, Store, SurveyWrite

log = logging.getLogger(__name__)

KIND = "survey"
_BATCH = 2000
_RAW_LIMIT = 4000


@dataclass(frozen=True)
class SurveyIngestInfo:
    """What one survey ingest did: ``read == loaded + rejected``."""

    file: str
    name: str
    read: int
    loaded: int
    rejected: int
    questions: int = 0
    multi_select: tuple[str, ...] = ()
    weighted: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "name": self.name, "read": self.read,
                "loaded": self.loaded, "rejected": self.rejected, "questions": self.questions,
                "multi_select": list(self.multi_select), "weighted": self.weighted,
                "seconds": self.seconds}


@dataclass(frozen=True)
class _Reject:
    line: int
    field: str | None
    reason: str
    raw: str


def _text(value: Any, na: frozenset[str]) -> str | None:
    """One scalar cell as answer text, or None when not answered."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        text = value.strip()
        return None if text in na else text
    return orjson.dumps(value, default=str).decode()


def _weight(value: Any) -> tuple[float | None, str | None]:
    """Parse a weight: (weight, None) or (None, reason)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "weight is missing"
    if isinstance(value, bool):
        return None, f"weight is not a number: {value!r}"
    try:
        w = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        return None, f"weight is not a number: {value!r}"
    if math.isnan(w) or math.isinf(w):
        return None, f"weight is not finite: {value!r}"
    if w < 0:
        return None, f"weight is negative: {value!r}"
    return w, None


def _raw(row: RawRow) -> str:
    if row.raw:
        return row.raw[:_RAW_LIMIT]
    return orjson.dumps(row.record, default=str).decode()[:_RAW_LIMIT]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cell(value: Any, na: frozenset[str]) -> tuple[str | None, bool]:
    """A cell as text (lists joined with ``;``) and whether it was a list."""
    if isinstance(value, list | tuple):
        items = [t for t in (_text(v, na) for v in value) if t is not None]
        return (";".join(items) if items else None), True
    return _text(value, na), False


class _Writer:
    """Buffers respondents column-wise and writes each batch straight to the long tables.

    Per batch and question (all in Arrow): trim, drop "not answered", and, when the batch's
    values contain ``;`` (or the question is forced multi), split, trim the items, drop empty
    items and count an item once per respondent. Splitting a value without ``;`` changes
    nothing, so splitting batch by batch gives the same answers as deciding per question.
    """

    def __init__(self, out: SurveyWrite, name: str, na: frozenset[str], weight: str | None,
                 force_multi: frozenset[str], force_single: frozenset[str]) -> None:
        self.out = out
        self.name = name
        self.na = pa.array(sorted(na), pa.string())
        self.na_set = na
        self.weight = weight
        self.force_multi = force_multi
        self.force_single = force_single
        self.questions: dict[str, int] = {}  # question -> position (1-based), file order
        self.multi: set[str] = set()
        self.answered: dict[str, int] = {}  # question -> respondents who answered
        self.meta: dict[str, list[Any]] = {"respondent": [], "line": [], "weight": []}
        self.cols: dict[str, list[Any]] = {}
        self.rows: list[list[Any]] = []  # fast path: CSV rows as value lists
        self.header: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self.meta["respondent"])

    def _question(self, question: str) -> None:
        if question not in self.questions:
            self.questions[question] = len(self.questions) + 1
            if question in self.force_multi:
                self.multi.add(question)

    def add(self, respondent: int, weight: float, line: int, record: dict[str, Any],
            text_only: bool) -> None:
        meta = self.meta
        index = len(meta["respondent"])
        meta["respondent"].append(respondent)
        meta["line"].append(line)
        meta["weight"].append(weight)
        if text_only:  # CSV: every record has the header's keys, every value is a string
            if self.header is None:
                self.header = tuple(record)
                for question in self.header:
                    if question != self.weight:
                        self._question(question)
            self.rows.append(list(record.values()))
            return
        cols = self.cols
        for question, value in record.items():
            if question == self.weight:
                continue
            col = cols.get(question)
            if col is None:
                self._question(question)
                col = cols[question] = []
            if len(col) < index:
                col.extend([None] * (index - len(col)))
            if type(value) is not str and value is not None:
                value, is_list = _cell(value, self.na_set)
                if is_list and question not in self.force_single:
                    self.multi.add(question)
            col.append(value)

    def _columns(self, size: int) -> dict[str, list[Any] | tuple[Any, ...]]:
        if self.header is not None and self.rows:
            return {q: col for q, col in zip(self.header, zip(*self.rows, strict=True),
                                             strict=True) if q != self.weight}
        for col in self.cols.values():
            if len(col) < size:
                col.extend([None] * (size - len(col)))
        return dict(self.cols)

    def flush(self) -> None:
        size = len(self)
        if not size:
            return
        respondents = pa.array(self.meta["respondent"], pa.int64())
        pieces = []
        for question, values in self._columns(size).items():
            arr = pc.utf8_trim_whitespace(pa.array(values, pa.string()))
            keep = pc.and_(pc.is_valid(arr), pc.invert(pc.is_in(arr, value_set=self.na)))
            arr, resp = arr.filter(keep), respondents.filter(keep)
            if not len(arr):
                continue
            split = question in self.force_multi
            if question not in self.force_single and pc.any(
                    pc.match_substring(arr, ";")).as_py():
                self.multi.add(question)
                split = True
            if split:
                lists = pc.split_pattern(arr, ";")
                items = pc.utf8_trim_whitespace(pc.list_flatten(lists))
                resp = resp.take(pc.list_parent_indices(lists))
                nonempty = pc.not_equal(items, "")
                pairs = pa.table({"respondent": resp.filter(nonempty),
                                  "answer": items.filter(nonempty)})
                pairs = pairs.group_by(["respondent", "answer"], use_threads=False).aggregate([])
                resp, arr = pairs["respondent"], pairs["answer"]
                self.answered[question] = (self.answered.get(question, 0)
                                           + len(pc.unique(resp)))
            else:
                self.answered[question] = self.answered.get(question, 0) + len(arr)
            qcol = pa.array([question], pa.string()).take(
                pa.array(np.zeros(len(arr), dtype=np.int64)))
            pieces.append(pa.table({"respondent": resp, "question": qcol, "answer": arr}))
        if pieces:
            self.out.answers(pa.concat_tables(pieces))
        self.out.respondents(pa.table({
            "respondent": respondents,
            "weight": pa.array(self.meta["weight"], pa.float64()),
            "line": pa.array(self.meta["line"], pa.int64()),
        }))
        for values in self.meta.values():
            values.clear()
        self.cols = {}
        self.rows = []

    def finish(self) -> dict[str, bool]:
        """Write the question list; return question -> multi-select?, in file order."""
        kinds = {q: q in self.multi for q in self.questions}
        table = pa.table({
            "question": pa.array(list(kinds), pa.string()),
            "position": pa.array(list(self.questions.values()), pa.int32()),
            "multi": pa.array(list(kinds.values()), pa.bool_()),
            "respondents": pa.array([self.answered.get(q, 0) for q in kinds], pa.int64()),
        })
        self.out.questions(table)
        return kinds


def ingest_survey(
    store: Store,
    path: str | Path,
    *,
    name: str,
    weight: str | None = None,
    fmt: str | None = None,
    multi: Collection[str] = (),
    single: Collection[str] = (),
    na_values: Collection[str] = ("",),
) -> SurveyIngestInfo:
    """Load the survey file ``path`` as survey ``name`` (replacing a survey of that name).

    ``weight`` names the weight column; ``fmt`` forces ``csv``, ``jsonl`` or ``parquet``;
    ``multi`` / ``single`` force questions to be treated as multi-select / single-choice;
    ``na_values`` are the (trimmed) cell texts that mean "not answered".
    """
    if not name or not name.strip():
        raise InputFileError(str(path), "a survey needs a non-empty --name")
    overlap = set(multi) & set(single)
    if overlap:
        raise InputFileError(str(path), f"questions both multi and single: {sorted(overlap)}")
    src = Path(path)
    if not src.is_file():
        raise InputFileError(str(src), "no such file")
    file_format = detect_format(src, fmt)
    started = time.perf_counter()
    started_at = datetime.now(UTC).replace(tzinfo=None)
    na = frozenset(v.strip() for v in na_values) | {""}
    rejects: list[_Reject] = []
    read = loaded = 0
    rows, _counter = read_rows(src, file_format)
    with store.replace_survey(name) as out:
        writer = _Writer(out, name, na, weight, frozenset(multi), frozenset(single))
        text_only = file_format == "csv"
        checked_weight = False
        for row in rows:
            read += 1
            record = row.record
            if record is None:
                rejects.append(_Reject(row.line, None, row.error or "unreadable row", _raw(row)))
                continue
            w = 1.0
            if weight is not None:
                if not checked_weight:
                    checked_weight = True
                    if file_format != "jsonl" and weight not in record:
                        raise InputFileError(
                            str(src), f"weight column {weight!r} is not among the columns "
                            f"{sorted(record)}")
                parsed, reason = _weight(record.get(weight))
                if parsed is None:
                    rejects.append(_Reject(row.line, weight, reason or "bad weight", _raw(row)))
                    continue
                w = parsed
            loaded += 1
            writer.add(loaded, w, row.line, record, text_only)
            if len(writer) >= _BATCH:
                writer.flush()
        writer.flush()
        questions = writer.finish()
        sha = _sha256(src)
        out.rejects(str(src), sha, pa.table({
            "line": pa.array([r.line for r in rejects], pa.int64()),
            "field": pa.array([r.field for r in rejects], pa.string()),
            "reason": pa.array([r.reason for r in rejects], pa.string()),
            "raw": pa.array([r.raw for r in rejects], pa.string()),
        }))
        seconds = time.perf_counter() - started
        out.record(file=str(src), sha256=sha, weight_column=weight, respondents=loaded,
                   questions=len(questions), loaded_at=started_at,
                   ingest=IngestRecord(KIND, str(src), sha, src.stat().st_size, read, loaded,
                                       len(rejects), 0, started_at, seconds))
    multi_select = tuple(q for q, is_multi in questions.items() if is_multi)
    log.info("survey %s: read %d, loaded %d, rejected %d, %d questions (%d multi-select)",
             name, read, loaded, len(rejects), len(questions), len(multi_select))
    return SurveyIngestInfo(file=str(src), name=name, read=read, loaded=loaded,
                            rejected=len(rejects), questions=len(questions),
                            multi_select=multi_select, weighted=weight is not None,
                            seconds=time.perf_counter() - started)
