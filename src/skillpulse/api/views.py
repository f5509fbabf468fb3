"""Other shapes of a result the API can send: CSV rows, and the report's Vega-Lite chart.

The charts are the report's own (:mod:`skillpulse.report.charts`): a ranked result is put in
the report's record (``RankedList``, ``MonthlyShare``, ``SupplyDemand``) and handed to the
same builder, so the dashboard and the report draw a list the same way.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from skillpulse.errors import SkillpulseError


# -- CSV ----------------------------------------------------------------------------------
def table_rows(name: str, data: Any) -> list[dict[str, Any]]:
    """The rows of an endpoint's JSON body, flat (one dict per CSV line)."""
    if isinstance(data, list):
        return list(data)
    if name == "growth":
        return ([{"list": "rows", **r} for r in data["rows"]]
                + [{"list": "breakouts", **r} for r in data["breakouts"]])
    if name == "status":
        return [{"kind": k, **{f: v for f, v in d.items() if not isinstance(v, dict | list)}}
                for k, d in data["kinds"].items()]
    if name == "card":
        return [{"kind": kind, **r} for kind, res in data["trend"].items()
                for r in res["rows"]]
    if name == "survey_questions":
        return [{"question": q["question"], "multi": q["multi"],
                 "respondents": q["respondents"], "answer": a["answer"],
                 "answer_respondents": a["respondents"]}
                for q in data["questions"] for a in q["answers"]]
    if name == "survey_share":
        rows = [{"segment": None, **r} for r in data["rows"]]
        for seg in data.get("segments") or []:
            rows.extend({"segment": seg["segment"], **r} for r in seg["rows"])
        return rows
    if name == "segments":
        return [{"field": f, **v} for f, values in data["fields"].items() for v in values]
    for key in ("rows", "hits", "categories", "surveys", "mentions", "candidates"):
        if isinstance(data.get(key), list):
            return list(data[key])
    raise SkillpulseError(f"{name} has no table to write as CSV: ask for JSON")


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    columns: list[str] = []
    for r in rows:
        columns.extend(k for k in r if k not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(r.get(k)) for k in columns})
    return out.getvalue()


# -- charts -------------------------------------------------------------------------------
_NO_GROWTH: dict[str, Any] = {
    k: None for k in ("base_count", "current_count", "base_share", "current_share",
                      "rate_ratio", "ratio_low", "ratio_high", "pct_change", "pct_low",
                      "pct_high")}


def _pct(ratio: float | None) -> float | None:
    return None if ratio is None else (ratio - 1.0) * 100.0


def chart_spec(name: str, result: Any) -> dict[str, Any]:
    """The report's Vega-Lite spec for a ``top``, ``growth``, ``share`` (by month), ``gap``
    or skill card result."""
    from skillpulse.report.charts import list_chart, monthly_chart, supply_demand_chart
    from skillpulse.report.model import ListRow, MonthlyShare, RankedList, SupplyDemand

    if name == "top":
        rows = tuple(ListRow(rank=r.rank, skill_id=r.skill_id, label=r.label, count=r.count,
                             share=r.share, share_low=r.share_low, share_high=r.share_high,
                             new=False, **_NO_GROWTH) for r in result.rows)
        lst = RankedList(id="top", title=f"Top skills in {result.kind}, {result.period}",
                         kind=result.kind, method="top", period=result.period, base=None,
                         current=None, exposure=result.exposure, base_exposure=None, rows=rows)
        return dict(list_chart(lst).to_dict())
    if name == "growth":
        chosen = [*result.rows, *result.breakouts]
        rows = tuple(ListRow(
            rank=i + 1, skill_id=r.skill_id, label=r.label, count=r.current_count,
            share=r.current_share, share_low=float("nan"), share_high=float("nan"),
            base_count=r.base_count, current_count=r.current_count, base_share=r.base_share,
            current_share=r.current_share, rate_ratio=r.rate_ratio, ratio_low=r.ratio_low,
            ratio_high=r.ratio_high, pct_change=r.pct_change, pct_low=_pct(r.ratio_low),
            pct_high=_pct(r.ratio_high), new=r.breakout) for i, r in enumerate(chosen))
        lst = RankedList(id="growth", title=f"Growth in {result.kind}, {result.base} to "
                                            f"{result.current}", kind=result.kind,
                         method="growth", period=None, base=result.base,
                         current=result.current, exposure=result.current_exposure,
                         base_exposure=result.base_exposure, rows=rows)
        return dict(list_chart(lst).to_dict())
    if name in ("share", "card"):
        if name == "share":
            shares = {result.kind: result}
            category = result.category
        else:
            shares = {k: v for k, v in result.trend.items() if k in ("postings", "searches")}
            category = result.concept["label"]
        monthly: list[dict[str, Any]] = []
        for kind, res in shares.items():
            if res.grain != "month":
                raise SkillpulseError("the chart draws monthly shares: use by=month")
            if res.segment:
                raise SkillpulseError("the chart draws one line per kind: leave segment out")
            monthly.extend({"kind": kind, **r} for r in res.to_dict()["rows"])
        return dict(monthly_chart(MonthlyShare(category, tuple(monthly))).to_dict())
    if name == "gap":
        data = result.to_dict()
        sd = SupplyDemand(period=result.period, previous=result.previous,
                          category=result.category, exposure={}, rows=tuple(data["rows"]))
        return dict(supply_demand_chart(sd).to_dict())
    raise SkillpulseError(f"{name} has no chart: ask for JSON or CSV")
