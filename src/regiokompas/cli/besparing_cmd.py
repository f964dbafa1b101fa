"""``regiokompas besparing``: what cooperation on taakvelden saves a group of gemeenten.

Only click and light modules load with this module: the options are parsed and checked (a
group of one is refused) before numpy, pandas and the savings engine are imported inside the
command, which keeps ``regiokompas besparing`` a fast cold start.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from regiokompas._modes import DEFAULT_MODE, MODES, Mode
from regiokompas.cli._common import (
    UserError,
    dataset_from,
    format_option,
    handle_errors,
    language_from,
)
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.i18n import N_, gettext

if TYPE_CHECKING:
    from regiokompas.savings import Range, SavingsEngine, SavingsEstimate

__all__ = ["besparing"]

_VERDICT_TEXT = {
    "besparing": N_("besparing (P10 boven nul)"),
    "geen bewijs van besparing": N_("geen bewijs van besparing (P10–P90 omvat nul)"),
    "meerkosten": N_("meerkosten (P90 onder nul)"),
    "verkenning": N_(
        "verkenning, geen oordeel (de dwarsdoorsnedecurve doorstond de terugtoets niet)"
    ),
}


_MODE_NOTE = {
    "fitted": N_(
        "Modus fitted: kostenverschillen tussen kleine en grote gemeenten (dwarsdoorsnede), "
        "geen gemeten effect van samenwerking; een verkenning zonder eigen oordeel."
    ),
    "literature": N_(
        "Modus literature (standaard): besparingen uit empirisch onderzoek naar "
        "samenwerking, hercentreerd op de fusie-eventstudie; deze modus doorstaat de terugtoets "
        "(regiokompas kostenmodel --validatie)."
    ),
    "custom": N_("Modus custom: eigen getallen van de gebruiker."),
}


def _neg(value: float) -> str:
    return _nl(0.0 - value + 0.0)


def _r(r: Range, decimals: int | None = None) -> list[str]:
    """P10, P50 and P90 rounded to what the band supports (``Range.afgerond``)."""
    from regiokompas.savings import band_step

    a = r.afgerond
    if decimals is None:
        step = band_step(r.p10, r.p90, fallback=r.p50)
        decimals = max(0, -math.floor(math.log10(step))) if step > 0 else 0
    return [_nl(a.p10, decimals), _nl(a.p50, decimals), _nl(a.p90, decimals)]


def _split(values: tuple[str, ...]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _at_least_two(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Reject a one-member group while parsing, before the data and the cost model load."""
    if len(_split((value,))) < 2:
        language = language_from(ctx)
        raise UserError(
            "Cooperation needs at least two municipalities."
            if language == "en"
            else "Een samenwerking vraagt minstens twee gemeenten.",
            language,
        )
    return value


def _years(value: float) -> str:
    """A count of years as ``:g`` would write it, in the CLI's language (3, 2,5)."""
    return _nl(value, 0 if float(value).is_integer() else 1)


def _verdict(key: str) -> str:
    return cli_text(_VERDICT_TEXT[key])


def _engine_text(text: str) -> str:
    """A Dutch text of the savings engine (domain ``regiokompas``) in the current language."""
    return gettext(text, current_language())


