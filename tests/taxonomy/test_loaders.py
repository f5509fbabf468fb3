"""ESCO, Lightcast and O*NET loaders on real slices, checked against independent counts
computed here with csv/gzip/json (not with the loaders' code)."""

from __future__ import annotations

import ast
import csv
import gzip
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from skillpulse.errors import InputFileError
from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.names import derived_names

from .conftest import ESCO_CSV, LIGHTCAST_CSV, ONET_TXT


def rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def skills(tax: Taxonomy) -> dict[str, object]:
    return {c.id: c for c in tax if "skill_group" not in c.flags}


# -- Lightcast --------------------------------------------------------------------------
def test_lightcast_counts_and_fields(lightcast_slice: Taxonomy) -> None:
    data = rows(LIGHTCAST_CSV)
    hierarchy = json.loads((LIGHTCAST_CSV.parent / "lightcast_hierarchy.json").read_text())
    skill_rows = [r for r in data if r["type"] == "skill"]
    assert len(skill_rows) > 100
    got = skills(lightcast_slice)
    assert set(got) == {f"lc.{r['id']}" for r in skill_rows}
    groups = {c.id for c in lightcast_slice if "skill_group" in c.flags}
    referenced = {code for r in skill_rows if r["hierarchy_levels"]
                  for path in ast.literal_eval(r["hierarchy_levels"]) for code in path
                  if not code.startswith("nan")}
    listed = {r["id"] for r in data if r["type"] != "skill"}
    assert groups == {f"lc.group.{c}" for c in referenced | listed}
    assert lightcast_slice.source_versions == {"lightcast": "2022-11"}

    tf = lightcast_slice.resolve("TensorFlow")
    row = next(r for r in skill_rows if r["description"] == "TensorFlow")
    assert tf.id == f"lc.{row['id']}"
    cat, sub = ast.literal_eval(row["hierarchy_levels"])[0]
    assert tf.category == hierarchy[cat] == "Information Technology"
    assert tf.parent == f"lc.group.{sub}"
    assert lightcast_slice.get(tf.parent).label == hierarchy[sub]
    nan_rows = [r for r in skill_rows if "nan.nan" in r["hierarchy_levels"]]
    assert nan_rows and all(lightcast_slice.get(f"lc.{r['id']}").parent is None for r in nan_rows)


def test_lightcast_qualified_labels_give_derived_names(lightcast_slice: Taxonomy) -> None:
    pytorch = lightcast_slice.resolve("PyTorch (Machine Learning Library)")
    assert [(n.text, n.kind) for n in pytorch.name_entries()] == [
        ("PyTorch (Machine Learning Library)", "label"), ("PyTorch", "derived")]
    assert lightcast_slice.resolve("pytorch").id == pytorch.id
    assert derived_names("Natural Language Processing (NLP)") == [
        ("Natural Language Processing", "derived"), ("NLP", "acronym")]
    assert derived_names("Salsa (Dance)") == [("Salsa", "derived")]
    assert derived_names("(American Society For Quality) ASQ Certified") == []
    assert derived_names("TensorFlow") == []


def test_lightcast_duplicate_labels_stay_distinct(lightcast_slice: Taxonomy) -> None:
    counts = Counter(r["description"].lower() for r in rows(LIGHTCAST_CSV) if r["type"] == "skill")
    dupes = [label for label, n in counts.items() if n > 1]
    assert dupes
    for label in dupes:
        assert len(lightcast_slice.lookup(label)) == counts[label]
        assert lightcast_slice.is_ambiguous_name(label)


# -- ESCO -------------------------------------------------------------------------------
def test_esco_counts_labels_and_groups(esco_slice: Taxonomy) -> None:
    data = rows(ESCO_CSV)
    hierarchy = json.loads((ESCO_CSV.parent / "esco_v1.1.1_hierarchy.json").read_text())
    preferred = {r["id"]: r["description"] for r in data if r["type"] == "preferredLabel"}
    alts: dict[str, set[str]] = defaultdict(set)
    for r in data:
        if r["type"] == "altLabels":
            alts[r["id"]].add(" ".join(r["description"].lower().split()))
    got = skills(esco_slice)
    assert set(got) == {f"esco.{i}" for i in preferred}
    assert esco_slice.source_versions == {"esco": "1.1.1"}
    for sid, label in preferred.items():
        concept = esco_slice.get(f"esco.{sid}")
        assert concept.label == label
        alt_names = {" ".join(n.text.lower().split()) for n in concept.name_entries()
                     if n.kind == "alt_label"}
        other = {" ".join(t.lower().split()) for t, _ in derived_names(label)}
        assert alt_names == alts[sid] - {" ".join(label.lower().split())} - other

    python = esco_slice.resolve("Python (computer programming)")
    assert python.category == hierarchy["K06"]  # first path: K, K06, K061, K0613
    assert python.parent == "esco.group.K0613"
    assert esco_slice.get("esco.group.K0613").label == hierarchy["K0613"]
    assert esco_slice.get("esco.group.K0613").parent == "esco.group.K061"
    assert esco_slice.resolve("python").id == python.id  # derived from the qualifier
    ml = esco_slice.resolve("utilise machine learning")
    assert ml.category == hierarchy["S5"] == "working with computers"


# -- O*NET ------------------------------------------------------------------------------
def test_onet_counts_flags_and_roles(onet_slice: Taxonomy) -> None:
    data = rows(ONET_TXT, "\t")
    occupations = {r["O*NET-SOC Code"]: r["Title"]
                   for r in rows(ONET_TXT.parent / "occupation_data.txt.gz", "\t")}
    names = {r["Example"] for r in data}
    got = skills(onet_slice)
    assert len(got) == len(names)
    assert {c.label for c in got.values()} == names
    classes = {r["Commodity Code"] for r in data}
    assert {c.id for c in onet_slice if "skill_group" in c.flags} == {f"onet.{c}" for c in classes}

    for name in ("TensorFlow", "Python", "OpenAI ChatGPT", "Microsoft Excel"):
        mine = [r for r in data if r["Example"] == name]
        concept = onet_slice.resolve(name)
        assert ("onet_hot_technology" in concept.flags) == any(r["Hot Technology"] == "Y" for r in mine)
        assert ("onet_in_demand" in concept.flags) == any(r["In Demand"] == "Y" for r in mine)
        assert set(concept.roles) == {occupations[r["O*NET-SOC Code"]] for r in mine}
        top = Counter(r["Commodity Code"] for r in mine).most_common()
        best = min(code for code, n in top if n == top[0][1])
        assert concept.parent == f"onet.{best}"
    assert onet_slice.resolve("TensorFlow").id == "onet.tensorflow"
    digest = hashlib.sha256(gzip.decompress(ONET_TXT.read_bytes())).hexdigest()[:8]
    assert onet_slice.source_versions == {"onet": f"sha256-{digest}"}


def test_missing_file_or_column_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        Taxonomy.from_lightcast(tmp_path / "absent.csv.gz")
    bad = tmp_path / "lightcast_open_skills_2022-11.csv"
    bad.write_text("id,name\nKS1,Foo\n")
    with pytest.raises(InputFileError, match="missing column"):
        Taxonomy.from_lightcast(bad)
