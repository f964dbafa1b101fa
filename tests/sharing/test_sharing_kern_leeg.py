"""``kern_leeg`` never contradicts ``in_kern``, whichever methods are asked for (issue 18).

The reference for core emptiness is an independent LP over every coalition (scipy's linprog,
not the HiGHS constraint-generation code under test): the least-core value
``min ε  s.t.  x(S) − ε ≤ c(S)  for all S ≠ ∅, N;  x(N) = c(N)`` is positive iff the core is
empty (Maschler, Peleg & Shapley 1979).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from regiokompas.cli import cli
from regiokompas.sharing import CostGame, verdeel
from regiokompas.sharing.analysis import METHODS
from regiokompas.sharing.gamefile import read_game_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GAME_FILES = ("spel_luchthaven.json", "spel_lege_kern.json", "spel_schaal.json")
# Every non-empty subset of the methods (63): the bug showed only for subsets without
# nucleolus and kleinste-kern, but the rule must hold for all of them.
SUBSETS = [
    combo for r in range(1, len(METHODS) + 1) for combo in itertools.combinations(METHODS, r)
]


def brute_core_empty(game: CostGame) -> bool:
    n = game.n
    c = game.costs
    a_ub = []
    b_ub = []
    for mask in range(1, (1 << n) - 1):
        a_ub.append([float(mask >> i & 1) for i in range(n)] + [-1.0])
        b_ub.append(c[mask])
    res = linprog(
        np.r_[np.zeros(n), 1.0],
        A_ub=np.array(a_ub),
        b_ub=np.array(b_ub),
        A_eq=np.array([[1.0] * n + [0.0]]),
        b_eq=np.array([c[-1]]),
        bounds=[(None, None)] * (n + 1),
    )
    assert res.status == 0
    return bool(res.x[-1] > 1e-7 * max(1.0, abs(c[-1])))


def test_airport_shapley_only_cli() -> None:
    """The reported case: ``--methode shapley`` said the core was empty."""
    result = CliRunner().invoke(
        cli,
        [
            "verdeel",
            "--spel",
            str(EXAMPLES / "spel_luchthaven.json"),
            "--methode",
            "shapley",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["kern_leeg"] is False
    assert payload["verdelingen"][0]["in_kern"] is True


@pytest.mark.parametrize("name", GAME_FILES)
def test_every_method_combination_cli(name: str) -> None:
    """One ``kern_leeg`` per game, the same for all 63 ``--methode`` combinations."""
    seen: set[bool] = set()
    for combo in SUBSETS:
        args = ["verdeel", "--spel", str(EXAMPLES / name), "--format", "json"]
        for method in combo:
            args += ["--methode", method]
        result = CliRunner().invoke(cli, args)
        if result.exit_code != 0:
            # Only the nucleolus may refuse (no imputations when c(N) > Σ c({i})).
            assert "nucleolus" in combo, result.output
            continue
        payload = json.loads(result.output)
        assert payload["kern_leeg"] in (True, False), combo
        seen.add(payload["kern_leeg"])
        if payload["kern_leeg"]:
            assert not any(v["in_kern"] for v in payload["verdelingen"]), combo
    assert len(seen) == 1, f"kern_leeg depends on --methode for {name}: {seen}"


@pytest.mark.parametrize(
    ("name", "empty"),
    [("spel_luchthaven.json", False), ("spel_lege_kern.json", True), ("spel_schaal.json", None)],
)
def test_example_games_against_brute_force(name: str, empty: bool | None) -> None:
    parsed = read_game_file(EXAMPLES / name)
    game = parsed.game
    reference = brute_core_empty(game)
    if empty is not None:
        assert reference is empty
    for combo in (("shapley",), ("gebruik",), ("nucleolus",), ("kleinste-kern",)):
        if combo == ("nucleolus",) and not game.is_subadditive_at_top():
            continue  # no imputations: the nucleolus refuses by design
        result = verdeel(game, list(combo), inwoners=parsed.inwoners)
        assert result.kern_leeg is reference, combo


@st.composite
def games_and_methods(draw: st.DrawFn) -> tuple[CostGame, list[str]]:
    n = draw(st.integers(2, 5))
    values = draw(st.lists(st.integers(1, 60), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    game = CostGame(tuple("ABCDE"[:n]), np.array([0.0, *values], dtype=float))
    methods = draw(
        st.lists(
            st.sampled_from(["gebruik", "shapley", "nucleolus", "kleinste-kern"]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    if not game.is_subadditive_at_top() and "nucleolus" in methods:
        methods.remove("nucleolus")
        methods = methods or ["shapley"]
    return game, methods


@settings(max_examples=80, deadline=None)
@given(games_and_methods())
def test_kern_leeg_never_contradicts_in_kern(case: tuple[CostGame, list[str]]) -> None:
    game, methods = case
    result = verdeel(game, methods)
    assert result.kern_leeg is brute_core_empty(game)
    in_core = [v.in_kern for v in result.verdelingen]
    if result.kern_leeg:
        assert not any(in_core)
    elif {"nucleolus", "kleinste-kern"} & set(methods):
        # Both lie in the least core, which is the core when the core is non-empty.
        lp = {"nucleolus", "kleinste-kern"}
        assert all(v.in_kern for v in result.verdelingen if v.methode in lp)
