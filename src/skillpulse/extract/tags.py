"""Client skill tags and profile skill lists, normalised to taxonomy IDs (method ``tag``).

A tag is an explicit statement of a skill, so it is resolved against every name of the
taxonomy (no free-text policy, no context rules), in this order:

1. exact lookup of the tag (case, spacing and hyphens ignored);
2. the same after dropping a generic trailing word ("Chatbot Development" -> "Chatbot",
   "Python Programming" -> "Python", "Logo Design" stays when "Logo Design" is a name);
3. the free-text matcher on the tag: one mention covering most of the tag
   ("AI chatbot builder" -> AI chatbot);
4. fuzzy lookup (``fuzz.ratio`` of at least ``threshold``, 92 by default), the score as
   confidence.

Offsets of tag mentions point into the tags joined by ``", "`` (field ``skills``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from skillpulse.extract.dictionary import DictionaryMatcher
from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention
from skillpulse.extract.normalize import normalize_name
from skillpulse.taxonomy.model import Taxonomy

__all__ = ["TAG_SEPARATOR", "TagResolver"]

TAG_SEPARATOR = ", "

_GENERIC_TAIL = (
    "development", "developer", "developers", "programming", "programmer", "engineering",
    "engineer", "expert", "expertise", "services", "service", "specialist", "consulting",
    "consultant", "integration", "implementation", "framework", "skills", "basics",
    "software", "tools", "tool", "language", "platform", "app development",
)

_SOURCE_RANK = {"sp": 1, "lc": 2, "onet": 3, "esco": 4}


def _rank(skill_id: str) -> int:
    return _SOURCE_RANK.get(skill_id.split(".", 1)[0], 0)


def tag_index(taxonomy: Taxonomy) -> dict[str, str]:
    """Normalised name -> concept ID over every name (best source first)."""
    index: dict[str, str] = {}
    for concept in taxonomy:
        for name in concept.names:
            key = normalize_name(name)
            cur = index.get(key)
            if cur is None or _rank(concept.id) < _rank(cur):
                index[key] = concept.id
    return index


class TagResolver:
    """Resolve one tag string to (skill ID, label, confidence); see module docs."""

    def __init__(
        self, taxonomy: Taxonomy, matcher: DictionaryMatcher, *, threshold: float = 92.0,
        index: dict[str, str] | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.threshold = threshold
        self._index = index if index is not None else tag_index(taxonomy)
        index = self._index
        self._keys = [k for k in index if len(k) >= 4]
        self.resolve = lru_cache(maxsize=65536)(self._resolve)

    def _resolve(self, tag: str) -> tuple[str, float] | None:
        key = normalize_name(tag)
        if not key:
            return None
        found = self._index.get(key)
        if found is not None:
            return found, 1.0
        words = key.split()
        for tail in _GENERIC_TAIL:
            tw = tail.split()
            if len(words) > len(tw) and words[-len(tw):] == tw:
                found = self._index.get(" ".join(words[:-len(tw)]))
                if found is not None:
                    return found, 1.0
        mentions = self.matcher(Doc(tag))
        if mentions:
            best = max(mentions, key=lambda m: m.end - m.start)
            if (best.end - best.start) * 2 >= len(tag.strip()):
                return best.skill_id, 1.0
        if len(key) >= 4 and self._keys:
            hit = process.extractOne(key, self._keys, scorer=fuzz.ratio,
                                     score_cutoff=self.threshold)
            if hit is not None:
                return self._index[hit[0]], float(hit[1]) / 100.0
        return None

    def mentions(self, tags: Sequence[str], *, version: str = "") -> list[Mention]:
        """One mention per resolved tag (duplicates kept: each tag is its own span)."""
        out = []
        pos = 0
        for i, tag in enumerate(tags):
            if i:
                pos += len(TAG_SEPARATOR)
            tag = tag if isinstance(tag, str) else str(tag)
            hit = self.resolve(tag) if tag.strip() else None
            if hit is not None:
                sid, conf = hit
                concept = self.taxonomy.concepts.get(sid)
                label = concept.label if concept is not None else tag
                out.append(Mention(sid, label, pos, pos + len(tag), tag, "tag", conf,
                                   "skills", version))
            pos += len(tag)
        return out
