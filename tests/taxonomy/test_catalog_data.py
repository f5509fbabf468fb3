"""Checks of the built-in gen-AI catalog *data file*, independent of the loader code.

The file is read with ``yaml.safe_load`` only; the expectations below come from the shared
contract (the fixed IDs of the brief), the published Upwork 2023 lists
(``tests/data/taxonomy/upwork_genai_2023.json``) and issue 3, not from the file itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "src" / "skillpulse" / "taxonomy" / "data" / "genai_catalog.yaml"
PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "taxonomy" / "upwork_genai_2023.json"

RANKED_LISTS = (
    "top_genai_searches_by_clients_H1_2023",
    "fastest_growing_genai_searches_Q2_vs_Q1_2023",
    "top_genai_projects_hired_H1_2023",
    "fastest_growing_genai_skills_on_talent_profiles_Q2_vs_Q1_2023",
)
KEY_ORDER = ("id", "label", "aliases", "ambiguous", "category", "parent", "description", "roles")
REQUIRED_KEYS = set(KEY_ORDER) - {"parent"}
CATEGORIES = {
    "generative-ai", "ai-ml", "data", "software", "design", "writing", "marketing",
    "business", "admin",
}

# The fixed IDs of the shared contract (briefs/common.md), label -> ID.
FIXED_IDS = {
    "ChatGPT": "sp.chatgpt", "BERT": "sp.bert", "Stable Diffusion": "sp.stable-diffusion",
    "TensorFlow": "sp.tensorflow", "AI chatbot": "sp.ai-chatbot",
    "Generative AI": "sp.generative-ai", "Image processing": "sp.image-processing",
    "PyTorch": "sp.pytorch", "Natural language processing": "sp.natural-language-processing",
    "Bard": "sp.bard", "AI content creation": "sp.ai-content-creation", "Gradio": "sp.gradio",
    "Azure OpenAI": "sp.azure-openai",
    "Convolutional neural network": "sp.convolutional-neural-network",
    "Large language models": "sp.large-language-models", "Midjourney": "sp.midjourney",
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


def norm(text: str) -> str:
    """Lookup key: NFKC, case-folded, inner whitespace collapsed (written out independently)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    with CATALOG.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def concepts(doc: dict[str, Any]) -> list[dict[str, Any]]:
    items = doc["concepts"]
    assert isinstance(items, list)
    return items


@pytest.fixture(scope="module")
def by_id(concepts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in concepts}


@pytest.fixture(scope="module")
def by_name(concepts: list[dict[str, Any]]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for c in concepts:
        for name in {norm(n) for n in [c["label"], *c["aliases"]]}:
            index[name].append(c["id"])
    return index


@pytest.fixture(scope="module")
def published() -> dict[str, Any]:
    with PUBLISHED.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def published_names(published: dict[str, Any], *, ranked_only: bool = False) -> list[str]:
    keys = RANKED_LISTS if ranked_only else (*RANKED_LISTS, "other_skills_named_in_the_seeds")
    return [name for key in keys for name in published[key]]


def names_of(c: dict[str, Any]) -> list[str]:
    return [c["label"], *c["aliases"]]


def test_header(doc: dict[str, Any]) -> None:
    assert doc["name"] == "skillpulse-genai"
    assert isinstance(doc["version"], str) and doc["version"]
    assert set(doc) == {"name", "version", "concepts"}


def test_at_least_220_concepts(concepts: list[dict[str, Any]]) -> None:
    assert len(concepts) >= 220


def test_concept_shape_and_key_order(concepts: list[dict[str, Any]]) -> None:
    bad = []
    for c in concepts:
        keys = list(c)
        if not set(keys) >= REQUIRED_KEYS or not set(keys) <= set(KEY_ORDER):
            bad.append((c.get("id"), "keys", keys))
            continue
        if keys != [k for k in KEY_ORDER if k in keys]:
            bad.append((c["id"], "order", keys))
        for key in ("id", "label", "category", "description"):
            if not isinstance(c[key], str) or not c[key].strip() or c[key] != c[key].strip():
                bad.append((c["id"], key, c[key]))
        if "parent" in c and not isinstance(c["parent"], str):
            bad.append((c["id"], "parent", c["parent"]))
        for key in ("aliases", "ambiguous", "roles"):
            value = c[key]
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() and v == v.strip() for v in value
            ):
                bad.append((c["id"], key, value))
    assert bad == []


