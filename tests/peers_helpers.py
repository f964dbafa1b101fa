"""An independent brute force for "structurally comparable gemeenten": z-scores of the cost
model's controls read from the bundle's gemeenten.csv with the csv module, Euclidean distance,
one standard deviation extra for another province, the ten nearest (ties by code)."""

from __future__ import annotations

import csv
import math
from functools import cache
from pathlib import Path

BUNDLE = Path(__file__).resolve().parents[1] / "src" / "regiokompas" / "data" / "bundle"
_COLUMNS = (
    "stedelijkheid",
    "pct_0_15",
    "pct_65_plus",
    "gemiddelde_huishoudgrootte",
    "pct_eenpersoonshuishoudens",
    "pct_herkomst_buiten_europa",
)


@cache
def _rows() -> tuple[tuple[str, str, tuple[float, ...]], ...]:
    with open(BUNDLE / "gemeenten.csv", encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    values = []
    for r in raw:
        people, land = float(r["inwoners_2023"]), float(r["land_km2"])
        values.append((math.log(people), math.log(people / land), *(float(r[c]) for c in _COLUMNS)))
    k = len(values[0])
    mean = [sum(v[j] for v in values) / len(values) for j in range(k)]
    sd = [math.sqrt(sum((v[j] - mean[j]) ** 2 for v in values) / len(values)) for j in range(k)]
    return tuple(
        (r["gm_code"], r["provincie_code"], tuple((v[j] - mean[j]) / sd[j] for j in range(k)))
        for r, v in zip(raw, values, strict=True)
    )


def structural_peers(code: str, n: int = 10) -> list[str]:
    """The ``n`` structurally nearest gemeenten of ``code`` (itself excluded)."""
    rows = _rows()
    _, province, own = next(r for r in rows if r[0] == code)
    dist = {c: math.dist(z, own) + (1.0 if p != province else 0.0) for c, p, z in rows if c != code}
    return sorted(dist, key=lambda c: (dist[c], c))[:n]
