"""catalog_2026.yaml (issue 19): the tools of 2024-2026, loaded with the built-in catalog."""

from __future__ import annotations

from importlib import resources

import yaml

from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.catalog import BUILTIN_EXTRA_FILES, BUILTIN_FILE, load_builtin


def _file(name: str) -> dict[str, object]:
    text = (resources.files("skillpulse.taxonomy") / "data" / name).read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_loaded_with_the_catalog_and_the_default() -> None:
    main = _file(BUILTIN_FILE)["concepts"]
    extra = [c for name in BUILTIN_EXTRA_FILES for c in _file(name)["concepts"]]  # type: ignore[union-attr]
    assert isinstance(main, list) and "catalog_2026.yaml" in BUILTIN_EXTRA_FILES
    assert len(Taxonomy.builtin()) == len(main)  # the catalog alone: the main file
    assert len(load_builtin(extra=True)) == len(main) + len(extra)
    default = Taxonomy.default()
    for name, cid in (("Playwright", "sp.playwright"), ("Looker Studio", "sp.looker-studio"),
                      ("Google Data Studio", "sp.looker-studio"), ("LangSmith", "sp.langsmith"),
                      ("CodeWhisperer", "sp.amazon-q-developer"), ("Suno AI", "sp.suno")):
        assert default.resolve(name).id == cid


def test_every_entry_is_complete_and_placed() -> None:
    tax = load_builtin(extra=True)
    llm_era = {c.id for c in tax.in_category("llm-era")}
    for c in _file("catalog_2026.yaml")["concepts"]:  # type: ignore[union-attr]
        concept = tax.get(c["id"])
        assert concept.description and concept.roles and concept.category, c["id"]
        if concept.category == "generative-ai":
            assert c["id"] in llm_era, c["id"]


def test_common_words_need_context() -> None:
    from skillpulse.extract.store import build_extractor

    extract = build_extractor(Taxonomy.default())
    prose = "Our lovable dog went on a windsurf trip with Gemma while the DAX index fell."
    assert not {m.skill_id for m in extract(prose)} & {
        "sp.lovable", "sp.windsurf", "sp.gemma", "sp.dax"}
    listed = "Skills: Playwright, Looker Studio, DAX, Vapi, Retell AI, LangSmith"
    found = {m.skill_id for m in extract(listed)}
    assert {"sp.playwright", "sp.looker-studio", "sp.dax", "sp.vapi", "sp.retell-ai",
            "sp.langsmith"} <= found
