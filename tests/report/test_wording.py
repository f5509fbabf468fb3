"""Words from the statistics, one test per rule (issue 16): a rise or a fall only when the
interval excludes no change, "no clear change" otherwise, breakouts as "new" and never
"fastest-growing", "too few" under the minimum; readable intervals; Markdown escaping
(issue 15 item 12). The figures are typed results built here by hand, with intervals
computed by scipy (Clopper-Pearson bounds mapped to the rate ratio)."""

from __future__ import annotations

from typing import Any

import pytest
from scipy import stats

from skillpulse.report.model import CountFigure, ListRow, RankedList, ShareFigure
from skillpulse.report.text import fmt_share_ci, md_escape, share_interval
from skillpulse.report.wording import demand_sentence, summary_sentences, verdict

FLOOR = 5


def ratio_ci(x1: int, e1: int, x2: int, e2: int) -> tuple[float, float]:
    lo = stats.beta.ppf(0.025, x2, x1 + 1) if x2 else 0.0
    hi = stats.beta.ppf(0.975, x2 + 1, x1) if x1 else 1.0
    return e1 / e2 * lo / (1 - lo), (e1 / e2 * hi / (1 - hi)) if hi < 1 else float("inf")


def row(label: str, x1: int, x2: int, e1: int = 1000, e2: int = 1000,
        min_count: int = 20) -> ListRow:
    low, high = ratio_ci(x1, e1, x2, e2)
    ratio = (x2 / e2) / (x1 / e1) if x1 else float("inf")
    change = verdict(base_count=x1, current_count=x2, ratio_low=low, ratio_high=high,
                     floor=FLOOR, min_count=min_count)
    share = x2 / e2
    return ListRow(rank=1, skill_id=f"x.{label.lower()}", label=label, count=x2, share=share,
                   share_low=share * 0.8, share_high=share * 1.2, base_count=x1,
                   current_count=x2, base_share=x1 / e1, current_share=share,
                   rate_ratio=ratio, ratio_low=low, ratio_high=high,
                   pct_change=(ratio - 1) * 100, pct_low=(low - 1) * 100,
                   pct_high=(high - 1) * 100, new=change == "new", change=change,
                   description="d", roles=("r",))


def growth_list(*rows: ListRow, method: str = "growth", **kw: Any) -> RankedList:
    return RankedList(id=f"{method}_postings", title="t", kind="postings", method=method,
                      period=None, base="2023Q1", current="2023Q2", exposure=1000,
                      base_exposure=1000, rows=rows, **kw)


def sentences(*lists: RankedList, surges: tuple[ShareFigure, ...] = ()) -> tuple[str, ...]:
    return summary_sentences(category="generative-ai", surges=surges, projects=None,
                             lists=lists, floor=FLOOR)


def test_rule_rise() -> None:
    r = row("Gradio", 400, 560)  # interval 1.23 to 1.60: excludes no change
    assert r.change == "rise" and r.ratio_low > 1
    (s,) = sentences(growth_list(r))
    assert s == ("Gradio was the fastest-growing generative-AI skill in job posts from Q1 "
                 "2023 to Q2 2023: its share rose 40% (95% CI +23% to +60%).")


def test_rule_fall() -> None:
    r = row("Bard", 560, 400)
    assert r.change == "fall" and r.ratio_high < 1
    (s,) = sentences(growth_list(r))
    assert f"Bard, fell 29% (95% CI {r.pct_low:+.0f}% to {r.pct_high:+.0f}%)" in s
    assert s.startswith("No generative-AI skill in job posts grew clearly")


def test_rule_unclear_never_says_rose() -> None:
    """The issue's "rose 80% (95% CI -17% to +307%)": an interval including no change."""
    r = row("PyTorch", 10, 18, min_count=5)
    assert r.change == "unclear" and r.ratio_low < 1 < r.ratio_high
    (s,) = sentences(growth_list(r))
    assert "rose" not in s and "fastest-growing" not in s
    low, high = round(r.pct_low), round(r.pct_high)
    assert f"PyTorch, showed no clear change (95% CI {low:+d}% to {high:+d}%)" in s


