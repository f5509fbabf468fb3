"""Assemble documents from the templates: postings, hires, search queries, profile texts.

Every function takes a ``random.Random`` (seeded by the caller, so output is deterministic)
and returns plain strings. Gen-AI texts name every planted skill of the document at least once
(in the title or the body) and no other planted skill.
"""

from __future__ import annotations

import random

from skillpulse.generate import text_common as tc
from skillpulse.generate.text_genai import (
    CONTENT_NEEDS,
    CONTENT_TASKS,
    CREATIVE_NEEDS,
    CREATIVE_TASKS,
    FLAVOR_TAGS,
    TECH_NEEDS,
    TECH_TASKS,
    TEXT,
)
from skillpulse.generate.text_jobs import INDUSTRIES, LANGUAGES, PRODUCTS, JobType
from skillpulse.generate.vocab import BY_ID

_FILLER_TASKS = {"tech": TECH_TASKS, "content": CONTENT_TASKS, "creative": CREATIVE_TASKS}
_FILLER_NEEDS = {"tech": TECH_NEEDS, "content": CONTENT_NEEDS, "creative": CREATIVE_NEEDS}


_DEFAULTS: dict[str, tuple[str, ...]] = {
    "industry": INDUSTRIES,
    "product": PRODUCTS,
    "language": LANGUAGES,
    "city": tc.CITIES,
}


class _Values(dict[str, str]):
    """Placeholder values drawn only when a template uses them."""

    def __init__(self, r: random.Random, extra: dict[str, str]) -> None:
        super().__init__(extra)
        self.r = r

    def __missing__(self, key: str) -> str:
        value = self.r.choice(_DEFAULTS[key])
        self[key] = value
        return value


def _fill(r: random.Random, template: str, **extra: str) -> str:
    if "{" not in template:
        return template
    return template.format_map(_Values(r, extra))


def _form(r: random.Random, skill: str) -> str:
    return r.choice(BY_ID[skill].text)


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {i}" for i in items)


def _sample(r: random.Random, pool: tuple[str, ...], k: int) -> list[str]:
    return r.sample(pool, min(k, len(pool)))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _frame(
    r: random.Random,
    size: str,
    industry: str,
    overview: list[str],
    tasks: list[str],
    needs: list[str],
    nice: list[str],
) -> str:
    size_word = r.choice(tc.SIZE_WORDS[size])
    parts = [
        _fill(r, r.choice(tc.INTROS), industry=industry, size_word=size_word),
        " ".join(overview),
        *_sample(r, tc.CONTEXT, 2),
        *_sample(r, tc.DETAIL, 2),
        "What you will do:\n" + _bullets(tasks),
        "What we are looking for:\n" + _bullets(needs),
    ]
    if nice:
        parts.append("Nice to have:\n" + _bullets(nice))
    parts.append(r.choice(tc.TIMELINE))
    parts.append(r.choice(tc.WORKING))
    parts.append(r.choice(tc.APPLY))
    return "\n\n".join(parts)


def nonai_posting(r: random.Random, job: JobType, size: str) -> tuple[str, str, list[str]]:
    """Title, description and tags of a posting of a non-AI job type."""
    industry = r.choice(INDUSTRIES)
    title = _fill(r, r.choice(job.titles), industry=industry.title())
    overview = [_fill(r, s, industry=industry) for s in _sample(r, job.overview, 2)]
    tasks = _sample(r, job.tasks, r.randint(5, 7))
    needs = _sample(r, job.needs, 3) + _sample(r, TECH_NEEDS[2:], 1)
    nice = [_fill(r, s, industry=industry) for s in _sample(r, job.nice, 2)]
    body = _frame(r, size, industry, overview, tasks, needs, nice)
    tags = _sample(r, job.tags, r.randint(2, 6))
    return title, body, tags


def genai_posting(
    r: random.Random, skills: tuple[str, ...], size: str, *, with_tags: bool
) -> tuple[str, str, list[str], str]:
    """Title, description, tags and flavor of a posting that plants ``skills``."""
    industry = r.choice(INDUSTRIES)
    primary = TEXT[skills[0]]
    title = _fill(r, r.choice(primary.titles), f=_form(r, skills[0]), industry=industry.title())
    overview = [
        _fill(r, r.choice(TEXT[s].overview), f=_form(r, s), industry=industry) for s in skills
    ]
    if len(skills) == 1 and len(primary.overview) > 1:
        extra = _sample(r, primary.overview, 2)
        overview = [_fill(r, o, f=_form(r, skills[0]), industry=industry) for o in extra]
    tasks = [_capitalise(_fill(r, r.choice(TEXT[s].tasks), f=_form(r, s))) for s in skills]
    tasks += _sample(r, _FILLER_TASKS[primary.flavor], r.randint(2, 4))
    needs = [_fill(r, r.choice(TEXT[skills[0]].needs), f=_form(r, skills[0]))]
    needs += _sample(r, _FILLER_NEEDS[primary.flavor], 3)
    nice = _sample(r, _FILLER_NEEDS[primary.flavor], 2) if r.random() < 0.5 else []
    body = _frame(r, size, industry, overview, tasks, needs, nice)
    tags: list[str] = []
    if with_tags:
        tags = [BY_ID[skills[0]].tag]
        tags += [BY_ID[s].tag for s in skills[1:] if r.random() < 0.75]
        tags += _sample(r, FLAVOR_TAGS[primary.flavor], r.randint(1, 3))
    return title, body, tags, primary.flavor


