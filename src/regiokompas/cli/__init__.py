"""Command-line interface: ``regiokompas <command>``. A thin adapter over the core.

Each command lives in its own module and is registered in :data:`COMMANDS` by where it lives
and its one-line help. Modules are imported only when their command runs (see
:mod:`regiokompas.cli._lazy`), so ``regiokompas --help`` loads no pandas, scipy or matplotlib;
keep heavy imports out of this module.
"""

from __future__ import annotations

import click

from regiokompas import __version__
from regiokompas.cli._lazy import LazyCommand, LazyGroup

__all__ = ["COMMANDS", "cli", "main"]

_P = "regiokompas.cli."

#: Subcommand name -> where it lives and its one-line help (checked against the command's own
#: docstring by tests/cli/test_cli_lazy.py). Adding a command is one line here.
COMMANDS: dict[str, LazyCommand] = {
    "data": LazyCommand(_P + "data_cmd:data", "De databundel bouwen en bekijken."),
    "gemeente": LazyCommand(
        _P + "gemeente_cmd:gemeente",
        "Profiel van een gemeente: omvang, regio's, buren en lasten tegenover vergelijkbare "
        "gemeenten.",
    ),
    "kostenmodel": LazyCommand(
        _P + "kostenmodel_cmd:kostenmodel",
        "Kostenmodel per taakveld: hoe de lasten per inwoner met de omvang variëren, met "
        "interval, afvlakpunt, fit en oordeel (schaalvoordelen, geen bewijs of schaalnadelen).",
    ),
    "besparing": LazyCommand(
        _P + "besparing_cmd:besparing",
        "Besparing van samenwerking voor een groep gemeenten: per jaar, contante waarde en per "
        'lid, met P10/P50/P90 en een eerlijk oordeel ("geen bewijs van besparing" als het '
        "interval nul omvat).",
    ),
    "hoofdstuk": LazyCommand(
        _P + "hoofdstuk_cmd:hoofdstuk",
        'Concepthoofdstuk "Samenwerken met andere gemeenten" voor het collegeprogramma.',
    ),
    "verdeel": LazyCommand(
        _P + "verdeel_cmd:verdeel",
        "Eerlijke kostenverdeling binnen een samenwerking: verdeelsleutels, Shapley, nucleolus, "
        "kern.",
    ),
    "register": LazyCommand(
        _P + "register_cmd:register",
        "Register van samenwerkingsverbanden: lijst, zoek, toon, importeer, exporteer, beheer.",
    ),
    "web": LazyCommand(
        _P + "web_cmd:web",
        "Start de webapplicatie (pagina's en de API onder /api/v1) met de meegeleverde data.",
    ),
    "partners": LazyCommand(
        _P + "partners_cmd:partners",
        "Met wie kan NAAM het best samenwerken? Per taakveld de aaneengesloten groepen met "
        "NAAM tot --max gemeenten (groepen binnen bestaande partnersets eerst, dan op "
        "nettowaarde), met het paretofront, de regio's die NAAM al deelt en de bestaande "
        "samenwerking.",
    ),
    "advies": LazyCommand(
        _P + "partners_cmd:advies",
        "Het advies voor NAAM: per taakveld de beste groep (bestaande partnersets eerst), de "
        "bandbreedtes en het oordeel van het besparingsmodel, bestaande regelingen en de "
        "rangorde op bewijs: dezelfde getallen als de webpagina, de API en het hoofdstuk.",
    ),
    "indeling": LazyCommand(
        _P + "indeling_cmd:indeling",
        "Deel een gebied in aaneengesloten samenwerkingsgroepen in met maximale totale "
        "nettowaarde, met een bewezen bovengrens en de optimaliteitskloof.",
    ),
}


@click.group(
    cls=LazyGroup,
    lazy_subcommands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="regiokompas")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=str),
    envvar="REGIOKOMPAS_DATA_DIR",
    help="Map met een eigen databundel (standaard: de meegeleverde bundel).",
)
@click.option(
    "--taal",
    type=click.Choice(["nl", "en"]),
    envvar="REGIOKOMPAS_TAAL",
    default="nl",
    show_default=True,
    help="Taal van meldingen / language of messages.",
)
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, taal: str) -> None:
    """Regiokompas: waar, met wie en met welk effect samenwerken met andere gemeenten.

    Alle cijfers komen uit de meegeleverde CBS/Iv3-bundel (indeling 2023) en noemen bron en jaar.
    """
    # Only the two options are kept here: the settings object (pydantic-settings, about 0.2 s
    # to import) is built on first use by the commands that need more than these
    # (:func:`regiokompas.cli._common.settings_from`).
    ctx.obj = {"data_dir": data_dir, "taal": taal}


def main() -> None:
    """Entry point of the ``regiokompas`` console script."""
    cli(prog_name="regiokompas")
