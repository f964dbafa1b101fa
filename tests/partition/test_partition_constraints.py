"""Constraints hold, match exhaustive search, and impossible ones give a named error."""

from __future__ import annotations

import pytest
from partition_helpers import all_connected, brute_force, region, scale_scorer

from regiokompas.partition import (
    ConstraintConflictError,
    RegionPartitioner,
    UnknownAreaError,
    area_members,
)


def _partitioner(ds, members, scorer, **params):
    keep = set(members)
    edges = [(a, b) for a, b in ds.graph.edge_list() if a in keep and b in keep]
    names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True))
    return RegionPartitioner(members, edges, scorer, names=names, **params)


def _same_group(result, a, b) -> bool:
    return b in result.group_of(a)


def test_together_and_apart_pairs_match_brute_force(ds) -> None:
    members = region(ds, "veiligheidsregio", "VR18")  # Zuid-Holland-Zuid, 10 gemeenten
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0, 5.0)
    free, _ = brute_force(ds, members, scorer.value, 4)
    # Pick a pair the free optimum separates, and one it joins.
    result_free = _partitioner(ds, members, scorer, max_size=4).solve()
    big = next(g for g in result_free.groups if len(g) >= 2)
    joined = (big[0], big[1])
    separated = next(
        (a, b)
        for a in members
        for b in members
        if a < b and ds.graph.adjacent(a, b) and not _same_group(result_free, a, b)
    )

    def allowed(block):
        s = set(block)
        together_ok = (separated[0] in s) == (separated[1] in s)
        apart_ok = not (joined[0] in s and joined[1] in s)
        return together_ok and apart_ok

    best, _ = brute_force(ds, members, scorer.value, 4, allowed=allowed)
    result = _partitioner(
        ds, members, scorer, max_size=4, together=[separated], apart=[joined]
    ).solve()
    assert _same_group(result, *separated)
    assert not _same_group(result, *joined)
    assert result.status == "optimaal"
    assert result.objective == pytest.approx(best, rel=1e-9)
    assert best <= free + 1e-9
    assert all_connected(ds, result.groups)


def test_minimum_group_size_matches_brute_force(ds) -> None:
    members = region(ds, "veiligheidsregio", "VR15")  # Haaglanden, 9 gemeenten
    scorer = scale_scorer(ds, "6.1", 200.0, 60.0)  # groups are often not worth it here
    best, _ = brute_force(ds, members, scorer.value, 4, min_size=2)
    result = _partitioner(ds, members, scorer, max_size=4, min_size=2).solve()
    assert min(len(g) for g in result.groups) >= 2
    assert result.objective == pytest.approx(best, rel=1e-9)
    assert result.status == "optimaal"


def test_stay_within_region_matches_brute_force(ds) -> None:
    # Zaanstreek-Waterland (7) plus the three Amsterdam-Amstelland gemeenten bordering it:
    # ten gemeenten in two veiligheidsregio's (exhaustive search stays at Bell(10) partitions).
    vr11 = region(ds, "veiligheidsregio", "VR11")
    border = [
        c
        for c in region(ds, "veiligheidsregio", "VR13")
        if any(ds.graph.adjacent(c, o) for o in vr11)
    ][:3]
    members = vr11 + border
    labels = {c: ("VR11" if c in vr11 else "VR13") for c in members}
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    best, _ = brute_force(
        ds,
        sorted(members),
        scorer.value,
        3,
        allowed=lambda block: len({labels[c] for c in block}) == 1,
    )
    result = _partitioner(ds, members, scorer, max_size=3, region_of=labels).solve()
    assert all(len({labels[c] for c in g}) == 1 for g in result.groups)
    assert result.objective == pytest.approx(best, rel=1e-9)


def test_pair_that_cannot_be_contiguous_is_named(ds) -> None:
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    assert not ds.graph.adjacent("GM0513", "GM0599")
    p = RegionPartitioner.from_region(
        ds, "provincie:Zuid-Holland", scorer, max_size=2, together=[("Gouda", "Rotterdam")]
    )
    with pytest.raises(ConstraintConflictError) as info:
        p.solve()
    assert "GM0513 Gouda" in info.value.nl and "GM0599 Rotterdam" in info.value.nl
    assert "maximale groepsgrootte 2" in info.value.nl
    assert "must be together" in info.value.en


def test_pair_outside_region_rule_is_named(ds) -> None:
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    vr = ds.regio[ds.regio["regiotype"] == "veiligheidsregio"].set_index("gm_code")["regio_code"]
    zh = set(area_members(ds, "provincie:Zuid-Holland"))
    a, b = next((a, b) for a, b in ds.graph.edge_list() if a in zh and b in zh and vr[a] != vr[b])
    with pytest.raises(ConstraintConflictError, match="verschillende regio") as info:
        RegionPartitioner.from_region(
            ds,
            "provincie:Zuid-Holland",
            scorer,
            max_size=5,
            within="veiligheidsregio",
            together=[(a, b)],
        )
    assert a in info.value.nl and b in info.value.nl


def test_conflicting_pairs_and_sizes_are_named(ds) -> None:
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    with pytest.raises(ConstraintConflictError, match="apart blijven"):
        RegionPartitioner.from_region(
            ds,
            "provincie:Utrecht",
            scorer,
            max_size=5,
            together=[("Utrecht", "Nieuwegein"), ("Nieuwegein", "Houten")],
            apart=[("Utrecht", "Houten")],
        )
    with pytest.raises(
        ConstraintConflictError, match="3 gemeenten en de maximale groepsgrootte is 2"
    ):
        RegionPartitioner.from_region(
            ds,
            "provincie:Utrecht",
            scorer,
            max_size=2,
            together=[("Utrecht", "Nieuwegein"), ("Nieuwegein", "Houten")],
        )
    with pytest.raises(ConstraintConflictError, match="minimale groepsgrootte 4 is groter"):
        RegionPartitioner.from_region(ds, "provincie:Utrecht", scorer, max_size=3, min_size=4)
    with pytest.raises(ConstraintConflictError, match="hoort niet bij het gebied"):
        RegionPartitioner.from_region(
            ds, "provincie:Utrecht", scorer, max_size=3, together=[("Utrecht", "Gouda")]
        )


def test_island_cannot_meet_a_minimum_group_size(ds) -> None:
    # Fryslân's veiligheidsregio has one gemeente without a link to the others.
    members = region(ds, "veiligheidsregio", "VR02")
    parts = ds.graph.components(members)
    island = parts[-1][0]
    assert len(parts[-1]) == 1
    scorer = scale_scorer(ds, "7.3", 40.0, 10.0)
    with pytest.raises(ConstraintConflictError) as info:
        RegionPartitioner.from_region(
            ds, "veiligheidsregio:VR02", scorer, max_size=4, min_size=2
        ).solve()
    assert island in info.value.nl and "past in geen aaneengesloten groep" in info.value.nl


def test_areas_by_code_and_name(ds) -> None:
    assert area_members(ds, "veiligheidsregio:VR16") == area_members(
        ds, "veiligheidsregio:Hollands-Midden"
    )
    assert len(area_members(ds, "land")) == 342
    with pytest.raises(UnknownAreaError, match="Geen provincie"):
        area_members(ds, "provincie:Atlantis")
    with pytest.raises(UnknownAreaError, match="Onbekende regiosoort"):
        area_members(ds, "waterschap:Rijnland")
