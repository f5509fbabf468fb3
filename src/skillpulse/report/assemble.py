"""``build_report``: every figure of the report, computed from the store with the analytics
and survey libraries. A section whose data is missing (no searches, no hires, no category)
says so (``status: no_data`` and a ``note``) instead of failing.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from skillpulse.analytics import gap, growth, share_of_activity, top_skills
from skillpulse.analytics.gap import MIN_DEMAND
from skillpulse.analytics.growth import BREAKOUT_FLOOR
from skillpulse.analytics.growth import MIN_COUNT as GROWTH_MIN_COUNT
from skillpulse.analytics.periods import GRAINS, Period
from skillpulse.analytics.results import GrowthRow
from skillpulse.analytics.stats import CONFIDENCE, wilson_interval
from skillpulse.errors import AnalyticsError, SkillpulseError
from skillpulse.report.cards import build_cards, skill_info
from skillpulse.report.methods import definitions
from skillpulse.report.model import (
    NO_DATA,
    CountFigure,
    Headline,
    ListRow,
    Methods,
    MonthlyShare,
    RankedList,
    Report,
    ShareFigure,
    SupplyDemand,
    SurveyEstimate,
    SurveyQuestionSpec,
    SurveySection,
    TopSkill,
    TopSkills,
)
from skillpulse.report.periods import resolve_periods
from skillpulse.report.provenance import build_provenance
from skillpulse.report.text import (
    capital,
    category_name,
    kind_noun,
    period_name,
    title_for,
)
from skillpulse.report.wording import NEW, demand_sentence, summary_sentences, verdict
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListSpec:
    id: str
    kind: str
    method: str
    title: str


#: The report's ranked lists, in order: the four published lists, then job posts.
LISTS: tuple[ListSpec, ...] = (
    ListSpec("top_searches", "searches", "top", "Top {cat} searches by clients, {period}"),
    ListSpec("growing_searches", "searches", "growth",
             "Fastest-growing {cat} searches, {current} vs {base}"),
    ListSpec("top_hires", "hires", "top", "Top {cat} projects hired for, {period}"),
    ListSpec("growing_profile_skills", "profiles", "growth",
             "Fastest-growing {cat} skills on talent profiles, {current} vs {base}"),
    ListSpec("top_postings", "postings", "top", "Top {cat} skills in job posts, {period}"),
    ListSpec("growing_postings", "postings", "growth",
             "Fastest-growing {cat} skills in job posts, {current} vs {base}"),
    ListSpec("new_searches", "searches", "new",
             "New {cat} searches in {current}, from fewer than {floor} in {base}"),
    ListSpec("new_profile_skills", "profiles", "new",
             "New {cat} skills on talent profiles in {current}, from fewer than {floor} in "
             "{base}"),
    ListSpec("new_postings", "postings", "new",
             "New {cat} skills in job posts in {current}, from fewer than {floor} in {base}"),
)
#: Which top list the "Top 10 skills" section follows, first with rows (the article's top
#: ten are the projects hired for).
TOP_BASIS = ("top_hires", "top_postings", "top_searches")

_ALL = 1_000_000


def _pct(ratio: float | None) -> float | None:
    return None if ratio is None else (ratio - 1.0) * 100.0


def _growth_map(rows: Sequence[GrowthRow]) -> dict[str, GrowthRow]:
    return {r.skill_id: r for r in rows}


def _row_growth(g: GrowthRow | None, floor: int, min_count: int = 1) -> dict[str, Any]:
    if g is None:
        return {k: None for k in ("base_count", "current_count", "base_share", "current_share",
                                  "rate_ratio", "ratio_low", "ratio_high", "pct_change",
                                  "pct_low", "pct_high", "change")} | {"new": False}
    change = verdict(base_count=g.base_count, current_count=g.current_count,
                     ratio_low=g.ratio_low, ratio_high=g.ratio_high, floor=floor,
                     min_count=min_count)
    return {
        "base_count": g.base_count, "current_count": g.current_count,
        "base_share": g.base_share, "current_share": g.current_share,
        "rate_ratio": g.rate_ratio, "ratio_low": g.ratio_low, "ratio_high": g.ratio_high,
        "pct_change": g.pct_change, "pct_low": _pct(g.ratio_low), "pct_high": _pct(g.ratio_high),
        "new": change == NEW, "change": change,
    }


class _Builder:
    def __init__(self, store: Store, *, period: Period, base: Period | None,
                 current: Period | None, surge_base: Period | None, category: str | None,
                 taxonomy: Taxonomy, n: int, min_count: int) -> None:
        self.store = store
        self.period, self.base, self.current, self.surge_base = period, base, current, surge_base
        self.category = category
        self.taxonomy = taxonomy
        self.n = n
        self.min_count = min_count
        self.cat = category_name(category)
        self._growth: dict[tuple[str, int], Any] = {}

    @property
    def two_periods(self) -> bool:
        return self.base is not None and self.current is not None

    def growth_of(self, kind: str, min_count: int) -> Any:
        key = (kind, min_count)
        if self.base is None or self.current is None:
            raise AnalyticsError("growth needs a base and a current period")
        if key not in self._growth:
            self._growth[key] = growth(
                self.store, kind=kind, base=self.base, current=self.current,
                category=self.category, n=_ALL, min_count=min_count, taxonomy=self.taxonomy,
            )
        return self._growth[key]

    def title(self, spec: ListSpec) -> str:
        text = spec.title.format(
            cat=self.cat, period=period_name(self.period.label),
            base=period_name(self.base.label if self.base else None),
            current=period_name(self.current.label if self.current else None),
            floor=BREAKOUT_FLOOR)
        if not self.two_periods and spec.method != "top":
            text = text.split(",")[0].replace(" in ", " ").strip()
        return capital(" ".join(text.split()))

    # -- ranked lists ---------------------------------------------------------------------
    def ranked_list(self, spec: ListSpec) -> RankedList:
        if spec.method == "top":
            return self._top(spec)
        return self._growth_list(spec)

    def _empty(self, spec: ListSpec, note: str, exposure: int = 0,
               base_exposure: int | None = None) -> RankedList:
        top = spec.method == "top"
        return RankedList(
            id=spec.id, title=self.title(spec), kind=spec.kind, method=spec.method,
            period=self.period.label if top else None,
            base=None if top or self.base is None else self.base.label,
            current=None if top or self.current is None else self.current.label,
            exposure=exposure, base_exposure=base_exposure, rows=(), status=NO_DATA, note=note,
        )

    def _top(self, spec: ListSpec) -> RankedList:
        noun = kind_noun(spec.kind)
        res = top_skills(self.store, kind=spec.kind, period=self.period, category=self.category,
                         n=self.n, taxonomy=self.taxonomy)
        if res.exposure == 0:
            return self._empty(spec, f"No {noun} in {period_name(self.period.label)}.")
        if not res.rows:
            what = f"{self.cat} skill" if self.cat else "skill"
            return self._empty(spec, f"No {what} found in {noun} of "
                                     f"{period_name(self.period.label)}.", res.exposure)
        grown = _growth_map(self._all_growth_rows(spec.kind)) if self.two_periods else {}
        rows = tuple(
            ListRow(rank=r.rank, skill_id=r.skill_id, label=r.label, count=r.count,
                    share=r.share, share_low=r.share_low, share_high=r.share_high,
                    **_row_growth(grown.get(r.skill_id), BREAKOUT_FLOOR, self.min_count),
                    **self.info(r.skill_id))
            for r in res.rows
        )
        return RankedList(
            id=spec.id, title=self.title(spec), kind=spec.kind, method="top",
            period=self.period.label, base=None, current=None, exposure=res.exposure,
            base_exposure=None, rows=rows,
        )

    def _all_growth_rows(self, kind: str) -> tuple[GrowthRow, ...]:
        g = self.growth_of(kind, 0)
        return (*g.rows, *g.breakouts)

    def info(self, skill_id: str) -> dict[str, Any]:
        description, roles, _ = skill_info(self.taxonomy, skill_id)
        return {"description": description, "roles": roles}

    def counts(self, kind: str) -> tuple[dict[str, ListRow], int]:
        """Every skill's figures in ``kind`` over the period (with growth), for the "Top 10
        skills" section."""
        res = top_skills(self.store, kind=kind, period=self.period, category=self.category,
                         n=_ALL, taxonomy=self.taxonomy)
        grown = _growth_map(self._all_growth_rows(kind)) if self.two_periods else {}
        return {r.skill_id: ListRow(
            rank=r.rank, skill_id=r.skill_id, label=r.label, count=r.count, share=r.share,
            share_low=r.share_low, share_high=r.share_high,
            **_row_growth(grown.get(r.skill_id), BREAKOUT_FLOOR, self.min_count),
            **self.info(r.skill_id))
            for r in res.rows}, res.exposure

    def _growth_list(self, spec: ListSpec) -> RankedList:
        noun = kind_noun(spec.kind)
        if self.base is None or self.current is None:
            return self._empty(spec, f"Growth needs two periods: the store holds data of "
                                     f"{period_name(self.period.label)} only.")
        g = self.growth_of(spec.kind, self.min_count)
        if g.current_exposure == 0:
            return self._empty(spec, f"No {noun} in {period_name(self.current.label)}.",
                               0, g.base_exposure)
        if g.base_exposure == 0:
            return self._empty(spec, f"No {noun} in {period_name(self.base.label)}: growth "
                                     "needs documents in both periods.", g.current_exposure, 0)
        if spec.method == "new":
            # Breakouts: their own list, by current count (never "fastest-growing").
            candidates = list(g.breakouts)
            if not candidates:
                what = f"{self.cat} skill" if self.cat else "skill"
                return self._empty(
                    spec, f"No {what} with fewer than {BREAKOUT_FLOOR} {noun} in "
                          f"{period_name(self.base.label)} reached {self.min_count} in "
                          f"{period_name(self.current.label)}.", g.current_exposure,
                    g.base_exposure)
        else:
            candidates = [r for r in g.rows if math.isfinite(r.ratio_low)]
            if not candidates:
                what = f"{self.cat} skill" if self.cat else "skill"
                extra = (f" ({len(g.breakouts)} new, listed apart)" if g.breakouts else "")
                return self._empty(
                    spec, f"No {what} with {BREAKOUT_FLOOR} {noun} or more in "
                          f"{period_name(self.base.label)} reached {self.min_count} in "
                          f"{period_name(self.current.label)}{extra}.", g.current_exposure,
                    g.base_exposure)
            # ranked by the lower bound of the rate ratio's interval
            candidates.sort(key=lambda r: (-r.ratio_low, r.skill_id))
        chosen = candidates[: self.n]
        share, low, high = wilson_interval([r.current_count for r in chosen],
                                           [g.current_exposure] * len(chosen), CONFIDENCE)
        rows = tuple(
            ListRow(rank=i + 1, skill_id=r.skill_id, label=r.label, count=r.current_count,
                    share=float(share[i]), share_low=float(low[i]), share_high=float(high[i]),
                    **_row_growth(r, g.breakout_floor, self.min_count), **self.info(r.skill_id))
            for i, r in enumerate(chosen)
        )
        return RankedList(
            id=spec.id, title=self.title(spec), kind=spec.kind, method=spec.method, period=None,
            base=self.base.label, current=self.current.label, exposure=g.current_exposure,
            base_exposure=g.base_exposure, rows=rows,
        )

    # -- headline and monthly shares ------------------------------------------------------
    def shares(self) -> tuple[dict[str, ShareFigure | None], MonthlyShare, list[str]]:
        notes: list[str] = []
        figures: dict[str, ShareFigure | None] = {"postings": None, "searches": None}
        if self.category is None:
            note = "No category chosen: category shares need --category."
            return figures, MonthlyShare(None, (), NO_DATA, note), [note]
        start, end = self.months()
        monthly: list[dict[str, Any]] = []
        for kind in figures:
            res = share_of_activity(
                self.store, kind=kind, category=self.category, by="month", start=start,
                end=end, base=self.surge_base, current=self.current, taxonomy=self.taxonomy,
            )
            monthly.extend({"kind": kind, **r} for r in res.to_dict()["rows"])
            ch = res.change
            noun = kind_noun(kind)
            if ch is None or self.surge_base is None or self.current is None:
                continue
            if ch is None or ch.current_exposure == 0 or ch.base_exposure == 0:
                notes.append(f"No {noun} in {period_name(self.surge_base.label)} or "
                             f"{period_name(self.current.label)}: no change to report.")
                continue
            if ch.base_count + ch.current_count == 0:
                notes.append(f"No {self.cat} {noun} in {period_name(self.surge_base.label)} "
                             f"or {period_name(self.current.label)}.")
                continue
            figures[kind] = ShareFigure(
                kind=kind, base=ch.base, current=ch.current, base_count=ch.base_count,
                current_count=ch.current_count, base_exposure=ch.base_exposure,
                current_exposure=ch.current_exposure,
                base_share=ch.base_count / ch.base_exposure,
                current_share=ch.current_count / ch.current_exposure,
                share_ratio=ch.share_ratio, ratio_low=ch.ratio_low, ratio_high=ch.ratio_high,
                pct_change=ch.pct_change, pct_low=(ch.ratio_low - 1) * 100,
                pct_high=(ch.ratio_high - 1) * 100, count_pct_change=ch.count_pct_change,
            )
        has_data = any(r["exposure"] > 0 for r in monthly)
        return figures, MonthlyShare(
            self.category, tuple(monthly), "ok" if has_data else NO_DATA,
            None if has_data else "No postings or searches in the report's months.",
        ), notes

    def months(self) -> tuple[Period, Period]:
        """First and last period of the monthly series."""
        firsts = [p for p in (self.surge_base, self.base, self.period) if p is not None]
        lasts = [p for p in (self.current, self.period) if p is not None]
        return min(firsts, key=lambda p: p.start), max(lasts, key=lambda p: p.end)

    def category_share(self, kind: str) -> CountFigure | None:
        """The category's share of ``kind`` documents over the period."""
        if self.category is None:
            return None
        p = self.period
        res = share_of_activity(self.store, kind=kind, category=self.category,
                                by=p.grain if p.grain in GRAINS else "day", start=p, end=p,
                                taxonomy=self.taxonomy)
        count = sum(r.count for r in res.rows)
        exposure = sum(r.exposure for r in res.rows)
        if exposure == 0:
            return None
        share, low, high = wilson_interval(count, exposure, CONFIDENCE)
        return CountFigure(kind, p.label, count, exposure, float(share), float(low),
                           float(high))

    def projects(self) -> tuple[CountFigure | None, str | None]:
        if self.category is None:
            return None, None
        fig = self.category_share("hires")
        if fig is None:
            return None, f"No hires in {period_name(self.period.label)}: no projects to count."
        return fig, None

    def top_ten(self, lists: tuple[RankedList, ...]) -> TopSkills | None:
        """The article's "Top 10 skills": the first top list with rows, each skill with
        what it is, why it is in demand (its counts and growth in every kind) and roles."""
        by_id = {lst.id: lst for lst in lists}
        basis = next((by_id[i] for i in TOP_BASIS if by_id[i].rows), None)
        if basis is None:
            return None
        kinds = [k for k in ("searches", "postings", "hires") if
                 by_id[f"top_{k}"].exposure > 0]
        figures = {k: self.counts(k) for k in kinds}
        rows = []
        for r in basis.rows:
            parts = [(k, figures[k][0].get(r.skill_id), figures[k][1]) for k in kinds]
            rows.append(TopSkill(r.rank, r.skill_id, r.label, r.description, r.roles,
                                 demand_sentence(parts, floor=BREAKOUT_FLOOR)))
        cat = f"{self.cat} " if self.cat else ""
        return TopSkills(
            title=f"Top {len(rows)} {cat}skills, {period_name(self.period.label)}",
            basis=basis.id,
            intro=(f"Ranked by {kind_noun(basis.kind)} in {period_name(self.period.label)}; "
                   "why each is in demand, from its searches, job posts and hires"
                   + (f" and their change from {period_name(self.base.label)} to "
                      f"{period_name(self.current.label)}" if self.base and self.current
                      else "") + "."),
            rows=tuple(rows))

    # -- supply and demand ----------------------------------------------------------------
    def supply_demand(self) -> SupplyDemand:
        res = gap(self.store, period=self.period, category=self.category, n=self.n,
                  taxonomy=self.taxonomy)
        rows = tuple(r | self.info(r["skill_id"]) for r in res.to_dict()["rows"])
        note = None
        if res.exposure.get("profiles", 0) == 0:
            note = f"No talent profiles in {period_name(res.period)}: supply is unknown."
        elif res.exposure.get("postings", 0) + res.exposure.get("searches", 0) == 0:
            note = f"No job posts or searches in {period_name(res.period)}: demand is unknown."
        elif not rows:
            note = f"No skill reached {MIN_DEMAND} demand documents with a known supply."
        if note is not None:
            rows = ()
        return SupplyDemand(res.period, res.previous, self.category, dict(res.exposure), rows,
                            NO_DATA if note else "ok", note)


