"""Text normalisation with an offset map back to the original text.

The matcher works on a normalised copy of the text: HTML tags removed, entities decoded,
Unicode NFKC, case folded, hyphens and runs of whitespace turned into one space, invisible
characters dropped. Every change of length is recorded as a region so that a position in the
normalised text maps back to a position in the original (``Normalized.to_original``).

Plain ASCII text with single spaces costs one regex scan and one ``str.lower``; only the
characters that change are handled in Python. NFKC and case folding are applied per
character (a combining mark is not composed with the ASCII letter before it).
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Normalized", "normalize", "normalize_name"]

#: Characters folded to a space: hyphen and dash variants and the minus sign. A hyphen
#: between words is equivalent to a space, so "machine-learning" matches "machine learning".
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
#: Invisible characters dropped: soft hyphen, zero-width space/joiners, BOM, word joiner.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: typographic quotes folded to ASCII ("Python’s" is "Python's")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'}
_TAG = r"<(?:[A-Za-z!/?][^<>]{0,2000})>"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_HTML = re.compile(rf"{_TAG}|{_ENTITY}")
_DASH_CLASS = "\\" + _DASHES
_SEP_RUN = re.compile(rf"[\s{_DASH_CLASS}]+")
#: ASCII characters folded to a space (same length): whitespace and the hyphen
_ASCII_SEPARATORS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f-"
_INF = float("inf")
#: Unicode categories of non-ASCII characters folded to a space: control characters, other
#: punctuation (bullets: U+2022, U+00B7) and other symbols (check marks, arrows, emoji)
_SPACE_CATEGORIES = frozenset(["Cc", "Po", "So"])

Regions = tuple[tuple[int, int, int, int], ...]
_ASCII_BYTES = bytes(range(128))


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """The normalised form of one non-ASCII character (cached)."""
    if ch in _INVISIBLE:
        return ""
    if ch in _DASHES or ch.isspace():
        return " "
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch == "\u0130":  # "İ": casefold gives "i" + combining dot; match it as "i"
        return "i"
    try:
        out = unicodedata.normalize("NFKC", ch).casefold()
    except (ValueError, TypeError):  # pragma: no cover - defensive
        return ch
    if not out:
        return ""
    # NFKC may produce whitespace or dashes (e.g. U+2002); fold them too
    if out.isspace():
        return " "
    # control characters (a cp1252 bullet read as Latin-1 is U+0095), bullets and symbols
    # ("•Python", "✓ SQL", "🚀React") separate words like a space
    if len(out) == 1 and unicodedata.category(out) in _SPACE_CATEGORIES:
        return " "
    return "".join(" " if c in _DASHES else c for c in out)


@dataclass(frozen=True)
class Normalized:
    """A normalised text and the regions where its length differs from the original.

    ``chain`` holds one tuple of regions per length-changing pass (HTML, Unicode folding,
    whitespace collapsing), first pass first. A region ``(norm_start, norm_end, orig_start,
    orig_end)`` is a replaced span; outside regions the texts advance together.
    """

    original: str
    text: str
    chain: tuple[Regions, ...] = ()
    #: ``text`` before ASCII lower-casing (same length and offsets): short names are matched
    #: case-sensitively on it
    cased: str = ""

    @property
    def regions(self) -> Regions:
        """The regions of a single-pass normalisation (empty when nothing changed length)."""
        if not self.chain:
            return ()
        if len(self.chain) == 1:
            return self.chain[0]
        raise ValueError("several passes changed lengths; use to_original")

    def to_original(self, pos: int, *, end: bool = False) -> int:
        """Map a position of the normalised text to the original text.

        A position inside a replaced region maps to the region's original start (for a span
        start) or end (``end=True``).
        """
        chain = self.chain
        if not chain:
            return pos if 0 <= pos <= len(self.original) else max(0, min(pos, len(self.original)))
        starts = self.__dict__.get("_starts")
        if starts is None:
            starts = [[r[0] for r in regions] for regions in chain]
            object.__setattr__(self, "_starts", starts)
        for level in range(len(chain) - 1, -1, -1):
            regions = chain[level]
            i = bisect_right(starts[level], pos) - 1
            if i < 0:
                continue
            ns, ne, os_, oe = regions[i]
            if pos >= ne:
                pos = oe + (pos - ne)
            elif pos == ns:
                pos = os_
            else:
                pos = oe if end else os_
        return max(0, min(pos, len(self.original)))

    def spans_to_original(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Map ``(start, end)`` spans sorted by start and not overlapping: one walk over the
        regions per pass instead of a search per position."""
        chain = self.chain
        if not chain:
            return spans
        flat: list[int] = []
        for s, e in spans:
            flat.append(s)
            flat.append(e)
        for regions in reversed(chain):
            out: list[int] = []
            append = out.append
            # the last region starting at or before pos (positions only grow), and where the
            # next one starts
            j = -1
            last = len(regions) - 1
            nxt = regions[0][0] if regions else _INF
            ns = ne = os_ = oe = 0
            for k, pos in enumerate(flat):
                while pos >= nxt:
                    j += 1
                    ns, ne, os_, oe = regions[j]
                    nxt = regions[j + 1][0] if j < last else _INF
                if j < 0:
                    append(pos)
                elif pos >= ne:
                    append(oe + (pos - ne))
                elif pos == ns:
                    append(os_)
                else:  # inside a replaced region: a start maps to its start, an end to its end
                    append(oe if k & 1 else os_)
            flat = out
        n = len(self.original)
        if flat and (min(flat) < 0 or max(flat) > n):
            flat = [max(0, min(p, n)) for p in flat]
        return list(zip(flat[::2], flat[1::2], strict=True))

    def to_normalized(self, pos: int) -> int:
        """Approximate inverse of :meth:`to_original` (exact outside replaced regions)."""
        for regions in self.chain:
            shift = 0
            for ns, ne, os_, oe in regions:
                if oe <= pos:
                    shift = ne - oe
                elif os_ < pos:
                    shift = ns - pos
                    break
                else:
                    break
            pos += shift
        return max(0, min(pos, len(self.text)))


