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


def test_acronym_plurals_share_the_acronym_key() -> None:
    assert variant_key("LLMs") == variant_key("LLM") == variant_key("llm")
    assert variant_key("APIs") == variant_key("API")
    assert variant_key("Ollama") != variant_key("Olla")  # not an acronym: no s to drop


def test_a_titles_own_acronym_in_parentheses_is_not_a_candidate() -> None:
    def title(text: str) -> set[str]:
        return {o.text for o in occurrences(text, "title")}

    assert "CCO" not in title("Chief Commercial Officer (CCO)")
    assert "SRE" not in title("Site Reliability Engineer (SRE)")
    assert "RAG" in title("Backend Engineer (RAG)")  # not the initials of the title


def test_quantifiers_are_not_part_of_a_name() -> None:
    found = {o.text for o in occurrences("Stack: TypeScript, React, various LLM tech",
                                         "description")}
    assert "LLM tech" in found and "various LLM tech" not in found


def test_a_lists_lead_in_is_not_part_of_its_first_item() -> None:
    found = {o.text for o in occurrences("We work with Python, Tarvo.ai, Zentrik and React.",
                                         "description")}
    assert {"Python", "Tarvo.ai", "Zentrik", "React"} <= found
    assert not any(t.startswith("We") for t in found)
    assert "Ruby on Rails" in {o.text for o in occurrences("Ruby on Rails, Go, Rust",
                                                           "description")}


def test_a_dot_inside_a_name_does_not_end_a_phrase() -> None:
    text = "Experience with Nixquin.ai is a must. Stack: Tarvo.js, Zentrik, Python."
    found = {o.text for o in occurrences(text, "description")}
    assert {"Nixquin.ai", "Tarvo.js", "Zentrik"} <= found
    assert "Nixquin" not in found and "js" not in found


def test_common_words_are_kept_only_when_asked() -> None:
    from skillpulse.discover.terms import common_word

    assert common_word("Harbor") and common_word("Linear")  # Zipf 4.2, 4.1
    assert not common_word("harbor") and not common_word("Lattice")  # lower case; rare word
    assert not common_word("The")  # very common: never a name
    assert is_ordinary("Harbor", strong=True)
    assert not is_ordinary("Harbor", strong=True, common_ok=True)
    assert is_ordinary("Harbor", strong=False, common_ok=True)  # no context: no


def test_using_and_such_as_are_cues() -> None:
    def strong(text: str) -> set[str]:
        return {o.text for o in occurrences(text, "description") if o.strong}

    assert "Mercury" in strong("Our team builds agents using Mercury.")
    assert {"Harbor", "Quarry"} <= strong("Familiarity with tools such as Harbor or Quarry.")
    assert "Mercury" not in strong("Mercury is a planet.")


def test_tasks_and_compounds_of_common_words_are_ordinary() -> None:
    assert is_ordinary("Configure shipping", strong=True)
    assert is_ordinary("Write Terraform for networks", strong=True)
    assert is_ordinary("Part-Time", strong=True) and is_ordinary("follow-ups", strong=True)
    assert not is_ordinary("Vornix Studio", strong=True)
    assert not is_ordinary("Mask2Former", strong=True)  # digits: a tool's spelling
    assert not is_ordinary("Open-Sora", strong=True)  # "Sora" is no common word
