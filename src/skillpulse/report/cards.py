"""Skill cards: for every skill of the report's lists, what it is and who does it (from the
taxonomy), its monthly trend, the skills named with it, and its supply against demand."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from skillpulse.analytics import docskills, queries
from skillpulse.analytics.gap import gap
from skillpulse.analytics.periods import Period, enumerate_periods
from skillpulse.analytics.queries import Segment
from skillpulse.analytics.scope import counts_by, exposure_by
from skillpulse.report.model import (
    CardSupply,
    CoSkill,
    RankedList,
    SkillCard,
    TrendPoint,
)
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

#: Kinds whose monthly counts make a card's trend, and where co-occurrence is counted
#: (the first with documents in the period).
TREND_KINDS = ("postings", "searches", "hires")
RELATED_KINDS = ("postings", "hires", "profiles")
#: Skills named with a card's skill: how many, and in at least how many documents.
RELATED_N = 5
RELATED_MIN = 3


def skill_info(taxonomy: Taxonomy, skill_id: str) -> tuple[str, tuple[str, ...], str | None]:
    """(description, roles, category) of a skill; empty when the taxonomy does not know it."""
    if skill_id in taxonomy:
        c = taxonomy.get(skill_id)
        return c.description, tuple(c.roles), c.category
    return "", (), None


def _trend(store: Store, ids: list[str], months: list[Period]) -> dict[str, list[TrendPoint]]:
    out: dict[str, list[TrendPoint]] = {s: [] for s in ids}
    if not months:
        return out
    cache = docskills.prepare(store)
    for kind in TREND_KINDS:
        expo = exposure_by(queries.exposures(store, kind=kind, periods=months,
                                             segment=Segment()))
        if not any(expo.values()):
            continue
        version = queries.taxonomy_version(store, kind)
        counts = counts_by(queries.skill_counts(store, kind=kind, periods=months,
                                                segment=Segment(), version=version,
                                                skills=ids, cache=cache))
        for skill in ids:
            for i, month in enumerate(months):
                e = expo.get((i, None), 0)
                c = counts.get((i, None), {}).get(skill, 0)
                out[skill].append(TrendPoint(kind, month.label, c, e,
                                             c / e if e else float("nan")))
    return out


def _cooccurring(store: Store, kind: str, period: Period, ids: list[str],
                 taxonomy: Taxonomy) -> dict[str, tuple[CoSkill, ...]]:
    """For every skill of ``ids`` at once, the skills named in the same documents, as
    :func:`skillpulse.analytics.related` ranks them (lift ``n_ab·N / (n_a·n_b)``, at least
    ``RELATED_MIN`` documents together, ties by ID): one query instead of one per skill."""
    table = queries.pair_counts(store, kind=kind, period=period,
                                version=queries.taxonomy_version(store, kind), anchors=ids,
                                min_count=RELATED_MIN, cache=docskills.prepare(store))
    total = exposure_by(queries.exposures(store, kind=kind, periods=[period],
                                          segment=Segment())).get((0, None), 0)
    scored: dict[str, list[tuple[float, str, int]]] = {}
    for r in table.to_pylist():
        lift = r["n_co"] * total / (r["n_a"] * r["n_b"])
        scored.setdefault(r["anchor"], []).append((lift, r["other"], int(r["n_co"])))
    out: dict[str, tuple[CoSkill, ...]] = {}
    for anchor, items in scored.items():
        items.sort(key=lambda t: (-t[0], t[1]))
        out[anchor] = tuple(
            CoSkill(sid, taxonomy.get(sid).label if sid in taxonomy else sid, n, lift)
            for lift, sid, n in items[:RELATED_N])
    return out


def _related_kind(store: Store, period: Period) -> str | None:
    for kind in RELATED_KINDS:
        expo = exposure_by(queries.exposures(store, kind=kind, periods=[period],
                                             segment=Segment()))
        if expo.get((0, None), 0) > 0:
            return kind
    return None


def _supply(store: Store, period: Period, taxonomy: Taxonomy) -> tuple[dict[str, CardSupply],
                                                                      str | None]:
    res = gap(store, period=period, n=1_000_000, min_count=1, taxonomy=taxonomy)
    if res.exposure.get("profiles", 0) == 0:
        return {}, f"No talent profiles in {period.label}: supply unknown."
    if res.exposure.get("postings", 0) + res.exposure.get("searches", 0) == 0:
        return {}, f"No job posts or searches in {period.label}: demand unknown."
    return {
        r.skill_id: CardSupply(res.period, r.demand_count, r.demand_share, r.supply_count,
                               r.supply_share, r.ratio, r.ratio_low, r.ratio_high)
        for r in res.rows
    }, None


def build_cards(
    store: Store,
    lists: Sequence[RankedList],
    *,
    period: Period,
    months: tuple[Period, Period] | None,
    taxonomy: Taxonomy,
) -> tuple[SkillCard, ...]:
    """One card per distinct skill of ``lists``, in the order skills first appear.

    ``months``: first and last period whose months make the trend; co-occurrence and supply
    against demand over ``period``.
    """
    where: dict[str, list[str]] = {}
    for lst in lists:
        for row in lst.rows:
            where.setdefault(row.skill_id, [])
            if lst.id not in where[row.skill_id]:
                where[row.skill_id].append(lst.id)
    ids = list(where)
    if not ids:
        return ()
    month_list = [] if months is None else enumerate_periods("month", months[0].start,
                                                             months[1].end)
    trends = _trend(store, ids, month_list)
    kind = _related_kind(store, period)
    supply, supply_note = _supply(store, period, taxonomy)
    related = {} if kind is None else _cooccurring(store, kind, period, ids, taxonomy)
    cards = []
    for skill in ids:
        description, roles, category = skill_info(taxonomy, skill)
        co = related.get(skill, ())
        notes = []
        if skill not in supply:
            notes.append(supply_note or "Not named in job posts or searches of the period.")
        label = taxonomy.get(skill).label if skill in taxonomy else skill
        cards.append(SkillCard(
            skill_id=skill, label=label, description=description, roles=roles,
            category=category, lists=tuple(where[skill]), trend=tuple(trends[skill]),
            related_kind=kind, related=co, supply=supply.get(skill), notes=tuple(notes),
        ))
    return tuple(cards)


__all__ = ["build_cards", "skill_info"]
