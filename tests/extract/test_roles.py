"""Issue 13: role nouns imply their skill in titles and search queries (method ``role``)."""

from __future__ import annotations

import pytest

from skillpulse.extract import Extractor
from skillpulse.extract.roles import ROLE_CONFIDENCE
from skillpulse.taxonomy.model import Taxonomy


@pytest.mark.parametrize(("query", "label"), [
    ("prompt engineer", "Prompt engineering"),
    ("data analyst", "Data analysis"),
    ("senior data scientist", "Data science"),
    ("graphic designer", "Graphic design"),
])
def test_role_in_search_implies_skill(default_extractor: Extractor, query: str,
                                      label: str) -> None:
    found = [m for m in default_extractor(query, "search") if m.label == label]
    assert found, default_extractor(query, "search")
    assert found[0].method == "role"
    assert found[0].confidence == ROLE_CONFIDENCE < 1.0


def test_role_in_title_but_not_in_description(default_extractor: Extractor) -> None:
    title = default_extractor("Senior Data Analyst (m/f/d)", "posting", field="title")
    assert [(m.label, m.method, m.text) for m in title] == [
        ("Data analysis", "role", "Data Analyst")]
    # running text: a role noun is no skill claim
    assert not [m for m in default_extractor("We need a data analyst.", "posting")
                if m.method == "role"]


def test_name_alone_before_a_role_noun(default_extractor: Extractor) -> None:
    # "android developer": Android (or Android development) from the exact matcher already;
    # "lead developer": "lead" is no free name, nothing is implied
    assert not default_extractor("lead developer", "search")
    labels = {m.label for m in default_extractor("android developer", "search")}
    assert labels & {"Android", "Android development"}


def test_roles_switch(default_extractor: Extractor) -> None:
    off = Extractor(default_extractor.taxonomy, roles=False)
    assert "role" not in off.component_names
    assert not [m for m in off("data analyst", "search") if m.method == "role"]


def test_roles_on_a_small_taxonomy() -> None:
    tax = Taxonomy.from_concepts(_concepts())
    ex = Extractor(tax)
    assert [(m.skill_id, m.method) for m in ex("Prompt Engineer", "search")] == [
        ("sp.pe", "role")]


def _concepts() -> list:
    from skillpulse.taxonomy.model import Concept

    return [Concept("sp.pe", "Prompt engineering"), Concept("t.py", "Python")]


def test_cli_roles_switch() -> None:
    import json
    import subprocess
    import sys

    cli = [sys.executable, "-m", "skillpulse.cli", "extract", "senior data analyst", "--kind",
           "search", "--json"]
    on = json.loads(subprocess.run(cli, capture_output=True, text=True, check=True).stdout)
    assert [(m["label"], m["method"]) for m in on["mentions"]] == [("Data analysis", "role")]
    off = json.loads(subprocess.run([*cli, "--no-roles"], capture_output=True, text=True,
                                    check=True).stdout)
    assert off["mentions"] == []
    bad = subprocess.run([sys.executable, "-m", "skillpulse.cli", "extract", "--db", "x.duckdb",
                          "--no-roles"], capture_output=True, text=True)
    assert bad.returncode != 0 and "--no-roles" in bad.stderr


def test_general_taxonomies_imply_no_trade(default_extractor: Extractor) -> None:
    # "Software Engineer" would give Lightcast's Software Engineering for most titles
    found = default_extractor("Senior Software Engineer", "posting", field="title")
    assert not [m for m in found if m.method == "role"]
