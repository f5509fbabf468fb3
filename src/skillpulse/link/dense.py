"""Dense retrieval: cosine similarity between a text and every concept's label vectors.

A concept is represented by its preferred label and its first ``max_alts`` alternative
labels, each encoded once; a text's similarity to a concept is the maximum over those vectors. Label vectors are
derived data: they are cached under the ``cache_dir`` setting, in a file whose name holds
the content hashes of the target and of the model, so any change rebuilds them.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from skillpulse.link.encoder import Encoder
from skillpulse.link.target import LinkTarget

log = logging.getLogger(__name__)


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
    ) -> None:
        self.target = target
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

    def scores(self, query_vectors: np.ndarray) -> np.ndarray:
        """Max cosine over each concept's labels: shape (n_queries, n_concepts)."""
        sims = query_vectors @ self.vectors.T
        if len(self.owner) == len(self.target):  # one vector per concept, in concept order
            return sims
        out = np.full((sims.shape[0], len(self.target)), -1.0, dtype=np.float32)
        # labels of one concept are contiguous: reduce by segments
        starts = np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]])
        out[:, self.owner[starts]] = np.maximum.reduceat(sims, starts, axis=1)
        return out
