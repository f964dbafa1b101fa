"""Textbook cost games whose solutions are worked out by hand here, not by the code."""

from __future__ import annotations

import numpy as np
import pytest

from regiokompas.sharing import (
    CostGame,
    SharingError,
    least_core,
    nucleolus,
    prenucleolus,
    shapley_value,
    verdeel,
)


def game_from(players: str, costs: dict[str, float]) -> CostGame:
    """Build a game from {"AB": 5, ...} with one-letter players."""
    return CostGame.from_function(list(players), lambda s: costs["".join(s)])


# ---------------------------------------------------------------- airport game
# Littlechild & Owen (1973): a coalition pays for the longest runway any member needs. Runway
# requirements A=12, B=20, C=20, D=32 give segments 12 (used by all four), 8 (used by B, C, D)
# and 12 (used by D only). Shapley = each segment shared equally by its users:
#   A = 12/4 = 3;  B = C = 3 + 8/3 = 17/3;  D = 3 + 8/3 + 12 = 53/3.
RUNWAY = {"A": 12.0, "B": 20.0, "C": 20.0, "D": 32.0}


def airport() -> CostGame:
    return CostGame.from_function(list(RUNWAY), lambda s: max(RUNWAY[p] for p in s))


def test_airport_shapley_is_sequential_equal_sharing() -> None:
    assert shapley_value(airport()) == pytest.approx([3.0, 17 / 3, 17 / 3, 53 / 3], abs=1e-12)


def test_airport_nucleolus_three_players_by_hand() -> None:
    # Runways a=1, b=2, c=3. Savings c(S) − x(S) with x(N) = 3:
    #   {a}: 1−xa, {b}: 2−xb, {c}: 3−xc, {a,b}: xc−1, {a,c}: xb, {b,c}: xa.
    # The pair xa / 1−xa caps the minimum saving at 1/2 (xa = 1/2). Then xb + xc = 5/2 and the
    # rest is min(xb, 2−xb, 1/2+xb, 3/2−xb), largest at xb = 3/4. Nucleolus (1/2, 3/4, 7/4).
    runway = {"a": 1.0, "b": 2.0, "c": 3.0}
    game = CostGame.from_function(list(runway), lambda s: max(runway[p] for p in s))
    result = nucleolus(game)
    assert result.allocation == pytest.approx([0.5, 0.75, 1.75], abs=1e-9)
    assert result.levels[:2] == pytest.approx([-0.5, -0.75], abs=1e-9)
    # The airport game is concave (a cost game with a non-empty core): Shapley (1/3, 5/6,
    # 11/6) is in the core, so no coalition blocks it.
    excess, _ = game.max_excess(shapley_value(game))
    assert excess <= 1e-12


# ---------------------------------------------------------------- glove game: Shapley outside core
# One left glove L, two right gloves R1, R2; a pair is worth 1 (profit game v(LR1) = v(LR2) =
# v(N) = 1, else 0). As a cost game with stand-alone cost 1 each: c(S) = |S| − v(S).
# Core: x_L + x_R1 <= 1 and x_L + x_R2 <= 1 add up to x_L + 2 <= 2, so x_L <= 0; and
# x_R1 + x_R2 <= 2 gives x_L >= 0. The core is the single point (0, 1, 1) = the nucleolus.
# Shapley of v: L is pivotal in 4 of 6 orders → 2/3, each R in 1 of 6 → 1/6; in costs
# (1/3, 5/6, 5/6). Then x_L + x_R1 = 7/6 > 1: {L, R1} blocks by 1/6.
GLOVE = {"L": 1, "R": 1, "S": 1, "LR": 1, "LS": 1, "RS": 2, "LRS": 2}


def test_glove_shapley_outside_core_nucleolus_is_the_core() -> None:
    game = game_from("LRS", GLOVE)
    assert shapley_value(game) == pytest.approx([1 / 3, 5 / 6, 5 / 6], abs=1e-12)
    assert nucleolus(game).allocation == pytest.approx([0.0, 1.0, 1.0], abs=1e-9)
    excess, mask = game.max_excess(shapley_value(game))
    assert excess == pytest.approx(1 / 6)
    assert set(game.members(mask)) in ({"L", "R"}, {"L", "S"})


def test_glove_report_names_the_blocking_coalition() -> None:
    result = verdeel(game_from("LRS", GLOVE), ["shapley", "nucleolus"])
    shap, nuc = result.verdelingen
    assert result.kern_leeg is False
    assert shap.in_kern is False
    assert shap.blokkade is not None
    assert set(shap.blokkade.coalitie) in ({"L", "R"}, {"L", "S"})
    assert shap.blokkade.overschot == 0.17  # 1/6 rounded to the cent
    assert nuc.in_kern is True and nuc.blokkade is None
    assert [a.bedrag for a in nuc.aandelen] == [0.0, 1.0, 1.0]


# ---------------------------------------------------------------- empty core
# Three players, 6 each alone, any pair 8, all three 13. The pair constraints add up to
# 2·x(N) <= 24 < 26: the core is empty. Least core: 2·13 <= 24 + 3ε gives ε* = 2/3, reached
# only when every pair pays 8 + 2/3, i.e. x = (13/3, 13/3, 13/3).
EMPTY = {"A": 6, "B": 6, "C": 6, "AB": 8, "AC": 8, "BC": 8, "ABC": 13}


