"""Reciprocal rank fusion against hand-computed sums."""

from __future__ import annotations

import numpy as np
import pytest

from skillpulse.link.fusion import ranks, rrf


def test_ranks_are_one_based_descending() -> None:
    scores = np.array([[0.1, 0.9, 0.5], [3.0, 1.0, 2.0]])
    assert ranks(scores).tolist() == [[3, 1, 2], [1, 3, 2]]


def test_rrf_sums_weighted_reciprocal_ranks() -> None:
    lexical = np.array([[5.0, 1.0, 0.0]])  # ranks 1 2 3
    dense = np.array([[0.2, 0.9, 0.5]])  # ranks 3 1 2
    fused = rrf([lexical, dense], k=10, weights=[0.5, 1.0])
    expected = [0.5 / 11 + 1 / 13, 0.5 / 12 + 1 / 11, 0.5 / 13 + 1 / 12]
    assert fused[0] == pytest.approx(expected)
    # the dense favourite wins when lexical counts half
    assert int(np.argmax(fused[0])) == 1


def test_rrf_needs_input() -> None:
    with pytest.raises(ValueError):
        rrf([])


def test_rrf_skips_unranked_columns() -> None:
    # the kNN ranker votes for columns 0 and 2 only: column 1 gets nothing from it
    dense = np.array([[0.2, 0.9, 0.5]])  # ranks 3 1 2
    votes = np.array([[0.3, -np.inf, 0.7]])  # ranks 2 - 1
    fused = rrf([dense, votes], k=10, weights=[1.0, 2.0])
    assert fused[0] == pytest.approx([1 / 13 + 2 / 12, 1 / 11, 1 / 12 + 2 / 11])
