"""Context rules for ambiguous names ("R", "Go", "Bard", "Excel", "Spark", "Swift").

An ambiguous name counts only when its surroundings say it is the skill. Every rule works on
the normalised (lower-case) text and its case-preserving twin, with the span in normalised
coordinates. The rule for a name is chosen by its profile:

- ``language`` (R, Go, C, Julia, Swift, Rust, ...): a list of other skills next to it
  ("R, Python"), a language cue right after it ("R programming", "Go developer", "golang"),
  or a preposition or verb of use right before it ("in R", "with Go", "using Rust");
- ``ai`` (Bard, Claude, Gemini, Copilot, ...): an AI cue within 60 characters ("AI",
  "chatbot", "LLM", "Google", "OpenAI", "GPT", "prompt");
- ``office`` (Excel, Word, Access): never before "at", "in", "as" ("excel at"), never after
  "to", "will", "can", "we", "you" ("to excel"); otherwise a list, an office cue
  ("Microsoft", "spreadsheet", "VBA") or a capitalised spelling;
- ``default`` (Spark and every other ambiguous name): a list of other skills, a cue of the
  technical vocabulary within 40 characters, or (for names the taxonomy spells with a capital)
  a capitalised spelling that does not start a sentence.
"""

from __future__ import annotations

import re

__all__ = ["PROFILES", "accept", "profile_of"]

PROFILES: dict[str, str] = {
    **{n: "language" for n in (
        "r", "go", "c", "d", "julia", "swift", "rust", "ruby", "dart", "scratch", "crystal",
        "pascal", "elm", "nim", "ada", "elixir", "haskell", "kotlin", "scala", "perl", "lua",
        "fortran", "cobol", "clojure", "erlang", "ocaml", "zig", "v", "j", "f#")},
    **{n: "ai" for n in (
        "bard", "claude", "gemini", "copilot", "jasper", "pi", "perplexity", "cursor", "llama",
        "falcon", "mistral", "grok", "midjourney", "dall e", "sora", "whisper", "gpt")},
    **{n: "office" for n in ("excel", "word", "access", "teams", "outlook", "project")},
}

_SEPARATOR = re.compile(r"^(?:\s|[,;/|&+()\[\]:]|\band\b|\bor\b|\bas well as\b|\betc\b\.?)*$")
_LANG_AFTER = re.compile(
    r"^(?:\s*[(\[]?\s*)(?:programming|programmer|programmers|language|languages|lang|developer|"
    r"developers|engineer|engineers|dev|devs|code|coding|scripts?|scripting|packages?|"
    r"library|libraries|shiny|studio|markdown|modules?|routines?|backend|services?|"
    r"microservices?|stack|expertise|experience|skills?|proficiency|\d)\b"
)
_LANG_BEFORE = re.compile(
    r"\b(?:in|with|using|use|uses|used|know|knows|knowing|of|written in|built in|writing|"
    r"write|proficient in|proficiency in|experience in|experience with|fluent in|"
    r"like|such as|including|e\.g\.|eg|learn|learning|golang|language|languages)\s*[:(]?\s*$"
)
_AI_CUES = re.compile(
    r"\b(?:ai|a\.i\.|artificial intelligence|chatbots?|chat bots?|llms?|large language|"
    r"gpt\S*|chatgpt|openai|google|anthropic|microsoft|meta|generative|genai|gen ai|prompts?|"
    r"models?|assistants?|copilot|bard|gemini|claude|midjourney|stable diffusion|dall e|"
    r"machine learning|ml|nlp|agents?|image generation|text generation|github)\b"
)
_OFFICE_AFTER_BAD = re.compile(r"^\s*(?:at|in|as|on|through|when|by|beyond|within)\b")
_OFFICE_BEFORE_BAD = re.compile(
    r"\b(?:to|will|can|could|would|should|must|we|you|they|i|who|that|and|helps?|"
    r"truly|really|to help|opportunity to|ability to)\s*$"
)
_OFFICE_CUES = re.compile(
    r"\b(?:microsoft|ms|msft|office|spreadsheets?|vba|pivot|formulas?|macros?|sheets|"
    r"powerpoint|power point|outlook|word|excel|access|google docs|csv|xlsx?|365)\b"
)
_TECH_CUES = re.compile(
    r"\b(?:apache|data|big data|hadoop|pyspark|scala|python|java|sql|cluster|clusters|"
    r"streaming|databricks|etl|pipelines?|kafka|aws|azure|gcp|cloud|framework|frameworks|"
    r"library|libraries|api|apis|sdk|tool|tools|tooling|platform|software|developer|"
    r"developers|engineer|engineers|engineering|programming|code|stack|devops|deploy\w*|"
    r"server|servers|database|databases|integration|integrations|ios|android|app|apps|"
    r"mobile|web|frontend|backend|infrastructure|kubernetes|docker|terraform|ml|ai)\b"
)


_CLAUSE_END = re.compile(r"[.!?;\n](?:\s|$)|\n")


def _window(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """Up to ``width`` characters before and after the span, within its sentence."""
    before = text[max(0, start - width):start]
    cut = None
    for m in _CLAUSE_END.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    after = text[end:end + width]
    m2 = _CLAUSE_END.search(after)
    if m2 is not None:
        after = after[:m2.start()]
    return before, after


def profile_of(key: str) -> str:
    return PROFILES.get(key, "default")


def _in_list(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether another accepted mention sits next to ``[start, end)``, across separators."""
    for s, e in spans:
        if e <= start and start - e <= 12 and _SEPARATOR.match(text[e:start]):
            return True
        if s >= end and s - end <= 12 and _SEPARATOR.match(text[end:s]):
            return True
    return False


def _sentence_start(cased: str, start: int) -> bool:
    before = cased[max(0, start - 3):start].rstrip()
    return not before or before[-1] in ".!?:;\n•*-–—(\"'"


def accept(
    key: str,
    forms: tuple[str, ...],
    text: str,
    cased: str,
    start: int,
    end: int,
    spans: list[tuple[int, int]],
) -> bool:
    """Whether the ambiguous name ``key`` at ``[start, end)`` counts (see module docs)."""
    profile = profile_of(key)
    before, after = _window(text, start, end, 40)
    if profile == "office":
        if _OFFICE_AFTER_BAD.match(after) or _OFFICE_BEFORE_BAD.search(before):
            return False
        if _in_list(text, start, end, spans) or _OFFICE_CUES.search(before + " " + after):
            return True
        return cased[start:end][:1].isupper() and not _sentence_start(cased, start)
    if _in_list(text, start, end, spans):
        return True
    if profile == "language":
        if key == "go" and cased[start:end] not in ("Go", "GO"):
            return False
        return bool(_LANG_AFTER.match(after) or _LANG_BEFORE.search(before))
    if profile == "ai":
        b60, a60 = _window(text, start, end, 60)
        return bool(_AI_CUES.search(b60 + " " + a60))
    window = before + " " + after
    if _TECH_CUES.search(window):
        return True
    spelled_upper = any(f[:1].isupper() for f in forms)
    surface = cased[start:end]
    return (
        len(key) > 2
        and spelled_upper
        and surface[:1].isupper()
        and not _sentence_start(cased, start)
    )
