"""The store contract: what every engine (DuckDB, Spark) implements, and nothing more.

Everything outside :mod:`skillpulse.store` talks to a store through :class:`Store` (typed as
that protocol): no module outside ``store/`` imports an engine or touches a connection.
Each engine keeps its SQL in its own module (``store/duckdb.py``, ``store/spark*``); the
analytics reads are engine-neutral SQL built once (:mod:`skillpulse.analytics.queries`)
whose few engine spellings come from the store's :class:`~skillpulse.analytics.dialect.Dialect`
and run through :meth:`Store.query`.

Records that cross the contract are Arrow tables whose schemas are declared in
:mod:`skillpulse.store.schema` (store tables) and :mod:`skillpulse.store.kinds` (event
tables, one :class:`~skillpulse.store.kinds.KindSpec` per kind), or the frozen dataclasses
below.

Guarantees every engine gives (the parametrised engine tests check them):

* **Accounting**: for every ingested file, rows read = loaded + rejected + duplicates, and
  an ``ingests`` row records the five numbers; a file is stored completely or not at all.
* **Idempotence**: ingesting the same content again loads nothing new (every row is a
  duplicate) and records no reject twice (rejects are keyed by kind, file hash and line);
  extracting again with the same taxonomy version finds nothing pending; :meth:`Store.refresh`
  twice in a row touches nothing the second time.
* **Keys**: one stored row per (kind, id); the first row of a key in file order wins, a key
  already stored wins over a new one (``KindSpec.key`` says how ids of searches and profiles
  are formed).
* **Bounded memory**: every method that reads or writes documents works in batches of a
  bounded number of rows (the ``page``/``batch`` arguments); nothing holds a whole table
  in Python memory.
* **Same numbers**: :meth:`Store.query` on the same data returns the same rows on every
  engine (row order only where the SQL orders).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pyarrow as pa

    from skillpulse.analytics.dialect import Dialect
    from skillpulse.store.inspect import Reject, StoreStatus

#: one pending document: (kind, doc_id, {field: value} for the kind's extract fields)
PendingDoc = tuple[str, str, dict[str, Any]]


@dataclass(frozen=True)
class IngestRecord:
    """The ``ingests`` row of one file (written inside the file's transaction)."""

    kind: str
    file: str
    sha256: str
    bytes: int
    read: int
    loaded: int
    rejected: int
    duplicates: int
    started_at: datetime
    seconds: float


@dataclass(frozen=True)
class AppendCounts:
    """What :meth:`EventAppend.merge` stored: rows ``loaded`` (new keys) and ``staged``
    (every valid row added; ``staged - loaded`` are duplicates)."""

    loaded: int
    staged: int

    @property
    def duplicates(self) -> int:
        return self.staged - self.loaded


@dataclass(frozen=True)
class Pending:
    """What one kind has to extract for a taxonomy version: distinct pending IDs, pending
    rows (more when an ID is stored twice), and whether some documents of the kind are
    already extracted for the version."""

    documents: int
    rows: int
    some_done: bool


@dataclass(frozen=True)
class RefreshInfo:
    """What :meth:`Store.refresh` did to the derived ``analytics_doc_skills`` table.

    ``mode``: ``none`` (up to date), ``append`` (only the new documents' rows were added),
    ``rebuild`` (built from scratch: first build, a layout change, or a change an append
    cannot express such as a deleted row); ``mentions`` the ``mentions`` rows read (those
    appended since the last refresh, or all on a rebuild), ``rows`` the rows written;
    ``table`` the table's name, or ``None`` when it cannot exist on this store (read-only)
    and counting joins ``mentions`` instead."""

    mode: str
    mentions: int
    rows: int
    seconds: float
    table: str | None


@runtime_checkable
class EventAppend(Protocol):
    """One file's events on their way into the store, inside the file's transaction
    (see :meth:`Store.append_events`)."""

    def add(self, batch: pa.Table) -> None:
        """Stage validated rows: the kind's contract columns that the file maps (a subset of
        ``KindSpec.column_names`` without a derived ``id``, in that order), then ``extra``
        (string) and ``source_line`` (int64). Batches are bounded by the caller; the engine
        must not hold them in Python memory beyond the call."""
        ...

    def reject(self, batch: pa.Table) -> None:
        """Stage rejected rows: ``line`` (int64), ``field``, ``reason``, ``raw`` (strings)."""
        ...

    def top_reasons(self, n: int = 3) -> list[tuple[str | None, str, int]]:
        """The ``n`` most frequent (field, reason) pairs among the staged rejects, quoted
        values in the reason replaced by ``…``; most frequent first, then by field and
        reason."""
        ...

    def merge(self) -> AppendCounts:
        """Insert the staged rows whose key is new (first in file order wins; keys already
        stored are skipped) and the staged rejects not recorded before for this file hash and
        line. Called once, after the last :meth:`add`."""
        ...

    def record(self, info: IngestRecord) -> None:
        """Write the file's ``ingests`` row. Called once, after :meth:`merge`."""
        ...


@runtime_checkable
class SurveyWrite(Protocol):
    """One survey on its way into the store, inside one transaction that first removed the
    survey of the same name (see :meth:`Store.replace_survey`). Tables follow
    :data:`skillpulse.store.schema.TABLES` without the ``name`` column."""

    def answers(self, batch: pa.Table) -> None:
        """Append ``survey_answers`` rows: respondent (int64), question, answer."""
        ...

    def respondents(self, batch: pa.Table) -> None:
        """Append ``survey_respondents`` rows: respondent (int64), weight (float64), line."""
        ...

    def questions(self, table: pa.Table) -> None:
        """Write ``survey_questions``: question, position (int32), multi (bool),
        respondents (int64)."""
        ...

    def rejects(self, file: str, sha256: str, table: pa.Table) -> None:
        """Record rejected rows of the file (line, field, reason, raw) under kind
        ``survey``."""
        ...

    def record(self, *, file: str, sha256: str, weight_column: str | None, respondents: int,
               questions: int, loaded_at: datetime, ingest: IngestRecord) -> None:
        """Write the ``surveys`` row and the file's ``ingests`` row."""
        ...


@runtime_checkable
class Store(Protocol):
    """A skillpulse store on one engine. See the module docstring for the guarantees."""

    #: ``duckdb`` or ``spark``
    engine: str
    #: where the store lives (a DuckDB file, a lake folder or URI); ``None`` in memory
    path: Path | None

    # -- reads ---------------------------------------------------------------------------
    @property
    def dialect(self) -> Dialect:
        """The engine's spellings of the few SQL constructs that differ."""
        ...

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
        """Run one read-only SQL statement (named ``$name`` parameters, the engine's
        dialect) over the store's tables and return the result as Arrow. The analytics
        queries (:mod:`skillpulse.analytics.queries`) are the one copy of each read."""
        ...

    def derived_table(self) -> str | None:
        """The name of an up-to-date ``analytics_doc_skills`` table to count from
        (refreshing it first when the store changed, see :meth:`refresh`), or ``None`` when
        it cannot be kept on this store (read-only); counting then joins ``mentions``."""
        ...

    def status(self) -> StoreStatus:
        """Events per kind (count, first and last day as ``YYYY-MM-DD``, rejects) and the
        store's size in bytes."""
        ...

    def rejects(self, *, kind: str | None = None, limit: int = 50) -> list[Reject]:
        """Stored rejects ordered by kind, file and line, at most ``limit``."""
        ...

    def size_bytes(self) -> int:
        ...

    def documents(self, kind: str, fields: Sequence[str], *, before: datetime | None = None,
                  batch: int = 5000) -> Iterator[list[tuple[str, datetime, dict[str, Any]]]]:
        """The kind's documents (id, time, {field: value}) with time before ``before``,
        ordered by time then id, in lists of at most ``batch``."""
        ...

    def value_counts(self, kind: str, column: str, *, limit: int) -> pa.Table:
        """``(v, n)``: the ``limit`` most frequent non-null values of the kind's ``column``
        as text, most documents first, then by value."""
        ...

    def skills_of_documents(self, kind: str, version: str, docs: pa.Table) -> pa.Table:
        """For ``docs`` (``term``, ``doc_id``): ``(term, skill_id, n)``, the distinct
        documents of each term mentioning each skill at taxonomy ``version``."""
        ...

    def surveys(self) -> pa.Table:
        """``(name, file, weight_column, respondents, questions)`` per survey, by name."""
        ...

    def survey_questions(self, name: str) -> pa.Table:
        """``(question, position, multi, respondents)`` of survey ``name`` by position."""
        ...

    def survey_answers(self, name: str, question: str) -> pa.Table:
        """``(respondent, answer)``: every answer to ``question`` of survey ``name``."""
        ...

    def survey_respondents(self, name: str) -> pa.Table:
        """``(respondent, weight)`` of survey ``name``."""
        ...

    def survey_answer_counts(self, name: str) -> pa.Table:
        """``(question, answer, n)``: respondents per answer, by question, most frequent
        first, then by answer."""
        ...

    def export_events(self, kind: str, out: Path, fmt: str) -> int:
        """Write the kind's events ordered by time and id to ``out`` in ``fmt``
        (``parquet``, ``csv`` with skills as a JSON list, ``jsonl``); return the rows."""
        ...

    def export_results(self, what: str, out: Path, fmt: str, *, versions: Mapping[str, str],
                       labels: pa.Table) -> int:
        """Write ``mentions`` or ``doc-skills`` of each kind at ``versions[kind]`` to ``out``
        (columns in :func:`skillpulse.store.inspect.export_results`; ``labels``: skill_id,
        label); return the rows."""
        ...

    # -- writes --------------------------------------------------------------------------
    def append_events(self, kind: str, *, file: str, sha256: str,
                      columns: Sequence[str]) -> AbstractContextManager[EventAppend]:
        """One file's append, atomic: everything staged and merged inside the block is
        committed when it ends, nothing when it raises. ``columns``: the contract columns
        the batches carry (see :meth:`EventAppend.add`)."""
        ...

    def pending(self, kind: str, version: str) -> Pending:
        """What the kind has to extract for taxonomy ``version``."""
        ...

    def pending_documents(self, kind: str, version: str, *, page: int,
                          some_done: bool = True) -> Iterator[list[PendingDoc]]:
        """The kind's documents without an extraction for ``version``, with the kind's
        ``extract_fields``, in lists of at most ``page`` rows. An ID stored twice is yielded
        once per page (a later page may repeat it: writers drop it by
        :meth:`extracted_ids`). With ``some_done=False`` (nothing extracted yet for the
        version) the engine may skip the lookup of done IDs."""
        ...

    def extracted_ids(self, kind: str, version: str, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` already extracted for ``version``."""
        ...

    def append_extractions(self, mentions: pa.Table, extractions: pa.Table) -> None:
        """Append ``mentions`` and ``extractions`` rows (schemas of
        :func:`skillpulse.store.schema.arrow_schema`) in one transaction."""
        ...

    def replace_survey(self, name: str) -> AbstractContextManager[SurveyWrite]:
        """Remove survey ``name`` (and its file's rejects unless another survey shares the
        file) and write its replacement, atomically."""
        ...

    def refresh(self, *, full: bool = False) -> RefreshInfo:
        """Bring the derived ``analytics_doc_skills`` table up to date. Costs in proportion
        to what changed: documents extracted since the last refresh are appended; a full
        rebuild happens only on the first build, a layout change, ``full=True``, or a change
        an append cannot express (rows removed, events re-timed). Idempotent."""
        ...

    def close(self) -> None:
        ...

    def __enter__(self) -> Store:
        ...

    def __exit__(self, *exc: object) -> None:
        ...


def export_format(out: str | Path) -> str:
    """``parquet``, ``csv`` or ``jsonl`` from ``out``'s suffix (``""`` when none)."""
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in ("parquet", "csv", "jsonl") else ""


__all__ = ["AppendCounts", "EventAppend", "IngestRecord", "Pending", "PendingDoc",
           "RefreshInfo", "Store", "SurveyWrite", "export_format"]
