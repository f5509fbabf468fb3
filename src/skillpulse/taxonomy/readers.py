"""Small readers shared by the general-taxonomy loaders (gzip or plain text, hierarchy cells)."""

from __future__ import annotations

import ast
import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from skillpulse.errors import InputFileError


def open_text(path: Path) -> io.TextIOBase:
    """A text stream over ``path``; ``.gz`` files are decompressed."""
    if not path.is_file():
        raise InputFileError(str(path), "no such file")
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def read_columns(path: Path, columns: tuple[str, ...], *, delimiter: str = ","
                 ) -> Iterator[list[str]]:
    """Rows of a CSV/TSV file as lists holding ``columns`` in that order (faster than dicts);
    a missing column is an :class:`InputFileError`."""
    with open_text(path) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = next(reader, [])
        missing = [c for c in columns if c not in header]
        if missing:
            raise InputFileError(str(path), f"missing column(s) {missing}; found {header}")
        idx = [header.index(c) for c in columns]
        width = max(idx) + 1
        for row in reader:
            if len(row) < width:
                row = row + [""] * (width - len(row))
            yield [row[i] for i in idx]


@lru_cache(maxsize=8192)
def parse_levels(cell: str) -> tuple[tuple[str, ...], ...]:
    """A ``hierarchy_levels`` cell (``"[['S', 'S4', 'S4.5', None]]"``) as tuples of codes."""
    if not cell:
        return ()
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return ()
    out = []
    for path in value if isinstance(value, list) else []:
        if isinstance(path, list | tuple):
            out.append(tuple(str(c) for c in path if c is not None and not str(c).startswith("nan")))
    return tuple(p for p in out if p)


def read_json_map(path: Path) -> dict[str, str]:
    """A JSON object of code -> label (the hierarchy files)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputFileError(str(path), "no such file") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise InputFileError(str(path), f"not a JSON object of code -> label: {exc}") from None
    if not isinstance(data, dict):
        raise InputFileError(str(path), "not a JSON object of code -> label")
    return {str(k): str(v) for k, v in data.items()}


def version_from_name(path: Path, pattern: str, default: str = "unknown") -> str:
    """A version taken from a file name (``esco_v1.1.1_...`` -> ``1.1.1``)."""
    m = re.search(pattern, path.name)
    return m.group(1) if m else default
