"""Region layers the 2024 CBS division lacks, derived from BZK's regioatlas of 2016.

The CBS Gebiedsindelingen 2024 in the bundle have no omgevingsdiensten, RMC-regio's or Veilig
Thuis-regio's. The Open State Foundation copy of BZK's regioatlas (2016, 390 gemeenten) does.
This module maps those 2016 memberships onto the 2023 division and flags every row with its
year, so a user always sees that the region is the one of 2016.

Mapping rule: a 2023 gemeente takes the region of its 2016 predecessors, each weighted by its
inhabitants on 1 January 2017 times the share of its area that went to the 2023 gemeente
(``historische_codes.csv``, jaar 2016). When the predecessors sat in different regions the
largest weight wins; ``aandeel`` records that weight (1.0 when all predecessors agree), so
doubtful rows are visible. A 2016 code without a 2017 population count gets the mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regiokompas.data._errors import DataFileError

__all__ = ["ATLAS_LAYERS", "AtlasLayer", "regio_2016"]

ATLAS_YEAR = 2016


@dataclass(frozen=True)
class AtlasLayer:
    """One regioatlas layer: its code in the bundle, its file and its Dutch name."""

    code: str
    path: str
    naam: str


ATLAS_LAYERS: dict[str, AtlasLayer] = {
    layer.code: layer
    for layer in (
        AtlasLayer(
            "omgevingsdienst",
            "regioatlas/Fysiek/omgevingsdienstenregionaleuitvoeringsdiensten.csv",
            "Omgevingsdienst",
        ),
        AtlasLayer(
            "rmc",
            "regioatlas/Sociaal/rmcregiosregionaalmeldencoordinatiepunt.csv",
            "RMC-regio",
        ),
        AtlasLayer(
            "veilig_thuis", "regioatlas/Sociaal/veiligthuisregios.csv", "Veilig Thuis-regio"
        ),
    )
}


def _read_atlas(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DataFileError(
            str(path), f"kan niet gelezen worden: {exc}", f"cannot be read: {exc}"
        ) from exc
    if frame.shape[1] < 3 or "CBS" not in frame.columns:
        raise DataFileError(
            str(path), "heeft niet de kolommen Gemeente;CBS;regio", "lacks Gemeente;CBS;region"
        )
    out = pd.DataFrame(
        {
            "gm_code_2016": "GM" + frame["CBS"].str.strip().str.zfill(4),
            "regio_naam": frame.iloc[:, 2].str.strip(),
        }
    )
    return out.dropna()


def regio_2016(
    source: Path, historic: pd.DataFrame, inwoners: pd.DataFrame, codes: list[str]
) -> pd.DataFrame:
    """The ``regio_2016.csv`` table: per 2023 gemeente and atlas layer, the 2016 region.

    ``source`` is the ``openstate_gr_2016`` folder of the raw snapshot, ``historic`` the
    bundle's ``historische_codes`` table, ``inwoners`` its inhabitants table and ``codes`` the
    342 gemeenten of 2023.
    """
    mapping = historic[historic["jaar"] == ATLAS_YEAR][["gm_code", "gm_code_2023", "aandeel"]]
    mapping = mapping.rename(columns={"gm_code": "gm_code_2016"})
    people = inwoners[inwoners["jaar"] == ATLAS_YEAR + 1].set_index("gm_code")["inwoners"]
    weight = mapping["gm_code_2016"].map(people).fillna(float(people.mean()))
    mapping = mapping.assign(aandeel=mapping["aandeel"] * weight)
    parts: list[pd.DataFrame] = []
    for layer in ATLAS_LAYERS.values():
        atlas = _read_atlas(source / layer.path)
        joined = atlas.merge(mapping, on="gm_code_2016", how="inner")
        weights = joined.groupby(["gm_code_2023", "regio_naam"], as_index=False)["aandeel"].sum()
        totals = weights.groupby("gm_code_2023")["aandeel"].transform("sum")
        weights = weights.assign(aandeel=(weights["aandeel"] / totals).round(4))
        # Largest weight first; the name breaks ties so the build stays deterministic.
        weights = weights.sort_values(
            ["gm_code_2023", "aandeel", "regio_naam"], ascending=[True, False, True]
        )
        best = weights.drop_duplicates("gm_code_2023").rename(columns={"gm_code_2023": "gm_code"})
        missing = sorted(set(codes) - set(best["gm_code"]))
        if missing:
            raise DataFileError(
                layer.path,
                f"geen regio voor {', '.join(missing[:5])}",
                f"no region for {', '.join(missing[:5])}",
            )
        best = best[best["gm_code"].isin(codes)]
        parts.append(best.assign(regiotype=layer.code, jaar=ATLAS_YEAR))
    frame = pd.concat(parts)[["gm_code", "regiotype", "regio_naam", "jaar", "aandeel"]]
    return frame.sort_values(["gm_code", "regiotype"]).reset_index(drop=True)
