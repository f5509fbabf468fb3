"""What ``discover`` counts as covered and how it merges and ranks (issue 19)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from skillpulse.discover.emerging import _Coverage, _merge_qualified, _Term
from skillpulse.taxonomy import Taxonomy


def test_names_extraction_derives_are_covered() -> None:
    # "DynamoDB" is no name of the default taxonomy ("Amazon DynamoDB" is), but extraction
    # resolves it (the product inside an O*NET label): discover must not propose it
    tax = Taxonomy.default()
    assert not tax.lookup("DynamoDB")
    covered = _Coverage(tax)
    assert covered("DynamoDB") and covered("Redshift")
    assert not covered("Zentrik")


def _term(spelling: str, docs0: set[str], docs1: set[str], first: str) -> _Term:
    t = _Term()
    t.counts = [set(docs0), set(docs1)]
    t.spellings = Counter({spelling: len(docs0 | docs1)})
    t.first = datetime.fromisoformat(first)
    t.contexts = {hash(d) for d in docs1}
    return t


def test_a_candidate_followed_by_common_words_joins_the_candidate() -> None:
    terms = {"llm": _term("LLM", {"a"}, {"b", "c"}, "2023-05-01"),
             "llmtech": _term("LLM tech", set(), {"d", "c"}, "2023-01-01"),
             "apachearrow": _term("Apache Arrow", set(), {"e"}, "2024-01-01"),
             "apache": _term("Apache", {"f"}, set(), "2023-01-01")}
    _merge_qualified(terms)
    assert set(terms) == {"llm", "apachearrow", "apache"}  # "Arrow" is capitalised: a name
    assert terms["llm"].counts == [{"a"}, {"b", "c", "d"}]
    assert terms["llm"].first == datetime(2023, 1, 1)
    assert set(terms["llm"].spellings) == {"LLM", "LLM tech"}


def test_ties_rank_distinct_ads_before_reposts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from skillpulse.discover.emerging import discover
    from skillpulse.ingest import ingest_file
    from skillpulse.store import open_store

    rows = [
        # "Quorvex" is reposted: the same ad twice; "Zentrik" is in two different ads. Both
        # are absent in the base and in two current documents; Quorvex is seen later
        {"id": "1", "posted_at": "2025-02-01", "title": "Engineer",
         "description": "Stack: Python, Zentrik, Docker.", "skills": []},
        {"id": "2", "posted_at": "2025-03-01", "title": "Engineer",
         "description": "Tools: Zentrik, Go, Kafka.", "skills": []},
        {"id": "3", "posted_at": "2025-05-01", "title": "Engineer",
         "description": "Stack: Rust, Quorvex, Redis.", "skills": []},
        {"id": "4", "posted_at": "2025-06-01", "title": "Engineer",
         "description": "Stack: Rust, Quorvex, Redis.", "skills": []},
        {"id": "5", "posted_at": "2023-02-01", "title": "Engineer",
         "description": "Stack: Python, Docker, Redis.", "skills": []},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        ingest_file(store, "postings", path)
        result = discover(store, kind="postings", base="2023", current="2025",
                          taxonomy=Taxonomy.builtin(), min_count=2, nearest=False)
    terms = [c.term for c in result.candidates]
    assert terms.index("Zentrik") < terms.index("Quorvex")
    assert all(c.new and c.current_count == 2 for c in result.candidates
               if c.term in ("Zentrik", "Quorvex"))
