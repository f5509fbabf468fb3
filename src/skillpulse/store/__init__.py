"""The event store: a DuckDB file by default; Spark for users who outgrow one machine.

``open_store(path)`` returns a :class:`~skillpulse.store.duckdb.DuckDBStore`. The schema
(tables and columns shared by every engine) is in :mod:`skillpulse.store.schema`.
"""

from skillpulse.store.duckdb import DuckDBStore, open_store, require_store

__all__ = ["DuckDBStore", "open_store", "require_store"]
