"""The dictionary matcher: taxonomy names found verbatim in normalised text (method ``exact``).

Names of three characters or more go into one Aho-Corasick automaton (pyahocorasick) over the
normalised text; each raw hit is then checked for word boundaries that understand
punctuation-bearing names:

- a name that starts (ends) with a letter or digit must not touch another letter, digit or
  ``_`` on that side; a name ending in a letter or digit must not be followed by ``+`` or
  ``#`` ("C" is not in "C++") nor by ``.`` and a letter ("Node" is not in "Node.js");
- a name ending in punctuation ("C++", "C#") may be followed by a version ("C++11");
- a name of three or more characters ending in a letter may carry a version suffix
  ("YOLOv8", "Python3", "Vue3.2"); the mention's text then includes it;
- "Python's" matches Python (an apostrophe is a boundary).

Names of one or two characters ("R", "Go", "C", "AI") are matched case-sensitively, as the
taxonomy spells them or in upper case, and never next to ``&``, ``-``, ``'``, ``.``, ``+`` or
``#`` in the original text ("R&D", "go-to-market", "C-suite" hold no skill).

Overlaps resolve with the pipeline's policy (:mod:`skillpulse.extract.overlap`): longest
first, then leftmost. Ambiguous names then go through the context rules
(:mod:`skillpulse.extract.context`).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from time import perf_counter

import ahocorasick

from skillpulse.extract.context import OWN_EVIDENCE, SENSE_PROFILES, accept, sense_accept
from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention
from skillpulse.extract.names import MatchName
from skillpulse.extract.normalize import Normalized

__all__ = ["CONTEXT_TIME_BUDGET", "DictionaryMatcher"]

log = logging.getLogger(__name__)

#: seconds the context rules may spend on one field; when hit, the ambiguous names not yet
#: confirmed are dropped and ``"time"`` is added to the field's ``Doc.budget``
CONTEXT_TIME_BUDGET = 2.0

_GENERAL = frozenset(["lightcast", "onet", "esco"])

#: ASCII punctuation that never continues a word: the automaton sees it as a space, so
#: names (prefixed with a space) are only found where a word starts ("art" is never looked
#: at inside "start"); ``.``, ``+``, ``#``, ``_`` and letters/digits stay as they are
_BREAKS = "!\"$%&'()*,/:;<=>?@[\\]^`{|}~"
_BREAK_BYTES = bytes.maketrans(_BREAKS.encode(), b" " * len(_BREAKS))


def _word_start_view(text: str) -> str:
    """``text`` with word-breaking punctuation as spaces (same length).

    Byte-level translation of the UTF-8 form: every byte of a non-ASCII character is 0x80 or
    more, so only the ASCII punctuation changes (lone surrogates pass through)."""
    if text.isascii():
        return text.encode("ascii").translate(_BREAK_BYTES).decode("ascii")
    return text.encode("utf-8", "surrogatepass").translate(_BREAK_BYTES).decode(
        "utf-8", "surrogatepass")


_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?(?![a-z0-9_])")
_LETTER_AMP = re.compile(r"\s*&\s*[A-Za-z]\b")
_AMP_LETTER = re.compile(r"\b[A-Za-z]\s*&\s*$")
_SHORT_BAD_NEIGHBOURS = frozenset("&-'.+#@_\u2019")
#: characters after a hit that always make a right boundary (never a letter, digit,
#: ``_``, ``+``, ``#`` or ``.``): such a hit of an anchored name needs no further test
_SAFE_AFTER = frozenset(" " + _BREAKS)


class DictionaryMatcher:
    """Exact (normalised) name matching; see the module docs for the boundary rules."""

    name = "exact"

    def __init__(self, names: Sequence[MatchName], *, taxonomy_version: str = "",
                 time_budget: float = CONTEXT_TIME_BUDGET) -> None:
        self.names = list(names)
        #: seconds the context rules may take on one field (0: no limit)
        self.time_budget = time_budget
        self.taxonomy_version = taxonomy_version
        self._automaton = ahocorasick.Automaton()
        short: dict[str, int] = {}
        for i, n in enumerate(self.names):
            if len(n.key) >= 3:
                view = _word_start_view(n.key)
                if view[0] == " ":  # starts with punctuation: rare, checked by hand
                    word = view
                    anchored = False
                else:
                    word = " " + view
                    anchored = True
                if word in self._automaton:
                    continue  # "ci/cd" and "ci cd": the first (sorted) name keeps it
                self._automaton.add_word(word, (i, len(n.key), n.key[0].isalnum(),
                                                n.key[-1].isalnum(), n.key[-1].isalpha(),
                                                anchored))
            else:
                extra = {n.key} if not n.key.isalpha() else set()  # "c#", "3d"
                for form in {*n.forms, n.key.upper(), *extra}:
                    if len(form) <= 2 and form.strip():
                        short.setdefault(form, i)
        if len(self._automaton) == 0:
            self._automaton.add_word("\x00\x00\x00", (-1, 3, False, False, False, False))
        self._automaton.make_automaton()
        self._short = short
        # per-name data indexed by name index (no attribute lookups per hit)
        self._ambiguous = [n.ambiguous for n in self.names]
        self._sensed = [n.profile in SENSE_PROFILES for n in self.names]
        self._anchor = [n.anchor or (not n.ambiguous and n.source not in _GENERAL)
                        for n in self.names]
        self._skill_ids = [n.skill_id for n in self.names]
        self._labels = [n.label for n in self.names]
        # short names: a second, case-sensitive automaton over the word-start view of the
        # case-preserving text (cheaper than a regular expression with 60 alternatives)
        self._short_auto: ahocorasick.Automaton | None = None
        if short:
            auto = ahocorasick.Automaton()
            for form, idx in short.items():
                auto.add_word(" " + form, (idx, len(form)))
            auto.make_automaton()
            self._short_auto = auto

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every name occurrence that passes the boundary rules: (start, end, name index),
        in normalised coordinates, overlapping ones included."""
        norm = doc.norm
        t = norm.text
        n = len(t)
        out: list[tuple[int, int, int]] = []
        append = out.append
        vmatch = _VERSION.match
        safe = _SAFE_AFTER
        # a sentinel space: ``tt[e]`` is defined for a hit ending the text, and a space is a
        # right boundary as the end of the text is
        tt = t + "  "
        for e, value in self._automaton.iter(" " + _word_start_view(t)):
            # the view's position i + 1 is t[i]: the name ends at t[e - 1]
            if value[5]:
                c = tt[e]
                if c in safe or (c == "." and not tt[e + 1].isalnum()):
                    # the common case: an anchored name (its first character follows a
                    # space or a word break, never a dot) followed by a space, a break or a
                    # final dot
                    append((e - value[1], e, value[0]))
                    continue
            idx, length, alnum_first, alnum_last, alpha_last, anchored = value
            s = e - length
            if not anchored:
                if s > 0:
                    c = t[s - 1]
                    if c.isalnum() or c == "_":
                        continue
                if s > 1 and t[s - 1] == "." and alnum_first and t[s - 2].isalnum():
                    continue
            if e < n:
                c = t[e]
                if alnum_last:
                    if c.isalnum() or c in "_+#":
                        if alpha_last and length >= 3 and (c.isdigit() or c == "v"):
                            m = vmatch(t, e)
                            if m is None:
                                continue
                            e = m.end()
                        else:
                            continue
                    elif c == "." and e + 1 < n and t[e + 1].isalnum():
                        continue
                elif c in "+#":
                    continue
            append((s, e, idx))
        if self._short_auto is not None:
            self._short_candidates(norm, append)
        return out

    def _short_candidates(self, norm: Normalized,
                          append: Callable[[tuple[int, int, int]], None]) -> None:
        """Hits of the short (one or two character) names, case-sensitive."""
        assert self._short_auto is not None
        cased = norm.cased
        orig = norm.original
        n = len(cased)
        no = len(orig)
        bad = _SHORT_BAD_NEIGHBOURS
        to_original = norm.to_original
        identity = not norm.chain  # offsets of the normalised text are original ones
        for e, (idx, length) in self._short_auto.iter(" " + _word_start_view(cased)):
            s = e - length
            if e < n:
                c = cased[e]
                if c.isalnum() or c == "_":
                    continue
            if identity:
                os_, oe = s, e
            else:
                os_ = to_original(s)
                oe = to_original(e, end=True)
            if os_ > 0 and orig[os_ - 1] in bad:
                continue
            if oe < no and orig[oe] in bad and not (
                orig[oe] in ".'\u2019" and (oe + 1 == no or not orig[oe + 1].isalnum())
            ):
                # "C#" and "C++" are names of their own; "R&D" is not R; "Go." is Go
                continue
            if _LETTER_AMP.match(orig, oe):
                continue  # "R & A", "P & L"
            # "P & R": the regular expression only where the text before ends with "&"
            # (cheap test first: searching from 0 is linear in the text)
            pre = orig[max(0, os_ - 64):os_].rstrip()
            if (pre.endswith("&") or (not pre and os_ > 64)) and _AMP_LETTER.search(orig, 0, os_):
                continue
            append((s, e, idx))

    def __call__(self, doc: Doc) -> list[Mention]:
        if not doc.text:
            return []
        cands = self.candidates(doc)
        if not cands:
            return []
        chosen = _longest_then_leftmost(cands)
        norm = doc.norm
        amb = self._ambiguous
        pending = [c for c in chosen if amb[c[2]]]
        if pending:
            names = self.names
            clear = [(s, e) for s, e, idx in chosen if not amb[idx]]
            kept = [c for c in chosen if not amb[c[2]]]
            every = [(s, e) for s, e, _ in chosen]
            # the distinctive mentions: what confirms a general-source homonym or common word
            is_anchor = self._anchor
            anchors = [(s, e) for s, e, idx in chosen if is_anchor[idx]]
            sensed = self._sensed
            query = doc.kind == "searches"
            # ambiguous names: accept in rounds, so "R, Go and Python" validates both. The
            # accepted spans reach the rules only through the list test (another accepted
            # span within 12 characters, across separators): a rejected name is tried again
            # only when a span accepted since its last try lies that close
            text = norm.text
            cased = norm.cased
            # accepted spans (start, end, order of acceptance), sorted
            added: list[tuple[int, int, int]] = []
            n_added = 0
            tried = [(s, e, idx, -1) for s, e, idx in pending]
            changed = True
            budget = self.time_budget
            deadline = perf_counter() + budget if budget > 0 else None
            n_tried = 0
            while tried and changed:
                changed = False
                rest = []
                for s, e, idx, seen in tried:
                    n_tried += 1
                    if deadline is not None and not n_tried & 255 and \
                            perf_counter() > deadline:
                        # the per-field time budget: the names not yet confirmed are dropped
                        log.warning("context rules stopped after %.1f s on a %d-character "
                                    "%s field (%d candidates)", budget, len(text), doc.field,
                                    len(pending))
                        doc.budget.append("time")
                        tried = []
                        changed = False
                        break
                    if seen >= 0 and not _accepted_near(added, s, e, seen):
                        rest.append((s, e, idx, len(added)))
                        continue
                    if sensed[idx]:
                        level = sense_accept(names[idx], text, cased, s, e, anchors,
                                             query=query, every=clear)
                        ok = level > 0
                        own = level == OWN_EVIDENCE
                    else:
                        ok = own = accept(names[idx], text, cased, s, e, clear, every,
                                          query=query)
                    if ok:
                        kept.append((s, e, idx))
                        if own or not sensed[idx]:
                            # a general-source word accepted only as a list item confirms
                            # no other name ("Gemini, Cancer and Leo")
                            insort(clear, (s, e))
                        if own:  # accepted on its own evidence, not only as a list item
                            insort(anchors, (s, e))
                        insort(added, (s, e, n_added))
                        n_added += 1
                        changed = True
                    else:
                        rest.append((s, e, idx, n_added))
                tried = rest
            kept.sort()
        else:
            kept = chosen
        original = doc.text
        version = self.taxonomy_version
        field = doc.field
        sid = self._skill_ids
        label = self._labels
        new = object.__new__
        out = []
        if norm.chain:
            spans = norm.spans_to_original([(s, e) for s, e, _ in kept])
            pairs = [(os_, oe, c[2]) for (os_, oe), c in zip(spans, kept, strict=True)]
        else:
            pairs = kept  # offsets are already original ones
        for os_, oe, idx in pairs:
            if oe <= os_:
                continue
            m = new(Mention)  # as make_mention: no frozen-dataclass __init__
            m.__dict__.update(skill_id=sid[idx], label=label[idx], start=os_, end=oe,
                              text=original[os_:oe], method="exact", confidence=1.0,
                              field=field, taxonomy_version=version)
            out.append(m)
        return out


