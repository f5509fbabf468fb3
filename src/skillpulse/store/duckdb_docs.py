"""DuckDB: documents for extraction and discovery, and extraction results."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.store.base import Pending, PendingDoc
from skillpulse.store.kinds import kind_spec

if TYPE_CHECKING:
    from skillpulse.store.duckdb import DuckDBStore


def _pending_sql(kind: str, columns: str) -> str:
    return (
        f"SELECT {columns} FROM {kind} d WHERE NOT EXISTS (SELECT 1 FROM extractions x "
        f"WHERE x.kind = '{kind}' AND x.doc_id = d.id AND x.taxonomy_version = $1)"
    )


def pending(store: DuckDBStore, kind: str, version: str) -> Pending:
    kind = kind_spec(kind).name
    docs, rows = store.rows(_pending_sql(kind, "count(DISTINCT id), count(*)"), [version])[0]
    done = store.scalar("SELECT count(*) FROM extractions WHERE kind = $1 AND "
                        "taxonomy_version = $2", [kind, version])
    return Pending(int(docs), int(rows), bool(done))


def pending_documents(store: DuckDBStore, kind: str, version: str, *, page: int,
                      some_done: bool = True) -> Iterator[list[PendingDoc]]:
    """Pending documents, one page of rows at a time.

    Pages are keyset ranges of the table's row IDs (``rowid >= lo AND rowid < lo + page``):
    DuckDB reads such a range without scanning the rest of the table, so memory is bounded
    by the page and time stays linear in the store. (Paging in document-ID order needs a
    scan of every stored text per page: 1 to 2.5 s per page at 50,000 postings.) When the
    version has ``some_done`` documents, the pending row IDs are found first, once (see
    :func:`_pending_pages`), and only their texts are read, from the first pending row on (an
    incremental run neither pulls every stored text into Python nor pages through the
    extracted history). IDs repeated within a page are left out; a document extracted since
    the run began is left out when written (the writer's check).
    """
    spec = kind_spec(kind)
    names = ["id", *spec.extract_fields]
    cols = ", ".join(names)
    cur = store.con.cursor()
    try:
        if some_done:
            yield from _pending_pages(cur, kind, version, names, page)
            return
        top = cur.execute(f"SELECT max(rowid) FROM {kind}").fetchall()[0][0]
        if top is None:
            return
        page_sql = f"SELECT {cols} FROM {kind} WHERE rowid >= $lo AND rowid < $hi"
        for lo in range(0, int(top) + 1, page):
            rows = cur.execute(page_sql + " ORDER BY rowid", {"lo": lo, "hi": lo + page}
                               ).fetchall()
            fresh = _fresh(kind, names, rows, set())
            if fresh:
                yield fresh
    finally:
        cur.close()


#: the row IDs of one run's pending documents (a temporary table of the run's cursor)
_PENDING_ROWS = "_sp_pending_rows"


def _pending_pages(cur: Any, kind: str, version: str, names: list[str], page: int
                   ) -> Iterator[list[PendingDoc]]:
    """Pages of pending documents when the version has some done: the pending row IDs are
    found once, by one anti-join with ``extractions`` (kept as a temporary table of row IDs,
    8 bytes each), then the texts are read page by page over those row IDs only. (Looking
    each page's IDs up in ``extractions`` scanned that whole table once per page: on a store
    of 10M postings, 1,200 scans of 10M rows before reaching the documents added last.)"""
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {_PENDING_ROWS} AS "
                + _pending_sql(kind, "d.rowid AS r"), [version])
    try:
        lo_hi = cur.execute(f"SELECT min(r), max(r) FROM {_PENDING_ROWS}").fetchall()[0]
        if lo_hi[0] is None:
            return
        cols = ", ".join(names)
        page_sql = (f"SELECT {cols} FROM {kind} WHERE rowid >= $lo AND rowid < $hi AND rowid IN"
                    f" (SELECT r FROM {_PENDING_ROWS} WHERE r >= $lo AND r < $hi) "
                    "ORDER BY rowid")
        for lo in range(int(lo_hi[0]), int(lo_hi[1]) + 1, page):
            rows = cur.execute(page_sql, {"lo": lo, "hi": lo + page}).fetchall()
            fresh = _fresh(kind, names, rows, set())
            if fresh:
                yield fresh
    finally:
        cur.execute(f"DROP TABLE IF EXISTS {_PENDING_ROWS}")


def _fresh(kind: str, names: list[str], rows: list[tuple[Any, ...]], seen: set[str]
           ) -> list[PendingDoc]:
    """The page's rows as pending documents, an ID repeated within the page left out."""
    fresh: list[PendingDoc] = []
    for r in rows:
        doc_id = str(r[0])
        if doc_id in seen:
            continue
        seen.add(doc_id)
        fresh.append((kind, doc_id, dict(zip(names[1:], r[1:], strict=True))))
    return fresh


def extracted_ids(store: DuckDBStore, kind: str, version: str, ids: Sequence[str]) -> set[str]:
    return {str(d) for (d,) in store.rows(
        "SELECT doc_id FROM extractions WHERE kind = $kind AND taxonomy_version = "
        "$version AND doc_id IN (SELECT unnest($ids))",
        {"kind": kind, "version": version, "ids": list(ids)})}


_MENTION_COLS = ("kind", "doc_id", "skill_id", "method", "field", "start_pos", "end_pos",
                 "text", "confidence", "taxonomy_version")
_EXTRACTION_COLS = ("kind", "doc_id", "taxonomy_version", "mention_count", "extracted_at")


def append_extractions(store: DuckDBStore, mentions: pa.Table, extractions: pa.Table) -> None:
    with store.transaction():
        store.insert_arrow("mentions", mentions.select(list(_MENTION_COLS)), _MENTION_COLS)
        store.insert_arrow("extractions", extractions.select(list(_EXTRACTION_COLS)),
                           _EXTRACTION_COLS)


def documents(store: DuckDBStore, kind: str, fields: Sequence[str], *,
              before: datetime | None = None, batch: int = 5000
              ) -> Iterator[list[tuple[str, datetime, dict[str, Any]]]]:
    spec = kind_spec(kind)
    ts = spec.time_field
    cols = [f for f in fields if f in spec.column_names]
    where = f"WHERE {ts} < ?" if before is not None else ""
    sql = (f"SELECT id, {ts}{''.join(', ' + c for c in cols)} FROM {kind} {where} "
           f"ORDER BY {ts}, id")
    cur = store.con.cursor()
    try:
        res = cur.execute(sql, [before] if before is not None else None)
        while True:
            chunk = res.fetchmany(batch)
            if not chunk:
                break
            yield [(str(row[0]), row[1], dict(zip(cols, row[2:], strict=True)))
                   for row in chunk]
    finally:
        cur.close()


def skills_of_documents(store: DuckDBStore, kind: str, version: str, docs: pa.Table
                        ) -> pa.Table:
    con = store.con
    con.register("_sp_term_docs", docs)
    try:
        return store.query(
            "SELECT t.term, m.skill_id, COUNT(DISTINCT m.doc_id) AS n FROM _sp_term_docs t "
            "JOIN mentions m ON m.doc_id = t.doc_id AND m.kind = $kind "
            "AND m.taxonomy_version = $version GROUP BY t.term, m.skill_id",
            {"kind": kind, "version": version})
    finally:
        con.unregister("_sp_term_docs")
