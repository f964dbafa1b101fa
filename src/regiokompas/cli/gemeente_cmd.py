"""``regiokompas gemeente <naam of code>``: the profile of one gemeente."""

from __future__ import annotations

import dataclasses

import click

from regiokompas.cli._common import dataset_from, format_option, handle_errors, settings_from
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.i18n import N_, format_number
from regiokompas.profile import GemeenteProfile, gemeente_profile

__all__ = ["gemeente"]


def _tables(p: GemeenteProfile) -> list[Table]:
    figures = [
        (cli_text("Inwoners"), _nl(p.inwoners.value), f"{p.inwoners.bron} {p.inwoners.jaar}"),
        (
            cli_text("Inwoners {jaar}").format(jaar=p.inwoners_recent.jaar),
            _nl(p.inwoners_recent.value),
            f"{p.inwoners_recent.bron} {p.inwoners_recent.jaar}",
        ),
        (
            cli_text("Landoppervlakte (km²)"),
            _nl(p.land_km2.value, 1),
            f"{p.land_km2.bron} {p.land_km2.jaar}",
        ),
        (
            cli_text("Bevolkingsdichtheid (inw/km²)"),
            _nl(p.bevolkingsdichtheid.value),
            f"{p.bevolkingsdichtheid.bron} {p.bevolkingsdichtheid.jaar}",
        ),
        (
            cli_text("Stedelijkheid"),
            str(p.stedelijkheid.value),
            f"{p.stedelijkheid.bron} {p.stedelijkheid.jaar}",
        ),
        (cli_text("Provincie"), p.provincie, "CBS Gebiedsindelingen 2024"),
    ]
    regios = [[r.regiotype_naam, r.code, r.naam] for r in p.regios]
    buren = [
        [
            b.naam,
            b.code,
            cli_text("land") if b.soort == "land" else cli_text("water"),
            _nl(b.grens_km, 1)
            if b.soort == "land"
            else cli_text("({km} over water)").format(km=_nl(b.afstand_km, 1)),
            b.toelichting,
        ]
        for b in p.buren
    ]
    lasten = [
        [
            f"{r.hoofdtaakveld} {r.omschrijving}",
            _nl(r.eur_per_inwoner),
            _nl(r.mediaan_klasse),
            "–"
            if r.verschil_pct is None
            else f"{format_number(r.verschil_pct, current_language(), sign=True)}%",
        ]
        for r in p.lasten
    ]
    return [
        Table(
            cli_text("Kerncijfers"),
            [cli_text("Kenmerk"), cli_text("Waarde"), cli_text("Bron en jaar")],
            [list(f) for f in figures],
            align_right={1},
        ),
        Table(
            cli_text("Regio's waarin de gemeente zit"),
            [cli_text("Indeling"), cli_text("Code"), cli_text("Regio")],
            regios,
            caption=cli_text(
                "Bron: CBS Gebiedsindelingen 2024 (ruimtelijke koppeling, indeling 2024)"
            ),
        ),
        Table(
            cli_text("Buurgemeenten"),
            [
                cli_text("Gemeente"),
                cli_text("Code"),
                cli_text("Soort"),
                cli_text("Grens (km)"),
                cli_text("Toelichting"),
            ],
            buren,
            caption=cli_text("Bron: afgeleid uit CBS/Kadaster gemeentegrenzen 2023"),
            align_right={3},
        ),
        Table(
            cli_text("Lasten per inwoner per hoofdtaakveld (€)"),
            [
                cli_text("Hoofdtaakveld"),
                cli_text("Gemeente"),
                cli_text("Vergelijkbaar*"),
                cli_text("Verschil"),
            ],
            lasten,
            caption=cli_text("Bron: {bron}. *{vergelijking} (n={n}), zelfde jaar.").format(
                bron=p.lasten_bron, vergelijking=p.vergelijking, n=p.vergelijking_n
            ),
            align_right={1, 2, 3},
        ),
    ]


@click.command("gemeente")
@click.argument("naam")
@click.option(
    "--document",
    type=click.Choice(["jaarrekening", "begroting"]),
    default="jaarrekening",
    show_default=True,
    help="Iv3-document voor de lasten: de laatste jaarrekening of begroting.",
)
@click.option(
    "--plichten",
    is_flag=True,
    help="Wat moet: wettelijke plichten tot samenwerking (wet, artikel, regio, register) en "
    "kwetsbaarheid (taken onder ca. 2 fte) in plaats van het profiel.",
)
@click.option(
    "--register",
    "use_register",
    is_flag=True,
    help="Met --plichten: regelingen uit de registerdatabase (REGIOKOMPAS_DATABASE_URL) in "
    "plaats van de meegeleverde startgegevens.",
)
@format_option
@click.pass_context
@handle_errors
def gemeente(
    ctx: click.Context, naam: str, document: str, plichten: bool, use_register: bool, fmt: str
) -> None:
    """Profiel van een gemeente: omvang, regio's, buren en lasten tegenover vergelijkbare gemeenten.

    NAAM mag een code (GM0363, 363) of een naam zijn; hoofdletters, accenten en gangbare
    korte vormen ("den bosch") maken niet uit. Met --plichten: wat de wet voorschrijft.
    """
    if plichten:
        _plichten(ctx, naam, use_register, fmt)
        return
    profile = gemeente_profile(
        dataset_from(ctx), naam, document=document, language=current_language()
    )
    if fmt == "json":
        emit_json(dataclasses.asdict(profile))
        return
    header = cli_text("{naam} ({code}), provincie {provincie}").format(
        naam=profile.naam, code=profile.code, provincie=profile.provincie
    )
    emit_tables(_tables(profile), fmt, header=header)


def _plichten(ctx: click.Context, naam: str, use_register: bool, fmt: str) -> None:
    from regiokompas.cli._plichten import plichten_json, plichten_tables
    from regiokompas.duties import duties_for, kwetsbaarheid
    from regiokompas.register import seed_regelingen

    ds = dataset_from(ctx)
    code = ds.gemeente(naam).code
    if use_register:
        from regiokompas.store import Register  # only when asked: it loads the database layer

        records = tuple(Register.open(settings_from(ctx).database_url, ds=ds).regelingen_voor(code))
        bron = N_("registerdatabase")
    else:
        records, bron = seed_regelingen(ds), N_("register (meegeleverde startgegevens)")
    report = duties_for(ds, code, records, register_bron=bron)
    k = kwetsbaarheid(ds, code)
    if fmt == "json":
        emit_json(plichten_json(report, k))
        return
    emit_tables(plichten_tables(report, k), fmt, header=f"{report.naam} ({report.gm_code})")
