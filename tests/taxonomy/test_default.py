"""The default taxonomy (built-in catalog + bundled Lightcast, O*NET, ESCO), its cache, user
files on top, and the name provenance extraction relies on."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from skillpulse.errors import TaxonomyFileError
from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.default import cache_path, load_default
from skillpulse.taxonomy.names import CONTEXT, MATCH, SKIP, name_entries, text_usage

from .conftest import TAX_DATA

PUBLISHED = TAX_DATA / "upwork_genai_2023.json"
LISTS = (
    "top_genai_searches_by_clients_H1_2023",
    "fastest_growing_genai_searches_Q2_vs_Q1_2023",
    "top_genai_projects_hired_H1_2023",
    "fastest_growing_genai_skills_on_talent_profiles_Q2_vs_Q1_2023",
    "other_skills_named_in_the_seeds",
)
# The fixed IDs of the shared contract (briefs/common.md), typed from the brief.
EXPECTED = {
    "ChatGPT": "sp.chatgpt", "BERT": "sp.bert", "Stable Diffusion": "sp.stable-diffusion",
    "TensorFlow": "sp.tensorflow", "AI chatbot": "sp.ai-chatbot",
    "Generative AI": "sp.generative-ai", "Image processing": "sp.image-processing",
    "PyTorch": "sp.pytorch", "Natural language processing": "sp.natural-language-processing",
    "Bard": "sp.bard", "AI content creation": "sp.ai-content-creation", "Gradio": "sp.gradio",
    "Azure OpenAI": "sp.azure-openai",
    "Convolutional neural network": "sp.convolutional-neural-network",
    "Large language models": "sp.large-language-models",
    "Large language model": "sp.large-language-models", "Midjourney": "sp.midjourney",
    "Prompt engineering": "sp.prompt-engineering", "Model tuning": "sp.model-tuning",
    "You Only Look Once": "sp.yolo", "Object detection": "sp.object-detection",
    "AI text-to-speech": "sp.ai-text-to-speech", "Computer vision": "sp.computer-vision",
    "Neural network architecture": "sp.neural-network-architecture",
    "Data annotation and labeling": "sp.data-annotation",
    "Speech synthesis and recognition": "sp.speech-synthesis-and-recognition",
    "Generative adversarial networks": "sp.gans",
    "Reinforcement learning": "sp.reinforcement-learning",
    "Predictive modeling": "sp.predictive-modeling",
    "Time series analysis": "sp.time-series-analysis", "Ethical AI frameworks": "sp.ethical-ai",
    "Data extraction": "sp.data-extraction", "Data quality analysis": "sp.data-quality-analysis",
    "Machine learning operations": "sp.mlops",
    "AI workflow integration": "sp.ai-workflow-integration",
    "Personal coaching": "sp.personal-coaching", "Career coaching": "sp.career-coaching",
    "Training and development": "sp.training-and-development",
}
# Common ways clients type them (issue 3 names most of these).
ALIASES = {
    "chat gpt": "sp.chatgpt", "chatgpt-4": "sp.chatgpt", "OpenAI ChatGPT": "sp.chatgpt",
    "LLMs": "sp.large-language-models", "LLM": "sp.large-language-models",
    "large language model": "sp.large-language-models", "SD": "sp.stable-diffusion",
    "stable-diffusion": "sp.stable-diffusion", "YOLOv8": "sp.yolo", "YOLO": "sp.yolo",
    "TTS": "sp.ai-text-to-speech", "text to speech": "sp.ai-text-to-speech",
    "NLP": "sp.natural-language-processing", "GANs": "sp.gans", "MLOps": "sp.mlops",
    "CNN": "sp.convolutional-neural-network", "GenAI": "sp.generative-ai",
    "Google Bard": "sp.bard", "Tensor Flow": "sp.tensorflow",
}


def published_names() -> list[str]:
    data = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    return sorted({name for key in LISTS for name in data[key]})


def test_every_published_skill_resolves_by_label(default_taxonomy: Taxonomy) -> None:
    names = published_names()
    assert len(names) == len(EXPECTED)
    wrong = {n: default_taxonomy.resolve(n).id for n in names
             if default_taxonomy.resolve(n).id != EXPECTED[n]}
    assert wrong == {}
    for n in names:  # case and spacing do not matter
        assert default_taxonomy.resolve(f"  {n.upper()} ").id == EXPECTED[n]


@pytest.mark.parametrize(("alias", "skill_id"), sorted(ALIASES.items()))
def test_published_skills_resolve_by_common_alias(
    default_taxonomy: Taxonomy, alias: str, skill_id: str
) -> None:
    assert default_taxonomy.resolve(alias).id == skill_id


def test_general_sources_are_merged_into_catalog_concepts(default_taxonomy: Taxonomy) -> None:
    tf = default_taxonomy.get("sp.tensorflow")
    assert {s for s, _ in tf.sources} >= {"skillpulse-genai", "lightcast", "onet"}
    assert default_taxonomy.resolve("large language models").id == "sp.large-language-models"
    assert default_taxonomy.resolve("Language Model").id != "sp.large-language-models"
    assert default_taxonomy.source_versions["esco"] == "1.1.1"
    assert default_taxonomy.source_versions["lightcast"] == "2022-11"
    assert default_taxonomy.source_versions["skillpulse-genai"]


@pytest.mark.parametrize("name", ["Bard", "SD", "Go", "R", "Excel", "Spark", "Rust"])
def test_ambiguous_aliases_are_flagged(default_taxonomy: Taxonomy, name: str) -> None:
    catalog = [c for c in default_taxonomy.lookup(name) if c.id.startswith("sp.")]
    assert catalog, name
    assert all(c.is_ambiguous(name) for c in catalog)
    assert default_taxonomy.is_ambiguous_name(name)


def test_name_provenance_for_extraction(default_taxonomy: Taxonomy) -> None:
    entries = {(e.concept_id, e.key, e.source, e.kind): e for e in name_entries(default_taxonomy)}
    llm = entries[("sp.large-language-models", "large language models", "skillpulse-genai", "label")]
    assert text_usage(llm) == MATCH
    sd = entries[("sp.stable-diffusion", "sd", "skillpulse-genai", "alias")]
    assert sd.ambiguous and text_usage(sd) == CONTEXT
    generic = [e for e in entries.values() if e.source == "lightcast" and e.key == "communication"]
    assert generic and all(text_usage(e) != MATCH for e in generic)
    long_esco = [e for e in entries.values() if e.source == "esco" and e.words > 4]
    assert long_esco and all(text_usage(e) == SKIP for e in long_esco)
    groups = [e for e in entries.values() if e.group]
    assert groups and all(text_usage(e) == SKIP for e in groups)


def test_cache_round_trip_and_corrupt_entry(default_taxonomy: Taxonomy, cache_dir: Path) -> None:
    path = cache_path(cache_dir)
    assert path.is_file()
    with open(path, "rb") as fh:
        on_disk = pickle.load(fh)
    assert on_disk.version == default_taxonomy.version
    again = load_default(cache_dir=cache_dir)
    assert again.version == default_taxonomy.version
    assert again.concepts == default_taxonomy.concepts
    assert again.redirects == default_taxonomy.redirects
    corrupt_dir = cache_dir / "corrupt"
    bad = cache_path(corrupt_dir)
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"not a pickle")
    rebuilt = load_default(cache_dir=corrupt_dir)
    assert rebuilt.version == default_taxonomy.version
    with open(bad, "rb") as fh:
        assert pickle.load(fh).version == default_taxonomy.version


def test_user_files_on_top(default_taxonomy: Taxonomy, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Files merge in order, later on top; the library reads no taxonomy files from the
    environment (the CLI and ``skillpulse.open`` resolve that setting and pass it)."""
    first = tmp_path / "first.yaml"
    first.write_text(
        'name: acme\nversion: "1"\nconcepts:\n'
        "  - id: acme.widget-ai\n    label: Widget AI\n    aliases: [widgetai]\n"
        "    parent: sp.generative-ai\n    category: generative-ai\n"
        "  - id: sp.chatgpt\n    label: ChatGPT\n    aliases: [our gpt]\n")
    second = tmp_path / "second.yaml"
    second.write_text('name: beta\nversion: "2"\nconcepts:\n'
                      "  - id: beta.widget\n    label: widgetai\n")
    monkeypatch.setenv("SKILLPULSE_TAXONOMY_FILES", str(tmp_path / "absent.yaml"))
    tax = Taxonomy.load([first, second])
    assert len(tax) == len(default_taxonomy) + 1  # beta.widget joined acme.widget-ai
    assert tax.resolve("our gpt").id == "sp.chatgpt"
    assert tax.get("sp.chatgpt").parent == default_taxonomy.get("sp.chatgpt").parent
    widget = tax.resolve("widget ai")
    assert widget.id == "beta.widget" or widget.id == "acme.widget-ai"
    assert {s for s, _ in widget.sources} == {"acme", "beta"}
    assert widget in tax.descendants("sp.generative-ai") or widget.parent == "sp.generative-ai"
    assert tax.version != default_taxonomy.version
    assert "acme@1" in tax.version and "beta@2" in tax.version
    assert Taxonomy.load([second]).resolve("widgetai").id == "beta.widget"
    # the default itself is untouched
    assert "our gpt" not in {a.lower() for a in default_taxonomy.get("sp.chatgpt").aliases}


