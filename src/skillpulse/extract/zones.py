"""Zones of a posting that are not about the job: benefits, equal-opportunity boilerplate and
the hiring process.

A posting names skills in its duties and requirements, but its other parts use the same
words in their right sense without asking for them: "Learning & Development Resources" and
"team building events" among the perks, "we place a high value on diversity and inclusion",
"you can read about the recruitment process at ...". On the real-text audit these were the
largest class of wrong mentions (``tests/data/extract/audit``). Two behaviours mark such text:

- a **benefits heading** ("Job benefits:", "What we offer", "Perks", "Benefits" on its own
  line) opens a zone that runs to the next heading of job content ("Requirements", "Your
  tasks", "What you'll do", "Job description", ...), at most :data:`ZONE_CHARS` characters;
- a **sentence** (a line, or a sentence of at most :data:`SENTENCE_CHARS` characters)
  holding an equal-opportunity, hiring-process or benefits cue ("equal opportunity
  employer", "recruitment process", "upload your CV", "we offer", "salary", "pension").

Every mention inside a zone is dropped (:func:`outside_zones`); titles, search queries and
tag lists have no zones. The rules work on the original text (mention offsets point into it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from skillpulse.extract.mention import Mention

__all__ = ["SENTENCE_CHARS", "ZONE_CHARS", "ZONE_FIELDS", "non_job_zones", "outside_zones"]

#: a benefits zone opened by a heading ends after this many characters at most
ZONE_CHARS = 700
#: a sentence longer than this is not judged by its cues (a run-on line holds many topics)
SENTENCE_CHARS = 300
#: fields that may hold zones (free text of postings, hires and profiles)
ZONE_FIELDS = frozenset({"description", "overview", "text"})

_APOS = "['’]"
_BENEFITS = (r"(?:job benefits|benefits(?: and perks)?|perks(?: and benefits)?|"
             r"what we offer(?: you)?|we offer(?: you)?|our offer|"
             rf"what{_APOS}?s in it for you|why join us|why work (?:with|for) us|"
             r"compensation(?: and benefits)?|employee benefits)")
_JOB = (r"(?:company description|about us|about the company|requirements|responsibilities|"
        rf"qualifications|what you(?:{_APOS}ll| will) do|your tasks|your profile|your role|"
        r"the role|about the role|about you|who you are|what you bring|"
        r"(?:required |key )?skills|technologies|tech stack|job description|"
        rf"must haves?|nice to haves?|what we(?:{_APOS}re| are) looking for|you have|you are|"
        r"duties)")
# a heading: at the start of the text or a line, or after a sentence end, followed by a colon
# or the end of its line
_HEAD = r"(?:^|\n|[.!?] )[ \t•*\-]*{}[ \t]*(?::|\n|$)"
_BENEFITS_HEADING = re.compile("(?i:" + _HEAD.format(_BENEFITS) + ")|" + (
    # inside a run-on line: written as a heading (capitalised), then a colon, a question mark
    # or a capitalised word ("Fluency in English Job benefits: Free parking ...", "What we
    # offer Employer-funded pension ...", "Why join our team? Regular ...")
    rf"\b(?:Job [Bb]enefits|Benefits|Perks|What [Ww]e [Oo]ffer|"
    rf"Why [Jj]oin (?:[Uu]s|[Oo]ur [Tt]eam)|What{_APOS}?s in it for you)"
    r"(?:[ \t]*[:?]| (?=[A-Z]))"))
_JOB_HEADING = re.compile(_HEAD.format(_JOB), re.IGNORECASE)
_CUES = re.compile("|".join((
    # equal-opportunity boilerplate
    r"\bequal (?:employment )?opportunit", r"\bdiscriminat", r"\bregardless of\b",
    r"\bprotected (?:attribute|characteristic|veteran|status)", r"\baffirmative action",
    r"\breasonable accommodation",
    # the hiring process
    r"\brecruit(?:ment|ing) (?:process|consultant|partner|manager|agency|team)",
    r"\b(?:send|submit|upload)(?: us)? (?:your|an|the) (?:application|cv|résumé|resume)",
    r"\bapplication (?:deadline|process|procedure|form)", r"\bhow to apply\b",
    r"\bapply (?:now|here|via|through|online|today)\b",
    r"\b(?:phone|job|technical|first|final) interviews?\b", r"\bhiring process\b",
    # benefits and terms of employment
    r"\bwe offer\b", r"\bbenefits\b", r"\bperks\b", r"\bsalary\b", r"\bremuneration\b",
    r"\bpension\b", r"\bpaid (?:time off|leave)\b", r"\bstock (?:options?|purchase)\b",
    r"\bhealth(?:care)? insurance\b",
)), re.IGNORECASE)
# sentence ends: a line break, a sentence-final mark before a capital, or an inline benefits
# heading ("... (verbal and written) What we offer: ...")
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])\s+(?=[A-Z<])|\s(?=(?:What we offer|Job benefits|"
                           r"Benefits|Perks)\b)")


#: lower-case substrings one of which every benefits heading holds
_HEADING_TRIGGERS = ("benefit", "perk", "offer", "join", "compensation", "in it for you")
#: lower-case substrings one of which every cue holds
_CUE_TRIGGERS = ("equal", "discriminat", "regardless", "protected", "affirmative",
                 "accommodation", "recruit", "application", "resume", "résumé", " cv",
                 "apply", "interview", "hiring", "offer", "benefit", "perk", "salary",
                 "remuneration", "pension", "paid", "stock", "insurance")


@lru_cache(maxsize=1)
def _triggers() -> Any:
    """One Aho-Corasick automaton over every trigger: (length, heading?, cue?) per word."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word in set(_HEADING_TRIGGERS) | set(_CUE_TRIGGERS):
        auto.add_word(word, (len(word), word in _HEADING_TRIGGERS, word in _CUE_TRIGGERS))
    auto.make_automaton()
    return auto


