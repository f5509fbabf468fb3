"""Survey shares with 95% intervals, by segment, with tests of difference between segments.

``survey_share`` answers "what share of respondents (who answered the question) chose each
answer": a Wilson interval for unweighted surveys; for weighted surveys the weighted share with
a Wilson interval on Kish's effective sample size (method ``wilson-kish``). With ``by`` it
repeats the estimate in every segment (respondents grouped by their answer to a single-choice
question), flags segments whose base is under ``min_base`` (never hides them), and tests
whether the share differs across segments (see :mod:`skillpulse.survey.stats`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from skillpulse.errors import SurveyError
from skillpulse.store.base import Store
from skillpulse.survey.questions import get_survey, require_question
from skillpulse.survey.stats import (
    Z95,
    chi_square_independence,
    holm_adjust,
    kish_n_eff,
    two_proportion_z,
    wilson_interval,
)

log = logging.getLogger(__name__)

Where = Mapping[str, str | Sequence[str]] | Sequence[tuple[str, str]]

METHODS = {
    "wilson": "Wilson score interval, 95%, on the unweighted base",
    "wilson-kish": ("weighted share; Wilson score interval, 95%, on Kish's effective sample "
                    "size n_eff = (sum w)^2 / sum w^2; design effect deff = n / n_eff"),
}
TEST_METHOD = ("chi-square test of independence across segments (segment x chose / did not "
               "choose, no continuity correction); each segment vs the other tested segments: "
               "pooled two-proportion z-test, two-sided, Holm-adjusted; segments under the "
               "minimum base are left out of the tests")
WEIGHTED_TEST_NOTE = ("weighted: counts rescaled to each group's Kish effective sample size "
                      "(share x n_eff)")
LOW_BASE = "low_base"


def _finite(value: float) -> float | None:
    """JSON has no NaN: a design effect without positive weights is reported as null."""
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class ShareRow:
    """One answer (or several named answers together): respondents choosing it among the base.

    ``count`` is the unweighted number of respondents; ``weighted_count`` their summed weight
    (equal to ``count`` for unweighted surveys); ``share`` and its interval are fractions."""

    answer: str
    count: int
    weighted_count: float
    share: float | None
    share_low: float | None
    share_high: float | None
    answers: tuple[str, ...]

    @property
    def margin(self) -> float | None:
        """Half the width of the 95% interval (the "plus or minus")."""
        if self.share_low is None or self.share_high is None:
            return None
        return (self.share_high - self.share_low) / 2.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "answer": self.answer, "count": self.count, "share": self.share,
            "share_low": self.share_low, "share_high": self.share_high,
            "margin": self.margin, "weighted_count": self.weighted_count,
        }
        if len(self.answers) > 1:
            out["answers"] = list(self.answers)
        return out


@dataclass(frozen=True)
class SegmentShares:
    """The estimate within one segment (``low_base`` when its base is under the minimum)."""

    segment: str
    base: int
    weighted_base: float
    n_eff: float
    deff: float
    low_base: bool
    rows: tuple[ShareRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment, "base": self.base,
            "flag": LOW_BASE if self.low_base else None, "low_base": self.low_base,
            "weighted_base": self.weighted_base, "n_eff": self.n_eff,
            "deff": _finite(self.deff), "rows": [r.to_dict() for r in self.rows],
        }


@dataclass(frozen=True)
class VersusRest:
    """One segment's share against the other tested segments together."""

    segment: str
    share: float
    rest_share: float
    difference: float
    z: float
    p_value: float
    p_holm: float

    def to_dict(self) -> dict[str, Any]:
        return {"segment": self.segment, "share": self.share, "rest_share": self.rest_share,
                "difference": self.difference, "z": self.z, "p_value": self.p_value,
                "p_holm": self.p_holm}


@dataclass(frozen=True)
class DifferenceTest:
    """Does the share choosing ``answer`` differ across segments?"""

    answer: str
    statistic: float
    df: int
    p_value: float
    segments_tested: tuple[str, ...]
    segments_excluded: tuple[str, ...]
    versus_rest: tuple[VersusRest, ...]
    weighted: bool

    @property
    def method(self) -> str:
        return TEST_METHOD + ("; " + WEIGHTED_TEST_NOTE if self.weighted else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer, "test": "chi-square", "statistic": self.statistic,
            "df": self.df, "p_value": self.p_value, "method": self.method,
            "segments_tested": list(self.segments_tested),
            "segments_excluded": list(self.segments_excluded),
            "versus_rest": [v.to_dict() for v in self.versus_rest],
        }


