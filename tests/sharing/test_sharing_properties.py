"""Shapley axioms, nucleolus against a brute force, efficiency to the cent, sampling."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from regiokompas.sharing import (
    CostGame,
    nucleolus,
    prenucleolus,
    round_to_cents,
    sampled_shapley,
    shapley_value,
    verdeel,
)
from regiokompas.sharing.shapley import sampled_shapley_of_game


def random_game(n: int, seed: int, *, subadditive: bool = True) -> CostGame:
    """Stand-alone costs 10..100, a saving growing with size, a random coalition effect."""
    rng = np.random.default_rng(seed)
    alone = rng.uniform(10, 100, n)
    masks = np.arange(1 << n)
    bits = (masks[:, None] >> np.arange(n)) & 1
    total = bits @ alone
    size = bits.sum(axis=1)
    costs = total ** (0.85 if subadditive else 1.1) + (size > 1) * rng.uniform(0, 5, 1 << n)
    costs[0] = 0.0
    costs[1 << np.arange(n)] = alone if subadditive else alone
    return CostGame(tuple(f"P{i}" for i in range(n)), costs)


def brute_shapley(game: CostGame) -> np.ndarray:
    """Average marginal cost over all n! orders."""
    n = game.n
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            phi[i] += game.costs[mask | 1 << i] - game.costs[mask]
            mask |= 1 << i
    return phi / math.factorial(n)


def brute_nucleolus(game: CostGame, imputation: bool = True) -> np.ndarray:
    """Kopelowitz's sequential LPs over all coalitions with a per-coalition fixing test.

    Independent of the code under test: every coalition is a row, and a coalition is fixed when
    an extra LP shows its excess cannot drop below the level.
    """
    n = game.n
    c = game.costs
    coalitions = list(range(1, (1 << n) - 1))
    rows = {m: np.array([m >> i & 1 for i in range(n)], dtype=float) for m in coalitions}
    fixed: dict[int, float] = {}
    bounds = [(None, c[1 << i] if imputation else None) for i in range(n)] + [(None, None)]
    a_eq0 = [np.r_[np.ones(n), 0.0]]
    b_eq0 = [c[-1]]
    while len(fixed) < len(coalitions):
        free = [m for m in coalitions if m not in fixed]
        a_ub = [np.r_[rows[m], -1.0] for m in free]
        b_ub = [c[m] for m in free]
        a_eq = a_eq0 + [np.r_[rows[m], 0.0] for m in fixed]
        b_eq = b_eq0 + [c[m] + v for m, v in fixed.items()]
        obj = np.r_[np.zeros(n), 1.0]
        res = linprog(obj, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds)
        eps = res.x[-1]
        x = res.x[:n]
        newly = False
        for m in free:
            if rows[m] @ x - c[m] < eps - 1e-7:
                continue
            # Can S's excess go below eps while all free stay <= eps?
            test = linprog(
                np.r_[rows[m], 0.0],
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=bounds[:n] + [(eps, eps)],
            )
            if test.fun - c[m] >= eps - 1e-7:
                fixed[m] = eps
                newly = True
        assert newly
        if np.linalg.matrix_rank(np.array([np.ones(n)] + [rows[m] for m in fixed])) == n:
            return np.asarray(x)
    return np.asarray(x)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_shapley_matches_all_orders(n: int) -> None:
    game = random_game(n, seed=n)
    assert shapley_value(game) == pytest.approx(brute_shapley(game), abs=1e-9)


@pytest.mark.parametrize(("n", "seed"), [(3, 1), (4, 2), (4, 3), (5, 4), (5, 5)])
def test_nucleolus_matches_brute_force(n: int, seed: int) -> None:
    game = random_game(n, seed)
    assert nucleolus(game).allocation == pytest.approx(brute_nucleolus(game), abs=1e-6)
    assert prenucleolus(game).allocation == pytest.approx(
        brute_nucleolus(game, imputation=False), abs=1e-6
    )


@st.composite
def small_games(draw: st.DrawFn) -> CostGame:
    n = draw(st.integers(2, 5))
    values = draw(st.lists(st.integers(1, 60), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    return CostGame(tuple("ABCDE"[:n]), np.array([0.0, *values], dtype=float))


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_shapley_efficiency_and_symmetry(game: CostGame) -> None:
    phi = shapley_value(game)
    assert phi.sum() == pytest.approx(game.grand_cost, abs=1e-9)
    # Swap players 0 and 1 in every coalition: their values must swap.
    n = game.n
    masks = np.arange(1 << n)
    swapped = masks & ~3 | (masks & 1) << 1 | (masks >> 1) & 1
    mirror = CostGame(game.spelers, game.costs[swapped])
    phi2 = shapley_value(mirror)
    assert phi2[0] == pytest.approx(phi[1], abs=1e-9)
    assert phi2[1] == pytest.approx(phi[0], abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(small_games(), small_games())
def test_shapley_additivity_and_dummy(g1: CostGame, g2: CostGame) -> None:
    if g1.n != g2.n:
        return
    both = CostGame(g1.spelers, g1.costs + g2.costs)
    assert shapley_value(both) == pytest.approx(shapley_value(g1) + shapley_value(g2), abs=1e-9)
    # Dummy: a new player who always adds exactly 7 gets exactly 7.
    n = g1.n
    masks = np.arange(1 << (n + 1))
    with_dummy = g1.costs[masks & ((1 << n) - 1)] + 7.0 * (masks >> n & 1)
    game = CostGame((*g1.spelers, "Z"), with_dummy)
    assert shapley_value(game)[-1] == pytest.approx(7.0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_nucleolus_in_core_when_core_non_empty(game: CostGame) -> None:
    if not game.is_subadditive_at_top():
        return
    result = nucleolus(game)
    x = result.allocation
    assert x.sum() == pytest.approx(game.grand_cost, abs=1e-7)
    assert (x <= game.standalone() + 1e-7).all()
    excess, _ = game.max_excess(x)
    # Its largest excess is the first level, which is the least-core value on imputations.
    assert excess == pytest.approx(result.levels[0], abs=1e-7)


@pytest.mark.parametrize("n", [5, 9, 14])
def test_every_method_adds_up_to_the_cent(n: int) -> None:
    game = random_game(n, seed=100 + n)
    inwoners = {p: float(1000 + 377 * i) for i, p in enumerate(game.spelers)}
    result = verdeel(game, inwoners=inwoners)
    target = round(game.grand_cost * 100)
    assert len(result.verdelingen) == 5
    for allocation in result.verdelingen:
        cents = [round(a.bedrag * 100) for a in allocation.aandelen]
        assert sum(cents) == target
        assert all(
            abs(a.bedrag * 100 - c) < 1e-6 for a, c in zip(allocation.aandelen, cents, strict=True)
        )


def test_round_to_cents_by_hand() -> None:
    assert round_to_cents([1 / 3, 1 / 3, 1 / 3], 1.0) == [0.34, 0.33, 0.33]
    # Cents 1000.4, 1000.4, 999.2 floor to 2999; the one missing cent goes to the largest
    # remainder (0.4, a tie won by the first player).
    assert round_to_cents([10.004, 10.004, 9.992], 30.0) == [10.01, 10.0, 9.99]
    # Largest remainders win the missing cents: 0.006 → 0.01, 0.003 and 0.001 → 0.
    assert round_to_cents([1.006, 1.003, 0.991], 3.0) == [1.01, 1.0, 0.99]
    assert round_to_cents([-1.5, 4.5], 3.0) == [-1.5, 4.5]
    assert round_to_cents([0.29, 0.71], 1.0) == [0.29, 0.71]


def test_sampled_shapley_close_to_exact_and_efficient() -> None:
    game = random_game(9, seed=7)
    exact = shapley_value(game)
    est = sampled_shapley_of_game(game, samples=3000, seed=3)
    assert est.value.sum() == pytest.approx(game.grand_cost, abs=1e-8)
    z = np.abs(est.value - exact) / est.standard_error
    assert (z < 4.5).all()
    assert (est.standard_error > 0).all()
    # Same seed, same answer.
    again = sampled_shapley_of_game(game, samples=3000, seed=3)
    assert np.array_equal(again.value, est.value)


def test_sampled_shapley_of_a_function_game() -> None:
    # 40 players, c(S) = (Σ a_i)^0.8: too large to write out. Symmetric players get equal
    # shares; efficiency holds exactly in every sample.
    a = np.r_[np.full(20, 5.0), np.full(20, 10.0)]
    est = sampled_shapley(40, lambda rows: (rows @ a) ** 0.8, samples=600, seed=0)
    assert est.value.sum() == pytest.approx(a.sum() ** 0.8, abs=1e-8)
    assert abs(est.value[:20].mean() - est.value[0]) < 5 * est.standard_error[0]
    assert est.value[20:].mean() > est.value[:20].mean()


@pytest.mark.parametrize(("n", "seed"), [(8, 1), (10, 2), (12, 3)])
def test_nucleolus_and_shapley_agree_with_coopgame(n: int, seed: int) -> None:
    # coopgame-py (Rust, dev extra) is an independent implementation; the brute force above
    # cannot reach these sizes. cost_nucleolus reads the game as costs, as we do.
    coopgame = pytest.importorskip(
        "coopgame", reason="coopgame-py is a dev extra; `make install-dev` (as CI does) installs it"
    )
    game = random_game(n, seed)
    ref = coopgame.Game(game.costs[1:])
    assert nucleolus(game).allocation == pytest.approx(coopgame.cost_nucleolus(ref), abs=1e-7)
    assert shapley_value(game) == pytest.approx(coopgame.shapley(ref), abs=1e-9)


@pytest.mark.parametrize("factor", [1e-4, 1e3, 1e6])
def test_nucleolus_is_scale_covariant(factor: float) -> None:
    # Engine games are in k€ and run to 10^5 and more; HiGHS tolerances are absolute.
    game = random_game(7, seed=21)
    base = nucleolus(game).allocation
    scaled = CostGame(game.spelers, game.costs * factor)
    assert nucleolus(scaled).allocation == pytest.approx(base * factor, rel=1e-8)


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_nucleolus_matches_brute_force_on_degenerate_integer_games(game: CostGame) -> None:
    # Small integer costs give many ties and degenerate LPs: where dual-based fixing can slip.
    if game.n > 4:
        return
    assert prenucleolus(game).allocation == pytest.approx(
        brute_nucleolus(game, imputation=False), abs=1e-6
    )
    if game.is_subadditive_at_top():
        assert nucleolus(game).allocation == pytest.approx(brute_nucleolus(game), abs=1e-6)
