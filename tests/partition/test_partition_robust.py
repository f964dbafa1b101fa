"""Robust partitions and stability maps, checked against exhaustive search over all partitions
and against the savings engine itself."""

from __future__ import annotations

import numpy as np
import pytest
from partition_helpers import set_partitions

import regiokompas.partition._cvar as cvar_module
import regiokompas.partition.stability as stability_module
from regiokompas.partition import (
    RegionPartitioner,
    ScenarioError,
    engine_scenarios,
    engine_scorer,
    robust_partitions,
    stability_map,
)
from regiokompas.partition._cvar import cvar_of
from regiokompas.savings import SavingsEngine


def _model(ds, engine, vr: str, taakvelden: list[str], k: int, **params) -> RegionPartitioner:
    return RegionPartitioner.from_region(
        ds, f"veiligheidsregio:{vr}", engine_scorer(engine, taakvelden), max_size=k, **params
    )


def _exhaustive(ds, model: RegionPartitioner, scenarios) -> tuple[list, np.ndarray]:
    """Every partition of the area into connected groups of at most ``max_size``, with its
    total in every draw (draw values of each group from the scenario scorer)."""
    nodes = list(model.nodes)
    cache: dict[frozenset[str], np.ndarray | None] = {}

    def draws_of(block: list[str]) -> np.ndarray | None:
        key = frozenset(block)
        if key not in cache:
            if len(block) > model.max_size or not ds.graph.is_connected(block):
                cache[key] = None
            elif len(block) == 1:
                cache[key] = 0.0
            else:
                row = np.array([[nodes.index(c) for c in sorted(block)]], dtype=np.int32)
                cache[key] = scenarios(row, nodes).matrix()[:, 0]
        return cache[key]

    partitions, totals = [], []
    for partition in set_partitions(nodes):
        parts = [draws_of(block) for block in partition]
        if any(p is None for p in parts):
            continue
        partitions.append(partition)
        totals.append(sum(parts))
    return partitions, np.array([np.broadcast_to(t, (len(totals[0]),)) for t in totals])


def test_scenario_values_are_the_engines_values_at_the_drawn_rates(ds, literature_engine) -> None:
    taakvelden = ["0.61", "7.3", "0.4"]  # a schaalgrens, none, and a P50 of 0
    model = _model(ds, literature_engine, "VR12", taakvelden, 4)
    groups = model.candidate_groups()
    scenarios = engine_scenarios(literature_engine, taakvelden, draws=5, seed=3)
    values = scenarios(groups, model.nodes)
    # The point estimate is what the plain optimiser uses.
    point = engine_scorer(literature_engine, taakvelden)(groups, model.nodes)
    np.testing.assert_allclose(values.point(), point, atol=1e-9)
    # Draw 2 equals an engine whose priors are set to that draw's rates (custom mode).
    rates = values.multipliers[2]
    overrides = {
        r: {"besparing_p10": x, "besparing_p50": x, "besparing_p90": x}
        for r, x in zip(taakvelden, rates, strict=True)
    }
    custom = SavingsEngine.from_dataset(ds, mode="custom", overrides=overrides)
    expected = engine_scorer(custom, taakvelden)(groups, model.nodes)
    np.testing.assert_allclose(values.draw(2), expected, atol=1e-9)
    assert values.multipliers.shape == (5, 3)
    assert len(np.unique(values.multipliers[:, 0])) == 5  # real draws, not one value


def test_fitted_mode_is_refused_with_a_clear_message(ds) -> None:
    fitted = SavingsEngine.from_dataset(ds, mode="fitted", draws=20)
    with pytest.raises(ScenarioError, match="literatuurmodus"):
        engine_scenarios(fitted, ["0.61"], draws=10)


@pytest.mark.parametrize(("vr", "taakveld", "k"), [("VR15", "0.61", 4), ("VR12", "7.3", 5)])
def test_robust_partitions_equal_exhaustive_search(ds, literature_engine, vr, taakveld, k) -> None:
    model = _model(ds, literature_engine, vr, [taakveld], k)
    scenarios = engine_scenarios(literature_engine, [taakveld], draws=60, seed=11)
    robust = robust_partitions(model, scenarios)
    partitions, totals = _exhaustive(ds, model, scenarios)
    p10 = np.percentile(totals, 10, axis=1)
    mean = totals.mean(axis=1)
    # Each criterion reaches the best any partition can reach on it.
    assert robust.risk_averse.exact
    assert robust.risk_averse.total.p10 == pytest.approx(p10.max(), abs=1e-6)
    assert robust.risk_averse.result.objective == pytest.approx(p10.max(), abs=1e-6)
    assert robust.expected.total.mean == pytest.approx(mean.max(), abs=1e-6)
    # And the P10 of the robust partition is at least that of the median-optimal one.
    assert robust.risk_averse.total.p10 >= robust.point.total.p10 - 1e-6
    assert robust.p10_gained >= -1e-6
    for p in robust.partitions:
        assert p.result.bound >= p.result.objective - 1e-9


