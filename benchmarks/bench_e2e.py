"""End to end on DuckDB at growing sizes (issue 18): ingest, extract, refresh, top, growth,
report; wall time, CPU time, peak RSS (the step's process and its workers) and the share of
each step, at 50k, 1M and 10M postings of the generator's texts (~2.7 KB each).

    python benchmarks/bench_e2e.py --sizes 50000 1000000 10000000 \
        [--workers 2] [--ingest-rows 1000000] [--extract-seconds 300] [--work DIR]

How a size is built (the same texts at every size, so rates compare):

- The pool: the generator's postings at ``--pool-scale`` (scale 1.0: ~51k postings, with its
  duplicate and malformed rows), written once by ``skillpulse.generate``.
- The input file of a size: the pool's lines again and again, the ``k``-th round with IDs
  ``<id>~<k>`` (same text, so the same mentions), streamed to JSONL. At most
  ``--ingest-rows`` rows are ingested by the real ``ingest``; at 10M the first 9M postings
  are the store's history: the 50k store (ingested, extracted and refreshed by the pipeline)
  copied round by round in SQL with its mentions, extraction rows and derived-table rows
  (what the pipeline writes for the same texts), so the last 1M are ingested, extracted and
  refreshed against a store of 9M postings: what a daily load into a large store costs.
- Extraction is time-boxed at ``--extract-seconds`` (one core extracts ~1,300 of these
  postings a second; 10M would take hours here): its rate and memory are measured on the
  real run, then the documents it did not reach get the mentions of their pool original in
  SQL (``fill``, setup, not timed as a step), so refresh, ``top``, ``growth`` and ``report``
  run on the complete store. The projected total uses the measured extraction rate.

Each step runs in its own process (``python -c``), sampled every 0.25 s from /proc: peak
RSS of the process and of its whole tree (workers included), and its RSS over time; CPU
time is the step's user + system time with its workers' (``wait4``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench_extract_memory import _tree  # same folder: python benchmarks/bench_e2e.py

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))

_STEP = r"""
import json, sys, time
from pathlib import Path
step, db = sys.argv[1], sys.argv[2]
arg = sys.argv[3] if len(sys.argv) > 3 else ""
t0 = time.perf_counter()
last = [0.0]
def progress(done, total):
    now = time.perf_counter()
    if now - last[0] >= 2.0 or total:
        last[0] = now
        print(json.dumps({"progress": done, "total": total, "t": now - t0}), flush=True)
from skillpulse.store import DuckDBStore
out = {}
with DuckDBStore(db) as store:
    if step == "ingest":
        from skillpulse.ingest import ingest_file
        info = ingest_file(store, "postings", arg, progress=lambda b, r: progress(r, 0))
        out = {"read": info.read, "loaded": info.loaded, "rejected": info.rejected,
               "duplicates": info.duplicates}
    elif step == "extract":
        from skillpulse.extract.store import extract_store
        from skillpulse.taxonomy import Taxonomy
        info = extract_store(store, Taxonomy.default(), workers=int(arg), progress=progress)
        out = {"documents": info.total_documents, "mentions": info.mentions}
    elif step == "refresh":
        info = store.refresh()
        out = {"mode": info.mode, "mentions": info.mentions, "rows": info.rows}
    elif step in ("top", "growth"):
        from skillpulse.analytics import growth, top_skills
        times = []
        for _ in range(3):
            t = time.perf_counter()
            if step == "top":
                res = top_skills(store, kind="postings", period="2023Q2")
            else:
                res = growth(store, kind="postings", base="2022Q4", current="2023Q2")
            times.append(time.perf_counter() - t)
        out = {"median_s": sorted(times)[1], "first_s": times[0]}
    elif step == "report":
        from skillpulse.report import build_report, write_report
        from skillpulse.taxonomy import Taxonomy
        built = build_report(store, taxonomy=Taxonomy.default())
        files = write_report(built, Path(arg), format="html")
        out = {"written": True}
