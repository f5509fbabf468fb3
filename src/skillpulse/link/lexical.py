"""BM25 over concept documents (preferred label, alternative labels, description).

Each concept is one document built from weighted fields: the label and alternative labels
count ``label_weight`` times, the description once. Scoring is Okapi BM25 (k1, b) computed
with a sparse term-document matrix, so a batch of queries is one sparse product.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from skillpulse.link.text import terms

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LexicalDoc:
    """The text fields of one concept."""

    label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""


class BM25Index:
    """Okapi BM25 over concept documents; ``scores(queries)`` returns a dense matrix."""

    def __init__(
        self,
        docs: Sequence[LexicalDoc],
        *,
        k1: float = 1.2,
        b: float = 0.75,
        label_weight: int = 2,
        use_descriptions: bool = True,
    ) -> None:
        self.k1 = k1
        self.b = b
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(docs), dtype=np.float64)
        for i, doc in enumerate(docs):
            counts: dict[int, float] = {}
            fields = [(doc.label, label_weight)]
            fields += [(alt, 1) for alt in doc.alt_labels]
            if use_descriptions and doc.description:
                fields.append((doc.description, 1))
            for text, weight in fields:
                for term in terms(text):
                    j = vocab.setdefault(term, len(vocab))
                    counts[j] = counts.get(j, 0.0) + weight
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(c)
            lengths[i] = sum(counts.values())
        self.vocab = vocab
        tf = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64)
        df = np.bincount(tf.indices, minlength=len(vocab)).astype(np.float64)
        n = float(len(docs))
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        avg = float(lengths.mean()) if len(docs) else 1.0
        norm = k1 * (1.0 - b + b * lengths / max(avg, 1e-9))
        tf = tf.tocoo()
        weighted = tf.data * (k1 + 1.0) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        # documents x terms; a query row vector times its transpose gives the BM25 scores
        self.matrix = sp.csr_matrix((weighted, (tf.row, tf.col)), shape=tf.shape).T.tocsr()
        log.debug("BM25 index: %d docs, %d terms", len(docs), len(vocab))

    def query_matrix(self, queries: Sequence[str]) -> sp.csr_matrix:
        rows: list[int] = []
        cols: list[int] = []
        for i, query in enumerate(queries):
            for term in set(terms(query)):
                j = self.vocab.get(term)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        data = np.ones(len(rows), dtype=np.float64)
        return sp.csr_matrix((data, (rows, cols)), shape=(len(queries), len(self.vocab)))

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for every query: shape (len(queries), n_docs)."""
        if not queries:
            return np.zeros((0, self.matrix.shape[1]), dtype=np.float32)
        product = self.query_matrix(queries) @ self.matrix
        return np.asarray(product.toarray(), dtype=np.float32)


def idf_weight(df: float, n: float) -> float:
    """The BM25 inverse document frequency used above (exposed for tests)."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))
