"""Client skill tags and profile skill lists, normalised to taxonomy IDs (method ``tag``).

A tag is an explicit statement of a skill, so it is resolved against every name of the
taxonomy (no free-text policy, no context rules), in this order:

1. exact lookup of the tag (case, spacing and hyphens ignored);
2. the same after dropping a generic trailing word ("Chatbot Development" -> "Chatbot",
   "Python Programming" -> "Python", "Logo Design" stays when "Logo Design" is a name);
3. the free-text matcher on the tag: one mention covering most of the tag
   ("AI chatbot builder" -> AI chatbot);
4. fuzzy lookup (``fuzz.ratio`` of at least ``threshold``, 92 by default), the score as
   confidence; only names of a length that can reach the threshold are scored.

Each raw tag string is resolved once (a memo: one dictionary lookup per repeated tag), and
each normalised key that needs steps 2 to 4 once (another spelling of it reuses the result).

Offsets of tag mentions point into the tags joined by ``", "`` (field ``skills``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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
#: entries kept in each resolution memo before it is emptied (bounded memory)
_MEMO_MAX = 200_000


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
        #: fuzzy candidates by length: ``fuzz.ratio`` >= t needs lengths within a factor
        #: (2 - t) / t of each other, so only those buckets are scored
        self._by_len: dict[int, list[str]] = {}
        self._by_end: dict[tuple[int, str, str], list[str]] = {}
        #: each key's position in ``_keys`` (the order of a single scan, which breaks ties)
        self._order: dict[str, int] = {}
        for i, k in enumerate(self._keys):
            self._order[k] = i
            self._by_len.setdefault(len(k), []).append(k)
            self._by_end.setdefault((len(k), "^", k[0]), []).append(k)
            self._by_end.setdefault((len(k), "$", k[-1]), []).append(k)
        #: score every name of a possible length (True), or only those sharing the tag's
        #: first or last character (False, the default: a typo rarely changes both ends)
        self.exhaustive = False
        self._fuzzy_memo: dict[str, tuple[str, float] | None] = {}
        self._raw: dict[str, tuple[str, float] | None] = {}

    def resolve(self, tag: str) -> tuple[str, float] | None:
        """(concept ID, confidence) of one tag, or None; the raw tag string is looked up in
        a memo first (one dictionary lookup per known tag), then its normalised key."""
        raw = self._raw
        if tag in raw:
            return raw[tag]
        found = self._resolve(tag)
        if len(raw) >= _MEMO_MAX:
            raw.clear()
        raw[tag] = found
        return found

    def _resolve(self, tag: str) -> tuple[str, float] | None:
        key = normalize_name(tag)
        if not key:
            return None
        found = self._index.get(key)
        if found is not None:
            return found, 1.0
        memo = self._fuzzy_memo
        if key in memo:  # another spelling of an already resolved key
            return memo[key]
        result = self._resolve_key(tag, key)
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[key] = result
        return result

    def _resolve_key(self, tag: str, key: str) -> tuple[str, float] | None:
        """Steps 2 to 4 (see module docs) for a key the index does not hold."""
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
            t = self.threshold / 100.0
            lo = math.ceil(len(key) * t / (2 - t))
            hi = math.floor(len(key) * (2 - t) / t)
            top: tuple[str, float] | None = None
            order = self._order
            buckets = ([self._by_len.get(n) for n in range(max(4, lo), hi + 1)]
                       if self.exhaustive else
                       [self._by_end.get((n, end, c)) for n in range(max(4, lo), hi + 1)
                        for end, c in (("^", key[0]), ("$", key[-1]))])
            for keys in buckets:
                if not keys:
                    continue
                hit = process.extractOne(key, keys, scorer=fuzz.ratio,
                                         score_cutoff=self.threshold)
                if hit is not None and (top is None or hit[1] > top[1] or (
                        hit[1] == top[1] and order[hit[0]] < order[top[0]])):
                    top = (hit[0], float(hit[1]))
            if top is not None:
                return self._index[top[0]], top[1] / 100.0
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
