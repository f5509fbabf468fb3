"""Issue 15 item 2: reading commands never fail on a stored value. Ingest now rejects
timestamps outside years 1-9999, but a store filled by an older version may hold a year-10000
or a BC value; every reading command still answers (the values are left out of ranges)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).parents[2]

POSTINGS = (
    '{"id":"a","posted_at":"2023-03-01","title":"ChatGPT expert",'
    '"description":"Prompt engineering with ChatGPT"}\n'
    '{"id":"b","posted_at":"2023-05-01","title":"Python developer",'
    '"description":"Python and SQL"}\n'
)


def sp(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SKILLPULSE_DB", None)
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def legacy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("legacy")
    (work / "p.jsonl").write_text(POSTINGS, encoding="utf-8")
    assert sp("ingest", "postings", "p.jsonl", "--db", "s.duckdb", "-q", cwd=work).returncode == 0
    con = duckdb.connect(str(work / "s.duckdb"))
    # what an older version stored for 9999-12-31T23:59:59-05:00 and 0001-01-01T00:00:00+05:00
    con.execute("UPDATE postings SET posted_at = TIMESTAMP '9999-12-31 23:59:59' "
                "+ INTERVAL 5 HOUR WHERE id = 'a'")
    con.execute("INSERT INTO postings (id, posted_at, title, description) VALUES "
                "('c', TIMESTAMP '0001-01-01 00:00:00' - INTERVAL 5 HOUR, 'x', 'Python')")
    years = [r[0] for r in con.execute("SELECT year(posted_at) FROM postings").fetchall()]
    con.close()
    assert 10000 in years and min(years) <= 0  # the values the issue reports
    assert sp("extract", "--db", "s.duckdb", "-q", cwd=work).returncode == 0
    return work


@pytest.mark.parametrize("args", [
    ["status"],
    ["share", "--kind", "postings", "--category", "generative-ai", "--by", "quarter"],
    ["share", "--kind", "postings", "--category", "generative-ai", "--by", "month"],
    ["top", "--kind", "postings", "--period", "2023"],
    ["growth", "--kind", "postings", "--base", "2023Q1", "--current", "2023Q2"],
    ["related", "Python", "--kind", "postings", "--period", "2023"],
    ["export", "postings", "--out", "out.csv"],
    ["export", "mentions", "--out", "mentions.csv"],
    ["report", "--out", "report"],
])
def test_reading_commands_answer_despite_out_of_range_values(legacy_store: Path,
                                                            args: list[str]) -> None:
    res = sp(*args, "--db", "s.duckdb", cwd=legacy_store)
    assert res.returncode == 0, res.stderr
    assert "unexpected" not in res.stderr
