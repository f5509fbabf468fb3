"""The version string changes exactly when the content changes."""

from __future__ import annotations

import re
from pathlib import Path

from skillpulse.taxonomy import Taxonomy

from .conftest import MINI_CATALOG


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_same_content_same_version(tmp_path: Path, mini_catalog: Taxonomy) -> None:
    again = Taxonomy.from_file(write(tmp_path, "copy.yaml", MINI_CATALOG))
    assert again.version == mini_catalog.version
    # comments, key order and quoting are not content
    reformatted = MINI_CATALOG.replace("  - id: sp.pytorch\n    label: PyTorch\n",
                                       "  # a comment\n  - label: 'PyTorch'\n    id: sp.pytorch\n")
    assert reformatted != MINI_CATALOG
    assert Taxonomy.from_file(write(tmp_path, "fmt.yaml", reformatted)).version == mini_catalog.version


def test_concept_order_does_not_matter(tmp_path: Path, mini_catalog: Taxonomy) -> None:
    head, body = MINI_CATALOG.split("concepts:\n")
    blocks = ["  - id:" + b for b in body.split("  - id:") if b.strip()]
    reordered = head + "concepts:\n" + "".join(reversed(blocks))
    assert Taxonomy.from_file(write(tmp_path, "rev.yaml", reordered)).version == mini_catalog.version


def test_any_content_change_changes_version(tmp_path: Path, mini_catalog: Taxonomy) -> None:
    edits = {
        "alias": MINI_CATALOG.replace("[tensor flow, TF]", "[tensor flow, TF, tf2]"),
        "label": MINI_CATALOG.replace("label: PyTorch", "label: Pytorch"),
        "category": MINI_CATALOG.replace("category: generative-ai\n  - id: sp.pytorch",
                                         "category: ai-ml\n  - id: sp.pytorch"),
        "ambiguous": MINI_CATALOG.replace("ambiguous: [TF]", "ambiguous: []"),
        "source version": MINI_CATALOG.replace('version: "test-1"', 'version: "test-2"'),
    }
    versions = {mini_catalog.version}
    for name, text in edits.items():
        assert text != MINI_CATALOG, name
        v = Taxonomy.from_file(write(tmp_path, f"{name}.yaml", text)).version
        versions.add(v)
    assert len(versions) == len(edits) + 1
    assert re.fullmatch(r"skillpulse-genai@test-2#[0-9a-f]{12}", v)


def test_merge_version_independent_of_argument_order(
    mini_catalog: Taxonomy, lightcast_slice: Taxonomy, onet_slice: Taxonomy,
    esco_slice: Taxonomy, merged_slices: Taxonomy,
) -> None:
    other = Taxonomy.merge(mini_catalog, lightcast_slice, esco_slice, onet_slice)
    assert other.version == merged_slices.version
    assert other.concepts == merged_slices.concepts
    assert merged_slices.version.startswith(
        "esco@1.1.1+lightcast@2022-11+onet@sha256-")
    assert "+skillpulse-genai@test-1#" in merged_slices.version
    assert Taxonomy.merge(mini_catalog, lightcast_slice).version != merged_slices.version
