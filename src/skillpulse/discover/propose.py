"""``taxonomy propose``: discovered candidates written as a catalog user file to edit.

Each candidate becomes a concept ``user.<slug>`` with its most frequent spelling as label,
the other variants as aliases, a suggested category (the one most co-occurring skills have)
and a suggested parent (the nearest taxonomy concept from the semantic linker, written as a
comment: the linker's nearest is often a look-alike name, so a person decides); the evidence
(counts, rate ratio and interval, first-seen date, examples, co-occurring skills) is written
as YAML comments above the concept, for the person who edits the file.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillpulse.errors import SkillpulseError
from skillpulse.taxonomy.model import Taxonomy, normalize_label

log = logging.getLogger(__name__)

#: the ``name`` of a proposed catalog (the source recorded in its concepts)
SOURCE_NAME = "user"


@dataclass(frozen=True)
class ProposeInfo:
    path: Path
    concepts: int
    skipped: int


def read_discovered(path: str | Path) -> dict[str, Any]:
    """The JSON of ``skillpulse discover --json``; errors name the file and the field."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SkillpulseError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SkillpulseError(f"{p}: not the JSON of 'skillpulse discover --json' ({exc})"
                              ) from None
    if not isinstance(data, dict) or not isinstance(data.get("candidates"), list):
        raise SkillpulseError(f"{p}: field 'candidates' missing: not the output of "
                              "'skillpulse discover --json'")
    for i, c in enumerate(data["candidates"]):
        if not isinstance(c, dict) or not isinstance(c.get("term"), str) or not c["term"]:
            raise SkillpulseError(f"{p}: candidates[{i}].term is missing or not a string")
    return data


def slug(term: str) -> str:
    out = re.sub(r"[^a-z0-9+#]+", "-", term.lower()).strip("-")
    return out or "term"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _fmt(x: Any) -> str:
    return "inf" if x is None else f"{x:.3g}"


def _category(co_skills: list[dict[str, Any]], taxonomy: Taxonomy | None) -> str | None:
    """The category most of the co-occurring skills have (weighted by count)."""
    if taxonomy is None:
        return None
    votes: dict[str, int] = {}
    for s in co_skills:
        sid = s.get("skill_id")
        if isinstance(sid, str) and (sid in taxonomy or sid in taxonomy.redirects):
            cat = taxonomy.get(sid).category
            if cat:
                votes[cat] = votes.get(cat, 0) + int(s.get("count", 1))
    return max(sorted(votes), key=lambda k: votes[k]) if votes else None


def propose(discovered: dict[str, Any], out: str | Path, *, top: int | None = None,
            taxonomy: Taxonomy | None = None, version: str = "1") -> ProposeInfo:
    """Write the first ``top`` candidates of ``discovered`` as a catalog user file."""
    cands = discovered["candidates"][:top] if top else discovered["candidates"]
    lines = [
        f"# Skills proposed by 'skillpulse taxonomy propose' from 'skillpulse discover' on "
        f"{discovered.get('kind', '?')} {discovered.get('base', '?')} -> "
        f"{discovered.get('current', '?')}.",
        "# Edit before use: delete what is not a skill, fix labels, aliases, parents and "
        "categories.",
        "# Load it with --taxonomy-file (or SKILLPULSE_TAXONOMY_FILES); see docs/taxonomy.md.",
        f"name: {SOURCE_NAME}",
        f"version: {_q(version)}",
        "concepts:",
    ]
    ids: set[str] = set()
    written = skipped = 0
    for c in cands:
        term = c["term"]
        cid = f"{SOURCE_NAME}.{slug(term)}"
        if cid in ids:
            skipped += 1
            continue
        ids.add(cid)
        own = normalize_label(term)
        aliases: list[str] = []
        for v in c.get("variants", []):
            if normalize_label(v) != own and normalize_label(v) not in {
                    normalize_label(a) for a in aliases}:
                aliases.append(v)
        parent = None
        for near in c.get("nearest", []):
            if taxonomy is not None and near.get("skill_id") in taxonomy:
                parent = near["skill_id"]
                break
        category = _category(c.get("co_skills", []), taxonomy)
        lines.append("")
        lines.append(
            f"  # rank {c.get('rank')}{' (new: absent in the base)' if c.get('new') else ''}: "
            f"base {c.get('base_count')}, current {c.get('current_count')} documents; rate "
            f"ratio {_fmt(c.get('rate_ratio'))} ({_fmt(c.get('ratio_low'))}-"
            f"{_fmt(c.get('ratio_high'))}); first seen {c.get('first_seen')}")
        for ex in c.get("examples", [])[:3]:
            lines.append(f"  # example: {' '.join(str(ex).split())}")
        co = c.get("co_skills", [])
        if co:
            lines.append("  # co-skills: " + ", ".join(
                f"{s['label']} ({s['count']})" for s in co))
        near_all = c.get("nearest", [])
        if near_all:
            lines.append("  # nearest: " + ", ".join(
                f"{s['label']} [{s['skill_id']}]" for s in near_all))
        lines.append(f"  - id: {cid}")
        lines.append(f"    label: {_q(term)}")
        lines.append(f"    aliases: [{', '.join(_q(a) for a in aliases)}]")
        if category:
            lines.append(f"    category: {_q(category)}  # the co-skills' usual category")
        if parent:
            lines.append(f"    # parent: {_q(parent)}  # the nearest concept: uncomment if it "
                         "is the broader skill")
        lines.append(f"    description: {_q('Proposed from data: ' + term + '.')}")
        written += 1
    path = Path(out)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log.info("proposed %d concepts to %s", written, path)
    return ProposeInfo(path, written, skipped)
