"""Tags resolve to the same IDs as text; the store step is incremental and versioned."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpulse.extract import Extractor
from skillpulse.extract.store import extract_store
from skillpulse.store import DuckDBStore
from skillpulse.taxonomy.model import Concept, Taxonomy


def test_tag_and_text_give_the_same_id(default_extractor: Extractor) -> None:
    tag = default_extractor.tag_mentions(["Chatbot Development"])
    text = default_extractor("We want to build an AI chatbot for support")
    assert [m.skill_id for m in tag] == ["sp.ai-chatbot"]
    assert [m.skill_id for m in text] == ["sp.ai-chatbot"]
    assert tag[0].method == "tag" and tag[0].field == "skills"


def test_tag_offsets_point_into_joined_tags(small: Extractor) -> None:
    tags = ["chatgpt", "Python Programming", "unknown thing", "scikit learn"]
    found = small.tag_mentions(tags)
    joined = ", ".join(tags)
    assert [m.skill_id for m in found] == ["sp.chatgpt", "t.python", "t.sklearn"]
    for m in found:
        assert joined[m.start:m.end] == m.text
        assert m.confidence == 1.0


def test_misspelt_tag_is_fuzzy_with_its_score(default_extractor: Extractor) -> None:
    (m,) = default_extractor.tag_mentions(["Tensorflow2"]) or [None]
    assert m is not None and m.skill_id == "sp.tensorflow"


def test_extract_document_fields(small: Extractor) -> None:
    doc = {"id": "p1", "title": "Python dev", "description": "Build a chatbot with ChatGPT",
           "skills": ["Chatbot Development"]}
    found = small.extract_document(doc, "posting")
    assert [(m.field, m.skill_id) for m in found] == [
        ("title", "t.python"), ("description", "sp.ai-chatbot"),
        ("description", "sp.chatgpt"), ("skills", "sp.ai-chatbot")]
    for m in found:
        src = doc[m.field] if m.field != "skills" else ", ".join(doc["skills"])
        assert src[m.start:m.end] == m.text
    q = small.extract_document({"id": "s1", "query": "chatgtp"}, "search")
    assert [(m.field, m.method) for m in q] == [("query", "fuzzy")]
    assert 0.82 <= q[0].confidence < 1.0


def _fill(store: DuckDBStore) -> None:
    store.execute("""INSERT INTO postings (id, posted_at, title, description, skills) VALUES
        ('p1', TIMESTAMP '2023-03-01', 'Python developer', 'ChatGPT and PyTorch', ['Python']),
        ('p2', TIMESTAMP '2023-03-02', 'Designer', 'Midjourney art', []),
        ('p3', TIMESTAMP '2023-03-03', 'Nothing here', 'just words', NULL)""")
    store.execute("""INSERT INTO searches (id, searched_at, query) VALUES
        ('s1', TIMESTAMP '2023-03-01', 'chatgtp expert'),
        ('s2', TIMESTAMP '2023-03-01', 'stable difusion')""")
    store.execute("""INSERT INTO hires (id, hired_at, title, description, skills) VALUES
        ('h1', TIMESTAMP '2023-03-05', 'ML engineer', 'machine learning', ['PyTorch'])""")
    store.execute("""INSERT INTO profiles (id, freelancer_id, observed_at, title, overview,
        skills) VALUES ('f1@2023-03-01T00:00:00', 'f1', TIMESTAMP '2023-03-01',
        'AI artist', 'Stable Diffusion and Midjourney', ['Midjourney'])""")


EXPECTED = {
    # (kind, doc_id) -> set of (field, skill_id, method), worked out by hand
    ("postings", "p1"): {("title", "t.python", "exact"), ("description", "sp.chatgpt", "exact"),
                         ("description", "sp.pytorch", "exact"), ("skills", "t.python", "tag")},
    ("postings", "p2"): {("description", "sp.midjourney", "exact")},
    ("searches", "s1"): {("query", "sp.chatgpt", "fuzzy")},
    ("searches", "s2"): {("query", "sp.stable-diffusion", "fuzzy")},
    ("hires", "h1"): {("description", "t.ml", "exact"), ("skills", "sp.pytorch", "tag")},
    ("profiles", "f1@2023-03-01T00:00:00"): {
        ("overview", "sp.stable-diffusion", "exact"), ("overview", "sp.midjourney", "exact"),
        ("skills", "sp.midjourney", "tag")},
}


def _mentions(store: DuckDBStore, version: str) -> dict:
    rows = store.query("SELECT kind, doc_id, field, skill_id, method FROM mentions "
                       "WHERE taxonomy_version = $v", {"v": version}).to_pylist()
    out: dict = {}
    for r in rows:
        out.setdefault((r["kind"], r["doc_id"]), set()).add((r["field"], r["skill_id"],
                                                              r["method"]))
    return out


@pytest.mark.parametrize(("workers", "chunk"), [(1, 400), (2, 2)])
def test_extract_store_incremental_and_versioned(store_path: Path, small_taxonomy: Taxonomy,
                                                 workers: int, chunk: int) -> None:
    with DuckDBStore(store_path) as store:
        _fill(store)
        seen = []
        info = extract_store(store, small_taxonomy, workers=workers, chunk_size=chunk,
                             progress=lambda d, t: seen.append((d, t)))
        assert info.documents == {"postings": 3, "searches": 2, "hires": 1, "profiles": 1}
        assert info.workers == workers
        assert seen[-1] == (7, 7)
        got = _mentions(store, small_taxonomy.version)
        assert got == EXPECTED
        assert info.mentions == sum(len(v) for v in EXPECTED.values())
        counts = dict(store.query(
            "SELECT doc_id, mention_count FROM extractions").to_pylist()[i].values()
            for i in range(7))
        assert counts["p3"] == 0 and counts["p1"] == 4

        again = extract_store(store, small_taxonomy, workers=workers)
        assert again.total_documents == 0 and again.mentions == 0
        assert store.scalar("SELECT count(*) FROM extractions") == 7

        # a new document is picked up alone
        store.execute("INSERT INTO searches (id, searched_at, query) VALUES "
                      "('s3', TIMESTAMP '2023-04-01', 'pytorch')")
        assert extract_store(store, small_taxonomy, workers=workers).documents["searches"] == 1

        # a taxonomy change (new version) re-extracts everything; old rows stay
        changed = Taxonomy.from_concepts([*small_taxonomy, Concept("t.art", "Midjourney art")])
        assert changed.version != small_taxonomy.version
        info2 = extract_store(store, changed, workers=workers, chunk_size=chunk)
        assert info2.total_documents == 8
        new = _mentions(store, changed.version)
        assert ("description", "t.art", "exact") in new[("postings", "p2")]
        assert store.scalar("SELECT count(DISTINCT taxonomy_version) FROM extractions") == 2


def test_duplicate_ids_are_extracted_once(store_path: Path, small_taxonomy: Taxonomy) -> None:
    with DuckDBStore(store_path) as store:
        store.execute("""INSERT INTO searches (id, searched_at, query) VALUES
            ('s1', TIMESTAMP '2023-03-01', 'pytorch'), ('s1', TIMESTAMP '2023-03-01', 'pytorch')""")
        info = extract_store(store, small_taxonomy, workers=1)
        assert info.documents["searches"] == 1
        assert store.scalar("SELECT count(*) FROM extractions") == 1
        assert store.scalar("SELECT count(*) FROM mentions") == 1