BUNDLE = ["0.61", "0.62", "0.64"]  # the three taakvelden whose P10 saving is positive


@pytest.mark.parametrize(("vr", "k"), [("VR15", 4), ("VR12", 4)])
def test_bundle_cvar_partition_equals_exhaustive_search(ds, literature_engine, vr, k) -> None:
    model = _model(ds, literature_engine, vr, BUNDLE, k)
    scenarios = engine_scenarios(literature_engine, BUNDLE, draws=60, seed=5)
    robust = robust_partitions(model, scenarios)
    partitions, totals = _exhaustive(ds, model, scenarios)
    # CVaR 10% of 60 draws: the mean of the 6 worst totals, computed here by sorting.
    worst = np.sort(totals, axis=1)[:, :6].mean(axis=1)
    low = robust.risk_averse
    assert low.criterion == "cvar" and low.exact and low.result.optimal
    assert low.result.objective == pytest.approx(worst.max(), abs=1e-6)
    assert low.total.cvar10 == pytest.approx(worst.max(), abs=1e-6)
    assert low.result.bound >= low.result.objective - 1e-9
    # Not a trivial answer: the best CVaR here needs groups, and beats the point partition's.
    assert worst.max() > 1.0 and any(len(g) > 1 for g in low.result.groups)
    assert low.total.cvar10 >= robust.point.total.cvar10 - 1e-6
    best = partitions[int(np.argmax(worst))]
    assert {frozenset(b) for b in best if len(b) > 1} <= {frozenset(g) for g in low.result.groups}


def test_cvar_of_matches_its_definition() -> None:
    rng = np.random.default_rng(4)
    for s, alpha in ((40, 0.1), (37, 0.1), (10, 0.25)):
        z = rng.normal(size=s)
        # Rockafellar–Uryasev by brute force over a fine grid of eta (the optimum is a total).
        etas = np.concatenate([z, np.linspace(z.min() - 1, z.max() + 1, 2001)])
        brute = max(e - np.maximum(e - z, 0).sum() / (alpha * s) for e in etas)
        assert cvar_of(z, alpha) == pytest.approx(brute, abs=1e-12)
        if (alpha * s).is_integer():
            assert cvar_of(z, alpha) == pytest.approx(np.sort(z)[: int(alpha * s)].mean())


def test_too_large_cvar_model_keeps_the_start_with_a_proven_bound(
    ds, literature_engine, monkeypatch
) -> None:
    monkeypatch.setattr(cvar_module, "MAX_NONZEROS", 0)
    model = _model(ds, literature_engine, "VR15", BUNDLE, 4)
    scenarios = engine_scenarios(literature_engine, BUNDLE, draws=60, seed=5)
    robust = robust_partitions(model, scenarios)
    low = robust.risk_averse
    assert not low.exact and "te groot" in low.description
    start = max(robust.point.total.cvar10, robust.expected.total.cvar10)
    assert low.result.objective == pytest.approx(start)
    # CVaR never exceeds the mean, so the SAA bound bounds it; the true optimum lies below.
    _, totals = _exhaustive(ds, model, scenarios)
    assert low.result.bound >= np.sort(totals, axis=1)[:, :6].mean(axis=1).max() - 1e-6


@pytest.mark.parametrize(("vr", "taakveld", "k"), [("VR15", "0.61", 4), ("VR12", "7.3", 5)])
def test_every_draw_of_the_stability_map_is_optimal(ds, literature_engine, vr, taakveld, k) -> None:
    model = _model(ds, literature_engine, vr, [taakveld], k)
    scenarios = engine_scenarios(literature_engine, [taakveld], draws=40, seed=2)
    result = stability_map(model, scenarios, workers=1)
    partitions, totals = _exhaustive(ds, model, scenarios)
    best = totals.max(axis=0)  # the optimum of every draw
    assert result.draws == 40 and result.proven == 40
    # Afval (7.3) has additive values: its draws go to the spanning-tree search with the
    # counting bound. (OZB has a schaalgrens, but in VR15 at k=4 every group's value fits the
    # additive form too, so it goes there as well; VR12 below takes the warm LP.)
    if taakveld == "7.3":
        assert {o.method for o in result.outcomes} == {"additief", "bisectie"}
    for outcome in result.outcomes:  # solved and bisection-interpolated draws alike
        assert outcome.objective == pytest.approx(best[outcome.draw], abs=1e-6)
    # The shares are counts over the draws' partitions.
    for a, b, share in result.pairs:
        count = sum(any(a in g and b in g for g in o.groups) for o in result.outcomes)
        assert share == pytest.approx(count / 40)
    reference = robust_partitions(model, scenarios).expected.result
    for group, share in result.groups:
        assert group in reference.groups
        assert share == pytest.approx(sum(group in o.groups for o in result.outcomes) / 40)


