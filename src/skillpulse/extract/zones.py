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


def non_job_zones(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) ranges of ``text`` that are not about the job."""
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
