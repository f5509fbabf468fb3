"""Accuracy of free-text extraction against client skill tags (``skillpulse eval tags``).

Each posting carries tags (``skills``). The tags are resolved to IDs (method ``tag``); the
extractor sees only ``title`` and ``description``. Over the skills the taxonomy knows, micro
precision is the share of extracted (document, skill) pairs that a tag names, and micro
recall the share of tagged pairs the text yielded. Clients tag skills their text never
names, so recall has a ceiling; precision is the figure to push.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from skillpulse.extract.pipeline import Extractor, _as_list

__all__ = ["PostDiff", "TagEval", "evaluate_tags", "prf"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class TagEval:
    """Micro figures of one evaluation run."""

    documents: int
    tags: int
    #: tags the taxonomy does not know (out of scope)
    unknown_tags: int
    tp: int
    fp: int
    fn: int
    #: most frequent false positives and misses: (skill ID, count)
    top_fp: list[tuple[str, int]] = field(default_factory=list)
    top_fn: list[tuple[str, int]] = field(default_factory=list)
    unknown: list[tuple[str, int]] = field(default_factory=list)
    #: skill ID -> label, for every skill the lists name
    labels: dict[str, str] = field(default_factory=dict)
    #: skill ID -> (documents extracted, documents tagged, both)
    per_skill: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: the first ``show`` documents where text and tags disagree (see :class:`PostDiff`)
    diffs: list[PostDiff] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def skill_row(self, skill_id: str, count: int) -> dict[str, Any]:
        """One row of a top list: the count it is ranked by and the skill's own figures."""
        pred, gold, both = self.per_skill.get(skill_id, (0, 0, 0))
        return {"skill_id": skill_id, "label": self.labels.get(skill_id, ""), "count": count,
                "extracted": pred, "tagged": gold, "both": both,
                "precision": round(both / pred, 4) if pred else None,
                "recall": round(both / gold, 4) if gold else None}

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "tags": self.tags, "unknown_tags": self.unknown_tags,
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "ranked_by": "count: documents where the skill is a false positive (a miss)",
            "top_false_positives": [self.skill_row(s, n) for s, n in self.top_fp],
            "top_misses": [self.skill_row(s, n) for s, n in self.top_fn],
            "top_unknown_tags": [list(x) for x in self.unknown],
            "diffs": [d.to_dict(self.labels) for d in self.diffs],
        }


@dataclass(frozen=True)
class PostDiff:
    """Where the text and the tags of one document disagree."""

    id: str
    title: str
    tags: tuple[str, ...]
    #: skills of both, extracted only (false positives), tagged only (misses)
    both: tuple[str, ...]
    extracted_only: tuple[str, ...]
    tagged_only: tuple[str, ...]

    def to_dict(self, labels: Mapping[str, str]) -> dict[str, Any]:
        def named(ids: tuple[str, ...]) -> list[dict[str, str]]:
            return [{"skill_id": i, "label": labels.get(i, "")} for i in ids]

        return {"id": self.id, "title": self.title, "tags": list(self.tags),
                "both": named(self.both), "extracted_only": named(self.extracted_only),
                "tagged_only": named(self.tagged_only)}


def evaluate_tags(extractor: Extractor, records: Iterable[Mapping[str, Any]], *, top: int = 15,
                  show: int = 0) -> TagEval:
    """Compare skills extracted from title + description with the tags' skills; ``show``
    keeps the first documents where they disagree (:class:`PostDiff`)."""
    docs = tags_n = unknown_n = tp = fp = fn = 0
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_both: Counter[str] = Counter()
    diffs: list[PostDiff] = []
    for rec in records:
        docs += 1
        tags = _as_list(rec.get("skills") or [])
        gold: set[str] = set()
        for tag in tags:
            tags_n += 1
            hit = extractor.tags.resolve(tag)
            if hit is None:
                unknown_n += 1
                unknown[tag.strip().lower()] += 1
            else:
                gold.add(hit[0])
        pred: set[str] = set()
        for name in ("title", "description"):
            value = rec.get(name)
            if value:
                pred.update(m.skill_id for m in extractor(str(value), "posting", field=name))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        fps.update(pred - gold)
        fns.update(gold - pred)
        n_pred.update(pred)
        n_gold.update(gold)
        n_both.update(pred & gold)
        if len(diffs) < show and pred != gold:
            diffs.append(PostDiff(str(rec.get("id", docs)), str(rec.get("title") or ""),
                                  tuple(tags), tuple(sorted(pred & gold)),
                                  tuple(sorted(pred - gold)), tuple(sorted(gold - pred))))
    top_fp, top_fn = fps.most_common(top), fns.most_common(top)
    named = {s for s, _ in top_fp} | {s for s, _ in top_fn}
    for d in diffs:
        named.update(d.both, d.extracted_only, d.tagged_only)
    concepts = extractor.taxonomy.concepts
    labels = {s: concepts[s].label if s in concepts else s for s in named}
    per_skill = {s: (n_pred[s], n_gold[s], n_both[s]) for s in named}
    return TagEval(docs, tags_n, unknown_n, tp, fp, fn, top_fp, top_fn,
                   unknown.most_common(top), labels, per_skill, diffs)


