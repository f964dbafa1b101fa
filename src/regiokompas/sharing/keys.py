"""Verdeelsleutels as Dutch gemeenschappelijke regelingen use them, and rounding to the cent.

A key splits the group's cost ``c(N)`` in proportion to a weight per member: inhabitants
(per inwoner), current spending on the task (naar gebruik), or a fixed part in equal shares
plus the rest per inwoner (vast + variabel). Proportional keys ignore what members could do
alone, which is why they can charge a member more than its stand-alone cost (H. P. Young,
N. Okada & T. Hashimoto (1982), "Cost allocation in water resources development", Water
Resources Research 18, 463-475, on Swedish municipalities).

>>> per_share(90.0, [1, 2]).tolist()
[30.0, 60.0]
>>> round_to_cents([1/3, 1/3, 1/3], 1.0)
[0.34, 0.33, 0.33]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from regiokompas.sharing._errors import SharingError

__all__ = ["fixed_plus_variable", "per_share", "round_to_cents"]

FloatArray = npt.NDArray[np.float64]


def per_share(total: float, weights: Sequence[float] | FloatArray) -> FloatArray:
    """Split ``total`` in proportion to non-negative ``weights`` (which must not all be 0)."""
    w = np.asarray(weights, dtype=np.float64)
    if (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
        raise SharingError(
            "Een verdeelsleutel heeft niet-negatieve gewichten nodig die niet allemaal 0 zijn.",
            "A cost-sharing key needs non-negative weights that are not all 0.",
        )
    return np.asarray(total * w / w.sum(), dtype=np.float64)


def fixed_plus_variable(
    total: float, weights: Sequence[float] | FloatArray, fixed_share: float = 0.5
) -> FloatArray:
    """``fixed_share`` of ``total`` in equal parts, the rest in proportion to ``weights``.

    >>> fixed_plus_variable(100.0, [1, 3], 0.5).tolist()
    [37.5, 62.5]
    """
    if not 0.0 <= fixed_share <= 1.0:
        raise SharingError(
            f"Het vaste deel moet tussen 0 en 1 liggen (nu {fixed_share}).",
            f"The fixed share must lie between 0 and 1 (got {fixed_share}).",
        )
    n = len(weights)
    equal = np.full(n, total * fixed_share / n)
    return equal + per_share(total * (1.0 - fixed_share), weights)


def round_to_cents(
    values: Sequence[float] | FloatArray, total: float, decimals: int = 2
) -> list[float]:
    """Round ``values`` to ``decimals`` so that they add up exactly to ``total`` rounded.

    Largest-remainder (Hamilton) rounding: every value is floored to the unit, and the units
    still missing go to the values with the largest remainders (ties to the earlier player).
    With ``sum(values) == total`` no value moves by a full unit.
    """
    unit = 10**decimals
    scaled = np.asarray(values, dtype=np.float64) * unit
    target = int(round(total * unit))
    floors = np.floor(scaled + 1e-9)  # 1e-9: an exact 0.29*100 = 28.999999999999996 stays 29
    remainder = scaled - floors
    missing = target - int(floors.sum())
    order = np.argsort(-remainder, kind="stable")
    units = floors.astype(np.int64)
    if missing >= 0:
        for k in range(missing):
            units[order[k % len(units)]] += 1
    else:
        for k in range(-missing):
            units[order[::-1][k % len(units)]] -= 1
    return [int(u) / unit for u in units]