def test_ids_unique_and_well_formed(concepts: list[dict[str, Any]]) -> None:
    counts = Counter(c["id"] for c in concepts)
    assert [i for i, n in counts.items() if n > 1] == []
    pattern = re.compile(r"^sp\.[a-z0-9]+(-[a-z0-9]+)*$")
    assert [c["id"] for c in concepts if not pattern.match(c["id"])] == []


def test_fixed_ids_have_their_labels(by_id: dict[str, dict[str, Any]]) -> None:
    for label, cid in FIXED_IDS.items():
        assert cid in by_id, cid
        assert norm(by_id[cid]["label"]) == norm(label), cid


def test_categories_known(concepts: list[dict[str, Any]]) -> None:
    assert {c["category"] for c in concepts} <= CATEGORIES


def test_parents_exist(by_id: dict[str, dict[str, Any]]) -> None:
    missing = [(cid, c["parent"]) for cid, c in by_id.items()
               if "parent" in c and c["parent"] not in by_id]
    assert missing == []
    assert [cid for cid, c in by_id.items() if c.get("parent") == cid] == []


def test_no_parent_cycles(by_id: dict[str, dict[str, Any]]) -> None:
    for start in by_id:
        seen = {start}
        node = by_id[start].get("parent")
        while node is not None:
            assert node not in seen, f"cycle through {start}: {node}"
            seen.add(node)
            node = by_id[node].get("parent")


def test_names_distinct_within_a_concept(concepts: list[dict[str, Any]]) -> None:
    dupes = []
    for c in concepts:
        keys = Counter(norm(n) for n in names_of(c))
        dupes += [(c["id"], k) for k, n in keys.items() if n > 1]
    assert dupes == []


def test_ambiguous_entries_are_label_or_alias(concepts: list[dict[str, Any]]) -> None:
    stray = []
    for c in concepts:
        names = {norm(n) for n in names_of(c)}
        stray += [(c["id"], a) for a in c["ambiguous"] if norm(a) not in names]
    assert stray == []


def test_shared_names_are_ambiguous_in_every_concept(
    by_id: dict[str, dict[str, Any]], by_name: dict[str, list[str]]
) -> None:
    offenders = []
    for name, ids in by_name.items():
        if len(ids) < 2:
            continue
        for cid in ids:
            if name not in {norm(a) for a in by_id[cid]["ambiguous"]}:
                offenders.append((name, cid, ids))
    assert offenders == []


def test_every_published_skill_resolves_to_its_fixed_id(
    published: dict[str, Any], by_name: dict[str, list[str]]
) -> None:
    names = published_names(published)
    assert len(names) == 56  # four lists of ten and sixteen other skills
    fixed = {norm(k): v for k, v in FIXED_IDS.items()}
    fixed[norm("Large language model")] = "sp.large-language-models"  # the profile list's singular
    for name in names:
        assert by_name.get(norm(name)) == [fixed[norm(name)]], name


def test_published_list_skills_are_generative_ai(
    published: dict[str, Any], by_name: dict[str, list[str]], by_id: dict[str, dict[str, Any]]
) -> None:
    for name in published_names(published, ranked_only=True):
        (cid,) = by_name[norm(name)]
        assert by_id[cid]["category"] == "generative-ai", name


def test_role_nouns_are_not_plain_aliases(concepts: list[dict[str, Any]]) -> None:
    # "prompt engineer" or "video editor" alone names a job, not a skill: an alias that is
    # also somebody's role is only allowed when it is marked ambiguous ("Illustrator").
    roles = {norm(r) for c in concepts for r in c["roles"]}
    bad = [(c["id"], a) for c in concepts for a in c["aliases"]
           if norm(a) in roles and norm(a) not in {norm(x) for x in c["ambiguous"]}]
    assert bad == []


def test_descriptions_one_line_and_genai_roles(concepts: list[dict[str, Any]]) -> None:
    assert [c["id"] for c in concepts if "\n" in c["description"]] == []
    assert [c["id"] for c in concepts if c["category"] == "generative-ai" and not c["roles"]] == []


