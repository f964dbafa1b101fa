"""Merger event study: the within estimator against explicit dummies, groups and scope."""

from __future__ import annotations

import numpy as np
import pytest

from regiokompas.costs.events import (
    EVENT_TERMS,
    event_study,
    fit_event_study,
    post_effect,
    taakveld_group,
    unit_panel,
)


def test_groups_and_scope():
    assert taakveld_group("0.61") == "0.6"
    assert taakveld_group("0.4") == "0.4"
    assert taakveld_group("6.81") == "6"
    assert taakveld_group("7.3") == "7"
    for out in ("0.5", "0.7", "0.8", "0.9", "8.2"):
        assert taakveld_group(out) is None


def test_panel_units(ds):
    panel = unit_panel(ds)
    # 2019–2023 mergers with a jaarrekening two years before; the 2018 mergers drop out.
    assert set(panel.mergers) >= {"GM1979", "GM1978", "GM1992", "GM0363"}
    assert "GM1950" not in panel.mergers and "GM1950" not in set(panel.frame["unit"])
    assert panel.mergers["GM1979"][1] == ("GM0003", "GM0010", "GM0024")
    # Eemsdelta in 2019 is the sum of its three predecessors.
    raw = ds.inwoners
    pre = raw[(raw.jaar == 2019) & raw.gm_code.isin(["GM0003", "GM0010", "GM0024"])]
    row = panel.frame[(panel.frame.unit == "GM1979") & (panel.frame.jaar == 2019)]
    assert float(row["inwoners"].iloc[0]) == pytest.approx(float(pre["inwoners"].sum()))


def test_within_estimator_equals_explicit_dummies(ds):
    """Frisch–Waugh–Lovell: demeaning by gemeente gives the same coefficients as a regression
    with one dummy per gemeente (an independent least-squares solve)."""
    panel = unit_panel(ds)
    coef, se, n, clusters = fit_event_study(panel, "totaal")
    f = panel.frame
    y = np.log(f["totaal"].to_numpy(float) * 1000 / f["inwoners"].to_numpy(float))
    units = sorted(set(f["unit"]))
    u = np.array([units.index(x) for x in f["unit"]])
    fusie = np.array([panel.mergers.get(x, (np.nan,))[0] for x in f["unit"]], float)
    k = f["jaar"].to_numpy() - fusie
    treated = ~np.isnan(fusie)
    events = np.column_stack(
        [treated & (k <= -3), treated & (k == -1), treated & (k == 0), treated & (k >= 1)]
    ).astype(float)
    years = np.column_stack([(f["jaar"] == yr).to_numpy() for yr in panel.years[1:]]).astype(float)
    dummies = np.eye(len(units))[u]
    x = np.hstack([events, years, dummies])
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    for i, term in enumerate(EVENT_TERMS):
        assert coef[term] == pytest.approx(beta[i], abs=1e-9)
    assert post_effect(panel, "totaal") == pytest.approx(coef["post"], abs=1e-9)
    assert n == len(y) and clusters == len(units)
    assert all(s > 0 for s in se.values())


def test_study_reports_an_interval_per_group(ds):
    study = event_study(ds)
    assert study.groups[-1].groep == "totaal"
    for g in study.groups:
        assert g.post_low < g.post < g.post_high
        assert g.fusies == len(study.fusies)
    # The pre-merger spike under 0.1 Bestuur (one-off merger costs in the year before).
    bestuur = study.group("0.1")
    assert bestuur.coef["lead_1"] > 0.1
    assert event_study(ds) is study  # cached per dataset
