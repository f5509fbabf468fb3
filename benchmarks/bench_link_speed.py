"""``link --top 10`` speed against the default taxonomy, in sentences per CPU second.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_link_speed.py [LABEL]

Links the 136 Decorte validation sentences (``../shared/data``) three times after a warm-up
and prints the median rate. Run it alternately with two ``PYTHONPATH`` values to compare two
versions of the code under the same load (CPU time of this one-threaded process).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from skillpulse.link.linker import Linker
from skillpulse.link.metrics import read_benchmark

BENCH = Path(__file__).resolve().parents[2] / "shared" / "data" / "benchmarks"


def main() -> None:
    folder = BENCH / "decorte_esco_linking"
    sentences = [
        d.sentence
        for split in ("tech", "house")
        for d in read_benchmark(folder / f"{split}_validation_annotations.csv")
    ]
    linker = Linker("default")
    linker.link_many(sentences[:32])
    cpu = []
    for _ in range(3):
        start = time.process_time()
        linker.link_many(sentences, top=10)
        cpu.append(time.process_time() - start)
    label = sys.argv[1] if len(sys.argv) > 1 else "this code"
    print(f"{label}: {len(sentences) / sorted(cpu)[1]:.1f} sentences per CPU second")


if __name__ == "__main__":
    main()
