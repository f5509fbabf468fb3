"""``discover``: emerging skill terms that no taxonomy name covers, ranked by evidence.

Reads the documents of one kind up to the end of the current period, finds candidate terms
(:mod:`skillpulse.discover.terms`), drops every term a name of the taxonomy covers (any of
its variants), merges variants, and counts documents per period. Each candidate gets the rate
ratio of its document share (current over base) with the exact conditional interval of
``growth``; candidates are ranked by the interval's lower bound, and those absent in the base
are marked ``new`` (breakouts, listed apart by the CLI). A candidate carries its first-seen
date (over every document before the current period's end), three example contexts of the
current period, the taxonomy skills of the same documents (``co_skills``, from the store's
mentions) and the nearest taxonomy concepts from the semantic linker (``nearest``; empty
without the semantic extra).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from skillpulse.analytics.periods import Period
from skillpulse.analytics.scope import as_period
from skillpulse.analytics.stats import CONFIDENCE, rate_ratio_exact
from skillpulse.discover.terms import (
    Occurrence,
    common_word,
    is_ordinary,
    occurrences,
    tag_occurrences,
    variant_key,
)
from skillpulse.errors import AnalyticsError
from skillpulse.store.base import Store
from skillpulse.taxonomy.model import Taxonomy, normalize_label

log = logging.getLogger(__name__)

__all__ = ["KINDS", "DiscoverResult", "Discovered", "discover"]

#: Kinds ``discover`` reads, with their timestamp, free-text fields and tag field.
KINDS: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "postings": ("posted_at", ("title", "description"), "skills"),
    "searches": ("searched_at", ("query",), None),
    "profiles": ("observed_at", ("title", "overview"), "skills"),
}
#: default minimum current-period documents for a candidate
MIN_COUNT = 5
EXAMPLES = 3
CO_SKILLS = 5
NEAREST = 3
#: characters of context either side of an example
CONTEXT = 60
#: the least lower bound of the rate ratio for a candidate that is a common English word
#: written with a capital ("Harbor", "Linear"): only a clear rise makes it a tool's name
COMMON_WORD_MIN_LOW = 1.0


@dataclass(frozen=True)
class SkillRef:
    skill_id: str
    label: str
    value: float

    def to_dict(self, key: str) -> dict[str, Any]:
        value: float | int = int(self.value) if key == "count" else round(self.value, 6)
        return {"skill_id": self.skill_id, "label": self.label, key: value}


@dataclass(frozen=True)
class Discovered:
    """One candidate term."""

    rank: int
    term: str
    variants: tuple[str, ...]
    base_count: int
    current_count: int
    rate_ratio: float
    ratio_low: float
    ratio_high: float
    new: bool
    first_seen: str
    examples: tuple[str, ...]
    co_skills: tuple[SkillRef, ...] = ()
    nearest: tuple[SkillRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return None if x != x else (x if np.isfinite(x) else None)

        return {
            "rank": self.rank, "term": self.term, "variants": list(self.variants),
            "base_count": self.base_count, "current_count": self.current_count,
            "rate_ratio": num(self.rate_ratio), "ratio_low": num(self.ratio_low),
            "ratio_high": num(self.ratio_high), "new": self.new, "first_seen": self.first_seen,
            "examples": list(self.examples),
            "co_skills": [s.to_dict("count") for s in self.co_skills],
            "nearest": [s.to_dict("score") for s in self.nearest],
        }


@dataclass(frozen=True)
class DiscoverResult:
    kind: str
    base: str
    current: str
    base_documents: int
    current_documents: int
    candidates: tuple[Discovered, ...]
    min_count: int
    taxonomy_version: str = ""
    #: candidate terms seen before filtering by count (for the record)
    terms_seen: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``skillpulse discover --json``."""
        return {"kind": self.kind, "base": self.base, "current": self.current,
                "candidates": [c.to_dict() for c in self.candidates]}

    @property
    def ranked(self) -> tuple[Discovered, ...]:
        return tuple(c for c in self.candidates if not c.new)

    @property
    def breakouts(self) -> tuple[Discovered, ...]:
        return tuple(c for c in self.candidates if c.new)


@dataclass
class _Term:
    counts: list[set[str]] = field(default_factory=lambda: [set(), set()])
    spellings: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    examples: list[str] = field(default_factory=list)
    #: distinct texts (field values) of the current period holding the term: a repost of
    #: the same ad or the same stack line counts once
    contexts: set[int] = field(default_factory=set)


