"""Incremental work on a Spark store: a second file's documents are extracted alone, and the
derived counting table grows by their rows only (by the Spark extraction itself, or by
``refresh`` after the protocol's generic extraction), ending equal to DuckDB's."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path
from typing import Any

import pytest
from engine_builds import HN, HN_MAPPING, settings_env

from skillpulse.extract.store import extract_store
from skillpulse.settings import resolve
from skillpulse.workspace import Workspace

pytestmark = pytest.mark.spark

PAIRS = ("SELECT COUNT(*) AS n FROM (SELECT DISTINCT kind, taxonomy_version, skill_id, doc_id "
         "FROM mentions) x")
DERIVED = ("SELECT kind, taxonomy_version, skill_id, doc_id, event_at FROM analytics_doc_skills "
           "ORDER BY kind, taxonomy_version, skill_id, doc_id")


def _split(folder: Path, first: int) -> tuple[Path, Path]:
    with gzip.open(HN, "rt", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    parts = []
    for name, chunk in (("a", body[:first]), ("b", body[first:])):
        path = folder / f"hn_{name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([header, *chunk])
        parts.append(path)
    return parts[0], parts[1]


def test_second_file_is_extracted_and_counted_alone(tmp_path: Path, spark_session: Any) -> None:
    part_a, part_b = _split(tmp_path, 1200)
    ws = Workspace(resolve(environ=settings_env(), engine="spark", lake=str(tmp_path / "lake")))
    duck = Workspace(resolve(environ=settings_env(), db=tmp_path / "d.duckdb"))
    first = ws.ingest("postings", part_a, mapping=HN_MAPPING)
    ws.extract()
    with ws.store() as s:
        # the Spark extraction appended the derived rows itself: nothing left to refresh
        assert s.refresh().mode == "none"
        rows_a = s.count("analytics_doc_skills")
        assert rows_a == s.query(PAIRS).to_pylist()[0]["n"] > 0
    second = ws.ingest("postings", part_b, mapping=HN_MAPPING)
    assert (first.loaded, second.loaded) == (1200, 81)
    taxonomy = ws.taxonomy
    with ws.store(write=True) as s:
        info = extract_store(s, taxonomy, workers=1)  # the protocol's generic extraction
        assert info.documents["postings"] == 81  # only the new file's documents
        new_mentions = s.query("SELECT COUNT(*) AS n FROM mentions m JOIN (SELECT id FROM "
                               "postings WHERE source_file = $f) p ON p.id = m.doc_id",
                               {"f": str(part_b)}).to_pylist()[0]["n"]
        refreshed = s.refresh()
        assert refreshed.mode == "append"
        assert refreshed.mentions == new_mentions  # read: the new documents' mentions only
        assert refreshed.rows == s.count("analytics_doc_skills") - rows_a
        assert s.count("analytics_doc_skills") == s.query(PAIRS).to_pylist()[0]["n"]
        got = s.query(DERIVED).to_pylist()
    for part in (part_a, part_b):
        duck.ingest("postings", part, mapping=HN_MAPPING)
    duck.extract(workers=1)
    with duck.store() as d:
        assert d.derived_table() == "analytics_doc_skills"
        assert got == d.query(DERIVED).to_pylist()
