"""Writes need SKILLPULSE_API_TOKEN and ``Authorization: Bearer``; an upload lands with the
CLI's accounting; reads keep being answered while another process ingests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SRC = str(Path(__file__).parents[2] / "src")


@pytest.fixture
def store_copy(market_folder: Path, tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    shutil.copy(market_folder / "skillpulse.duckdb", db)
    return db


def _client(db: Path, **options: Any) -> Any:
    from fastapi.testclient import TestClient

    import skillpulse
    from skillpulse.api import create_app

    return TestClient(create_app(skillpulse.open(db), **options), raise_server_exceptions=False)


def _searches(path: Path, n: int, *, bad: int = 0, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps({"id": f"up{i}", "searched_at": "2023-06-15T10:00:00",
                                 "query": "chatgpt prompt engineer"}) + "\n")
        for i in range(bad):
            fh.write(json.dumps({"id": f"bad{i}", "searched_at": "not a date",
                                 "query": "x"}) + "\n")
        fh.write(json.dumps({"id": f"up{start}", "searched_at": "2023-06-15T10:00:00",
                             "query": "duplicate"}) + "\n")
    return path


def test_writes_are_refused_without_a_configured_token(store_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLPULSE_API_TOKEN", raising=False)
    client = _client(store_copy)
    f = _searches(tmp_path / "s.jsonl", 3)
    r = client.post("/v1/ingest/searches", files={"file": f.open("rb")},
                    headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "SKILLPULSE_API_TOKEN" in r.json()["detail"]
    assert client.post("/v1/extract/run").status_code == 403


def test_writes_need_the_bearer_token(store_copy: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLPULSE_API_TOKEN", "t0ken")
    client = _client(store_copy)
    f = _searches(tmp_path / "s.jsonl", 3)
    before = client.get("/v1/status").json()["kinds"]["searches"]["count"]
    missing = client.post("/v1/ingest/searches", files={"file": f.open("rb")})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/v1/ingest/searches", files={"file": f.open("rb")},
                        headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert client.post("/v1/extract/run", headers={"Authorization": "Basic t0ken"}
                       ).status_code == 401
    assert client.get("/v1/status").json()["kinds"]["searches"]["count"] == before


def test_an_upload_lands_with_the_clis_accounting(store_copy: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLPULSE_API_TOKEN", raising=False)
    client = _client(store_copy, token="t0ken")
    auth = {"Authorization": "Bearer t0ken"}
    f = _searches(tmp_path / "uploaded.jsonl", 40, bad=2)
    before = client.get("/v1/status").json()
    etag = client.get("/v1/status").headers["etag"]
    r = client.post("/v1/ingest/searches", files={"file": ("uploaded.jsonl", f.open("rb"))},
                    headers=auth)
    assert r.status_code == 200, r.text
    info = r.json()
    assert info["file"] == "uploaded.jsonl"
    assert (info["read"], info["loaded"], info["rejected"], info["duplicates"]) == (43, 40, 2, 1)
    # the same file through the CLI into the same store as it was: the same counts
    pristine = tmp_path / "pristine.duckdb"
    from skillpulse.store import open_store

    with open_store(pristine):
        pass
    out = subprocess.run([sys.executable, "-m", "skillpulse.cli", "ingest", "searches",
                          str(f), "--db", str(pristine), "--json", "-q"],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": SRC})
    cli = json.loads(out.stdout)["files"][0]
    assert {k: info[k] for k in ("read", "loaded", "rejected", "duplicates")} == {
        k: cli[k] for k in ("read", "loaded", "rejected", "duplicates")}
    status = client.get("/v1/status")
    assert status.headers["etag"] != etag
    after = status.json()
    assert after["kinds"]["searches"]["count"] == before["kinds"]["searches"]["count"] + 40
    assert after["kinds"]["searches"]["rejected"] == before["kinds"]["searches"]["rejected"] + 2
    # then the new searches are extracted and counted
    run = client.post("/v1/extract/run", headers=auth)
    assert run.status_code == 200 and run.json()["documents"]["searches"] == 40
    top = client.get("/v1/top?kind=searches&period=2023-06-15&n=5").json()
    assert top["exposure"] >= 40
    assert top["rows"][0]["skill_id"] == "sp.chatgpt" and top["rows"][0]["count"] >= 40


def test_the_mapping_options_of_the_cli(store_copy: Path, tmp_path: Path) -> None:
    client = _client(store_copy, token="t0ken")
    f = tmp_path / "renamed.csv"
    f.write_text("key,when,text\nr1,2023-06-01,python developer\nr2,2023-06-02,excel\n",
                 encoding="utf-8")
    r = client.post("/v1/ingest/searches", headers={"Authorization": "Bearer t0ken"},
                    files={"file": ("renamed.csv", f.open("rb"))},
                    data={"map": ["id=key", "searched_at=when", "query=text"]})
    assert r.status_code == 200, r.text
    assert (r.json()["read"], r.json()["loaded"]) == (2, 2)
    bad = client.post("/v1/ingest/searches", headers={"Authorization": "Bearer t0ken"},
                      files={"file": ("renamed.csv", f.open("rb"))}, data={"map": ["id"]})
    assert bad.status_code == 422 and "FIELD=COLUMN" in bad.json()["detail"]


def test_uploads_over_the_limit_are_413(store_copy: Path, tmp_path: Path) -> None:
    client = _client(store_copy, token="t0ken", max_upload_bytes=1000)
    f = _searches(tmp_path / "big.jsonl", 50)
    before = client.get("/v1/status").json()["kinds"]["searches"]["count"]
    r = client.post("/v1/ingest/searches", files={"file": f.open("rb")},
                    headers={"Authorization": "Bearer t0ken"})
    assert r.status_code == 413 and "1,000 bytes" in r.json()["detail"]
    assert client.get("/v1/status").json()["kinds"]["searches"]["count"] == before


HOLDER = """
import sys
from skillpulse.ingest import ingest_file
from skillpulse.store import open_store
with open_store(sys.argv[1]) as store:
    print("open", flush=True)
    info = ingest_file(store, "searches", sys.argv[2])
    print("ingested", info.loaded, flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def holder(store_copy: Path, tmp_path: Path) -> Iterator[Any]:
    big = _searches(tmp_path / "many.jsonl", 60_000, start=100)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_copy), str(big)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": SRC})
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def test_reads_while_another_process_ingests(store_copy: Path, holder: Any) -> None:
    client = _client(store_copy)
    seen = client.get("/v1/status")
    counted = seen.json()["kinds"]["searches"]["count"]
    assert holder.stdout.readline().strip() == "open"
    during: list[Any] = []
    t0 = time.monotonic()
    while time.monotonic() - t0 < 120:
        during.append(client.get("/v1/status"))
        during.append(client.get("/v1/top?kind=searches&period=2023Q1&n=3"))
        if len(during) >= 6:
            break
    assert holder.stdout.readline().split()[:2] == ["ingested", "60000"]
    for r in during:
        assert r.status_code in (200, 503), r.text
        if r.status_code == 503:
            assert r.headers["retry-after"] and "busy" in r.json()["detail"]
    stale = [r for r in during if r.request.url.path == "/v1/status"]
    assert all(r.status_code == 200 and r.json()["kinds"]["searches"]["count"] == counted
               for r in stale)
    assert any(r.status_code == 503 for r in during)
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=60) == 0
    after = client.get("/v1/status")
    assert after.status_code == 200 and "x-skillpulse-stale" not in after.headers
    assert after.json()["kinds"]["searches"]["count"] == counted + 60_000
    assert after.headers["etag"] != seen.headers["etag"]
