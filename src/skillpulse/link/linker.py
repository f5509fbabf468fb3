"""The linker: text -> top-k taxonomy concepts, by lexical + dense retrieval and rank fusion.

Pipeline (see docs/linking.md for the validation figures behind each choice):
1. lexical: BM25 over each concept's preferred label (counted twice) and alternative labels;
2. dense: cosine similarity between the text's vector (all-MiniLM-L6-v2 fine-tuned for ESCO
   linking, int8 ONNX) and each concept's preferred-label vector;
3. phrases: the text's candidate phrases (:mod:`skillpulse.link.phrases`) are encoded too,
   and a concept's phrase score is its best cosine over the text and its phrases;
4. kNN (off by default, ``knn_weight``): the text's nearest labelled training sentences
   vote for their concepts (:mod:`skillpulse.link.memory`);
5. fusion: weighted reciprocal rank fusion (k 10) of the rankings: lexical 0.75, sentence
   vector 1, phrases 0.5, chosen by nested cross-validation on folds without leakage
   (``scripts/cv_linker.py``);
6. exact names: a text that is exactly a concept's preferred label (after case folding and
   whitespace collapsing) puts that concept first, an exact alternative label next.
``mode`` selects ``hybrid`` (default), ``lexical`` or ``dense`` alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from skillpulse import settings
from skillpulse.errors import SkillpulseError
from skillpulse.link.fusion import rrf
from skillpulse.link.lexical import BM25Index, LexicalDoc
from skillpulse.link.phrases import candidate_phrases
from skillpulse.link.target import LinkTarget, load_target
from skillpulse.link.text import fold

if TYPE_CHECKING:
    from skillpulse.link.memory import SentenceMemory

log = logging.getLogger(__name__)

MODES = ("hybrid", "lexical", "dense")
#: added to the fused score of a concept whose preferred / alternative label is the whole text
EXACT_LABEL_BONUS = 2.0
EXACT_ALT_BONUS = 1.0


def _key(text: str) -> str:
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class Candidate:
    """One proposed concept for a text: ID, preferred label, fused score and cosine."""

    skill_id: str
    label: str
    score: float
    #: cosine similarity between the text and the concept's closest label (dense modes only)
    similarity: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {"skill_id": self.skill_id, "label": self.label, "score": round(self.score, 6)}


@dataclass(frozen=True)
class LinkerConfig:
    """The tunable parameters of the pipeline. The fusion defaults were chosen by nested
    cross-validation on folds without leakage (``scripts/cv_linker.py``, docs/linking.md),
    not on a test split."""

    mode: str = "hybrid"
    rrf_k: float = 10.0
    #: each ranker counts for its top ``rrf_depth`` concepts only (a deeper rank would add
    #: less than 0.1 % of a top rank's share); None ranks every concept (a sort per text)
    rrf_depth: int | None = 1000
    lexical_weight: float = 0.75
    #: the sentence-vector ranking
    dense_weight: float = 1.0
    #: also rank by the best cosine over the text's candidate phrases (hybrid mode)
    split_phrases: bool = True
    phrase_weight: float = 0.5
    label_weight: int = 2
    use_descriptions: bool = False
    batch_size: int = 256
    #: alternative labels encoded per concept for dense retrieval (0: preferred label only;
    #: adding ESCO's alternative labels lowered RP@5 on SkillSkape dev and both validations)
    max_alts: int = 0
    #: batch size when encoding label vectors: 1 makes a label's vector exactly what the
    #: same text gets as a query; the default taxonomy (~54,000 labels) uses 32, 3 times faster
    label_batch_size: int = 1
    #: fusion when the phrase ranking is off (``split_phrases=False``: the extraction
    #: component links each phrase as it is): that of issue 7, under which the semantic
    #: extraction threshold was tuned (docs/linking.md)
    single_rrf_k: float = 20.0
    single_lexical_weight: float = 0.5
    single_dense_weight: float = 1.0
    #: phrase-mode results kept per linker (0: no cache); see ``link_many``
    phrase_cache: int = 200_000
    #: weight of nearest-neighbour voting over labelled training sentences (hybrid mode;
    #: 0, the default, turns it off: on folds without leakage it lowered RP@5, see
    #: docs/linking.md), the number of neighbours and the temperature of their weights
    knn_weight: float = 0.0
    knn_neighbours: int = 200
    knn_temperature: float = 0.05

    @classmethod
    def for_target(cls, name: str, **overrides: object) -> LinkerConfig:
        """The defaults for target ``name``, with overrides."""
        base = cls(label_batch_size=32) if name == "default" else cls()
        return replace(base, **overrides)  # type: ignore[arg-type]


class Linker:
    """Rank the concepts of a target for texts.

    ``Linker("esco").link("keep the books in order")`` returns ESCO skills;
    ``Linker(target)`` accepts any :class:`LinkTarget`.
    """

    def __init__(
        self,
        target: str | LinkTarget = "esco",
        *,
        config: LinkerConfig | None = None,
        cache_dir: str | Path | None = None,
        model_dir: Path | None = None,
        threads: int | None = 1,
    ) -> None:
        self.target = load_target(target) if isinstance(target, str) else target
        self.config = config or LinkerConfig.for_target(self.target.name)
        if self.config.mode not in MODES:
            raise SkillpulseError(f"unknown linker mode {self.config.mode!r}: {', '.join(MODES)}")
        if not len(self.target):
            raise SkillpulseError(f"link target {self.target.name!r} has no concepts")
        self.cache_dir = Path(cache_dir if cache_dir is not None else settings.get("cache_dir"))
        self._ids = [c.id for c in self.target.concepts]
        self._labels = [c.label for c in self.target.concepts]
        self._exact: dict[str, list[tuple[int, float]]] = {}
        for i, c in enumerate(self.target.concepts):
            for name, bonus in (
                (c.label, EXACT_LABEL_BONUS),
                *((a, EXACT_ALT_BONUS) for a in c.alt_labels),
            ):
                hits = self._exact.setdefault(_key(name), [])
                if all(j != i for j, _ in hits):
                    hits.append((i, bonus))
        self.lexical: BM25Index | None = None
        self.dense = None
        self.encoder = None
        self.memory: SentenceMemory | None = None
        self._phrase_cache: dict[tuple[str, tuple[int, float | None]], list[Candidate]] = {}
        if self.config.mode in ("hybrid", "lexical"):
            self.lexical = BM25Index(
                [LexicalDoc(c.label, c.alt_labels, c.description) for c in self.target.concepts],
                label_weight=self.config.label_weight,
                use_descriptions=self.config.use_descriptions,
            )
        if self.config.mode in ("hybrid", "dense"):
            from skillpulse.link.dense import DenseIndex
            from skillpulse.link.encoder import Encoder

            self.encoder = Encoder(model_dir, threads=threads)
            self.dense = DenseIndex(
                self.target,
                self.encoder,
                self.cache_dir,
                max_alts=self.config.max_alts,
                batch_size=self.config.label_batch_size,
                threads=threads,
            )
        if self.config.mode == "hybrid" and self.config.knn_weight > 0 and self.encoder:
            from skillpulse.link.memory import SentenceMemory

            memory = SentenceMemory(self.target, self.encoder, self.cache_dir)
            if memory.usable:
                self.memory = memory
            else:
                log.info("no memory sentence names a concept of %s: kNN off", self.target.name)

    def hold_out(self, texts: Sequence[str]) -> int:
        """Drop memory sentences whose text is one of ``texts`` (evaluating on labelled
        sentences the memory holds); returns how many were dropped."""
        if self.memory is None:
            return 0
        before = len(self.memory)
        self.memory = self.memory.without(texts)
        return before - len(self.memory)

    def score_matrix(
        self,
        texts: Sequence[str],
        *,
        split_phrases: bool | None = None,
        min_similarity: float | None = None,
        vectors: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Fused scores and cosine similarities (or None), shape (len(texts), n_concepts).

        With ``min_similarity`` (dense modes), a text whose best cosine over all concepts is
        below it is not ranked further: its row of fused scores is ``-inf``; the rows of the
        other texts are what they would be without it (every ranker scores a text alone).
        ``vectors``: the texts' encodings when the caller has them already."""
        # split_phrases=False links each text as it is (a phrase): no phrase split, no kNN
        use_sentence_rankers = split_phrases is not False
        cosine = None
        if self.dense is not None and self.encoder is not None:
            if vectors is None:
                vectors = self.encoder.encode(texts)
            # phrase mode is cached per phrase: a phrase's cosines must not depend on the
            # other phrases of the call, so each is scored alone
            cosine = self.dense.scores(vectors, alone=not use_sentence_rankers)
        else:
            vectors = None
        if min_similarity is not None and cosine is not None and len(texts):
            keep = np.flatnonzero(cosine.max(axis=1) >= min_similarity)
            if len(keep) < len(texts):
                out = np.full(cosine.shape, -np.inf, dtype=np.float64)
                if len(keep):
                    out[keep] = self._fuse(
                        [texts[int(i)] for i in keep],
                        vectors[keep],  # type: ignore[index]
                        cosine[keep],
                        split_phrases,
                        use_sentence_rankers,
                    )
                return out, cosine
        return self._fuse(texts, vectors, cosine, split_phrases, use_sentence_rankers), cosine

    def _fuse(
        self,
        texts: Sequence[str],
        vectors: np.ndarray | None,
        cosine: np.ndarray | None,
        split_phrases: bool | None,
        use_sentence_rankers: bool,
    ) -> np.ndarray:
        cfg = self.config
        lexical = self.lexical.scores(texts) if self.lexical is not None else None
        phrase_cosine = None
        votes = None
        if cosine is not None and vectors is not None:
            if split_phrases if split_phrases is not None else cfg.split_phrases:
                phrase_cosine = self._phrase_scores(texts, cosine)
            if self.memory is not None and use_sentence_rankers:
                votes = self.memory.sparse_votes(
                    vectors, neighbours=cfg.knn_neighbours, temperature=cfg.knn_temperature
                )
        if lexical is not None and cosine is not None:
            if phrase_cosine is not None:
                pairs = [
                    (lexical, cfg.lexical_weight),
                    (cosine, cfg.dense_weight),
                    (phrase_cosine, cfg.phrase_weight),
                ]
            else:  # a text linked as one phrase (the extraction component)
                pairs = [(lexical, cfg.single_lexical_weight), (cosine, cfg.single_dense_weight)]
            if votes is not None:
                pairs.append((votes, cfg.knn_weight))
            pairs = [(m, w) for m, w in pairs if w]  # a zero weight adds nothing: skip ranking
            return rrf(
                [m for m, _ in pairs],
                k=cfg.rrf_k if phrase_cosine is not None else cfg.single_rrf_k,
                weights=[w for _, w in pairs],
                depth=cfg.rrf_depth,
            )
        only = lexical if lexical is not None else cosine
        if only is None:  # pragma: no cover - excluded by the mode check
            raise SkillpulseError("linker has no retriever")
        return only.astype(np.float64)

    def _phrase_scores(self, texts: Sequence[str], cosine: np.ndarray) -> np.ndarray:
        """Best cosine per concept over each text and its candidate phrases."""
        if self.dense is None or self.encoder is None:  # pragma: no cover
            raise SkillpulseError("phrase scores need dense retrieval")
        phrases: list[str] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            for phrase in candidate_phrases(text):
                if phrase.text != text.strip():
                    phrases.append(phrase.text)
                    owner.append(i)
        out = cosine.copy()
        if phrases:
            sims = self.dense.scores(self.encoder.encode(phrases))
            for row, i in enumerate(owner):
                np.maximum(out[i], sims[row], out=out[i])
        return out

    def link_many(
        self,
        texts: Sequence[str],
        top: int = 10,
        *,
        split_phrases: bool | None = None,
        cached: bool = True,
        min_similarity: float | None = None,
    ) -> list[list[Candidate]]:
        """Top-``top`` candidates for each text, in input order. ``split_phrases=False``
        links each text as one phrase, without the sentence-level rankers (phrase split and
        kNN voting over labelled sentences): the extraction component links phrases so,
        and such results are cached per phrase (``cached=False`` bypasses the cache).

        ``min_similarity`` (dense modes): a text whose best cosine over all concepts is below
        it gets no candidates, and its lexical ranking and fusion are skipped; the
        candidates of every other text are unchanged. The extraction component keeps a
        phrase only when its top candidate's cosine reaches its threshold, so it passes the
        threshold here and skips the work for the phrases that cannot reach it. Such texts
        are found by an exact low-dimensional prefilter (:meth:`DenseIndex.any_above`), so
        they skip the full pass over the label vectors too."""
        if top < 1:
            raise SkillpulseError("--top must be at least 1")
        if self.dense is None:
            min_similarity = None
        if split_phrases is False and cached and self.config.phrase_cache:
            return self._link_phrases_cached(texts, top, min_similarity)
        out: list[list[Candidate]] = []
        size = self.config.batch_size
        for start in range(0, len(texts), size):
            chunk = list(texts[start : start + size])
            if min_similarity is not None and self.encoder is not None and self.dense is not None:
                # the texts no label can reach get no candidates: found by the prefilter
                # (DenseIndex.any_above, exact), so only the others take the full pass
                vectors = self.encoder.encode(chunk)
                reach = self.dense.any_above(vectors, min_similarity)
                kept = [chunk[i] for i in np.flatnonzero(reach)]
                ranked = iter(
                    self._rank(kept, top, split_phrases, min_similarity, vectors[reach])
                    if kept
                    else []
                )
                out.extend(next(ranked) if r else [] for r in reach)
                continue
            out.extend(self._rank(chunk, top, split_phrases, min_similarity))
        return out

    def _rank(
        self,
        chunk: list[str],
        top: int,
        split_phrases: bool | None,
        min_similarity: float | None,
        vectors: np.ndarray | None = None,
    ) -> list[list[Candidate]]:
        """Top-``top`` candidates of each text of one batch."""
        out: list[list[Candidate]] = []
        fused, cosine = self.score_matrix(
            chunk, split_phrases=split_phrases, min_similarity=min_similarity, vectors=vectors
        )
        for row, text in enumerate(chunk):
            for j, bonus in self._exact.get(_key(text), ()):
                fused[row, j] += bonus
        k = min(top, fused.shape[1])
        best = np.argpartition(-fused, k - 1, axis=1)[:, :k]
        for row in range(len(chunk)):
            if min_similarity is not None and np.isneginf(fused[row, 0]):
                out.append([])  # below min_similarity: not ranked
                continue
            cols = sorted(best[row], key=lambda j: (-fused[row, j], j))
            out.append(
                [
                    Candidate(
                        self._ids[j],
                        self._labels[j],
                        float(fused[row, j]),
                        None if cosine is None else float(cosine[row, j]),
                    )
                    for j in cols
                ]
            )
        return out

    def _link_phrases_cached(
        self, texts: Sequence[str], top: int, min_similarity: float | None = None
    ) -> list[list[Candidate]]:
        """Phrase-mode results, each distinct (phrase, top) linked once per linker.

        A phrase's candidates depend only on its text: it is encoded alone (not in a batch),
        and phrase mode uses neither the kNN memory nor anything else that changes. Job ads
        repeat phrases heavily; the cache holds ``phrase_cache`` entries and is emptied when
        full."""
        cache = self._phrase_cache
        key = (top, min_similarity)
        missing = list(dict.fromkeys(t for t in texts if (t, key) not in cache))
        if missing:
            if len(cache) + len(missing) > self.config.phrase_cache:
                cache.clear()
            cache.update(
                zip(
                    ((t, key) for t in missing),
                    self.link_many(
                        missing,
                        top,
                        split_phrases=False,
                        cached=False,
                        min_similarity=min_similarity,
                    ),
                    strict=True,
                )
            )
        return [list(cache[(t, key)]) for t in texts]

    def link(self, text: str, top: int = 10) -> list[Candidate]:
        """Top-``top`` candidates for one text."""
        return self.link_many([text], top=top)[0]
