"""The catalog file format: valid files load; malformed files name file, line and field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skillpulse.errors import TaxonomyFileError
from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.model import NameInfo


def line_of(text: str, marker: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``marker`` (computed from the text)."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if marker in line]
    return hits[nth - 1]


def test_valid_catalog_loads_every_field(mini_catalog: Taxonomy) -> None:
    assert len(mini_catalog) == 5
    tf = mini_catalog.get("sp.tensorflow")
    assert tf.label == "TensorFlow"
    assert tf.aliases == ("tensor flow", "TF")
    assert tf.ambiguous == ("TF",)
    assert tf.category == "generative-ai"
    assert tf.sources == (("skillpulse-genai", "sp.tensorflow"),)
    assert tf.name_entries()[0] == NameInfo("TensorFlow", "skillpulse-genai", "label")
    assert {n.kind for n in tf.name_entries()[1:]} == {"alias"}
    gpt = mini_catalog.resolve("chat  GPT")  # spacing and case ignored
    assert gpt.id == "sp.chatgpt"
    assert gpt.parent == "sp.large-language-models"
    assert [c.id for c in mini_catalog.children("sp.large-language-models")] == ["sp.chatgpt"]
    assert re.fullmatch(r"skillpulse-genai@test-1#[0-9a-f]{12}", mini_catalog.version)


def test_json_catalog_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "skills.json"
    path.write_text(json.dumps({
        "name": "acme", "version": "1",
        "concepts": [{"id": "acme.widgets", "label": "Widget design", "aliases": ["widgets"]}],
    }))
    tax = Taxonomy.from_file(path)
    assert tax.resolve("widgets").id == "acme.widgets"
    assert tax.get("acme.widgets").sources == (("acme", "acme.widgets"),)


HEADER = 'name: acme\nversion: "1"\nconcepts:\n'

# (case, file text, marker of the offending line, field named in the message, reason fragment)
MALFORMED = [
    ("missing label", HEADER + "  - id: acme.a\n    label: A\n  - id: acme.b\n    aliases: [b]\n",
     "- id: acme.b", "acme.b.label", "is required"),
    ("aliases is a string", HEADER + "  - id: acme.a\n    label: A\n    aliases: a, b\n",
     "aliases: a, b", "acme.a.aliases", "expected a list"),
    ("unknown field", HEADER + "  - id: acme.a\n    label: A\n    alias: [b]\n",
     "alias: [b]", "acme.a.alias", "unknown field"),
    ("duplicate id", HEADER + "  - id: acme.a\n    label: A\n  - id: acme.a\n    label: B\n",
     ("- id: acme.a", 2), "concepts[1].id", "duplicate ID"),
    ("unquoted float version", 'name: acme\nversion: 2026.11\nconcepts: []\n',
     "version: 2026.11", "version", "quote it"),
    ("unknown parent", HEADER + "  - id: acme.a\n    label: A\n    parent: acme.nope\n",
     "parent: acme.nope", "acme.a.parent", "unknown parent"),
    ("ambiguous not a name", HEADER + "  - id: acme.a\n    label: A\n    ambiguous: [Z]\n",
     "ambiguous: [Z]", "acme.a.ambiguous[0]", "neither the label nor an alias"),
    ("parent cycle", HEADER + "  - id: acme.a\n    label: A\n    parent: acme.b\n"
     "  - id: acme.b\n    label: B\n    parent: acme.a\n",
     "parent: acme.b", "acme.a.parent", "cycle"),
    ("label is a list", HEADER + "  - id: acme.a\n    label: [A]\n",
     "label: [A]", "acme.a.label", "expected a string"),
    ("empty label", HEADER + "  - id: acme.a\n    label: ''\n",
     "label: ''", "acme.a.label", "must not be empty"),
    ("bad id", HEADER + "  - id: 'acme a'\n    label: A\n",
     "id: 'acme a'", "concepts[0].id", "invalid ID"),
    ("duplicate key", HEADER + "  - id: acme.a\n    label: A\n    label: B\n",
     "label: B", "acme.a.label", "duplicate field"),
    ("concepts not a list", 'name: acme\nversion: "1"\nconcepts:\n  id: acme.a\n',
     "id: acme.a", "concepts", "expected a list"),
    ("alias item not a string", HEADER + "  - id: acme.a\n    label: A\n    aliases: [b, {x: 1}]\n",
     "aliases: [b", "acme.a.aliases[1]", "expected a string"),
]


@pytest.mark.parametrize(("text", "marker", "field", "reason"),
                         [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_file_names_file_line_and_field(
    tmp_path: Path, text: str, marker: str | tuple[str, int], field: str, reason: str
) -> None:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    expected_line = line_of(text, *marker) if isinstance(marker, tuple) else line_of(text, marker)
    with pytest.raises(TaxonomyFileError) as info:
        Taxonomy.from_file(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == expected_line
    assert err.field == field
    assert reason in str(err)
    assert f"{path}:{expected_line}" in str(err)
    assert f"'{field}'" in str(err)


def test_missing_top_level_field(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('name: acme\nconcepts: []\n')
    with pytest.raises(TaxonomyFileError) as info:
        Taxonomy.from_file(path)
    assert info.value.field == "version" and info.value.line == 1


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    text = HEADER + "  - id: acme.a\n    label: A\n    aliases: [a, b\n  - id: acme.b\n"
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(TaxonomyFileError) as info:
        Taxonomy.from_file(path)
    assert "not valid YAML" in str(info.value)
    # the parser notices the unclosed list at the next item, after the aliases line
    assert info.value.line is not None and info.value.line >= line_of(text, "aliases: [a, b")


@pytest.mark.parametrize("content", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_empty_or_wrong_shaped_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(content)
    with pytest.raises(TaxonomyFileError) as info:
        Taxonomy.from_file(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyFileError, match="no such file"):
        Taxonomy.from_file(tmp_path / "absent.yaml")


def test_parent_may_refer_to_known_ids(tmp_path: Path) -> None:
    path = tmp_path / "ext.yaml"
    path.write_text(HEADER + "  - id: acme.a\n    label: A\n    parent: sp.generative-ai\n")
    with pytest.raises(TaxonomyFileError, match="unknown parent"):
        Taxonomy.from_file(path)
    tax = Taxonomy.from_file(path, known_ids={"sp.generative-ai"})
    assert tax.get("acme.a").parent == "sp.generative-ai"


def test_repeated_alias_is_dropped_once(tmp_path: Path) -> None:
    path = tmp_path / "rep.yaml"
    path.write_text(HEADER + "  - id: acme.a\n    label: Alpha\n    aliases: [alpha, al, AL]\n")
    concept = Taxonomy.from_file(path).get("acme.a")
    assert concept.aliases == ("al",)
