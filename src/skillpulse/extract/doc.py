"""The component contract: a :class:`Doc` in, a list of :class:`Mention` out.

The extraction pipeline is a list of named components (like spaCy's). Each receives the
document field being processed, with its normalised text and the mentions earlier
components found, and returns new candidate mentions (offsets into ``doc.text``). The
pipeline resolves overlaps between all candidates with its named policy.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from skillpulse.extract.mention import Mention
from skillpulse.extract.normalize import Normalized, normalize
from skillpulse.store.kinds import KIND_ALIASES

__all__ = ["KINDS", "Component", "Doc", "canonical_kind"]

#: document kinds: singular names (CLI) and the store's plural table names
KINDS: dict[str, str] = dict(KIND_ALIASES)


def canonical_kind(kind: str) -> str:
    """The store's plural kind name for ``kind`` (``posting`` -> ``postings``)."""
    try:
        return KINDS[kind]
    except KeyError:
        from skillpulse.errors import ExtractionError

        raise ExtractionError(
            f"unknown document kind {kind!r}: use posting, search, hire or profile"
        ) from None


@dataclass
class Doc:
    """One document field on its way through the pipeline."""

    text: str
    #: plural kind: postings, searches, hires, profiles
    kind: str = "postings"
    field: str = "text"
    mentions: list[Mention] = dataclasses.field(default_factory=list)
    #: budgets this field hit ("size": cut; "time": context rules stopped early)
    budget: list[str] = dataclasses.field(default_factory=list)
    _norm: Normalized | None = dataclasses.field(default=None, repr=False)

    @property
    def norm(self) -> Normalized:
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm


@runtime_checkable
class Component(Protocol):
    """A pipeline step: ``name`` and a call from a :class:`Doc` to candidate mentions."""

    name: str

    def __call__(self, doc: Doc) -> list[Mention]: ...
