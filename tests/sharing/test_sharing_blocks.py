"""Block-wise scans (used above 2**20 coalitions) on small games, plus edge cases."""

from __future__ import annotations

import importlib
import itertools

import numpy as np
import pytest

from regiokompas.sharing import (
    CostGame,
    SharingError,
    fixed_plus_variable,
    nucleolus,
    per_share,
    shapley_value,
    verdeel,
)
from regiokompas.sharing import game as game_module
from regiokompas.sharing import shapley as shapley_module

# The package exports a function called nucleolus; fetch the module itself.
nucleolus_module = importlib.import_module("regiokompas.sharing.nucleolus")


def random_costs(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    alone = rng.uniform(10, 100, n)
    masks = np.arange(1 << n)
    bits = (masks[:, None] >> np.arange(n)) & 1
    costs = (bits @ alone) ** 0.85 + (bits.sum(axis=1) > 1) * rng.uniform(0, 5, 1 << n)
    costs[0] = 0.0
    costs[1 << np.arange(n)] = alone
    return costs


@pytest.fixture
def tiny_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 2**3 coalitions, so a 7-player game has 16 blocks with high bits set."""
    for module in (game_module, shapley_module, nucleolus_module):
        monkeypatch.setattr(module, "_BLOCK_BITS", 3)


def test_blockwise_scans_match_direct_computation(tiny_blocks: None) -> None:
    n = 7
    costs = random_costs(n, 11)
    game = CostGame(tuple("ABCDEFG"), costs)
    # Shapley by all 5040 orders.
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            phi[i] += costs[mask | 1 << i] - costs[mask]
            mask |= 1 << i
    phi /= 5040
    assert shapley_value(game) == pytest.approx(phi, abs=1e-9)
    # Largest excess by looping over every coalition.
    x = phi
    direct = max(
        (sum(x[i] for i in range(n) if m >> i & 1) - costs[m], m) for m in range(1, (1 << n) - 1)
    )
    excess, mask = game.max_excess(x)
    assert excess == pytest.approx(direct[0]) and mask == direct[1]


def test_blockwise_nucleolus_equals_unblocked(monkeypatch: pytest.MonkeyPatch) -> None:
    game = CostGame(tuple("ABCDEFG"), random_costs(7, 12))
    whole = nucleolus(game).allocation
    for module in (game_module, shapley_module, nucleolus_module):
        monkeypatch.setattr(module, "_BLOCK_BITS", 3)
    assert nucleolus(game).allocation == pytest.approx(whole, abs=1e-9)


def test_one_player_game() -> None:
    game = CostGame(("A",), np.array([0.0, 42.0]))
    result = verdeel(game, ["shapley", "nucleolus", "gebruik"])
    assert [v.aandelen[0].bedrag for v in result.verdelingen] == [42.0, 42.0, 42.0]
    assert all(v.in_kern for v in result.verdelingen)


@pytest.mark.parametrize(
    ("players", "costs", "message"),
    [
        ((), [0.0], "ten minste één speler"),
        (("A", "A"), [0, 1, 1, 2.0], "dubbel"),
        (("A", "B"), [0, 1, 2.0], "4 coalitiekosten nodig"),
        (("A", "B"), [0, 1, np.nan, 2.0], "eindige getallen"),
        (("A", "B"), [1, 1, 1, 2.0], "lege coalitie kost 0"),
    ],
)
def test_cost_game_validation(players: tuple[str, ...], costs: list[float], message: str) -> None:
    with pytest.raises(SharingError, match=message):
        CostGame(players, np.array(costs))


def test_key_validation_and_missing_data() -> None:
    with pytest.raises(SharingError, match="niet-negatieve gewichten"):
        per_share(10.0, [1.0, -1.0])
    with pytest.raises(SharingError, match="tussen 0 en 1"):
        fixed_plus_variable(10.0, [1.0, 1.0], 1.5)
    game = CostGame(("A", "B"), np.array([0.0, 6.0, 10.0, 10.0]))
    with pytest.raises(SharingError, match="inwoners per speler nodig"):
        verdeel(game, ["inwoners"])
    with pytest.raises(SharingError, match="ontbreken voor: B"):
        verdeel(game, ["vast-variabel"], inwoners={"A": 5})
    with pytest.raises(SharingError, match="Onbekende methode: raar"):
        verdeel(game, ["raar"])
    with pytest.raises(SharingError, match="Onbekende speler 'Q'"):
        game.cost(["Q"])
    # Use given explicitly: 10 · (1, 3)/4.
    result = verdeel(game, ["gebruik"], gebruik={"A": 1, "B": 3})
    assert [a.bedrag for a in result.verdelingen[0].aandelen] == [2.5, 7.5]
