"""The reads every engine runs with the same SQL: rejects, column value counts and the
survey tables. An engine inherits :class:`SqlReads` and supplies ``query(sql, params)``
(``$name`` parameters) and ``engine``; the text type comes from the engine's dialect.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from skillpulse.analytics.dialect import check_identifier, dialect_for
from skillpulse.store.kinds import check_kind

if TYPE_CHECKING:
    from skillpulse.store.inspect import Reject


class SqlReads:
    """Shared reads of the :class:`~skillpulse.store.base.Store` protocol."""

    engine: str

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
        raise NotImplementedError

    def rejects(self, *, kind: str | None = None, limit: int = 50) -> list[Reject]:
        from skillpulse.store.inspect import Reject

        where = "WHERE kind = $kind" if kind else ""
        params: dict[str, Any] = {"kind": kind} if kind else {}
        table = self.query(f"SELECT kind, file, line, field, reason, raw FROM rejects {where} "
                           f"ORDER BY kind, file, line LIMIT {int(limit)}", params)
        return [Reject(**row) for row in table.to_pylist()]

    def value_counts(self, kind: str, column: str, *, limit: int) -> pa.Table:
        kind, column = check_kind(kind), check_identifier(column)
        text = dialect_for(self.engine).as_text(column)
        return self.query(f"SELECT {text} AS v, COUNT(*) AS n FROM {kind} "
                          f"WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v "
                          f"LIMIT {int(limit)}")

    def surveys(self) -> pa.Table:
        return self.query("SELECT name, file, weight_column, respondents, questions "
                          "FROM surveys ORDER BY name")

    def survey_questions(self, name: str) -> pa.Table:
        return self.query("SELECT question, position, multi, respondents FROM survey_questions "
                          "WHERE name = $name ORDER BY position", {"name": name})

    def survey_answers(self, name: str, question: str) -> pa.Table:
        return self.query("SELECT respondent, answer FROM survey_answers WHERE name = $name "
                          "AND question = $q", {"name": name, "q": question})

    def survey_respondents(self, name: str) -> pa.Table:
        return self.query("SELECT respondent, weight FROM survey_respondents "
                          "WHERE name = $name", {"name": name})

    def survey_answer_counts(self, name: str) -> pa.Table:
        return self.query("SELECT question, answer, count(*) AS n FROM survey_answers "
                          "WHERE name = $name GROUP BY question, answer "
                          "ORDER BY question, n DESC, answer", {"name": name})
