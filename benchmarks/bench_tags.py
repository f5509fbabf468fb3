"""Tag matching speed (issue 13: at least 20,000 tags/s), beside the previous algorithm.

    .venv/bin/python benchmarks/bench_tags.py [--csv ../shared/data/postings/hn_whoishiring/hn_whoishiring_2022-12_2025-10.csv.gz]

The tags are the ``languages_frameworks`` lists of the Hacker News "Who is hiring?" posts (as
``scripts/hn_tags_jsonl.py`` writes them), resolved in file order by a fresh resolver
(cold: every distinct tag is resolved once, repeats hit the memo). The baseline, timed in the
same run on the same tags, is the previous algorithm: a memo of raw tags in front of the
same steps, with the fuzzy step scoring every name of four or more characters.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rapidfuzz import fuzz, process

from skillpulse.extract import Extractor
from skillpulse.extract.doc import Doc
from skillpulse.extract.normalize import normalize_name
from skillpulse.extract.tags import _GENERIC_TAIL, TagResolver
from skillpulse.taxonomy import Taxonomy

DEFAULT_CSV = (Path(__file__).resolve().parents[2] / "shared" / "data" / "postings"
               / "hn_whoishiring" / "hn_whoishiring_2022-12_2025-10.csv.gz")


def read_tags(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return [t.strip() for row in csv.DictReader(fh)
                for t in (row.get("languages_frameworks") or "").split(",") if t.strip()]


def previous(tr: TagResolver):  # type: ignore[no-untyped-def]
    """The previous resolver: a raw-tag LRU memo, then the same steps, the fuzzy one
    scoring every name of four or more characters."""
    keys = [k for k in tr._index if len(k) >= 4]

    @lru_cache(maxsize=65536)
    def resolve(tag: str) -> tuple[str, float] | None:
        key = normalize_name(tag)
        if not key:
            return None
        found = tr._index.get(key)
        if found is not None:
            return found, 1.0
        words = key.split()
        for tail in _GENERIC_TAIL:
            tw = tail.split()
            if len(words) > len(tw) and words[-len(tw):] == tw:
                found = tr._index.get(" ".join(words[:-len(tw)]))
                if found is not None:
                    return found, 1.0
        mentions = tr.matcher(Doc(tag))
        if mentions:
            best = max(mentions, key=lambda m: m.end - m.start)
            if (best.end - best.start) * 2 >= len(tag.strip()):
                return best.skill_id, 1.0
        if len(key) >= 4:
            hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=tr.threshold)
            if hit is not None:
                return tr._index[hit[0]], float(hit[1]) / 100.0
        return None

    return resolve


def rate(fn, tags: list[str]) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    for t in tags:
        fn(t)
    return len(tags) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = ap.parse_args()
    tags = read_tags(args.csv)
    ex = Extractor(Taxonomy.default())
    fresh = TagResolver(ex.taxonomy, ex.matcher, index=ex.tags._index)
    cold = rate(fresh.resolve, tags)
    warm = rate(fresh.resolve, tags)
    base = previous(TagResolver(ex.taxonomy, ex.matcher, index=ex.tags._index))
    base_cold = rate(base, tags)
    print(json.dumps({"machine": {"cpus": os.cpu_count(), "loadavg": os.getloadavg()},
                      "tags": len(tags), "distinct": len(set(tags)),
                      "tags_per_s_cold": round(cold), "tags_per_s_warm": round(warm),
                      "baseline_previous_tags_per_s_cold": round(base_cold),
                      "speedup_cold": round(cold / base_cold, 1)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
