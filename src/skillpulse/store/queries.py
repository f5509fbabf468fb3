"""The reads every engine shares: document sets, skill counts, exposures, category hits,
co-occurrence and the report's provenance, computed in the store and returned as small
aggregated Arrow tables. One copy of each query, run by :meth:`Store.query
<skillpulse.store.base.Store.query>` (``skillpulse.analytics.queries`` re-exports it).

Every query is built from one ``docs`` CTE: the documents of one kind that fall in a list of
periods (``p`` is the period's index), pass the segment filters, and carry their segment
value ``seg`` (NULL without ``--by``). Profiles keep only each freelancer's latest snapshot
in each period. Counts join ``mentions`` (of one taxonomy version) to ``docs`` and count
distinct documents.

The SQL is standard (CTEs, CASE, CAST, ROW_NUMBER) so that it also runs on Spark SQL; the
only engine-specific spellings live in :mod:`skillpulse.analytics.dialect`. Parameters are
named ``$pN``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from skillpulse.analytics.dialect import Dialect, check_identifier, dialect_for
from skillpulse.analytics.periods import Period
from skillpulse.errors import AnalyticsError
from skillpulse.store import kinds as _kinds
from skillpulse.store.base import Store
from skillpulse.store.schema import EVENT_TABLES

KINDS: tuple[str, ...] = _kinds.KIND_NAMES

__all__ = ["KINDS", "VALID_TIME", "Segment", "SqlBuilder", "Store", "WhereArg",
           "category_doc_counts", "check_kind", "cooccurrence", "data_range", "doc_skill_rows",
           "docs_cte", "event_counts", "exposures", "ingest_rows", "pair_counts",
           "reject_reasons", "skill_counts", "skill_exists", "skill_ids", "taxonomy_version"]


WhereArg = Mapping[str, str | Sequence[str]] | None


@dataclass(frozen=True)
class Segment:
    """Segment filters (``field -> accepted values``) and an optional breakdown field."""

    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    by: str | None = None

    @classmethod
    def of(cls, where: WhereArg = None, by: str | None = None) -> Segment:
        items: list[tuple[str, tuple[str, ...]]] = []
        for key, value in sorted((where or {}).items()):
            values = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
            if not values:
                raise AnalyticsError(f"--where {key}= needs at least one value")
            items.append((check_identifier(key), values))
        return cls(tuple(items), check_identifier(by) if by else None)

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if len(v) > 1 else v[0] for k, v in self.where}


def check_kind(kind: str) -> str:
    """``kind`` when it is an event kind, else :class:`~skillpulse.errors.UnknownKindError`."""
    return _kinds.check_kind(kind)


@dataclass
class SqlBuilder:
    """Collects named parameters while a query is assembled."""

    store: Store
    params: dict[str, Any] = field(default_factory=dict)
    _columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def dialect(self) -> Dialect:
        return dialect_for(getattr(self.store, "engine", "duckdb"))

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def in_list(self, expr: str, values: Sequence[str]) -> str:
        if not values:
            return "1 = 0"
        return f"{expr} IN ({', '.join(self.param(v) for v in values)})"

    def columns(self, table: str) -> tuple[str, ...]:
        if table not in self._columns:
            schema = self.store.query(f"SELECT * FROM {table} LIMIT 0").schema
            self._columns[table] = tuple(schema.names)
        return self._columns[table]

    def field_expr(self, kind: str, name: str, alias: str = "e") -> str:
        """A segment field as text: a column of the kind's table, else a key of ``extra``."""
        name = check_identifier(name)
        if name in self.columns(kind) and name not in ("extra", "source_file", "source_line"):
            return self.dialect.as_text(f"{alias}.{name}")
        if "extra" not in self.columns(kind):
            raise AnalyticsError(f"{kind} has no field {name!r}")
        return self.dialect.json_field(f"{alias}.extra", name)

    def run(self, sql: str) -> pa.Table:
        return self.store.query(sql, self.params)


