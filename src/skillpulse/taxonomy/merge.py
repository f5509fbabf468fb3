"""Merge several taxonomies into one, deterministically, and explain what was unified.

Rules (documented in ``docs/taxonomy.md``):

1. Concepts are processed in layers, one per source, by priority: user files (later files on
   top), the built-in catalog, Lightcast, O*NET, ESCO. The argument order does not matter
   except between user files.
2. A concept whose ID already exists joins that concept (a user file extending ``sp.*``).
3. Otherwise it joins an existing concept when one of its names equals (after
   :func:`~skillpulse.taxonomy.model.normalize_label`) one of that concept's names and the
   pair of name kinds is allowed: label = label (best), label = curated alias, label or alias
   = derived name ("PyTorch" from "PyTorch (Machine Learning Library)"), label = ESCO alt
   label (weakest). Names marked ambiguous, and names of two characters or less, only unify
   label = label. Aliases never unify with aliases, acronyms never unify, skill groups never
   unify, and a concept never absorbs two concepts of the same source.
4. Ties are not guessed: if a concept matches several existing concepts equally well, or
   several concepts of one source match the same concept equally well, nothing is unified
   and the report lists it under ``skipped``.
5. The surviving concept keeps the ID and label of its highest-priority member; the other
   fields are the first non-empty value by priority (roles, names, sources, flags: union).
   Former IDs redirect to the survivor (``Taxonomy.get``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from skillpulse.taxonomy.model import Concept, NameInfo, Taxonomy, normalize_label
from skillpulse.taxonomy.sources import GROUP_FLAG, source_rank

# strength of a unification by the pair of name kinds (lower is stronger)
_PAIR_STRENGTH: dict[frozenset[str], int] = {
    frozenset({"label"}): 0,
    frozenset({"label", "alias"}): 1,
    frozenset({"label", "derived"}): 2,
    frozenset({"alias", "derived"}): 3,
    frozenset({"label", "alt_label"}): 4,
}
_KIND_ORDER = ("label", "alias", "derived", "acronym", "alt_label")
HOW = {0: "label=label", 1: "label=alias", 2: "label=derived", 3: "alias=derived",
       4: "label=alt label"}


@dataclass(frozen=True)
class Member:
    """One source concept inside a merged concept."""

    id: str
    source: str
    label: str
    #: how it joined: ``anchor`` (the survivor), ``same id``, or a rule of :data:`HOW`
    how: str
    #: the normalised name it joined on ("" for the anchor)
    on: str = ""


@dataclass(frozen=True)
class Unification:
    id: str
    label: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Collision:
    """A normalised name carried by several distinct concepts."""

    name: str
    #: (concept ID, source of the name, kind of the name), highest priority first
    concepts: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Skipped:
    """A possible unification that was not made, and why."""

    id: str
    name: str
    candidates: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class MergeReport:
    inputs: tuple[tuple[str, int], ...]
    concept_count: int
    unified: tuple[Unification, ...]
    collisions: tuple[Collision, ...]
    skipped: tuple[Skipped, ...]

    def summary(self) -> dict[str, Any]:
        per_sources: dict[str, int] = {}
        for u in self.unified:
            key = "+".join(sorted({m.source for m in u.members}, key=lambda s: (source_rank(s), s)))
            per_sources[key] = per_sources.get(key, 0) + 1
        return {
            "inputs": [{"taxonomy": name, "concepts": n} for name, n in self.inputs],
            "concepts_in": sum(n for _, n in self.inputs),
            "concepts_out": self.concept_count,
            "unified_concepts": len(self.unified),
            "unified_source_concepts": sum(len(u.members) for u in self.unified),
            "unified_by_sources": dict(sorted(per_sources.items())),
            "colliding_names": len(self.collisions),
            "skipped_unifications": len(self.skipped),
        }

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        def cut(items: tuple[Any, ...]) -> tuple[Any, ...]:
            return items if limit is None else items[:limit]

        return {
            "summary": self.summary(),
            "unified": [
                {"id": u.id, "label": u.label,
                 "members": [m.__dict__ for m in u.members]} for u in cut(self.unified)
            ],
            "collisions": [
                {"name": c.name, "concepts": [{"id": i, "source": s, "kind": k}
                                              for i, s, k in c.concepts]}
                for c in cut(self.collisions)
            ],
            "skipped": [s.__dict__ | {"candidates": list(s.candidates)} for s in cut(self.skipped)],
        }


@dataclass
class _Cluster:
    members: list[tuple[Concept, Member]]
    sources: set[str] = field(default_factory=set)


def _unit_sources(c: Concept) -> set[str]:
    return {s for s, _ in c.sources} or {c.primary_source}


def _norm(text: str, memo: dict[str, str]) -> str:
    key = memo.get(text)
    if key is None:
        key = memo[text] = normalize_label(text)
    return key


def _names(c: Concept, memo: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(key, kind, ambiguous) for each name of a concept; each key once, at its best kind."""
    amb = {_norm(a, memo) for a in c.ambiguous} if c.ambiguous else set()
    best: dict[str, str] = {}
    order = ("label", "alias", "derived", "acronym", "alt_label")
    label_key = _norm(c.label, memo)
    for info in c.name_entries():
        key = _norm(info.text, memo)
        kind = "label" if label_key == key else info.kind
        if key not in best or order.index(kind) < order.index(best[key]):
            best[key] = kind if kind in order else "alt_label"
    return [(k, v, k in amb) for k, v in best.items()]


