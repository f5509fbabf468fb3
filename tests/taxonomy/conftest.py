"""Fixtures of the taxonomy tests: real slices, a small catalog, the default taxonomy.

The default taxonomy is built once per session into a temporary cache directory
(``SKILLPULSE_CACHE_DIR``), so the CLI tests and the cache tests read that pickle.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from skillpulse.taxonomy import Taxonomy

TAX_DATA = Path(__file__).resolve().parents[1] / "data" / "taxonomy"
ESCO_CSV = TAX_DATA / "esco" / "esco_v1.1.1_skills_labels.csv.gz"
LIGHTCAST_CSV = TAX_DATA / "lightcast" / "lightcast_open_skills_2022-11.csv.gz"
ONET_TXT = TAX_DATA / "onet" / "technology_skills.txt.gz"

MINI_CATALOG = """\
name: skillpulse-genai
version: "test-1"
concepts:
  - id: sp.tensorflow
    label: TensorFlow
    aliases: [tensor flow, TF]
    ambiguous: [TF]
    category: generative-ai
  - id: sp.pytorch
    label: PyTorch
    aliases: [torch]
    category: generative-ai
  - id: sp.large-language-models
    label: Large language models
    aliases: [LLM, LLMs, large language model]
    category: generative-ai
  - id: sp.chatgpt
    label: ChatGPT
    aliases: [chat gpt, OpenAI ChatGPT]
    category: generative-ai
    parent: sp.large-language-models
  - id: sp.natural-language-processing
    label: Natural language processing
    aliases: [NLP]
    category: generative-ai
"""


@pytest.fixture(scope="session")
def tax_data() -> Path:
    return TAX_DATA


@pytest.fixture(scope="session")
def mini_catalog_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "mini.yaml"
    path.write_text(MINI_CATALOG, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def mini_catalog(mini_catalog_path: Path) -> Taxonomy:
    return Taxonomy.from_file(mini_catalog_path)


@pytest.fixture(scope="session")
def esco_slice() -> Taxonomy:
    return Taxonomy.from_esco(ESCO_CSV)


@pytest.fixture(scope="session")
def lightcast_slice() -> Taxonomy:
    return Taxonomy.from_lightcast(LIGHTCAST_CSV)


@pytest.fixture(scope="session")
def onet_slice() -> Taxonomy:
    return Taxonomy.from_onet(ONET_TXT)


@pytest.fixture(scope="session")
def merged_slices(mini_catalog: Taxonomy, lightcast_slice: Taxonomy, onet_slice: Taxonomy,
                  esco_slice: Taxonomy) -> Taxonomy:
    return Taxonomy.merge(esco_slice, onet_slice, mini_catalog, lightcast_slice)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("spcache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SKILLPULSE_CACHE_DIR", str(path))
        mp.delenv("SKILLPULSE_TAXONOMY_FILES", raising=False)
        yield path


@pytest.fixture(scope="session")
def default_taxonomy(cache_dir: Path) -> Taxonomy:
    """Built once (and cached in ``cache_dir``) for the whole session."""
    return Taxonomy.default()
