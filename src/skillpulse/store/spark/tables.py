"""The store's tables as Spark schemas, derived from the one declaration of
:data:`skillpulse.store.schema.TABLES` (its column types in Spark's spelling), plus the
derived counting table of :mod:`skillpulse.analytics.docskills`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillpulse.store.schema import TABLES as STORE_TABLES

if TYPE_CHECKING:
    import pyarrow as pa

#: the schema's column types and their Spark spelling
SPARK_TYPES: dict[str, str] = {
    "id": "STRING", "text": "STRING", "timestamp": "TIMESTAMP", "skills": "ARRAY<STRING>",
    "number": "DOUBLE", "float64": "DOUBLE", "line": "BIGINT", "int64": "BIGINT",
    "int32": "INT", "bool": "BOOLEAN",
}

#: the derived table (one row per kind, taxonomy version, skill and document)
DOC_SKILLS = "analytics_doc_skills"
DOC_SKILLS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "STRING"), ("taxonomy_version", "STRING"), ("skill_id", "STRING"),
    ("doc_id", "STRING"), ("event_at", "TIMESTAMP"))
#: what the derived table holds so far (one row, replaced by each refresh)
DOC_SKILLS_STATE = "analytics_doc_skills_state"
DOC_SKILLS_STATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("layout", "STRING"), ("extractions", "BIGINT"), ("last_extracted_at", "TIMESTAMP"))

#: every table of a Spark store: name -> ((column, Spark type), ...)
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    **{table: tuple((name, SPARK_TYPES[kind]) for name, kind, _ in columns)
       for table, columns in STORE_TABLES.items()},
    DOC_SKILLS: DOC_SKILLS_COLUMNS,
    DOC_SKILLS_STATE: DOC_SKILLS_STATE_COLUMNS,
}


def ddl(table: str) -> str:
    """The Spark schema string of ``table`` (``"id STRING, posted_at TIMESTAMP, ..."``)."""
    return ", ".join(f"{name} {kind}" for name, kind in TABLES[table])


def columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])


def arrow_type(spark_type: str) -> pa.DataType:
    """The Arrow type Spark reads back as ``spark_type`` from Parquet (timestamps naive
    microseconds: Spark reads them as ``TIMESTAMP_NTZ``)."""
    import pyarrow as pa

    simple = {"STRING": pa.string(), "TIMESTAMP": pa.timestamp("us"), "DOUBLE": pa.float64(),
              "BIGINT": pa.int64(), "INT": pa.int32(), "BOOLEAN": pa.bool_(),
              "ARRAY<STRING>": pa.list_(pa.string())}
    return simple[spark_type]


def arrow_schema(table: str) -> pa.Schema:
    """``table``'s columns as an Arrow schema (what :func:`arrow_type` maps them to)."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(kind)) for name, kind in TABLES[table]])
