"""Nearest-neighbour voting over labelled training sentences (the linker's ``knn`` ranker).

The memory is a list of sentences annotated with the concepts they mention, shipped as
``assets/esco_memory.json.gz`` (built by ``scripts/build_link_memory.py`` from SkillSkape
train and dev and the Decorte et al. validation splits; see docs/linking.md). A text's
``m`` nearest memory sentences (cosine of the encoder's vectors) vote for their concepts
with weight ``exp((cosine - 1) / temperature)``; a concept no neighbour names gets no vote
(``-inf``, which rank fusion skips). Memory vectors are derived data, cached under the
``cache_dir`` setting like the label vectors, keyed by the memory's and the model's hashes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from skillpulse.errors import SkillpulseError
from skillpulse.link.encoder import Encoder
from skillpulse.link.target import LinkTarget

log = logging.getLogger(__name__)

MEMORY_ASSET = Path(__file__).parent / "assets" / "esco_memory.json.gz"
#: memory sentences are encoded in batches of this size (3 times faster than one at a time)
MEMORY_BATCH = 32


@dataclass(frozen=True)
class MemorySentence:
    """One labelled sentence: its text, the IDs of the concepts it mentions, its source."""

    text: str
    ids: tuple[str, ...]
    source: str


def read_memory(path: Path = MEMORY_ASSET) -> list[MemorySentence]:
    """The labelled sentences of a memory file (gzip JSON: a list of text/ids/source)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = json.load(f)
    except (OSError, ValueError) as exc:
        raise SkillpulseError(f"{path}: cannot read the linker memory: {exc}") from exc
    return [MemorySentence(r["text"], tuple(r["ids"]), r["source"]) for r in rows]


def memory_digest(sentences: Sequence[MemorySentence]) -> str:
    h = hashlib.sha256()
    for s in sentences:
        h.update(json.dumps([s.text, s.ids]).encode("utf-8"))
    return h.hexdigest()[:16]


def memory_cache_path(
    cache_dir: Path, sentences: Sequence[MemorySentence], encoder: Encoder
) -> Path:
    """Where the vectors of ``sentences`` encoded by ``encoder`` are cached."""
    return cache_dir / "link" / f"memory-{memory_digest(sentences)}-{encoder.digest}.npz"


class SentenceMemory:
    """Labelled sentence vectors of one target, and kNN voting over them."""

    def __init__(
        self,
        target: LinkTarget,
        encoder: Encoder,
        cache_dir: Path | None,
        *,
        sentences: Sequence[MemorySentence] | None = None,
        vectors: np.ndarray | None = None,
    ) -> None:
        self.sentences = list(sentences if sentences is not None else read_memory())
        self.n_concepts = len(target)
        column = {c.id: j for j, c in enumerate(target.concepts)}
        # per memory sentence, the target columns of its concepts (unknown IDs dropped)
        self.columns = [
            np.asarray([column[i] for i in s.ids if i in column], dtype=np.int64)
            for s in self.sentences
        ]
        if vectors is not None:
            self.vectors = vectors
            return
        if not self.usable:  # nothing to vote for in this target: do not encode anything
            self.vectors = np.zeros((len(self.sentences), encoder.dim), dtype=np.float32)
            return
        path = memory_cache_path(cache_dir, self.sentences, encoder) if cache_dir else None
        if path is not None and path.exists():
            with np.load(path) as data:
                self.vectors = data["vectors"].astype(np.float32)
            log.debug("memory vectors loaded from %s", path)
            return
        start = time.perf_counter()
        self.vectors = encoder.encode([s.text for s in self.sentences], batch_size=MEMORY_BATCH)
        log.info(
            "encoded %d memory sentences in %.1f s",
            len(self.sentences),
            time.perf_counter() - start,
        )
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
            os.close(fd)
            with open(tmp, "wb") as f:
                np.savez(f, vectors=self.vectors.astype(np.float16))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)

    @property
    def usable(self) -> bool:
        """Whether any memory sentence names a concept of the target."""
        return any(len(c) for c in self.columns)

    def __len__(self) -> int:
        return len(self.sentences)

    def without(self, texts: Iterable[str]) -> SentenceMemory:
        """A copy without the sentences whose text is in ``texts`` (held-out evaluation)."""
        drop = set(texts)
        keep = [i for i, s in enumerate(self.sentences) if s.text not in drop]
        out = SentenceMemory.__new__(SentenceMemory)
        out.sentences = [self.sentences[i] for i in keep]
        out.n_concepts = self.n_concepts
        out.columns = [self.columns[i] for i in keep]
        out.vectors = self.vectors[keep]
        return out

    def votes(
        self, query_vectors: np.ndarray, *, neighbours: int, temperature: float
    ) -> np.ndarray:
        """Vote matrix (n_queries, n_concepts): summed neighbour weights, ``-inf`` for none."""
        sparse = self.sparse_votes(query_vectors, neighbours=neighbours, temperature=temperature)
        out = np.full(sparse.shape, -np.inf, dtype=np.float64)
        rows = np.repeat(np.arange(sparse.shape[0]), np.diff(sparse.indptr))
        out[rows, sparse.indices] = sparse.data
        return out

    def sparse_votes(
        self, query_vectors: np.ndarray, *, neighbours: int, temperature: float
    ) -> Any:
        """The votes as a CSR matrix: only (query, concept) pairs with a vote are stored."""
        import scipy.sparse as sp

        n = query_vectors.shape[0]
        if not len(self.sentences) or n == 0:
            return sp.csr_matrix((n, self.n_concepts), dtype=np.float64)
        sims = query_vectors @ self.vectors.T
        m = min(neighbours, sims.shape[1])
        top = np.argpartition(-sims, m - 1, axis=1)[:, :m]
        near = np.take_along_axis(sims, top, axis=1).astype(np.float64)
        weights = np.exp((near - 1.0) / temperature)
        nearest = sp.csr_matrix(
            (weights.ravel(), top.ravel(), np.arange(0, n * m + 1, m)),
            shape=(n, len(self.sentences)),
        )
        out = (nearest @ self._labels()).tocsr()
        out.eliminate_zeros()  # weights are positive: a stored zero would be an underflow
        out.sort_indices()
        return out

    def _labels(self) -> Any:
        """Sentence x concept incidence matrix (sparse, built once)."""
        import scipy.sparse as sp

        cached = getattr(self, "_incidence", None)
        if cached is None or cached.shape[0] != len(self.columns):
            rows = np.repeat(np.arange(len(self.columns)), [len(c) for c in self.columns])
            cols = np.concatenate(self.columns) if self.columns else np.zeros(0, dtype=np.int64)
            cached = sp.csr_matrix(
                (np.ones(len(rows)), (rows, cols)), shape=(len(self.columns), self.n_concepts)
            )
            self._incidence = cached
        return cached
