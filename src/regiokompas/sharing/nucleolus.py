"""Nucleolus, prenucleolus and least core of a cost game by sequential linear programs.

Sources: D. Schmeidler (1969), "The nucleolus of a characteristic function game", SIAM J. Appl.
Math. 17, 1163-1170; M. Maschler, B. Peleg & L. S. Shapley (1979), "Geometric properties of the
kernel, nucleolus and related solution concepts", Math. Oper. Res. 4, 303-338 (least core,
sequential LPs); the fixing rule by positive duals and the removal of coalitions whose excess is
already determined follow the standard primal-dual scheme surveyed in J. Guajardo & K. Jörnsten
(2015), "Common mistakes in computing the nucleolus", EJOR 241, 931-935.

Cost-game convention: the excess of ``S`` at allocation ``x`` is ``e(S) = x(S) − c(S)``; ``S``
complains when ``e(S) > 0`` (it pays more than it would cost on its own). The nucleolus
minimises the largest excess, then the next largest, and so on (lexicographically), over
imputations (``x(N) = c(N)``, ``x_i ≤ c({i})``); the prenucleolus drops ``x_i ≤ c({i})``.

Level ``k`` solves ``min ε`` s.t. ``x(S) − ε ≤ c(S)`` for every coalition whose excess is not yet
fixed, ``x(S) = c(S) + ε_j`` for coalitions fixed at earlier levels ``j``, ``x(N) = c(N)``. The
``2**n`` rows are never all built: the LP starts from the singletons and their complements and
coalitions are added while a vectorised scan over all bitmasks finds one whose excess exceeds
the current ε (constraint generation). At the optimum, rows (and bounds ``x_i ≤ c({i})``) with a
positive dual are tight in every optimal solution and get fixed; a coalition whose indicator
vector lies in the span of the fixed ones has a constant excess from then on and leaves the
problem. Each level raises that span's rank by at least one, so there are at most ``n − 1``
levels; membership of the span is tested for all bitmasks at once with two random vectors
orthogonal to it.

>>> from regiokompas.sharing.game import CostGame
>>> runway = {"a": 1.0, "b": 2.0, "c": 3.0}  # airport game: a coalition pays its longest runway
>>> airport = CostGame.from_function(list(runway), lambda s: max(runway[p] for p in s))
>>> nucleolus(airport).allocation.round(6).tolist()
[0.5, 0.75, 1.75]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from regiokompas._highs import new_highs
from regiokompas.sharing._errors import SharingError
from regiokompas.sharing.game import _BLOCK_BITS, CostGame, _blocks, _subset_sums, mask_members

__all__ = ["NucleolusResult", "least_core", "nucleolus", "prenucleolus"]

FloatArray = npt.NDArray[np.float64]
Domain = Literal["imputatie", "pre-imputatie"]


def _null_space(a: FloatArray) -> FloatArray:
    """An orthonormal basis (columns) of the null space of ``a``: the right singular vectors
    beyond the numerical rank, with the rank cut-off of ``scipy.linalg.null_space``
    (``max(m, n) · eps · σ_max``). In numpy, because importing ``scipy.linalg`` for this one
    call cost the ``verdeel`` command about a tenth of a second at every start.

    >>> _null_space(np.array([[1.0, 1.0]])).round(6).ravel().tolist()
    [-0.707107, 0.707107]
    """
    _u, s, vh = np.linalg.svd(a, full_matrices=True)
    tol = np.amax(s, initial=0.0) * np.finfo(s.dtype).eps * max(a.shape)
    rank = int(np.sum(s > tol, dtype=int))
    return np.asarray(vh[rank:, :].T.conj(), dtype=np.float64)


def _new_highs() -> Any:
    solver = new_highs()
    solver.setOptionValue("presolve", "off")  # small LPs re-solved many times: warm start wins
    return solver


@dataclass(frozen=True)
class NucleolusResult:
    """The (pre)nucleolus with the excess level fixed at each LP stage.

    ``levels[0]`` is the least-core value on the chosen domain: ``<= 0`` iff the core is
    non-empty. ``lp_solves`` counts LP (re)solves including constraint-generation rounds.
    """

    allocation: FloatArray
    levels: tuple[float, ...]
    domain: Domain
    lp_solves: int

    @property
    def least_core_value(self) -> float:
        """Smallest ε for which every coalition pays at most its own cost plus ε."""
        return self.levels[0]


class _Solver:
    """State of one sequential-LP run: the HiGHS model, the working rows and the fixed span."""

    def __init__(self, game: CostGame, domain: Domain) -> None:
        import highspy

        self.game = game
        self.n = n = game.n
        self.inf = highspy.kHighsInf
        # The LPs see costs divided by the largest |c(S)|: HiGHS's tolerances are absolute, and
        # engine games run to 10^5 k€. Results are scaled back in run().
        self.scale = float(np.abs(game.costs).max()) or 1.0
        self.tol = 1e-9
        grand = game.grand_cost / self.scale
        self.h = _new_highs()
        upper = game.standalone() / self.scale if domain == "imputatie" else np.full(n, self.inf)
        # ε needs a floor: a working set without complementary pairs would be unbounded. The
        # true level is at least (c(N) − c(S) − c(N∖S)) / 2 >= −|c(N)|/2 − 1 (scaled, |c| <= 1).
        floor = -(abs(grand) + 2.0)
        self.h.addVars(n + 1, np.r_[np.full(n, -self.inf), floor], np.r_[upper, self.inf])
        self.h.changeColCost(n, 1.0)
        self.h.addRow(grand, grand, n, np.arange(n, dtype=np.int32), np.ones(n))
        self.rows: dict[int, int] = {}  # coalition mask -> row index
        self.active: set[int] = set()  # masks whose row still carries -ε
        self.span = np.ones((1, n))  # indicator vectors with a fixed excess (N first)
        self.fixed_cols: set[int] = set()
        self.lp_solves = 0
        full = game.grand_mask
        start = {1 << i for i in range(n)} | {full ^ (1 << i) for i in range(n)}
        self._add_rows(sorted(m for m in start if 0 < m < full))

    def _add_rows(self, masks: list[int]) -> None:
        n = self.n
        starts: list[int] = []
        index: list[int] = []
        value: list[float] = []
        for mask in masks:
            members = mask_members(mask, n)
            starts.append(len(index))
            index.extend([*members, n])
            value.extend([1.0] * len(members) + [-1.0])
        lower = np.full(len(masks), -self.inf)
        upper = self.game.costs[np.array(masks, dtype=np.int64)] / self.scale
        first = self.h.getNumRow()
        self.h.addRows(
            len(masks),
            lower,
            upper,
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(value, dtype=np.float64),
        )
        for k, mask in enumerate(masks):
            self.rows[mask] = first + k
            self.active.add(mask)

    def _solve(self) -> tuple[FloatArray, float]:
        self.h.run()
        self.lp_solves += 1
        status = self.h.modelStatusToString(self.h.getModelStatus())
        if status != "Optimal":
            raise SharingError(
                f"Het LP voor de nucleolus is niet opgelost ({status}).",
                f"The nucleolus LP was not solved ({status}).",
            )
        values = np.array(self.h.getSolution().col_value, dtype=np.float64)
        return values[: self.n], float(values[self.n])

    def _random_complement(self, rng: np.random.Generator) -> FloatArray:
        """Two random unit vectors orthogonal to the span (columns)."""
        basis = _null_space(self.span)
        z = basis @ rng.standard_normal((basis.shape[1], 2))
        return np.asarray(z / np.linalg.norm(z, axis=0), dtype=np.float64)

    def _violators(self, x: FloatArray, eps: float, z: FloatArray, limit: int) -> list[int]:
        """Free coalitions with excess above ``eps``, most violated first (at most ``limit``)."""
        n = self.n
        low = min(n, _BLOCK_BITS)
        x_low = _subset_sums(x[:low])
        z0_low, z1_low = _subset_sums(z[:low, 0]), _subset_sums(z[:low, 1])
        found_val: list[FloatArray] = []
        found_mask: list[npt.NDArray[np.int64]] = []
        threshold = eps + self.tol
        for start, stop, high in _blocks(n):
            hi = mask_members(high, n)
            excess = x_low + float(x[hi].sum()) - self.game.costs[start:stop] / self.scale
            hit = np.flatnonzero(excess > threshold)
            if hit.size == 0:
                continue
            z0 = z0_low[hit] + float(z[hi, 0].sum())
            z1 = z1_low[hit] + float(z[hi, 1].sum())
            free = (np.abs(z0) > 1e-9) | (np.abs(z1) > 1e-9)  # in the span ⇒ excess fixed
            hit = hit[free]
            masks = hit + start
            keep = (masks != 0) & (masks != (1 << n) - 1)
            hit, masks = hit[keep], masks[keep]
            if hit.size > limit:
                top = np.argpartition(-excess[hit], limit)[:limit]
                hit, masks = hit[top], masks[top]
            found_val.append(excess[hit])
            found_mask.append(masks.astype(np.int64))
        if not found_val:
            return []
        values = np.concatenate(found_val)
        masks = np.concatenate(found_mask)
        order = np.argsort(-values, kind="stable")[:limit]
        return [int(m) for m in masks[order]]

    def _in_span(self, vector: FloatArray) -> bool:
        coef, *_ = np.linalg.lstsq(self.span.T, vector, rcond=None)
        return bool(np.abs(self.span.T @ coef - vector).max() < 1e-9)

    def run(self) -> tuple[FloatArray, list[float]]:
        n = self.n
        rng = np.random.default_rng(12345)
        levels: list[float] = []
        limit = max(2 * n, 32)
        x = np.zeros(n)
        while np.linalg.matrix_rank(self.span) < n:
            z = self._random_complement(rng)
            while True:  # constraint generation for this level
                x, eps = self._solve()
                new = [m for m in self._violators(x, eps, z, limit) if m not in self.rows]
                if not new:
                    break
                self._add_rows(new)
            levels.append(eps)
            self._fix(eps)
        if not levels:  # one player: x = c(N)
            x, eps = self._solve()
        return x * self.scale, [level * self.scale for level in levels]

    def _fix(self, eps: float) -> None:
        """Fix rows and bounds with a positive dual; retire rows that became determined."""
        n = self.n
        solution = self.h.getSolution()
        row_dual = np.abs(np.array(solution.row_dual))
        col_dual = np.abs(np.array(solution.col_dual))
        dual_tol = 1e-9
        fixed_any = False
        for mask in sorted(self.active):
            row = self.rows[mask]
            if row_dual[row] > dual_tol:
                value = float(self.game.costs[mask]) / self.scale + eps
                self.h.changeCoeff(row, n, 0.0)
                self.h.changeRowBounds(row, value, value)
                self.active.discard(mask)
                vec = np.zeros(n)
                vec[mask_members(mask, n)] = 1.0
                self.span = np.vstack([self.span, vec])
                fixed_any = True
        for i in range(n):
            if i not in self.fixed_cols and col_dual[i] > dual_tol:
                bound = float(self.game.costs[1 << i]) / self.scale
                self.h.changeColBounds(i, bound, bound)
                self.fixed_cols.add(i)
                vec = np.zeros(n)
                vec[i] = 1.0
                self.span = np.vstack([self.span, vec])
                fixed_any = True
        if not fixed_any:  # cannot happen for an optimal LP (duals of the ε rows sum to 1)
            raise SharingError(
                "De nucleolus-LP's lopen vast (geen dualen).",
                "The nucleolus LPs stalled (no positive duals).",
            )
        for mask in sorted(self.active):
            vec = np.zeros(n)
            vec[mask_members(mask, n)] = 1.0
            if self._in_span(vec):
                row = self.rows[mask]
                self.h.changeCoeff(row, n, 0.0)
                self.h.changeRowBounds(row, -self.inf, self.inf)
                self.active.discard(mask)


def _solve(game: CostGame, domain: Domain) -> NucleolusResult:
    if domain == "imputatie" and not game.is_subadditive_at_top():
        raise SharingError(
            "De kosten van de hele groep zijn hoger dan de som van de kosten van ieder alleen: "
            "er is geen verdeling die iedereen hooguit zijn eigen kosten laat betalen; gebruik "
            "de prenucleolus of de kleinste kern.",
            "The group costs more than the sum of stand-alone costs: no allocation charges each "
            "member at most its own cost; use the prenucleolus or the least core.",
        )
    solver = _Solver(game, domain)
    x, levels = solver.run()
    if not levels:
        levels = [-np.inf]
    return NucleolusResult(x, tuple(levels), domain, solver.lp_solves)


def nucleolus(game: CostGame) -> NucleolusResult:
    """The nucleolus (Schmeidler 1969) of a cost game: lexicographically smallest complaints.

    Raises :class:`SharingError` when ``c(N) > Σ c({i})`` (no imputations exist).
    """
    return _solve(game, "imputatie")


def prenucleolus(game: CostGame) -> NucleolusResult:
    """The prenucleolus: as :func:`nucleolus` but without ``x_i <= c({i})``.

    It always exists and always lies in the least core.
    """
    return _solve(game, "pre-imputatie")


def least_core(game: CostGame) -> NucleolusResult:
    """The least core (Maschler, Peleg & Shapley 1979): its value ε* and a point in it.

    ε* is the smallest ε with ``x(S) <= c(S) + ε`` for all ``S ≠ ∅, N`` at some efficient
    ``x``; the core is empty iff ε* > 0. The point returned is the prenucleolus, the
    lexicographic centre of the least core.
    """
    return prenucleolus(game)
