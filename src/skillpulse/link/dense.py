"""Dense retrieval: cosine similarity between a text and every concept's label vectors.

A concept is represented by its preferred label and its first ``max_alts`` alternative
labels, each encoded once; a text's similarity to a concept is the maximum over those vectors. Label vectors are
derived data: they are cached under the ``cache_dir`` setting, in a file whose name holds
the content hashes of the target and of the model, so any change rebuilds them.

:meth:`DenseIndex.any_above` answers "does any label reach cosine ``t``?" without the full
pass over the label matrix: a first pass in a ``PREFILTER_DIMS``-dimensional principal
subspace of the label vectors keeps only the labels that *can* reach ``t`` (an orthogonal
projection never lengthens a distance, so ``|P(q - x)|^2 <= |q - x|^2 = |q|^2 + |x|^2 - 2 q.x``
bounds every label from the low-dimensional scores: no label that reaches ``t`` is dropped),
and the survivors are scored exactly.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from skillpulse.link.encoder import Encoder
from skillpulse.link.target import LinkTarget

log = logging.getLogger(__name__)

#: dimensions of the prefilter's principal subspace (64 of 384: on demo phrases against the
#: default taxonomy about 13 of 54,000 labels per phrase survive the bound)
PREFILTER_DIMS = 64
#: added to the bound so float32 rounding never drops a label that reaches the threshold
PREFILTER_SLACK = 1e-3
#: labels sampled (evenly) to fit the prefilter's principal subspace
PREFILTER_SAMPLE = 8192

_BLAS: Any = None


@contextmanager
def blas_threads(threads: int | None) -> Iterator[None]:
    """Limit the BLAS library numpy uses to ``threads`` threads inside the block (None: no
    limit). The label-matrix products are small per call: on this project's 2-core machine,
    OpenBLAS's second thread doubled their CPU time and halved nothing (docs/linking.md)."""
    global _BLAS
    if threads is None:
        yield
        return
    if _BLAS is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - part of the semantic extra
            _BLAS = False
        else:
            _BLAS = ThreadpoolController()
    with _BLAS.limit(limits=threads, user_api="blas") if _BLAS else nullcontext():
        yield


def cache_path(
    cache_dir: Path, target: LinkTarget, encoder: Encoder, max_alts: int, batch_size: int = 1
) -> Path:
    """Where the label vectors of ``target`` encoded by ``encoder`` are cached."""
    name = f"{target.name}-{target.digest}-{encoder.digest}b{batch_size}-a{max_alts}.npz"
    return cache_dir / "link" / name


