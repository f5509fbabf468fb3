"""The statistics, on small aggregated tables: Wilson intervals for shares and the exact
conditional interval for a ratio of two Poisson rates.

Both are vectorised over numpy arrays and return NaN where a figure is undefined (no
exposure, no events).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]

#: Default confidence level of every interval skillpulse reports.
CONFIDENCE = 0.95


def _z(confidence: float) -> float:
    return float(stats.norm.isf((1.0 - confidence) / 2.0))


def wilson_interval(
    count: npt.ArrayLike, exposure: npt.ArrayLike, confidence: float = CONFIDENCE
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Share ``count / exposure`` and its Wilson score interval.

    ``low, high = (x + z²/2 ± z·sqrt(x(n-x)/n + z²/4)) / (n + z²)``. NaN where ``n == 0``.
    """
    x = np.asarray(count, dtype=np.float64)
    n = np.asarray(exposure, dtype=np.float64)
    z = _z(confidence)
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(n > 0, x / n, np.nan)
        center = (x + z2 / 2.0) / (n + z2)
        half = z / (n + z2) * np.sqrt(np.maximum(x * (n - x) / n, 0.0) + z2 / 4.0)
        low = np.where(n > 0, np.clip(center - half, 0.0, 1.0), np.nan)
        high = np.where(n > 0, np.clip(center + half, 0.0, 1.0), np.nan)
    return share, low, high


def rate_ratio_exact(
    count1: npt.ArrayLike,
    exposure1: npt.ArrayLike,
    count2: npt.ArrayLike,
    exposure2: npt.ArrayLike,
    confidence: float = CONFIDENCE,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Ratio of rates ``(x2/E2) / (x1/E1)`` with its exact conditional interval.

    Given ``x1 + x2``, ``x2`` is binomial with ``p = E2·r / (E1 + E2·r)``. The Clopper-Pearson
    bounds of ``p`` turn into bounds of ``r = E1·p / (E2·(1 - p))``. This is the interval
    that inverts the equal-tailed exact conditional test (statsmodels'
    ``test_poisson_2indep(..., method="exact-cond")`` one-sided at each bound).
    The ratio is NaN when ``x1 + x2 == 0`` or an exposure is 0; ``inf`` when ``x1 == 0``.
    """
    x1 = np.asarray(count1, dtype=np.float64)
    x2 = np.asarray(count2, dtype=np.float64)
    e1 = np.asarray(exposure1, dtype=np.float64)
    e2 = np.asarray(exposure2, dtype=np.float64)
    x1, x2, e1, e2 = np.broadcast_arrays(x1, x2, e1, e2)
    alpha = 1.0 - confidence
    total = x1 + x2
    valid = (total > 0) & (e1 > 0) & (e2 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_low = np.where(
            (x2 > 0) & valid, stats.beta.ppf(alpha / 2.0, np.maximum(x2, 1), x1 + 1), 0.0
        )
        p_high = np.where(
            (x1 > 0) & valid, stats.beta.ppf(1.0 - alpha / 2.0, x2 + 1, np.maximum(x1, 1)), 1.0
        )
        scale = e1 / e2
        ratio = np.where(valid, np.where(x1 > 0, (x2 / e2) / (x1 / e1), np.inf), np.nan)
        low = np.where(valid, scale * p_low / (1.0 - p_low), np.nan)
        high = np.where(valid & (p_high < 1.0), scale * p_high / (1.0 - p_high), np.inf)
        high = np.where(valid, high, np.nan)
    return ratio, low, high


def pct_change(ratio: npt.ArrayLike) -> FloatArray:
    """``(ratio - 1) · 100``: the percent change a ratio stands for."""
    r = np.asarray(ratio, dtype=np.float64)
    return (r - 1.0) * 100.0
