"""Where the gemeente stands: key figures, spending against peers, regions and partner sets.

Everything here is read from the data bundle (CBS Kerncijfers 2023, CBS Iv3, CBS
Gebiedsindelingen 2024) via :func:`regiokompas.profile.gemeente_profile`; nothing is estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regiokompas._comparable import comparable_gemeenten
from regiokompas.data import REGION_TYPES, Dataset
from regiokompas.profile import GemeenteProfile
from regiokompas.report._format import eur, num, pct
from regiokompas.report._model import Block, Cell, Paragraph, Table
from regiokompas.report._texts import GOAL_TAAKVELDEN, T

__all__ = [
    "PARTNER_LAYERS",
    "PartnerSets",
    "TaakveldSpending",
    "goal_of",
    "kern_table",
    "partner_sets",
    "regions_table",
    "spending_table",
    "taakveld_spending",
    "taakveld_table",
]

#: Region layers that are cooperation partner sets (the province is a layer of government,
#: not a set of partners a gemeente chooses).
PARTNER_LAYERS: tuple[str, ...] = (
    "jeugdregio",
    "ggd",
    "veiligheidsregio",
    "arbeidsmarktregio",
    "res",
)
_NOT_A_TASK = {"0.5", "0.7", "0.8", "0.9"}  # treasury, gemeentefonds, overige, Vpb


def goal_of(taakveld: str) -> str | None:
    """The goal ('leefomgeving', 'sociaal', 'bestuur') a taakveld counts under, if any.

    >>> goal_of("7.3"), goal_of("6.71"), goal_of("0.4"), goal_of("0.7")
    ('leefomgeving', 'sociaal', 'bestuur', None)
    """
    head = taakveld.split(".")[0]
    for goal, codes in GOAL_TAAKVELDEN.items():
        for code in codes:
            if taakveld == code or ("." not in code and head == code):
                return goal
    return None


def kern_table(p: GemeenteProfile) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            "Inwoners",
            num(float(p.inwoners.value), "inwoners", p.inwoners.bron, p.inwoners.jaar, "inwoners"),
            f"{p.inwoners.bron} {p.inwoners.jaar}",
        ),
        (
            f"Inwoners {p.inwoners_recent.jaar}",
            num(
                float(p.inwoners_recent.value),
                "inwoners",
                p.inwoners_recent.bron,
                p.inwoners_recent.jaar,
                "inwoners_recent",
            ),
            f"{p.inwoners_recent.bron} {p.inwoners_recent.jaar}",
        ),
        (
            "Landoppervlakte (km²)",
            num(float(p.land_km2.value), "km²", p.land_km2.bron, p.land_km2.jaar, "land_km2", 1),
            f"{p.land_km2.bron} {p.land_km2.jaar}",
        ),
        (
            "Bevolkingsdichtheid (inwoners per km²)",
            num(
                float(p.bevolkingsdichtheid.value),
                "inwoners per km²",
                p.bevolkingsdichtheid.bron,
                p.bevolkingsdichtheid.jaar,
                "bevolkingsdichtheid",
            ),
            f"{p.bevolkingsdichtheid.bron} {p.bevolkingsdichtheid.jaar}",
        ),
        (
            "Stedelijkheid",
            str(p.stedelijkheid.value),
            f"{p.stedelijkheid.bron} {p.stedelijkheid.jaar}",
        ),
        ("Provincie", p.provincie, "CBS Gebiedsindelingen 2024"),
    ]
    return Table(
        T["kern_caption"].format(naam=p.naam),
        ("Kenmerk", "Waarde", "Bron en jaar"),
        tuple(rows),
        "CBS Kerncijfers wijken en buurten 2023; CBS Iv3",
        frozenset({1}),
    )


def spending_table(p: GemeenteProfile) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for r in p.lasten:
        key = f"lasten.{r.hoofdtaakveld}"
        rows.append(
            (
                f"{r.hoofdtaakveld} {r.omschrijving}",
                eur(
                    r.eur_per_inwoner,
                    p.lasten_bron,
                    p.lasten_jaar,
                    f"{key}.gemeente",
                    "euro per inwoner",
                ),
                eur(
                    r.mediaan_klasse,
                    p.lasten_bron,
                    p.lasten_jaar,
                    f"{key}.mediaan",
                    "euro per inwoner",
                ),
                pct(r.verschil_pct, p.lasten_bron, p.lasten_jaar, f"{key}.verschil"),
            )
        )
    return Table(
        T["lasten_caption"],
        ("Hoofdtaakveld", p.naam, "Vergelijkbare gemeenten*", "Verschil"),
        tuple(rows),
        f"{p.lasten_bron}. *{p.vergelijking} (n = {p.vergelijking_n}), zelfde jaar: "
        f"{', '.join(p.vergelijkbaar)}.",
        frozenset({1, 2, 3}),
    )


@dataclass(frozen=True)
class TaakveldSpending:
    """Lasten per inhabitant per taakveld for one gemeente and the median of its ten
    structurally comparable gemeenten."""

    frame: pd.DataFrame  # taakveld, omschrijving, goal, eigen_keur, eigen, mediaan, verschil
    jaar: int
    document: str
    bron: str


def taakveld_spending(ds: Dataset, code: str, document: str = "jaarrekening") -> TaakveldSpending:
    """Per-taakveld lasten (€ per inwoner) of ``code`` against the median of the ten
    structurally comparable gemeenten.

    Uses the latest year of ``document``; the peers are those of
    :func:`regiokompas.profile.gemeente_profile`. Missing taakvelden count as zero lasten.
    """
    totalen = ds.totalen[ds.totalen["document"] == document]
    year = int(totalen["jaar"].max())
    rows = totalen[(totalen["jaar"] == year) & (totalen["inwoners"] > 0)]
    inwoners = rows.set_index("gm_code")["inwoners"].astype(float)
    peers = [c for c in comparable_gemeenten(ds, code) if c in inwoners.index]
    lasten = ds.lasten[(ds.lasten["jaar"] == year) & (ds.lasten["document"] == document)]
    wide = lasten.pivot_table(
        index="gm_code", columns="taakveld", values="lasten_keur", aggfunc="sum", fill_value=0.0
    )
    wide = wide.reindex(index=inwoners.index, fill_value=0.0)
    per_capita = wide.div(inwoners, axis=0) * 1000.0
    names = ds.taakvelden.set_index("taakveld")["omschrijving"]
    out = pd.DataFrame(
        {
            "taakveld": per_capita.columns.astype(str),
            "eigen_keur": wide.loc[code].to_numpy(dtype=float),
            "eigen": per_capita.loc[code].to_numpy(dtype=float),
            "mediaan": per_capita.loc[peers].median().to_numpy(dtype=float),
        }
    )
    out["omschrijving"] = out["taakveld"].map(names).fillna("")
    out["goal"] = out["taakveld"].map(goal_of)
    out = out[~out["taakveld"].isin(_NOT_A_TASK)]
    eigen, mediaan = out["eigen"].to_numpy(), out["mediaan"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = np.where(mediaan > 0, (eigen / mediaan - 1.0) * 100.0, np.nan)
    out["verschil"] = diff
    return TaakveldSpending(
        out.reset_index(drop=True), year, document, f"CBS Iv3 {document} {year}"
    )


def taakveld_table(spending: TaakveldSpending, goal: str, naam: str, top: int = 5) -> Table:
    """The ``top`` largest taakvelden (by the gemeente's lasten) of one goal."""
    frame = spending.frame[spending.frame["goal"] == goal]
    frame = frame.sort_values("eigen_keur", ascending=False).head(top)
    bron, jaar = spending.bron, spending.jaar
    rows: list[tuple[Cell, ...]] = []
    for r in frame.itertuples(index=False):
        key = f"taakveld.{r.taakveld}"
        rows.append(
            (
                f"{r.taakveld} {r.omschrijving}",
                num(float(r.eigen_keur), "k€", bron, jaar, f"{key}.lasten_keur"),
                eur(float(r.eigen), bron, jaar, f"{key}.gemeente", "euro per inwoner"),
                eur(float(r.mediaan), bron, jaar, f"{key}.mediaan", "euro per inwoner"),
                pct(
                    None if pd.isna(r.verschil) else float(r.verschil),
                    bron,
                    jaar,
                    f"{key}.verschil",
                ),
            )
        )
    return Table(
        T["lasten_goal_caption"],
        ("Taakveld", "Lasten (k€)", naam, "Vergelijkbare gemeenten*", "Verschil"),
        tuple(rows),
        f"{bron}. *Mediaan van de tien structureel vergelijkbare gemeenten, zelfde jaar.",
        frozenset({1, 2, 3, 4}),
    )


@dataclass(frozen=True)
class PartnerSets:
    """The distinct sets of partner gemeenten across the gemeente's region layers."""

    layers: tuple[tuple[str, str, str, frozenset[str]], ...]  # (type, code, naam, members)
    distinct: int
    partners: frozenset[str]  # all other gemeenten it shares any region with


def partner_sets(ds: Dataset, code: str) -> PartnerSets:
    """Count the different partner compositions the gemeente juggles (regional incongruence)."""
    regio = ds.regio
    own = regio[(regio["gm_code"] == code) & regio["regiotype"].isin(PARTNER_LAYERS)]
    layers = []
    for r in own.itertuples(index=False):
        members = regio[(regio["regiotype"] == r.regiotype) & (regio["regio_code"] == r.regio_code)]
        layers.append(
            (
                str(r.regiotype),
                str(r.regio_code),
                str(r.regio_naam),
                frozenset(members["gm_code"].astype(str)),
            )
        )
    order = {t: i for i, t in enumerate(PARTNER_LAYERS)}
    layers.sort(key=lambda layer: order[layer[0]])
    distinct = len({layer[3] for layer in layers})
    partners = (
        frozenset().union(*(layer[3] for layer in layers)) - {code} if layers else frozenset()
    )
    return PartnerSets(tuple(layers), distinct, frozenset(partners))


def regions_table(p: GemeenteProfile, sets: PartnerSets) -> Table:
    bron = "CBS Gebiedsindelingen 2024 (ruimtelijke koppeling)"
    sizes = {t: len(m) for t, _, _, m in sets.layers}
    rows: list[tuple[Cell, ...]] = []
    for r in p.regios:
        n: Cell = (
            num(sizes[r.regiotype], "gemeenten", bron, 2024, f"regio.{r.regiotype}.gemeenten")
            if r.regiotype in sizes
            else "–"
        )
        rows.append((REGION_TYPES[r.regiotype].naam, r.code, r.naam, n))
    return Table(
        T["regios_caption"],
        ("Indeling", "Code", "Regio", "Aantal gemeenten"),
        tuple(rows),
        bron,
        frozenset({3}),
    )


def partner_sets_paragraph(naam: str, sets: PartnerSets) -> Block:
    bron = "CBS Gebiedsindelingen 2024 (ruimtelijke koppeling)"
    return Paragraph(
        (
            T["partnersets"].format(naam=naam, n_lagen=len(sets.layers)),
            num(sets.distinct, "partnersets", bron, 2024, "partnersets"),
            T["partnersets_2"],
            num(len(sets.partners), "gemeenten", bron, 2024, "partnersets.gemeenten"),
            T["partnersets_3"],
        )
    )
