"""What an analytics request counts: one frozen :class:`Scope` (kind, segment, taxonomy
version, the category's skill IDs, the derived table), the period, and the aggregated tables
reshaped into per-segment dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.analytics.periods import Period, parse_period
from skillpulse.analytics.queries import Segment, WhereArg
from skillpulse.errors import AnalyticsError
from skillpulse.taxonomy.model import Taxonomy

if TYPE_CHECKING:
    from skillpulse.store.base import Store


def as_period(value: str | Period) -> Period:
    return parse_period(value) if isinstance(value, str) else value


def category_skills(taxonomy: Taxonomy | None, category: str | None) -> list[str] | None:
    """The skill IDs of ``category`` and all their descendants (``None`` without category)."""
    if category is None:
        return None
    if taxonomy is None:
        raise AnalyticsError(f"category {category!r} needs a taxonomy")
    ids = sorted(c.id for c in taxonomy.in_category(category))
    if not ids:
        known = sorted({c.category for c in taxonomy if c.category})
        raise AnalyticsError(
            f"no skill in category {category!r}; known categories: {', '.join(known)}"
        )
    return ids


def segment_order(values: set[Any]) -> list[Any]:
    """Segments sorted by value, the missing (``None``) segment last."""
    return sorted(values, key=lambda v: (v is None, "" if v is None else str(v)))


def counts_by(table: pa.Table) -> dict[tuple[int, Any], dict[str, int]]:
    """``(p, seg) -> {skill_id: n}`` from a ``skill_counts`` table."""
    out: dict[tuple[int, Any], dict[str, int]] = defaultdict(dict)
    for row in table.to_pylist():
        out[(int(row["p"]), row["seg"])][row["skill_id"]] = int(row["n"])
    return out


def exposure_by(table: pa.Table, column: str = "n") -> dict[tuple[int, Any], int]:
    """``(p, seg) -> documents`` from an ``exposures`` table."""
    return {(int(r["p"]), r["seg"]): int(r[column]) for r in table.to_pylist()}


@dataclass(frozen=True)
class Scope:
    """What one analytics request counts, resolved once: the store, the kind, the segment
    filters and breakdown, the taxonomy version counted, the category's skill IDs (``None``:
    every skill) and the derived table to count from (``None``: the join over
    ``mentions``). ``top``, ``growth``, ``share``, ``gap`` and ``related`` build one with
    :meth:`resolve` from their keyword arguments and count through it."""

    store: Store
    kind: str
    segment: Segment
    version: str | None
    skills: tuple[str, ...] | None
    cache: str | None

    @classmethod
    def resolve(cls, store: Store, *, kind: str, category: str | None = None,
                taxonomy: Taxonomy | None = None, where: WhereArg = None,
                by: str | None = None, taxonomy_version: str | None = None,
                use_cache: bool = True) -> Scope:
        """The scope of a request's keyword arguments (errors for an unknown kind, field or
        category before anything is counted)."""
        from skillpulse.analytics import queries

        queries.check_kind(kind)
        segment = Segment.of(where, by)
        skills = category_skills(taxonomy, category)
        version = queries.taxonomy_version(store, kind, taxonomy_version)
        cache = store.derived_table() if use_cache else None
        return cls(store, kind, segment, version,
                   None if skills is None else tuple(skills), cache)

    def with_kind(self, kind: str, taxonomy_version: str | None = None) -> Scope:
        """The same filters over another kind (its own counted taxonomy version)."""
        from skillpulse.analytics import queries

        version = queries.taxonomy_version(self.store, queries.check_kind(kind),
                                           taxonomy_version)
        return replace(self, kind=kind, version=version)

    def skill_counts(self, periods: Sequence[Period]) -> pa.Table:
        """``(p, seg, skill_id, n)``: see :func:`skillpulse.analytics.queries.skill_counts`."""
        from skillpulse.analytics import queries

        return queries.skill_counts(self.store, kind=self.kind, periods=periods,
                                    segment=self.segment, version=self.version,
                                    skills=self.skills, cache=self.cache)

    def exposures(self, periods: Sequence[Period]) -> pa.Table:
        """``(p, seg, n)``: see :func:`skillpulse.analytics.queries.exposures`."""
        from skillpulse.analytics import queries

        return queries.exposures(self.store, kind=self.kind, periods=periods,
                                 segment=self.segment)

    def category_doc_counts(self, periods: Sequence[Period]) -> pa.Table:
        """``(p, seg, n)`` documents mentioning any of the scope's skills."""
        from skillpulse.analytics import queries

        if self.skills is None:
            raise AnalyticsError("category counts need a category")
        return queries.category_doc_counts(self.store, kind=self.kind, periods=periods,
                                           segment=self.segment, version=self.version,
                                           skills=self.skills, cache=self.cache)

    def cooccurrence(self, period: Period, anchor: str) -> pa.Table:
        """``(seg, skill_id, n, n_co)``: see :func:`skillpulse.analytics.queries.cooccurrence`."""
        from skillpulse.analytics import queries

        return queries.cooccurrence(self.store, kind=self.kind, period=period,
                                    segment=self.segment, version=self.version,
                                    anchor=anchor, cache=self.cache)
