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


def fingerprint(con: Any) -> str:
    """What the derived table depends on, cheaply: row counts and the newest extraction, as
    seen by the DuckDB connection ``con``."""
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {t})" for t in (*EVENT_TABLES, "mentions", "ingests")
    )
    row = con.execute(
        f"SELECT {counts}, (SELECT COUNT(*) FROM extractions), "
        "(SELECT MAX(extracted_at) FROM extractions)"
    ).fetchall()[0]
    return "/".join([LAYOUT, *(str(v) for v in row)])


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
    cannot be built on this store (then counting joins ``mentions`` directly).

    The table is built on a separate cursor, in its own transaction, so a caller's open
    transaction is never touched; when the caller's connection sees uncommitted changes the
    table cannot reflect, counting takes the direct path.
    """
    con = getattr(store, "con", None)
    if getattr(store, "engine", None) != "duckdb" or con is None:
        return None
    import duckdb

    current = fingerprint(con)
    if not refresh and _stored(store) == current:
        return TABLE
    mode = con.execute("SELECT current_setting('access_mode')").fetchall()
    if mode and str(mode[0][0]).lower() == "read_only":
        return None
    t0 = time.perf_counter()
    cur = con.cursor()
    try:
        if fingerprint(cur) != current:  # the caller has uncommitted changes
            return None
        log.info("building %s (once per change of the store)", TABLE)
        cur.execute("BEGIN TRANSACTION")
        try:
            cur.execute(_build_sql())
            cur.execute("DELETE FROM meta WHERE key = ?", [META_KEY])
            cur.execute("INSERT INTO meta VALUES (?, ?)", [META_KEY, current])
            cur.execute("COMMIT")
        except duckdb.Error:
            cur.execute("ROLLBACK")
            raise
    except duckdb.Error as exc:
        log.info("counting without %s (cannot build it: %s)", TABLE, exc)
        return None
    finally:
        cur.close()
    log.info("built %s in %.1f s", TABLE, time.perf_counter() - t0)
    return TABLE
