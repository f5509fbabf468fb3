"""Candidate skill terms in text, by rules a reader can follow.

Three sources of candidates, each occurrence marked *strong* (the context says "this is a
skill") or *weak* (only the spelling does):

1. **tags** users typed (the ``skills`` list of postings and profiles): strong;
2. **skill cues and lists**: the noun phrases after "experience with", "proficient in",
   "knowledge of", "familiar with", "expertise in", "skills:", "stack:", "tools:" ... and the
   items of a comma-separated list of three or more short items: strong;
3. **tool-like tokens** anywhere: CamelCase (``LangGraph``), dotted (``Next.js``), digits
   inside a word (``n8n``, ``GPT-5``): weak.

Variants are merged by :func:`variant_key`: case, hyphens, spaces and dots inside a name,
a plural ``s`` and a trailing version (``Claude 3.5``, ``Llama-3``, ``v2``) are ignored.

Ordinary English is filtered with the word-frequency evidence of extraction
(:mod:`skillpulse.extract.sense`, Zipf frequencies of general English): a plain word (no
digit, inner capital or ``+#./``) that is an English word counts only in a strong context,
written with a capital, and below Zipf ``COMMON_WORDS_ZIPF`` (4.0; "Claude" 3.8 and "Cursor"
3.1 count in a list, "Senior" 4.9 does not) unless written in upper case ("RAG"); a phrase
whose every word is common English (``COMMON_WORDS_ZIPF``) or that has no capital is dropped;
so are the generic names and the job-ad ordinary words extraction never matches in free text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Occurrence", "common_word", "is_ordinary", "occurrences", "variant_key"]

#: a tag or list item longer than this many words is a sentence, not a name
MAX_WORDS = 4
#: a list needs at least this many items to be read as a list of skills
MIN_LIST_ITEMS = 3

_CUES = re.compile(
    r"\b(?:experience (?:with|in|using)|experienced (?:with|in)|proficien(?:t|cy) (?:in|with)|"
    r"knowledge of|familiar(?:ity)? with|expertise (?:in|with)|expert in|skilled in|"
    r"hands-on (?:with|experience with)|fluent in|background in|using|such as|"
    r"built (?:with|on)|work(?:ing)? (?:with|on)|"
    r"(?:skills|stack|tools|technologies|tech stack|requirements)\s*:)\s*",
)  # matched on the lower-cased text
#: where a cue's phrase ends (a dot inside a name, "Tarvo.ai", "Next.js", does not)
_CLAUSE_END = re.compile(
    r"[;:!?()\[\]\n]|\.(?![A-Za-z0-9])|\s(?:is|are|to|for|that|which|who|will|would)\s")
#: "/" separates items only between words of three letters or more ("Ruby/Rails", not "CI/CD")
_LIST_SPLIT = re.compile(
    r"\s*(?:,|;|\||•|\band\b|\bor\b|&|\s/\s|(?<=[A-Za-z]{3})/(?=[A-Za-z]{3}))\s*")
_SHORT_PAIR = re.compile(r"^[A-Za-z0-9]{1,2}(?:/[A-Za-z0-9]{1,2})+$")
#: role nouns of job titles: the words before one name what the job works with
#: ("AI Agent Engineer", "Rust Developer")
_ROLE = re.compile(r"\b(?:engineers?|developers?|researchers?|scientists?|architects?|"
                   r"specialists?|consultants?|designers?|analysts?|programmers?)\b",
                   re.IGNORECASE)
#: where the words before a role noun start (a separator of the title)
_TITLE_BREAK = re.compile(r"[,;:|()\[\]–—]|\s-\s|\s+/\s+")
#: words of a title that say the level or the kind of job, not what it works with
_TITLE_WORDS = frozenset(
    ["senior", "sr", "staff", "junior", "jr", "principal", "lead", "founding", "head", "chief", "associate", "mid-level", "mid", "entry-level", "intern", "software", "systems", "system", "platform", "product", "applied", "research", "solutions", "team", "remote", "contract", "freelance", "full-time", "part-time", "backend", "frontend", "full-stack", "fullstack", "full", "stack", "ii", "iii", "iv", "level", "generalist", "infra", "infrastructure", "integrations", "integration", "embedded", "site", "reliability", "qa", "testing", "devops", "cloud", "web", "mobile", "security", "support", "sales", "growth", "customer", "success"]
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.+#-][A-Za-z0-9]+)*[+#]*")
_TOKEN_BEFORE = frozenset("._@/")
#: a tool-like feature: an inner capital, a digit next to a letter, a dot between letters, a
#: trailing + or #. Every branch starts at a capital, a digit, a dot or + # (a lower-case
#: letter never starts a match), so the scan skips plain text fast
_TOOLISH = re.compile(r"[A-Z](?<=[a-z][A-Z])|\d(?<=[A-Za-z]\d)|\d(?=[A-Za-z])|"
                      r"\.(?<=[A-Za-z]\.)(?=[A-Za-z])|[+#]$")
_VERSION = re.compile(r"(?:[\s-]*v?\d+(?:\.\d+)*[a-z]?|[\s-]+(?:pro|plus|mini|turbo|max|ultra))$",
                      re.IGNORECASE)
_LIST_WORD = re.compile(r"\band\b|\bor\b|&|/")
_CLAUSE = re.compile(r"(?:[^.;:!?\n()]|\.(?=[A-Za-z0-9]))+")
#: punctuation trimmed from an item's ends (a trailing "+" or "#" is part of "C++", "F#")
_EDGE = re.compile(r"^[\W_]+|(?<![+#])[^\w+#]+$|(?<=[+#])[^\w+#]+$")
_DETERMINERS = frozenset(
    ["a", "an", "the", "our", "your", "their", "its", "this", "these", "those", "some", "any", "all", "other", "modern", "strong", "solid", "good", "great", "excellent", "deep", "basic", "advanced", "proven", "working", "using", "with", "of", "in", "on", "and", "or", "etc", "e.g", "i.e", "including", "such", "as", "like", "various", "multiple", "several", "numerous"]
)
#: words that end a cue's phrase without being part of the name ("X preferred", "X skills")
_TRAILING = frozenset(
    ["preferred", "required", "needed", "desired", "desirable", "mandatory", "essential", "experience", "skills", "knowledge", "expertise", "is", "are", "a", "plus", "must"]
)


#: verbs that start a task, not a name ("Configure shipping", "Add captions", "Write
#: Terraform for networks"): a phrase of two words or more starting with one is a task
_TASK_VERBS = frozenset(
    ["add", "analyse", "analyze", "automate", "build", "clean", "configure", "convert", "create", "debug", "deploy", "design", "develop", "draft", "edit", "fix", "handle", "implement", "improve", "install", "integrate", "localise", "localize", "maintain", "manage", "migrate", "monitor", "optimise", "optimize", "prepare", "produce", "publish", "record", "respond", "review", "run", "schedule", "set", "support", "test", "track", "translate", "update", "write"]
)


@dataclass(frozen=True)
class Occurrence:
    """One candidate term in one document field: text as written, offsets, strength."""

    text: str
    field: str
    start: int
    end: int
    strong: bool


@lru_cache(maxsize=1 << 18)
def variant_key(term: str) -> str:
    """The merge key of a term: lower case, no version suffix, no spaces/hyphens/dots
    between letters, no plural ``s`` (of a word longer than four letters, or of an acronym:
    "LLMs"). ``LangChain``, ``lang-chain`` and ``Langchain`` share
    a key; so do ``Claude 3.5`` and ``Claude``; ``Next.js`` and ``NextJS``."""
    text = term.strip()
    stripped = _VERSION.sub("", text)
    if stripped and any(ch.isalpha() for ch in stripped):
        text = stripped
    if re.fullmatch(r"[A-Z][A-Z0-9]+s", text):  # an acronym's plural: "LLMs", "APIs"
        text = text[:-1]
    key = re.sub(r"[\s._-]+", "", text.lower())
    if len(key) > 4 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        key = key[:-1]
    return key


@lru_cache(maxsize=1 << 16)
def _clean(item: str) -> str:
    words = _EDGE.sub("", item).split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    while words and (words[-1].lower() in _DETERMINERS or words[-1].lower() in _TRAILING):
        words.pop()
    return _EDGE.sub("", " ".join(words))


def _title_word(word: str) -> bool:
    """A word of a title that says the level or kind of job ("Senior", "Mid-Senior",
    "Founding/Lead"), not what the job works with."""
    parts = [p for p in re.split(r"[/-]", word.lower().strip(".,[]")) if p]
    return not parts or all(p in _TITLE_WORDS for p in parts)


#: words that end a sentence's lead-in to a list ("We work with Python, Go and Rust")
_LEAD_IN = frozenset(["with", "using", "use", "uses", "including", "like", "know", "knows"])


def _lead_in_dropped(item: str) -> str:
    """The first item of a list without the sentence that leads to it: "We work with Python"
    is "Python"; "Ruby on Rails" stays."""
    words = item.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower() in _LEAD_IN and all(w[:1].isupper() or w[:1].isdigit()
                                                for w in words[i + 1:]):
            return " ".join(words[i + 1:])
    return item


def _abbreviates(inner: str, before: str) -> bool:
    """True when ``inner`` is an acronym of the words just before it ("Chief Commercial
    Officer (CCO)", "Site Reliability Engineering (SRE)")."""
    acr = inner.strip()
    if not (2 <= len(acr) <= 6 and acr.isalpha() and acr.isupper()):
        return False
    words = re.findall(r"[A-Za-z][\w]*", before)[-len(acr):]
    return len(words) == len(acr) and "".join(w[0] for w in words).upper() == acr


def _items(text: str, offset: int) -> Iterator[tuple[str, int]]:
    """The parts of ``text`` between list separators, with their offsets. A part joined by
    "/" is split too ("Docker/K8s", "C/C++") unless every piece has one or two characters
    ("CI/CD", "UI/UX", "24/7")."""
    pos = 0
    for m in _LIST_SPLIT.finditer(text):
        yield from _slashed(text[pos:m.start()], offset + pos)
        pos = m.end()
    yield from _slashed(text[pos:], offset + pos)


def _slashed(part: str, offset: int) -> Iterator[tuple[str, int]]:
    if "/" not in part or _SHORT_PAIR.match(part.strip()) or "://" in part:
        yield part, offset
        return
    pos = 0
    for piece in part.split("/"):
        yield piece, offset + pos
        pos += len(piece) + 1


def _name_like(item: str) -> bool:
    words = item.split()
    return 0 < len(words) <= MAX_WORDS and any(ch.isalpha() for ch in item)


def occurrences(text: str | None, field: str) -> list[Occurrence]:
    """Candidate terms of one free-text field (cues, lists, tool-like tokens)."""
    if not text:
        return []
    out: list[Occurrence] = []
    seen: set[tuple[int, int]] = set()

    def add(raw: str, start: int, strong: bool) -> None:
        item = _clean(raw)
        if not _name_like(item):
            return
        s = text.find(item, start)
        if s < 0:
            return
        span = (s, s + len(item))
        if span in seen:
            return
        seen.add(span)
        out.append(Occurrence(item, field, span[0], span[1], strong))

    for m in _CUES.finditer(text.lower()):
        rest = text[m.end():m.end() + 160]
        end = _CLAUSE_END.search(rest)
        phrase = rest[:end.start()] if end else rest
        for item, start in _items(phrase, m.end()):
            add(item, start, True)
    for clause_m in _CLAUSE.finditer(text):
        clause = clause_m.group()
        if "," not in clause and "|" not in clause and "•" not in clause:
            continue  # a list of three items needs a comma (or a bar, a bullet)
        if clause.count(",") + clause.count("|") + clause.count("•") < MIN_LIST_ITEMS - 1 and \
                not _LIST_WORD.search(clause):
            continue  # two separators at least, or a comma and an "and"/"or"/"&"/"/"
        parts = list(_items(clause, clause_m.start()))
        if len(parts) >= MIN_LIST_ITEMS and all(
                len(p.split()) <= MAX_WORDS + 2 for p, _ in parts[1:-1]) and sum(
                _name_like(_clean(p)) for p, _ in parts) >= MIN_LIST_ITEMS:
            for j, (item, start) in enumerate(parts):
                add(_lead_in_dropped(item) if j == 0 else item, start, True)
    if field == "title":
        for m in _ROLE.finditer(text):
            before = _TITLE_BREAK.split(text[:m.start()])[-1]
            words = [w for w in before.split() if not _title_word(w)]
            if len(words) >= 2:  # one word: the tool-like scan or the tags find it
                add(" ".join(words), m.start() - len(before), True)
        for m in re.finditer(r"\(([^()]{1,60})\)", text):  # "Product Engineer (AI Agents)"
            if _abbreviates(m.group(1), text[:m.start()]):
                continue  # "Chief Commercial Officer (CCO)": the title's own acronym
            for item, start in _items(m.group(1), m.start(1)):
                add(item, start, True)
    done: set[int] = set()
    for hit in _TOOLISH.finditer(text):  # few hits: expand each to its token
        start = hit.start()
        while start and (text[start - 1].isalnum() or text[start - 1] in ".+#-"):
            start -= 1
        while start < hit.start() and not text[start].isalpha():
            start += 1
        if start in done:
            continue
        done.add(start)
        tok = _TOKEN.match(text, start)
        if tok is None or not _TOOLISH.search(tok.group()):
            continue
        stop = tok.end()
        if start and (text[start - 1].isalnum() or text[start - 1] in _TOKEN_BEFORE):
            continue  # inside an e-mail, a URL or a path
        if stop < len(text) and (text[stop].isalnum() or text[stop] in "_@"):
            continue
        add(tok.group(), start, False)
    return out


def tag_occurrences(tags: Sequence[str] | None) -> list[Occurrence]:
    """The tags a user typed: each one a strong candidate (a tag holding a list is split)."""
    out: list[Occurrence] = []
    for i, tag in enumerate(tags or ()):
        for item, _ in _items(tag or "", 0):
            name = _clean(item)
            if _name_like(name):
                out.append(Occurrence(name, "skills", i, i + 1, True))
    return out


@lru_cache(maxsize=1)
def _never() -> frozenset[str]:
    from skillpulse.extract.names import generic_names, ordinary_words

    return generic_names() | ordinary_words()


def common_word(term: str) -> bool:
    """A single word of common English written with a capital ("Harbor", "Linear": Zipf
    ``COMMON_WORDS_ZIPF`` to ``VERY_COMMON_ZIPF``), no tool-like spelling: a tool's name only
    when the data show it emerging (see :func:`is_ordinary`'s ``common_ok``)."""
    from skillpulse.extract.sense import COMMON_WORDS_ZIPF, VERY_COMMON_ZIPF, english_zipf

    words = term.split()
    if len(words) != 1 or _TOOLISH.search(term) or not term[0].isupper() or (
            term.isupper() and len(term) > 1):
        return False
    return COMMON_WORDS_ZIPF <= english_zipf(term) < VERY_COMMON_ZIPF


def is_ordinary(term: str, *, strong: bool, common_ok: bool = False) -> bool:
    """True when ``term`` is ordinary English rather than a skill name (see the module doc).
    With ``common_ok`` a :func:`common_word` in a strong context is kept (``discover`` then
    asks it for evidence of emergence)."""
    from skillpulse.extract.normalize import normalize_name
    from skillpulse.extract.sense import COMMON_WORDS_ZIPF, VERY_COMMON_ZIPF, english_zipf

    words = term.split()
    if not words:
        return True
    if normalize_name(term) in _never() and not _TOOLISH.search(term):
        return True
    if len(words) == 1:
        word = words[0]
        if _TOOLISH.search(word):
            return False
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and all(english_zipf(p) >= COMMON_WORDS_ZIPF for p in parts):
            return True  # "Part-Time", "follow-ups": compounds of common words
        z = english_zipf(word)
        capital = word[0].isupper()
        if z >= VERY_COMMON_ZIPF:
            return True
        if z == 0.0:
            return not strong and not word.isupper()
        if not strong or not capital:
            return True
        if common_ok and common_word(word):
            return False
        return z >= COMMON_WORDS_ZIPF and not (word.isupper() and len(word) > 1)
    if not strong and not any(_TOOLISH.search(w) for w in words):
        return True
    if words[0].lower() in _DETERMINERS or words[0].lower() in _TASK_VERBS:
        return True  # "the X"; a task: "Configure shipping"
    plain = [w for w in words if not _TOOLISH.search(w) and not (w.isupper() and len(w) > 1)]
    if len(plain) == len(words) and all(english_zipf(w) >= COMMON_WORDS_ZIPF for w in words):
        return True
    return not any(w[0].isupper() for w in words)
