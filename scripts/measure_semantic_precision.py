"""Precision of the ``semantic`` extraction component by similarity threshold (docs/linking.md).

    .venv/bin/python scripts/measure_semantic_precision.py --shared ../shared/data [--docs 1000]

1. Phrase precision on SkillSpan train (tuning) and dev (check): candidate phrases of the
   first ``--docs`` sentences are linked to ESCO; a phrase is correct when it overlaps a
   skill or knowledge span annotated in SkillSpan.
2. Link precision on the Decorte validation spans: the share of annotated spans whose top
   ESCO concept is the gold label, among spans whose similarity reaches the threshold.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np

from skillpulse.link.linker import Linker
from skillpulse.link.metrics import IGNORED_LABELS
from skillpulse.link.phrases import candidate_phrases

THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def skillspan(path: Path, limit: int) -> list[tuple[str, list[tuple[int, int]]]]:
    out: list[tuple[str, list[tuple[int, int]]]] = []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        text, offsets = "", []
        for token in record["tokens"]:
            text += " " if text else ""
            offsets.append((len(text), len(text) + len(token)))
            text += token
        spans: list[tuple[int, int]] = []
        for tags in (record["tags_skill"], record["tags_knowledge"]):
            current: list[int] | None = None
            for i, tag in enumerate(tags):
                if tag.startswith("B"):
                    if current:
                        spans.append((current[0], current[1]))
                    current = [offsets[i][0], offsets[i][1]]
                elif tag.startswith("I") and current:
                    current[1] = offsets[i][1]
                elif current:
                    spans.append((current[0], current[1]))
                    current = None
            if current:
                spans.append((current[0], current[1]))
        out.append((text, spans))
        if len(out) >= limit:
            break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    linker = Linker("esco")
    for split in ("train", "dev"):
        docs = skillspan(args.shared / "benchmarks" / "skillspan" / f"{split}.json", args.docs)
        phrases = [
            (p.text, any(p.start < e and s < p.end for s, e in spans))
            for text, spans in docs
            for p in candidate_phrases(text)
        ]
        results = linker.link_many([p for p, _ in phrases], top=1, split_phrases=False)
        sims = np.array([r[0].similarity or 0.0 for r in results])
        hits = np.array([h for _, h in phrases])
        print(
            f"SkillSpan {split}: {len(docs)} sentences, {len(phrases)} phrases, "
            f"precision without threshold {hits.mean():.3f}"
        )
        for t in THRESHOLDS:
            kept = sims >= t
            if kept.any():
                print(f"  threshold {t}: kept {kept.sum()}, precision {hits[kept].mean():.3f}")
    bench = args.shared / "benchmarks" / "decorte_esco_linking"
    for name in ("tech", "house"):
        rows = [
            r
            for r in csv.DictReader((bench / f"{name}_validation_annotations.csv").open())
            if r["label"] not in IGNORED_LABELS
        ]
        results = linker.link_many([r["span"] for r in rows], top=1, split_phrases=False)
        sims = np.array([r[0].similarity or 0.0 for r in results])
        ok = np.array(
            [res[0].label == row["label"] for res, row in zip(results, rows, strict=True)]
        )
        print(f"Decorte {name} validation: {len(rows)} spans, top-1 accuracy {ok.mean():.3f}")
        for t in THRESHOLDS:
            kept = sims >= t
            if kept.any():
                print(f"  threshold {t}: kept {kept.sum()}, precision {ok[kept].mean():.3f}")


if __name__ == "__main__":
    main()
