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
    version has ``some_done`` documents, a page's IDs are read first and looked up in
    ``extractions``, and only the texts of the others are read (an incremental run does not
    pull every stored text into Python). IDs repeated within a page are left out.
    """
    spec = kind_spec(kind)
    names = ["id", *spec.extract_fields]
    cols = ", ".join(names)
    cur = store.con.cursor()
    try:
        top = cur.execute(f"SELECT max(rowid) FROM {kind}").fetchall()[0][0]
        if top is None:
            return
        page_sql = f"SELECT {cols} FROM {kind} WHERE rowid >= $lo AND rowid < $hi"
        for lo in range(0, int(top) + 1, page):
            bounds = {"lo": lo, "hi": lo + page}
            seen: set[str] = set()
            if some_done:
                # IDs first: a page with nothing new is skipped without reading its texts
                keys = cur.execute(f"SELECT rowid, id FROM {kind} WHERE rowid >= $lo AND "
                                   "rowid < $hi", bounds).fetchall()
                if not keys:
                    continue
                seen.update(d for (d,) in cur.execute(
                    "SELECT doc_id FROM extractions WHERE kind = $kind AND "
                    "taxonomy_version = $version AND doc_id IN (SELECT unnest($ids))",
                    {"kind": kind, "version": version,
                     "ids": list({str(d) for _r, d in keys})}).fetchall())
                want = [r for r, d in keys if str(d) not in seen]
                if not want:
                    continue
                if len(want) < len(keys):
                    rows = cur.execute(page_sql + " AND rowid IN (SELECT unnest($rows)) "
                                       "ORDER BY rowid", {**bounds, "rows": want}).fetchall()
                else:
                    rows = cur.execute(page_sql + " ORDER BY rowid", bounds).fetchall()
            else:
                rows = cur.execute(page_sql + " ORDER BY rowid", bounds).fetchall()
            fresh: list[PendingDoc] = []
            for r in rows:
                doc_id = str(r[0])
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                fresh.append((kind, doc_id, dict(zip(names[1:], r[1:], strict=True))))
            if fresh:
                yield fresh
    finally:
        cur.close()


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
