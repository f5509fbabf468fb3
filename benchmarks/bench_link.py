"""Linking accuracy and speed on the Decorte et al. ESCO benchmark (validation splits).

    .venv/bin/python benchmarks/bench_link.py [--shared ../shared/data] [--repeat 3]

For TECH and HOUSE validation: RP@5, RP@10 and MRR of lexical retrieval alone (BM25), the
embedding model alone (dense) and the final pipeline (hybrid, RRF), and sentences per second
of each (median of ``--repeat`` timed runs over all sentences of both splits after one warm-up;
lexical is the speed baseline measured in the same run). Needs the semantic extra and the
label vectors (``python -m skillpulse.setup_assets``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from skillpulse.link.linker import Linker, LinkerConfig
from skillpulse.link.metrics import read_benchmark, score_rankings

SPLITS = ("tech", "house")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(__file__).resolve().parents[1].parent / "shared" / "data",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bench = args.shared / "benchmarks" / "decorte_esco_linking"
    data = {s: read_benchmark(bench / f"{s}_validation_annotations.csv") for s in SPLITS}
    all_sentences = [d.sentence for s in SPLITS for d in data[s]]
    rows = []
    for mode in ("lexical", "dense", "hybrid"):
        start = time.perf_counter()
        linker = Linker("esco", config=LinkerConfig.for_target("esco", mode=mode))
        load = time.perf_counter() - start
        row: dict[str, object] = {"mode": mode, "load_s": round(load, 2)}
        for split in SPLITS:
            results = linker.link_many([d.sentence for d in data[split]], top=10)
            scores = score_rankings([[c.label for c in r] for r in results], data[split])
            row[split] = {
                "rp@5": round(100 * scores.rp5, 1),
                "rp@10": round(100 * scores.rp10, 1),
                "mrr": round(100 * scores.mrr, 1),
                "sentences": scores.sentences,
            }
        linker.link_many(all_sentences[:32])  # warm-up
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            linker.link_many(all_sentences, top=10)
            times.append(time.perf_counter() - t)
        row["sentences_per_s"] = round(len(all_sentences) / statistics.median(times), 1)
        rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"cpu count {os.cpu_count()}; {len(all_sentences)} sentences timed, median of {args.repeat}"
    )
    print(
        "| mode | TECH RP@5 | TECH RP@10 | TECH MRR | HOUSE RP@5 | HOUSE RP@10 | HOUSE MRR | sentences/s | load s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        t, h = r["tech"], r["house"]
        print(
            f"| {r['mode']} | {t['rp@5']} | {t['rp@10']} | {t['mrr']} | {h['rp@5']} | "  # type: ignore[index]
            f"{h['rp@10']} | {h['mrr']} | {r['sentences_per_s']} | {r['load_s']} |"
        )  # type: ignore[index]


if __name__ == "__main__":
    main()
