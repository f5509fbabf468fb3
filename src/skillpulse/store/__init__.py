"""The event store behind one contract, :class:`~skillpulse.store.base.Store`.

``open_store(path)`` opens the embedded default engine, a DuckDB file
(:class:`~skillpulse.store.duckdb.DuckDBStore`). The contract every engine implements is in
:mod:`skillpulse.store.base`, the event kinds in :mod:`skillpulse.store.kinds`, the tables in
:mod:`skillpulse.store.schema`; all SQL lives in the engines' modules here. Names are
imported lazily, so ``import skillpulse.store.kinds`` does not load DuckDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skillpulse.store.base import Store
    from skillpulse.store.duckdb import DuckDBStore, open_store, require_store

__all__ = ["DuckDBStore", "Store", "open_store", "require_store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from skillpulse.store.base import Store

        return Store
    if name in ("DuckDBStore", "open_store", "require_store"):
        from skillpulse.store import duckdb as engine

        return getattr(engine, name)
    raise AttributeError(f"module 'skillpulse.store' has no attribute {name!r}")