def docs_cte(b: SqlBuilder, kind: str, periods: Sequence[Period], segment: Segment) -> str:
    """The ``docs(doc_id, p, seg)`` query for ``kind`` over ``periods``."""
    check_kind(kind)
    if not periods:
        raise AnalyticsError("no period to count over")
    ts = EVENT_TABLES[kind]
    whens = " ".join(
        f"WHEN e.{ts} >= {b.param(p.start)} AND e.{ts} < {b.param(p.end)} THEN {i}"
        for i, p in enumerate(periods)
    )
    lo = b.param(min(p.start for p in periods))
    hi = b.param(max(p.end for p in periods))
    seg = (
        b.field_expr(kind, segment.by)
        if segment.by
        else f"CAST(NULL AS {b.dialect.text_type})"
    )
    filters = [
        b.in_list(b.field_expr(kind, key), values) for key, values in segment.where
    ]
    cond = "".join(f" AND {f}" for f in filters)
    if kind != "profiles":
        return (
            f"SELECT x.doc_id, x.p, x.seg FROM (SELECT e.id AS doc_id, CASE {whens} END AS p, "
            f"{seg} AS seg FROM {kind} e WHERE e.{ts} >= {lo} AND e.{ts} < {hi}{cond}) x "
            "WHERE x.p IS NOT NULL"
        )
    # Profiles: the latest snapshot of each freelancer in each period, then the filters (a
    # freelancer's segment is the one of that latest snapshot).
    return (
        f"SELECT e.id AS doc_id, e.p, {seg} AS seg FROM ("
        "SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.freelancer_id, s.p "
        "ORDER BY s.observed_at DESC, s.id DESC) AS rn FROM ("
        f"SELECT e.*, CASE {whens} END AS p FROM profiles e "
        f"WHERE e.{ts} >= {lo} AND e.{ts} < {hi}) s WHERE s.p IS NOT NULL) e "
        f"WHERE e.rn = 1{cond}"
    )


def _needs_docs(kind: str, segment: Segment) -> bool:
    return kind == "profiles" or bool(segment.where) or segment.by is not None


def doc_skill_rows(
    b: SqlBuilder,
    *,
    kind: str,
    periods: Sequence[Period],
    segment: Segment,
    version: str | None,
    skills: Sequence[str] | None,
    cache: str | None,
) -> str:
    """``(p, seg, doc_id, skill_id)``, one row per document and skill it mentions.

    From the derived table ``cache`` (see :mod:`skillpulse.analytics.docskills`) when given,
    else from ``mentions`` joined to the documents, de-duplicated.
    """
    if cache is None:
        docs = docs_cte(b, kind, periods, segment)
        cond = _mention_filter(b, "m", kind, version, skills)
        return (
            "SELECT DISTINCT d.p, d.seg, m.doc_id, m.skill_id FROM mentions m "
            f"JOIN ({docs}) d ON m.doc_id = d.doc_id WHERE {cond}"
        )
    if _needs_docs(kind, segment):
        docs = docs_cte(b, kind, periods, segment)
        cond = _mention_filter(b, "ds", kind, version, skills)
        lo, hi = _bounds(b, periods)
        return (
            f"SELECT d.p, d.seg, ds.doc_id, ds.skill_id FROM {cache} ds "
            f"JOIN ({docs}) d ON ds.doc_id = d.doc_id "
            f"WHERE {cond} AND ds.event_at >= {lo} AND ds.event_at < {hi}"
        )
    return " UNION ALL ".join(
        f"SELECT {i} AS p, CAST(NULL AS {b.dialect.text_type}) AS seg, ds.doc_id, ds.skill_id "
        f"FROM {cache} ds WHERE {_cached_filter(b, kind, version, skills, period)}"
        for i, period in enumerate(periods)
    )


def _cached_filter(
    b: SqlBuilder, kind: str, version: str | None, skills: Sequence[str] | None,
    period: Period,
) -> str:
    cond = _mention_filter(b, "ds", kind, version, skills)
    return (
        f"{cond} AND ds.event_at >= {b.param(period.start)} "
        f"AND ds.event_at < {b.param(period.end)}"
    )


