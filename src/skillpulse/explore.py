"""Questions an explorer asks that the :class:`~skillpulse.workspace.Workspace` front door
does not: one skill's card (what the taxonomy says about it and its monthly share of each
kind's documents), name search, the categories, and the segment values of a kind.

Each function takes a workspace and returns a typed result with ``to_dict()``; the REST API
(``skillpulse serve``) calls these, one function per endpoint, as it calls the workspace.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skillpulse.errors import AnalyticsError

if TYPE_CHECKING:
    from skillpulse.analytics.results import ShareResult
    from skillpulse.workspace import Workspace

KINDS: tuple[str, ...] = ("postings", "searches", "hires", "profiles")

#: the fields of each kind a segment can be picked from (stored contract columns only)
SEGMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "postings": ("category", "company_size", "country"),
    "searches": (),
    "hires": (),
    "profiles": ("country",),
}


@dataclass(frozen=True)
class SkillCard:
    """``concept`` is what ``skillpulse taxonomy show --json`` prints (label, description,
    roles, parent, sources, ...); ``trend`` is, per kind, the share of that kind's documents
    mentioning the skill per period (a ``share`` result whose category is the skill)."""

    concept: dict[str, Any]
    trend: dict[str, ShareResult]

    def to_dict(self) -> dict[str, Any]:
        return {**self.concept, "trend": {k: v.to_dict() for k, v in self.trend.items()}}


def skill_card(ws: Workspace, skill: str, *, by: str = "month", start: str | None = None,
               end: str | None = None, kinds: Sequence[str] = KINDS,
               taxonomy_version: str | None = None) -> SkillCard:
    """The card of ``skill`` (ID, label or alias): the concept as ``taxonomy show`` gives
    it, and its share of documents per period of grain ``by`` for each kind (counted
    exactly as ``share`` counts a category, the skill alone standing for the category)."""
    from skillpulse.taxonomy import Taxonomy
    from skillpulse.taxonomy.inspect import concept_dict

    tax = ws.taxonomy
    concept = tax.resolve(skill)
    data = concept_dict(tax, concept)
    data["other_concepts_with_this_name"] = [c.id for c in tax.lookup(skill)
                                             if c.id != concept.id]
    # a one-concept taxonomy whose only category is the skill itself
    alone = Taxonomy.from_concepts(
        [dataclasses.replace(concept, category=concept.id, parent=None)])
    from skillpulse.analytics import share_of_activity

    with ws.store() as s:
        trend = {kind: share_of_activity(s, kind=kind, category=concept.id, by=by,
                                         start=start, end=end, taxonomy=alone,
                                         taxonomy_version=taxonomy_version)
                 for kind in kinds}
    return SkillCard(data, trend)


@dataclass(frozen=True)
class SkillHits:
    """``skillpulse taxonomy search --json``: one hit per concept, best first."""

    query: str
    hits: tuple[Any, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "hits": [dict(h.__dict__) for h in self.hits]}


def search_skills(ws: Workspace, text: str, *, limit: int = 20) -> SkillHits:
    """Concepts whose names match ``text`` (see :func:`skillpulse.taxonomy.inspect.search`)."""
    from skillpulse.taxonomy.inspect import search

    return SkillHits(text, tuple(search(ws.taxonomy, text, limit=limit)))


@dataclass(frozen=True)
class Categories:
    """The taxonomy's categories with their concept counts (largest first), as in
    ``skillpulse taxonomy stats --json`` (``concepts_per_category``)."""

    counts: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"categories": [{"category": c, "concepts": n} for c, n in self.counts]}


def categories(ws: Workspace) -> Categories:
    from skillpulse.taxonomy.inspect import stats

    per = stats(ws.taxonomy)["concepts_per_category"]
    return Categories(tuple((str(c), int(n)) for c, n in per.items()))


@dataclass(frozen=True)
class SegmentValues:
    """The values of each segment field of a kind, most documents first."""

    kind: str
    fields: dict[str, tuple[tuple[str, int], ...]]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind,
                "fields": {f: [{"value": v, "documents": n} for v, n in values]
                           for f, values in self.fields.items()}}


def segment_values(ws: Workspace, *, kind: str, limit: int = 50) -> SegmentValues:
    """The most frequent values (at most ``limit``) of each field in
    :data:`SEGMENT_FIELDS` for ``kind``; these are what ``where=FIELD=VALUE`` accepts."""
    if kind not in SEGMENT_FIELDS:
        raise AnalyticsError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    with ws.store() as s:
        for f in SEGMENT_FIELDS[kind]:  # fixed names, never request text
            rows = s.value_counts(kind, f, limit=limit).to_pylist()
            out[f] = tuple((str(r["v"]), int(r["n"])) for r in rows)
    return SegmentValues(kind, out)


@dataclass(frozen=True)
class Surveys:
    """The ingested surveys: name, respondents, questions, weight column."""

    surveys: tuple[Any, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"surveys": [{"name": s.name, "respondents": s.respondents,
                             "questions": s.questions, "weight_column": s.weight_column}
                            for s in self.surveys]}


def surveys(ws: Workspace) -> Surveys:
    from skillpulse.survey.questions import list_surveys

    with ws.store() as s:
        return Surveys(tuple(list_surveys(s)))
