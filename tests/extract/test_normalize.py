"""The normaliser: what it folds, and that every offset maps back into the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from skillpulse.extract.normalize import normalize, normalize_name


def _span(text: str, needle: str) -> tuple[int, int]:
    n = normalize(text)
    i = n.text.index(needle)
    return n.to_original(i), n.to_original(i + len(needle), end=True)


def test_whitespace_and_hyphens_fold_to_one_space() -> None:
    n = normalize("Machine  Learning\n\nand machine-learning")
    assert n.text == "machine learning and machine learning"
    s, e = _span("Machine  Learning\n\nand machine-learning", "machine learning and")
    assert "Machine  Learning\n\nand machine-learning"[s:e] == "Machine  Learning\n\nand"


def test_controls_bullets_and_symbols_separate_words() -> None:
    # U+0095 (a cp1252 bullet read as Latin-1), bullets, check marks and emoji read as a space
    n = normalize("\x95Project \u2022Python \u2713 SQL \U0001F680React")
    assert n.text == " project python sql react"
    i = n.text.index("python")
    assert n.to_original(i) == len("\x95Project \u2022")


def test_html_tags_and_entities() -> None:
    raw = "<p>R&amp;D with <b>PyTorch</b></p>"
    n = normalize(raw)
    assert "r&d" in n.text and "pytorch" in n.text
    s, e = _span(raw, "pytorch")
    assert raw[s:e] == "PyTorch"


def test_case_folding_that_changes_length_keeps_offsets() -> None:
    # "ß" folds to "ss", "ﬁ" to "fi"; "İ" (whose lower case has two code points) to "i"
    raw = "İstanbul Straße ﬁle Python"
    n = normalize(raw)
    assert n.text == "istanbul strasse file python"
    assert len(n.text) == len(raw) + 2
    s, e = _span(raw, "python")
    assert raw[s:e] == "Python"
    s, e = _span(raw, "strasse")
    assert raw[s:e] == "Straße"


def test_typographic_apostrophe_and_nfkc() -> None:
    assert normalize("Python’s").text == "python's"
    assert normalize("ＰｙＴｏｒｃｈ").text == "pytorch"  # full-width forms
    assert normalize("a\u00adb\u200bc").text == "abc"  # soft hyphen, zero-width space


def test_normalize_name_matches_text_rules() -> None:
    assert normalize_name("  Scikit-Learn ") == "scikit learn"
    assert normalize_name("C++") == "c++"
    assert normalize_name("Machine\tLearning") == "machine learning"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_offsets_always_in_range_and_monotonic(text: str) -> None:
    n = normalize(text)
    prev = 0
    for i in range(len(n.text) + 1):
        o = n.to_original(i)
        assert 0 <= o <= len(text)
        assert o >= prev
        prev = o
    assert n.to_original(len(n.text), end=True) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab -\n<>&;İßﬁ\u00ad", "<b>", "&amp;", "  "]),
                max_size=30).map("".join),
       st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_batch_span_mapping_equals_single_mapping(text: str, cuts: list[int]) -> None:
    n = normalize(text)
    pts = sorted({min(c, len(n.text)) for c in cuts})
    spans = [(pts[i], pts[i + 1]) for i in range(0, len(pts) - 1, 2)]
    expected = [(n.to_original(s), n.to_original(e, end=True)) for s, e in spans]
    assert n.spans_to_original(spans) == expected
