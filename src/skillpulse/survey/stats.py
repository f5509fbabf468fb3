"""The statistics behind survey estimates: Wilson intervals, Kish's effective sample size,
and tests of difference between segments. Pure functions of numbers; no store access.

Formulas (z = 1.959964 for 95%):

- Wilson score interval for a proportion p from n respondents:
  ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``.
- Kish effective sample size of weights w: ``n_eff = (Σw)² / Σw²``; design effect
  ``deff = n / n_eff``. For weighted data the Wilson interval uses the weighted share and n_eff.
- Chi-square test of independence on the segments x (chose, did not choose) table, without
  continuity correction; for weighted data each segment's row is ``(p_s·n_eff_s,
  (1-p_s)·n_eff_s)`` (counts rescaled to the effective sample size).
- Each segment against the rest: pooled two-proportion z-test, two-sided, with Holm-adjusted
  p-values across the segments of one test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats as _st

#: z for a two-sided 95% interval.
Z95 = float(_st.norm.ppf(0.975))


def wilson_interval(share: float, n: float, *, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``share`` observed on ``n`` (possibly effective,
    non-integer) respondents. ``n`` must be positive."""
    if n <= 0:
        raise ValueError("wilson_interval needs n > 0")
    p = min(max(share, 0.0), 1.0)
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def kish_n_eff(weights: Sequence[float] | np.ndarray) -> float:
    """Kish's effective sample size ``(Σw)² / Σw²`` (0 when there are no positive weights)."""
    w = np.asarray(weights, dtype=float)
    sq = float(np.sum(w * w))
    if sq <= 0.0:
        return 0.0
    total = float(np.sum(w))
    return total * total / sq


def chi_square_independence(
    chose: Sequence[float] | np.ndarray, totals: Sequence[float] | np.ndarray
) -> tuple[float, int, float]:
    """Chi-square test that the share choosing is the same in every segment.

    ``chose[i]`` of ``totals[i]`` chose the answer in segment ``i``. Returns (statistic,
    degrees of freedom, p-value). When nobody (or everybody) chose the answer the shares are
    identical by construction: statistic 0, p-value 1.
    """
    a = np.asarray(chose, dtype=float)
    n = np.asarray(totals, dtype=float)
    k = len(a)
    if k < 2:
        raise ValueError("a test of difference needs at least two segments")
    df = k - 1
    total_a, total_n = float(a.sum()), float(n.sum())
    if total_a <= 0.0 or total_a >= total_n:
        return 0.0, df, 1.0
    p = total_a / total_n
    expected_a = n * p
    expected_b = n * (1.0 - p)
    stat = float(np.sum((a - expected_a) ** 2 / expected_a)
                 + np.sum(((n - a) - expected_b) ** 2 / expected_b))
    return stat, df, float(_st.chi2.sf(stat, df))


def two_proportion_z(p1: float, n1: float, p2: float, n2: float) -> tuple[float, float]:
    """Pooled two-proportion z-test of p1 (on n1) against p2 (on n2): (z, two-sided p)."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError("two_proportion_z needs n1 > 0 and n2 > 0")
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    if var <= 0.0:
        return 0.0, 1.0
    z = (p1 - p2) / math.sqrt(var)
    return z, float(2.0 * _st.norm.sf(abs(z)))


def holm_adjust(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjustment of a family of p-values (same order as given)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted
