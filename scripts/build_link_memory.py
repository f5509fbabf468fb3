"""Build ``src/skillpulse/link/assets/esco_memory.json.gz``: the linker's labelled sentences.

    python scripts/build_link_memory.py --shared ../shared/data

Sources (all allowed training data; the Decorte *test* splits are not used):
  * SkillSkape train and dev (synthetic job-ad sentences, MIT): ESCO v1.1.0 labels, ``UNK``
    and labels outside the v1.1.0 list dropped;
  * Decorte et al. TECH and HOUSE validation splits (CC BY 4.0): gold labels of each sentence
    as read by :func:`skillpulse.link.metrics.read_benchmark`.
A sentence without a known label is left out. Labels become the IDs of the ``esco`` target.
Output is deterministic (sorted by source then first-seen order, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import io
import json
from pathlib import Path

from skillpulse.link.memory import MEMORY_ASSET
from skillpulse.link.metrics import read_benchmark
from skillpulse.link.target import esco_target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=MEMORY_ASSET)
    args = parser.parse_args()
    target = esco_target()
    by_label: dict[str, str] = {}
    for c in target.concepts:
        by_label.setdefault(c.label, c.id)
    bench = args.shared / "benchmarks"
    rows: list[dict[str, object]] = []
    counts: dict[str, int] = {}
    for split in ("train", "dev"):
        with (bench / "skillskape" / f"{split}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                ids = sorted(
                    {by_label[x] for x in ast.literal_eval(row["skills"]) if x in by_label}
                )
                if ids:
                    rows.append(
                        {"text": row["sentence"], "ids": ids, "source": f"skillskape-{split}"}
                    )
                    counts[f"skillskape-{split}"] = counts.get(f"skillskape-{split}", 0) + 1
    for split in ("tech", "house"):
        path = bench / "decorte_esco_linking" / f"{split}_validation_annotations.csv"
        for d in read_benchmark(path):
            ids = sorted({by_label[x] for x in d.gold if x in by_label})
            if ids:
                rows.append(
                    {"text": d.sentence, "ids": ids, "source": f"decorte-{split}-validation"}
                )
                counts[f"decorte-{split}-validation"] = (
                    counts.get(f"decorte-{split}-validation", 0) + 1
                )
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    args.out.write_bytes(buf.getvalue())
    print(f"{args.out}: {len(rows)} sentences {counts}, {len(buf.getvalue())} bytes")


if __name__ == "__main__":
    main()
