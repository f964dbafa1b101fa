"""The gemeente profile, with numbers recomputed independently from the bundle tables."""

from __future__ import annotations

import pytest

from regiokompas.data import Dataset
from regiokompas.profile import SIZE_CLASSES, gemeente_profile, size_class


def test_size_class_bounds() -> None:
    assert SIZE_CLASSES[size_class(9_999)][1] == "minder dan 10.000"
    assert SIZE_CLASSES[size_class(10_000)][1] == "10.000 tot 20.000"
    assert SIZE_CLASSES[size_class(918_117)][1] == "250.000 of meer"


def test_amsterdam_profile(ds: Dataset) -> None:
    p = gemeente_profile(ds, "amsterdam")
    assert (p.code, p.inwoners.value, p.inwoners.jaar) == ("GM0363", 918_117, 2023)
    assert len([b for b in p.buren if b.soort == "land"]) == 13
    assert {r.regiotype: r.code for r in p.regios}["veiligheidsregio"] == "VR13"
    assert p.lasten_jaar == 2024 and "jaarrekening 2024" in p.lasten_bron


def test_spending_against_structurally_comparable_median(ds: Dataset) -> None:
    from peers_helpers import structural_peers

    p = gemeente_profile(ds, "Gouda")
    t = ds.totalen[(ds.totalen["jaar"] == 2024) & (ds.totalen["document"] == "jaarrekening")]
    gouda = t[t["gm_code"] == "GM0513"].iloc[0]
    # Independent: € per inhabitant = k€ * 1000 / inhabitants; the ten nearest by structure.
    own = gouda["lasten_hoofdtaakveld_7"] * 1000 / gouda["inwoners"]
    peers = t[t["gm_code"].isin(structural_peers("GM0513"))]
    median = (peers["lasten_hoofdtaakveld_7"] * 1000 / peers["inwoners"]).median()
    row = p.lasten[7]
    assert row.eur_per_inwoner == pytest.approx(own)
    assert row.mediaan_klasse == pytest.approx(median)
    assert p.vergelijking_n == len(peers) == 10
    names = ds.gemeenten.set_index("gm_code")["naam"]
    assert p.vergelijkbaar == tuple(names[c] for c in structural_peers("GM0513"))
