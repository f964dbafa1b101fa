"""The additive fast path: fit, exact tree partitioning, counting bound, and the whole model.

Reference: exhaustive search over every partition (Bell-number many) of small graphs into
connected blocks, valued independently of the code under test.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from partition_helpers import brute_force, connected, random_graph, region, set_partitions

from regiokompas.partition import RegionPartitioner, engine_scorer
from regiokompas.partition._additive import (
    Additive,
    counting_bound,
    fit_additive,
    graph_components,
)
from regiokompas.partition._enumerate import connected_groups
from regiokompas.partition._treesearch import best_tree_partition, tree_search


def _exhaustive(adjacency: list[list[int]], w: np.ndarray, cost: float, k: int) -> float:
    """Best total over all partitions into connected blocks of at most ``k`` (a block of two
    or more is worth the sum of its weights minus ``cost``, one alone 0)."""
    best = -np.inf
    for partition in set_partitions(list(range(len(adjacency)))):
        total = 0.0
        for block in partition:
            if len(block) > k or not connected(block, adjacency):
                break
            if len(block) >= 2:
                total += float(w[block].sum()) - cost
        else:
            best = max(best, total)
    return best


def _instances(count: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(5, 9))
        adjacency = random_graph(rng, n, int(rng.integers(0, 4)))
        w = np.round(rng.normal(10.0, 6.0, n), 1)  # some weights negative
        cost = float(rng.choice([2.0, 8.0, 15.0, 30.0]))
        k = int(rng.integers(2, 5))
        yield adjacency, w, cost, k


def test_fit_recovers_weights_and_cost_and_rejects_other_values() -> None:
    rng = np.random.default_rng(1)
    adjacency = random_graph(rng, 12, 8)
    groups = connected_groups(adjacency, 4)
    w = rng.normal(20.0, 5.0, 12)
    big = (groups >= 0).sum(axis=1) >= 2
    values = np.where(big, np.concatenate([w, [0.0]])[groups].sum(axis=1) - 7.5, 0.0)
    fit = fit_additive(groups, values, 12)
    assert fit is not None
    np.testing.assert_allclose(fit.weights, w, atol=1e-8)
    assert fit.cost == pytest.approx(7.5)
    # One group of four worth 0.01 more: not additive any more (the fit uses groups of 2-3).
    four = np.flatnonzero((groups >= 0).sum(axis=1) == 4)[0]
    values[four] += 0.01
    assert fit_additive(groups, values, 12) is None


def test_tree_partition_is_exact_on_trees() -> None:
    rng = np.random.default_rng(3)
    for _ in range(60):
        n = int(rng.integers(3, 9))
        tree = random_graph(rng, n, 0)
        w = np.round(rng.normal(10.0, 6.0, n), 1)
        cost = float(rng.choice([2.0, 8.0, 15.0]))
        k = int(rng.integers(2, 5))
        value, parts = best_tree_partition(tree, list(w), cost, k, list(range(n)))
        assert value == pytest.approx(_exhaustive(tree, w, cost, k))
        # The partition it returns is worth what it says, with connected parts of at most k.
        assert sorted(i for p in parts for i in p) == list(range(n))
        assert all(len(p) <= k and connected(p, tree) for p in parts)
        assert value == pytest.approx(sum(w[p].sum() - cost for p in parts if len(p) >= 2))


def test_counting_bound_holds_and_is_often_tight() -> None:
    tight = 0
    cases = list(_instances(80))
    for adjacency, w, cost, k in cases:
        optimum = _exhaustive(adjacency, w, cost, k)
        bound, _ = counting_bound(adjacency, Additive(w, cost, 0.0), k)
        assert bound >= optimum - 1e-9
        tight += bound <= optimum + 1e-9
    # Tight in most cases, so a bound lowered by any amount would fail the line above.
    assert tight >= len(cases) // 2


def test_counting_bound_on_a_star_is_valid_but_not_tight() -> None:
    # A centre with six leaves, groups of at most 3: only one group can form (it needs the
    # centre), the counting bound assumes three.
    star = [[1, 2, 3, 4, 5, 6]] + [[0]] * 6
    w = np.full(7, 10.0)
    bound, counts = counting_bound(star, Additive(w, 4.0, 0.0), 3)
    assert _exhaustive(star, w, 4.0, 3) == pytest.approx(26.0)
    assert bound == pytest.approx(70.0 - 3 * 4.0) and counts == [3]


def test_tree_search_finds_the_optimum_of_small_graphs() -> None:
    for adjacency, w, cost, k in _instances(40, seed=11):
        value, groups = tree_search(adjacency, w, cost, k, deadline=float("inf"), stall=60)
        assert value == pytest.approx(_exhaustive(adjacency, w, cost, k))
        assert all(2 <= len(g) <= k and connected(g, adjacency) for g in groups)
        assert sum(len(g) for g in groups) == len({i for g in groups for i in g})


def test_graph_components() -> None:
    assert graph_components([[1], [0], [], [4], [3]]) == [[0, 1], [2], [3, 4]]


def _additive_scorer(w: dict[str, float], cost: float):
    def scorer(groups: np.ndarray, nodes) -> np.ndarray:
        return np.array(
            [
                sum(w[nodes[i]] for i in row if i >= 0) - cost if (row >= 0).sum() >= 2 else 0.0
                for row in groups
            ]
        )

    return scorer


def test_model_uses_the_fast_path_and_falls_back_where_the_bound_is_not_tight() -> None:
    # The star again: the fast path finds 26 but cannot prove it with counting; the set packing
    # then proves it, and the result keeps the smaller (still valid) bound.
    nodes = list("CABDEFG")
    edges = [("C", x) for x in "ABDEFG"]
    model = RegionPartitioner(nodes, edges, _additive_scorer(dict.fromkeys(nodes, 10.0), 4.0))
    result = model.solve()
    assert result.stats["additief"] == 1
    assert result.objective == pytest.approx(
        _exhaustive([[1, 2, 3, 4, 5, 6]] + [[0]] * 6, np.full(7, 10.0), 4.0, 6)
    )
    assert result.optimal and result.bound == pytest.approx(result.objective)


def test_model_fast_path_matches_exhaustive_search_on_random_graphs() -> None:
    for adjacency, w, cost, k in _instances(25, seed=13):
        names = [f"N{i}" for i in range(len(adjacency))]
        edges = [(names[a], names[b]) for a in range(len(adjacency)) for b in adjacency[a] if a < b]
        scorer = _additive_scorer(dict(zip(names, w, strict=True)), cost)
        result = RegionPartitioner(names, edges, scorer, max_size=k).solve()
        optimum = _exhaustive(adjacency, w, cost, k)
        assert result.objective == pytest.approx(optimum)
        assert result.bound >= optimum - 1e-9
        assert result.optimal


@pytest.mark.parametrize(("code", "k"), [("VR12", 5), ("VR13", 4)])
def test_real_afval_regions_against_exhaustive_search(
    ds, literature_engine, code: str, k: int
) -> None:
    engine = literature_engine
    members = region(ds, "veiligheidsregio", code)
    scorer = engine_scorer(engine, ["7.3"])
    result = RegionPartitioner.from_region(
        ds, f"veiligheidsregio:{code}", scorer, max_size=k
    ).solve()
    assert result.stats["additief"] == 1

    def value(block) -> float:
        return float(
            engine.group_value(list(block), ["7.3"], "bedrijfsvoeringsorganisatie").net_keur
        )

    optimum, _ = brute_force(ds, members, lambda b: value(b) if len(b) > 1 else 0.0, k)
    assert result.objective == pytest.approx(optimum, abs=1e-6)
    assert result.bound >= optimum - 1e-6


def test_large_province_afval_is_proven_by_counting(ds, literature_engine) -> None:
    # Gelderland, afval (7.3), groups up to 6: the set packing ended at a 0.97% gap after 10 s;
    # the counting bound (nine groups for 51 gemeenten) proves the tree search's answer.
    engine = literature_engine
    scorer = engine_scorer(engine, ["7.3"])
    result = RegionPartitioner.from_region(
        ds, "provincie:Gelderland", scorer, max_size=6, time_limit=20
    ).solve()
    assert result.optimal and result.stats["additief"] == 1
    groups = [g for g in result.groups if len(g) >= 2]
    assert all(len(g) <= 6 and ds.graph.is_connected(list(g)) for g in groups)
    assert sorted(c for g in result.groups for c in g) == sorted(
        ds.regio.loc[
            (ds.regio["regiotype"] == "provincie") & (ds.regio["regio_naam"] == "Gelderland"),
            "gm_code",
        ]
    )
    independent = sum(
        float(engine.group_value(list(g), ["7.3"], "bedrijfsvoeringsorganisatie").net_keur)
        for g in groups
    )
    assert result.objective == pytest.approx(independent, abs=1e-6)
    assert len(groups) == 9  # ceil(51 / 6): no partition has fewer


def test_large_area_takes_the_tree_search_alone() -> None:
    # A 7 x 9 grid (63 gemeenten, one component over 60), groups of at most 3, equal weights:
    # 21 bars of three cover everyone, which the counting bound proves optimal (W - 21 F).
    names = [f"R{r}C{c}" for r in range(7) for c in range(9)]
    edges = [(f"R{r}C{c}", f"R{r}C{c + 1}") for r in range(7) for c in range(8)]
    edges += [(f"R{r}C{c}", f"R{r + 1}C{c}") for r in range(6) for c in range(9)]
    scorer = _additive_scorer(dict.fromkeys(names, 10.0), 4.0)
    result = RegionPartitioner(names, edges, scorer, max_size=3, time_limit=30).solve()
    assert result.stats["additief"] == 1 and result.stats["delen"] == 0  # no set packing
    assert result.bound == pytest.approx(63 * 10.0 - 21 * 4.0)
    assert result.bound >= result.objective
    assert result.optimal and result.objective == pytest.approx(result.bound)


def test_lp_bound_holds_on_small_graphs() -> None:
    from regiokompas.partition._structured import lp_bound

    for adjacency, w, cost, k in _instances(25, seed=17):
        groups = connected_groups(adjacency, k)
        big = (groups >= 0).sum(axis=1) >= 2
        padded = np.concatenate([w, [0.0]])
        values = np.where(big, padded[groups].sum(axis=1) - cost, 0.0)
        bound = lp_bound(groups, values, len(adjacency), 5.0)
        assert bound >= _exhaustive(adjacency, w, cost, k) - 1e-6


def test_iterated_search_only_adds_to_the_plain_search() -> None:
    # Same seed: the iterated search repeats the plain one until it stalls, then goes on.
    for adjacency, w, cost, k in _instances(10, seed=19):
        plain, _ = tree_search(adjacency, w, cost, k, deadline=0.0, stall=5)
        deadline = time.perf_counter() + 0.2
        more, groups = tree_search(adjacency, w, cost, k, deadline=deadline, stall=5, restart=True)
        assert more >= plain - 1e-9
        assert more == pytest.approx(sum(w[g].sum() - cost for g in groups) if groups else 0.0)


def test_large_area_where_counting_is_loose_is_proven_by_the_lp() -> None:
    # A comb: a path of 9 spine nodes, each with 6 leaves (63 gemeenten), groups of at most 3.
    # Every group holds a spine node, so at most 9 groups of 3: optimum 9 * (30 - 4) = 234.
    # Counting alone allows 21 groups (546); the LP's bound is exactly 234.
    names = [f"S{i}" for i in range(9)] + [f"L{i}_{j}" for i in range(9) for j in range(6)]
    edges = [(f"S{i}", f"S{i + 1}") for i in range(8)]
    edges += [(f"S{i}", f"L{i}_{j}") for i in range(9) for j in range(6)]
    scorer = _additive_scorer(dict.fromkeys(names, 10.0), 4.0)
    result = RegionPartitioner(names, edges, scorer, max_size=3, time_limit=4).solve()
    assert result.stats["additief"] == 1 and result.stats["delen"] == 0
    assert result.objective == pytest.approx(234.0)
    assert result.bound == pytest.approx(234.0, abs=1e-6)
    assert result.optimal
