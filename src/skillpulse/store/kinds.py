"""The event-kind contract, declared once.

One :class:`KindSpec` per event kind (postings, searches, hires, profiles) says everything
the rest of skillpulse needs about the kind: its input fields and their types (validation,
``docs/data-format.md``), the store table's columns and types (every engine's DDL), the
Arrow types readers produce, the time field, the text fields extraction reads, the singular
names the CLI accepts, and how a row's key is formed. ``skillpulse.ingest.kinds``,
``skillpulse.store.schema``, the extraction pipeline, the generator, analytics and the CLI
choices derive from :data:`KINDS`; an unknown kind raises :class:`UnknownKindError`
(:func:`kind_spec`, :func:`check_kind`).

Surveys are not events (no time, no extraction): they have their own tables
(:mod:`skillpulse.store.schema`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from skillpulse.errors import UnknownKindError

if TYPE_CHECKING:
    import pyarrow as pa

FieldType = Literal["id", "timestamp", "text", "skills", "number"]
#: how a stored row's ``id`` is formed: the input's id; a content hash when the input has
#: none (searches); the freelancer and snapshot time (profiles)
KeyRule = Literal["id", "content", "snapshot"]

#: bookkeeping columns every event table has after the contract columns: ``extra`` (JSON
#: text of the input columns outside the contract), the source file and line
BOOKKEEPING: tuple[tuple[str, str], ...] = (
    ("extra", "text"), ("source_file", "text"), ("source_line", "line"))


def arrow_type(field_type: str) -> pa.DataType:
    """The Arrow type of a field type (what readers and the validator hand to the store;
    timestamps are naive UTC); ``line`` is the int64 of source lines."""
    import pyarrow as pa

    types = {"id": pa.string(), "text": pa.string(), "timestamp": pa.timestamp("us"),
             "skills": pa.list_(pa.string()), "number": pa.float64(), "line": pa.int64()}
    return types[field_type]


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
    #: the singular name (``posting``) and other names the extraction CLI accepts
    aliases: tuple[str, ...] = ()
    key: KeyRule = "id"

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def singular(self) -> str:
        return self.aliases[0] if self.aliases else self.name

    @property
    def extract_fields(self) -> tuple[str, ...]:
        """Fields extraction reads from a stored document: the text fields, then the
        ``skills`` tags when the kind has them."""
        tags = ("skills",) if "skills" in self.field_names else ()
        return (*self.text_fields, *tags)

    @property
    def columns(self) -> tuple[FieldSpec, ...]:
        """The store table's contract columns in table order: ``id`` first (derived when the
        input has no id field), then the input fields."""
        if "id" in self.field_names:
            return self.fields
        return (FieldSpec("id", "id", True), *self.fields)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def not_null(self, column: str) -> bool:
        """Whether the store column never holds NULL: the key, the time and required
        fields."""
        return column in ("id", self.time_field) or column in self.required

    def arrow_schema(self) -> pa.Schema:
        """The store table's schema as Arrow: contract columns, then ``extra``,
        ``source_file`` and ``source_line``."""
        import pyarrow as pa

        return pa.schema([
            *(pa.field(c.name, arrow_type(c.type), nullable=not self.not_null(c.name))
              for c in self.columns),
            *(pa.field(n, arrow_type(t)) for n, t in BOOKKEEPING),
        ])


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
        aliases=("posting", "text"),
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
        aliases=("search", "query"),
        key="content",
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
        aliases=("hire",),
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
        aliases=("profile",),
        key="snapshot",
    ),
}

#: the event kinds in store order
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
#: the time field of each kind
TIME_FIELDS: dict[str, str] = {k: s.time_field for k, s in KINDS.items()}
#: what extraction reads of each kind's stored documents
EXTRACT_FIELDS: dict[str, tuple[str, ...]] = {k: s.extract_fields for k, s in KINDS.items()}
#: every name of a kind (plural, singular, aliases) -> the plural store name
KIND_ALIASES: dict[str, str] = {
    name: k for k, s in KINDS.items() for name in (k, *s.aliases)}


def kind_spec(name: str) -> KindSpec:
    """The spec of event kind ``name``; :class:`UnknownKindError` for any other name."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKindError(name, KIND_NAMES) from None


def check_kind(name: str) -> str:
    """``name`` when it is an event kind, else :class:`UnknownKindError`."""
    return kind_spec(name).name
