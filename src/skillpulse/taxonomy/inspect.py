"""Read-only views of a taxonomy for people: one concept, name search, statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from skillpulse.taxonomy.model import Concept, Taxonomy, normalize_label
from skillpulse.taxonomy.sources import GROUP_FLAG, source_rank


def concept_dict(taxonomy: Taxonomy, concept: Concept, *, free_text: bool = True
                 ) -> dict[str, Any]:
    """Everything ``taxonomy show`` prints about a concept; with ``free_text``, also how
    extraction may match each name in free text (``free``/``context``/``off`` and why: see
    :func:`skillpulse.extract.names.name_decisions`)."""
    parent = taxonomy.concepts.get(concept.parent) if concept.parent else None
    return {
        "id": concept.id,
        "label": concept.label,
        "aliases": list(concept.aliases),
        "ambiguous": list(concept.ambiguous),
        "category": concept.category,
        "parent": {"id": parent.id, "label": parent.label} if parent else concept.parent,
        "children": [c.id for c in taxonomy.children(concept.id)],
        "description": concept.description,
        "roles": list(concept.roles),
        "sources": [{"source": s, "id": i} for s, i in concept.sources],
        "flags": list(concept.flags),
        "names": [{"name": n.text, "source": n.source, "kind": n.kind}
                  for n in concept.name_entries()],
        "taxonomy_version": taxonomy.version,
        **({"free_text": _free_text(taxonomy, concept)} if free_text else {}),
    }


def _free_text(taxonomy: Taxonomy, concept: Concept) -> list[dict[str, Any]]:
    from skillpulse.extract.names import name_decisions

    return name_decisions(taxonomy, concept.id)


@dataclass(frozen=True)
class SearchHit:
    concept_id: str
    label: str
    #: the name that matched (the best one for this concept)
    name: str
    #: 100 exact, 90 whole words (prefix or inside), 85 substring, else the fuzzy ratio
    score: float
    source: str


def search(taxonomy: Taxonomy, text: str, *, limit: int = 20, fuzzy_cutoff: float = 75.0
           ) -> list[SearchHit]:
    """Names equal to, containing as whole words, containing, or close to ``text`` (one hit
    per concept). Ties are broken by skills before groups, source priority (catalog
    first), then name length, then ID.
    """
    from rapidfuzz import fuzz, process

    query = normalize_label(text)
    if not query:
        return []
    best: dict[str, tuple[float, str]] = {}

    def offer(key: str, score: float) -> None:
        for cid in taxonomy.names()[key]:
            old = best.get(cid)
            if old is None or score > old[0] or (score == old[0] and len(key) < len(old[1])):
                best[cid] = (score, key)

    keys = list(taxonomy.names())
    for key in keys:
        if key == query:
            offer(key, 100.0)
        elif f" {query} " in f" {key} ":
            offer(key, 90.0)
        elif query in key:
            offer(key, 85.0)
    if len(best) < limit:
        for key, score, _ in process.extract(query, keys, scorer=fuzz.ratio,
                                             limit=limit * 3, score_cutoff=fuzzy_cutoff):
            offer(key, min(float(score), 84.9))
    hits = []
    for cid, (score, key) in best.items():
        c = taxonomy.concepts[cid]
        kinds = c.name_kinds(key)
        source = kinds[0].source if kinds else c.primary_source
        hits.append(SearchHit(cid, c.label, kinds[0].text if kinds else key, round(score, 1),
                              source))
    hits.sort(key=lambda h: (-h.score, GROUP_FLAG in taxonomy.concepts[h.concept_id].flags,
                             source_rank(h.source), len(h.name), h.concept_id))
    return hits[:limit]


def stats(taxonomy: Taxonomy, *, top_categories: int | None = None) -> dict[str, Any]:
    """Counts per source and category, names, aliases, ambiguous and colliding names."""
    skills = [c for c in taxonomy if GROUP_FLAG not in c.flags]
    per_source: Counter[str] = Counter()
    primary: Counter[str] = Counter()
    for c in skills:
        primary[c.primary_source] += 1
        for s in {s for s, _ in c.sources}:
            per_source[s] += 1
    categories = Counter(c.category or "(none)" for c in skills)
    kinds: Counter[str] = Counter()
    for c in skills:
        for n in c.name_entries():
            kinds[n.kind] += 1
    names = taxonomy.names()
    colliding = sum(
        1 for ids in names.values()
        if sum(GROUP_FLAG not in taxonomy.concepts[i].flags for i in ids) > 1
    )
    order = sorted(per_source, key=lambda s: (source_rank(s), s))
    return {
        "version": taxonomy.version,
        "concepts": len(skills),
        "skill_groups": len(taxonomy) - len(skills),
        "multi_source_concepts": sum(1 for c in skills if len({s for s, _ in c.sources}) > 1),
        "concepts_per_source": {s: per_source[s] for s in order},
        "concepts_per_primary_source": {s: primary[s] for s in order if primary[s]},
        "concepts_per_category": dict(categories.most_common(top_categories)),
        "categories": len(categories),
        "names": len(names),
        "aliases": sum(len(c.aliases) for c in skills),
        "names_per_kind": dict(sorted(kinds.items())),
        "ambiguous_aliases": sum(len(c.ambiguous) for c in skills),
        "colliding_names": colliding,
    }