def _tables(est: SavingsEstimate, engine: SavingsEngine) -> list[Table]:
    from regiokompas.savings import label_in, note_in, source_in, verdict_basis

    language = current_language()
    priors = engine.assumptions.priors
    a = est.assumptions
    methods = cast(dict[str, str], a["methode_per_taakveld"])
    summary = [
        [cli_text("Bruto besparing per jaar (na aanloop)"), *_r(est.bruto)],
        [cli_text("Bruto besparing in % van de huidige lasten"), *_r(est.bruto_pct)],
        [cli_text("Bestuurskosten per jaar"), *[_neg(est.transaction_cost_keur)] * 3],
        [cli_text("Netto besparing per jaar (na aanloop)"), *_r(est.total)],
        [
            cli_text("Netto contante waarde over {n} jaar (oordeel)").format(n=a["horizon_jaren"]),
            *_r(est.npv),
        ],
    ]
    if est.uittreedkosten_bestaand:
        summary.append(
            [
                cli_text("waarvan uittreden uit bestaande regelingen (eenmalig)"),
                *[_neg(sum(est.uittreedkosten_bestaand.values()))] * 3,
            ]
        )
    per_taakveld = [
        [
            t,
            priors[t].omschrijving,
            _nl(sum(engine.totals(est.members, (t,))[:, 0])),
            f"{_nl(100 * priors[t].deelbaar_aandeel)}%",
            *_r(est.per_taakveld[t]),
            _engine_text(methods.get(t, "")),
        ]
        for t in est.taakvelden
    ]
    per_member = [
        [
            naam,
            code,
            _nl(est.standalone_keur[code]),
            *_r(est.per_member[code]),
            *_r(est.npv_per_member[code])[1:2],
            _nl(est.exit_cost_keur[code]),
            "; ".join(
                f"{r}: {label_in(label, language)}"
                for r, label in sorted(est.bestaande.get(code, {}).items())
            )
            or "–",
        ]
        for code, naam in zip(est.members, est.namen, strict=True)
    ]
    yearly = [
        [y.jaar, _nl(y.bruto.p50), _neg(y.eenmalige_kosten), _neg(y.bestuurskosten), *_r(y.netto)]
        for y in est.yearly
    ]
    tangible = [
        [
            note_in(t.naam, language),
            *_r(t.aantal, 0),
            cli_text("contante waarde") if t.soort == "eenmalig" else cli_text("per jaar"),
            _nl(t.kosten_keur),
        ]
        for t in est.tangible
    ]
    jaar = a["lasten_jaar"]
    lasten = cli_text("Lasten {jaar}").format(jaar=jaar)
    return [
        Table(
            cli_text("Samenvatting (k€) — oordeel: {oordeel}").format(
                oordeel=_verdict(est.verdict)
            ),
            ["", "P10", "P50", "P90"],
            summary,
            caption=cli_text(
                "Bron: CBS Iv3 jaarrekening {jaar}; modus {modus}; {n} trekkingen, "
                "gecorreleerd tussen taakvelden. Oordeel over de {basis}. Bruto: {bruto}. "
                "Afgerond op twee significante cijfers van de bandbreedte. {noot}"
            ).format(
                jaar=jaar,
                modus=est.mode,
                n=est.draws,
                basis=verdict_basis(
                    est.verdict == "verkenning", cast(int, a["horizon_jaren"]), language
                ),
                bruto=_verdict(est.verdict_bruto),
                noot=cli_text(_MODE_NOTE[est.mode]),
            ),
            align_right={1, 2, 3},
        ),
        Table(
            cli_text("Bruto besparing per taakveld (k€ per jaar)"),
            [
                cli_text("Taakveld"),
                cli_text("Omschrijving"),
                lasten,
                cli_text("Deelbaar"),
                "P10",
                "P50",
                "P90",
                cli_text("Methode"),
            ],
            per_taakveld,
            caption=cli_text(
                "Deelbaar = aandeel uitvoering en bedrijfsvoering (priors_taakvelden.csv)."
            ),
            align_right={2, 3, 4, 5, 6},
        ),
        Table(
            cli_text("Netto besparing per gemeente (k€ per jaar, na aanloop)"),
            [
                cli_text("Gemeente"),
                cli_text("Code"),
                lasten,
                "P10",
                "P50",
                "P90",
                cli_text("Contante waarde P50"),
                cli_text("Uittreedkosten later"),
                cli_text("Bestaande samenwerking"),
            ],
            per_member,
            caption=cli_text(
                "Verdeeld naar deelbare lasten; uittreedkosten = {jaren} × jaarbijdrage "
                "(ECLI:NL:RVS:2015:1198). Wie al in een regeling op een taakveld zit, krijgt daar "
                "de overstapprior (overstap.csv) en betaalt bij uittreden ca. drie jaarbijdragen "
                "in de contante waarde. Bestaande samenwerking: register (seed)."
            ).format(jaren=_years(engine.form(est.vorm).uittreedkosten_jaren)),
            align_right={2, 3, 4, 5, 6, 7},
        ),
        Table(
            cli_text("Per jaar (k€)"),
            [
                cli_text("Jaar"),
                cli_text("Bruto (P50)"),
                cli_text("Eenmalig"),
                cli_text("Bestuur"),
                cli_text("Netto P10"),
                cli_text("Netto P50"),
                cli_text("Netto P90"),
            ],
            yearly,
            caption=cli_text("Aanloop volgens de literatuur; discontovoet {pct}%.").format(
                pct=_nl(100 * engine.discount_rate, 2)
            ),
            align_right={0, 1, 2, 3, 4, 5, 6},
        ),
        Table(
            cli_text("Wat de besparing oplevert (hele eenheden, alleen bij een besparing)"),
            [
                cli_text("Eenheid"),
                "P10",
                "P50",
                "P90",
                cli_text("Op basis van"),
                cli_text("Kosten (k€)"),
            ],
            tangible,
            caption=cli_text(
                "Eenheidsprijzen: {prijzen}. Aanpasbaar met eenheden.csv of --eenheden."
            ).format(
                prijzen="; ".join(
                    f"{note_in(t.naam, language)}: {note_in(t.bron, language)}"
                    for t in est.tangible
                )
            ),
            align_right={1, 2, 3, 5},
        ),
        Table(
            cli_text("Bronnen en aannames"),
            [cli_text("Bron")],
            [[source_in(s, language)] for s in est.sources],
            caption=cli_text(
                "Autonomieverlies: {punten} punten (vorm {vorm}); {attributie}"
            ).format(
                punten=_nl(est.autonomy_loss, 2),
                vorm=est.vorm,
                attributie=_engine_text(engine.ds.attribution),
            ),
        ),
    ]


