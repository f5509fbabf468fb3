"""Candidate skill phrases of a text: runs of 2 to 6 words between punctuation and clause
words ("and", "who", "we", ...), a longer run cut again at prepositions ("with", "for"),
leading and trailing stop words stripped. Used by the linker (phrase-level dense retrieval)
and by the ``semantic`` extraction component."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillpulse.link.text import STOPWORDS

__all__ = ["Phrase", "candidate_phrases", "phrase_spans"]

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#'’]*(?:[.\-/][A-Za-z0-9+#]+)*|[^\sA-Za-z0-9]")
#: words that end a phrase (clause and list structure), besides punctuation
_BREAKS_TEXT = """and or but nor as while who whom which that whose where when if because so than then
    we you our your us they their he she it its i my me is are was were be been being will
    would shall should must can could may might do does did have has had also including
    such like eg e.g. i.e. etc please apply join looking seeking offer offers offering
    candidate candidates team company role position job years year"""
_BREAKS = frozenset(_BREAKS_TEXT.split())
#: where a run longer than ``_MAX_WORDS`` is cut again
_SECOND_BREAKS = frozenset(
    ["with", "for", "to", "using", "via", "on", "at", "from", "by", "through", "within"]
)
_MAX_WORDS = 6
_MIN_WORDS = 2


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str


#: characters that are always a punctuation token of their own (never inside a word token),
#: so they always end a run: a text can be cut there and its pieces scanned separately
_PIECE_BREAK = re.compile(r"[,;:!?()]|\.(?![A-Za-z0-9+#])")
#: phrases of recently seen pieces (job ads repeat clauses); emptied when full
_PIECES: dict[str, tuple[tuple[int, int], ...]] = {}
_PIECES_MAX = 100_000


def candidate_phrases(text: str) -> list[Phrase]:
    """Candidate skill phrases of ``text`` with character offsets, in text order.

    The text is cut at characters that always end a phrase (``,;:!?()``, a
    dot not inside a word such as ``node.js``); each piece's phrase offsets are remembered,
    so a clause seen before costs a dictionary lookup. Same result as scanning the whole text
    (tested)."""
    return [Phrase(a, b, text[a:b]) for a, b in phrase_spans(text)]


def phrase_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of :func:`candidate_phrases`, without the objects."""
    out: list[tuple[int, int]] = []
    start = 0
    pieces = _PIECES
    for brk in _PIECE_BREAK.finditer(text):
        end = brk.start()
        if end > start:
            spans = pieces.get(text[start:end])
            if spans is None:
                spans = _piece_spans(text[start:end])
            if spans:
                out.extend((start + a, start + b) for a, b in spans)
        start = brk.end()
    if start < len(text):
        spans = pieces.get(text[start:])
        if spans is None:
            spans = _piece_spans(text[start:])
        out.extend((start + a, start + b) for a, b in spans)
    return out


def _piece_spans(piece: str) -> tuple[tuple[int, int], ...]:
    spans = tuple((p.start, p.end) for p in _scan(piece))
    if len(_PIECES) >= _PIECES_MAX:
        _PIECES.clear()
    _PIECES[piece] = spans
    return spans


def _scan(text: str) -> list[Phrase]:
    """Candidate phrases of ``text`` by one scan over its tokens (no cache)."""
    runs: list[list[re.Match[str]]] = [[]]
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if not token[0].isalnum() or token.casefold() in _BREAKS:
            runs.append([])
        else:
            runs[-1].append(match)
    out: list[Phrase] = []
    for run in runs:
        # a run longer than the limit is cut again at prepositions ("... in order with ...")
        parts = [run] if len(run) <= _MAX_WORDS else _split_at_stop_words(run)
        for part in parts:
            phrase = _trimmed(text, part)
            if phrase is not None:
                out.append(phrase)
    return out


def _split_at_stop_words(run: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    parts: list[list[re.Match[str]]] = [[]]
    for match in run:
        if match.group(0).casefold() in _SECOND_BREAKS:
            parts.append([])
        else:
            parts[-1].append(match)
    return parts


def _trimmed(text: str, run: list[re.Match[str]]) -> Phrase | None:
    while run and run[0].group(0).casefold() in STOPWORDS:
        run = run[1:]
    while run and run[-1].group(0).casefold() in STOPWORDS:
        run = run[:-1]
    if not _MIN_WORDS <= len(run) <= _MAX_WORDS:
        return None
    if sum(1 for m in run if m.group(0).casefold() not in STOPWORDS) < _MIN_WORDS:
        return None
    start, end = run[0].start(), run[-1].end()
    return Phrase(start, end, text[start:end])
