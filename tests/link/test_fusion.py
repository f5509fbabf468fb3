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


def test_rrf_depth_counts_only_each_rankers_top_columns() -> None:
    lexical = np.array([[5.0, 1.0, 0.0, 3.0]])  # ranks 1 3 4 2
    dense = np.array([[0.2, 0.9, 0.5, -np.inf]])  # ranks 3 1 2 -
    fused = rrf([lexical, dense], k=10, weights=[0.5, 1.0], depth=2)
    # lexical top 2: columns 0, 3; dense top 2: columns 1, 2
    assert fused[0] == pytest.approx([0.5 / 11, 1 / 11, 1 / 12, 0.5 / 12])


def test_rrf_depth_keeps_full_ranks_of_the_top_and_ties_by_column() -> None:
    tied = np.array([[1.0, 1.0, 0.0, 1.0]])
    # the three tied columns rank 1, 2, 3 in column order, as without depth
    assert rrf([tied], k=10, depth=3)[0] == pytest.approx([1 / 11, 1 / 12, 0.0, 1 / 13])
    rng = np.random.default_rng(3)
    scores = [rng.random((4, 500)) for _ in range(3)]
    weights = [0.75, 0.5, 1.0]
    shallow = rrf(scores, k=20, weights=weights, depth=40)
    expected = sum(
        np.where(ranks(s) <= 40, w / (20 + ranks(s)), 0.0)
        for w, s in zip(weights, scores, strict=True)
    )
    assert shallow == pytest.approx(expected)


def test_rrf_of_a_sparse_ranker_equals_the_dense_one_with_minus_infinity() -> None:
    import scipy.sparse as sp

    rng = np.random.default_rng(5)
    dense = rng.random((3, 30))
    votes = np.where(rng.random((3, 30)) < 0.3, np.round(rng.random((3, 30)), 1) + 0.1, -np.inf)
    sparse = sp.csr_matrix(np.where(np.isinf(votes), 0.0, votes))
    for depth in (None, 4):
        a = rrf([dense, votes], k=10, weights=[0.5, 1.0], depth=depth)
        b = rrf([dense, sparse], k=10, weights=[0.5, 1.0], depth=depth)
        assert np.allclose(a, b)
