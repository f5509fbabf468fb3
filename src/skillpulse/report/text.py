"""Words for the report: period and category names, number formats, and the short
sentences generated from the figures (never typed by hand)."""

from __future__ import annotations

import math
import re
from typing import Any

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_CATEGORY_NAMES = {"generative-ai": "generative-AI", "ai-ml": "AI/ML"}
_KIND_NOUNS = {"postings": "job posts", "searches": "searches", "hires": "projects hired for",
               "profiles": "talent profiles"}


def period_name(label: str | None) -> str:
    """``2023H1`` -> ``H1 2023``, ``2023Q2`` -> ``Q2 2023``, ``2023-05`` -> ``May 2023``,
    ``2025Q2..2025Q3`` -> ``Q2–Q3 2025``."""
    if not label:
        return ""
    if m := re.fullmatch(r"(\d{4})([HQ]\d)", label):
        return f"{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return f"{_MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", label):
        return f"week {int(m[2])} of {m[1]}"
    if ".." in label:
        first, last = (period_name(x) for x in label.split("..", 1))
        a, b = first.rsplit(" ", 1), last.rsplit(" ", 1)
        if len(a) == len(b) == 2 and a[1] == b[1] and a[1].isdigit():
            return f"{a[0]}–{b[0]} {a[1]}"  # Q2–Q3 2025, May–June 2023
        return f"{first}–{last}"  # Q4 2022–Q1 2023, 2023-01-01–2023-02-15
    return label


def category_name(category: str | None) -> str:
    if category is None:
        return ""
    return _CATEGORY_NAMES.get(category, category.replace("-", " "))


def kind_noun(kind: str) -> str:
    return _KIND_NOUNS.get(kind, kind)


def in_kind(kind: str) -> str:
    """``in job posts``, ``in searches``, ``on talent profiles``."""
    return f"{'on' if kind == 'profiles' else 'in'} {kind_noun(kind)}"


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


def _pct_text(share: float, decimals: int) -> str:
    return f"{share * 100:.{decimals}f}%"


def share_decimals(share: Any, low: Any = None, high: Any = None, *, most: int = 4) -> int:
    """Decimals of a percentage so that the estimate differs from each bound of its interval
    when they differ (``0.41%, 0.37%–0.45%`` rather than ``0.4%–0.4%``): at least one
    decimal, two under 1%, at most ``most``."""
    if not finite(share):
        return 1
    decimals = 2 if 0 < abs(share) < 0.01 else 1
    values = [v for v in (low, high) if finite(v)]
    while decimals < most and any(
        v != share and _pct_text(v, decimals) == _pct_text(share, decimals) for v in values
    ):
        decimals += 1
    return decimals


def fmt_share_ci(share: Any, low: Any, high: Any, *, ci: bool = False) -> str:
    """``4.1%`` or, with bounds, ``4.1% (3.6%–4.7%)``; ``ci=True`` writes ``95% CI`` in the
    brackets. Digits enough for the bounds to differ from the estimate."""
    if not finite(share):
        return "–"
    d = share_decimals(share, low, high)
    text = _pct_text(share, d)
    if finite(low) and finite(high):
        text += f" ({'95% CI ' if ci else ''}{_pct_text(low, d)}–{_pct_text(high, d)})"
    return text


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


def share_interval(share: Any, low: Any, high: Any) -> str:
    """A share's interval with the digits of :func:`fmt_share_ci`: ``0.37%–0.45%``."""
    if not finite(low) or not finite(high):
        return "–"
    d = share_decimals(share, low, high)
    return f"{_pct_text(low, d)}–{_pct_text(high, d)}"


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


class MarkdownText(str):
    """Text already written as Markdown (a chart path): printed into ``report.md`` as is."""


#: Markdown and HTML characters a value could use to inject markup into ``report.md``.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(value: Any) -> Any:
    """A value as literal Markdown text: ``&``, ``<`` and ``>`` as HTML entities (no raw
    HTML, no autolink), ``\\ ` * _ [ ] | ~`` backslash-escaped (no link, image, emphasis,
    code or table cell), line breaks as spaces (values never start a line).
    Non-strings and :class:`MarkdownText` pass as they are."""
    if not isinstance(value, str) or isinstance(value, MarkdownText):
        return value
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_SPECIAL.sub(r"\\\1", out)
    return " ".join(out.splitlines())


def md_code(value: Any) -> MarkdownText:
    """A value as a Markdown code span (no backtick inside, one line)."""
    text = " ".join(str("" if value is None else value).replace("`", "'").splitlines())
    return MarkdownText(f"`{text}`")


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[Any]) -> str:
    """``▁▃█▅``: one block per value, scaled to the largest (``·`` where undefined)."""
    nums = [v if finite(v) else None for v in values]
    top = max((v for v in nums if v is not None), default=0)
    if top <= 0:
        return "".join("▁" if v is not None else "·" for v in nums)
    return "".join("·" if v is None else _SPARKS[min(int(v / top * 7 + 0.5), 7)]
                   for v in nums)
