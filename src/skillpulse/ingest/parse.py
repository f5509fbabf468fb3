"""Value parsers for real exports: skill lists, dates and amounts, each rule explicit.

Every parser takes one cell (a string from CSV, or a JSON/Parquet value) and returns the
normalised value, or raises :class:`~skillpulse.errors.RowError` with a reason that names what
was wrong. The rules, with the cases each one rejects, are listed in ``docs/data-format.md``.
Nothing here calls ``eval``: Python list literals go through :func:`ast.literal_eval`.
"""

from __future__ import annotations

import ast
import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import orjson

from skillpulse.errors import RowError

#: a list literal longer than this is not handed to ``ast.literal_eval`` (its cost and its
#: recursion depth grow with the input)
MAX_LITERAL_CHARS = 100_000
#: epoch numbers at or above this magnitude are milliseconds (1e11 seconds is year 5138)
EPOCH_MS_FROM = 100_000_000_000

_BULLETS = "-*•·"


def parse_skills(value: Any) -> list[str] | None:
    """A skill list: a JSON list, a Python list literal, or a separated string.

    Strings are read by the first rule that applies: ``[...]`` as a JSON list, else as a
    Python literal (``['Google Play', 'Tablet']``, what pandas writes for list columns);
    one tag per line when the cell has line breaks; else split on ``;``, else on ``|``,
    else on ``,``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith("["):
            value = _list_literal(text)
        elif "\n" in text:
            items = (line.strip().lstrip(_BULLETS).strip() for line in text.splitlines())
            return [s for s in items if s]
        else:
            sep = ";" if ";" in text else "|" if "|" in text else ","
            return [s.strip() for s in text.split(sep) if s.strip()]
    if isinstance(value, list | tuple):
        out = []
        for item in value:
            if item is None:
                continue
            if not isinstance(item, str | int | float) or isinstance(item, bool):
                raise RowError("expected a list of strings")
            s = str(item).strip()
            if s:
                out.append(s)
        return out
    raise RowError(f"expected a list of strings, got {type(value).__name__}")


def _list_literal(text: str) -> list[Any]:
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        if len(text) > MAX_LITERAL_CHARS:
            raise RowError("malformed list: not JSON, and too long to read as a Python "
                           "literal") from None
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
            raise RowError("malformed list: neither a JSON list nor a Python list "
                           "literal") from None
    if not isinstance(value, list | tuple):
        raise RowError(f"expected a list of strings, got {type(value).__name__}")
    return list(value)


# ---------------------------------------------------------------------------------- dates

@dataclass(frozen=True)
class DateRules:
    """How ambiguous dates are read: day-first numeric dates, and the date that relative
    dates ("2 days ago") count back from (naive UTC)."""

    dayfirst: bool = False
    as_of: datetime | None = None


_NUMERIC_DATE = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_RELATIVE = re.compile(
    r"(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago", re.IGNORECASE
)
_EPOCH = re.compile(r"-?\d+(?:\.\d+)?")
_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def to_utc(value: datetime) -> datetime:
    """A naive UTC datetime; aware values are converted. Raises RowError when the converted
    value leaves the years 1-9999 (``9999-12-31T23:59:59-05:00`` is year 10000 in UTC)."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        raise RowError(f"date {value.isoformat()} is outside the years 1-9999 in UTC") from None


