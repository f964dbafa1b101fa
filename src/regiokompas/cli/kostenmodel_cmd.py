"""``regiokompas kostenmodel``: the fitted cost curve of a taakveld, its verdict and a chart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from regiokompas.cli._common import dataset_from, format_option, handle_errors
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.costs import CostModel, TaakveldFit, plot_fit, resolve_taakveld
from regiokompas.costs.events import EVENT_SOURCE, event_study
from regiokompas.costs.model import TOO_FEW
from regiokompas.costs.validation import cross_validate
from regiokompas.data import Dataset
from regiokompas.i18n import N_, format_number, gettext, refill
from regiokompas.savings.backtest import BACKTEST_MODES, BACKTEST_SOURCE, Backtest, backtest

__all__ = ["backtest_payload", "kostenmodel"]


def _f(value: float, spec: str) -> str:
    """A number in the CLI's language for a format spec: _f(-0.065, "+.3f") gives -0,065."""
    decimals = int(spec.rstrip("f").partition(".")[2] or 0)
    return format_number(value, current_language(), decimals, sign=spec.startswith("+"))


#: The cost model's verdict (a machine value, also in JSON) in words.
_VERDICT = {
    "schaalvoordelen": N_("schaalvoordelen"),
    "geen bewijs": N_("geen bewijs"),
    "schaalnadelen": N_("schaalnadelen"),
}


def _verdict(verdict: str) -> str:
    return cli_text(_VERDICT[verdict]) if verdict in _VERDICT else verdict


def _afvlak(fit: TaakveldFit) -> str:
    if fit.afvlakpunt is not None:
        return cli_text("≈ {n} inwoners").format(n=_nl(fit.afvlakpunt))
    if fit.elasticities[min(fit.elasticities)].high < 0:
        return cli_text("voordelen tot de grootste gemeente ({n})").format(n=_nl(fit.size_range[1]))
    return cli_text("geen significante schaalvoordelen bij kleine gemeenten")


def _fit_json(fit: TaakveldFit, chart: str | None) -> dict[str, object]:
    return {
        "taakveld": fit.reeks,
        "omschrijving": fit.omschrijving,
        "oordeel": fit.verdict,
        "elasticiteit": dataclasses.asdict(fit.elasticity),
        "elasticiteit_se_cluster": fit.elasticity_se,
        "bij_inwoners": fit.typical_size,
        "elasticiteit_per_omvang": {
            str(k): dataclasses.asdict(v) for k, v in fit.elasticities.items()
        },
        "afvlakpunt_inwoners": fit.afvlakpunt,
        "r2": fit.r2,
        "r2_adj": fit.r2_adj,
        "rmse_log": fit.rmse,
        "n": fit.n,
        "gemeenten": fit.n_gemeenten,
        "weggelaten_lasten_niet_positief": fit.dropped_nonpositive,
        "coefficienten": {
            n: {"schatting": float(b), "se_cluster": float(s)}
            for n, b, s in zip(fit.names, fit.beta, fit.se, strict=True)
        },
        "grafiek": chart,
        "bron": f"CBS Iv3 jaarrekening {min(fit.years)}–{max(fit.years)}",
    }