def _strength(key: str, a: tuple[str, bool], b: tuple[str, bool]) -> int | None:
    (kind_a, amb_a), (kind_b, amb_b) = a, b
    if amb_a or amb_b or len(key) <= 2:
        return 0 if kind_a == kind_b == "label" else None
    return _PAIR_STRENGTH.get(frozenset({kind_a, kind_b}))


def _layer_key(pos: int, c: Concept) -> tuple[int, int, str]:
    rank = source_rank(c.primary_source)
    return (rank, -pos if rank == 0 else 0, c.primary_source)


def merge(*taxonomies: Taxonomy) -> Taxonomy:
    """Merge taxonomies (see the module docstring for the rules); returns a new taxonomy
    whose ``merge_report`` says what was unified, what collides and what was skipped."""
    layers: dict[tuple[int, int, str], list[Concept]] = {}
    for pos, tax in enumerate(taxonomies):
        for c in tax:
            layers.setdefault(_layer_key(pos, c), []).append(c)

    clusters: list[_Cluster] = []
    by_id: dict[str, int] = {}
    index: dict[str, list[tuple[int, str, bool]]] = {}
    skipped: list[Skipped] = []

    names_of: dict[str, list[tuple[str, str, bool]]] = {}
    memo: dict[str, str] = {}

    def names(c: Concept) -> list[tuple[str, str, bool]]:
        found = names_of.get(c.id)
        if found is None:
            found = names_of[c.id] = _names(c, memo)
        return found

    def add(ci: int, c: Concept, member: Member) -> None:
        cl = clusters[ci]
        cl.members.append((c, member))
        cl.sources |= _unit_sources(c)
        by_id.setdefault(c.id, ci)
        if GROUP_FLAG in c.flags:
            return
        for key, kind, amb in names(c):
            index.setdefault(key, []).append((ci, kind, amb))

    for lkey in sorted(layers):
        units: list[Concept] = []
        repeated: list[Concept] = []  # the same ID twice in one layer (a file given twice)
        seen_ids: set[str] = set()
        for c in sorted(layers[lkey], key=lambda c: c.id):
            (repeated if c.id in seen_ids else units).append(c)
            seen_ids.add(c.id)
        proposals: dict[int, list[tuple[int, str, Concept, str]]] = {}
        fresh: list[Concept] = []
        for c in units:
            if c.id in by_id:
                ci = by_id[c.id]
                add(ci, c, Member(c.id, c.primary_source, c.label, "same id"))
                continue
            if GROUP_FLAG in c.flags:
                fresh.append(c)
                continue
            srcs = _unit_sources(c)
            best: dict[int, tuple[int, str]] = {}
            for key, kind, amb in names(c):
                for ci, ckind, camb in index.get(key, ()):
                    if clusters[ci].sources & srcs:
                        continue
                    s = _strength(key, (kind, amb), (ckind, camb))
                    if s is not None and (ci not in best or (s, key) < best[ci]):
                        best[ci] = (s, key)
            if not best:
                fresh.append(c)
                continue
            top = min(s for s, _ in best.values())
            winners = sorted(ci for ci, (s, _) in best.items() if s == top)
            if len(winners) > 1:
                skipped.append(Skipped(
                    c.id, best[winners[0]][1],
                    tuple(clusters[ci].members[0][0].id for ci in winners),
                    f"matches {len(winners)} concepts equally ({HOW[top]})"))
                fresh.append(c)
                continue
            ci = winners[0]
            proposals.setdefault(ci, []).append((top, best[ci][1], c, HOW[top]))
        joins: list[tuple[int, Concept, Member]] = []
        for ci, props in sorted(proposals.items()):
            top = min(p[0] for p in props)
            best_props = [p for p in props if p[0] == top]
            if len(best_props) == 1:
                _, key, c, how = best_props[0]
                joins.append((ci, c, Member(c.id, c.primary_source, c.label, how, key)))
                fresh.extend(p[2] for p in props if p[2].id != c.id)
            else:
                anchor = clusters[ci].members[0][0].id
                for _, key, c, _how in best_props:
                    skipped.append(Skipped(
                        c.id, key, (anchor,),
                        f"{len(best_props)} {lkey[2]} concepts match {anchor} equally ({HOW[top]})"))
                fresh.extend(p[2] for p in props)
        for ci, c, member in joins:
            add(ci, c, member)
        for c in sorted(fresh, key=lambda c: c.id):
            clusters.append(_Cluster([]))
            add(len(clusters) - 1, c, Member(c.id, c.primary_source, c.label, "anchor"))
        for c in repeated:
            add(by_id[c.id], c, Member(c.id, c.primary_source, c.label, "same id"))

    return _build(clusters, taxonomies, skipped, memo)