# Issue 16: a description is one or two sentences, what the skill is and then what clients hire
# it for. Written rule the data follows: exactly two sentences, the second one starting
# "Hired to/for/as/by". A sentence ends at ., ! or ? followed by a space and a capital, digit,
# quote or bracket ("e.g." and "i.e." do not end one; "Copy.ai" or ".NET" have no space before).
SENTENCE_END = re.compile(r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<=[.!?])\s+(?=[A-Z0-9\"(])")
HIRED = re.compile(r"Hired (to|for|as|by) \S")


def description_problem(text: str) -> str | None:
    """Why *text* breaks the rule above, or None when it follows it."""
    sentences = SENTENCE_END.split(text.strip())
    if len(sentences) != 2:
        return f"{len(sentences)} sentence(s)"
    what, hired = sentences
    if "hired" in what.casefold():
        return "first sentence should say what the skill is"
    if not HIRED.match(hired):
        return "second sentence does not start 'Hired to/for/as/by'"
    if not hired.endswith((".", "!", "?")):
        return "second sentence is not closed"
    return None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Google's transformer model (2018). Hired for text classification and search.", True),
        ("Topics in documents, e.g. with LDA. Hired to find themes in feedback.", True),
        ("A .NET web framework. Hired by companies to build APIs.", True),
        ("Google's transformer model (2018).", False),  # what it is, not what it is hired for
        ("Hired to build chatbots.", False),  # what it is hired for, not what it is
        ("A model. It is used widely. Hired for search.", False),  # three sentences
        ("A model. Companies hire it for search.", False),  # not the written form
        ("A model. Hired for search", False),  # unfinished sentence
    ],
)
def test_description_rule(text: str, ok: bool) -> None:
    assert (description_problem(text) is None) is ok


def test_generative_ai_descriptions_say_what_and_hired_for(
    concepts: list[dict[str, Any]],
) -> None:
    genai = [c for c in concepts if c["category"] == "generative-ai"]
    assert len(genai) >= 100
    bad = {c["id"]: description_problem(c["description"]) for c in genai}
    assert {k: v for k, v in bad.items() if v} == {}


def test_every_description_says_what_and_hired_for(concepts: list[dict[str, Any]]) -> None:
    bad = {c["id"]: description_problem(c["description"]) for c in concepts}
    assert {k: v for k, v in bad.items() if v} == {}


# How clients and postings type skills (brief and issue 3) -> the concept they mean.
ALIASES = [
    ("chat gpt", "sp.chatgpt"), ("chatgpt-4", "sp.chatgpt"), ("ChatGPT4", "sp.chatgpt"),
    ("LLMs", "sp.large-language-models"), ("LLM", "sp.large-language-models"),
    ("large language model", "sp.large-language-models"),
    ("stable-diffusion", "sp.stable-diffusion"), ("SDXL", "sp.stable-diffusion"),
    ("SD", "sp.stable-diffusion"),
    ("YOLOv8", "sp.yolo"), ("yolov5", "sp.yolo"), ("YOLO", "sp.yolo"),
    ("TTS", "sp.ai-text-to-speech"), ("text to speech", "sp.ai-text-to-speech"),
    ("nlp", "sp.natural-language-processing"), ("cnn", "sp.convolutional-neural-network"),
    ("CNNs", "sp.convolutional-neural-network"),
    ("gen ai", "sp.generative-ai"), ("genai", "sp.generative-ai"), ("gen-ai", "sp.generative-ai"),
    ("generative artificial intelligence", "sp.generative-ai"),
    ("GANs", "sp.gans"), ("MLOps", "sp.mlops"), ("ml", "sp.machine-learning"),
    ("dl", "sp.deep-learning"), ("cv", "sp.computer-vision"),
    ("k8s", "sp.kubernetes"), ("postgres", "sp.postgresql"), ("nodejs", "sp.nodejs"),
    ("node", "sp.nodejs"), ("reactjs", "sp.react"), ("react.js", "sp.react"),
    ("js", "sp.javascript"), ("golang", "sp.go"), ("Google Bard", "sp.bard"),
    ("Azure OpenAI Service", "sp.azure-openai"), ("data labeling", "sp.data-annotation"),
    ("AI ethics", "sp.ethical-ai"),
]


@pytest.mark.parametrize(("name", "cid"), ALIASES)
def test_common_spellings_resolve(name: str, cid: str, by_name: dict[str, list[str]]) -> None:
    assert cid in by_name.get(norm(name), []), name


