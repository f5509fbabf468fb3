"""The store step: extract every stored document not yet extracted with this taxonomy.

``extract_store(store, taxonomy)`` reads postings, searches, hires and profiles that have no
``extractions`` row for the taxonomy's version, extracts them (on ``workers`` processes, each
building its own :class:`~skillpulse.extract.pipeline.Extractor` once), and writes their
``mentions`` and ``extractions`` rows, one transaction per batch. Documents are read by
keyset pagination on their IDs and written in batches, with DuckDB's memory capped, so peak
memory stays flat however large the store (benchmarks/bench_extract_memory.py).
Re-running finds nothing new; a new taxonomy version extracts everything again (rows of
older versions stay; analytics filter by version).

With ``semantic=True`` (needs the ``semantic`` extra) the extractor also runs the linker's
:class:`~skillpulse.extract.semantic.SemanticComponent`, which proposes skills for phrases
the dictionary missed (method ``semantic``). Such a run records its mentions and extractions
under the version ``<taxonomy version>+semantic``, so it extracts every document again and
analytics (which count the newest version by default) include the semantic mentions.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from skillpulse.errors import StepError
from skillpulse.extract.pipeline import FIELDS, Extractor
from skillpulse.taxonomy.model import Taxonomy

__all__ = ["ExtractInfo", "extract_store", "pending_counts"]

log = logging.getLogger(__name__)

#: documents per task sent to a worker
CHUNK = 400
#: documents per write transaction
WRITE_BATCH = 4000
#: chunks per worker between reading and writing (bounds what waits in memory)
IN_FLIGHT = 3
#: pending documents read from the store at a time (keyset pagination on their IDs)
PAGE = 8000
#: DuckDB's memory cap while extracting, as ingest has (beyond it DuckDB spills to disk)
EXTRACT_MEMORY_LIMIT = "512MB"

Row = tuple[str, str, dict[str, Any]]

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractInfo:
    """What one ``extract_store`` run did."""

    taxonomy_version: str
    #: documents extracted in this run, per kind
    documents: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    seconds: float = 0.0
    workers: int = 1

    @property
    def total_documents(self) -> int:
        return sum(self.documents.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "taxonomy_version": self.taxonomy_version,
            "documents": dict(self.documents),
            "total_documents": self.total_documents,
            "mentions": self.mentions,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
        }


def _pending_sql(kind: str, columns: str, *, after: bool = False, upto: bool = False) -> str:
    """Documents of ``kind`` without an extraction for ``$version``; with ``after`` only IDs
    above ``$after``, with ``upto`` only IDs up to ``$upto``. The ID bounds apply inside the
    anti-join too, so DuckDB never builds a hash table of every extraction already done."""
    bounds = ""
    x_bounds = ""
    if after:
        bounds += " AND d.id > $after"
        x_bounds += " AND x.doc_id > $after"
    if upto:
        bounds += " AND d.id <= $upto"
        x_bounds += " AND x.doc_id <= $upto"
    return (
        f"SELECT {columns} FROM {kind} d WHERE NOT EXISTS (SELECT 1 FROM extractions x "
        f"WHERE x.kind = '{kind}' AND x.doc_id = d.id AND x.taxonomy_version = $version"
        f"{x_bounds}){bounds}"
    )


def pending_counts(store: Any, version: str) -> dict[str, int]:
    """Documents of each kind without an extraction for ``version``."""
    return {kind: int(store.scalar(_pending_sql(kind, "count(DISTINCT id)"),
                                   {"version": version}))
            for kind in FIELDS}


def _read_pending(store: Any, kind: str, version: str, chunk_size: int,
                  page: int = PAGE) -> Iterator[list[Row]]:
    """Pending documents in chunks, one page of IDs at a time (keyset pagination).

    Each page first finds the ``page``-th next pending ID above the last one read (a top-N
    over IDs alone: no text, no hash table of the whole table), then reads the documents
    with IDs in that range, one row per ID. Memory is bounded by the page, whatever the size
    of the store; a re-run after an interrupted one skips what is already extracted.
    """
    names = ["id", *FIELDS[kind]]
    cols = ", ".join(f"d.{c}" for c in names)
    cur = store.con.cursor()
    try:
        params: dict[str, Any] = {"version": version}
        while True:
            has_after = "after" in params
            last = cur.execute(
                "SELECT max(id) FROM (" + _pending_sql(kind, "d.id", after=has_after)
                + f" ORDER BY d.id LIMIT {int(page)})", params).fetchall()[0][0]
            if last is None:
                break
            sql = _pending_sql(kind, f"DISTINCT ON (d.id) {cols}", after=has_after, upto=True)
            rows = cur.execute(sql + " ORDER BY d.id", {**params, "upto": last}).fetchall()
            for i in range(0, len(rows), chunk_size):
                yield [(kind, str(r[0]), dict(zip(names[1:], r[1:], strict=True)))
                       for r in rows[i:i + chunk_size]]
            params = {"version": version, "after": last}
    finally:
        cur.close()


SEMANTIC_SUFFIX = "+semantic"


def run_version(taxonomy: Taxonomy, semantic: bool) -> str:
    """The version an extraction run records: the taxonomy's, marked when semantic."""
    return taxonomy.version + (SEMANTIC_SUFFIX if semantic else "")


