"""Postings, searches and hires: how many of each topic per month, when, by whom, and the text.

Counts per month and topic come from ``plan.py`` (exact, scale-proportional, seed-free); the
seed decides which client, which second of the month, which template and which surface form.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from skillpulse.generate import compose, plan
from skillpulse.generate import text_common as tc
from skillpulse.generate.text_genai import FLAVOR_CATEGORY
from skillpulse.generate.text_jobs import JOB_TYPES

IntArray = npt.NDArray[np.int64]

#: Share of gen-AI search queries typed with a misspelling.
GENAI_TYPO_RATE = 0.07
#: Share of searches that come with an explicit id (the rest get one derived at ingest).
SEARCH_ID_RATE = 0.15
#: Share of postings that carry client skill tags.
TAG_RATE = 0.88


@dataclass
class Docs:
    """Documents of one kind, in time order, with the planted skills of each."""

    kind: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: list[int] = field(default_factory=list)
    skills: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Clients:
    ids: list[str]
    size: IntArray
    country: list[str]
    by_size: list[IntArray]


def month_start_seconds(index: int) -> int:
    m = np.datetime64("2022-10", "M") + np.timedelta64(index, "M")
    return int(m.astype("datetime64[s]").astype(np.int64))


def month_seconds(index: int) -> int:
    return month_start_seconds(index + 1) - month_start_seconds(index)


def iso(seconds: IntArray) -> list[str]:
    arr = np.asarray(seconds, dtype="datetime64[s]")
    return [s + "Z" for s in np.datetime_as_string(arr, unit="s").tolist()]


def make_clients(rng: np.random.Generator, scale: float) -> Clients:
    n = max(60, round(15_000 * scale))
    size = rng.choice(3, size=n, p=np.array(plan.CLIENT_SIZE_P))
    country_idx = rng.choice(
        len(tc.COUNTRIES), size=n, p=np.array(tc.COUNTRY_P) / sum(tc.COUNTRY_P)
    )
    ids = [f"client-{i:06d}" for i in range(n)]
    by_size = [np.flatnonzero(size == k) for k in range(3)]
    return Clients(ids, size.astype(np.int64), [tc.COUNTRIES[i] for i in country_idx], by_size)


def topic_counts(
    kind: str, topics: tuple[plan.Topic, ...], months: list[int], scale: float
) -> tuple[IntArray, IntArray]:
    """Documents per month, and planted documents per (topic, month)."""
    exposure = np.array(
        [round(plan.MONTHLY_VOLUME[kind] * scale * plan.volume_multiplier(m)) for m in months],
        dtype=np.int64,
    )
    counts = np.zeros((len(topics), len(months)), dtype=np.int64)
    for t, topic in enumerate(topics):
        rates = plan.monthly_rates(topic.q4, topic.q1, topic.q2, topic.launch, months)
        # cumulative rounding: each topic's running total stays within 0.5 of its rate
        cum = np.round(np.cumsum(rates * exposure / 100_000.0)).astype(np.int64)
        counts[t] = np.diff(cum, prepend=0)
    over = counts.sum(axis=0) > exposure
    if over.any():  # never at sane scales; keep the file consistent anyway
        exposure = np.maximum(exposure, counts.sum(axis=0))
    return exposure, counts


def _layout(
    rng: np.random.Generator, months: list[int], exposure: IntArray, counts: IntArray
) -> tuple[IntArray, IntArray]:
    """Per document: second of the event and topic (-1 = not gen-AI), sorted by time."""
    secs: list[IntArray] = []
    tops: list[IntArray] = []
    for j, m in enumerate(months):
        n = int(exposure[j])
        topic = np.full(n, -1, dtype=np.int64)
        planted = np.repeat(np.arange(counts.shape[0]), counts[:, j])
        topic[: len(planted)] = planted
        rng.shuffle(topic)
        sec = month_start_seconds(m) + rng.integers(0, month_seconds(m), size=n)
        secs.append(sec)
        tops.append(topic)
    sec_all = np.concatenate(secs) if secs else np.zeros(0, np.int64)
    top_all = np.concatenate(tops) if tops else np.zeros(0, np.int64)
    order = np.argsort(sec_all, kind="stable")
    return sec_all[order], top_all[order]


def _job_weights() -> npt.NDArray[np.float64]:
    w = np.array([j.weight for j in JOB_TYPES], dtype=np.float64)
    return w / w.sum()


def _genai_sizes(rng: np.random.Generator, months_of_docs: IntArray) -> IntArray:
    out = np.empty(len(months_of_docs), dtype=np.int64)
    for i, m in enumerate(months_of_docs.tolist()):
        q = plan.quarter_of(m)
        key = "q4" if q <= 0 else ("q1" if q == 1 else "q2")
        out[i] = rng.choice(3, p=np.array(plan.GENAI_SIZE_P[key]))
    return out


def month_of(seconds: IntArray, months: list[int]) -> IntArray:
    starts = np.array([month_start_seconds(m) for m in months], dtype=np.int64)
    return np.array(months, dtype=np.int64)[np.searchsorted(starts, seconds, side="right") - 1]


def make_postings(
    rng: np.random.Generator, r: random.Random, months: list[int], scale: float, clients: Clients
) -> tuple[Docs, IntArray, IntArray]:
    """Postings; also returns each posting's topic (-1 = none) and job type (-1 = gen-AI)."""
    topics = plan.POSTING_TOPICS
    exposure, counts = topic_counts("postings", topics, months, scale)
    secs, top = _layout(rng, months, exposure, counts)
    mon = month_of(secs, months)
    n = len(secs)
    jobs = rng.choice(len(JOB_TYPES), size=n, p=_job_weights())
    jobs[top >= 0] = -1
    size = rng.choice(3, size=n, p=np.array(plan.CLIENT_SIZE_P))
    genai = np.flatnonzero(top >= 0)
    size[genai] = _genai_sizes(rng, mon[genai])
    client_pick = rng.random(n)
    budget_noise = rng.normal(size=n)
    stamps = iso(secs)
    docs = Docs("postings")
    for i in range(n):
        pool = clients.by_size[int(size[i])]
        c = int(pool[int(client_pick[i] * len(pool))])
        size_name = plan.COMPANY_SIZES[int(size[i])]
        if top[i] >= 0:
            skills = topics[int(top[i])].skills
            with_tags = r.random() < TAG_RATE + 0.05
            title, body, tags, flavor = compose.genai_posting(
                r, skills, size_name, with_tags=with_tags
            )
            category = FLAVOR_CATEGORY[flavor]
            median, sigma = 1500.0, 0.9
        else:
            job = JOB_TYPES[int(jobs[i])]
            skills = ()
            title, body, tags = compose.nonai_posting(r, job, size_name)
            if r.random() >= TAG_RATE:
                tags = []
            category = job.category
            median, sigma = job.budget
        budget = float(round(median * float(np.exp(sigma * budget_noise[i])) / 5.0) * 5.0)
        row: dict[str, Any] = {
            "id": f"job-{i + 1:07d}",
            "posted_at": stamps[i],
            "title": title,
            "description": body,
            "skills": tags,
            "category": category,
            "client_id": clients.ids[c],
            "company_size": size_name,
            "country": clients.country[c],
            "budget": max(budget, 5.0),
        }
        docs.rows.append(row)
        docs.seconds.append(int(secs[i]))
        docs.skills.append(skills)
    return docs, top, jobs


