"""``skillpulse serve --workers N`` and ``--warm`` as a user runs them: the real command in
its own process over a copy of the generated store, asked over HTTP."""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

SRC = str(Path(__file__).parents[2] / "src")


@pytest.fixture
def store_copy(market_folder: Path, tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    shutil.copy(market_folder / "skillpulse.duckdb", db)
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    proc: subprocess.Popen[str]
    base: str
    lines: queue.Queue[str]

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=300) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as err:
            return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()

    def wait_for_line(self, start: str, timeout: float = 600) -> str:
        stop = time.monotonic() + timeout
        while time.monotonic() < stop:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, "the server stopped"
                continue
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r} within {timeout} s")


@contextmanager
def _serve(db: Path, tmp_path: Path, *options: str) -> Iterator[Server]:
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "skillpulse.cli", "serve", "--db", str(db), "--port",
         str(port), *options], stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": SRC, "TMPDIR": str(temp)})
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    server = Server(proc, f"http://127.0.0.1:{port}", lines)
    try:
        stop = time.monotonic() + 300
        while True:
            try:
                server.get("/v1/status")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < stop, "did not start"
                time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def _children(pid: int) -> list[str]:
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    out = []
    for k in kids:
        try:
            out.append(Path(f"/proc/{k}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return out


def _quarter(day: str) -> str:
    return f"{day[:4]}Q{(int(day[5:7]) - 1) // 3 + 1}"


def test_workers_answer_as_the_library_and_share_one_results_folder(
        store_copy: Path, tmp_path: Path) -> None:
    import skillpulse

    ws = skillpulse.open(store_copy)
    asks = {f"/v1/top?kind={kind}&period={q}&n={n}": ws.top(kind=kind, period=q, n=n)
            for kind in ("postings", "searches") for q in ("2023Q1", "2023Q2", "2023Q3")
            for n in (3, 5)}
    expected = {p: json.loads(json.dumps(r.to_dict(), default=str)) for p, r in asks.items()}
    del ws
    with _serve(store_copy, tmp_path, "--workers", "2") as server:
        workers = [c for c in _children(server.proc.pid) if "multiprocessing.spawn" in c]
        assert len(workers) == 2
        # every request uncached, asked at once over separate connections: the two
        # processes compute one at a time (else one of them finds the store locked: 503)
        with ThreadPoolExecutor(8) as pool:
            answers = dict(zip(expected, pool.map(server.get, expected), strict=True))
        for path, (status, _, body) in answers.items():
            assert status == 200, (path, body[:300])
            assert json.loads(body) == expected[path]
        folders = list((tmp_path / "tmp").glob("skillpulse-serve-*"))
        assert len(folders) == 1
        # one file per request answered: these and the /v1/status the start-up wait asked
        assert len(list(folders[0].glob("*.result"))) == len(expected) + 1
        # asked again, whichever process takes the connection: the same answer
        again = [server.get(p) for p in expected for _ in range(4)]
        for (status, headers, body), path in zip(again, [p for p in expected for _ in range(4)],
                                                 strict=True):
            assert status == 200 and headers["etag"] == answers[path][1]["etag"]
            assert body == answers[path][2]
        # the computation lock is the folder's: while this test holds it, no process
        # computes (an uncached request waits), every process still sends cached answers
        fd = os.open(folders[0] / "compute.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(server.get, "/v1/top?kind=postings&period=2023Q4&n=4")
            try:
                for path in list(expected)[:4]:
                    assert server.get(path)[0] == 200
                time.sleep(2)
                assert not waiting.done()
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            assert waiting.result(timeout=300)[0] == 200
    assert not list((tmp_path / "tmp").glob("skillpulse-serve-*"))  # removed at exit


HOLD = """
import sys
from skillpulse.store import open_store
with open_store(sys.argv[1]) as store:
    print("open", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_warm_answers_the_dashboards_first_requests_before_anyone_asks(
        store_copy: Path, tmp_path: Path, workers: str) -> None:
    import skillpulse

    ws = skillpulse.open(store_copy)
    last = _quarter(ws.status().to_dict()["kinds"]["postings"]["last"])
    top = ws.top(kind="postings", period=last, n=10)
    del ws
    with _serve(store_copy, tmp_path, "--warm", "--workers", workers) as server:
        line = server.wait_for_line("skillpulse: warmed")
        assert "failed" not in line and int(line.split()[2]) > 20
        # the store held by another process: what was warmed is still answered (from
        # the cache), a request nobody asked gets 503 Retry-After
        holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store_copy)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONPATH": SRC})
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
            warmed = [f"/v1/top?kind=postings&period={last}&n=10",
                      f"/v1/top?kind=postings&period={last}&n=10&format=vega-lite",
                      "/v1/share?kind=postings&category=generative-ai&by=month",
                      f"/v1/skills/{top.rows[0].skill_id}", "/v1/categories"]
            for path in warmed:
                status, headers, body = server.get(path)
                assert status == 200, (path, body[:300])
                assert "x-skillpulse-stale" not in headers
            status, _, body = server.get(f"/v1/top?kind=postings&period={last}&n=7")
            assert status == 503 and b"busy" in body
            status, _, body = server.get(f"/v1/top?kind=postings&period={last}&n=10")
            assert [r["skill_id"] for r in json.loads(body)["rows"]] == [
                r.skill_id for r in top.rows]
        finally:
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(timeout=60)


def test_warm_lists_each_quarter_of_each_kind_with_documents() -> None:
    from skillpulse.api.warm import list_requests, quarters

    assert quarters("2022-11-30", "2023-04-01") == ["2022Q4", "2023Q1", "2023Q2"]
    assert quarters("2023-05-01", "2023-05-31") == ["2023Q2"]
    status: dict[str, Any] = {"kinds": {
        "postings": {"count": 5, "first": "2022-01-03", "last": "2023-06-30"},
        "hires": {"count": 0, "first": None, "last": None}}}
    paths = list_requests(status, ["generative-ai"])
    tops = [p for p in paths if p.startswith("/v1/top?") and "format" not in p]
    assert tops == [f"/v1/top?kind=postings&period={q}&n=10" for q in
                    ("2022Q1", "2022Q2", "2022Q3", "2022Q4", "2023Q1", "2023Q2")]
    growth = [p for p in paths if p.startswith("/v1/growth?") and "format" not in p]
    assert growth == ["/v1/growth?kind=postings&base=2022Q1&current=2023Q1&n=10",
                      "/v1/growth?kind=postings&base=2022Q2&current=2023Q2&n=10"]
    assert "/v1/share?kind=postings&category=generative-ai&by=month&format=vega-lite" in paths
    assert not any("hires" in p for p in paths)
    assert not any(p.startswith("/v1/share") for p in list_requests(status, ["data"]))
