"""Fixtures: the demo run end to end through the real CLI (generate, ingest, extract,
report) at a small scale, and a report on real Hacker News postings (2023)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent.parent / "data" / "report"
REPO = Path(__file__).resolve().parents[2]
SCALE = "0.05"


@dataclass(frozen=True)
class DemoRun:
    out: Path
    stdout: str
    report: dict[str, Any]
    truth: dict[str, Any]


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    out = tmp_path_factory.mktemp("demo")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [sys.executable, "-m", "skillpulse.cli", "demo", "--out", str(out), "--scale", SCALE,
         "--seed", "0", "--workers", "1", "--quiet"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    truth = json.loads((out / "data" / "truth.json").read_text(encoding="utf-8"))
    return DemoRun(out, proc.stdout, report, truth)


@dataclass(frozen=True)
class HnRun:
    out: Path
    store: Path
    report: Any


@pytest.fixture(scope="session")
def hn_run(tmp_path_factory: pytest.TempPathFactory) -> HnRun:
    from skillpulse.extract.store import extract_store
    from skillpulse.ingest import ingest_file
    from skillpulse.ingest.mapping import load_mapping
    from skillpulse.report import build_report, write_report
    from skillpulse.store import open_store
    from skillpulse.taxonomy import Taxonomy

    out = tmp_path_factory.mktemp("hn")
    db = out / "hn.duckdb"
    tax = Taxonomy.default()
    with open_store(db) as store:
        ingest_file(store, "postings", DATA / "hn_whoishiring_2023.csv.gz",
                    mapping=load_mapping(REPO / "examples" / "hn_whoishiring.toml"))
        extract_store(store, tax, workers=1)
        report = build_report(store, period="2023", base="2023H1", current="2023H2",
                              surge_base="2022Q4", category=None, taxonomy=tax)
    write_report(report, out, format="html")
    write_report(report, out, format="json")
    return HnRun(out, db, report)
