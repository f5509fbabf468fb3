"""Hand-made stores: real DuckDB files in tmp_path, rows inserted with plain SQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from skillpulse.store import DuckDBStore
from skillpulse.taxonomy import Concept, Taxonomy

V1 = "test@1#aaaaaaaaaaaa"
V0 = "test@0#000000000000"


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Builder:
    """Inserts events, mentions and extractions into a store with SQL."""

    def __init__(self, store: DuckDBStore) -> None:
        self.store = store
        self._n = 0

    def _next(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def posting(self, at: str, *skills: str, doc_id: str | None = None,
                version: str = V1, extra: dict[str, Any] | None = None,
                **fields: Any) -> str:
        doc_id = doc_id or self._next("p")
        cols = {"id": doc_id, "posted_at": ts(at), "extra": json.dumps(extra or {}), **fields}
        self._insert("postings", cols)
        self.mentions("postings", doc_id, *skills, version=version)
        return doc_id

    def search(self, at: str, *skills: str, doc_id: str | None = None, version: str = V1,
               extra: dict[str, Any] | None = None, **fields: Any) -> str:
        doc_id = doc_id or self._next("s")
        cols = {"id": doc_id, "searched_at": ts(at), "query": "q",
                "extra": json.dumps(extra or {}), **fields}
        self._insert("searches", cols)
        self.mentions("searches", doc_id, *skills, version=version)
        return doc_id

    def hire(self, at: str, *skills: str, doc_id: str | None = None, version: str = V1,
             **fields: Any) -> str:
        doc_id = doc_id or self._next("h")
        self._insert("hires", {"id": doc_id, "hired_at": ts(at), **fields})
        self.mentions("hires", doc_id, *skills, version=version)
        return doc_id

    def profile(self, freelancer: str, at: str, *skills: str, version: str = V1,
                **fields: Any) -> str:
        doc_id = f"{freelancer}@{ts(at).isoformat()}"
        self._insert("profiles", {"id": doc_id, "freelancer_id": freelancer,
                                  "observed_at": ts(at), **fields})
        self.mentions("profiles", doc_id, *skills, version=version)
        return doc_id

    def mentions(self, kind: str, doc_id: str, *skills: str, version: str = V1) -> None:
        for skill in skills:
            self.store.con.execute(
                "INSERT INTO mentions (kind, doc_id, skill_id, method, field, text, "
                "taxonomy_version) VALUES (?, ?, ?, 'dictionary', 'title', ?, ?)",
                [kind, doc_id, skill, skill, version],
            )
        self.store.con.execute(
            "INSERT INTO extractions VALUES (?, ?, ?, ?, ?)",
            [kind, doc_id, version, len(skills), ts("2026-01-01") if version == V1
             else ts("2025-01-01")],
        )

    def _insert(self, table: str, cols: dict[str, Any]) -> None:
        names = ", ".join(cols)
        marks = ", ".join("?" for _ in cols)
        self.store.con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                               list(cols.values()))

    def many(self, kind: str, n: int, at: str, *skills: str, **fields: Any) -> list[str]:
        make = {"postings": self.posting, "searches": self.search, "hires": self.hire}[kind]
        return [make(at, *skills, **fields) for _ in range(n)]


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
