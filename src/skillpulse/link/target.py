"""Link targets: the concepts a linker ranks, with the text fields it indexes.

Two targets exist: ``esco`` (ESCO skills, shipped as ``assets/esco_skills.json.gz``, built by
``scripts/build_esco_asset.py``) and ``default`` (the merged default taxonomy of
:mod:`skillpulse.taxonomy`). A target has a content hash: caches derived from it (label
vectors) are keyed by it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillpulse.errors import SkillpulseError

log = logging.getLogger(__name__)

ESCO_ASSET = Path(__file__).parent / "assets" / "esco_skills.json.gz"
TARGETS = ("esco", "default")


@dataclass(frozen=True)
class TargetConcept:
    """One concept as the linker sees it."""

    id: str
    label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class LinkTarget:
    """A named list of concepts, with a content hash."""

    name: str
    concepts: tuple[TargetConcept, ...]

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for c in self.concepts:
            h.update(json.dumps([c.id, c.label, c.alt_labels, c.description]).encode("utf-8"))
        return h.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.concepts)


def esco_target(path: Path = ESCO_ASSET) -> LinkTarget:
    """ESCO skills: v1.1.0 preferred labels with v1.1.1 alternative labels (see docs/linking.md)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows: list[dict[str, Any]] = json.load(f)
    concepts = tuple(
        TargetConcept(r["id"], r["label"], tuple(r["alt"]), r.get("description", "")) for r in rows
    )
    return LinkTarget("esco", concepts)


def taxonomy_target(taxonomy: Any, name: str = "default") -> LinkTarget:
    """Any :class:`skillpulse.taxonomy.Taxonomy`: label, aliases and description per concept."""
    concepts: Sequence[Any] = sorted(taxonomy.concepts.values(), key=lambda c: c.id)
    return LinkTarget(
        name,
        tuple(
            TargetConcept(c.id, c.label, tuple(c.aliases), c.description or "") for c in concepts
        ),
    )


def load_target(name: str) -> LinkTarget:
    """``esco`` or ``default`` (the merged default taxonomy)."""
    if name == "esco":
        return esco_target()
    if name == "default":
        from skillpulse.taxonomy import Taxonomy

        return taxonomy_target(Taxonomy.default(), "default")
    raise SkillpulseError(f"unknown link target {name!r}: choose one of {', '.join(TARGETS)}")
