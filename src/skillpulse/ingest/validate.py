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
from datetime import datetime
from typing import Any

import orjson

from skillpulse.errors import RowError
from skillpulse.ingest.kinds import KindSpec


def parse_timestamp(value: Any) -> datetime:
    """An ISO 8601 date or datetime, with or without zone.

    Aware values are converted to UTC when they are written to the store (the Arrow column is
    UTC); naive values are taken as UTC."""
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
    """Turns records of one kind into rows for its table.

    ``validate(record)`` returns a tuple in the order of :attr:`columns` (the contract
    columns then ``extra``) or raises :class:`RowError` naming the field. The common cases
    (a string where text is expected, an ISO string for a timestamp) take a fast path; this
    loop is the hot path of ingest.
    """

    def __init__(self, spec: KindSpec, mapping: Mapping[str, str] | None = None) -> None:
        self.spec = spec
        #: target field -> source column
        self.mapping = dict(mapping or {})
        self._plan = tuple(
            (f.name, self.mapping.get(f.name, f.name), f.type, f.required) for f in spec.fields
        )
        self._consumed = frozenset(src for _, src, _, _ in self._plan)
        self.columns: tuple[str, ...] = (*(f.name for f in spec.fields), "extra")

    def validate(self, record: Mapping[str, Any]) -> tuple[Any, ...]:
        out: list[Any] = []
        append = out.append
        get = record.get
        for name, source, ftype, required in self._plan:
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
                        append(datetime.fromisoformat(value))
                        continue
                    except ValueError:
                        pass
                if not value.strip():
                    if required:
                        raise RowError("required field is missing or empty", name)
                    append(None)
                    continue
            try:
                append(_PARSERS[ftype](value))
            except RowError as exc:
                raise RowError(exc.reason, name) from None
        consumed = self._consumed
        if not consumed.issuperset(record):
            extra = {k: v for k, v in record.items() if k not in consumed and v is not None}
            append(orjson.dumps(extra, default=str).decode() if extra else None)
        else:
            append(None)
        return tuple(out)


def content_id(*parts: Any) -> str:
    """A stable ID from content, for events that come without one (searches).

    The same function as the SQL in :func:`skillpulse.ingest.pipeline._merge_stage`:
    ``'h:' || md5(searched_at ISO || 0x1f || query || 0x1f || client_id)[:20]``.
    """
    digest = hashlib.md5(
        "\x1f".join("" if p is None else str(p) for p in parts).encode(), usedforsecurity=False
    )
    return "h:" + digest.hexdigest()[:20]
