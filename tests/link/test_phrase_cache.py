"""Phrase-mode linking (the extraction component's calls) is cached per phrase."""

from __future__ import annotations

import pytest

from skillpulse.link.linker import Linker, LinkerConfig

pytestmark = pytest.mark.semantic

PHRASES = ["manage budgets", "supervise staff", "manage budgets", "keep the books in order"]


def test_cached_phrase_results_equal_fresh_ones_and_each_phrase_is_linked_once() -> None:
    linker = Linker("esco")
    cached = linker.link_many(PHRASES, top=3, split_phrases=False)
    assert len(linker._phrase_cache) == 3  # three distinct phrases
    fresh = linker.link_many(PHRASES, top=3, split_phrases=False, cached=False)
    assert cached == fresh
    assert cached[0] == cached[2]
    # a second call is served from the cache and is still right; other tops are other keys
    assert linker.link_many(PHRASES[:1], top=3, split_phrases=False) == fresh[:1]
    assert len(linker.link_many(PHRASES[:1], top=1, split_phrases=False)[0]) == 1
    assert len(linker._phrase_cache) == 4


def test_sentence_mode_and_a_zero_cache_do_not_cache() -> None:
    linker = Linker("esco")
    linker.link_many(PHRASES, top=3)
    assert linker._phrase_cache == {}
    off = Linker("esco", config=LinkerConfig.for_target("esco", phrase_cache=0))
    off.link_many(PHRASES, top=3, split_phrases=False)
    assert off._phrase_cache == {}


def test_a_full_cache_is_emptied_not_grown() -> None:
    linker = Linker("esco", config=LinkerConfig.for_target("esco", phrase_cache=2))
    linker.link_many(PHRASES[:2], top=1, split_phrases=False)
    assert len(linker._phrase_cache) == 2
    linker.link_many(["keep the books in order"], top=1, split_phrases=False)
    assert list(linker._phrase_cache) == [("keep the books in order", (1, None))]


def test_min_similarity_drops_only_texts_whose_best_cosine_is_below_it() -> None:
    linker = Linker("esco")
    texts = ["manage budgets", "qwzx vrrt plok", "supervise staff"]
    plain = linker.link_many(texts, top=3, split_phrases=False, cached=False)
    best = [max(c.similarity or 0.0 for c in cands) for cands in plain]
    # a threshold between the nonsense phrase's best cosine and the real phrases' ones
    cut = (best[1] + min(best[0], best[2])) / 2
    assert best[1] < cut <= min(best[0], best[2])
    for cached in (False, True):
        got = linker.link_many(texts, top=3, split_phrases=False, cached=cached, min_similarity=cut)
        assert got[1] == []
        assert got[0] == plain[0] and got[2] == plain[2]
