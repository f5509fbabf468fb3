"""Column mappings: ``--map``, ``--set``, ``--id-from``, ``--dayfirst``, ``--as-of`` and
``--mapping FILE.toml``.

A mapping says how a file feeds the contract: which input column feeds which field
(``field=column``), which fields are one constant for every row (``--set posted_at=2025-02-15``),
which columns an ID is derived from when the file has none (``--id-from url``), and how
ambiguous dates are read. A TOML file holds the same (see ``docs/data-format.md``)::

    kind = "postings"
    format = "csv"
    id_from = ["url"]
    dayfirst = false
    as_of = "2025-03-01"
    window = ["2000-01-01", "2100-01-01"]
    [columns]
    posted_at = "post_date"
    [set]
    country = "US"

Command-line options override the file's. Before any row is loaded, :meth:`Mapping.check_columns`
compares the mapping with the columns the file has and stops, naming the column, when one is
missing.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from skillpulse.errors import MappingError, RowError
from skillpulse.ingest.kinds import KindSpec
from skillpulse.ingest.parse import DateRules, parse_timestamp
from skillpulse.ingest.validate import DEFAULT_WINDOW

_TOP_KEYS = ("kind", "format", "columns", "set", "id_from", "dayfirst", "as_of", "window")


@dataclass(frozen=True)
class Mapping:
    #: contract field -> input column
    columns: dict[str, str] = field(default_factory=dict)
    kind: str | None = None
    format: str | None = None
    #: contract field -> one value for every row (``--set``, TOML ``[set]``)
    constants: dict[str, str] = field(default_factory=dict)
    #: columns whose values hash to the ``id`` when the file has none (``--id-from``)
    id_from: tuple[str, ...] = ()
    #: numeric dates are DD/MM/YYYY instead of MM/DD/YYYY
    dayfirst: bool = False
    #: the date that relative dates ("2 days ago") count back from (ISO)
    as_of: str | None = None
    #: the plausible window [from, to) for timestamps (ISO dates); None: the default
    window: tuple[str, str] | None = None

    def check(self, spec: KindSpec) -> None:
        """Refuse fields the kind does not have and contradictory instructions."""
        fields = set(spec.field_names)
        for what, names in (("mapping", self.columns), ("--set", self.constants)):
            unknown = sorted(set(names) - fields)
            if unknown:
                raise MappingError(
                    f"{what} names fields that {spec.name} do not have: {', '.join(unknown)} "
                    f"(fields: {', '.join(spec.field_names)})"
                )
        both = sorted(set(self.columns) & set(self.constants))
        if both:
            raise MappingError(f"{', '.join(both)}: both mapped to a column and set to a "
                               "constant; keep one")
        if self.id_from:
            if "id" not in fields:
                raise MappingError(f"--id-from: {spec.name} have no id field")
            if "id" in self.columns or "id" in self.constants:
                raise MappingError("id: both mapped (or set) and derived with --id-from; keep one")
        self.date_rules()
        self.window_bounds()

    def check_columns(self, spec: KindSpec, found: Sequence[str] | None, path: str) -> None:
        """Stop before loading when the file lacks a column the mapping names, or a column
        for a required field; the message lists the columns found and the closest name.
        ``found`` None (a file with no readable header or object) checks nothing: its rows
        are rejected one by one."""
        if found is None:
            return
        have = set(found)
        for name in spec.field_names:
            if name in self.constants or (name == "id" and self.id_from):
                continue
            source = self.columns.get(name)
            if source is not None and source not in have:
                hint = f"--set {name}={source} to give every row this value" if (
                    name == spec.time_field and _is_date(source)) else ""
                raise MappingError(_missing(path, f"--map {name}={source}", source, found,
                                            hint=hint))
            if source is None and name in spec.required and name not in have:
                hint = (f"--map {name}=COLUMN or --id-from COLUMN" if name == "id"
                        else f"--map {name}=COLUMN or --set {name}=VALUE")
                raise MappingError(_missing(path, f"required field {name}", name, found,
                                            hint=hint))
        for column in self.id_from:
            if column not in have:
                raise MappingError(_missing(path, f"--id-from {column}", column, found))

    def date_rules(self) -> DateRules:
        as_of = None
        if self.as_of is not None:
            try:
                as_of = parse_timestamp(self.as_of)
            except RowError as exc:
                raise MappingError(f"--as-of {self.as_of}: {exc.reason}") from None
        return DateRules(dayfirst=self.dayfirst, as_of=as_of)

    def window_bounds(self) -> tuple[datetime, datetime]:
        if self.window is None:
            return DEFAULT_WINDOW
        try:
            low, high = (parse_timestamp(v) for v in self.window)
        except (RowError, ValueError):
            raise MappingError(f"--window {'..'.join(self.window)}: expected two ISO dates, "
                               "FROM..TO") from None
        if not low < high:
            raise MappingError(f"--window {'..'.join(self.window)}: FROM must be before TO")
        return low, high


def _is_date(text: str) -> bool:
    try:
        parse_timestamp(text)
    except RowError:
        return False
    return True


def _missing(path: str, what: str, column: str, found: Sequence[str], hint: str = "") -> str:
    close = difflib.get_close_matches(column, list(found), n=1, cutoff=0.5)
    if not close:
        lowered = {c.lower(): c for c in found}
        close = [lowered[column.lower()]] if column.lower() in lowered else []
    message = f"{path}: {what}: the file has no column {column!r}"
    if close:
        message += f" (did you mean {close[0]!r}?)"
    if hint:
        message += f"; use {hint}"
    shown = ", ".join(found[:40]) + (f", ... ({len(found)} in all)" if len(found) > 40 else "")
    return f"{message}. Columns found: {shown or 'none'}"


def parse_pairs(pairs: Iterable[str], option: str = "--map") -> dict[str, str]:
    out: dict[str, str] = {}
    what = "FIELD=COLUMN" if option == "--map" else "FIELD=VALUE"
    for pair in pairs:
        target, sep, source = pair.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise MappingError(f"{option} expects {what}, got {pair!r}")
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
    columns = data.pop("columns", None)
    known = {k: data.pop(k) for k in _TOP_KEYS if k in data}
    if columns is None:
        columns = data
    elif data:
        raise MappingError(f"{path}: unexpected keys beside [columns]: {', '.join(data)} "
                           f"(known: {', '.join(_TOP_KEYS)})")
    _strings(path, "columns", columns)
    constants = known.get("set", {})
    if not isinstance(constants, dict):
        raise MappingError(f"{path}: [set] must be a table of FIELD = \"VALUE\"")
    constants = {k: v if isinstance(v, str) else str(v) for k, v in constants.items()}
    id_from = known.get("id_from", ())
    if isinstance(id_from, str):
        id_from = (id_from,)
    if not isinstance(id_from, list | tuple) or not all(isinstance(c, str) for c in id_from):
        raise MappingError(f"{path}: id_from must be a column name or a list of them")
    dayfirst = known.get("dayfirst", False)
    if not isinstance(dayfirst, bool):
        raise MappingError(f"{path}: dayfirst must be true or false")
    as_of = known.get("as_of")
    window = known.get("window")
    if window is not None and (not isinstance(window, list) or len(window) != 2):
        raise MappingError(f"{path}: window must be [\"FROM\", \"TO\"]")
    return Mapping(
        dict(columns), known.get("kind"), known.get("format"), constants, tuple(id_from),
        dayfirst, None if as_of is None else str(as_of),
        None if window is None else (str(window[0]), str(window[1])),
    )


def _strings(path: Path, table: str, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if not isinstance(value, str):
            raise MappingError(f"{path}: [{table}] {key!r} must map to a column name (a string)")


def build_mapping(
    file: str | Path | None,
    pairs: MappingABC[str, str] | Iterable[str] = (),
    *,
    constants: MappingABC[str, Any] | Iterable[str] | None = None,
    id_from: Iterable[str] | str | None = None,
    dayfirst: bool | None = None,
    as_of: str | None = None,
    window: tuple[str, str] | None = None,
) -> Mapping:
    """The mapping of ``file`` (a TOML file, or None) with the command line's on top.

    ``pairs`` are ``FIELD=COLUMN`` strings or a dict FIELD -> COLUMN; ``constants`` are
    ``FIELD=VALUE`` strings or a dict FIELD -> VALUE; ``id_from`` column names
    (comma-separated strings are split).
    A field set on the command line replaces the file's column for it, and vice versa.
    """
    base = load_mapping(file) if file else Mapping()
    cli_columns = (dict(pairs) if isinstance(pairs, MappingABC) else parse_pairs(pairs))
    if constants is None:
        cli_constants: dict[str, str] = {}
    elif isinstance(constants, MappingABC):
        cli_constants = {k: str(v) for k, v in constants.items()}
    else:
        cli_constants = parse_pairs(constants, "--set")
    columns = {k: v for k, v in base.columns.items() if k not in cli_constants}
    columns.update(cli_columns)
    merged_constants = {k: v for k, v in base.constants.items() if k not in cli_columns}
    merged_constants.update(cli_constants)
    if isinstance(id_from, str):
        id_from = [id_from]
    derived = tuple(c.strip() for item in (id_from or ()) for c in item.split(",") if c.strip())
    if derived and "id" not in cli_columns:
        columns.pop("id", None)  # --id-from replaces the file's id column
    if not derived and ("id" in cli_columns or "id" in cli_constants):
        derived = ()
    else:
        derived = derived or base.id_from
    return Mapping(
        columns, base.kind, base.format, merged_constants, derived,
        base.dayfirst if dayfirst is None else dayfirst,
        base.as_of if as_of is None else as_of,
        base.window if window is None else window,
    )
