"""Share of activity: the share of a kind's documents that mention a category, per period,
and the headline change between two periods ("gen-AI posts up N%").
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import numpy as np

from skillpulse.analytics import queries
from skillpulse.analytics.periods import Period, enumerate_periods, period_between
from skillpulse.analytics.queries import Segment, WhereArg
from skillpulse.analytics.results import ShareChange, ShareResult, ShareRow
from skillpulse.analytics.scope import Scope, as_period, category_skills, exposure_by, segment_order
from skillpulse.analytics.stats import CONFIDENCE, pct_change, rate_ratio_exact, wilson_interval
from skillpulse.errors import AnalyticsError
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)


def share_of_activity(
    store: Store,
    *,
    kind: str,
    category: str,
    by: str = "month",
    start: str | Period | None = None,
    end: str | Period | None = None,
    base: str | Period | None = None,
    current: str | Period | None = None,
    taxonomy: Taxonomy | None = None,
    where: WhereArg = None,
    segment: str | None = None,
    taxonomy_version: str | None = None,
    confidence: float = CONFIDENCE,
    use_cache: bool = True,
) -> ShareResult:
    """Per period of grain ``by`` (month, quarter, week, half, year): documents of ``kind``
    mentioning at least one skill of ``category``, over all documents of the kind.

    The periods run from ``start`` to ``end`` (default: ``base`` to ``current``, else the
    kind's whole data range); empty periods are rows of zeros. ``segment`` breaks each period
    down by a field. With ``base`` and ``current``, ``change`` holds the share ratio with its
    exact interval and the raw count change, over the whole (filtered) population.
    """
    queries.check_kind(kind)
    if category is None or category_skills(taxonomy, category) is None:
        raise AnalyticsError("share needs a category")
    if (base is None) != (current is None):
        raise AnalyticsError("give both base and current, or neither")
    scope = Scope.resolve(store, kind=kind, category=category, taxonomy=taxonomy, where=where,
                          by=segment, taxonomy_version=taxonomy_version, use_cache=use_cache)
    version = scope.version
    span = _span(store, kind, start, end, base, current)
    periods = [] if span is None else enumerate_periods(by, span.start, span.end)
    rows: list[ShareRow] = []
    if periods:
        hits = exposure_by(scope.category_doc_counts(periods))
        docs = exposure_by(scope.exposures(periods))
        segs = segment_order({s for _, s in docs}) if segment else [None]
        keys = [(i, s) for i in range(len(periods)) for s in segs]
        x = np.array([hits.get(k, 0) for k in keys])
        e = np.array([docs.get(k, 0) for k in keys])
        share, low, high = wilson_interval(x, e, confidence)
        rows = [
            ShareRow(
                period=periods[i].label, count=int(x[j]), exposure=int(e[j]),
                share=float(share[j]), share_low=float(low[j]), share_high=float(high[j]),
                segment=s,
            )
            for j, (i, s) in enumerate(keys)
        ]
    change = None
    if base is not None and current is not None:
        change = _change(replace(scope, segment=Segment.of(where)), base=as_period(base),
                         current=as_period(current), confidence=confidence)
    return ShareResult(
        kind=kind, category=category, grain=by, rows=tuple(rows), change=change,
        segment=segment, taxonomy_version=version,
    )


def _span(
    store: Store,
    kind: str,
    start: str | Period | None,
    end: str | Period | None,
    base: str | Period | None,
    current: str | Period | None,
) -> Period | None:
    first = start if start is not None else base
    last = end if end is not None else current
    if first is None or last is None:
        lo, hi = queries.data_range(store, kind)
        if lo is None:
            return None
        data = Period(lo, hi + timedelta(microseconds=1), "data", "range")
        first = first if first is not None else data
        last = last if last is not None else data
    return period_between(as_period(first), as_period(last))


def _change(scope: Scope, *, base: Period, current: Period, confidence: float) -> ShareChange:
    if base.start < current.end and current.start < base.end:
        raise AnalyticsError(f"base {base} and current {current} overlap")
    periods = [base, current]
    hits = exposure_by(scope.category_doc_counts(periods))
    docs = exposure_by(scope.exposures(periods))
    x1, x2 = hits.get((0, None), 0), hits.get((1, None), 0)
    e1, e2 = docs.get((0, None), 0), docs.get((1, None), 0)
    ratio, low, high = rate_ratio_exact(x1, e1, x2, e2, confidence)
    count_change = (x2 - x1) / x1 * 100.0 if x1 > 0 else float("nan")
    return ShareChange(
        base=base.label, current=current.label, base_count=x1, current_count=x2,
        base_exposure=e1, current_exposure=e2, share_ratio=float(ratio),
        ratio_low=float(low), ratio_high=float(high), pct_change=float(pct_change(ratio)),
        count_pct_change=float(count_change),
    )
