"""Rank fusion: reciprocal rank fusion (RRF) of several score matrices."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of every column in each row (1 = highest score; ties by column order)."""
    order = np.argsort(-scores, axis=1, kind="stable")
    out = np.empty_like(order)
    rows = np.arange(scores.shape[0])[:, None]
    out[rows, order] = np.arange(1, scores.shape[1] + 1)[None, :]
    return out


def rrf(
    score_matrices: Sequence[np.ndarray],
    *,
    k: float = 60.0,
    weights: Sequence[float] | None = None,
    depth: int | None = None,
) -> np.ndarray:
    """Reciprocal rank fusion: sum over rankers of ``weight / (k + rank)``.

    A score of ``-inf`` means the ranker did not rank that column at all (the kNN ranker
    gives no vote): it adds nothing, instead of the small share of a last rank. A scipy
    sparse matrix ranks only its stored entries, in the same way. With
    ``depth``, each ranker contributes only for its top ``depth`` columns of a row (ranks as
    above, ties by column order); a deeper rank would add at most ``weight / (k + depth)``.
    Ranking 54,000 columns fully costs a sort per row, the top 1,000 a partition.
    """
    if not score_matrices:
        raise ValueError("rrf needs at least one score matrix")
    weights = weights or [1.0] * len(score_matrices)
    fused = np.zeros(score_matrices[0].shape, dtype=np.float64)
    for w, scores in zip(weights, score_matrices, strict=True):
        if sp.issparse(scores):  # only the stored entries are ranked (the kNN votes)
            _add_sparse(fused, sp.csr_matrix(scores), w, k, depth)
            continue
        n_cols = scores.shape[1]
        if depth is None or depth >= n_cols:
            contribution = w / (k + ranks(scores))
            if scores.dtype.kind == "f":
                contribution[np.isneginf(scores)] = 0.0
            fused += contribution
            continue
        top = np.argpartition(-scores, depth - 1, axis=1)[:, :depth]
        values = np.take_along_axis(scores, top, axis=1)
        order = np.lexsort((top, -values), axis=1)
        cols = np.take_along_axis(top, order, axis=1)
        add = np.broadcast_to(w / (k + np.arange(1, depth + 1, dtype=np.float64)), cols.shape)
        if scores.dtype.kind == "f":
            add = np.where(np.isneginf(np.take_along_axis(values, order, axis=1)), 0.0, add)
        rows = np.arange(scores.shape[0])[:, None]
        fused[rows, cols] += add
    return fused


def _add_sparse(
    fused: np.ndarray, scores: sp.csr_matrix, w: float, k: float, depth: int | None
) -> None:
    """RRF shares of a sparse ranker: per row, its stored columns by score (ties by column)."""
    for row in range(scores.shape[0]):
        lo, hi = scores.indptr[row], scores.indptr[row + 1]
        if lo == hi:
            continue
        cols = scores.indices[lo:hi]
        order = np.lexsort((cols, -scores.data[lo:hi]))
        if depth is not None:
            order = order[:depth]
        fused[row, cols[order]] += w / (k + np.arange(1, len(order) + 1, dtype=np.float64))
