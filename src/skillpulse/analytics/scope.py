"""What an analytics request counts: the category's skill IDs, the period, and the
aggregated tables reshaped into per-segment dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa

from skillpulse.analytics.periods import Period, parse_period
from skillpulse.errors import AnalyticsError
from skillpulse.taxonomy.model import Taxonomy


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
