"""Mapping by example: guess a mapping TOML from a file's header and its first rows.

``skillpulse ingest postings FILE --infer-mapping`` prints the guess for the user to check and
save. Each contract field is matched to a column by name (the field's own name, then known
synonyms such as ``post_date`` or ``tags``, then a shared word) and the match is kept only when
the column's first values have the field's type (dates for timestamps, lists for skills,
numbers for budget). A time field with no named column takes a column whose values are all
dates; a file with no id column gets ``id_from`` (a link column, else the most distinct text
column). A required field with nothing to read is left as a commented ``[set]`` line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillpulse.errors import RowError
from skillpulse.ingest.kinds import FieldSpec, kind_spec
from skillpulse.ingest.mapping import Mapping
from skillpulse.ingest.parse import DateRules, parse_amount, parse_skills, parse_timestamp
from skillpulse.ingest.readers import detect_format, peek_columns, read_rows
from skillpulse.ingest.validate import DEFAULT_WINDOW

#: rows read to judge a column's type
SAMPLE_ROWS = 200
#: share of a column's non-blank sample values that must parse as the field's type
MIN_TYPED_SHARE = 0.9

#: names a column may have for each field (normalised: lower case, words joined by "_"),
#: best first
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "uid", "uuid", "key", "post_id", "job_id", "posting_key", "job_key",
           "post_link_id", "link_id", "ciphertext", "reference", "ref"),
    "posted_at": ("posted_at", "post_date", "date_posted", "posted_on", "posted", "posted_date",
                  "publish_date", "published_at", "published_date", "published", "created_at",
                  "created_on", "created", "date", "datetime", "timestamp", "time"),
    "searched_at": ("searched_at", "search_date", "search_time", "created_at", "date",
                    "datetime", "timestamp", "time"),
    "hired_at": ("hired_at", "hire_date", "hired_on", "start_date", "contract_start",
                 "created_at", "date", "datetime", "timestamp"),
    "observed_at": ("observed_at", "snapshot_date", "scraped_at", "crawled_at", "updated_at",
                    "date", "datetime", "timestamp"),
    "title": ("title", "job_title", "headline", "position", "role", "name"),
    "description": ("description", "job_description", "desc", "body", "text", "content",
                    "details", "summary"),
    "overview": ("overview", "bio", "about", "summary", "description"),
    "skills": ("skills", "tags", "skill", "skill_list", "skills_list", "required_skills",
               "languages_frameworks", "technologies", "tech_stack", "stack", "keywords"),
    "category": ("category", "categories", "job_category", "subcategory", "occupation"),
    "client_id": ("client_id", "client", "buyer_id", "employer_id", "company_id"),
    "company_size": ("company_size", "client_size", "size", "employees"),
    "country": ("country", "client_country", "country_code", "location_country"),
    "budget": ("budget", "price", "amount", "hourly_rate", "rate", "fixed_price",
               "budget_amount"),
    "query": ("query", "search_query", "search_term", "search", "q", "term", "keywords"),
    "posting_id": ("posting_id", "job_id", "post_id"),
    "freelancer_id": ("freelancer_id", "freelancer", "contractor_id", "worker_id",
                      "profile_id", "user_id"),
}
_LINK_NAMES = ("url", "link", "href", "permalink", "job_url", "post_url")
_WORD = re.compile(r"[a-z0-9]+")


def _norm(name: str) -> str:
    return "_".join(_WORD.findall(name.lower()))


@dataclass(frozen=True)
class ColumnProfile:
    """What the first rows say about one column."""

    name: str
    values: tuple[Any, ...]  # the non-blank sample values
    dates: float  # share parsing as a date in the plausible window (month first)
    dates_dayfirst: float  # the same, day first
    relative: bool  # some values are relative dates ("2 days ago")
    lists: float  # share that are list-shaped (a list, or a bracketed/separated string)
    numbers: float
    distinct: float  # distinct values / values
    links: float  # share that look like URLs

    @property
    def date_share(self) -> float:
        return max(self.dates, self.dates_dayfirst)


def profile(name: str, raw: list[Any]) -> ColumnProfile:
    values = tuple(v for v in raw if not _blank(v))
    n = len(values) or 1
    dates = sum(_is_date(v, DateRules()) for v in values) / n
    dayfirst = sum(_is_date(v, DateRules(dayfirst=True)) for v in values) / n
    relative = any(isinstance(v, str) and "ago" in v.lower() for v in values)
    lists = sum(_is_list(v) for v in values) / n
    numbers = sum(_is_number(v) for v in values) / n
    distinct = len({repr(v) for v in values}) / n
    links = sum(isinstance(v, str) and v.startswith(("http://", "https://")) for v in values) / n
    return ColumnProfile(name, values, dates, dayfirst, relative, lists, numbers, distinct, links)


def _blank(value: Any) -> bool:
    return (value is None or (isinstance(value, str) and not value.strip())
            or (isinstance(value, float) and value != value))


def _is_date(value: Any, rules: DateRules) -> bool:
    if isinstance(value, bool):
        return False
    try:
        parsed = parse_timestamp(value, rules)
    except (RowError, ValueError, OverflowError):
        return False
    return DEFAULT_WINDOW[0] <= parsed < DEFAULT_WINDOW[1]


def _is_list(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text.startswith("["):
        try:
            return parse_skills(text) is not None
        except RowError:
            return False
    return True  # a single tag, or a separated string: any text is a list of one or more


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return parse_amount(value) is not None
    except RowError:
        return False


@dataclass(frozen=True)
class InferredMapping:
    """A guessed mapping, with the evidence for each choice (printed as TOML comments)."""

    kind: str
    format: str
    columns: dict[str, str] = field(default_factory=dict)
    id_from: tuple[str, ...] = ()
    dayfirst: bool = False
    #: required fields with no column: the user must ``--set`` them
    missing: tuple[str, ...] = ()
    #: fields whose column holds relative dates: the user must give ``as_of``
    needs_as_of: tuple[str, ...] = ()
    #: field -> an example value
    examples: dict[str, str] = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()

    def to_mapping(self) -> Mapping:
        """The guess as a :class:`Mapping` (what loading the printed TOML gives)."""
        return Mapping(dict(self.columns), self.kind, self.format, {}, self.id_from,
                       self.dayfirst)

    def to_toml(self) -> str:
        lines = [
            f"# Mapping guessed by `skillpulse ingest {self.kind} FILE --infer-mapping` from the",
            "# header and first rows: check it, save it, then pass it with --mapping FILE.toml.",
            f"kind = {_q(self.kind)}",
            f"format = {_q(self.format)}",
        ]
        if self.id_from:
            lines.append(f"id_from = [{', '.join(_q(c) for c in self.id_from)}]"
                         "  # no id column: the id is a stable hash of these columns")
        if self.dayfirst:
            lines.append("dayfirst = true  # dates read DD/MM/YYYY (some have a day above 12)")
        if self.needs_as_of:
            lines.append(f'# as_of = "YYYY-MM-DD"  # {", ".join(self.needs_as_of)} has relative '
                         "dates ('2 days ago'): give the date they count back from")
        lines += ["", "[columns]"]
        for name, column in self.columns.items():
            example = self.examples.get(name)
            note = f"  # e.g. {example}" if example else ""
            lines.append(f"{name} = {_q(column)}{note}")
        if self.missing:
            lines += ["", "# No column found for these required fields: set one value for every",
                      "# row (or map a column under [columns]).", "# [set]"]
            lines += [f'# {name} = "{_placeholder(self.kind, name)}"' for name in self.missing]
        if self.unmapped:
            lines += ["", "# Not mapped (kept in each row's `extra`): "
                      + ", ".join(self.unmapped)]
        return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _placeholder(kind: str, name: str) -> str:
    return "YYYY-MM-DD" if name == kind_spec(kind).time_field else "VALUE"


def _example(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str,
                                                           ensure_ascii=False)
    text = text.replace("\r", " ").replace("\n", " ")
    return repr(text[:60] + ("…" if len(text) > 60 else ""))


def _sample(path: Path, fmt: str, n: int) -> list[dict[str, Any]]:
    rows, _counter = read_rows(path, fmt)
    records: list[dict[str, Any]] = []
    try:
        for raw in rows:
            if raw.record is not None:
                records.append(raw.record)
                if len(records) >= n:
                    break
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    return records


def _name_score(spec_field: FieldSpec, column: str) -> int:
    norm = _norm(column)
    if norm == spec_field.name:
        return 100
    names = SYNONYMS.get(spec_field.name, ())
    if norm in names:
        return 90 - names.index(norm)
    words = set(norm.split("_"))
    if spec_field.type == "timestamp":
        return 40 if "date" in words else 0
    if "_" not in spec_field.name and spec_field.type != "id" and spec_field.name in words:
        return 40  # job_title, skills_required
    return 0


def _fits(spec_field: FieldSpec, prof: ColumnProfile) -> bool:
    if not prof.values:
        return spec_field.type in ("text", "id")
    if spec_field.type == "timestamp":
        return prof.date_share >= MIN_TYPED_SHARE or prof.relative
    if spec_field.type == "skills":
        return prof.lists >= MIN_TYPED_SHARE
    if spec_field.type == "number":
        return prof.numbers >= MIN_TYPED_SHARE
    if spec_field.type == "id":
        return all(isinstance(v, str | int) and not isinstance(v, bool) for v in prof.values)
    return True


def infer_mapping(kind: str, path: str | Path, *, fmt: str | None = None,
                  sample: int = SAMPLE_ROWS) -> InferredMapping:
    """Guess the mapping of ``path`` for events of ``kind`` (see the module docstring)."""
    spec = kind_spec(kind)
    path = Path(path)
    fmt = detect_format(path, fmt)
    columns = [c for c in peek_columns(path, fmt) or () if c and not c.startswith("Unnamed: ")]
    records = _sample(path, fmt, sample)
    profiles = {c: profile(c, [r.get(c) for r in records]) for c in columns}
    chosen: dict[str, str] = {}
    used: set[str] = set()
    # the time field and the id first: they are required and the most telling
    order = sorted(spec.fields, key=lambda f: (f.name != spec.time_field, not f.required))
    for spec_field in order:
        scored = sorted(((_name_score(spec_field, c), -i, c) for i, c in enumerate(columns)
                         if c not in used), reverse=True)
        for score, _i, column in scored:
            if score <= 0:
                break
            if _fits(spec_field, profiles[column]):
                chosen[spec_field.name] = column
                used.add(column)
                break
    time_field = spec.time_field
    if time_field not in chosen:  # any column of dates
        dated = [c for c in columns if c not in used and profiles[c].values
                 and profiles[c].date_share >= MIN_TYPED_SHARE
                 and profiles[c].numbers < MIN_TYPED_SHARE]
        if dated:
            chosen[time_field] = dated[0]
            used.add(dated[0])
    id_from: tuple[str, ...] = ()
    if "id" in spec.required and "id" not in chosen:
        id_from = _id_columns(columns, profiles)
    missing = tuple(f for f in spec.required
                    if f not in chosen and not (f == "id" and id_from))
    time_column = chosen.get(time_field)
    dayfirst = False
    needs_as_of: tuple[str, ...] = ()
    if time_column is not None:
        prof = profiles[time_column]
        dayfirst = prof.dates_dayfirst > prof.dates
        if prof.relative:
            needs_as_of = (time_field,)
    ordered = {f.name: chosen[f.name] for f in spec.fields if f.name in chosen}
    examples = {name: _example(profiles[col].values[0]) for name, col in ordered.items()
                if profiles[col].values}
    unmapped = tuple(c for c in columns if c not in used and c not in id_from)
    return InferredMapping(kind, fmt, ordered, id_from, dayfirst, missing, needs_as_of,
                           examples, unmapped)


def _id_columns(columns: list[str], profiles: dict[str, ColumnProfile]) -> tuple[str, ...]:
    """Columns to derive an id from: a link column, else the most distinct text column."""
    free = [c for c in columns if profiles[c].values]
    links = [c for c in free if _norm(c) in _LINK_NAMES or profiles[c].links >= MIN_TYPED_SHARE]
    links.sort(key=lambda c: -profiles[c].distinct)
    if links and profiles[links[0]].distinct >= 0.99:
        return (links[0],)
    candidates = sorted(free, key=lambda c: -profiles[c].distinct)
    if candidates and profiles[candidates[0]].distinct >= 0.99:
        return (candidates[0],)
    return tuple(candidates[:3])