def _per_period(
    b: SqlBuilder, *, kind: str, periods: Sequence[Period], version: str | None,
    skills: Sequence[str] | None, cache: str, select: str, group: str,
) -> str:
    """One aggregated branch per period over the derived table (each a pruned range scan),
    glued with UNION ALL: faster than one scan with a CASE per row."""
    return " UNION ALL ".join(
        f"SELECT {i} AS p, CAST(NULL AS {b.dialect.text_type}) AS seg, {select} "
        f"FROM {cache} ds WHERE {_cached_filter(b, kind, version, skills, period)}"
        + (f" GROUP BY {group}" if group else "")
        for i, period in enumerate(periods)
    )


def _bounds(b: SqlBuilder, periods: Sequence[Period]) -> tuple[str, str]:
    return b.param(min(p.start for p in periods)), b.param(max(p.end for p in periods))


def _mention_filter(
    b: SqlBuilder, alias: str, kind: str, version: str | None, skills: Sequence[str] | None
) -> str:
    parts = [f"{alias}.kind = {b.param(kind)}"]
    if version is not None:
        parts.append(f"{alias}.taxonomy_version = {b.param(version)}")
    if skills is not None:
        parts.append(b.in_list(f"{alias}.skill_id", skills))
    return " AND ".join(parts)


def skill_counts(
    store: Store,
    *,
    kind: str,
    periods: Sequence[Period],
    segment: Segment,
    version: str | None,
    skills: Sequence[str] | None = None,
    cache: str | None = None,
) -> pa.Table:
    """``(p, seg, skill_id, n)``: distinct documents per period, segment and skill."""
    b = SqlBuilder(store)
    if cache is not None and not _needs_docs(kind, segment):
        return b.run(_per_period(
            b, kind=kind, periods=periods, version=version, skills=skills, cache=cache,
            select="ds.skill_id, COUNT(*) AS n", group="ds.skill_id",
        ))
    rows = doc_skill_rows(b, kind=kind, periods=periods, segment=segment, version=version,
                          skills=skills, cache=cache)
    return b.run(
        f"SELECT r.p, r.seg, r.skill_id, COUNT(*) AS n FROM ({rows}) r "
        "GROUP BY r.p, r.seg, r.skill_id"
    )


def exposures(
    store: Store, *, kind: str, periods: Sequence[Period], segment: Segment
) -> pa.Table:
    """``(p, seg, n)``: all documents of the kind per period and segment.

    Counts rows: ingest keeps one row per (kind, id), and profiles keep one snapshot per
    freelancer and period.
    """
    b = SqlBuilder(store)
    if not _needs_docs(check_kind(kind), segment):
        ts = EVENT_TABLES[kind]
        return b.run(" UNION ALL ".join(
            f"SELECT {i} AS p, CAST(NULL AS {b.dialect.text_type}) AS seg, COUNT(*) AS n "
            f"FROM {kind} e WHERE e.{ts} >= {b.param(p.start)} AND e.{ts} < {b.param(p.end)}"
            for i, p in enumerate(periods)
        ))
    docs = docs_cte(b, kind, periods, segment)
    return b.run(
        f"WITH docs AS ({docs}) SELECT d.p, d.seg, COUNT(*) AS n "
        "FROM docs d GROUP BY d.p, d.seg"
    )


def category_doc_counts(
    store: Store,
    *,
    kind: str,
    periods: Sequence[Period],
    segment: Segment,
    version: str | None,
    skills: Sequence[str],
    cache: str | None = None,
) -> pa.Table:
    """``(p, seg, n)``: documents mentioning at least one of ``skills``."""
    b = SqlBuilder(store)
    if cache is not None and not _needs_docs(kind, segment):
        return b.run(_per_period(
            b, kind=kind, periods=periods, version=version, skills=skills, cache=cache,
            select="COUNT(DISTINCT ds.doc_id) AS n", group="",
        ))
    rows = doc_skill_rows(b, kind=kind, periods=periods, segment=segment, version=version,
                          skills=skills, cache=cache)
    return b.run(
        f"SELECT r.p, r.seg, COUNT(DISTINCT r.doc_id) AS n FROM ({rows}) r "
        "GROUP BY r.p, r.seg"
    )


