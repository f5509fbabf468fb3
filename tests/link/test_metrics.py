"""Linking metrics against hand-computed values, and the benchmark reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpulse.errors import InputFileError
from skillpulse.link.metrics import (
    GoldSentence,
    r_precision_at_k,
    read_benchmark,
    reciprocal_rank,
    score_rankings,
)

RANKED = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]


def test_rp_divides_by_gold_size_when_smaller_than_k() -> None:
    # gold {b, z}: one hit in the top 5, min(5, 2) = 2 -> 1/2
    assert r_precision_at_k(RANKED, {"b", "z"}, 5) == pytest.approx(0.5)
    assert r_precision_at_k(RANKED, {"b", "c"}, 5) == pytest.approx(1.0)


def test_rp_divides_by_k_when_gold_is_larger() -> None:
    gold = {"a", "c", "e", "g", "x", "y", "z"}  # 7 gold labels
    # top 5 = a b c d e -> hits a c e = 3, divided by min(5, 7) = 5
    assert r_precision_at_k(RANKED, gold, 5) == pytest.approx(3 / 5)
    # top 10 -> hits a c e g = 4, divided by min(10, 7) = 7
    assert r_precision_at_k(RANKED, gold, 10) == pytest.approx(4 / 7)


def test_rp_ignores_hits_below_k_and_empty_gold() -> None:
    assert r_precision_at_k(RANKED, {"k"}, 10) == 0.0
    assert r_precision_at_k(RANKED, set(), 5) == 0.0


def test_reciprocal_rank_of_first_gold_hit() -> None:
    assert reciprocal_rank(RANKED, {"d", "b"}) == pytest.approx(1 / 2)
    assert reciprocal_rank(RANKED, {"k"}) == pytest.approx(1 / 11)
    assert reciprocal_rank(RANKED, {"zz"}) == 0.0


def test_score_rankings_averages_over_sentences() -> None:
    data = [GoldSentence("s1", frozenset({"a"})), GoldSentence("s2", frozenset({"x", "c"}))]
    scores = score_rankings([RANKED, RANKED], data)
    # s1: RP@5 1, RP@10 1, RR 1; s2: one hit (c) of min(k, 2) = 2 -> 0.5, RR 1/3
    assert scores.rp5 == pytest.approx((1 + 0.5) / 2)
    assert scores.rp10 == pytest.approx((1 + 0.5) / 2)
    assert scores.mrr == pytest.approx((1 + 1 / 3) / 2)
    assert scores.sentences == 2


def test_read_benchmark_groups_and_ignores_placeholder_labels(tmp_path: Path) -> None:
    path = tmp_path / "bench.csv"
    path.write_text(
        "sentence,span,sub_span,label\n"
        "s one,x,,Java (computer programming)\n"
        "s one,y,,LABEL NOT PRESENT\n"
        "s two,z,,UNDERSPECIFIED\n"
        '"s, three",w,,JavaScript\n'
        "s one,v,,SQL\n"
        "s one,x,,Java (computer programming)\n",
        encoding="utf-8",
    )
    data = read_benchmark(path)
    # "s two" has no usable label: dropped; order is first-seen order
    assert [d.sentence for d in data] == ["s one", "s, three"]
    assert data[0].gold == {"Java (computer programming)", "SQL"}
    assert data[1].gold == {"JavaScript"}


def test_read_benchmark_names_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,skill\na,b\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="missing column"):
        read_benchmark(path)


def test_read_benchmark_counts_the_real_slice() -> None:
    # counted by hand from tests/data/link/validation_slice.csv with a spreadsheet filter
    import csv

    path = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    usable = {
        r["sentence"] for r in rows if r["label"] not in ("UNDERSPECIFIED", "LABEL NOT PRESENT")
    }
    assert len(read_benchmark(path)) == len(usable) == 22
