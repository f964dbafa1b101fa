"""Tables for ``regiokompas gemeente X --plichten``: legal duties and kwetsbaarheid."""

from __future__ import annotations

import dataclasses
from typing import Any

from regiokompas.cli._output import Table
from regiokompas.cli._output import nl_number as _nl
from regiokompas.duties import VERPLICHT, DutyReport, Kwetsbaarheid

__all__ = ["plichten_json", "plichten_tables"]


def plichten_tables(report: DutyReport, k: Kwetsbaarheid) -> list[Table]:
    """The duty table and the kwetsbaarheid table, each with its sources."""
    duties = [
        [
            row.duty.bron_tekst,
            row.duty.status_tekst,
            "ja" if row.duty.required else "keuze gemeente",
            ", ".join(row.duty.taakvelden),
            row.regio_tekst,
            row.voldaan_kort,
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
            "Wat moet: wettelijke plichten tot samenwerking",
            ["Wet en artikel", "Status", "Verplicht", "Taakvelden", "Regio", "In register"],
            duties,
            caption=(
                f"Bron: wetten.overheid.nl (per plicht in docs/plichten.md). 'keuze gemeente': "
                f"{VERPLICHT['keuze']}. In register: {report.register_bron}; 'alleen 2016' = "
                "alleen een regeling uit 2016 gevonden, controleer of die nog bestaat."
            ),
        ),
        Table(
            f"Kwetsbaarheid: gespecialiseerde taken onder ca. {_nl(k.drempel_fte, 0)} fte",
            ["Taakveld", f"Lasten {k.jaar} (k€)", "Indicatief fte"],
            flagged,
            caption=(
                f"Bron: {k.bron}; loonkosten per fte {_nl(k.laag.euro_per_fte)} € "
                f"({k.laag.bron}) tot {_nl(k.hoog.euro_per_fte)} € ({k.hoog.bron}). {k.caveat}"
            ),
            align_right={1, 2},
        ),
    ]


def plichten_json(report: DutyReport, k: Kwetsbaarheid) -> dict[str, Any]:
    """Duties and kwetsbaarheid as plain data for ``--format json``."""
    return {**report.as_dict(), "kwetsbaarheid": dataclasses.asdict(k)}
