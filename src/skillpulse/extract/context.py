"""Context rules for ambiguous names ("R", "Go", "Bard", "Excel", "Spark", "Swift").

An ambiguous name counts only when its surroundings say it is the skill. Every rule works on
the normalised (lower-case) text and its case-preserving twin, with the span in normalised
coordinates. The rule for a name is chosen by its profile:

- ``language`` (R, Go, C, Julia, Swift, Rust, ...): a list of other skills next to it
  ("R, Python"), a language cue right after it ("R programming", "Go developer", "golang"),
  or a preposition or verb of use right before it ("in R", "with Go", "using Rust");
- ``ai`` (Bard, Claude, Gemini, Copilot, Whisper, ...): an AI cue within 60 characters
  ("AI", "chatbot", "LLM", "Google", "OpenAI", "GPT", "prompt", "speech recognition",
  "transcribe");
- ``office`` (Excel, Word, Access): never before "at", "in", "as" ("excel at"); next to
  another skill across a separator ("SQL and Excel"); never after "to", "will", "can",
  "we", "you", "and" ("to excel", "learn and excel"); otherwise an office cue
  ("Microsoft", "spreadsheet", "VBA") or a capitalised spelling;
- ``default`` (Spark and every other ambiguous name): a list of other skills, a cue of the
  technical vocabulary within 40 characters, or (for names the taxonomy spells with a capital)
  a capitalised spelling that does not start a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING

from skillpulse.extract.words import word_tools

if TYPE_CHECKING:
    from skillpulse.extract.names import MatchName

__all__ = ["OWN_EVIDENCE", "PROFILES", "SENSE_PROFILES", "accept", "profile_of",
           "sense_accept"]

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
    r"microservices?|stack|expertise|experience|skills?|proficiency|compilers?|runtime|"
    r"interpreter|syntax|codebase|apps?|sdk|\d)\b"
)
_LANG_BEFORE = re.compile(
    r"\b(?:in|with|using|use|uses|used|know|knows|knowing|of|written in|built in|writing|"
    r"write|proficient in|proficiency in|experience in|experience with|fluent in|"
    r"like|such as|including|e\.g\.|eg|learn|learning|golang|language|languages|"
    r"engineer|developer|programmer|dev)\s*[:(]?\s*$"
)
#: a cue token (``[a-z0-9][a-z0-9+#.]*``) without its trailing dots
_CUE_WORD = re.compile(r"[a-z0-9](?:[a-z0-9+#.]*[a-z0-9+#])?")


class _Cues:
    """Cue words (set lookup on the window's tokens), prefixes and multi-word phrases:
    several times faster than one large alternation with word boundaries."""

    def __init__(self, words: str, *, phrases: tuple[str, ...] = (),
                 prefixes: tuple[str, ...] = ()) -> None:
        self.words = frozenset(words.split())
        self.phrases = phrases
        self.prefixes = prefixes

    def search(self, window: str) -> bool:
        # the tokens without trailing dots ("a.i." is "a.i"): one set test in C
        toks = _CUE_WORD.findall(window)
        if not self.words.isdisjoint(toks):
            return True
        prefixes = self.prefixes
        if prefixes and any(p in window for p in prefixes):
            for tok in toks:
                if tok.startswith(prefixes):
                    return True
        return any(p in window for p in self.phrases)


_AI_CUES = _Cues(
    "ai a.i. chatbot chatbots llm llms chatgpt openai google anthropic microsoft meta "
    "generative genai prompt prompts model models assistant assistants copilot bard gemini "
    "claude midjourney ml nlp agent agents github neural vision classification detection "
    "segmentation training trained dataset datasets pytorch tensorflow keras inference "
    "embedding embeddings transformer transformers diffusion api detector detectors backbone "
    "resnet image images imagery classifier classifiers layer layers lora loras comfyui "
    "webui automatic1111 checkpoint checkpoints asr transcription transcriptions transcribe "
    "transcribing diarization tts",
    phrases=("artificial intelligence", "chat bot", "large language", "gen ai",
             "stable diffusion", "dall e", "machine learning", "deep learning",
             "image generation", "text generation", "fine tun", "speech recognition",
             "speech to text", "text to speech"),
    prefixes=("gpt",),
)
_OFFICE_AFTER_BAD = re.compile(r"^\s*(?:at|in|as|on|through|when|by|beyond|within)\b")
_OFFICE_BEFORE_BAD = re.compile(
    r"\b(?:to|will|can|could|would|should|must|we|you|they|i|who|that|and|helps?|"
    r"truly|really|to help|opportunity to|ability to)\s*$"
)
_OFFICE_CUES = _Cues(
    "microsoft ms msft office spreadsheet spreadsheets vba pivot formula formulas macro "
    "macros sheets powerpoint outlook word excel access csv xls xlsx 365",
    phrases=("power point", "google docs"),
)
_TECH_CUES = _Cues(
    "apache data hadoop pyspark scala python java sql cluster clusters streaming databricks "
    "etl pipeline pipelines kafka aws azure gcp cloud framework frameworks library libraries "
    "api apis sdk tool tools tooling platform software developer developers engineer "
    "engineers engineering programming code stack devops server servers database databases "
    "integration integrations ios android app apps mobile web frontend backend "
    "infrastructure kubernetes docker terraform ml ai",
    prefixes=("deploy",),
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


def _in_list(text: str, start: int, end: int, spans: list[tuple[int, int]], *,
             marked: bool = False) -> bool:
    """Whether another accepted mention sits next to ``[start, end)``, across separators
    (with ``marked``, a separator that is more than a space: "rust, svelte", not "drive
    translation").

    ``spans`` are sorted and do not overlap each other."""
    i = bisect_left(spans, (start, start))
    for j in (i - 2, i - 1, i, i + 1):
        if 0 <= j < len(spans):
            s, e = spans[j]
            if e <= start and start - e <= 12 and _SEPARATOR.match(text[e:start]) and (
                    not marked or text[e:start].strip()):
                return True
            if s >= end and s - end <= 12 and _SEPARATOR.match(text[end:s]) and (
                    not marked or text[end:s].strip()):
                return True
    return False


def _sentence_start(cased: str, start: int) -> bool:
    before = cased[max(0, start - 3):start].rstrip()
    return not before or before[-1] in ".!?:;\n•*-–—(\"'"


_LIST_ITEM_SPLIT = re.compile(r"\s*(?:,|/|;|\||\band\b|\bor\b|&)\s*")
_SOFT_AFTER = re.compile(r"^\s*(?:skills?|abilities|ability|capabilities|experience|"
                         r"competenc(?:e|ies)|knowledge|background|practices?|environment|"
                         r"process|processes|methodolog(?:y|ies)|principles|mindset)\b")
_HUMAN_CUES = _Cues(
    "fluent fluency fluently native proficient proficiency written spoken verbal speak "
    "speaks speaking speaker language languages bilingual level c1 c2 b1 b2 skill skills "
    "advantage mandatory oral orally mastery",
    phrases=("command of", "knowledge of", "a plus"),
)
_AI_NEXT_OK = frozenset(["pro", "ultra", "api", "apis", "advanced", "flash", "nano", "sonnet", "opus", "haiku", "instant", "code", "chat", "vision", "studio", "2", "3", "4", "5", "1.5", "2.0", "3.5", "models", "model", "ai", "gpt"])


_PROPER = re.compile(r"[A-Z][a-z]+")


_SEGMENT_END = re.compile(r"[:;!?\n]|\.(?:\s|$)")


def _segment(text: str, start: int, end: int) -> str:
    """The clause around the span: cut at sentence ends, colons and line breaks."""
    # the last of ". : ; ! ? newline" before the span; the nearest dot first, then the
    # others only after it
    rf = text.rfind
    lo = rf(".", 0, start)
    for c in ":;!?\n":
        j = rf(c, lo + 1, start)
        if j > lo:
            lo = j
    # the first of ": ; ! ? newline" or a dot before a space or the end
    m = _SEGMENT_END.search(text, end)
    hi = m.start() if m is not None else len(text)
    return text[lo + 1:hi]


#: a list item longer than this (characters) counts as a long item without being read
MAX_ITEM_CHARS = 160
_CLAUSE_START = re.compile(r"[.:;!?\n]")
#: where :data:`_SEGMENT_END` can match, without consuming the space after a dot (so that
#: every match position is found, overlapping ones included)
_SEGMENT_END_AT = re.compile(r"[:;!?\n]|\.(?=\s|$)")


class _Clauses:
    """Clause bounds of one text, computed once (positions of the characters that end a
    clause), so that each candidate finds its clause by bisection: linear in the text."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in _CLAUSE_START.finditer(text)]
        self.ends = [m.start() for m in _SEGMENT_END_AT.finditer(text)]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """``[lo, hi)`` of :func:`_segment`'s clause around ``[start, end)``."""
        i = bisect_left(self.starts, start)
        lo = self.starts[i - 1] + 1 if i else 0
        j = bisect_left(self.ends, end)
        hi = self.ends[j] if j < len(self.ends) else len(self.text)
        return lo, hi


_last_clauses: list[_Clauses] = []


def _clauses(text: str) -> _Clauses:
    """The clause bounds of ``text`` (the last text's are kept: one field at a time)."""
    if _last_clauses and _last_clauses[0].text is text:
        return _last_clauses[0]
    found = _Clauses(text)
    _last_clauses[:] = [found]
    return found


def _list_shaped(text: str, start: int, end: int, others: list[tuple[int, int]]) -> bool:
    """Whether the span's clause is a list of short items holding another candidate skill
    ("Rust, Go")."""
    lo, hi = _clauses(text).bounds(start, end)
    i = bisect_left(others, (lo, lo))
    j = bisect_left(others, (hi + 1, 0))
    for k in range(i, j):  # stops at the first other candidate (no copy of the clause's)
        s, e = others[k]
        if e <= hi and (s, e) != (start, end):
            return _short_items_in(text, lo, hi)
    return False


def _short_items_in(text: str, lo: int, hi: int) -> bool:
    """:func:`_short_items` of ``text[lo:hi]`` without copying the clause: each separator is
    searched for at most ``MAX_ITEM_CHARS`` ahead (a longer item is a long item), so the
    cost is bounded by the items read, not by the clause."""
    items = 0
    pos = lo
    search = _LIST_ITEM_SPLIT.search
    while True:
        limit = min(hi, pos + MAX_ITEM_CHARS + 16)
        m = search(text, pos, limit)
        if m is not None and m.start() - pos > MAX_ITEM_CHARS:
            return False  # an item longer than MAX_ITEM_CHARS
        if m is None:
            if limit < hi:
                return False  # an item longer than MAX_ITEM_CHARS
            piece = text[pos:hi]
        else:
            piece = text[pos:m.start()]
        words = len(piece.split(None, 3))
        if words > 3:
            return False
        items += words > 0
        if m is None:
            return items >= 2
        pos = m.end()


def _short_items(seg: str) -> bool:
    """Whether ``seg`` splits into two or more non-empty items of at most three words each:
    walks the separators and stops at the first long item (long clauses fail early)."""
    items = 0
    for piece in _pieces(seg):
        words = len(piece.split(None, 3))
        if words > 3:
            return False
        items += words > 0
    return items >= 2


def _pieces(seg: str) -> Iterator[str]:
    """The pieces between list separators, lazily (``_LIST_ITEM_SPLIT.split`` one by one)."""
    pos = 0
    for m in _LIST_ITEM_SPLIT.finditer(seg):
        yield seg[pos:m.start()]
        pos = m.end()
    yield seg[pos:]


def _after_colon(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip()
    return before.endswith(":")


def accept(
    name: MatchName,
    text: str,
    cased: str,
    start: int,
    end: int,
    spans: list[tuple[int, int]],
    candidates: list[tuple[int, int]] | None = None,
    *,
    query: bool = False,
) -> bool:
    """Whether the ambiguous ``name`` at ``[start, end)`` counts (see module docs).

    ``spans`` are the accepted mentions so far, ``candidates`` every candidate span
    (accepted or not) of the text."""
    key = name.key
    surface = cased[start:end]
    if name.profile in SENSE_PROFILES:
        return sense_accept(name, text, cased, start, end, spans, query=query) > 0
    if name.key == "cv" and not _cv_sense(text, start, end):
        return False
    if query:
        # a search query names what it looks for: "keras cnn", "rust developer"; only the
        # plain-English readings of "go" and "excel" are filtered
        if key == "go":
            return bool(_LANG_AFTER.match(text[end:end + 30]) or _in_list(text, start, end, spans))
        if name.profile == "office":
            return not _OFFICE_AFTER_BAD.match(text[end:end + 20])
        return True
    if name.upper_only and not surface.isupper():
        return False
    in_list = _in_list(text, start, end, spans)
    if name.strict:
        return in_list
    profile = name.profile
    if in_list and profile != "office":
        return True
    before, after = _window(text, start, end, 40)
    if profile == "office":
        if _OFFICE_AFTER_BAD.match(after):
            return False
        # a list beats the verb guard before the name: "Spark and Excel" is a list, "learn
        # and excel" (no skill before "and") is not
        if in_list:
            return True
        if _OFFICE_BEFORE_BAD.search(before):
            return False
        if _OFFICE_CUES.search(before + " " + after):
            return True
        return surface[:1].isupper() and not _sentence_start(cased, start)
    if in_list:
        return True
    # the clause being a list of skills also accepts: tested last (the costliest test; the
    # rules below have no side effects, so the order does not change the answer)
    return _by_profile(name, key, profile, surface, text, cased, start, end, before, after) \
        or _list_shaped(text, start, end, candidates or spans)


def _by_profile(name: MatchName, key: str, profile: str, surface: str, text: str, cased: str,
                start: int, end: int, before: str, after: str) -> bool:
    """The profile's own rule (see module docs)."""
    lower_surface = surface.islower()
    if lower_surface and (profile == "ai" or key in word_tools()) and \
            any(f[:1].isupper() for f in name.forms):
        # "spark conversations", "rust on metal": a capitalised product written in lower
        # case counts only inside a list of skills
        return False
    if profile == "language":
        if key == "go" and surface not in ("Go", "GO"):
            return False
        return bool(_LANG_AFTER.match(after) or _LANG_BEFORE.search(before)
                    or _after_colon(text, start))
    if profile == "human_language":
        return bool(_HUMAN_CUES.search(before[-25:] + " " + after[:25]))
    if profile == "ai":
        nxt = cased[end:end + 20].split()
        if nxt and _PROPER.fullmatch(nxt[0].strip(",.;:")) and \
                nxt[0].lower().strip(",.;:") not in _AI_NEXT_OK:
            return False  # "Claude Monet", "Gemini Cancer"
        b60, a60 = _window(text, start, end, 60)
        return bool(_AI_CUES.search(b60 + " " + a60))
    if _SOFT_AFTER.match(after) or _after_colon(text, start):
        return True
    return bool(_TECH_CUES.search(before[-30:] + " " + after[:30]))


#: profiles of general-source names decided by :mod:`skillpulse.extract.sense`; their
#: ``spans`` are the distinctive mentions only (a list of ordinary words confirms nothing)
SENSE_PROFILES = frozenset(["sense", "sense_tech", "product", "company", "plain", "cased",
                            "listed", "tech_list"])

#: a following word that continues a technical name ("Unity developer", "Google APIs")
_PRODUCT_NEXT_OK = frozenset(
    ["developer", "developers", "engineer", "engineers", "development", "programming", "programmer", "administrator", "administration", "admin", "expert", "experience", "skills", "api", "apis", "sdk", "integration", "integrations", "platform", "certification", "certified", "consultant"])
_CUE_TOKEN = re.compile(r"[a-z0-9]+")


def _cue_near(cues: tuple[str, ...], text: str, start: int, end: int, width: int) -> bool:
    """Whether a word starting like one of ``cues`` (first five letters) is in the clause
    within ``width`` characters of the span, the span itself excluded."""
    before, after = _window(text, start, end, width)
    stems = {c[:5] for c in cues}
    for tok in _CUE_TOKEN.findall(before + " " + after):
        if tok[:5] in stems and len(tok) >= min(3, len(tok)):
            return True
    return False


def _anchored(text: str, start: int, end: int, anchors: list[tuple[int, int]]) -> bool:
    """Next to a distinctive skill across separators, or in a list-shaped clause with one."""
    return _in_list(text, start, end, anchors) or _list_shaped(text, start, end, anchors)


#: :func:`sense_accept` levels: rejected, accepted as an item of a list of skills, accepted
#: on the name's own evidence (a cue, a role word): only the last confirms its neighbours
REJECTED, IN_LIST, OWN_EVIDENCE = 0, 1, 2


def sense_accept(name: MatchName, text: str, cased: str, start: int, end: int,
                 anchors: list[tuple[int, int]], *, query: bool = False,
                 every: list[tuple[int, int]] | None = None) -> int:
    """The rules of the sense model's profiles (see :mod:`skillpulse.extract.sense`):
    ``REJECTED``, ``IN_LIST`` or ``OWN_EVIDENCE``. ``anchors`` are the distinctive mentions
    of the text (sorted spans), ``every`` the mentions accepted so far and the names that
    need no context (ordinary words only: a list of them confirms one)."""
    profile = name.profile
    surface = cased[start:end]
    if name.upper_only and not surface.isupper():
        return REJECTED
    if profile == "cased":
        return OWN_EVIDENCE if surface in name.forms else REJECTED
    if profile == "tech_list":
        # a generic word of a technical concept ("debugging", "scalability", "testing" of
        # Software Testing) is that skill as an item of a list of distinctive skills: next
        # to one across a separator that is more than a space ("Python, debugging"; not
        # "Kubernetes features"), or in a list-shaped clause holding one
        if query:
            return REJECTED
        if _in_list(text, start, end, anchors, marked=True) or \
                _list_shaped(text, start, end, anchors):
            return IN_LIST
        return REJECTED
    if profile == "listed":  # "Excel, Word and PowerPoint"; not "teams" nor "Access to"
        return IN_LIST if surface[:1].isupper() and _in_list(text, start, end, anchors) \
            else REJECTED
    # a name the taxonomy capitalises, written in lower case, counts only right next to
    # another skill ("golang, rust, svelte")
    lowered = surface.islower() and any(f[:1].isupper() for f in name.forms)
    if lowered and profile != "plain" and not _in_list(text, start, end, anchors):
        return REJECTED
    listed = IN_LIST if _anchored(text, start, end, anchors) else REJECTED
    if profile in ("sense", "sense_tech"):
        if _cue_near(name.cues, text, start, end, 60):
            return OWN_EVIDENCE
        if profile == "sense":
            return REJECTED
        if _LANG_AFTER.match(_window(text, start, end, 30)[1]):
            return OWN_EVIDENCE
        return listed
    if profile == "plain":
        # an ordinary word counts where text lists skills: next to another candidate, in a
        # list-shaped clause, after a colon, or before "skills", "experience", ...
        if query:
            return REJECTED
        if _SOFT_AFTER.match(text[end:end + 30]) or _after_colon(text, start):
            return OWN_EVIDENCE
        others = every if every is not None else anchors
        if listed or _in_list(text, start, end, others) or \
                _list_shaped(text, start, end, others):
            return IN_LIST
        # a technical cue nearby (the default rule's): confirms this word, not others
        before, after = _window(text, start, end, 30)
        return IN_LIST if _TECH_CUES.search(before + " " + after) else REJECTED
    # product and company names: not the first word of a longer capitalised name ("Google
    # Vision"), confirmed by a list of skills or (products only) a technical cue or role
    # word after it
    if profile == "product" and listed:
        return listed
    if cased[end:end + 1] == " ":
        nxt = cased[end + 1:end + 31].split(None, 1)
        following = nxt[0].strip(",.;:)") if nxt else ""
        if following[:1].isupper() and following.lower() not in _PRODUCT_NEXT_OK:
            return REJECTED
    if profile == "company":
        return listed
    before, after = _window(text, start, end, 30)
    if _LANG_AFTER.match(after) or query:
        return OWN_EVIDENCE
    if _sentence_start(cased, start):
        return REJECTED
    return OWN_EVIDENCE if _TECH_CUES.search(before + " " + after) else REJECTED


_CV_CUES = _Cues(
    "vision image images imagery video detection segmentation opencv yolo recognition "
    "pixel pixels camera cameras tracking pose ocr cnn cnns convolutional",
    phrases=("computer vision",))
_RESUME_CUES = _Cues(
    "resume resumes send share submit upload attach attached updated apply applying email "
    "your portfolio cover letter references",
)


def _cv_sense(text: str, start: int, end: int) -> bool:
    """"CV" is a résumé unless computer-vision cues are near and résumé cues are not."""
    before, after = _window(text, start, end, 50)
    window = before + " " + after
    return _CV_CUES.search(window) and not _RESUME_CUES.search(window)
