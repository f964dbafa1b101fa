"""Scenario values: what every candidate group is worth under S draws of the savings model.

A draw of the literature savings model fixes one saving rate per taakveld for the whole
country (the priors say how much cooperation on a taakveld saves, not how much it saves for
one group), and a group's saving on taakveld ``t`` is that rate times a factor of the group
(its members' cooperable lasten, capped at the schaalgrens: ``savings/_fast.py``). So the net
value of group ``S`` in draw ``s`` is exactly

    v_s(S) = f(S) + sum_t a_t(S) * r_st,

with ``r_st`` the drawn rate of taakveld ``t`` (``SavingsEngine.literature_draws``, the draws
``estimate`` uses, so a recalibrated draw model flows in here), ``a_t(S)`` the group's saving
per unit of rate (``group_values_detail`` per taakveld of the same engine with that rate set
through ``with_prior_overrides``: most priors have a P50 of 0, so scaling the P50 saving would
not do) and ``f(S)`` minus its transaction costs and priced autonomy loss. The draws are
common to all groups, so partitions are compared on the same futures (common random numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from regiokompas.partition._errors import ScenarioError

__all__ = ["ScenarioScorer", "ScenarioValues", "engine_scenarios"]

#: The saving rate set on every taakveld of the engine that measures savings per unit of rate
#: (any rate the priors accept; savings are linear in it).
UNIT_RATE = 0.5


@dataclass(frozen=True, eq=False)
class ScenarioValues:
    """Values of ``m`` groups in ``S`` draws: ``fixed + loadings @ multipliers[s]`` (k€/yr).

    ``fixed`` (m,), ``loadings`` (m, T), ``multipliers`` (S, T) (the drawn rates) and
    ``center`` (T,), the rates of the point estimate (the P50 of every taakveld).

    >>> import numpy as np
    >>> sv = ScenarioValues(np.array([-1.0]), np.array([[2.0]]), np.array([[0.5], [1.5]]),
    ...                     np.array([1.0]))
    >>> sv.draw(1).tolist(), sv.point().tolist(), sv.matrix().tolist()
    ([2.0], [1.0], [[0.0], [2.0]])
    """

    fixed: NDArray[np.float64]
    loadings: NDArray[np.float64]
    multipliers: NDArray[np.float64]
    center: NDArray[np.float64]

    @property
    def draws(self) -> int:
        """Number of draws ``S``."""
        return int(self.multipliers.shape[0])

    def draw(self, s: int) -> NDArray[np.float64]:
        """Values of every group in draw ``s``."""
        return np.asarray(self.fixed + self.loadings @ self.multipliers[s])

    def point(self) -> NDArray[np.float64]:
        """Values at the point estimate (the P50 rates): what the plain optimiser uses."""
        return np.asarray(self.fixed + self.loadings @ self.center)

    def mean(self) -> NDArray[np.float64]:
        """Mean value over the draws (the sample average approximation)."""
        return np.asarray(self.fixed + self.loadings @ self.multipliers.mean(axis=0))

    def matrix(self, rows: NDArray[np.int64] | None = None) -> NDArray[np.float64]:
        """Draws × groups (all groups, or ``rows``)."""
        fixed = self.fixed if rows is None else self.fixed[rows]
        loadings = self.loadings if rows is None else self.loadings[rows]
        return np.asarray(fixed[None, :] + self.multipliers @ loadings.T)


class ScenarioScorer(Protocol):
    """``scenarios(groups, nodes) -> ScenarioValues`` with the same draws on every call."""

    def __call__(
        self, groups: NDArray[np.int32], nodes: Sequence[str]
    ) -> ScenarioValues: ...  # pragma: no cover


class _EngineScenarios:
    def __init__(
        self,
        engine: Any,
        taakvelden: Sequence[str],
        vorm: str,
        autonomy_price: float,
        draws: int,
        seed: int,
    ) -> None:
        if not 2 <= draws <= 10_000:
            raise ScenarioError(
                "Het aantal trekkingen moet tussen 2 en 10.000 liggen.",
                "The number of draws must be between 2 and 10,000.",
            )
        self.engine = engine
        self.reeksen: tuple[str, ...] = tuple(engine.taakvelden(list(taakvelden)))
        self.vorm = vorm
        self.autonomy_price = float(autonomy_price)
        priors = engine.assumptions.priors
        order = list(priors)
        rng = np.random.default_rng(seed)
        fits = getattr(getattr(engine, "model", None), "fits", {}) or {}
        columns = []
        for reeks in self.reeksen:
            if engine.mode == "fitted" and reeks in fits:
                raise ScenarioError(
                    f"Scenario's zijn er nog alleen voor de literatuurmodus; taakveld {reeks} "
                    "gebruikt in modus fitted de geschatte kostencurve. Gebruik --modus "
                    "literature of custom.",
                    f"Scenarios exist only for the literature mode so far; taakveld {reeks} "
                    "uses the fitted cost curve in mode fitted. Use --modus literature or custom.",
                )
            columns.append(np.asarray(engine.literature_draws(order.index(reeks), draws, rng)))
        self.multipliers = np.column_stack(columns).astype(np.float64)
        self.center = np.array([float(priors[r].besparing_p50) for r in self.reeksen])
        unit = {
            r: {"besparing_p10": UNIT_RATE, "besparing_p50": UNIT_RATE, "besparing_p90": UNIT_RATE}
            for r in self.reeksen
        }
        self.unit_engine = type(engine)(
            engine.ds,
            engine.assumptions.with_prior_overrides(unit),
            engine.model,
            engine.mode,
            horizon=engine.horizon,
            discount_rate=engine.discount_rate,
        )

    def __call__(self, groups: NDArray[np.int32], nodes: Sequence[str]) -> ScenarioValues:
        rows = np.asarray(self.engine.row_numbers(list(nodes)), dtype=np.int64)
        batch = np.where(groups >= 0, rows[np.maximum(groups, 0)], -1)
        savings, transaction, autonomy = self.engine.group_values_detail(
            batch, list(self.reeksen), self.vorm
        )
        del savings  # the P50 saving: loadings @ center
        loadings = np.column_stack(
            [
                np.asarray(self.unit_engine.group_values_detail(batch, [r], self.vorm)[0], float)
                / UNIT_RATE
                for r in self.reeksen
            ]
        )
        fixed = -(np.asarray(transaction, float) + self.autonomy_price * np.asarray(autonomy))
        return ScenarioValues(fixed, loadings, self.multipliers, self.center)


def engine_scenarios(
    engine: Any,
    taakvelden: Sequence[str],
    vorm: str = "bedrijfsvoeringsorganisatie",
    autonomy_price: float = 0.0,
    *,
    draws: int = 100,
    seed: int = 0,
) -> ScenarioScorer:
    """Scenario values from a :class:`~regiokompas.savings.SavingsEngine` (literature or custom
    mode): ``draws`` draws of every taakveld's saving rate, fixed by ``seed`` and shared by
    every call, so groups valued in separate calls meet the same futures."""
    return _EngineScenarios(engine, taakvelden, vorm, autonomy_price, draws, seed)
