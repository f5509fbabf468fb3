"""Extraction speed, memory and multi-process scaling, beside a flashtext-style baseline.

    .venv/bin/python benchmarks/bench_extract.py [--postings 3000] [--queries 30000] [--stages]
    .venv/bin/python benchmarks/bench_extract.py --adversarial

Measures, with the full default taxonomy (built-in catalog + Lightcast + O*NET + ESCO):

- postings per second on one core: ~2.5 KB synthetic postings written from realistic
  sentences (skills from the taxonomy in running text, lists, HTML, Unicode punctuation);
- search queries per second on one core (a realistic mix with repeats and typos);
- the same inputs through a plain flashtext-style keyword processor (flashtext's trie
  algorithm in pure Python, written here) over the same selected names: the baseline;
- each rate also per second of CPU time of the one benchmark process (``time.process_time``):
  postings/s per core, not inflated by the waits of a machine other jobs load;
- RSS of the loaded extractor;
- ``extract_store`` on a temporary DuckDB store with 1 and 2 worker processes;
- when ``--skillspan`` points at SkillSpan's ``train.json`` (default: the shared data set,
  when present), real postings too: the job ads of SkillSpan's train split, rebuilt from
  their sentences (tokens joined by spaces) and cut to the first ~2.5 KB of sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from skillpulse.extract import Extractor
from skillpulse.taxonomy import Taxonomy


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# -- the baseline: flashtext's algorithm (a character trie, word boundaries) ---------------
class KeywordProcessor:
    """flashtext's KeywordProcessor, reduced to what the benchmark needs (case-insensitive
    extract_keywords with span info)."""

    _END = "_keyword_"

    def __init__(self) -> None:
        self.trie: dict = {}
        self.non_word_boundaries = set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

    def add_keyword(self, keyword: str, clean_name: str) -> None:
        node = self.trie
        for ch in keyword.lower():
            node = node.setdefault(ch, {})
        node[self._END] = clean_name

    def extract_keywords(self, sentence: str) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        sentence = sentence.lower()
        trie = self.trie
        nwb = self.non_word_boundaries
        end = self._END
        n = len(sentence)
        cur = trie
        seq_start = 0
        idx = 0
        while idx < n:
            ch = sentence[idx]
            if ch not in nwb:
                if end in cur or ch in cur:
                    seq_found = None
                    longest_end = 0
                    is_longer = False
                    if end in cur:
                        seq_found = cur[end]
                        longest_end = idx
                    if ch in cur:
                        nxt = cur[ch]
                        j = idx + 1
                        while j < n:
                            c2 = sentence[j]
                            if c2 not in nwb and end in nxt:
                                seq_found = nxt[end]
                                longest_end = j
                                is_longer = True
                            if c2 in nxt:
                                nxt = nxt[c2]
                            else:
                                break
                            j += 1
                        else:
                            if end in nxt:
                                seq_found = nxt[end]
                                longest_end = j
                                is_longer = True
                        if is_longer:
                            idx = longest_end
                    cur = trie
                    if seq_found is not None:
                        out.append((seq_found, seq_start, idx))
                else:
                    cur = trie
            elif ch in cur:
                cur = cur[ch]
            else:
                cur = trie
                j = idx + 1
                while j < n and sentence[j] in nwb:
                    j += 1
                idx = j
            if idx + 1 >= n and end in cur:
                out.append((cur[end], seq_start, n))
            idx += 1
            if (idx < n and ch not in nwb) or (idx < n and cur is trie):
                seq_start = idx
        return out


# -- synthetic but realistic inputs ----------------------------------------------------------
FILLER = [
    "We are a fast-growing startup building tools for small businesses across Europe.",
    "You will work closely with product, design and customer success to ship features weekly.",
    "Our team values clear written communication, ownership and kindness.",
    "The role is fully remote with occasional team offsites; we offer a competitive salary.",
    "Responsibilities include designing, building and maintaining reliable services.",
    "You have shipped production software and enjoy mentoring other engineers.",
    "We’re looking for someone who can hit the ground running — and learn fast.",
    "Benefits: health insurance, 30 days of paid leave, a learning budget & hardware of choice.",
    "Please include links to your portfolio or GitHub profile when you apply.",
    "Experience in a regulated industry (finance, healthcare) is a plus but not required.",
    "<p>We review every application and reply within two weeks.</p>",
    "Candidates must be able to overlap at least four hours with CET working hours.",
]
SKILL_SENTENCES = [
    "Strong experience with {a}, {b} and {c} is required.",
    "You will build features using {a} and {b} on top of {c}.",
    "Nice to have: {a}, {b}, {c}.",
    "Our stack: {a} / {b} / {c}.",
    "We use {a} for the backend and {b} for data work, deployed with {c}.",
    "Hands-on knowledge of {a} and familiarity with {b} (or {c}).",
    "• {a}\n• {b}\n• {c}",
]


def make_postings(names: list[str], n: int, size: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = [f"Senior {rng.choice(names)} Engineer (Remote)\n\n"]
        length = len(parts[0])
        while length < size:
            if rng.random() < 0.45:
                s = rng.choice(SKILL_SENTENCES).format(a=rng.choice(names), b=rng.choice(names),
                                                       c=rng.choice(names))
            else:
                s = rng.choice(FILLER)
            parts.append(s + (" " if rng.random() < 0.8 else "\n\n"))
            length += len(s) + 1
        out.append("".join(parts)[:size + 200])
    return out


DEFAULT_SKILLSPAN = (Path(__file__).resolve().parents[2] / "shared" / "data" / "benchmarks"
                     / "skillspan" / "train.json")


def real_postings(path: Path, size: int) -> list[str]:
    """SkillSpan's job ads, one string each: sentences in order, one per line, up to the
    first sentence that reaches ``size`` characters; ads shorter than ``size`` are left out."""
    ads: dict[tuple[str, int], list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            ads.setdefault((row.get("source", ""), row["idx"]), []).append(" ".join(row["tokens"]))
    out = []
    for sentences in ads.values():
        parts: list[str] = []
        length = 0
        for sent in sentences:
            if length >= size:
                break
            parts.append(sent)
            length += len(sent) + 1
        if length >= size:
            out.append("\n".join(parts))
    return out


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1:]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def make_queries(names: list[str], n: int, seed: int = 2) -> list[str]:
    """A query log: Zipf-like repeats of a few thousand distinct queries, 10% with typos."""
    rng = random.Random(seed)
    mods = ["", "", "expert", "developer", "freelancer", "help", "for logo", "consultant",
            "app", "automation"]
    distinct = []
    for _ in range(5000):
        q = rng.choice(names).lower()
        if rng.random() < 0.1:
            q = " ".join(typo(w, rng) for w in q.split())
        m = rng.choice(mods)
        distinct.append(f"{q} {m}".strip())
    weights = [1 / (i + 1) for i in range(len(distinct))]
    return rng.choices(distinct, weights=weights, k=n)


#: items per CPU-second of the last :func:`best_rate` call (its best repeat)
CPU_RATES: list[float] = []


def best_rate(fn, items, repeat: int) -> tuple[float, float]:
    """Best and median items/s (wall clock) over ``repeat`` runs; the best rate per second
    of this process's CPU time (``time.process_time``: one process on one core, so the
    figure is per core and the waits of a loaded machine do not count) is left in
    ``CPU_RATES[0]``."""
    rates = []
    cpu = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        c0 = time.process_time()
        for it in items:
            fn(it)
        c1 = time.process_time()
        rates.append(len(items) / (time.perf_counter() - t0))
        cpu.append(len(items) / max(c1 - c0, 1e-9))
    CPU_RATES[:] = [max(cpu)]
    return max(rates), statistics.median(rates)


def cpu_rate() -> int:
    """The per-CPU-second rate of the last :func:`best_rate` call, rounded."""
    return round(CPU_RATES[0])


def stage_times(extractor: Extractor, texts: list[str], repeat: int = 3) -> dict[str, float]:
    """Microseconds per text (best of ``repeat``) of each step of a posting's extraction."""
    from skillpulse.extract.dictionary import _longest_then_leftmost
    from skillpulse.extract.doc import Doc
    from skillpulse.extract.normalize import normalize

    m = extractor.matcher
    docs = [Doc(t, "postings", "text") for t in texts]
    norms = [d.norm for d in docs]  # normalised once: the steps below reuse it
    cands = [m.candidates(d) for d in docs]

    def us(fn, items) -> float:
        return 1e6 / best_rate(fn, items, repeat)[0]

    short = us(lambda n: m._short_candidates(n, [].append), norms)
    candidates = us(m.candidates, docs)
    overlap = us(_longest_then_leftmost, cands)
    return {
        "total_extractor_call": round(us(extractor, texts), 1),
        "normalise": round(us(normalize, texts), 1),
        "long_names_view_scan_boundaries": round(candidates - short, 1),
        "short_names": round(short, 1),
        "overlap_policy": round(overlap, 1),
        "context_offsets_mention_records": round(us(m, docs) - candidates - overlap, 1),
    }


