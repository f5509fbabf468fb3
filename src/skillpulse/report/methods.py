"""The report's methods section: what each figure means, from the analytics constants (the
full derivations are in ``docs/methods.md``)."""

from __future__ import annotations

from skillpulse.analytics.gap import MIN_DEMAND
from skillpulse.analytics.growth import BREAKOUT_FLOOR
from skillpulse.analytics.stats import CONFIDENCE


def definitions(*, min_count: int) -> dict[str, str]:
    level = f"{CONFIDENCE:.0%}"
    return {
        "count": "Distinct documents (job posts, searches, hires, talent profiles) of the "
                 "period that mention the skill, whatever the number of mentions. Skills are "
                 "counted by canonical taxonomy ID, never by surface text.",
        "exposure": "All documents of the kind in the period, with or without a skill "
                    "mention: the denominator of every share.",
        "share": f"Count over exposure, with a {level} Wilson score interval.",
        "category": "A document is in the category when it mentions at least one skill of "
                    "the category or one of their descendants in the taxonomy.",
        "profiles": "Each freelancer counts once per period, by the latest profile snapshot "
                    "observed in that period.",
        "growth": "Rate ratio (current share / base share) with the exact conditional "
                  f"{level} interval for a ratio of two Poisson rates; percent change = "
                  "(ratio - 1) x 100. Growth lists are ranked by the interval's lower bound, "
                  "so a small count cannot top the list by chance.",
        "thresholds": f"A growth list only holds skills with at least {min_count} documents "
                      f"in the current period. A skill with fewer than {BREAKOUT_FLOOR} "
                      "documents in the base period is a breakout, marked new; it is ranked "
                      "by the same lower bound.",
        "headline": "Change of the category's share of job posts (and of searches) from the "
                    "surge base to the current period: share ratio with the exact "
                    f"conditional {level} interval; the raw count change is given beside it.",
        "projects": "Hires in the period whose job mentions a skill of the category.",
        "supply_demand": "Demand share = (job posts + searches mentioning the skill) / (all "
                         "job posts + searches); supply share = talent profiles listing it / "
                         "all profiles; ratio = demand share / supply share with its exact "
                         f"{level} interval. Skills need at least {MIN_DEMAND} demand "
                         "documents and are ranked by the ratio's lower bound.",
        "survey": "Share of respondents choosing the answer among those who answered the "
                  f"question: {level} Wilson interval (weighted surveys: on Kish's effective "
                  "sample size); segments under the minimum base are flagged, and a "
                  "chi-square test says whether segments differ.",
    }
