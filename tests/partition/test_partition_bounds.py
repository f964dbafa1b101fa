"""Always a bound: at any time limit the result carries a finite proven bound and gap."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import re

import numpy as np
import pytest
from click.testing import CliRunner
from partition_helpers import brute_force, region, scale_scorer

import regiokompas.partition._solve as solve_module
from regiokompas.cli import cli
from regiokompas.partition import RegionPartitioner, engine_scorer
from regiokompas.partition._highs import MipSolution
from regiokompas.partition._solve import lagrangian_bound, share_bound


def _best_packing(groups: np.ndarray, values: np.ndarray, n_rows: int) -> float:
    """Exhaustive: the best value of any set of disjoint columns (the empty set is worth 0)."""
    best = 0.0
    members = [{int(i) for i in row if i >= 0} for row in groups]
    for r in range(1, len(groups) + 1):
        for combo in itertools.combinations(range(len(groups)), r):
            sets = [members[c] for c in combo]
            if sum(len(s) for s in sets) == len(set().union(*sets)):
                best = max(best, float(values[list(combo)].sum()))
    return best


@pytest.mark.parametrize("seed", range(20))
def test_share_and_lagrangian_bounds_never_cut_off_the_optimum(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_rows, m = 7, 9
    groups = np.full((m, 3), -1, dtype=np.int32)
    for c in range(m):
        size = int(rng.integers(1, 4))
        groups[c, :size] = rng.choice(n_rows, size=size, replace=False)
    values = rng.normal(2.0, 3.0, size=m)
    equal = np.zeros(n_rows, dtype=bool)
    best = _best_packing(groups, values, n_rows)
    assert share_bound(groups, values, equal) >= best - 1e-9
    for _ in range(5):  # any non-negative prices give a bound
        prices = rng.uniform(-1.0, 4.0, size=n_rows)
        assert lagrangian_bound(groups, values, equal, prices) >= best - 1e-9


def test_share_bound_by_hand() -> None:
    # Rows 0..3; columns {0,1} worth 6 (3 each), {1,2,3} worth 3 (1 each), {3} worth -1.
    groups = np.array([[0, 1, -1], [1, 2, 3], [3, -1, -1]], dtype=np.int32)
    values = np.array([6.0, 3.0, -1.0])
    # y = (3, 3, 1, 1): bound 8, above the optimum 6 ({0,1} and row 2, 3 alone).
    assert share_bound(groups, values, np.zeros(4, bool)) == pytest.approx(8.0)
    # Row 3 must be covered: its best share is -1 (only {3} or {1,2,3} cover it).
    equal = np.array([False, False, False, True])
    assert share_bound(groups, values, equal) == pytest.approx(3 + 3 + 1 + 1)


def _no_bound(real):
    """A MIP that stops before its first LP: the incumbent, no bound (as at 0.1 s under load)."""

    def patched(groups, values, equal, **kwargs):
        out = real(groups, values, equal, **kwargs)
        return MipSolution(out.chosen, out.objective, math.inf, False, out.has_solution)

    return patched


@pytest.mark.parametrize(("vr", "k"), [("VR13", 6), ("VR18", 4)])
def test_a_solver_without_a_bound_still_gives_a_proven_one(ds, vr, k, monkeypatch) -> None:
    monkeypatch.setattr(solve_module, "solve_mip", _no_bound(solve_module.solve_mip))
    members = region(ds, "veiligheidsregio", vr)
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    best, _ = brute_force(ds, members, scorer.value, k)
    keep = set(members)
    edges = [(a, b) for a, b in ds.graph.edge_list() if a in keep and b in keep]
    result = RegionPartitioner(members, edges, scorer, max_size=k, time_limit=5).solve()
    assert math.isfinite(result.bound) and math.isfinite(result.gap)
    assert result.bound >= best - 1e-6 >= result.objective - 1e-6
    assert result.gap == pytest.approx((result.bound - result.objective) / abs(result.bound))


@pytest.mark.parametrize("vr", ["VR05", "VR17"])  # 14 and 13 gemeenten
def test_smallest_cli_time_limit_reports_a_finite_bound(ds, literature_engine, vr) -> None:
    args = ["indeling", "--gebied", f"veiligheidsregio:{vr}", "--taakveld", "7.3"]
    args += ["--modus", "literature", "--tijdslimiet", "0.1"]
    out = CliRunner().invoke(cli, [*args, "--format", "json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["bound"] is not None and payload["gap"] is not None
    assert payload["bound"] >= payload["objective"] - 1e-6
    assert 0.0 <= payload["gap"] < 1.0
    # The bound holds for the optimum that a long run proves (independent of the short run).
    members = region(ds, "veiligheidsregio", vr)
    scorer = engine_scorer(literature_engine, ["7.3"])
    full = RegionPartitioner.from_region(
        ds, f"veiligheidsregio:{vr}", scorer, max_size=6, time_limit=120
    ).solve()
    assert full.optimal
    assert sorted(c for g in payload["groups"] for c in g) == members
    assert payload["bound"] >= full.objective - 1e-6
    table = CliRunner().invoke(cli, args, catch_exceptions=False).output
    assert not re.search(r"\binf\b|\bnan\b|nan%", table.lower())


def _nothing_found(groups, values, equal, **kwargs):
    """A MIP that ran out of time before it improved on its start or had a bound."""
    del groups, values, equal, kwargs
    return MipSolution(np.zeros(0, np.int64), -math.inf, math.inf, False, False)


@pytest.mark.parametrize("scale", [1.0, 0.0, -3.0])  # the LP's own prices, none, and wrong ones
def test_an_unfinished_lp_still_gives_a_proven_bound(ds, monkeypatch, scale) -> None:
    monkeypatch.setattr(solve_module, "SMALL_PART", 5)  # every part takes the LP path
    real_lp = solve_module.solve_lp

    def unfinished(groups, values, equal, **kwargs):
        out = real_lp(groups, values, equal, **kwargs)
        return dataclasses.replace(out, duals=out.duals * scale, optimal=False)

    monkeypatch.setattr(solve_module, "solve_lp", unfinished)
    monkeypatch.setattr(solve_module, "solve_mip", _nothing_found)
    members = region(ds, "veiligheidsregio", "VR13")  # where the greedy start is not optimal
    scorer = scale_scorer(ds, "0.4", 80.0, 30.0, 20.0)
    best, _ = brute_force(ds, members, scorer.value, 4)
    keep = set(members)
    edges = [(a, b) for a, b in ds.graph.edge_list() if a in keep and b in keep]
    result = RegionPartitioner(members, edges, scorer, max_size=4, time_limit=5).solve()
    assert math.isfinite(result.bound)
    assert result.objective < best - 1e-6  # only the start: the bound must do the work
    assert result.bound >= best - 1e-6