def cooccurrence(
    store: Store,
    *,
    kind: str,
    period: Period,
    segment: Segment,
    version: str | None,
    anchor: str,
    cache: str | None = None,
) -> pa.Table:
    """``(seg, skill_id, n, n_co)``: documents per skill, and those also mentioning ``anchor``."""
    b = SqlBuilder(store)
    rows = doc_skill_rows(b, kind=kind, periods=[period], segment=segment, version=version,
                          skills=None, cache=cache)
    anchor_param = b.param(anchor)
    return b.run(
        f"WITH dm AS ({rows}), "
        f"anchor AS (SELECT dm.doc_id FROM dm WHERE dm.skill_id = {anchor_param}) "
        "SELECT dm.seg, dm.skill_id, COUNT(*) AS n, "
        "SUM(CASE WHEN a.doc_id IS NULL THEN 0 ELSE 1 END) AS n_co "
        "FROM dm LEFT JOIN anchor a ON a.doc_id = dm.doc_id GROUP BY dm.seg, dm.skill_id"
    )


def skill_exists(store: Store, kind: str, skill_id: str) -> bool:
    """Whether any mention of ``kind`` has this skill ID."""
    b = SqlBuilder(store)
    cond = f"m.kind = {b.param(kind)} AND m.skill_id = {b.param(skill_id)}"
    return bool(b.run(f"SELECT 1 AS x FROM mentions m WHERE {cond} LIMIT 1").num_rows)


#: timestamps a reader can hold (years 1 to 9999); ingest rejects others, but a store filled
#: by an older version may keep some, and reading commands must not fail on them
VALID_TIME = ("BETWEEN TIMESTAMP '0001-01-01 00:00:00' "
              "AND TIMESTAMP '9999-12-31 23:59:59.999999'")


def data_range(store: Store, kind: str) -> tuple[Any, Any]:
    """The first and last timestamp of the kind's events (``None`` when empty); values
    outside years 1 to 9999 are left out."""
    ts = EVENT_TABLES[check_kind(kind)]
    row = store.query(f"SELECT MIN({ts}) AS lo, MAX({ts}) AS hi FROM {kind} "
                      f"WHERE {ts} {VALID_TIME}").to_pylist()[0]
    return row["lo"], row["hi"]


def taxonomy_version(store: Store, kind: str, explicit: str | None = None) -> str | None:
    """The taxonomy version whose mentions are counted for ``kind``.

    ``explicit`` wins; else the version of the newest extraction of the kind
    (``MAX(extracted_at)``, ties by the greater version string); else, when ``extractions``
    is empty, the greatest version present in ``mentions``; ``None`` when there is none.
    """
    if explicit:
        return explicit
    b = SqlBuilder(store)
    k = b.param(kind)
    rows = b.run(
        "SELECT x.taxonomy_version FROM (SELECT taxonomy_version, MAX(extracted_at) AS last_at "
        f"FROM extractions WHERE kind = {k} GROUP BY taxonomy_version) x "
        "ORDER BY x.last_at DESC NULLS LAST, x.taxonomy_version DESC LIMIT 1"
    ).to_pylist()
    if rows:
        return str(rows[0]["taxonomy_version"])
    b = SqlBuilder(store)
    k = b.param(kind)
    rows = b.run(
        f"SELECT MAX(taxonomy_version) AS v FROM mentions WHERE kind = {k}"
    ).to_pylist()
    value = rows[0]["v"] if rows else None
    return None if value is None else str(value)


def pair_counts(
    store: Store, *, kind: str, period: Period, version: str | None, anchors: Sequence[str],
    min_count: int, cache: str | None = None,
) -> pa.Table:
    """``(anchor, other, n_co, n_a, n_b)`` for every skill of ``anchors`` at once: documents
    of ``kind`` in ``period`` naming both skills (at least ``min_count``), and each skill's
    documents."""
    b = SqlBuilder(store)
    rows = doc_skill_rows(b, kind=kind, periods=[period], segment=Segment(), version=version,
                          skills=None, cache=cache)
    return b.run(
        f"WITH dm AS ({rows}), n AS (SELECT skill_id, COUNT(*) AS n FROM dm GROUP BY skill_id) "
        "SELECT a.skill_id AS anchor, o.skill_id AS other, COUNT(*) AS n_co, "
        "MIN(na.n) AS n_a, MIN(nb.n) AS n_b FROM dm a JOIN dm o ON a.doc_id = o.doc_id "
        "AND a.skill_id <> o.skill_id JOIN n na ON na.skill_id = a.skill_id "
        "JOIN n nb ON nb.skill_id = o.skill_id "
        f"WHERE {b.in_list('a.skill_id', anchors)} GROUP BY a.skill_id, o.skill_id "
        f"HAVING COUNT(*) >= {int(min_count)}")