def _one(ds: Dataset, model: CostModel, fit: TaakveldFit, chart: str | None) -> list[Table]:
    el = fit.elasticity
    summary = [
        [cli_text("Oordeel"), _verdict(fit.verdict)],
        [
            cli_text("Schaalelasticiteit bij {n} inwoners (mediaan)").format(
                n=_nl(fit.typical_size)
            ),
            cli_text("{mid} (90%-interval {low} tot {high})").format(
                mid=_f(el.mid, "+.3f"), low=_f(el.low, "+.3f"), high=_f(el.high, "+.3f")
            ),
        ],
        [cli_text("Standaardfout (geclusterd per gemeente)"), f"{_f(fit.elasticity_se, '.3f')}"],
        [cli_text("Afvlakpunt"), _afvlak(fit)],
        [cli_text("R² / aangepast R²"), f"{_f(fit.r2, '.2f')} / {_f(fit.r2_adj, '.2f')}"],
        [cli_text("RMSE (ln € per inwoner)"), f"{_f(fit.rmse, '.3f')}"],
        [cli_text("Waarnemingen / gemeenten"), f"{fit.n} / {fit.n_gemeenten}"],
        [cli_text("Weggelaten: lasten ≤ 0"), _nl(fit.dropped_nonpositive)],
        [
            cli_text("Weggelaten: gebied ≠ een gemeente van 2023 (alle taakvelden)"),
            _nl(model.dropped_territory),
        ],
        [cli_text("Grafiek"), chart or "–"],
    ]
    sizes = [
        [_nl(n), f"{_f(i.mid, '+.3f')}", f"{_f(i.low, '+.3f')}", f"{_f(i.high, '+.3f')}"]
        for n, i in fit.elasticities.items()
    ]
    coefs = [
        [n, f"{_f(b, '+.4f')}", f"{_f(s, '.4f')}"]
        for n, b, s in zip(fit.names, fit.beta, fit.se, strict=True)
    ]
    source = cli_text(
        "Bron: CBS Iv3 jaarrekening {van}–{tot}, indeling van elk jaar; "
        "{n} clusterbootstraptrekkingen. {attributie}"
    ).format(
        van=min(fit.years),
        tot=max(fit.years),
        n=model.draws,
        attributie=gettext(ds.attribution, current_language()),
    )
    return [
        Table(
            cli_text("Kostenmodel taakveld {taakveld}").format(
                taakveld=f"{fit.reeks} {fit.omschrijving}"
            ),
            ["", cli_text("Waarde")],
            summary,
            caption=source,
        ),
        Table(
            cli_text("Elasticiteit naar omvang (d ln lasten per inwoner / d ln inwoners)"),
            [cli_text("Inwoners"), cli_text("Schatting"), "P5", "P95"],
            sizes,
            align_right={0, 1, 2, 3},
        ),
        Table(
            cli_text("Coëfficiënten (ln lasten per inwoner)"),
            [cli_text("Variabele"), cli_text("Schatting"), cli_text("SE (cluster)")],
            coefs,
            align_right={1, 2},
        ),
    ]


def _all(model: CostModel) -> Table:
    rows = [
        [
            f.reeks,
            f.omschrijving,
            _verdict(f.verdict),
            f"{_f(f.elasticity.mid, '+.3f')}",
            f"{_f(f.elasticity.low, '+.3f')}",
            f"{_f(f.elasticity.high, '+.3f')}",
            f"{_f(f.r2, '.2f')}",
            f.n,
        ]
        for f in model.fits.values()
    ]
    return Table(
        cli_text("Schaalelasticiteit per taakveld (bij de mediane gemeente)"),
        [
            cli_text("Taakveld"),
            cli_text("Omschrijving"),
            cli_text("Oordeel"),
            cli_text("Elasticiteit"),
            "P5",
            "P95",
            "R²",
            "n",
        ],
        rows,
        caption=cli_text("Bron: {bron}. Niet geschat: {overgeslagen}").format(
            bron=model.source,
            overgeslagen=", ".join(
                f"{k} ({refill(v, TOO_FEW, current_language())})" for k, v in model.skipped.items()
            )
            or "–",
        ),
        align_right={3, 4, 5, 6, 7},
    )


def _pct(log_points: float) -> str:
    return f"{_f(100 * log_points, '+.1f')}"


def backtest_payload(bt: Backtest) -> dict[str, object]:
    """The back-test as data: one row per merger with exactly the documented keys, and the
    overall coverage and median width (log points)."""
    return {
        "modus": bt.modus,
        "fusies": [
            {
                "gemeente": r.gemeente,
                "fusiejaar": r.fusiejaar,
                "voorgangers": list(r.voorgangers),
                "p10": r.p10,
                "p50": r.p50,
                "p90": r.p90,
                "werkelijk": r.werkelijk,
                "basisjaar": r.basisjaar,
                "laatste_jaar": r.laatste_jaar,
            }
            for r in bt.rows
        ],
        "dekking": bt.dekking,
        "mediane_breedte": bt.mediane_breedte,
        "schaal": bt.schaal,
        "dekking_genest": bt.dekking_genest,
        "mediane_breedte_genest": bt.breedte_genest,
        "per_modus": {
            m: {"dekking": d, "mediane_breedte": w} for m, (d, w) in bt.per_modus.items()
        },
        "bron": bt.bron,
    }


