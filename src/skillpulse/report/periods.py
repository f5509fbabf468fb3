"""The report's periods when none is given: from what the store holds.

The data's quarters are those the events of any kind cover; a quarter is complete when the
data starts at most ``SLACK`` after its start and ends at most ``SLACK`` before its end.
``current`` is the latest complete quarter, ``base`` the one before it (when the data holds
it), ``surge_base`` the earliest complete quarter before ``base`` (else ``base``), and
``period`` (the top lists) ``base`` and ``current`` together (a calendar half when they
make one). With one quarter only, ``period`` is that quarter and the others are ``None``.
Options given override: see :func:`resolve_periods`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from skillpulse.analytics.periods import GRAINS, Period, enumerate_periods, period_containing
from skillpulse.analytics.queries import data_range
from skillpulse.analytics.scope import as_period
from skillpulse.errors import AnalyticsError
from skillpulse.store.base import Store
from skillpulse.store.schema import EVENT_TABLES

log = logging.getLogger(__name__)

GRAIN = "quarter"
#: How far from a quarter's start and end the data may begin and stop for it to be complete.
SLACK = timedelta(days=7)


@dataclass(frozen=True)
class ReportPeriods:
    period: Period
    base: Period | None
    current: Period | None
    surge_base: Period | None
    #: ``data`` when any period was chosen from the store, else ``options``
    source: str


def span(first: Period, last: Period) -> Period:
    """``first`` to ``last`` as one period: a calendar half (or year) when they make one,
    else a range labelled ``FIRST..LAST`` (e.g. ``2025Q2..2025Q3``)."""
    if first == last:
        return first
    for grain in ("half", "year"):
        whole = period_containing(grain, first.start)
        if whole.start == first.start and whole.end == last.end:
            return whole
    return Period(first.start, last.end, f"{first.label}..{last.label}", "range")


def data_quarters(store: Store) -> tuple[list[Period], list[Period]]:
    """(every quarter the data touches, the complete ones), oldest first."""
    lows: list[datetime] = []
    highs: list[datetime] = []
    for kind in EVENT_TABLES:
        lo, hi = data_range(store, kind)
        if lo is not None:
            lows.append(lo)
            highs.append(hi)
    if not lows:
        return [], []
    lo, hi = min(lows), max(highs)
    quarters = enumerate_periods(GRAIN, lo, hi + timedelta(microseconds=1))
    complete = [q for q in quarters if lo <= q.start + SLACK and hi >= q.end - SLACK]
    return quarters, complete


def choose_periods(store: Store) -> ReportPeriods:
    """The periods of a report with no period option (see the module docstring)."""
    quarters, complete = data_quarters(store)
    if not quarters:
        raise AnalyticsError("the store holds no events: nothing to report (ingest data "
                             "first, or give --period)")
    if not complete:  # no quarter covered from start to end: the latest one holding data
        return ReportPeriods(quarters[-1], None, None, None, "data")
    current = complete[-1]
    earlier = [q for q in complete if q.end <= current.start]
    if not earlier or earlier[-1] != current.previous():
        return ReportPeriods(current, None, None, None, "data")
    base = earlier[-1]
    surge = earlier[0]
    return ReportPeriods(span(base, current), base, current, surge, "data")


def resolve_periods(
    store: Store,
    *,
    period: str | Period | None,
    base: str | Period | None,
    current: str | Period | None,
    surge_base: str | Period | None,
) -> ReportPeriods:
    """The periods given, the missing ones filled in: ``current`` from the data (or the
    period after ``base``), ``base`` the period before ``current``, ``surge_base`` the data's
    earliest complete quarter before ``base`` (else ``base``), ``period`` ``base`` to
    ``current``. Nothing given: :func:`choose_periods`."""
    p, b, c, s = (None if x is None else as_period(x) for x in (period, base, current,
                                                                 surge_base))
    if p is None and b is None and c is None and s is None:
        chosen = choose_periods(store)
        log.info("report periods from the data: period %s, base %s, current %s, surge base "
                 "%s", chosen.period, chosen.base, chosen.current, chosen.surge_base)
        return chosen
    if b is None and c is None:  # only --period (and maybe --surge-base): no growth
        if p is None:
            raise AnalyticsError("--surge-base needs --current (or --base)")
        return ReportPeriods(p, None, None, None, "options")
    if c is None and b is not None:
        if b.grain not in GRAINS:
            raise AnalyticsError("--base as a FROM..TO range needs --current")
        c = period_containing(b.grain, b.end)
    if c is None:
        raise AnalyticsError("--current is missing")
    if b is None:
        b = c.previous()
    if s is None:
        auto_surge = None
        _, complete = data_quarters(store)
        if complete and complete[0].end <= b.start:
            auto_surge = complete[0]
        s = auto_surge or b
    if p is None:
        p = span(b, c)
    return ReportPeriods(p, b, c, s, "options")


__all__ = ["ReportPeriods", "choose_periods", "resolve_periods", "span"]