def ingest_rows(store: Store) -> pa.Table:
    """Every ingested file: kind, file, file_sha256, bytes, rows_read, loaded, rejected,
    duplicates; in ingest order."""
    return store.query(
        "SELECT kind, file, file_sha256, bytes, rows_read, loaded, rejected, duplicates "
        "FROM ingests ORDER BY started_at, kind, file")


def reject_reasons(store: Store) -> pa.Table:
    """``(kind, file, reason, n)``: rejected rows by reason, most frequent first per file."""
    return store.query(
        "SELECT kind, file, reason, COUNT(*) AS n FROM rejects "
        "GROUP BY kind, file, reason ORDER BY kind, file, n DESC, reason")


def event_counts(store: Store) -> dict[str, int]:
    """Stored events per kind."""
    sql = " UNION ALL ".join(
        f"SELECT '{k}' AS kind, COUNT(*) AS n FROM {k}" for k in EVENT_TABLES)
    return {r["kind"]: int(r["n"]) for r in store.query(sql).to_pylist()}


def skill_ids(store: Store) -> list[str]:
    """Every skill ID that ``mentions`` holds."""
    return [str(s) for s in store.query("SELECT DISTINCT skill_id FROM mentions").column(
        "skill_id").to_pylist()]


#: the temporary tables an engine registers before running :func:`export_results_sql`
EXPORT_LABELS = "_sp_export_labels"
EXPORT_VERSIONS = "_sp_export_versions"


def export_results_sql(what: str, fmt: str, dialect: Dialect) -> str:
    """The query behind ``skillpulse export mentions|doc-skills`` on either engine.

    It reads the engine's temporary tables ``_sp_export_versions (kind, version)`` (the
    taxonomy version chosen per kind) and ``_sp_export_labels (skill_id, label)``; each
    mention (or document-skill pair) carries its event time. CSV has no lists, so the
    methods of a document-skill pair are joined with ``;`` there.
    """
    events = " UNION ALL ".join(
        f"SELECT '{k}' AS kind, id AS doc_id, MIN({ts}) AS event_at FROM {k} GROUP BY id"
        for k, ts in _kinds.TIME_FIELDS.items())
    picked = (f"FROM mentions m JOIN {EXPORT_VERSIONS} v "
              "ON v.kind = m.kind AND v.version = m.taxonomy_version "
              f"LEFT JOIN ({events}) ev ON ev.kind = m.kind AND ev.doc_id = m.doc_id "
              f"LEFT JOIN {EXPORT_LABELS} l ON l.skill_id = m.skill_id")
    if what == "mentions":
        return ("SELECT m.kind, m.doc_id, ev.event_at, m.skill_id, l.label, m.method, "
                f"m.field, m.start_pos AS start, m.end_pos AS {dialect.quoted('end')}, m.text, "
                f"m.confidence, m.taxonomy_version {picked} "
                "ORDER BY m.kind, ev.event_at, m.doc_id, m.field, m.start_pos, m.skill_id")
    methods = dialect.distinct_sorted("m.method")
    if fmt == "csv":
        methods = dialect.joined(methods, ";")
    return ("SELECT m.kind, m.doc_id, ev.event_at, m.skill_id, l.label, "
            f"count(*) AS mentions, {methods} AS methods, max(m.confidence) AS confidence, "
            f"m.taxonomy_version {picked} "
            "GROUP BY m.kind, m.doc_id, ev.event_at, m.skill_id, l.label, "
            "m.taxonomy_version ORDER BY m.kind, ev.event_at, m.doc_id, m.skill_id")