def _first(values: Iterable[Any]) -> Any:
    return next((v for v in values if v), None)


def _combine(cl: _Cluster) -> Concept:
    concepts = [c for c, _ in cl.members]
    anchor = concepts[0]
    if len(concepts) == 1:
        return anchor
    infos: list[NameInfo] = list(dict.fromkeys(i for c in concepts for i in c.name_entries()))
    label_key = normalize_label(anchor.label)
    seen = {label_key}
    aliases = []
    for info in infos:
        key = normalize_label(info.text)
        if key not in seen:
            seen.add(key)
            aliases.append(info.text)
    amb: dict[str, str] = {}
    for c in concepts:
        for a in c.ambiguous:
            amb.setdefault(normalize_label(a), a)  # few: no memo needed
    return Concept(
        id=anchor.id,
        label=anchor.label,
        aliases=tuple(aliases),
        ambiguous=tuple(amb.values()),
        category=_first(c.category for c in concepts),
        parent=_first(c.parent for c in concepts),
        description=_first(c.description for c in concepts) or "",
        roles=tuple(dict.fromkeys(r for c in concepts for r in c.roles)),
        sources=tuple(dict.fromkeys(s for c in concepts for s in c.sources)),
        flags=tuple(sorted({f for c in concepts for f in c.flags})),
        name_info=tuple(infos),
    )


def _build(clusters: list[_Cluster], taxonomies: tuple[Taxonomy, ...], skipped: list[Skipped],
           memo: dict[str, str]) -> Taxonomy:
    redirects: dict[str, str] = {}
    for cl in clusters:
        anchor_id = cl.members[0][0].id
        for c, _ in cl.members[1:]:
            if c.id != anchor_id:
                redirects[c.id] = anchor_id
    for tax in taxonomies:
        for old, new in tax.redirects.items():
            redirects.setdefault(old, redirects.get(new, new))
    concepts: list[Concept] = []
    for cl in clusters:
        c = _combine(cl)
        if c.parent in redirects:
            parent: str | None = redirects[c.parent]
            c = replace(c, parent=None if parent == c.id else parent)
        concepts.append(c)
    versions: dict[str, set[str]] = {}
    for tax in taxonomies:
        for name, ver in tax.source_versions.items():
            versions.setdefault(name, set()).add(ver)
    merged = Taxonomy({}, {k: "|".join(sorted(v)) for k, v in versions.items()})
    merged.concepts = {c.id: c for c in concepts}
    merged._reindex(memo)
    merged.redirects = dict(sorted(redirects.items()))
    unified = tuple(
        Unification(cl.members[0][0].id, cl.members[0][0].label, tuple(m for _, m in cl.members))
        for cl in clusters if len(cl.members) > 1
    )
    merged.merge_report = MergeReport(
        inputs=tuple((describe_sources(t), len(t)) for t in taxonomies),
        concept_count=len(merged),
        unified=unified,
        collisions=collisions(merged, memo),
        skipped=tuple(skipped),
    )
    return merged


def describe_sources(tax: Taxonomy) -> str:
    """The sources and versions of an input (its full version would hash all its content)."""
    return "+".join(f"{k}@{v}" for k, v in sorted(tax.source_versions.items())) or "custom"


def collisions(taxonomy: Taxonomy, memo: dict[str, str] | None = None) -> tuple[Collision, ...]:
    """Names carried by several distinct concepts (skill groups excluded), sorted by name."""
    memo = {} if memo is None else memo
    out = []
    shared = sorted((k, ids) for k, ids in taxonomy.names().items() if len(ids) > 1)
    for key, ids in shared:
        skills = [i for i in ids if GROUP_FLAG not in taxonomy.concepts[i].flags]
        if len(skills) < 2:
            continue
        rows = []
        for cid in skills:
            c = taxonomy.concepts[cid]
            kinds = sorted(
                (n for n in c.name_entries() if _norm(n.text, memo) == key),
                key=lambda n: (source_rank(n.source), _KIND_ORDER.index(n.kind)
                               if n.kind in _KIND_ORDER else 9))
            best = kinds[0] if kinds else NameInfo(key, c.primary_source, "alias")
            rows.append((cid, best.source, best.kind))
        out.append(Collision(key, tuple(rows)))
    return tuple(out)
