"""The input contract: which fields each event kind has, which are required, and their types.

This module is the single declaration that validation, the store schema and
``docs/data-format.md`` agree on (a test checks the docs against it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal["id", "timestamp", "text", "skills", "number"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    required: bool = False


@dataclass(frozen=True)
class KindSpec:
    """One event kind: its table, its fields, and its timestamp field."""

    name: str
    time_field: str
    fields: tuple[FieldSpec, ...]
    #: text fields that extraction reads, in document order
    text_fields: tuple[str, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


KINDS: dict[str, KindSpec] = {
    "postings": KindSpec(
        "postings",
        "posted_at",
        (
            FieldSpec("id", "id", True),
            FieldSpec("posted_at", "timestamp", True),
            FieldSpec("title", "text"),
            FieldSpec("description", "text"),
            FieldSpec("skills", "skills"),
            FieldSpec("category", "text"),
            FieldSpec("client_id", "id"),
            FieldSpec("company_size", "text"),
            FieldSpec("country", "text"),
            FieldSpec("budget", "number"),
        ),
        ("title", "description"),
    ),
    "searches": KindSpec(
        "searches",
        "searched_at",
        (
            FieldSpec("id", "id"),  # derived from content when absent
            FieldSpec("searched_at", "timestamp", True),
            FieldSpec("query", "text", True),
            FieldSpec("client_id", "id"),
        ),
        ("query",),
    ),
    "hires": KindSpec(
        "hires",
        "hired_at",
        (
            FieldSpec("id", "id", True),
            FieldSpec("hired_at", "timestamp", True),
            FieldSpec("posting_id", "id"),
            FieldSpec("title", "text"),
            FieldSpec("description", "text"),
            FieldSpec("skills", "skills"),
            FieldSpec("freelancer_id", "id"),
            FieldSpec("client_id", "id"),
        ),
        ("title", "description"),
    ),
    "profiles": KindSpec(
        "profiles",
        "observed_at",
        (
            FieldSpec("freelancer_id", "id", True),
            FieldSpec("observed_at", "timestamp", True),
            FieldSpec("title", "text"),
            FieldSpec("overview", "text"),
            FieldSpec("skills", "skills"),
            FieldSpec("country", "text"),
        ),
        ("title", "overview"),
    ),
}


def kind_spec(name: str) -> KindSpec:
    from skillpulse.errors import SkillpulseError

    try:
        return KINDS[name]
    except KeyError:
        raise SkillpulseError(
            f"unknown kind {name!r}: expected one of {', '.join(KINDS)} (or 'survey')"
        ) from None
