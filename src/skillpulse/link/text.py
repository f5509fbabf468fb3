"""Tokenisation shared by the lexical retriever and span proposal: words, stop words, stems."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-][a-z0-9+#]+)*")

_STOPWORDS_TEXT = """a an and are as at be been being but by can could do does for from has have having he her
    his i if in into is it its itself just may me more most must my no nor not of off on once only
    or other our ours out over own same she should so some such than that the their them then there
    these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours etc e.g i.e via within across also well able ability
    strong good excellent experience experienced knowledge skills skill work working years year plus
    using use used"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
)


def fold(text: str) -> str:
    """NFKC, case-folded text."""
    return unicodedata.normalize("NFKC", text).casefold()


def stem(word: str) -> str:
    """A small deterministic suffix stripper ("managing", "manages", "managed" -> "manag")."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens (keeps ``c++``, ``c#``, ``node.js``)."""
    return _WORD.findall(fold(text))


def terms(text: str) -> list[str]:
    """Index terms: stemmed words without stop words."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]