def make_searches(
    rng: np.random.Generator, r: random.Random, months: list[int], scale: float, clients: Clients
) -> Docs:
    topics = plan.SEARCH_TOPICS
    exposure, counts = topic_counts("searches", topics, months, scale)
    secs, top = _layout(rng, months, exposure, counts)
    n = len(secs)
    jobs = rng.choice(len(JOB_TYPES), size=n, p=_job_weights())
    who = rng.integers(0, len(clients.ids), size=n)
    has_client = rng.random(n) < 0.92
    has_id = rng.random(n) < SEARCH_ID_RATE
    docs = Docs("searches")
    seen: set[tuple[int, str, str]] = set()
    for i in range(n):
        if top[i] >= 0:
            skills = topics[int(top[i])].skills
            query = compose.genai_query(r, skills, GENAI_TYPO_RATE)
        else:
            skills = ()
            query = compose.nonai_query(r, JOB_TYPES[int(jobs[i])])
        client = clients.ids[int(who[i])] if has_client[i] else ""
        sec = int(secs[i])
        while (sec, query, client) in seen:  # rows without id must differ in content
            sec += 1
        seen.add((sec, query, client))
        docs.seconds.append(sec)
        docs.skills.append(skills)
        row: dict[str, Any] = {}
        if has_id[i]:
            row["id"] = f"search-{i + 1:08d}"
        row["searched_at"] = ""
        row["query"] = query
        if client:
            row["client_id"] = client
        docs.rows.append(row)
    for row, s in zip(docs.rows, iso(np.array(docs.seconds)), strict=True):
        row["searched_at"] = s
    return docs


