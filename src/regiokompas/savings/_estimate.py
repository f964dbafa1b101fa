"""The full estimate with uncertainty: per-draw savings, yearly profile, NPV and split."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from regiokompas.i18n import N_, gettext
from regiokompas.savings._arithmetic import ramp, spread, verdict_of
from regiokompas.savings._assumptions import FormCosts
from regiokompas.savings._base import Arrays, correlated_normals, saving_fraction, two_piece
from regiokompas.savings._existing import EXIT_YEARS, ExistingArrangement, memberships
from regiokompas.savings._results import Range, SavingsEstimate, Tangible, YearFigure
from regiokompas.savings._rounding import whole_units
from regiokompas.savings._sources import (
    COST_MODEL,
    DISCOUNT,
    FORM,
    LASTEN,
    SWITCHING,
    TAAKVELD,
    source_line,
)

if TYPE_CHECKING:
    from regiokompas.savings.engine import SavingsEngine

__all__ = ["EXPLORATION", "verdict_basis", "run_estimate"]

#: The verdict of the exploratory mode 'fitted': the cross-section curve describes differences
#: between gemeenten and failed the merger back-test, so it gives no saving verdict of its own.
EXPLORATION = "verkenning"


def run_estimate(
    engine: SavingsEngine,
    a: Arrays,
    codes: tuple[str, ...],
    reeksen: tuple[str, ...],
    form: FormCosts,
    draws: int,
    seed: int,
    existing: tuple[ExistingArrangement, ...] = (),
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
    # One shared cooperation effect plus a taakveld-specific part (not independent draws).
    z = correlated_normals(draws, len(cols), engine.correlation, rng)
    z_switch = correlated_normals(draws, len(cols), engine.correlation, rng)
    already = memberships(existing, codes, engine.reeks_lookup(existing), reeksen)
    switching = engine.switching
    for j, t in enumerate(cols):
        use_fit = engine.mode == "fitted" and bool(a.fitted[t])
        if use_fit:
            coef = engine.sample_coefficients(int(t), pick)
            frac = saving_fraction(a, int(t), own, total, True, coef=coef)
            methods[reeksen[j]] = N_("kostenmodel (bootstrap)")
        else:
            rate = two_piece(float(a.p10[t]), float(a.p50[t]), float(a.p90[t]), z[:, j])
            frac = saving_fraction(a, int(t), own, total, False, rate=rate)
            methods[reeksen[j]] = (
                N_("literatuur") if engine.mode != "custom" else N_("eigen invoer")
            )
        inside = [i for i, c in enumerate(codes) if (c, reeksen[j]) in already]
        if inside:
            # Members already in an arrangement on this taakveld: their lasten carry the old
            # saving, so only the switching prior applies (no reach, no fresh saving).
            sw = switching.get(reeksen[j], switching["*"])
            frac = np.array(frac, dtype=float, copy=True)
            frac[:, inside] = two_piece(sw.p10, sw.p50, sw.p90, z_switch[:, j])[:, None]
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
    # Leaving an arrangement the new group is not: about three annual contributions
    # (ECLI:NL:RVS:2015:1198), paid in year 1, in that member's NPV and the group's.
    exit_existing: dict[str, float] = {}
    labels: dict[str, dict[str, str]] = {}
    for (member, reeks), arr in already.items():
        labels.setdefault(member, {})[reeks] = arr.label
    for i, member in enumerate(codes):
        left = {
            arr.naam: arr
            for (m, _), arr in already.items()
            if m == member and not set(codes) <= set(arr.leden)
        }
        cost = 0.0
        for arr in left.values():
            years = engine.exit_years(arr.vorm)
            covered = [j for j, r in enumerate(reeksen) if already.get((member, r)) is arr]
            base = arr.bijdrage_keur.get(member)
            cost += years * (float(coop[i, covered].sum()) if base is None else base)
        if cost > 0:
            exit_existing[member] = cost
    first_year = float(engine._discount[0])
    pv_ramp = np.array([ramp(horizon, int(a.aanloop[t])) @ engine._discount for t in cols])
    pv_years = float(engine._discount.sum())
    member_npv = (
        (gross_t * pv_ramp[None, :]) @ shares_t.T
        - weights[None, :] * float(one_off_years @ engine._discount)
        - weights[None, :] * form.bestuurskosten_keur_per_jaar * pv_years
        - form.kosten_per_lid_keur_per_jaar * pv_years
        - np.array([exit_existing.get(c, 0.0) for c in codes])[None, :] * first_year
    )
    npv = npv - sum(exit_existing.values()) * first_year
    total_range, npv_range, gross_range = Range.of(steady), Range.of(npv), Range.of(gross)
    exploring = engine.mode == "fitted"
    verdict = EXPLORATION if exploring else verdict_of(npv_range.p10, npv_range.p90)
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
            aantal=_units(npv if u.soort == "eenmalig" else steady, u.kosten_keur, verdict),
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
        source_line(LASTEN, jaar=str(a.jaar)),
        *(source_line(TAAKVELD, reeks=r, bron=priors[r].bron) for r in reeksen),
        *sorted(
            {
                source_line(SWITCHING, reeks=r, bron=switching.get(r, switching["*"]).bron)
                for (_, r) in already
            }
        ),
        source_line(FORM, vorm=form.vorm, bron=form.bron),
        DISCOUNT,
    ]
    if engine.model is not None and any(m.startswith("kostenmodel") for m in methods.values()):
        sources.insert(1, source_line(COST_MODEL, bron=engine.model.source))
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
        "correlatie_taakvelden": engine.correlation,
        "uittreedkosten_jaren_bestaand": EXIT_YEARS,
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
        verdict=verdict,
        verdict_bruto=EXPLORATION if exploring else verdict_of(gross_range.p10, gross_range.p90),
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
        npv_per_member=dict(zip(codes, Range.columns(member_npv), strict=True)),
        netto_per_jaar=Range.of(npv / engine._annuity),
        bestaande=labels,
        uittreedkosten_bestaand=exit_existing,
        oordeel_basis=verdict_basis(exploring, horizon),
    )


_BASIS_EXPLORING = N_(
    "verkenning: de dwarsdoorsnedecurve geeft geen eigen oordeel (zie de terugtoets)"
)
_BASIS = N_(
    "contante waarde over {n} jaar (aanloop-, oprichtings-, bestuurs- en uittreedkosten "
    "inbegrepen): besparing als P10 > 0, meerkosten als P90 < 0"
)


def verdict_basis(exploring: bool, horizon: int, language: str = "nl") -> str:
    """What the verdict rests on, in ``language`` (``SavingsEstimate.oordeel_basis`` is Dutch).

    >>> verdict_basis(False, 10)[:29]
    'contante waarde over 10 jaar '
    >>> verdict_basis(False, 10, "en")[:32]
    'present value over 10 years (ram'
    """
    text = _BASIS_EXPLORING if exploring else _BASIS
    return gettext(text, language).format(n=horizon)


def _units(amount: np.ndarray, cost: float, verdict: str) -> Range:
    """Whole units bought by the median, P10 and P90 amount; none unless 'besparing'."""
    if verdict != "besparing":
        return Range(0.0, 0.0, 0.0)
    band = Range.of(amount / cost)
    return Range(
        float(whole_units(band.p10)), float(whole_units(band.p50)), float(whole_units(band.p90))
    )
