"""Frozen result objects of the savings engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from regiokompas.savings._rounding import round_to_band

__all__ = ["GroupValue", "Range", "SavingsEstimate", "Tangible", "YearFigure"]


@dataclass(frozen=True)
class Range:
    """P10/P50/P90 of an uncertain amount (k€ unless stated otherwise)."""

    p10: float
    p50: float
    p90: float

    @classmethod
    def of(cls, draws: np.ndarray) -> Range:
        """Percentiles of a 1-D array of draws."""
        p10, p50, p90 = np.percentile(draws, [10, 50, 90])
        return cls(float(p10), float(p50), float(p90))

    @classmethod
    def columns(cls, draws: np.ndarray) -> list[Range]:
        """Percentiles of each column of a (draws × k) array, in one pass."""
        p10, p50, p90 = np.percentile(draws, [10, 50, 90], axis=0)
        return [cls(float(a), float(b), float(c)) for a, b, c in zip(p10, p50, p90, strict=True)]

    def spans_zero(self) -> bool:
        """True when P10 ≤ 0 ≤ P90."""
        return self.p10 <= 0.0 <= self.p90

    @property
    def punt(self) -> float:
        """The point to show: the median of the same draws, so never outside P10–P90."""
        return self.p50

    @property
    def afgerond(self) -> Range:
        """The band rounded to two significant figures of its width (the one rounding rule
        every renderer uses; see :func:`regiokompas.savings.round_to_band`).

        >>> Range(1234.5, 1580.2, 1789.9).afgerond
        Range(p10=1230.0, p50=1580.0, p90=1790.0)
        """
        return Range(*round_to_band(self.p10, self.p50, self.p90))


@dataclass(frozen=True)
class YearFigure:
    """One year of the profile: gross saving, one-off and governance costs, net (k€)."""

    jaar: int
    bruto: Range
    eenmalige_kosten: float
    bestuurskosten: float
    netto: Range


@dataclass(frozen=True)
class Tangible:
    """What the saving buys: ``aantal`` units of ``naam`` (from the NPV for one-off units,
    from the steady-state annual saving for yearly units), in whole units and only when the
    verdict is 'besparing' (zero otherwise)."""

    eenheid: str
    naam: str
    soort: str
    kosten_keur: float
    aantal: Range
    bron: str


@dataclass(frozen=True)
class SavingsEstimate:
    """Savings of one group on one or more taakvelden under one form (amounts in k€).

    ``total`` and ``per_member`` are steady-state net savings per year (after governance);
    ``bruto`` before governance; ``npv`` the net present value over the horizon including
    start-up years, one-off costs and the exit costs of members leaving an arrangement they
    are in (``npv_per_member`` per member). ``verdict`` is the one rule: 'besparing' when the
    NPV's P10 > 0, 'meerkosten' when its P90 < 0, else 'geen bewijs van besparing'; in the
    exploratory mode ``fitted`` it is 'verkenning'. ``verdict_bruto`` applies the rule to
    ``bruto``. Every point is the median of its draws (``Range.punt``); ``Range.afgerond``
    rounds to what the band supports. ``bestaande``: member → series → "al in <regeling>
    (bron, jaar)" where the register shows the member already cooperates on that taakveld.
    """

    members: tuple[str, ...]
    namen: tuple[str, ...]
    taakvelden: tuple[str, ...]
    vorm: str
    mode: str
    draws: int
    bruto: Range
    per_taakveld: dict[str, Range]
    total: Range
    npv: Range
    per_member: dict[str, Range]
    verdict: str
    verdict_bruto: str
    yearly: tuple[YearFigure, ...]
    transaction_cost_keur: float
    one_off_cost_keur: float
    exit_cost_keur: dict[str, float]
    autonomy_loss: float
    autonomy_per_taakveld: dict[str, float]
    standalone_keur: dict[str, float]
    cooperable_keur: dict[str, float]
    tangible: tuple[Tangible, ...]
    assumptions: dict[str, object]
    sources: tuple[str, ...]
    npv_per_member: dict[str, Range] = field(default_factory=dict)
    netto_per_jaar: Range = Range(0.0, 0.0, 0.0)
    bestaande: dict[str, dict[str, str]] = field(default_factory=dict)
    uittreedkosten_bestaand: dict[str, float] = field(default_factory=dict)
    oordeel_basis: str = ""

    @property
    def bruto_pct(self) -> Range:
        """Gross saving as a percentage of the members' current lasten on these taakvelden."""
        base = sum(self.standalone_keur.values())
        if base <= 0:
            return Range(0.0, 0.0, 0.0)
        return Range(
            100 * self.bruto.p10 / base, 100 * self.bruto.p50 / base, 100 * self.bruto.p90 / base
        )


@dataclass(frozen=True)
class GroupValue:
    """Fast point value of a group, for search (k€ per year; no bootstrap).

    ``transaction_keur`` is the annual governance cost plus the one-off set-up and start-up
    costs turned into an equal annual amount over the horizon at the discount rate.
    ``autonomy_loss`` is in points: members × Σ over taakvelden of the form's autonomy score.
    """

    savings_keur: float
    transaction_keur: float
    autonomy_loss: float
    net_keur: float
