"""No input crashes the extractor; offsets always slice the original text."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpulse.extract import Extractor


def _check(text: str, mentions: list) -> None:
    assert isinstance(mentions, list)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["posting", "search", "profile", "hire"]))
def test_arbitrary_text(small: Extractor, text: str, kind: str) -> None:
    _check(text, small(text, kind))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Python", "C++", "R", "Go", "&amp;", "<b>", "</b>", " ",
                                 "  ", "\n", "-", "İ", "ß", "ﬁ", "’s", "\u00ad", "Machine",
                                 "learning", ",", ".NET", "ASP", "\ud800", "🙂", "مرحبا"]),
                max_size=30).map("".join))
def test_adversarial_mixtures(small: Extractor, text: str) -> None:
    _check(text, small(text))
    _check(text, small(text, "search"))


def test_edge_inputs(default_extractor: Extractor) -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(20000)).decode("latin-1")
    cases = [
        "",
        " ",
        "\x00\x01\x02",
        junk,
        "🙂🚀 " * 500 + "Python",
        "مطلوب مطور Python و PyTorch",     # right-to-left script around names
        "\u202eevil\u202c PyTorch \u200f",
        "lone \ud800 surrogate \udfff with TensorFlow",
        "<" * 5000 + "&" * 5000,
    ]
    for text in cases:
        for kind in ("posting", "search", "profile"):
            _check(text, default_extractor(text, kind))
    assert [m.text for m in default_extractor("مطلوب مطور Python و PyTorch")] == [
        "Python", "PyTorch"]
    assert "TensorFlow" in [m.text for m in default_extractor(cases[7])]


def test_one_megabyte(default_extractor: Extractor) -> None:
    text = ("We need a Python developer with PyTorch and SQL. " * 21000)[:1_000_000]
    found = default_extractor(text)
    _check(text, found)
    assert sum(m.text == "PyTorch" for m in found) >= 20000


def test_non_string_and_none(small: Extractor) -> None:
    assert small.extract_document({"title": None, "description": 42, "skills": None},
                                  "posting") == []
