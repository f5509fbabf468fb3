"""The report's charts, all with Altair (Vega-Lite): a bar chart per ranked list, the monthly
category share of postings and searches, supply against demand, and the survey estimates.

Each builder returns an ``alt.Chart`` (or layer) with its data inline; ``chart_specs`` gives
the Vega-Lite specs by chart ID for the HTML page (embedded) and the Markdown files (SVG via
vl-convert).
"""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from skillpulse.report.model import (
    MonthlyShare,
    RankedList,
    Report,
    SegmentKind,
    SkillCard,
    SupplyDemand,
    SurveySection,
)
from skillpulse.report.text import category_name, kind_noun, period_name

#: Palette: one accent for ranked bars, one for breakouts, one per kind in series.
ACCENT = "#2563eb"
NEW = "#f97316"
KIND_COLORS = {"Job posts": "#2563eb", "Searches": "#db2777"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
WIDTH = 440


def _config(chart: Any) -> Any:
    return chart.configure(font=FONT, background="white").configure_view(
        stroke=None
    ).configure_axis(
        labelFontSize=11, titleFontSize=11, titleFontWeight="normal", grid=True,
        gridColor="#eef0f3", domainColor="#c8ccd2", tickColor="#c8ccd2", labelLimit=220,
    ).configure_legend(labelFontSize=11, titleFontSize=11, orient="top")


def _finite(v: Any) -> bool:
    return isinstance(v, (int, float)) and math.isfinite(v)


#: growth bars by the wording rule: grew (interval above 1), no clear change, fell
STATUS_COLORS = {"grew": ACCENT, "no clear change": "#9ca3af", "fell": "#b91c1c"}


def _status(row: Any) -> str:
    return {"rise": "grew", "fall": "fell"}.get(row.change, "no clear change")


def list_chart(lst: RankedList) -> Any:
    """Top list: share of documents with its 95% interval. Growth list: rate ratio (log
    scale) with its interval; breakouts in another colour, marked ``new``."""
    noun = kind_noun(lst.kind)
    order = [r.label for r in lst.rows]
    if lst.method in ("top", "new"):
        df = pd.DataFrame([{"skill": r.label, "share": r.share, "low": r.share_low,
                            "high": r.share_high, "count": r.count} for r in lst.rows])
        y = alt.Y("skill:N", sort=order, title=None)
        base = alt.Chart(df).encode(y=y)
        bars = base.mark_bar(color=ACCENT, opacity=0.85, cornerRadiusEnd=2).encode(
            x=alt.X("share:Q", title=f"share of {noun} (95% CI)", axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("skill:N"), alt.Tooltip("count:Q", format=","),
                     alt.Tooltip("share:Q", format=".2%"), alt.Tooltip("low:Q", format=".2%"),
                     alt.Tooltip("high:Q", format=".2%")],
        )
        rules = base.mark_rule(color="#1f2937").encode(x="low:Q", x2="high:Q")
        chart = alt.layer(bars, rules)
    else:
        records = []
        for r in lst.rows:
            shown = r.rate_ratio if _finite(r.rate_ratio) else r.ratio_low
            high = r.ratio_high if _finite(r.ratio_high) else shown
            records.append({"skill": r.label, "ratio": shown, "one": 1.0, "low": r.ratio_low,
                            "high": high, "status": _status(r),
                            "base": r.base_count, "current": r.current_count})
        df = pd.DataFrame(records)
        y = alt.Y("skill:N", sort=order, title=None)
        base = alt.Chart(df).encode(y=y)
        color = alt.Color("status:N", scale=alt.Scale(domain=list(STATUS_COLORS),
                                                       range=list(STATUS_COLORS.values())),
                          legend=alt.Legend(title=None))
        # The list is ranked by the interval's lower bound: the bar runs from 1 to that
        # bound, so bars read in the list's order; the dot is the estimate.
        bars = base.mark_bar(opacity=0.85, cornerRadiusEnd=2).encode(
            x=alt.X("low:Q", scale=alt.Scale(type="log"),
                    title=f"growth of share of {noun}, × (bar: lower bound of the 95% CI, "
                          "dot: estimate; log scale)"),
            x2="one:Q",
            color=color,
            tooltip=[alt.Tooltip("skill:N"), alt.Tooltip("status:N"),
                     alt.Tooltip("base:Q", format=","), alt.Tooltip("current:Q", format=","),
                     alt.Tooltip("ratio:Q", format=".2f"), alt.Tooltip("low:Q", format=".2f"),
                     alt.Tooltip("high:Q", format=".2f")],
        )
        rules = base.mark_rule(color="#1f2937").encode(x="low:Q", x2="high:Q")
        dots = base.mark_point(filled=True, color="#1f2937", size=28).encode(x="ratio:Q")
        chart = alt.layer(bars, rules, dots)
    return _config(chart.properties(width=WIDTH, height=22 * max(len(lst.rows), 1),
                                    title=lst.title))


def monthly_chart(monthly: MonthlyShare) -> Any:
    names = {"postings": "Job posts", "searches": "Searches"}
    df = pd.DataFrame([
        {"month": f"{r['period']}-01", "kind": names.get(r["kind"], r["kind"]),
         "share": r["share"], "low": r["share_low"], "high": r["share_high"],
         "count": r["count"], "exposure": r["exposure"]}
        for r in monthly.rows if r["exposure"]
    ])
    present = [k for k in KIND_COLORS if len(df) and k in set(df["kind"])]
    color = alt.Color("kind:N", scale=alt.Scale(domain=present,
                                                range=[KIND_COLORS[k] for k in present]),
                      legend=alt.Legend(title=None))
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y", tickCount="month"))
    base = alt.Chart(df).encode(x=x, color=color)
    band = base.mark_area(opacity=0.15).encode(y="low:Q", y2="high:Q")
    line = base.mark_line(point=True, strokeWidth=2).encode(
        y=alt.Y("share:Q", title="share of documents (95% CI)", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("month:T", format="%B %Y"), alt.Tooltip("kind:N"),
                 alt.Tooltip("count:Q", format=","), alt.Tooltip("exposure:Q", format=","),
                 alt.Tooltip("share:Q", format=".2%")],
    )
    cat = category_name(monthly.category)
    title = f"Monthly share of job posts and searches mentioning a {cat} skill".replace("  ", " ")
    return _config(alt.layer(band, line).properties(width=2 * WIDTH - 80, height=260,
                                                    title=title))


def supply_demand_chart(sd: SupplyDemand) -> Any:
    df = pd.DataFrame([{"skill": r["label"], "ratio": r["ratio"], "one": 1.0,
                        "low": r["ratio_low"],
                        "high": r["ratio_high"] if _finite(r["ratio_high"]) else r["ratio"],
                        "demand": r["demand_share"], "supply": r["supply_share"]}
                       for r in sd.rows if _finite(r["ratio"])])
    order = list(df["skill"]) if len(df) else []
    base = alt.Chart(df).encode(y=alt.Y("skill:N", sort=order, title=None))
    # ranked by the ratio's lower bound: bars from 1 to that bound, the dot the estimate
    bars = base.mark_bar(color="#0d9488", opacity=0.85, cornerRadiusEnd=2).encode(
        x=alt.X("low:Q", scale=alt.Scale(type="log"),
                title="demand share / supply share (bar: lower bound of the 95% CI, dot: "
                      "estimate; log scale)"),
        x2="one:Q",
        tooltip=[alt.Tooltip("skill:N"), alt.Tooltip("demand:Q", format=".3%"),
                 alt.Tooltip("supply:Q", format=".3%"), alt.Tooltip("ratio:Q", format=".2f"),
                 alt.Tooltip("low:Q", format=".2f"), alt.Tooltip("high:Q", format=".2f")],
    )
    rules = base.mark_rule(color="#1f2937").encode(x="low:Q", x2="high:Q")
    dots = base.mark_point(filled=True, color="#1f2937", size=28).encode(x="ratio:Q")
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(
        color="#9ca3af", strokeDash=[4, 4]).encode(x="x:Q")
    return _config(alt.layer(bars, rules, dots, one).properties(
        width=WIDTH, height=22 * max(len(df), 1),
        title=f"Demand against supply, {period_name(sd.period)}"))


def _survey_rows(section: SurveySection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    overall: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    for est in section.estimates:
        res = est.result
        for row in res["rows"]:
            label = est.label if est.spec.answers else f"{est.label}: {row['answer']}"
            overall.append({"estimate": label, "share": row["share"], "low": row["share_low"],
                            "high": row["share_high"], "base": res["base"]})
            for seg in res.get("segments", []) or []:
                for srow in seg["rows"]:
                    if srow["answer"] != row["answer"]:
                        continue
                    segments.append({
                        "estimate": label, "segment": seg["segment"], "share": srow["share"],
                        "low": srow["share_low"], "high": srow["share_high"],
                        "base": seg["base"], "low_base": seg["low_base"],
                    })
    return overall, segments


def survey_chart(section: SurveySection) -> Any:
    overall, _ = _survey_rows(section)
    df = pd.DataFrame(overall)
    order = list(df["estimate"]) if len(df) else []
    base = alt.Chart(df).encode(y=alt.Y("estimate:N", sort=order, title=None,
                                        axis=alt.Axis(labelLimit=320)))
    bars = base.mark_bar(color="#7c3aed", opacity=0.85, cornerRadiusEnd=2).encode(
        x=alt.X("share:Q", title="share of respondents (95% CI)", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("estimate:N"), alt.Tooltip("base:Q", format=","),
                 alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("low:Q", format=".1%"),
                 alt.Tooltip("high:Q", format=".1%")],
    )
    rules = base.mark_rule(color="#1f2937").encode(x="low:Q", x2="high:Q")
    return _config(alt.layer(bars, rules).properties(
        width=WIDTH, height=26 * max(len(df), 1), title=f"Survey '{section.name}'"))


def survey_segment_chart(section: SurveySection) -> Any:
    _, segs = _survey_rows(section)
    df = pd.DataFrame(segs)
    estimates = list(dict.fromkeys(df["estimate"])) if len(df) else []
    base = alt.Chart().encode(y=alt.Y("segment:N", title=None, sort=None))
    bars = base.mark_bar(opacity=0.85, cornerRadiusEnd=2).encode(
        x=alt.X("share:Q", title="share of respondents (95% CI)", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("segment:N", legend=None, scale=alt.Scale(scheme="tableau10")),
        tooltip=[alt.Tooltip("segment:N"), alt.Tooltip("base:Q", format=","),
                 alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("low_base:N")],
    )
    rules = base.mark_rule(color="#1f2937").encode(x="low:Q", x2="high:Q")
    chart = alt.layer(bars, rules, data=df).properties(width=WIDTH - 80, height=70).facet(
        row=alt.Row("estimate:N", title=None, sort=estimates, header=alt.Header(labelAngle=0,
                                                                labelAlign="left",
                                                                labelOrient="top",
                                                                labelFontSize=12)),
    ).properties(title=f"By {section.by}")
    return _config(chart)


def card_chart(card: SkillCard) -> Any:
    """A card's monthly trend: the skill's share of each kind's documents per month."""
    names = {"postings": "Job posts", "searches": "Searches", "hires": "Hires"}
    df = pd.DataFrame([{"month": f"{p.period}-01", "kind": names.get(p.kind, p.kind),
                        "share": p.share, "count": p.count, "exposure": p.exposure}
                       for p in card.trend if p.exposure])
    colors = {**KIND_COLORS, "Hires": "#0d9488"}
    chart = alt.Chart(df).mark_line(point=True, strokeWidth=1.5).encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %y", tickCount=4,
                                                     labelFontSize=9)),
        y=alt.Y("share:Q", title=None, axis=alt.Axis(format="%", tickCount=3,
                                                     labelFontSize=9)),
        color=alt.Color("kind:N", scale=alt.Scale(domain=list(colors),
                                                  range=list(colors.values())),
                        legend=alt.Legend(title=None, orient="bottom", labelFontSize=9)),
        tooltip=[alt.Tooltip("month:T", format="%B %Y"), alt.Tooltip("kind:N"),
                 alt.Tooltip("count:Q", format=","), alt.Tooltip("exposure:Q", format=","),
                 alt.Tooltip("share:Q", format=".2%")],
    )
    return _config(chart.properties(width=250, height=70))