def build_extractor(taxonomy: Taxonomy, semantic: bool = False) -> Extractor:
    """The extractor of a run: the dictionary pipeline, plus the semantic component."""
    extractor = Extractor(taxonomy)
    if semantic:
        try:
            from skillpulse.extract.semantic import SemanticComponent
            from skillpulse.link import Linker
            from skillpulse.link.target import taxonomy_target
        except ImportError as exc:
            from skillpulse.errors import MissingExtraError

            raise MissingExtraError("semantic extraction", "semantic") from exc
        linker = Linker(taxonomy_target(taxonomy))
        extractor.add_component(
            SemanticComponent(linker, taxonomy_version=run_version(taxonomy, True)))
    return extractor


# -- workers --------------------------------------------------------------------------
_WORKER: Extractor | None = None
_VERSION: str = ""


def _init_worker(taxonomy: Taxonomy, semantic: bool = False) -> None:
    global _WORKER, _VERSION
    _WORKER = build_extractor(taxonomy, semantic)
    _VERSION = run_version(taxonomy, semantic)


@dataclass(frozen=True)
class _Chunk:
    """One extracted chunk: the documents, their mention counts and the mention rows as an
    Arrow table (cheap to send between processes)."""

    kinds: list[str]
    doc_ids: list[str]
    counts: list[int]
    mentions: pa.Table


def _extract_chunk(rows: list[Row]) -> _Chunk:
    extractor = _WORKER
    if extractor is None:  # pragma: no cover - initializer always runs first
        raise RuntimeError("worker not initialised")
    return _extract_rows(extractor, rows, _VERSION)


_MENTION_COLS = ("kind", "doc_id", "skill_id", "method", "field", "start_pos", "end_pos",
                 "text", "confidence", "taxonomy_version")
_MENTION_SCHEMA = pa.schema([
    ("kind", pa.string()), ("doc_id", pa.string()), ("skill_id", pa.string()),
    ("method", pa.string()), ("field", pa.string()), ("start_pos", pa.int32()),
    ("end_pos", pa.int32()), ("text", pa.string()), ("confidence", pa.float64()),
    ("taxonomy_version", pa.string()),
])


def _extract_rows(extractor: Extractor, rows: list[Row], version: str) -> _Chunk:
    kinds: list[str] = []
    ids: list[str] = []
    counts: list[int] = []
    cols: list[list[Any]] = [[] for _ in _MENTION_COLS]
    c_kind, c_doc, c_skill, c_method, c_field, c_start, c_end, c_text, c_conf, c_ver = cols
    for kind, doc_id, doc in rows:
        ms = extractor.extract_document(doc, kind)
        kinds.append(kind)
        ids.append(doc_id)
        counts.append(len(ms))
        for m in ms:
            c_kind.append(kind)
            c_doc.append(doc_id)
            c_skill.append(m.skill_id)
            c_method.append(m.method)
            c_field.append(m.field)
            c_start.append(m.start)
            c_end.append(m.end)
            c_text.append(m.text)
            c_conf.append(m.confidence)
            c_ver.append(version)
    table = pa.table(dict(zip(_MENTION_COLS, cols, strict=True)), schema=_MENTION_SCHEMA)
    return _Chunk(kinds, ids, counts, table)


# -- writing ----------------------------------------------------------------------------
def _write(store: Any, chunks: list[_Chunk], version: str) -> int:
    now = datetime.now(UTC).replace(tzinfo=None)
    kinds = [k for c in chunks for k in c.kinds]
    ext = pa.table({
        "kind": kinds,
        "doc_id": [d for c in chunks for d in c.doc_ids],
        "taxonomy_version": [version] * len(kinds),
        "mention_count": pa.array([n for c in chunks for n in c.counts], pa.int32()),
        "extracted_at": pa.array([now] * len(kinds), pa.timestamp("us")),
    })
    men = pa.concat_tables([c.mentions for c in chunks]) if chunks else \
        _MENTION_SCHEMA.empty_table()
    con = store.con
    with store.transaction():
        con.register("_sp_new_mentions", men)
        con.register("_sp_new_extractions", ext)
        try:
            con.execute(f"INSERT INTO mentions ({', '.join(_MENTION_COLS)}) "
                        f"SELECT {', '.join(_MENTION_COLS)} FROM _sp_new_mentions")
            con.execute("INSERT INTO extractions (kind, doc_id, taxonomy_version, "
                        "mention_count, extracted_at) SELECT kind, doc_id, taxonomy_version, "
                        "mention_count, extracted_at FROM _sp_new_extractions")
        finally:
            con.unregister("_sp_new_mentions")
            con.unregister("_sp_new_extractions")
    return men.num_rows


