"""The analytics reads, as the analytics layer imports them: the one copy of each query lives
in :mod:`skillpulse.store.queries` (all SQL is inside ``skillpulse.store``)."""

from __future__ import annotations

from skillpulse.store.queries import (
    KINDS,
    VALID_TIME,
    Segment,
    SqlBuilder,
    Store,
    WhereArg,
    category_doc_counts,
    check_kind,
    cooccurrence,
    data_range,
    doc_skill_rows,
    docs_cte,
    event_counts,
    exposures,
    ingest_rows,
    pair_counts,
    reject_reasons,
    skill_counts,
    skill_exists,
    skill_ids,
    taxonomy_version,
)

__all__ = ["KINDS", "VALID_TIME", "Segment", "SqlBuilder", "Store", "WhereArg",
           "category_doc_counts", "check_kind", "cooccurrence", "data_range", "doc_skill_rows",
           "docs_cte", "event_counts", "exposures", "ingest_rows", "pair_counts",
           "reject_reasons", "skill_counts", "skill_exists", "skill_ids", "taxonomy_version"]
