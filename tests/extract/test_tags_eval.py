"""Issue 13: tag matching speed (one dictionary lookup per tag, cached and bounded fuzzy
lookup) and ``eval tags`` with labels, the measures it ranks by and ``--show N``."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from skillpulse.extract import Extractor
from skillpulse.extract.tags import TagResolver

SAMPLE = Path(__file__).parents[1] / "data" / "extract" / "hn_tags_sample.jsonl"


def test_fuzzy_buckets_give_the_exhaustive_answer(default_extractor: Extractor) -> None:
    rng = random.Random(5)
    labels = [c.label.lower() for c in default_extractor.taxonomy if len(c.label) >= 5][::400]

    def typo(w: str) -> str:
        i = rng.randrange(len(w))
        op = rng.choice("dis")
        c = rng.choice("abcdefghijklmnopqrstuvwxyz")
        return {"d": w[:i] + w[i + 1:], "i": w[:i] + c + w[i:], "s": w[:i] + c + w[i + 1:]}[op]

    tags = [typo(w) for w in labels]
    index = default_extractor.tags._index
    fast = TagResolver(default_extractor.taxonomy, default_extractor.matcher, index=index)
    slow = TagResolver(default_extractor.taxonomy, default_extractor.matcher, index=index)
    slow.exhaustive = True
    assert [fast.resolve(t) for t in tags] == [slow.resolve(t) for t in tags]
    assert sum(fast.resolve(t) is not None for t in tags) > len(tags) // 2


def test_each_spelling_is_resolved_once(default_extractor: Extractor) -> None:
    tr = TagResolver(default_extractor.taxonomy, default_extractor.matcher,
                     index=default_extractor.tags._index)
    calls: list[str] = []
    inner = tr._resolve_key

    def counting(tag: str, key: str) -> tuple[str, float] | None:
        calls.append(key)
        return inner(tag, key)

    tr._resolve_key = counting  # type: ignore[method-assign]
    for tag in ["Pyhton", "pyhton", "PYHTON ", "Pyhton", "Python"]:
        tr.resolve(tag)
    assert calls == ["pyhton"]  # one fuzzy lookup for three spellings; none for "Python"
    assert tr.resolve("Pyhton") == tr.resolve("pyhton")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", "eval", "tags", "--input",
                           str(SAMPLE), *args], capture_output=True, text=True, check=True)


def test_eval_tags_json_has_labels_measures_and_diffs() -> None:
    data = json.loads(_cli("--json", "--show", "3", "--top", "5").stdout)
    assert data["documents"] == 40
    assert data["ranked_by"].startswith("count")
    for row in data["top_misses"]:
        assert row["label"] and row["count"] >= 1
        assert row["tagged"] >= row["count"]  # a miss is a tagged posting
    assert len(data["diffs"]) == 3
    first = data["diffs"][0]
    assert first["id"] == "33818051" and first["tags"] == ["Ruby"]
    assert {"skill_id": "sp.ruby", "label": "Ruby"} in first["tagged_only"]


def test_eval_tags_show_prints_per_post_diff() -> None:
    out = _cli("--show", "2").stdout
    assert "33818051" in out and "Ruby" in out
    assert "precision" in out and "label" in out
