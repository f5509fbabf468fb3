"""Issue 15, the ingest items: nothing lost, nothing poisoned, clear errors, flat memory.

Each test is named after the item it guards. The property and fuzz tests count a file's
records independently (from what they wrote), never from the reader under test.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpulse.errors import InputFileError
from skillpulse.ingest import IngestInfo, build_mapping, ingest_file
from skillpulse.ingest import pipeline as ingest_pipeline
from skillpulse.store import DuckDBStore

CLI = [sys.executable, "-m", "skillpulse.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def accounted(info: IngestInfo) -> IngestInfo:
    assert info.read == info.loaded + info.rejected + info.duplicates, info
    return info


# ----------------------------------------------------------------- 1: CSV stray quotes

def test_item1_the_issue_reproduction_counts_both_records(store: DuckDBStore,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(b'id,posted_at,title,description\nid1,2023-03-01,t1,"desc 1\n'
                     b'id2,2023-03-01,t2,"desc 2\n')
    info = accounted(ingest_file(store, "postings", path))
    assert (info.read, info.loaded, info.rejected) == (2, 0, 2)
    assert store.rows("SELECT line FROM rejects ORDER BY line") == [(2,), (3,)]


def test_item1_rows_after_a_stray_quote_are_read_on_their_own(store: DuckDBStore,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(
        b'id,posted_at,title,description\n'
        b'id1,2023-03-01,t1,"desc 1\n'          # 2: stray quote, never closed on its line
        b'id2,2023-03-01,t2,desc 2"\n'          # 3: closes it: the swallowed record has 4 fields
        b'id3,2023-03-01,t3,"real\nmulti-line"\n'  # 4-5: a real quoted field over two lines
        b'id4,2023-03-01,t4,d4\n'               # 6
    )
    info = accounted(ingest_file(store, "postings", path))
    assert (info.read, info.loaded, info.rejected) == (4, 3, 1)
    assert store.rows("SELECT line, raw FROM rejects") == [(2, 'id1,2023-03-01,t1,"desc 1')]
    got = dict(store.rows("SELECT id, description FROM postings"))
    assert got == {"id2": 'desc 2"', "id3": "real\nmulti-line", "id4": "d4"}
    lines = dict(store.rows("SELECT id, source_line FROM postings"))
    assert lines == {"id2": 3, "id3": 4, "id4": 6}


# ------------------------------------------------------- 2: timestamps after conversion

def test_item2_dates_out_of_range_in_utc_are_rejected_and_status_still_works(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"id":"y","posted_at":"9999-12-31T23:59:59-05:00"}\n'
        '{"id":"z","posted_at":"0001-01-01T00:00:00+05:00"}\n'
        '{"id":"old","posted_at":"1900-01-01"}\n'
        '{"id":"ok","posted_at":"2023-01-01T23:00:00-05:00"}\n'
    )
    db = str(tmp_path / "s.duckdb")
    proc = run("ingest", "postings", str(path), "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["loaded"] == 1
    with DuckDBStore(db) as store:
        reasons = dict(store.rows("SELECT line, reason FROM rejects"))
        assert store.scalar("SELECT posted_at::VARCHAR FROM postings") == "2023-01-02 04:00:00"
    assert "outside the years 1-9999" in reasons[1] and "outside the years 1-9999" in reasons[2]
    assert "plausible window 1990-01-01..2100-01-01" in reasons[3]
    status = run("status", "--db", db, "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["kinds"]["postings"]["first"] == "2023-01-02"
    # the window is configurable
    wide = run("ingest", "postings", str(path), "--db", db, "--window", "1800-01-01..2200-01-01",
               "--json")
    assert json.loads(wide.stdout)["files"][0]["loaded"] == 1  # "old"; "ok" is a duplicate


def test_item2_parquet_timestamps_go_through_the_same_checks(store: DuckDBStore,
                                                             tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    zone = timezone(timedelta(hours=-5))
    table = pa.table({
        "id": ["a", "b", "c"],
        "posted_at": pa.array([datetime(2023, 1, 1, 23, tzinfo=zone),
                               datetime(1950, 1, 1, tzinfo=zone),
                               datetime(9999, 12, 31, 18, tzinfo=zone)],
                              type=pa.timestamp("us", tz="-05:00")),
    })
    pq.write_table(table, tmp_path / "p.parquet")
    info = accounted(ingest_file(store, "postings", tmp_path / "p.parquet"))
    assert (info.loaded, info.rejected) == (1, 2)
    assert store.scalar("SELECT posted_at::VARCHAR FROM postings") == "2023-01-02 04:00:00"


# ---------------------------------------------------------------- 3: ids of 2**64 and more

def test_item3_huge_integer_ids_stay_exact(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    a, b = 123456789012345678901234567890, 123456789012345678901234567891
    path.write_text(f'{{"id": {a}, "posted_at": "2023-01-01"}}\n'
                    f'{{"id": {b}, "posted_at": "2023-01-01"}}\n'
                    f'{{"id": {2**64}, "posted_at": "2023-01-01", "client_id": {2**70}}}\n'
                    '{"id": 1e30, "posted_at": "2023-01-01"}\n')
    info = accounted(ingest_file(store, "postings", path))
    assert (info.loaded, info.duplicates, info.rejected) == (3, 0, 1)
    ids = {r[0] for r in store.rows("SELECT id FROM postings")}
    assert ids == {str(a), str(b), str(2**64)}
    assert store.scalar("SELECT client_id FROM postings WHERE id = $i", {"i": str(2**64)}) == \
        str(2**70)


# ---------------------------------------------------------- 6: rejects streamed in batches

def test_item6_rejects_are_flushed_in_batches(store: DuckDBStore, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_pipeline, "REJECT_BATCH_ROWS", 50)
    seen: list[int] = []
    flush = ingest_pipeline._Rejects.flush

    def spy(self: ingest_pipeline._Rejects) -> None:
        seen.append(len(self.rows))
        flush(self)

    monkeypatch.setattr(ingest_pipeline._Rejects, "flush", spy)
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(f'{{"id": "p{i}", "posted_at": "never"}}\n' for i in range(1234)))
    info = accounted(ingest_file(store, "postings", path))
    assert info.rejected == 1234
    assert max(seen) <= 50  # never more than one batch held in Python
    assert store.scalar("SELECT count(DISTINCT line) FROM rejects") == 1234


# ------------------------------------------------------------- 9: damaged files, exit 2

def _damaged_files(tmp: Path) -> dict[str, Path]:
    rows = "".join(json.dumps({"id": f"p{i}", "posted_at": "2023-01-01", "title": "x" * 40})
                   + "\n" for i in range(5000)).encode()
    files = {}
    gz = gzip.compress(rows)
    files["truncated gzip"] = tmp / "trunc.jsonl.gz"
    files["truncated gzip"].write_bytes(gz[: len(gz) // 2])
    csv_rows = b"id,posted_at\n" + b"".join(b"p%d,2023-01-01\n" % i for i in range(20000))
    bz = bz2.compress(csv_rows)
    files["truncated bzip2"] = tmp / "trunc.csv.bz2"
    files["truncated bzip2"].write_bytes(bz[: len(bz) // 2])
    files["not gzip"] = tmp / "plain.jsonl.gz"
    files["not gzip"].write_bytes(rows[:1000])
    good = tmp / "good.parquet"
    pq.write_table(pa.table({"id": ["a"] * 1000, "posted_at": ["2023-01-01"] * 1000}), good)
    data = good.read_bytes()
    files["corrupt parquet"] = tmp / "corrupt.parquet"
    files["corrupt parquet"].write_bytes(data[:100] + b"\x00" * 50 + data[150:])
    files["parquet beyond 9999"] = tmp / "far.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "posted_at": pa.array(
        [0, 253_402_300_800_000_000 + 10], type=pa.timestamp("us"))}),
        files["parquet beyond 9999"])
    offsets = pa.py_buffer(b"\x00\x00\x00\x00\x01\x00\x00\x00\x03\x00\x00\x00")
    bad = pa.Array.from_buffers(pa.string(), 2, [None, offsets, pa.py_buffer(b"a\xff\xfe")])
    files["parquet bad utf-8"] = tmp / "badutf.parquet"
    pq.write_table(pa.table({"id": bad, "posted_at": ["2023-01-01"] * 2}),
                   files["parquet bad utf-8"])
    return files


@pytest.mark.parametrize(("case", "says"), [
    ("truncated gzip", "ends early"), ("truncated bzip2", "ends early"),
    ("not gzip", "not a valid gzip file"), ("corrupt parquet", "Parquet"),
    ("parquet beyond 9999", "outside the years 1-9999"),
    ("parquet bad utf-8", "not valid UTF-8"),
])
def test_item9_damaged_files_fail_in_one_line_with_exit_2(tmp_path: Path, case: str,
                                                         says: str) -> None:
    path = _damaged_files(tmp_path)[case]
    db = tmp_path / "s.duckdb"
    proc = run("ingest", "postings", str(path), "--db", str(db))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and says in lines[0]
    with DuckDBStore(db) as store:  # nothing half-loaded
        assert store.scalar("SELECT count(*) FROM postings") == 0
        assert store.scalar("SELECT count(*) FROM ingests") == 0
    with DuckDBStore(":memory:") as mem, pytest.raises(InputFileError):
        ingest_file(mem, "postings", path)


# ------------------------------------------------------------------ 14: smaller items

def test_item14_jsonl_with_a_bom_keeps_its_first_row(store: DuckDBStore,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "posted_at": "2023-01-01"}\n'
                     b'{"id": "b", "posted_at": "2023-01-01"}\n')
    info = accounted(ingest_file(store, "postings", path))
    assert (info.read, info.loaded) == (2, 2)


def test_item14_parquet_date32_is_a_date(store: DuckDBStore, tmp_path: Path) -> None:
    from datetime import date

    pq.write_table(pa.table({"id": ["a", "b"], "posted_at": pa.array(
        [date(2023, 1, 1), date(2023, 2, 1)], type=pa.date32())}), tmp_path / "d.parquet")
    info = accounted(ingest_file(store, "postings", tmp_path / "d.parquet"))
    assert info.loaded == 2


def test_item14_invalid_utf8_is_rejected_alike_in_csv_and_jsonl(store: DuckDBStore,
                                                                tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_bytes(b"id,posted_at,title\na,2023-01-01,caf\xe9\n"
                                     b"b,2023-01-01,ok\n")
    (tmp_path / "b.jsonl").write_bytes(b'{"id": "c", "posted_at": "2023-01-01", '
                                       b'"title": "caf\xe9"}\n'
                                       b'{"id": "d", "posted_at": "2023-01-01"}\n')
    for name in ("b.csv", "b.jsonl"):
        info = accounted(ingest_file(store, "postings", tmp_path / name))
        assert (info.loaded, info.rejected) == (1, 1), name
    reasons = [r[0] for r in store.rows("SELECT reason FROM rejects ORDER BY file")]
    assert reasons[0].startswith("invalid UTF-8: byte 0xe9")
    assert reasons[1].startswith("invalid UTF-8: byte 0xe9")
    assert store.scalar("SELECT raw FROM rejects WHERE file LIKE '%.csv'") == \
        "a,2023-01-01,caf\ufffd"


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_item14_export_then_ingest_round_trips(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "posted_at": "2023-01-01T10:00:00+02:00",
                               "skills": ["C;D", "E, F", "G|H"], "budget": "$30-$50/hr",
                               "team": "x", "nested": {"k": [1, 2]}}) + "\n")
    db1, db2 = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    assert run("ingest", "postings", str(src), "--db", db1).returncode == 0
    out = tmp_path / f"out.{suffix}"
    assert run("export", "postings", "--out", str(out), "--db", db1).returncode == 0
    back = run("ingest", "postings", str(out), "--db", db2)
    assert back.returncode == 0, back.stderr
    query = ("SELECT id, posted_at, skills, budget, extra FROM postings")
    with DuckDBStore(db1) as one, DuckDBStore(db2) as two:
        first, second = one.rows(query), two.rows(query)
    assert second == first
    assert first[0][2] == ["C;D", "E, F", "G|H"]
    assert json.loads(first[0][4]) == {"team": "x", "nested": {"k": [1, 2]},
                                       "budget_max": 50.0, "budget_unit": "hr"}


# ------------------------------------------- property test and fuzz run: read = records

@dataclass(frozen=True)
class Row:
    """One generated record and what must become of it."""

    kind: str  # good, multiline, midquote, stray, badbytes, baddate
    title: str
    date: str


DATES_BAD = ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "1969-12-31",
             "31/02/2023", "2023-02-30", "", "soon", "1e400"]
WORDS = st.text(alphabet="abc xyz,;|[]'é", min_size=1, max_size=12).filter(
    lambda s: s.strip() != "")
KINDS = ["good", "multiline", "midquote", "stray", "badbytes", "baddate"]
GOOD_KINDS = {"good", "multiline", "midquote"}


def row_strategy() -> st.SearchStrategy[Row]:
    return st.builds(Row, st.sampled_from(KINDS), WORDS, st.sampled_from(DATES_BAD))


def write_csv(rows: list[Row], blanks: set[int]) -> bytes:
    out = io.BytesIO()
    out.write(b"id,posted_at,title,description\n")
    for i, row in enumerate(rows):
        if i in blanks:
            out.write(b"\n")
        title = row.title.replace('"', "")
        ident = f"r{i}"
        if row.kind == "stray":  # a quote opens a field and never closes on its line
            plain = title.replace(",", " ").strip() or "t"
            out.write(f'{ident},2023-01-01,"{plain},desc\n'.encode())
            continue
        if row.kind == "badbytes":
            out.write(f"{ident},2023-01-01,".encode() + b"x\xff" + b",desc\n")
            continue
        if row.kind == "midquote":  # a quote inside an unquoted field is a character
            plain = title.replace(",", " ").replace("\n", " ").strip() or "t"
            out.write(f'{ident},2023-01-01,a"{plain},d\n'.encode())
            continue
        date = row.date if row.kind == "baddate" else "2023-01-01"
        desc = "line one\nline two" if row.kind == "multiline" else "d"
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow([ident, date, title, desc])
        out.write(text.getvalue().encode())
    return out.getvalue()


def write_jsonl(rows: list[Row], blanks: set[int], bom: bool) -> bytes:
    out = io.BytesIO()
    if bom:
        out.write(b"\xef\xbb\xbf")
    for i, row in enumerate(rows):
        if i in blanks:
            out.write(b"\n")
        ident = f"r{i}"
        if row.kind == "stray":
            out.write(f'{{"id": "{ident}", "posted_at": "2023-01-01", "title": "a"b"}}\n'
                      .encode())
            continue
        if row.kind == "badbytes":
            out.write(f'{{"id": "{ident}", "posted_at": "2023-01-01", "title": "'.encode()
                      + b"x\xff" + b'"}\n')
            continue
        date = row.date if row.kind == "baddate" else "2023-01-01"
        title = 'a"' + row.title if row.kind == "midquote" else row.title
        desc = "line one\nline two" if row.kind == "multiline" else "d"
        out.write(json.dumps({"id": ident, "posted_at": date, "title": title,
                              "description": desc}).encode() + b"\n")
    return out.getvalue()


def check_accounting(store: DuckDBStore, path: Path, rows: list[Row]) -> None:
    info = ingest_file(store, "postings", path,
                       mapping=build_mapping(None, []))
    good = sum(r.kind in GOOD_KINDS for r in rows)
    assert info.read == len(rows), (path.suffix, info)  # records as written, blanks aside
    assert (info.loaded, info.rejected, info.duplicates) == (good, len(rows) - good, 0), info
    assert info.read == info.loaded + info.rejected + info.duplicates
    loaded = {r[0] for r in store.rows("SELECT id FROM postings WHERE source_file = $f",
                                       {"f": str(path)})}
    assert loaded == {f"r{i}" for i, r in enumerate(rows) if r.kind in GOOD_KINDS}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(rows=st.lists(row_strategy(), min_size=1, max_size=40),
       blank_seed=st.integers(0, 2**16), bom=st.booleans())
def test_property_read_equals_loaded_plus_rejected_against_an_independent_count(
    tmp_path_factory: pytest.TempPathFactory, rows: list[Row], blank_seed: int, bom: bool,
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    blanks = {i for i in range(len(rows)) if random.Random(blank_seed + i).random() < 0.1}
    (tmp / "f.csv").write_bytes(write_csv(rows, blanks))
    (tmp / "f.jsonl").write_bytes(write_jsonl(rows, blanks, bom))
    with DuckDBStore(":memory:") as store:
        check_accounting(store, tmp / "f.csv", rows)
    with DuckDBStore(":memory:") as store:
        check_accounting(store, tmp / "f.jsonl", rows)


def test_fuzz_100k_random_rows(tmp_path: Path) -> None:
    rng = random.Random(15)
    alphabet = "abcdefgh xyz,;|[]'é\""
    rows = [Row(rng.choices(KINDS, weights=[60, 8, 8, 8, 8, 8])[0],
                "".join(rng.choices(alphabet, k=rng.randint(1, 30))).strip('"') or "t",
                rng.choice(DATES_BAD)) for _ in range(100_000)]
    blanks = {i for i in range(len(rows)) if rng.random() < 0.01}
    (tmp_path / "f.csv").write_bytes(write_csv(rows, blanks))
    (tmp_path / "f.jsonl").write_bytes(write_jsonl(rows, blanks, bom=True))
    for name in ("f.csv", "f.jsonl"):
        with DuckDBStore(tmp_path / f"{name}.duckdb") as store:
            check_accounting(store, tmp_path / name, rows)


def test_item2_status_reads_a_value_stored_by_an_older_version(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with DuckDBStore(db) as store:  # what an ingest before the UTC check could store
        store.execute("INSERT INTO postings (id, posted_at) VALUES "
                      "('y', TIMESTAMP '9999-12-31 23:59:59' + INTERVAL 5 HOUR), "
                      "('z', TIMESTAMP '2023-01-01')")
    proc = run("status", "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)["kinds"]["postings"]
    assert (got["first"], got["last"]) == ("2023-01-01", "10000-01-01")
