"""The ``semantic`` extraction component: phrases, overlap with dictionary hits, threshold."""

from __future__ import annotations

import pytest

from skillpulse.extract import Doc, Extractor, Mention
from skillpulse.extract.semantic import SemanticComponent, candidate_phrases
from skillpulse.link.linker import Linker, LinkerConfig
from skillpulse.link.target import LinkTarget, TargetConcept
from skillpulse.taxonomy.model import Concept, Taxonomy

TEXT = "We need someone to manage budgets, and you will keep the books in order with Python."


def test_candidate_phrases_have_exact_offsets() -> None:
    phrases = candidate_phrases(TEXT)
    texts = [p.text for p in phrases]
    # "need someone to manage budgets": leading/trailing stop words stripped, clause words cut
    assert "keep the books in order" in texts
    assert any(t.endswith("manage budgets") for t in texts)
    for p in phrases:
        assert TEXT[p.start : p.end] == p.text
    # "Python" alone is a single word: never a candidate
    assert "Python" not in texts


def test_candidate_phrases_skip_single_words_and_stop_word_runs() -> None:
    assert candidate_phrases("Python. SQL; and the of with") == []


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker("esco")


@pytest.mark.semantic
def test_component_links_missed_phrases_above_threshold(linker: Linker) -> None:
    component = SemanticComponent(linker, threshold=0.75, taxonomy_version="esco-test")
    doc = Doc("Responsibilities: manage budgets and supervise staff.")
    found = component(doc)
    by_text = {m.text: m for m in found}
    assert "manage budgets" in by_text
    mention = by_text["manage budgets"]
    assert mention.label == "manage budgets"  # an exact ESCO preferred label
    assert mention.method == "semantic"
    assert mention.confidence >= 0.75
    assert mention.taxonomy_version == "esco-test"
    assert doc.text[mention.start : mention.end] == mention.text


@pytest.mark.semantic
def test_component_skips_phrases_overlapping_existing_mentions(linker: Linker) -> None:
    doc = Doc("Responsibilities: manage budgets and supervise staff.")
    start = doc.text.index("budgets")
    doc.mentions = [Mention("x.budget", "Budget", start, start + 7, "budgets", "exact")]
    found = SemanticComponent(linker, threshold=0.0)(doc)
    assert found, "the other phrase is still proposed"
    assert all(m.end <= start or m.start >= start + 7 for m in found)


@pytest.mark.semantic
def test_threshold_filters_everything_above_one(linker: Linker) -> None:
    doc = Doc("Responsibilities: manage budgets and supervise staff.")
    assert SemanticComponent(linker, threshold=1.01)(doc) == []


def test_component_needs_dense_retrieval() -> None:
    target = LinkTarget("tiny", (TargetConcept("t.1", "manage budgets"),))
    lexical = Linker(target, config=LinkerConfig(mode="lexical"), cache_dir="/nonexistent")
    with pytest.raises(ValueError):
        SemanticComponent(lexical)


@pytest.mark.semantic
def test_component_in_the_extraction_pipeline(linker: Linker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    taxonomy = Taxonomy.from_concepts([Concept("sp.python", "Python", category="software")])
    extractor = Extractor(taxonomy)
    extractor.add_component(SemanticComponent(linker, threshold=0.75))
    mentions = extractor("Python developer who can manage budgets and supervise staff.")
    methods = {m.text: m.method for m in mentions}
    assert methods.get("Python") == "exact"
    assert methods.get("manage budgets") == "semantic"
