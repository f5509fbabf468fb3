"""The ``semantic`` extraction component: skills for phrases the dictionary missed.

Given a :class:`~skillpulse.extract.doc.Doc` and the mentions earlier components found, it
cuts the text into candidate phrases (runs of 2 to 6 words between punctuation and clause
words such as "and", "who", "we"; a longer run is cut again at prepositions such as "with" or "for"; leading and
trailing stop words stripped), drops every
phrase that overlaps an existing mention, links the rest with the
:class:`~skillpulse.link.Linker` and keeps the top concept of a phrase when its cosine
similarity reaches ``threshold``. Mentions carry method ``semantic`` and the similarity as
``confidence``. The default threshold was tuned for precision (docs/linking.md).

Append it to an extractor: ``extractor.add_component(SemanticComponent(linker))``; it needs
the ``semantic`` extra.
"""

from __future__ import annotations

import logging

from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention
from skillpulse.link.linker import Candidate, Linker
from skillpulse.link.phrases import Phrase, candidate_phrases, phrase_spans

__all__ = ["DEFAULT_THRESHOLD", "Phrase", "SemanticComponent", "candidate_phrases"]

log = logging.getLogger(__name__)

#: cosine similarity a phrase's best concept needs (tuned for precision, docs/linking.md)
DEFAULT_THRESHOLD = 0.85


class SemanticComponent:
    """Extraction component ``semantic`` (see module docs)."""

    name = "semantic"

    def __init__(
        self,
        linker: Linker,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        taxonomy_version: str = "",
    ) -> None:
        if linker.dense is None:
            raise ValueError("the semantic component needs a linker with dense retrieval")
        self.linker = linker
        self.threshold = threshold
        self.taxonomy_version = taxonomy_version
        self._known: dict[str, Candidate | None] = {}

    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        spans = _outside(phrase_spans(text), [(m.start, m.end) for m in doc.mentions])
        if not spans:
            return []
        phrases = [text[a:b] for a, b in spans]
        best = self._best(phrases)
        out: list[Mention] = []
        for (start, end), phrase in zip(spans, phrases, strict=True):
            found = best[phrase]
            if found is None:
                continue
            out.append(
                Mention(
                    skill_id=found.skill_id,
                    label=found.label,
                    start=start,
                    end=end,
                    text=phrase,
                    method="semantic",
                    confidence=float(found.similarity or 0.0),
                    field=doc.field,
                    taxonomy_version=self.taxonomy_version,
                )
            )
        return out

    def _best(self, phrases: list[str]) -> dict[str, Candidate | None]:
        """Each phrase's top concept when its cosine reaches the threshold, else None.

        A phrase's result depends on its text only (the linker encodes it alone): the
        results are kept per component (``linker.config.phrase_cache`` of them; emptied when
        full), and the phrases not seen before are linked in one call."""
        known = self._known
        missing = list(dict.fromkeys(p for p in phrases if p not in known))
        if missing and len(known) + len(missing) > self.linker.config.phrase_cache:
            known.clear()  # full: start again (every phrase of this document is linked now)
            missing = list(dict.fromkeys(phrases))
        if missing:
            # a phrase whose best cosine over all concepts is below the threshold cannot give
            # a mention: the linker skips its lexical ranking and fusion (same mentions, less
            # work), and finds such phrases without a full pass over the label vectors
            results = self.linker.link_many(
                missing, top=1, split_phrases=False, min_similarity=self.threshold, cached=False
            )
            for phrase, candidates in zip(missing, results, strict=True):
                top = candidates[0] if candidates else None
                if top is not None and (top.similarity or 0.0) < self.threshold:
                    top = None
                known[phrase] = top
        return {p: known[p] for p in phrases}


def _outside(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (in text order, disjoint) that overlap none of the ``taken`` spans."""
    if not taken or not spans:
        return spans
    merged: list[list[int]] = []
    for s, e in sorted(taken):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[tuple[int, int]] = []
    i, n = 0, len(merged)
    for a, b in spans:
        while i < n and merged[i][1] <= a:
            i += 1
        if i < n and merged[i][0] < b:
            continue  # overlaps a taken span
        out.append((a, b))
    return out
