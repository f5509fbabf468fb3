"""ESCO skills (v1.1.1) from the labels file: one row per label.

Columns ``id, description, hierarchy_levels, type``: ``type`` is ``preferredLabel``,
``altLabels`` (``description`` holds the label) or ``level_2``/``level_3`` for skill-group
rows. ``hierarchy_levels`` lists the paths of a skill in the ESCO skills pillar (``S``),
knowledge (``K``), transversal (``T``) and language (``L``) hierarchies; the group names come
from those rows and from ``esco_v*_hierarchy.json`` next to the labels file.

Concept IDs: ``esco.<uuid>`` for skills, ``esco.group.<code>`` for groups. Parent: the deepest
group of the first path; category: the name of the first path's top group.
"""

from __future__ import annotations

import logging
from pathlib import Path

from skillpulse.taxonomy.model import Concept, Taxonomy, normalize_label
from skillpulse.taxonomy.names import derived_names
from skillpulse.taxonomy.readers import (
    parse_levels,
    read_columns,
    read_json_map,
    version_from_name,
)
from skillpulse.taxonomy.sources import ESCO, GROUP_FLAG, KIND_CODE

log = logging.getLogger(__name__)

PILLARS = {
    "S": "skills",
    "K": "knowledge",
    "T": "transversal skills and competences",
    "L": "language skills and knowledge",
}


def default_hierarchy_path(path: Path) -> Path:
    name = path.name.split("_skills_labels", 1)[0]
    return path.with_name(f"{name}_hierarchy.json")


def load_esco(
    path: Path, *, hierarchy_path: Path | None = None, version: str | None = None
) -> Taxonomy:
    """Load ESCO skills and skill groups from the labels CSV (``.csv`` or ``.csv.gz``)."""
    hierarchy_path = hierarchy_path or default_hierarchy_path(path)
    group_names = read_json_map(hierarchy_path) if hierarchy_path.is_file() else {}
    if not group_names:
        log.info("%s not found: ESCO group names come from the labels file only", hierarchy_path)
    labels: dict[str, str] = {}
    alts: dict[str, list[str]] = {}
    levels: dict[str, tuple[tuple[str, ...], ...]] = {}
    order: list[str] = []
    for sid, text, cell, kind in read_columns(
            path, ("id", "description", "hierarchy_levels", "type")):
        text = text.strip()
        if not text:
            continue
        if kind.startswith("level_"):
            group_names.setdefault(sid, text)
            continue
        if sid not in levels:
            order.append(sid)
            levels[sid] = ()
        if not levels[sid] and cell:
            levels[sid] = parse_levels(cell)
        if kind == "preferredLabel":
            labels[sid] = text
        else:
            alts.setdefault(sid, []).append(text)

    concepts: list[Concept] = []
    used_groups: dict[str, str | None] = {}  # code -> parent code
    for sid in order:
        if sid not in labels:
            log.warning("%s: ESCO skill %s has no preferred label; skipped", path, sid)
            continue
        label = labels[sid]
        paths = levels[sid]
        for p in paths:
            codes = [c for c in p if c not in PILLARS]
            for i, code in enumerate(codes):
                used_groups.setdefault(code, codes[i - 1] if i else None)
        first = [c for c in paths[0] if c not in PILLARS] if paths else []
        parent = f"esco.group.{first[-1]}" if first else None
        category = _category(paths, group_names)
        names = [(label, "label")]
        seen = {normalize_label(label)}
        for text, kind in [*derived_names(label), *((a, "alt_label") for a in alts.get(sid, []))]:
            key = normalize_label(text)
            if key not in seen:
                seen.add(key)
                names.append((text, kind))
        concepts.append(Concept(
            id=f"esco.{sid}", label=label, aliases=tuple(t for t, _ in names[1:]),
            category=category, parent=parent, sources=((ESCO, sid),),
            name_codes="".join(KIND_CODE[k] for _, k in names),
        ))
    for code in sorted(used_groups):
        label = group_names.get(code, code)
        pillar_path = ((code[0], code),) if code[:1] in PILLARS else ()
        parent_code = used_groups[code]
        concepts.append(Concept(
            id=f"esco.group.{code}", label=label,
            category=_category(pillar_path, group_names) if pillar_path else None,
            parent=f"esco.group.{parent_code}" if parent_code else None,
            sources=((ESCO, code),), flags=(GROUP_FLAG,),
            name_codes="l",
        ))
    ver = version or version_from_name(path, r"_v(\d+(?:\.\d+)*)")
    return Taxonomy.from_concepts(concepts, {ESCO: ver})


def _category(paths: tuple[tuple[str, ...], ...], names: dict[str, str]) -> str | None:
    """The name of the top group of the first path (e.g. "working with computers")."""
    for p in paths:
        codes = [c for c in p if c not in PILLARS]
        if codes:
            top = codes[0].split(".", 1)[0]
            return names.get(top, top)
        if p:
            return PILLARS.get(p[0])
    return None
