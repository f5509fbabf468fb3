"""The skill model: a :class:`Concept` and the :class:`Taxonomy` that holds them.

A concept has a stable ID (``sp.chatgpt`` for the built-in catalog, ``lc.KS...`` for
Lightcast, ``esco.<uuid>`` for ESCO, ``onet.<slug of the technology name>`` for O*NET, and
``lc.group.<code>`` / ``esco.group.<code>`` / ``onet.<commodity code>`` for skill groups), one
preferred label, aliases, a category, an optional parent and cross-references to the sources
that hold it. Counting always uses IDs; labels and aliases are data.

Every name of a concept carries its provenance (:class:`NameInfo`: source and kind), so
extraction can decide which names are safe to match in free text (see
:mod:`skillpulse.taxonomy.names`). Loaders live in sibling modules; the class methods here
(``builtin``, ``from_file``, ``from_esco``, ``from_lightcast``, ``from_onet``, ``merge``,
``default``, ``load``) import them lazily.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from skillpulse.errors import UnknownSkillError
from skillpulse.taxonomy.sources import GROUP_FLAG, KIND_OF_CODE, KIND_RANK, source_rank

if TYPE_CHECKING:
    from skillpulse.taxonomy.merge import MergeReport


def normalize_label(text: str) -> str:
    """The lookup key of a label or alias: NFKC, case-folded, inner whitespace collapsed."""
    # fast path: on ASCII, NFKC is the identity and casefold() is lower()
    folded = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


class NameInfo(NamedTuple):
    """Where one name of a concept comes from (a named tuple: cheap to store and unpickle).

    ``kind`` is one of :data:`skillpulse.taxonomy.sources.NAME_KINDS`: ``label``, ``alias``,
    ``derived``, ``acronym`` or ``alt_label``.
    """

    text: str
    source: str
    kind: str


def _name_ranks(
    concept: Concept, src_rank: dict[str, int], memo: dict[str, str] | None = None
) -> list[tuple[str, tuple[bool, int, int, str]]]:
    """(lookup key, index rank) for every name of a concept; see ``Taxonomy._reindex``.
    ``memo`` caches normalised names across calls (text -> key)."""
    cid = concept.id
    group = GROUP_FLAG in concept.flags
    out = []
    texts: set[str] = set()
    for info in concept.name_entries():
        texts.add(info.text)
        rank = src_rank.get(info.source)
        if rank is None:
            rank = src_rank[info.source] = source_rank(info.source)
        text = info.text
        if memo is None:
            key = normalize_label(text)
        else:
            key = memo.get(text)  # type: ignore[assignment]
            if key is None:
                key = memo[text] = normalize_label(text)
        out.append((key, (group, rank, KIND_RANK.get(info.kind, 9), cid)))
    for name in concept.names:  # names missing from name_info still resolve
        if name not in texts:
            out.append((normalize_label(name), (group, 9, 9, cid)))
    return out


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
    #: provenance of each name (label and aliases), for names from several sources; empty
    #: means ``name_codes`` (or, if that is empty too, "the label is the preferred label and
    #: every alias a curated alias of the primary source")
    name_info: tuple[NameInfo, ...] = ()
    #: compact provenance of single-source concepts: one code per name of ``names`` (``l``
    #: label, ``a`` alias, ``d`` derived, ``c`` acronym, ``t`` alt label), all from the
    #: primary source; read it through :meth:`name_entries`
    name_codes: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred label followed by every alias."""
        return (self.label, *self.aliases)

    @property
    def primary_source(self) -> str:
        """The source of the surviving ID and label (``custom`` when none is recorded)."""
        return self.sources[0][0] if self.sources else "custom"

    def name_entries(self) -> tuple[NameInfo, ...]:
        """Every (name, source, kind); a name held by several sources appears once per source."""
        if self.name_info:
            return self.name_info
        src = self.primary_source
        if self.name_codes:
            return tuple(NameInfo(text, src, KIND_OF_CODE[code])
                         for text, code in zip(self.names, self.name_codes, strict=True))
        return (
            NameInfo(self.label, src, "label"),
            *(NameInfo(a, src, "alias") for a in self.aliases),
        )

    def name_kinds(self, name: str) -> list[NameInfo]:
        """The provenance entries of one name (case and spacing ignored), best first."""
        key = normalize_label(name)
        found = [n for n in self.name_entries() if normalize_label(n.text) == key]
        return sorted(found, key=lambda n: (source_rank(n.source), KIND_RANK.get(n.kind, 9)))

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
    #: former IDs of concepts unified by a merge -> surviving ID (``get`` follows them)
    redirects: dict[str, str] = field(default_factory=dict)
    #: what the merge that built this taxonomy did (None for a single source)
    merge_report: MergeReport | None = field(default=None, compare=False)
    _by_name: dict[str, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _children: dict[str, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _version: str | None = field(default=None, init=False, repr=False, compare=False)
    #: the name and children indexes are built on first use (loaders that feed a merge
    #: never need their own)
    _indexed: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._indexed = False
        self._version = None

    def _index(self) -> dict[str, list[str]]:
        if not self._indexed:
            self._reindex()
        return self._by_name

    def _reindex(self, memo: dict[str, str] | None = None) -> None:
        """Build the name index; each name's IDs are ordered skills before skill groups, then
        by the priority of the source and kind that gives the concept that name (user file,
        catalog, Lightcast, O*NET, ESCO; label before alias, derived, acronym, alt label),
        then by ID."""
        ranked: dict[str, list[tuple[bool, int, int, str]]] = {}
        self._children = {}
        src_rank: dict[str, int] = {}
        for concept in self.concepts.values():
            for key, entry in _name_ranks(concept, src_rank, memo):
                found = ranked.get(key)
                if found is None:
                    ranked[key] = [entry]
                else:
                    found.append(entry)
            if concept.parent:
                self._children.setdefault(concept.parent, []).append(concept.id)
        by_name: dict[str, list[str]] = {}
        for key, entries in ranked.items():
            if len(entries) == 1:
                by_name[key] = [entries[0][3]]
            else:
                entries.sort()
                by_name[key] = list(dict.fromkeys(e[3] for e in entries))
        self._by_name = by_name
        self._indexed = True
        self._version = None

    def replaced(self, remove: Iterable[str], add: Iterable[Concept],
                 source_versions: Mapping[str, str] | None = None) -> Taxonomy:
        """A new taxonomy without the concepts ``remove`` and with ``add`` (replacing any of
        the same ID); only the index entries of their names are recomputed."""
        gone = set(remove)
        added = {c.id: c for c in add}
        src_rank: dict[str, int] = {}
        touched: set[str] = set()
        for cid in gone | set(added):
            if cid in self.concepts:
                touched.update(k for k, _ in _name_ranks(self.concepts[cid], src_rank))
        for c in added.values():
            touched.update(k for k, _ in _name_ranks(c, src_rank))
        concepts = {cid: c for cid, c in self.concepts.items() if cid not in gone}
        concepts.update(added)
        old_index = self._index()
        by_name = dict(old_index)
        for key in touched:
            ids = {i for i in old_index.get(key, ()) if i in concepts and i not in added}
            ids.update(cid for cid, c in added.items()
                       if any(k == key for k, _ in _name_ranks(c, src_rank)))
            entries = sorted(
                min(r for k, r in _name_ranks(concepts[i], src_rank) if k == key) for i in ids
            )
            if entries:
                by_name[key] = list(dict.fromkeys(e[3] for e in entries))
            else:
                by_name.pop(key, None)
        result = Taxonomy({}, dict(self.source_versions if source_versions is None
                                   else source_versions), dict(self.redirects))
        result.concepts = concepts
        result._by_name = by_name
        for c in concepts.values():
            if c.parent:
                result._children.setdefault(c.parent, []).append(c.id)
        result._indexed = True
        return result

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_concepts(
        cls, concepts: Iterable[Concept], source_versions: Mapping[str, str] | None = None
    ) -> Taxonomy:
        return cls({c.id: c for c in concepts}, dict(source_versions or {}))

    # The factories live in skillpulse.taxonomy.loading (which imports the loaders, which
    # import this module); these classmethods are thin delegations kept for users.
    @classmethod
    def builtin(cls) -> Taxonomy:
        """The built-in generative-AI catalog shipped with the package."""
        return _loading().builtin()

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, known_ids: Iterable[str] = ()) -> Taxonomy:
        """A catalog file in the built-in format (YAML or JSON); errors name file, line, field.

        ``known_ids`` are IDs a ``parent`` may refer to besides the file's own concepts.
        """
        return _loading().from_file(path, known_ids=known_ids)

    @classmethod
    def from_esco(cls, path: str | os.PathLike[str], **kwargs: Any) -> Taxonomy:
        """ESCO skills from ``esco_v*_skills_labels.csv.gz`` (see :mod:`.esco`)."""
        return _loading().from_esco(path, **kwargs)

    @classmethod
    def from_lightcast(cls, path: str | os.PathLike[str], **kwargs: Any) -> Taxonomy:
        """Lightcast Open Skills from ``lightcast_open_skills_*.csv.gz`` (see :mod:`.lightcast`)."""
        return _loading().from_lightcast(path, **kwargs)

    @classmethod
    def from_onet(cls, path: str | os.PathLike[str], **kwargs: Any) -> Taxonomy:
        """O*NET Technology Skills from ``technology_skills.txt.gz`` (see :mod:`.onet`)."""
        return _loading().from_onet(path, **kwargs)

    @classmethod
    def merge(cls, *taxonomies: Taxonomy) -> Taxonomy:
        """One taxonomy from several; see :func:`skillpulse.taxonomy.merge.merge`."""
        return _loading().merged(*taxonomies)

    @classmethod
    def default(cls, *, use_cache: bool = True,
                cache_dir: str | os.PathLike[str] | None = None) -> Taxonomy:
        """The built-in catalog merged with the general taxonomies shipped as package data
        (cached as a pickle in ``cache_dir``, default: the ``cache_dir`` setting)."""
        return _loading().default(use_cache=use_cache, cache_dir=cache_dir)

    @classmethod
    def load(
        cls, files: Sequence[str | os.PathLike[str]] | None = None, *, use_cache: bool = True,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> Taxonomy:
        """The default taxonomy with user ``files`` merged on top, later files on top (the
        CLI and :func:`skillpulse.open` pass the ``taxonomy_files`` setting here)."""
        return _loading().load(files, use_cache=use_cache, cache_dir=cache_dir)

    # -- identity -----------------------------------------------------------------------
    @property
    def version(self) -> str:
        if self._version is None:
            digest = hashlib.sha256()
            for cid in sorted(self.concepts):
                c = self.concepts[cid]
                digest.update(repr(
                    (c.id, c.label, c.aliases, c.ambiguous, c.category, c.parent,
                     c.description, c.roles, c.sources, c.flags,
                     tuple((n.text, n.source, n.kind) for n in c.name_entries()))
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
        """A concept by ID; the ID of a concept unified by a merge leads to the survivor."""
        try:
            return self.concepts[skill_id]
        except KeyError:
            if skill_id in self.redirects:
                return self.concepts[self.redirects[skill_id]]
            raise UnknownSkillError(f"no skill with ID {skill_id!r}") from None

    def lookup(self, name: str) -> list[Concept]:
        """Every concept whose label or alias equals ``name`` (case and spacing ignored)."""
        return [self.concepts[i] for i in self._index().get(normalize_label(name), [])]

    def resolve(self, name_or_id: str) -> Concept:
        """One concept by ID, label or alias; on collision the highest-priority one (see _reindex)."""
        if name_or_id in self.concepts:
            return self.concepts[name_or_id]
        if name_or_id in self.redirects:
            return self.concepts[self.redirects[name_or_id]]
        found = self.lookup(name_or_id)
        if not found:
            raise UnknownSkillError(f"no skill named {name_or_id!r}")
        return found[0]

    def children(self, skill_id: str) -> list[Concept]:
        self._index()
        return [self.concepts[i] for i in self._children.get(skill_id, [])]

    def descendants(self, skill_id: str) -> list[Concept]:
        out: list[Concept] = []
        self._index()
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
        """Concepts of ``category`` at any level of the category hierarchy
        (:mod:`skillpulse.taxonomy.categories`): those whose category is ``category`` or a
        narrower one, the members of those categories, and all their descendants."""
        from skillpulse.taxonomy.categories import narrower

        levels = narrower(category)
        names = {category, *(c.id for c in levels)}
        members = {m for c in levels for m in c.members}
        roots = [c for c in self.concepts.values() if c.category in names or c.id in members]
        ids = {c.id for c in roots}
        out = list(roots)
        self._index()
        # below a member of a narrow category, a catalog concept the list leaves out is not
        # in it (nor is its subtree): the curated list decides (GANs under generative AI)
        stack = [(cid, c.id in members and c.category not in names)
                 for c in roots for cid in self._children.get(c.id, [])]
        while stack:
            cid, by_member = stack.pop()
            if cid in ids:
                continue
            d = self.concepts[cid]
            if by_member and d.primary_source == "skillpulse-genai" and d.category not in names:
                continue
            ids.add(cid)
            out.append(d)
            stack.extend((x, by_member) for x in self._children.get(cid, []))
        return out

    def names(self) -> dict[str, list[str]]:
        """The lookup table: normalised name -> concept IDs, highest priority first."""
        return self._index()

    def is_ambiguous_name(self, name: str) -> bool:
        """True when a concept marks ``name`` ambiguous or when it names several concepts."""
        ids = self._index().get(normalize_label(name), [])
        return len(ids) > 1 or any(self.concepts[i].is_ambiguous(name) for i in ids)

    def sources(self) -> list[str]:
        """The source names present, by priority."""
        return sorted(self.source_versions, key=lambda s: (source_rank(s), s))


def _loading() -> ModuleType:
    """:mod:`skillpulse.taxonomy.loading`, imported on first use (it imports this module)."""
    import importlib

    return importlib.import_module("skillpulse.taxonomy.loading")
