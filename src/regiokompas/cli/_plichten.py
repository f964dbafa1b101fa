"""Tables for ``regiokompas gemeente X --plichten``: legal duties and kwetsbaarheid."""

from __future__ import annotations

import dataclasses
from typing import Any

from regiokompas.cli._output import Table
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.duties import VERPLICHT, DutyReport, Kwetsbaarheid
from regiokompas.i18n import gettext

__all__ = ["plichten_json", "plichten_tables"]


def plichten_tables(report: DutyReport, k: Kwetsbaarheid) -> list[Table]:
    """The duty table and the kwetsbaarheid table, each with its sources."""
    language = current_language()
    duties = [
        [
            row.duty.bron_tekst,
            row.duty.status_in(language),
            cli_text("ja") if row.duty.required else cli_text("keuze gemeente"),
            ", ".join(row.duty.taakvelden),
            row.regio_tekst,
            gettext(row.voldaan_kort, language),
        ]
        for row in report.rows
    ]
    flagged = [
        [
            f"{r.taakveld} {r.omschrijving}",
            _nl(r.lasten_keur),
            f"{_nl(r.fte_laag, 1)}–{_nl(r.fte_hoog, 1)}",
        ]
        for r in k.flagged
    ]
    return [
        Table(
            cli_text("Wat moet: wettelijke plichten tot samenwerking"),
            [
                cli_text("Wet en artikel"),
                cli_text("Status"),
                cli_text("Verplicht"),
                cli_text("Taakvelden"),
                cli_text("Regio"),
                cli_text("In register"),
            ],
            duties,
            caption=cli_text(
                "Bron: wetten.overheid.nl (per plicht in docs/plichten.md). 'keuze gemeente': "
                "{keuze}. In register: {register}; 'alleen 2016' = alleen een regeling uit 2016 "
                "gevonden, controleer of die nog bestaat."
            ).format(
                keuze=gettext(VERPLICHT["keuze"], language),
                register=cli_text(report.register_bron),
            ),
        ),
        Table(
            cli_text("Kwetsbaarheid: gespecialiseerde taken onder ca. {n} fte").format(
                n=_nl(k.drempel_fte, 0)
            ),
            [
                cli_text("Taakveld"),
                cli_text("Lasten {jaar} (k€)").format(jaar=k.jaar),
                cli_text("Indicatief fte"),
            ],
            flagged,
            caption=cli_text(
                "Bron: {bron}; loonkosten per fte {laag} € ({laag_bron}) tot {hoog} € "
                "({hoog_bron}). {voorbehoud}"
            ).format(
                bron=k.bron,
                laag=_nl(k.laag.euro_per_fte),
                laag_bron=k.laag.bron,
                hoog=_nl(k.hoog.euro_per_fte),
                hoog_bron=k.hoog.bron,
                voorbehoud=gettext(k.caveat, language),
            ),
            align_right={1, 2},
        ),
    ]


def plichten_json(report: DutyReport, k: Kwetsbaarheid) -> dict[str, Any]:
    """Duties and kwetsbaarheid as plain data for ``--format json``."""
    return {**report.as_dict(), "kwetsbaarheid": dataclasses.asdict(k)}
