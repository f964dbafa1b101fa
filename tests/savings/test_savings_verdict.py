"""One verdict rule, existing cooperation counted once, correlated bundles, points in bands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiokompas.register.seed import seed_regelingen
from regiokompas.savings import (
    EXPLORATION,
    ExistingArrangement,
    Range,
    SavingsEngine,
    existing_from_regelingen,
    round_to_band,
    whole_units,
)

TAX = ["0.61", "0.62", "0.64"]
OVERHEAD_GROUP = ["Oudewater", "Montfoort", "Lopik"]
# Three small neighbours (Overijssel/Drenthe, 14–25k inhabitants) in no tax arrangement.
TAX_GROUP = ["Staphorst", "De Wolden", "Zwartewaterland"]


@pytest.fixture(scope="module")
def register(ds):
    return existing_from_regelingen(seed_regelingen(ds))


@pytest.fixture(scope="module")
def default(ds, register):
    return SavingsEngine.from_dataset(ds, existing=register)


def test_default_mode_is_the_evidence_led_one(default):
    assert default.mode == "literature"


def test_overhead_for_three_small_gemeenten_is_no_evidence(default):
    est = default.estimate(OVERHEAD_GROUP, "0.4", vorm="bedrijfsvoeringsorganisatie")
    assert est.verdict == "geen bewijs van besparing"
    assert est.npv.p10 < 0 < est.npv.p90


def test_tax_collection_for_small_gemeenten_outside_any_tax_arrangement(default, register):
    """Niaounakis & Blank (2017): cooperation lowers tax-collection costs, by up to 30% for
    gemeenten of about 10,000 inhabitants, exhausted around 60,000; the band must lie in that
    range and the 10-year NPV (all costs) must be above zero at P10."""
    codes = default.members(TAX_GROUP, require_contiguous=True)
    reeks_of = default.reeks_lookup(register)
    in_tax = [
        a.naam
        for a in register
        if set(codes) & set(a.leden) and {reeks_of.get(t, t) for t in a.taakvelden} & set(TAX)
    ]
    assert in_tax == []
    est = default.estimate(TAX_GROUP, TAX, vorm="centrumgemeente", require_contiguous=True)
    assert est.bestaande == {}
    assert est.verdict == "besparing"
    assert est.npv.p10 > 0
    assert est.bruto_pct.p10 >= 3.0 and est.bruto_pct.p90 <= 30.0
    assert 8.0 <= est.bruto_pct.p50 <= 16.0


def test_members_already_in_a_tax_arrangement_get_the_switching_prior(ds, tmp_path: Path):
    """Gouda and Bodegraven-Reeuwijk in a tax arrangement without Waddinxveen: their saving
    comes from the switching prior (made exact here), the arrangement is named, and leaving it
    costs three annual contributions in their NPV."""
    arr = ExistingArrangement(
        naam="Belastingsamenwerking Gouwe-Rijnland",
        taakvelden=("0.61", "0.62", "0.64"),
        leden=("GM0513", "GM1901", "GM0626"),
        bron="Open State Foundation",
        jaar=2016,
        vorm="bedrijfsvoeringsorganisatie",
        bijdrage_keur={"GM0513": 100.0},
    )
    sw = tmp_path / "overstap.csv"
    sw.write_text(
        "reeks,besparing_p10,besparing_p50,besparing_p90,bron\n*,0.02,0.02,0.02,test\n",
        encoding="utf-8",
    )
    group = ["Gouda", "Bodegraven-Reeuwijk", "Waddinxveen"]
    fresh = SavingsEngine.from_dataset(ds, overstap_file=sw)
    old = SavingsEngine.from_dataset(ds, overstap_file=sw, existing=(arr,))
    kw = {"vorm": "bedrijfsvoeringsorganisatie", "draws": 400, "seed": 3}
    new = fresh.estimate(group, "0.61", **kw)
    est = old.estimate(group, "0.61", **kw)
    label = "al in Belastingsamenwerking Gouwe-Rijnland (Open State Foundation, 2016)"
    assert est.bestaande == {"GM0513": {"0.61": label}, "GM1901": {"0.61": label}}
    assert any("Overstap" in s for s in est.sources)
    share = fresh.assumptions.priors["0.61"].deelbaar_aandeel
    lasten = fresh.totals(("GM0513", "GM1901", "GM0627"), ("0.61",))[:, 0]
    coop = share * lasten
    # The switched members' part of the saving is fixed at 2%, so the band narrows.
    assert est.bruto.p90 - est.bruto.p10 < new.bruto.p90 - new.bruto.p10
    # All three in the arrangement: the gross saving is exactly 2% of the cooperable lasten.
    everyone = ExistingArrangement("Alle drie", ("0.61",), ("GM0513", "GM1901", "GM0627"))
    whole = old.estimate(group, "0.61", existing=(everyone,), **kw)
    assert whole.bruto.p10 == pytest.approx(0.02 * coop.sum())
    assert whole.bruto.p90 == pytest.approx(0.02 * coop.sum())
    assert whole.uittreedkosten_bestaand == {}
    # Exit: Gouda's recorded contribution, Bodegraven's cooperable lasten, × 3 years.
    assert est.uittreedkosten_bestaand["GM0513"] == pytest.approx(300.0)
    assert est.uittreedkosten_bestaand["GM1901"] == pytest.approx(3 * coop[1])
    assert "GM0627" not in est.uittreedkosten_bestaand
    d1 = 1 / 1.0225
    assert new.npv.p50 - est.npv.p50 > (300.0 + 3 * coop[1]) * d1 * 0.99
    # A group that is the arrangement itself leaves nothing: switching prior, no exit cost.
    same = old.estimate(["Gouda", "Bodegraven-Reeuwijk"], "0.61", draws=100)
    assert same.uittreedkosten_bestaand == {}
    assert set(same.bestaande) == {"GM0513", "GM1901"}


def test_fitted_mode_is_an_exploration_without_a_verdict(ds):
    engine = SavingsEngine.from_dataset(ds, mode="fitted")
    est = engine.estimate(OVERHEAD_GROUP, "0.4", draws=200)
    assert est.verdict == EXPLORATION and est.verdict_bruto == EXPLORATION
    assert all(t.aantal == Range(0.0, 0.0, 0.0) for t in est.tangible)


def test_bundle_band_respects_correlation(ds):
    """Comonotone rates (ρ = 1): the bundle's P10 and P90 are the sums of the parts' (same
    ordering of draws). Independent rates (ρ = 0) give a narrower band; the default lies
    between and is never narrower than independence allows."""
    group = ["Gouda", "Waddinxveen", "Bodegraven-Reeuwijk"]
    bundle = ["0.2", "0.4", "5.7", "7.3", "8.3"]
    widths = {}
    for rho in (0.0, 0.5, 1.0):
        engine = SavingsEngine.from_dataset(ds, correlation=rho)
        est = engine.estimate(group, bundle, draws=4000, seed=1)
        widths[rho] = est.bruto.p90 - est.bruto.p10
        if rho == 1.0:
            parts = est.per_taakveld.values()
            assert est.bruto.p10 == pytest.approx(sum(r.p10 for r in parts))
            assert est.bruto.p90 == pytest.approx(sum(r.p90 for r in parts))
    assert widths[0.0] < widths[0.5] < widths[1.0]
    # Independence shrinks the band by about √k against comonotone draws: never narrower.
    assert widths[0.0] > widths[1.0] / np.sqrt(len(bundle)) * 0.8


def _ranges(est):
    yield est.bruto
    yield est.total
    yield est.npv
    yield est.netto_per_jaar
    yield from est.per_member.values()
    yield from est.npv_per_member.values()
    yield from est.per_taakveld.values()
    for y in est.yearly:
        yield y.bruto
        yield y.netto
    for t in est.tangible:
        yield t.aantal


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_point_outside_its_band(default, ds, data):
    codes = list(ds.gemeenten["gm_code"])
    members = data.draw(st.lists(st.sampled_from(codes), min_size=2, max_size=5, unique=True))
    series = list(default.taakvelden("alle"))
    reeksen = data.draw(st.lists(st.sampled_from(series), min_size=1, max_size=6, unique=True))
    vorm = data.draw(st.sampled_from(default.vormen))
    est = default.estimate(
        members, reeksen, vorm=vorm, draws=100, seed=data.draw(st.integers(0, 9))
    )
    for r in _ranges(est):
        assert r.p10 <= r.punt <= r.p90
        a = r.afgerond
        assert a.p10 <= a.punt <= a.p90
    for t in est.tangible:
        assert float(t.aantal.p50).is_integer()


def test_rounding_to_the_band():
    # Width 555 → step 10; width 0.0945 → step 0.001; zero width → two figures of the value.
    assert round_to_band(1234.5, 1580.2, 1789.9) == (1230.0, 1580.0, 1790.0)
    assert round_to_band(-0.0412, 0.0031, 0.0533) == (-0.041, 0.003, 0.053)
    assert round_to_band(-44.0, -44.0, -44.0) == (-44.0, -44.0, -44.0)
    assert round_to_band(17.1, 17.1, 17.1) == (17.0, 17.0, 17.0)
    assert whole_units(17.9) == 17 and whole_units(-1.0) == 0


def test_register_names_the_tax_arrangements_of_montfoort_and_lopik(default):
    """The seeded register (Open State Foundation 2016) has Montfoort in BSR and Lopik in
    BGHU: their tax saving is the switching prior, the output names the arrangement, and
    leaving costs three times their cooperable tax lasten, in their NPV."""
    est = default.estimate(OVERHEAD_GROUP, TAX, vorm="bedrijfsvoeringsorganisatie")
    assert set(est.bestaande) == {"GM0335", "GM0331"}
    assert est.bestaande["GM0335"]["0.61"].startswith("al in Belastingsamenwerking Rivierenland")
    assert "BGHU" in est.bestaande["GM0331"]["0.62"]
    assert "Open State Foundation 2016" in est.bestaande["GM0331"]["0.62"]
    coop = 0.9 * default.totals(("GM0335",), tuple(TAX))[0].clip(min=0).sum()
    assert est.uittreedkosten_bestaand["GM0335"] == pytest.approx(3 * coop)
    assert est.npv_per_member["GM0335"].p90 < 0
    assert est.verdict == "meerkosten"


def test_fast_values_count_existing_cooperation_once(ds, tmp_path: Path):
    """Hand-worked: 0.61 with a fixed 10% saving on half the lasten, no schaalgrens; Gouda
    (cooperable 155 k€) is already in a tax arrangement and saves the fixed switching 2%,
    Waddinxveen (271 k€) the fresh 10%: 0.02 × 155 + 0.10 × 271 = 30.2 k€ per year, in the
    fast value used for search and in the full estimate alike."""
    priors = tmp_path / "priors.csv"
    priors.write_text(
        "reeks,omschrijving,deelbaar_aandeel,beleidsruimte,besparing_p10,besparing_p50,"
        "besparing_p90,aanloop_jaren,aanloopkosten_pct,schaalgrens_inwoners,bron\n"
        "0.61,OZB woningen,0.5,0.2,0.10,0.10,0.10,1,0.10,,testvoorbeeld\n",
        encoding="utf-8",
    )
    sw = tmp_path / "overstap.csv"
    sw.write_text(
        "reeks,besparing_p10,besparing_p50,besparing_p90,bron\n*,0.02,0.02,0.02,test\n",
        encoding="utf-8",
    )
    arr = ExistingArrangement("Belasting X", ("0.61",), ("GM0513", "GM0626"))
    engine = SavingsEngine.from_dataset(
        ds, mode="custom", priors_file=priors, overstap_file=sw, existing=(arr,)
    )
    value = engine.group_value(["GM0513", "GM0627"], "0.61", "bedrijfsvoeringsorganisatie")
    assert value.savings_keur == pytest.approx(0.02 * 155 + 0.10 * 271)
    est = engine.estimate(["GM0513", "GM0627"], "0.61", draws=20)
    assert est.bruto.p50 == pytest.approx(0.02 * 155 + 0.10 * 271)
    plain = SavingsEngine.from_dataset(ds, mode="custom", priors_file=priors)
    assert plain.group_value(["GM0513", "GM0627"], "0.61", "bvo").savings_keur == pytest.approx(
        0.10 * (155 + 271)
    )
