"""The "clause is a list of short items" test behind the context rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpulse.extract.context import _LIST_ITEM_SPLIT, _short_items


def _definition(seg: str) -> bool:
    """Two or more non-empty items between list separators, each of at most three words."""
    items = [i for i in _LIST_ITEM_SPLIT.split(seg) if i.strip()]
    return len(items) >= 2 and all(len(i.split()) <= 3 for i in items)


@pytest.mark.parametrize(("seg", "expected"), [
    ("rust, go", True),
    ("python / sql / apache spark", True),
    ("r and python or julia", True),
    ("python", False),  # one item is no list
    ("experience with python and a strong background in statistics", False),
    ("aws, gcp, and the ability to work in a team", False),  # one long item spoils it
    (", ,", False),
])
def test_short_items(seg: str, expected: bool) -> None:
    assert _short_items(seg) is expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", " ", ",", "/", ";", "|", "&", " and ", " or ",
                                 "and", "x y z", "\t", "\n", "  ", "andy", "ore"]),
                max_size=14).map("".join))
def test_short_items_matches_the_definition(seg: str) -> None:
    seg = seg.strip()
    assert _short_items(seg) is _definition(seg)
