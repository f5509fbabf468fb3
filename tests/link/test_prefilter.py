"""The semantic extractor's fast path gives the links of the plain one-phrase-at-a-time path.

* ``DenseIndex.any_above`` (the low-dimensional prefilter with an exact re-score) answers
  exactly what the full pass over the label matrix answers;
* the component's batched, prefiltered, cached path proposes the mentions that linking each
  phrase alone, with the full pass and no skip, proposes (real sentences and generated
  postings);
* the overlap sweep keeps exactly the phrases that overlap no earlier mention.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpulse.extract import Doc, Mention
from skillpulse.extract.semantic import SemanticComponent, _outside, candidate_phrases
from skillpulse.generate import generate
from skillpulse.link.linker import Candidate, Linker

SLICE = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"


def _texts(tmp_path: Path) -> list[str]:
    with SLICE.open(encoding="utf-8") as f:
        texts = list(dict.fromkeys(row["sentence"] for row in csv.DictReader(f)))
    generate(tmp_path, seed=3, scale=0.002)
    with (tmp_path / "postings.jsonl").open(encoding="utf-8") as f:
        for line in list(f)[:8]:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and isinstance(rec.get("description"), str):
                texts.append(rec["description"])
    return texts


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker("esco")


@pytest.mark.semantic
def test_any_above_equals_the_full_pass(linker: Linker, tmp_path: Path) -> None:
    assert linker.encoder is not None and linker.dense is not None
    phrases = sorted({p.text for t in _texts(tmp_path) for p in candidate_phrases(t)})[:300]
    vectors = linker.encoder.encode(phrases)
    best = linker.dense.scores(vectors).max(axis=1)
    # fixed thresholds, and thresholds just above and below real phrases' best cosines
    cuts = [0.75, 0.8, 0.85, 0.9, 0.99, 1.01]
    cuts += [float(b) + d for b in best[best > 0.75][::4] for d in (-1e-4, 1e-4)]
    for cut in cuts:
        got = linker.dense.any_above(vectors, cut)
        assert got.tolist() == (best >= cut).tolist(), cut
        # the path for a few queries (matrix-vector products) answers the same
        few = [linker.dense.any_above(vectors[i : i + 3], cut) for i in range(0, 60, 3)]
        assert np.concatenate(few).tolist() == (best[:60] >= cut).tolist(), cut
    assert linker.dense.any_above(vectors, 0.85).sum() < len(phrases)  # the test bites


_REFERENCE: dict[str, list[Candidate]] = {}


def _one_by_one(linker: Linker, doc: Doc, threshold: float) -> list[tuple[int, int, str, str]]:
    """The reference: each phrase linked alone, full pass, no skip, no linker cache."""
    out = []
    taken = [(m.start, m.end) for m in doc.mentions]
    for p in candidate_phrases(doc.text):
        if any(p.start < e and s < p.end for s, e in taken):
            continue
        if p.text not in _REFERENCE:
            (_REFERENCE[p.text],) = linker.link_many(
                [p.text], top=1, split_phrases=False, cached=False
            )
        cands = _REFERENCE[p.text]
        if cands and (cands[0].similarity or 0.0) >= threshold:
            out.append((p.start, p.end, cands[0].skill_id, f"{cands[0].similarity:.6f}"))
    return out


@pytest.mark.semantic
@pytest.mark.parametrize("threshold", [0.85, 0.75])
def test_component_equals_linking_each_phrase_alone(
    linker: Linker, tmp_path: Path, threshold: float
) -> None:
    component = SemanticComponent(linker, threshold=threshold)
    proposed = 0
    for i, text in enumerate(_texts(tmp_path)):
        doc = Doc(text)
        if i % 3 == 0 and " " in text:  # some documents carry an earlier mention
            end = text.index(" ")
            doc.mentions = [Mention("x.first", "First", 0, end, text[:end], "exact")]
        got = [(m.start, m.end, m.skill_id, f"{m.confidence:.6f}") for m in component(doc)]
        assert got == _one_by_one(linker, doc, threshold), text
        proposed += len(got)
    assert proposed >= (1 if threshold > 0.8 else 5)  # the comparison covers proposals


@pytest.mark.semantic
def test_a_full_component_cache_starts_again_with_the_same_results(linker: Linker) -> None:
    from dataclasses import replace

    small = Linker(linker.target, config=replace(linker.config, phrase_cache=3))
    texts = [
        "You will manage budgets and supervise staff; keep the books in order.",
        "Supervise staff, manage budgets, write reports for the board.",
        "Plan marketing campaigns and manage budgets.",
    ]
    full = SemanticComponent(linker, threshold=0.75)
    tiny = SemanticComponent(small, threshold=0.75)
    for text in texts * 2:
        expected = full(Doc(text))
        assert tiny(Doc(text)) == expected
        assert len(tiny._known) <= max(3, len(candidate_phrases(text)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=8),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=8),
)
def test_overlap_sweep_equals_the_pairwise_test(
    phrase_starts: list[tuple[int, int]], taken_raw: list[tuple[int, int]]
) -> None:
    # phrases are disjoint and in text order; earlier mentions may overlap each other
    spans, pos = [], 0
    for gap, length in phrase_starts:
        start = pos + gap
        spans.append((start, start + length + 1))
        pos = start + length + 1
    taken = [(s, s + n) for s, n in taken_raw]
    expected = [(a, b) for a, b in spans if not any(a < e and s < b for s, e in taken)]
    assert _outside(spans, taken) == expected


def test_any_above_on_vectors_of_any_norm() -> None:
    """The bound holds for label vectors that are not exactly unit (float16 round trip)."""
    from skillpulse.link.dense import DenseIndex

    rng = np.random.default_rng(0)
    labels = rng.standard_normal((3000, 48)).astype(np.float32)
    labels[:, :4] *= 6  # a few directions carry most of the variance, as real vectors do
    labels /= np.linalg.norm(labels, axis=1, keepdims=True)
    labels = labels.astype(np.float16).astype(np.float32)
    index = DenseIndex.__new__(DenseIndex)
    index.vectors, index.threads, index._prefilter = labels, 1, None
    queries = labels[:200] + 0.3 * rng.standard_normal((200, 48)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    best = (queries @ labels.T).max(axis=1)
    for cut in (0.6, 0.8, 0.9, float(np.median(best))):
        assert index.any_above(queries, cut).tolist() == (best >= cut).tolist()
