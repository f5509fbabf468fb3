"""Words for the report: period and category names, number formats, and the short
sentences generated from the figures (never typed by hand)."""

from __future__ import annotations

import math
import re
from typing import Any

from skillpulse.report.model import ListRow, RankedList, ShareFigure

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_CATEGORY_NAMES = {"generative-ai": "generative-AI", "ai-ml": "AI/ML"}
_KIND_NOUNS = {"postings": "job posts", "searches": "searches", "hires": "projects hired for",
               "profiles": "talent profiles"}


def period_name(label: str | None) -> str:
    """``2023H1`` -> ``H1 2023``, ``2023Q2`` -> ``Q2 2023``, ``2023-05`` -> ``May 2023``."""
    if not label:
        return ""
    if m := re.fullmatch(r"(\d{4})([HQ]\d)", label):
        return f"{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return f"{_MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", label):
        return f"week {int(m[2])} of {m[1]}"
    return label.replace("..", " to ")


def category_name(category: str | None) -> str:
    if category is None:
        return ""
    return _CATEGORY_NAMES.get(category, category.replace("-", " "))


def kind_noun(kind: str) -> str:
    return _KIND_NOUNS.get(kind, kind)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def fmt_int(value: Any) -> str:
    return f"{int(value):,}" if finite(value) else "–"


def fmt_pct(share: Any, digits: int = 1) -> str:
    """A fraction as a percentage: 0.0412 -> ``4.1%``."""
    if not finite(share):
        return "–"
    pct = share * 100
    if pct != 0 and abs(pct) < 0.1:
        return f"{pct:.2f}%"
    return f"{pct:.{digits}f}%"


def fmt_change(pct: Any) -> str:
    """A percent change: ``+1,234%``, ``-12%``; ``new`` when infinite."""
    if pct is None or (isinstance(pct, float) and math.isinf(pct)):
        return "new"
    if not finite(pct):
        return "–"
    digits = 0 if abs(pct) >= 10 else 1
    return f"{pct:+,.{digits}f}%"


def fmt_ratio(value: Any) -> str:
    if not finite(value):
        return "∞" if isinstance(value, float) and math.isinf(value) else "–"
    return f"{value:,.1f}×" if value >= 10 else f"{value:.2f}×"


def fmt_interval(low: Any, high: Any, fmt: Any = fmt_pct) -> str:
    if not finite(low) and not finite(high):
        return "–"
    hi = fmt(high) if finite(high) else "∞"
    return f"{fmt(low)}–{hi}"


def pct_interval(low: Any, high: Any) -> str:
    """``+1,050% to +3,120%`` from two percent changes."""
    def one(v: Any) -> str:
        if not finite(v):
            return "∞"
        return f"{v:+,.0f}%" if abs(v) >= 10 else f"{v:+.1f}%"

    return f"{one(low)} to {one(high)}"


def title_for(category: str | None, period: str) -> str:
    cat = category_name(category)
    what = f"The top {cat} skills" if cat else "The top skills"
    return f"{what}, {period_name(period)}"


def _surge_sentence(fig: ShareFigure, category: str | None) -> str:
    cat = category_name(category)
    noun = kind_noun(fig.kind)
    what = f"The share of {noun} mentioning a {cat} skill".replace("  ", " ")
    if not finite(fig.pct_change):
        change = f"went from none to {fmt_int(fig.current_count)}"
    else:
        word = "rose" if fig.pct_change >= 0 else "fell"
        change = (f"{word} {fmt_change(abs(fig.pct_change)).lstrip('+')} "
                  f"(95% CI {pct_interval(fig.pct_low, fig.pct_high)})")
    text = (
        f"{what} {change} from {period_name(fig.base)} to {period_name(fig.current)}, from "
        f"{fmt_pct(fig.base_share, 2)} ({fmt_int(fig.base_count)} of "
        f"{fmt_int(fig.base_exposure)}) to {fmt_pct(fig.current_share, 2)} "
        f"({fmt_int(fig.current_count)} of {fmt_int(fig.current_exposure)})."
    )
    if finite(fig.count_pct_change):
        text += (f" Their number changed by {fmt_change(fig.count_pct_change)}.")
    return text


def _top_sentence(lst: RankedList, category: str | None) -> str | None:
    if not lst.rows:
        return None
    first: ListRow = lst.rows[0]
    cat = category_name(category)
    noun = kind_noun(lst.kind)
    what = {"searches": f"the most searched {cat} skill",
            "hires": f"the {cat} skill most hired for",
            "postings": f"the {cat} skill most named in job posts",
            "profiles": f"the {cat} skill most listed on talent profiles"}[lst.kind]
    return capital(
        f"{first.label} was {what.replace('  ', ' ')} in {period_name(lst.period)}, in "
        f"{fmt_pct(first.share)} of {noun} (95% CI {fmt_interval(first.share_low, first.share_high)})."
    )


def _growth_sentence(lst: RankedList, category: str | None) -> str | None:
    if not lst.rows:
        return None
    first = lst.rows[0]
    noun = kind_noun(lst.kind)
    cat = category_name(category)
    period = f"from {period_name(lst.base)} to {period_name(lst.current)}"
    skill_word = f"{cat} skill".strip()
    if first.new:
        return capital(
            f"{first.label} was the fastest-growing {skill_word} in {noun} {period}: new, "
            f"from {fmt_int(first.base_count)} to {fmt_int(first.current_count)} {noun}."
        )
    confirmed = first.pct_low is not None and finite(first.pct_low) and first.pct_low > 0
    caveat = "" if confirmed else (
        " (an increase the data cannot confirm: the interval includes no change)")
    return capital(
        f"{first.label} was the fastest-growing {skill_word} in {noun} {period}: its share "
        f"changed by {fmt_change(first.pct_change)} (95% CI "
        f"{pct_interval(first.pct_low, first.pct_high)}){caveat}."
    )


def summary_sentences(
    *,
    category: str | None,
    surges: list[ShareFigure],
    projects: Any,
    lists: tuple[RankedList, ...],
) -> tuple[str, ...]:
    """The report's opening sentences, each generated from one figure."""
    out: list[str] = [_surge_sentence(f, category) for f in surges]
    if projects is not None and projects.exposure > 0:
        cat = category_name(category)
        out.append(capital(
            f"{fmt_int(projects.count)} {cat} projects were hired for in "
            f"{period_name(projects.period)}, {fmt_pct(projects.share)} of all "
            f"{fmt_int(projects.exposure)} hires."
        ).replace("  ", " "))
    for lst in lists:
        sentence = (_top_sentence if lst.method == "top" else _growth_sentence)(lst, category)
        if sentence:
            out.append(sentence)
    return tuple(out)