@click.command("besparing")
@click.option(
    "--gemeenten",
    required=True,
    callback=_at_least_two,
    help='Gemeenten in de groep, komma-gescheiden: "Gouda,Waddinxveen,Bodegraven-Reeuwijk".',
)
@click.option(
    "--taakveld",
    "taakvelden",
    multiple=True,
    required=True,
    help="Iv3-taakveld(en), bv. 0.61; herhaal de optie of scheid met komma's; "
    "'alle' = alle deelbare.",
)
@click.option(
    "--vorm",
    default="bedrijfsvoeringsorganisatie",
    show_default=True,
    help="Samenwerkingsvorm (zie vormen.csv): openbaar_lichaam, bedrijfsvoeringsorganisatie, "
    "gemeenschappelijk_orgaan, centrumgemeente, regeling_zonder_meer, privaatrechtelijk, "
    "convenant, uitbesteding.",
)
@click.option(
    "--modus",
    type=click.Choice(MODES),
    default=DEFAULT_MODE,
    show_default=True,
    help="literature = literatuur, hercentreerd op het fusiebewijs (standaard; doorstaat de "
    "terugtoets); fitted = verkenning met de dwarsdoorsnedecurve, zonder oordeel; custom = eigen "
    "getallen.",
)
@click.option(
    "--bestaande",
    type=click.Choice(["register", "geen"]),
    default="register",
    show_default=True,
    help="Bestaande samenwerking uit het register (seed) tellen: leden die al in een regeling "
    "op het taakveld zitten, krijgen de overstapprior en uittreedkosten.",
)
@click.option(
    "--besparing",
    "eigen_besparing",
    default=None,
    help="Eigen besparing als P10,P50,P90 (fracties, bv. 0.05,0.1,0.15) "
    "voor de gekozen taakvelden.",
)
@click.option(
    "--deelbaar",
    type=float,
    default=None,
    help="Eigen deelbaar aandeel (0–1) voor de gekozen taakvelden.",
)
@click.option(
    "--priors",
    "priors_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Eigen priors_taakvelden.csv.",
)
@click.option(
    "--vormen",
    "vormen_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Eigen vormen.csv.",
)
@click.option(
    "--eenheden",
    "eenheden_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Eigen eenheden.csv (wat de besparing oplevert).",
)
@click.option("--horizon", type=int, default=10, show_default=True, help="Horizon in jaren.")
@click.option(
    "--discontovoet",
    type=float,
    default=0.0225,
    show_default=True,
    help="Discontovoet (Werkgroep discontovoet 2020: 2,25%).",
)
@click.option(
    "--trekkingen",
    type=int,
    default=1000,
    show_default=True,
    help="Aantal trekkingen voor P10/P50/P90.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Startgetal van de trekkingen."
)
@click.option(
    "--niet-aangrenzend-toegestaan",
    "allow_gaps",
    is_flag=True,
    help="Sta groepen toe die geen aaneengesloten gebied vormen.",
)
@format_option
@click.pass_context
@handle_errors
def besparing(
    ctx: click.Context,
    gemeenten: str,
    taakvelden: tuple[str, ...],
    vorm: str,
    modus: str,
    bestaande: str,
    eigen_besparing: str | None,
    deelbaar: float | None,
    priors_file: Path | None,
    vormen_file: Path | None,
    eenheden_file: Path | None,
    horizon: int,
    discontovoet: float,
    trekkingen: int,
    seed: int,
    allow_gaps: bool,
    fmt: str,
) -> None:
    """Besparing van samenwerking voor een groep gemeenten: per jaar, contante waarde en per lid,
    met P10/P50/P90 en een eerlijk oordeel ("geen bewijs van besparing" als het interval nul omvat).
    """
    from regiokompas.register.seed import seed_regelingen
    from regiokompas.savings import AssumptionError, SavingsEngine, existing_from_regelingen

    ds = dataset_from(ctx)
    codes = _split(taakvelden)
    tv = None if codes == ["alle"] else codes
    overrides: dict[str, dict[str, float]] = {}
    if eigen_besparing is not None and modus != "custom":
        raise AssumptionError(
            "--besparing geeft eigen getallen: gebruik het samen met --modus custom.",
            "--besparing gives your own numbers: use it with --modus custom.",
        )
    if eigen_besparing is not None or deelbaar is not None:
        values: dict[str, float] = {}
        if eigen_besparing is not None:
            try:
                p10, p50, p90 = (float(v) for v in eigen_besparing.split(","))
            except ValueError:
                raise AssumptionError(
                    "--besparing verwacht drie getallen: P10,P50,P90 (bv. 0.05,0.1,0.15).",
                    "--besparing expects three numbers: P10,P50,P90 (e.g. 0.05,0.1,0.15).",
                ) from None
            values.update(besparing_p10=p10, besparing_p50=p50, besparing_p90=p90)
        if deelbaar is not None:
            values["deelbaar_aandeel"] = deelbaar
        probe = SavingsEngine.from_dataset(ds, mode="literature", priors_file=priors_file)
        for reeks in probe.taakvelden(tv):
            overrides[reeks] = dict(values)
    engine = SavingsEngine.from_dataset(
        ds,
        mode=cast(Mode, modus),
        overrides=overrides or None,
        priors_file=priors_file,
        vormen_file=vormen_file,
        eenheden_file=eenheden_file,
        horizon=horizon,
        discount_rate=discontovoet,
        existing=existing_from_regelingen(seed_regelingen(ds)) if bestaande == "register" else (),
    )
    est = engine.estimate(
        _split((gemeenten,)),
        tv,
        vorm=vorm,
        draws=trekkingen,
        seed=seed,
        require_contiguous=not allow_gaps,
    )
    if fmt == "json":
        payload = dataclasses.asdict(est)
        payload["bruto_pct"] = dataclasses.asdict(est.bruto_pct)
        payload["afgerond"] = {
            name: dataclasses.asdict(getattr(est, name).afgerond)
            for name in ("bruto", "total", "npv", "netto_per_jaar")
        }
        payload["attributie"] = ds.attribution
        emit_json(payload)
        return
    header = cli_text("Samenwerking {namen} op taakveld(en) {taakvelden} als {vorm}").format(
        namen=", ".join(est.namen),
        taakvelden=", ".join(est.taakvelden),
        vorm=_engine_text(engine.form(vorm).naam),
    )
    emit_tables(_tables(est, engine), fmt, header=header)
