"""Benchmark (issue 18): incremental refresh of the derived counting table, and peak memory
of the store's streaming steps at growing sizes.

``refresh`` (default): the synthetic store of ``bench_analytics.py`` (``--docs`` postings,
5 mentions each, in ``benchmarks/.work/``). Same run: the full rebuild of
``analytics_doc_skills`` (the baseline: what every change cost before), then ``--add``
(default 1%) new postings with their mentions and extraction rows appended the way
extraction appends them, then the incremental refresh, then ``top``/``growth`` (median of
``--repeat``) over the refreshed table. Prints the ratio refresh / rebuild.

``rss``: for each ``--sizes`` postings (the generator's texts, ~2.5 KB each at scale), a
fresh store; each step in its own process (``ingest``, ``extract --db``, ``refresh``,
``report``-like counting: top and growth), printing its wall time and peak RSS
(``ru_maxrss`` of the child).

Run: ``python benchmarks/bench_store.py refresh --docs 10000000`` and
``python benchmarks/bench_store.py rss --sizes 50000 200000``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_analytics import VERSION, WORK, build

from skillpulse.analytics import growth, top_skills
from skillpulse.store import DuckDBStore


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def add_postings(store: DuckDBStore, start: int, n: int, per_doc: int, skills: int) -> None:
    """``n`` new postings from index ``start`` (in the data's last month), with their
    mentions and extraction rows, appended in one transaction as extraction writes them."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        INSERT INTO postings (id, posted_at, title, company_size, country, extra)
        SELECT 'p' || CAST(i AS VARCHAR),
               TIMESTAMP '2023-12-01' + to_seconds(CAST((i - {start}) * 2592000 / {n}
                                                        AS BIGINT)),
               'new posting', 'small', 'US', '{{}}'
        FROM range({start}, {start + n}) t(i)""")
    con.execute(f"""
        INSERT INTO mentions (kind, doc_id, skill_id, method, taxonomy_version)
        SELECT 'postings', 'p' || CAST({start} + i // {per_doc} AS VARCHAR),
               'k' || CAST(CAST(floor(pow({skills}, random())) AS INTEGER) AS VARCHAR),
               'dictionary', '{VERSION}'
        FROM range({n * per_doc}) t(i)""")
    con.execute(f"""
        INSERT INTO extractions
        SELECT 'postings', 'p' || CAST(i AS VARCHAR), '{VERSION}', {per_doc},
               TIMESTAMP '2026-02-01'
        FROM range({start}, {start + n}) t(i)""")
    con.execute("COMMIT")


def bench_refresh(args: argparse.Namespace) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"analytics_{args.docs}x{args.per_doc}.duckdb"
    build(path, args.docs, args.per_doc, args.skills)
    copy = WORK / f"refresh_{args.docs}x{args.per_doc}.duckdb"
    copy.unlink(missing_ok=True)
    copy.with_name(copy.name + ".wal").unlink(missing_ok=True)
    t0 = time.perf_counter()
    copy.write_bytes(path.read_bytes())  # the added rows go into a copy
    print(f"copied the store in {time.perf_counter() - t0:.1f} s")
    with DuckDBStore(copy) as store:
        mentions = store.scalar("SELECT COUNT(*) FROM mentions")
        print(f"store: {copy} ({store.size_bytes() / 1e9:.2f} GB), {mentions:,} mentions, "
              f"{args.docs:,} postings")
        full, info = timed(lambda: store.refresh(full=True))
        print(f"baseline: full rebuild of the derived table: {full:.2f} s ({info.rows:,} rows)"
              f"; peak RSS so far {_rss_mb():.0f} MB")
        added = max(1, int(args.docs * args.add))
        t_add, _ = timed(lambda: add_postings(store, args.docs, added, args.per_doc,
                                              args.skills))
        print(f"appended {added:,} postings ({args.add:.1%}), {added * args.per_doc:,} "
              f"mentions in {t_add:.2f} s")
        inc, info = timed(lambda: store.refresh())
        print(f"incremental refresh: {inc:.2f} s, mode {info.mode}, read {info.mentions:,} "
              f"mentions, wrote {info.rows:,} rows")
        print(f"ratio refresh / rebuild: {inc / full:.3%} (target < 5%)")
        again, info = timed(lambda: store.refresh())
        print(f"refresh with nothing new: {again:.3f} s (mode {info.mode})")
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("top_skills postings 2023Q4", lambda: top_skills(
                store, kind="postings", period="2023Q4")),
            ("top_skills postings 2023", lambda: top_skills(
                store, kind="postings", period="2023")),
            ("growth postings 2023Q3 -> 2023Q4", lambda: growth(
                store, kind="postings", base="2023Q3", current="2023Q4")),
        ]
        print(f"| case (after the refresh) | median of {args.repeat} (s) |")
        print("|---|---|")
        for name, fn in cases:
            seconds, _ = timed(fn, args.repeat)
            print(f"| {name} | {seconds:.3f} |")
    print(f"peak RSS of the process: {_rss_mb():.0f} MB")
    copy.unlink(missing_ok=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- peak memory per step -----------------------------------------------------------------
_STEP = r"""
import json, resource, sys, time
from pathlib import Path
step, db, data = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
from skillpulse.store import DuckDBStore
out = {}
with DuckDBStore(db) as store:
    if step == "ingest":
        from skillpulse.ingest import ingest_file
        info = ingest_file(store, "postings", Path(data) / "postings.jsonl")
        out = {"loaded": info.loaded}
    elif step == "extract":
        from skillpulse.extract.store import extract_store
        from skillpulse.taxonomy import Taxonomy
        info = extract_store(store, Taxonomy.default(), workers=2)
        out = {"documents": info.total_documents, "mentions": info.mentions}
    elif step == "refresh":
        info = store.refresh(full=True)
        out = {"rows": info.rows}
    elif step == "report":
        from skillpulse.analytics import growth, top_skills
        top_skills(store, kind="postings", period="2023Q2")
        growth(store, kind="postings", base="2023Q1", current="2023Q2")
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **out}))
"""


def bench_rss(args: argparse.Namespace) -> None:
    from skillpulse.generate import generate

    print("| postings | step | wall (s) | peak RSS (MB) | result |")
    print("|---|---|---|---|---|")
    for size in args.sizes:
        data = WORK / f"gen_{size}"
        if not (data / "postings.jsonl").exists():
            generate(data, scale=size / 50_000, seed=7)
        db = WORK / f"rss_{size}.duckdb"
        db.unlink(missing_ok=True)
        for step in ("ingest", "extract", "refresh", "report"):
            res = subprocess.run([sys.executable, "-c", _STEP, step, str(db), str(data)],
                                 capture_output=True, text=True, check=True)
            out = json.loads(res.stdout.strip().splitlines()[-1])
            rest = {k: v for k, v in out.items() if k not in ("seconds", "rss_mb")}
            print(f"| {size:,} | {step} | {out['seconds']:.1f} | {out['rss_mb']:.0f} | "
                  f"{rest} |", flush=True)
        db.unlink(missing_ok=True)
    print(f"(parent peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"
          " MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="what")
    r = sub.add_parser("refresh")
    r.add_argument("--docs", type=int, default=10_000_000)
    r.add_argument("--per-doc", type=int, default=5)
    r.add_argument("--skills", type=int, default=2000)
    r.add_argument("--add", type=float, default=0.01)
    r.add_argument("--repeat", type=int, default=5)
    m = sub.add_parser("rss")
    m.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000])
    args = ap.parse_args()
    if args.what == "rss":
        bench_rss(args)
    else:
        if args.what is None:
            args = r.parse_args([])
        bench_refresh(args)


if __name__ == "__main__":
    main()