print(json.dumps({"done": True, "seconds": time.perf_counter() - t0, **out}), flush=True)
"""

STEPS = ("ingest", "extract", "refresh", "top", "growth", "report")


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: pages shared by the workers and the parent (fork) counted once
    over the tree, where the sum of RSS counts them in every process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def run_step(step: str, db: Path, arg: str, *, max_seconds: float | None, env: dict[str, str]
             ) -> dict[str, Any]:
    """Run one step in a child process; its result, peaks and CPU time."""
    started = time.strftime("%H:%M:%S", time.gmtime())
    proc = subprocess.Popen([sys.executable, "-c", _STEP, step, str(db), arg],
                            stdout=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    state: dict[str, Any] = {"main": 0.0, "tree": 0.0, "timeline": [], "progress": None,
                             "result": None, "cpu": {}, "pss": 0.0}
    t0 = time.perf_counter()
    stop = threading.Event()

    def sample() -> None:
        next_mark = 0.0
        while not stop.is_set():
            main = _rss_mb(proc.pid)
            pids = _tree(proc.pid)
            tree = sum(_rss_mb(p) for p in pids)
            state["pss"] = max(state["pss"], sum(_pss_mb(p) for p in pids))
            for p in pids:
                state["cpu"][p] = max(state["cpu"].get(p, 0.0), _cpu_s(p))
            state["main"] = max(state["main"], main)
            state["tree"] = max(state["tree"], tree)
            now = time.perf_counter() - t0
            if now >= next_mark:
                state["timeline"].append((round(now), round(main), round(tree)))
                next_mark = now + 30
            stop.wait(0.25)

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if "progress" in msg:
                state["progress"] = msg
            elif msg.get("done"):
                state["result"] = msg

    threads = [threading.Thread(target=sample, daemon=True),
               threading.Thread(target=read, daemon=True)]
    for t in threads:
        t.start()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if max_seconds is not None and time.perf_counter() - t0 > max_seconds and \
                not timed_out:
            timed_out = True
            os.killpg(proc.pid, signal.SIGTERM)
        time.sleep(0.2)
    proc.returncode = status
    wall = time.perf_counter() - t0
    stop.set()
    for t in threads:
        t.join(timeout=5)
    with contextlib.suppress(ProcessLookupError):  # workers left after a time-out
        os.killpg(proc.pid, signal.SIGKILL)
    if not timed_out and status != 0:
        raise RuntimeError(f"step {step} failed (status {status})")
    cpu = usage.ru_utime + usage.ru_stime
    if timed_out:  # killed workers are not reaped by the step: their CPU as last sampled
        cpu = max(cpu, sum(state["cpu"].values()))
    return {"step": step, "wall": wall, "cpu": cpu, "started": started,
            "rss_main": state["main"], "rss_tree": state["tree"], "pss_tree": state["pss"],
            "timed_out": timed_out,
            "progress": state["progress"], "result": state["result"],
            "timeline": state["timeline"]}


# -- inputs -------------------------------------------------------------------------------
def pool_lines(work: Path, scale: float) -> tuple[list[tuple[bytes, bytes]], float]:
    """The generator's postings lines, split after the ID value; and the generator's time."""
    from skillpulse.generate import generate

    pool = work / f"pool_{scale:g}"
    seconds = 0.0
    if not (pool / "postings.jsonl").exists():
        seconds = generate(pool, scale=scale, seed=7).seconds
    out = []
    with open(pool / "postings.jsonl", "rb") as fh:
        for line in fh:
            head, sep, rest = line.partition(b'","')
            if not line.startswith(b'{"id":"') or not sep:
                raise ValueError(f"unexpected pool line {line[:60]!r}")
            out.append((head, sep + rest))
    return out, seconds


def write_input(path: Path, pool: list[tuple[bytes, bytes]], start: int, count: int) -> float:
    """``count`` lines from pool row ``start`` on (round ``k`` > 0: IDs ``<id>~<k>``)."""
    t0 = time.perf_counter()
    n = len(pool)
    with open(path, "wb", buffering=1 << 22) as fh:
        for i in range(start, start + count):
            head, rest = pool[i % n]
            k = i // n
            fh.write(head + b"~%d" % k + rest if k else head + rest)
    return time.perf_counter() - t0


def copy_history(template: Path, db: Path, rounds: int) -> float:
    """``db``: the template store (round 0) and its ``rounds - 1`` copies with IDs
    ``<id>~<k>``, with their mentions, extraction rows and derived-table rows."""
    import duckdb

    from skillpulse.store import duckdb_derived

    t0 = time.perf_counter()
    shutil.copyfile(template, db)
    con = duckdb.connect(str(db))
    con.execute("SET memory_limit = '1GB'")
    tables = {"postings": "id", "mentions": "doc_id", "extractions": "doc_id",
              duckdb_derived.TABLE: "doc_id"}
    con.execute("SET preserve_insertion_order = false")
    for table, col in tables.items():
        # history postings keep no description: only extraction reads it, and it reads only
        # pending documents (25 GB of text would take this loaded machine an hour to copy)
        text = ", NULL AS description" if table == "postings" else ""
        con.execute(f"INSERT INTO {table} SELECT t.* REPLACE ({col} || '~' || r.k AS {col}"
                    f"{text}) FROM {table} t, range(1, {rounds}) r(k)")
        print(f"  history: {table} copied ({time.perf_counter() - t0:.0f} s)", flush=True)
    # the derived table reflects every mention now, as incremental refreshes would leave it
    con.execute("DELETE FROM meta WHERE key = ?", [duckdb_derived.META_KEY])
    con.execute("INSERT INTO meta VALUES (?, ?)",
                [duckdb_derived.META_KEY, duckdb_derived._encode(duckdb_derived.state(con))])
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def _extracted(db: Path) -> int:
    """Extraction rows in the store (documents extracted and committed)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM extractions").fetchall()[0][0])
    finally:
        con.close()