def _positions(lower: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(position, length) of every heading trigger and of every cue trigger in ``lower``
    (one pass of an Aho-Corasick automaton, in C)."""
    heads: list[tuple[int, int]] = []
    cues: list[tuple[int, int]] = []
    for end, (length, head, cue) in _triggers().iter(lower):
        hit = (end - length + 1, length)
        if head:
            heads.append(hit)
        if cue:
            cues.append(hit)
    heads.sort()
    cues.sort()
    return heads, cues


def _inside(m: re.Match[str] | None, endpos: int, n: int) -> bool:
    """A match that does not end on a window's cut (where ``$`` and ``\b`` would match
    although the text goes on)."""
    return m is not None and (m.end() < endpos or endpos >= n)


def non_job_zones(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) ranges of ``text`` that are not about the job.

    The regular expressions run only in small windows around the places where one pass of an
    Aho-Corasick automaton finds one of their words (not tried at every position of the
    text); the answers are those of
    scanning the whole text (:func:`_zones_full`, a test compares them)."""
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer ("İ")
        return _zones_full(text)
    heads, cues = _positions(lower)
    if not heads and not cues:
        return []
    zones: list[tuple[int, int]] = []
    n = len(text)
    seen: set[int] = set()
    for p, k in heads:
        hi = min(n, p + 48)
        for m in _BENEFITS_HEADING.finditer(text, max(0, p - 16), hi):
            start = m.start()
            if start in seen or m.end() <= p or start >= p + k or not _inside(m, hi, n):
                continue
            seen.add(start)
            zone_end = min(n, start + ZONE_CHARS)
            job_hi = min(n, zone_end + 64)
            end = zone_end
            for job in _JOB_HEADING.finditer(text, start + 1, job_hi):
                if _inside(job, job_hi, n):
                    end = min(job.start(), zone_end)
                    break
            zones.append((start, end))
    done: set[int] = set()
    for p, k in cues:
        hi = min(n, p + 48)
        for m in _CUES.finditer(text, max(0, p - 28), hi):
            at = m.start()
            if at in done or m.end() <= p or at >= p + k:
                continue
            done.add(at)
            lo = max(0, at - SENTENCE_CHARS - 1)
            start = 0 if lo == 0 else -1
            for b in _SENTENCE_END.finditer(text, lo, min(n, at + 64)):
                if b.end() > at:
                    break
                start = b.end()
            if start < 0:
                continue  # no sentence end within reach before the cue: a run-on line
            end_hi = min(n, start + SENTENCE_CHARS + 2)
            end = -1
            for b in _SENTENCE_END.finditer(text, at, end_hi):
                if b.end() > at:
                    end = b.end()
                    break
            if end < 0 and end_hi >= n:
                end = n
            if end >= 0 and end - start <= SENTENCE_CHARS:
                zones.append((start, end))
    return _merged(zones)


def _zones_full(text: str) -> list[tuple[int, int]]:
    """:func:`non_job_zones` by scanning the whole text (texts whose lower case changes
    length)."""
    zones: list[tuple[int, int]] = []
    heads = list(_BENEFITS_HEADING.finditer(text))
    if heads:
        jobs = [m.start() for m in _JOB_HEADING.finditer(text)]
        for m in heads:
            start = m.start()
            nxt = bisect_right(jobs, start)
            end = jobs[nxt] if nxt < len(jobs) else len(text)
            zones.append((start, min(end, start + ZONE_CHARS)))
    cues = list(_CUES.finditer(text))
    if cues:
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        for m in cues:
            i = bisect_right(ends, m.start())
            start = ends[i - 1] if i else 0
            end = ends[i] if i < len(ends) else len(text)
            if end - start <= SENTENCE_CHARS:
                zones.append((start, end))
    return _merged(zones)


def _merged(zones: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not zones:
        return []
    zones.sort()
    merged = [zones[0]]
    for start, end in zones[1:]:
        if start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def outside_zones(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` without those that lie inside a zone of ``text`` not about the job."""
    if not mentions:
        return list(mentions)
    zones = non_job_zones(text)
    if not zones:
        return list(mentions)
    starts = [z[0] for z in zones]
    out = []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= zones[i][1]:
            continue
        out.append(m)
    return out
