"""Shapley value of a cost game: exact over all coalitions, or by permutation sampling.

Source: L. S. Shapley (1953), "A value for n-person games", in Contributions to the Theory of
Games II, 307-317. For a cost game the Shapley value is each player's expected marginal cost
when players join in a uniformly random order:
``φ_i = Σ_{S ⊆ N∖i} w(|S|) (c(S ∪ i) − c(S))`` with ``w(k) = k! (n−k−1)! / n!``.

Exact computation rewrites the sum per coalition so that one pass over the cost array suffices:
``φ_i = Σ_{S ∋ i} c(S) (w(|S|−1) + w(|S|)) − Σ_S c(S) w(|S|)`` (with ``w(−1) = w(n) = 0``).
The first term is a sum over all coalitions containing ``i``; the array is scanned in blocks
of ``2**20`` coalitions whose high bits are fixed, so a block's total goes to every high-bit
player at once and the low-bit players are resolved from accumulated blocks. Time is one
multiply-add per coalition and memory is a few blocks, not an ``n × 2**n`` matrix.

Sampling (beyond :data:`~regiokompas.sharing.game.MAX_EXPLICIT_PLAYERS` players, or on
request) draws random orders with a fixed seed; each order's marginal costs add up to ``c(N)``,
so the estimate is efficient exactly, and the standard error is the sample standard deviation
of the marginal costs over ``sqrt(samples)`` (Castro, Gómez & Tejada 2009).

>>> from regiokompas.sharing.game import CostGame
>>> airport = CostGame.from_function(["A", "B"], lambda s: max({"A": 6.0, "B": 10.0}[p] for p in s))
>>> shapley_value(airport).tolist()   # A pays half the shared 6; B also pays the extra 4
[3.0, 7.0]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from regiokompas.sharing.game import _BLOCK_BITS, CostGame, _blocks, _popcount_table

__all__ = ["SampledShapley", "sampled_shapley", "shapley_value"]

FloatArray = npt.NDArray[np.float64]
BatchCost = Callable[[npt.NDArray[np.bool_]], FloatArray]


def _weights(n: int) -> FloatArray:
    """``w(k) = k! (n−k−1)! / n!`` for ``k = 0..n−1`` and ``w(n) = 0``, by a stable recurrence."""
    w = np.zeros(n + 1, dtype=np.float64)
    w[0] = 1.0 / n
    for k in range(1, n):
        w[k] = w[k - 1] * k / (n - k)
    return w


def shapley_value(game: CostGame) -> FloatArray:
    """Exact Shapley value of ``game`` (the cost share of each player, in player order).

    Runs in one pass over the ``2**n`` costs; about 0.2 s and no extra memory beyond a few
    ``2**20`` blocks at 25 players.
    """
    n = game.n
    if n == 1:
        return np.array([game.grand_cost])
    w = _weights(n)
    coef_in = w.copy()  # coefficient of c(S) in Σ_{S∋i}: w(|S|-1) + w(|S|)
    coef_in[1:] += w[:-1]
    low = min(n, _BLOCK_BITS)
    popcount = _popcount_table(low)
    high_sums = np.zeros(n, dtype=np.float64)
    # Blocks whose high bits hold the same number of players share their popcount pattern, so
    # their low-bit weights are equal: add such blocks up raw and weight each sum once at the
    # end. Per block that leaves one in-place add and, for the high-bit players, one dot.
    raw: dict[int, FloatArray] = {}
    weights_in: dict[int, FloatArray] = {}
    scratch = np.empty(1 << low, dtype=np.float64)
    for start, stop, high in _blocks(n):
        extra = high.bit_count()
        block = game.costs[start:stop]
        if extra not in raw:
            raw[extra] = block.copy()
            weights_in[extra] = coef_in[popcount + extra]
        else:
            raw[extra] += block
        if high:
            # multiply + sum, not a BLAS dot: threaded BLAS is slower here on busy cores.
            np.multiply(block, weights_in[extra], out=scratch)
            total = float(scratch.sum())
            for i in range(low, n):
                if high >> i & 1:
                    high_sums[i] += total
    acc = np.zeros(1 << low, dtype=np.float64)
    baseline = 0.0  # Σ_S c(S) w(|S|)
    for extra, summed in raw.items():
        acc += summed * weights_in[extra]
        baseline += float((summed * w[popcount + extra]).sum())
    for i in range(low):
        # Coalitions with bit i set: view the block as (…, 2, 2**i) and take the upper half.
        high_sums[i] = float(acc.reshape(-1, 2, 1 << i)[:, 1, :].sum())
    return high_sums - baseline


@dataclass(frozen=True)
class SampledShapley:
    """A Monte Carlo Shapley estimate with per-player standard errors."""

    value: FloatArray
    standard_error: FloatArray
    samples: int
    seed: int


def sampled_shapley(
    n: int,
    batch_cost: BatchCost,
    *,
    samples: int = 2000,
    seed: int = 0,
    batch: int = 256,
) -> SampledShapley:
    """Shapley value by sampling ``samples`` random player orders.

    ``batch_cost`` takes a boolean matrix (one coalition per row, one column per player) and
    returns the cost of each row; it is called with whole batches so a vectorised cost model
    stays fast. The estimate adds up to ``c(N)`` exactly in every sample.

    >>> costs = np.array([0.0, 6.0, 10.0, 10.0])
    >>> est = sampled_shapley(2, lambda m: costs[m @ np.array([1, 2])], samples=400, seed=1)
    >>> [round(v) for v in est.value]
    [3, 7]
    """
    if samples < 2:
        raise ValueError("samples must be at least 2")
    rng = np.random.default_rng(seed)
    total = np.zeros(n, dtype=np.float64)
    total_sq = np.zeros(n, dtype=np.float64)
    done = 0
    while done < samples:
        size = min(batch, samples - done)
        orders = np.argsort(rng.random((size, n)), axis=1)
        # Prefix coalitions: row (p, k) holds the first k+1 players of order p.
        ranks = np.argsort(orders, axis=1)
        prefix = ranks[:, None, :] <= np.arange(n)[None, :, None]
        cost = batch_cost(prefix.reshape(size * n, n)).reshape(size, n)
        marginal_by_position = np.diff(cost, axis=1, prepend=0.0)
        marginal = np.take_along_axis(marginal_by_position, ranks, axis=1)
        total += marginal.sum(axis=0)
        total_sq += (marginal**2).sum(axis=0)
        done += size
    mean = total / samples
    variance = np.maximum(total_sq / samples - mean**2, 0.0) * samples / (samples - 1)
    return SampledShapley(mean, np.sqrt(variance / samples), samples, seed)


def sampled_shapley_of_game(
    game: CostGame, *, samples: int = 2000, seed: int = 0
) -> SampledShapley:
    """:func:`sampled_shapley` on an explicit game (for checks against the exact value)."""
    weights = 1 << np.arange(game.n, dtype=np.int64)
    return sampled_shapley(
        game.n, lambda m: game.costs[m.astype(np.int64) @ weights], samples=samples, seed=seed
    )
