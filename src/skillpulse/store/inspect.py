"""What is in the store: counts and date ranges per kind, rejects, and exports."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.errors import SkillpulseError
from skillpulse.store.base import Store, export_format
from skillpulse.store.kinds import check_kind
from skillpulse.store.schema import EVENT_TABLES

if TYPE_CHECKING:
    import pandas as pd

    from skillpulse.taxonomy.model import Taxonomy


@dataclass(frozen=True)
class KindStatus:
    count: int
    first: str | None
    last: str | None
    rejected: int


@dataclass(frozen=True)
class StoreStatus:
    kinds: dict[str, KindStatus]
    db_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {"kinds": {k: asdict(v) for k, v in self.kinds.items()},
                "db_bytes": self.db_bytes}

    def to_arrow(self) -> pa.Table:
        """One row per kind: kind, count, first, last, rejected."""
        names = ("count", "first", "last", "rejected")
        return pa.table({"kind": list(self.kinds),
                         **{n: [getattr(v, n) for v in self.kinds.values()] for n in names}})

    def to_pandas(self) -> pd.DataFrame:
        return self.to_arrow().to_pandas()


def status(store: Store) -> StoreStatus:
    """Events per kind (count, first and last day, rejects) and the store's size."""
    return store.status()


@dataclass(frozen=True)
class Reject:
    kind: str
    file: str
    line: int | None
    field: str | None
    reason: str
    raw: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rejects(store: Store, *, kind: str | None = None, limit: int = 50) -> list[Reject]:
    """Stored rejects, ordered by kind, file and line, at most ``limit``."""
    return store.rejects(kind=kind, limit=limit)


#: what ``export`` writes besides the event kinds
RESULT_EXPORTS = ("mentions", "doc-skills")


@dataclass(frozen=True)
class ExportInfo:
    """What one export wrote: ``what`` (a kind, ``mentions`` or ``doc-skills``), the file,
    its rows, and for mentions and doc-skills the taxonomy version exported per kind."""

    what: str
    out: str
    rows: int
    taxonomy_versions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "out": self.out, "rows": self.rows,
                "taxonomy_versions": dict(self.taxonomy_versions),
                "seconds": round(self.seconds, 3)}


def _target(out: str | Path) -> tuple[Path, str]:
    path = Path(out)
    fmt = export_format(path)
    if not fmt:
        raise SkillpulseError(f"{path}: export writes .parquet, .csv or .jsonl")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, fmt


def export(store: Store, what: str, out: str | Path, *, kind: str | None = None,
           taxonomy_version: str | None = None, taxonomy: Taxonomy | None = None
           ) -> ExportInfo:
    """Write ``what`` to ``out`` (.parquet, .csv or .jsonl): the events of a kind, every
    ``mentions`` row, or ``doc-skills`` (one row per document and skill: what counting
    counts). See :func:`export_results`."""
    started = time.perf_counter()
    if what in EVENT_TABLES:
        if kind is not None or taxonomy_version is not None:
            raise SkillpulseError(f"export {what}: kind and taxonomy version apply to "
                                  "mentions and doc-skills only")
        rows = export_events(store, what, out)
        return ExportInfo(what, str(out), rows, {}, time.perf_counter() - started)
    if what not in RESULT_EXPORTS:
        raise SkillpulseError(f"unknown export {what!r}: expected one of "
                              f"{', '.join([*EVENT_TABLES, *RESULT_EXPORTS])}")
    rows, versions = export_results(store, what, out, kind=kind,
                                    taxonomy_version=taxonomy_version, taxonomy=taxonomy)
    return ExportInfo(what, str(out), rows, versions, time.perf_counter() - started)


def export_results(store: Store, what: str, out: str | Path, *, kind: str | None = None,
                   taxonomy_version: str | None = None, taxonomy: Taxonomy | None = None
                   ) -> tuple[int, dict[str, str]]:
    """Write extraction results; returns (rows written, taxonomy version per kind).

    ``mentions``: kind, doc_id, event_at (the document's time), skill_id, label, method,
    field, start, end (offsets into the field), text, confidence, taxonomy_version.
    ``doc-skills``: kind, doc_id, event_at, skill_id, label, mentions (spans), methods,
    confidence (the highest), taxonomy_version. Each kind is exported at ``taxonomy_version``
    or, by default, at the version rankings count (its newest extraction), so counting
    distinct documents per skill and period in the file gives ``top``'s counts. Labels come
    from ``taxonomy`` (the skill ID when it does not know the skill)."""
    from skillpulse.analytics.results import label_of
    from skillpulse.store.queries import taxonomy_version as counted_version

    path, fmt = _target(out)
    kinds = [check_kind(kind)] if kind else list(EVENT_TABLES)
    versions: dict[str, str] = {}
    for k in kinds:
        v = counted_version(store, k, taxonomy_version)
        if v is not None:
            versions[k] = v
    from skillpulse.store.queries import skill_ids as stored_skill_ids

    skill_ids = stored_skill_ids(store)
    labels = pa.table({"skill_id": pa.array(skill_ids, pa.string()),
                       "label": pa.array([label_of(taxonomy, s) for s in skill_ids],
                                         pa.string())})
    rows = store.export_results(what, path, fmt, versions=versions, labels=labels)
    return rows, versions


def export_events(store: Store, kind: str, out: str | Path) -> int:
    """Write the events of ``kind`` to ``out`` (.parquet, .csv or .jsonl); returns rows."""
    kind = check_kind(kind)
    path, fmt = _target(out)
    return store.export_events(kind, path, fmt)
