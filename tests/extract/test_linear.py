"""Issue 15 item 7: context rules linear in text length, per-field budgets recorded."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from skillpulse.extract import Extractor
from skillpulse.extract.context import (
    MAX_ITEM_CHARS,
    _clauses,
    _segment,
    _short_items,
    _short_items_in,
)

DATA = Path(__file__).parents[1] / "data" / "extract"


def _texts() -> list[str]:
    with open(DATA / "gold_sentences.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def test_clause_bounds_match_the_definition_on_real_text() -> None:
    for text in _texts():
        clauses = _clauses(text)
        for start in range(0, len(text), 7):
            end = min(len(text), start + 3)
            lo, hi = clauses.bounds(start, end)
            assert text[lo:hi] == _segment(text, start, end), (text, start)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .:;!?\n,", max_size=60), st.integers(0, 59), st.integers(0, 5))
def test_clause_bounds_match_the_definition(text: str, start: int, width: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + width)
    lo, hi = _clauses(text).bounds(start, end)
    assert text[lo:hi] == _segment(text, start, end)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", " ", ",", "/", ";", "|", "&", " and ", " or ",
                                 "and", "x y z", "\t", "\n", "  ", "andy", "ore"]),
                max_size=14).map("".join))
def test_bounded_items_match_short_items(seg: str) -> None:
    text = "pre. " + seg + " .post"
    assert _short_items_in(text, 5, 5 + len(seg)) is _short_items(seg)


def test_an_item_longer_than_the_limit_is_long() -> None:
    long_item = "x" * (MAX_ITEM_CHARS + 40)
    assert _short_items("rust, " + long_item) is True  # two items of one word each
    assert _short_items_in("rust, " + long_item, 0, 6 + len(long_item)) is False


def test_no_sentence_breaks_answer_as_before(default_extractor: Extractor) -> None:
    # 36 KB of a skill list without any break: every short name in it is a list item
    unit = "skills Go R Excel Spark Rust "
    text = (unit * (36 * 1024 // len(unit) + 1))[:36 * 1024]
    found = default_extractor(text)
    go = sum(1 for m in found if m.label == "Go")
    assert go == text.count(" Go ")


def test_time_budget_is_recorded(default_extractor: Extractor) -> None:
    ex = Extractor(default_extractor.taxonomy, context_time_budget=1e-9, roles=False)
    unit = "skills Go R Excel Spark Rust Track Unity Library "
    text = unit * 400
    found = ex(text)
    assert ex.budget_hits["time"] == 1
    # the distinctive names are still found; unconfirmed ambiguous ones are dropped
    assert not any(m.label == "Go" for m in found[-50:])
    assert {m.label for m in ex("Python and SQL")} == {"Python", "SQL"}
    assert ex.budget_hits["time"] == 1


def test_size_budget_is_recorded(small: Extractor) -> None:
    ex = Extractor(small.taxonomy, max_field_chars=20)
    found = ex("ChatGPT " + "x " * 50 + "Python")
    assert [m.text for m in found] == ["ChatGPT"]
    assert ex.budget_hits["size"] == 1
