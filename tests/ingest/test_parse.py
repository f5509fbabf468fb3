"""Issue 14: the value rules for real exports, each with the cases it rejects."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from skillpulse.errors import RowError
from skillpulse.ingest.parse import (
    Amount,
    DateRules,
    parse_amount,
    parse_number,
    parse_skills,
    parse_timestamp,
)


@pytest.mark.parametrize(("cell", "expected"), [
    ('["Go", "Rust"]', ["Go", "Rust"]),                       # JSON
    ("['Google Play', 'Tablet']", ["Google Play", "Tablet"]),  # pandas' repr of a list
    ('[\'It\\\'s\', "C;D"]', ["It's", "C;D"]),                 # Python literal, mixed quotes
    ("Python; Go", ["Python", "Go"]),
    ("Python | Go", ["Python", "Go"]),
    ("Python, Go", ["Python", "Go"]),
    ("A, B; C", ["A, B", "C"]),                               # ';' before ','
    ("Python\nGo\n- Rust\n\n", ["Python", "Go", "Rust"]),     # one tag per line, bullets
    ("ChatGPT", ["ChatGPT"]),
    ("[]", []),
    ("   ", None),
])
def test_skill_lists(cell: str, expected: list[str] | None) -> None:
    assert parse_skills(cell) == expected


@pytest.mark.parametrize("cell", [
    "['Go', 'Rust'",                      # unclosed
    "[__import__('os').getcwd()]",        # code is never run: literal_eval refuses it
    '[{"name": "Go"}]',                   # objects are not tags
    "[1, [2]]",
])
def test_skill_lists_rejected(cell: str) -> None:
    with pytest.raises(RowError):
        parse_skills(cell)


AS_OF = DateRules(as_of=datetime(2025, 3, 31, 12, 0))


@pytest.mark.parametrize(("cell", "rules", "expected"), [
    ("2025-02-15", None, datetime(2025, 2, 15)),
    ("2025-02-15T10:00:00Z", None, datetime(2025, 2, 15, 10)),
    ("2025-02-15T10:00:00+02:00", None, datetime(2025, 2, 15, 8)),   # to UTC
    ("20250215", None, datetime(2025, 2, 15)),                        # ISO basic
    ("02/15/2025", None, datetime(2025, 2, 15)),                      # US
    ("2/5/2025 3:04 PM", None, datetime(2025, 2, 5, 15, 4)),
    ("15/02/2025", DateRules(dayfirst=True), datetime(2025, 2, 15)),
    ("05.02.2025", DateRules(dayfirst=True), datetime(2025, 2, 5)),
    ("1739577600", None, datetime(2025, 2, 15)),                      # epoch seconds
    (1739577600, None, datetime(2025, 2, 15)),
    (1739577600123, None, datetime(2025, 2, 15, 0, 0, 0, 123000)),    # epoch milliseconds
    ("2 days ago", AS_OF, datetime(2025, 3, 29, 12, 0)),
    ("an hour ago", AS_OF, datetime(2025, 3, 31, 11, 0)),
    ("1 month ago", AS_OF, datetime(2025, 2, 28, 12, 0)),             # clamped to Feb 28
    ("3 weeks ago", AS_OF, datetime(2025, 3, 10, 12, 0)),
    ("yesterday", AS_OF, datetime(2025, 3, 30, 12, 0)),
    (date(2025, 2, 15), None, datetime(2025, 2, 15)),                 # Parquet date32
])
def test_dates(cell: object, rules: DateRules | None, expected: datetime) -> None:
    assert parse_timestamp(cell, rules) == expected


@pytest.mark.parametrize(("cell", "rules", "reason"), [
    ("15/02/2025", None, "--dayfirst"),                 # no month 15 in US order
    ("02/15/2025", DateRules(dayfirst=True), "without --dayfirst"),
    ("02/30/2025", None, "unparsable date"),
    ("2 days ago", None, "needs --as-of"),
    ("next tuesday", AS_OF, "unparsable date"),
    ("9999-12-31T23:59:59-05:00", None, "outside the years 1-9999"),   # year 10000 in UTC
    ("0001-01-01T00:00:00+05:00", None, "outside the years 1-9999"),   # BC in UTC
    (10**20, None, "outside the years 1-9999"),
    (True, None, "boolean"),
])
def test_dates_rejected(cell: object, rules: DateRules | None, reason: str) -> None:
    with pytest.raises(RowError, match=reason):
        parse_timestamp(cell, rules)


@pytest.mark.parametrize(("cell", "expected"), [
    ("$30-$50/hr", Amount(30, 50, "hr")),
    ("$30 - $50 per hour", Amount(30, 50, "hour")),
    ("$1,500", Amount(1500)),
    ("1.5k", Amount(1500)),
    ("30-50k", Amount(30000, 50000)),
    ("€200", Amount(200)),
    ("USD 300", Amount(300)),
    ("300 EUR", Amount(300)),
    (12.5, Amount(12.5)),
    ("", None),
])
def test_amounts(cell: object, expected: Amount | None) -> None:
    assert parse_amount(cell) == expected


@pytest.mark.parametrize("cell", ["negotiable", "$50-$30", "1,50", "$", "-5", "30--50"])
def test_amounts_rejected(cell: str) -> None:
    with pytest.raises(RowError):
        parse_amount(cell)


def test_a_single_number_refuses_a_range() -> None:
    assert parse_number("$1,200") == 1200
    with pytest.raises(RowError, match="range"):
        parse_number("$30-$50")
