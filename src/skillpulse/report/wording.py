"""The report's words, by rule, from the statistics: a change is a rise or a fall only when
its 95% interval excludes no change, otherwise "no clear change"; a breakout (fewer than
``breakout_floor`` base documents, more now) is "new", never "fastest-growing"; a count
under the minimum is "too few" to say anything. ``summary_sentences`` writes every sentence
of the report's summary from the typed results; ``verdict`` is the one rule all of them use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from skillpulse.report.model import CountFigure, ListRow, RankedList, ShareFigure
from skillpulse.report.text import (
    capital,
    category_name,
    finite,
    fmt_change,
    fmt_int,
    fmt_share_ci,
    in_kind,
    kind_noun,
    pct_interval,
    period_name,
    share_interval,
)

RISE, FALL, UNCLEAR, NEW, TOO_FEW = "rise", "fall", "unclear", "new", "too_few"
VERDICTS = (RISE, FALL, UNCLEAR, NEW, TOO_FEW)


def verdict(*, base_count: int | None, current_count: int | None, ratio_low: float | None,
            ratio_high: float | None, floor: int, min_count: int = 1) -> str | None:
    """The rule behind every word about a change from base to current.

    ``too_few``: fewer than ``min_count`` (at least 1) documents in the current period, or
    no interval; ``new``: under ``floor`` in the base period and more now; ``rise``: the
    ratio's lower bound is above 1; ``fall``: its upper bound is below 1; ``unclear``
    otherwise. ``None`` when there is no base (one period only).
    """
    if base_count is None or current_count is None:
        return None
    if current_count < max(min_count, 1):
        return TOO_FEW
    if base_count < floor and current_count > base_count:
        return NEW
    if ratio_low is None or not finite(ratio_low):
        return TOO_FEW
    if ratio_low > 1:
        return RISE
    if ratio_high is not None and finite(ratio_high) and ratio_high < 1:
        return FALL
    return UNCLEAR


def change_phrase(kind: str, *, pct: Any, pct_low: Any, pct_high: Any, base_count: Any,
                  current_count: Any, noun: str, floor: int) -> str:
    """The words for one verdict: ``rose 150% (95% CI +20% to +400%)``, ``fell ...``,
    ``showed no clear change (95% CI -17% to +307%)``, ``was new: from 1 to 6 job posts``,
    ``had too few job posts to tell (2 then 3)``."""
    if kind == RISE:
        return f"rose {fmt_change(pct).lstrip('+')} (95% CI {pct_interval(pct_low, pct_high)})"
    if kind == FALL:
        return (f"fell {fmt_change(abs(pct)).lstrip('+')} "
                f"(95% CI {pct_interval(pct_low, pct_high)})")
    if kind == UNCLEAR:
        return f"showed no clear change (95% CI {pct_interval(pct_low, pct_high)})"
    if kind == NEW:
        if not base_count:
            return f"was new: from none to {fmt_int(current_count)} {noun}"
        return (f"was new: from {fmt_int(base_count)} to {fmt_int(current_count)} {noun} "
                f"(fewer than {floor} before)")
    return f"had too few {noun} to tell ({fmt_int(base_count)} then {fmt_int(current_count)})"


def _surge(fig: ShareFigure, category: str | None, floor: int) -> str:
    cat = category_name(category)
    noun = kind_noun(fig.kind)
    what = " ".join(f"The share of {noun} mentioning a {cat} skill".split())
    # the category as a whole: a ratio from one base document still has an exact interval,
    # so it is "new" only from none
    v = verdict(base_count=fig.base_count, current_count=fig.current_count,
                ratio_low=fig.ratio_low, ratio_high=fig.ratio_high, floor=1) or TOO_FEW
    phrase = change_phrase(v, pct=fig.pct_change, pct_low=fig.pct_low, pct_high=fig.pct_high,
                           base_count=fig.base_count, current_count=fig.current_count,
                           noun=f"{cat} {noun}".strip(), floor=floor)
    return (
        f"{what} {phrase} from {period_name(fig.base)} to {period_name(fig.current)}: "
        f"{fmt_share_ci(fig.base_share, None, None)} ({fmt_int(fig.base_count)} of "
        f"{fmt_int(fig.base_exposure)}) then {fmt_share_ci(fig.current_share, None, None)} "
        f"({fmt_int(fig.current_count)} of {fmt_int(fig.current_exposure)})."
    )


def _share(fig: CountFigure, category: str | None) -> str:
    cat = category_name(category)
    return capital(
        f"{fmt_share_ci(fig.share, fig.share_low, fig.share_high, ci=True)} of "
        f"{kind_noun(fig.kind)} in {period_name(fig.period)} mentioned a {cat} skill "
        f"({fmt_int(fig.count)} of {fmt_int(fig.exposure)})."
    ).replace("  ", " ")


def _projects(fig: CountFigure, category: str | None) -> str:
    cat = category_name(category)
    return " ".join(capital(
        f"{fmt_int(fig.count)} {cat} projects were hired for in {period_name(fig.period)}, "
        f"{fmt_share_ci(fig.share, fig.share_low, fig.share_high, ci=True)} of all "
        f"{fmt_int(fig.exposure)} hires."
    ).split())


def _top(lst: RankedList, category: str | None) -> str | None:
    if not lst.rows:
        return None
    first: ListRow = lst.rows[0]
    cat = category_name(category)
    what = {"searches": f"the most searched {cat} skill",
            "hires": f"the {cat} skill most hired for",
            "postings": f"the {cat} skill most named in job posts",
            "profiles": f"the {cat} skill most listed on talent profiles"}[lst.kind]
    return " ".join(capital(
        f"{first.label} was {what} in {period_name(lst.period)}, in "
        f"{fmt_share_ci(first.share, first.share_low, first.share_high, ci=True)} of "
        f"{kind_noun(lst.kind)}."
    ).split())


def _growth(lst: RankedList, category: str | None, floor: int) -> str | None:
    noun = kind_noun(lst.kind)
    skill = f"{category_name(category)} skill".strip()
    span = f"from {period_name(lst.base)} to {period_name(lst.current)}"
    if not lst.rows:
        if lst.note and lst.status != "ok" and lst.base and lst.current and lst.exposure:
            note = lst.note[:1].lower() + lst.note[1:]
            return capital(f"Too few {noun} to measure growth {span}: {note}")
        return None
    first = lst.rows[0]
    v = first.change or TOO_FEW
    phrase = change_phrase(v, pct=first.pct_change, pct_low=first.pct_low,
                           pct_high=first.pct_high, base_count=first.base_count,
                           current_count=first.current_count, noun=noun, floor=floor)
    if v == RISE:
        return capital(f"{first.label} was the fastest-growing {skill} {in_kind(lst.kind)} "
                       f"{span}: its share {phrase}.")
    return capital(f"No {skill} {in_kind(lst.kind)} grew clearly {span}; the best placed, "
                   f"{first.label}, {phrase}.")


def _breakouts(lst: RankedList, floor: int) -> str | None:
    if not lst.rows:
        return None
    names = ", ".join(f"{r.label} ({fmt_int(r.base_count)} → {fmt_int(r.current_count)})"
                      for r in lst.rows[:5])
    more = f" and {len(lst.rows) - 5} more" if len(lst.rows) > 5 else ""
    return (f"New {in_kind(lst.kind)} in {period_name(lst.current)} (fewer than {floor} in "
            f"{period_name(lst.base)}): {names}{more}.")


def summary_sentences(
    *,
    category: str | None,
    surges: Sequence[ShareFigure],
    shares: Sequence[CountFigure] = (),
    projects: CountFigure | None,
    lists: Sequence[RankedList],
    floor: int,
    one_period: str | None = None,
) -> tuple[str, ...]:
    """The report's opening sentences, each generated from one typed result by the rules
    of :func:`verdict`: the headline change of each kind (or, with one period, the share),
    the projects count, the first skill of each top list, the first of each growth list
    (a rise only when its interval says so), and the breakouts. ``one_period``: the note
    that growth needs two periods."""
    out: list[str] = [_surge(f, category, floor) for f in surges]
    if not surges:
        out.extend(_share(f, category) for f in shares if f.exposure > 0)
    if projects is not None and projects.exposure > 0:
        out.append(_projects(projects, category))
    if one_period:
        out.append(one_period)
    for lst in lists:
        if lst.method == "top":
            sentence = _top(lst, category)
        elif lst.method == "growth":
            sentence = _growth(lst, category, floor)
        else:
            sentence = _breakouts(lst, floor)
        if sentence:
            out.append(sentence)
    return tuple(out)


def demand_sentence(parts: Sequence[tuple[str, ListRow | None, int]], *, floor: int) -> str:
    """Why a skill is in demand, from the data: for each kind ``(kind, row, exposure)``
    (``row`` its figures in that kind, ``None`` when no document names it) its count and
    share, then its change by rule, kinds of the same verdict together: ``Rising in
    searches (+66% to +382%). No clear change in job posts (-15% to +194%).``"""
    bits: list[str] = []
    by_verdict: dict[str, list[str]] = {}
    for kind, row, exposure in parts:
        noun = kind_noun(kind)
        if row is None or exposure == 0:
            continue
        bits.append(f"{fmt_int(row.count)} {noun} ({fmt_share_ci(row.share, None, None)}, "
                    f"{share_interval(row.share, row.share_low, row.share_high)})")
        if row.change in (RISE, FALL, UNCLEAR):
            by_verdict.setdefault(row.change, []).append(
                f"{noun} ({pct_interval(row.pct_low, row.pct_high)})")
        elif row.change == NEW:
            by_verdict.setdefault(NEW, []).append(
                f"{noun} ({fmt_int(row.base_count)} → {fmt_int(row.current_count)})")
    if not bits:
        return "Not named in this period's documents."
    text = "Named in " + "; ".join(bits) + "."
    heads = {RISE: "Rising in", FALL: "Falling in", UNCLEAR: "No clear change in",
             NEW: f"New (from fewer than {floor}) in"}
    for key in (RISE, NEW, UNCLEAR, FALL):
        if key in by_verdict:
            items = by_verdict[key]
            joined = items[0] if len(items) == 1 else (
                ", ".join(items[:-1]) + (" or " if key == UNCLEAR else " and ") + items[-1])
            text += f" {heads[key]} {joined}."
    return text


def finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


__all__ = ["FALL", "NEW", "RISE", "TOO_FEW", "UNCLEAR", "VERDICTS", "change_phrase",
           "demand_sentence", "summary_sentences", "verdict"]
