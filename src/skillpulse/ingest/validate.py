"""Validation: one raw record in, one normalised row out (or a :class:`RowError`).

Rules (documented in ``docs/data-format.md``):
- required fields must be present and non-empty;
- timestamps are ISO 8601 dates or datetimes, with or without zone, stored as naive UTC;
- ``skills`` is a JSON list of strings, or a string separated by ``;`` (else ``,``), or a
  JSON list inside a string;
- ``budget`` is a number (a numeric string is accepted);
- identifiers may be strings or integers and are stored as strings;
- every other column is kept, as JSON, in ``extra``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from skillpulse.errors import RowError
from skillpulse.ingest.kinds import FieldSpec, KindSpec

Row = dict[str, Any]


def parse_timestamp(value: Any) -> datetime:
    """An ISO 8601 date or datetime (any zone) as a naive UTC datetime."""
    if isinstance(value, datetime):
        parsed = value
    else:
        if not isinstance(value, str):
            raise RowError(f"expected an ISO 8601 date, got {type(value).__name__}")
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise RowError(f"unparsable date {value!r}") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def parse_skills(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith("["):
            try:
                value = orjson.loads(text)
            except orjson.JSONDecodeError:
                raise RowError("malformed JSON list") from None
        else:
            sep = ";" if ";" in text else ","
            return [s.strip() for s in text.split(sep) if s.strip()]
    if isinstance(value, list | tuple):
        out = []
        for item in value:
            if item is None:
                continue
            if not isinstance(item, str | int | float):
                raise RowError("expected a list of strings")
            s = str(item).strip()
            if s:
                out.append(s)
        return out
    raise RowError(f"expected a list of strings, got {type(value).__name__}")


def parse_number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise RowError("expected a number, got a boolean")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", ""))
        except ValueError:
            raise RowError(f"expected a number, got {value!r}") from None
    raise RowError(f"expected a number, got {type(value).__name__}")


def parse_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise RowError(f"expected an identifier, got {type(value).__name__}")


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "timestamp": parse_timestamp,
    "skills": parse_skills,
    "number": parse_number,
    "text": parse_text,
    "id": parse_id,
}


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Validator:
    """Turns records of one kind into rows for its table (``validate(record) -> Row``)."""

    def __init__(self, spec: KindSpec, mapping: Mapping[str, str] | None = None) -> None:
        self.spec = spec
        #: target field -> source column
        self.mapping = dict(mapping or {})
        self._fields: tuple[FieldSpec, ...] = spec.fields
        self._sources = {f.name: self.mapping.get(f.name, f.name) for f in spec.fields}
        self._consumed = set(self._sources.values())

    def validate(self, record: Mapping[str, Any]) -> Row:
        row: Row = {}
        for spec in self._fields:
            value = record.get(self._sources[spec.name])
            if _is_missing(value):
                if spec.required:
                    raise RowError("required field is missing or empty", spec.name)
                row[spec.name] = None
                continue
            try:
                row[spec.name] = _PARSERS[spec.type](value)
            except RowError as exc:
                raise RowError(exc.reason, spec.name) from None
        extra = {k: v for k, v in record.items() if k not in self._consumed and v is not None}
        row["extra"] = orjson.dumps(extra, default=str).decode() if extra else None
        kind = self.spec.name
        if kind == "searches" and row["id"] is None:
            row["id"] = content_id(row["searched_at"], row["query"], row["client_id"])
        elif kind == "profiles":
            row["id"] = f"{row['freelancer_id']}@{row['observed_at'].isoformat()}"
        return row


def content_id(*parts: Any) -> str:
    """A stable ID from content, for events that come without one (searches)."""
    digest = hashlib.blake2b(
        "\x1f".join("" if p is None else str(p) for p in parts).encode(), digest_size=10
    )
    return "h:" + digest.hexdigest()
