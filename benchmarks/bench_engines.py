"""End to end on both engines (issue 18): ingest, extract, top, growth and the report on the
same generated data, on DuckDB and on local Spark (``local[1]`` and ``local[2]``: the
one- and two-executor-core scaling curve).

    nice -n 10 .venv/bin/python benchmarks/bench_engines.py --scale 0.2 \
        [--masters 'local[1]' 'local[2]'] [--workers 2] [--json out.json]

The generator writes its marketplace at ``--scale`` (about 52,000 postings and 310,000
searches per unit); postings and searches are ingested. Each engine runs in a fresh
subprocess (its own Python, and on Spark its own JVM), through the library's front door
(:class:`skillpulse.workspace.Workspace`), timing each step; this process samples the resident
memory of that subprocess and all its children (the JVM, Spark's Python workers, DuckDB's
extraction workers) every 0.2 s from /proc, and reports the peak of the sum. The DuckDB run
is the same-run baseline: Spark's figures are given as ratios to it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
STEPS = ("ingest", "extract", "top", "growth", "report")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB."""
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kb(pid)
        stack.extend(tree.get(pid, []))
    return total / 1024


def run_engine(engine: str, master: str | None, data: Path, work: Path, workers: int
               ) -> dict[str, Any]:
    """One engine's run in a subprocess, with its peak memory sampled from here."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    if master:
        env["SKILLPULSE_SPARK_MASTER"] = master
    cmd = [sys.executable, __file__, "--child", engine, "--data", str(data), "--work",
           str(work), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} {master or ''} failed:\n{err[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(peak, 1)
    result["master"] = master
    return result


def child(engine: str, data: Path, work: Path, workers: int) -> None:
    """The steps of one engine, timed; prints one JSON line."""
    from skillpulse.settings import resolve
    from skillpulse.workspace import Workspace

    env = {k: v for k, v in os.environ.items() if k == "SKILLPULSE_CACHE_DIR"}
    started = time.perf_counter()
    if engine == "spark":
        from skillpulse.store.spark import session

        session.session()  # the JVM start, timed apart
        settings = resolve(environ=env, engine="spark", lake=str(work / "lake"), workers=workers)
    else:
        settings = resolve(environ=env, db=work / "store.duckdb", workers=workers)
    startup = time.perf_counter() - started
    ws = Workspace(settings)
    _ = ws.taxonomy
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    rows = {kind: ws.ingest(kind, data / f"{kind}.jsonl").loaded
            for kind in ("postings", "searches")}
    seconds["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    info = ws.extract(workers=workers)
    seconds["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    top = ws.top(kind="postings", period="2023", n=10)
    seconds["top"] = time.perf_counter() - t
    t = time.perf_counter()
    grown = ws.growth(kind="postings", base="2022Q4", current="2023Q2")
    seconds["growth"] = time.perf_counter() - t
    t = time.perf_counter()
    ws.report(out=work / "report", format="json")
    seconds["report"] = time.perf_counter() - t
    total = sum(seconds.values())
    print(json.dumps({
        "engine": engine, "rows": rows, "mentions": info.mentions,
        "startup_seconds": round(startup, 1),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "total_seconds": round(total, 1),
        "share": {k: round(v / total, 3) for k, v in seconds.items()},
        "top": [r["skill_id"] for r in top.to_dict()["rows"]],
        "growth_rows": len(grown.to_dict()["rows"]),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--masters", nargs="*", default=["local[1]", "local[2]"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.work, args.workers)
        return
    sys.path.insert(0, str(SRC))
    from skillpulse.generate import generate

    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        generate(data, seed=0, scale=args.scale)
        print(f"generated scale {args.scale} in {time.perf_counter() - t:.0f} s", flush=True)
        runs = [run_engine("duckdb", None, data, Path(tmp) / "duckdb", args.workers)]
        print(json.dumps(runs[-1]), flush=True)
        for master in args.masters:
            folder = "spark-" + "".join(c for c in master if c.isalnum())  # no [ ]: globs
            runs.append(run_engine("spark", master, data, Path(tmp) / folder, args.workers))
            print(json.dumps(runs[-1]), flush=True)
    base = runs[0]
    print(f"\nscale {args.scale}: {base['rows']['postings']:,} postings, "
          f"{base['rows']['searches']:,} searches, {base['mentions']:,} mentions")
    print("| engine | " + " | ".join(STEPS) + " | total | x DuckDB | peak RSS MB | same top-10 |")
    print("|---|" + "---|" * (len(STEPS) + 4))
    for run in runs:
        name = run["engine"] + (f" {run['master']}" if run["master"] else "")
        cells = [f"{run['seconds'][s]:.1f} ({run['share'][s]:.0%})" for s in STEPS]
        print(f"| {name} | " + " | ".join(cells) + f" | {run['total_seconds']:.0f} s | "
              f"{run['total_seconds'] / base['total_seconds']:.2f} | {run['peak_rss_mb']:.0f} | "
              f"{run['top'] == base['top'] and run['mentions'] == base['mentions']} |")
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
