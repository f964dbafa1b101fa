"""``regiokompas data ...``: build and inspect the data bundle."""

from __future__ import annotations

from pathlib import Path

import click

from regiokompas.cli._common import dataset_from, handle_errors
from regiokompas.cli._output import Table, emit_tables
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.data import bundled_path
from regiokompas.i18n import N_, gettext

__all__ = ["data"]


@click.group()
def data() -> None:
    """De databundel bouwen en bekijken."""


#: Why `data bouw` needs something a user of the package does not have, and where it comes from.
SNAPSHOT_HINT = N_(
    "Alleen voor ontwikkelaars: de databundel zit al in het pakket. Opnieuw bouwen vraagt de "
    "ruwe momentopname van de CBS-, PDOK- en Iv3-bestanden, die niet wordt meegeleverd; "
    "docs/data.md noemt de bestanden en hun openbare bron (CBS, PDOK/Kadaster), en de "
    "ontwikkelomgeving van het project heeft hem in ../shared/data."
)


@data.command("bouw")
@click.option(
    "--bron",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Map met de ruwe momentopname (CBS/PDOK/Iv3-bestanden, zie docs/data.md).",
)
@click.option(
    "--doel",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor de bundel (standaard: de bundel in het pakket).",
)
@handle_errors
def bouw(bron: Path | None, doel: Path | None) -> None:
    """Bouw de compacte databundel uit de ruwe bestanden (deterministisch).

    Alleen voor ontwikkelaars: de databundel zit al in het pakket. Opnieuw bouwen vraagt de
    ruwe momentopname van de CBS-, PDOK- en Iv3-bestanden, die niet wordt meegeleverd;
    docs/data.md noemt de bestanden en hun openbare bron.
    """
    from regiokompas.data.build import build_bundle

    if bron is None:
        raise click.UsageError(
            cli_text("Geef --bron MAP met de ruwe momentopname.") + " " + cli_text(SNAPSHOT_HINT)
        )
    target = doel or bundled_path()
    steps = 5
    with click.progressbar(length=steps, label="Bundel bouwen", show_eta=False) as bar:

        def progress(message: str) -> None:
            bar.label = message
            bar.update(1)

        report = build_bundle(bron, target, progress=progress)
    click.echo(
        f"Bundel geschreven naar {report.folder}: {report.gemeenten} gemeenten, "
        f"{report.land_pairs} landgrenzen, {report.water_links} waterverbindingen, "
        f"{report.historic_codes} historische codes."
    )
    total = sum(report.files.values())
    for name, size in report.files.items():
        click.echo(f"  {name:28s} {size / 1024:9.1f} kB")
    click.echo(f"  {'totaal':28s} {total / 1024:9.1f} kB")


@data.command("info")
@click.pass_context
@handle_errors
def info(ctx: click.Context) -> None:
    """Toon wat de bundel bevat, met bronnen en licentie."""
    ds = dataset_from(ctx)
    language = current_language()
    rows = [
        [name, gettext(label, language)]
        for name, label in sorted(ds.metadata.get("bronnen", {}).items())
    ]
    years = ds.lasten["jaar"]
    emit_tables(
        [
            Table(
                cli_text("Bronnen per tabel"),
                [cli_text("Bestand"), cli_text("Bron")],
                rows,
                caption=gettext(ds.attribution, language),
            )
        ],
        "tabel",
        header=cli_text(
            "Databundel in {map}\nGemeenten (indeling 2023): {gemeenten}; Iv3-jaren {van}–{tot}; "
            "buren: {buren} paren."
        ).format(
            map=ds.folder,
            gemeenten=len(ds.gemeenten),
            van=years.min(),
            tot=years.max(),
            buren=len(ds.buren),
        ),
    )
