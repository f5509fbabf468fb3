"""BM25 scores against the Okapi formula worked out by hand on a three-document corpus."""

from __future__ import annotations

import math

import numpy as np
import pytest

from skillpulse.link.lexical import BM25Index, LexicalDoc
from skillpulse.link.text import terms


def test_bm25_matches_the_formula() -> None:
    docs = [LexicalDoc("java"), LexicalDoc("java code"), LexicalDoc("sql")]
    index = BM25Index(docs, k1=1.2, b=0.75, label_weight=1)
    # N = 3; df(java) = 2; doc lengths 1, 2, 1 -> average 4/3
    idf_java = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    idf_code = math.log(1 + (3 - 1 + 0.5) / (1 + 0.5))
    norm0 = 1.2 * (1 - 0.75 + 0.75 * 1 / (4 / 3))
    norm1 = 1.2 * (1 - 0.75 + 0.75 * 2 / (4 / 3))
    scores = index.scores(["java code"])
    assert scores[0, 0] == pytest.approx(idf_java * 2.2 / (1 + norm0), rel=1e-5)
    assert scores[0, 1] == pytest.approx(
        idf_java * 2.2 / (1 + norm1) + idf_code * 2.2 / (1 + norm1), rel=1e-5
    )
    assert scores[0, 2] == 0.0


def test_repeated_query_words_count_once_and_unknown_words_score_nothing() -> None:
    index = BM25Index([LexicalDoc("java"), LexicalDoc("sql")])
    assert np.allclose(index.scores(["java java"]), index.scores(["java"]))
    assert not index.scores(["cobol"]).any()
    assert index.scores([]).shape == (0, 2)


def test_alt_labels_and_inflections_are_found() -> None:
    docs = [
        LexicalDoc("manage staff", ("supervise employees",)),
        LexicalDoc("JavaScript", ("JS",)),
        LexicalDoc("bookkeeping"),
    ]
    index = BM25Index(docs)
    assert int(np.argmax(index.scores(["managing our staff"])[0])) == 0
    assert int(np.argmax(index.scores(["supervising employees"])[0])) == 0
    assert int(np.argmax(index.scores(["strong js skills"])[0])) == 1


def test_terms_keep_programming_symbols_and_drop_stop_words() -> None:
    assert terms("Experience with C++ and C# and Node.js") == ["c++", "c#", "node.js"]
