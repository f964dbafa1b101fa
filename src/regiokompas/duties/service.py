""" "Wat moet": per legal duty, for one gemeente, the region and whether the register shows it.

The region comes from the bundle: the CBS Gebiedsindelingen 2024 layers (veiligheidsregio, GGD,
jeugdregio, arbeidsmarktregio) or, where those lack a layer, the regioatlas 2016 layers
(omgevingsdienst, RMC, Veilig Thuis), always with year and source. Whether the gemeente meets
the duty is read from the register records passed in (seed or live database): a record the
gemeente takes part in whose name carries one of the duty's marks (``kenmerken``, whole words).
Taakvelden alone are not enough (a RES-regio also covers milieubeheer without being an
omgevingsdienst). A historic (2016) record alone is shown as such, not as proof.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.register import seed_regelingen
>>> ds = load_dataset()
>>> result = duties_for(ds, "Gouda", seed_regelingen(ds))
>>> row = result.row("veiligheidsregio")
>>> row.regio.naam, row.voldaan
('Hollands-Midden', 'vastgelegd')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from regiokompas.data import REGION_TYPES, Dataset, normalise
from regiokompas.duties.register import Duty, load_duties
from regiokompas.i18n import N_
from regiokompas.register import Regeling

__all__ = [
    "VOLDAAN",
    "VOLDAAN_KORT",
    "LIVE_REGISTER_BRON",
    "DutyReport",
    "DutyRow",
    "Region",
    "duties_for",
    "region_of",
]

#: The source of the register rows when they come from the register the user keeps (the web
#: application's database), marked so the pages translate it through the engines' catalogue.
LIVE_REGISTER_BRON = N_("registerdatabase Regiokompas (zoals nu ingevuld)")

#: How the register relates to a duty.
VOLDAAN: dict[str, str] = {
    "vastgelegd": N_("het register bevat een regeling waaraan de gemeente deelneemt"),
    "alleen_historisch": N_("alleen een regeling uit 2016 gevonden; controleer of die nog bestaat"),
    "niet_gevonden": N_("het register bevat geen regeling hiervoor"),
}
#: Short labels for tables (Dutch; shown in another language through the catalogue).
VOLDAAN_KORT: dict[str, str] = {
    "vastgelegd": N_("ja"),
    "alleen_historisch": N_("alleen 2016"),
    "niet_gevonden": N_("niet gevonden"),
}
_CBS_SOURCE = "CBS Gebiedsindelingen"
_ATLAS_SOURCE = "BZK regioatlas (Open State Foundation)"
_ATLAS_NAMES = {
    "omgevingsdienst": "Omgevingsdienst",
    "rmc": "RMC-regio",
    "veilig_thuis": "Veilig Thuis-regio",
}


@dataclass(frozen=True)
class Region:
    """A gemeente's region in one layer, with the layer's name, year and source."""

    regiotype: str
    regiotype_naam: str
    code: str
    naam: str
    jaar: int
    bron: str
    aandeel: float


@dataclass(frozen=True)
class DutyRow:
    """One duty for one gemeente: the duty, its region and what the register shows."""

    duty: Duty
    regio: Region | None
    voldaan: str
    regelingen: tuple[str, ...]

    @property
    def voldaan_tekst(self) -> str:
        return VOLDAAN[self.voldaan]

    @property
    def voldaan_kort(self) -> str:
        return VOLDAAN_KORT[self.voldaan]

    @property
    def regio_tekst(self) -> str:
        """E.g. "Hollands-Midden (CBS Gebiedsindelingen 2024)"; "–" without a region."""
        if self.regio is None:
            return "–"
        return f"{self.regio.naam} ({self.regio.bron} {self.regio.jaar})"


@dataclass(frozen=True)
class DutyReport:
    """All duties for one gemeente."""

    gm_code: str
    naam: str
    rows: tuple[DutyRow, ...]
    register_bron: str

    def row(self, duty_id: str) -> DutyRow:
        """The row of one duty; raises KeyError when the register has no such duty."""
        for row in self.rows:
            if row.duty.id == duty_id:
                return row
        raise KeyError(duty_id)

    @property
    def required(self) -> tuple[DutyRow, ...]:
        return tuple(r for r in self.rows if r.duty.required)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO text) for the API and ``--format json``."""
        rows = []
        for row in self.rows:
            duty = dataclasses.asdict(row.duty)
            duty["sinds"] = row.duty.sinds.isoformat() if row.duty.sinds else None
            duty["bron_tekst"], duty["status_tekst"] = row.duty.bron_tekst, row.duty.status_tekst
            rows.append(
                {
                    "duty": duty,
                    "regio": dataclasses.asdict(row.regio) if row.regio else None,
                    "voldaan": row.voldaan,
                    "voldaan_tekst": row.voldaan_tekst,
                    "regelingen": list(row.regelingen),
                }
            )
        return {
            "gemeente": {"code": self.gm_code, "naam": self.naam},
            "register_bron": self.register_bron,
            "plichten": rows,
        }