# Issue 3: ordinary words and colliding names must be marked ambiguous.
MUST_BE_AMBIGUOUS = [
    ("Bard", "sp.bard"), ("SD", "sp.stable-diffusion"), ("Go", "sp.go"), ("R", "sp.r"),
    ("Excel", "sp.excel"), ("Spark", "sp.apache-spark"), ("Rust", "sp.rust"),
    ("Swift", "sp.swift"), ("Node", "sp.nodejs"), ("CNN", "sp.convolutional-neural-network"),
    ("CV", "sp.computer-vision"), ("ML", "sp.machine-learning"), ("Claude", "sp.claude"),
    ("Gemini", "sp.gemini"), ("Llama", "sp.llama"), ("Copilot", "sp.github-copilot"),
    ("Copilot", "sp.microsoft-copilot"), ("Whisper", "sp.whisper"), ("Runway", "sp.runway"),
]


@pytest.mark.parametrize(("name", "cid"), MUST_BE_AMBIGUOUS)
def test_ordinary_words_are_ambiguous(
    name: str, cid: str, by_id: dict[str, dict[str, Any]]
) -> None:
    assert norm(name) in {norm(a) for a in by_id[cid]["ambiguous"]}


def test_distinctive_names_stay_unambiguous(by_id: dict[str, dict[str, Any]]) -> None:
    # Names that mean one thing must not be held back for want of context.
    for cid in ("sp.midjourney", "sp.chatgpt", "sp.large-language-models", "sp.gradio",
                "sp.azure-openai", "sp.natural-language-processing"):
        assert by_id[cid]["ambiguous"] == [], cid
    for cid, name in (("sp.pytorch", "PyTorch"), ("sp.tensorflow", "TensorFlow"),
                      ("sp.stable-diffusion", "Stable Diffusion"), ("sp.go", "Golang"),
                      ("sp.prompt-engineering", "Prompt engineering")):
        assert norm(name) not in {norm(a) for a in by_id[cid]["ambiguous"]}, cid


# Issue 3's neighbourhood of the published skills.
NEIGHBOURS = [
    "OpenAI API", "GPT-4", "DALL-E", "Whisper", "LangChain", "LlamaIndex",
    "retrieval-augmented generation", "vector databases", "Hugging Face", "fine-tuning", "LoRA",
    "Llama", "Gemini", "Claude", "Copilot", "AI agents", "speech recognition", "GANs",
    "reinforcement learning", "MLOps", "GPT-3.5", "GPT-4o", "Pinecone", "Weaviate", "Chroma",
    "FAISS", "embeddings", "semantic search", "QLoRA", "RLHF", "Mistral", "AutoGPT", "CrewAI",
    "function calling", "ElevenLabs", "Runway", "Synthesia", "Leonardo AI", "Jasper", "Copy.ai",
    "diffusion models", "VAE", "attention mechanism", "sentiment analysis",
    "named entity recognition", "OCR", "OpenCV", "scikit-learn", "XGBoost", "SageMaker",
    "Vertex AI", "Dialogflow", "Rasa", "Streamlit", "FastAPI", "responsible AI", "AI governance",
]


@pytest.mark.parametrize("name", NEIGHBOURS)
def test_neighbourhood_is_covered(name: str, by_name: dict[str, list[str]]) -> None:
    assert by_name.get(norm(name)), name


PARENTS = [
    ("sp.gpt-4", "sp.gpt"), ("sp.gpt-3-5", "sp.gpt"), ("sp.gpt-4o", "sp.gpt"),
    ("sp.openai-o1", "sp.gpt"), ("sp.gpt-5", "sp.gpt"), ("sp.gpt", "sp.large-language-models"),
    ("sp.chatgpt", "sp.large-language-models"), ("sp.llama", "sp.large-language-models"),
    ("sp.claude", "sp.large-language-models"), ("sp.gemini", "sp.large-language-models"),
    ("sp.mistral", "sp.large-language-models"), ("sp.yolo", "sp.object-detection"),
    ("sp.object-detection", "sp.computer-vision"),
    ("sp.sentiment-analysis", "sp.natural-language-processing"),
    ("sp.lora", "sp.fine-tuning"), ("sp.fine-tuning", "sp.model-tuning"),
    ("sp.large-language-models", "sp.generative-ai"),
]


@pytest.mark.parametrize(("child", "parent"), PARENTS)
def test_hierarchy(child: str, parent: str, by_id: dict[str, dict[str, Any]]) -> None:
    assert by_id[child].get("parent") == parent


def test_file_is_plain_yaml_without_anchors() -> None:
    text = CATALOG.read_text(encoding="utf-8")
    assert not re.search(r"(^|[\s\[,:])[&*][A-Za-z0-9_-]+", text, flags=re.M)
