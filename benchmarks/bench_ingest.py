"""Ingest throughput: skillpulse's validated, accounted ingest against DuckDB's raw reader.

    .venv/bin/python benchmarks/bench_ingest.py [--searches N] [--postings N]
    .venv/bin/python benchmarks/bench_ingest.py --memory 1000000 4000000 8000000
    .venv/bin/python benchmarks/bench_ingest.py --rss-mb 250 1000

``--rss-mb M ...`` writes postings files of about M MB twice, once all valid and once all
rejected (every date unparsable), ingests each in a fresh process and prints its peak RSS:
flat memory means the figures barely move from the small file to the large one, for loaded and
rejected rows alike (issue 15 item 6).

Writes synthetic searches (short rows) and ~2.5 KB postings as JSONL into benchmarks/.work/,
then times, in the same run:
- baseline: DuckDB ``read_json`` straight into a table (no validation, no reject accounting);
- skillpulse: ``ingest_file`` (streamed, validated, deduplicated, atomic).
Both load a DuckDB file on local disk. Prints rows/s and the ratio.

``--memory N ...`` instead ingests searches files of N rows, each in a fresh process, and
prints the peak RSS of each: flat memory means the figure barely moves as N grows.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import orjson

from skillpulse.ingest import ingest_file
from skillpulse.store import DuckDBStore

WORK = Path(__file__).parent / ".work" / "ingest"
WORDS = ["python", "developer", "needed", "to", "build", "data", "pipelines", "with", "machine", "learning", "models", "chatgpt", "prompt", "engineering", "stable", "diffusion", "web", "scraping", "react", "node", "api", "design", "experience", "required", "remote", "contract", "long", "term", "project", "team", "communication"]


def make_searches(path: Path, n: int) -> None:
    rng = random.Random(1)
    with open(path, "wb") as fh:
        for i in range(n):
            fh.write(orjson.dumps({
                "searched_at": f"2023-{1 + i % 6:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
                "query": " ".join(rng.choices(WORDS, k=3)), "client_id": f"c{i % 5000}",
            }) + b"\n")


def make_postings(path: Path, n: int) -> None:
    rng = random.Random(2)
    with open(path, "wb") as fh:
        for i in range(n):
            desc = " ".join(rng.choices(WORDS, k=330))  # ~2.5 KB
            fh.write(orjson.dumps({
                "id": f"p{i}", "posted_at": f"2023-{1 + i % 6:02d}-{1 + i % 28:02d}",
                "title": " ".join(rng.choices(WORDS, k=6)), "description": desc,
                "skills": rng.sample(WORDS, 4), "category": "dev", "client_id": f"c{i % 999}",
                "company_size": rng.choice(["small", "midsize", "large"]), "country": "US",
                "budget": 500.0,
            }) + b"\n")


def baseline(path: Path, db: Path) -> float:
    con = duckdb.connect(str(db))
    start = time.perf_counter()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_json('{path}', format='newline_delimited')")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def ours(kind: str, path: Path, db: Path) -> float:
    with DuckDBStore(db) as store:
        start = time.perf_counter()
        info = ingest_file(store, kind, path)
        elapsed = time.perf_counter() - start
    assert info.read == info.loaded + info.rejected + info.duplicates
    return elapsed


def make_postings_mb(path: Path, mb: int, *, rejected: bool) -> int:
    """~``mb`` MB of ~2.5 KB postings; ``rejected``: every posted_at unparsable."""
    rng = random.Random(3)
    n = 0
    with open(path, "wb") as fh:
        while fh.tell() < mb * 1_000_000:
            desc = " ".join(rng.choices(WORDS, k=330))
            fh.write(orjson.dumps({
                "id": f"p{n}", "posted_at": "not a date" if rejected else "2023-03-01",
                "title": " ".join(rng.choices(WORDS, k=6)), "description": desc,
                "skills": rng.sample(WORDS, 4), "budget": "$30-$50/hr",
            }) + b"\n")
            n += 1
    return n


def rss_child(mb: int, rejected: bool) -> None:
    src = WORK / f"rss_{mb}_{'rej' if rejected else 'ok'}.jsonl"
    n = make_postings_mb(src, mb, rejected=rejected)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    with DuckDBStore(WORK / f"rss_{mb}.duckdb") as store:
        info = ingest_file(store, "postings", src)
    elapsed = time.perf_counter() - start
    assert info.read == n and info.read == info.loaded + info.rejected + info.duplicates
    assert (info.rejected == n) if rejected else (info.loaded == n)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = "all rejected" if rejected else "all valid"
    print(f"postings {what}: {src.stat().st_size / 1e6:,.0f} MB, {n:,} rows, "
          f"{n / elapsed:,.0f} rows/s: peak RSS {rss:,.0f} MB (before ingest {before:,.0f} MB)",
          flush=True)
    src.unlink()
    (WORK / f"rss_{mb}.duckdb").unlink()


def memory_child(n: int) -> None:
    src = WORK / f"mem_{n}.jsonl"
    make_searches(src, n)
    ours("searches", src, WORK / f"mem_{n}.duckdb")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"searches {n:,} rows, {src.stat().st_size / 1e6:,.0f} MB: peak RSS {rss:,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--searches", type=int, default=1_000_000)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--memory", type=int, nargs="*", help="peak RSS for these row counts")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rss-mb", type=int, nargs="*",
                        help="peak RSS for all-valid and all-rejected files of these sizes")
    parser.add_argument("--rss-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return
    if args.rss_child:
        rss_child(int(args.rss_child[0]), args.rss_child[1] == "rejected")
        return
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    if args.memory:
        for n in args.memory:
            subprocess.run([sys.executable, __file__, "--memory-child", str(n)], check=True)
        shutil.rmtree(WORK, ignore_errors=True)
        return
    if args.rss_mb:
        for mb in args.rss_mb:
            for what in ("valid", "rejected"):
                subprocess.run([sys.executable, __file__, "--rss-child", str(mb), what],
                               check=True)
        shutil.rmtree(WORK, ignore_errors=True)
        return
    cases = [("searches", args.searches, make_searches), ("postings", args.postings,
                                                           make_postings)]
    for kind, n, make in cases:
        src = WORK / f"{kind}.jsonl"
        make(src, n)
        mb = src.stat().st_size / 1e6
        t_base = baseline(src, WORK / f"{kind}_base.duckdb")
        t_ours = ours(kind, src, WORK / f"{kind}_ours.duckdb")
        print(f"{kind}: {n:,} rows, {mb:,.0f} MB | duckdb read_json {n / t_base:,.0f} rows/s "
              f"({t_base:.2f} s) | skillpulse ingest {n / t_ours:,.0f} rows/s ({t_ours:.2f} s)"
              f" | ratio {t_ours / t_base:.2f}x the baseline's time")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:,.0f} MB")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