@dataclass(frozen=True)
class GoldEval:
    """Skill-level micro figures on a span-annotated gold set (see :func:`evaluate_gold`)."""

    sentences: int
    gold_mentions: int
    #: gold mentions whose skill the taxonomy does not know (out of scope)
    out_of_scope: int
    tp: int
    fp: int
    fn: int
    #: (sentence id, skill ID, text) of each false positive and each miss
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    unknown_skills: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]


def gold_skill_id(taxonomy: Any, name: str) -> str | None:
    """The taxonomy ID of a gold skill name (label or alias lookup), or None."""
    found = taxonomy.lookup(name)
    if not found:
        return None
    rank = {"sp": 0, "lc": 1, "onet": 2, "esco": 3}
    found = sorted(found, key=lambda c: rank.get(c.id.split(".", 1)[0], -1))
    return str(found[0].id)


def evaluate_gold(extractor: Extractor, records: Iterable[Mapping[str, Any]], *,
                  category: str | None = None) -> GoldEval:
    """Per-sentence skill-level precision and recall over skills the taxonomy knows.

    A predicted skill counts as correct when the sentence's gold holds it; a prediction whose
    span overlaps a gold span of an unknown (out-of-scope) skill is not counted either way.
    With ``category`` ("generative-ai"), only gold skills and predictions of concepts of that
    category count (a prediction of the category that another gold skill of the sentence
    accounts for is neither right nor wrong).
    """
    n = gold_n = oos = tp = fp = fn = 0
    fps: list[tuple[str, str, str]] = []
    fns: list[tuple[str, str, str]] = []
    unknown: set[str] = set()
    taxonomy = extractor.taxonomy
    for rec in records:
        n += 1
        text = rec["text"]
        kind = "search" if rec.get("kind") == "search" else "posting"
        # each gold skill: its ID and every concept carrying the same name (another
        # source's copy of it)
        gold: dict[str, tuple[str, set[str]]] = {}
        oos_spans: list[tuple[int, int]] = []
        for g in rec.get("gold", []):
            gold_n += 1
            sid = gold_skill_id(taxonomy, g["skill"])
            if sid is None:
                oos += 1
                unknown.add(g["skill"])
                oos_spans.append((g["start"], g["end"]))
            elif sid not in gold:
                same = {c.id for c in taxonomy.lookup(g["skill"])} | {sid}
                # a more specific concept of the gold skill counts as that skill
                same |= {c.id for s_id in list(same) for c in taxonomy.descendants(s_id)
                         if not c.id.startswith("lc.group") and not c.id.startswith("esco.group")}
                gold[sid] = (g["span"], same)
        pred: dict[str, str] = {}
        for m in extractor(text, kind):
            pred.setdefault(m.skill_id, m.text)
        other: set[str] = set()
        if category is not None:
            other = {i for gid, (_, ids) in gold.items() if not _in(taxonomy, gid, category)
                     for i in ids}
            gold = {gid: g for gid, g in gold.items() if _in(taxonomy, gid, category)}
            pred = {pid: t for pid, t in pred.items() if _in(taxonomy, pid, category)}
        matched: set[str] = set()
        for pid, surface in pred.items():
            hit = [gid for gid, (_, ids) in gold.items() if pid in ids]
            if not hit and pid in other:
                continue  # the sentence's gold names it under another category
            if hit:
                if not matched.issuperset(hit):
                    tp += 1
                matched.update(hit)
                continue
            if any(m_s < e and s < m_e for s, e in oos_spans
                   for m_s, m_e in _spans_of(extractor, text, kind, pid)):
                continue  # a skill the gold names but the taxonomy lacks: out of scope
            fp += 1
            fps.append((str(rec.get("id")), pid, surface))
        for gid, (surface, _ids) in gold.items():
            if gid not in matched:
                fn += 1
                fns.append((str(rec.get("id")), gid, surface))
    return GoldEval(n, gold_n, oos, tp, fp, fn, fps, fns, sorted(unknown))


def _in(taxonomy: Any, skill_id: str, category: str) -> bool:
    concept = taxonomy.concepts.get(skill_id)
    return concept is not None and concept.category == category


def _spans_of(extractor: Extractor, text: str, kind: str, skill_id: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in extractor(text, kind) if m.skill_id == skill_id]
