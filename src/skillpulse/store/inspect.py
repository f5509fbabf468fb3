"""What is in the store: counts and date ranges per kind, rejects, and exports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from skillpulse.errors import SkillpulseError
from skillpulse.store.duckdb import DuckDBStore
from skillpulse.store.schema import EVENT_TABLES


@dataclass(frozen=True)
class KindStatus:
    count: int
    first: str | None
    last: str | None
    rejected: int


@dataclass(frozen=True)
class StoreStatus:
    kinds: dict[str, KindStatus]
    db_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {"kinds": {k: asdict(v) for k, v in self.kinds.items()},
                "db_bytes": self.db_bytes}


def status(store: DuckDBStore) -> StoreStatus:
    rejected = dict(store.rows("SELECT kind, count(*) FROM rejects GROUP BY kind"))
    kinds: dict[str, KindStatus] = {}
    for kind, ts in EVENT_TABLES.items():
        # dates formatted by DuckDB: a stored value beyond Python's years (a store written
        # before ingest checked them) is shown, not fatal
        count, first, last = store.rows(
            f"SELECT count(*), strftime(min({ts}), '%Y-%m-%d'), strftime(max({ts}), '%Y-%m-%d') "
            f"FROM {kind}")[0]
        kinds[kind] = KindStatus(int(count), first, last, int(rejected.get(kind, 0)))
    return StoreStatus(kinds, store.size_bytes())


@dataclass(frozen=True)
class Reject:
    kind: str
    file: str
    line: int | None
    field: str | None
    reason: str
    raw: str | None


def rejects(store: DuckDBStore, *, kind: str | None = None, limit: int = 50) -> list[Reject]:
    where = "WHERE kind = $kind" if kind else ""
    params: dict[str, Any] = {"limit": limit}
    if kind:
        params["kind"] = kind
    table = store.query(
        f"SELECT kind, file, line, field, reason, raw FROM rejects {where} "
        "ORDER BY kind, file, line LIMIT $limit", params)
    return [Reject(**row) for row in table.to_pylist()]


def export_events(store: DuckDBStore, kind: str, out: str | Path) -> int:
    """Write the events of ``kind`` to ``out`` (.parquet, .csv or .jsonl); returns rows."""
    if kind not in EVENT_TABLES:
        raise SkillpulseError(f"unknown kind {kind!r}: expected one of {', '.join(EVENT_TABLES)}")
    out = Path(out)
    suffix = out.suffix.lower()
    options = {".parquet": "FORMAT PARQUET", ".csv": "FORMAT CSV, HEADER",
               ".jsonl": "FORMAT JSON"}.get(suffix)
    if options is None:
        raise SkillpulseError(f"{out}: export writes .parquet, .csv or .jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    ts = EVENT_TABLES[kind]
    query = f"SELECT * FROM {kind} ORDER BY {ts}, id"
    if suffix == ".csv":  # CSV has no lists: skills as a JSON list ('C;D' stays one skill)
        query = (f"SELECT * REPLACE (to_json(skills)::VARCHAR AS skills) FROM {kind} "
                 f"ORDER BY {ts}, id") if kind != "searches" else query
    escaped = str(out).replace("'", "''")
    store.execute(f"COPY ({query}) TO '{escaped}' ({options})")
    return int(store.scalar(f"SELECT count(*) FROM {kind}"))
