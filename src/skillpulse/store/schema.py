"""The store's schema: one table per event kind, mentions, rejects and ingest provenance.

Every table is declared once here, in engine-neutral column types; each engine turns the
declaration into its DDL (:data:`DDL` is DuckDB's; :func:`arrow_schema` gives the Arrow schema
other engines write). The event tables derive from :data:`skillpulse.store.kinds.KINDS`.
Column names avoid SQL reserved words so the same queries run on DuckDB and Spark SQL.
Timestamps are stored as naive UTC ``TIMESTAMP``. Every event table carries ``extra`` (JSON
text of the input columns that are not part of the contract) and its source file and line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillpulse.store.kinds import BOOKKEEPING, KINDS, TIME_FIELDS, arrow_type

if TYPE_CHECKING:
    import pyarrow as pa

SCHEMA_VERSION = "1"

#: Each event kind's table and its timestamp column.
EVENT_TABLES: dict[str, str] = dict(TIME_FIELDS)

#: (column, type, not null); types: the field types of :mod:`skillpulse.store.kinds`
#: (id, text, timestamp, skills, number, line) and int32, int64, float64, bool
Column = tuple[str, str, bool]


def _event_columns(kind: str) -> tuple[Column, ...]:
    spec = KINDS[kind]
    return (*((c.name, c.type, spec.not_null(c.name)) for c in spec.columns),
            *((name, t, False) for name, t in BOOKKEEPING))


#: Every table of the store, in creation order.
TABLES: dict[str, tuple[Column, ...]] = {
    "meta": (("key", "text", False), ("value", "text", False)),
    **{kind: _event_columns(kind) for kind in KINDS},
    "rejects": (("kind", "text", True), ("file", "text", True), ("file_sha256", "text", False),
                ("line", "int64", False), ("field", "text", False), ("reason", "text", True),
                ("raw", "text", False), ("rejected_at", "timestamp", False)),
    "ingests": (("kind", "text", True), ("file", "text", True), ("file_sha256", "text", False),
                ("bytes", "int64", False), ("rows_read", "int64", False),
                ("loaded", "int64", False), ("rejected", "int64", False),
                ("duplicates", "int64", False), ("started_at", "timestamp", False),
                ("seconds", "float64", False)),
    # One row per (document, skill, span) found by extraction. ``field`` names the document
    # field the offsets point into (title, description, query, overview, skills).
    "mentions": (("kind", "text", True), ("doc_id", "text", True), ("skill_id", "text", True),
                 ("method", "text", True), ("field", "text", False),
                 ("start_pos", "int32", False), ("end_pos", "int32", False),
                 ("text", "text", False), ("confidence", "float64", False),
                 ("taxonomy_version", "text", True)),
    # One row per extracted document, so documents with no mentions are not re-extracted.
    "extractions": (("kind", "text", True), ("doc_id", "text", True),
                    ("taxonomy_version", "text", True), ("mention_count", "int32", False),
                    ("extracted_at", "timestamp", False)),
    # Surveys (skillpulse.survey): one row per ingested survey, per question, per respondent,
    # and one row per (respondent, question, answer) in long form (multi-select answers split).
    "surveys": (("name", "text", True), ("file", "text", False), ("file_sha256", "text", False),
                ("weight_column", "text", False), ("respondents", "int64", False),
                ("questions", "int32", False), ("loaded_at", "timestamp", False)),
    "survey_questions": (("name", "text", True), ("question", "text", True),
                         ("position", "int32", False), ("multi", "bool", True),
                         ("respondents", "int64", False)),
    "survey_respondents": (("name", "text", True), ("respondent", "int64", True),
                           ("weight", "float64", True), ("line", "int64", False)),
    "survey_answers": (("name", "text", True), ("respondent", "int64", True),
                       ("question", "text", True), ("answer", "text", True)),
}

#: DuckDB's spelling of each column type
DUCKDB_TYPES: dict[str, str] = {
    "id": "VARCHAR", "text": "VARCHAR", "timestamp": "TIMESTAMP", "skills": "VARCHAR[]",
    "number": "DOUBLE", "float64": "DOUBLE", "line": "BIGINT", "int64": "BIGINT",
    "int32": "INTEGER", "bool": "BOOLEAN",
}


def _ddl(table: str, columns: tuple[Column, ...]) -> str:
    cols = ", ".join(f"{name} {DUCKDB_TYPES[t]}{' NOT NULL' if nn else ''}"
                     for name, t, nn in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


DDL: tuple[str, ...] = tuple(_ddl(t, cols) for t, cols in TABLES.items())


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of store table ``table``."""
    import pyarrow as pa

    types = {"int64": pa.int64(), "int32": pa.int32(), "float64": pa.float64(),
             "bool": pa.bool_()}
    return pa.schema([pa.field(name, types[t] if t in types else arrow_type(t),
                               nullable=not nn) for name, t, nn in TABLES[table]])


#: Columns of each event table that the input contract defines (in table order, without
#: the bookkeeping columns ``extra``, ``source_file`` and ``source_line``).
CONTRACT_COLUMNS: dict[str, tuple[str, ...]] = {k: s.column_names for k, s in KINDS.items()}
