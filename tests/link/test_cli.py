"""CLI contracts of ``skillpulse link`` and ``skillpulse eval linking`` (semantic extra)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillpulse.cli import main

pytestmark = pytest.mark.semantic

SENTENCES = [
    "Experience with Python and SQL databases",
    "keep the books in order",
    "You will manage a small team of nurses",
]


def _json_lines(out: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _check_records(records: list[dict], texts: list[str], top: int) -> None:  # type: ignore[type-arg]
    assert [r["text"] for r in records] == texts
    for record in records:
        assert set(record) == {"text", "candidates"}
        assert len(record["candidates"]) == top
        for cand in record["candidates"]:
            assert set(cand) == {"skill_id", "label", "score"}
            assert cand["skill_id"].startswith("esco.")
            assert isinstance(cand["score"], float)
        scores = [c["score"] for c in record["candidates"]]
        assert scores == sorted(scores, reverse=True)


def test_link_text_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "Python programming", "--top", "5", "--json"]) == 0
    records = _json_lines(capsys.readouterr().out)
    _check_records(records, ["Python programming"], 5)
    assert records[0]["candidates"][0]["label"] == "Python (computer programming)"
    assert records[0]["candidates"][0]["skill_id"] == "esco.ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_link_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "bookkeeping", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "skill_id" in out and "esco." in out


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "txt"])
def test_link_input_formats_keep_input_order(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"input.{fmt}"
    if fmt == "csv":
        path.write_text(
            "id,sentence\n" + "".join(f'{i},"{s}"\n' for i, s in enumerate(SENTENCES)),
            encoding="utf-8",
        )
    elif fmt == "jsonl":
        keys = ["sentence", "text", "sentence"]  # both field names are accepted
        path.write_text(
            "".join(json.dumps({k: s}) + "\n" for k, s in zip(keys, SENTENCES, strict=True)),
            encoding="utf-8",
        )
    else:
        path.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    assert main(["link", "--input", str(path), "--top", "4", "--json"]) == 0
    _check_records(_json_lines(capsys.readouterr().out), SENTENCES, 4)


def test_link_needs_text_or_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link"]) != 0
    assert "TEXT or --input" in capsys.readouterr().err


def test_link_csv_without_sentence_column_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text\nhello\n", encoding="utf-8")
    assert main(["link", "--input", str(path), "--json"]) == 2
    assert "sentence" in capsys.readouterr().err


def test_eval_linking_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"
    assert main(["eval", "linking", "--data", str(data), "--json"]) == 0
    (result,) = _json_lines(capsys.readouterr().out)
    assert result["sentences"] == 22
    for key in ("rp@5", "rp@10", "mrr"):
        assert 0.0 <= result[key] <= 100.0
    assert result["taxonomy"] == "esco" and result["mode"] == "hybrid"


def test_link_to_the_default_taxonomy(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["link", "prompt engineering", "--taxonomy", "default", "--top", "3", "--json"]) == 0
    )
    (record,) = _json_lines(capsys.readouterr().out)
    assert record["candidates"][0]["skill_id"] == "sp.prompt-engineering"
    assert len(record["candidates"]) == 3


def test_eval_linking_scores_no_sentence_by_its_own_annotation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # kNN voting is off by default; a linker with it on remembers the validation splits, and
    # eval linking (which uses the default linker) scores what the default linker gives
    from skillpulse.link.linker import Linker, LinkerConfig
    from skillpulse.link.metrics import read_benchmark, score_rankings

    path = Path(__file__).parents[1] / "data" / "link" / "validation_slice.csv"
    data = read_benchmark(path)
    assert main(["eval", "linking", "--data", str(path), "--json"]) == 0
    (result,) = _json_lines(capsys.readouterr().out)
    sentences = [d.sentence for d in data]

    def rp5(linker: Linker) -> float:
        ranked = [[c.label for c in r] for r in linker.link_many(sentences, top=10)]
        return round(100 * score_rankings(ranked, data).rp5, 2)

    default = Linker("esco")
    assert default.memory is None
    assert result["rp@5"] == rp5(default)
    remembering = Linker("esco", config=LinkerConfig.for_target("esco", knn_weight=1.0))
    remembered = rp5(remembering)
    assert remembering.hold_out(sentences) == 22
    assert rp5(remembering) < remembered