def test_rule_breakout_is_new_never_fastest_growing() -> None:
    """The issue's "PyTorch was the fastest-growing ... new, from 0 to 6"."""
    r = row("PyTorch", 0, 6, min_count=3)
    assert r.change == "new" and r.new
    (s,) = sentences(growth_list(r, method="new"))
    assert s == ("New in job posts in Q2 2023 (fewer than 5 in Q1 2023): PyTorch (0 → 6).")
    assert verdict(base_count=3, current_count=3, ratio_low=0.2, ratio_high=5.0,
                   floor=FLOOR, min_count=3) == "unclear"  # equal counts: never new


def test_rule_too_few() -> None:
    r = row("Gradio", 2, 4, min_count=20)
    assert r.change == "too_few"
    parts = [("postings", r, 1000)]
    assert demand_sentence(parts, floor=FLOOR) == "Named in 4 job posts (0.40%, 0.32%–0.48%)."
    empty = growth_list(status="no_data", note="No generative-AI skill with 5 job posts or "
                        "more in Q1 2023 reached 20 in Q2 2023.")
    (s,) = sentences(empty)
    assert s.startswith("Too few job posts to measure growth from Q1 2023 to Q2 2023: no ")


def test_surge_sentences_follow_the_same_rule() -> None:
    def fig(x1: int, e1: int, x2: int, e2: int) -> ShareFigure:
        low, high = ratio_ci(x1, e1, x2, e2)
        ratio = (x2 / e2) / (x1 / e1) if x1 else float("inf")
        return ShareFigure("postings", "2022Q4", "2023Q2", x1, x2, e1, e2, x1 / e1, x2 / e2,
                           ratio, low, high, (ratio - 1) * 100, (low - 1) * 100,
                           (high - 1) * 100, (x2 - x1) / x1 * 100 if x1 else float("nan"))

    (rise,) = sentences(surges=(fig(111, 16187, 1502, 17694),))
    assert rise.startswith("The share of job posts mentioning a generative-AI skill rose "
                           "1,138% (95% CI +")
    small = fig(2, 10, 6, 12)
    (unclear,) = sentences(surges=(small,))
    assert small.ratio_low < 1 < small.ratio_high
    assert (f"showed no clear change (95% CI {small.pct_low:+.0f}% to "
            f"{small.pct_high:+,.0f}%)") in unclear
    assert "rose" not in unclear
    (new,) = sentences(surges=(fig(0, 162, 20, 177),))
    assert new.startswith("The share of job posts mentioning a generative-AI skill was new: "
                          "from none to 20 generative-AI job posts from Q4 2022 to Q2 2023")


def test_one_period_sentence_and_share() -> None:
    share = CountFigure("postings", "2025Q1", 75, 2366, 75 / 2366, 0.025, 0.0396)
    out = summary_sentences(category="generative-ai", surges=(), shares=(share,),
                            projects=None, lists=(), floor=FLOOR,
                            one_period="Growth needs two periods.")
    assert out == ("3.2% (95% CI 2.5%–4.0%) of job posts in Q1 2025 mentioned a "
                   "generative-AI skill (75 of 2,366).", "Growth needs two periods.")


def test_intervals_have_digits_enough_to_differ() -> None:
    """The issue's "0.41%, 0.4%–0.4%"."""
    assert fmt_share_ci(0.0041, 0.00406, 0.00414) == "0.410% (0.406%–0.414%)"
    assert fmt_share_ci(0.0041, 0.0037, 0.0045) == "0.41% (0.37%–0.45%)"
    assert share_interval(0.0041, 0.0037, 0.0045) == "0.37%–0.45%"
    assert fmt_share_ci(0.25, 0.2, 0.3) == "25.0% (20.0%–30.0%)"


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "[x](javascript:alert(1))",
                                  "a | b", "**bold** _it_ `code`", "line\n# heading"])
def test_markdown_escape_leaves_no_markup(text: str) -> None:
    out = md_escape(text)
    assert "<" not in out and "\n" not in out
    for ch in "[]|*_`":
        assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == ch), (ch, out)