def nonai_hire(r: random.Random, job: JobType) -> tuple[str, str, list[str]]:
    """A contract for non-AI work: shorter than a posting."""
    title = _fill(r, r.choice(job.titles), industry=r.choice(INDUSTRIES).title())
    body = "\n\n".join(
        [
            _fill(r, r.choice(job.overview)),
            "Scope of the contract:\n" + _bullets(_sample(r, job.tasks, 3)),
            r.choice(tc.WORKING),
        ]
    )
    return title, body, _sample(r, job.tags, r.randint(2, 5))


def genai_hire(r: random.Random, skills: tuple[str, ...]) -> tuple[str, str, list[str]]:
    """A contract for gen-AI work that plants ``skills``."""
    primary = TEXT[skills[0]]
    industry = r.choice(INDUSTRIES)
    title = _fill(r, r.choice(primary.titles), f=_form(r, skills[0]), industry=industry.title())
    overview = " ".join(
        _fill(r, r.choice(TEXT[s].overview), f=_form(r, s), industry=industry) for s in skills
    )
    tasks = [_capitalise(_fill(r, r.choice(TEXT[s].tasks), f=_form(r, s))) for s in skills]
    tasks += _sample(r, _FILLER_TASKS[primary.flavor], 2)
    body = "\n\n".join(
        [overview, "Scope of the contract:\n" + _bullets(tasks), r.choice(tc.WORKING)]
    )
    tags = [BY_ID[s].tag for s in skills] + _sample(r, FLAVOR_TAGS[primary.flavor], 2)
    return title, body, tags


def nonai_query(r: random.Random, job: JobType) -> str:
    q = r.choice(job.queries)
    roll = r.random()
    if roll < 0.06:
        q = typo(r, q)
    elif roll < 0.12:
        q = q + r.choice((" needed", " for small business", " urgent", " long term", " freelancer"))
    return q


def genai_query(r: random.Random, skills: tuple[str, ...], typo_rate: float) -> str:
    """A short lower-case query naming ``skills`` (misspelt at ``typo_rate``)."""
    words = []
    for s in skills:
        forms = BY_ID[s]
        if forms.typos and r.random() < typo_rate:
            words.append(r.choice(forms.typos))
        else:
            words.append(r.choice(forms.query))
    q = " ".join(words)
    if len(skills) == 1:
        q = q + r.choice(TEXT[skills[0]].qsuffix)
    return q


def typo(r: random.Random, text: str) -> str:
    """One keyboard slip inside a word of four letters or more: swap, drop or double."""
    idx = [i for i in range(1, len(text) - 2) if text[i].isalpha() and text[i + 1].isalpha()]
    if not idx:
        return text
    i = r.choice(idx)
    op = r.randint(0, 2)
    if op == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def profile_text(
    r: random.Random, job: JobType, base_title: str, genai: list[str], forms: dict[str, str]
) -> tuple[str, str]:
    """Title and overview of one snapshot; ``genai`` are the planted skills listed so far,
    ``forms`` the freelancer's own way of writing each of them (stable across snapshots)."""
    title = base_title
    if genai:
        from skillpulse.generate.text_genai import TEXT as _T

        lead = genai[-1]
        if _T[lead].ptitles and (len(genai) >= 2 or r.random() < 0.5):
            title = _T[lead].ptitles[0].format(f=forms[lead])
    opening = r.choice(tc.PROFILE_OPENINGS).format(
        title=base_title.split("|")[0].strip(), years=r.randint(2, 12), jobs=r.randint(10, 200)
    )
    lines = [opening, _fill(r, r.choice(job.overview))]
    lines.append("Services: " + "; ".join(s.lower() for s in _sample(r, job.tasks, 3)) + ".")
    for s in genai:
        from skillpulse.generate.text_genai import AI_PROFILE_SENTENCES

        lines.append(r.choice(AI_PROFILE_SENTENCES).format(f=forms[s]))
    lines.append(r.choice(tc.PROFILE_CLOSINGS))
    return title, " ".join(lines)
