"""The ``extract`` and ``eval tags`` commands: exact JSON contracts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from skillpulse.cli import cli

KEYS = {"skill_id", "label", "start", "end", "text", "method", "confidence"}


def test_extract_text_json() -> None:
    res = CliRunner().invoke(cli, ["extract", "Senior ML engineer: PyTorch and C++11", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert [m["skill_id"] for m in data["mentions"]] == [
        "sp.machine-learning", "sp.pytorch", "sp.cpp"]
    for m in data["mentions"]:
        assert set(m) == KEYS
    assert data["mentions"][2]["text"] == "C++11"


def test_extract_input_file(tmp_path: Path) -> None:
    src = tmp_path / "q.jsonl"
    src.write_text('{"id": "a", "query": "chatgtp"}\n{"id": 7, "query": "plumber"}\n',
                   encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", "--input", str(src), "--kind", "search", "--json"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert [x["id"] for x in lines] == ["a", 7]
    assert set(lines[0]) == {"id", "mentions"}
    (m,) = lines[0]["mentions"]
    assert set(m) == KEYS and m["method"] == "fuzzy" and m["skill_id"] == "sp.chatgpt"
    assert 0.82 <= m["confidence"] < 1
    assert lines[1]["mentions"] == []


def test_extract_needs_one_mode() -> None:
    res = CliRunner().invoke(cli, ["extract"])
    assert res.exit_code != 0


def test_eval_tags(tmp_path: Path) -> None:
    src = tmp_path / "p.jsonl"
    rows = [
        {"id": "1", "title": "Python engineer", "description": "PyTorch models",
         "skills": ["Python", "PyTorch", "Kubernetes"]},
        {"id": "2", "title": "Designer", "description": "Figma and Midjourney",
         "skills": ["Figma", "Not A Real Skill Name Xyz"]},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", "tags", "--input", str(src), "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    # by hand: doc 1 predicts {Python, PyTorch} vs tags {Python, PyTorch, Kubernetes};
    # doc 2 predicts {Figma, Midjourney} vs {Figma}; one unknown tag
    assert (d["tp"], d["fp"], d["fn"], d["unknown_tags"]) == (3, 1, 1, 1)
    assert abs(d["precision"] - 0.75) < 1e-9 and abs(d["recall"] - 0.75) < 1e-9


def test_help_texts() -> None:
    for args in (["extract", "--help"], ["eval", "tags", "--help"]):
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 0 and "--input" in res.output


def test_extract_table_keeps_skill_ids_whole() -> None:
    # CliRunner's console is 80 columns wide: the label and text columns give way, the ID
    # (what a user copies into --where or the API) is never folded
    res = CliRunner().invoke(cli, ["extract", "Experience with scikit-learn and Apache Spark"])
    assert res.exit_code == 0, res.output
    first_cells = [line.split("│")[0].strip() for line in res.output.splitlines()
                   if "│" in line]
    assert "sp.scikit-learn" in first_cells and "sp.apache-spark" in first_cells
