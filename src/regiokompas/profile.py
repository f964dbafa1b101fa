"""The profile of one gemeente: size, regions, neighbours and spending against its peers.

>>> from regiokompas.data import load_dataset
>>> p = gemeente_profile(load_dataset(), "Amsterdam")
>>> p.code, p.inwoners.value
('GM0363', 918117)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regiokompas._comparable import comparable_gemeenten
from regiokompas.data import REGION_TYPES, Dataset
from regiokompas.i18n import N_, gettext, ngettext

__all__ = [
    "SIZE_CLASSES",
    "Figure",
    "GemeenteProfile",
    "NeighbourRow",
    "RegionRow",
    "SpendingRow",
    "gemeente_profile",
    "size_class",
]

#: CBS gemeentegrootteklassen (inhabitants), lower bounds with their label.
SIZE_CLASSES: tuple[tuple[int, str], ...] = (
    (0, "minder dan 10.000"),
    (10_000, "10.000 tot 20.000"),
    (20_000, "20.000 tot 50.000"),
    (50_000, "50.000 tot 100.000"),
    (100_000, "100.000 tot 150.000"),
    (150_000, "150.000 tot 250.000"),
    (250_000, "250.000 of meer"),
)

#: CBS stedelijkheid classes (Dutch; translated when shown).
STEDELIJKHEID = {
    1: N_("zeer sterk stedelijk"),
    2: N_("sterk stedelijk"),
    3: N_("matig stedelijk"),
    4: N_("weinig stedelijk"),
    5: N_("niet stedelijk"),
}


def size_class(inhabitants: float) -> int:
    """Index into :data:`SIZE_CLASSES` for a number of inhabitants.

    >>> SIZE_CLASSES[size_class(72_000)][1]
    '50.000 tot 100.000'
    """
    bounds = [lower for lower, _ in SIZE_CLASSES]
    return int(np.searchsorted(bounds, inhabitants, side="right") - 1)


@dataclass(frozen=True)
class Figure:
    """A number as shown to a user: value, unit, source and year."""

    value: float | int | str
    unit: str
    bron: str
    jaar: int


@dataclass(frozen=True)
class RegionRow:
    regiotype: str
    regiotype_naam: str
    code: str
    naam: str


@dataclass(frozen=True)
class NeighbourRow:
    code: str
    naam: str
    soort: str
    grens_km: float
    afstand_km: float
    toelichting: str


@dataclass(frozen=True)
class SpendingRow:
    """Lasten per inhabitant on one hoofdtaakveld, against the median of the size class."""

    hoofdtaakveld: str
    omschrijving: str
    eur_per_inwoner: float
    mediaan_klasse: float
    verschil_pct: float | None


@dataclass(frozen=True)
class GemeenteProfile:
    code: str
    naam: str
    provincie: str
    inwoners: Figure
    inwoners_recent: Figure
    land_km2: Figure
    bevolkingsdichtheid: Figure
    stedelijkheid: Figure
    regios: tuple[RegionRow, ...]
    buren: tuple[NeighbourRow, ...]
    lasten: tuple[SpendingRow, ...]
    lasten_bron: str
    lasten_jaar: int
    vergelijking: str
    vergelijking_n: int
    attributie: str
    #: Names of the gemeenten compared with (structurally nearest; see ``vergelijking``).
    vergelijkbaar: tuple[str, ...] = ()


def _latest_year(dataset: Dataset, document: str) -> int:
    years = dataset.totalen.loc[dataset.totalen["document"] == document, "jaar"]
    return int(years.max())


def _spending(
    dataset: Dataset, code: str, year: int, document: str
) -> tuple[list[SpendingRow], tuple[str, ...], int]:
    rows = dataset.totalen[
        (dataset.totalen["jaar"] == year) & (dataset.totalen["document"] == document)
    ]
    rows = rows[rows["inwoners"] > 0]
    heads = [f"lasten_hoofdtaakveld_{i}" for i in range(9)]
    per_capita = rows[heads].div(rows["inwoners"], axis=0) * 1000  # k€ → €
    per_capita.index = rows["gm_code"].to_numpy()
    chosen = [c for c in comparable_gemeenten(dataset, code) if c in per_capita.index]
    peers = per_capita.loc[chosen]
    names = (
        dataset.taakvelden.drop_duplicates("hoofdtaakveld")
        .set_index("hoofdtaakveld")["hoofdomschrijving"]
        .to_dict()
    )
    out = []
    for i, column in enumerate(heads):
        own = float(per_capita.loc[code, column])
        median = float(peers[column].median())
        diff = (own / median - 1) * 100 if median > 0 else None
        out.append(SpendingRow(str(i), str(names.get(str(i), column)), own, median, diff))
    return out, tuple(chosen), len(peers)


def gemeente_profile(
    dataset: Dataset, query: str, document: str = "jaarrekening", language: str = "nl"
) -> GemeenteProfile:
    """Build the profile of the gemeente ``query`` names (code or forgiving name).

    Units and the comparison are written in ``language`` (the ``regiokompas`` catalogue);
    names of gemeenten, regions, taakvelden and sources are proper names and stay Dutch.

    Spending comes from the latest Iv3 ``document`` (jaarrekening by default) and is compared
    with the median of the ten structurally comparable gemeenten in that year (nearest on the
    cost model's controls and province; :func:`regiokompas._comparable.comparable_gemeenten`).
    """
    gemeente = dataset.gemeente(query)
    code = gemeente.code
    row = dataset.gemeenten.set_index("gm_code").loc[code]
    kern = "CBS Kerncijfers wijken en buurten"
    recent_year = int(dataset.inwoners["jaar"].max())
    recent = dataset.inwoners_in(recent_year)

    regio = dataset.regio[dataset.regio["gm_code"] == code].set_index("regiotype")
    regios = tuple(
        RegionRow(t, layer.naam, str(regio.loc[t, "regio_code"]), str(regio.loc[t, "regio_naam"]))
        for t, layer in REGION_TYPES.items()
        if t in regio.index
    )
    names = dataset.gemeenten.set_index("gm_code")["naam"]
    buren = tuple(
        NeighbourRow(n.code, str(names[n.code]), n.soort, n.grens_km, n.afstand_km, n.toelichting)
        for n in dataset.graph.neighbours(code)
    )
    year = _latest_year(dataset, document)
    lasten, peers, n_peers = _spending(dataset, code, year, document)
    stedelijk = int(row["stedelijkheid"])

    def t(message: str) -> str:
        return gettext(message, language)

    per_1_jan = gettext("inwoners op 1 januari", language)
    return GemeenteProfile(
        code=code,
        naam=gemeente.naam,
        provincie=gemeente.provincie,
        inwoners=Figure(int(row["inwoners_2023"]), per_1_jan, kern, 2023),
        inwoners_recent=Figure(int(recent[code]), per_1_jan, "CBS via Iv3", recent_year),
        land_km2=Figure(float(row["land_km2"]), gettext("km² land", language), kern, 2023),
        bevolkingsdichtheid=Figure(
            int(row["bevolkingsdichtheid"]), gettext("inwoners per km²", language), kern, 2023
        ),
        stedelijkheid=Figure(
            f"{stedelijk} ({t(STEDELIJKHEID[stedelijk]) if stedelijk in STEDELIJKHEID else '?'})",
            gettext("klasse 1–5", language),
            kern,
            2023,
        ),
        regios=regios,
        buren=buren,
        lasten=tuple(lasten),
        lasten_bron=f"CBS Iv3 {document} {year}",
        lasten_jaar=year,
        vergelijking=ngettext(
            "mediaan van {n} structureel vergelijkbare gemeente",
            "mediaan van {n} structureel vergelijkbare gemeenten",
            n_peers,
            language,
        ).format(n=n_peers),
        vergelijking_n=n_peers,
        vergelijkbaar=tuple(str(names[c]) for c in peers),
        attributie=dataset.attribution,
    )


def spending_frame(profile: GemeenteProfile) -> pd.DataFrame:
    """The spending comparison as a DataFrame (for CSV and web tables)."""
    return pd.DataFrame([vars(r) for r in profile.lasten])
