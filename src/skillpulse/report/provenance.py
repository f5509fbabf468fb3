"""Where the report's figures come from: the input files (hash, rows read, loaded, rejected),
rejected rows by reason, the taxonomy versions counted, the engine version and the command."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from skillpulse import __version__
from skillpulse.analytics.queries import (
    event_counts,
    ingest_rows,
    reject_reasons,
    taxonomy_version,
)
from skillpulse.report.model import InputFile, Provenance
from skillpulse.store.base import Store
from skillpulse.store.schema import EVENT_TABLES


def _inputs(store: Store) -> tuple[InputFile, ...]:
    rows = ingest_rows(store).to_pylist()
    return tuple(
        InputFile(r["kind"], r["file"], r["file_sha256"], r["bytes"], r["rows_read"],
                  r["loaded"], r["rejected"], r["duplicates"])
        for r in rows
    )


def _rejects(store: Store) -> tuple[dict[str, Any], ...]:
    rows = reject_reasons(store).to_pylist()
    return tuple({"kind": r["kind"], "file": r["file"], "reason": r["reason"],
                  "rows": int(r["n"])} for r in rows)


def _documents(store: Store) -> dict[str, int]:
    return event_counts(store)


def generated_at() -> str:
    """Now, in UTC, to the second; or the time ``SOURCE_DATE_EPOCH`` (seconds since 1970,
    the reproducible-builds convention) names, so that a reference rendering is
    byte-for-byte repeatable."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat()
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def build_provenance(
    store: Store,
    *,
    taxonomy_version_used: str | None,
    command: str | None,
) -> Provenance:
    rejects = _rejects(store)
    path = getattr(store, "path", None)
    return Provenance(
        inputs=_inputs(store),
        rejects=rejects,
        rejected_total=sum(r["rows"] for r in rejects),
        documents=_documents(store),
        taxonomy_version=taxonomy_version_used,
        counted_versions={k: taxonomy_version(store, k) for k in EVENT_TABLES},
        engine=str(getattr(store, "engine", "duckdb")),
        engine_version=__version__,
        command=command,
        store=None if path is None else str(path),
        generated_at=generated_at(),
    )