def _map(regions: Regions, pos: int, end: bool) -> int:
    if not regions:
        return pos
    i = bisect_right(regions, (pos, 1 << 62)) - 1
    if i < 0:
        return pos
    ns, ne, os_, oe = regions[i]
    if pos >= ne:
        return oe + (pos - ne)
    if pos == ns:
        return os_
    return oe if end else os_


def _html_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of tags and entities, found from each ``<`` and ``&`` (cheaper than a scan)."""
    spans = []
    for ch in "<&":
        i = text.find(ch)
        while i != -1:
            m = _HTML.match(text, i)
            if m is not None:
                spans.append(m.span())
            i = text.find(ch, i + 1)
    spans.sort()
    last = 0
    for s, e in spans:
        if s >= last:
            yield s, e
            last = e


def _char_spans(text: str, chars: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for ch in chars:
        i = text.find(ch)
        while i != -1:
            spans.append((i, i + 1))
            i = text.find(ch, i + 1)
    spans.sort()
    return spans


def _fold_non_ascii(text: str) -> tuple[str, Regions]:
    """Fold every non-ASCII character: one ``translate`` for those that keep their length,
    a region for each that does not."""
    raw = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    distinct = set(raw.decode("utf-8", "surrogatepass"))
    changing = []
    for ch in distinct:
        rep = _fold_char(ch)
        if len(rep) == 1:
            if rep != ch:
                text = text.replace(ch, rep)
        else:
            changing.append(ch)
    if not changing:
        return text, ()
    return _replace(text, _char_spans(text, changing), _fold_char)


def _replace(text: str, spans: Iterable[tuple[int, int]], repl: Callable[[str], str]
             ) -> tuple[str, Regions]:
    parts: list[str] = []
    regions: list[tuple[int, int, int, int]] = []
    last = 0
    npos = 0
    for s, e in spans:
        if s > last:
            parts.append(text[last:s])
            npos += s - last
        rep = repl(text[s:e])
        parts.append(rep)
        if len(rep) != e - s:
            regions.append((npos, npos + len(rep), s, e))
        npos += len(rep)
        last = e
    if not parts:
        return text, ()
    parts.append(text[last:])
    return "".join(parts), tuple(regions)


def _html_repl(tok: str) -> str:
    if tok[0] == "<":
        return " "
    return html.unescape(tok)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the offset map (see module docs)."""
    if not text:
        return Normalized(text, "", (), "")
    chain: list[Regions] = []
    s = text
    if "<" in s or "&" in s:
        s, r = _replace(s, _html_spans(s), _html_repl)
        if r:
            chain.append(r)
    if not s.isascii():
        s, r = _fold_non_ascii(s)
        if r:
            chain.append(r)
    for ch in _ASCII_SEPARATORS:
        if ch in s:
            s = s.replace(ch, " ")
    if "  " in s:
        parts: list[str] = []
        regions: list[tuple[int, int, int, int]] = []
        last = 0
        npos = 0
        find = s.find
        i = find("  ")
        while i != -1:
            j = i + 2
            n = len(s)
            while j < n and s[j] == " ":
                j += 1
            parts.append(s[last:i + 1])
            npos += i + 1 - last
            regions.append((npos, npos, i + 1, j))
            last = j
            i = find("  ", j)
        parts.append(s[last:])
        s = "".join(parts)
        chain.append(tuple(regions))
    lowered = s.lower()
    if len(lowered) != len(s):  # pragma: no cover - only if a fold is not idempotent
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in s)
    return Normalized(text, lowered, tuple(chain), s)


@lru_cache(maxsize=1 << 18)
def normalize_name(name: str) -> str:
    """The form of a taxonomy name the matcher compares against (same rules as text)."""
    if name.isascii() and "<" not in name and "&" not in name:
        return " ".join(name.replace("-", " ").lower().split())
    return _SEP_RUN.sub(" ", normalize(name).text).strip()
