"""Plain arithmetic of a savings profile: ramp-up, spreading one-off costs, discounting.

Kept free of data so it can be checked by hand. Year 1 is the first year of cooperation.
Discounting at the Dutch standard discount rate of 2.25% (Werkgroep discontovoet 2020; in force
for cost-benefit analyses from 1 January 2021) unless the user sets another rate.
"""

from __future__ import annotations

import numpy as np

__all__ = ["annuity_factor", "discount_factors", "ramp", "spread", "verdict_of"]

#: Default discount rate (Werkgroep discontovoet 2020, standaarddiscontovoet).
DEFAULT_DISCOUNT_RATE = 0.0225
#: Default horizon in years.
DEFAULT_HORIZON = 10


def ramp(horizon: int, aanloop_jaren: int) -> np.ndarray:
    """Share of the steady-state saving reached in years 1..horizon: linear, full after the
    start-up years.

    >>> ramp(5, 3).tolist()
    [0.25, 0.5, 0.75, 1.0, 1.0]
    """
    years = np.arange(1, horizon + 1, dtype=float)
    return np.asarray(np.minimum(1.0, years / (aanloop_jaren + 1)))


def spread(total: float, over_years: int, horizon: int) -> np.ndarray:
    """A one-off cost spread evenly over the first ``over_years`` years (at least one).

    >>> spread(90.0, 3, 5).tolist()
    [30.0, 30.0, 30.0, 0.0, 0.0]
    """
    years = max(1, int(over_years))
    out = np.zeros(horizon)
    out[: min(years, horizon)] = total / years
    return out


def discount_factors(horizon: int, rate: float) -> np.ndarray:
    """1/(1+rate)^t for t = 1..horizon.

    >>> discount_factors(2, 0.25).tolist()
    [0.8, 0.64]
    """
    return np.asarray((1.0 + rate) ** -np.arange(1, horizon + 1, dtype=float))


def annuity_factor(horizon: int, rate: float) -> float:
    """Present value of 1 per year for ``horizon`` years; divide a one-off cost by it to get
    the equivalent annual cost.

    >>> round(annuity_factor(2, 0.25), 2)
    1.44
    """
    return float(discount_factors(horizon, rate).sum())


def verdict_of(p10: float, p90: float) -> str:
    """'besparing' when P10 > 0, 'meerkosten' when P90 < 0, else 'geen bewijs van besparing'.

    >>> verdict_of(-1.0, 2.0)
    'geen bewijs van besparing'
    """
    if p10 > 0:
        return "besparing"
    if p90 < 0:
        return "meerkosten"
    return "geen bewijs van besparing"