def bench_store(taxonomy: Taxonomy, postings: list[str], workers: int) -> float:
    from skillpulse.extract.store import extract_store
    from skillpulse.store import DuckDBStore

    with tempfile.TemporaryDirectory() as tmp:
        store = DuckDBStore(Path(tmp) / "b.duckdb")
        import pyarrow as pa
        tbl = pa.table({"id": [f"p{i}" for i in range(len(postings))],
                        "title": ["Engineer"] * len(postings), "description": postings})
        store.con.register("src", tbl)
        store.execute("INSERT INTO postings (id, posted_at, title, description) "
                      "SELECT id, TIMESTAMP '2023-01-01', title, description FROM src")
        info = extract_store(store, taxonomy, workers=workers)
        store.close()
        return info.seconds


def adversarial_texts(seed: int = 7) -> dict[str, list[tuple[int, str]]]:
    """Worst-case fields (issue 15 item 7): a skill list without any sentence break ("skills
    Go R Excel ..."), 4 to 36 KB, and fuzzed postings of 25 to 100 KB (skill names, short
    names, separators and line breaks in random order)."""
    unit = "skills Go R Excel Spark Rust Track Unity Library "
    repeated = [(kb, (unit * (kb * 1024 // len(unit) + 1))[:kb * 1024]) for kb in (4, 9, 18, 36)]
    rng = random.Random(seed)
    words = ["Go", "R", "Excel", "Spark", "Rust", "Track", "Unity", "Library", "C", ",", "/", "and", "or", "&", "(", ")", ".", ":", "-", "Python", "SQL", "data", "the", "skills", "node.js", "C++", "AI", "ML", "CV", "!", "\n"]
    fuzzed = []
    for kb in (25, 50, 100):
        text = " ".join(rng.choice(words) + rng.choice(["", "", "x", "1"])
                        for _ in range(kb * 300))
        fuzzed.append((kb, text[:kb * 1024]))
    return {"no_sentence_breaks": repeated, "fuzzed": fuzzed}


def bench_adversarial(extractor: Extractor, ads: list[str], repeat: int) -> dict[str, object]:
    """Milliseconds per KB of each adversarial field (best of ``repeat``), beside the same
    figure for real ads measured in the same run; time grows linearly when ms/KB stays flat."""
    out: dict[str, object] = {}
    if ads:
        kb = sum(len(a) for a in ads) / 1024
        best = min(_timed(lambda: [extractor(a) for a in ads]) for _ in range(repeat))
        out["real_ads_ms_per_kb"] = round(best * 1000 / kb, 2)
    for name, cases in adversarial_texts().items():
        rows = {}
        for kb, text in cases:
            best = min(_timed(lambda t=text: extractor(t)) for _ in range(repeat))
            rows[f"{kb}KB"] = {"seconds": round(best, 3), "ms_per_kb": round(best * 1000 / kb, 2)}
        first, last = next(iter(rows.values())), list(rows.values())[-1]
        out[name] = {**rows, "ms_per_kb_ratio_largest_to_smallest": round(
            last["ms_per_kb"] / first["ms_per_kb"], 2)}
    out["budget_hits"] = dict(getattr(extractor, "budget_hits", {}))
    return out


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--postings", type=int, default=3000)
    ap.add_argument("--queries", type=int, default=30000)
    ap.add_argument("--size", type=int, default=2500, help="posting size in characters")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--store-postings", type=int, default=20000)
    ap.add_argument("--skillspan", type=Path, default=DEFAULT_SKILLSPAN,
                    help="SkillSpan train.json for the real-postings case (skipped if absent)")
    ap.add_argument("--stages", action="store_true",
                    help="also time each step of a posting's extraction (us per posting)")
    ap.add_argument("--adversarial", action="store_true",
                    help="only the worst-case time per KB of adversarial fields (issue 15 "
                         "item 7), beside real ads in the same run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.adversarial:
        # no time budget while timing (a loaded machine would hit it); the budget is a
        # separate, tested guard
        extractor = Extractor(Taxonomy.default(), context_time_budget=0)
        ads = real_postings(args.skillspan, args.size) if args.skillspan.exists() else []
        extractor(ads[0] if ads else "warm up")
        result = {"machine": {"cpus": os.cpu_count(), "loadavg": os.getloadavg()},
                  "adversarial": bench_adversarial(extractor, ads, args.repeat)}
        print(json.dumps(result, indent=2))
        return 0

    base_rss = rss_mb()
    t0 = time.perf_counter()
    taxonomy = Taxonomy.default()
    t_tax = time.perf_counter() - t0
    tax_rss = rss_mb()
    t0 = time.perf_counter()
    extractor = Extractor(taxonomy)
    t_build = time.perf_counter() - t0
    ex_rss = rss_mb()
    t0 = time.perf_counter()
    Extractor(taxonomy, use_cache=False)
    t_build_cold = time.perf_counter() - t0

    names = [c.label for c in taxonomy if c.id.startswith("sp.")]
    names += [c.label for c in list(taxonomy)[::40] if "(" not in c.label][:1500]
    postings = make_postings(names, args.postings, args.size)
    queries = make_queries([c.label for c in taxonomy if c.id.startswith("sp.")], args.queries)
    mb = sum(len(p) for p in postings) / 1e6

    kp = KeywordProcessor()
    t0 = time.perf_counter()
    for nm in extractor.matcher.names:
        kp.add_keyword(nm.key, nm.skill_id)
    t_kp = time.perf_counter() - t0

    # warm up (caches of the normaliser and the fuzzy lookup start cold in a real run too,
    # so queries are reported both cold and warm)
    for p in postings[:50]:
        extractor(p)
    t0 = time.perf_counter()
    for q in queries:
        extractor(q, "search")
    q_cold = len(queries) / (time.perf_counter() - t0)

    p_best, p_med = best_rate(extractor, postings, args.repeat)
    p_cpu = cpu_rate()
    b_best, b_med = best_rate(kp.extract_keywords, postings, args.repeat)
    b_cpu = cpu_rate()
    q_best, q_med = best_rate(lambda q: extractor(q, "search"), queries, args.repeat)
    q_cpu = cpu_rate()
    qb_best, qb_med = best_rate(kp.extract_keywords, queries, args.repeat)
    qb_cpu = cpu_rate()
    real: dict[str, object] = {"skipped": f"{args.skillspan} not found"}
    ads = real_postings(args.skillspan, args.size) if args.skillspan.exists() else []
    if ads:
        ads_mb = sum(len(a) for a in ads) / 1e6
        reps = max(1, args.postings // max(1, len(ads)))  # about as many calls as above
        ads_n = ads * reps
        r_best, r_med = best_rate(extractor, ads_n, args.repeat)
        r_cpu = cpu_rate()
        rb_best, rb_med = best_rate(kp.extract_keywords, ads_n, args.repeat)
        rb_cpu = cpu_rate()
        real = {"ads": len(ads), "avg_chars": round(ads_mb * 1e6 / len(ads)),
                "calls_per_repeat": len(ads_n),
                "skillpulse_per_s_best": round(r_best), "skillpulse_per_s_median": round(r_med),
                "baseline_flashtext_per_s_best": round(rb_best),
                "baseline_flashtext_per_s_median": round(rb_med),
                "skillpulse_per_cpu_s": r_cpu, "baseline_flashtext_per_cpu_s": rb_cpu,
                "ratio_per_cpu_s": round(r_cpu / max(rb_cpu, 1), 2),
                "mentions_per_posting": round(sum(len(extractor(a)) for a in ads) / len(ads), 1)}
    mentions = sum(len(extractor(p)) for p in postings[:500]) / 500
    raw_hits = sum(len(kp.extract_keywords(p)) for p in postings[:500]) / 500

    stages: dict[str, object] = {}
    if args.stages:
        stages["synthetic_us"] = stage_times(extractor, postings[:1500])
        if ads:
            stages["real_us"] = stage_times(extractor, ads)

    store_posts = (postings * (args.store_postings // len(postings) + 1))[:args.store_postings]
    s1 = bench_store(taxonomy, store_posts, 1)
    s2 = bench_store(taxonomy, store_posts, 2)

    result = {
        "machine": {"cpus": os.cpu_count(), "loadavg": os.getloadavg()},
        "taxonomy": {"concepts": len(taxonomy), "matcher_names": len(extractor.matcher),
                     "load_s": round(t_tax, 2)},
        "extractor": {"build_s_cached": round(t_build, 2), "build_s_cold": round(t_build_cold, 2),
                      "rss_mb_process": round(ex_rss, 1),
                      "rss_mb_taxonomy": round(tax_rss - base_rss, 1),
                      "rss_mb_extractor": round(ex_rss - tax_rss, 1)},
        "postings": {"n": len(postings), "avg_chars": round(mb * 1e6 / len(postings)),
                     "skillpulse_per_s_best": round(p_best), "skillpulse_per_s_median": round(p_med),
                     "skillpulse_mb_s": round(p_best * mb / len(postings), 2),
                     "baseline_flashtext_per_s_best": round(b_best),
                     "baseline_flashtext_per_s_median": round(b_med),
                     "skillpulse_per_cpu_s": p_cpu, "baseline_flashtext_per_cpu_s": b_cpu,
                     "ratio_per_cpu_s": round(p_cpu / max(b_cpu, 1), 2),
                     "mentions_per_posting": round(mentions, 1),
                     "baseline_hits_per_posting": round(raw_hits, 1),
                     "baseline_build_s": round(t_kp, 2)},
        "real_postings": real,
        "queries": {"n": len(queries), "distinct": len(set(queries)),
                    "skillpulse_per_s_cold_first_pass": round(q_cold),
                    "skillpulse_per_s_best": round(q_best), "skillpulse_per_s_median": round(q_med),
                    "baseline_flashtext_per_s_best": round(qb_best),
                    "baseline_flashtext_per_s_median": round(qb_med),
                    "skillpulse_per_cpu_s": q_cpu, "baseline_flashtext_per_cpu_s": qb_cpu,
                    "ratio_per_cpu_s": round(q_cpu / max(qb_cpu, 1), 2)},
        **({"stages": stages} if stages else {}),
        "store": {"postings": len(store_posts), "seconds_1_worker": round(s1, 2),
                  "seconds_2_workers": round(s2, 2), "speedup": round(s1 / s2, 2),
                  "postings_per_s_1_worker": round(len(store_posts) / s1),
                  "postings_per_s_2_workers": round(len(store_posts) / s2)},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for section, vals in result.items():
            print(f"[{section}]")
            for k, v in vals.items():
                print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
