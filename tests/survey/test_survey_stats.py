"""The formulas, against statsmodels / scipy and hand computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from skillpulse.survey.stats import (
    chi_square_independence,
    holm_adjust,
    kish_n_eff,
    two_proportion_z,
    wilson_interval,
)


@pytest.mark.parametrize(("count", "n"), [(0, 10), (1, 10), (686, 1400), (13000, 18787),
                                          (29, 30), (30, 30), (5, 7)])
def test_wilson_matches_statsmodels(count: int, n: int) -> None:
    low, high = wilson_interval(count / n, n)
    exp_low, exp_high = proportion_confint(count, n, alpha=0.05, method="wilson")
    assert low == pytest.approx(exp_low, abs=1e-12)
    assert high == pytest.approx(exp_high, abs=1e-12)


def test_49_percent_of_1400_is_plus_or_minus_2_6_points() -> None:
    low, high = wilson_interval(0.49, 1400)
    half = (high - low) / 2
    assert round(100 * half, 1) == 2.6
    # the textbook normal-approximation margin agrees at this size
    assert 1.959964 * math.sqrt(0.49 * 0.51 / 1400) == pytest.approx(half, abs=5e-4)


def test_wilson_with_non_integer_effective_n_is_wider() -> None:
    narrow = wilson_interval(0.4, 1000)
    wide = wilson_interval(0.4, 612.5)
    assert wide[1] - wide[0] > narrow[1] - narrow[0]
    # with n_eff the interval is the statsmodels Wilson interval at that n (count = p * n)
    exp = proportion_confint(0.4 * 612.5, 612.5, method="wilson")
    assert wide == pytest.approx(exp, abs=1e-12)


def test_kish_by_hand() -> None:
    w = [1.0, 2.0, 3.0, 0.5]
    # (6.5)^2 / (1 + 4 + 9 + 0.25) = 42.25 / 14.25
    assert kish_n_eff(w) == pytest.approx(42.25 / 14.25)
    assert kish_n_eff([2.0] * 10) == pytest.approx(10.0)
    assert kish_n_eff([]) == 0.0


def test_chi_square_matches_scipy() -> None:
    chose = np.array([30, 55, 20])
    totals = np.array([100, 120, 80])
    stat, df, p = chi_square_independence(chose, totals)
    table = np.stack([chose, totals - chose], axis=1)
    exp_stat, exp_p, exp_df, _ = chi2_contingency(table, correction=False)
    assert stat == pytest.approx(exp_stat)
    assert p == pytest.approx(exp_p)
    assert df == exp_df


def test_chi_square_when_nobody_chose() -> None:
    assert chi_square_independence([0, 0], [10, 20]) == (0.0, 1, 1.0)
    assert chi_square_independence([10, 20], [10, 20]) == (0.0, 1, 1.0)


def test_two_proportion_z_matches_statsmodels() -> None:
    z, p = two_proportion_z(45 / 100, 100, 30 / 120, 120)
    exp_z, exp_p = proportions_ztest([45, 30], [100, 120])
    assert z == pytest.approx(exp_z)
    assert p == pytest.approx(exp_p)


def test_holm_matches_statsmodels() -> None:
    pvals = [0.01, 0.04, 0.03, 0.2, 0.001]
    _, expected, _, _ = multipletests(pvals, method="holm")
    assert holm_adjust(pvals) == pytest.approx(list(expected))