class _Coverage:
    """Does a taxonomy name cover a term? Exact name, or the same variant key. The names are
    the taxonomy's and those extraction derives from them (the product inside an O*NET label:
    "DynamoDB" of "Amazon DynamoDB"; a label's acronym), so a term extraction already
    resolves is never a candidate."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        from skillpulse.extract.names import extra_names, sense_model

        self.names = taxonomy.names()
        self.derived = {normalize_label(text) for text, *_ in
                        extra_names(taxonomy, sense_model(taxonomy))}
        self.keys: set[str] = set()
        for name in (*self.names, *self.derived):
            self.keys.add(variant_key(name))
        self._memo: dict[str, bool] = {}

    def _known(self, term: str) -> bool:
        norm = normalize_label(term)
        return norm in self.names or norm in self.derived or variant_key(term) in self.keys

    def __call__(self, term: str) -> bool:
        """Covered: the term is a name, or a name followed by common words in lower case or
        by names ("Kubernetes in production", "Stable Diffusion workflows", "image processing
        in Python"; not "AI Agent", a name of its own in a title)."""
        from skillpulse.extract.sense import COMMON_ZIPF, english_zipf

        hit = self._memo.get(term)
        if hit is None:
            words = term.split()
            pieces = [x for x in term.split("/") if x.strip()] if "/" in term else []
            hit = self._known(term) or (len(pieces) > 1 and all(  # "Docker/K8s", "AI/ML"
                self(x.strip()) for x in pieces)) or any(
                self._known(" ".join(words[:i]))
                and all((w.islower() and english_zipf(w) >= COMMON_ZIPF) or self._known(w)
                        for w in words[i:])
                for i in range(1, len(words)))
            self._memo[term] = hit
        return hit


def _documents(store: Store, kind: str, end: datetime) -> Iterator[tuple[str, datetime,
                                                                        dict[str, Any]]]:
    _, fields, tags = KINDS[kind]
    cols = [*fields, *([tags] if tags else [])]
    for batch in store.documents(kind, cols, before=end):
        yield from batch


#: paragraphs whose candidates are remembered (cleared when full): postings repeat their
#: boilerplate paragraphs, so each distinct paragraph is scanned once
PARAGRAPH_MEMO = 100_000


def _field_occurrences(text: str | None, field: str,
                       memo: dict[tuple[str, str], list[Occurrence]]) -> list[Occurrence]:
    """:func:`occurrences` of a text, paragraph by paragraph (split at blank lines, which no
    rule crosses), each distinct paragraph scanned once; offsets are the text's."""
    if not text:
        return []
    paragraphs = text.split("\n\n")
    out: list[Occurrence] = []
    pos = 0
    for para in paragraphs:
        found = memo.get((field, para))
        if found is None:
            if len(memo) >= PARAGRAPH_MEMO:
                memo.clear()
            found = memo[(field, para)] = occurrences(para, field)
        if pos:
            out.extend(Occurrence(o.text, o.field, o.start + pos, o.end + pos, o.strong)
                       for o in found)
        else:
            out.extend(found)
        pos += len(para) + 2
    return out


def _doc_occurrences(doc: dict[str, Any], kind: str,
                     memo: dict[tuple[str, str], list[Occurrence]] | None = None
                     ) -> list[Occurrence]:
    _, fields, tags = KINDS[kind]
    out: list[Occurrence] = []
    for f in fields:
        out.extend(_field_occurrences(doc.get(f), f, {} if memo is None else memo))
    if tags:
        raw = doc.get(tags)
        out.extend(tag_occurrences(list(raw) if raw is not None else []))
    return out


def _field_text(doc: dict[str, Any], occ: Occurrence) -> str:
    if occ.field == "skills":
        return "\x1f".join(str(t) for t in (doc.get("skills") or ()))
    return str(doc.get(occ.field) or "")


def _context(doc: dict[str, Any], occ: Occurrence) -> str:
    if occ.field == "skills":
        return ", ".join(str(t) for t in (doc.get("skills") or ()))[:2 * CONTEXT]
    text = str(doc.get(occ.field) or "")
    lo, hi = max(0, occ.start - CONTEXT), min(len(text), occ.end + CONTEXT)
    return ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")


def discover(
    store: Store,
    *,
    kind: str,
    base: str | Period,
    current: str | Period,
    taxonomy: Taxonomy,
    min_count: int = MIN_COUNT,
    top: int = 50,
    nearest: bool = True,
    confidence: float = CONFIDENCE,
) -> DiscoverResult:
    """Candidate skill terms of ``kind`` documents that no name of ``taxonomy`` covers.

    Candidates with at least ``min_count`` current-period documents are ranked by the lower
    bound of their rate ratio; ``top`` limits the list.
    """
    if kind not in KINDS:
        raise AnalyticsError(f"discover reads {', '.join(KINDS)}, not {kind!r}")
    if min_count < 1 or top < 1:
        raise AnalyticsError("min_count and top must be at least 1")
    p1, p2 = as_period(base), as_period(current)
    if p1.start < p2.end and p2.start < p1.end:
        raise AnalyticsError(f"base {p1} and current {p2} overlap")
    covered = _Coverage(taxonomy)
    terms: dict[str, _Term] = defaultdict(_Term)
    exposure = [0, 0]
    docs_of: dict[str, list[str]] = defaultdict(list)
    ordinary: dict[tuple[str, bool], bool] = {}
    memo: dict[tuple[str, str], list[Occurrence]] = {}
    for doc_id, when, doc in _documents(store, kind, max(p1.end, p2.end)):
        period = 0 if p1.start <= when < p1.end else 1 if p2.start <= when < p2.end else -1
        if period >= 0:
            exposure[period] += 1
        seen_here: set[str] = set()
        for occ in _doc_occurrences(doc, kind, memo):
            flag = ordinary.get((occ.text, occ.strong))
            if flag is None:
                flag = ordinary[(occ.text, occ.strong)] = (
                    is_ordinary(occ.text, strong=occ.strong, common_ok=True)
                    or covered(occ.text))
            if flag:
                continue
            key = variant_key(occ.text)
            if not key or key in seen_here:
                continue
            seen_here.add(key)
            t = terms[key]
            t.spellings[occ.text] += 1
            if t.first is None:
                t.first = when
            if period >= 0:
                t.counts[period].add(doc_id)
            if period == 1:
                t.contexts.add(hash((occ.field, _field_text(doc, occ))))
                if len(t.examples) < EXAMPLES:
                    t.examples.append(_context(doc, occ))
                if len(docs_of[key]) < 200:
                    docs_of[key].append(doc_id)
    _merge_qualified(terms)
    keys = sorted(k for k, t in terms.items() if len(t.counts[1]) >= min_count)
    if not keys:
        return DiscoverResult(kind, p1.label, p2.label, exposure[0], exposure[1], (), min_count,
                              taxonomy.version, len(terms))
    x1 = np.array([len(terms[k].counts[0]) for k in keys], dtype=np.float64)
    x2 = np.array([len(terms[k].counts[1]) for k in keys], dtype=np.float64)
    ratio, low, high = rate_ratio_exact(x1, exposure[0], x2, exposure[1], confidence)
    # a common English word ("Harbor", "Remote") stays only with evidence of emergence
    keep = [i for i, k in enumerate(keys)
            if not all(common_word(sp) for sp in terms[k].spellings)
            or np.nan_to_num(low[i], nan=0.0) > COMMON_WORD_MIN_LOW]
    if len(keep) < len(keys):
        keys = [keys[i] for i in keep]
        x1, x2, ratio, low, high = (a[keep] for a in (x1, x2, ratio, low, high))
    # ties (same lower bound and current count, common among breakouts of a few
    # documents): more distinct texts first (reposts of one ad are weaker evidence than
    # as many different ads), then the term first seen later
    first = [-(f.timestamp() if (f := terms[k].first) is not None else 0.0) for k in keys]
    distinct = [len(terms[k].contexts) for k in keys]
    order = sorted(range(len(keys)), key=lambda i: (-np.nan_to_num(low[i], nan=-1.0), -x2[i],
                                                    -distinct[i], first[i], keys[i]))[:top]
    chosen = [keys[i] for i in order]
    co = _co_skills(store, kind, {k: docs_of[k] for k in chosen}, taxonomy)
    labels = [terms[k].spellings.most_common(1)[0][0] for k in chosen]
    near = _nearest(labels) if nearest and labels else {}
    out = []
    for rank, i in enumerate(order, start=1):
        k = keys[i]
        t = terms[k]
        term = t.spellings.most_common(1)[0][0]
        out.append(Discovered(
            rank=rank, term=term,
            variants=tuple(sorted(t.spellings, key=lambda s: (-t.spellings[s], s))),
            base_count=int(x1[i]), current_count=int(x2[i]), rate_ratio=float(ratio[i]),
            ratio_low=float(low[i]), ratio_high=float(high[i]), new=bool(x1[i] == 0),
            first_seen=t.first.date().isoformat() if t.first else "",
            examples=tuple(t.examples), co_skills=co.get(k, ()), nearest=near.get(term, ()),
        ))
    log.info("discover %s %s->%s: %d terms, %d listed", kind, p1, p2, len(terms), len(out))
    return DiscoverResult(kind, p1.label, p2.label, exposure[0], exposure[1], tuple(out),
                          min_count, taxonomy.version, len(terms))


def _merge_qualified(terms: dict[str, _Term]) -> None:
    """Merge a term written as another candidate followed by common lower-case words into
    that candidate ("LLM integrations" and "LLM tech" into "LLM"), in place: the same rule
    that makes "Kubernetes in production" covered by "Kubernetes"."""
    from skillpulse.extract.sense import COMMON_ZIPF, english_zipf

    for key in sorted(terms):
        t = terms[key]
        words = t.spellings.most_common(1)[0][0].split()
        for i in range(len(words) - 1, 0, -1):
            if not all(w.islower() and english_zipf(w) >= COMMON_ZIPF for w in words[i:]):
                break
            head = variant_key(" ".join(words[:i]))
            if head != key and head in terms:
                into = terms[head]
                for period in (0, 1):
                    into.counts[period] |= t.counts[period]
                into.spellings.update(t.spellings)
                into.contexts |= t.contexts
                into.examples.extend(t.examples[:max(0, EXAMPLES - len(into.examples))])
                if t.first is not None and (into.first is None or t.first < into.first):
                    into.first = t.first
                del terms[key]
                break


def _co_skills(store: Store, kind: str, docs: dict[str, list[str]], taxonomy: Taxonomy
               ) -> dict[str, tuple[SkillRef, ...]]:
    """Skills of the store's newest extraction in the candidate's current-period documents."""
    from skillpulse.analytics.queries import taxonomy_version

    version = taxonomy_version(store, kind)
    if version is None or not docs:
        return {}
    pairs = [(k, d) for k, ds in docs.items() for d in ds]
    import pyarrow as pa

    table = pa.table({"term": [k for k, _ in pairs], "doc_id": [d for _, d in pairs]})
    rows = [tuple(r.values()) for r in
            store.skills_of_documents(kind, version, table).to_pylist()]
    by_term: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for term, sid, n in rows:
        by_term[term].append((str(sid), int(n)))
    out: dict[str, tuple[SkillRef, ...]] = {}
    for term, items in by_term.items():
        items.sort(key=lambda x: (-x[1], x[0]))
        out[term] = tuple(
            SkillRef(sid, taxonomy.get(sid).label if sid in taxonomy or sid in
                     taxonomy.redirects else sid, n) for sid, n in items[:CO_SKILLS])
    return out


def _nearest(terms: Sequence[str]) -> dict[str, tuple[SkillRef, ...]]:
    """Nearest concepts of the default taxonomy from the semantic linker; empty without the
    semantic extra (or its assets)."""
    from skillpulse.errors import SkillpulseError

    try:
        from skillpulse.link.encoder import require_semantic
        from skillpulse.link.linker import Linker

        require_semantic()
        linker = Linker("default")
        results = linker.link_many(list(terms), top=NEAREST)
    except (ImportError, SkillpulseError, OSError) as exc:
        log.info("no nearest concepts: %s", exc)
        return {}
    return {t: tuple(SkillRef(c.skill_id, c.label, c.score) for c in cands)
            for t, cands in zip(terms, results, strict=True)}


def without_concepts(taxonomy: Taxonomy, remove: Iterable[str]) -> Taxonomy:
    """``taxonomy`` without the concepts ``remove`` and their version concepts: the
    descendants with a name of the same variant key ("Claude 4", a child of Claude, would
    still cover the term "Claude"). Rediscovery removes a family with its versions."""
    ids = list(remove)
    keys = {variant_key(n) for i in ids for n in taxonomy.get(i).names}
    extra = [d.id for i in ids for d in taxonomy.descendants(i)
             if d.id not in ids and any(variant_key(n) in keys for n in d.names)]
    return taxonomy.replaced([*ids, *extra], [])


def recall_precision(found: Iterable[str], removed: Iterable[Sequence[str]], k: int
                     ) -> tuple[float, list[str]]:
    """Share of ``removed`` concepts (each given by its names) whose variant key is among the
    first ``k`` found terms, and the names of those missed."""
    top = [variant_key(t) for t in list(found)[:k]]
    keys = set(top)
    missed = []
    hits = 0
    items = list(removed)
    for names in items:
        if any(variant_key(n) in keys for n in names):
            hits += 1
        else:
            missed.append(names[0])
    return (hits / len(items) if items else float("nan")), missed
