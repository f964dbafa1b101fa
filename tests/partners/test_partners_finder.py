"""Partner finder against brute force: every contiguous group, ranking, Pareto front, regions."""

from __future__ import annotations

import itertools
import time

import pytest

from regiokompas.partners import PartnerFinder
from regiokompas.savings import SavingsEngine

VORM = "bedrijfsvoeringsorganisatie"


@pytest.fixture(scope="module")
def engine(ds):
    return SavingsEngine.from_dataset(ds, mode="literature")


def _brute_groups(ds, code: str, k: int, allowed: set[str]) -> list[tuple[str, ...]]:
    """Connected groups containing ``code`` by testing every subset of the nearby gemeenten."""
    near = {code}
    frontier = {code}
    for _ in range(k - 1):  # a connected group of k members lies within distance k-1
        frontier = {n.code for c in frontier for n in ds.graph.neighbours(c)} & allowed
        near |= frontier
    others = sorted(near - {code})
    out = []
    for size in range(1, k):
        for combo in itertools.combinations(others, size):
            group = (code, *combo)
            if ds.graph.is_connected(group):
                out.append(tuple(sorted(group)))
    return out


def test_groups_and_best_option_match_brute_force(ds, engine) -> None:
    vr = ds.regio[ds.regio["regiotype"] == "veiligheidsregio"].set_index("gm_code")["regio_code"]
    allowed = set(vr.index[vr == vr["GM0513"]])
    brute = _brute_groups(ds, "GM0513", 4, allowed)
    report = PartnerFinder(
        ds,
        engine,
        "Gouda",
        taakvelden=["0.61", "7.3"],
        max_size=4,
        within="veiligheidsregio",
        top=3,
    ).find()
    assert [s.label for s in report.scopes] == ["0.61", "7.3", "bundel 0.61 + 7.3"]
    for scope in report.scopes:
        assert scope.groups_scored == len(brute)
        values = {
            g: engine.group_value(list(g), list(scope.taakvelden), VORM).net_keur for g in brute
        }
        best = max(values.values())
        assert scope.options[0].net_keur == pytest.approx(best, rel=1e-9)
        assert [o.net_keur for o in scope.options] == sorted(
            (o.net_keur for o in scope.options), reverse=True
        )
        assert scope.positive == sum(v > 0 for v in values.values())
        for option in scope.options:
            assert set(option.members) <= allowed and "GM0513" in option.members
            assert option.net_keur == pytest.approx(
                option.savings_keur - option.transaction_keur, abs=1e-6
            )


def test_pareto_front_is_the_non_dominated_set(ds, engine) -> None:
    report = PartnerFinder(ds, engine, "GM0513", taakvelden=["0.61"], max_size=4).find()
    scope = report.scopes[0]
    brute = _brute_groups(ds, "GM0513", 4, set(ds.gemeenten["gm_code"]))
    points = {}
    for g in brute:
        v = engine.group_value(list(g), ["0.61"], VORM)
        points[g] = (v.savings_keur - v.transaction_keur, round(v.autonomy_loss, 9))
    front = {
        g
        for g, (s, a) in points.items()
        if s > 0
        and not any((s2 >= s and a2 <= a) and (s2 > s or a2 < a) for s2, a2 in points.values())
    }
    # Ties (same saving and autonomy) may be represented once.
    assert {(points[o.members][0], points[o.members][1]) for o in scope.pareto} == {
        points[g] for g in front
    }


def test_autonomy_price_lowers_net_value(ds, engine) -> None:
    free = PartnerFinder(ds, engine, "Gouda", taakvelden=["7.3"], max_size=3).find()
    priced = PartnerFinder(
        ds, engine, "Gouda", taakvelden=["7.3"], max_size=3, autonomy_price=500.0
    ).find()
    top = priced.scopes[0].options[0]
    assert top.net_keur == pytest.approx(
        top.savings_keur - top.transaction_keur - 500.0 * top.autonomy_loss, abs=1e-6
    )
    assert top.net_keur < free.scopes[0].options[0].net_keur


def test_shared_regions_come_from_the_region_table(ds, engine) -> None:
    report = PartnerFinder(ds, engine, "Gouda", taakvelden=["0.61"], max_size=2).find()
    rows = ds.regio[ds.regio["gm_code"] == "GM0513"]
    assert {r.regiotype for r in report.shared_regions} == set(rows["regiotype"])
    vr = next(r for r in report.shared_regions if r.regiotype == "veiligheidsregio")
    same = ds.regio[
        (ds.regio["regiotype"] == "veiligheidsregio") & (ds.regio["regio_code"] == vr.regio_code)
    ]
    assert set(vr.partners) == set(same["gm_code"]) - {"GM0513"}


def test_all_taakvelden_in_under_a_second(ds, engine) -> None:
    PartnerFinder(ds, engine, "Gouda", max_size=5).find()  # warm caches
    start = time.perf_counter()
    report = PartnerFinder(ds, engine, "Gouda", max_size=5).find()
    assert len(report.scopes) >= 30
    assert time.perf_counter() - start < 2.0  # target 1 s; slack for a shared CI machine


def test_bad_input_is_refused(ds, engine) -> None:
    from regiokompas.data import RegiokompasError, UnknownNameError

    with pytest.raises(UnknownNameError):
        PartnerFinder(ds, engine, "Atlantis")
    with pytest.raises(RegiokompasError, match="groepsgrootte"):
        PartnerFinder(ds, engine, "Gouda", max_size=1)
    with pytest.raises(RegiokompasError, match="autonomieprijs"):
        PartnerFinder(ds, engine, "Gouda", autonomy_price=-1)
