"""A synthetic survey of business leaders for the demo, with known true shares.

``write_survey(out_dir, seed=0, n=1400)`` writes ``survey.csv`` (one row per respondent) and
``survey_truth.json`` (the true shares the data were drawn from) and returns the CSV path.
The design reproduces the published figures of the Upwork Research Institute's 2023 survey
of 1,400 U.S. business leaders (``published/upwork_genai_2023.json``): 49% plan to hire more,
64% of the C-suite plan to hire more because of generative AI, 59% personally embrace it,
48% of CEOs plan to increase freelance hiring, and midsize companies lead adoption.

Design: quota sample (roles 50% hiring managers, 3/14 other C-suite, 6/35 CEOs, 4/35 other;
within each role 35% small, 35% midsize, 30% large companies, allocated by largest
remainder), then independent Bernoulli answers with the probabilities in ``_P`` below.
Weights (column ``weight``) are log-normal noise with mean 1, independent of the answers,
so weighted and unweighted estimates target the same truth.

Questions (columns):

- ``respondent_id`` (``R0001`` ...), ``role`` (hiring manager | c-suite | ceo | other),
  ``company_size`` (small | midsize | large), ``weight``.
- ``plans_to_hire_more`` (yes | no): plans to hire more independent and full-time talent;
  true share 0.49 in every role and size.
- ``hire_more_because_genai`` (yes | no): plans to hire more because of generative AI; 0.64
  for the C-suite (``c-suite`` and ``ceo``), 0.50 hiring managers, 0.40 other.
- ``embraces_genai`` (yes | no): personally embraces generative AI at work; small 0.52,
  midsize 0.68, large 17/30 (so 0.59 overall under the size quotas).
- ``ceo_increase_freelance`` (yes | no): asked of CEOs only (blank for everyone else):
  plans to increase freelance hiring next year; 0.48.
- ``genai_uses`` (multi-select, ``;``-separated): asked of those who embrace gen AI; each
  use chosen independently with the probabilities in ``GENAI_USES`` ("other" when none).
"""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

ROLES: tuple[tuple[str, float], ...] = (
    ("hiring manager", 0.5), ("c-suite", 3 / 14), ("ceo", 6 / 35), ("other", 4 / 35),
)
SIZES: tuple[tuple[str, float], ...] = (("small", 0.35), ("midsize", 0.35), ("large", 0.30))
HIRE_MORE = 0.49
GENAI_HIRE = {"hiring manager": 0.50, "c-suite": 0.64, "ceo": 0.64, "other": 0.40}
EMBRACE = {"small": 0.52, "midsize": 0.68, "large": 17 / 30}
CEO_FREELANCE = 0.48
GENAI_USES: tuple[tuple[str, float], ...] = (
    ("content creation", 0.55), ("data analysis", 0.45), ("coding", 0.40),
    ("customer service", 0.35), ("marketing", 0.30),
)
COLUMNS = ("respondent_id", "role", "company_size", "plans_to_hire_more",
           "hire_more_because_genai", "embraces_genai", "ceo_increase_freelance",
           "genai_uses", "weight")


def _allocate(n: int, shares: tuple[tuple[str, float], ...]) -> dict[str, int]:
    """Largest-remainder allocation of ``n`` over ``shares``."""
    raw = [(label, n * share) for label, share in shares]
    counts = {label: int(np.floor(x + 1e-9)) for label, x in raw}
    left = n - sum(counts.values())
    by_rest = sorted(raw, key=lambda item: -(item[1] - np.floor(item[1] + 1e-9)))
    for label, _x in by_rest[:left]:
        counts[label] += 1
    return counts