def test_empty_core_least_core_by_hand() -> None:
    game = game_from("ABC", EMPTY)
    lc = least_core(game)
    assert lc.least_core_value == pytest.approx(2 / 3, abs=1e-9)
    assert lc.allocation == pytest.approx([13 / 3] * 3, abs=1e-9)
    # On imputations the answer is the same point (x_i = 13/3 <= 6).
    assert nucleolus(game).allocation == pytest.approx([13 / 3] * 3, abs=1e-9)


def test_empty_core_report() -> None:
    result = verdeel(game_from("ABC", EMPTY))
    assert result.kern_leeg is True
    assert result.kleinste_kern_waarde == pytest.approx(2 / 3, abs=1e-9)
    methods = [v.methode for v in result.verdelingen]
    assert methods == ["gebruik", "shapley", "nucleolus", "kleinste-kern"]
    for allocation in result.verdelingen:
        assert allocation.in_kern is False
        assert allocation.blokkade is not None
        assert len(allocation.blokkade.coalitie) == 2
        assert allocation.blokkade.overschot == 0.67
        # 13 in cents split three ways: 4.34 + 4.33 + 4.33.
        assert sorted(a.bedrag for a in allocation.aandelen) == [4.33, 4.33, 4.34]


def test_nucleolus_needs_imputations() -> None:
    # The group costs more together (10) than apart (3 + 3): no imputation exists.
    game = game_from("AB", {"A": 3, "B": 3, "AB": 10})
    with pytest.raises(SharingError, match="hoger dan de som"):
        nucleolus(game)
    # The prenucleolus still exists: equal split of the loss, 5 each; ε* = 5 − 3 = 2.
    pre = prenucleolus(game)
    assert pre.allocation == pytest.approx([5.0, 5.0])
    assert pre.least_core_value == pytest.approx(2.0)


# ---------------------------------------------------------------- bankruptcy game: Talmud rule
# Aumann & Maschler (1985): the nucleolus of the bankruptcy game v(S) = max(0, E − d(N∖S)) is
# the Talmud division. Claims d = (100, 200, 300); the Mishna's Talmud awards
#   E = 100: (33⅓, 33⅓, 33⅓);  E = 200: (50, 75, 75);  E = 300: (50, 100, 150).
# As a cost game (the unpaid part of each claim) c(S) = d(S) − v(S), whose nucleolus is d minus
# the award (the nucleolus is covariant under adding an additive game and changing sign).
CLAIMS = np.array([100.0, 200.0, 300.0])


@pytest.mark.parametrize(
    ("estate", "award"),
    [(100.0, [100 / 3] * 3), (200.0, [50.0, 75.0, 75.0]), (300.0, [50.0, 100.0, 150.0])],
)
def test_bankruptcy_nucleolus_is_talmud(estate: float, award: list[float]) -> None:
    def unpaid(members: tuple[str, ...]) -> float:
        inside = sum(CLAIMS[int(m)] for m in members)
        outside = CLAIMS.sum() - inside
        return float(inside - max(0.0, estate - outside))

    game = CostGame.from_function(["0", "1", "2"], unpaid)
    assert nucleolus(game).allocation == pytest.approx(CLAIMS - np.array(award), abs=1e-8)


# ---------------------------------------------------------------- proportional keys
def test_proportional_key_can_reward_leaving() -> None:
    # Young, Okada & Hashimoto's point in miniature: A and B save a lot together (10 + 10 → 12),
    # C adds little. Per inhabitant, with C the largest, A and B together pay more than the 12
    # they would pay without C, so {A, B} blocks.
    game = game_from("ABC", {"A": 10, "B": 10, "C": 20, "AB": 12, "AC": 28, "BC": 28, "ABC": 30})
    result = verdeel(game, ["inwoners", "shapley"], inwoners={"A": 30, "B": 30, "C": 40})
    per_capita, shap = result.verdelingen
    # By hand: 30 · (0.3, 0.3, 0.4) = (9, 9, 12); A + B = 18 > 12 by 6.
    assert [a.bedrag for a in per_capita.aandelen] == [9.0, 9.0, 12.0]
    assert per_capita.blokkade is not None
    assert set(per_capita.blokkade.coalitie) == {"A", "B"}
    assert per_capita.blokkade.overschot == 6.0
    # Shapley by hand (six orders): C first costs 20 (2 orders), C after A or after B costs
    # 28 − 10 = 18 (2 orders), C last costs 30 − 12 = 18 (2 orders): φ_C = 112/6 = 56/3, and
    # φ_A = φ_B = (30 − 56/3)/2 = 17/3. Rounded to cents they stay within a cent and add to 30.
    amounts = [a.bedrag for a in shap.aandelen]
    assert amounts == pytest.approx([17 / 3, 17 / 3, 56 / 3], abs=0.01)
    assert round(sum(amounts) * 100) == 3000
    assert shap.in_kern is True
    # Per member: stand-alone cost and gain.
    a = shap.aandelen[0]
    assert a.alleen == 10.0 and a.voordeel == pytest.approx(10.0 - a.bedrag)
    assert per_capita.aandelen[2].beter_alleen is False
