"""The store step: extract every stored document not yet extracted with this taxonomy.

``extract_store(store, taxonomy)`` reads postings, searches, hires and profiles that have no
``extractions`` row for the taxonomy's version, extracts them (on ``workers`` processes, each
building its own :class:`~skillpulse.extract.pipeline.Extractor` once), and writes their
``mentions`` and ``extractions`` rows, one transaction per batch. Re-running finds nothing
new; a new taxonomy version extracts everything again (rows of older versions stay; analytics
filter by version).
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator
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

Row = tuple[str, str, dict[str, Any]]
MentionRow = tuple[str, str, str, str, str, int, int, str, float, str]

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


def _pending_sql(kind: str, columns: str) -> str:
    return (
        f"SELECT {columns} FROM {kind} d WHERE NOT EXISTS (SELECT 1 FROM extractions x "
        f"WHERE x.kind = '{kind}' AND x.doc_id = d.id AND x.taxonomy_version = $1)"
    )


def pending_counts(store: Any, version: str) -> dict[str, int]:
    """Documents of each kind without an extraction for ``version``."""
    return {kind: int(store.scalar(_pending_sql(kind, "count(*)"), [version]))
            for kind in FIELDS}


def _read_pending(store: Any, kind: str, version: str, chunk_size: int) -> Iterator[list[Row]]:
    cols = ", ".join(["id", *FIELDS[kind]])
    cur = store.con.cursor()
    try:
        res = cur.execute(_pending_sql(kind, cols) + " ORDER BY id", [version])
        names = ["id", *FIELDS[kind]]
        while True:
            chunk = res.fetchmany(chunk_size)
            if not chunk:
                break
            yield [(kind, str(r[0]), dict(zip(names[1:], r[1:], strict=True))) for r in chunk]
    finally:
        cur.close()


# -- workers --------------------------------------------------------------------------
_WORKER: Extractor | None = None


def _init_worker(taxonomy: Taxonomy) -> None:
    global _WORKER
    _WORKER = Extractor(taxonomy)


def _extract_chunk(rows: list[Row]) -> list[tuple[str, str, list[MentionRow]]]:
    extractor = _WORKER
    if extractor is None:  # pragma: no cover - initializer always runs first
        raise RuntimeError("worker not initialised")
    return _extract_rows(extractor, rows)


def _extract_rows(extractor: Extractor, rows: list[Row]) -> list[tuple[str, str, list[MentionRow]]]:
    out = []
    for kind, doc_id, doc in rows:
        ms = extractor.extract_document(doc, kind)
        out.append((kind, doc_id, [
            (kind, doc_id, m.skill_id, m.method, m.field, m.start, m.end, m.text,
             m.confidence, m.taxonomy_version) for m in ms
        ]))
    return out


# -- writing ----------------------------------------------------------------------------
_MENTION_COLS = ("kind", "doc_id", "skill_id", "method", "field", "start_pos", "end_pos",
                 "text", "confidence", "taxonomy_version")


def _write(store: Any, results: list[tuple[str, str, list[MentionRow]]], version: str) -> int:
    rows = [m for _, _, ms in results for m in ms]
    now = datetime.now(UTC).replace(tzinfo=None)
    ext = pa.table({
        "kind": [k for k, _, _ in results],
        "doc_id": [d for _, d, _ in results],
        "taxonomy_version": [version] * len(results),
        "mention_count": pa.array([len(ms) for _, _, ms in results], pa.int32()),
        "extracted_at": pa.array([now] * len(results), pa.timestamp("us")),
    })
    cols: list[Any] = list(zip(*rows, strict=True)) if rows else [() for _ in _MENTION_COLS]
    men = pa.table({
        "kind": pa.array(cols[0], pa.string()),
        "doc_id": pa.array(cols[1], pa.string()),
        "skill_id": pa.array(cols[2], pa.string()),
        "method": pa.array(cols[3], pa.string()),
        "field": pa.array(cols[4], pa.string()),
        "start_pos": pa.array(cols[5], pa.int32()),
        "end_pos": pa.array(cols[6], pa.int32()),
        "text": pa.array(cols[7], pa.string()),
        "confidence": pa.array(cols[8], pa.float64()),
        "taxonomy_version": pa.array(cols[9], pa.string()),
    })
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
    return len(rows)


def extract_store(
    store: Any,
    taxonomy: Taxonomy,
    *,
    workers: int = 2,
    progress: ProgressFn | None = None,
    chunk_size: int = CHUNK,
) -> ExtractInfo:
    """Extract every stored document not yet extracted with ``taxonomy`` (see module docs).

    ``progress(done, total)`` is called after each written batch. ``chunk_size`` documents go
    to a worker at a time; ``workers`` is capped by the CPU count and the number of chunks.
    """
    started = time.perf_counter()
    version = taxonomy.version
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
                yield from _read_pending(store, kind, version, chunk_size)

    pool = None
    if workers > 1:
        global _WORKER
        if "fork" in multiprocessing.get_all_start_methods():
            # the workers inherit the extractor built here (copy-on-write): no pickling of
            # the taxonomy, no second build; they never touch the store's connection
            _WORKER = Extractor(taxonomy)
            fork_ctx = multiprocessing.get_context("fork")
            pool = fork_ctx.Pool(workers)
        else:  # spawn: each worker builds its extractor once from the pickled taxonomy
            spawn_ctx = multiprocessing.get_context("spawn")
            pool = spawn_ctx.Pool(workers, initializer=_init_worker, initargs=(taxonomy,))
        results: Iterator[list[tuple[str, str, list[MentionRow]]]] = pool.imap(
            _extract_chunk, chunks())
    else:
        local = Extractor(taxonomy)
        results = (_extract_rows(local, rows) for rows in chunks())
    done = 0
    buffer: list[tuple[str, str, list[MentionRow]]] = []
    seen: set[tuple[str, str]] = set()
    try:
        for res in results:
            for item in res:
                key = (item[0], item[1])
                if key in seen:  # a duplicated ID in an event table: extract it once
                    continue
                seen.add(key)
                buffer.append(item)
            if len(buffer) >= WRITE_BATCH:
                mentions += _write(store, buffer, version)
                for k, _, _ in buffer:
                    documents[k] += 1
                done += len(buffer)
                buffer = []
                if progress is not None:
                    progress(done, total)
        if buffer:
            mentions += _write(store, buffer, version)
            for k, _, _ in buffer:
                documents[k] += 1
            done += len(buffer)
    except StepError:
        raise
    except Exception as exc:
        raise StepError("extract", "the store", str(exc)) from exc
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            _WORKER = None
    if progress is not None:
        progress(total, total)
    seconds = time.perf_counter() - started
    log.info("extracted %d documents, %d mentions in %.1f s", done, mentions, seconds)
    return ExtractInfo(version, documents, mentions, seconds, workers)