def _cells(n: int) -> dict[tuple[str, str], int]:
    cells = {}
    for role, role_n in _allocate(n, ROLES).items():
        for size, size_n in _allocate(role_n, SIZES).items():
            cells[(role, size)] = size_n
    return cells


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def survey_truth(*, n: int = 1400, seed: int = 0) -> dict[str, Any]:
    """The true shares of the synthetic survey of size ``n`` (expected under its design)."""
    cells = _cells(n)
    total = sum(cells.values())
    csuite = {k: v for k, v in cells.items() if k[0] in ("c-suite", "ceo")}
    embrace = sum(v * EMBRACE[s] for (_r, s), v in cells.items()) / total
    genai_hire = sum(v * GENAI_HIRE[r] for (r, _s), v in csuite.items()) / sum(csuite.values())
    p_none = float(np.prod([1 - p for _u, p in GENAI_USES]))
    figures = [
        {"key": "hiring_managers_plan_to_hire_more", "question": "plans_to_hire_more",
         "answer": "yes", "where": {"role": ["hiring manager"]}, "share": HIRE_MORE,
         "published_pct": 49},
        {"key": "c_suite_hire_more_because_genai", "question": "hire_more_because_genai",
         "answer": "yes", "where": {"role": ["c-suite", "ceo"]}, "share": round(genai_hire, 12),
         "published_pct": 64},
        {"key": "personally_embracing_genai", "question": "embraces_genai", "answer": "yes",
         "where": {}, "share": round(embrace, 12), "published_pct": 59},
        {"key": "ceos_increase_freelance_hiring", "question": "ceo_increase_freelance",
         "answer": "yes", "where": {}, "share": CEO_FREELANCE, "published_pct": 48,
         "note": "asked of CEOs only"},
    ]
    return {
        "n": total, "seed": seed,
        "about": "true shares of the synthetic survey (skillpulse.survey.synthetic); the "
                 "sample shares scatter around them within their margins of error",
        "cells": [{"role": r, "company_size": s, "respondents": v}
                  for (r, s), v in cells.items()],
        "figures": figures,
        "segments": [{"question": "embraces_genai", "answer": "yes", "by": "company_size",
                      "shares": dict(EMBRACE), "finding": "midsize companies lead adoption"}],
        "multi_select": {"genai_uses": {
            "asked_of": "embraces_genai = yes",
            "shares": {u: p for u, p in GENAI_USES} | {"other": p_none}}},
        "all_respondents": {"plans_to_hire_more": HIRE_MORE, "embraces_genai": embrace},
    }


def _rows(n: int, seed: int) -> list[dict[str, str]]:
    rng = np.random.default_rng(seed)
    rows: list[dict[str, str]] = []
    for (role, size), count in _cells(n).items():
        for _ in range(count):
            embraces = bool(rng.random() < EMBRACE[size])
            uses = ""
            if embraces:
                chosen = [u for u, p in GENAI_USES if rng.random() < p]
                uses = ";".join(chosen) if chosen else "other"
            rows.append({
                "role": role, "company_size": size,
                "plans_to_hire_more": _yes(bool(rng.random() < HIRE_MORE)),
                "hire_more_because_genai": _yes(bool(rng.random() < GENAI_HIRE[role])),
                "embraces_genai": _yes(embraces),
                "ceo_increase_freelance": (_yes(bool(rng.random() < CEO_FREELANCE))
                                           if role == "ceo" else ""),
                "genai_uses": uses,
                "weight": f"{float(np.exp(rng.normal(-0.045, 0.3))):.4f}",
            })
    order = rng.permutation(len(rows))
    out = []
    for i, j in enumerate(order, start=1):
        out.append({"respondent_id": f"R{i:04d}", **rows[int(j)]})
    return out


def write_survey(out_dir: Path, *, seed: int = 0, n: int = 1400) -> Path:
    """Write ``survey.csv`` and ``survey_truth.json`` into ``out_dir``; return the CSV path.

    Deterministic for a given ``seed`` and ``n``."""
    if n < 1:
        raise ValueError("the synthetic survey needs n >= 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "survey.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_rows(n, seed))
    truth = survey_truth(n=n, seed=seed)
    (out / "survey_truth.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    log.info("wrote synthetic survey of %d respondents to %s", n, path)
    return path
