"""Cost model per taakveld: how Iv3 lasten per inhabitant vary with scale.

Per comparable taakveld series (``reeks``) an OLS regression on the pooled jaarrekening panel
(default 2019–2024, each year its own division)::

    ln(lasten per inwoner) = a + b1·s + b2·s² + c·ln(dichtheid) + urbanity dummies
                             + demographic controls + year effects + e,   s = ln(inwoners/25,000)

with standard errors clustered by gemeente (CR1; Cameron & Miller 2015) and a cluster bootstrap
(gemeenten resampled with replacement; fixed seed). The scale elasticity at size N is
d ln(cost per inhabitant)/d ln(N) = b1 + 2·b2·ln(N/25,000). Verdict per taakveld from the 90%
bootstrap interval of the elasticity at the typical (median) gemeente size: entirely below 0 →
schaalvoordelen, entirely above 0 → schaalnadelen, otherwise geen bewijs. The functional form
follows the Dutch literature on municipal scale (Allers & de Greef 2018, Local Government Studies
44(1); Niaounakis & Blank 2017 use a translog in ln size, of which this is the one-output case).

>>> from regiokompas.data import load_dataset
>>> model = CostModel.from_dataset(load_dataset(), draws=200)
>>> model.fit("7.3").verdict in {"schaalvoordelen", "geen bewijs", "schaalnadelen"}
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from regiokompas.costs._errors import UnknownTaakveldError
from regiokompas.costs._ols import cluster_bootstrap, fit_ols
from regiokompas.costs._panel import DEFAULT_YEARS, REFERENCE_SIZE, build_panel, design_matrix
from regiokompas.data import Dataset
from regiokompas.i18n import N_

__all__ = [
    "ELASTICITY_SIZES",
    "TOO_FEW",
    "CostModel",
    "Interval",
    "TaakveldFit",
    "Verdict",
    "resolve_taakveld",
]

Verdict = Literal["schaalvoordelen", "geen bewijs", "schaalnadelen"]

#: Why a taakveld was not fitted (``CostModel.skipped``); shown through :func:`refill`.
TOO_FEW = N_("te weinig gemeenten met lasten > 0 ({n})")

#: Sizes (inhabitants) at which every fit reports its elasticity.
ELASTICITY_SIZES: tuple[int, ...] = (10_000, 25_000, 50_000, 100_000, 250_000)

#: A taakveld is fitted only with at least this many positive rows and gemeenten.
MIN_ROWS, MIN_GEMEENTEN = 200, 100

#: Titles of merged series whose first taakveld's title would undersell them.
_SERIES_TITLES = {"6.7": "Maatwerkdienstverlening 18+ en 18-, jeugdhulp"}

_GRID = np.exp(np.linspace(np.log(3_000), np.log(1_000_000), 121))


@dataclass(frozen=True)
class Interval:
    """A central value with a two-sided interval (``level`` = 0.90 means P5–P95)."""

    low: float
    mid: float
    high: float
    level: float = 0.90

    def spans_zero(self) -> bool:
        """True when the interval contains 0."""
        return self.low <= 0.0 <= self.high


def _interval(draws: np.ndarray, mid: float, level: float = 0.90) -> Interval:
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return Interval(float(low), float(mid), float(high), level)


@dataclass(frozen=True, eq=False)
class TaakveldFit:
    """The fitted cost curve of one taakveld series, with its uncertainty and verdict."""

    reeks: str
    omschrijving: str
    names: tuple[str, ...]
    beta: np.ndarray = field(repr=False)
    se: np.ndarray = field(repr=False)
    draws: np.ndarray = field(repr=False)
    r2: float
    r2_adj: float
    rmse: float
    n: int
    n_gemeenten: int
    dropped_nonpositive: int
    size_range: tuple[float, float]
    typical_size: float
    elasticity: Interval
    elasticity_se: float
    elasticities: dict[int, Interval]
    afvlakpunt: float | None
    verdict: Verdict
    typical_x: np.ndarray = field(repr=False)
    years: tuple[int, ...]

    def elasticity_at(self, inwoners: float, draws: bool = False) -> np.ndarray:
        """Elasticity at ``inwoners``: the point estimate, or one value per bootstrap draw."""
        s = np.log(inwoners / REFERENCE_SIZE)
        coef = self.draws[:, 1:3] if draws else self.beta[None, 1:3]
        return np.asarray(coef[:, 0] + 2.0 * coef[:, 1] * s)

    def log_ratio(self, own: np.ndarray, combined: np.ndarray, draws: bool = False) -> np.ndarray:
        """ln(predicted cost per inhabitant at ``combined`` / at ``own`` size), controls fixed.

        Sizes are clipped to the range seen in the data (no extrapolation). Shape: own.shape
        for the point estimate, (draws, *own.shape) with ``draws=True``.
        """
        lo, hi = self.size_range
        s_own = np.log(np.clip(own, lo, hi) / REFERENCE_SIZE)
        s_new = np.log(np.clip(combined, lo, hi) / REFERENCE_SIZE)
        if not draws:
            return np.asarray(self.beta[1] * (s_new - s_own) + self.beta[2] * (s_new**2 - s_own**2))
        b1 = self.draws[:, 1].reshape((-1,) + (1,) * np.ndim(own))
        b2 = self.draws[:, 2].reshape((-1,) + (1,) * np.ndim(own))
        return np.asarray(b1 * (s_new - s_own) + b2 * (s_new**2 - s_own**2))

    def curve(
        self, inwoners: np.ndarray, level: float = 0.90
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Predicted € per inhabitant at ``inwoners`` for a gemeente with average controls in the
        latest year: (point, low, high) of the bootstrap band."""
        s = np.log(np.asarray(inwoners, dtype=float) / REFERENCE_SIZE)
        rows = np.repeat(self.typical_x[None, :], len(s), axis=0)
        rows[:, 1] = s
        rows[:, 2] = s**2
        point = np.exp(rows @ self.beta)
        sims = np.exp(self.draws @ rows.T)
        tail = (1.0 - level) / 2 * 100
        low, high = np.percentile(sims, [tail, 100 - tail], axis=0)
        return point, low, high


