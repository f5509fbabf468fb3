"""What changed between two taxonomy versions: concepts added, removed and changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from skillpulse.taxonomy.model import Concept, Taxonomy

#: the fields compared for a concept present in both
FIELDS = ("label", "aliases", "ambiguous", "category", "parent", "description", "roles",
          "flags")


@dataclass(frozen=True)
class Change:
    skill_id: str
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class TaxonomyDiff:
    version_a: str
    version_b: str
    added: tuple[Concept, ...]
    removed: tuple[Concept, ...]
    changed: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        def brief(c: Concept) -> dict[str, Any]:
            return {"skill_id": c.id, "label": c.label, "category": c.category,
                    "parent": c.parent}

        return {
            "a": self.version_a, "b": self.version_b,
            "added": [brief(c) for c in self.added],
            "removed": [brief(c) for c in self.removed],
            "changed": [{"skill_id": c.skill_id, "field": c.field,
                         "before": list(c.before) if isinstance(c.before, tuple) else c.before,
                         "after": list(c.after) if isinstance(c.after, tuple) else c.after}
                        for c in self.changed],
        }


def diff(a: Taxonomy, b: Taxonomy) -> TaxonomyDiff:
    """Concepts of ``b`` not in ``a`` (added), of ``a`` not in ``b`` (removed; a concept
    merged into another, reachable by a redirect of ``b``, is not removed), and per-field
    changes of the concepts both hold, ordered by ID."""
    added = tuple(b.concepts[i] for i in sorted(set(b.concepts) - set(a.concepts)))
    removed = tuple(a.concepts[i] for i in sorted(set(a.concepts) - set(b.concepts))
                    if i not in b.redirects)
    changed = []
    for cid in sorted(set(a.concepts) & set(b.concepts)):
        ca, cb = a.concepts[cid], b.concepts[cid]
        if ca is cb:
            continue
        for f in FIELDS:
            va, vb = getattr(ca, f), getattr(cb, f)
            if va != vb:
                changed.append(Change(cid, f, va, vb))
    return TaxonomyDiff(a.version, b.version, added, removed, tuple(changed))