def _validation(
    ds: Dataset, model: CostModel, folds: int, mode: str
) -> tuple[list[Table], dict[str, object]]:
    language = current_language()
    cv = cross_validate(ds, model, folds=folds)
    bt = backtest(ds, mode)
    study = event_study(ds)
    cv_rows = [
        [
            r.reeks,
            r.n,
            f"{_f(r.rmse_model, '.3f')}",
            f"{_f(r.rmse_baseline, '.3f')}",
            f"{_f(r.verbetering_pct, '+.1f')}%",
            f"{_f(r.mediane_fout_pct, '.1f')}%",
        ]
        for r in cv
    ]
    merger_rows = [
        [
            r.naam,
            r.gemeente,
            r.fusiejaar,
            len(r.voorgangers),
            r.basisjaar,
            _pct(r.p10),
            _pct(r.p50),
            _pct(r.p90),
            _pct(r.werkelijk),
            cli_text("ja") if r.binnen else cli_text("nee"),
        ]
        for r in bt.rows
    ]
    mode_rows = [
        [m, f"{_f(100 * d, '.0f')}%", _f(100 * w, ".1f")] for m, (d, w) in bt.per_modus.items()
    ]
    effect_rows = [
        [
            cli_text("totaal") if g.groep == "totaal" else g.groep,
            gettext(g.omschrijving, language),
            _pct(g.post),
            _pct(g.post_low),
            _pct(g.post_high),
            _pct(g.coef.get("lead_1", float("nan"))),
        ]
        for g in study.groups
    ]
    tables = [
        Table(
            cli_text(
                "Terugtoets fusies {van}–{tot} (modus {modus}, laat-één-fusie-weg): verandering "
                "ln(lasten per inwoner) × 100, basisjaar = fusiejaar − 2 tot {laatste}, min die "
                "van ongewijzigde gemeenten"
            ).format(
                van=min(r.fusiejaar for r in bt.rows),
                tot=max(r.fusiejaar for r in bt.rows),
                modus=bt.modus,
                laatste=bt.rows[0].laatste_jaar,
            ),
            [
                cli_text("Gemeente"),
                cli_text("Code"),
                cli_text("Fusiejaar"),
                cli_text("Voorgangers"),
                cli_text("Basisjaar"),
                "P10",
                "P50",
                "P90",
                cli_text("Werkelijk"),
                cli_text("Binnen P10–P90"),
            ],
            merger_rows,
            caption=cli_text(
                "Dekking {dekking}%, mediane breedte {breedte} punten (schaal {schaal}); "
                "strenger, geneste kalibratie: {dekking_genest}% bij {breedte_genest} punten. "
                "Bron: {bron}."
            ).format(
                dekking=_f(100 * bt.dekking, ".0f"),
                breedte=_f(100 * bt.mediane_breedte, ".1f"),
                schaal=_f(bt.schaal, ".2f"),
                dekking_genest=_f(100 * bt.dekking_genest, ".0f"),
                breedte_genest=_f(100 * bt.breedte_genest, ".1f"),
                bron=refill(bt.bron, BACKTEST_SOURCE, language),
            ),
            align_right={2, 3, 4, 5, 6, 7, 8},
        ),
        Table(
            cli_text("Dekking en mediane breedte per modus (doel: ≥ 80% binnen P10–P90)"),
            [cli_text("Modus"), cli_text("Dekking"), cli_text("Mediane breedte (punten)")],
            mode_rows,
            align_right={1, 2},
        ),
        Table(
            cli_text("Effect van een fusie per taakveldgroep (eventstudie; ln-punten × 100)"),
            [
                cli_text("Groep"),
                cli_text("Omschrijving"),
                cli_text("Na fusie"),
                "P5",
                "P95",
                cli_text("Jaar vóór fusie"),
            ],
            effect_rows,
            caption=cli_text(
                "Gemeente- en jaareffecten, basisjaar fusiejaar − 2, fouten geclusterd per "
                "gemeente; {n} fusies. Bron: {bron}."
            ).format(n=len(study.fusies), bron=refill(study.bron, EVENT_SOURCE, language)),
            align_right={2, 3, 4, 5},
        ),
        Table(
            cli_text(
                "{folds}-voudige kruisvalidatie per gemeente (fout in ln € per inwoner)"
            ).format(folds=folds),
            [
                cli_text("Taakveld"),
                "n",
                cli_text("RMSE model"),
                cli_text("RMSE alleen jaar"),
                cli_text("Verbetering"),
                cli_text("Mediane fout"),
            ],
            cv_rows,
            caption=cli_text("Bron: {bron}; folds per gemeente (seed {seed}).").format(
                bron=model.source, seed=7
            ),
            align_right={1, 2, 3, 4, 5},
        ),
    ]
    payload = backtest_payload(bt) | {
        "fusie_effect": [dataclasses.asdict(g) for g in study.groups],
        "kruisvalidatie": [
            dataclasses.asdict(r) | {"verbetering_pct": r.verbetering_pct} for r in cv
        ],
    }
    return tables, payload


