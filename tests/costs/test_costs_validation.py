"""Validation of the cost model: merger detection, back-test arithmetic, cross-validation."""

from __future__ import annotations

import numpy as np
import pytest

from regiokompas.costs import CostModel
from regiokompas.costs.validation import (
    backtest_per_merger,
    cross_validate,
    merger_backtest,
    merger_cases,
    summarise_backtest,
)
from regiokompas.data import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def model(ds):
    return CostModel.from_dataset(ds)


def test_merger_cases_match_known_mergers(ds):
    cases = {c.code: c for c in merger_cases(ds)}
    # Hoeksche Waard (1 January 2019): Binnenmaas, Cromstrijen, Korendijk, Oud-Beijerland, Strijen.
    hw = cases["GM1963"]
    assert hw.jaar == 2019
    assert set(hw.voorgangers) == {"GM0585", "GM0611", "GM0588", "GM0584", "GM0617"}
    # Eemsdelta (2021): Appingedam, Delfzijl, Loppersum.
    assert set(cases["GM1979"].voorgangers) == {"GM0003", "GM0010", "GM0024"}
    # Weesp joined Amsterdam in 2023.
    assert cases["GM0363"].jaar == 2023 and "GM0457" in cases["GM0363"].voorgangers
    # Mergers that involved a split gemeente (Haaren 2021, Littenseradiel 2018) are left out.
    assert "GM0855" not in cases and "GM1900" not in cases


def test_backtest_actual_change_by_hand(ds, model):
    """Noordwijk + Noordwijkerhout (2019), taakveld 7.3, recomputed from the raw frames."""
    frame = merger_backtest(ds, model)
    row = frame[(frame.code == "GM0575") & (frame.reeks == "7.3")].iloc[0]
    lasten = ds.lasten
    jr = lasten[(lasten.document == "jaarrekening") & (lasten.taakveld == "7.3")]
    inw = ds.inwoners

    def value(year, codes):
        cost = jr[(jr.jaar == year) & jr.gm_code.isin(codes)].lasten_keur.sum()
        people = inw[(inw.jaar == year) & inw.gm_code.isin(codes)].inwoners.sum()
        return cost, people

    pre_cost, pre_people = value(2018, ["GM0575", "GM0576"])
    post_cost, post_people = value(2024, ["GM0575"])
    nat_pre = jr[jr.jaar == 2018].lasten_keur.sum() / inw[inw.jaar == 2018].inwoners.sum()
    nat_post = jr[jr.jaar == 2024].lasten_keur.sum() / inw[inw.jaar == 2024].inwoners.sum()
    expected = (
        np.log(post_cost / post_people) - np.log(pre_cost / pre_people) - np.log(nat_post / nat_pre)
    )
    assert row.werkelijk == pytest.approx(expected, rel=1e-9)
    assert row.lasten_voor == pre_cost
    summary = summarise_backtest(frame)
    assert summary["fusies"] == len(backtest_per_merger(frame)) >= 15


def test_cross_validation_beats_year_means_where_scale_matters(ds, model):
    results = {r.reeks: r for r in cross_validate(ds, model, folds=5)}
    assert results["0.1"].rmse_model < results["0.1"].rmse_baseline
    assert results["0.1"].verbetering_pct > 10
    assert all(r.rmse_model > 0 and r.n > 0 for r in results.values())
