"""The Spark engine: a store in a lake of Parquet tables, for users who outgrow one machine.

Needs the ``spark`` extra (``pip install 'skillpulse[spark]'``) and a Java runtime. Nothing
here imports pyspark until a store is opened. See ``docs/spark.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skillpulse.store.spark.store import SparkStore

__all__ = ["SparkStore", "open_spark_store"]


def open_spark_store(lake: Any, *, read_only: bool = False, create: bool = True,
                     master: str | None = None) -> SparkStore:
    """Open (or, with ``create``, create) the Spark store in ``lake`` (a folder or URI)."""
    from skillpulse.store.spark.store import SparkStore

    return SparkStore(lake, read_only=read_only, create=create, master=master)


def __getattr__(name: str) -> Any:
    if name == "SparkStore":
        from skillpulse.store.spark.store import SparkStore

        return SparkStore
    raise AttributeError(name)
