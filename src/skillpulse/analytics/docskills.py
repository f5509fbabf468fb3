"""The derived table that makes counting fast, as the analytics layer sees it.

The store keeps ``analytics_doc_skills`` (one row per kind, taxonomy version, skill and
document, with the document's time) and refreshes it incrementally: see
:meth:`skillpulse.store.base.Store.refresh` and, for DuckDB,
:mod:`skillpulse.store.duckdb_derived`. Where it cannot be kept (a read-only store),
counting joins ``mentions`` directly: same results, slower.
"""

from __future__ import annotations

from skillpulse.store.base import Store

TABLE = "analytics_doc_skills"


def prepare(store: Store, *, refresh: bool = False) -> str | None:
    """The name of an up-to-date derived table (refreshed if the store changed; rebuilt from
    scratch with ``refresh=True``), or ``None`` when counting must join ``mentions``."""
    if refresh:
        return store.refresh(full=True).table
    return store.derived_table()
