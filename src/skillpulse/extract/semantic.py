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
from skillpulse.link.linker import Linker
from skillpulse.link.phrases import Phrase, candidate_phrases

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

    def __call__(self, doc: Doc) -> list[Mention]:
        taken = [(m.start, m.end) for m in doc.mentions]
        phrases = [
            p
            for p in candidate_phrases(doc.text)
            if not any(p.start < e and s < p.end for s, e in taken)
        ]
        if not phrases:
            return []
        # a phrase whose best cosine over all concepts is below the threshold cannot give a
        # mention: the linker skips its lexical ranking and fusion (same mentions, less work)
        results = self.linker.link_many(
            [p.text for p in phrases], top=1, split_phrases=False, min_similarity=self.threshold
        )
        out: list[Mention] = []
        for phrase, candidates in zip(phrases, results, strict=True):
            if not candidates:
                continue
            best = candidates[0]
            similarity = best.similarity if best.similarity is not None else 0.0
            if similarity < self.threshold:
                continue
            out.append(
                Mention(
                    skill_id=best.skill_id,
                    label=best.label,
                    start=phrase.start,
                    end=phrase.end,
                    text=phrase.text,
                    method="semantic",
                    confidence=float(similarity),
                    field=doc.field,
                    taxonomy_version=self.taxonomy_version,
                )
            )
        return out
