"""The report's segment section (``--segment FIELD``): per segment of a field (a column or a
key of ``extra``), the category's share of job posts and of projects hired for, with Wilson
intervals, a chi-square test that the share is the same in every segment and each segment
against the rest (two-proportion z-tests, Holm-adjusted): the survey module's statistics.
Each segment's top skills beside."""

from __future__ import annotations

import logging
from typing import Any

from skillpulse.analytics import docskills, queries, top_skills
from skillpulse.analytics.periods import Period
from skillpulse.analytics.queries import Segment
from skillpulse.analytics.scope import category_skills, exposure_by
from skillpulse.analytics.stats import CONFIDENCE, wilson_interval
from skillpulse.errors import AnalyticsError
from skillpulse.report.model import NO_DATA, SegmentKind, SegmentRow, SegmentSection
from skillpulse.report.text import category_name, fmt_int, kind_noun, period_name
from skillpulse.store.base import Store
from skillpulse.survey.stats import chi_square_independence, holm_adjust, two_proportion_z
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

KINDS = ("postings", "hires")
#: Segments with fewer documents are shown but left out of the tests.
MIN_BASE = 30
#: Segments shown per kind (the largest); the others are counted in ``omitted``.
MAX_SEGMENTS = 12
TOP_N = 3
MISSING = "(missing)"


def _name(seg: Any) -> str:
    return MISSING if seg is None or str(seg) == "" else str(seg)


def _kind(store: Store, kind: str, field: str, period: Period, category: str | None,
          taxonomy: Taxonomy) -> SegmentKind:
    seg = Segment.of(None, field)
    noun = kind_noun(kind)
    try:
        expo = exposure_by(queries.exposures(store, kind=kind, periods=[period], segment=seg))
    except AnalyticsError as exc:
        return SegmentKind(kind, period.label, (), None, None, None, status=NO_DATA,
                           note=f"{noun.capitalize()}: {exc}.")
    if not any(expo.values()):
        return SegmentKind(kind, period.label, (), None, None, None, status=NO_DATA,
                           note=f"No {noun} in {period_name(period.label)}.")
    if all(_name(s) == MISSING for (_, s) in expo):
        return SegmentKind(kind, period.label, (), None, None, None, status=NO_DATA,
                           note=f"{field} is not recorded for any of the {noun} of "
                                f"{period_name(period.label)}.")
    hits: dict[tuple[int, Any], int] = {}
    skills = category_skills(taxonomy, category)
    if skills is not None:
        hits = exposure_by(queries.category_doc_counts(
            store, kind=kind, periods=[period], segment=seg,
            version=queries.taxonomy_version(store, kind), skills=skills,
            cache=docskills.prepare(store)))
    top = top_skills(store, kind=kind, period=period, category=category, n=TOP_N,
                     taxonomy=taxonomy, by=field)
    tops: dict[str, list[tuple[str, int]]] = {}
    for r in top.rows:
        tops.setdefault(_name(r.segment), []).append((r.label, r.count))
    order = sorted(((_name(s), n, hits.get((0, s), 0)) for (_, s), n in expo.items()),
                   key=lambda t: (-t[1], t[0]))
    shown, omitted = order[:MAX_SEGMENTS], max(len(order) - MAX_SEGMENTS, 0)
    tested = [t for t in order if t[1] >= MIN_BASE and t[0] != MISSING]
    stat = df = p = None
    p_holm: dict[str, float] = {}
    if skills is not None and len(tested) >= 2:
        stat, df, p = chi_square_independence([t[2] for t in tested], [t[1] for t in tested])
        total_x, total_n = sum(t[2] for t in tested), sum(t[1] for t in tested)
        raw = [two_proportion_z(t[2] / t[1], t[1], (total_x - t[2]) / (total_n - t[1]),
                                total_n - t[1])[1] for t in tested]
        p_holm = dict(zip([t[0] for t in tested], holm_adjust(raw), strict=True))
    rows = []
    for name, n, x in shown:
        share = low = high = None
        if skills is not None:
            s, lo, hi = wilson_interval(x, n, CONFIDENCE)
            share, low, high = float(s), float(lo), float(hi)
        rows.append(SegmentRow(name, x, n, share, low, high, tuple(tops.get(name, ())),
                               p_holm.get(name), name in p_holm))
    return SegmentKind(kind, period.label, tuple(rows), stat, df, p, omitted,
                       sentence=_sentence(kind, field, category, rows, p, len(tested)))


def _sentence(kind: str, field: str, category: str | None, rows: list[SegmentRow],
              p: float | None, tested: int) -> str:
    noun = kind_noun(kind)
    cat = category_name(category)
    if category is None:
        return f"Top skills in {noun} by {field}."
    if p is None:
        return (f"Too few segments of {field} with {MIN_BASE} {noun} or more ({tested}) to "
                f"test whether the {cat} share differs.")
    if p >= 0.05:
        return (f"The {cat} share of {noun} does not differ clearly across {field} "
                f"(chi-square p = {p:.2g}, {tested} segments).")
    clear = [r for r in rows if r.p_holm is not None and r.p_holm < 0.05
             and r.share is not None]
    hi = max(clear, key=lambda r: r.share or 0.0, default=None)
    lead = (f"; {hi.segment} leads ({fmt_int(hi.count)} of {fmt_int(hi.exposure)})"
            if hi is not None and hi.share == max(r.share or 0.0 for r in rows
                                                   if r.tested) else "")
    return (f"The {cat} share of {noun} differs across {field} (chi-square p = {p:.2g}, "
            f"{tested} segments){lead}.")


def build_segments(store: Store, field: str, *, period: Period, category: str | None,
                   taxonomy: Taxonomy) -> SegmentSection:
    return SegmentSection(field, category, MIN_BASE, tuple(
        _kind(store, kind, field, period, category, taxonomy) for kind in KINDS))


__all__ = ["build_segments"]
