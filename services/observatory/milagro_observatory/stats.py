"""Paired pre/post statistics: mean change with a 95% confidence interval (Student t)."""

import math
from dataclasses import dataclass

# Two-sided 95% critical values of Student's t by degrees of freedom.
_T95 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}


def t95(df: int) -> float:
    """The 97.5th percentile of t with `df` degrees of freedom (interpolated in 1/df)."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df in _T95:
        return _T95[df]
    known = sorted(_T95)
    upper = next((k for k in known if k > df), None)
    lower = max(k for k in known if k < df)
    high_df, high_t = (math.inf, 1.959964) if upper is None else (upper, _T95[upper])
    weight = (1 / lower - 1 / df) / (1 / lower - (0 if high_df == math.inf else 1 / high_df))
    return _T95[lower] + weight * (high_t - _T95[lower])


@dataclass(frozen=True)
class Change:
    n: int
    mean: float
    ci_low: float | None
    ci_high: float | None


def paired_change(n: int, mean: float, sd: float | None) -> Change:
    """The mean of n paired differences and its 95% CI (none for a single pair)."""
    if n < 2 or sd is None:
        return Change(n, mean, None, None)
    half = t95(n - 1) * sd / math.sqrt(n)
    return Change(n, mean, mean - half, mean + half)
