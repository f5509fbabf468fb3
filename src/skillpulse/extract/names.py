"""Which taxonomy names the free-text matcher uses, and how (the name-selection policy).

The taxonomy's own policy (:func:`skillpulse.taxonomy.names.text_usage`) classes every name
as ``match`` (safe verbatim), ``context`` (only with supporting context) or ``skip`` (never in
free text: skill groups, long descriptive labels). On top of it extraction applies:

- a stoplist of generic words and phrases (``data/generic_names.txt``) that general
  taxonomies hold as skills but that are ordinary words in postings ("management", "design",
  "english", "go"); they are skipped in free text unless a curated catalog names them;
- names that are common English words but also tools or languages
  (``data/word_tools.txt``: "Swift", "Rust", "Spark", "Excel", "Bard") need context;
- one- and two-character names always need context and are matched case-sensitively
  (spelled as in the taxonomy, or in upper case);
- when one normalised name belongs to several concepts, the best-ranked entry wins:
  ``match`` before ``context``, then source rank (user file, built-in catalog, Lightcast,
  O*NET, ESCO), then name kind (label, alias, derived, acronym, alt label).

Tags (client skill lists) are looked up against every name, whatever this policy says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from skillpulse.extract.normalize import normalize_name
from skillpulse.taxonomy.model import Taxonomy

__all__ = ["MatchName", "NamePolicy", "select_names"]

MATCH = "match"
CONTEXT = "context"
SKIP = "skip"

_SOURCE_RANK = {"skillpulse-genai": 1, "lightcast": 2, "onet": 3, "esco": 4}
_KIND_RANK = {"label": 0, "alias": 1, "derived": 2, "acronym": 3, "alt_label": 4}
_GENERAL = {"lightcast", "onet", "esco"}
_NO_ALNUM = re.compile(r"[\W_]*")


@lru_cache(maxsize=4)
def _word_list(name: str) -> frozenset[str]:
    text = resources.files("skillpulse.extract").joinpath("data", name).read_text("utf-8")
    out = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(normalize_name(line))
    return frozenset(out)


def generic_names() -> frozenset[str]:
    """Normalised names never matched in free text unless a curated catalog holds them."""
    return _word_list("generic_names.txt")


def word_tools() -> frozenset[str]:
    """Normalised tool or language names that are also common English words."""
    return _word_list("word_tools.txt")


@dataclass(frozen=True)
class NamePolicy:
    """Tunable knobs of the name-selection policy (defaults chosen on the gold set)."""

    #: use names the taxonomy classes as ``context`` (with the context rules) or drop them
    context_names: bool = True
    #: apply the generic-word stoplist to general-source names
    stoplist: bool = True
    #: longest name (in words) taken from a general source
    max_words: int = 5


@dataclass(frozen=True)
class MatchName:
    """One normalised name the matcher looks for, and the concept it stands for."""

    key: str
    #: spellings as the taxonomy writes them (for case-sensitive short names)
    forms: tuple[str, ...]
    skill_id: str
    label: str
    #: True when the name needs supporting context to count
    ambiguous: bool
    source: str


@dataclass(frozen=True)
class _Raw:
    text: str
    concept_id: str
    source: str
    kind: str
    usage: str


def _source_of(concept_id: str) -> str:
    if concept_id.startswith("sp."):
        return "skillpulse-genai"
    for prefix, source in (("lc.", "lightcast"), ("onet.", "onet"), ("esco.", "esco")):
        if concept_id.startswith(prefix):
            return source
    return "user"


def _raw_entries(taxonomy: Taxonomy) -> Iterator[_Raw]:
    try:  # the taxonomy's name index with provenance, when available
        from skillpulse.taxonomy.names import name_entries, text_usage
    except ImportError:  # pragma: no cover - older taxonomy model
        name_entries = None  # type: ignore[assignment]
    if name_entries is not None:
        try:
            for e in name_entries(taxonomy):
                yield _Raw(e.text, e.concept_id, e.source, e.kind, text_usage(e))
            return
        except AttributeError:  # concepts built without name provenance
            pass
    for concept in taxonomy:
        source = _source_of(concept.id)
        amb = {normalize_name(a) for a in concept.ambiguous}
        for i, name in enumerate(concept.names):
            usage = CONTEXT if normalize_name(name) in amb else MATCH
            yield _Raw(name, concept.id, source, "label" if i == 0 else "alias", usage)


def _rank(raw: _Raw, usage: str) -> tuple[int, int, int]:
    return (
        0 if usage == MATCH else 1,
        _SOURCE_RANK.get(raw.source, 0),
        _KIND_RANK.get(raw.kind, 5),
    )


def select_names(taxonomy: Taxonomy, policy: NamePolicy | None = None) -> list[MatchName]:
    """The names to match in free text, one per normalised key (see module docs)."""
    policy = policy or NamePolicy()
    stop = generic_names() if policy.stoplist else frozenset()
    tools = word_tools()
    best: dict[str, tuple[tuple[int, int, int], _Raw, bool]] = {}
    forms: dict[str, set[str]] = {}
    for raw in _raw_entries(taxonomy):
        key = normalize_name(raw.text)
        if not key or _NO_ALNUM.fullmatch(key):
            continue
        usage = raw.usage
        general = raw.source in _GENERAL
        if usage == SKIP:
            continue
        if general and (key in stop or len(key.split()) > policy.max_words):
            continue
        ambiguous = usage == CONTEXT or key in tools or len(key) <= 2
        if ambiguous and not policy.context_names and usage == CONTEXT:
            continue
        rank = _rank(raw, CONTEXT if ambiguous else MATCH)
        forms.setdefault(key, set()).add(raw.text.strip())
        cur = best.get(key)
        if cur is None or rank < cur[0]:
            best[key] = (rank, raw, ambiguous)
    out = []
    for key, (_, raw, ambiguous) in best.items():
        concept = taxonomy.concepts.get(raw.concept_id)
        label = concept.label if concept is not None else raw.text
        out.append(MatchName(key, tuple(sorted(forms[key])), raw.concept_id, label,
                             ambiguous, raw.source))
    out.sort(key=lambda m: m.key)
    return out
