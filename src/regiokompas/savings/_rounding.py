"""Rounding an amount to what its band supports: one rule for every renderer.

A band P10–P90 of width w carries about two significant figures of w; finer digits are noise.
The step is 10^(⌊log10 w⌋ − 1): a band 1.234–1.789 (w = 0.555) rounds to 0.01, a band
120–980 k€ to 10 k€. Rounding to one step is monotone, so P10 ≤ P50 ≤ P90 survives it and the
point never leaves its band. A band of zero width keeps two significant figures of the value.
"""

from __future__ import annotations

import math

__all__ = ["band_decimals", "band_step", "round_to_band", "whole_units"]


def band_step(p10: float, p90: float, fallback: float = 0.0) -> float:
    """The rounding step for a band: two significant figures of its width.

    >>> band_step(1.234, 1.789), band_step(120.0, 980.0), band_step(5.0, 5.0, fallback=1234.0)
    (0.01, 10.0, 100.0)
    """
    width = abs(p90 - p10)
    base = width if width > 0 else abs(fallback)
    if not math.isfinite(base) or base == 0:
        return 0.0
    return float(10.0 ** (math.floor(math.log10(base)) - 1))


def _round(value: float, step: float) -> float:
    if step == 0 or not math.isfinite(value):
        return value
    out = round(value / step) * step
    # Clean binary noise (0.30000000000000004) by rounding to the step's decimals.
    decimals = max(0, -math.floor(math.log10(step)))
    return float(round(out, decimals)) + 0.0  # + 0.0 turns −0.0 into 0.0


def round_to_band(p10: float, p50: float, p90: float) -> tuple[float, float, float]:
    """P10, P50 and P90 rounded to two significant figures of the band width.

    >>> round_to_band(1234.5, 1580.2, 1789.9)
    (1230.0, 1580.0, 1790.0)
    >>> round_to_band(-0.0412, 0.0031, 0.0533)
    (-0.041, 0.003, 0.053)
    """
    step = band_step(p10, p90, fallback=p50)
    return _round(p10, step), _round(p50, step), _round(p90, step)


def band_decimals(p10: float, p50: float, p90: float) -> int:
    """Decimals a renderer prints for a band rounded by :func:`round_to_band` (0 for a step
    of 1 or more), so every renderer shows the digits the band supports and no others.

    >>> band_decimals(1230.0, 1580.0, 1790.0), band_decimals(-3.6, 0.4, 4.3)
    (0, 1)
    """
    step = band_step(p10, p90, fallback=p50)
    if step == 0 or step >= 1:
        return 0
    return max(0, round(-math.log10(step)))


def whole_units(value: float) -> int:
    """A count of tangible things (kunstgrasvelden): whole, rounded down, never negative.

    >>> whole_units(17.9), whole_units(-2.0)
    (17, 0)
    """
    if not math.isfinite(value) or value <= 0:
        return 0
    return int(math.floor(value + 1e-9))