@click.command("kostenmodel")
@click.option(
    "--taakveld", default=None, help="Iv3-taakveld, bv. 7.3 (zonder: overzicht van alle)."
)
@click.option(
    "--uit",
    "--grafiek",
    "chart",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Schrijf de grafiek naar dit pad (.png of .svg). Zonder --uit schrijft de opdracht "
    "geen bestand.",
)
@click.option(
    "--geen-grafiek",
    "no_chart",
    is_flag=True,
    hidden=True,
    help="Schrijf geen grafiek (al de standaard; blijft werken voor oude scripts).",
)
@click.option(
    "--grafieken",
    "chart_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map waarin het overzicht (zonder --taakveld) een grafiek per taakveld schrijft.",
)
@click.option(
    "--validatie",
    is_flag=True,
    help="Terugtoets op de fusies 2019–2023 (laat-één-fusie-weg), fusie-eventstudie en "
    "kruisvalidatie per taakveld.",
)
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=5,
    show_default=True,
    help="Aantal folds voor de kruisvalidatie.",
)
@click.option(
    "--modus",
    type=click.Choice(BACKTEST_MODES),
    default=BACKTEST_MODES[0],
    show_default=True,
    help="Modus van de terugtoets (met --validatie): literature is de standaard van "
    "'besparing', fusie het effect uit de eventstudie, fitted de dwarsdoorsnedecurve.",
)
@format_option
@click.pass_context
@handle_errors
def kostenmodel(
    ctx: click.Context,
    taakveld: str | None,
    chart: Path | None,
    no_chart: bool,
    chart_dir: Path | None,
    validatie: bool,
    folds: int,
    modus: str,
    fmt: str,
) -> None:
    """Kostenmodel per taakveld: hoe de lasten per inwoner met de omvang variëren, met interval,
    afvlakpunt, fit en oordeel (schaalvoordelen, geen bewijs of schaalnadelen)."""
    ds = dataset_from(ctx)
    model = CostModel.from_dataset(ds)
    if validatie:
        tables, payload = _validation(ds, model, folds, modus)
        if fmt == "json":
            emit_json(payload)
        else:
            emit_tables(tables, fmt)
        return
    if taakveld is None:
        table = _all(model)
        charts: dict[str, str | None] = dict.fromkeys(model.fits)
        if chart_dir is not None:
            for reeks, fit in model.fits.items():
                charts[reeks] = str(
                    plot_fit(fit, ds, chart_dir / f"kostenmodel_{reeks}.png", current_language())
                )
            table.caption += " " + cli_text("Grafieken: {map}.").format(map=chart_dir)
        if fmt == "json":
            emit_json(
                {
                    "taakvelden": [_fit_json(f, charts[r]) for r, f in model.fits.items()],
                    "niet_geschat": model.skipped,
                }
            )
        else:
            emit_tables([table], fmt)
        return
    fit = model.fit(resolve_taakveld(ds, taakveld))
    path: str | None = None
    if chart is not None and not no_chart:  # a file only where the user asked for one
        path = str(plot_fit(fit, ds, chart, current_language()))
    if fmt == "json":
        emit_json(_fit_json(fit, path))
        return
    emit_tables(_one(ds, model, fit, path), fmt)
