"""``regiokompas hoofdstuk <gemeente> --uit hoofdstuk.docx``: the collegeprogramma chapter."""

from __future__ import annotations

from pathlib import Path

import click

from regiokompas.advice import MODES, AdviceSettings
from regiokompas.cli._common import dataset_from, handle_errors, settings_from
from regiokompas.report import (
    ChapterOptions,
    build_chapter,
    check_output_path,
    format_for_path,
    render,
    write_chapter,
)

__all__ = ["hoofdstuk"]


@click.command("hoofdstuk")
@click.argument("naam")
@click.option(
    "--uit",
    "uit",
    type=click.Path(path_type=Path),
    default=None,
    help="Uitvoerbestand; het formaat volgt uit de extensie: .docx, .pdf, .html of .md. "
    "Zonder --uit komt Markdown op het scherm.",
)
@click.option(
    "--kansen",
    type=click.IntRange(1, 50),
    default=None,
    help="Hoogstens dit aantal kansen in het hoofdstuk (standaard: alle die het advies toont, "
    "zoals de webpagina).",
)
@click.option(
    "--vorm",
    default="bedrijfsvoeringsorganisatie",
    show_default=True,
    help="Samenwerkingsvorm waarmee het besparingsmodel rekent.",
)
@click.option(
    "--modus",
    type=click.Choice(list(MODES)),
    default=AdviceSettings.mode,
    show_default=True,
    help="Besparingsmodel: gefit op alle gemeenten of met waarden uit de literatuur.",
)
@click.option(
    "--autonomieprijs",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Prijs (k€ per jaar per eenheid autonomieverlies) waarmee kansen worden gerangschikt.",
)
@click.option(
    "--groepsgrootte",
    type=click.IntRange(2, 6),
    default=4,
    show_default=True,
    help="Grootste groep (inclusief de gemeente zelf) die de partnerzoeker bekijkt.",
)
@click.option(
    "--binnen",
    type=click.Choice(
        ["jeugdregio", "ggd", "veiligheidsregio", "arbeidsmarktregio", "res", "provincie"]
    ),
    default=None,
    help="Zoek partners alleen binnen de eigen regio van dit type.",
)
@click.option(
    "--document",
    type=click.Choice(["jaarrekening", "begroting"]),
    default="jaarrekening",
    show_default=True,
    help="Iv3-document voor de lasten: de laatste jaarrekening of begroting.",
)
@click.option(
    "--taal",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Taal van het hoofdstuk (standaard: de taal van de meldingen, --taal vóór het commando).",
)
@click.option("--zonder-figuren", is_flag=True, help="Laat kaart en grafieken weg (sneller).")
@click.option(
    "--geen-bewijs",
    "geen_bewijs",
    is_flag=True,
    help="Ook taakvelden zonder bewijs van besparing als optie opnemen (nooit meerkosten).",
)
@click.option(
    "--register",
    "use_register",
    is_flag=True,
    help="Bestaande regelingen uit de registerdatabase (REGIOKOMPAS_DATABASE_URL) in plaats "
    "van de meegeleverde startgegevens.",
)
@click.pass_context
@handle_errors
def hoofdstuk(
    ctx: click.Context,
    naam: str,
    uit: Path | None,
    kansen: int | None,
    vorm: str,
    modus: str,
    autonomieprijs: float,
    groepsgrootte: int,
    binnen: str | None,
    document: str,
    taal: str | None,
    zonder_figuren: bool,
    use_register: bool,
    geen_bewijs: bool,
) -> None:
    """Concepthoofdstuk "Samenwerken met andere gemeenten" voor het collegeprogramma.

    NAAM is een gemeentecode of -naam. Voorbeeld: regiokompas hoofdstuk Gouda --uit
    hoofdstuk.docx
    """
    if uit is not None:
        check_output_path(uit)  # fail on a bad path or extension before any work is done
    ds = dataset_from(ctx)
    regelingen = None
    if use_register:
        from regiokompas.store import Register  # only when asked: it loads the database layer

        register = Register.open(settings_from(ctx).database_url, ds=ds)
        # All records: the advice counts the partners' arrangements too (issue 12).
        regelingen = tuple(register.lijst())
    options = ChapterOptions(
        top=kansen,
        vorm=vorm,
        modus=modus,
        autonomy_price=autonomieprijs,
        max_size=groepsgrootte,
        within=binnen,
        document=document,
        figures=not zonder_figuren and uit is not None,
        regelingen=regelingen,
        scores_4k=_scores_4k(ctx),
        include_no_evidence=geen_bewijs,
        language=taal or settings_from(ctx).taal,
    )
    chapter = build_chapter(ds, naam, options)
    if uit is None:
        click.echo(render(chapter, "md").decode("utf-8"), nl=False)
        return
    path = write_chapter(chapter, uit)
    size = path.stat().st_size
    click.echo(
        f"Hoofdstuk voor {chapter.gemeente_naam} geschreven naar {path} "
        f"({format_for_path(path)}, {size // 1024} kB)."
    )


def _scores_4k(ctx: click.Context) -> object | None:
    """The college's own 4K scores from the settings file (REGIOKOMPAS_SCORES_4K), if set."""
    path = settings_from(ctx).scores_4k
    if path is None:
        return None
    from regiokompas.duties import load_scores

    return load_scores(path)
