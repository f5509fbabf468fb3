"""A derived table that makes counting fast: one row per (kind, taxonomy version, skill,
document) with the document's timestamp, sorted by kind, version and time.

``mentions`` has one row per span and no time, so counting a period over it needs a join of
every mention with its event table and a distinct count: seconds over 50 million mentions.
``analytics_doc_skills`` holds the result of that join once, de-duplicated, so a period's
count is a filtered scan (and the sort lets DuckDB skip the blocks outside the period).

The table is rebuilt when the store changes: its fingerprint (row counts of the event
tables, ``mentions``, ``extractions`` and ``ingests``, and the newest ``extracted_at``) is
kept in ``meta``. Where it cannot be built (a read-only store, another engine), counting
falls back to the join over ``mentions``: same results, slower.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from skillpulse.store.schema import EVENT_TABLES

log = logging.getLogger(__name__)

TABLE = "analytics_doc_skills"
META_KEY = "analytics_doc_skills_fingerprint"
#: Bumped when the table's layout changes, so old tables are rebuilt.
LAYOUT = "2"


def fingerprint(store: Any) -> str:
    """What the derived table depends on, cheaply: row counts and the newest extraction."""
    parts = [f"SELECT COUNT(*) AS n FROM {t}" for t in (*EVENT_TABLES, "mentions", "ingests")]
    counts = store.query(" UNION ALL ".join(
        f"SELECT {i} AS i, x.n FROM ({q}) x" for i, q in enumerate(parts)
    )).to_pylist()
    ordered = [str(r["n"]) for r in sorted(counts, key=lambda r: r["i"])]
    newest = store.query(
        "SELECT COUNT(*) AS n, MAX(extracted_at) AS at FROM extractions"
    ).to_pylist()[0]
    return "/".join([LAYOUT, *ordered, str(newest["n"]), str(newest["at"])])


def _stored(store: Any) -> str | None:
    rows = store.query(
        "SELECT value FROM meta WHERE key = $k", {"k": META_KEY}
    ).to_pylist()
    return str(rows[0]["value"]) if rows else None


def _build_sql() -> str:
    events = " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, id AS doc_id, MIN({ts}) AS event_at FROM {kind} GROUP BY id"
        for kind, ts in EVENT_TABLES.items()
    )
    return (
        f"CREATE OR REPLACE TABLE {TABLE} AS "
        "SELECT m.kind, m.taxonomy_version, m.skill_id, m.doc_id, ev.event_at "
        "FROM (SELECT DISTINCT kind, taxonomy_version, skill_id, doc_id FROM mentions) m "
        f"JOIN ({events}) ev ON ev.kind = m.kind AND ev.doc_id = m.doc_id "
        "ORDER BY m.kind, m.taxonomy_version, ev.event_at"
    )


def prepare(store: Any, *, refresh: bool = False) -> str | None:
    """The name of an up-to-date derived table, building it if needed; ``None`` if it
    cannot be built on this store (then counting joins ``mentions`` directly)."""
    if getattr(store, "engine", None) != "duckdb":
        return None
    current = fingerprint(store)
    if not refresh and _stored(store) == current:
        return TABLE
    con = getattr(store, "con", None)
    if con is None:
        return None
    import duckdb

    t0 = time.perf_counter()
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(_build_sql())
        con.execute("DELETE FROM meta WHERE key = ?", [META_KEY])
        con.execute("INSERT INTO meta VALUES (?, ?)", [META_KEY, current])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            log.debug("no transaction to roll back")
        log.info("counting without %s (cannot build it: %s)", TABLE, exc)
        return None
    log.info("built %s in %.1f s", TABLE, time.perf_counter() - t0)
    return TABLE
