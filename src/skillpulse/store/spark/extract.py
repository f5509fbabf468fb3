"""Extraction on a Spark store: the same :class:`~skillpulse.extract.pipeline.Extractor`,
run inside ``mapInArrow`` on the executors.

The pending documents of each kind (no ``extractions`` row for the run's version) are spread
over the executors' tasks. Each Python worker builds its extractor once, from the taxonomy
the driver broadcasts, with the prepared names loaded from the worker's cache folder (the
``cache_dir`` setting; built and stored there on first use), and keeps it for every later
task (Spark reuses its Python workers). The tasks' output (mention rows and one row per
document) is written once to a staging folder in the lake; from it the ``mentions``,
``extractions`` and derived counting table (:data:`~skillpulse.store.spark.tables.DOC_SKILLS`,
one row per document and skill: only the new documents' rows are appended) are appended.
When the derived table was up to date before, the state of
:mod:`skillpulse.store.spark.derived` moves on with it (no refresh needed). Re-running finds
nothing new.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from skillpulse.errors import StepError
from skillpulse.extract.pipeline import FIELDS, Extractor
from skillpulse.extract.store import (
    _MENTION_COLS,
    _MENTION_SCHEMA,
    ExtractInfo,
    ProgressFn,
    _extract_rows,
    build_extractor,
    run_version,
)
from skillpulse.store.spark import derived
from skillpulse.store.spark.store import SparkStore
from skillpulse.store.spark.tables import DOC_SKILLS
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

#: the output of the tasks: mention rows (``mention_count`` NULL) and one row per document
#: (``skill_id`` NULL, ``mention_count`` set)
OUTPUT_SCHEMA = pa.schema([*_MENTION_SCHEMA, ("mention_count", pa.int32()),
                           ("event_at", pa.timestamp("us"))])
#: documents per Arrow batch handed to a task's extractor
BATCH_DOCS = 2000
#: documents per task (at least one task per core)
TASK_DOCS = 20_000

#: the extractor of this Python worker, per run version (built once, reused by its tasks)
_EXTRACTORS: dict[str, Extractor] = {}


def _worker_extractor(taxonomy_blob: Any, version: str, semantic: bool,
                      cache_dir: str | None) -> Extractor:
    found = _EXTRACTORS.get(version)
    if found is None:
        if cache_dir and not os.environ.get("SKILLPULSE_CACHE_DIR"):
            os.environ["SKILLPULSE_CACHE_DIR"] = cache_dir
        taxonomy: Taxonomy = pickle.loads(taxonomy_blob.value)
        found = build_extractor(taxonomy, semantic)
        _EXTRACTORS.clear()
        _EXTRACTORS[version] = found
    return found


def extract_batches(batches: Iterator[pa.RecordBatch], *, kind: str, version: str,
                    taxonomy_blob: Any, semantic: bool, cache_dir: str | None
                    ) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: documents of ``kind`` in, :data:`OUTPUT_SCHEMA` out."""
    extractor = _worker_extractor(taxonomy_blob, version, semantic, cache_dir)
    fields = FIELDS[kind]
    for batch in batches:
        records = batch.to_pylist()
        rows = [(kind, str(r["id"]), {f: r.get(f) for f in fields}) for r in records]
        chunk = _extract_rows(extractor, rows, version)
        times = batch.column("event_at")
        per_mention = pa.array([t for t, c in zip(times.to_pylist(), chunk.counts, strict=True)
                                for _ in range(c)], pa.timestamp("us"))
        mentions = (chunk.mentions
                    .append_column("mention_count", pa.nulls(chunk.mentions.num_rows, pa.int32()))
                    .append_column("event_at", per_mention))
        n = len(chunk.doc_ids)
        docs = pa.table({
            "kind": pa.array(chunk.kinds, pa.string()),
            "doc_id": pa.array(chunk.doc_ids, pa.string()),
            **{name: pa.nulls(n, field.type) for name, field in
               zip(_MENTION_COLS[2:-1], list(_MENTION_SCHEMA)[2:-1], strict=True)},
            "taxonomy_version": pa.array([version] * n, pa.string()),
            "mention_count": pa.array(chunk.counts, pa.int32()),
            "event_at": times.cast(pa.timestamp("us")),
        }, schema=OUTPUT_SCHEMA)
        yield from pa.concat_tables([mentions.cast(OUTPUT_SCHEMA), docs]).to_batches()


def _output_ddl() -> str:
    names = {pa.string(): "STRING", pa.int32(): "INT", pa.float64(): "DOUBLE",
             pa.timestamp("us"): "TIMESTAMP"}
    return ", ".join(f"{f.name} {names[f.type]}" for f in OUTPUT_SCHEMA)


def _pending(store: SparkStore, kind: str, version: str) -> Any:
    """The pending documents of ``kind``: id, extract fields and time (``event_at``)."""
    return store._pending_frame(kind, version, with_time=True)


