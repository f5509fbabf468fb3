"""The input contract: which fields each event kind has, which are required, and their types.

Declared once in :mod:`skillpulse.store.kinds` (validation, the store schema, extraction and
``docs/data-format.md`` agree on it; a test checks the docs against it); re-exported here
for the ingest modules.
"""

from __future__ import annotations

from skillpulse.store.kinds import KINDS, FieldSpec, FieldType, KindSpec, kind_spec

__all__ = ["KINDS", "FieldSpec", "FieldType", "KindSpec", "kind_spec"]
