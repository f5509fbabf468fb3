"""The derived counting table on a Spark store, kept up to date incrementally.

``analytics_doc_skills`` (one row per kind, taxonomy version, skill and document, with the
document's time; see :mod:`skillpulse.analytics.docskills`) lives in the lake beside a
one-row state table saying what it holds: the number of ``extractions`` rows and the newest
``extracted_at`` folded in. A refresh appends the rows of the documents extracted since
(``extracted_at`` after the state's), so it costs in proportion to them; it rebuilds the
whole table only when there is no state yet, the layout changed, ``full=True``, or
``extractions`` lost rows. Spark extraction (:mod:`skillpulse.store.spark.extract`) appends
the new documents' rows itself and moves the state on.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

import pyarrow as pa

from skillpulse.store.base import RefreshInfo
from skillpulse.store.kinds import TIME_FIELDS
from skillpulse.store.spark.store import SparkStore
from skillpulse.store.spark.tables import DOC_SKILLS, DOC_SKILLS_STATE

log = logging.getLogger(__name__)

#: bumped when the table's layout changes, so old tables are rebuilt
LAYOUT = "spark-1"

State = tuple[int, datetime | None]


def current(store: SparkStore) -> State:
    """What the derived table must hold: extractions rows and the newest ``extracted_at``."""
    row = store.query("SELECT count(*) AS n, max(extracted_at) AS last FROM extractions"
                      ).to_pylist()[0]
    return int(row["n"]), row["last"]


def held(store: SparkStore) -> State | None:
    """What the derived table holds (``None``: no state, or another layout)."""
    if not store.exists(DOC_SKILLS_STATE):
        return None
    rows = store.small_table(DOC_SKILLS_STATE).to_pylist()
    if len(rows) != 1 or rows[0]["layout"] != LAYOUT:
        return None
    return int(rows[0]["extractions"]), rows[0]["last_extracted_at"]


def is_current(store: SparkStore) -> bool:
    return held(store) == current(store)


def mark(store: SparkStore, state: State) -> None:
    """Record that the derived table holds ``state``."""
    table = pa.table({"layout": [LAYOUT], "extractions": pa.array([state[0]], pa.int64()),
                      "last_extracted_at": pa.array([state[1]], pa.timestamp("us"))})
    store.overwrite_arrow(DOC_SKILLS_STATE, table)


def _events(store: SparkStore) -> Any:
    """``(kind, doc_id, event_at)`` of every document (its earliest row, as on DuckDB)."""
    return store.sql(" UNION ALL ".join(
        f"SELECT '{kind}' AS kind, id AS doc_id, MIN({ts}) AS event_at FROM {kind} GROUP BY id"
        for kind, ts in TIME_FIELDS.items()))


def refresh(store: SparkStore, *, full: bool = False) -> RefreshInfo:
    """Bring the derived table up to date (see the module docs)."""
    from skillpulse.store.spark.store import conform

    started = time.perf_counter()
    now = current(store)
    before = None if full else held(store)
    if before == now and store.exists(DOC_SKILLS):
        return RefreshInfo("none", 0, 0, time.perf_counter() - started, DOC_SKILLS)
    if store.read_only:
        return RefreshInfo("none", 0, 0, time.perf_counter() - started, None)
    pairs = "SELECT DISTINCT kind, taxonomy_version, skill_id, doc_id FROM mentions"
    append = (before is not None and store.exists(DOC_SKILLS) and now[0] >= before[0]
              and before[1] is not None)
    if append:
        new_docs = store.sql("SELECT kind, doc_id, taxonomy_version FROM extractions "
                             "WHERE extracted_at > $after", {"after": before[1]})  # type: ignore[index]
        mentions = store.sql("SELECT kind, taxonomy_version, skill_id, doc_id FROM mentions"
                             ).join(new_docs, on=["kind", "doc_id", "taxonomy_version"],
                                    how="left_semi")
        read = int(mentions.count())
        mentions = mentions.distinct()
        events = _events(store).join(new_docs.select("kind", "doc_id").distinct(),
                                     on=["kind", "doc_id"], how="left_semi")
        rows = conform(mentions.join(events, on=["kind", "doc_id"]), DOC_SKILLS)
        folder = store.staging("doc-skills")
        try:
            store.write(folder, rows)
            written = store.spark.read.parquet(store.location(folder))
            count = int(written.count())
            store.append(DOC_SKILLS, written)
        finally:
            store.remove(folder)
        mode = "append"
    else:
        read = store.count("mentions")
        rows = conform(store.sql(pairs).join(_events(store), on=["kind", "doc_id"]), DOC_SKILLS)
        folder = store.staging("doc-skills")
        store.write(folder, rows.orderBy("kind", "taxonomy_version", "event_at"),
                    mode="overwrite")
        count = int(store.spark.read.parquet(store.location(folder)).count())
        store.replace(DOC_SKILLS, folder)
        mode = "rebuild"
    mark(store, now)
    seconds = time.perf_counter() - started
    log.info("%s of %s: %d mentions read, %d rows written in %.1f s", mode, DOC_SKILLS, read,
             count, seconds)
    return RefreshInfo(mode, read, count, seconds, DOC_SKILLS)
