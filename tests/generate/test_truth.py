"""truth.json against an independent recount of the files, and the planted lists against the
published ones (statistics recomputed here with scipy)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from scipy import stats

from skillpulse.generate import text_common, text_jobs
from skillpulse.generate.vocab import SKILLS

from .conftest import KINDS, Market, skills_in

PUBLISHED = json.loads(
    (Path(__file__).parents[1] / "data" / "generate" / "upwork_genai_2023.json").read_text()
)
LIST_NAMES = (
    "top_genai_searches_by_clients_H1_2023",
    "fastest_growing_genai_searches_Q2_vs_Q1_2023",
    "top_genai_projects_hired_H1_2023",
    "fastest_growing_genai_skills_on_talent_profiles_Q2_vs_Q1_2023",
)


def _norm(label: str) -> str:
    return label.lower().rstrip("s")


LABEL_TO_ID = {_norm(s.label): s.skill_id for s in SKILLS}


def recount(m: Market, kind: str, grain: str) -> dict[str, dict[str, Any]]:
    """Exposure and distinct documents per skill for each period of a grain."""
    rows = m.kinds[kind].rows
    if kind == "profiles":  # latest snapshot of each freelancer in the period
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            key = (r[grain], r["freelancer_id"])
            if key not in latest or r["_time"] >= latest[key]["_time"]:
                latest[key] = r
        rows = list(latest.values())
    out: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"exposure": 0, "genai": 0, "counts": defaultdict(int)}
    )
    for r in rows:
        b = out[r[grain]]
        b["exposure"] += 1
        b["genai"] += bool(r["_skills"])
        for s in r["_skills"]:
            b["counts"][s] += 1
    return out


def test_truth_counts_equal_an_independent_recount(medium: Market) -> None:
    t = medium.truth
    for kind in KINDS:
        months = recount(medium, kind, "_month")
        assert set(months) == set(t["exposure"][kind])
        for month, b in months.items():
            assert t["exposure"][kind][month] == b["exposure"], (kind, month)
            assert t["genai_documents"][kind][month] == b["genai"], (kind, month)
            for s in SKILLS:
                assert t["counts"][kind][s.skill_id][month] == b["counts"][s.skill_id], (
                    kind, s.skill_id, month,
                )  # fmt: skip
        for grain in ("_quarter", "_half"):
            for period, b in recount(medium, kind, grain).items():
                tp = t["periods"][kind][period]
                assert tp["exposure"] == b["exposure"], (kind, period)
                assert tp["counts"] == {s.skill_id: b["counts"][s.skill_id] for s in SKILLS}


def test_every_planted_skill_is_generative_ai_in_the_builtin_catalog() -> None:
    from skillpulse.taxonomy.model import Taxonomy

    tax = Taxonomy.builtin()
    genai = {c.id for c in tax.in_category("generative-ai")}
    assert {s.skill_id for s in SKILLS} <= genai
    for s in SKILLS:
        assert _norm(tax.get(s.skill_id).label) == _norm(s.label)  # type: ignore[union-attr]


def test_multi_skill_postings_always_name_a_skill_of_the_published_lists(medium: Market) -> None:
    core = {LABEL_TO_ID[_norm(label)] for name in LIST_NAMES for label in PUBLISHED[name]}
    for kind in ("postings", "hires"):
        for r in medium.kinds[kind].rows:
            if r["_skills"]:
                assert r["_skills"] & core, (kind, r["_skills"])


def test_non_ai_templates_never_name_a_planted_skill() -> None:
    strings: list[str] = []
    for job in text_jobs.JOB_TYPES:
        for part in (
            job.titles,
            job.tags,
            job.overview,
            job.tasks,
            job.needs,
            job.nice,
            job.queries,
        ):
            strings.extend(part)
    for titles in text_jobs.PROFILE_TITLES.values():
        strings.extend(titles)
    for name in dir(text_common):
        if name.startswith("_"):
            continue
        value = getattr(text_common, name)
        if isinstance(value, tuple) and value and isinstance(value[0], str):
            strings.extend(value)
        if isinstance(value, dict):
            for v in value.values():
                strings.extend(v)
    assert len(strings) > 400
    hits = {s: skills_in(s) for s in strings if skills_in(s)}
    assert hits == {}


def test_non_ai_templates_avoid_the_catalog_gen_ai_names() -> None:
    """Also against every unambiguous generative-AI name of the built-in catalog."""
    import re

    from skillpulse.taxonomy.model import Taxonomy

    tax = Taxonomy.builtin()
    names = set()
    for c in tax.in_category("generative-ai"):
        ambiguous = {a.lower() for a in c.ambiguous}
        for n in (c.label, *c.aliases):
            if n.lower() not in ambiguous and len(n) > 2:
                names.add(n.lower())
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    texts = []
    for job in text_jobs.JOB_TYPES:
        texts += [*job.titles, *job.tags, *job.overview, *job.tasks, *job.needs, *job.nice]
        texts += list(job.queries)
    texts += [*text_common.INTROS, *text_common.CONTEXT, *text_common.DETAIL]
    texts += [*text_common.TIMELINE, *text_common.WORKING, *text_common.APPLY]
    found = {t: pattern.findall(t) for t in texts if pattern.search(t)}
    assert found == {}


def _lower_bound(c1: int, e1: int, c2: int, e2: int) -> float:
    # exact conditional interval: c2 | c1 + c2 is binomial; Clopper-Pearson lower bound of p
    # (beta quantile), turned into a bound of the rate ratio
    p = stats.beta.ppf(0.025, c2, c1 + 1)
    return (e1 / e2) * p / (1 - p)


def _top(period: dict[str, Any]) -> list[str]:
    counts = period["counts"]
    return sorted((s for s in counts if counts[s] > 0), key=lambda s: (-counts[s], s))[:10]


def _growth(base: dict[str, Any], cur: dict[str, Any]) -> list[str]:
    rows = []
    for s, c2 in cur["counts"].items():
        c1 = base["counts"][s]
        if c2 >= 20 and c1 > 0:
            rows.append((-_lower_bound(c1, base["exposure"], c2, cur["exposure"]), s))
    return [s for _, s in sorted(rows)[:10]]


def test_lower_bound_matches_statsmodels_exact_test() -> None:
    from statsmodels.stats.rates import test_poisson_2indep

    # at the lower bound, the one-sided exact conditional test has p = 0.025
    c1, e1, c2, e2 = 40, 1000.0, 90, 1100.0
    low = _lower_bound(c1, e1, c2, e2)
    res = test_poisson_2indep(c2, e2, c1, e1, value=low, method="exact-cond", alternative="larger")
    assert abs(res.pvalue - 0.025) < 1e-6


def test_planted_lists_reproduce_the_published_lists(medium: Market) -> None:
    periods = medium.truth["periods"]
    computed = {
        LIST_NAMES[0]: _top(periods["searches"]["2023H1"]),
        LIST_NAMES[1]: _growth(periods["searches"]["2023Q1"], periods["searches"]["2023Q2"]),
        LIST_NAMES[2]: _top(periods["hires"]["2023H1"]),
        LIST_NAMES[3]: _growth(periods["profiles"]["2023Q1"], periods["profiles"]["2023Q2"]),
    }
    for name in LIST_NAMES:
        published = [LABEL_TO_ID[_norm(label)] for label in PUBLISHED[name]]
        assert computed[name] == published, name
        recorded = [r["skill_id"] for r in medium.truth["expected_lists"][name]["rows"]]
        assert recorded == published, name


def test_headline_surge_and_midsize_adoption(medium: Market) -> None:
    posts = recount(medium, "postings", "_quarter")
    searches = recount(medium, "searches", "_quarter")
    assert posts["2023Q2"]["genai"] > 10 * posts["2022Q4"]["genai"]
    assert searches["2023Q2"]["genai"] > 15 * searches["2022Q4"]["genai"]
    share: dict[tuple[str, str], float] = {}
    for size in ("small", "midsize", "large"):
        for q in ("2022Q4", "2023Q2"):
            rows = [
                r for r in medium.kinds["postings"].rows
                if r["company_size"] == size and r["_quarter"] == q
            ]  # fmt: skip
            share[size, q] = sum(bool(r["_skills"]) for r in rows) / len(rows)
    assert share["midsize", "2023Q2"] > 1.3 * share["small", "2023Q2"]
    assert share["midsize", "2023Q2"] > 1.3 * share["large", "2023Q2"]
