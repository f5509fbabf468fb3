"""Fuzzy matching for short, misspelt text: search queries and unresolved tags (``fuzzy``).

Queries such as "chatgtp", "stable difusion" or "midjorney logo" name skills with typos. For
every window of one to three consecutive tokens not already covered by an exact mention,
and holding at least one token that no taxonomy name uses (a likely typo: "difusion"), the
matcher looks up the closest name with rapidfuzz (``fuzz.ratio``, the normalised Indel
similarity, over names with their spaces removed as well as kept). A hit needs a score of at
least ``threshold`` (0..100; see docs/extraction.md for how the default was chosen); its
confidence is the score divided by 100. Lookups are cached, since query logs repeat.

The work per query is bounded. A window is only compared with names whose length allows a
score of ``threshold`` (the Indel similarity of strings of lengths a and b is at most
200 * min(a, b) / (a + b)); names are kept sorted by length, so those are one slice. Of
these, a bigram count filter (:class:`_BigramIndex`) keeps the few that can reach the
threshold, and only those are scored: the same answer as scoring every name, at a small
fraction of the work. A lookup's work (index entries read plus names scored) depends on the
window alone, cached or not; a query spends at most ``max_work`` (``MAX_QUERY_WORK``):
windows are taken left to right, widest first, and once the budget is spent the remaining
windows are skipped. So a query's answer never depends on the cache, and
:attr:`FuzzyMatcher.work` counts lookups, work and the queries that hit the budget.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz, process

from skillpulse.errors import ExtractionError
from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention
from skillpulse.extract.names import MatchName

__all__ = ["DEFAULT_THRESHOLD", "MAX_QUERY_WORK", "QUERY_WORDS", "FuzzyMatcher", "FuzzyWork"]

log = logging.getLogger(__name__)

#: default minimum ``fuzz.ratio`` score of a fuzzy hit (chosen on tests/data/extract/queries.jsonl)
DEFAULT_THRESHOLD = 82.0
#: longer texts are not search queries: no fuzzy matching
MAX_QUERY_CHARS = 200
#: shortest token (characters) that may be a misspelt name
MIN_TOKEN = 4
#: most work (index entries read plus names scored) one query may spend (see module docs)
MAX_QUERY_WORK = 650_000

_GENERAL = frozenset({"lightcast", "onet", "esco"})
_TECHY = re.compile(r"[0-9+#./]")
_TOKEN = re.compile(r"[0-9a-z][0-9a-z+#]*(?:\.[0-9a-z]+)*")

#: words common in marketplace queries that are never misspelt skill names
QUERY_WORDS = frozenset(["expert", "experts", "specialist", "specialists", "developer", "developers", "engineer", "engineers", "freelancer", "freelancers", "consultant", "consultants", "help", "need", "needed", "want", "looking", "someone", "person", "hire", "hiring", "agency", "designer", "designers", "writer", "writers", "artist", "artists", "editor", "editors", "coach", "coaches", "tutor", "teacher", "trainer", "manager", "assistant", "virtual", "professional", "pro", "senior", "junior", "lead", "for", "with", "and", "the", "a", "an", "to", "of", "in", "on", "my", "our", "your", "from", "using", "use", "based", "create", "creating", "build", "building", "make", "making", "fix", "fixing", "setup", "set", "up", "custom", "project", "projects", "job", "jobs", "work", "task", "tasks", "quick", "fast", "cheap", "best", "top", "good", "new", "app", "apps", "website", "websites", "site", "logo", "logos", "image", "images", "video", "videos", "photo", "photos", "art", "design", "content", "writing", "write", "book", "books", "course", "courses", "blog", "post", "posts", "article", "articles", "script", "scripts", "bot", "bots", "tool", "tools", "model", "models", "data", "online", "remote", "integration", "integrations", "automation", "expertise", "services", "service", "support", "development"])


class _BigramIndex:
    """Character-bigram counts of the sorted names, grouped by bigram, for a count filter.

    By the q-gram lemma, strings of lengths a and b within edit distance k share at least
    max(a, b) - 1 - 2k bigrams (counted with multiplicity); the Indel distance bounds k, and
    a score of ``threshold`` bounds the Indel distance by (a + b) * (1 - threshold / 100).
    Names that share fewer bigrams with a window cannot reach the threshold and are not
    scored: the filter changes the work, never the answer.
    """

    def __init__(self, choices: Sequence[str]) -> None:
        import numpy as np

        self.np = np
        n = len(choices)
        self.lengths = np.fromiter(map(len, choices), dtype=np.int64, count=n)
        codes = np.frombuffer("".join(choices).encode("utf-32-le"), dtype=np.uint32)
        codes = codes.astype(np.int64)
        owner = np.repeat(np.arange(n, dtype=np.int64), self.lengths)
        same = owner[:-1] == owner[1:]  # the bigram does not straddle two names
        keys = ((codes[:-1] << 21) | codes[1:])[same]
        rows = owner[:-1][same]
        order = np.lexsort((rows, keys))
        keys, rows = keys[order], rows[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
        at = np.flatnonzero(first)
        #: per (bigram, name): the name and how often the bigram occurs in it
        self.rows = rows[at]
        self.counts = np.diff(np.append(at, len(keys))).astype(np.int64)
        ukeys = keys[at]
        col = np.flatnonzero(np.r_[True, ukeys[1:] != ukeys[:-1]]) if len(ukeys) else at
        self.column = {int(k): i for i, k in enumerate(ukeys[col])}
        self.indptr = np.append(col, len(ukeys))

    def survivors(self, window: str, lo: int, hi: int, threshold: float) -> tuple[Any, int]:
        """Indexes in ``[lo, hi)`` of the names that pass the count filter for ``window``,
        and the number of index entries read to find them."""
        np = self.np
        grams: dict[int, int] = {}
        for left, right in pairwise(window):
            key = (ord(left) << 21) | ord(right)
            grams[key] = grams.get(key, 0) + 1
        shared = np.zeros(hi - lo, dtype=np.int64)
        read = 0
        for key, times in grams.items():
            col = self.column.get(key)
            if col is None:
                continue
            start, stop = int(self.indptr[col]), int(self.indptr[col + 1])
            # rows are sorted within a bigram: the slice of names in [lo, hi)
            first, last = np.searchsorted(self.rows[start:stop], (lo, hi)) + start
            shared[self.rows[first:last] - lo] += np.minimum(self.counts[first:last], times)
            read += int(last - first)
        size = len(window)
        sizes = self.lengths[lo:hi]
        most_edits = np.floor((size + sizes) * (100.0 - threshold) / 100.0 + 1e-6)
        need = np.maximum(size, sizes) - 1 - 2 * most_edits
        return np.flatnonzero(shared >= need) + lo, read


@dataclass
class FuzzyWork:
    """Running counters of a :class:`FuzzyMatcher` (per process): the work it did and how
    often a query's budget ran out."""

    #: texts given to :meth:`FuzzyMatcher.match` that hold a likely typo
    queries: int = 0
    #: windows looked up (cached or not)
    lookups: int = 0
    #: their cost: bigram index entries read plus names scored
    cost: int = 0
    #: windows skipped because the query's budget was spent
    skipped: int = 0
    #: queries that skipped at least one window
    budget_hits: int = 0
    #: the most work one lookup took, and one query
    max_lookup: int = 0
    max_query: int = 0


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
        max_work: int = MAX_QUERY_WORK,
    ) -> None:
        if not 0 < threshold <= 100:
            raise ExtractionError(f"fuzzy threshold must be in (0, 100], got {threshold}")
        self.threshold = threshold
        self.kinds = frozenset(kinds)
        self.taxonomy_version = taxonomy_version
        self.max_work = max_work
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
        # sorted by length (stably: ties keep the names' order, which breaks equal scores)
        order = sorted(range(len(choices)), key=lambda i: len(choices[i]))
        self._choices = [choices[i] for i in order]
        self._owners = [owners[i] for i in order]
        self._rank = order  # the name order of each sorted choice
        longest = len(self._choices[-1]) if self._choices else 0
        #: _starts[n]: index of the first choice of length >= n (n = 0 .. longest + 1)
        self._starts = [0] * (longest + 2)
        pos = 0
        for n in range(longest + 2):
            while pos < len(self._choices) and len(self._choices[pos]) < n:
                pos += 1
            self._starts[n] = pos
        self._index: _BigramIndex | None = None  # built on the first lookup
        self.work = FuzzyWork()
        self.lookup = lru_cache(maxsize=cache_size)(self._lookup)

    def candidates(self, length: int) -> tuple[int, int]:
        """The slice ``[lo, hi)`` of the sorted names that a window of ``length`` characters
        can reach with a score of at least ``threshold``."""
        t = self.threshold
        shortest = math.ceil(length * t / (200 - t) - 1e-9)
        longest = math.floor(length * (200 - t) / t + 1e-9)
        last = len(self._starts) - 1
        return (self._starts[min(max(shortest, 0), last)],
                self._starts[min(max(longest + 1, 0), last)])

    def _lookup(self, window: str) -> tuple[tuple[int, float] | None, int]:
        """Best (sorted name index, score) for ``window`` or None under the threshold (of
        equal scores, the name that comes first in the names' order), and the work it took:
        index entries read plus names scored (a function of ``window`` alone)."""
        lo, hi = self.candidates(len(window))
        if lo >= hi:
            return None, 0
        if self._index is None:
            self._index = _BigramIndex(self._choices)
        found, read = self._index.survivors(window, lo, hi, self.threshold)
        ids = found.tolist()
        cost = read + len(ids)
        pool = [self._choices[i] for i in ids]
        best = process.extractOne(window, pool, scorer=fuzz.ratio, score_cutoff=self.threshold)
        if best is None:
            return None, cost
        score = float(best[1])
        ties = process.extract(window, pool, scorer=fuzz.ratio, score_cutoff=score, limit=None)
        first = min((ids[t[2]] for t in ties if t[1] >= score), key=self._rank.__getitem__,
                    default=ids[best[2]])
        return (first, score), cost

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
        work = self.work
        work.queries += 1
        budget = self.max_work
        skipped = 0
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
                if budget <= 0:
                    skipped += 1
                    continue
                found, cost = self.lookup(" ".join(w[2] for w in window))
                budget -= cost
                work.lookups += 1
                work.cost += cost
                work.max_lookup = max(work.max_lookup, cost)
                if found is not None:
                    idx, score = found
                    hits.append((score, j - i, window[0][0], window[-1][1], self._owners[idx]))
        work.max_query = max(work.max_query, self.max_work - budget)
        if skipped:
            work.skipped += skipped
            work.budget_hits += 1
            log.debug("fuzzy budget spent: %d windows of %r skipped", skipped, text[:80])
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