def extract_store(store: SparkStore, taxonomy: Taxonomy, *, semantic: bool = False,
                  progress: ProgressFn | None = None, cache_dir: str | None = None,
                  workers: int | None = None) -> ExtractInfo:
    """Extract every document of the Spark ``store`` not yet extracted with ``taxonomy``
    (see the module docs); the contract of :func:`skillpulse.extract.store.extract_store`.
    ``workers`` is not used: the executors' cores are the workers (``ExtractInfo.workers``
    reports Spark's default parallelism)."""
    from skillpulse import settings

    started = time.perf_counter()
    version = run_version(taxonomy, semantic)
    spark = store.spark
    cores = max(1, int(spark.sparkContext.defaultParallelism))
    blob = None
    try:
        counts = _pending_counts(store, version)
        total = sum(counts.values())
        if progress is not None:
            progress(0, total)
        if total == 0:
            return ExtractInfo(version, dict.fromkeys(FIELDS, 0), 0,
                               time.perf_counter() - started, 0)
        build_extractor(taxonomy, semantic)  # fails early (a missing extra); fills the cache
        blob = spark.sparkContext.broadcast(pickle.dumps(taxonomy, pickle.HIGHEST_PROTOCOL))
        now = derived.current(store)
        # current before: held up to date, or nothing extracted yet (an empty table is)
        before = now if derived.held(store) == now or now[0] == 0 else None
        folder = store.staging("extract")
        outputs = []
        chosen_cache = cache_dir or settings.get("cache_dir")
        for kind, n in counts.items():
            if not n:
                continue
            tasks = max(cores, -(-n // TASK_DOCS))
            docs = _pending(store, kind, version).repartition(tasks)

            def run(batches: Iterator[pa.RecordBatch], kind: str = kind
                    ) -> Iterator[pa.RecordBatch]:
                return extract_batches(batches, kind=kind, version=version, taxonomy_blob=blob,
                                       semantic=semantic, cache_dir=chosen_cache)

            outputs.append(docs.mapInArrow(run, _output_ddl()))
        combined = outputs[0]
        for more in outputs[1:]:
            combined = combined.unionByName(more)
        try:
            spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH_DOCS))
            store.write(folder, combined, mode="overwrite")
            documents, mentions, at = _commit(store, folder, version)
            if before is not None:  # the derived table was current: it is again
                last = at if before[1] is None else max(before[1], at)
                derived.mark(store, (before[0] + sum(documents.values()), last))
        finally:
            store.remove(folder)
    except StepError:
        raise
    except Exception as exc:
        raise StepError("extract", store.lake, " ".join(str(exc).split())[:500]) from exc
    finally:
        if blob is not None:
            blob.destroy()
    if progress is not None:
        progress(total, total)
    seconds = time.perf_counter() - started
    log.info("extracted %d documents, %d mentions in %.1f s on Spark", sum(documents.values()),
             mentions, seconds)
    return ExtractInfo(version, documents, mentions, seconds, cores)


def _pending_counts(store: SparkStore, version: str) -> dict[str, int]:
    """Pending documents per kind, in one Spark query (a kind never ingested has none)."""
    from pyspark.sql import functions as F

    frames = [_pending(store, kind, version).select(F.lit(kind).alias("kind"))
              for kind in FIELDS if store.exists(kind)]
    if not frames:
        return dict.fromkeys(FIELDS, 0)
    union = frames[0]
    for more in frames[1:]:
        union = union.unionByName(more)
    found = {r["kind"]: int(r["n"]) for r in
             union.groupBy("kind").agg(F.count("*").alias("n")).collect()}
    return {kind: found.get(kind, 0) for kind in FIELDS}


def _commit(store: SparkStore, folder: str, version: str
            ) -> tuple[dict[str, int], int, datetime]:
    """Append the staged output to ``mentions``, ``extractions`` and the derived table;
    returns the documents per kind, the mentions written and their ``extracted_at``."""
    from pyspark.sql import functions as F

    out = store.spark.read.parquet(store.location(folder))
    now = datetime.now(UTC).replace(tzinfo=None)
    per_kind: dict[str, int] = {}
    n_mentions = 0
    for r in out.groupBy("kind").agg(
            F.count("mention_count").alias("docs"),
            F.count(F.when(F.col("mention_count").isNull(), 1)).alias("mentions")).collect():
        per_kind[r["kind"]] = int(r["docs"])
        n_mentions += int(r["mentions"])
    docs = out.where("mention_count IS NOT NULL")
    mentions = out.where("mention_count IS NULL")
    store.append("mentions", mentions.select(*_MENTION_COLS))
    store.append("extractions", docs.select(
        "kind", "doc_id", "taxonomy_version", "mention_count",
        F.lit(now).cast("timestamp").alias("extracted_at")))
    store.append(DOC_SKILLS, _doc_skill_rows(mentions))
    return {k: per_kind.get(k, 0) for k in FIELDS}, n_mentions, now


def _doc_skill_rows(mentions: Any) -> Any:
    """The derived table's rows of these mentions: one per (kind, version, skill, document)
    with the document's time (ingest keeps one row per document and id, so its time is the
    one the DuckDB engine takes, the earliest of its rows)."""
    from pyspark.sql import functions as F

    return mentions.groupBy("kind", "taxonomy_version", "skill_id", "doc_id").agg(
        F.min("event_at").alias("event_at"))
