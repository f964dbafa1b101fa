"""Leave-one-merger-out back-test: coverage and width recomputed from the rows."""

from __future__ import annotations

import numpy as np
import pytest

from regiokompas.costs.events import OUT_OF_SCOPE
from regiokompas.savings.backtest import BACKTEST_MODES, backtest, correlated_normals


@pytest.fixture(scope="module")
def default(ds):
    return backtest(ds, "literature")


def test_default_mode_passes(default):
    rows = default.rows
    assert len(rows) >= 15
    inside = [r.p10 <= r.werkelijk <= r.p90 for r in rows]
    coverage = sum(inside) / len(rows)
    width = float(np.median([r.p90 - r.p10 for r in rows]))
    assert coverage >= 0.80
    assert width <= 0.25
    assert coverage == pytest.approx(default.dekking)
    assert width == pytest.approx(default.mediane_breedte)
    for r in rows:
        assert r.p10 <= r.p50 <= r.p90
        assert r.basisjaar == r.fusiejaar - 2
        assert r.laatste_jaar == 2024


def test_every_mode_is_reported(ds, default):
    assert set(default.per_modus) == set(BACKTEST_MODES)
    for mode in BACKTEST_MODES:
        b = backtest(ds, mode)
        assert default.per_modus[mode] == (b.dekking, b.mediane_breedte)
        assert 0.0 <= b.dekking_genest <= 1.0


def _scope_change(ds, codes, pre, post):
    lasten = ds.lasten_reeks
    jr = lasten[(lasten.document == "jaarrekening") & ~lasten.reeks.isin(OUT_OF_SCOPE)]
    inw = ds.inwoners

    def per_head(year, members):
        keur = jr[(jr.jaar == year) & jr.gm_code.isin(members)]["lasten_keur"].sum()
        people = inw[(inw.jaar == year) & inw.gm_code.isin(members)]["inwoners"].sum()
        return keur * 1000 / people

    return np.log(per_head(post, [codes[0]])) - np.log(per_head(pre, codes[1]))


def test_actual_change_from_raw_lasten(ds, default):
    """Two mergers with the same base year share the control change, so the difference of
    their 'werkelijk' is the difference of their raw changes in lasten per inwoner."""
    rows = {r.gemeente: r for r in default.rows}
    a, b = rows["GM1978"], rows["GM1959"]  # Molenlanden and Altena, both 2019
    raw_a = _scope_change(ds, (a.gemeente, a.voorgangers), a.basisjaar, a.laatste_jaar)
    raw_b = _scope_change(ds, (b.gemeente, b.voorgangers), b.basisjaar, b.laatste_jaar)
    assert a.werkelijk - b.werkelijk == pytest.approx(raw_a - raw_b, abs=1e-9)


def test_correlated_normals():
    rng = np.random.default_rng(1)
    z = correlated_normals(50_000, 3, 0.5, rng)
    c = np.corrcoef(z.T)
    assert c[0, 1] == pytest.approx(0.5, abs=0.02)
    assert z.std(axis=0) == pytest.approx(np.ones(3), abs=0.02)
    one = correlated_normals(1000, 2, 1.0, rng)
    assert np.allclose(one[:, 0], one[:, 1])