@dataclass(frozen=True)
class SurveyShareResult:
    """Shares of one question (overall and, with ``by``, per segment) and the tests."""

    survey: str
    question: str
    multi: bool
    base: int
    weighted: bool
    weighted_base: float
    n_eff: float
    deff: float
    min_base: int
    rows: tuple[ShareRow, ...]
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    by: str | None = None
    segments: tuple[SegmentShares, ...] | None = None
    segment_missing: int = 0
    difference_tests: tuple[DifferenceTest, ...] = ()

    @property
    def method(self) -> str:
        return "wilson-kish" if self.weighted else "wilson"

    @property
    def low_base(self) -> bool:
        return self.base < self.min_base

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: question, base, weighted, rows, segments (only with ``by``),
        plus method, n_eff, deff and the difference tests."""
        out: dict[str, Any] = {
            "survey": self.survey, "question": self.question, "multi_select": self.multi,
            "base": self.base, "weighted": self.weighted, "method": self.method,
            "method_detail": METHODS[self.method], "confidence": 0.95, "z": Z95,
            "weighted_base": self.weighted_base, "n_eff": self.n_eff,
            "deff": _finite(self.deff), "min_base": self.min_base,
            "flag": LOW_BASE if self.low_base else None,
            "where": {col: list(values) for col, values in self.where},
            "rows": [r.to_dict() for r in self.rows],
        }
        if self.segments is not None:
            out["by"] = self.by
            out["segments"] = [s.to_dict() for s in self.segments]
            out["segment_missing"] = self.segment_missing
            out["difference_test"] = [t.to_dict() for t in self.difference_tests]
        return out

    def to_pandas(self) -> pd.DataFrame:
        """One row per answer: overall (``segment`` None), then per segment with ``by``;
        columns segment, base, answer, count, weighted_count, share, share_low,
        share_high, margin, low_base."""
        records: list[tuple[str | None, int, bool, ShareRow]] = [
            (None, self.base, self.low_base, r) for r in self.rows]
        for seg in self.segments or ():
            records += [(seg.segment, seg.base, seg.low_base, r) for r in seg.rows]
        columns = ["segment", "base", "answer", "count", "weighted_count", "share",
                   "share_low", "share_high", "margin", "low_base"]
        return pd.DataFrame(
            [[s, b, r.answer, r.count, r.weighted_count, r.share, r.share_low, r.share_high,
              r.margin, low] for s, b, low, r in records], columns=columns)

    def to_arrow(self) -> pa.Table:
        return pa.Table.from_pandas(self.to_pandas(), preserve_index=False)


def _normalise_where(where: Where | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not where:
        return ()
    merged: dict[str, list[str]] = {}
    pairs: list[tuple[str, Any]] = (
        list(where.items()) if isinstance(where, Mapping) else list(where)
    )
    for col, value in pairs:
        values = [value] if isinstance(value, str) else list(value)
        merged.setdefault(col, []).extend(v for v in values if v not in merged.get(col, []))
    return tuple((col, tuple(values)) for col, values in merged.items())


def _answers_frame(store: Store, name: str, question: str) -> pd.DataFrame:
    return store.survey_answers(name, question).to_pandas()


def _check_answers(name: str, question: str, wanted: Sequence[str], known: set[str]) -> None:
    missing = [a for a in wanted if a not in known]
    if missing:
        shown = sorted(known)[:15]
        raise SurveyError(
            f"survey {name!r}, question {question!r} has no answer {missing[0]!r}; answers "
            f"are: {', '.join(repr(a) for a in shown)}{' ...' if len(known) > 15 else ''}")


def _estimate(count: int, wsum: float, n: int, total_w: float, n_eff: float,
              weighted: bool) -> tuple[float | None, float | None, float | None]:
    if weighted:
        if total_w <= 0 or n_eff <= 0:
            return None, None, None
        share = wsum / total_w
        low, high = wilson_interval(share, n_eff)
        return share, low, high
    if n <= 0:
        return None, None, None
    share = count / n
    low, high = wilson_interval(share, n)
    return share, low, high


def _rows(labels: list[tuple[str, tuple[str, ...]]], counts: Mapping[str, int],
          wsums: Mapping[str, float], n: int, total_w: float, n_eff: float,
          weighted: bool) -> tuple[ShareRow, ...]:
    out = []
    for label, members in labels:
        count = int(counts.get(label, 0))
        wsum = float(wsums.get(label, 0.0))
        share, low, high = _estimate(count, wsum, n, total_w, n_eff, weighted)
        out.append(ShareRow(label, count, wsum, share, low, high, members))
    return tuple(out)


def survey_share(
    store: Store,
    *,
    name: str,
    question: str,
    answers: Sequence[str] | None = None,
    by: str | None = None,
    where: Where | None = None,
    min_base: int = 30,
    segment_order: Sequence[str] | None = None,
) -> SurveyShareResult:
    """Share of respondents choosing each answer of ``question`` among those who answered it.

    ``answers``: only these answers; two or more are reported together as one row (the share
    choosing any of them). ``where``: keep respondents whose answer to each named question is
    one of the given values (several values of one question: any; several questions: all).
    ``by``: a single-choice question whose answers define the segments, listed by base
    (largest first) unless ``segment_order`` names an order (unnamed segments follow).
    """
    info = get_survey(store, name)
    multi = require_question(store, name, question)
    weighted = info.weighted
    conditions = _normalise_where(where)
    frame = _answers_frame(store, name, question)
    if answers:
        _check_answers(name, question, answers, set(frame["answer"].unique()))
    base_ids = pd.Index(frame["respondent"].unique())
    for col, values in conditions:
        require_question(store, name, col)
        cond = _answers_frame(store, name, col)
        _check_answers(name, col, values, set(cond["answer"].unique()))
        base_ids = base_ids.intersection(cond.loc[cond["answer"].isin(values), "respondent"])
    if len(base_ids) == 0:
        raise SurveyError(f"no respondent of survey {name!r} answered {question!r}"
                          + (" with the --where filter" if conditions else ""))
    resp = store.survey_respondents(name).to_pandas().set_index("respondent")
    base = pd.DataFrame({"weight": resp["weight"].reindex(base_ids).to_numpy(float)},
                        index=base_ids)
    frame = frame[frame["respondent"].isin(base_ids)]
    if answers:
        members = tuple(dict.fromkeys(answers))
        label = " or ".join(members)
        chosen = frame.loc[frame["answer"].isin(members), ["respondent"]].drop_duplicates()
        chosen["label"] = label
        labels = [(label, members)]
    else:
        chosen = frame.rename(columns={"answer": "label"}).drop_duplicates()
        labels = []
    chosen = chosen.join(base, on="respondent")

    n = len(base)
    total_w = float(base["weight"].sum())
    n_eff = kish_n_eff(base["weight"].to_numpy()) if weighted else float(n)
    deff = n / n_eff if n_eff > 0 else float("nan")
    counts = chosen.groupby("label").size()
    wsums = chosen.groupby("label")["weight"].sum()
    if not answers:
        order = pd.DataFrame({"count": counts, "w": wsums})
        order = order.assign(key=order.index).sort_values(
            ["w" if weighted else "count", "key"], ascending=[False, True])
        labels = [(str(a), (str(a),)) for a in order.index]
    rows = _rows(labels, counts.to_dict(), wsums.to_dict(), n, total_w, n_eff, weighted)

    segments: tuple[SegmentShares, ...] | None = None
    tests: tuple[DifferenceTest, ...] = ()
    missing = 0
    if by is not None:
        if require_question(store, name, by):
            raise SurveyError(f"--by {by!r} is a multi-select question: segments must not "
                              "overlap; pick a single-choice question")
        seg = _answers_frame(store, name, by).drop_duplicates("respondent")
        seg_of = seg.set_index("respondent")["answer"]
        base = base.assign(segment=seg_of.reindex(base.index).to_numpy())
        missing = int(base["segment"].isna().sum())
        segmented = base.dropna(subset=["segment"])
        chosen = chosen.assign(segment=seg_of.reindex(chosen["respondent"]).to_numpy())
        segments, tests = _segments(labels, segmented, chosen.dropna(subset=["segment"]),
                                    weighted, min_base, segment_order or ())
    return SurveyShareResult(
        survey=name, question=question, multi=multi, base=n, weighted=weighted,
        weighted_base=total_w, n_eff=n_eff, deff=deff, min_base=min_base, rows=rows,
        where=conditions, by=by, segments=segments, segment_missing=missing,
        difference_tests=tests,
    )


def _segments(
    labels: list[tuple[str, tuple[str, ...]]], base: pd.DataFrame, chosen: pd.DataFrame,
    weighted: bool, min_base: int, order: Sequence[str],
) -> tuple[tuple[SegmentShares, ...], tuple[DifferenceTest, ...]]:
    stats = base.groupby("segment")["weight"].agg(
        n="size", w="sum", w2=lambda s: float(np.sum(np.square(s))))
    rank = {seg: i for i, seg in enumerate(order)}
    stats = stats.assign(key=stats.index, rank=[rank.get(k, len(rank)) for k in stats.index])
    stats = stats.sort_values(["rank", "n", "key"], ascending=[True, False, True])
    counts = chosen.groupby(["segment", "label"]).size()
    wsums = chosen.groupby(["segment", "label"])["weight"].sum()
    segments = []
    for seg, row in stats.iterrows():
        n, w, w2 = int(row["n"]), float(row["w"]), float(row["w2"])
        n_eff = (w * w / w2 if w2 > 0 else 0.0) if weighted else float(n)
        c = counts.xs(seg, level="segment").to_dict() if seg in counts.index.levels[0] else {}
        ws = wsums.xs(seg, level="segment").to_dict() if seg in wsums.index.levels[0] else {}
        segments.append(SegmentShares(
            segment=str(seg), base=n, weighted_base=w, n_eff=n_eff,
            deff=n / n_eff if n_eff > 0 else float("nan"), low_base=n < min_base,
            rows=_rows(labels, c, ws, n, w, n_eff, weighted)))
    tested = [s for s in segments if not s.low_base and s.n_eff > 0]
    excluded = tuple(s.segment for s in segments if s not in tested)
    tests = []
    if len(tested) >= 2:
        w2_of = stats["w2"].to_dict()
        for i, (label, _members) in enumerate(labels):
            tests.append(_difference(label, i, tested, excluded, w2_of, weighted))
    return tuple(segments), tuple(tests)


def _difference(label: str, i: int, tested: list[SegmentShares], excluded: tuple[str, ...],
                w2_of: Mapping[Any, float], weighted: bool) -> DifferenceTest:
    if weighted:
        shares = [float(s.rows[i].share or 0.0) for s in tested]
        sizes = [s.n_eff for s in tested]
        chose = [p * m for p, m in zip(shares, sizes, strict=True)]
    else:
        chose = [float(s.rows[i].count) for s in tested]
        sizes = [float(s.base) for s in tested]
        shares = [c / m for c, m in zip(chose, sizes, strict=True)]
    stat, df, p = chi_square_independence(chose, sizes)
    raw: list[tuple[str, float, float, float, float]] = []
    for j, s in enumerate(tested):
        others = [t for k, t in enumerate(tested) if k != j]
        if weighted:
            rest_w = sum(t.weighted_base for t in others)
            rest_p = sum(t.rows[i].weighted_count for t in others) / rest_w
            rest_w2 = sum(w2_of[t.segment] for t in others)
            rest_n = rest_w * rest_w / rest_w2
        else:
            rest_n = float(sum(t.base for t in others))
            rest_p = sum(t.rows[i].count for t in others) / rest_n
        z, pz = two_proportion_z(shares[j], sizes[j], rest_p, rest_n)
        raw.append((s.segment, shares[j], rest_p, z, pz))
    holm = holm_adjust([r[4] for r in raw])
    versus = tuple(VersusRest(seg, share, rest, share - rest, z, pz, ph)
                   for (seg, share, rest, z, pz), ph in zip(raw, holm, strict=True))
    return DifferenceTest(label, stat, df, p, tuple(s.segment for s in tested), excluded,
                          versus, weighted)


def segment_difference(
    store: Store,
    *,
    name: str,
    question: str,
    by: str,
    answers: Sequence[str] | None = None,
    where: Where | None = None,
    min_base: int = 30,
) -> tuple[DifferenceTest, ...]:
    """Tests of difference across the segments of ``by`` for each answer row of
    :func:`survey_share` (chi-square across segments, each segment vs the rest)."""
    result = survey_share(store, name=name, question=question, answers=answers, by=by,
                          where=where, min_base=min_base)
    return result.difference_tests
