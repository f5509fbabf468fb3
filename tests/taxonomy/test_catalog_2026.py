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


def test_every_description_says_what_and_hired_for() -> None:
    from tests.taxonomy.test_catalog_data import description_problem

    concepts = _file("catalog_2026.yaml")["concepts"]
    assert isinstance(concepts, list)
    bad = {c["id"]: description_problem(c["description"]) for c in concepts}
    assert {k: v for k, v in bad.items() if v} == {}


# Model versions (docs/taxonomy.md, "Catalog 2026"): a generation the catalog lists as its own
# concept has the family as parent; other version names are aliases of the family.
VERSIONS = [
    ("Claude Sonnet 4", "sp.claude-4", "sp.claude"), ("Claude Opus 4.1", "sp.claude-4", "sp.claude"),
    ("Claude 3.7 Sonnet", "sp.claude-3-7-sonnet", "sp.claude"),
    ("Gemini 2.5 Pro", "sp.gemini-2-5-pro", "sp.gemini"),
    ("Gemini 2.0 Flash", "sp.gemini-2-0-flash", "sp.gemini"),
    ("Gemini 3 Pro", "sp.gemini-3", "sp.gemini"), ("GPT-4.1", "sp.gpt-4-1", "sp.gpt"),
]


def test_version_names_resolve_to_a_version_concept_under_the_family() -> None:
    tax = Taxonomy.default()
    for name, cid, family in VERSIONS:
        concept = tax.resolve(name)
        assert (concept.id, concept.parent) == (cid, family), name
        assert cid in {c.id for c in tax.descendants(family)}
    # older versions stay aliases of the family concept
    for name, family in (("Claude 3.5 Sonnet", "sp.claude"), ("Llama 3", "sp.llama"),
                         ("DeepSeek R1", "sp.deepseek"), ("Qwen3", "sp.qwen")):
        assert tax.resolve(name).id == family, name


# skills of 2024-2026 by the families the issue lists (one reader's list, checked by hand)
CURRENT_2026 = [
    "MCP", "Agent2Agent", "OpenAI Agents SDK", "AutoGen", "Semantic Kernel", "Google ADK",
    "Mastra", "DSPy", "Haystack", "Letta", "GPT-5", "o1", "Claude 4", "Gemini 2.5 Pro",
    "Llama 4", "Mistral", "DeepSeek-V3", "Qwen 2.5", "Microsoft Phi", "Cohere", "Cline", "Aider",
    "Devin", "Gemini CLI", "Claude Code", "Amazon Q", "Kiro", "Sora", "Runway", "Kling AI",
    "Google Veo", "Hailuo AI", "Suno", "Udio", "ElevenLabs", "PlayHT", "Deepgram", "Zapier",
    "Make.com", "n8n", "Pipedream", "Activepieces", "LangSmith", "Langfuse", "Ragas",
    "Arize Phoenix", "Helicone", "NeMo Guardrails", "Lakera Guard", "prompt injection",
    "Outlier AI", "DataAnnotation", "Remotasks", "reward modeling", "testRigor", "QA Wolf",
    "Tableau Pulse", "ThoughtSpot", "Copilot in Power BI", "llama.cpp", "Groq", "OpenRouter",
    "Unsloth", "context engineering", "Copilot Studio", "NotebookLM",
]


def test_current_skills_resolve_to_catalog_concepts() -> None:
    tax = Taxonomy.default()
    missing = [n for n in CURRENT_2026 if not tax.lookup(n)]
    assert missing == []
    assert all(tax.resolve(n).id.startswith("sp.") for n in CURRENT_2026)


def test_new_generative_ai_concepts_are_llm_era() -> None:
    tax = Taxonomy.default()
    llm_era = {c.id for c in tax.in_category("llm-era")}
    for cid in ("sp.claude-4", "sp.gemini-2-5-pro", "sp.cline", "sp.mastra", "sp.helicone",
                "sp.outlier-ai", "tools.cody"):
        assert cid in llm_era, cid
    assert "sp.thoughtspot" not in llm_era and "sp.testrigor" not in llm_era
