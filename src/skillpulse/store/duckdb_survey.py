"""DuckDB: surveys written and read (see :class:`skillpulse.store.base.SurveyWrite`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pyarrow as pa

from skillpulse.store.base import IngestRecord
from skillpulse.store.duckdb_append import write_ingest

if TYPE_CHECKING:
    from skillpulse.store.duckdb import DuckDBStore

#: the ``kind`` of survey rejects and ingests
SURVEY_KIND = "survey"


class DuckDBSurveyWrite:
    def __init__(self, store: DuckDBStore, name: str) -> None:
        self.store = store
        self.name = name

    def _insert(self, table: str, columns: str, batch: pa.Table, order: str = "") -> None:
        con = self.store.con
        con.register("_sp_survey_batch", batch)
        try:
            con.execute(f"INSERT INTO {table} SELECT $name, {columns} FROM _sp_survey_batch"
                        f"{order}", {"name": self.name})
        finally:
            con.unregister("_sp_survey_batch")

    def answers(self, batch: pa.Table) -> None:
        self._insert("survey_answers", "respondent, question, answer", batch)

    def respondents(self, batch: pa.Table) -> None:
        self._insert("survey_respondents", "respondent, weight, line", batch)

    def questions(self, table: pa.Table) -> None:
        self._insert("survey_questions", "question, position, multi, respondents", table,
                     " ORDER BY position")

    def rejects(self, file: str, sha256: str, table: pa.Table) -> None:
        if not table.num_rows:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        con = self.store.con
        con.register("_sp_survey_rejects", table)
        try:
            con.execute("INSERT INTO rejects SELECT $kind, $file, $sha, line, field, reason, "
                        "raw, $now FROM _sp_survey_rejects",
                        {"kind": SURVEY_KIND, "file": file, "sha": sha256, "now": now})
        finally:
            con.unregister("_sp_survey_rejects")

    def record(self, *, file: str, sha256: str, weight_column: str | None, respondents: int,
               questions: int, loaded_at: datetime, ingest: IngestRecord) -> None:
        self.store.execute("INSERT INTO surveys VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [self.name, file, sha256, weight_column, respondents, questions,
                            loaded_at])
        write_ingest(self.store, ingest)


def delete_survey(store: DuckDBStore, name: str) -> None:
    """Remove survey ``name`` and the rejects of its file (unless another survey shares it)."""
    for (file,) in store.rows("SELECT file FROM surveys WHERE name = ?", [name]):
        shared = store.scalar("SELECT count(*) FROM surveys WHERE file = ? AND name <> ?",
                              [file, name])
        if not shared:
            store.execute("DELETE FROM rejects WHERE kind = ? AND file = ?", [SURVEY_KIND, file])
    for table in ("surveys", "survey_questions", "survey_respondents", "survey_answers"):
        store.execute(f"DELETE FROM {table} WHERE name = ?", [name])


@contextmanager
def replace_survey(store: DuckDBStore, name: str) -> Iterator[DuckDBSurveyWrite]:
    with store.transaction():
        delete_survey(store, name)
        yield DuckDBSurveyWrite(store, name)
