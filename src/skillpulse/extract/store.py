"""The store step: extract every stored document not yet extracted with this taxonomy.

``extract_store(store, taxonomy)`` reads postings, searches, hires and profiles that have no
``extractions`` row for the taxonomy's version, extracts them (on ``workers`` processes, each
building its own :class:`~skillpulse.extract.pipeline.Extractor` once), and writes their
``mentions`` and ``extractions`` rows, one transaction per batch. Documents are read by
keyset pagination on the tables' row IDs and written in batches, with DuckDB's memory capped, so peak
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

import gc
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
from skillpulse.store.base import PendingDoc, Store
from skillpulse.taxonomy.model import Taxonomy

__all__ = ["ExtractInfo", "extract_store", "pending_counts"]

log = logging.getLogger(__name__)

#: documents per task sent to a worker
CHUNK = 400
#: documents per write transaction
WRITE_BATCH = 4000
#: chunks per worker between reading and writing (bounds what waits in memory)
IN_FLIGHT = 3
#: rows read from the store at a time (keyset pagination on row IDs)
PAGE = 8000
#: DuckDB's memory cap while extracting, as ingest has (beyond it DuckDB spills to disk)
EXTRACT_MEMORY_LIMIT = "512MB"

Row = PendingDoc

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "taxonomy_version": self.taxonomy_version,
            "documents": dict(self.documents),
            "total_documents": self.total_documents,
            "mentions": self.mentions,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
        }


def pending_counts(store: Store, version: str) -> dict[str, int]:
    """Documents of each kind without an extraction for ``version``."""
    return {kind: store.pending(kind, version).documents for kind in FIELDS}


def _read_pending(store: Store, kind: str, version: str, chunk_size: int, page: int = PAGE,
                  *, some_done: bool = True) -> Iterator[list[Row]]:
    """Pending documents in chunks of ``chunk_size``, read a page of rows at a time
    (:meth:`~skillpulse.store.base.Store.pending_documents`); an ID repeated in a later page
    is left out when written (see :func:`_write`)."""
    for rows in store.pending_documents(kind, version, page=page, some_done=some_done):
        for i in range(0, len(rows), chunk_size):
            yield rows[i:i + chunk_size]


SEMANTIC_SUFFIX = "+semantic"


def run_version(taxonomy: Taxonomy, semantic: bool) -> str:
    """The version an extraction run records: the taxonomy's, marked when semantic."""
    return taxonomy.version + (SEMANTIC_SUFFIX if semantic else "")


def build_extractor(taxonomy: Taxonomy, semantic: bool = False) -> Extractor:
    """The extractor of a run: the dictionary pipeline, plus the semantic component."""
    extractor = Extractor(taxonomy)
    if semantic:
        from skillpulse.errors import MissingExtraError
        from skillpulse.extract.semantic import SemanticComponent
        from skillpulse.link import Linker
        from skillpulse.link.encoder import require_semantic
        from skillpulse.link.target import taxonomy_target

        try:
            require_semantic()
        except MissingExtraError as exc:
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
def _write(store: Store, chunks: list[_Chunk], version: str, *, dedupe: bool = False
           ) -> tuple[int, dict[str, int]]:
    """Write the chunks' mentions and extraction rows in one transaction; return the
    mentions written and the documents written per kind.

    With ``dedupe`` (the store holds an ID more than once), a document whose ID is already
    extracted for the version, or earlier in these chunks, is left out: the first row of an
    ID in the table wins, as each ID is extracted once.
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    kinds = [k for c in chunks for k in c.kinds]
    doc_ids = [d for c in chunks for d in c.doc_ids]
    counts = [n for c in chunks for n in c.counts]
    men = pa.concat_tables([c.mentions for c in chunks]) if chunks else \
        _MENTION_SCHEMA.empty_table()
    if dedupe and kinds:
        keep = _first_and_new(store, kinds, doc_ids, version)
        if not all(keep):
            row_keep = [k for k, n in zip(keep, counts, strict=True) for _ in range(n)]
            men = men.filter(pa.array(row_keep, pa.bool_()))
            kinds = [x for x, k in zip(kinds, keep, strict=True) if k]
            doc_ids = [x for x, k in zip(doc_ids, keep, strict=True) if k]
            counts = [x for x, k in zip(counts, keep, strict=True) if k]
    ext = pa.table({
        "kind": kinds,
        "doc_id": doc_ids,
        "taxonomy_version": [version] * len(kinds),
        "mention_count": pa.array(counts, pa.int32()),
        "extracted_at": pa.array([now] * len(kinds), pa.timestamp("us")),
    })
    store.append_extractions(men, ext)
    written = {k: 0 for k in FIELDS}
    for k in kinds:
        written[k] += 1
    return men.num_rows, written


def _first_and_new(store: Store, kinds: list[str], doc_ids: list[str], version: str
                   ) -> list[bool]:
    """For each (kind, ID): True unless it is already extracted or came earlier here."""
    done: set[tuple[str, str]] = set()
    for kind in set(kinds):
        ids = list({d for k, d in zip(kinds, doc_ids, strict=True) if k == kind})
        done.update((kind, d) for d in store.extracted_ids(kind, version, ids))
    keep = []
    for key in zip(kinds, doc_ids, strict=True):
        keep.append(key not in done)
        done.add(key)
    return keep


def extract_store(
    store: Store,
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


def _extract_pending(store: Store, taxonomy: Taxonomy, version: str, *, workers: int,
                     progress: ProgressFn | None, chunk_size: int, semantic: bool,
                     started: float, page_size: int) -> ExtractInfo:
    global _WORKER, _VERSION
    try:
        todo = {kind: store.pending(kind, version) for kind in FIELDS}
    except Exception as exc:
        raise StepError("extract", "the store", f"cannot read pending documents: {exc}"
                        ) from exc
    total = sum(p.documents for p in todo.values())
    dedupe = any(p.rows > p.documents for p in todo.values())
    documents = {k: 0 for k in FIELDS}
    mentions = 0
    if progress is not None:
        progress(0, total)
    if total == 0:
        return ExtractInfo(version, documents, 0, time.perf_counter() - started, 0)
    chunk_size = max(1, chunk_size)
    workers = max(1, min(workers, multiprocessing.cpu_count(), -(-total // chunk_size)))

    def chunks() -> Iterator[list[Row]]:
        for kind, p in todo.items():
            if p.documents:
                yield from _read_pending(store, kind, version, chunk_size, page_size,
                                         some_done=p.some_done)

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
            # frozen objects are left alone by the workers' garbage collector: it would
            # otherwise write to every inherited object and so copy the parent's pages
            # (taxonomy, extractor) into each worker
            gc.freeze()
            try:
                pool = fork_ctx.Pool(workers)
            finally:
                gc.unfreeze()
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
                n_mentions, written = _write(store, buffer, version, dedupe=dedupe)
                mentions += n_mentions
                for k, n in written.items():
                    documents[k] += n
                done += buffered
                buffer, buffered = [], 0
                if progress is not None:
                    progress(done, total)
        if buffer:
            n_mentions, written = _write(store, buffer, version, dedupe=dedupe)
            mentions += n_mentions
            for k, n in written.items():
                documents[k] += n
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
    log.info("extracted %d documents, %d mentions in %.1f s", sum(documents.values()),
             mentions, seconds)
    return ExtractInfo(version, documents, mentions, seconds, workers)
