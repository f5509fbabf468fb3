"""Linking metrics of the Decorte et al. benchmark: R-Precision@K and MRR.

``RP@K`` of one sentence is ``|top-K ∩ gold| / min(K, |gold|)``; ``MRR`` is the reciprocal
rank of the first gold label (0 when none is ranked). Both are averaged over sentences.
Benchmark files are CSV with ``sentence,span,sub_span,label``; rows labelled
``UNDERSPECIFIED`` or ``LABEL NOT PRESENT`` are ignored and a sentence's gold is the set of
its remaining labels (sentences left with no gold label are dropped).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from skillpulse.errors import InputFileError

IGNORED_LABELS = frozenset({"UNDERSPECIFIED", "LABEL NOT PRESENT"})
REQUIRED_COLUMNS = ("sentence", "label")


@dataclass(frozen=True)
class GoldSentence:
    sentence: str
    gold: frozenset[str]


@dataclass(frozen=True)
class LinkingScores:
    """Mean RP@5, RP@10 and MRR (fractions in [0, 1]) over ``sentences`` sentences."""

    rp5: float
    rp10: float
    mrr: float
    sentences: int
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "rp@5": round(100 * self.rp5, 2),
            "rp@10": round(100 * self.rp10, 2),
            "mrr": round(100 * self.mrr, 2),
            "sentences": self.sentences,
            "sentences_per_second": round(self.sentences / self.seconds, 1)
            if self.seconds
            else None,
        }


def r_precision_at_k(ranked: Sequence[str], gold: frozenset[str] | set[str], k: int) -> float:
    """``|top-k ∩ gold| / min(k, |gold|)``; 0 for an empty gold set."""
    if not gold:
        return 0.0
    return len(set(ranked[:k]) & set(gold)) / min(k, len(gold))


def reciprocal_rank(ranked: Sequence[str], gold: frozenset[str] | set[str]) -> float:
    """1 / rank of the first gold label in ``ranked`` (0 if none)."""
    for i, label in enumerate(ranked):
        if label in gold:
            return 1.0 / (i + 1)
    return 0.0


def score_rankings(
    rankings: Sequence[Sequence[str]], data: Sequence[GoldSentence], seconds: float = 0.0
) -> LinkingScores:
    """Average the metrics of each sentence's ranked labels against its gold set."""
    if len(rankings) != len(data):
        raise ValueError("one ranking per sentence is needed")
    n = len(data)
    if n == 0:
        return LinkingScores(0.0, 0.0, 0.0, 0, seconds)
    rp5 = sum(r_precision_at_k(r, d.gold, 5) for r, d in zip(rankings, data, strict=True)) / n
    rp10 = sum(r_precision_at_k(r, d.gold, 10) for r, d in zip(rankings, data, strict=True)) / n
    mrr = sum(reciprocal_rank(r, d.gold) for r, d in zip(rankings, data, strict=True)) / n
    return LinkingScores(rp5, rp10, mrr, n, seconds)


def read_benchmark(path: str | Path) -> list[GoldSentence]:
    """Read a benchmark CSV into sentences with gold label sets, in first-seen order."""
    p = Path(path)
    try:
        with p.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputFileError(str(p), f"missing column(s) {', '.join(missing)}")
            gold: dict[str, set[str]] = {}
            for row in reader:
                sentence = row["sentence"] or ""
                labels = gold.setdefault(sentence, set())
                label = (row["label"] or "").strip()
                if label and label not in IGNORED_LABELS:
                    labels.add(label)
    except OSError as exc:
        raise InputFileError(str(p), exc.strerror or str(exc)) from exc
    return [GoldSentence(s, frozenset(g)) for s, g in gold.items() if g]


def evaluate(
    rank: Callable[[list[str]], list[list[str]]], data: Sequence[GoldSentence]
) -> LinkingScores:
    """Run ``rank`` (sentences -> ranked labels) over ``data`` and score it, timed."""
    import time

    start = time.perf_counter()
    rankings = rank([d.sentence for d in data])
    return score_rankings(rankings, data, time.perf_counter() - start)