def test_malformed_user_file_is_rejected(default_taxonomy: Taxonomy, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('name: acme\nversion: "1"\nconcepts:\n  - id: acme.x\n    label: X\n'
                   "    parent: sp.does-not-exist\n")
    with pytest.raises(TaxonomyFileError) as info:
        Taxonomy.load([bad])
    assert info.value.line == 6 and info.value.field == "acme.x.parent"


def test_overlay_index_equals_a_full_reindex(default_taxonomy: Taxonomy, tmp_path: Path) -> None:
    """``Taxonomy.load`` patches the default's name index; it must equal a rebuilt one."""
    user = tmp_path / "u.yaml"
    user.write_text('name: acme\nversion: "1"\nconcepts:\n'
                    "  - id: acme.tf\n    label: TensorFlow\n    aliases: [tf-acme]\n"
                    "  - id: acme.new\n    label: Brand new skill\n")
    tax = Taxonomy.load([user])
    rebuilt = Taxonomy.from_concepts(tax.concepts.values(), tax.source_versions)
    assert tax.names() == rebuilt.names()
    assert tax.version == rebuilt.version
    # the user's concept is on top: it keeps its ID and absorbs the catalog's TensorFlow
    tf = tax.resolve("tensorflow")
    assert tf.id == "acme.tf"
    assert tax.get("sp.tensorflow").id == "acme.tf"
    assert {s for s, _ in tf.sources} >= {"acme", "skillpulse-genai", "lightcast", "onet"}
    assert {c.id for c in tax.children("acme.tf")} == {
        c.id for c in default_taxonomy.children("sp.tensorflow")}


def test_cache_keeps_only_the_newest_entries(tmp_path: Path, mini_catalog: Taxonomy) -> None:
    import os

    from skillpulse.taxonomy.default import CACHE_KEEP, _write_cache

    folder = tmp_path / "taxonomy"
    folder.mkdir()
    for i in range(4):
        old = folder / f"default-old{i}.pickle"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    other = folder / "unrelated.txt"
    other.write_text("kept")
    new = folder / "default-new.pickle"
    _write_cache(new, mini_catalog)
    left = sorted(p.name for p in folder.glob("default-*.pickle"))
    assert left == ["default-new.pickle", "default-old2.pickle", "default-old3.pickle"]
    assert len(left) == CACHE_KEEP and other.exists()
    with open(new, "rb") as fh:
        assert pickle.load(fh).version == mini_catalog.version


def test_bundled_sources_are_complete(default_taxonomy: Taxonomy) -> None:
    """Counts of the bundled files (read here with csv) match the upstream figures of
    shared/data/README.md, and every source concept is in the default exactly once."""
    import csv
    import gzip

    from skillpulse.taxonomy.default import ESCO_FILE, LIGHTCAST_FILE, ONET_FILE, data_dir

    def rows(parts: tuple[str, str], delimiter: str = ",") -> list[dict[str, str]]:
        with gzip.open(data_dir().joinpath(*parts), "rt", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter=delimiter))

    lightcast = rows(LIGHTCAST_FILE)
    esco = rows(ESCO_FILE)
    onet = rows(ONET_FILE, "\t")
    assert len(lightcast) == 32_468  # README: 32,468 rows
    assert len({r["id"] for r in esco if r["type"] == "preferredLabel"}) == 13_412
    assert len(esco) == 97_162  # README: 97,162 labels
    assert len(onet) == 32_681  # README: 32,681 technology-skill rows
    skills = [c for c in default_taxonomy if "skill_group" not in c.flags]
    per_source = {s: sum(1 for c in skills if any(x == s for x, _ in c.sources))
                  for s in ("lightcast", "esco", "onet")}
    assert per_source == {
        "lightcast": sum(1 for r in lightcast if r["type"] == "skill"),
        "esco": 13_412,
        "onet": len({r["Example"] for r in onet}),
    }
