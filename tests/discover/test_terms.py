"""The candidate rules of skillpulse.discover.terms (issue 19)."""

from __future__ import annotations

from skillpulse.discover.terms import (
    Occurrence,
    is_ordinary,
    occurrences,
    tag_occurrences,
    variant_key,
)


def test_variants_share_a_key() -> None:
    assert variant_key("LangChain") == variant_key("lang-chain") == variant_key("Langchain")
    assert variant_key("Claude 3.5") == variant_key("Claude")
    assert variant_key("Next.js") == variant_key("NextJS")
    assert variant_key("Vector databases") == variant_key("vector database")
    assert variant_key("Pinecone") != variant_key("Pine")


def test_cue_phrases_and_tool_tokens() -> None:
    text = "We build agents. Experience with LangGraph preferred. Our bot runs on vLLM today."
    found = {(o.text, o.strong) for o in occurrences(text, "description")}
    assert ("LangGraph", True) in found  # after a cue, "preferred" trimmed
    assert ("vLLM", False) in found  # tool-like token anywhere
    assert not any(t.startswith("We") for t, _ in found)


def test_lists_are_split_but_not_ci_cd() -> None:
    found = {o.text for o in occurrences("Python, Supabase, CI/CD, Ruby/Rails", "description")}
    assert {"Supabase", "CI/CD", "Ruby", "Rails"} <= found
    assert "CI" not in found


def test_tags_are_strong() -> None:
    occ = tag_occurrences(["Hotwire", "Python, Drizzle"])
    assert [(o.text, o.strong) for o in occ] == [("Hotwire", True), ("Python", True),
                                                ("Drizzle", True)]


def test_ordinary_english_is_filtered() -> None:
    assert is_ordinary("Senior", strong=True)  # Zipf 4.9
    assert is_ordinary("cursor", strong=True)  # lower case: the word, not the editor
    assert not is_ordinary("Cursor", strong=True)  # capitalised in a list or after a cue
    assert is_ordinary("Cursor", strong=False)  # only the spelling: not enough
    assert not is_ordinary("RAG", strong=True)  # upper case acronym
    assert not is_ordinary("n8n", strong=False)  # digits inside
    assert is_ordinary("Remote Work", strong=True)  # every word common English
    assert not is_ordinary("Looker Studio", strong=True)


def test_slash_joined_items_are_split_unless_short() -> None:
    occ = [o.text for o in tag_occurrences(["Docker/K8s", "C/C++", "CI/CD", "UI/UX"])]
    assert occ == ["Docker", "K8s", "C", "C++", "CI/CD", "UI/UX"]


def test_trailing_plus_and_hash_are_kept() -> None:
    assert [o.text for o in tag_occurrences(["C++,", "F#"])] == ["C++", "F#"]


def test_job_titles_name_what_the_job_works_with() -> None:
    def title(text: str) -> set[tuple[str, bool]]:
        return {(o.text, o.strong) for o in occurrences(text, "title")}

    assert ("AI Agent", True) in title("Senior AI Agent Engineer")
    assert ("AI Agents", True) in title("Product Engineer (AI Agents)")
    # level and job-kind words are not a skill; one word alone is left to the other rules
    assert title("Senior/Staff Backend Engineer") == set()
    assert title("Mid-Senior Software Developer") == set()
    assert title("Rust Engineer") == set()
    # the rule reads titles only
    assert ("AI Agent", True) not in {(o.text, o.strong) for o in occurrences(
        "Senior AI Agent Engineer", "description")}


def test_paragraph_scan_equals_the_whole_text_scan() -> None:
    from skillpulse.discover.emerging import _field_occurrences

    text = ("About us: we ship fast.\n\nSkills: LangGraph, Supabase, n8n and Next.js\n\n"
            "Experience with vLLM preferred.\n\nAbout us: we ship fast.\n\nStack: Rust, Go, Zig")
    memo: dict[tuple[str, str], list[Occurrence]] = {}
    whole = sorted((o.text, o.start, o.end, o.strong) for o in occurrences(text, "description"))
    parts = _field_occurrences(text, "description", memo)
    assert sorted((o.text, o.start, o.end, o.strong) for o in parts) == whole
    assert all(text[o.start:o.end] == o.text for o in parts)
    assert len(memo) == 4  # the repeated paragraph was scanned once
