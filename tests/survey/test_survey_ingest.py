"""Ingest accounting, weights and rejects, formats, multi-select rules, atomic replacement."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from skillpulse.errors import InputFileError
from skillpulse.store import DuckDBStore
from skillpulse.survey.ingest import ingest_survey
from skillpulse.survey.questions import question_kinds
from skillpulse.survey.share import survey_share

SO_SLICE = Path(__file__).parent.parent / "data" / "survey" / "so2024_first2000.csv.bz2"

WEIGHTED_CSV = """id,w,q1,tools
1,1.5,yes,A;B
2,abc,no,A
3,-2,yes,B
4,,yes,A
5,0.5,no,
6,inf,no,B
7,2,yes,"B; A;A"
"""


def _rejects(store: DuckDBStore) -> list[tuple[int, str, str]]:
    return [tuple(r) for r in store.con.execute(
        "SELECT line, field, reason FROM rejects WHERE kind = 'survey' ORDER BY line"
    ).fetchall()]


def test_stackoverflow_slice_accounting(store: DuckDBStore) -> None:
    info = ingest_survey(store, SO_SLICE, name="so")
    assert (info.read, info.loaded, info.rejected) == (2000, 2000, 0)
    assert info.read == info.loaded + info.rejected
    assert info.questions == 114
    assert "AISearchDevHaveWorkedWith" in info.multi_select
    assert "AISelect" not in info.multi_select
    assert store.scalar("SELECT count(*) FROM survey_respondents WHERE name = 'so'") == 2000
    row = store.con.execute("SELECT rows_read, loaded, rejected FROM ingests "
                            "WHERE kind = 'survey'").fetchone()
    assert row == (2000, 2000, 0)


def test_bad_weights_rejected_with_line_and_field(tmp_path: Path, store: DuckDBStore) -> None:
    path = tmp_path / "w.csv"
    path.write_text(WEIGHTED_CSV)
    info = ingest_survey(store, path, name="w", weight="w")
    assert (info.read, info.loaded, info.rejected) == (7, 3, 4)
    rejects = _rejects(store)
    # header is line 1, so respondent 2 is on line 3
    assert [(line, field) for line, field, _ in rejects] == [(3, "w"), (4, "w"), (5, "w"),
                                                             (7, "w")]
    reasons = [reason for _, _, reason in rejects]
    assert "not a number" in reasons[0]
    assert "negative" in reasons[1]
    assert "missing" in reasons[2]
    assert "not finite" in reasons[3]
    raw = store.scalar("SELECT raw FROM rejects WHERE line = 3")
    assert "abc" in raw
    # the weight column is not a question; weights are stored
    assert "w" not in question_kinds(store, "w")
    weights = store.con.execute("SELECT line, weight FROM survey_respondents WHERE name = 'w' "
                                "ORDER BY line").fetchall()
    assert weights == [(2, 1.5), (6, 0.5), (8, 2.0)]


def test_multi_select_split_trim_and_dedupe(tmp_path: Path, store: DuckDBStore) -> None:
    path = tmp_path / "w.csv"
    path.write_text(WEIGHTED_CSV)
    ingest_survey(store, path, name="w")
    assert question_kinds(store, "w") == {"id": False, "w": False, "q1": False, "tools": True}
    answers = store.con.execute(
        "SELECT respondent, answer FROM survey_answers WHERE name = 'w' AND question = 'tools' "
        "ORDER BY respondent, answer").fetchall()
    # respondent 7 wrote "B; A;A": trimmed, and A counted once; respondent 5 did not answer
    assert answers == [(1, "A"), (1, "B"), (2, "A"), (3, "B"), (4, "A"), (6, "B"),
                       (7, "A"), (7, "B")]


def test_overrides_force_single_or_multi(tmp_path: Path, store: DuckDBStore) -> None:
    path = tmp_path / "w.csv"
    path.write_text(WEIGHTED_CSV)
    ingest_survey(store, path, name="w", single=["tools"], multi=["q1"])
    kinds = question_kinds(store, "w")
    assert kinds["tools"] is False and kinds["q1"] is True
    assert store.scalar("SELECT answer FROM survey_answers WHERE name='w' AND question='tools' "
                        "AND respondent = 1") == "A;B"


def test_na_values(tmp_path: Path, store: DuckDBStore) -> None:
    path = tmp_path / "na.csv"
    path.write_text("q\nyes\nNA\nno\n  \n")
    ingest_survey(store, path, name="na", na_values=("NA",))
    result = survey_share(store, name="na", question="q")
    assert result.base == 2


def test_malformed_csv_row_rejected(tmp_path: Path, store: DuckDBStore) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n3,4,5\n6,7\n")
    info = ingest_survey(store, path, name="bad")
    assert (info.read, info.loaded, info.rejected) == (3, 2, 1)
    assert _rejects(store)[0][0] == 3


def test_compressed_jsonl_and_parquet_give_the_same_answers(tmp_path: Path,
                                                            store: DuckDBStore) -> None:
    records = [
        {"id": 1, "role": "ceo", "tools": ["A", "B"], "score": 3, "w": 1.0},
        {"id": 2, "role": "other", "tools": ["A"], "score": 4.5, "w": "2"},
        {"id": 3, "role": "ceo", "tools": [], "score": None, "w": 1.0},
    ]
    jsonl = tmp_path / "s.jsonl.gz"
    with gzip.open(jsonl, "wt") as fh:
        fh.write("\n".join(json.dumps(r) for r in records) + "\n{broken\n")
    parquet = tmp_path / "s.parquet"
    pq.write_table(pa.Table.from_pylist([{**r, "w": float(r["w"])} for r in records]), parquet)
    csv_bz2 = tmp_path / "s.csv.bz2"
    with bz2.open(csv_bz2, "wt") as fh:
        fh.write('id,role,tools,score,w\n1,ceo,A;B,3,1\n2,other,A,4.5,2\n3,ceo,,,1\n')

    infos = [ingest_survey(store, p, name=p.name, weight="w") for p in (jsonl, parquet, csv_bz2)]
    assert [(i.read, i.loaded, i.rejected) for i in infos] == [(4, 3, 1), (3, 3, 0), (3, 3, 0)]
    for p in (jsonl, parquet, csv_bz2):
        kinds = question_kinds(store, p.name)
        assert kinds["tools"] is True, p
        rows = store.con.execute(
            "SELECT respondent, question, answer FROM survey_answers WHERE name = ? "
            "ORDER BY ALL", [p.name]).fetchall()
        assert rows == [(1, "id", "1"), (1, "role", "ceo"), (1, "score", "3"), (1, "tools", "A"),
                        (1, "tools", "B"), (2, "id", "2"), (2, "role", "other"),
                        (2, "score", "4.5"), (2, "tools", "A"), (3, "id", "3"),
                        (3, "role", "ceo")], p


def test_single_element_lists_still_make_a_multi_select(tmp_path: Path,
                                                        store: DuckDBStore) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"tools": ["A"]}\n{"tools": ["B"]}\n')
    info = ingest_survey(store, path, name="s")
    assert info.multi_select == ("tools",)


def test_reingest_replaces_and_failure_keeps_the_old_survey(tmp_path: Path,
                                                            store: DuckDBStore) -> None:
    first = tmp_path / "a.csv"
    first.write_text(WEIGHTED_CSV)
    ingest_survey(store, first, name="s", weight="w")
    assert store.scalar("SELECT count(*) FROM rejects WHERE kind = 'survey'") == 4
    second = tmp_path / "b.csv"
    second.write_text("q1,w\nyes,1\nno,1\n")
    info = ingest_survey(store, second, name="s", weight="w")
    assert info.loaded == 2
    assert store.scalar("SELECT count(*) FROM survey_respondents WHERE name = 's'") == 2
    assert store.scalar("SELECT count(*) FROM surveys WHERE name = 's'") == 1
    assert store.scalar("SELECT count(*) FROM rejects WHERE kind = 'survey'") == 0
    assert set(question_kinds(store, "s")) == {"q1"}
    # a failing ingest (the weight column does not exist) leaves survey "s" untouched
    with pytest.raises(InputFileError, match="weight column 'nope'"):
        ingest_survey(store, first, name="s", weight="nope")
    assert store.scalar("SELECT count(*) FROM survey_respondents WHERE name = 's'") == 2
    assert store.scalar("SELECT file FROM surveys WHERE name = 's'") == str(second)
    # other surveys are not touched by re-ingesting "s"
    ingest_survey(store, first, name="other")
    ingest_survey(store, second, name="s", weight="w")
    assert store.scalar("SELECT count(*) FROM survey_respondents WHERE name = 'other'") == 7


def test_missing_file_and_unknown_format(tmp_path: Path, store: DuckDBStore) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        ingest_survey(store, tmp_path / "nope.csv", name="x")
    odd = tmp_path / "x.txt"
    odd.write_text("a\n1\n")
    with pytest.raises(InputFileError, match="format"):
        ingest_survey(store, odd, name="x")
    info = ingest_survey(store, odd, name="x", fmt="csv")
    assert info.loaded == 1
