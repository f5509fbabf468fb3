"""Periods: parse ``2023``, ``2023H1``, ``2023Q2``, ``2023-05``, ``2023-W07``, ``2023-05-17``
and explicit ``FROM..TO`` ranges into half-open ``[start, end)`` UTC intervals, and enumerate
the months, quarters, weeks ... between two periods.

Every interval is naive UTC (the store keeps naive UTC timestamps). A day (``2023-05-17``) is
a period too, so ``--from 2023-01-01 --to 2023-03-31`` means the whole of the 31st of March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from skillpulse.errors import PeriodError

Grain = Literal["year", "half", "quarter", "month", "week", "day", "range"]

#: Grains that ``enumerate_periods`` can step through.
GRAINS: tuple[str, ...] = ("year", "half", "quarter", "month", "week", "day")

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A half-open interval ``[start, end)`` of naive UTC time with a display label."""

    start: datetime
    end: datetime
    label: str
    grain: Grain = "range"

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise PeriodError(f"period {self.label!r} ends before it starts")

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one (``2023Q2`` -> ``2023Q1``).

        Calendar periods step by one calendar unit; days and explicit ranges step back by
        their own length.
        """
        if self.grain in ("year", "half", "quarter", "month", "week", "day"):
            return period_containing(self.grain, self.start - timedelta(microseconds=1))
        start = self.start - self.length
        return Period(start, self.start, _range_label(start, self.start), "range")

    def __str__(self) -> str:
        return self.label


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def _range_label(start: datetime, end: datetime) -> str:
    last = end - timedelta(microseconds=1)
    return f"{start.date().isoformat()}..{last.date().isoformat()}"


def _month_start(year: int, month: int) -> datetime:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime(year, month, 1)


def _make(grain: str, year: int, index: int) -> Period:
    """The ``index``-th (1-based) period of ``grain`` in ``year``."""
    if grain == "year":
        return Period(datetime(year, 1, 1), datetime(year + 1, 1, 1), f"{year}", "year")
    if grain == "half":
        start = _month_start(year, 6 * (index - 1) + 1)
        return Period(start, _month_start(year, 6 * index + 1), f"{year}H{index}", "half")
    if grain == "quarter":
        start = _month_start(year, 3 * (index - 1) + 1)
        return Period(start, _month_start(year, 3 * index + 1), f"{year}Q{index}", "quarter")
    if grain == "month":
        return Period(
            _month_start(year, index), _month_start(year, index + 1), f"{year}-{index:02d}",
            "month",
        )
    if grain == "week":
        try:
            monday = date.fromisocalendar(year, index, 1)
        except ValueError as exc:
            raise PeriodError(f"no ISO week {index} in {year}") from exc
        start = _dt(monday)
        return Period(start, start + timedelta(days=7), f"{year}-W{index:02d}", "week")
    raise PeriodError(f"unknown grain {grain!r}")


def _day(d: date) -> Period:
    start = _dt(d)
    return Period(start, start + timedelta(days=1), d.isoformat(), "day")


def parse_period(text: str) -> Period:
    """Parse one period string; raise :class:`PeriodError` with the accepted forms."""
    s = text.strip()
    try:
        if m := _YEAR.match(s):
            return _make("year", int(m[1]), 1)
        if m := _HALF.match(s):
            return _make("half", int(m[1]), int(m[2]))
        if m := _QUARTER.match(s):
            return _make("quarter", int(m[1]), int(m[2]))
        if m := _MONTH.match(s):
            month = int(m[2])
            if not 1 <= month <= 12:
                raise PeriodError(f"no month {month}")
            return _make("month", int(m[1]), month)
        if m := _WEEK.match(s):
            return _make("week", int(m[1]), int(m[2]))
        if m := _DAY.match(s):
            return _day(date(int(m[1]), int(m[2]), int(m[3])))
    except (ValueError, PeriodError) as exc:
        raise PeriodError(f"invalid period {text!r}: {exc}") from exc
    if ".." in s:
        left, right = s.split("..", 1)
        return period_between(left, right)
    raise PeriodError(
        f"invalid period {text!r}: use 2023, 2023H1, 2023Q2, 2023-05, 2023-W07, 2023-05-17 "
        "or FROM..TO"
    )


def period_between(first: str | Period, last: str | Period) -> Period:
    """The range from the start of ``first`` to the end of ``last`` (both included)."""
    a = parse_period(first) if isinstance(first, str) else first
    b = parse_period(last) if isinstance(last, str) else last
    if b.end <= a.start:
        raise PeriodError(f"range {a.label}..{b.label} ends before it starts")
    if a == b:
        return a
    return Period(a.start, b.end, _range_label(a.start, b.end), "range")


def resolve_period(
    period: str | Period | None = None,
    *,
    start: str | Period | None = None,
    end: str | Period | None = None,
) -> Period:
    """A period from either ``period`` or a ``start``/``end`` pair (``--from``/``--to``)."""
    if period is not None:
        if start is not None or end is not None:
            raise PeriodError("give either a period or --from/--to, not both")
        return parse_period(period) if isinstance(period, str) else period
    if start is None or end is None:
        raise PeriodError("a period is required (or both --from and --to)")
    return period_between(start, end)


def period_containing(grain: str, moment: datetime) -> Period:
    """The period of ``grain`` that contains ``moment``."""
    if grain == "year":
        return _make("year", moment.year, 1)
    if grain == "half":
        return _make("half", moment.year, 1 if moment.month <= 6 else 2)
    if grain == "quarter":
        return _make("quarter", moment.year, (moment.month - 1) // 3 + 1)
    if grain == "month":
        return _make("month", moment.year, moment.month)
    if grain == "week":
        iso = moment.date().isocalendar()
        return _make("week", iso.year, iso.week)
    if grain == "day":
        return _day(moment.date())
    raise PeriodError(f"unknown grain {grain!r}: use one of {', '.join(GRAINS)}")


def enumerate_periods(grain: str, start: datetime, end: datetime) -> list[Period]:
    """Every period of ``grain`` that overlaps ``[start, end)``, in order, empty ones included."""
    if grain not in GRAINS:
        raise PeriodError(f"unknown grain {grain!r}: use one of {', '.join(GRAINS)}")
    if end <= start:
        return []
    out = [period_containing(grain, start)]
    while out[-1].end < end:
        out.append(period_containing(grain, out[-1].end))
    return out
