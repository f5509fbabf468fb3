"""Nearest-neighbour voting over labelled sentences (``skillpulse.link.memory``) and the
shipped memory asset."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import numpy as np
import pytest

from skillpulse.errors import SkillpulseError
from skillpulse.link.memory import MEMORY_ASSET, MemorySentence, SentenceMemory, read_memory
from skillpulse.link.target import LinkTarget, TargetConcept, esco_target

TARGET = LinkTarget(
    "toy",
    (
        TargetConcept("t.python", "Python (computer programming)"),
        TargetConcept("t.books", "bookkeeping"),
        TargetConcept("t.nurse", "supervise nursing staff"),
    ),
)
SENTENCES = [
    MemorySentence("You will keep the accounts and ledgers of the firm.", ("t.books",), "test"),
    MemorySentence("Write backend services in Python and Django.", ("t.python",), "test"),
    MemorySentence("Lead the ward's team of nurses.", ("t.nurse", "t.unknown"), "test"),
]


def _memory(vectors: np.ndarray) -> SentenceMemory:
    return SentenceMemory(TARGET, None, None, sentences=SENTENCES, vectors=vectors)  # type: ignore[arg-type]


def test_votes_weight_neighbours_by_similarity() -> None:
    # unit vectors in 2-D: the query is identical to sentence 0 and at cos 0.6 to sentence 1
    memory = _memory(np.array([[1.0, 0.0], [0.6, 0.8], [-1.0, 0.0]], dtype=np.float32))
    votes = memory.votes(np.array([[1.0, 0.0]], dtype=np.float32), neighbours=2, temperature=0.1)
    assert votes[0, 1] == pytest.approx(1.0)  # exp((1 - 1) / 0.1): bookkeeping
    assert votes[0, 0] == pytest.approx(math.exp((0.6 - 1.0) / 0.1))  # Python
    assert np.isneginf(votes[0, 2])  # the third sentence is not among the 2 neighbours


def test_votes_of_neighbours_naming_one_concept_add_up() -> None:
    sentences = [MemorySentence(f"s{i}", ("t.books",), "test") for i in range(3)]
    memory = SentenceMemory(
        TARGET,
        None,
        None,
        sentences=sentences,
        vectors=np.eye(3, dtype=np.float32),  # type: ignore[arg-type]
    )
    votes = memory.votes(
        np.array([[1.0, 0.0, 0.0]], dtype=np.float32), neighbours=3, temperature=1.0
    )
    assert votes[0, 1] == pytest.approx(1.0 + 2 * math.exp(-1.0))


def test_unknown_ids_are_dropped_and_without_removes_sentences() -> None:
    memory = _memory(np.eye(3, dtype=np.float32))
    assert memory.columns[2].tolist() == [2]  # t.unknown is not a concept of the target
    smaller = memory.without(["Write backend services in Python and Django."])
    assert len(smaller) == 2 and len(memory) == 3
    votes = smaller.votes(
        np.array([[0.0, 1.0, 0.0]], dtype=np.float32), neighbours=5, temperature=1
    )
    assert np.isneginf(votes[0, 0])  # the Python sentence is gone


def test_read_memory_names_the_file_on_error(tmp_path: Path) -> None:
    bad = tmp_path / "memory.json.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(SkillpulseError, match=r"memory\.json\.gz"):
        read_memory(bad)


def test_shipped_memory_matches_the_esco_target_and_documented_sources() -> None:
    sentences = read_memory(MEMORY_ASSET)
    ids = {c.id for c in esco_target().concepts}
    sources: dict[str, int] = {}
    for s in sentences:
        assert s.ids and set(s.ids) <= ids
        sources[s.source] = sources.get(s.source, 0) + 1
    # docs/linking.md: SkillSkape train + dev and the two Decorte validation splits, nothing else
    assert set(sources) == {
        "skillskape-train",
        "skillskape-dev",
        "decorte-tech-validation",
        "decorte-house-validation",
    }
    assert sources["decorte-tech-validation"] == 75
    assert sources["decorte-house-validation"] == 61
    assert MEMORY_ASSET.stat().st_size < 2_000_000
    with gzip.open(MEMORY_ASSET, "rb") as f:
        assert f.read(1) == b"["
