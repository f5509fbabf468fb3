"""Issue 14: real exports load without preprocessing; mapping errors are loud; mapping by
example. The CLI is the contract here, so these run it as a user does."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from skillpulse.errors import MappingError
from skillpulse.ingest import build_mapping, ingest_file
from skillpulse.ingest.infer import infer_mapping
from skillpulse.store import DuckDBStore

CLI = [sys.executable, "-m", "skillpulse.cli"]
ROOT = Path(__file__).parents[2]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


TAGS = [["Google Play", "Tablet"], ["Logo Design", "Adobe Illustrator"], np.nan, ["SEO"],
        ["C;D", "It's"]]


@pytest.fixture
def pandas_csv(tmp_path: Path) -> Path:
    """What pandas writes for a scraped export: list columns as repr, NaN as empty cells, an
    unnamed index, no id and no date column."""
    frame = pd.DataFrame({
        "title": ["Android app for tablets", "Logo design", "Data scraping script", "SEO audit",
                  "Parser"],
        "link": [f"https://www.upwork.com/jobs/~01{c}" for c in "abcde"],
        "description": ["Build an app", np.nan, "Scrape, parse and\nstore", "Audit our site",
                        "A \"quoted\" word"],
        "tags": TAGS,
        "budget": ["$30-$50/hr", "$500", np.nan, "$1,200", "1.5k"],
        "country": ["United States", np.nan, "India", "Germany", "France"],
    })
    path = tmp_path / "upwork.csv"
    frame.to_csv(path)
    return path


def test_pandas_csv_with_list_columns_nan_cells_and_no_id(pandas_csv: Path,
                                                         tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    args = ("ingest", "postings", str(pandas_csv), "--db", db, "--map", "skills=tags",
            "--id-from", "link", "--set", "posted_at=2025-02-15", "--json")
    out = json.loads(run(*args).stdout)["files"][0]
    assert (out["read"], out["loaded"], out["rejected"]) == (5, 5, 0)
    with DuckDBStore(db) as store:
        rows = store.rows("SELECT title, skills, description, country, budget, posted_at, "
                          "extra, id FROM postings ORDER BY source_line")
    expected_tags = [None if not isinstance(t, list) else t for t in TAGS]
    assert [r[1] for r in rows] == expected_tags
    assert rows[1][2] is None and rows[1][3] is None          # NaN cells are empty, not "nan"
    assert rows[2][2] == "Scrape, parse and\nstore"
    assert [r[4] for r in rows] == [30.0, 500.0, None, 1200.0, 1500.0]
    assert {r[5].isoformat() for r in rows} == {"2025-02-15T00:00:00"}
    extra0 = json.loads(rows[0][6])
    assert extra0 == {"budget_max": 50.0, "budget_unit": "hr"}  # the index column is dropped
    assert len({r[7] for r in rows}) == 5
    # the derived ids are stable: the same file again is all duplicates
    again = json.loads(run(*args).stdout)["files"][0]
    assert (again["loaded"], again["duplicates"]) == (0, 5)


def test_us_dates_and_day_first_dates(tmp_path: Path) -> None:
    src = tmp_path / "us.csv"
    src.write_text("id,date,title\na,02/15/2025,t\nb,12/01/2024 3:30 PM,t\nc,13/01/2025,t\n")
    db = str(tmp_path / "s.duckdb")
    out = json.loads(run("ingest", "postings", str(src), "--db", db, "--map",
                         "posted_at=date", "--json").stdout)["files"][0]
    assert (out["loaded"], out["rejected"]) == (2, 1)
    with DuckDBStore(db) as store:
        got = dict(store.rows("SELECT id, strftime(posted_at, '%Y-%m-%d %H:%M') FROM postings"))
        reject = store.rows("SELECT line, reason FROM rejects")
    assert got == {"a": "2025-02-15 00:00", "b": "2024-12-01 15:30"}
    assert reject[0][0] == 4 and "--dayfirst" in reject[0][1]
    src2 = tmp_path / "eu.csv"
    src2.write_text("id,date,title\nd,13/01/2025,t\ne,01/02/2025,t\n")
    run("ingest", "postings", str(src2), "--db", db, "--map", "posted_at=date", "--dayfirst")
    with DuckDBStore(db) as store:
        got = dict(store.rows("SELECT id, strftime(posted_at, '%Y-%m-%d') FROM postings "
                              "WHERE id IN ('d', 'e')"))
    assert got == {"d": "2025-01-13", "e": "2025-02-01"}


def test_constant_date_on_the_command_line_and_in_a_mapping_file(tmp_path: Path) -> None:
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "a", "title": "x"}\n{"id": "b", "title": "y", "posted_at": "junk"}\n')
    db = str(tmp_path / "s.duckdb")
    out = json.loads(run("ingest", "postings", str(src), "--db", db,
                         "--set", "posted_at=2025-02-15", "--json").stdout)["files"][0]
    assert (out["loaded"], out["rejected"]) == (2, 0)  # the constant wins over the column
    with DuckDBStore(db) as store:
        assert store.rows("SELECT DISTINCT posted_at::DATE::VARCHAR FROM postings") == [
            ("2025-02-15",)]
    toml = tmp_path / "m.toml"
    toml.write_text('id_from = ["title"]\n[set]\nposted_at = "2024-06-01"\ncountry = "US"\n')
    db2 = str(tmp_path / "t.duckdb")
    run("ingest", "postings", str(src), "--db", db2, "--mapping", str(toml))
    with DuckDBStore(db2) as store:
        rows = store.rows("SELECT posted_at::DATE::VARCHAR, country, id, extra FROM postings")
    assert {r[:2] for r in rows} == {("2024-06-01", "US")}
    assert all(r[2].startswith("h:") for r in rows)
    # the file's own id column is kept in extra when the id is derived
    assert sorted(json.loads(r[3])["id"] for r in rows) == ["a", "b"]
    bad = run("ingest", "postings", str(src), "--db", db2, "--set", "posted_at=someday",
              check=False)
    assert bad.returncode == 2 and "--set posted_at=someday" in bad.stderr


def test_missing_mapped_column_stops_before_loading(tmp_path: Path) -> None:
    src = tmp_path / "p.csv"
    src.write_text("post_id,post_date,job_title\n1,2025-01-01,a\n")
    db = str(tmp_path / "s.duckdb")
    proc = run("ingest", "postings", str(src), "--db", db, "--map", "id=post_id",
               "--map", "posted_at=post_dat", check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "'post_dat'" in lines[0] and "did you mean 'post_date'" in lines[0]
    assert "Columns found: post_id, post_date, job_title" in lines[0]
    # issue 14's "--map posted_at=2025-02-15": a value given where a column is expected
    proc = run("ingest", "postings", str(src), "--db", db, "--map", "id=post_id",
               "--map", "posted_at=2025-02-15", check=False)
    assert proc.returncode == 2 and "no column '2025-02-15'" in proc.stderr
    assert "use --set posted_at=2025-02-15 to give every row this value" in proc.stderr
    proc = run("ingest", "postings", str(src), "--db", db, "--map", "posted_at=post_date",
               check=False)
    assert proc.returncode == 2 and "required field id" in proc.stderr
    assert "--id-from" in proc.stderr
    with DuckDBStore(db) as store:
        assert store.scalar("SELECT count(*) FROM ingests") == 0
        assert store.scalar("SELECT count(*) FROM rejects") == 0


def test_missing_column_in_jsonl_and_parquet(store: DuckDBStore, tmp_path: Path) -> None:
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "a", "when": "2025-01-01"}\n')
    with pytest.raises(MappingError, match=r"'whn'.*did you mean 'when'"):
        ingest_file(store, "postings", src, mapping=build_mapping(None, ["posted_at=whn"]))
    frame = pd.DataFrame({"id": ["a"], "when": ["2025-01-01"]})
    frame.to_parquet(tmp_path / "p.parquet")
    with pytest.raises(MappingError, match="no column 'posted_at'"):
        ingest_file(store, "postings", tmp_path / "p.parquet")
    info = ingest_file(store, "postings", tmp_path / "p.parquet",
                       mapping=build_mapping(None, ["posted_at=when"]))
    assert info.loaded == 1


def test_every_row_rejected_exits_nonzero_with_top_reasons(tmp_path: Path) -> None:
    src = tmp_path / "p.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "posted_at": f"day {i}"}) + "\n"
                           for i in range(7)) + '{"id": "x", "posted_at": ""}\n')
    db = str(tmp_path / "s.duckdb")
    proc = run("ingest", "postings", str(src), "--db", db, "--json", check=False)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["files"][0]["rejected"] == 8
    assert "all 8 rows were rejected" in proc.stderr
    assert "posted_at: unparsable date … (7 rows)" in proc.stderr
    assert "posted_at: required field is missing or empty (1 row)" in proc.stderr


def test_relative_dates_count_back_from_as_of(tmp_path: Path) -> None:
    src = tmp_path / "p.csv"
    src.write_text("id,posted\na,2 days ago\nb,yesterday\n")
    db = str(tmp_path / "s.duckdb")
    proc = run("ingest", "postings", str(src), "--db", db, "--map", "posted_at=posted",
               check=False)
    assert proc.returncode == 1 and "needs --as-of" in proc.stderr
    db2 = str(tmp_path / "t.duckdb")
    run("ingest", "postings", str(src), "--db", db2, "--map", "posted_at=posted",
        "--as-of", "2025-03-01")
    with DuckDBStore(db2) as store:
        got = dict(store.rows("SELECT id, posted_at::DATE::VARCHAR FROM postings"))
    assert got == {"a": "2025-02-27", "b": "2025-02-28"}


# ------------------------------------------------------------------ --infer-mapping

@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("gen")
    run("generate", "--out", str(out), "--scale", "0.002")
    yield out


def infer_cli(kind: str, path: Path) -> dict[str, object]:
    proc = run("ingest", kind, str(path), "--infer-mapping")
    return tomllib.loads(proc.stdout)


def test_infer_mapping_on_the_hacker_news_file(data_dir: Path) -> None:
    src = data_dir / "ingest" / "hn_whoishiring_slice.csv.gz"
    guessed = infer_cli("postings", src)
    hand = tomllib.loads((ROOT / "examples" / "hn_whoishiring.toml").read_text())
    assert guessed["columns"] == hand["columns"]
    assert guessed["kind"] == "postings" and guessed["format"] == "csv"


@pytest.mark.parametrize("kind", ["postings", "searches", "hires", "profiles"])
def test_infer_mapping_on_generated_files(generated: Path, kind: str, tmp_path: Path) -> None:
    src = generated / f"{kind}.jsonl"
    guessed = infer_cli(kind, src)
    # the generator writes the contract's own names: every field present maps to itself
    keys: set[str] = set()
    with open(src, "rb") as fh:
        for line in list(fh)[:200]:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # the generator plants malformed lines
            if isinstance(record, dict):
                keys |= set(record)
    assert guessed["columns"] == {k: k for k in guessed["columns"]}
    assert set(guessed["columns"]) == keys
    # the printed TOML, saved, loads the file
    toml = tmp_path / "m.toml"
    toml.write_text(run("ingest", kind, str(src), "--infer-mapping").stdout)
    out = json.loads(run("ingest", kind, str(src), "--db", str(tmp_path / "s.duckdb"),
                         "--mapping", str(toml), "--json").stdout)["files"][0]
    assert out["loaded"] > 0


def test_infer_mapping_on_a_pandas_csv(pandas_csv: Path, tmp_path: Path) -> None:
    text = run("ingest", "postings", str(pandas_csv), "--infer-mapping").stdout
    guessed = tomllib.loads(text)
    assert guessed["id_from"] == ["link"]
    assert guessed["columns"] == {"title": "title", "description": "description",
                                  "skills": "tags", "country": "country", "budget": "budget"}
    assert '# posted_at = "YYYY-MM-DD"' in text  # no date column: the user must set one
    toml = tmp_path / "m.toml"
    toml.write_text(text)
    out = json.loads(run("ingest", "postings", str(pandas_csv), "--db",
                         str(tmp_path / "s.duckdb"), "--mapping", str(toml), "--set",
                         "posted_at=2025-02-15", "--json").stdout)["files"][0]
    assert (out["loaded"], out["rejected"]) == (5, 0)


def test_infer_mapping_finds_unnamed_dates_day_first_and_relative(tmp_path: Path) -> None:
    src = tmp_path / "x.csv.gz"
    with gzip.open(src, "wt") as fh:
        fh.write("ref,when,headline,keywords\n")
        for i in range(1, 30):
            fh.write(f"r{i},{i:02d}/01/2025,title {i},a;b\n")
    guessed = infer_mapping("postings", src)
    assert guessed.columns == {"id": "ref", "posted_at": "when", "title": "headline",
                               "skills": "keywords"}
    assert guessed.dayfirst is True
    rel = tmp_path / "rel.csv"
    rel.write_text("id,posted,title\na,2 days ago,t\nb,3 hours ago,t\n")
    guessed = infer_mapping("postings", rel)
    assert guessed.columns["posted_at"] == "posted"
    assert guessed.needs_as_of == ("posted_at",)
    assert "as_of" in guessed.to_toml()


def test_mapping_file_keys_and_command_line_precedence(tmp_path: Path) -> None:
    toml = tmp_path / "m.toml"
    toml.write_text('kind = "postings"\nid_from = "url"\ndayfirst = true\nas_of = "2025-03-01"\n'
                    'window = ["2000-01-01", "2030-01-01"]\n[columns]\nposted_at = "when"\n'
                    'title = "name"\n[set]\ncountry = "US"\n')
    mapping = build_mapping(toml)
    assert (mapping.id_from, mapping.dayfirst, mapping.as_of) == (("url",), True, "2025-03-01")
    assert mapping.window == ("2000-01-01", "2030-01-01")
    assert mapping.columns == {"posted_at": "when", "title": "name"}
    assert mapping.constants == {"country": "US"}
    # flags override the file: a constant replaces the file's column, a column its constant,
    # a mapped id its id_from; --dayfirst=False wins over the file's true
    over = build_mapping(toml, ["country=land", "id=ref"], constants={"posted_at": "2025-01-01"},
                         dayfirst=False)
    assert over.columns == {"title": "name", "country": "land", "id": "ref"}
    assert over.constants == {"posted_at": "2025-01-01"}
    assert (over.id_from, over.dayfirst) == ((), False)
    assert build_mapping(None, [], id_from=["a, b", "c"]).id_from == ("a", "b", "c")
    assert build_mapping(None, {"title": "name"}).columns == {"title": "name"}
    bad = tmp_path / "bad.toml"
    bad.write_text('dayfirst = "yes"\n')
    with pytest.raises(MappingError, match="dayfirst must be true or false"):
        build_mapping(bad)


def test_the_reading_options_exist_and_are_documented() -> None:
    from skillpulse.cli.ingest import ingest

    doc = (ROOT / "docs" / "data-format.md").read_text()
    options = {opt for param in ingest.params for opt in getattr(param, "opts", [])}
    for opt in ("--map", "--mapping", "--set", "--id-from", "--dayfirst", "--as-of",
                "--window", "--infer-mapping", "--format", "--quiet", "--json"):
        assert opt in options, opt
        assert opt in doc, opt
