"""The extraction pipeline: ``Extractor(taxonomy)(text)`` -> list of :class:`Mention`.

An :class:`Extractor` holds a list of named components (:class:`~skillpulse.extract.doc.
Component`): ``exact`` (the dictionary matcher), ``role`` (role nouns in titles and search
queries: "data analyst" -> Data analysis; ``roles=False`` drops it, see
:mod:`skillpulse.extract.roles`), ``fuzzy`` (search queries only), and any
component appended with :meth:`Extractor.add_component` (the semantic linker adds itself
as ``semantic``). Each sees the mentions found before it; the pipeline resolves overlaps
between all of them with the named policy ``longest_then_leftmost``. Tags (``skills`` lists)
go through :class:`~skillpulse.extract.tags.TagResolver`.

No input text makes the extractor raise: a component that fails on a document is logged and
skipped for that document.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from skillpulse.extract.cache import Prepared, cache_file, load_prepared, store_prepared
from skillpulse.extract.dictionary import CONTEXT_TIME_BUDGET, DictionaryMatcher
from skillpulse.extract.doc import Component, Doc, canonical_kind
from skillpulse.extract.fuzzy import DEFAULT_THRESHOLD, FuzzyMatcher
from skillpulse.extract.mention import Mention
from skillpulse.extract.names import NamePolicy, select_names
from skillpulse.extract.normalize import normalize_name
from skillpulse.extract.overlap import OVERLAP_POLICY, resolve_mentions
from skillpulse.extract.roles import RoleMatcher
from skillpulse.extract.tags import TAG_SEPARATOR, TagResolver, tag_index
from skillpulse.store.kinds import EXTRACT_FIELDS
from skillpulse.taxonomy.model import Taxonomy

__all__ = ["FIELDS", "Extractor"]

log = logging.getLogger(__name__)

#: the text fields of each document kind, in order; ``skills`` is a list of tags
FIELDS: dict[str, tuple[str, ...]] = {
    **EXTRACT_FIELDS,
}

#: taxonomies smaller than this are prepared in memory, without the disk cache
CACHE_MIN_CONCEPTS = 2000

#: a field longer than this is cut (the rest is not searched); 4 MB of text
MAX_FIELD_CHARS = 4_000_000


class Extractor:
    """Text to canonical skill mentions with one taxonomy (see module docs)."""

    overlap_policy = OVERLAP_POLICY

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        policy: NamePolicy | None = None,
        fuzzy_threshold: float = DEFAULT_THRESHOLD,
        components: Sequence[Component] = (),
        use_cache: bool = True,
        roles: bool = True,
        max_field_chars: int = MAX_FIELD_CHARS,
        context_time_budget: float = CONTEXT_TIME_BUDGET,
    ) -> None:
        self.taxonomy = taxonomy
        #: the per-field budgets: longer fields are cut, and context rules stop after
        #: ``context_time_budget`` seconds; each hit is logged and counted here by kind
        #: (``size``, ``time``)
        self.max_field_chars = max_field_chars
        self.budget_hits: Counter[str] = Counter()
        self.taxonomy_version = taxonomy.version
        self.policy = policy or NamePolicy()
        prepared = self._prepare(use_cache)
        names = prepared.names
        self.matcher = DictionaryMatcher(names, taxonomy_version=self.taxonomy_version,
                                         time_budget=context_time_budget)
        self.fuzzy = FuzzyMatcher(names, prepared.vocabulary, threshold=fuzzy_threshold,
                                  taxonomy_version=self.taxonomy_version)
        self.tags = TagResolver(taxonomy, self.matcher, index=prepared.tag_index)
        self.components: list[Component] = [self.matcher, self.fuzzy, *components]
        if roles:
            labels = {c.id: c.label for c in taxonomy}
            free = frozenset(n.key for n in names if not n.ambiguous)
            self.add_component(RoleMatcher(prepared.tag_index, labels, free,
                                           taxonomy_version=self.taxonomy_version),
                               before="fuzzy")

    def _prepare(self, use_cache: bool) -> Prepared:
        """Names, tag index and vocabulary: from the disk cache when possible."""
        path = None
        if use_cache and len(self.taxonomy) >= CACHE_MIN_CONCEPTS:
            path = cache_file(self.taxonomy_version, self.policy)
            found = load_prepared(path)
            if found is not None:
                return found
        names = select_names(self.taxonomy, self.policy)
        vocabulary = frozenset(
            tok for key in self.taxonomy.names() for tok in normalize_name(key).split())
        prepared = Prepared(names, tag_index(self.taxonomy), vocabulary)
        if path is not None:
            store_prepared(path, prepared)
        return prepared

    # -- pipeline management ------------------------------------------------------------
    @property
    def component_names(self) -> list[str]:
        return [c.name for c in self.components]

    def add_component(self, component: Component, *, before: str | None = None) -> None:
        """Append ``component`` (or insert it before the component named ``before``)."""
        if before is None:
            self.components.append(component)
            return
        names = self.component_names
        self.components.insert(names.index(before), component)

    def remove_component(self, name: str) -> Component:
        idx = self.component_names.index(name)
        return self.components.pop(idx)

    # -- extraction -------------------------------------------------------------------
    def __call__(self, text: str, kind: str = "posting", *, field: str | None = None
                 ) -> list[Mention]:
        """Mentions in one text of document kind ``kind`` (posting, search, hire, profile)."""
        plural = canonical_kind(kind)
        return self._run(text, plural, field or ("query" if plural == "searches" else "text"))

    def _run(self, text: Any, kind: str, field: str) -> list[Mention]:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        cut = len(text) > self.max_field_chars
        if cut:
            log.warning("field %s of %d characters cut to %d", field, len(text),
                        self.max_field_chars)
            text = text[:self.max_field_chars]
        if not text:
            return []
        doc = Doc(text, kind, field)
        if cut:
            doc.budget.append("size")
        for component in self.components:
            try:
                found = component(doc)
            except Exception:  # one document never stops the pipeline
                log.exception("component %s failed on a %d-character %s field",
                              getattr(component, "name", component), len(text), field)
                continue
            if found:
                doc.mentions = (resolve_mentions([*doc.mentions, *found]) if doc.mentions
                                else found)
        if doc.budget:
            self.budget_hits.update(doc.budget)
        return doc.mentions

    def pipe(self, texts: Iterable[str], *, kind: str = "posting", batch_size: int = 256
             ) -> Iterator[list[Mention]]:
        """Mentions of each text, in order (``batch_size`` bounds what is held at once)."""
        plural = canonical_kind(kind)
        field = "query" if plural == "searches" else "text"
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= max(1, batch_size):
                for t in batch:
                    yield self._run(t, plural, field)
                batch = []
        for t in batch:
            yield self._run(t, plural, field)

    def tag_mentions(self, tags: Sequence[str] | None) -> list[Mention]:
        """Mentions of a skills list (method ``tag``, field ``skills``)."""
        if not tags:
            return []
        if isinstance(tags, str):
            tags = [tags]
        return self.tags.mentions([t for t in tags if t is not None],
                                  version=self.taxonomy_version)

    def extract_document(self, doc: Mapping[str, Any], kind: str) -> list[Mention]:
        """Mentions of every text field of a store document (``FIELDS[kind]``)."""
        plural = canonical_kind(kind)
        out: list[Mention] = []
        for name in FIELDS[plural]:
            value = doc.get(name)
            if value is None:
                continue
            if name == "skills":
                out.extend(self.tag_mentions(_as_list(value)))
            else:
                out.extend(self._run(value, plural, name))
        return out


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    try:
        return [str(v) for v in value if v is not None]
    except TypeError:
        return [str(value)]


def skills_text(tags: Sequence[str]) -> str:
    """The text tag offsets point into."""
    return TAG_SEPARATOR.join(tags)
