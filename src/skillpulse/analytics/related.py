"""Co-occurrence: the skills that appear with a skill more often than chance, ranked by lift
(equivalently PMI) or normalised PMI, with a minimum co-occurrence count.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from skillpulse.analytics import queries
from skillpulse.analytics.periods import Period
from skillpulse.analytics.queries import WhereArg
from skillpulse.analytics.results import RelatedResult, RelatedRow, label_of
from skillpulse.analytics.scope import Scope, as_period, exposure_by, segment_order
from skillpulse.errors import AnalyticsError, UnknownSkillError
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

MEASURES = ("lift", "pmi", "npmi")
#: Default minimum number of documents mentioning both skills.
MIN_CO_COUNT = 5


def related(
    store: Store,
    skill: str,
    *,
    kind: str,
    period: str | Period,
    n: int = 10,
    min_count: int = MIN_CO_COUNT,
    measure: str = "lift",
    category: str | None = None,
    taxonomy: Taxonomy | None = None,
    where: WhereArg = None,
    by: str | None = None,
    taxonomy_version: str | None = None,
    use_cache: bool = True,
) -> RelatedResult:
    """Skills co-occurring with ``skill`` in documents of ``kind`` in ``period``.

    With ``N`` documents, ``n_a`` mentioning the skill, ``n_b`` mentioning the other and
    ``n_ab`` both: ``lift = n_ab·N / (n_a·n_b)``, ``pmi = log2(lift)``,
    ``npmi = pmi / -log2(n_ab / N)`` and ``confidence = n_ab / n_a``. Only skills with
    ``n_ab >= min_count`` are ranked (by ``measure`` descending, ties by ID).
    """
    queries.check_kind(kind)
    if measure not in MEASURES:
        raise AnalyticsError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")
    if n < 1 or min_count < 1:
        raise AnalyticsError("n and min_count must be at least 1")
    anchor = _anchor(store, skill, kind, taxonomy)
    p = as_period(period)
    scope = Scope.resolve(store, kind=kind, category=category, taxonomy=taxonomy, where=where,
                          by=by, taxonomy_version=taxonomy_version, use_cache=use_cache)
    allowed = scope.skills
    table = scope.cooccurrence(p, anchor)
    expo = exposure_by(scope.exposures([p]))
    by_seg: dict[Any, list[dict[str, Any]]] = {}
    for row in table.to_pylist():
        by_seg.setdefault(row["seg"], []).append(row)
    rows: list[RelatedRow] = []
    anchor_total = 0
    for seg in segment_order({s for _, s in expo} | set(by_seg)):
        seg_rows = by_seg.get(seg, [])
        total = expo.get((0, seg), 0)
        n_a = next((int(r["n"]) for r in seg_rows if r["skill_id"] == anchor), 0)
        anchor_total += n_a
        scored = []
        for r in seg_rows:
            n_ab, n_b = int(r["n_co"]), int(r["n"])
            if r["skill_id"] == anchor or n_ab < min_count or n_a == 0:
                continue
            if allowed is not None and r["skill_id"] not in allowed:
                continue
            lift = n_ab * total / (n_a * n_b)
            pmi = math.log2(lift)
            denom = -math.log2(n_ab / total)
            npmi = pmi / denom if denom > 0 else 1.0
            score = {"lift": lift, "pmi": pmi, "npmi": npmi}[measure]
            scored.append((score, r["skill_id"], n_ab, n_b, lift, pmi, npmi))
        scored.sort(key=lambda t: (-t[0], t[1]))
        for rank, (_, sid, n_ab, n_b, lift, pmi, npmi) in enumerate(scored[:n], start=1):
            rows.append(RelatedRow(
                rank=rank, skill_id=sid, label=label_of(taxonomy, sid), co_count=n_ab,
                count=n_b, lift=lift, pmi=pmi, npmi=npmi, confidence=n_ab / n_a, segment=seg,
            ))
    return RelatedResult(
        skill=anchor, label=label_of(taxonomy, anchor), kind=kind, period=p.label,
        exposure=sum(expo.values()), skill_count=anchor_total, measure=measure,
        min_count=min_count, rows=tuple(rows), by=by,
    )


def _anchor(store: Store, skill: str, kind: str, taxonomy: Taxonomy | None) -> str:
    """The skill's ID: through the taxonomy (ID, label or alias), else a skill ID that the
    store's mentions hold (mentions of skills outside the loaded taxonomy)."""
    if taxonomy is not None:
        try:
            return taxonomy.resolve(skill).id
        except UnknownSkillError:
            if not queries.skill_exists(store, kind, skill):
                raise
    return skill
