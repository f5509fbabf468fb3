"""The word lists of extraction (``data/*.txt``): a leaf module, imported by the name
selection (:mod:`skillpulse.extract.names`) and the context rules
(:mod:`skillpulse.extract.context`) alike."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from skillpulse.extract.normalize import normalize_name

__all__ = ["generic_names", "ordinary_words", "word_tools"]


@lru_cache(maxsize=4)
def _word_list(name: str) -> frozenset[str]:
    text = resources.files("skillpulse.extract").joinpath("data", name).read_text("utf-8")
    out = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(normalize_name(line))
    return frozenset(out)


def generic_names() -> frozenset[str]:
    """Normalised names never matched in free text unless a curated catalog holds them."""
    return _word_list("generic_names.txt")


def ordinary_words() -> frozenset[str]:
    """Single-word general-source names that are also ordinary words in job ads."""
    return _word_list("ordinary_words.txt")


def word_tools() -> frozenset[str]:
    """Normalised tool or language names that are also common English words."""
    return _word_list("word_tools.txt")
