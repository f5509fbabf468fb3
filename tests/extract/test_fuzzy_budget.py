"""Issue 15 item 8: fuzzy query matching does bounded work per query, with the same answers.

The count filter may only change how much work a lookup does, never its answer (checked
against a full scan of every name); the per-query budget is counted, deterministic and
never reached by the labelled queries.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from skillpulse.extract import Extractor
from skillpulse.extract.fuzzy import MAX_QUERY_WORK, FuzzyMatcher

DATA = Path(__file__).parents[1] / "data" / "extract"
QUERIES = [json.loads(line)["query"] for line in
           (DATA / "queries.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
LETTERS = string.ascii_lowercase


def _typos(rng: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        i = rng.randrange(len(chars) + 1)
        op = rng.randrange(3)
        if op == 0 and i < len(chars):
            chars[i] = rng.choice(LETTERS)
        elif op == 1:
            chars.insert(i, rng.choice(LETTERS))
        elif i < len(chars):
            del chars[i]
    return "".join(chars)


def _full_scan(matcher: FuzzyMatcher, window: str) -> float | None:
    best = process.extractOne(window, matcher._choices, scorer=fuzz.ratio,
                              score_cutoff=matcher.threshold)
    return None if best is None else float(best[1])


def _misspelt_windows() -> st.SearchStrategy[str]:
    words = sorted({w for q in QUERIES for w in q.lower().split()})
    phrase = st.lists(st.sampled_from(words), min_size=1, max_size=3).map(" ".join)
    return st.tuples(phrase, st.integers(0, 2**32), st.integers(0, 3)).map(
        lambda t: _typos(random.Random(t[1]), t[0], t[2])).filter(lambda w: len(w) >= 4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_misspelt_windows())
def test_count_filter_keeps_the_answer_of_a_full_scan(default_extractor: Extractor,
                                                      window: str) -> None:
    matcher = default_extractor.fuzzy
    found, _cost = matcher._lookup(window)
    expected = _full_scan(matcher, window)
    if expected is None:
        assert found is None
        return
    assert found is not None
    idx, score = found
    assert score == pytest.approx(expected)
    assert fuzz.ratio(window, matcher._choices[idx]) == pytest.approx(expected)


def test_hits_on_labelled_queries_agree_with_a_full_scan(default_extractor: Extractor) -> None:
    matcher = default_extractor.fuzzy
    rng = random.Random(15)
    checked = 0
    for query in QUERIES:
        for window in (query.lower(), _typos(rng, query.lower(), 2)):
            if len(window) < 4:
                continue
            found, _ = matcher._lookup(window)
            expected = _full_scan(matcher, window)
            assert (found and found[1]) == (expected and pytest.approx(expected)), window
            checked += found is not None
    assert checked > 50  # many of them are hits, not only misses


def test_labelled_queries_never_reach_the_budget(default_extractor: Extractor) -> None:
    work = default_extractor.fuzzy.work
    hits_before, queries_before = work.budget_hits, work.queries
    for query in QUERIES:
        default_extractor(query, "search")
    assert work.queries - queries_before > 50  # the fuzzy matcher ran on the misspelt ones
    assert work.budget_hits == hits_before
    assert work.max_query < MAX_QUERY_WORK / 1.5  # with room to spare


MANY_TYPOS = ("stabel difusion chatgtp midjorny pytroch tensorflw kubernets javascrpt typscript "
              "postgrsql elevenlabs voise clonning wordpres develper shopfy stor setup "
              "langchian agnet")


def test_a_query_of_many_typos_stops_at_its_budget(default_extractor: Extractor) -> None:
    matcher = default_extractor.fuzzy
    work = matcher.work
    hits, skipped = work.budget_hits, work.skipped
    cost = work.cost
    first = matcher.match(MANY_TYPOS)
    spent = work.cost - cost
    assert work.budget_hits == hits + 1 and work.skipped > skipped
    assert matcher.max_work <= spent <= matcher.max_work + work.max_lookup
    # the windows looked up before the budget ran out still give their hits
    assert {nm.skill_id for _s, _e, nm, _sc in first} >= {"sp.stable-diffusion", "sp.chatgpt"}
    # the same answer from a warm cache and from a cold one: the budget ignores the cache
    assert matcher.match(MANY_TYPOS) == first
    matcher.lookup.cache_clear()
    assert matcher.match(MANY_TYPOS) == first


def test_a_larger_budget_finds_the_rest(default_extractor: Extractor) -> None:
    bounded = default_extractor.fuzzy
    unbounded = FuzzyMatcher(default_extractor.matcher.names, bounded.vocabulary,
                             threshold=bounded.threshold, max_work=10**12)
    found = {nm.skill_id for *_x, nm, _sc in unbounded.match(MANY_TYPOS)}
    capped = {nm.skill_id for *_x, nm, _sc in bounded.match(MANY_TYPOS)}
    assert capped < found
    assert unbounded.work.budget_hits == 0


def _random_texts(seed: int, n: int) -> list[str]:
    """Misspelt labelled queries run together, random words of letters (every window a
    likely typo: the costliest queries) and random characters (some beyond the BMP, a lone
    surrogate, soft hyphens, zero-width spaces)."""
    rng = random.Random(seed)
    alphabet = LETTERS + "     .,-+#/'\"&<>\n\t0123456789ÄéßİﬁΩж中🙂\u00ad\u200b\ud800"
    out = []
    for i in range(n):
        shape = i % 4
        if shape == 0:
            text = " ".join(_typos(rng, q, rng.randrange(4))
                            for q in rng.sample(QUERIES, rng.randint(1, 8)))
        elif shape == 1:
            text = " ".join("".join(rng.choices(LETTERS, k=rng.randint(1, 14)))
                            for _ in range(rng.randint(1, 30)))
        else:
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 240)))
        out.append(text)
    return out


def _run(extractor: Extractor, texts: list[str]) -> None:
    for i, text in enumerate(texts):
        mentions = extractor(text, "posting" if i % 10 == 9 else "search")
        for m in mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text


def test_random_texts_spend_at_most_the_budget(default_extractor: Extractor) -> None:
    """With the full taxonomy: no query spends more than its budget plus one lookup."""
    matcher = default_extractor.fuzzy
    hits = matcher.work.budget_hits
    _run(default_extractor, _random_texts(8, 1_000))
    assert matcher.work.max_query <= matcher.max_work + matcher.work.max_lookup
    assert matcher.work.budget_hits > hits  # the random words do reach it


@pytest.mark.slow
def test_twenty_thousand_random_texts(small: Extractor) -> None:
    """20,000 random texts through the extractor (the small taxonomy, for time): no
    exception, offsets slice the text, bounded work per query."""
    _run(small, _random_texts(20_000, 20_000))
    work = small.fuzzy.work
    assert work.queries > 5_000
    assert work.max_query <= small.fuzzy.max_work + work.max_lookup
