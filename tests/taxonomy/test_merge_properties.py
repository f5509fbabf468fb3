"""Property tests: the merge does not depend on argument order and never loses a concept."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from skillpulse.taxonomy import Concept, Taxonomy
from skillpulse.taxonomy.model import NameInfo

WORDS = ["data", "mining", "python", "r", "deep", "learning", "vision", "go", "ml"]
SOURCES = ["lightcast", "onet", "esco", "skillpulse-genai"]
KINDS = ["alias", "derived", "alt_label", "acronym"]

name = st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join)


@st.composite
def taxonomy(draw: st.DrawFn, source: str) -> Taxonomy:
    n = draw(st.integers(0, 5))
    concepts = []
    for i in range(n):
        label = draw(name)
        extra = draw(st.lists(st.tuples(name, st.sampled_from(KINDS)), max_size=2))
        extra = [(t, k) for t, k in extra if t != label]
        ambiguous = tuple(t for t, _ in extra[:1]) if draw(st.booleans()) else ()
        cid = f"{source}.{i}"
        concepts.append(Concept(
            id=cid, label=label, aliases=tuple(t for t, _ in extra), ambiguous=ambiguous,
            sources=((source, cid),),
            name_info=(NameInfo(label, source, "label"),
                       *(NameInfo(t, source, k) for t, k in extra)),
        ))
    return Taxonomy.from_concepts(concepts, {source: "1"})


@settings(max_examples=60, deadline=None)
@given(st.tuples(*(taxonomy(s) for s in SOURCES)))
def test_merge_is_order_independent_and_lossless(taxes: tuple[Taxonomy, ...]) -> None:
    results = [Taxonomy.merge(*perm) for perm in itertools.permutations(taxes)]
    first = results[0]
    for other in results[1:]:
        assert other.version == first.version
        assert other.concepts == first.concepts
        assert other.redirects == first.redirects
    every_id = {c.id for t in taxes for c in t}
    # every input concept is either a survivor or redirects to one
    assert every_id == set(first.concepts) | set(first.redirects)
    assert all(target in first.concepts for target in first.redirects.values())
    for concept in first:  # never two concepts of one source in one merged concept
        sources = [s for s, _ in concept.sources]
        assert len(sources) == len(set(sources))
    # every name of every input concept still resolves to the concept that absorbed it
    for t in taxes:
        for c in t:
            owner = first.get(c.id)
            for n in c.names:
                assert owner.id in {x.id for x in first.lookup(n)}