def fill(template: Path, db: Path) -> tuple[int, float]:
    """Mentions and extraction rows of the postings extraction did not reach: those of
    their pool original (same text) in the template store."""
    import duckdb

    t0 = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute("SET memory_limit = '1GB'")
    con.execute(f"ATTACH '{template}' AS tpl (READ_ONLY)")
    version = con.execute("SELECT max(taxonomy_version) FROM tpl.extractions").fetchall()[0][0]
    con.execute("BEGIN TRANSACTION")
    con.execute("CREATE TEMP TABLE todo AS SELECT DISTINCT p.id, split_part(p.id, '~', 1) AS "
                "orig FROM postings p WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE "
                "e.kind = 'postings' AND e.doc_id = p.id AND e.taxonomy_version = $v)",
                {"v": version})
    n = int(con.execute("SELECT count(*) FROM todo").fetchall()[0][0])
    con.execute("INSERT INTO mentions SELECT m.* REPLACE (t.id AS doc_id) FROM todo t "
                "JOIN tpl.mentions m ON m.kind = 'postings' AND m.doc_id = t.orig")
    con.execute("INSERT INTO extractions SELECT e.* REPLACE (t.id AS doc_id) FROM todo t "
                "JOIN tpl.extractions e ON e.kind = 'postings' AND e.doc_id = t.orig")
    con.execute("COMMIT")
    con.close()
    return n, time.perf_counter() - t0


# -- one size -----------------------------------------------------------------------------
def run_size(size: int, args: argparse.Namespace, pool: list[tuple[bytes, bytes]],
             env: dict[str, str], template: Path | None) -> dict[str, Any]:
    work: Path = args.work
    n = len(pool)
    db = work / f"e2e_{size}.duckdb"
    for p in (db, db.with_name(db.name + ".wal")):
        p.unlink(missing_ok=True)
    ingest_rows = n if size <= n else min(size, args.ingest_rows)
    rounds = 0
    setup: dict[str, float] = {}
    if size > ingest_rows:
        if template is None:
            raise SystemExit("a size above --ingest-rows needs the pool-size run first")
        rounds = max(1, round((size - ingest_rows) / n))
        setup["history"] = copy_history(template, db, rounds)
    start = rounds * n
    data = work / f"input_{size}.jsonl"
    setup["write_input"] = write_input(data, pool, start, ingest_rows)
    gb = data.stat().st_size / 1e9
    print(f"size {size:,}: history {rounds * n:,} postings (SQL copies), input {ingest_rows:,}"
          f" rows, {gb:.2f} GB written in {setup['write_input']:.0f} s", flush=True)
    results = []
    for step in STEPS:
        arg = {"ingest": str(data), "extract": str(args.workers),
               "report": str(work / f"report_{size}")}.get(step, "")
        box = args.extract_seconds if step == "extract" and size > n else None
        before = _extracted(db) if step == "extract" else 0
        res = run_step(step, db, arg, max_seconds=box, env=env)
        if step == "extract":
            res["extracted"] = _extracted(db) - before
        results.append(res)
        print(f"  {res['started']} UTC {step}: wall {res['wall']:.1f} s, cpu {res['cpu']:.1f} s, RSS "
              f"{res['rss_main']:.0f} MB / tree {res['rss_tree']:.0f} MB (PSS "
              f"{res['pss_tree']:.0f} MB)"
              f"{' (time-boxed)' if res['timed_out'] else ''}; {res['result'] or res['progress']}"
              f"; RSS over time (s, main, tree) {res['timeline']}", flush=True)
        if step == "ingest":
            data.unlink()
        if step == "extract" and res["timed_out"]:
            assert template is not None or size <= n
            filled, secs = fill(template if template is not None else db, db)
            setup["fill"] = secs
            res["filled"] = filled
            print(f"  fill (setup): {filled:,} postings given their original's mentions in "
                  f"{secs:.0f} s", flush=True)
    shutil.rmtree(work / f"report_{size}", ignore_errors=True)
    return {"size": size, "history": rounds * n, "ingested": ingest_rows, "gb": gb,
            "setup": setup, "steps": results, "db": str(db)}


