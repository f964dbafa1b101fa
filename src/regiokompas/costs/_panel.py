"""The estimation panel: one row per gemeente, jaarrekening year and taakveld series (reeks).

Rows come from the Iv3 jaarrekening in each year's own division. Controls (area, urbanity, age
and household structure) exist for the 2023 division only, so a row of an earlier year is kept
when that gemeente's territory equals one 2023 gemeente (no merger or split in between); the rest
are dropped and counted. Density is time-varying: inhabitants of the year over 2023 land area.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regiokompas.data import DataFileError, Dataset

__all__ = ["CONTROL_COLUMNS", "DEFAULT_YEARS", "REFERENCE_SIZE", "Panel", "build_panel"]

#: Jaarrekening years pooled by default (year fixed effects absorb price levels).
DEFAULT_YEARS: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023, 2024)

#: Inhabitants at which log size is centred; the coefficients are read at this size.
REFERENCE_SIZE = 25_000.0

#: Demographic controls from CBS Kerncijfers wijken en buurten 2023 (centred at their means).
CONTROL_COLUMNS: tuple[str, ...] = (
    "pct_0_15",
    "pct_65_plus",
    "gemiddelde_huishoudgrootte",
    "pct_eenpersoonshuishoudens",
    "pct_herkomst_buiten_europa",
)

_REFERENCE_DENSITY = 500.0  # inhabitants per km², centring constant for log density


@dataclass(frozen=True)
class Panel:
    """Rows of the pooled panel and the bookkeeping of what was left out.

    ``rows`` has: jaar, gm_code (own division), cluster (2023 code), reeks, lasten_keur,
    inwoners, land_km2, stedelijkheid and the :data:`CONTROL_COLUMNS`.
    ``dropped_territory`` counts gemeente-years whose territory is not one 2023 gemeente.
    """

    rows: pd.DataFrame
    years: tuple[int, ...]
    dropped_territory: int
    control_means: dict[str, float]


def _territory_map(ds: Dataset, years: tuple[int, ...]) -> tuple[pd.DataFrame, int]:
    """(jaar, gm_code) -> cluster (2023 code) for gemeente-years with an unchanged territory."""
    hist = ds.historische_codes
    frames = []
    dropped = 0
    codes_2023 = ds.gemeenten["gm_code"].to_numpy()
    for year in years:
        if year >= 2023:
            frames.append(
                pd.DataFrame({"jaar": year, "gm_code": codes_2023, "cluster": codes_2023})
            )
            continue
        rows = hist[hist["jaar"] == year]
        parts = rows.groupby("gm_code")["gm_code_2023"].transform("size")
        members = rows.groupby("gm_code_2023")["gm_code"].transform("size")
        stable = rows[(parts == 1) & (members == 1)]
        dropped += int(rows["gm_code"].nunique() - len(stable))
        frames.append(
            pd.DataFrame(
                {
                    "jaar": year,
                    "gm_code": stable["gm_code"].to_numpy(),
                    "cluster": stable["gm_code_2023"].to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True), dropped


def build_panel(ds: Dataset, years: tuple[int, ...] = DEFAULT_YEARS) -> Panel:
    """Join jaarrekening lasten per reeks, inhabitants and 2023 controls for ``years``.

    >>> from regiokompas.data import load_dataset
    >>> panel = build_panel(load_dataset(), years=(2024,))
    >>> int(panel.rows["gm_code"].nunique())
    342
    """
    lasten = ds.lasten_reeks
    available = set(lasten.loc[lasten["document"] == "jaarrekening", "jaar"])
    # A bundle of one's own may lack some years; fit on the years it has (none → clear error).
    years = tuple(y for y in years if y in available)
    if not years:
        raise DataFileError(
            str(ds.folder / "iv3_lasten.csv.gz"),
            "bevat geen jaarrekening voor de gevraagde jaren",
            "has no jaarrekening for the requested years",
        )
    territory, dropped = _territory_map(ds, years)
    lasten = lasten[(lasten["document"] == "jaarrekening") & lasten["jaar"].isin(years)]
    inwoners = ds.inwoners[ds.inwoners["jaar"].isin(years)]
    controls = ds.gemeenten[["gm_code", "land_km2", "stedelijkheid", *CONTROL_COLUMNS]].rename(
        columns={"gm_code": "cluster"}
    )
    rows = (
        lasten[["jaar", "gm_code", "reeks", "lasten_keur"]]
        .merge(territory, on=["jaar", "gm_code"], how="inner")
        .merge(inwoners, on=["jaar", "gm_code"], how="inner")
        .merge(controls, on="cluster", how="inner")
    )
    rows = rows[rows["inwoners"] > 0].reset_index(drop=True)
    means = {c: float(ds.gemeenten[c].mean()) for c in CONTROL_COLUMNS}
    return Panel(rows=rows, years=tuple(years), dropped_territory=dropped, control_means=means)


def design_matrix(
    rows: pd.DataFrame, years: tuple[int, ...], control_means: dict[str, float]
) -> tuple[np.ndarray, list[str]]:
    """The regressors for ``rows``: constant, centred log size and its square, log density,
    urbanity dummies (reference: 5, niet stedelijk), centred demographic controls and year
    dummies (reference: the first year)."""
    inwoners = rows["inwoners"].to_numpy(dtype=float)
    size = np.log(inwoners) - np.log(REFERENCE_SIZE)
    density = np.log(inwoners / rows["land_km2"].to_numpy(dtype=float)) - np.log(_REFERENCE_DENSITY)
    columns: list[np.ndarray] = [np.ones(len(rows)), size, size**2, density]
    names = ["const", "ln_inwoners", "ln_inwoners_kwadraat", "ln_dichtheid"]
    urban = rows["stedelijkheid"].to_numpy()
    for klasse in (1, 2, 3, 4):
        columns.append((urban == klasse).astype(float))
        names.append(f"stedelijkheid_{klasse}")
    for control in CONTROL_COLUMNS:
        columns.append(rows[control].to_numpy(dtype=float) - control_means[control])
        names.append(control)
    year = rows["jaar"].to_numpy()
    for y in years[1:]:
        columns.append((year == y).astype(float))
        names.append(f"jaar_{y}")
    return np.column_stack(columns), names
