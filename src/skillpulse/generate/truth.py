"""The truth of a generated marketplace, counted from the documents actually written.

Counts are distinct documents of a kind that plant a skill, per period; exposures are all
valid documents of the kind in the period (duplicates and malformed rows excluded). Profiles
count each freelancer once per period with its latest snapshot in the period. The four
ranked lists are computed from these counts the way the engine ranks: top by count (ties by
skill ID), growth by the lower bound of the exact conditional 95% interval of the rate ratio,
with a minimum count on the current period.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from scipy import stats

from skillpulse.generate import plan
from skillpulse.generate.events import Docs, month_of
from skillpulse.generate.vocab import BY_ID, SKILLS
from skillpulse.store.kinds import KIND_NAMES

#: The engine's growth ranking: minimum count in the current period.
MIN_COUNT = 20
CONFIDENCE = 0.95


def period_labels(month: int) -> list[str]:
    """The month, quarter and half labels a month index belongs to."""
    label = plan.month_label(month)
    year, mon = int(label[:4]), int(label[5:])
    return [label, f"{year}Q{(mon - 1) // 3 + 1}", f"{year}H{(mon - 1) // 6 + 1}"]


def count_kind(docs: Docs, months: list[int]) -> dict[str, dict[str, Any]]:
    """``{period: {"exposure": N, "genai": N, "counts": {skill: N}}}`` for one kind."""
    secs = np.array(docs.seconds, dtype=np.int64)
    mon = month_of(secs, months) if len(secs) else np.zeros(0, np.int64)
    out: dict[str, dict[str, Any]] = {}

    def bucket(label: str) -> dict[str, Any]:
        return out.setdefault(label, {"exposure": 0, "genai": 0, "counts": defaultdict(int)})

    if docs.kind != "profiles":
        for m, skills in zip(mon.tolist(), docs.skills, strict=True):
            for label in period_labels(m):
                b = bucket(label)
                b["exposure"] += 1
                if skills:
                    b["genai"] += 1
                for s in skills:
                    b["counts"][s] += 1
    else:
        latest: dict[tuple[str, str], tuple[int, int]] = {}
        for i, (m, row) in enumerate(zip(mon.tolist(), docs.rows, strict=True)):
            for label in period_labels(m):
                key = (label, row["freelancer_id"])
                if key not in latest or docs.seconds[i] >= latest[key][0]:
                    latest[key] = (docs.seconds[i], i)
        for (label, _), (_, i) in sorted(latest.items()):
            b = bucket(label)
            b["exposure"] += 1
            if docs.skills[i]:
                b["genai"] += 1
            for s in docs.skills[i]:
                b["counts"][s] += 1
    for b in out.values():
        b["counts"] = {s.skill_id: int(b["counts"].get(s.skill_id, 0)) for s in SKILLS}
    return dict(sorted(out.items()))


def growth_lower_bound(c1: int, e1: int, c2: int, e2: int) -> float:
    """Lower bound of the exact conditional interval of ``(c2/e2) / (c1/e1)``."""
    if c2 == 0:
        return 0.0
    p = float(stats.beta.ppf((1 - CONFIDENCE) / 2, c2, c1 + 1))
    return e1 / e2 * p / (1 - p)


def top_list(period: dict[str, Any], n: int = 10) -> list[dict[str, Any]]:
    counts = period["counts"]
    ranked = sorted((s for s in counts if counts[s] > 0), key=lambda s: (-counts[s], s))
    return [
        {"skill_id": s, "label": BY_ID[s].label, "count": counts[s],
         "share": counts[s] / period["exposure"]}
        for s in ranked[:n]
    ]  # fmt: skip


def growth_list(base: dict[str, Any], current: dict[str, Any], n: int = 10) -> list[dict[str, Any]]:
    rows = []
    e1, e2 = base["exposure"], current["exposure"]
    for s in current["counts"]:
        c1, c2 = base["counts"][s], current["counts"][s]
        if c2 < MIN_COUNT or c1 == 0:
            continue
        rows.append(
            {"skill_id": s, "label": BY_ID[s].label, "base_count": c1, "current_count": c2,
             "rate_ratio": (c2 / e2) / (c1 / e1), "ratio_low": growth_lower_bound(c1, e1, c2, e2)}
        )  # fmt: skip
    rows.sort(key=lambda r: (-r["ratio_low"], r["skill_id"]))
    return rows[:n]


LISTS = {
    "top_genai_searches_by_clients_H1_2023": ("searches", "top", "2023H1", None),
    "fastest_growing_genai_searches_Q2_vs_Q1_2023": ("searches", "growth", "2023Q1", "2023Q2"),
    "top_genai_projects_hired_H1_2023": ("hires", "top", "2023H1", None),
    "fastest_growing_genai_skills_on_talent_profiles_Q2_vs_Q1_2023": (
        "profiles", "growth", "2023Q1", "2023Q2"),
}  # fmt: skip


def expected_lists(periods: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """The four published lists, computed from the truth counts (absent when out of range)."""
    out: dict[str, Any] = {}
    for name, (kind, how, p1, p2) in LISTS.items():
        kp = periods[kind]
        if p1 not in kp or (p2 is not None and p2 not in kp):
            continue
        rows = top_list(kp[p1]) if how == "top" else growth_list(kp[p1], kp[str(p2)])
        out[name] = {"kind": kind, "method": how, "period": p1 if how == "top" else None,
                     "base": p1 if how == "growth" else None, "current": p2, "rows": rows}  # fmt: skip
    return out


def headline(periods: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Gen-AI documents 2022Q4 -> 2023Q2 for postings and searches (count and share)."""
    out: dict[str, Any] = {}
    for kind in KIND_NAMES:
        kp = periods[kind]
        if "2022Q4" not in kp or "2023Q2" not in kp:
            continue
        b, c = kp["2022Q4"], kp["2023Q2"]
        out[kind] = {
            "base": "2022Q4", "current": "2023Q2",
            "base_genai": b["genai"], "current_genai": c["genai"],
            "base_exposure": b["exposure"], "current_exposure": c["exposure"],
            "count_ratio": c["genai"] / b["genai"] if b["genai"] else None,
            "share_ratio": (c["genai"] / c["exposure"]) / (b["genai"] / b["exposure"])
            if b["genai"] else None,
        }  # fmt: skip
    return out


def segments(postings: Docs, months: list[int]) -> dict[str, Any]:
    """Gen-AI postings by company size and quarter: exposure, gen-AI count, share."""
    secs = np.array(postings.seconds, dtype=np.int64)
    mon = month_of(secs, months)
    acc: dict[str, dict[str, list[int]]] = {}
    for m, row, skills in zip(mon.tolist(), postings.rows, postings.skills, strict=True):
        q = period_labels(m)[1]
        cell = acc.setdefault(row["company_size"], {}).setdefault(q, [0, 0])
        cell[0] += 1
        cell[1] += bool(skills)
    return {
        size: {q: {"exposure": e, "genai": g, "share": g / e if e else None}
               for q, (e, g) in sorted(by_q.items())}
        for size, by_q in sorted(acc.items())
    }  # fmt: skip
