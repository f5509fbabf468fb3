"""Same-run cost of ``extract --semantic``: plain extraction (the baseline), the semantic
component as shipped (phrases whose best cosine is below the threshold, found by the exact
low-dimensional prefilter, skip the full label-matrix pass, BM25 and fusion), and the
component without that skip (every new phrase takes the full pass, BM25 and fusion); on the
first N well-formed demo postings (seed 0).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_semantic_skip.py 5000

Prints wall and CPU time ratios against plain extraction and the number of semantic mentions
(equal with and without the skip: the skip changes no result). Each extractor is fresh (its
phrase cache starts empty), as in one ``extract --semantic`` pass.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

from bench_link import demo_postings  # same folder: python benchmarks/bench_semantic_skip.py

from skillpulse.extract.semantic import SemanticComponent
from skillpulse.extract.store import build_extractor
from skillpulse.link.linker import Candidate
from skillpulse.taxonomy import Taxonomy


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    records = demo_postings(n)
    taxonomy = Taxonomy.default()
    warm = {"id": "w", "title": "Data engineer", "description": "Build pipelines in Python."}
    rows: dict[str, tuple[float, float, int]] = {}
    for name in ("plain", "semantic (shipped: skip)", "semantic (no skip)"):
        extractor = build_extractor(taxonomy, name != "plain")
        if name == "semantic (no skip)":
            component = next(c for c in extractor.components if isinstance(c, SemanticComponent))
            linker = component.linker
            link_many = linker.link_many

            def no_skip(
                texts: Sequence[str],
                top: int = 10,
                *,
                split_phrases: bool | None = None,
                cached: bool = True,
                min_similarity: float | None = None,
                _link_many: Any = link_many,
            ) -> list[list[Candidate]]:
                return _link_many(texts, top, split_phrases=split_phrases, cached=cached)

            linker.link_many = no_skip
        extractor.extract_document(warm, "posting")
        t, c = time.perf_counter(), time.process_time()
        found = [extractor.extract_document(r, "posting") for r in records]
        semantic = sum(1 for ms in found for m in ms if m.method == "semantic")
        rows[name] = (time.perf_counter() - t, time.process_time() - c, semantic)
        print(name, rows[name], flush=True)
    wall0, cpu0, _ = rows["plain"]
    print(f"{len(records)} postings")
    print("| extractor | postings/s | time vs plain | CPU time vs plain | semantic mentions |")
    print("|---|---|---|---|---|")
    for name, (wall, cpu, semantic) in rows.items():
        print(
            f"| {name} | {len(records) / wall:.1f} | x{wall / wall0:.2f} | x{cpu / cpu0:.2f} "
            f"| {semantic} |"
        )


if __name__ == "__main__":
    main()
