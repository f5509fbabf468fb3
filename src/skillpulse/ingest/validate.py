"""Validation: one raw record in, one normalised row out (or a :class:`RowError`).

Rules (documented in ``docs/data-format.md``; the value parsers are in
:mod:`skillpulse.ingest.parse`):
- required fields must be present and non-empty (a constant from ``--set`` or an id derived
  with ``--id-from`` counts as present);
- timestamps are converted to naive UTC, then must fall in the plausible window;
- ``skills`` is a list, or a string holding one (JSON, Python literal, separated);
- numbers may carry a currency and be a range: the range's top and the unit go to ``extra``;
- identifiers may be strings or integers (of any size) and are stored as strings;
- every other column is kept, as JSON, in ``extra``; a column named ``extra`` holding a JSON
  object (what ``skillpulse export`` writes) is merged into it; the store's bookkeeping
  columns ``source_file`` and ``source_line`` and a column with an empty name (the index
  pandas writes) are not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson

from skillpulse.errors import MappingError, RowError
from skillpulse.ingest.kinds import KindSpec
from skillpulse.ingest.parse import (
    DateRules,
    parse_amount,
    parse_skills,
    parse_timestamp,
    to_utc,
)

#: default plausible window for timestamps, [from, to): outside it a row is rejected
DEFAULT_WINDOW = (datetime(1990, 1, 1), datetime(2100, 1, 1))
#: columns that ``skillpulse export`` writes beside the contract: not kept in ``extra``
BOOKKEEPING_COLUMNS = frozenset({"source_file", "source_line"})
_EXACT_FLOAT = 2.0**53


class InexactNumber(RowError):
    """An identifier arrived as a float too large to be exact: the reader should parse the
    row again keeping integers exact (orjson turns integers of 2**64 and more into floats)."""


def parse_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float | Decimal):
        return str(value)
    raise RowError(f"expected text, got {type(value).__name__}")


def parse_id(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowError("expected an identifier, got a boolean")
    if isinstance(value, str | int):
        text = str(value).strip()
        return text or None
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= _EXACT_FLOAT:
            raise InexactNumber("identifier is a number too large to be stored exactly")
        return str(int(value))
    if isinstance(value, float) and math.isnan(value):
        return None
    raise RowError(f"expected an identifier, got {type(value).__name__}")


def _is_missing(value: Any) -> bool:
    return (value is None or (isinstance(value, str) and not value.strip())
            or (isinstance(value, float) and math.isnan(value)))


class Validator:
    """Turns records of one kind into rows for its table.

    ``validate(record)`` returns a tuple in the order of :attr:`columns` (the contract
    columns then ``extra``) or raises :class:`RowError` naming the field. The common cases
    (a string where text is expected, an ISO string for a timestamp) take a fast path; this
    loop is the hot path of ingest.
    """

    def __init__(
        self,
        spec: KindSpec,
        mapping: Mapping[str, str] | None = None,
        *,
        constants: Mapping[str, str] | None = None,
        id_from: tuple[str, ...] = (),
        rules: DateRules | None = None,
        window: tuple[datetime, datetime] = DEFAULT_WINDOW,
    ) -> None:
        self.spec = spec
        #: target field -> source column
        self.mapping = dict(mapping or {})
        self.rules = rules or DateRules()
        self.window = window
        self.id_from = tuple(id_from)
        types = {f.name: f.type for f in spec.fields}
        #: field -> its constant value, parsed once (a bad constant stops before loading)
        self.constants: dict[str, Any] = {}
        for name, raw in (constants or {}).items():
            try:
                self.constants[name] = self._parse(types[name], raw, {})
            except RowError as exc:
                raise MappingError(f"--set {name}={raw}: {exc.reason}") from None
            except KeyError:
                raise MappingError(f"--set names a field that {spec.name} do not have: "
                                   f"{name} (fields: {', '.join(spec.field_names)})") from None
        self._plan = tuple(
            (f.name, self.mapping.get(f.name, f.name), f.type, f.required) for f in spec.fields
        )
        consumed = {src for name, src, _, _ in self._plan
                    if name not in self.constants and not (name == "id" and self.id_from)}
        self._consumed = frozenset(consumed | set(self.id_from))
        self._simple = not self.constants and not self.id_from
        self.columns: tuple[str, ...] = (*(f.name for f in spec.fields), "extra")

    def _parse(self, ftype: str, value: Any, extra: dict[str, Any]) -> Any:
        if ftype == "timestamp":
            return self._timestamp(parse_timestamp(value, self.rules))
        if ftype == "skills":
            return parse_skills(value)
        if ftype == "number":
            amount = parse_amount(value)
            if amount is None:
                return None
            if amount.high is not None:
                extra["max"] = amount.high
            if amount.unit is not None:
                extra["unit"] = amount.unit
            return amount.low
        if ftype == "text":
            return parse_text(value)
        return parse_id(value)

    def _timestamp(self, value: datetime) -> datetime:
        low, high = self.window
        if not low <= value < high:
            raise RowError(
                f"date {value.isoformat()} is outside the plausible window "
                f"{low.date().isoformat()}..{high.date().isoformat()} (see --window)"
            )
        return value

    def validate(self, record: Mapping[str, Any]) -> tuple[Any, ...]:
        out: list[Any] = []
        append = out.append
        get = record.get
        derived: dict[str, Any] | None = None
        simple = self._simple
        low, high = self.window
        for name, source, ftype, required in self._plan:
            if not simple:
                if name in self.constants:
                    append(self.constants[name])
                    continue
                if name == "id" and self.id_from:
                    append(self._derived_id(record))
                    continue
            value = get(source)
            if value is None or value == "":
                if required:
                    raise RowError("required field is missing or empty", name)
                append(None)
                continue
            if type(value) is str:
                if ftype == "text" and not (required and value.isspace()):
                    append(value)
                    continue
                if ftype == "id":
                    value = value.strip()
                    if value:
                        append(value)
                        continue
                    if required:
                        raise RowError("required field is missing or empty", name)
                    append(None)
                    continue
                if ftype == "timestamp":
                    try:
                        parsed = datetime.fromisoformat(value)
                    except ValueError:
                        pass
                    else:
                        if parsed.tzinfo is None and low <= parsed < high:  # the common case
                            append(parsed)
                            continue
                        try:
                            append(self._timestamp(to_utc(parsed)))
                        except RowError as exc:
                            raise RowError(exc.reason, name) from None
                        continue
                if not value.strip():
                    if required:
                        raise RowError("required field is missing or empty", name)
                    append(None)
                    continue
            elif type(value) is float and math.isnan(value):  # pandas writes NaN for blanks
                if required:
                    raise RowError("required field is missing or empty", name)
                append(None)
                continue
            side: dict[str, Any] = {}
            try:
                append(self._parse(ftype, value, side))
            except InexactNumber as exc:
                raise InexactNumber(exc.reason, name) from None
            except RowError as exc:
                raise RowError(exc.reason, name) from None
            if side:
                derived = derived or {}
                derived.update({f"{name}_{k}": v for k, v in side.items()})
        consumed = self._consumed
        if derived is not None or not consumed.issuperset(record):
            append(self._extra(record, derived))
        else:
            append(None)
        return tuple(out)

    def _derived_id(self, record: Mapping[str, Any]) -> str:
        parts = [record.get(col) for col in self.id_from]
        if all(_is_missing(p) for p in parts):
            raise RowError(f"no value in the --id-from column(s) {', '.join(self.id_from)}",
                           "id")
        return content_id(*(None if _is_missing(p) else p for p in parts))

    def _extra(self, record: Mapping[str, Any], derived: dict[str, Any] | None) -> str | None:
        consumed = self._consumed
        extra: dict[str, Any] = {}
        nested = record.get("extra") if "extra" not in consumed else None
        if isinstance(nested, str) and nested.startswith("{"):
            with contextlib.suppress(orjson.JSONDecodeError):
                nested = orjson.loads(nested)
        if isinstance(nested, dict):  # an export's extra column: merged, not nested
            extra.update(nested)
        for k, v in record.items():
            if k in consumed or k in BOOKKEEPING_COLUMNS or v is None or not k:
                continue
            if k == "extra" and isinstance(nested, dict):
                continue
            if type(v) is float and math.isnan(v):
                continue
            extra[k] = v
        if derived:
            extra.update(derived)
        return orjson.dumps(extra, default=str).decode() if extra else None


def content_id(*parts: Any) -> str:
    """A stable ID from content, for events that come without one (searches, ``--id-from``).

    The same function as the SQL in :func:`skillpulse.ingest.pipeline._merge_stage`:
    ``'h:' || md5(searched_at ISO || 0x1f || query || 0x1f || client_id)[:20]``.
    """
    digest = hashlib.md5(
        "\x1f".join("" if p is None else str(p) for p in parts).encode(), usedforsecurity=False
    )
    return "h:" + digest.hexdigest()[:20]