def extract_store(
    store: Any,
    taxonomy: Taxonomy,
    *,
    workers: int = 2,
    progress: ProgressFn | None = None,
    chunk_size: int = CHUNK,
    semantic: bool = False,
    page_size: int = PAGE,
) -> ExtractInfo:
    """Extract every stored document not yet extracted with ``taxonomy`` (see module docs).

    ``progress(done, total)`` is called after each written batch. ``chunk_size`` documents go
    to a worker at a time; ``workers`` is capped by the CPU count and the number of chunks.
    ``semantic`` adds the semantic component (see the module docs). Documents are read
    ``page_size`` IDs at a time, with DuckDB's memory capped at ``EXTRACT_MEMORY_LIMIT`` and
    at most ``IN_FLIGHT`` chunks per worker between reading and writing, so memory does not
    grow with the store.
    """
    started = time.perf_counter()
    version = run_version(taxonomy, semantic)
    if semantic:
        build_extractor(taxonomy, semantic)  # fail early (missing extra) and warm the caches
    cap = getattr(store, "memory_limit", None)
    with cap(EXTRACT_MEMORY_LIMIT) if cap is not None else nullcontext():
        return _extract_pending(store, taxonomy, version, workers=workers, progress=progress,
                                chunk_size=chunk_size, semantic=semantic, started=started,
                                page_size=max(1, page_size))


def _extract_pending(store: Any, taxonomy: Taxonomy, version: str, *, workers: int,
                     progress: ProgressFn | None, chunk_size: int, semantic: bool,
                     started: float, page_size: int) -> ExtractInfo:
    global _WORKER, _VERSION
    try:
        todo = pending_counts(store, version)
    except Exception as exc:
        raise StepError("extract", "the store", f"cannot read pending documents: {exc}"
                        ) from exc
    total = sum(todo.values())
    documents = {k: 0 for k in FIELDS}
    mentions = 0
    if progress is not None:
        progress(0, total)
    if total == 0:
        return ExtractInfo(version, documents, 0, time.perf_counter() - started, 0)
    chunk_size = max(1, chunk_size)
    workers = max(1, min(workers, multiprocessing.cpu_count(), -(-total // chunk_size)))

    def chunks() -> Iterator[list[Row]]:
        for kind, n in todo.items():
            if n:
                yield from _read_pending(store, kind, version, chunk_size, page_size)

    pool = None
    slots: threading.Semaphore | None = None
    stop: threading.Event | None = None
    if workers > 1:
        if "fork" in multiprocessing.get_all_start_methods() and not semantic:
            # the workers inherit the extractor built here (copy-on-write): no pickling of
            # the taxonomy, no second build; they never touch the store's connection
            _WORKER = Extractor(taxonomy)
            _VERSION = version
            fork_ctx = multiprocessing.get_context("fork")
            pool = fork_ctx.Pool(workers)
        else:  # spawn (and semantic runs, whose ONNX sessions must not cross a fork): each
            # worker builds its extractor once from the pickled taxonomy
            spawn_ctx = multiprocessing.get_context("spawn")
            pool = spawn_ctx.Pool(workers, initializer=_init_worker,
                                  initargs=(taxonomy, semantic))
        # at most IN_FLIGHT chunks between the reader and the writer: the pool's feeder
        # thread waits here instead of reading ahead (and results cannot pile up)
        slots = threading.Semaphore(workers * IN_FLIGHT)
        stop = threading.Event()

        def throttled() -> Iterator[list[Row]]:
            for rows in chunks():
                while not slots.acquire(timeout=0.2):
                    if stop.is_set():
                        return
                yield rows

        results: Iterator[_Chunk] = pool.imap(_extract_chunk, throttled())
    else:
        local = build_extractor(taxonomy, semantic)
        results = (_extract_rows(local, rows, version) for rows in chunks())
    done = 0
    buffer: list[_Chunk] = []
    buffered = 0
    try:
        for res in results:
            if slots is not None:
                slots.release()
            buffer.append(res)
            buffered += len(res.doc_ids)
            if buffered >= WRITE_BATCH:
                mentions += _write(store, buffer, version)
                for c in buffer:
                    for k in c.kinds:
                        documents[k] += 1
                done += buffered
                buffer, buffered = [], 0
                if progress is not None:
                    progress(done, total)
        if buffer:
            mentions += _write(store, buffer, version)
            for c in buffer:
                for k in c.kinds:
                    documents[k] += 1
            done += buffered
    except StepError:
        raise
    except Exception as exc:
        raise StepError("extract", "the store", str(exc)) from exc
    finally:
        if stop is not None:
            stop.set()
        if pool is not None:
            pool.terminate()
            pool.join()
            _WORKER = None
    if progress is not None:
        progress(total, total)
    seconds = time.perf_counter() - started
    log.info("extracted %d documents, %d mentions in %.1f s", done, mentions, seconds)
    return ExtractInfo(version, documents, mentions, seconds, workers)