def make_hires(
    rng: np.random.Generator,
    r: random.Random,
    months: list[int],
    scale: float,
    postings: Docs,
    posting_topic: IntArray,
    posting_job: IntArray,
    freelancers: list[str],
    ai_freelancers: list[str],
) -> Docs:
    """Hires; each links to an earlier posting of the same job type or primary skill."""
    topics = plan.HIRE_TOPICS
    exposure, counts = topic_counts("hires", topics, months, scale)
    secs, top = _layout(rng, months, exposure, counts)
    n = len(secs)
    jobs = rng.choice(len(JOB_TYPES), size=n, p=_job_weights())
    post_secs = np.array(postings.seconds, dtype=np.int64)
    primary = [(s[0] if s else "") for s in postings.skills]
    keys: dict[str, list[int]] = {}
    for i, _ in enumerate(postings.rows):
        key = primary[i] if posting_topic[i] >= 0 else f"job:{int(posting_job[i])}"
        keys.setdefault(key, []).append(i)
    index = {k: np.array(v, dtype=np.int64) for k, v in keys.items()}
    any_genai = np.flatnonzero(posting_topic >= 0)
    pick = rng.random(n)
    lag = rng.integers(2 * 86_400, 40 * 86_400, size=n)
    fl_pick = rng.random(n)
    docs = Docs("hires")
    stamps = iso(secs)
    for i in range(n):
        if top[i] >= 0:
            skills = topics[int(top[i])].skills
            title, body, tags = compose.genai_hire(r, skills)
            cand = index.get(skills[0], any_genai)
            pool = ai_freelancers or freelancers
        else:
            skills = ()
            title, body, tags = compose.nonai_hire(r, JOB_TYPES[int(jobs[i])])
            cand = index.get(f"job:{int(jobs[i])}", np.zeros(0, np.int64))
            pool = freelancers
        posting_id = None
        client_id = None
        if len(cand):
            hi = int(np.searchsorted(post_secs[cand], secs[i] - 86_400, side="right"))
            lo = int(np.searchsorted(post_secs[cand], secs[i] - int(lag[i]), side="left"))
            if hi > 0:
                lo = min(lo, hi - 1)
                j = int(cand[lo + int(pick[i] * (hi - lo))])
                posting_id = postings.rows[j]["id"]
                client_id = postings.rows[j]["client_id"]
        row: dict[str, Any] = {
            "id": f"contract-{i + 1:07d}",
            "hired_at": stamps[i],
            "posting_id": posting_id,
            "title": title,
            "description": body,
            "skills": tags,
            "freelancer_id": pool[int(fl_pick[i] * len(pool))],
            "client_id": client_id,
        }
        docs.rows.append(row)
        docs.seconds.append(int(secs[i]))
        docs.skills.append(skills)
    return docs
