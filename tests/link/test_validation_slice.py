"""Quality floor on a real slice of the benchmark's validation splits (22 sentences).

The floors are quality bars, far below the held-out validation figures in docs/linking.md,
so a broken retriever, tokenizer or fusion fails
them while noise in a 22-sentence sample does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpulse.link.linker import Linker, LinkerConfig
from skillpulse.link.metrics import read_benchmark, score_rankings

pytestmark = pytest.mark.semantic

SLICE = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return read_benchmark(SLICE)


def _scores(mode: str, data):  # type: ignore[no-untyped-def]
    linker = Linker("esco", config=LinkerConfig.for_target("esco", mode=mode))
    # kNN voting is off by default (it holds the validation splits when turned on)
    assert linker.memory is None and linker.hold_out([d.sentence for d in data]) == 0
    results = linker.link_many([d.sentence for d in data], top=10)
    return score_rankings([[c.label for c in r] for r in results], data)


def test_hybrid_pipeline_reaches_floor(data) -> None:  # type: ignore[no-untyped-def]
    scores = _scores("hybrid", data)
    assert scores.sentences == 22
    assert scores.rp5 >= 0.35
    assert scores.rp10 >= 0.45
    assert scores.mrr >= 0.35


def test_lexical_alone_reaches_lower_floor(data) -> None:  # type: ignore[no-untyped-def]
    scores = _scores("lexical", data)
    assert scores.rp5 >= 0.20


def test_exact_label_phrase_ranks_first() -> None:
    linker = Linker("esco")
    for phrase, label in [
        ("JavaScript", "JavaScript"),
        ("Java (computer programming)", "Java (computer programming)"),
        ("manage budgets", "manage budgets"),
    ]:
        assert linker.link(phrase, top=3)[0].label == label


def test_knn_memory_recalls_a_labelled_sentence_and_hold_out_forgets_it(data) -> None:  # type: ignore[no-untyped-def]
    linker = Linker("esco", config=LinkerConfig.for_target("esco", knn_weight=1.0))
    sentence = data[4]  # "Open for continuous change with passion for automation ..." 4 labels
    assert len(sentence.gold) == 4
    recalled = [c.label for c in linker.link(sentence.sentence, top=10)]
    assert set(sentence.gold) <= set(recalled)  # the identical memory sentence votes most
    without_knn = Linker("esco")  # the default: no kNN voting
    assert without_knn.memory is None and without_knn.hold_out([sentence.sentence]) == 0
    plain = [c.label for c in without_knn.link(sentence.sentence, top=10)]
    assert not set(sentence.gold) <= set(plain)
    assert linker.hold_out([sentence.sentence]) == 1
    assert linker.hold_out([sentence.sentence]) == 0
