"""Issue 15 item 4: ``demo --out .`` must not replace the user's store or files. The demo
writes only into a folder it creates (or an empty one) or one it made before (marker file),
and refuses anything else with a clear message and exit 2, writing nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.report.conftest import DemoRun

from skillpulse.demo import MARKER, claim_out_dir
from skillpulse.errors import SkillpulseError


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _demo(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", "demo", *args,
                           "--scale", "0.01", "--workers", "1", "--quiet"],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=300,
                          check=False)


def test_demo_out_dot_refuses_a_users_folder(tmp_path: Path) -> None:
    (tmp_path / "skillpulse.duckdb").write_bytes(b"my precious store")
    (tmp_path / "report.md").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "postings.jsonl").write_text('{"id": "mine"}\n', encoding="utf-8")
    before = _snapshot(tmp_path)
    proc = _demo(tmp_path, "--out", ".")
    assert proc.returncode == 2, proc.stderr
    assert "not made by the demo" in proc.stderr and MARKER in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _snapshot(tmp_path) == before  # nothing written, nothing replaced


def test_demo_out_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    proc = _demo(tmp_path, "--out", "afile")
    assert proc.returncode == 2 and "is a file" in proc.stderr  # click's check
    assert target.read_text(encoding="utf-8") == "x"
    with pytest.raises(SkillpulseError, match="a file is in the way"):
        claim_out_dir(target)  # the library says so too


def test_demo_reuses_its_own_folder_and_takes_new_or_empty_ones(demo_run: DemoRun,
                                                                 tmp_path: Path) -> None:
    assert (demo_run.out / MARKER).is_file()  # the demo's folder carries the marker
    claim_out_dir(demo_run.out)  # so it may write there again
    new = tmp_path / "new" / "demo"
    claim_out_dir(new)
    assert (new / MARKER).is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    claim_out_dir(empty)
    assert [p.name for p in empty.iterdir()] == [MARKER]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SkillpulseError, match="not made by the demo"):
        claim_out_dir(tmp_path / "mine")
