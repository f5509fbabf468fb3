"""DuckDB: status and exports (see :mod:`skillpulse.store.inspect`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from skillpulse.analytics.dialect import DUCKDB
from skillpulse.store.inspect import KindStatus, StoreStatus
from skillpulse.store.kinds import TIME_FIELDS, kind_spec
from skillpulse.store.queries import EXPORT_LABELS, EXPORT_VERSIONS, export_results_sql

if TYPE_CHECKING:
    from skillpulse.store.duckdb import DuckDBStore

#: DuckDB's COPY options per export format
_FORMATS = {"parquet": "FORMAT PARQUET", "csv": "FORMAT CSV, HEADER", "jsonl": "FORMAT JSON"}


def status(store: DuckDBStore) -> StoreStatus:
    rejected = dict(store.rows("SELECT kind, count(*) FROM rejects GROUP BY kind"))
    kinds: dict[str, KindStatus] = {}
    for kind, ts in TIME_FIELDS.items():
        # dates formatted by DuckDB: a stored value beyond Python's years (a store written
        # before ingest checked them) is shown, not fatal
        count, first, last = store.rows(
            f"SELECT count(*), strftime(min({ts}), '%Y-%m-%d'), strftime(max({ts}), '%Y-%m-%d') "
            f"FROM {kind}")[0]
        kinds[kind] = KindStatus(int(count), first, last, int(rejected.get(kind, 0)))
    return StoreStatus(kinds, store.size_bytes())


def _copy(store: DuckDBStore, query: str, path: Path, fmt: str) -> None:
    escaped = str(path).replace("'", "''")
    store.execute(f"COPY ({query}) TO '{escaped}' ({_FORMATS[fmt]})")


def export_events(store: DuckDBStore, kind: str, out: Path, fmt: str) -> int:
    kind = kind_spec(kind).name
    ts = TIME_FIELDS[kind]
    query = f"SELECT * FROM {kind} ORDER BY {ts}, id"
    if fmt == "csv" and "skills" in kind_spec(kind).field_names:
        # CSV has no lists: skills as a JSON list ('C;D' stays one skill)
        query = (f"SELECT * REPLACE (to_json(skills)::VARCHAR AS skills) FROM {kind} "
                 f"ORDER BY {ts}, id")
    _copy(store, query, out, fmt)
    return int(store.scalar(f"SELECT count(*) FROM {kind}"))


def export_results(store: DuckDBStore, what: str, out: Path, fmt: str, *,
                   versions: Mapping[str, str], labels: pa.Table) -> int:
    chosen = pa.table({"kind": pa.array(list(versions), pa.string()),
                       "version": pa.array(list(versions.values()), pa.string())})
    query = export_results_sql(what, fmt, DUCKDB)
    con = store.con
    con.register(EXPORT_LABELS, labels)
    con.register(EXPORT_VERSIONS, chosen)
    try:
        _copy(store, query, out, fmt)
        return int(store.scalar(f"SELECT count(*) FROM ({query})"))
    finally:
        con.unregister(EXPORT_LABELS)
        con.unregister(EXPORT_VERSIONS)


def skill_ids(store: DuckDBStore) -> list[str]:
    return [str(r[0]) for r in store.rows("SELECT DISTINCT skill_id FROM mentions")]
