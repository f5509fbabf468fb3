"""Lightcast Open Skills (snapshot of November 2022) from its CSV.

Columns ``id, description, hierarchy_levels, type``: ``description`` is the skill name,
``type`` is ``skill``, ``category`` or ``subcategory``, ``hierarchy_levels`` the
``[[category, subcategory]]`` codes; ``lightcast_hierarchy.json`` next to the CSV names the
codes. Concept IDs: ``lc.<id>`` for skills, ``lc.group.<code>`` for categories and
subcategories. Labels ``"Base (Qualifier)"`` also give ``Base`` as a derived name and an
acronym qualifier as an acronym (:func:`~skillpulse.taxonomy.names.derived_names`).
"""

from __future__ import annotations

from pathlib import Path

from skillpulse.taxonomy.model import Concept, Taxonomy, normalize_label
from skillpulse.taxonomy.names import derived_names
from skillpulse.taxonomy.readers import (
    parse_levels,
    read_columns,
    read_json_map,
    version_from_name,
)
from skillpulse.taxonomy.sources import GROUP_FLAG, KIND_CODE, LIGHTCAST

HIERARCHY_FILE = "lightcast_hierarchy.json"


def load_lightcast(
    path: Path, *, hierarchy_path: Path | None = None, version: str | None = None
) -> Taxonomy:
    """Load Lightcast skills, categories and subcategories (``.csv`` or ``.csv.gz``)."""
    hierarchy_path = hierarchy_path or path.with_name(HIERARCHY_FILE)
    group_names = read_json_map(hierarchy_path) if hierarchy_path.is_file() else {}
    concepts: list[Concept] = []
    used_groups: dict[str, str | None] = {}
    for sid, label, cell, kind in read_columns(
            path, ("id", "description", "hierarchy_levels", "type")):
        label = label.strip()
        if not label:
            continue
        if kind in ("category", "subcategory"):
            group_names.setdefault(sid, label)
            used_groups.setdefault(sid, sid.rsplit(".", 2)[0] if kind == "subcategory"
                                   else None)
            continue
        paths = parse_levels(cell)
        for p in paths:
            for i, code in enumerate(p):
                used_groups.setdefault(code, p[i - 1] if i else None)
        names = [(label, "label")]
        seen = {normalize_label(label)}
        for text, name_kind in derived_names(label):
            key = normalize_label(text)
            if key not in seen:
                seen.add(key)
                names.append((text, name_kind))
        top = paths[0] if paths else ()
        concepts.append(Concept(
            id=f"lc.{sid}", label=label, aliases=tuple(t for t, _ in names[1:]),
            category=group_names.get(top[0], top[0]) if top else None,
            parent=f"lc.group.{top[-1]}" if top else None,
            sources=((LIGHTCAST, sid),), name_codes="".join(KIND_CODE[k] for _, k in names),
        ))
    for code in sorted(used_groups):
        label = group_names.get(code, code)
        parent_code = used_groups[code]
        top_code = parent_code or code
        concepts.append(Concept(
            id=f"lc.group.{code}", label=label, category=group_names.get(top_code, top_code),
            parent=f"lc.group.{parent_code}" if parent_code else None,
            sources=((LIGHTCAST, code),), flags=(GROUP_FLAG,),
            name_codes="l",
        ))
    ver = version or version_from_name(path, r"(\d{4}-\d{2})")
    return Taxonomy.from_concepts(concepts, {LIGHTCAST: ver})
