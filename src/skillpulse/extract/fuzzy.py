"""Fuzzy matching for short, misspelt text: search queries and unresolved tags (``fuzzy``).

Queries such as "chatgtp", "stable difusion" or "midjorney logo" name skills with typos. For
every window of one to three consecutive tokens not already covered by an exact mention,
and holding at least one token that no taxonomy name uses (a likely typo: "difusion"), the
matcher looks up the closest name with rapidfuzz (``fuzz.ratio``, the normalised Indel
similarity, over names with their spaces removed as well as kept). A hit needs a score of at
least ``threshold`` (0..100; see docs/extraction.md for how the default was chosen); its
confidence is the score divided by 100. Lookups are cached, since query logs repeat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention
from skillpulse.extract.names import MatchName

__all__ = ["DEFAULT_THRESHOLD", "QUERY_WORDS", "FuzzyMatcher"]

#: default minimum ``fuzz.ratio`` score of a fuzzy hit (chosen on tests/data/extract/queries.jsonl)
DEFAULT_THRESHOLD = 82.0
#: longer texts are not search queries: no fuzzy matching
MAX_QUERY_CHARS = 200
#: shortest token (characters) that may be a misspelt name
MIN_TOKEN = 4

_GENERAL = frozenset({"lightcast", "onet", "esco"})
_TECHY = re.compile(r"[0-9+#./]")
_TOKEN = re.compile(r"[0-9a-z][0-9a-z+#]*(?:\.[0-9a-z]+)*")

#: words common in marketplace queries that are never misspelt skill names
QUERY_WORDS = frozenset(["expert", "experts", "specialist", "specialists", "developer", "developers", "engineer", "engineers", "freelancer", "freelancers", "consultant", "consultants", "help", "need", "needed", "want", "looking", "someone", "person", "hire", "hiring", "agency", "designer", "designers", "writer", "writers", "artist", "artists", "editor", "editors", "coach", "coaches", "tutor", "teacher", "trainer", "manager", "assistant", "virtual", "professional", "pro", "senior", "junior", "lead", "for", "with", "and", "the", "a", "an", "to", "of", "in", "on", "my", "our", "your", "from", "using", "use", "based", "create", "creating", "build", "building", "make", "making", "fix", "fixing", "setup", "set", "up", "custom", "project", "projects", "job", "jobs", "work", "task", "tasks", "quick", "fast", "cheap", "best", "top", "good", "new", "app", "apps", "website", "websites", "site", "logo", "logos", "image", "images", "video", "videos", "photo", "photos", "art", "design", "content", "writing", "write", "book", "books", "course", "courses", "blog", "post", "posts", "article", "articles", "script", "scripts", "bot", "bots", "tool", "tools", "model", "models", "data", "online", "remote", "integration", "integrations", "automation", "expertise", "services", "service", "support", "development"])


class FuzzyMatcher:
    """Closest-name lookup for token windows with likely typos (see module docs)."""

    name = "fuzzy"

    def __init__(
        self,
        names: Sequence[MatchName],
        vocabulary: Iterable[str],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        kinds: Iterable[str] = ("searches",),
        taxonomy_version: str = "",
        cache_size: int = 65536,
    ) -> None:
        self.threshold = threshold
        self.kinds = frozenset(kinds)
        self.taxonomy_version = taxonomy_version
        self.vocabulary = frozenset(vocabulary) | QUERY_WORDS
        choices: list[str] = []
        owners: list[MatchName] = []
        for nm in names:
            if nm.ambiguous or len(nm.key) < MIN_TOKEN or len(nm.key.split()) > 3:
                continue
            if nm.source in _GENERAL and " " not in nm.key and not _TECHY.search(nm.key):
                continue  # a single plain word of a general taxonomy: too easy to hit
            choices.append(nm.key)
            owners.append(nm)
            squeezed = nm.key.replace(" ", "")
            if squeezed != nm.key:
                choices.append(squeezed)
                owners.append(nm)
        self._choices = choices
        self._owners = owners
        self.lookup = lru_cache(maxsize=cache_size)(self._lookup)

    def _lookup(self, window: str) -> tuple[int, float] | None:
        """Best (owner index, score) for ``window``, or None under the threshold."""
        best = process.extractOne(window, self._choices, scorer=fuzz.ratio,
                                  score_cutoff=self.threshold)
        if best is None:
            return None
        return best[2], float(best[1])

    def match(self, text: str, covered: Sequence[tuple[int, int]] = ()) -> list[
        tuple[int, int, MatchName, float]
    ]:
        """Fuzzy hits in normalised ``text``: (start, end, name, score), non-overlapping."""
        vocab = self.vocabulary
        words = _TOKEN.findall(text)
        if not any(len(w) >= MIN_TOKEN and w not in vocab for w in words):
            return []  # every token is a known word: nothing looks misspelt
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        free = [t for t in toks if not any(t[0] < e and s < t[1] for s, e in covered)]
        if not free:
            return []
        hits: list[tuple[float, int, int, int, MatchName]] = []
        for i in range(len(free)):
            for width in (3, 2, 1):
                j = i + width
                if j > len(free):
                    continue
                window = free[i:j]
                # consecutive in the text (no covered token in between)
                if any(window[k + 1][0] - window[k][1] > 2 for k in range(width - 1)):
                    continue
                if not any(len(w[2]) >= MIN_TOKEN and w[2] not in vocab for w in window):
                    continue
                found = self.lookup(" ".join(w[2] for w in window))
                if found is not None:
                    idx, score = found
                    hits.append((score, j - i, window[0][0], window[-1][1], self._owners[idx]))
        if not hits:
            return []
        hits.sort(key=lambda h: (-h[1], -h[0], h[2]))
        taken: list[tuple[int, int]] = []
        out = []
        for score, _w, s, e, nm in hits:
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            out.append((s, e, nm, score))
        out.sort(key=lambda h: h[0])
        return out

    def __call__(self, doc: Doc) -> list[Mention]:
        if doc.kind not in self.kinds or not doc.text or len(doc.text) > MAX_QUERY_CHARS:
            return []
        norm = doc.norm
        covered = []
        for m in doc.mentions:
            # map original offsets to normalised ones conservatively via the region map
            covered.append((norm.to_normalized(m.start), norm.to_normalized(m.end)))
        out = []
        for s, e, nm, score in self.match(norm.text, covered):
            os_ = norm.to_original(s)
            oe = norm.to_original(e, end=True)
            if oe <= os_:
                continue
            out.append(Mention(nm.skill_id, nm.label, os_, oe, doc.text[os_:oe], "fuzzy",
                               score / 100.0, doc.field, self.taxonomy_version))
        return out

