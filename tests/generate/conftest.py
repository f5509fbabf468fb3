"""Fixtures: generated marketplaces (small for shape checks, medium for the planted lists),
and an independent reader of the written files."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import ahocorasick
import pytest

from skillpulse.generate import generate
from skillpulse.generate.vocab import SKILLS

REQUIRED = {
    "postings": ("id", "posted_at"),
    "searches": ("searched_at", "query"),
    "hires": ("id", "hired_at"),
    "profiles": ("freelancer_id", "observed_at"),
}
TIME = {k: v[1] if k != "searches" else "searched_at" for k, v in REQUIRED.items()}
TIME["profiles"] = "observed_at"
TEXT_FIELDS = {
    "postings": ("title", "description", "skills"),
    "searches": ("query",),
    "hires": ("title", "description", "skills"),
    "profiles": ("title", "overview", "skills"),
}
KINDS = tuple(REQUIRED)


def _forms() -> dict[str, str]:
    form_to_skill: dict[str, str] = {}
    for s in SKILLS:
        for f in (*s.text, *s.query, *s.typos, s.tag, s.label):
            prev = form_to_skill.setdefault(f.lower(), s.skill_id)
            assert prev == s.skill_id, f"form {f!r} names two skills"
    return form_to_skill


FORM_TO_SKILL = _forms()
_WORD = re.compile(r"\w")


def _inside(short: str, long: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long) is not None


# No form of one skill is a word-bounded part of a form of another skill, so reporting every
# word-bounded match (not only the longest) gives the same skill sets as longest-first.
assert not [
    (a, b)
    for a in FORM_TO_SKILL
    for b in FORM_TO_SKILL
    if a != b and FORM_TO_SKILL[a] != FORM_TO_SKILL[b] and _inside(a, b)
]

_AUTOMATON = ahocorasick.Automaton()
for _form, _skill in FORM_TO_SKILL.items():
    _AUTOMATON.add_word(_form, (len(_form), _skill))
_AUTOMATON.make_automaton()


def skills_in(text: str) -> set[str]:
    """Planted skills named in a text: case-insensitive, on word boundaries."""
    low = text.lower()
    found = set()
    for end, (length, skill) in _AUTOMATON.iter(low):
        start = end - length + 1
        if start > 0 and _WORD.match(low[start - 1]):
            continue
        if end + 1 < len(low) and _WORD.match(low[end + 1]):
            continue
        found.add(skill)
    return found


def doc_text(kind: str, row: dict[str, Any]) -> str:
    parts = []
    for f in TEXT_FIELDS[kind]:
        v = row.get(f)
        if isinstance(v, list):
            parts.append(" ; ".join(v))
        elif v:
            parts.append(str(v))
    return "\n".join(parts)


@dataclass
class Loaded:
    """Valid, de-duplicated rows of one file, and what was dropped."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    malformed: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    lines: int = 0


def load(path: Path, kind: str) -> Loaded:
    out = Loaded()
    seen: set[tuple[Any, ...]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        out.lines += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            out.malformed["broken_json"] += 1
            continue
        if any(not row.get(f) for f in REQUIRED[kind]):
            out.malformed["missing_field"] += 1
            continue
        try:
            when = datetime.fromisoformat(row[TIME[kind]])
        except ValueError:
            out.malformed["bad_date"] += 1
            continue
        if kind == "profiles":
            key: tuple[Any, ...] = (row["freelancer_id"], row["observed_at"])
        elif kind == "searches" and "id" not in row:
            key = ("content", row["searched_at"], row["query"], row.get("client_id"))
        else:
            key = ("id", row["id"])
        if key in seen:
            out.duplicates += 1
            continue
        seen.add(key)
        row["_month"] = when.strftime("%Y-%m")
        row["_quarter"] = f"{when.year}Q{(when.month - 1) // 3 + 1}"
        row["_half"] = f"{when.year}H{(when.month - 1) // 6 + 1}"
        row["_time"] = when
        row["_skills"] = skills_in(doc_text(kind, row))
        out.rows.append(row)
    return out


@dataclass(frozen=True)
class Market:
    path: Path
    truth: dict[str, Any]
    kinds: dict[str, Loaded]


def _market(path: Path, **kwargs: Any) -> Market:
    generate(path, **kwargs)
    truth = json.loads((path / "truth.json").read_text())
    return Market(path, truth, {k: load(path / f"{k}.jsonl", k) for k in KINDS})


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Market:
    """Scale 0.02: about 1,000 postings, 6,000 searches."""
    return _market(tmp_path_factory.mktemp("gen_small"), seed=11, scale=0.02)


@pytest.fixture(scope="session")
def medium(tmp_path_factory: pytest.TempPathFactory) -> Market:
    """Scale 0.25: enough documents for the planted rankings to hold."""
    return _market(tmp_path_factory.mktemp("gen_medium"), seed=7, scale=0.25)
