"""The cost of the front door: ``skillpulse.open(...).top(...)`` beside the library call it
wraps, and the CLI beside both; ``import skillpulse`` beside a bare interpreter.

    .venv/bin/python benchmarks/bench_frontdoor.py [--scale 0.02] [--calls 30] [--db STORE]

Builds a store from the synthetic marketplace (``--scale``; or uses ``--db``), then times,
in the same run and on the same store:

- baseline: ``top_skills(store, ...)`` on a store opened once, taxonomy loaded once;
- ``Workspace.top(...)``: the store opened and closed for each call, the taxonomy loaded
  once per workspace; and inside ``with skillpulse.open(db) as ws:`` (one connection), each
  interleaved call by call with the baseline;
- ``skillpulse top ... --json``: a fresh process per call (imports, taxonomy pickle, store);
- ``import skillpulse`` in a fresh process beside ``python -c pass``.
Medians and 95th percentiles; the load average is printed because the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(fn: Callable[[], Any], calls: int) -> list[float]:
    fn()  # warm: caches, derived tables
    out = []
    for _ in range(calls):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def interleaved(fns: list[Callable[[], Any]], calls: int) -> list[list[float]]:
    """Call the functions in turn, ``calls`` rounds: load changes hit them alike."""
    for fn in fns:
        fn()  # warm: caches, derived tables
    out: list[list[float]] = [[] for _ in fns]
    for _ in range(calls):
        for samples, fn in zip(out, fns, strict=True):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
    return out


def build_store(folder: Path, scale: float) -> Path:
    from skillpulse.extract.store import extract_store
    from skillpulse.generate import generate
    from skillpulse.ingest import ingest_file
    from skillpulse.store import open_store
    from skillpulse.taxonomy import Taxonomy

    generate(folder, seed=0, scale=scale)
    db = folder / "bench.duckdb"
    with open_store(db) as store:
        for kind in ("postings", "searches"):
            ingest_file(store, kind, folder / f"{kind}.jsonl")
        extract_store(store, Taxonomy.default(), workers=2)
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.02)
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--cli-calls", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()

    import skillpulse
    from skillpulse.analytics import top_skills
    from skillpulse.store import open_store
    from skillpulse.taxonomy import Taxonomy

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp), args.scale)
        query = {"kind": "searches", "period": "2023Q2", "category": "generative-ai", "n": 10}
        tax = Taxonomy.default()
        ws = skillpulse.open(db)
        with open_store(db) as store:
            docs = store.scalar("SELECT count(*) FROM searches")
            mentions = store.scalar("SELECT count(*) FROM mentions")
            assert ws.top(**query) == top_skills(store, taxonomy=tax, **query)
            base_fn = lambda: top_skills(store, taxonomy=tax, **query)  # noqa: E731
            front_fn = lambda: ws.top(**query)  # noqa: E731
            base, front = interleaved([base_fn, front_fn], args.calls)
        with skillpulse.open(db) as held, held.store() as same:  # one connection for both
            base2, kept = interleaved(
                [lambda: top_skills(same, taxonomy=tax, **query), lambda: held.top(**query)],
                args.calls)
        argv = [sys.executable, "-m", "skillpulse.cli", "top", "--db", str(db), "--kind",
                "searches", "--period", "2023Q2", "--category", "generative-ai", "--json"]
        cli = timed(lambda: subprocess.run(argv, check=True, capture_output=True),
                    args.cli_calls)
        bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True),
                     args.cli_calls)
        imp = timed(lambda: subprocess.run([sys.executable, "-c", "import skillpulse"],
                                           check=True), args.cli_calls)
    load = os.getloadavg()
    print(f"store: {docs:,} searches, {mentions:,} mentions; load average "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    rows = [("baseline: top_skills on an open store", base),
            ("Workspace.top (store opened per call)", front),
            ("baseline, second round: top_skills on an open store", base2),
            ("Workspace.top inside `with` (one connection)", kept),
            ("skillpulse top --json (fresh process)", cli),
            ("baseline: python -c pass", bare),
            ("python -c 'import skillpulse'", imp)]
    print("| call | median ms | p95 ms | ratio of medians |")
    print("|---|---|---|---|")
    for i, (name, samples) in enumerate(rows):
        med, p95 = quantiles(samples)
        ref = quantiles(rows[{0: 0, 1: 0, 2: 2, 3: 2, 4: 0}.get(i, 5)][1])[0]
        print(f"| {name} | {med * 1000:.1f} | {p95 * 1000:.1f} | {med / ref:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
