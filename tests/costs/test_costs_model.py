"""Cost model per taakveld: checked against independent calculations on the real bundle."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from regiokompas.costs import (
    CostModel,
    UnknownTaakveldError,
    build_panel,
    plot_fit,
    resolve_taakveld,
)
from regiokompas.costs._ols import cluster_bootstrap, fit_ols
from regiokompas.data import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def model(ds):
    return CostModel.from_dataset(ds)  # cached per process; default 2019–2024, 1,000 draws


def _independent_rows(ds, taakveld: str, years: tuple[int, ...]) -> pd.DataFrame:
    """The 2023-division rows of one raw taakveld, built straight from the bundle frames."""
    raw = ds.lasten
    raw = raw[(raw["document"] == "jaarrekening") & (raw["taakveld"] == taakveld)]
    raw = raw[raw["jaar"].isin(years)]
    inw = ds.inwoners.rename(columns={"inwoners": "inw"})
    frame = raw.merge(inw, on=["jaar", "gm_code"]).merge(ds.gemeenten, on="gm_code")
    return frame[frame["lasten_keur"] > 0].sort_values(["jaar", "gm_code"]).reset_index(drop=True)


def test_fit_equals_least_squares_built_independently(ds):
    """Years 2023–2024 share one division, so the rows are unambiguous: rebuild the regression
    with pandas dummies and numpy.linalg.lstsq and compare every coefficient."""
    years = (2023, 2024)
    fitted = CostModel.fit_dataset(ds, years=years, draws=20).fit("7.3")
    rows = _independent_rows(ds, "7.3", years)
    y = np.log(rows["lasten_keur"] * 1000 / rows["inw"])
    s = np.log(rows["inw"] / 25_000)
    x = pd.DataFrame(
        {"const": 1.0, "s": s, "s2": s**2, "dens": np.log(rows["inw"] / rows["land_km2"] / 500)}
    )
    for k in (1, 2, 3, 4):
        x[f"sted{k}"] = (rows["stedelijkheid"] == k).astype(float)
    for c in [
        "pct_0_15",
        "pct_65_plus",
        "gemiddelde_huishoudgrootte",
        "pct_eenpersoonshuishoudens",
        "pct_herkomst_buiten_europa",
    ]:
        x[c] = rows[c] - ds.gemeenten[c].mean()
    x["j2024"] = (rows["jaar"] == 2024).astype(float)
    beta, *_ = np.linalg.lstsq(x.to_numpy(float), y.to_numpy(float), rcond=None)
    assert fitted.n == len(rows)
    np.testing.assert_allclose(fitted.beta, beta, rtol=1e-8, atol=1e-10)
    resid = y.to_numpy() - x.to_numpy(float) @ beta
    r2 = 1 - (resid**2).sum() / ((y - y.mean()) ** 2).sum()
    assert fitted.r2 == pytest.approx(r2, rel=1e-10)


def test_simple_regression_matches_scipy_linregress():
    """One regressor: the OLS slope and R² equal scipy.stats.linregress on made-up data."""
    rng = np.random.default_rng(3)
    xv = rng.normal(size=200)
    yv = 1.5 - 0.4 * xv + rng.normal(scale=0.3, size=200)
    result = fit_ols(np.column_stack([np.ones(200), xv]), yv, np.arange(200))
    ref = stats.linregress(xv, yv)
    assert result.beta[1] == pytest.approx(ref.slope, rel=1e-10)
    assert result.r2 == pytest.approx(ref.rvalue**2, rel=1e-10)


def test_cluster_robust_se_equals_hand_sandwich(ds):
    """CR1 sandwich written out cluster by cluster, on the real 2024 afval rows."""
    rows = _independent_rows(ds, "7.3", (2023, 2024))
    x = np.column_stack([np.ones(len(rows)), np.log(rows["inw"] / 25_000)])
    y = np.log(rows["lasten_keur"].to_numpy() * 1000 / rows["inw"].to_numpy())
    cluster = rows["gm_code"].to_numpy()
    result = fit_ols(x, y, cluster)
    bread = np.linalg.inv(x.T @ x)
    e = y - x @ result.beta
    meat = np.zeros((2, 2))
    for code in np.unique(cluster):
        hit = cluster == code
        score = x[hit].T @ e[hit]
        meat += np.outer(score, score)
    g, n, k = len(np.unique(cluster)), len(y), 2
    expected = g / (g - 1) * (n - 1) / (n - k) * bread @ meat @ bread
    np.testing.assert_allclose(result.vcov, expected, rtol=1e-9)


def test_cluster_bootstrap_draw_equals_refit_on_resampled_gemeenten():
    """One bootstrap draw equals OLS on the explicitly resampled clusters (same seed)."""
    rng = np.random.default_rng(0)
    cluster = np.repeat(np.arange(30), 3)
    x = np.column_stack([np.ones(90), rng.normal(size=90)])
    y = x @ [1.0, 2.0] + rng.normal(size=90)
    draws = cluster_bootstrap(x, y, cluster, draws=3, seed=11)
    picks = np.random.default_rng(11).integers(0, 30, size=(3, 30))
    for d in range(3):
        rows = np.concatenate([np.nonzero(cluster == g)[0] for g in picks[d]])
        ref, *_ = np.linalg.lstsq(x[rows], y[rows], rcond=None)
        np.testing.assert_allclose(draws[d], ref, rtol=1e-8)


def test_panel_keeps_only_gemeente_years_with_a_2023_territory(ds):
    panel = build_panel(ds)
    rows = panel.rows
    # Appingedam (GM0003) merged into Eemsdelta (GM1979) on 1 January 2021.
    assert not (rows["gm_code"] == "GM0003").any()
    assert set(rows.loc[rows["gm_code"] == "GM1979", "jaar"]) == {2021, 2022, 2023, 2024}
    # Groningen (GM0014) has had its 2023 territory since the 2019 merger with Haren/Ten Boer.
    assert set(rows.loc[rows["gm_code"] == "GM0014", "jaar"]) == set(range(2019, 2025))
    # Gemeente counts per year in the bundle's own division, minus the stable ones.
    per_year = ds.inwoners[ds.inwoners["jaar"].between(2019, 2022)].groupby("jaar").size()
    kept = rows[rows["jaar"] <= 2022].groupby("jaar")["gm_code"].nunique()
    assert panel.dropped_territory == int((per_year - kept).sum())
    assert panel.dropped_territory > 0


def test_bootstrap_and_sandwich_agree_on_the_elasticity(model):
    fit = model.fit("7.3")
    boot_se = np.std(fit.draws[:, 1] + 2 * fit.draws[:, 2] * np.log(fit.typical_size / 25_000))
    assert 0.6 < boot_se / fit.elasticity_se < 1.6
    assert fit.elasticity.low < fit.elasticity.mid < fit.elasticity.high


def test_known_scale_effects(model):
    """Bestuur (council and executive are fixed costs) shows strong scale economies in the data."""
    bestuur = model.fit("0.1")
    assert bestuur.verdict == "schaalvoordelen"
    assert bestuur.elasticity.high < -0.2
    assert bestuur.elasticities[10_000].mid < bestuur.elasticities[100_000].mid
    verdicts = {f.verdict for f in model.fits.values()}
    assert verdicts == {"schaalvoordelen", "geen bewijs", "schaalnadelen"}


def test_taakveld_codes_resolve_and_unknown_codes_fail(ds, model):
    assert resolve_taakveld(ds, "6.72") == "6.7"
    assert resolve_taakveld(ds, "0,61") == "0.61"
    with pytest.raises(UnknownTaakveldError) as info:
        resolve_taakveld(ds, "9.9")
    assert "Onbekend taakveld '9.9'" in info.value.nl and "Unknown taakveld" in info.value.en
    with pytest.raises(UnknownTaakveldError, match="niet geschat"):
        model.fit("0.63")


def test_chart_is_written_and_core_does_not_load_matplotlib(ds, model, tmp_path):
    out = plot_fit(model.fit("7.3"), ds, tmp_path / "afval.svg")
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    code = (
        "import sys, regiokompas.costs, regiokompas.savings; "
        "sys.exit(1 if 'matplotlib' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_pooled_2019_2024_fit_equals_least_squares_on_independent_rows(ds, model):
    """The default panel: a gemeente-year of 2019–2022 counts when exactly one code of that year
    maps wholly onto its 2023 successor; rebuilt here with pandas and solved with lstsq."""
    hist = ds.historische_codes
    keep = []
    for year in range(2019, 2023):
        rows = hist[hist.jaar == year]
        whole = rows[rows.aandeel == 1]
        sizes = rows.groupby("gm_code_2023").gm_code.nunique()
        parts = rows.groupby("gm_code").gm_code_2023.nunique()
        ok = whole[(whole.gm_code_2023.map(sizes) == 1) & (whole.gm_code.map(parts) == 1)]
        keep.append(ok.assign(jaar=year)[["jaar", "gm_code", "gm_code_2023"]])
    for year in (2023, 2024):
        codes = ds.gemeenten.gm_code
        keep.append(pd.DataFrame({"jaar": year, "gm_code": codes, "gm_code_2023": codes}))
    territory = pd.concat(keep)
    raw = ds.lasten[(ds.lasten.document == "jaarrekening") & (ds.lasten.taakveld == "7.3")]
    rows = (
        raw.merge(territory, on=["jaar", "gm_code"])
        .merge(ds.inwoners.rename(columns={"inwoners": "inw"}), on=["jaar", "gm_code"])
        .merge(
            ds.gemeenten.drop(columns="gm_code"),
            left_on="gm_code_2023",
            right_on=ds.gemeenten.gm_code.rename("gm_code_2023"),
        )
    )
    rows = rows[rows.lasten_keur > 0]
    s = np.log(rows.inw / 25_000)
    cols = [np.ones(len(rows)), s, s**2, np.log(rows.inw / rows.land_km2 / 500)]
    cols += [(rows.stedelijkheid == k).astype(float) for k in (1, 2, 3, 4)]
    cols += [
        rows[c] - ds.gemeenten[c].mean()
        for c in [
            "pct_0_15",
            "pct_65_plus",
            "gemiddelde_huishoudgrootte",
            "pct_eenpersoonshuishoudens",
            "pct_herkomst_buiten_europa",
        ]
    ]
    cols += [(rows.jaar == y).astype(float) for y in range(2020, 2025)]
    x = np.column_stack([np.asarray(c, dtype=float) for c in cols])
    y = np.log(rows.lasten_keur.to_numpy() * 1000 / rows.inw.to_numpy())
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    fit = model.fit("7.3")
    assert fit.n == len(rows)
    np.testing.assert_allclose(fit.beta, beta, rtol=1e-7, atol=1e-9)


def test_years_without_jaarrekening_are_left_out_or_refused(ds):
    from regiokompas.data import DataFileError

    assert build_panel(ds, years=(2023, 2024, 2030)).years == (2023, 2024)
    with pytest.raises(DataFileError, match="geen jaarrekening"):
        build_panel(ds, years=(2030,))
