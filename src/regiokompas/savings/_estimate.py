"""The full estimate with uncertainty: per-draw savings, yearly profile, NPV and split."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from regiokompas.savings._arithmetic import ramp, spread, verdict_of
from regiokompas.savings._assumptions import FormCosts
from regiokompas.savings._base import Arrays, saving_fraction
from regiokompas.savings._results import Range, SavingsEstimate, Tangible, YearFigure

if TYPE_CHECKING:
    from regiokompas.savings.engine import SavingsEngine

__all__ = ["run_estimate"]


def run_estimate(
    engine: SavingsEngine,
    a: Arrays,
    codes: tuple[str, ...],
    reeksen: tuple[str, ...],
    form: FormCosts,
    draws: int,
    seed: int,
) -> SavingsEstimate:
    """See :meth:`SavingsEngine.estimate`."""
    rng = np.random.default_rng(seed)
    horizon = engine.horizon
    rows = engine.row_numbers(codes)
    own = a.inwoners[rows]
    total = np.full_like(own, own.sum())
    lasten = np.maximum(a.lasten[rows][:, a.columns(reeksen)], 0.0)  # members × taakvelden
    cols = a.columns(reeksen)
    coop = lasten * a.deelbaar[cols][None, :]
    gross_t = np.zeros((draws, len(reeksen)))
    ramp_total = np.zeros((draws, horizon))
    one_off_years = spread(
        form.oprichtingskosten_keur, int(a.aanloop[cols].max(initial=1)), horizon
    )
    methods: dict[str, str] = {}
    pick = engine.draw_indices(draws, rng) if engine.mode == "fitted" else None
    for j, t in enumerate(cols):
        use_fit = engine.mode == "fitted" and bool(a.fitted[t])
        if use_fit:
            coef = engine.sample_coefficients(int(t), pick)
            frac = saving_fraction(a, int(t), own, total, True, coef=coef)
            methods[reeksen[j]] = "kostenmodel (bootstrap)"
        else:
            rate = engine.literature_draws(int(t), draws, rng)
            frac = saving_fraction(a, int(t), own, total, False, rate=rate)
            methods[reeksen[j]] = "literatuur" if engine.mode != "custom" else "eigen invoer"
        gross_t[:, j] = (frac * coop[:, j][None, :]).sum(axis=1) * form.realisatie
        ramp_total += gross_t[:, j : j + 1] * ramp(horizon, int(a.aanloop[t]))[None, :]
        one_off_years = one_off_years + spread(
            a.aanloopkosten[t] * coop[:, j].sum(), int(a.aanloop[t]), horizon
        )
    gross = gross_t.sum(axis=1)
    governance = form.bestuurskosten_keur_per_jaar + form.kosten_per_lid_keur_per_jaar * len(codes)
    net_years = ramp_total - one_off_years[None, :] - governance
    npv = net_years @ engine._discount
    steady = gross - governance
    # Split: each taakveld's gross saving by the members' cooperable lasten on that taakveld,
    # the arrangement's governance by their cooperable lasten in total, the per-member cost each.
    equal = np.full(len(codes), 1 / len(codes))
    col_sums = coop.sum(axis=0)
    shares_t = np.where(col_sums > 0, coop / np.where(col_sums > 0, col_sums, 1.0), equal[:, None])
    weights = coop.sum(axis=1) / coop.sum() if coop.sum() > 0 else equal
    member_gross = gross_t @ shares_t.T  # draws × members
    member_net = (
        member_gross
        - weights[None, :] * form.bestuurskosten_keur_per_jaar
        - form.kosten_per_lid_keur_per_jaar
    )
    per_member = dict(zip(codes, Range.columns(member_net), strict=True))
    total_range, npv_range, gross_range = Range.of(steady), Range.of(npv), Range.of(gross)
    gross_years, net_ranges = Range.columns(ramp_total), Range.columns(net_years)
    yearly = tuple(
        YearFigure(
            jaar=y + 1,
            bruto=gross_years[y],
            eenmalige_kosten=float(one_off_years[y]),
            bestuurskosten=float(governance),
            netto=net_ranges[y],
        )
        for y in range(horizon)
    )
    tangible = tuple(
        Tangible(
            eenheid=u.eenheid,
            naam=u.naam,
            soort=u.soort,
            kosten_keur=u.kosten_keur,
            aantal=Range.of(
                np.maximum(0.0, (npv if u.soort == "eenmalig" else steady) / u.kosten_keur)
            ),
            bron=u.bron,
        )
        for u in engine.assumptions.eenheden.values()
    )
    autonomy_t = {
        r: form.autonomieverlies * float(a.beleidsruimte[t])
        for r, t in zip(reeksen, cols, strict=True)
    }
    names = engine.names
    priors = engine.assumptions.priors
    sources = [
        f"CBS Iv3 jaarrekening {a.jaar} (lasten per taakveld) en CBS bevolking 1 januari {a.jaar}",
        *(f"Taakveld {r}: {priors[r].bron}" for r in reeksen),
        f"Vorm {form.vorm}: {form.bron}",
        "Discontovoet: Werkgroep discontovoet 2020 (standaarddiscontovoet 2,25%), "
        "tenzij anders opgegeven",
    ]
    if engine.model is not None and any(m.startswith("kostenmodel") for m in methods.values()):
        sources.insert(1, f"Kostenmodel Regiokompas op {engine.model.source}")
    assumptions: dict[str, object] = {
        "modus": engine.mode,
        "methode_per_taakveld": methods,
        "horizon_jaren": horizon,
        "discontovoet": engine.discount_rate,
        "deelbaar_aandeel": {r: float(a.deelbaar[t]) for r, t in zip(reeksen, cols, strict=True)},
        "schaalgrens_inwoners": {
            r: (None if not np.isfinite(a.cap[t]) else float(a.cap[t]))
            for r, t in zip(reeksen, cols, strict=True)
        },
        "aanloop_jaren": {r: int(a.aanloop[t]) for r, t in zip(reeksen, cols, strict=True)},
        "aanloopkosten_pct": {
            r: float(a.aanloopkosten[t]) for r, t in zip(reeksen, cols, strict=True)
        },
        "besparing_literatuur": {
            r: [float(a.p10[t]), float(a.p50[t]), float(a.p90[t])]
            for r, t in zip(reeksen, cols, strict=True)
        },
        "vorm": {
            "naam": form.naam,
            "oprichtingskosten_keur": form.oprichtingskosten_keur,
            "bestuurskosten_keur_per_jaar": form.bestuurskosten_keur_per_jaar,
            "kosten_per_lid_keur_per_jaar": form.kosten_per_lid_keur_per_jaar,
            "uittreedkosten_jaren": form.uittreedkosten_jaren,
            "autonomieverlies": form.autonomieverlies,
            "realisatie": form.realisatie,
        },
        "verdeling": "bruto besparing per taakveld naar deelbare lasten op dat taakveld; "
        "bestuurskosten per regeling naar deelbare lasten in totaal; kosten per lid per lid",
        "lasten_jaar": a.jaar,
    }
    return SavingsEstimate(
        members=codes,
        namen=tuple(str(names[c]) for c in codes),
        taakvelden=reeksen,
        vorm=form.vorm,
        mode=engine.mode,
        draws=draws,
        bruto=gross_range,
        per_taakveld=dict(zip(reeksen, Range.columns(gross_t), strict=True)),
        total=total_range,
        npv=npv_range,
        per_member=per_member,
        verdict=verdict_of(total_range.p10, total_range.p90),
        verdict_bruto=verdict_of(gross_range.p10, gross_range.p90),
        yearly=yearly,
        transaction_cost_keur=float(governance),
        one_off_cost_keur=float(one_off_years.sum()),
        exit_cost_keur={
            c: float(form.uittreedkosten_jaren * coop[i].sum()) for i, c in enumerate(codes)
        },
        autonomy_loss=float(len(codes) * sum(autonomy_t.values())),
        autonomy_per_taakveld=autonomy_t,
        standalone_keur={c: float(lasten[i].sum()) for i, c in enumerate(codes)},
        cooperable_keur={c: float(coop[i].sum()) for i, c in enumerate(codes)},
        tangible=tangible,
        assumptions=assumptions,
        sources=tuple(sources),
    )