def segment_chart(kind: SegmentKind, field: str) -> Any:
    """The category's share of a kind's documents per segment, with its 95% interval."""
    df = pd.DataFrame([{"segment": r.segment, "share": r.share, "low": r.share_low,
                        "high": r.share_high, "documents": r.exposure}
                       for r in kind.rows if r.share is not None])
    order = list(df["segment"]) if len(df) else []
    base = alt.Chart(df).encode(y=alt.Y("segment:N", sort=order, title=None))
    bars = base.mark_bar(color="#7c3aed", opacity=0.85, cornerRadiusEnd=2).encode(
        x=alt.X("share:Q", title=f"share of {kind_noun(kind.kind)} (95% CI)",
                axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("segment:N"), alt.Tooltip("documents:Q", format=","),
                 alt.Tooltip("share:Q", format=".2%"), alt.Tooltip("low:Q", format=".2%"),
                 alt.Tooltip("high:Q", format=".2%")],
    )
    rules = base.mark_rule(color="#1f2937").encode(x="low:Q", x2="high:Q")
    return _config(alt.layer(bars, rules).properties(
        width=WIDTH, height=22 * max(len(df), 1), title=f"By {field}"))


def chart_specs(report: Report) -> dict[str, dict[str, Any]]:
    """Vega-Lite specs by chart ID, only for sections that have data."""
    specs: dict[str, Any] = {}
    if report.monthly_share.status == "ok" and report.monthly_share.rows:
        specs["monthly_share"] = monthly_chart(report.monthly_share)
    for lst in report.lists:
        if lst.rows:
            specs[f"list_{lst.id}"] = list_chart(lst)
    if report.supply_demand.rows:
        specs["supply_demand"] = supply_demand_chart(report.supply_demand)
    if report.segments is not None and report.category is not None:
        for k in report.segments.kinds:
            if any(r.share is not None for r in k.rows):
                specs[f"segments_{k.kind}"] = segment_chart(k, report.segments.field)
    for i, card in enumerate(report.cards):
        if any(p.exposure for p in card.trend):
            specs[f"card_{i + 1}"] = card_chart(card)
    if report.survey is not None and report.survey.estimates:
        specs["survey"] = survey_chart(report.survey)
        if report.survey.by and _survey_rows(report.survey)[1]:
            specs["survey_segments"] = survey_segment_chart(report.survey)
    return {k: v.to_dict() for k, v in specs.items()}


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes specs for, as vl-convert names it (``v5_20``)."""
    from altair.utils._importers import vl_version_for_vl_convert

    return str(vl_version_for_vl_convert())
