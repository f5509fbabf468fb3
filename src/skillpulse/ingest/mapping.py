"""Column mappings: ``--map posted_at=post_date`` and ``--mapping FILE.toml``.

A mapping says which input column feeds which contract field (``field=column``). A TOML
file holds the same pairs, either at top level or under ``[columns]``; it may also name the
``kind`` and ``format`` it is meant for. Command-line pairs override the file's.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from skillpulse.errors import MappingError
from skillpulse.ingest.kinds import KindSpec


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)
    kind: str | None = None
    format: str | None = None

    def check(self, spec: KindSpec) -> None:
        unknown = sorted(set(self.columns) - set(spec.field_names))
        if unknown:
            raise MappingError(
                f"mapping names fields that {spec.name} do not have: {', '.join(unknown)} "
                f"(fields: {', '.join(spec.field_names)})"
            )


def parse_pairs(pairs: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        target, sep, source = pair.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise MappingError(f"--map expects FIELD=COLUMN, got {pair!r}")
        out[target.strip()] = source.strip()
    return out


def load_mapping(path: str | Path) -> Mapping:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{path}: cannot read mapping file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: invalid TOML: {exc}") from exc
    kind = data.pop("kind", None)
    fmt = data.pop("format", None)
    columns = data.pop("columns", None)
    if columns is None:
        columns = data
    elif data:
        raise MappingError(f"{path}: unexpected keys beside [columns]: {', '.join(data)}")
    for key, value in columns.items():
        if not isinstance(value, str):
            raise MappingError(f"{path}: field {key!r} must map to a column name (a string)")
    return Mapping(dict(columns), kind, fmt)


def build_mapping(file: str | Path | None, pairs: Iterable[str]) -> Mapping:
    base = load_mapping(file) if file else Mapping()
    return Mapping({**base.columns, **parse_pairs(pairs)}, base.kind, base.format)
