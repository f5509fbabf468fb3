"""The store's tables as Spark schemas, derived from the one DDL of
:mod:`skillpulse.store.schema` (DuckDB types mapped to Spark's), and the derived counting
table of :mod:`skillpulse.analytics.docskills`.
"""

from __future__ import annotations

import re

from skillpulse.store.schema import DDL

#: DuckDB column types and their Spark spelling
_TYPES = {
    "VARCHAR[]": "ARRAY<STRING>",
    "VARCHAR": "STRING",
    "TIMESTAMP": "TIMESTAMP",
    "BIGINT": "BIGINT",
    "INTEGER": "INT",
    "DOUBLE": "DOUBLE",
    "BOOLEAN": "BOOLEAN",
}
_TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*)\)\s*$", re.S)
_COLUMN = re.compile(r"^\s*(\w+)\s+([A-Z]+(?:\[\])?)(\s+NOT NULL)?\s*$")

#: the derived table (one row per kind, taxonomy version, skill and document)
DOC_SKILLS = "analytics_doc_skills"
DOC_SKILLS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "STRING"), ("taxonomy_version", "STRING"), ("skill_id", "STRING"),
    ("doc_id", "STRING"), ("event_at", "TIMESTAMP"))


def _parse() -> dict[str, tuple[tuple[str, str], ...]]:
    tables: dict[str, tuple[tuple[str, str], ...]] = {}
    for stmt in DDL:
        found = _TABLE.match(stmt.strip())
        if found is None:  # pragma: no cover - the DDL is ours
            raise ValueError(f"unexpected DDL: {stmt[:60]}")
        columns = []
        for part in found.group(2).split(","):
            column = _COLUMN.match(part)
            if column is None:  # pragma: no cover
                raise ValueError(f"unexpected column in {found.group(1)}: {part!r}")
            columns.append((column.group(1), _TYPES[column.group(2)]))
        tables[found.group(1)] = tuple(columns)
    tables[DOC_SKILLS] = DOC_SKILLS_COLUMNS
    return tables


#: every table of a Spark store: name -> ((column, Spark type), ...)
TABLES: dict[str, tuple[tuple[str, str], ...]] = _parse()


def ddl(table: str) -> str:
    """The Spark schema string of ``table`` (``"id STRING, posted_at TIMESTAMP, ..."``)."""
    return ", ".join(f"{name} {kind}" for name, kind in TABLES[table])


def columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])
