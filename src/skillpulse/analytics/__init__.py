"""Analytics: periods, top skills, growth with exact intervals, share of activity, supply
and demand, co-occurrence. Counting runs in the store (SQL); statistics run in Python on the
small aggregated tables.
"""

from skillpulse.analytics.gap import gap
from skillpulse.analytics.growth import growth
from skillpulse.analytics.periods import Period, enumerate_periods, parse_period
from skillpulse.analytics.related import related
from skillpulse.analytics.results import (
    GapResult,
    GrowthResult,
    RelatedResult,
    ShareResult,
    TopResult,
)
from skillpulse.analytics.share import share_of_activity
from skillpulse.analytics.top import top_skills

__all__ = [
    "GapResult",
    "GrowthResult",
    "Period",
    "RelatedResult",
    "ShareResult",
    "TopResult",
    "enumerate_periods",
    "gap",
    "growth",
    "parse_period",
    "related",
    "share_of_activity",
    "top_skills",
]
