"""Supply and demand: each skill's share of demand (postings and searches) against its share
of supply (profiles listing it), their ratio with an exact interval, and its change from the
previous period of the same length.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from skillpulse.analytics.periods import Period
from skillpulse.analytics.queries import WhereArg
from skillpulse.analytics.results import GapResult, GapRow, label_of
from skillpulse.analytics.scope import (
    Scope,
    as_period,
    counts_by,
    exposure_by,
    segment_order,
)
from skillpulse.analytics.stats import CONFIDENCE, rate_ratio_exact
from skillpulse.errors import AnalyticsError
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

DEMAND_KINDS = ("postings", "searches")
SUPPLY_KIND = "profiles"
#: Default minimum demand (postings + searches documents) for a skill to be listed.
MIN_DEMAND = 5


def gap(
    store: Store,
    *,
    period: str | Period,
    category: str | None = None,
    n: int = 20,
    min_count: int = MIN_DEMAND,
    taxonomy: Taxonomy | None = None,
    where: WhereArg = None,
    by: str | None = None,
    taxonomy_version: str | None = None,
    confidence: float = CONFIDENCE,
    use_cache: bool = True,
) -> GapResult:
    """Skills whose demand share most exceeds their supply share in ``period``.

    ``demand_share = (postings_count + searches_count) / (postings + searches)``,
    ``supply_share = profiles_count / profiles`` (latest snapshot per freelancer), and
    ``ratio = demand_share / supply_share`` with its exact conditional interval (the two
    shares treated as Poisson rates). Rows have ``demand_count >= min_count`` and are ranked
    by the interval's lower bound, ties by ID. ``previous_ratio`` is the same ratio in the
    period of the same length just before; ``ratio_change = ratio / previous_ratio``.
    ``where`` filters apply to each kind's table (a field missing from a table is looked up
    in its ``extra`` JSON).
    """
    if n < 1 or min_count < 0:
        raise AnalyticsError("n must be at least 1 and min_count at least 0")
    cur = as_period(period)
    prev = cur.previous()
    counts: dict[str, dict[tuple[int, Any], dict[str, int]]] = {}
    expo: dict[str, dict[tuple[int, Any], int]] = {}
    scope = Scope.resolve(store, kind=DEMAND_KINDS[0], category=category, taxonomy=taxonomy,
                          where=where, by=by, taxonomy_version=taxonomy_version,
                          use_cache=use_cache)
    for kind in (*DEMAND_KINDS, SUPPLY_KIND):
        of_kind = scope.with_kind(kind, taxonomy_version)
        counts[kind] = counts_by(of_kind.skill_counts([prev, cur]))
        expo[kind] = exposure_by(of_kind.exposures([prev, cur]))
    segs = segment_order({s for k in expo for _, s in expo[k]})
    rows: list[GapRow] = []
    for seg in segs:
        rows.extend(_segment_rows(counts, expo, seg, n, min_count, taxonomy, confidence))
    totals = {k: sum(v for (p, _), v in expo[k].items() if p == 1) for k in expo}
    previous = {k: sum(v for (p, _), v in expo[k].items() if p == 0) for k in expo}
    return GapResult(
        period=cur.label, previous=prev.label, category=category, exposure=totals,
        previous_exposure=previous, rows=tuple(rows), min_count=min_count, by=by,
    )


def _segment_rows(
    counts: dict[str, dict[tuple[int, Any], dict[str, int]]],
    expo: dict[str, dict[tuple[int, Any], int]],
    seg: Any,
    n: int,
    min_count: int,
    taxonomy: Taxonomy | None,
    confidence: float,
) -> list[GapRow]:
    def arr(kind: str, p: int, ids: list[str]) -> np.ndarray:
        got = counts[kind].get((p, seg), {})
        return np.array([got.get(s, 0) for s in ids], dtype=np.float64)

    def exp(kind: str, p: int) -> int:
        return expo[kind].get((p, seg), 0)

    cur_ids = set()
    for kind in DEMAND_KINDS:
        cur_ids |= set(counts[kind].get((1, seg), {}))
    ids = sorted(cur_ids)
    if not ids:
        return []
    post, srch, prof = arr("postings", 1, ids), arr("searches", 1, ids), arr("profiles", 1, ids)
    demand = post + srch
    demand_exp = exp("postings", 1) + exp("searches", 1)
    supply_exp = exp("profiles", 1)
    ratio, low, high = rate_ratio_exact(prof, supply_exp, demand, demand_exp, confidence)
    prev_demand = arr("postings", 0, ids) + arr("searches", 0, ids)
    prev_ratio, _, _ = rate_ratio_exact(
        arr("profiles", 0, ids), exp("profiles", 0), prev_demand,
        exp("postings", 0) + exp("searches", 0), confidence,
    )

    def share(x: np.ndarray, e: int) -> np.ndarray:
        return x / e if e > 0 else np.full_like(x, np.nan)

    with np.errstate(divide="ignore", invalid="ignore"):
        change = ratio / prev_ratio
    order = [i for i in range(len(ids)) if demand[i] >= min_count and not np.isnan(low[i])]
    order.sort(key=lambda i: (-low[i], ids[i]))
    p_share, s_share = share(post, exp("postings", 1)), share(srch, exp("searches", 1))
    d_share, sup_share = share(demand, demand_exp), share(prof, supply_exp)
    return [
        GapRow(
            rank=r + 1, skill_id=ids[i], label=label_of(taxonomy, ids[i]),
            postings_count=int(post[i]), postings_share=float(p_share[i]),
            searches_count=int(srch[i]), searches_share=float(s_share[i]),
            demand_count=int(demand[i]), demand_share=float(d_share[i]),
            supply_count=int(prof[i]), supply_share=float(sup_share[i]),
            ratio=float(ratio[i]), ratio_low=float(low[i]), ratio_high=float(high[i]),
            previous_ratio=float(prev_ratio[i]), ratio_change=float(change[i]), segment=seg,
        )
        for r, i in enumerate(order[:n])
    ]
