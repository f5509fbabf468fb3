"""Accuracy on the hand-checked gold set (issue 4: precision >= 0.95, recall >= 0.90).

Gold skill names map to taxonomy IDs by label/alias lookup; a gold skill the taxonomy lacks is
out of scope (reported, not scored). A prediction counts for a gold skill when it is that
concept, another concept of the same name, or a more specific concept under it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skillpulse.extract import Extractor
from skillpulse.extract.evaluate import evaluate_gold, gold_skill_id

DATA = Path(__file__).parents[1] / "data" / "extract"


def _records(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_gold_file_is_consistent() -> None:
    recs = _records("gold_sentences.jsonl")
    # at least 200 real sentences (Hacker News, SkillSpan train and dev) beside the written
    # gen-AI ones
    real = [r for r in recs if r["source"] in ("hn", "skillspan-train", "skillspan-dev")]
    assert len(real) >= 200
    assert len({r["id"] for r in recs}) == len(recs)
    assert {r.get("kind", "posting") for r in recs} <= {"posting", "search"}
    for r in recs:
        for g in r["gold"]:
            assert r["text"][g["start"]:g["end"]] == g["span"], r["id"]


def test_precision_and_recall_on_gold(default_extractor: Extractor) -> None:
    result = evaluate_gold(default_extractor, _records("gold_sentences.jsonl"))
    print(f"\ngold: P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
          f"tp={result.tp} fp={result.fp} fn={result.fn}; out of scope "
          f"{result.out_of_scope}/{result.gold_mentions} mentions "
          f"({len(result.unknown_skills)} skills the taxonomy lacks)")
    assert result.out_of_scope < result.gold_mentions * 0.2
    assert result.precision >= 0.95, result.false_positives
    assert result.recall >= 0.90, result.misses


def test_generative_ai_precision_and_recall_on_gold(default_extractor: Extractor) -> None:
    """Issue 13's gen-AI targets (precision >= 0.95, recall >= 0.90) on the gold sentences:
    only gold skills and predictions of the generative-ai category count."""
    records = _records("gold_sentences.jsonl")
    result = evaluate_gold(default_extractor, records, category="generative-ai")
    real = evaluate_gold(default_extractor, [r for r in records if r["source"] != "genai"],
                         category="generative-ai")
    print(f"\ngold gen-AI: P={result.precision:.3f} R={result.recall:.3f} tp={result.tp} "
          f"fp={result.fp} fn={result.fn}; real sentences only: P={real.precision:.3f} "
          f"R={real.recall:.3f} tp={real.tp} fp={real.fp} fn={real.fn}")
    assert result.tp + result.fn >= 100  # the category filter keeps the gen-AI gold skills
    assert result.tp + result.fn < evaluate_gold(default_extractor, records).tp
    assert result.precision >= 0.95, result.false_positives
    assert result.recall >= 0.90, result.misses


CASES = {
    "r": "R", "go": "Go", "bard": "Bard", "excel": "Microsoft Excel", "spark": "Apache Spark",
    "rust": "Rust", "swift": "Swift", "sd": "Stable Diffusion", "claude": "Claude",
    "gemini": "Gemini", "llama": "Llama", "cnn": "Convolutional neural network", "c#": "C#",
    ".net": ".NET",
}


def _ambiguity_cases() -> list[tuple[str, str, str, bool]]:
    out = []
    for r in _records("gold_sentences.jsonl"):
        for case, sign in re.findall(r"amb:([a-z#.]+)-(pos|neg)", r.get("notes", "")):
            if case in CASES:
                out.append((r["id"], r["text"], CASES[case], sign == "pos"))
    return out


@pytest.mark.parametrize(("sid", "text", "skill", "present"), _ambiguity_cases(),
                         ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None)
def test_ambiguous_names_follow_context(default_extractor: Extractor, sid: str, text: str,
                                        skill: str, present: bool) -> None:
    target = gold_skill_id(default_extractor.taxonomy, skill)
    assert target is not None
    found = {m.skill_id for m in default_extractor(text)}
    assert (target in found) is present, (sid, text, found)


# Real sentences (Hacker News "Who is hiring?" fields and SkillSpan) with the decision the
# context rules must take on the ambiguous name.
REAL = [
    ("Python, R, AWS, HPC, Postgres, JavaScript", "R", True),          # HN lf
    ("C++, R, Python", "R", True),                                     # HN lf
    ("Sr Software Engineer, R & A", "R", False),                       # HN title
    ("Rust, Go", "Go", True),                                          # HN lf
    ("Rust, Go", "Rust", True),                                        # HN lf
    ("Go Developer", "Go", True),                                      # HN title
    ("Senior Systems Engineer (Rust)", "Rust", True),                  # HN title
    ("iOS Engineer: Swift, SwiftUI", "Swift", True),                   # HN both
    ("Python, Postgres, GCP, Beam, Spark, dbt, BigQuery", "Apache Spark", True),  # HN lf
    ("An excellent command of PowerPoint Excel and English is a must and FMCG experience "
     "is a plus.", "Microsoft Excel", True),                           # SkillSpan dev
]


@pytest.mark.parametrize(("text", "skill", "present"), REAL)
def test_real_sentences(default_extractor: Extractor, text: str, skill: str,
                        present: bool) -> None:
    target = gold_skill_id(default_extractor.taxonomy, skill)
    found = {m.skill_id for m in default_extractor(text)}
    assert (target in found) is present, found


def test_search_queries(default_extractor: Extractor) -> None:
    recs = [{"id": r["id"], "kind": "search", "text": r["query"],
             "gold": [{"skill": g, "span": "", "start": 0, "end": 0} for g in r["gold"]]}
            for r in _records("queries.jsonl")]
    assert len(recs) >= 150
    result = evaluate_gold(default_extractor, recs)
    print(f"\nqueries: P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f}")
    assert result.precision >= 0.95, result.false_positives
    assert result.recall >= 0.90, result.misses