class DenseIndex:
    """Label vectors of a target, and max-over-labels cosine scoring."""

    def __init__(
        self,
        target: LinkTarget,
        encoder: Encoder,
        cache_dir: Path | None,
        *,
        max_alts: int = 0,
        batch_size: int = 1,
        threads: int | None = 1,
    ) -> None:
        self.target = target
        self.threads = threads
        self.encoder = encoder
        self.max_alts = max_alts
        self.batch_size = batch_size
        path = cache_path(cache_dir, target, encoder, max_alts, batch_size) if cache_dir else None
        if path is not None and path.exists():
            with np.load(path) as data:
                self.vectors = data["vectors"].astype(np.float32)
                self.owner = data["owner"]
            log.debug("label vectors loaded from %s", path)
        else:
            self.vectors, self.owner = self._build()
            if path is not None:
                self._save(path)
        self._prefilter: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def _build(self) -> tuple[np.ndarray, np.ndarray]:
        texts: list[str] = []
        owner: list[int] = []
        for i, concept in enumerate(self.target.concepts):
            for text in (concept.label, *concept.alt_labels[: self.max_alts]):
                texts.append(text)
                owner.append(i)
        start = time.perf_counter()
        vectors = self.encoder.encode(texts, batch_size=self.batch_size)
        log.info(
            "encoded %d labels of %d concepts in %.1f s",
            len(texts),
            len(self.target),
            time.perf_counter() - start,
        )
        return vectors, np.asarray(owner, dtype=np.int32)

    def _save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        os.close(fd)
        with open(tmp, "wb") as f:
            np.savez(f, vectors=self.vectors.astype(np.float16), owner=self.owner)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        log.info("label vectors cached at %s", path)

    def scores(self, query_vectors: np.ndarray, *, alone: bool = False) -> np.ndarray:
        """Max cosine over each concept's labels: shape (n_queries, n_concepts).

        ``alone`` scores each query by itself (a matrix-vector product), so its cosines do
        not depend, even in the last bit, on the other queries of the batch (the BLAS
        kernel of a matrix product depends on its shape); slower for large batches."""
        with blas_threads(self.threads):
            if alone:
                sims = np.empty((len(query_vectors), len(self.vectors)), dtype=np.float32)
                for row, q in enumerate(query_vectors):
                    np.dot(self.vectors, q, out=sims[row])
            else:
                sims = query_vectors @ self.vectors.T
        if len(self.owner) == len(self.target):  # one vector per concept, in concept order
            return sims
        out = np.full((sims.shape[0], len(self.target)), -1.0, dtype=np.float32)
        # labels of one concept are contiguous: reduce by segments
        starts = np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]])
        out[:, self.owner[starts]] = np.maximum.reduceat(sims, starts, axis=1)
        return out

    def _projection(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Mean, projection (dim x d), projected labels (n x d) and each label's
        ``(|P(x - mean)|^2 - |x|^2) / 2``; built on first use."""
        if self._prefilter is None:
            vectors = self.vectors
            sample = vectors[:: max(1, len(vectors) // PREFILTER_SAMPLE)]
            mean = sample.mean(axis=0)
            centred = sample - mean
            with blas_threads(self.threads):
                _, eigvecs = np.linalg.eigh((centred.T @ centred).astype(np.float64))
                dims = min(PREFILTER_DIMS, vectors.shape[1])
                proj = np.ascontiguousarray(eigvecs[:, ::-1][:, :dims], dtype=np.float32)
                low = (vectors - mean) @ proj  # largest variance first
            offset = ((low**2).sum(axis=1) - (vectors**2).sum(axis=1)) / 2
            self._prefilter = (mean, proj, np.ascontiguousarray(low), offset)
        return self._prefilter

    def any_above(self, query_vectors: np.ndarray, threshold: float) -> np.ndarray:
        """For each query, whether some label's cosine reaches ``threshold`` (bool array).

        Same answer as ``scores(query_vectors).max(axis=1) >= threshold`` up to float32
        rounding (a label within ``1e-5`` below the threshold counts as reaching it), at
        about a sixth of the memory traffic: see the module docs."""
        n = len(query_vectors)
        out = np.zeros(n, dtype=bool)
        if not n or not len(self.vectors):
            return out
        mean, proj, low, offset = self._projection()
        q = np.asarray(query_vectors, dtype=np.float32)
        with blas_threads(self.threads):
            q_low = (q - mean) @ proj
            # |P(q-x)|^2 <= |q|^2 + |x|^2 - 2t  <=>  P(q).P(x) - offset_x >= offset_q + t
            need = ((q_low**2).sum(axis=1) - (q**2).sum(axis=1)) / 2 + threshold - PREFILTER_SLACK
            if n <= 4:  # a few queries: matrix-vector products read the matrix at full speed
                found = []
                for row in range(n):
                    bound = low @ q_low[row]
                    bound -= offset
                    found.append(np.flatnonzero(bound >= need[row]))
                rows = np.repeat(np.arange(n), [len(f) for f in found])
                cols = np.concatenate(found)
            else:
                bound = q_low @ low.T
                bound -= offset
                rows, cols = np.nonzero(bound >= need[:, None])
        if len(rows):
            exact = np.einsum("ij,ij->i", q[rows], self.vectors[cols])
            hit = rows[exact >= threshold - 1e-5]
            out[hit] = True
        return out
