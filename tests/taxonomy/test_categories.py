"""The category hierarchy (issue 19): --category accepts any level."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.catalog import load_builtin
from skillpulse.taxonomy.categories import categories, narrower, path


def test_tree() -> None:
    assert path("llm-era") == ["llm-era", "generative-ai", "ai-ml"]
    assert [c.id for c in narrower("ai-ml")] == ["ai-ml", "generative-ai", "llm-era"]
    assert narrower("design") == []  # not in the file: a leaf of its own


def test_levels_nest_on_the_catalog() -> None:
    tax = load_builtin(extra=True)
    ai = {c.id for c in tax.in_category("ai-ml")}
    broad = {c.id for c in tax.in_category("generative-ai")}
    narrow = {c.id for c in tax.in_category("llm-era")}
    assert narrow < broad < ai
    assert {"sp.chatgpt", "sp.langchain", "sp.claude", "sp.rag"} <= narrow
    # the broad notion of the 2023 report keeps TensorFlow, image processing and GANs; the
    # narrow one does not, even below a member in the concept tree (GANs under generative AI)
    assert {"sp.tensorflow", "sp.image-processing", "sp.gans", "sp.stylegan"} <= broad - narrow
    assert "sp.machine-learning" in ai - broad
    members = set(categories()["llm-era"].members)
    assert members <= set(tax.concepts)  # every member is a catalog concept
    assert narrow == members


def test_user_concept_below_a_member_is_in_the_narrow_level(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text('name: user\nversion: "1"\nconcepts:\n  - id: user.langgraph-studio\n'
                 "    label: LangGraph Studio\n    parent: sp.langchain\n", encoding="utf-8")
    base = Taxonomy.builtin()
    tax = Taxonomy.from_concepts([*base, *Taxonomy.from_file(f, known_ids=base.concepts)])
    assert "user.langgraph-studio" in {c.id for c in tax.in_category("llm-era")}


@pytest.mark.parametrize("level", ["ai-ml", "generative-ai", "llm-era"])
def test_default_taxonomy_levels_are_not_empty(level: str) -> None:
    assert Taxonomy.default().in_category(level)
