"""The overlap policy, named: ``longest_then_leftmost``.

Among overlapping candidate spans the longest wins; among equally long ones the leftmost;
among identical spans the one listed first (components list their most trusted candidates
first). "machine learning engineer" is one mention, not also "machine learning" and
"learning". The same policy resolves spans in normalised coordinates (inside the dictionary
matcher) and mentions in original coordinates (across components).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from skillpulse.extract.mention import Mention

__all__ = ["OVERLAP_POLICY", "longest_then_leftmost", "resolve_mentions"]

OVERLAP_POLICY = "longest_then_leftmost"

T = TypeVar("T", bound=tuple[int, int, int])


def longest_then_leftmost(spans: Sequence[T]) -> list[T]:
    """Non-overlapping subset of ``(start, end, payload)`` spans, in text order."""
    if len(spans) <= 1:
        return list(spans)
    by_start = sorted(spans, key=lambda x: (x[0], x[1]))
    last_end = -1
    for sp in by_start:
        if sp[0] < last_end:
            break
        last_end = sp[1]
    else:
        return by_start  # no overlap at all: the common case
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0] - spans[i][1],
                                                      spans[i][0], i))
    # occupancy map: linear in the covered length, whatever the number of spans
    lo = min(sp[0] for sp in spans)
    hi = max(sp[1] for sp in spans)
    taken = bytearray(hi - lo + 1)
    out: list[T] = []
    for i in order:
        s, e = spans[i][0] - lo, spans[i][1] - lo
        if e <= s:
            continue
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(spans[i])
    out.sort(key=lambda x: (x[0], x[1]))
    return out


def resolve_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Apply the policy to mentions of one field (original offsets)."""
    if len(mentions) <= 1:
        return list(mentions)
    spans = [(m.start, m.end, i) for i, m in enumerate(mentions)]
    return [mentions[i] for _, _, i in longest_then_leftmost(spans)]
