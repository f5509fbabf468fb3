"""What is in the store: counts and date ranges per kind, rejects, and exports."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.errors import SkillpulseError
from skillpulse.store.duckdb import DuckDBStore
from skillpulse.store.schema import EVENT_TABLES

if TYPE_CHECKING:
    import pandas as pd

    from skillpulse.taxonomy.model import Taxonomy


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

    def to_arrow(self) -> pa.Table:
        """One row per kind: kind, count, first, last, rejected."""
        names = ("count", "first", "last", "rejected")
        return pa.table({"kind": list(self.kinds),
                         **{n: [getattr(v, n) for v in self.kinds.values()] for n in names}})

    def to_pandas(self) -> pd.DataFrame:
        return self.to_arrow().to_pandas()


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rejects(store: DuckDBStore, *, kind: str | None = None, limit: int = 50) -> list[Reject]:
    where = "WHERE kind = $kind" if kind else ""
    params: dict[str, Any] = {"limit": limit}
    if kind:
        params["kind"] = kind
    table = store.query(
        f"SELECT kind, file, line, field, reason, raw FROM rejects {where} "
        "ORDER BY kind, file, line LIMIT $limit", params)
    return [Reject(**row) for row in table.to_pylist()]


#: what ``export`` writes besides the event kinds
RESULT_EXPORTS = ("mentions", "doc-skills")
#: export formats by file suffix
_FORMATS = {".parquet": "FORMAT PARQUET", ".csv": "FORMAT CSV, HEADER", ".jsonl": "FORMAT JSON"}


@dataclass(frozen=True)
class ExportInfo:
    """What one export wrote: ``what`` (a kind, ``mentions`` or ``doc-skills``), the file,
    its rows, and for mentions and doc-skills the taxonomy version exported per kind."""

    what: str
    out: str
    rows: int
    taxonomy_versions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "out": self.out, "rows": self.rows,
                "taxonomy_versions": dict(self.taxonomy_versions),
                "seconds": round(self.seconds, 3)}


def _target(out: str | Path) -> tuple[Path, str, str]:
    path = Path(out)
    suffix = path.suffix.lower()
    options = _FORMATS.get(suffix)
    if options is None:
        raise SkillpulseError(f"{path}: export writes .parquet, .csv or .jsonl")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, suffix, options


def _copy(store: DuckDBStore, query: str, path: Path, options: str) -> None:
    escaped = str(path).replace("'", "''")
    store.execute(f"COPY ({query}) TO '{escaped}' ({options})")


def export(store: DuckDBStore, what: str, out: str | Path, *, kind: str | None = None,
           taxonomy_version: str | None = None, taxonomy: Taxonomy | None = None
           ) -> ExportInfo:
    """Write ``what`` to ``out`` (.parquet, .csv or .jsonl): the events of a kind, every
    ``mentions`` row, or ``doc-skills`` (one row per document and skill: what counting
    counts). See :func:`export_results`."""
    started = time.perf_counter()
    if what in EVENT_TABLES:
        if kind is not None or taxonomy_version is not None:
            raise SkillpulseError(f"export {what}: kind and taxonomy version apply to "
                                  "mentions and doc-skills only")
        rows = export_events(store, what, out)
        return ExportInfo(what, str(out), rows, {}, time.perf_counter() - started)
    if what not in RESULT_EXPORTS:
        raise SkillpulseError(f"unknown export {what!r}: expected one of "
                              f"{', '.join([*EVENT_TABLES, *RESULT_EXPORTS])}")
    rows, versions = export_results(store, what, out, kind=kind,
                                    taxonomy_version=taxonomy_version, taxonomy=taxonomy)
    return ExportInfo(what, str(out), rows, versions, time.perf_counter() - started)


def export_results(store: DuckDBStore, what: str, out: str | Path, *, kind: str | None = None,
                   taxonomy_version: str | None = None, taxonomy: Taxonomy | None = None
                   ) -> tuple[int, dict[str, str]]:
    """Write extraction results; returns (rows written, taxonomy version per kind).

    ``mentions``: kind, doc_id, event_at (the document's time), skill_id, label, method,
    field, start, end (offsets into the field), text, confidence, taxonomy_version.
    ``doc-skills``: kind, doc_id, event_at, skill_id, label, mentions (spans), methods,
    confidence (the highest), taxonomy_version. Each kind is exported at ``taxonomy_version``
    or, by default, at the version rankings count (its newest extraction), so counting
    distinct documents per skill and period in the file gives ``top``'s counts. Labels come
    from ``taxonomy`` (the skill ID when it does not know the skill)."""
    from skillpulse.analytics.queries import taxonomy_version as counted_version
    from skillpulse.analytics.results import label_of

    path, suffix, options = _target(out)
    kinds = [kind] if kind else list(EVENT_TABLES)
    for k in kinds:
        if k not in EVENT_TABLES:
            raise SkillpulseError(f"unknown kind {k!r}: expected one of "
                                  f"{', '.join(EVENT_TABLES)}")
    versions: dict[str, str] = {}
    for k in kinds:
        v = counted_version(store, k, taxonomy_version)
        if v is not None:
            versions[k] = v
    skill_ids = [r[0] for r in store.rows("SELECT DISTINCT skill_id FROM mentions")]
    labels = pa.table({"skill_id": pa.array(skill_ids, pa.string()),
                       "label": pa.array([label_of(taxonomy, s) for s in skill_ids],
                                         pa.string())})
    chosen = pa.table({"kind": pa.array(list(versions), pa.string()),
                       "version": pa.array(list(versions.values()), pa.string())})
    events = " UNION ALL ".join(
        f"SELECT '{k}' AS kind, id AS doc_id, MIN({ts}) AS event_at FROM {k} GROUP BY id"
        for k, ts in EVENT_TABLES.items())
    picked = ("FROM mentions m JOIN _sp_export_versions v "
              "ON v.kind = m.kind AND v.version = m.taxonomy_version "
              f"LEFT JOIN ({events}) ev ON ev.kind = m.kind AND ev.doc_id = m.doc_id "
              "LEFT JOIN _sp_export_labels l ON l.skill_id = m.skill_id")
    if what == "mentions":
        query = ("SELECT m.kind, m.doc_id, ev.event_at, m.skill_id, l.label, m.method, "
                 "m.field, m.start_pos AS start, m.end_pos AS \"end\", m.text, m.confidence, "
                 f"m.taxonomy_version {picked} "
                 "ORDER BY m.kind, ev.event_at, m.doc_id, m.field, m.start_pos, m.skill_id")
    else:
        methods = ("array_to_string(list_sort(list_distinct(list(m.method))), ';')"
                   if suffix == ".csv" else "list_sort(list_distinct(list(m.method)))")
        query = ("SELECT m.kind, m.doc_id, ev.event_at, m.skill_id, l.label, "
                 f"count(*) AS mentions, {methods} AS methods, max(m.confidence) AS confidence, "
                 f"m.taxonomy_version {picked} "
                 "GROUP BY m.kind, m.doc_id, ev.event_at, m.skill_id, l.label, "
                 "m.taxonomy_version ORDER BY m.kind, ev.event_at, m.doc_id, m.skill_id")
    con = store.con
    con.register("_sp_export_labels", labels)
    con.register("_sp_export_versions", chosen)
    try:
        _copy(store, query, path, options)
        rows = int(store.scalar(f"SELECT count(*) FROM ({query})"))
    finally:
        con.unregister("_sp_export_labels")
        con.unregister("_sp_export_versions")
    return rows, versions


def export_events(store: DuckDBStore, kind: str, out: str | Path) -> int:
    """Write the events of ``kind`` to ``out`` (.parquet, .csv or .jsonl); returns rows."""
    if kind not in EVENT_TABLES:
        raise SkillpulseError(f"unknown kind {kind!r}: expected one of {', '.join(EVENT_TABLES)}")
    out, suffix, options = _target(out)
    ts = EVENT_TABLES[kind]
    query = f"SELECT * FROM {kind} ORDER BY {ts}, id"
    if suffix == ".csv":  # CSV has no lists: skills as a JSON list ('C;D' stays one skill)
        query = (f"SELECT * REPLACE (to_json(skills)::VARCHAR AS skills) FROM {kind} "
                 f"ORDER BY {ts}, id") if kind != "searches" else query
    _copy(store, query, out, options)
    return int(store.scalar(f"SELECT count(*) FROM {kind}"))
