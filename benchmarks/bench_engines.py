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

Per step the child also counts the Spark jobs started (from Spark's status tracker), the
``Store.query`` calls, and the CPU seconds of its process tree (its own, its reaped
children's, and its live descendants' from /proc: the CPU of a Spark Python worker that
exits before a step ends is lost, so Spark's CPU is a lower bound). The report's JSON is
compared by digest. ``--before-src PATH`` adds Spark runs of another copy of ``src/`` (the
code before a change) right after DuckDB; ``--skip-duckdb`` leaves the baseline out.
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
SRC = HERE.parent / "src"  # --src runs another copy of the package (a before/after run)
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


def run_engine(engine: str, master: str | None, data: Path, work: Path, workers: int,
               src: Path = SRC) -> dict[str, Any]:
    """One engine's run in a subprocess, with its peak memory sampled from here."""
    env = {**os.environ, "PYTHONPATH": str(src), "SOURCE_DATE_EPOCH": "1700000000"}
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
    result["src"] = str(src)
    return result


class StepCounter:
    """Per step: the store queries run (``Store.query`` calls, counted by wrapping the
    engine's method in this benchmark process) and, on Spark, the Spark jobs started (job
    IDs are sequential: the highest known ID before and after the step)."""

    def __init__(self, engine: str) -> None:
        self.queries = 0
        self.spark: Any = None
        if engine == "spark":
            from skillpulse.store.spark import session
            from skillpulse.store.spark.store import SparkStore as cls
        else:
            from skillpulse.store.duckdb import DuckDBStore as cls  # type: ignore[assignment]
        original = cls.query
        counter = self

        def counted(store: Any, sql: str, params: Any = None) -> Any:
            counter.queries += 1
            return original(store, sql, params)

        cls.query = counted  # type: ignore[method-assign,assignment]
        if engine == "spark":
            self.spark = session.session()

    def jobs(self) -> int:
        """Spark jobs started so far in this process (0 on DuckDB)."""
        if self.spark is None:
            return 0
        ids = self.spark.sparkContext.statusTracker().getJobIdsForGroup()
        return max(ids) + 1 if ids else 0


def _cpu() -> float:
    """CPU seconds of this process tree so far: this process, its reaped children, and its
    live descendants (the JVM, Spark's Python workers, DuckDB's extraction workers) read
    from /proc."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + done.ru_utime + done.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    tree, stack = _children(), list(_children().get(os.getpid(), []))
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except OSError:
            pass
        stack.extend(tree.get(pid, []))
    return total


def _report_digest(path: Path) -> str:
    """The report's JSON without the fields that name the engine, store and time."""
    import hashlib

    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("engine", "store", "generated_at", "created_at"):
        data.get("provenance", {}).pop(key, None)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def child(engine: str, data: Path, work: Path, workers: int) -> None:
    """The steps of one engine, timed; prints one JSON line."""
    from skillpulse.settings import resolve
    from skillpulse.workspace import Workspace

    env = {k: v for k, v in os.environ.items() if k == "SKILLPULSE_CACHE_DIR"}
    started = time.perf_counter()
    counter = StepCounter(engine)  # on Spark: the JVM start, timed apart
    if engine == "spark":
        settings = resolve(environ=env, engine="spark", lake=str(work / "lake"), workers=workers)
    else:
        settings = resolve(environ=env, db=work / "store.duckdb", workers=workers)
    startup = time.perf_counter() - started
    ws = Workspace(settings)
    _ = ws.taxonomy
    seconds: dict[str, float] = {}
    jobs: dict[str, int] = {}
    queries: dict[str, int] = {}
    cpu: dict[str, float] = {}

    def step(name: str, call: Any) -> Any:
        t, j, q, c = time.perf_counter(), counter.jobs(), counter.queries, _cpu()
        out = call()
        seconds[name] = time.perf_counter() - t
        jobs[name] = counter.jobs() - j
        queries[name] = counter.queries - q
        cpu[name] = _cpu() - c
        return out

    rows = step("ingest", lambda: {kind: ws.ingest(kind, data / f"{kind}.jsonl").loaded
                                   for kind in ("postings", "searches")})
    info = step("extract", lambda: ws.extract(workers=workers))
    top = step("top", lambda: ws.top(kind="postings", period="2023", n=10))
    grown = step("growth", lambda: ws.growth(kind="postings", base="2022Q4", current="2023Q2"))
    report = step("report", lambda: ws.report(out=work / "report", format="json"))
    report_json = next(f for f in report.files if f.name == "report.json")
    total = sum(seconds.values())
    print(json.dumps({
        "engine": engine, "rows": rows, "mentions": info.mentions,
        "startup_seconds": round(startup, 1),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "total_seconds": round(total, 1),
        "share": {k: round(v / total, 3) for k, v in seconds.items()},
        "jobs": jobs, "queries": queries,
        "cpu_seconds": {k: round(v, 1) for k, v in cpu.items()},
        "report_sha256": _report_digest(report_json),
        "top": [r["skill_id"] for r in top.to_dict()["rows"]],
        "growth_rows": len(grown.to_dict()["rows"]),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--masters", nargs="*", default=["local[1]", "local[2]"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--before-src", type=Path,
                        help="also run Spark (each master) with this copy of src/ (the code "
                             "before a change), right after DuckDB")
    parser.add_argument("--skip-duckdb", action="store_true",
                        help="no DuckDB run (ratios then read 'n/a')")
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
        runs = [] if args.skip_duckdb else [
            run_engine("duckdb", None, data, Path(tmp) / "duckdb", args.workers)]
        if runs:
            print(json.dumps(runs[-1]), flush=True)
        sources = ([args.before_src] if args.before_src else []) + [SRC]
        for src in sources:
            for master in args.masters:
                folder = ("spark-" + "".join(c for c in master if c.isalnum())  # no [ ]: globs
                          + ("-before" if src != SRC else ""))
                runs.append(run_engine("spark", master, data, Path(tmp) / folder,
                                       args.workers, src))
                print(json.dumps(runs[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, "runs": runs}, indent=1))
    table(runs, args.scale)


def table(runs: list[dict[str, Any]], scale: float) -> None:
    """The markdown tables of RESULTS.md: time (share) per step, and jobs/queries per step."""
    base = runs[0]
    print(f"\nscale {scale}: {base['rows']['postings']:,} postings, "
          f"{base['rows']['searches']:,} searches, {base['mentions']:,} mentions")
    print("| engine | " + " | ".join(STEPS)
          + " | total | x DuckDB | peak RSS MB | same top-10, mentions, report |")
    print("|---|" + "---|" * (len(STEPS) + 4))
    def name(run: dict[str, Any]) -> str:
        return (run["engine"] + (f" {run['master']}" if run["master"] else "")
                + (" (before)" if run.get("src", str(SRC)) != str(SRC) else ""))

    for run in runs:
        cells = [f"{run['seconds'][s]:.1f} ({run['share'][s]:.0%})" for s in STEPS]
        same = (run["top"] == base["top"] and run["mentions"] == base["mentions"]
                and run.get("report_sha256") == base.get("report_sha256"))
        print(f"| {name(run)} | " + " | ".join(cells) + f" | {run['total_seconds']:.0f} s | "
              f"{run['total_seconds'] / base['total_seconds']:.2f} | {run['peak_rss_mb']:.0f} | "
              f"{same} |")
    print("\n| engine | " + " | ".join(f"{s} jobs / queries" for s in STEPS)
          + " | CPU s (all steps) | JVM start s |")
    print("|---|" + "---|" * (len(STEPS) + 2))
    for run in runs:
        if "jobs" not in run:
            continue
        cells = [f"{run['jobs'][s]} / {run['queries'][s]}" for s in STEPS]
        print(f"| {name(run)} | " + " | ".join(cells)
              + f" | {sum(run['cpu_seconds'].values()):.0f} | {run['startup_seconds']} |")


if __name__ == "__main__":
    main()