def parse_timestamp(value: Any, rules: DateRules | None = None) -> datetime:
    """A date or datetime, as naive UTC. See ``docs/data-format.md`` for the accepted forms."""
    rules = rules or _DEFAULT_RULES
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise RowError("expected a date, got a boolean")
    if isinstance(value, int | float | Decimal):
        return _from_epoch(float(value), value)
    if not isinstance(value, str):
        raise RowError(f"expected a date, got {type(value).__name__}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if _EPOCH.fullmatch(text) and len(text) != 8:  # 8 digits: ISO basic, 20250215
        return _from_epoch(float(text), value)
    try:
        return to_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        return _numeric_date(match, value, rules.dayfirst)
    lowered = text.lower()
    match = _RELATIVE.fullmatch(lowered)
    if match or lowered in ("today", "yesterday", "just now"):
        if rules.as_of is None:
            raise RowError(f"relative date {value!r} needs --as-of DATE to count back from")
        return _relative(match, lowered, rules.as_of)
    raise RowError(f"unparsable date {value!r}")


_DEFAULT_RULES = DateRules()


def _from_epoch(number: float, original: Any) -> datetime:
    seconds = number / 1000 if abs(number) >= EPOCH_MS_FROM else number
    try:
        return datetime(1970, 1, 1) + timedelta(seconds=seconds)
    except OverflowError:
        raise RowError(f"epoch value {original!r} is outside the years 1-9999") from None


def _numeric_date(match: re.Match[str], original: str, dayfirst: bool) -> datetime:
    first, _, second, year, hour, minute, sec, ampm = match.groups()
    month, day = (int(second), int(first)) if dayfirst else (int(first), int(second))
    if month > 12:
        hint = ("pass --dayfirst to read DD/MM/YYYY" if not dayfirst
                else "without --dayfirst it reads MM/DD/YYYY")
        raise RowError(f"unparsable date {original!r}: no month {month} ({hint})")
    h = int(hour or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise RowError(f"unparsable date {original!r}: hour {h} with {ampm}")
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    try:
        return datetime(int(year), month, day, h, int(minute or 0), int(sec or 0))
    except ValueError as exc:
        raise RowError(f"unparsable date {original!r}: {exc}") from None


def _relative(match: re.Match[str] | None, lowered: str, as_of: datetime) -> datetime:
    if match is None:
        days = {"today": 0, "just now": 0, "yesterday": 1}[lowered]
        return as_of - timedelta(days=days)
    count_text, unit = match.groups()
    count = 1 if count_text in ("a", "an", "one") else int(count_text)
    try:
        if unit in _UNIT_SECONDS:
            return as_of - timedelta(seconds=count * _UNIT_SECONDS[unit])
        months = count * (12 if unit == "year" else 1)
        total = as_of.year * 12 + as_of.month - 1 - months
        year, month = divmod(total, 12)
        month += 1
        day = min(as_of.day, calendar.monthrange(year, month)[1])
        return as_of.replace(year=year, month=month, day=day)
    except (OverflowError, ValueError):
        raise RowError(f"relative date {lowered!r} is outside the years 1-9999") from None


# -------------------------------------------------------------------------------- amounts

@dataclass(frozen=True)
class Amount:
    """A parsed amount: ``low`` (the number, or the bottom of a range), ``high`` (the top of
    a range, else None) and the unit after a slash (``"hr"`` in ``$30-$50/hr``), if any."""

    low: float
    high: float | None = None
    unit: str | None = None


_CURRENCY = r"(?:[$€£¥₹]|usd|eur|gbp|cad|aud|inr|us\$)"
_NUMBER = r"(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(k)?"
_SIDE = rf"{_CURRENCY}?\s*{_NUMBER}\s*{_CURRENCY}?"
_AMOUNT = re.compile(
    rf"{_SIDE}(?:\s*(?:-|–|—|to)\s*{_SIDE})?\s*(?:(?:/|per\s+)\s*([a-z]+))?", re.IGNORECASE
)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")


def parse_amount(value: Any) -> Amount | None:
    """A number, with an optional currency sign or code, thousands commas, a ``k`` suffix, a
    range (``30-50``, ``$30 to $50``) and a unit (``/hr``, ``per hour``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowError("expected a number, got a boolean")
    if isinstance(value, int | float | Decimal):
        return Amount(float(value))
    if not isinstance(value, str):
        raise RowError(f"expected a number, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise RowError(f"expected a number or a range, got {value!r}")
    low_text, low_k, high_text, high_k, unit = match.groups()
    low = _number(low_text, low_k, value)
    if high_text is None:
        return Amount(low, None, unit.lower() if unit else None)
    high = _number(high_text, high_k, value)
    if low_k is None and high_k is not None:  # "30-50k": the k applies to both
        low *= 1000
    if high < low:
        raise RowError(f"range {value!r} ends below its start")
    return Amount(low, high, unit.lower() if unit else None)


def _number(text: str, k: str | None, original: str) -> float:
    if not _THOUSANDS.fullmatch(text):
        raise RowError(f"misplaced thousands separator in {original!r}")
    number = float(text.replace(",", ""))
    return number * 1000 if k else number


def parse_number(value: Any) -> float | None:
    """A single number (see :func:`parse_amount`); a range is refused."""
    amount = parse_amount(value)
    if amount is None:
        return None
    if amount.high is not None:
        raise RowError(f"expected one number, got the range {value!r}")
    return amount.low