def resolve_taakveld(ds: Dataset, code: str) -> str:
    """The comparable series (reeks) of a taakveld code as users type it ("7.3", "6.72", "0,61").

    >>> from regiokompas.data import load_dataset
    >>> resolve_taakveld(load_dataset(), "6.72")
    '6.7'
    """
    text = str(code).strip().replace(",", ".")
    table = ds.taakvelden
    known = sorted(set(table["reeks"]), key=_sort_key)
    if text in set(table["reeks"]):
        return text
    hit = table.loc[table["taakveld"] == text, "reeks"]
    if len(hit):
        return str(hit.iloc[0])
    raise UnknownTaakveldError(text, known)


def _sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split(".") if p.isdigit())


def _verdict(interval: Interval) -> Verdict:
    if interval.high < 0:
        return "schaalvoordelen"
    if interval.low > 0:
        return "schaalnadelen"
    return "geen bewijs"


def _fit_one(
    reeks: str,
    omschrijving: str,
    x: np.ndarray,
    names: list[str],
    y_keur: np.ndarray,
    inwoners: np.ndarray,
    cluster: np.ndarray,
    years: tuple[int, ...],
    latest: np.ndarray,
    draws: int,
    seed: int,
) -> TaakveldFit:
    positive = y_keur > 0
    xs, inw, cl = x[positive], inwoners[positive], cluster[positive]
    y = np.log(y_keur[positive] * 1000.0 / inw)
    ols = fit_ols(xs, y, cl)
    boot = cluster_bootstrap(xs, y, cl, draws=draws, seed=seed)
    size_range = (float(inw.min()), float(inw.max()))
    typical = (
        float(np.median(inw[latest[positive]])) if latest[positive].any() else float(np.median(inw))
    )
    s_typ = np.log(typical / REFERENCE_SIZE)
    el_draws = boot[:, 1] + 2 * boot[:, 2] * s_typ
    el_mid = float(ols.beta[1] + 2 * ols.beta[2] * s_typ)
    grad = np.zeros(len(names))
    grad[1], grad[2] = 1.0, 2 * s_typ
    el_se = float(np.sqrt(grad @ ols.vcov @ grad))
    elasticity = _interval(el_draws, el_mid)
    at_sizes = {
        n: _interval(
            boot[:, 1] + 2 * boot[:, 2] * np.log(n / REFERENCE_SIZE),
            float(ols.beta[1] + 2 * ols.beta[2] * np.log(n / REFERENCE_SIZE)),
        )
        for n in ELASTICITY_SIZES
    }
    # Afvlakpunt: the smallest size within the data from which on the 90% interval of the
    # elasticity reaches 0, given that below it the economies are significant.
    grid = _GRID[(size_range[0] <= _GRID) & (size_range[1] >= _GRID)]
    upper = np.percentile(
        boot[:, 1:2] + 2 * boot[:, 2:3] * np.log(grid / REFERENCE_SIZE)[None, :], 95, axis=0
    )
    afvlak: float | None = None
    if len(grid) and upper[0] < 0:
        flat = np.nonzero(upper >= 0)[0]
        afvlak = float(grid[flat[0]]) if len(flat) else None
    typical_x = xs[latest[positive]].mean(axis=0) if latest[positive].any() else xs.mean(axis=0)
    return TaakveldFit(
        reeks=reeks,
        omschrijving=omschrijving,
        names=tuple(names),
        beta=ols.beta,
        se=np.sqrt(np.diag(ols.vcov)),
        draws=boot,
        r2=ols.r2,
        r2_adj=ols.r2_adj,
        rmse=ols.rmse,
        n=ols.n,
        n_gemeenten=ols.clusters,
        dropped_nonpositive=int((~positive).sum()),
        size_range=size_range,
        typical_size=typical,
        elasticity=elasticity,
        elasticity_se=el_se,
        elasticities=at_sizes,
        afvlakpunt=afvlak,
        verdict=_verdict(elasticity),
        typical_x=typical_x,
        years=years,
    )


