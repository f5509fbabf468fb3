"""Fixtures: a small hand-built taxonomy (fast) and the full default taxonomy (once)."""

from __future__ import annotations

import pytest

from skillpulse.extract import Extractor
from skillpulse.taxonomy.model import Concept, Taxonomy

SMALL = [
    Concept("sp.chatgpt", "ChatGPT", ("chat gpt", "chat-gpt")),
    Concept("t.python", "Python"),
    Concept("t.r", "R", ("R programming",), ("R",)),
    Concept("t.go", "Go", ("golang",), ("Go",)),
    Concept("t.c", "C", (), ("C",)),
    Concept("t.cpp", "C++"),
    Concept("t.csharp", "C#"),
    Concept("t.dotnet", ".NET"),
    Concept("t.aspnet", "ASP.NET"),
    Concept("t.node", "Node.js", ("nodejs",)),
    Concept("t.sklearn", "scikit-learn"),
    Concept("t.cicd", "CI/CD"),
    Concept("t.ml", "Machine learning"),
    Concept("t.mle", "Machine learning engineer"),
    Concept("t.learning", "Learning"),
    Concept("t.gtm", "Go-to-market strategy"),
    Concept("sp.yolo", "You Only Look Once", ("YOLO",)),
    Concept("sp.gpt4o", "GPT-4o"),
    Concept("sp.bard", "Bard", (), ("Bard",), category="generative-ai"),
    Concept("sp.whisper", "Whisper", (), ("Whisper",), category="generative-ai"),
    Concept("t.excel", "Microsoft Excel", ("Excel",), ("Excel",)),
    Concept("t.spark", "Apache Spark", ("Spark",), ("Spark",)),
    Concept("sp.stable-diffusion", "Stable Diffusion"),
    Concept("sp.midjourney", "Midjourney"),
    Concept("sp.pytorch", "PyTorch"),
    Concept("sp.ai-chatbot", "AI chatbot", ("chatbot", "chatbot development")),
    Concept("t.istanbul", "Istanbul"),
]


@pytest.fixture(scope="session")
def small_taxonomy() -> Taxonomy:
    return Taxonomy.from_concepts(SMALL)


@pytest.fixture(scope="session")
def small(small_taxonomy: Taxonomy) -> Extractor:
    return Extractor(small_taxonomy)


@pytest.fixture(scope="session")
def default_extractor() -> Extractor:
    return Extractor(Taxonomy.default())
