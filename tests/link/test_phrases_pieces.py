"""Candidate phrases found piece by piece (with the piece cache) equal one scan of the text."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from skillpulse.generate import generate
from skillpulse.link import phrases
from skillpulse.link.phrases import candidate_phrases

SLICE = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"
ALPHABET = "ab C+#.-/,;:!?()'’ \n\tand with the 0x"


def _same(text: str) -> None:
    phrases._PIECES.clear()
    first = candidate_phrases(text)
    assert first == phrases._scan(text)
    assert candidate_phrases(text) == first  # second time from the piece cache


def test_pieces_match_one_scan_on_real_and_generated_text(tmp_path: Path) -> None:
    with SLICE.open(encoding="utf-8") as f:
        texts = {row["sentence"] for row in csv.DictReader(f)}
    generate(tmp_path, seed=1, scale=0.002)
    texts.update((tmp_path / "postings.jsonl").read_text(encoding="utf-8").splitlines()[:200])
    texts.add("Skills: node.js, C++ and e.g. Python... (REST APIs); Vue.js.NET .NET!")
    for text in texts:
        _same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_pieces_match_one_scan_on_any_text(text: str) -> None:
    _same(text)
