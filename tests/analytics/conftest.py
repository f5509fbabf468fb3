"""Hand-made stores: real DuckDB files in tmp_path, rows inserted with plain SQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from analytics_builders import Builder

from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Concept, Taxonomy


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DuckDBStore]:
    s = DuckDBStore(tmp_path / "analytics.duckdb")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def build(store: DuckDBStore) -> Builder:
    return Builder(store)


@pytest.fixture
def taxonomy() -> Taxonomy:
    """A small taxonomy: gen-AI with a three-level branch, plus other categories."""
    return Taxonomy.from_concepts([
        Concept("sp.generative-ai", "Generative AI", category="generative-ai"),
        Concept("sp.large-language-models", "Large language models",
                category="generative-ai"),
        # a child with another category, still in gen-AI through its parent
        Concept("sp.chatgpt", "ChatGPT", aliases=("chat gpt",), category="ai-ml",
                parent="sp.large-language-models"),
        Concept("x.gpt4", "GPT-4", parent="sp.chatgpt"),
        Concept("sp.stable-diffusion", "Stable Diffusion", category="generative-ai"),
        Concept("sp.pytorch", "PyTorch", category="ai-ml"),
        Concept("x.python", "Python", category="software"),
        Concept("x.sql", "SQL", category="software"),
        Concept("x.excel", "Excel", category="business"),
    ])
