"""Talent profiles: freelancers observed several times, adding gen-AI skills over time.

Each active freelancer is observed about once a quarter (sometimes twice). Gen-AI skills are
planted per calendar quarter as a share of the freelancers observed in it, counting each
freelancer once with its latest snapshot in the quarter (the rule the rankings use). Skills
only accumulate: a freelancer who listed a skill keeps it in later snapshots, so a quarter's
count is the carried-over holders plus new adopters chosen to reach the planted share exactly
(when the carried-over holders already exceed it, the count is what they give).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from skillpulse.generate import compose, plan
from skillpulse.generate import text_common as tc
from skillpulse.generate.events import Docs, iso, month_seconds, month_start_seconds
from skillpulse.generate.text_jobs import JOB_TYPES, PROFILE_TITLES
from skillpulse.generate.vocab import BY_ID

IntArray = npt.NDArray[np.int64]

#: Freelancers present at the start (scale 1.0) and joining per month.
INITIAL_FREELANCERS = 6_000
JOINS_PER_MONTH = 120
#: Chance an active freelancer is observed in a quarter, and of a second snapshot in it.
OBSERVE_P = 0.85
SECOND_P = 0.2
#: Share of freelancers whose specialty is AI (adopt gen-AI skills more readily).
AI_SPECIALTY_P = 0.12
NEVER = np.iinfo(np.int64).max


@dataclass
class Freelancers:
    ids: list[str]
    job: IntArray
    ai: npt.NDArray[np.bool_]
    title: list[str]
    tags: list[list[str]]
    country: list[str]
    join: IntArray


def _population(
    rng: np.random.Generator, r: random.Random, months: list[int], scale: float
) -> Freelancers:
    n0 = max(20, round(INITIAL_FREELANCERS * scale))
    joins = [max(0, round(JOINS_PER_MONTH * scale)) for _ in months[1:]]
    n = n0 + sum(joins)
    join = np.full(n, month_start_seconds(months[0]), dtype=np.int64)
    k = n0
    for m, cnt in zip(months[1:], joins, strict=True):
        join[k : k + cnt] = month_start_seconds(m) + rng.integers(0, month_seconds(m), size=cnt)
        k += cnt
    w = np.array([j.weight for j in JOB_TYPES])
    job = rng.choice(len(JOB_TYPES), size=n, p=w / w.sum()).astype(np.int64)
    ai = rng.random(n) < AI_SPECIALTY_P
    cp = np.array(tc.FREELANCER_COUNTRY_P)
    country = rng.choice(len(tc.FREELANCER_COUNTRIES), size=n, p=cp / cp.sum())
    titles: list[str] = []
    tags: list[list[str]] = []
    for i in range(n):
        jt = JOB_TYPES[int(job[i])]
        titles.append(r.choice(PROFILE_TITLES[jt.key]))
        tags.append(r.sample(jt.tags, min(len(jt.tags), r.randint(3, 7))))
    return Freelancers(
        [f"fl-{i + 1:06d}" for i in range(n)],
        job,
        ai,
        titles,
        tags,
        [tc.FREELANCER_COUNTRIES[c] for c in country],
        join,
    )


def _snapshots(
    rng: np.random.Generator, fl: Freelancers, months: list[int]
) -> tuple[IntArray, IntArray]:
    """(freelancer index, second) of every snapshot, sorted by time."""
    fs: list[IntArray] = []
    ss: list[IntArray] = []
    n = len(fl.ids)
    for q in sorted({plan.quarter_of(m) for m in months}):
        qm = [m for m in months if plan.quarter_of(m) == q]
        start, end = month_start_seconds(qm[0]), month_start_seconds(qm[-1] + 1)
        p = OBSERVE_P * len(qm) / 3.0
        for extra in (False, True):
            pick = rng.random(n) < (p if not extra else p * SECOND_P)
            pick &= fl.join < end
            idx = np.flatnonzero(pick)
            lo = np.maximum(fl.join[idx], start)
            sec = lo + (rng.random(len(idx)) * (end - lo)).astype(np.int64)
            fs.append(idx.astype(np.int64))
            ss.append(sec)
    f = np.concatenate(fs)
    s = np.concatenate(ss)
    order = np.lexsort((f, s))
    f, s = f[order], s[order]
    # one snapshot per freelancer and second (the id is freelancer@observed_at)
    keep = np.ones(len(f), dtype=bool)
    keep[1:] = ~((f[1:] == f[:-1]) & (s[1:] == s[:-1]))
    return f[keep], s[keep]


def _adopt(
    rng: np.random.Generator, fl: Freelancers, snap_f: IntArray, snap_s: IntArray, months: list[int]
) -> dict[str, IntArray]:
    """Adoption second of every planted skill for every freelancer (NEVER if not adopted)."""
    n = len(fl.ids)
    adopt = {p.skill: np.full(n, NEVER, dtype=np.int64) for p in plan.PROFILE_SKILLS}
    any_genai = np.zeros(n, dtype=bool)
    for q in sorted({plan.quarter_of(m) for m in months}):
        qm = [m for m in months if plan.quarter_of(m) == q]
        start, end = month_start_seconds(qm[0]), month_start_seconds(qm[-1] + 1)
        inq = (snap_s >= start) & (snap_s < end)
        qf, qs = snap_f[inq], snap_s[inq]
        latest = np.full(n, -1, dtype=np.int64)
        np.maximum.at(latest, qf, qs)
        observed = np.flatnonzero(latest >= 0)
        exposure = len(observed)
        for ps in plan.PROFILE_SKILLS:
            target = round(plan.profile_share(ps, q) * exposure / 100_000.0)
            a = adopt[ps.skill]
            counted = int((a[observed] <= latest[observed]).sum())
            need = target - counted
            if need <= 0:
                continue
            launch = month_start_seconds(ps.launch)
            ok = (qs >= launch) & (a[qf] == NEVER)
            cand = np.unique(qf[ok])
            if len(cand) == 0:
                continue
            w = 1.0 + 9.0 * fl.ai[cand] + 3.0 * any_genai[cand]
            chosen = rng.choice(cand, size=min(need, len(cand)), replace=False, p=w / w.sum())
            chosen.sort()
            for f in chosen.tolist():
                times = qs[(qf == f) & (qs >= launch)]
                a[f] = int(times[int(rng.integers(0, len(times)))])
            any_genai[chosen] = True
    return adopt


def make_profiles(
    rng: np.random.Generator, r: random.Random, months: list[int], scale: float
) -> tuple[Docs, list[str], list[str]]:
    """Profile snapshots, all freelancer IDs, and those with an AI specialty."""
    fl = _population(rng, r, months, scale)
    snap_f, snap_s = _snapshots(rng, fl, months)
    adopt = _adopt(rng, fl, snap_f, snap_s, months)
    order = [p.skill for p in plan.PROFILE_SKILLS]
    adopt_mat = np.stack([adopt[s] for s in order], axis=1)  # freelancers x skills
    forms: dict[int, dict[str, str]] = {}
    stamps = iso(snap_s)
    docs = Docs("profiles")
    for i in range(len(snap_f)):
        f = int(snap_f[i])
        sec = int(snap_s[i])
        held_idx = np.flatnonzero(adopt_mat[f] <= sec)
        held = sorted((int(adopt_mat[f, k]), order[k]) for k in held_idx)
        genai = [s for _, s in held]
        fr = forms.setdefault(f, {})
        for s in genai:
            if s not in fr:
                fr[s] = r.choice(BY_ID[s].text)
        job = JOB_TYPES[int(fl.job[f])]
        title, overview = compose.profile_text(r, job, fl.title[f], genai, fr)
        row: dict[str, Any] = {
            "freelancer_id": fl.ids[f],
            "observed_at": stamps[i],
            "title": title,
            "overview": overview,
            "skills": fl.tags[f] + [BY_ID[s].tag for s in genai],
            "country": fl.country[f],
        }
        docs.rows.append(row)
        docs.seconds.append(sec)
        docs.skills.append(tuple(genai))
    ai_ids = [fl.ids[i] for i in np.flatnonzero(fl.ai).tolist()]
    return docs, fl.ids, ai_ids
