"""Kwetsbaarheid: how thin a task is in one gemeente, from its Iv3 lasten in indicative FTE.

Method (docs/plichten.md): the absolute lasten of a taakveld in the latest jaarrekening in the
bundle, divided by an average cost per FTE of a gemeente (``data/kosten_per_fte.toml``: a low
and a high figure, each with source and year; editable). Lasten include much more than staff
(materials, subsidies, payments to a GR, benefits), so the result is an *upper bound* on the
staff the money could pay for: if even that bound is below the threshold (about two FTE), a
specialised task (``data/doelen.csv``) rests on very few people. It is a signal to look
closer, never a verdict on its own.

>>> from regiokompas.data import load_dataset
>>> k = kwetsbaarheid(load_dataset(), "Schiermonnikoog")
>>> k.jaar, len(k.flagged) > 0
(2024, True)
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from regiokompas.data import DataFileError, Dataset
from regiokompas.i18n import N_

__all__ = [
    "CAVEAT",
    "DEFAULT_THRESHOLD_FTE",
    "FteCost",
    "Kwetsbaarheid",
    "TaakveldFte",
    "TaakveldGoal",
    "kwetsbaarheid",
    "load_fte_costs",
    "load_goals",
]

DEFAULT_THRESHOLD_FTE = 2.0
CAVEAT = N_(
    "Indicatief: lasten omvatten meer dan personeel (materiaal, subsidies, bijdragen aan "
    "gemeenschappelijke regelingen, uitkeringen). Het aantal fte is daarom een bovengrens van "
    "wat het geld aan mensen zou kunnen betalen, geen telling van medewerkers. Een vlag is een "
    "reden om beter te kijken, geen oordeel."
)
_DOCUMENT = "jaarrekening"


@dataclass(frozen=True)
class FteCost:
    """An average cost per FTE (euro per year) with its source and year."""

    euro_per_fte: float
    jaar: int
    bron: str
    url: str = ""


@dataclass(frozen=True)
class TaakveldGoal:
    """A taakveld's place under the three Gemeente van de Toekomst goals."""

    taakveld: str
    doel: str | None
    specialistisch: bool
    toelichting: str


@dataclass(frozen=True)
class TaakveldFte:
    """One taakveld: lasten and the indicative FTE band (at the high and low cost per FTE)."""

    taakveld: str
    omschrijving: str
    lasten_keur: float
    fte_laag: float
    fte_hoog: float
    specialistisch: bool
    kwetsbaar: bool


@dataclass(frozen=True)
class Kwetsbaarheid:
    """Kwetsbaarheid of one gemeente per taakveld, with method, sources and caveat."""

    gm_code: str
    naam: str
    jaar: int
    bron: str
    laag: FteCost
    hoog: FteCost
    drempel_fte: float
    rows: tuple[TaakveldFte, ...]
    caveat: str = CAVEAT

    @property
    def flagged(self) -> tuple[TaakveldFte, ...]:
        return tuple(r for r in self.rows if r.kwetsbaar)

    def row(self, taakveld: str) -> TaakveldFte:
        for r in self.rows:
            if r.taakveld == taakveld:
                return r
        raise KeyError(taakveld)


def _package_text(name: str) -> str:
    return (resources.files("regiokompas.duties") / "data" / name).read_text("utf-8")


def _cost(table: dict[str, Any], key: str, where: str) -> FteCost:
    try:
        part = table[key]
        cost = FteCost(float(part["euro_per_fte"]), int(part["jaar"]), str(part["bron"]))
        cost = FteCost(cost.euro_per_fte, cost.jaar, cost.bron, str(part.get("url", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(
            where,
            f"[{key}] heeft euro_per_fte, jaar en bron nodig ({exc})",
            f"[{key}] needs euro_per_fte, jaar and bron ({exc})",
        ) from exc
    if cost.euro_per_fte <= 0 or not cost.bron.strip():
        raise DataFileError(
            where, f"[{key}] bedrag > 0 en een bron vereist", f"[{key}] needs amount > 0, source"
        )
    return cost


def load_fte_costs(path: Path | None = None) -> tuple[FteCost, FteCost]:
    """The (low, high) cost per FTE from ``path`` or the shipped ``kosten_per_fte.toml``."""
    where = str(path) if path is not None else "kosten_per_fte.toml"
    text = path.read_text("utf-8") if path is not None else _package_text("kosten_per_fte.toml")
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(
            where, f"is geen geldige TOML ({exc})", f"invalid TOML ({exc})"
        ) from exc
    low, high = _cost(table, "laag", where), _cost(table, "hoog", where)
    if low.euro_per_fte > high.euro_per_fte:
        raise DataFileError(where, "laag is hoger dan hoog", "laag is higher than hoog")
    return low, high


def load_goals() -> dict[str, TaakveldGoal]:
    """Per taakveld its goal (leefomgeving, sociaal, bestuur or none) from ``doelen.csv``."""
    out: dict[str, TaakveldGoal] = {}
    for row in csv.DictReader(io.StringIO(_package_text("doelen.csv"))):
        doel = row["doel"].strip() or None
        if doel not in (None, "leefomgeving", "sociaal", "bestuur"):
            raise DataFileError("doelen.csv", f"onbekend doel '{doel}'", f"unknown goal '{doel}'")
        out[row["taakveld"]] = TaakveldGoal(
            row["taakveld"], doel, row["specialistisch"].strip() == "ja", row["toelichting"]
        )
    return out


def kwetsbaarheid(
    ds: Dataset,
    gemeente: str,
    costs: tuple[FteCost, FteCost] | None = None,
    threshold_fte: float = DEFAULT_THRESHOLD_FTE,
) -> Kwetsbaarheid:
    """Indicative FTE per taakveld for ``gemeente`` in the latest jaarrekening year.

    A taakveld is flagged ``kwetsbaar`` when it is specialised and its FTE upper bound (lasten
    divided by the *low* cost per FTE) is above zero and below ``threshold_fte``.
    """
    g = ds.gemeente(gemeente)
    low, high = costs or load_fte_costs()
    goals = load_goals()
    lasten = ds.lasten[ds.lasten["document"] == _DOCUMENT]
    year = int(lasten["jaar"].max())
    mine = lasten[(lasten["jaar"] == year) & (lasten["gm_code"] == g.code)]
    names = ds.taakvelden.set_index("taakveld")["omschrijving"]
    rows = []
    for taakveld, keur in zip(mine["taakveld"], mine["lasten_keur"], strict=True):
        goal = goals.get(str(taakveld))
        if goal is None or goal.doel is None:
            continue  # not a task (treasury, gemeentefonds, ...) or unknown code
        euro = float(keur) * 1000.0
        fte_hoog = euro / low.euro_per_fte  # more FTE when each costs less: the upper bound
        fte_laag = euro / high.euro_per_fte
        rows.append(
            TaakveldFte(
                taakveld=str(taakveld),
                omschrijving=str(names.get(taakveld, taakveld)),
                lasten_keur=float(keur),
                fte_laag=fte_laag,
                fte_hoog=fte_hoog,
                specialistisch=goal.specialistisch,
                kwetsbaar=goal.specialistisch and 0 < fte_hoog < threshold_fte,
            )
        )
    rows.sort(key=lambda r: (int(r.taakveld.partition(".")[0]), r.taakveld.partition(".")[2]))
    return Kwetsbaarheid(
        gm_code=g.code,
        naam=g.naam,
        jaar=year,
        bron=f"CBS Iv3 jaarrekening {year}",
        laag=low,
        hoog=high,
        drempel_fte=threshold_fte,
        rows=tuple(rows),
    )
