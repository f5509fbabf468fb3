"""The SQL of the analytics layer: document sets, skill counts, exposures, category hits and
co-occurrence, computed in the store and returned as small aggregated Arrow tables.

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
from typing import Any, Protocol

import pyarrow as pa

from skillpulse.analytics.dialect import Dialect, check_identifier, dialect_for
from skillpulse.analytics.periods import Period
from skillpulse.errors import AnalyticsError
from skillpulse.store.schema import EVENT_TABLES

KINDS: tuple[str, ...] = tuple(EVENT_TABLES)


class Store(Protocol):
    """What the analytics layer needs from a store: SQL in, Arrow out."""

    engine: str

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table: ...


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
    if kind not in EVENT_TABLES:
        raise AnalyticsError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return kind


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


def _mention_filter(
    b: SqlBuilder, kind: str, version: str | None, skills: Sequence[str] | None
) -> str:
    parts = [f"m.kind = {b.param(kind)}"]
    if version is not None:
        parts.append(f"m.taxonomy_version = {b.param(version)}")
    if skills is not None:
        parts.append(b.in_list("m.skill_id", skills))
    return " AND ".join(parts)


def skill_counts(
    store: Store,
    *,
    kind: str,
    periods: Sequence[Period],
    segment: Segment,
    version: str | None,
    skills: Sequence[str] | None = None,
) -> pa.Table:
    """``(p, seg, skill_id, n)``: distinct documents per period, segment and skill."""
    b = SqlBuilder(store)
    docs = docs_cte(b, kind, periods, segment)
    cond = _mention_filter(b, kind, version, skills)
    return b.run(
        f"WITH docs AS ({docs}) "
        "SELECT d.p, d.seg, m.skill_id, COUNT(DISTINCT m.doc_id) AS n "
        f"FROM mentions m JOIN docs d ON m.doc_id = d.doc_id WHERE {cond} "
        "GROUP BY d.p, d.seg, m.skill_id"
    )


def exposures(
    store: Store, *, kind: str, periods: Sequence[Period], segment: Segment
) -> pa.Table:
    """``(p, seg, n)``: all documents of the kind per period and segment."""
    b = SqlBuilder(store)
    docs = docs_cte(b, kind, periods, segment)
    return b.run(
        f"WITH docs AS ({docs}) SELECT d.p, d.seg, COUNT(DISTINCT d.doc_id) AS n "
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
) -> pa.Table:
    """``(p, seg, exposure, n)``: all documents, and those mentioning any of ``skills``."""
    b = SqlBuilder(store)
    docs = docs_cte(b, kind, periods, segment)
    cond = _mention_filter(b, kind, version, skills)
    return b.run(
        f"WITH docs AS ({docs}), "
        f"hits AS (SELECT DISTINCT m.doc_id FROM mentions m WHERE {cond}) "
        "SELECT d.p, d.seg, COUNT(DISTINCT d.doc_id) AS exposure, "
        "COUNT(DISTINCT h.doc_id) AS n "
        "FROM docs d LEFT JOIN hits h ON h.doc_id = d.doc_id GROUP BY d.p, d.seg"
    )


def cooccurrence(
    store: Store,
    *,
    kind: str,
    period: Period,
    segment: Segment,
    version: str | None,
    anchor: str,
) -> pa.Table:
    """``(seg, skill_id, n, n_co)``: documents per skill, and those also mentioning ``anchor``."""
    b = SqlBuilder(store)
    docs = docs_cte(b, kind, [period], segment)
    cond = _mention_filter(b, kind, version, None)
    anchor_param = b.param(anchor)
    return b.run(
        f"WITH docs AS ({docs}), "
        "dm AS (SELECT DISTINCT d.seg, m.doc_id, m.skill_id FROM mentions m "
        f"JOIN docs d ON m.doc_id = d.doc_id WHERE {cond}), "
        f"anchor AS (SELECT dm.doc_id FROM dm WHERE dm.skill_id = {anchor_param}) "
        "SELECT dm.seg, dm.skill_id, COUNT(*) AS n, "
        "SUM(CASE WHEN a.doc_id IS NULL THEN 0 ELSE 1 END) AS n_co "
        "FROM dm LEFT JOIN anchor a ON a.doc_id = dm.doc_id GROUP BY dm.seg, dm.skill_id"
    )


def data_range(store: Store, kind: str) -> tuple[Any, Any]:
    """The first and last timestamp of the kind's events (``None`` when empty)."""
    ts = EVENT_TABLES[check_kind(kind)]
    row = store.query(f"SELECT MIN({ts}) AS lo, MAX({ts}) AS hi FROM {kind}").to_pylist()[0]
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
