"""Dictionary matching: boundaries, punctuation-bearing names, overlaps, offsets."""

from __future__ import annotations

import pytest

from skillpulse.extract import OVERLAP_POLICY, Extractor, Mention
from skillpulse.extract.overlap import longest_then_leftmost


def ids(ex: Extractor, text: str, kind: str = "posting") -> list[str]:
    return [m.skill_id for m in ex(text, kind)]


def texts(ex: Extractor, text: str) -> list[str]:
    return [m.text for m in ex(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Strong C++ and C# skills", ["t.cpp", "t.csharp"]),
    ("We ship .NET services", ["t.dotnet"]),
    ("ASP.NET MVC", ["t.aspnet"]),                 # not also .NET inside it
    ("Node.js, nodejs and NodeJS", ["t.node", "t.node", "t.node"]),
    ("scikit-learn or scikit learn", ["t.sklearn", "t.sklearn"]),
    ("a CI/CD pipeline", ["t.cicd"]),
    ("our R&D team", []),                         # not R
    ("the go-to-market plan", []),                 # not Go
    ("a Go-to-market strategy", ["t.gtm"]),
    ("GPT-4o and YOLOv8", ["sp.gpt4o", "sp.yolo"]),
    ("Python's ecosystem", ["t.python"]),
    ("modern C++11 code", ["t.cpp"]),
    ("C-suite executives", []),
    ("pythonic code and monty python", []),        # "pythonic": no boundary; lower-case ok
])
def test_boundaries(small: Extractor, text: str, expected: list[str]) -> None:
    if text == "pythonic code and monty python":
        assert ids(small, text) == ["t.python"]
        return
    assert ids(small, text) == expected


def test_case_insensitive_and_whitespace_variants(small: Extractor) -> None:
    assert ids(small, "MACHINE LEARNING, machine-learning, Machine\n  learning") == [
        "t.ml", "t.ml", "t.ml"]


def test_longest_then_leftmost(small: Extractor) -> None:
    assert OVERLAP_POLICY == "longest_then_leftmost"
    found = small("Hiring a machine learning engineer")
    assert [m.skill_id for m in found] == ["t.mle"]
    assert found[0].text == "machine learning engineer"


def test_overlap_policy_function() -> None:
    spans = [(0, 16, "ml"), (8, 16, "learning"), (0, 25, "mle"), (20, 30, "x"), (26, 30, "y")]
    assert longest_then_leftmost(spans) == [(0, 25, "mle"), (26, 30, "y")]
    # equal length: leftmost wins
    assert longest_then_leftmost([(5, 10, "b"), (3, 8, "a")]) == [(3, 8, "a")]


def test_offsets_point_into_the_original(small: Extractor) -> None:
    raw = "<p>İstanbul team: <b>Machine&nbsp;Learning</b> &amp; PyTorch’s API</p>"
    found = small(raw)
    assert [m.skill_id for m in found] == ["t.istanbul", "t.ml", "sp.pytorch"]
    for m in found:
        assert raw[m.start:m.end] == m.text
    assert found[1].text == "Machine&nbsp;Learning"
    assert found[2].text == "PyTorch"


def test_mention_record(small: Extractor, small_taxonomy) -> None:
    (m,) = small("We use ChatGPT daily")
    assert isinstance(m, Mention)
    assert (m.skill_id, m.label, m.start, m.end, m.text) == ("sp.chatgpt", "ChatGPT", 7, 14,
                                                             "ChatGPT")
    assert m.method == "exact" and m.confidence == 1.0
    assert m.taxonomy_version == small_taxonomy.version
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


@pytest.mark.parametrize(("text", "present"), [
    ("Experience with R, Python and SQL", True),
    ("Statistics in R required", True),
    ("R programming for surveys", True),
    ("Boxes A to R of the form", False),
])
def test_r_needs_language_context(small: Extractor, text: str, present: bool) -> None:
    assert ("t.r" in ids(small, text)) is present


@pytest.mark.parametrize(("text", "present"), [
    ("Go developer for gRPC services", True),
    ("Backend in Go and Python", True),
    ("golang microservices", True),
    ("The site must go live on Friday", False),
    ("Snacks on the go", False),
    ("Go ahead and apply", False),
])
def test_go_needs_language_context(small: Extractor, text: str, present: bool) -> None:
    assert ("t.go" in ids(small, text)) is present


@pytest.mark.parametrize(("text", "present"), [
    ("Compare Google Bard and ChatGPT answers", True),
    ("An audiobook of the Bard's sonnets", False),
])
def test_bard_needs_ai_context(small: Extractor, text: str, present: bool) -> None:
    assert ("sp.bard" in ids(small, text)) is present


@pytest.mark.parametrize(("text", "present"), [
    ("Speech recognition pipeline with Whisper to transcribe podcasts", True),
    ("Transcribe support calls with OpenAI Whisper", True),
    ("Run Whisper on our call recordings for speech to text", True),
    ("A quiet office where you can hear a whisper", False),
    ("Whisper campaigns have no place in our team", False),
])
def test_whisper_needs_speech_or_ai_context(small: Extractor, text: str, present: bool) -> None:
    assert ("sp.whisper" in ids(small, text)) is present


@pytest.mark.parametrize(("text", "present"), [
    ("Advanced Excel: pivot tables and formulas", True),
    ("Data analyst with strong Excel and SQL", True),
    ("People who excel at talking to customers", False),
    ("You will excel in this role", False),
    ("Apache Spark and Excel pivot tables", True),
    ("Come to learn and excel with us", False),
])
def test_excel_is_not_excel_at(small: Extractor, text: str, present: bool) -> None:
    assert ("t.excel" in ids(small, text)) is present


@pytest.mark.parametrize(("text", "present"), [
    ("Migrate Hive jobs to Apache Spark on Databricks", True),
    ("Python, Spark, Airflow", True),
    ("Keep only things that spark joy", False),
    ("Games that spark conversations", False),
])
def test_spark_is_not_spark_joy(small: Extractor, text: str, present: bool) -> None:
    assert ("t.spark" in ids(small, text)) is present


def test_component_hook(small_taxonomy) -> None:
    """A component appended to the pipeline (the semantic linker's hook) sees the doc and
    the mentions found so far, and its candidates go through the overlap policy."""

    class Fixed:
        name = "semantic"

        def __init__(self) -> None:
            self.seen: list[list[str]] = []

        def __call__(self, doc):
            self.seen.append([m.skill_id for m in doc.mentions])
            return [Mention("t.ml", "Machine learning", 16, 20, doc.text[16:20], "semantic",
                            0.7, doc.field, "v"),
                    Mention("sp.chatgpt", "ChatGPT", 9, 13, doc.text[9:13], "semantic", 0.6,
                            doc.field, "v")]

    ex = Extractor(small_taxonomy)
    comp = Fixed()
    ex.add_component(comp)
    assert ex.component_names == ["exact", "role", "fuzzy", "semantic"]
    found = ex("Learning Python fast")
    assert comp.seen == [["t.learning", "t.python"]]
    # "fast" (16-20) kept; "Pyth" (9-13) overlaps the longer exact "Python" (9-15): dropped
    assert [(m.skill_id, m.method) for m in found] == [
        ("t.learning", "exact"), ("t.python", "exact"), ("t.ml", "semantic")]
    assert found[2].confidence == 0.7
    assert ex.remove_component("semantic") is comp
