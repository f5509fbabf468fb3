"""Growth between two periods: exposure-adjusted rate ratios with exact intervals, ranked by
the interval's lower bound so that small counts cannot top the list; breakouts apart.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from skillpulse.analytics import queries
from skillpulse.analytics.periods import Period
from skillpulse.analytics.queries import WhereArg
from skillpulse.analytics.results import GrowthResult, GrowthRow, label_of
from skillpulse.analytics.scope import (
    Scope,
    as_period,
    counts_by,
    exposure_by,
    segment_order,
)
from skillpulse.analytics.stats import CONFIDENCE, pct_change, rate_ratio_exact
from skillpulse.errors import AnalyticsError
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

#: A skill with fewer base-period documents than this is a breakout (``new``), not a ratio.
BREAKOUT_FLOOR = 5
#: Default minimum number of current-period documents for a skill to be listed.
MIN_COUNT = 20


def growth(
    store: Store,
    *,
    kind: str,
    base: str | Period,
    current: str | Period,
    category: str | None = None,
    n: int = 10,
    min_count: int = MIN_COUNT,
    breakout_floor: int = BREAKOUT_FLOOR,
    taxonomy: Taxonomy | None = None,
    where: WhereArg = None,
    by: str | None = None,
    taxonomy_version: str | None = None,
    confidence: float = CONFIDENCE,
    use_cache: bool = True,
) -> GrowthResult:
    """Skills whose share of ``kind`` documents grew most from ``base`` to ``current``.

    For each skill with ``current_count >= min_count``: the rate ratio
    ``(x2/E2) / (x1/E1)``, its exact conditional interval and the percent change. Skills
    under ``breakout_floor`` base documents whose count rose are breakouts (``new``), ranked
    by current count; all others (equal or falling counts included: never ``new``) are
    ranked by the interval's lower bound (ties by ID).
    """
    queries.check_kind(kind)
    if n < 1 or min_count < 0:
        raise AnalyticsError("n must be at least 1 and min_count at least 0")
    if breakout_floor < 1:
        raise AnalyticsError("breakout_floor must be at least 1")
    p1, p2 = as_period(base), as_period(current)
    if p1.start < p2.end and p2.start < p1.end:
        raise AnalyticsError(f"base {p1} and current {p2} overlap")
    scope = Scope.resolve(store, kind=kind, category=category, taxonomy=taxonomy, where=where,
                          by=by, taxonomy_version=taxonomy_version, use_cache=use_cache)
    version = scope.version
    periods = [p1, p2]
    counts = counts_by(scope.skill_counts(periods))
    expo = exposure_by(scope.exposures(periods))
    segs = segment_order({s for _, s in expo} | {s for _, s in counts})
    rows: list[GrowthRow] = []
    breakouts: list[GrowthRow] = []
    for seg in segs:
        ranked, new = _segment_rows(
            counts.get((0, seg), {}), counts.get((1, seg), {}),
            expo.get((0, seg), 0), expo.get((1, seg), 0),
            seg=seg, n=n, min_count=min_count, floor=breakout_floor,
            taxonomy=taxonomy, confidence=confidence,
        )
        rows.extend(ranked)
        breakouts.extend(new)
    return GrowthResult(
        kind=kind, base=p1.label, current=p2.label, category=category,
        base_exposure=sum(v for (p, _), v in expo.items() if p == 0),
        current_exposure=sum(v for (p, _), v in expo.items() if p == 1),
        rows=tuple(rows), breakouts=tuple(breakouts), min_count=min_count,
        breakout_floor=breakout_floor, by=by, taxonomy_version=version,
    )


def _segment_rows(
    c1: dict[str, int],
    c2: dict[str, int],
    e1: int,
    e2: int,
    *,
    seg: Any,
    n: int,
    min_count: int,
    floor: int,
    taxonomy: Taxonomy | None,
    confidence: float,
) -> tuple[list[GrowthRow], list[GrowthRow]]:
    ids = sorted(s for s, c in c2.items() if c >= min_count and c > 0)
    if not ids:
        return [], []
    x1 = np.array([c1.get(s, 0) for s in ids], dtype=np.float64)
    x2 = np.array([c2[s] for s in ids], dtype=np.float64)
    ratio, low, high = rate_ratio_exact(x1, e1, x2, e2, confidence)
    pct = pct_change(ratio)
    with np.errstate(divide="ignore", invalid="ignore"):
        s1 = np.where(e1 > 0, x1 / max(e1, 1), np.nan)
        s2 = np.where(e2 > 0, x2 / max(e2, 1), np.nan)
    # A breakout is a skill under the floor in the base period whose count rose: a skill
    # with as many (or fewer) documents as before is never new, and is ranked with the others
    # (its small counts give it a wide interval, so a low lower bound).
    new_idx = [i for i in range(len(ids)) if x1[i] < floor and x2[i] > x1[i]]
    is_new = set(new_idx)
    ranked_idx = [i for i in range(len(ids)) if i not in is_new and np.isfinite(low[i])]
    ranked_idx.sort(key=lambda i: (-low[i], ids[i]))
    new_idx.sort(key=lambda i: (-x2[i], x1[i], ids[i]))

    def row(rank: int, i: int, breakout: bool) -> GrowthRow:
        return GrowthRow(
            rank=rank, skill_id=ids[i], label=label_of(taxonomy, ids[i]),
            base_count=int(x1[i]), current_count=int(x2[i]), rate_ratio=float(ratio[i]),
            ratio_low=float(low[i]), ratio_high=float(high[i]), pct_change=float(pct[i]),
            base_share=float(s1[i]), current_share=float(s2[i]), breakout=breakout,
            segment=seg,
        )

    return (
        [row(r + 1, i, False) for r, i in enumerate(ranked_idx[:n])],
        [row(r + 1, i, True) for r, i in enumerate(new_idx[:n])],
    )
