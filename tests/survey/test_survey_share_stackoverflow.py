"""Shares on the real Stack Overflow 2024 slice, against an independent pandas computation
and statsmodels' Wilson intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import proportion_confint

from skillpulse.errors import SurveyError
from skillpulse.store import DuckDBStore
from skillpulse.survey.share import survey_share


def _wilson(count: int, n: int) -> tuple[float, float]:
    low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def test_aiselect_yes_share(so_store: DuckDBStore, so_frame: pd.DataFrame) -> None:
    answered = so_frame["AISelect"].dropna()
    count, n = int((answered == "Yes").sum()), len(answered)
    result = survey_share(so_store, name="so", question="AISelect", answers=["Yes"])
    assert result.base == n
    assert not result.weighted and result.method == "wilson"
    (row,) = result.rows
    assert (row.answer, row.count) == ("Yes", count)
    assert row.share == pytest.approx(count / n)
    assert (row.share_low, row.share_high) == pytest.approx(_wilson(count, n), abs=1e-12)


def test_single_choice_rows_cover_every_answer(so_store: DuckDBStore,
                                               so_frame: pd.DataFrame) -> None:
    expected = so_frame["AIThreat"].dropna().value_counts()
    result = survey_share(so_store, name="so", question="AIThreat")
    assert result.base == int(expected.sum())
    got = {r.answer: r.count for r in result.rows}
    assert got == expected.to_dict()
    assert sum(r.share or 0 for r in result.rows) == pytest.approx(1.0)
    for r in result.rows:
        assert (r.share_low, r.share_high) == pytest.approx(
            _wilson(r.count, result.base), abs=1e-12)
    counts = [r.count for r in result.rows]
    assert counts == sorted(counts, reverse=True)


def test_multi_select_tool_shares(so_store: DuckDBStore, so_frame: pd.DataFrame) -> None:
    answered = so_frame["AISearchDevHaveWorkedWith"].dropna()
    items = answered.str.split(";").apply(lambda xs: sorted({x.strip() for x in xs if x.strip()}))
    exploded = items.explode()
    expected = exploded.value_counts()
    result = survey_share(so_store, name="so", question="AISearchDevHaveWorkedWith")
    assert result.multi
    assert result.base == len(answered)
    got = {r.answer: r.count for r in result.rows}
    assert got == expected.to_dict()
    chatgpt = next(r for r in result.rows if r.answer == "ChatGPT")
    assert chatgpt.share == pytest.approx(expected["ChatGPT"] / len(answered))
    assert (chatgpt.share_low, chatgpt.share_high) == pytest.approx(
        _wilson(int(expected["ChatGPT"]), len(answered)), abs=1e-12)
    # multi-select shares do not sum to 1
    assert sum(r.share or 0 for r in result.rows) > 1.2


def test_named_answers_together_is_share_choosing_any(so_store: DuckDBStore,
                                                      so_frame: pd.DataFrame) -> None:
    answered = so_frame["AISearchDevHaveWorkedWith"].dropna()
    items = answered.str.split(";")
    any_of = items.apply(lambda xs: "Claude" in xs or "Google Gemini" in xs)
    result = survey_share(so_store, name="so", question="AISearchDevHaveWorkedWith",
                          answers=["Claude", "Google Gemini"])
    (row,) = result.rows
    assert row.answer == "Claude or Google Gemini"
    assert row.answers == ("Claude", "Google Gemini")
    assert row.count == int(any_of.sum())
    assert row.share == pytest.approx(any_of.mean())
    both_counted_twice = sum(
        int(items.apply(lambda xs, a=a: a in xs).sum()) for a in ("Claude", "Google Gemini"))
    assert row.count < both_counted_twice  # respondents choosing both count once


def test_breakdown_by_orgsize_with_test(so_store: DuckDBStore, so_frame: pd.DataFrame) -> None:
    df = so_frame.dropna(subset=["AISelect"])
    seg = df.dropna(subset=["OrgSize"])
    table = pd.crosstab(seg["OrgSize"], seg["AISelect"] == "Yes")
    result = survey_share(so_store, name="so", question="AISelect", answers=["Yes"],
                          by="OrgSize", min_base=30)
    assert result.segments is not None
    assert result.segment_missing == int(df["OrgSize"].isna().sum())
    assert {s.segment for s in result.segments} == set(table.index)
    for s in result.segments:
        yes, base = int(table.loc[s.segment, True]), int(table.loc[s.segment].sum())
        assert (s.base, s.rows[0].count) == (base, yes)
        assert s.rows[0].share == pytest.approx(yes / base)
        assert (s.rows[0].share_low, s.rows[0].share_high) == pytest.approx(
            _wilson(yes, base), abs=1e-12)
        assert s.low_base == (base < 30)
    (test,) = result.difference_tests
    tested = table.loc[list(test.segments_tested)]
    assert all(tested.sum(axis=1) >= 30)
    assert set(test.segments_excluded) == set(table.index[table.sum(axis=1) < 30])
    stat, p, df_, _ = chi2_contingency(tested.to_numpy(), correction=False)
    assert test.statistic == pytest.approx(stat)
    assert test.p_value == pytest.approx(p)
    assert test.df == df_


def test_devtype_small_segments_are_flagged_not_hidden(so_store: DuckDBStore,
                                                       so_frame: pd.DataFrame) -> None:
    df = so_frame.dropna(subset=["AISelect", "DevType"])
    bases = df["DevType"].value_counts()
    result = survey_share(so_store, name="so", question="AISelect", answers=["Yes"],
                          by="DevType", min_base=50)
    assert result.segments is not None
    shown = {s.segment: s for s in result.segments}
    assert set(shown) == set(bases.index)  # every segment is there, however small
    small = set(bases.index[bases < 50])
    assert small and {k for k, s in shown.items() if s.low_base} == small
    d = result.to_dict()
    flags = {s["segment"]: s["flag"] for s in d["segments"]}
    assert all(flags[k] == "low_base" for k in small)
    assert all(flags[k] is None for k in set(bases.index) - small)
    (test,) = result.difference_tests
    assert set(test.segments_excluded) == small
    assert set(test.segments_tested) == set(bases.index) - small


def test_where_filter(so_store: DuckDBStore, so_frame: pd.DataFrame) -> None:
    df = so_frame[so_frame["OrgSize"].isin(["20 to 99 employees", "2 to 9 employees"])]
    answered = df["AISelect"].dropna()
    result = survey_share(so_store, name="so", question="AISelect", answers=["Yes"],
                          where=[("OrgSize", "20 to 99 employees"),
                                 ("OrgSize", "2 to 9 employees")])
    assert result.base == len(answered)
    assert result.rows[0].count == int((answered == "Yes").sum())
    # a multi-select filter: respondents who have worked with Claude (among other tools)
    claude = so_frame[so_frame["AISearchDevHaveWorkedWith"].fillna("").str.split(";").apply(
        lambda xs: "Claude" in xs)]
    threat = claude["AIThreat"].dropna()
    result = survey_share(so_store, name="so", question="AIThreat",
                          where={"AISearchDevHaveWorkedWith": "Claude"}, answers=["Yes"])
    assert result.base == len(threat)
    assert result.rows[0].count == int((threat == "Yes").sum())


def test_json_contract(so_store: DuckDBStore) -> None:
    d = survey_share(so_store, name="so", question="AISelect", by="OrgSize").to_dict()
    assert {"question", "base", "weighted", "rows", "segments"} <= set(d)
    assert set(d["rows"][0]) >= {"answer", "count", "share", "share_low", "share_high"}
    assert set(d["segments"][0]) >= {"segment", "base", "rows"}
    assert all(0 <= r["share_low"] <= r["share"] <= r["share_high"] <= 1 for r in d["rows"])
    assert d["method"] == "wilson" and d["deff"] == 1.0
    plain = survey_share(so_store, name="so", question="AISelect").to_dict()
    assert "segments" not in plain


def test_errors_name_what_is_wrong(so_store: DuckDBStore) -> None:
    with pytest.raises(SurveyError, match="no survey named 'nope'"):
        survey_share(so_store, name="nope", question="AISelect")
    with pytest.raises(SurveyError, match="no question 'AISelec'"):
        survey_share(so_store, name="so", question="AISelec")
    with pytest.raises(SurveyError, match="no answer 'yes'"):
        survey_share(so_store, name="so", question="AISelect", answers=["yes"])
    with pytest.raises(SurveyError, match="multi-select"):
        survey_share(so_store, name="so", question="AISelect", by="LanguageHaveWorkedWith")


def test_question_listing(so_store: DuckDBStore, so_frame: pd.DataFrame) -> None:
    from skillpulse.survey.questions import survey_questions

    found = {q.question: q for q in survey_questions(so_store, name="so", max_answers=None)}
    assert list(found) == [c for c in so_frame.columns]
    ai = found["AISelect"]
    assert not ai.multi and ai.respondents == int(so_frame["AISelect"].notna().sum())
    assert {a.answer: a.respondents for a in ai.answers} == (
        so_frame["AISelect"].value_counts().to_dict())
    tools = found["AISearchDevHaveWorkedWith"]
    assert tools.multi
    assert found["DevType"].multi is False  # commas inside answers do not make it multi
    expected_multi = {c for c in so_frame.columns
                      if so_frame[c].dropna().str.contains(";", regex=False).any()}
    assert {q for q, v in found.items() if v.multi} == expected_multi
    assert np.all([found[c].respondents == so_frame[c].notna().sum() for c in so_frame.columns
                   if c not in expected_multi])
