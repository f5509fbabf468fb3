"""Names as extraction sees them: provenance, derived forms and a free-text matching policy.

General taxonomies hold many names that are unsafe to match verbatim in free text: ESCO's
long verb phrases ("utilise machine learning") and loose alternative labels, Lightcast's
generic single words ("Communication"), acronyms shared by several concepts. Each name of a
concept records its source and kind (:class:`~skillpulse.taxonomy.model.NameInfo`);
:func:`name_entries` flattens them with the facts extraction needs, and :func:`text_usage`
is the documented default policy (``match``, ``context`` or ``skip``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from skillpulse.taxonomy.model import Taxonomy, normalize_label
from skillpulse.taxonomy.sources import ESCO, GROUP_FLAG, is_curated

_QUALIFIED = re.compile(r"^(?P<base>[^()]*[^\s()])\s*\((?P<qual>[^()]+)\)$")
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Za-z0-9&/.+-]{1,11}$")
_TECHY = re.compile(r"[0-9+#./]|[a-z][A-Z]|^[A-Z]{2,}")

MATCH = "match"
CONTEXT = "context"
SKIP = "skip"


def derived_names(label: str) -> list[tuple[str, str]]:
    """Names derived from a general-source label ``"Base (Qualifier)"``.

    Returns ``[(base, "derived")]`` and, when the qualifier is an acronym
    ("Natural Language Processing (NLP)"), also ``(acronym, "acronym")``.
    """
    m = _QUALIFIED.match(label.strip())
    if not m:
        return []
    base, qual = m.group("base").strip(), m.group("qual").strip()
    out = [(base, "derived")] if len(base) >= 2 else []
    if _ACRONYM.match(qual) and normalize_label(qual) != normalize_label(base):
        out.append((qual, "acronym"))
    return out


@dataclass(frozen=True)
class NameEntry:
    """One (name, concept, source, kind) row of the name index."""

    text: str
    #: the lookup key (:func:`~skillpulse.taxonomy.model.normalize_label`)
    key: str
    concept_id: str
    source: str
    kind: str
    #: the concept's data marks this name ambiguous (curated catalogs do)
    ambiguous: bool
    #: how many concepts of the taxonomy carry this name (more than one: a collision)
    shared: int
    #: the concept is a skill group (ESCO group, Lightcast category, O*NET class)
    group: bool

    @property
    def words(self) -> int:
        return len(self.key.split())


def name_entries(taxonomy: Taxonomy) -> Iterator[NameEntry]:
    """Every name of every concept with its provenance, in concept order."""
    index = taxonomy.names()
    for concept in taxonomy:
        amb = {normalize_label(a) for a in concept.ambiguous}
        group = GROUP_FLAG in concept.flags
        for info in concept.name_entries():
            key = normalize_label(info.text)
            yield NameEntry(
                text=info.text, key=key, concept_id=concept.id, source=info.source,
                kind=info.kind, ambiguous=key in amb, shared=len(index.get(key, ())), group=group,
            )


def _generic(text: str) -> bool:
    """A single ordinary word ("Communication", "teamwork") or a name of two letters or less."""
    stripped = text.strip()
    if len(stripped) <= 2:
        return True
    return " " not in stripped and stripped.isalpha() and not _TECHY.search(stripped)


def text_usage(entry: NameEntry) -> str:
    """The default policy for matching a name verbatim in free text.

    - ``skip``: skill-group names; general-source names longer than 4 words (5 for O*NET
      product names); ESCO alternative labels longer than 3 words.
    - ``context``: names a catalog marks ambiguous; names shared by several concepts;
      acronyms derived from general sources; generic single words and names of two letters
      or less from general sources; ESCO names without a technical token.
    - ``match``: everything else (curated catalog names, O*NET and Lightcast product names).
    """
    if entry.group:
        return SKIP
    if is_curated(entry.source):
        return CONTEXT if entry.ambiguous or entry.shared > 1 else MATCH
    limit = 5 if entry.source == "onet" else 4
    if entry.kind == "alt_label":
        limit = 3
    if entry.words > limit:
        return SKIP
    if entry.ambiguous or entry.shared > 1 or entry.kind == "acronym" or _generic(entry.text):
        return CONTEXT
    if entry.source == ESCO and not _TECHY.search(entry.text):
        return CONTEXT
    return MATCH