@dataclass(frozen=True, eq=False)
class CostModel:
    """Fitted cost curves for every taakveld series with enough data.

    Build with :meth:`from_dataset` (cached per bundle folder and settings).
    """

    fits: dict[str, TaakveldFit]
    skipped: dict[str, str]
    years: tuple[int, ...]
    dropped_territory: int
    draws: int
    seed: int
    source: str

    @classmethod
    def from_dataset(
        cls,
        ds: Dataset,
        years: tuple[int, ...] = DEFAULT_YEARS,
        draws: int = 1000,
        seed: int = 20240101,
    ) -> CostModel:
        """Fit all taakvelden on ``ds`` (cached per bundle folder, years, draws and seed, in
        memory and on disk: see :mod:`regiokompas.costs._stored`)."""
        return _cached_model(ds.folder, tuple(years), int(draws), int(seed))

    @classmethod
    def fit_dataset(
        cls,
        ds: Dataset,
        years: tuple[int, ...] = DEFAULT_YEARS,
        draws: int = 1000,
        seed: int = 20240101,
        panel_rows: pd.DataFrame | None = None,
    ) -> CostModel:
        """Fit without the cache; ``panel_rows`` restricts the panel (used for validation)."""
        panel = build_panel(ds, years)
        rows = panel.rows if panel_rows is None else panel_rows
        x, names = design_matrix(rows, panel.years, panel.control_means)
        titles = (
            ds.taakvelden.sort_values("eerste_jaar")
            .drop_duplicates("reeks", keep="first")
            .set_index("reeks")["omschrijving"]
            .to_dict()
        ) | _SERIES_TITLES
        reeks = rows["reeks"].to_numpy()
        keur = rows["lasten_keur"].to_numpy(dtype=float)
        inwoners = rows["inwoners"].to_numpy(dtype=float)
        cluster = rows["cluster"].to_numpy()
        latest = rows["jaar"].to_numpy() == max(panel.years)
        fits: dict[str, TaakveldFit] = {}
        skipped: dict[str, str] = {}
        for code in sorted(set(reeks), key=_sort_key):
            hit = reeks == code
            positive = hit & (keur > 0)
            n_gem = len(set(cluster[positive]))
            if positive.sum() < MIN_ROWS or n_gem < MIN_GEMEENTEN:
                skipped[code] = TOO_FEW.format(n=n_gem)
                continue
            fits[code] = _fit_one(
                code,
                str(titles.get(code, code)),
                x[hit],
                names,
                keur[hit],
                inwoners[hit],
                cluster[hit],
                panel.years,
                latest[hit],
                draws,
                seed,
            )
        return cls(
            fits=fits,
            skipped=skipped,
            years=panel.years,
            dropped_territory=panel.dropped_territory,
            draws=draws,
            seed=seed,
            source=f"CBS Iv3 jaarrekening {min(panel.years)}–{max(panel.years)}",
        )

    @property
    def taakvelden(self) -> list[str]:
        """The fitted taakveld series, in Iv3 order."""
        return list(self.fits)

    def fit(self, taakveld: str) -> TaakveldFit:
        """The fit of one series; raises :class:`UnknownTaakveldError` when there is none."""
        code = str(taakveld).strip().replace(",", ".")
        if code in self.fits:
            return self.fits[code]
        if code in self.skipped:
            raise UnknownTaakveldError(
                code,
                self.taakvelden,
                f" (niet geschat: {self.skipped[code]})",
                " (not fitted: too few municipalities with expenditure > 0)",
            )
        raise UnknownTaakveldError(code, self.taakvelden)


@lru_cache(maxsize=4)
def _cached_model(folder: Path, years: tuple[int, ...], draws: int, seed: int) -> CostModel:
    from regiokompas.costs._stored import stored_model
    from regiokompas.data import load_dataset

    # Stored on disk keyed by a content hash of the inputs (regiokompas._fitstore): a new
    # process loads the fit instead of refitting the 1,000-draw bootstrap.
    return stored_model(load_dataset(folder), years, draws, seed)
