"""The CLI on the Spark engine, in real subprocesses: ``SKILLPULSE_ENGINE`` and
``SKILLPULSE_LAKE`` for ingest, ``skillpulse extract`` with no argument (the configured
store), then ``top --engine spark --lake`` giving what the DuckDB store gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from engine_builds import settings_env

from skillpulse.settings import resolve
from skillpulse.workspace import Workspace

pytestmark = pytest.mark.spark

CLEAN = ("SKILLPULSE_DB", "SKILLPULSE_ENGINE", "SKILLPULSE_LAKE", "SKILLPULSE_CONFIG",
         "SKILLPULSE_TAXONOMY_FILES", "SKILLPULSE_WORKERS")


def _cli(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN}
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600, env={**env, **extra})


def test_ingest_extract_top_on_spark(tmp_path: Path, market_folder: Path) -> None:
    postings = market_folder / "postings.jsonl"
    lake = tmp_path / "lake"
    on_spark = {"SKILLPULSE_ENGINE": "spark", "SKILLPULSE_LAKE": str(lake)}
    done = _cli("ingest", "postings", str(postings), "--json", cwd=tmp_path, **on_spark)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)["files"][0]
    assert loaded["read"] == loaded["loaded"] + loaded["rejected"] + loaded["duplicates"]
    assert loaded["loaded"] > 100 and (lake / "postings").is_dir()
    assert not (tmp_path / "skillpulse.duckdb").exists()  # the lake, not the default file
    done = _cli("extract", "--json", cwd=tmp_path, **on_spark)  # no argument: the lake
    assert done.returncode == 0, done.stderr
    extracted = json.loads(done.stdout)
    assert extracted["documents"]["postings"] == loaded["loaded"]
    done = _cli("top", "--engine", "spark", "--lake", str(lake), "--kind", "postings",
                "--period", "2023H1", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    duck = Workspace(resolve(environ=settings_env(), db=tmp_path / "d.duckdb"))
    duck.ingest("postings", postings)
    duck.extract(workers=1)
    want = duck.top(kind="postings", period="2023H1").to_dict()
    assert json.loads(done.stdout) == json.loads(json.dumps(want, default=str))
    assert want["rows"]


def test_spark_submit_runs_a_command(tmp_path: Path, market_folder: Path) -> None:
    """``spark-submit ENTRY COMMAND ...`` (docs/spark.md): the master given to spark-submit
    is used and the command runs on the lake."""
    spark_submit = Path(sys.executable).with_name("spark-submit")
    if not spark_submit.exists():
        pytest.skip("spark-submit is not installed beside this Python")
    entry = subprocess.run([sys.executable, "-m", "skillpulse.store.spark.submit", "--path"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(entry).name == "submit.py"
    env = {k: v for k, v in os.environ.items() if k not in CLEAN}
    env.update(PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    lake = tmp_path / "lake"
    done = subprocess.run(
        [str(spark_submit), "--master", "local[1]", entry, "ingest", "searches",
         str(market_folder / "searches.jsonl"), "--engine", "spark", "--lake", str(lake),
         "--json"], capture_output=True, text=True, cwd=tmp_path, timeout=900, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    info = json.loads(done.stdout.strip().splitlines()[-1])["files"][0]
    assert info["read"] == info["loaded"] + info["rejected"] + info["duplicates"] > 1000
    assert (lake / "searches").is_dir() and (lake / "ingests").is_dir()
