"""``skillpulse taxonomy`` commands (they read the session's cached default taxonomy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillpulse.cli import main
from skillpulse.taxonomy import Taxonomy


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["taxonomy", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_json(default_taxonomy: Taxonomy, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "stable diffusion", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "sp.stable-diffusion"
    assert data["label"] == "Stable Diffusion"
    assert "SD" in data["aliases"] and "SD" in data["ambiguous"]
    assert data["category"] == "generative-ai"
    assert data["sources"][0] == {"source": "skillpulse-genai", "id": "sp.stable-diffusion"}
    assert data["roles"]
    assert data["taxonomy_version"] == default_taxonomy.version
    parent = default_taxonomy.get("sp.stable-diffusion").parent
    assert (data["parent"] or {}).get("id") == parent


def test_show_table_and_merged_sources(default_taxonomy: Taxonomy,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "TensorFlow")
    assert code == 0
    assert "sp.tensorflow" in out and "lightcast:" in out and "onet:TensorFlow" in out


def test_unknown_skill_exits_2(default_taxonomy: Taxonomy,
                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "no such skill zzz")
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and "no such skill zzz" in err


def test_search(default_taxonomy: Taxonomy, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "diffusion", "--limit", "5", "--json")
    assert code == 0
    hits = json.loads(out)
    assert 0 < len(hits) <= 5
    assert "sp.stable-diffusion" in [h["concept_id"] for h in hits]
    assert all("diffusion" in h["name"].lower() for h in hits)
    code, out, _ = run(capsys, "search", "stabel difusion", "--json", "--limit", "3")
    assert json.loads(out)[0]["concept_id"] == "sp.stable-diffusion"  # typo: fuzzy match


def test_stats_json(default_taxonomy: Taxonomy, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    data = json.loads(out)
    skills = [c for c in default_taxonomy if "skill_group" not in c.flags]
    assert data["concepts"] == len(skills)
    assert sum(data["concepts_per_primary_source"].values()) == len(skills)
    assert data["concepts_per_source"]["skillpulse-genai"] == sum(
        1 for c in skills if any(s == "skillpulse-genai" for s, _ in c.sources))
    assert sum(data["concepts_per_category"].values()) == len(skills)
    assert data["ambiguous_aliases"] == sum(len(c.ambiguous) for c in skills)
    assert list(data["concepts_per_source"]) == ["skillpulse-genai", "lightcast", "onet", "esco"]


def test_merge_report(default_taxonomy: Taxonomy, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "merge-report", "--json")
    assert code == 0
    data = json.loads(out)
    tf = next(u for u in data["unified"] if u["id"] == "sp.tensorflow")
    assert {m["source"] for m in tf["members"]} >= {"skillpulse-genai", "lightcast", "onet"}
    assert data["summary"]["concepts_out"] == len(default_taxonomy)
    assert all(len(c["concepts"]) >= 2 for c in data["collisions"])
    code, out, _ = run(capsys, "merge-report", "--limit", "3")
    assert code == 0 and "merge summary" in out


def test_taxonomy_file_option(default_taxonomy: Taxonomy, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text('name: acme\nversion: "1"\nconcepts:\n'
                    "  - id: acme.widget-ai\n    label: Widget AI\n    roles: [widget wrangler]\n")
    code, out, _ = run(capsys, "show", "widget ai", "--json", "--taxonomy-file", str(good))
    assert code == 0
    assert json.loads(out)["roles"] == ["widget wrangler"]
    bad = tmp_path / "bad.yaml"
    bad.write_text('name: acme\nversion: "1"\nconcepts:\n  - id: acme.x\n    lable: X\n')
    code, out, err = run(capsys, "stats", "--taxonomy-file", str(good), "--taxonomy-file", str(bad))
    assert code == 2
    assert f"{bad}:5" in err and "acme.x.lable" in err


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("show", "search", "stats", "merge-report"):
        code, out, _ = run(capsys, cmd, "--help")
        assert code == 0 and "--taxonomy-file" in out and "--json" in out
