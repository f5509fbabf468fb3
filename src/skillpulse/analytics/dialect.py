"""The few SQL spellings that differ between engines, in one place.

Everything else the analytics layer writes is standard SQL (CTEs, CASE, CAST, window
functions) that DuckDB and Spark SQL both accept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillpulse.errors import AnalyticsError

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_identifier(name: str) -> str:
    """``name`` if it is a plain SQL identifier (letters, digits, underscore), else an error."""
    if not _IDENT.match(name):
        raise AnalyticsError(
            f"invalid field name {name!r}: use letters, digits and underscores only"
        )
    return name


@dataclass(frozen=True)
class Dialect:
    """How one engine spells JSON field access, the text type, quoted names and lists."""

    name: str
    text_type: str
    json_function: str
    quote_char: str
    distinct_sorted_function: str
    join_function: str

    def quoted(self, name: str) -> str:
        """``name`` quoted as an identifier (for names that are keywords, e.g. ``end``)."""
        return f"{self.quote_char}{check_identifier(name)}{self.quote_char}"

    def distinct_sorted(self, expr: str) -> str:
        """The aggregate list of the distinct values of ``expr`` in the group, sorted."""
        return self.distinct_sorted_function.format(expr)

    def joined(self, list_expr: str, separator: str) -> str:
        """The list ``list_expr`` as one text, items separated by ``separator``."""
        return f"{self.join_function}({list_expr}, '{separator}')"

    def as_text(self, expr: str) -> str:
        return f"CAST({expr} AS {self.text_type})"

    def json_field(self, column: str, key: str) -> str:
        """The text value of top-level ``key`` in the JSON text ``column`` (NULL if absent)."""
        return f"{self.json_function}({column}, '$.{check_identifier(key)}')"


DUCKDB = Dialect("duckdb", "VARCHAR", "json_extract_string", '"',
                 "list_sort(list_distinct(list({})))", "array_to_string")
SPARK = Dialect("spark", "STRING", "get_json_object", "`",
                "array_sort(collect_set({}))", "array_join")


def dialect_for(engine: str) -> Dialect:
    """The dialect of a store's ``engine`` attribute (``duckdb`` or ``spark``)."""
    if engine == "spark":
        return SPARK
    return DUCKDB
