"""The skill model: a :class:`Concept` and the :class:`Taxonomy` that holds them.

A concept has a stable ID (``sp.chatgpt`` for the built-in catalog, ``lc.KS...`` for
Lightcast, ``esco.<uuid>`` for ESCO, ``onet.<commodity>`` for O*NET), one preferred label,
aliases, a category, an optional parent and cross-references to the sources that hold it.
Counting always uses IDs; labels and aliases are data.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from skillpulse.errors import UnknownSkillError


def normalize_label(text: str) -> str:
    """The lookup key of a label or alias: NFKC, case-folded, inner whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", folded).strip()


@dataclass(frozen=True)
class Concept:
    """One canonical skill."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    #: aliases (or the label itself) that are ordinary words or collide with other concepts;
    #: extraction only accepts them with supporting context
    ambiguous: tuple[str, ...] = ()
    category: str | None = None
    parent: str | None = None
    description: str = ""
    roles: tuple[str, ...] = ()
    #: (source name, ID in that source) pairs, e.g. (("lightcast", "KS120..."), ("onet", "..."))
    sources: tuple[tuple[str, str], ...] = ()
    #: free-form flags from sources, e.g. ("onet_hot_technology",)
    flags: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred label followed by every alias."""
        return (self.label, *self.aliases)

    def is_ambiguous(self, name: str) -> bool:
        key = normalize_label(name)
        return any(normalize_label(a) == key for a in self.ambiguous)


@dataclass
class Taxonomy:
    """Concepts from one or more sources, merged, with a version string.

    ``version`` is ``"<source>@<version>+...#<content hash>"``: it changes exactly when the
    content changes.
    """

    concepts: dict[str, Concept]
    source_versions: dict[str, str] = field(default_factory=dict)
    _by_name: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _children: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _version: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        self._by_name = {}
        self._children = {}
        for concept in self.concepts.values():
            for name in concept.names:
                ids = self._by_name.setdefault(normalize_label(name), [])
                if concept.id not in ids:
                    ids.append(concept.id)
            if concept.parent:
                self._children.setdefault(concept.parent, []).append(concept.id)
        self._version = None

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_concepts(
        cls, concepts: Iterable[Concept], source_versions: Mapping[str, str] | None = None
    ) -> Taxonomy:
        return cls({c.id: c for c in concepts}, dict(source_versions or {}))

    # -- identity -----------------------------------------------------------------------
    @property
    def version(self) -> str:
        if self._version is None:
            digest = hashlib.sha256()
            for cid in sorted(self.concepts):
                c = self.concepts[cid]
                digest.update(repr(
                    (c.id, c.label, c.aliases, c.ambiguous, c.category, c.parent,
                     c.description, c.roles, c.sources, c.flags)
                ).encode())
            sources = "+".join(f"{k}@{v}" for k, v in sorted(self.source_versions.items()))
            self._version = f"{sources or 'custom'}#{digest.hexdigest()[:12]}"
        return self._version

    # -- lookup -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.concepts

    def get(self, skill_id: str) -> Concept:
        try:
            return self.concepts[skill_id]
        except KeyError:
            raise UnknownSkillError(f"no skill with ID {skill_id!r}") from None

    def lookup(self, name: str) -> list[Concept]:
        """Every concept whose label or alias equals ``name`` (case and spacing ignored)."""
        return [self.concepts[i] for i in self._by_name.get(normalize_label(name), [])]

    def resolve(self, name_or_id: str) -> Concept:
        """One concept by ID, label or alias; the first (most specific source) on collision."""
        if name_or_id in self.concepts:
            return self.concepts[name_or_id]
        found = self.lookup(name_or_id)
        if not found:
            raise UnknownSkillError(f"no skill named {name_or_id!r}")
        return found[0]

    def children(self, skill_id: str) -> list[Concept]:
        return [self.concepts[i] for i in self._children.get(skill_id, [])]

    def descendants(self, skill_id: str) -> list[Concept]:
        out: list[Concept] = []
        stack = list(self._children.get(skill_id, []))
        seen: set[str] = set()
        while stack:
            cid = stack.pop()
            if cid in seen:
                continue
            seen.add(cid)
            out.append(self.concepts[cid])
            stack.extend(self._children.get(cid, []))
        return out

    def in_category(self, category: str) -> list[Concept]:
        """Concepts of ``category`` and all their descendants, whatever their own category."""
        roots = [c for c in self.concepts.values() if c.category == category]
        ids = {c.id for c in roots}
        out = list(roots)
        for root in roots:
            for d in self.descendants(root.id):
                if d.id not in ids:
                    ids.add(d.id)
                    out.append(d)
        return out

    def names(self) -> dict[str, list[str]]:
        """The lookup table: normalised name -> concept IDs."""
        return self._by_name
