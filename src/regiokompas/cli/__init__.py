"""Command-line interface: ``regiokompas <command>``. A thin adapter over the core.

Each command lives in its own module and is registered in :data:`COMMANDS`.
"""

from __future__ import annotations

import click

from regiokompas import __version__
from regiokompas.cli import (
    besparing_cmd,
    data_cmd,
    gemeente_cmd,
    hoofdstuk_cmd,
    indeling_cmd,
    kostenmodel_cmd,
    partners_cmd,
    register_cmd,
    verdeel_cmd,
    web_cmd,
)
from regiokompas.settings import Settings

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    settings = Settings(data_dir=data_dir, taal=taal)
    ctx.obj = {"settings": settings}


COMMANDS: list[click.Command] = [
    data_cmd.data,
    gemeente_cmd.gemeente,
    kostenmodel_cmd.kostenmodel,
    besparing_cmd.besparing,
    hoofdstuk_cmd.hoofdstuk,
    verdeel_cmd.verdeel,
    register_cmd.register,
    web_cmd.web,
    partners_cmd.partners,
    partners_cmd.advies,
    indeling_cmd.indeling,
]
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Entry point of the ``regiokompas`` console script."""
    cli(prog_name="regiokompas")
