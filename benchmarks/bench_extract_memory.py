"""Peak memory of ``skillpulse extract --db`` against the size of the store (issue 15 item 5).

    .venv/bin/python benchmarks/bench_extract_memory.py --postings 50000 200000 \
        [--baseline-src DIR] [--workers 2] [--max-seconds 1800] [--keep DIR]

For each size N it builds a store of N synthetic postings of ~2.5 KB (the postings of
bench_extract.py: realistic sentences with skills from the taxonomy; each description joins
halves of two of 3,000 pooled postings, so descriptions differ and IDs are hashes, not in
insertion order), then runs ``python -m skillpulse.cli extract --db STORE --quiet --json``
in a subprocess and samples the resident memory of it and its worker processes every 0.1 s
(from /proc). It reports the peak RSS of the main process, the peak of the whole process
tree (workers share the parent's pages copy-on-write, so the sum over-counts), the time,
and postings per second.

``--baseline-src DIR`` runs the same extraction, in the same run, on a fresh copy of each
store with ``PYTHONPATH=DIR`` (a ``src`` folder of another version, for instance the
version before keyset pagination: ``git archive f726bbb src | tar -x -C /tmp/sp-before``).
``--max-seconds`` stops a run that takes longer and reports its peaks so far, marked as
time-boxed, with the documents it had written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(HERE))

POOL = 3000
HALF = 1300


def build_store(path: Path, n: int, seed: int = 15) -> float:
    """A store of ``n`` postings at ``path``; returns the mean description length."""
    import pyarrow as pa
    from bench_extract import make_postings

    from skillpulse.store import DuckDBStore
    from skillpulse.taxonomy import Taxonomy

    taxonomy = Taxonomy.default()
    names = [c.label for c in taxonomy if c.id.startswith("sp.")]
    names += [c.label for c in list(taxonomy)[::40] if "(" not in c.label][:1500]
    pool = make_postings(names, POOL, 2 * HALF + 100, seed=seed)
    titles = [p.split("\n", 1)[0] for p in pool]
    with DuckDBStore(path) as store:
        store.con.register("pool", pa.table({"k": list(range(POOL)), "title": titles,
                                             "head": [p[:HALF] for p in pool],
                                             "tail": [p[HALF:2 * HALF] for p in pool]}))
        step = 100_000
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            store.execute(f"""
                INSERT INTO postings (id, posted_at, title, description, skills)
                SELECT md5('posting ' || i::VARCHAR), TIMESTAMP '2023-01-01'
                           + to_days(CAST(i % 365 AS INTEGER)),
                       a.title, a.head || ' ' || b.tail, ['Python', 'SQL']
                FROM range({lo}, {hi}) r(i)
                JOIN pool a ON a.k = hash(i, 1) % {POOL}
                JOIN pool b ON b.k = hash(i, 2) % {POOL}""")
        store.execute("CHECKPOINT")
        mean = store.scalar("SELECT avg(length(description)) FROM postings")
    return float(mean)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_extract(store: Path, src: Path, workers: int, max_seconds: float) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(src))
    env.setdefault("SKILLPULSE_CACHE_DIR", str(Path(tempfile.gettempdir()) / "spcache-bench"))
    cmd = [sys.executable, "-m", "skillpulse.cli", "extract", "--db", str(store), "--quiet",
           "--json", "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak_main = peak_tree = 0.0
    boxed = False
    while proc.poll() is None:
        pids = _tree(proc.pid)
        rss = [_rss_mb(p) for p in pids]
        peak_main = max(peak_main, _rss_mb(proc.pid))
        peak_tree = max(peak_tree, sum(rss))
        if time.perf_counter() - started > max_seconds:
            boxed = True
            for p in reversed(pids):
                with contextlib.suppress(OSError):
                    os.kill(p, 9)
            break
        time.sleep(0.1)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    result: dict[str, object] = {"peak_rss_main_mb": round(peak_main),
                                 "peak_rss_tree_mb": round(peak_tree),
                                 "seconds": round(seconds, 1), "time_boxed": boxed}
    if boxed:  # what the stopped run had committed
        import duckdb

        con = duckdb.connect(str(store), read_only=True)
        result["documents_written"] = con.execute("SELECT count(*) FROM extractions"
                                                  ).fetchall()[0][0]
        con.close()
    else:
        if proc.returncode != 0:
            result["error"] = err.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        else:
            info = json.loads(out)
            result["documents"] = info["total_documents"]
            result["postings_per_s"] = round(info["total_documents"] / seconds)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--postings", type=int, nargs="+", default=[50_000, 200_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="a src/ folder of another version, run on a copy of each store")
    ap.add_argument("--max-seconds", type=float, default=1800)
    ap.add_argument("--keep", type=Path, default=None,
                    help="folder for the stores (reused when present); default: a temp dir")
    args = ap.parse_args()

    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="sp-extract-mem-")
    folder = args.keep or Path(tmp.name)  # type: ignore[union-attr]
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in args.postings:
            built = folder / f"postings-{n}.duckdb"
            t0 = time.perf_counter()
            mean = build_store(built, n) if not built.exists() else float("nan")
            build_s = time.perf_counter() - t0
            size_mb = built.stat().st_size / 1e6
            row: dict[str, object] = {"postings": n, "store_mb": round(size_mb),
                                      "mean_description_chars": round(mean) if mean == mean
                                      else None, "build_seconds": round(build_s, 1)}
            for label, src in (("baseline", args.baseline_src), ("this", SRC)):
                if src is None:
                    continue
                work = folder / f"run-{label}-{n}.duckdb"
                shutil.copyfile(built, work)
                row[label] = run_extract(work, src, args.workers, args.max_seconds)
                for extra in (work, work.with_name(work.name + ".wal")):
                    extra.unlink(missing_ok=True)
                shutil.rmtree(work.with_name(work.name + ".tmp"), ignore_errors=True)
                print(json.dumps(row), flush=True)
            rows.append(row)
    finally:
        if tmp is not None:
            tmp.cleanup()
    print(json.dumps({"workers": args.workers, "results": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
