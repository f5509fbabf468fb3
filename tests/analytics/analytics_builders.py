"""Builds hand-made stores: rows inserted with plain SQL into a real DuckDB file."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from skillpulse.store import DuckDBStore

V1 = "test@1#aaaaaaaaaaaa"
V0 = "test@0#000000000000"


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Builder:
    """Inserts events, mentions and extractions into a store with SQL."""

    def __init__(self, store: DuckDBStore, *, batch: bool = False) -> None:
        self.store = store
        self._n = 0
        #: with ``batch``, rows are kept until :meth:`flush` inserts them table by table
        self.batch = batch
        self._pending: dict[str, list[dict[str, Any]]] = {}

    def flush(self) -> None:
        import pyarrow as pa

        for table, rows in self._pending.items():
            cols = sorted({k for r in rows for k in r})
            data = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows])
            self.store.con.register("pending_rows", data)
            names = ", ".join(cols)
            self.store.con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM pending_rows"
            )
            self.store.con.unregister("pending_rows")
        self._pending = {}

    def _next(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def posting(self, at: str, *skills: str, doc_id: str | None = None,
                version: str = V1, extra: dict[str, Any] | None = None,
                **fields: Any) -> str:
        doc_id = doc_id or self._next("p")
        cols = {"id": doc_id, "posted_at": ts(at), "extra": json.dumps(extra or {}), **fields}
        self._insert("postings", cols)
        self.mentions("postings", doc_id, *skills, version=version)
        return doc_id

    def search(self, at: str, *skills: str, doc_id: str | None = None, version: str = V1,
               extra: dict[str, Any] | None = None, **fields: Any) -> str:
        doc_id = doc_id or self._next("s")
        cols = {"id": doc_id, "searched_at": ts(at), "query": "q",
                "extra": json.dumps(extra or {}), **fields}
        self._insert("searches", cols)
        self.mentions("searches", doc_id, *skills, version=version)
        return doc_id

    def hire(self, at: str, *skills: str, doc_id: str | None = None, version: str = V1,
             **fields: Any) -> str:
        doc_id = doc_id or self._next("h")
        self._insert("hires", {"id": doc_id, "hired_at": ts(at), **fields})
        self.mentions("hires", doc_id, *skills, version=version)
        return doc_id

    def profile(self, freelancer: str, at: str, *skills: str, version: str = V1,
                **fields: Any) -> str:
        doc_id = f"{freelancer}@{ts(at).isoformat()}"
        self._insert("profiles", {"id": doc_id, "freelancer_id": freelancer,
                                  "observed_at": ts(at), **fields})
        self.mentions("profiles", doc_id, *skills, version=version)
        return doc_id

    def mentions(self, kind: str, doc_id: str, *skills: str, version: str = V1) -> None:
        for skill in skills:
            self._insert("mentions", {"kind": kind, "doc_id": doc_id, "skill_id": skill,
                                      "method": "dictionary", "field": "title",
                                      "text": skill, "taxonomy_version": version})
        self._insert("extractions", {
            "kind": kind, "doc_id": doc_id, "taxonomy_version": version,
            "mention_count": len(skills),
            "extracted_at": ts("2026-01-01") if version == V1 else ts("2025-01-01"),
        })

    def _insert(self, table: str, cols: dict[str, Any]) -> None:
        if self.batch:
            self._pending.setdefault(table, []).append(cols)
            return
        names = ", ".join(cols)
        marks = ", ".join("?" for _ in cols)
        self.store.con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                               list(cols.values()))

    def many(self, kind: str, n: int, at: str, *skills: str, version: str = V1) -> None:
        """``n`` documents of ``kind`` (not profiles) at ``at``, each mentioning ``skills``,
        inserted in bulk with SQL."""
        if n == 0:
            return
        self._n += 1
        prefix = f"b{self._n}_"
        ts_col = {"postings": "posted_at", "searches": "searched_at", "hires": "hired_at"}[kind]
        query = ", 'q'" if kind == "searches" else ""
        qcol = ", query" if kind == "searches" else ""
        con = self.store.con
        con.execute(
            f"INSERT INTO {kind} (id, {ts_col}{qcol}) "
            f"SELECT ? || CAST(i AS VARCHAR), ?{query} FROM range(?) t(i)",
            [prefix, ts(at), n],
        )
        for skill in skills:
            con.execute(
                "INSERT INTO mentions (kind, doc_id, skill_id, method, taxonomy_version) "
                "SELECT ?, ? || CAST(i AS VARCHAR), ?, 'dictionary', ? FROM range(?) t(i)",
                [kind, prefix, skill, version, n],
            )
        con.execute(
            "INSERT INTO extractions SELECT ?, ? || CAST(i AS VARCHAR), ?, ?, ? FROM range(?) t(i)",
            [kind, prefix, version, len(skills), ts("2026-01-01"), n],
        )


