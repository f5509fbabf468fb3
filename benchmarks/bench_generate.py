"""Benchmark: how long ``skillpulse generate`` takes, beside an I/O baseline.

The baseline writes the same number of rows per file, each a copy of one real generated row,
with the same JSON serialiser: the floor that any generator writing these files pays. The
difference is the cost of sampling and composing the text.

    .venv/bin/python benchmarks/bench_generate.py [--scale 1.0] [--seed 0] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import orjson

from skillpulse.generate import generate

KINDS = ("postings", "searches", "hires", "profiles")


def baseline(src: Path, dst: Path) -> float:
    """Write as many rows as ``src`` holds, all copies of its first row."""
    t0 = time.perf_counter()
    for kind in KINDS:
        path = src / f"{kind}.jsonl"
        with path.open("rb") as fh:
            first = orjson.loads(fh.readline())
            n = 1 + sum(1 for _ in fh)
        with (dst / f"{kind}.jsonl").open("wb") as out:
            for _ in range(n):
                out.write(orjson.dumps(first) + b"\n")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None, help="keep the generated files here")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_generate_"))
    out = args.out or tmp / "gen"
    try:
        c0, t0 = time.process_time(), time.perf_counter()
        result = generate(out, seed=args.seed, scale=args.scale)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        base_dir = tmp / "baseline"
        base_dir.mkdir()
        base = baseline(out, base_dir)
        files = {f.name: {"lines": f.lines, "mb": round(f.bytes / 1e6, 1)} for f in result.files}
        report = {
            "scale": args.scale,
            "seed": args.seed,
            "generate_wall_s": round(wall, 2),
            "generate_cpu_s": round(cpu, 2),
            "baseline_write_same_rows_s": round(base, 2),
            "files": files,
        }
        print(json.dumps(report, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
