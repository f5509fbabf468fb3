from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from skillpulse.analytics.periods import (
    enumerate_periods,
    parse_period,
    period_between,
    resolve_period,
)
from skillpulse.errors import PeriodError


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2023", datetime(2023, 1, 1), datetime(2024, 1, 1), "2023"),
        ("2023H1", datetime(2023, 1, 1), datetime(2023, 7, 1), "2023H1"),
        ("2023h2", datetime(2023, 7, 1), datetime(2024, 1, 1), "2023H2"),
        ("2023Q2", datetime(2023, 4, 1), datetime(2023, 7, 1), "2023Q2"),
        ("2023-Q4", datetime(2023, 10, 1), datetime(2024, 1, 1), "2023Q4"),
        ("2023-05", datetime(2023, 5, 1), datetime(2023, 6, 1), "2023-05"),
        ("2023-12", datetime(2023, 12, 1), datetime(2024, 1, 1), "2023-12"),
        # ISO week 7 of 2023 starts on Monday 13 February
        ("2023-W07", datetime(2023, 2, 13), datetime(2023, 2, 20), "2023-W07"),
        # ISO week 1 of 2021 starts on 4 January; 2020 has a week 53
        ("2021-W01", datetime(2021, 1, 4), datetime(2021, 1, 11), "2021-W01"),
        ("2020-W53", datetime(2020, 12, 28), datetime(2021, 1, 4), "2020-W53"),
        ("2024-02-29", datetime(2024, 2, 29), datetime(2024, 3, 1), "2024-02-29"),
    ],
)
def test_parse_period(text: str, start: datetime, end: datetime, label: str) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.label) == (start, end, label)


@pytest.mark.parametrize("text", ["2023Q5", "2023-13", "2021-W53", "2023H3", "23Q1", "",
                                  "2023-02-30", "last year"])
def test_invalid_periods_raise(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_from_to_range_includes_the_last_day() -> None:
    p = resolve_period(start="2023-01-15", end="2023-03-31")
    assert p.start == datetime(2023, 1, 15)
    assert p.end == datetime(2023, 4, 1)
    assert p.label == "2023-01-15..2023-03-31"
    assert parse_period("2023-01-15..2023-03-31") == p
    assert period_between("2023Q1", "2023Q2").end == datetime(2023, 7, 1)
    with pytest.raises(PeriodError):
        resolve_period("2023", start="2023-01-01", end="2023-02-01")
    with pytest.raises(PeriodError):
        resolve_period(start="2023-03-01", end="2023-01-01")


def test_half_open_interval() -> None:
    q2 = parse_period("2023Q2")
    assert q2.contains(datetime(2023, 4, 1))
    assert q2.contains(datetime(2023, 6, 30, 23, 59, 59))
    assert not q2.contains(datetime(2023, 7, 1))
    assert not q2.contains(datetime(2023, 3, 31, 23, 59, 59))


def test_previous_period_of_same_kind() -> None:
    assert parse_period("2023Q1").previous().label == "2022Q4"
    assert parse_period("2023-03").previous().label == "2023-02"
    assert parse_period("2023H1").previous().label == "2022H2"
    assert parse_period("2023").previous().label == "2022"
    assert parse_period("2021-W01").previous().label == "2020-W53"
    r = resolve_period(start="2023-01-11", end="2023-01-20")  # ten days
    prev = r.previous()
    assert (prev.start, prev.end) == (datetime(2023, 1, 1), datetime(2023, 1, 11))


def test_enumerate_months_quarters_weeks() -> None:
    months = enumerate_periods("month", datetime(2022, 11, 5), datetime(2023, 2, 1))
    assert [p.label for p in months] == ["2022-11", "2022-12", "2023-01"]
    quarters = enumerate_periods("quarter", datetime(2022, 12, 31), datetime(2023, 4, 2))
    assert [p.label for p in quarters] == ["2022Q4", "2023Q1", "2023Q2"]
    weeks = enumerate_periods("week", datetime(2020, 12, 20), datetime(2021, 1, 5))
    assert [p.label for p in weeks] == ["2020-W51", "2020-W52", "2020-W53", "2021-W01"]
    # contiguous, no gaps
    for a, b in itertools.pairwise(weeks):
        assert a.end == b.start
    assert enumerate_periods("month", datetime(2023, 1, 1), datetime(2023, 1, 1)) == []
    with pytest.raises(PeriodError):
        enumerate_periods("decade", datetime(2023, 1, 1), datetime(2024, 1, 1))
