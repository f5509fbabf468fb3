"""The written files: volumes, shapes, determinism, duplicates and malformed rows."""

from __future__ import annotations

import hashlib
import itertools
import json
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner

from skillpulse.cli import cli
from skillpulse.errors import PeriodError
from skillpulse.generate import generate
from skillpulse.generate.vocab import SKILLS

from .conftest import KINDS, Market, load

FILES = ("postings.jsonl", "searches.jsonl", "hires.jsonl", "profiles.jsonl", "truth.json")


def _hashes(path: Path) -> dict[str, str]:
    return {f: hashlib.sha256((path / f).read_bytes()).hexdigest() for f in FILES}


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=5, scale=0.01)
    generate(tmp_path / "b", seed=5, scale=0.01)
    generate(tmp_path / "c", seed=6, scale=0.01)
    a, b, c = _hashes(tmp_path / "a"), _hashes(tmp_path / "b"), _hashes(tmp_path / "c")
    assert a == b
    for f in ("postings.jsonl", "searches.jsonl", "hires.jsonl", "profiles.jsonl"):
        assert a[f] != c[f], f


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("postings", 1000), ("searches", 6000), ("hires", 200), ("profiles", 400)],
)
def test_volumes_follow_the_scale(small: Market, kind: str, expected: int) -> None:
    # scale 0.02 of 50k postings, 300k searches, 10k hires, 20k snapshots
    n = len(small.kinds[kind].rows)
    assert 0.85 * expected <= n <= 1.15 * expected


def test_duplicates_and_malformed_rows_match_truth(small: Market) -> None:
    for kind in KINDS:
        got = small.kinds[kind]
        rows = small.truth["rows"][kind]
        assert got.duplicates == rows["duplicates"] >= 2
        assert dict(got.malformed) == rows["malformed"]
        assert all(v >= 1 for v in rows["malformed"].values())
        assert got.lines == len(got.rows) + got.duplicates + sum(got.malformed.values())
        assert rows["valid"] == len(got.rows)


def test_truth_lists_file_hashes(small: Market) -> None:
    for name in ("postings.jsonl", "searches.jsonl", "hires.jsonl", "profiles.jsonl"):
        data = (small.path / name).read_bytes()
        assert small.truth["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert small.truth["files"][name]["lines"] == data.count(b"\n")


def test_postings_look_like_a_marketplace(small: Market) -> None:
    rows = small.kinds["postings"].rows
    lengths = [len(r["description"]) for r in rows]
    assert 2000 <= statistics.mean(lengths) <= 3200
    assert all(r["description"].count("\n\n") >= 5 for r in rows)  # multi-paragraph
    assert sum(bool(r["skills"]) for r in rows) / len(rows) >= 0.8
    assert {r["company_size"] for r in rows} == {"small", "midsize", "large"}
    assert len({r["category"] for r in rows}) >= 8
    genai = [r for r in rows if r["_skills"]]
    assert 0.02 <= len(genai) / len(rows) <= 0.2  # most work is not AI
    assert len({r["title"] for r in rows}) >= 150


def test_searches_are_short_lower_case_with_some_typos(small: Market) -> None:
    rows = small.kinds["searches"].rows
    assert all(r["query"] == r["query"].lower() for r in rows)
    assert max(len(r["query"].split()) for r in rows) <= 6
    typos = {t for s in SKILLS for t in s.typos}
    genai = [r for r in rows if r["_skills"]]
    with_typo = [r for r in genai if any(t in r["query"] for t in typos)]
    assert 0.02 <= len(with_typo) / len(genai) <= 0.15
    with_id = sum("id" in r for r in rows) / len(rows)
    assert 0.05 <= with_id <= 0.3  # most searches come without an id


def test_profiles_are_repeated_snapshots_that_only_add_skills(small: Market) -> None:
    by_fl: dict[str, list[dict[str, object]]] = {}
    for r in small.kinds["profiles"].rows:
        by_fl.setdefault(str(r["freelancer_id"]), []).append(r)
    assert sum(len(v) > 1 for v in by_fl.values()) >= 0.3 * len(by_fl)
    for snaps in by_fl.values():
        snaps.sort(key=lambda r: str(r["observed_at"]))
        for a, b in itertools.pairwise(snaps):
            assert set(a["_skills"]) <= set(b["_skills"])  # type: ignore[arg-type]


def test_hires_link_to_earlier_postings(small: Market) -> None:
    posted = {r["id"]: r["_time"] for r in small.kinds["postings"].rows}
    hires = small.kinds["hires"].rows
    linked = [h for h in hires if h["posting_id"]]
    assert len(linked) >= 0.9 * len(hires)
    assert all(posted[h["posting_id"]] < h["_time"] for h in linked)


def test_start_and_end_extend_the_window(tmp_path: Path) -> None:
    generate(tmp_path, seed=1, scale=0.01, start="2023-01", end="2023-09")
    truth = json.loads((tmp_path / "truth.json").read_text())
    assert truth["generator"]["months"][0] == "2023-01"
    assert truth["generator"]["months"][-1] == "2023-09"
    months = {r["_month"] for r in load(tmp_path / "postings.jsonl", "postings").rows}
    assert months == {f"2023-{m:02d}" for m in range(1, 10)}
    assert "postings" not in truth["headline"]  # no 2022Q4 to compare with
    with pytest.raises(PeriodError):
        generate(tmp_path / "x", start="2023-05", end="2023-01")


def test_cli_generate_json(tmp_path: Path) -> None:
    out = tmp_path / "m"
    res = CliRunner().invoke(cli, ["generate", "--out", str(out), "--scale", "0.01", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    names = {f["name"] for f in data["files"]}
    assert set(FILES) <= names
    assert all((out / n).exists() for n in names)
