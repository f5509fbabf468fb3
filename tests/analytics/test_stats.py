"""The intervals against statsmodels and scipy, and the issue's worked example."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats import rates as sm_rates
from statsmodels.stats.proportion import proportion_confint

from skillpulse.analytics.stats import rate_ratio_exact, wilson_interval


def test_wilson_matches_statsmodels() -> None:
    x = np.array([0, 1, 3, 50, 99, 100, 7])
    n = np.array([10, 10, 10, 100, 100, 100, 1234])
    share, low, high = wilson_interval(x, n)
    ref_low, ref_high = proportion_confint(x, n, alpha=0.05, method="wilson")
    np.testing.assert_allclose(share, x / n)
    np.testing.assert_allclose(low, ref_low, atol=1e-12)
    np.testing.assert_allclose(high, ref_high, atol=1e-12)
    ref90 = proportion_confint(7, 40, alpha=0.10, method="wilson")
    got90 = wilson_interval(7, 40, confidence=0.90)
    assert got90[1] == pytest.approx(ref90[0]) and got90[2] == pytest.approx(ref90[1])


def test_wilson_undefined_without_exposure() -> None:
    share, low, high = wilson_interval([0], [0])
    assert np.isnan(share[0]) and np.isnan(low[0]) and np.isnan(high[0])


def test_issue_example_intervals() -> None:
    # "1 search becoming 6 ... 0.73 to 276, while 400 becoming 560 ... 1.23 to 1.60"
    ratio, low, high = rate_ratio_exact([1, 400], 1000, [6, 560], 1000)
    assert ratio == pytest.approx([6.0, 1.4])
    assert low[0] == pytest.approx(0.73, abs=0.005)
    assert high[0] == pytest.approx(276, abs=0.5)
    assert low[1] == pytest.approx(1.23, abs=0.005)
    assert high[1] == pytest.approx(1.60, abs=0.005)


@pytest.mark.parametrize(
    ("x1", "e1", "x2", "e2"),
    [(1, 1000, 6, 1000), (400, 10_000, 560, 12_000), (7, 300, 3, 500), (25, 80, 40, 90)],
)
def test_rate_ratio_bounds_invert_the_exact_conditional_test(
    x1: int, e1: int, x2: int, e2: int
) -> None:
    ratio, low, high = rate_ratio_exact(x1, e1, x2, e2)
    assert ratio == pytest.approx((x2 / e2) / (x1 / e1))
    # statsmodels' exact conditional test, one-sided, is exactly at alpha/2 at each bound
    # (its count1/exposure1 is the numerator of the ratio)
    p_low = sm_rates.test_poisson_2indep(x2, e2, x1, e1, value=float(low), method="exact-cond",
                                alternative="larger").pvalue
    p_high = sm_rates.test_poisson_2indep(x2, e2, x1, e1, value=float(high), method="exact-cond",
                                 alternative="smaller").pvalue
    assert p_low == pytest.approx(0.025, abs=1e-9)
    assert p_high == pytest.approx(0.025, abs=1e-9)
    # and it is the Clopper-Pearson interval of x2 / (x1 + x2), mapped to the ratio
    cp_low, cp_high = proportion_confint(x2, x1 + x2, alpha=0.05, method="beta")
    assert low == pytest.approx(e1 / e2 * cp_low / (1 - cp_low))
    assert high == pytest.approx(e1 / e2 * cp_high / (1 - cp_high))


def test_rate_ratio_edge_cases() -> None:
    ratio, low, high = rate_ratio_exact([0, 4, 0, 3], [100, 100, 100, 0], [4, 0, 0, 3],
                                        [100, 100, 100, 10])
    # base zero: infinite ratio and upper bound, finite lower bound
    assert np.isinf(ratio[0]) and np.isinf(high[0])
    expected_low = stats.beta.ppf(0.025, 4, 1) / (1 - stats.beta.ppf(0.025, 4, 1))
    assert low[0] == pytest.approx(expected_low)
    # current zero: ratio 0, lower bound 0
    assert ratio[1] == 0 and low[1] == 0 and np.isfinite(high[1])
    # no events, or no exposure: undefined
    assert np.isnan(ratio[2]) and np.isnan(low[2]) and np.isnan(high[2])
    assert np.isnan(ratio[3])