def region_of(ds: Dataset, gm_code: str, regiotype: str) -> Region | None:
    """The region of ``gm_code`` in layer ``regiotype`` (2024 CBS or 2016 regioatlas)."""
    if regiotype in REGION_TYPES:
        rows = ds.regio[(ds.regio["gm_code"] == gm_code) & (ds.regio["regiotype"] == regiotype)]
        if rows.empty:
            return None
        row = rows.iloc[0]
        return Region(
            regiotype,
            REGION_TYPES[regiotype].naam,
            str(row["regio_code"]),
            str(row["regio_naam"]),
            2024,
            _CBS_SOURCE,
            float(row["overlap"]),
        )
    table = ds.regio_2016
    if table.empty or regiotype not in _ATLAS_NAMES:
        return None
    rows = table[(table["gm_code"] == gm_code) & (table["regiotype"] == regiotype)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Region(
        regiotype,
        _ATLAS_NAMES[regiotype],
        "",
        str(row["regio_naam"]),
        int(row["jaar"]),
        _ATLAS_SOURCE,
        float(row["aandeel"]),
    )


def _matches(duty: Duty, regeling: Regeling) -> bool:
    # Whole words only, so the mark 'rud' does not match 'Rudolf'.
    name = f" {normalise(regeling.naam)} "
    return any(f" {normalise(mark)} " in name for mark in duty.kenmerken)


def _register_status(
    duty: Duty, gm_code: str, regelingen: Iterable[Regeling]
) -> tuple[str, tuple[str, ...]]:
    mine = [
        r for r in regelingen if not r.verwijderd and gm_code in r.gemeenten and _matches(duty, r)
    ]
    current = sorted(r.naam for r in mine if not r.historisch)
    if current:
        return "vastgelegd", tuple(current)
    historic = sorted(r.naam for r in mine)
    if historic:
        return "alleen_historisch", tuple(historic)
    return "niet_gevonden", ()


def duties_for(
    ds: Dataset,
    gemeente: str,
    regelingen: Iterable[Regeling],
    duties: Iterable[Duty] | None = None,
    register_bron: str = "register (startgegevens)",
) -> DutyReport:
    """Per duty in the register (default: the shipped one), the result for ``gemeente``.

    ``gemeente`` is a code or forgiving name; ``regelingen`` are the register's records.
    """
    g = ds.gemeente(gemeente)
    records = tuple(regelingen)
    rows = []
    for duty in duties if duties is not None else load_duties():
        voldaan, names = _register_status(duty, g.code, records)
        region = region_of(ds, g.code, duty.regiotype) if duty.regiotype else None
        rows.append(DutyRow(duty, region, voldaan, names))
    return DutyReport(g.code, g.naam, tuple(rows), register_bron)
