"""DuckDB: the derived table that makes counting fast, refreshed incrementally.

``analytics_doc_skills`` holds one row per (kind, taxonomy version, skill, document) with
the document's time, sorted by kind, version and time. ``mentions`` has one row per span
and no time, so counting a period over it needs a join of every mention with its event table
and a distinct count: seconds over 50 million mentions. The derived table holds the result
of that join once, de-duplicated, so a period's count is a filtered scan (the sort lets
DuckDB skip the blocks outside the period).

Refresh costs in proportion to the change. ``meta`` keeps the state the table reflects:
the layout, the number of ``mentions`` rows it has read, the row ID past the last of them,
and the row counts of the event tables. When the store has only grown since (extraction
appends ``mentions`` rows; the rows past the old end are as many as the count grew, so
none was deleted; no event table shrank), the mentions past the old end (a range of row
IDs, read without scanning the rest) are joined to their documents and appended; a new
taxonomy version's rows are such an append too (the table is keyed by
version, so nothing else is invalidated). Anything else (the first build, a layout change,
deleted or rewritten mentions, shrunken event tables) rebuilds the table.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from skillpulse.store.base import RefreshInfo
from skillpulse.store.kinds import TIME_FIELDS

if TYPE_CHECKING:
    from skillpulse.store.duckdb import DuckDBStore

log = logging.getLogger(__name__)

TABLE = "analytics_doc_skills"
META_KEY = "analytics_doc_skills_state"
#: Bumped when the table's layout changes, so old tables are rebuilt.
LAYOUT = "3"
#: DuckDB's memory cap while the table is refreshed (as ingest and extraction have)
REFRESH_MEMORY_LIMIT = "1GB"


def _events_sql(doc_filter: str = "") -> str:
    return " UNION ALL ".join(
        f"SELECT '{kind}' AS kind, id AS doc_id, MIN({ts}) AS event_at FROM {kind}"
        f"{doc_filter.format(kind=kind)} GROUP BY id"
        for kind, ts in TIME_FIELDS.items())


def state(cur: Any) -> tuple[str, int, int, tuple[int, ...]]:
    """(layout, mentions rows, mentions max row ID + 1, event table row counts) as seen by
    the DuckDB connection or cursor ``cur``."""
    counts = ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in TIME_FIELDS)
    row = cur.execute(
        f"SELECT (SELECT COUNT(*) FROM mentions), (SELECT COALESCE(MAX(rowid) + 1, 0) "
        f"FROM mentions), {counts}").fetchall()[0]
    return LAYOUT, int(row[0]), int(row[1]), tuple(int(v) for v in row[2:])


def _encode(st: tuple[str, int, int, tuple[int, ...]]) -> str:
    return "/".join([st[0], str(st[1]), str(st[2]), *(str(v) for v in st[3])])


def _decode(text: str | None) -> tuple[str, int, int, tuple[int, ...]] | None:
    """The state a stored text describes; ``None`` when absent or unreadable."""
    if not text:
        return None
    parts = text.split("/")
    if len(parts) != 3 + len(TIME_FIELDS):
        return None
    try:
        return (parts[0], int(parts[1]), int(parts[2]), tuple(int(v) for v in parts[3:]))
    except ValueError:
        return None


def stored_state(cur: Any) -> str | None:
    rows = cur.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchall()
    return str(rows[0][0]) if rows else None


def _table_exists(cur: Any) -> bool:
    return bool(cur.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND "
                            "NOT temporary", [TABLE]).fetchall()[0][0])


def up_to_date(cur: Any) -> bool:
    return stored_state(cur) == _encode(state(cur)) and _table_exists(cur)


def _rebuild_sql() -> str:
    return (
        f"CREATE OR REPLACE TABLE {TABLE} AS "
        "SELECT m.kind, m.taxonomy_version, m.skill_id, m.doc_id, ev.event_at "
        "FROM (SELECT DISTINCT kind, taxonomy_version, skill_id, doc_id FROM mentions) m "
        f"JOIN ({_events_sql()}) ev ON ev.kind = m.kind AND ev.doc_id = m.doc_id "
        "ORDER BY m.kind, m.taxonomy_version, ev.event_at"
    )


def _append_sql(start: int) -> str:
    """Rows of the mentions from row ID ``start`` on, not in the table yet."""
    new = (f"SELECT DISTINCT kind, taxonomy_version, skill_id, doc_id FROM mentions "
           f"WHERE rowid >= {int(start)}")
    docs = " WHERE id IN (SELECT doc_id FROM _sp_new_doc_skills WHERE kind = '{kind}')"
    return (
        f"CREATE OR REPLACE TEMP TABLE _sp_new_doc_skills AS {new};\n"
        f"INSERT INTO {TABLE} SELECT n.kind, n.taxonomy_version, n.skill_id, n.doc_id, "
        "ev.event_at FROM _sp_new_doc_skills n "
        f"JOIN ({_events_sql(docs)}) ev ON ev.kind = n.kind AND ev.doc_id = n.doc_id "
        f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} t WHERE t.kind = n.kind "
        "AND t.taxonomy_version = n.taxonomy_version AND t.doc_id = n.doc_id "
        "AND t.skill_id = n.skill_id) "
        "ORDER BY n.kind, n.taxonomy_version, ev.event_at;\n"
        "DROP TABLE _sp_new_doc_skills"
    )


def refresh(store: DuckDBStore, *, full: bool = False, cursor: Any = None) -> RefreshInfo:
    """Bring the table up to date (see the module docstring); inside one transaction on a
    cursor of its own, so a caller's open transaction is never touched. DuckDB's memory is
    capped at :data:`REFRESH_MEMORY_LIMIT` meanwhile (a rebuild spills beyond it), so memory
    does not grow with the store."""
    with store.memory_limit(REFRESH_MEMORY_LIMIT):
        return _refresh(store, full=full, cursor=cursor)


def _refresh(store: DuckDBStore, *, full: bool, cursor: Any) -> RefreshInfo:
    t0 = time.perf_counter()
    cur = cursor if cursor is not None else store.con.cursor()
    try:
        now = state(cur)
        stored = stored_state(cur)
        before = _decode(stored)
        exists = _table_exists(cur)
        if not full and exists and stored == _encode(now):
            return RefreshInfo("none", 0, 0, time.perf_counter() - t0, TABLE)
        layout, count, next_id, events = now
        append = False
        if not full and exists and before is not None and before[0] == layout \
                and count >= before[1] and next_id >= before[2] \
                and all(a >= b for a, b in zip(events, before[3], strict=True)):
            # only appends since: the rows past the old end are exactly the new rows
            added = cur.execute("SELECT count(*) FROM mentions WHERE rowid >= ?",
                                [before[2]]).fetchall()[0][0]
            append = int(added) == count - before[1]
        cur.execute("BEGIN TRANSACTION")
        try:
            if append:
                assert before is not None
                rows_before = int(cur.execute(f"SELECT count(*) FROM {TABLE}").fetchall()[0][0])
                for stmt in _append_sql(before[2]).split(";\n"):
                    cur.execute(stmt)
                rows = int(cur.execute(f"SELECT count(*) FROM {TABLE}").fetchall()[0][0]) \
                    - rows_before
                mentions = count - before[1]
                mode = "append"
            else:
                log.info("building %s from scratch", TABLE)
                cur.execute(_rebuild_sql())
                rows = int(cur.execute(f"SELECT count(*) FROM {TABLE}").fetchall()[0][0])
                mentions = count
                mode = "rebuild"
            cur.execute("DELETE FROM meta WHERE key = ?", [META_KEY])
            cur.execute("INSERT INTO meta VALUES (?, ?)", [META_KEY, _encode(now)])
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        if cursor is None:
            cur.close()
    info = RefreshInfo(mode, mentions, rows, time.perf_counter() - t0, TABLE)
    log.info("refreshed %s: %s", TABLE, info)
    return info


def derived_table(store: DuckDBStore) -> str | None:
    """The name of an up-to-date table, refreshing it if needed; ``None`` if it cannot be
    kept on this store (read-only, or the caller's connection sees uncommitted changes the
    table cannot reflect): counting then joins ``mentions`` directly."""
    import duckdb

    con = store.con
    if up_to_date(con):
        return TABLE
    mode = con.execute("SELECT current_setting('access_mode')").fetchall()
    if mode and str(mode[0][0]).lower() == "read_only":
        return None
    cur = con.cursor()
    try:
        if state(cur) != state(con):  # the caller has uncommitted changes
            return None
        refresh(store, cursor=cur)
    except duckdb.Error as exc:
        log.info("counting without %s (cannot refresh it: %s)", TABLE, exc)
        return None
    finally:
        cur.close()
    return TABLE
