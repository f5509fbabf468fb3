"""Choose the linker's rankers and fusion weights by cross-validation on training data.

    PYTHONPATH=src .venv/bin/python scripts/cv_linker.py --shared ../shared/data [--folds 5]

Data (all of it allowed for tuning; the Decorte *test* splits are not used, nor available):
  * ``tech`` / ``house``: the Decorte validation splits (75 + 61 sentences with gold),
  * ``skillskape``: a seeded sample of SkillSkape dev sentences with ESCO v1.1.0 labels,
  * ``synthetic``: sentences made from templates and ESCO v1.1.1 alternative labels
    (one or two skills per sentence; gold = the skills' preferred labels).
Every source is cut into ``--folds`` folds (seeded). Rankers scored per sentence:
  * ``lex``: BM25 over labels and alternative labels (the shipped index),
  * ``dense``: cosine of the sentence vector to each preferred-label vector,
  * ``phrase``: best cosine over the sentence and its candidate phrases,
  * ``knn``: nearest-neighbour voting over labelled training sentences: the ``m`` memory
    sentences closest to the text vote for their gold concepts with weight
    ``exp((sim - 1) / temperature)``. The memory of a sentence of fold f is SkillSkape train
    plus the tech, house and skillskape sentences of the other folds, never its own fold
    (``--memory`` selects ablations). Decorte folds are contiguous blocks of the file (one
    job ad's sentences stay together) unless ``--shuffle-decorte``.
Fusion is weighted reciprocal rank fusion (a ranker that gives a concept no score adds 0).
Selection is nested: for each fold, the grid point with the best objective (mean RP@5 over
the four sources) on the other folds is chosen and scored on the held-out fold; the
per-fold held-out RP@5 and its spread are printed, then the grid point best on all folds.
The sentence vectors are cached in ``--cache`` (delete it after changing the model or data).
Needs the semantic extra and the label vectors; no torch.
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import itertools
import json
import random
import time
from pathlib import Path

import numpy as np

from skillpulse.link.linker import Linker, LinkerConfig
from skillpulse.link.metrics import read_benchmark
from skillpulse.link.phrases import candidate_phrases

TOP_CAND = 200
TEMPLATES_ONE = (
    "Experience with {a} is required.",
    "You will {a} as part of a small team.",
    "Strong knowledge of {a}.",
    "The role involves {a} on a daily basis.",
    "We expect you to be able to {a}.",
)
TEMPLATES_TWO = (
    "Experience with {a} and {b} is a plus.",
    "You will {a} and {b}.",
    "Knowledge of {a}; familiarity with {b}.",
)


def esco_alts(shared: Path, labels: set[str]) -> dict[str, list[str]]:
    by_id: dict[str, dict[str, list[str]]] = {}
    with gzip.open(shared / "taxonomies/esco/esco_v1.1.1_skills_labels.csv.gz", "rt") as g:
        for row in csv.DictReader(g):
            e = by_id.setdefault(row["id"], {"pref": [], "alt": []})
            if row["type"] == "preferredLabel":
                e["pref"].append(row["description"])
            elif row["type"] == "altLabels":
                e["alt"].append(row["description"])
    return {
        e["pref"][0]: [a for a in e["alt"] if a.casefold() != e["pref"][0].casefold()]
        for e in by_id.values()
        if e["pref"] and e["pref"][0] in labels and e["alt"]
    }


def skillskape(path: Path, labels: set[str]) -> list[tuple[str, frozenset[str]]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            gold = frozenset(x for x in ast.literal_eval(row["skills"]) if x in labels)
            if gold:
                out.append((row["sentence"], gold))
    return out


def synthetic(
    alts: dict[str, list[str]], n: int, rng: random.Random
) -> list[tuple[str, frozenset[str]]]:
    keys = sorted(alts)
    out = []
    for i in range(n):
        if i % 3 == 2:
            a, b = rng.sample(keys, 2)
            t = rng.choice(TEMPLATES_TWO)
            out.append((t.format(a=rng.choice(alts[a]), b=rng.choice(alts[b])), frozenset({a, b})))
        else:
            a = rng.choice(keys)
            t = rng.choice(TEMPLATES_ONE)
            out.append((t.format(a=rng.choice(alts[a])), frozenset({a})))
    return out


def ranks_of(scores: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, axis=1, kind="stable")
    out = np.empty_like(order)
    rows = np.arange(scores.shape[0])[:, None]
    out[rows, order] = np.arange(1, scores.shape[1] + 1)[None, :]
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--shared", type=Path, required=True)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--skillskape", type=int, default=300)
    p.add_argument("--synthetic", type=int, default=300)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--cache", type=Path, default=Path("/tmp/cv_linker_cache.npz"))
    p.add_argument("--out", type=Path, default=None, help="write the results as JSON")
    p.add_argument(
        "--shuffle-decorte",
        action="store_true",
        help="deal Decorte sentences to folds at random (default: contiguous blocks of the "
        "file, which keep the sentences of one job ad together)",
    )
    p.add_argument(
        "--memory",
        choices=("all", "skillskape-train", "decorte"),
        default="all",
        help="kNN memory: SkillSkape train plus other folds (all), SkillSkape train only, or "
        "the Decorte sentences of other folds only (no SkillSkape)",
    )
    args = p.parse_args()
    rng = random.Random(args.seed)
    bench = args.shared / "benchmarks"
    linker = Linker("esco", config=LinkerConfig.for_target("esco"))
    labels = linker._labels
    index = {}
    for j, lab in enumerate(labels):
        index.setdefault(lab, j)
    label_set = set(index)
    data: list[tuple[str, str, frozenset[str]]] = []
    for split in ("tech", "house"):
        for d in read_benchmark(bench / f"decorte_esco_linking/{split}_validation_annotations.csv"):
            data.append((split, d.sentence, frozenset(g for g in d.gold if g in label_set)))
    dev = skillskape(bench / "skillskape/dev.csv", label_set)
    rng.shuffle(dev)
    data += [("skillskape", s, g) for s, g in dev[: args.skillskape]]
    data += [
        ("synthetic", s, g)
        for s, g in synthetic(esco_alts(args.shared, label_set), args.synthetic, rng)
    ]
    memory_train = skillskape(bench / "skillskape/train.csv", label_set)
    sources = ["tech", "house", "skillskape", "synthetic"]
    fold = np.zeros(len(data), dtype=np.int32)
    for src in sources:
        idx = [i for i, d in enumerate(data) if d[0] == src]
        if src in ("tech", "house") and not args.shuffle_decorte:
            # file order is job-ad order: contiguous blocks keep an ad's sentences in one fold
            for k, i in enumerate(idx):
                fold[i] = k * args.folds // len(idx)
            continue
        rng.shuffle(idx)
        for k, i in enumerate(idx):
            fold[i] = k % args.folds
    texts = [d[1] for d in data]
    n, c = len(data), len(labels)
    print(
        f"sentences: {n} ({', '.join(f'{s} {sum(d[0] == s for d in data)}' for s in sources)}); memory: skillskape train {len(memory_train)}"
    )

    start = time.time()
    if args.cache.exists():
        z = np.load(args.cache)
        qv, pv, pown, mv = z["qv"], z["pv"], z["pown"], z["mv"]
    else:
        enc = linker.encoder
        qv = enc.encode(texts)
        phrases, pown_l = [], []
        for i, t in enumerate(texts):
            for ph in candidate_phrases(t):
                if ph.text != t.strip():
                    phrases.append(ph.text)
                    pown_l.append(i)
        pv = enc.encode(phrases)
        pown = np.asarray(pown_l, dtype=np.int32)
        mv = enc.encode([s for s, _ in memory_train])
        np.savez(args.cache, qv=qv, pv=pv, pown=pown, mv=mv)
    print(f"encoded in {time.time() - start:.0f}s")
    lex = linker.lexical.scores(texts)
    dense = qv @ linker.dense.vectors.T
    phrase = dense.copy()
    psims = pv @ linker.dense.vectors.T
    for r, i in enumerate(pown):
        np.maximum(phrase[i], psims[r], out=phrase[i])
    # knn memory: skillskape train (always) + labelled sentences of other folds
    mem_vecs = np.vstack([mv, qv])
    mem_gold = [[index[g] for g in gold] for _, gold in memory_train] + [
        [index[g] for g in d[2]] for d in data
    ]
    in_memory = np.array(
        [
            d[0] != "synthetic"
            and (args.memory == "all" or (args.memory == "decorte" and d[0] in ("tech", "house")))
            for d in data
        ]
    )
    train_fold = -2 if args.memory == "decorte" else -1  # -2: never in the memory
    mem_fold = np.r_[np.full(len(memory_train), train_fold), np.where(in_memory, fold, -2)]
    sims = qv @ mem_vecs.T
    knn_variants = {}
    for m, temp in itertools.product((25, 50, 100, 200, 400), (0.02, 0.05)):
        mat = np.zeros((n, c), dtype=np.float32)
        for i in range(n):
            s = sims[i].copy()
            s[(mem_fold == fold[i]) | (mem_fold == -2)] = -9
            top = np.argpartition(-s, m)[:m]
            for j in top:
                if s[j] <= -9:  # excluded from this sentence's memory
                    continue
                w = float(np.exp((s[j] - 1.0) / temp))
                for g in mem_gold[j]:
                    mat[i, g] += w
        knn_variants[(m, temp)] = mat
    gold_cols = [set(index[g] for g in d[2]) for d in data]

    # candidate columns and ranks
    lex_r, dense_r, phrase_r = ranks_of(lex), ranks_of(dense), ranks_of(phrase)
    knn_r = {}
    for key, mat in knn_variants.items():
        r = ranks_of(mat).astype(np.float64)
        r[mat <= 0] = np.inf
        knn_r[key] = r
    cand = []
    for i in range(n):
        cols = set()
        for r in (lex_r, dense_r, phrase_r):
            cols.update(np.flatnonzero(r[i] <= TOP_CAND).tolist())
        for r in knn_r.values():
            cols.update(np.flatnonzero(r[i] <= TOP_CAND).tolist())
        cand.append(np.array(sorted(cols)))
    width = max(len(x) for x in cand)

    def pad(r: np.ndarray) -> np.ndarray:
        """Ranks at each row's candidate columns, padded with inf (no contribution)."""
        return np.array(
            [np.r_[r[i][cand[i]], np.full(width - len(cand[i]), np.inf)] for i in range(n)],
            dtype=np.float64,
        )

    R = {"lex": pad(lex_r), "dense": pad(dense_r), "phrase": pad(phrase_r)}
    for key, r in knn_r.items():
        R[f"knn{key}"] = pad(r)
    G = np.zeros((n, width), dtype=bool)
    gsize = np.array([len(g) for g in gold_cols], dtype=np.float64)
    for i in range(n):
        pos = {col: k for k, col in enumerate(cand[i])}
        for g in gold_cols[i]:
            if g in pos:
                G[i, pos[g]] = True
    src_arr = np.array([d[0] for d in data])
    print(f"features in {time.time() - start:.0f}s; candidate width {width}")

    def rp(fused: np.ndarray, k: int) -> np.ndarray:
        top = np.argpartition(-fused, k, axis=1)[:, :k]
        hits = np.take_along_axis(G, top, axis=1).sum(1)
        return hits / np.minimum(k, gsize)

    grid = []
    for rk, wl, wd, wp, wk, kv in itertools.product(
        (10, 20, 40),
        (0.5, 0.75, 1.0),
        (0.0, 0.5, 1.0),
        (0.5, 1.0, 1.5),
        (0.0, 1.0, 1.5, 2.0),
        list(knn_variants),
    ):
        if wk == 0 and kv != next(iter(knn_variants)):
            continue
        if wl == wd == wp == wk == 0:
            continue
        grid.append((rk, wl, wd, wp, wk, kv))
    print(f"grid: {len(grid)} points")
    per_point = np.zeros((len(grid), n))
    per_point10 = np.zeros((len(grid), n))
    for gi, (rk, wl, wd, wp, wk, kv) in enumerate(grid):
        fused = np.zeros((n, width))
        for w, name in ((wl, "lex"), (wd, "dense"), (wp, "phrase"), (wk, f"knn{kv}")):
            if w:
                fused += w / (rk + R[name])
        per_point[gi] = rp(fused, 5)
        per_point10[gi] = rp(fused, 10)
    print(f"grid scored in {time.time() - start:.0f}s")

    def objective(mask: np.ndarray, scores: np.ndarray) -> np.ndarray:
        return np.mean([scores[:, mask & (src_arr == s)].mean(1) for s in sources], axis=0)

    def describe(gi: int) -> str:
        rk, wl, wd, wp, wk, kv = grid[gi]
        return f"k {rk}, lex {wl}, dense {wd}, phrase {wp}, knn {wk} (m {kv[0]}, t {kv[1]})"

    shipped = grid.index((20, 0.5, 1.0, 1.0, 0.0, next(iter(knn_variants))))
    no_knn = [gi for gi, g in enumerate(grid) if g[4] == 0]
    result: dict[str, object] = {"grid": len(grid), "folds": []}
    held: dict[str, list[float]] = {s: [] for s in sources}
    held_shipped: dict[str, list[float]] = {s: [] for s in sources}
    held_noknn: dict[str, list[float]] = {s: [] for s in sources}
    for f in range(args.folds):
        train = fold != f
        best = int(np.argmax(objective(train, per_point)))
        best_noknn = no_knn[int(np.argmax(objective(train, per_point[no_knn])))]
        test = fold == f
        row = {"fold": f, "chosen": describe(best), "chosen_without_knn": describe(best_noknn)}
        for s in sources:
            m = test & (src_arr == s)
            row[s] = round(100 * per_point[best, m].mean(), 1)
            row[s + "_without_knn"] = round(100 * per_point[best_noknn, m].mean(), 1)
            row[s + "_shipped"] = round(100 * per_point[shipped, m].mean(), 1)
            held[s].append(per_point[best, m].mean())
            held_noknn[s].append(per_point[best_noknn, m].mean())
            held_shipped[s].append(per_point[shipped, m].mean())
        print(json.dumps(row))
        result["folds"].append(row)  # type: ignore[union-attr]
    for s in sources:
        a, b, c2 = (100 * np.array(x[s]) for x in (held, held_shipped, held_noknn))
        print(
            f"{s:11s} held-out RP@5 chosen {a.mean():.1f} (folds {' '.join(f'{x:.1f}' for x in a)};"
            f" sd {a.std(ddof=1):.1f}); re-tuned without kNN {c2.mean():.1f} (sd {c2.std(ddof=1):.1f});"
            f" shipped {b.mean():.1f} (sd {b.std(ddof=1):.1f})"
        )
    allmask = np.ones(n, dtype=bool)
    obj = objective(allmask, per_point)
    order = np.argsort(-obj)[:10]
    print("best on all folds:")
    for gi in order:
        print(
            f"  {100 * obj[gi]:.2f}  {describe(gi)}  "
            + " ".join(
                f"{s} {100 * per_point[gi, src_arr == s].mean():.1f}/{100 * per_point10[gi, src_arr == s].mean():.1f}"
                for s in sources
            )
        )
    print(
        f"  shipped {100 * obj[shipped]:.2f} {describe(shipped)} "
        + " ".join(f"{s} {100 * per_point[shipped, src_arr == s].mean():.1f}" for s in sources)
    )
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