def test_bundle_stability_solves_every_draw(ds, literature_engine) -> None:
    taakvelden = ["0.61", "7.3"]
    model = _model(ds, literature_engine, "VR11", taakvelden, 4)
    scenarios = engine_scenarios(literature_engine, taakvelden, draws=12, seed=4)
    result = stability_map(model, scenarios, workers=1)
    _, totals = _exhaustive(ds, model, scenarios)
    best = totals.max(axis=0)
    for outcome in result.outcomes:
        assert outcome.objective == pytest.approx(best[outcome.draw], abs=1e-6)


def test_process_pool_gives_the_same_map(ds, literature_engine, monkeypatch) -> None:
    model = _model(ds, literature_engine, "VR15", ["0.61"], 4)
    scenarios = engine_scenarios(literature_engine, ["0.61"], draws=20, seed=8)
    alone = stability_map(model, scenarios, workers=1)
    monkeypatch.setattr(stability_module, "IN_PROCESS_GROUPS", 0)
    pooled = stability_map(model, scenarios, workers=2)
    assert pooled.pairs == alone.pairs
    assert [o.objective for o in pooled.outcomes] == pytest.approx(
        [o.objective for o in alone.outcomes], abs=1e-6
    )


def test_dask_cluster_of_two_workers_gives_the_same_map(ds, literature_engine) -> None:
    import distributed

    model = _model(ds, literature_engine, "VR15", ["0.61"], 4)
    scenarios = engine_scenarios(literature_engine, ["0.61"], draws=20, seed=8)
    alone = stability_map(model, scenarios, workers=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        on_dask = stability_map(model, scenarios, executor=client.get_executor())
    assert on_dask.pairs == alone.pairs


@pytest.mark.parametrize("tolerance", [1e-3, 0.05])
def test_stability_tolerance_keeps_every_draw_within_its_proven_gap(
    ds, literature_engine, tolerance
) -> None:
    model = _model(ds, literature_engine, "VR12", ["7.3"], 5)
    scenarios = engine_scenarios(literature_engine, ["7.3"], draws=40, seed=6)
    result = stability_map(model, scenarios, workers=1, tolerance=tolerance)
    _, totals = _exhaustive(ds, model, scenarios)
    best = totals.max(axis=0)
    for outcome in result.outcomes:
        # The bound holds and the partition is worth what it says, within the tolerance.
        assert outcome.bound >= best[outcome.draw] - 1e-6
        assert outcome.objective <= best[outcome.draw] + 1e-6
        assert outcome.bound - outcome.objective <= tolerance * max(abs(outcome.bound), 1) + 1e-6
        if outcome.optimal:  # claimed only within rel_gap, not within the looser tolerance
            assert outcome.objective == pytest.approx(best[outcome.draw], abs=1e-6)
        if outcome.groups:
            nodes = list(model.nodes)
            width = max(len(g) for g in outcome.groups)
            rows = np.full((len(outcome.groups), width), -1, dtype=np.int32)
            for r, g in enumerate(outcome.groups):
                rows[r, : len(g)] = [nodes.index(c) for c in g]
            worth = scenarios(rows, nodes).matrix()[outcome.draw].sum()
            assert outcome.objective == pytest.approx(worth, abs=1e-6)


def test_additive_draws_give_the_same_map_as_the_warm_lp(ds, literature_engine) -> None:
    # The same draws through the set packing's warm LP (the additive search switched off):
    # both are exact, so every draw has the same value and the map the same shares.
    scenarios = engine_scenarios(literature_engine, ["7.3"], draws=30, seed=3)
    fast = stability_map(_model(ds, literature_engine, "VR13", ["7.3"], 5), scenarios, workers=1)
    slow_model = _model(ds, literature_engine, "VR13", ["7.3"], 5, additive=False)
    slow = stability_map(slow_model, scenarios, workers=1)
    assert "additief" in fast.methods and "additief" not in slow.methods
    assert fast.proven == slow.proven == 30
    assert [o.objective for o in fast.outcomes] == pytest.approx(
        [o.objective for o in slow.outcomes], abs=1e-6
    )


def test_stability_without_the_lp_path_still_solves_every_draw(ds, literature_engine) -> None:
    # Groups of at least two: the warm LP does not apply (a gemeente may not stay alone), so
    # the draws go to the optimiser itself, with the bisection over the rate.
    model = _model(ds, literature_engine, "VR15", ["0.61"], 4, min_size=2)
    scenarios = engine_scenarios(literature_engine, ["0.61"], draws=20, seed=2)
    result = stability_map(model, scenarios, workers=1)
    partitions, totals = _exhaustive(ds, model, scenarios)
    allowed = [all(len(b) >= 2 for b in p) for p in partitions]
    best = totals[np.array(allowed)].max(axis=0)
    assert {o.method for o in result.outcomes} <= {"mip", "bisectie"}
    for outcome in result.outcomes:
        assert outcome.objective == pytest.approx(best[outcome.draw], abs=1e-6)


def test_the_warm_lp_settles_most_draws_without_a_mip(ds, literature_engine) -> None:
    model = _model(ds, literature_engine, "VR12", ["0.61"], 5)
    scenarios = engine_scenarios(literature_engine, ["0.61"], draws=40, seed=2)
    result = stability_map(model, scenarios, workers=1)
    methods = [o.method for o in result.outcomes]
    assert set(methods) <= {"lp", "bekend", "mip", "bisectie"}
    assert methods.count("mip") < len(methods) / 2
    _, totals = _exhaustive(ds, model, scenarios)
    best = totals.max(axis=0)
    for outcome in result.outcomes:
        assert outcome.optimal and outcome.objective == pytest.approx(best[outcome.draw], abs=1e-6)


def test_draws_between_ends_with_a_gap_keep_a_proven_bound(
    ds, literature_engine, monkeypatch
) -> None:
    # Solved draws that end with a gap (here: each bound loosened by 0.5%, still a bound) let
    # the bisection fill the draws between them up to that gap; every bound stays valid.
    from dataclasses import replace

    from regiokompas.partition._drawsolve import DrawSolver

    solve = DrawSolver.solve

    def loose(self, values, **kwargs):
        s = solve(self, values, **kwargs)
        return replace(s, bound=s.bound + 0.005 * max(abs(s.bound), 1.0), optimal=False)

    monkeypatch.setattr(DrawSolver, "solve", loose)
    model = _model(ds, literature_engine, "VR12", ["7.3"], 5)
    scenarios = engine_scenarios(literature_engine, ["7.3"], draws=40, seed=6)
    result = stability_map(model, scenarios, workers=1, tolerance=1e-6)
    _, totals = _exhaustive(ds, model, scenarios)
    best = totals.max(axis=0)
    filled = [o for o in result.outcomes if o.method == "bisectie"]
    assert filled  # without the rule, a gap at the ends would force a solve of every draw
    for outcome in result.outcomes:
        assert outcome.bound >= best[outcome.draw] - 1e-6
        assert outcome.objective <= best[outcome.draw] + 1e-6
        assert outcome.bound - outcome.objective <= 0.0101 * max(abs(outcome.bound), 1) + 1e-6


def test_workers_rebuild_the_model_with_every_setting(ds, literature_engine) -> None:
    # A worker process rebuilds the partitioner from these parameters; a setting left out
    # (as `additive` once was) silently changes how the workers solve.
    model = _model(
        ds, literature_engine, "VR12", ["7.3"], 5, additive=False, min_size=2, rel_gap=1e-4
    )
    params = stability_module._params(model)
    rebuilt = RegionPartitioner(model.nodes, model.edges, model.scorer, **params)
    for name in ("max_size", "min_size", "together", "apart", "region_of", "rel_gap", "additive"):
        assert getattr(rebuilt, name) == getattr(model, name), name


def test_draws_through_the_tree_recombination_stay_exact(
    ds, literature_engine, monkeypatch
) -> None:
    # A region whose LP is fractional: the recombination runs, and every draw can be checked
    # against brute force.
    import regiokompas.partition._drawsolve as drawsolve

    calls = []
    recombine = drawsolve.DrawSolver._recombine

    def counted(self, *args, **kwargs):
        calls.append(1)
        return recombine(self, *args, **kwargs)

    monkeypatch.setattr(drawsolve.DrawSolver, "_recombine", counted)
    model = _model(ds, literature_engine, "VR13", ["0.61"], 4)  # its LP is fractional
    scenarios = engine_scenarios(literature_engine, ["0.61"], draws=40, seed=2)
    result = stability_map(model, scenarios, workers=1)
    _, totals = _exhaustive(ds, model, scenarios)
    best = totals.max(axis=0)
    assert calls  # the step ran
    for outcome in result.outcomes:
        assert outcome.optimal and outcome.objective == pytest.approx(best[outcome.draw], abs=1e-6)
