"""The ingest, status, rejects and export commands, run as a user runs them."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from skillpulse.store import DuckDBStore

CLI = [sys.executable, "-m", "skillpulse.cli"]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def searches_file(path: Path, n: int, bad_every: int = 0, prefix: str = "s") -> Path:
    with open(path, "wb") as fh:
        for i in range(n):
            if bad_every and i % bad_every == 0:
                fh.write(b'{"searched_at": "not a date", "query": "x"}\n')
                continue
            fh.write(orjson.dumps({"id": f"{prefix}{i}", "searched_at": f"2023-0{1 + i % 6}-01",
                                   "query": f"query number {i}", "client_id": f"c{i % 97}"}))
            fh.write(b"\n")
    return path


def test_ingest_json_summary_status_rejects_and_export(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    src = searches_file(tmp_path / "s.jsonl", 100, bad_every=10)
    out = json.loads(run("ingest", "searches", str(src), "--db", db, "--json").stdout)
    assert out == {"files": [{"file": str(src), "kind": "searches", "read": 100,
                              "loaded": 90, "rejected": 10, "duplicates": 0}]}
    status = json.loads(run("status", "--db", db, "--json").stdout)
    assert status["kinds"]["searches"] == {"count": 90, "first": "2023-01-01",
                                          "last": "2023-06-01", "rejected": 10}
    assert status["kinds"]["postings"]["count"] == 0
    assert status["db_bytes"] == Path(db).stat().st_size + (
        Path(db + ".wal").stat().st_size if Path(db + ".wal").exists() else 0)
    rejects = json.loads(run("rejects", "--db", db, "--json", "--limit", "3").stdout)["rejects"]
    assert [r["line"] for r in rejects] == [1, 11, 21]
    assert all(r["field"] == "searched_at" for r in rejects)
    for suffix in ("parquet", "csv", "jsonl"):
        target = tmp_path / f"out.{suffix}"
        run("export", "searches", "--out", str(target), "--db", db)
        db2 = str(tmp_path / f"back_{suffix}.duckdb")
        back = json.loads(run("ingest", "searches", str(target), "--db", db2, "--json").stdout)
        assert back["files"][0]["loaded"] == 90, suffix


def test_env_var_selects_the_store(tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    src = searches_file(tmp_path / "s.jsonl", 5)
    proc = subprocess.run([*CLI, "ingest", "searches", str(src), "-q"], capture_output=True,
                          text=True, env={**os.environ, "SKILLPULSE_DB": str(db)}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    with DuckDBStore(db) as store:
        assert store.scalar("SELECT count(*) FROM searches") == 5


def test_unreadable_file_exits_nonzero_with_message(tmp_path: Path) -> None:
    proc = run("ingest", "postings", str(tmp_path / "nope.jsonl"), "--db",
               str(tmp_path / "s.duckdb"), check=False)
    assert proc.returncode == 2
    assert "nope.jsonl" in proc.stderr and "no such file" in proc.stderr


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    src = searches_file(tmp_path / "s.jsonl", 200_000)
    piped = run("ingest", "searches", str(src), "--db", str(tmp_path / "a.duckdb"))
    assert "ingest s.jsonl" not in piped.stderr
    # stderr on a pseudo-terminal: the bar is drawn
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*CLI, "ingest", "searches", str(src), "--db",
                             str(tmp_path / "b.duckdb")], stdout=subprocess.PIPE,
                            stderr=follower, env={**os.environ, "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(leader)
    assert proc.returncode == 0
    assert b"ingest s.jsonl" in b"".join(chunks)


def _opens(pid: int, path: Path, *, timeout: float) -> bool:
    """Wait until process ``pid`` holds ``path`` open (Linux /proc); False if it exits first."""
    fds = Path(f"/proc/{pid}/fd")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir()):
                return True
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            return False
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_leaves_the_store_unchanged(tmp_path: Path, sig: int) -> None:
    db = tmp_path / "s.duckdb"
    small = searches_file(tmp_path / "small.jsonl", 50)
    run("ingest", "searches", str(small), "--db", str(db), "-q")
    big = searches_file(tmp_path / "big.jsonl", 1_000_000, prefix="b")
    # a test runner started in the background inherits an ignored SIGINT: give the child the
    # default disposition, as a terminal's foreground process has
    proc = subprocess.Popen([*CLI, "ingest", "searches", str(big), "--db", str(db), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # interrupt only once the command has opened the file: before that, the interpreter may not
    # have installed its handler yet (a slow start on a loaded machine), and the test would
    # measure the start, not the ingest
    assert _opens(proc.pid, big, timeout=120.0), "the ingest never opened the file"
    time.sleep(0.3)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    if sig == signal.SIGINT:  # issue 15 item 11: exit 130 and say what happened
        assert proc.returncode == 130
        err = proc.stderr.read().decode() if proc.stderr else ""
        assert err.strip() == f"error: {big}: interrupted, nothing of this file was stored"
    with DuckDBStore(db) as store:
        assert store.scalar("SELECT count(*) FROM searches") == 50
        assert store.scalar("SELECT count(*) FROM ingests") == 1
        assert store.scalar("SELECT count(*) FROM rejects") == 0
    # the store is usable afterwards, and the same file then loads whole
    again = json.loads(run("ingest", "searches", str(small), str(big), "--db", str(db),
                           "--json").stdout)["files"]
    assert again[0]["duplicates"] == 50
    assert again[1]["loaded"] == 1_000_000