#: the longest span :func:`_accepted_near` looks back over
_MAX_SPAN = 256


def _accepted_near(added: list[tuple[int, int, int]], s: int, e: int, seen: int) -> bool:
    """Whether a span accepted as number ``seen`` or later ends at most 12 characters
    before ``s`` or starts at most 12 after ``e`` (``added`` sorted by start)."""
    i = bisect_left(added, (s - 12 - _MAX_SPAN,))
    n = len(added)
    while i < n:
        as_, ae, order = added[i]
        if as_ > e + 12:
            return False
        if order >= seen and ((ae <= s and s - ae <= 12) or (as_ >= e and as_ - e <= 12)):
            return True
        i += 1
    return False


def _longest_then_leftmost(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """:func:`~skillpulse.extract.overlap.longest_then_leftmost` for ``(start, end, name
    index)`` triples of non-empty spans, same result.

    Spans sorted by start fall into clusters of overlapping spans; clusters never interact,
    so each is resolved alone (most are one span; a pair keeps its longer, then leftmost,
    span). Identical spans (tied by list position in the policy) take the general path."""
    if len(spans) <= 1:
        return spans
    srt = sorted(spans)
    out: list[tuple[int, int, int]] = []
    append = out.append
    first = srt[0]
    group = [first]
    gend = first[1]
    for sp in srt[1:]:
        if sp[0] < gend:
            group.append(sp)
            if sp[1] > gend:
                gend = sp[1]
            continue
        if len(group) == 1:
            append(group[0])
        elif not _resolve_group(group, append):
            return _general(spans)
        group = [sp]
        gend = sp[1]
    if len(group) == 1:
        append(group[0])
    elif not _resolve_group(group, append):
        return _general(spans)
    return out


def _resolve_group(group: list[tuple[int, int, int]],
                   append: Callable[[tuple[int, int, int]], None]) -> bool:
    """Resolve one cluster (sorted by start, then end); False when it holds identical spans."""
    if len(group) == 2:
        a, b = group
        if a[0] == b[0] and a[1] == b[1]:
            return False
        append(b if b[1] - b[0] > a[1] - a[0] else a)
        return True
    prev = None
    for sp in group:
        if prev is not None and sp[0] == prev[0] and sp[1] == prev[1]:
            return False
        prev = sp
    kept: list[tuple[int, int, int]] = []
    for sp in sorted(group, key=_longest_first):
        s, e = sp[0], sp[1]
        for k in kept:
            if s < k[1] and k[0] < e:
                break
        else:
            kept.append(sp)
    kept.sort()
    for sp in kept:
        append(sp)
    return True


def _longest_first(sp: tuple[int, int, int]) -> tuple[int, int]:
    return sp[0] - sp[1], sp[0]


def _general(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The policy with ties broken by list position (an occupancy map)."""
    order = sorted([(s - e, s, i, s, e) for i, (s, e, _) in enumerate(spans)])
    lo = min(spans)[0]
    taken = bytearray(max(sp[1] for sp in spans) - lo + 1)
    find = taken.find
    chosen = []
    for _neg, _s, i, s, e in order:
        s -= lo
        e -= lo
        if find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(spans[i])
    chosen.sort()
    return chosen
