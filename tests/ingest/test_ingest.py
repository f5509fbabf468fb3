"""Ingest: every row accounted for, rejects explained, duplicates not double counted."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from skillpulse.errors import InputFileError, MappingError
from skillpulse.ingest import IngestInfo, build_mapping, ingest_file
from skillpulse.store import DuckDBStore


def accounted(info: IngestInfo) -> IngestInfo:
    """The identity every ingest must satisfy."""
    assert info.read == info.loaded + info.rejected + info.duplicates, info
    return info


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def count(store: DuckDBStore, table: str) -> int:
    return int(store.scalar(f"SELECT count(*) FROM {table}"))


GOOD = {"postings": {"id": "p1", "posted_at": "2023-02-01T10:00:00Z", "title": "t"},
        "searches": {"searched_at": "2023-02-01T10:00:00Z", "query": "chatgpt"},
        "hires": {"id": "h1", "hired_at": "2023-02-01", "title": "t"},
        "profiles": {"freelancer_id": "f1", "observed_at": "2023-02-01", "title": "t"}}
TIME_FIELD = {"postings": "posted_at", "searches": "searched_at", "hires": "hired_at",
              "profiles": "observed_at"}


@pytest.mark.parametrize("kind", list(GOOD))
def test_malformed_lines_of_each_kind_are_rejected_with_line_and_reason(
    kind: str, store: DuckDBStore, tmp_path: Path
) -> None:
    good = GOOD[kind]
    bad_date = {**good, TIME_FIELD[kind]: "31/02/2023"}
    path = write_jsonl(tmp_path / f"{kind}.jsonl", [good, "{not json", "[1, 2]", bad_date])
    info = accounted(ingest_file(store, kind, path))
    assert (info.read, info.loaded, info.rejected, info.duplicates) == (4, 1, 3, 0)
    rows = store.rows("SELECT line, field, reason, raw FROM rejects ORDER BY line")
    assert [r[0] for r in rows] == [2, 3, 4]
    assert "malformed JSON" in rows[0][2] and rows[0][3] == "{not json"
    assert rows[1][2] == "not a JSON object"
    assert rows[2][1] == TIME_FIELD[kind] and "unparsable date" in rows[2][2]
    assert "31/02/2023" in rows[2][3]


@pytest.mark.parametrize("kind", list(GOOD))
def test_missing_required_field_names_the_field(
    kind: str, store: DuckDBStore, tmp_path: Path
) -> None:
    spec_required = {"postings": "id", "searches": "query", "hires": "id",
                     "profiles": "freelancer_id"}[kind]
    record = {k: v for k, v in GOOD[kind].items() if k != spec_required}
    path = write_jsonl(tmp_path / "x.jsonl", [record, {**GOOD[kind], spec_required: "  "}])
    info = accounted(ingest_file(store, kind, path))
    assert info.rejected == 2 and info.loaded == 0
    fields = [r[0] for r in store.rows("SELECT field FROM rejects")]
    assert fields == [spec_required, spec_required]


def test_dates_with_zones_are_stored_as_utc(store: DuckDBStore, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "a", "posted_at": "2023-03-01T23:30:00-02:00"},
        {"id": "b", "posted_at": "2023-03-01"},
        {"id": "c", "posted_at": "2023-03-01T12:00:00+05:30"},
        {"id": "d", "posted_at": "2023-03-01 08:15:00"},
    ])
    accounted(ingest_file(store, "postings", path))
    got = {r[0]: r[1].isoformat() for r in store.rows("SELECT id, posted_at FROM postings")}
    assert got == {"a": "2023-03-02T01:30:00", "b": "2023-03-01T00:00:00",
                   "c": "2023-03-01T06:30:00", "d": "2023-03-01T08:15:00"}


def test_wrong_types_are_rejected(store: DuckDBStore, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "a", "posted_at": "2023-03-01", "budget": "lots"},
        {"id": "b", "posted_at": "2023-03-01", "skills": {"x": 1}},
        {"id": "c", "posted_at": 20230301},
        {"id": "d", "posted_at": "2023-03-01", "title": ["a"]},
        {"id": 5, "posted_at": "2023-03-01", "budget": "1,500"},
    ])
    info = accounted(ingest_file(store, "postings", path))
    assert info.loaded == 1
    assert store.rows("SELECT id, budget FROM postings") == [("5", 1500.0)]
    fields = [r[0] for r in store.rows("SELECT field FROM rejects ORDER BY line")]
    assert fields == ["budget", "skills", "posted_at", "title"]


def test_extra_columns_are_kept_and_skills_parsed(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "id,posted_at,title,skills,company,remote\n"
        '1,2023-01-02,AI dev,"ChatGPT; Python ;",Acme,yes\n'
        '2,2023-01-03,Dev,"Ruby, Rails",Beta,\n'
        '3,2023-01-04,Dev,"[""Go"", ""Rust""]",Gamma,no\n',
        encoding="utf-8",
    )
    accounted(ingest_file(store, "postings", path))
    rows = store.rows("SELECT id, skills, extra FROM postings ORDER BY id")
    assert rows[0][1] == ["ChatGPT", "Python"]
    assert rows[1][1] == ["Ruby", "Rails"]
    assert rows[2][1] == ["Go", "Rust"]
    assert json.loads(rows[0][2]) == {"company": "Acme", "remote": "yes"}
    assert json.loads(rows[1][2]) == {"company": "Beta", "remote": ""}


def test_csv_wrong_field_count_and_stray_quote(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "searched_at,query,client_id\n"
        "2023-01-01,chatgpt,c1\n"
        "2023-01-01,too,many,fields\n"
        '2023-01-02,"stray quote,c2\n'
        "2023-01-03,midjourney,c3\n"
        '2023-01-04,"multi\nline query",c4\n'
        "2023-01-05,stable diffusion,c5\n",
        encoding="utf-8",
    )
    info = accounted(ingest_file(store, "searches", path))
    # lines: 2 ok, 3 wrong count, 4 stray quote, 5 ok, 6-7 one quoted record, 8 ok
    assert (info.read, info.loaded, info.rejected) == (6, 4, 2)
    queries = sorted(r[0] for r in store.rows("SELECT query FROM searches"))
    assert queries == ["chatgpt", "midjourney", "multi\nline query", "stable diffusion"]
    rejects = store.rows("SELECT line, reason, raw FROM rejects ORDER BY line")
    assert [r[0] for r in rejects] == [3, 4]
    assert "expected 3 fields, found 4" in rejects[0][1]
    assert rejects[1][2] == '2023-01-02,"stray quote,c2'


def test_duplicates_within_and_across_files_and_reingest(
    store: DuckDBStore, tmp_path: Path
) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "1", "posted_at": "2023-01-01", "title": "first"},
        {"id": "2", "posted_at": "2023-01-01"},
        {"id": "1", "posted_at": "2023-01-02", "title": "second"},
    ])
    b = write_jsonl(tmp_path / "b.jsonl", [
        {"id": "2", "posted_at": "2023-01-05"},
        {"id": "3", "posted_at": "2023-01-05"},
        "broken",
    ])
    ia = accounted(ingest_file(store, "postings", a))
    assert (ia.loaded, ia.duplicates) == (2, 1)
    assert store.scalar("SELECT title FROM postings WHERE id = '1'") == "first"
    ib = accounted(ingest_file(store, "postings", b))
    assert (ib.loaded, ib.duplicates, ib.rejected) == (1, 1, 1)
    again = accounted(ingest_file(store, "postings", b))
    assert (again.loaded, again.duplicates, again.rejected) == (0, 2, 1)
    assert count(store, "postings") == 3
    assert count(store, "rejects") == 1  # the same bad line is not recorded twice
    assert count(store, "ingests") == 3


def test_searches_without_id_get_a_content_id(store: DuckDBStore, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [
        {"searched_at": "2023-01-01T10:00:00Z", "query": "chatgpt", "client_id": "c1"},
        {"searched_at": "2023-01-01T10:00:00Z", "query": "chatgpt", "client_id": "c1"},
        {"searched_at": "2023-01-01T10:00:00Z", "query": "chatgpt", "client_id": "c2"},
        {"id": "given", "searched_at": "2023-01-01T10:00:00Z", "query": "chatgpt"},
    ])
    info = accounted(ingest_file(store, "searches", path))
    assert (info.loaded, info.duplicates) == (3, 1)
    ids = sorted(r[0] for r in store.rows("SELECT id FROM searches"))
    assert "given" in ids and all(i.startswith("h:") for i in ids if i != "given")


def test_profiles_are_snapshots_keyed_by_freelancer_and_time(
    store: DuckDBStore, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"freelancer_id": "f1", "observed_at": "2023-01-01", "skills": ["Python"]},
        {"freelancer_id": "f1", "observed_at": "2023-04-01", "skills": ["Python", "LLM"]},
        {"freelancer_id": "f1", "observed_at": "2023-04-01", "skills": ["again"]},
    ])
    info = accounted(ingest_file(store, "profiles", path))
    assert (info.loaded, info.duplicates) == (2, 1)
    assert sorted(r[0] for r in store.rows("SELECT id FROM profiles")) == [
        "f1@2023-01-01T00:00:00", "f1@2023-04-01T00:00:00"]


def test_parquet_and_gzip_inputs(store: DuckDBStore, tmp_path: Path) -> None:
    table = pa.table({"id": ["h1", "h2", None], "hired_at": ["2023-05-01", "2023-05-02", "x"],
                      "skills": [["PyTorch"], [], None], "rate": [10.0, 20.0, 30.0]})
    pq.write_table(table, tmp_path / "h.parquet")
    info = accounted(ingest_file(store, "hires", tmp_path / "h.parquet"))
    assert (info.loaded, info.rejected) == (2, 1)
    assert store.scalar("SELECT line FROM rejects") == 3
    with gzip.open(tmp_path / "s.jsonl.gz", "wt") as fh:
        fh.write(json.dumps(GOOD["searches"]) + "\n")
    assert accounted(ingest_file(store, "searches", tmp_path / "s.jsonl.gz")).loaded == 1


def test_unreadable_files_raise_clear_errors(store: DuckDBStore, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        ingest_file(store, "postings", tmp_path / "missing.jsonl")
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    with pytest.raises(InputFileError, match="--format"):
        ingest_file(store, "postings", odd)
    notparquet = tmp_path / "bad.parquet"
    notparquet.write_text("not parquet")
    with pytest.raises(InputFileError, match="Parquet"):
        ingest_file(store, "postings", notparquet)
    assert count(store, "ingests") == 0


def test_mapping_from_pairs_and_toml(tmp_path: Path) -> None:
    toml = tmp_path / "m.toml"
    toml.write_text('kind = "postings"\n[columns]\nid = "pid"\ntitle = "job"\n')
    mapping = build_mapping(toml, ["title=job_title"])
    assert mapping.columns == {"id": "pid", "title": "job_title"}
    with pytest.raises(MappingError, match="FIELD=COLUMN"):
        build_mapping(None, ["nonsense"])
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 3\n")
    with pytest.raises(MappingError, match="column name"):
        build_mapping(bad, [])


def test_mapping_with_unknown_field_is_refused(store: DuckDBStore, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [GOOD["postings"]])
    with pytest.raises(MappingError, match="salary"):
        ingest_file(store, "postings", path, mapping=build_mapping(None, ["salary=pay"]))


def test_hacker_news_slice_with_example_mapping(
    store: DuckDBStore, data_dir: Path
) -> None:
    src = data_dir / "ingest" / "hn_whoishiring_slice.csv.gz"
    mapping = build_mapping(Path(__file__).parents[2] / "examples" / "hn_whoishiring.toml", [])
    info = accounted(ingest_file(store, "postings", src, mapping=mapping))
    # independent count of the same file
    with gzip.open(src, "rt", newline="") as fh:
        records = list(csv.DictReader(fh))
    ids = {r["post_link_id"] for r in records}
    assert info.read == len(records)
    assert info.loaded == len(ids) and info.rejected == 0
    with_skills = sum(1 for r in records if r["languages_frameworks"].strip())
    assert store.scalar("SELECT count(*) FROM postings WHERE skills IS NOT NULL") == with_skills
    first = min(r["post_date"] for r in records)[:10]
    last = max(r["post_date"] for r in records)[:10]
    got = store.rows("SELECT min(posted_at), max(posted_at) FROM postings")[0]
    assert (got[0].date().isoformat(), got[1].date().isoformat()) == (first, last)
    extra = json.loads(store.scalar("SELECT extra FROM postings ORDER BY id LIMIT 1"))
    assert "company" in extra and "employment_type" in extra


def test_python_content_id_matches_the_stored_key(store: DuckDBStore, tmp_path: Path) -> None:
    from datetime import datetime

    from skillpulse.ingest.validate import content_id

    path = write_jsonl(tmp_path / "s.jsonl", [
        {"searched_at": "2023-01-01T10:00:00+01:00", "query": "stable difusion"},
    ])
    ingest_file(store, "searches", path)
    expected = content_id(datetime(2023, 1, 1, 9, 0).strftime("%Y-%m-%dT%H:%M:%S"),
                          "stable difusion", "")
    assert store.scalar("SELECT id FROM searches") == expected


def test_every_contract_field_is_documented() -> None:
    from skillpulse.ingest.kinds import KINDS

    doc = (Path(__file__).parents[2] / "docs" / "data-format.md").read_text()
    for spec in KINDS.values():
        assert f"`{spec.name}`" in doc
        for field in spec.fields:
            assert f"`{field.name}`" in doc, (spec.name, field.name)
