"""``regiokompas data ...``: build and inspect the data bundle."""

from __future__ import annotations

from pathlib import Path

import click

from regiokompas.cli._common import dataset_from, handle_errors
from regiokompas.cli._output import Table, emit_tables
from regiokompas.data import bundled_path

__all__ = ["data"]


@click.group()
def data() -> None:
    """De databundel bouwen en bekijken."""


@data.command("bouw")
@click.option(
    "--bron",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Map met de ruwe CBS/PDOK/Iv3-bestanden (zie PROVENANCE.md), bv. ../shared/data.",
)
@click.option(
    "--doel",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor de bundel (standaard: de bundel in het pakket).",
)
@handle_errors
def bouw(bron: Path, doel: Path | None) -> None:
    """Bouw de compacte databundel uit de ruwe bestanden (deterministisch)."""
    from regiokompas.data.build import build_bundle

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
    rows = [[name, label] for name, label in sorted(ds.metadata.get("bronnen", {}).items())]
    years = ds.lasten["jaar"]
    emit_tables(
        [Table("Bronnen per tabel", ["Bestand", "Bron"], rows, caption=ds.attribution)],
        "tabel",
        header=(
            f"Databundel in {ds.folder}\n"
            f"Gemeenten (indeling 2023): {len(ds.gemeenten)}; "
            f"Iv3-jaren {years.min()}–{years.max()}; "
            f"buren: {len(ds.buren)} paren."
        ),
    )
