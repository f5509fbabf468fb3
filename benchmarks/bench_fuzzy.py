"""Worst-case time per search query of fuzzy matching, beside another version's matcher.

    .venv/bin/python benchmarks/bench_fuzzy.py [--baseline-src DIR] [--seed 8]

Builds the default extractor, then times ``FuzzyMatcher.match`` on every query of a corpus
with the lookup cache cleared before each query (the cold, worst case):

- the 191 labelled queries of tests/data/extract/queries.jsonl and 10 misspellings of each
  (1 to 3 random edits);
- 400 runs of 2 to 6 misspelt labelled queries joined (long queries full of typos);
- 400 queries of 1 to 30 random letter words (every window a likely typo: the costliest).

It reports the maximum, 99th percentile and median per query, and queries per second on
bench_extract.py's realistic mix of 30,000 queries (repeats and 10% typos, warm cache: the
figure docs/extraction.md quotes; the matchers take turns, best of 5 passes). With ``--baseline-src DIR`` (a ``src`` folder of another
version, e.g. ``git archive f726bbb src | tar -x -C /tmp/sp-before``) the other version's
``FuzzyMatcher`` runs in the same process on the same names, and the script counts the
queries whose answers differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import string
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from skillpulse.extract import Extractor  # noqa: E402
from skillpulse.extract.normalize import normalize  # noqa: E402
from skillpulse.taxonomy import Taxonomy  # noqa: E402

QUERIES = HERE.parent / "tests" / "data" / "extract" / "queries.jsonl"


def typos(rng: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        i = rng.randrange(len(chars) + 1)
        op = rng.randrange(3)
        if op == 0 and i < len(chars):
            chars[i] = rng.choice(string.ascii_lowercase)
        elif op == 1:
            chars.insert(i, rng.choice(string.ascii_lowercase))
        elif i < len(chars):
            del chars[i]
    return "".join(chars)


def corpus(seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    labelled = [json.loads(x)["query"] for x in QUERIES.read_text("utf-8").splitlines()
                if x.strip()]
    return {
        "labelled": labelled,
        "misspelt": [typos(rng, q, rng.randint(1, 3)) for q in labelled for _ in range(10)],
        "joined": [" ".join(typos(rng, q, rng.randint(0, 3))
                            for q in rng.sample(labelled, rng.randint(2, 6)))
                   for _ in range(400)],
        "random_words": [" ".join("".join(rng.choices(string.ascii_lowercase,
                                                       k=rng.randint(1, 14)))
                                  for _ in range(rng.randint(1, 30))) for _ in range(400)],
    }


def load_matcher_class(src: Path) -> Any:
    """``FuzzyMatcher`` of the fuzzy.py under ``src`` (it imports the rest from this tree)."""
    path = src / "skillpulse" / "extract" / "fuzzy.py"
    spec = importlib.util.spec_from_file_location("baseline_fuzzy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FuzzyMatcher


def cold_times(matcher: Any, texts: list[str]) -> tuple[list[float], list[Any]]:
    times, answers = [], []
    for text in texts:
        matcher.lookup.cache_clear()
        t0 = time.perf_counter()
        hits = matcher.match(text)
        times.append(time.perf_counter() - t0)
        answers.append([(s, e, nm.skill_id, round(sc, 6)) for s, e, nm, sc in hits])
    return times, answers


def warm_rates(matchers: dict[str, Any], texts: list[str], rounds: int = 5) -> dict[str, int]:
    """Best queries/s of each matcher over ``rounds`` passes with warm caches, the matchers
    taking turns (so a change of load hits both alike)."""
    for m in matchers.values():
        m.lookup.cache_clear()
        for text in texts:
            m.match(text)
    best = {name: 0.0 for name in matchers}
    for _ in range(rounds):
        for name, m in matchers.items():
            t0 = time.perf_counter()
            for text in texts:
                m.match(text)
            best[name] = max(best[name], len(texts) / (time.perf_counter() - t0))
    return {name: round(rate) for name, rate in best.items()}


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"max_ms": round(ordered[-1] * 1000, 2),
            "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))] * 1000, 2),
            "median_ms": round(statistics.median(ordered) * 1000, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline-src", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--skip-cold", action="store_true",
                    help="only the warm-cache queries/s (the cold timings take long)")
    args = ap.parse_args()

    from bench_extract import make_queries

    taxonomy = Taxonomy.default()
    extractor = Extractor(taxonomy)
    this = extractor.fuzzy
    matchers: dict[str, Any] = {"this": this}
    if args.baseline_src is not None:
        cls = load_matcher_class(args.baseline_src)
        matchers["baseline"] = cls(extractor.matcher.names, this.vocabulary,
                                   threshold=this.threshold,
                                   taxonomy_version=this.taxonomy_version)
    sets = {k: [normalize(t).text for t in v] for k, v in corpus(args.seed).items()}
    mix = [normalize(q).text
           for q in make_queries([c.label for c in taxonomy if c.id.startswith("sp.")], 30000)]
    for m in matchers.values():  # build lazy indexes, warm the code paths
        m.match("chatgtp expert")
    out: dict[str, Any] = {"queries": {k: len(v) for k, v in sets.items()}}
    answers: dict[str, dict[str, list[Any]]] = {}
    warm = warm_rates(matchers, mix)
    for name, m in matchers.items():
        res: dict[str, Any] = {"warm_mix_queries_per_s": warm[name]}
        if args.skip_cold:
            out[name] = res
            continue
        answers[name] = {}
        all_times: list[float] = []
        for set_name, texts in sets.items():
            times, ans = cold_times(m, texts)
            answers[name][set_name] = ans
            all_times += times
            res[set_name] = summary(times)
        res["all"] = summary(all_times)
        if hasattr(m, "work"):
            res["work"] = vars(m.work)
        out[name] = res
    if "baseline" in answers and "this" in answers:
        out["differing_answers"] = {
            k: sum(a != b for a, b in zip(answers["this"][k], answers["baseline"][k],
                                          strict=True)) for k in sets}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
