"""The optimiser against exhaustive search over all set partitions of small real regions."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from partition_helpers import all_connected, brute_force, plain_greedy, region, scale_scorer

import regiokompas.partition._solve as solve_module
from regiokompas.partition import RegionPartitioner, engine_scorer
from regiokompas.partition._highs import MipSolution


def _solve(ds, members, scorer, **params):
    keep = set(members)
    edges = [(a, b) for a, b in ds.graph.edge_list() if a in keep and b in keep]
    return RegionPartitioner(members, edges, scorer, **params).solve()


def _check(ds, result, members, value) -> None:
    assert sorted(c for g in result.groups for c in g) == sorted(members)  # a partition
    assert all_connected(ds, result.groups)
    assert result.objective == pytest.approx(sum(value(list(g)) for g in result.groups), abs=1e-6)
    assert result.objective == pytest.approx(sum(result.values), abs=1e-9)
    assert result.bound >= result.objective - 1e-6


@pytest.mark.parametrize(
    ("vr", "k", "taakveld", "fixed", "per_member", "quadratic"),
    [
        ("VR13", 6, "7.3", 40.0, 10.0, 0.0),  # Amsterdam-Amstelland, superadditive values
        ("VR11", 4, "0.4", 80.0, 30.0, 20.0),  # Zaanstreek-Waterland, rising coordination cost
        ("VR15", 3, "6.1", 200.0, 60.0, 0.0),  # Haaglanden, many groups not worth it
        ("VR12", 5, "7.3", 40.0, 10.0, 5.0),  # Kennemerland
        ("VR18", 4, "2.1", 60.0, 20.0, 10.0),  # Zuid-Holland-Zuid, 10 gemeenten
    ],
)
def test_optimum_equals_brute_force(ds, vr, k, taakveld, fixed, per_member, quadratic) -> None:
    members = region(ds, "veiligheidsregio", vr)
    scorer = scale_scorer(ds, taakveld, fixed, per_member, quadratic)
    best, _ = brute_force(ds, members, scorer.value, k)
    result = _solve(ds, members, scorer, max_size=k)
    _check(ds, result, members, scorer.value)
    assert result.status == "optimaal"
    assert result.objective == pytest.approx(best, rel=1e-9)
    assert result.bound == pytest.approx(best, rel=1e-6)


@pytest.mark.parametrize("vr", ["VR15", "VR18"])
def test_lp_search_and_fixing_path_is_exact(ds, vr, monkeypatch) -> None:
    # Force the large-part pipeline (column generation, restricted and exact passes).
    monkeypatch.setattr(solve_module, "SMALL_PART", 5)
    members = region(ds, "veiligheidsregio", vr)
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    best, _ = brute_force(ds, members, scorer.value, 4)
    result = _solve(ds, members, scorer, max_size=4, time_limit=30)
    assert result.stats["delen_met_lp"] >= 1
    _check(ds, result, members, scorer.value)
    assert result.status == "optimaal"
    assert result.objective == pytest.approx(best, rel=1e-9)


#: Regions and scorers whose LP relaxation is fractional, so that the passes after the LP run.
FRACTIONAL = [
    ("VR15", 5, ("7.3", 40.0, 10.0, 0.0)),
    ("VR18", 5, ("7.3", 40.0, 10.0, 0.0)),
    ("VR18", 3, ("0.4", 80.0, 30.0, 20.0)),
]


def _first_pass_unfinished(ds, monkeypatch, vr, k, params, restricted_gap, later):
    """Solve ``vr`` through the large-part path with a first MIP pass that stops unproven (as if
    its time ran out, keeping the restricted model's true bound); later MIP calls go to
    ``later(real_solve_mip, groups, values, equal, **kwargs)``. Returns the brute-force
    optimum, the result and the number of MIP calls."""
    monkeypatch.setattr(solve_module, "SMALL_PART", 5)
    monkeypatch.setattr(solve_module, "RESTRICTED_GAP", restricted_gap)
    real = solve_module.solve_mip
    calls: list[int] = []

    def patched(groups, values, equal, **kwargs):
        calls.append(len(groups))
        if len(calls) == 1:
            return dataclasses.replace(real(groups, values, equal, **kwargs), optimal=False)
        return later(real, groups, values, equal, **kwargs)

    monkeypatch.setattr(solve_module, "solve_mip", patched)
    members = region(ds, "veiligheidsregio", vr)
    scorer = scale_scorer(ds, *params)
    best, _ = brute_force(ds, members, scorer.value, k)
    result = _solve(ds, members, scorer, max_size=k, time_limit=30)
    _check(ds, result, members, scorer.value)
    return best, result, len(calls)


@pytest.mark.parametrize("restricted_gap", [1e-12, 1e-3, 0.05])
@pytest.mark.parametrize(("vr", "k", "params"), FRACTIONAL)
def test_restricted_first_pass_keeps_the_bound_proven(
    ds, vr, k, params, restricted_gap, monkeypatch
) -> None:
    # The first pass over a large part keeps only columns near the LP bound. When it stops
    # unproven, the reported bound must still hold for the whole problem, and the exact second
    # pass must find the brute-force optimum. A tiny restricted gap forces the widening from
    # almost nothing.
    def exact(real, groups, values, equal, **kwargs):
        return real(groups, values, equal, **kwargs)

    best, result, calls = _first_pass_unfinished(
        ds, monkeypatch, vr, k, params, restricted_gap, exact
    )
    assert calls == 2  # the restricted pass, then the exact one
    assert result.stats["delen_met_lp"] == 1
    assert result.bound >= best - 1e-6
    assert result.objective == pytest.approx(best, rel=1e-9)
    assert result.status == "optimaal"


@pytest.mark.parametrize(("vr", "k", "params"), FRACTIONAL)
def test_unfinished_passes_report_a_valid_bound(ds, vr, k, params, monkeypatch) -> None:
    # The restricted pass stops unproven and the exact pass runs out of time with nothing: the
    # bound must then be max(restricted bound, LP bound - delta), never below the optimum.
    def out_of_time(real, groups, values, equal, **kwargs):
        return MipSolution(np.zeros(0, np.int64), -np.inf, np.inf, False, False)

    best, result, calls = _first_pass_unfinished(ds, monkeypatch, vr, k, params, 1e-12, out_of_time)
    assert calls == 2
    assert result.bound >= best - 1e-6
    assert result.objective < best - 1e-6  # the restricted pass alone misses the optimum here
    assert result.status == "tijdslimiet"


@pytest.mark.parametrize(
    ("vr", "taakvelden", "k"),
    [("VR14", ["0.61"], 6), ("VR01", ["7.3"], 4), ("VR12", ["0.61", "0.62", "0.64"], 5)],
)
def test_optimum_with_savings_engine_equals_brute_force(
    ds, literature_engine, vr, taakvelden, k
) -> None:
    members = region(ds, "veiligheidsregio", vr)
    vorm = "bedrijfsvoeringsorganisatie"

    def value(group):
        return literature_engine.group_value(list(group), taakvelden, vorm).net_keur

    best, _ = brute_force(ds, members, value, k)
    result = _solve(ds, members, engine_scorer(literature_engine, taakvelden, vorm), max_size=k)
    _check(ds, result, members, value)
    assert result.status == "optimaal"
    assert result.objective == pytest.approx(best, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize(("vr", "k"), [("VR01", 3), ("VR18", 4), ("VR15", 3), ("VR01", 4)])
def test_counting_cut_is_tight_at_the_optimum_and_keeps_it(ds, literature_engine, vr, k) -> None:
    # Afval (7.3) in the literature priors: savings add up over members, governance is paid once
    # per group, so the optimum packs as many groups of the largest size as fit. The MIP's cut
    # "at most floor(n / k) groups of size k" is then tight, and must not cut the optimum off.
    members = region(ds, "veiligheidsregio", vr)
    vorm = "bedrijfsvoeringsorganisatie"

    def value(group):
        return literature_engine.group_value(list(group), ["7.3"], vorm).net_keur

    best, partition = brute_force(ds, members, value, k)
    assert sum(len(p) == k for p in partition) == len(members) // k  # tight
    result = _solve(ds, members, engine_scorer(literature_engine, ["7.3"], vorm), max_size=k)
    _check(ds, result, members, value)
    assert result.status == "optimaal"
    assert result.objective == pytest.approx(best, rel=1e-9, abs=1e-6)


def test_reported_objective_is_sum_of_engine_values_for_a_province(ds, literature_engine) -> None:
    scorer = engine_scorer(literature_engine, ["0.61"])
    result = RegionPartitioner.from_region(ds, "provincie:Utrecht", scorer, max_size=6).solve()
    total = sum(
        literature_engine.group_value(list(g), ["0.61"], "bedrijfsvoeringsorganisatie").net_keur
        for g in result.groups
    )
    assert result.objective == pytest.approx(total, abs=1e-6)
    assert result.status == "optimaal"
    assert all_connected(ds, result.groups)
    assert max(len(g) for g in result.groups) <= 6
    assert sorted(c for g in result.groups for c in g) == sorted(
        ds.gemeenten.loc[ds.gemeenten["provincie"] == "Utrecht", "gm_code"]
    )


def test_time_limit_returns_best_solution_with_honest_gap(ds, literature_engine) -> None:
    # Afval (7.3) without a scale limit in the literature priors: values add up over members and
    # governance is paid once per group, which makes Noord-Holland's 44 gemeenten at group size 6
    # hard for the set packing (measured: still a 0.24% gap after 60 s), so 2 s cannot prove it
    # on any machine. The additive fast path proves it in under a second (see
    # test_partition_additive.py), so it is switched off here to test the set packing's limit.
    scorer = engine_scorer(literature_engine, ["7.3"])
    result = RegionPartitioner.from_region(
        ds, "provincie:Noord-Holland", scorer, max_size=6, time_limit=2.0, additive=False
    ).solve()
    assert result.status == "tijdslimiet"
    assert result.gap > 0
    assert result.bound >= result.objective
    assert all_connected(ds, result.groups)
    assert sorted(c for g in result.groups for c in g) == sorted(
        ds.gemeenten.loc[ds.gemeenten["provincie"] == "Noord-Holland", "gm_code"]
    )
    assert result.timings["totaal_s"] < 6.0
    # Even when time runs out, the answer is no worse than a plain greedy merge.
    members = sorted(c for g in result.groups for c in g)

    def value(group):
        return literature_engine.group_value(list(group), ["7.3"], "bedrijfsvoeringsorganisatie")

    greedy = plain_greedy(ds, members, lambda g: value(g).net_keur if len(g) > 1 else 0.0, 6)
    assert result.objective >= greedy - 1e-6
