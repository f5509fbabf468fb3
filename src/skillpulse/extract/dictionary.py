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

import re
from bisect import insort
from collections.abc import Sequence

import ahocorasick

from skillpulse.extract.context import accept
from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention, make_mention
from skillpulse.extract.names import MatchName
from skillpulse.extract.overlap import longest_then_leftmost

__all__ = ["DictionaryMatcher"]

#: ASCII punctuation that never continues a word: the automaton sees it as a space, so
#: names (prefixed with a space) are only found where a word starts ("art" is never looked
#: at inside "start"); ``.``, ``+``, ``#``, ``_`` and letters/digits stay as they are
_BREAKS = "!\"$%&'()*,/:;<=>?@[\\]^`{|}~"
_BREAK_BYTES = bytes.maketrans(_BREAKS.encode(), b" " * len(_BREAKS))
_BREAK_RE = re.compile("[" + re.escape(_BREAKS) + "]")


def _word_start_view(text: str) -> str:
    """``text`` with word-breaking punctuation as spaces (same length)."""
    if text.isascii():
        return text.encode("ascii").translate(_BREAK_BYTES).decode("ascii")
    return _BREAK_RE.sub(" ", text)


_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?(?![a-z0-9_])")
_LETTER_AMP = re.compile(r"\s*&\s*[A-Za-z]\b")
_AMP_LETTER = re.compile(r"\b[A-Za-z]\s*&\s*$")
_SHORT_BAD_NEIGHBOURS = frozenset("&-'.+#@_\u2019")


class DictionaryMatcher:
    """Exact (normalised) name matching; see the module docs for the boundary rules."""

    name = "exact"

    def __init__(self, names: Sequence[MatchName], *, taxonomy_version: str = "") -> None:
        self.names = list(names)
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
        view = " " + _word_start_view(t)
        for end_idx, (idx, length, alnum_first, alnum_last, alpha_last, anchored
                      ) in self._automaton.iter(view):
            # view[i + 1] is t[i]: the name ends at t[end_idx - 1]
            e = end_idx
            s = e - length
            if not anchored and s > 0:
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
            cased = norm.cased
            orig = norm.original
            n = len(cased)
            for end_idx, (idx, length) in self._short_auto.iter(" " + _word_start_view(cased)):
                e = end_idx
                s = e - length
                if e < n:
                    c = cased[e]
                    if c.isalnum() or c == "_":
                        continue
                os_ = norm.to_original(s)
                oe = norm.to_original(e, end=True)
                if os_ > 0 and orig[os_ - 1] in _SHORT_BAD_NEIGHBOURS:
                    continue
                if oe < len(orig) and orig[oe] in _SHORT_BAD_NEIGHBOURS and not (
                    orig[oe] in ".'\u2019" and (oe + 1 == len(orig) or not orig[oe + 1].isalnum())
                ):
                    # "C#" and "C++" are names of their own; "R&D" is not R; "Go." is Go
                    continue
                if _LETTER_AMP.match(orig, oe) or _AMP_LETTER.search(orig, 0, os_):
                    continue  # "R & A", "P & L"
                append((s, e, idx))
        return out

    def __call__(self, doc: Doc) -> list[Mention]:
        if not doc.text:
            return []
        cands = self.candidates(doc)
        if not cands:
            return []
        chosen = longest_then_leftmost(cands)
        norm = doc.norm
        names = self.names
        clear: list[tuple[int, int]] = []
        pending: list[tuple[int, int, int]] = []
        for s, e, idx in chosen:
            if names[idx].ambiguous:
                pending.append((s, e, idx))
            else:
                clear.append((s, e))
        kept = [c for c in chosen if not names[c[2]].ambiguous]
        every = [(s, e) for s, e, _ in chosen]
        query = doc.kind == "searches"
        # ambiguous names: accept in rounds, so "R, Go and Python" validates both
        changed = True
        while pending and changed:
            changed = False
            rest = []
            for s, e, idx in pending:
                nm = names[idx]
                if accept(nm, norm.text, norm.cased, s, e, clear, every, query=query):
                    kept.append((s, e, idx))
                    insort(clear, (s, e))
                    changed = True
                else:
                    rest.append((s, e, idx))
            pending = rest
        kept.sort()
        out = []
        original = doc.text
        version = self.taxonomy_version
        field = doc.field
        spans = norm.spans_to_original([(s, e) for s, e, _ in kept])
        for (_s, _e, idx), (os_, oe) in zip(kept, spans, strict=True):
            nm = names[idx]
            if oe <= os_:
                continue
            out.append(make_mention(nm.skill_id, nm.label, os_, oe, original[os_:oe], "exact",
                                    1.0, field, version))
        return out
