"""Comparable gemeenten by structure: nearest neighbours on the cost model's controls.

The cost model explains spending per inhabitant by size (ln inhabitants), density
(ln inhabitants per km² land), urbanity (CBS stedelijkheid 1–5) and demography (share 0–15
and 65+, household size, one-person households, origin outside Europe; CBS Kerncijfers wijken
en buurten 2023). Comparing a gemeente with the ``n`` gemeenten nearest on those same
standardised features (Euclidean distance on z-scores), with a fixed penalty of one standard
deviation for another province (region), compares like with like instead of a size class
alone.

Used by the profile (spending against comparable gemeenten) and the advice (the list shown).

>>> from regiokompas.data import load_dataset
>>> peers = comparable_gemeenten(load_dataset(), "GM0513", n=10)
>>> len(peers), "GM0513" in peers
(10, False)
"""

from __future__ import annotations

import numpy as np

from regiokompas.data import Dataset

_CACHE: dict[tuple[object, str, int], tuple[str, ...]] = {}

__all__ = ["COMPARABLE_FEATURES", "MIN_COMPARABLE", "REGION_PENALTY", "comparable_gemeenten"]

#: The structural features, as the cost model's controls (CBS Kerncijfers 2023).
COMPARABLE_FEATURES: tuple[str, ...] = (
    "ln_inwoners",
    "ln_dichtheid",
    "stedelijkheid",
    "pct_0_15",
    "pct_65_plus",
    "gemiddelde_huishoudgrootte",
    "pct_eenpersoonshuishoudens",
    "pct_herkomst_buiten_europa",
)
#: Fewest gemeenten a comparison uses.
MIN_COMPARABLE = 10
#: Distance added for a gemeente in another province (in standard deviations).
REGION_PENALTY = 1.0


def _features(ds: Dataset) -> np.ndarray:
    g = ds.gemeenten
    inwoners = g["inwoners_2023"].to_numpy(dtype=float)
    land = g["land_km2"].to_numpy(dtype=float)
    cols = [
        np.log(np.maximum(inwoners, 1.0)),
        np.log(np.maximum(inwoners, 1.0) / np.maximum(land, 0.01)),
        *(g[c].to_numpy(dtype=float) for c in COMPARABLE_FEATURES[2:]),
    ]
    x = np.column_stack(cols)
    mean = np.nanmean(x, axis=0)
    x = np.where(np.isnan(x), mean, x)  # a missing value counts as average
    sd = x.std(axis=0)
    return np.asarray((x - mean) / np.where(sd > 0, sd, 1.0))


def comparable_gemeenten(ds: Dataset, code: str, n: int = MIN_COMPARABLE) -> tuple[str, ...]:
    """The ``n`` (at least :data:`MIN_COMPARABLE`) structurally nearest gemeenten, nearest
    first (ties by code), the gemeente itself excluded."""
    n = max(int(n), MIN_COMPARABLE)
    key = (ds.folder, code, n)
    if key not in _CACHE:
        _CACHE[key] = _nearest(ds, code, n)
    return _CACHE[key]


def _nearest(ds: Dataset, code: str, n: int) -> tuple[str, ...]:
    codes = ds.gemeenten["gm_code"].astype(str).tolist()
    i = codes.index(code)
    x = _features(ds)
    dist = np.sqrt(((x - x[i]) ** 2).sum(axis=1))
    province = ds.gemeenten["provincie_code"].astype(str).to_numpy()
    dist = dist + REGION_PENALTY * (province != province[i])
    order = sorted((float(d), c) for d, c in zip(dist, codes, strict=True) if c != code)
    return tuple(c for _, c in order[:n])
