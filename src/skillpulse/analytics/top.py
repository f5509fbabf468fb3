"""Top skills: the skills mentioned by the most documents of a kind in a period."""

from __future__ import annotations

import logging

from skillpulse.analytics import queries
from skillpulse.analytics.periods import Period
from skillpulse.analytics.queries import WhereArg
from skillpulse.analytics.results import TopResult, TopRow, label_of
from skillpulse.analytics.scope import (
    Scope,
    as_period,
    counts_by,
    exposure_by,
    segment_order,
)
from skillpulse.analytics.stats import CONFIDENCE, wilson_interval
from skillpulse.errors import AnalyticsError
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)


def top_skills(
    store: Store,
    *,
    kind: str,
    period: str | Period,
    category: str | None = None,
    n: int = 10,
    taxonomy: Taxonomy | None = None,
    where: WhereArg = None,
    by: str | None = None,
    taxonomy_version: str | None = None,
    confidence: float = CONFIDENCE,
    use_cache: bool = True,
) -> TopResult:
    """The ``n`` skills with the most documents of ``kind`` in ``period``.

    Count: distinct documents mentioning the skill; share: count over all documents of the
    kind in the period (the exposure), with its Wilson interval. Ties are broken by skill ID.
    With ``by``, each segment is ranked on its own (its own exposure). ``use_cache=False``
    counts over ``mentions`` directly instead of the derived table (same results).
    """
    queries.check_kind(kind)
    if n < 1:
        raise AnalyticsError("n must be at least 1")
    p = as_period(period)
    scope = Scope.resolve(store, kind=kind, category=category, taxonomy=taxonomy, where=where,
                          by=by, taxonomy_version=taxonomy_version, use_cache=use_cache)
    segment, version = scope.segment, scope.version
    counts = counts_by(scope.skill_counts([p]))
    expo = exposure_by(scope.exposures([p]))
    segs = segment_order({s for _, s in expo} | {s for _, s in counts})
    rows: list[TopRow] = []
    for seg in segs:
        exposure = expo.get((0, seg), 0)
        ranked = sorted(counts.get((0, seg), {}).items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        if not ranked:
            continue
        share, low, high = wilson_interval(
            [c for _, c in ranked], [exposure] * len(ranked), confidence
        )
        for i, (skill_id, count) in enumerate(ranked):
            rows.append(TopRow(
                rank=i + 1, skill_id=skill_id, label=label_of(taxonomy, skill_id),
                count=count, share=float(share[i]), share_low=float(low[i]),
                share_high=float(high[i]), segment=seg, exposure=exposure,
            ))
    log.debug("top %s %s: %d rows (taxonomy %s)", kind, p, len(rows), version)
    return TopResult(
        kind=kind, period=p.label, category=category, exposure=sum(expo.values()),
        rows=tuple(rows), by=by, where=segment.where, taxonomy_version=version,
    )
