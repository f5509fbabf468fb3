"""Linking accuracy and speed on the Decorte et al. ESCO benchmark (validation splits).

    .venv/bin/python benchmarks/bench_link.py [--shared ../shared/data] [--repeat 3] [--default]

For TECH and HOUSE validation: RP@5, RP@10 and MRR of lexical retrieval alone (BM25), the
embedding model alone (dense), the issue-7 pipeline (BM25 + sentence + phrases, RRF k 20,
weights 0.5/1/1, no kNN), the kNN pipeline of the first pass at issue 20 (RRF k 20, BM25
0.75, phrases 0.5, kNN 1) and the shipped pipeline (weights chosen by
``scripts/cv_linker.py`` on folds without leakage; no kNN), and sentences per second of each
(median of ``--repeat`` timed runs over all sentences of both splits after one warm-up;
lexical is the speed baseline of the same run). The validation splits are a *final check*,
not a selection set: with kNN voting, each split is scored with its own sentences removed
from the memory (so the memory holds SkillSkape and the *other* split). ``--default`` also times ``link --top 10`` against the default taxonomy (the issue's
speed target), lexical and shipped pipeline. Needs the semantic extra and the label vectors
(``python -m skillpulse.setup_assets``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from skillpulse.link.linker import Linker, LinkerConfig
from skillpulse.link.metrics import read_benchmark, score_rankings

SPLITS = ("tech", "house")
#: the pipeline of issue 7 (chosen on SkillSkape dev and the validation splits)
ISSUE7 = {
    "rrf_k": 20.0,
    "lexical_weight": 0.5,
    "dense_weight": 1.0,
    "phrase_weight": 1.0,
    "knn_weight": 0.0,
}

#: the kNN pipeline of the first pass at issue 20 (chosen on folds that leaked, docs/linking.md)
KNN_FIRST_PASS = {
    "rrf_k": 20.0,
    "lexical_weight": 0.75,
    "dense_weight": 0.0,
    "phrase_weight": 0.5,
    "knn_weight": 1.0,
}


def _rate(linker: Linker, sentences: list[str], repeat: int) -> tuple[float, float]:
    """Sentences per wall-clock second and per CPU second of this process (medians)."""
    linker.link_many(sentences[:32])  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        linker.link_many(sentences, top=10)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    n = len(sentences)
    return round(n / statistics.median(times), 1), round(n / statistics.median(cpu), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(__file__).resolve().parents[1].parent / "shared" / "data",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--default", action="store_true", help="also time the default taxonomy")
    parser.add_argument(
        "--extract",
        type=int,
        default=0,
        metavar="N",
        help="also time extraction of N demo postings with and without --semantic",
    )
    parser.add_argument(
        "--only-extract", action="store_true", help="skip the linking figures (with --extract)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    variants_off = args.only_extract
    bench = args.shared / "benchmarks" / "decorte_esco_linking"
    data = {s: read_benchmark(bench / f"{s}_validation_annotations.csv") for s in SPLITS}
    all_sentences = [d.sentence for s in SPLITS for d in data[s]]
    variants: list[tuple[str, str, dict[str, object]]] = [
        ("lexical", "esco", {"mode": "lexical"}),
        ("dense", "esco", {"mode": "dense"}),
        ("hybrid, issue 7 weights, no kNN", "esco", ISSUE7),
        ("hybrid, kNN (issue 20 first pass)", "esco", KNN_FIRST_PASS),
        ("hybrid (shipped)", "esco", {}),
    ]
    if args.default:
        variants += [
            ("lexical, default taxonomy", "default", {"mode": "lexical"}),
            ("hybrid (shipped), default taxonomy", "default", {}),
        ]
    rows = []
    for name, target, overrides in [] if variants_off else variants:
        start = time.perf_counter()
        linker = Linker(target, config=LinkerConfig.for_target(target, **overrides))
        row: dict[str, object] = {"pipeline": name, "load_s": round(time.perf_counter() - start, 2)}
        if target == "esco":
            full = linker.memory
            for split in SPLITS:
                linker.memory = full
                linker.hold_out([d.sentence for d in data[split]])
                results = linker.link_many([d.sentence for d in data[split]], top=10)
                scores = score_rankings([[c.label for c in r] for r in results], data[split])
                row[split] = {
                    "rp@5": round(100 * scores.rp5, 1),
                    "rp@10": round(100 * scores.rp10, 1),
                    "mrr": round(100 * scores.mrr, 1),
                    "sentences": scores.sentences,
                }
            linker.memory = full
        row["sentences_per_s"], row["sentences_per_cpu_s"] = _rate(
            linker, all_sentences, args.repeat
        )
        rows.append(row)
        if not args.json:
            print(row, flush=True)
    extract_rows = _extract_speed(args.extract, args.repeat) if args.extract else []
    if args.json:
        print(
            json.dumps({"linking": rows, "extract": extract_rows if args.extract else []}, indent=2)
        )
        return
    print(
        f"cpu count {os.cpu_count()}; {len(all_sentences)} sentences timed, median of {args.repeat}"
    )
    print(
        "| pipeline | TECH RP@5 | TECH RP@10 | TECH MRR | HOUSE RP@5 | HOUSE RP@10 | HOUSE MRR "
        "| sentences/s | sentences/CPU s | load s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        cells = []
        for split in SPLITS:
            s = r.get(split)
            cells += (
                [str(s[k]) for k in ("rp@5", "rp@10", "mrr")] if isinstance(s, dict) else ["-"] * 3
            )
        print(
            f"| {r['pipeline']} | {' | '.join(cells)} | {r['sentences_per_s']} "
            f"| {r['sentences_per_cpu_s']} | {r['load_s']} |"
        )
    if args.extract:
        print()
        print("| extraction of demo postings | postings/s | time vs plain | CPU time vs plain |")
        print("|---|---|---|---|")
        for r in extract_rows:
            print(
                f"| {r['extractor']} | {r['postings_per_s']} | x{r['ratio']} | x{r['cpu_ratio']} |"
            )


def demo_postings(n: int) -> list[dict[str, Any]]:
    """The first ``n`` well-formed postings the demo generator writes (seed 0)."""
    import tempfile

    from skillpulse.generate import generate

    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp, seed=0, scale=max(0.01, n / 40_000))
        with (Path(tmp) / "postings.jsonl").open(encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue  # the generator writes a few malformed rows on purpose
                if isinstance(rec, dict) and isinstance(rec.get("description"), str):
                    records.append(rec)
                if len(records) == n:
                    break
    return records


def _extract_speed(n: int, repeat: int) -> list[dict[str, object]]:
    """Postings/s of the default-taxonomy extractor, plain and with the semantic component,
    on the first ``n`` postings the demo generator writes (``skillpulse demo`` data, seed 0)."""
    from skillpulse.extract.store import build_extractor
    from skillpulse.taxonomy import Taxonomy

    records = demo_postings(n)
    taxonomy = Taxonomy.default()
    out: list[dict[str, object]] = []
    base = base_cpu = 0.0
    warm_up = {"id": "w", "title": "Data engineer", "description": "Build pipelines in Python."}
    for name, semantic in (("plain (dictionary)", False), ("--semantic", True)):
        times, cpu = [], []
        for _ in range(repeat):
            # a fresh extractor per run: the semantic linker's phrase cache starts empty, as
            # in one `extract --semantic` pass over the postings
            extractor = build_extractor(taxonomy, semantic)
            extractor.extract_document(warm_up, "posting")
            t, c = time.perf_counter(), time.process_time()
            for rec in records:
                extractor.extract_document(rec, "posting")
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        seconds, cpu_seconds = statistics.median(times), statistics.median(cpu)
        base = base or seconds
        base_cpu = base_cpu or cpu_seconds
        out.append(
            {
                "extractor": name,
                "postings": len(records),
                "postings_per_s": round(len(records) / seconds, 1),
                "ratio": round(seconds / base, 2),
                "cpu_ratio": round(cpu_seconds / base_cpu, 2),
            }
        )
    return out


if __name__ == "__main__":
    main()