def summarise(run: dict[str, Any], pool_n: int) -> None:
    steps = {r["step"]: r for r in run["steps"]}
    ext = steps["extract"]
    done = ext["extracted"]
    rate = done / ext["wall"] if ext["wall"] else 0.0
    cpu_rate = done / ext["cpu"] if ext["cpu"] else 0.0
    total_docs = run["ingested"]
    projected = dict((s, r["wall"]) for s, r in steps.items())
    if ext["timed_out"] and rate:
        projected["extract"] = total_docs / rate
    total = sum(projected.values())
    ing = steps["ingest"]
    print(f"\n### {run['size']:,} postings ({run['history']:,} of them history, "
          f"{run['ingested']:,} ingested, {run['gb']:.2f} GB JSONL)\n")
    print("| step | wall (s) | CPU (s) | share of the wall | peak RSS (MB): process / "
          "with workers | result |")
    print("|---|---|---|---|---|---|")
    for s in STEPS:
        r = steps[s]
        wall = projected[s]
        note = r["result"] or {}
        if s == "extract" and r["timed_out"]:
            note = {"time-boxed": f"{done:,} documents in {r['wall']:.0f} s", "rate":
                    f"{rate:.0f}/s wall, {cpu_rate:.0f}/CPU-s", "projected_s": round(wall)}
        if s == "ingest":
            note = {**note, "rows_per_s": round(run["ingested"] / ing["wall"])}
        print(f"| {s} | {wall:.1f}{' (projected)' if s == 'extract' and r['timed_out'] else ''}"
              f" | {r['cpu']:.1f} | {wall / total:.1%} | {r['rss_main']:.0f} / "
              f"{r['rss_tree']:.0f} | {json.dumps(note)} |")
    peak = max(r["rss_tree"] for r in run["steps"])
    print(f"\nend to end: {total:.0f} s ({total / 60:.1f} min)"
          f"{', extraction projected from its measured rate' if ext['timed_out'] else ''}; "
          f"peak RSS of any step (with workers) {peak:.0f} MB; setup (not a step): "
          + ", ".join(f"{k} {v:.0f} s" for k, v in run["setup"].items()), flush=True)


def ingest_ab(args: argparse.Namespace, pool: list[tuple[bytes, bytes]]) -> None:
    data = args.work / f"input_ab_{args.ingest_ab}.jsonl"
    write_input(data, pool, 0, args.ingest_ab)
    srcs = [SRC, *([args.baseline_src] if args.baseline_src else [])]
    for src in srcs:
        db = args.work / "ingest_ab.duckdb"
        for p in (db, db.with_name(db.name + ".wal")):
            p.unlink(missing_ok=True)
        res = run_step("ingest", db, str(data), max_seconds=None,
                       env={**os.environ, "PYTHONPATH": str(src)})
        print(f"{src}: {res['started']} UTC, wall {res['wall']:.1f} s, CPU {res['cpu']:.1f} s, "
              f"peak RSS {res['rss_main']:.0f} MB (PSS {res['pss_tree']:.0f} MB), "
              f"{res['result']}, RSS over time {res['timeline']}", flush=True)
        db.unlink(missing_ok=True)
    data.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[50_000, 1_000_000, 10_000_000])
    ap.add_argument("--pool-scale", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ingest-rows", type=int, default=1_000_000)
    ap.add_argument("--extract-seconds", type=float, default=300.0)
    ap.add_argument("--work", type=Path, default=HERE / ".work" / "e2e")
    ap.add_argument("--keep", action="store_true", help="keep the stores")
    ap.add_argument("--template", type=Path, help="the pool-size store of an earlier run "
                    "(kept with --keep): larger sizes copy it instead of running the pool size")
    ap.add_argument("--ingest-ab", type=int, metavar="ROWS",
                    help="only: ingest ROWS rows into a fresh store with this src and with "
                    "--baseline-src, each in its own process, and print both")
    ap.add_argument("--baseline-src", type=Path, help="a `src` folder of another version")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    t0 = time.perf_counter()
    pool, gen_seconds = pool_lines(args.work, args.pool_scale)
    if args.ingest_ab:
        ingest_ab(args, pool)
        return
    print(f"pool: {len(pool):,} postings lines from the generator at scale "
          f"{args.pool_scale:g}" + (f" (generated in {gen_seconds:.1f} s, "
                                    f"{len(pool) / gen_seconds:.0f} postings/s with the "
                                    "other kinds)" if gen_seconds else " (cached)"), flush=True)
    template: Path | None = args.template
    runs = []
    for size in sorted(args.sizes):
        run = run_size(size, args, pool, env, template)
        summarise(run, len(pool))
        runs.append(run)
        if size <= len(pool) and args.template is None:
            template = Path(run["db"])
        elif not args.keep:
            Path(run["db"]).unlink(missing_ok=True)
    if template is not None and args.template is None and not args.keep:
        template.unlink(missing_ok=True)
    (args.work / "e2e.json").write_text(json.dumps(runs, indent=1, default=str))
    print(f"\nbench wall {time.perf_counter() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