def _survey_section(store: Store, name: str, specs: Sequence[SurveyQuestionSpec | str],
                    by: str | None) -> SurveySection:
    from skillpulse.survey import survey_share
    from skillpulse.survey.questions import get_survey

    info = get_survey(store, name)
    estimates: list[SurveyEstimate] = []
    for item in specs:
        spec = SurveyQuestionSpec.parse(item) if isinstance(item, str) else item
        res = survey_share(store, name=name, question=spec.question,
                           answers=list(spec.answers) or None, by=by,
                           where={c: list(v) for c, v in spec.where} or None)
        estimates.append(SurveyEstimate(spec, spec.label(), res.to_dict()))
    note = None if estimates else "No survey question chosen (--survey-question)."
    return SurveySection(name, info.respondents, info.weighted, by, tuple(estimates),
                         "ok" if estimates else NO_DATA, note)


def build_report(
    store: Store,
    *,
    period: str | Period | None = None,
    base: str | Period | None = None,
    current: str | Period | None = None,
    surge_base: str | Period | None = None,
    category: str | None = "generative-ai",
    taxonomy: Taxonomy,
    survey: str | None = None,
    survey_questions: Sequence[SurveyQuestionSpec | str] = (),
    survey_by: str | None = None,
    segment: str | None = None,
    n: int = 10,
    min_count: int = GROWTH_MIN_COUNT,
    command: str | None = None,
) -> Report:
    """Assemble the report (see ``docs/report.md``).

    ``period``: the window of the top lists, the projects count, the cards and supply
    against demand; ``base`` -> ``current``: the growth lists and the breakouts;
    ``surge_base`` -> ``current``: the headline change of the category's share of postings
    and searches. With none of the four, they come from the data
    (:mod:`skillpulse.report.periods`): the latest complete quarter and the one before it;
    with one quarter of data only there is no growth (``base``, ``current`` and
    ``surge_base`` are ``None``, growth lists ``no_data``). ``category=None`` ranks all
    skills (no headline shares). ``survey`` adds a survey section with one estimate per
    ``survey_questions`` item (``QUESTION[=ANSWER[|ANSWER]][@COL=VALUE[|VALUE]]``), broken
    down by ``survey_by``. ``segment`` (a field of the events) adds the segment section.
    ``command`` is recorded in the provenance.
    """
    if n < 1 or min_count < 0:
        raise SkillpulseError("n must be at least 1 and min_count at least 0")
    if category is not None and not taxonomy.in_category(category):
        known = sorted({x.category for x in taxonomy if x.category})
        raise AnalyticsError(f"no skill in category {category!r}; known categories: "
                             f"{', '.join(known)}")
    chosen = resolve_periods(store, period=period, base=base, current=current,
                             surge_base=surge_base)
    p, b, c, s = chosen.period, chosen.base, chosen.current, chosen.surge_base
    builder = _Builder(store, period=p, base=b, current=c, surge_base=s, category=category,
                       taxonomy=taxonomy, n=n, min_count=min_count)
    figures, monthly, notes = builder.shares()
    projects, note = builder.projects()
    if note:
        notes.append(note)
    one_period = None
    if not builder.two_periods:
        one_period = (f"Growth needs two periods: the store holds data of "
                      f"{period_name(p.label)} only, so this report has no growth lists and "
                      "no change of share.")
        notes.append(one_period)
    shares = tuple(f for f in (builder.category_share("postings"),
                               builder.category_share("searches")) if f is not None)
    lists = tuple(builder.ranked_list(spec) for spec in LISTS)
    headline = Headline(category, figures["postings"], figures["searches"], projects,
                        tuple(notes), shares)
    summary = summary_sentences(
        category=category, surges=[f for f in figures.values() if f is not None],
        shares=shares, projects=projects, lists=lists, floor=BREAKOUT_FLOOR,
        one_period=one_period,
    )
    section = _survey_section(store, survey, survey_questions, survey_by) if survey else None
    version = builder.taxonomy.version
    cat = category_name(category)
    growth_words = (f", growth from {period_name(b.label)} to {period_name(c.label)}"
                    if b is not None and c is not None else "")
    surge_words = (f", the surge since {period_name(s.label)}."
                   if category and s is not None and s != b else ".")
    subtitle = (
        f"{capital(cat + ' d' if cat else 'D')}emand and supply from raw marketplace events: "
        f"top lists for {period_name(p.label)}{growth_words}{surge_words}"
    ).replace("  ", " ")
    cards = build_cards(store, lists, period=p, months=builder.months(), taxonomy=taxonomy)
    segments = None
    if segment:
        from skillpulse.report.segments import build_segments

        segments = build_segments(store, segment, period=p, category=category,
                                  taxonomy=taxonomy)
    log.info("report %s: %d lists with rows, %d cards", p.label,
             sum(1 for x in lists if x.rows), len(cards))
    return Report(
        title=title_for(category, p.label), subtitle=subtitle, period=p.label,
        base=None if b is None else b.label, current=None if c is None else c.label,
        surge_base=None if s is None else s.label, periods_from=chosen.source,
        category=category, n=n, summary=summary, headline=headline, lists=lists,
        monthly_share=monthly, supply_demand=builder.supply_demand(),
        methods=Methods(CONFIDENCE, min_count, BREAKOUT_FLOOR, MIN_DEMAND,
                        definitions(min_count=min_count)),
        provenance=build_provenance(store, taxonomy_version_used=version, command=command),
        survey=section, cards=cards, top_skills=builder.top_ten(lists), segments=segments,
    )


__all__ = ["LISTS", "ListSpec", "build_report"]
