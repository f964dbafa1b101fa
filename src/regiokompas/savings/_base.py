"""Per-gemeente, per-taakveld arrays the engine computes with (built once per engine)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from regiokompas.costs import REFERENCE_SIZE, CostModel
from regiokompas.data import Dataset
from regiokompas.savings._assumptions import Assumptions
from regiokompas.savings._errors import GroupError
from regiokompas.savings._stored import latest_lasten

__all__ = [
    "SHARED_CORRELATION",
    "Arrays",
    "build_arrays",
    "correlated_normals",
    "group_matrix",
    "literature_draws",
    "saving_fraction",
    "two_piece",
]

_Z90 = 1.2815515655446004  # standard normal quantile of 0.90

#: Correlation between the saving rates of two taakvelden: one shared cooperation effect (how
#: well this group cooperates at all) plus a taakveld-specific part, half and half. Aanname
#: Regiokompas; 0 = independent draws (bundle bands shrink by construction), 1 = one effect.
SHARED_CORRELATION = 0.5


def correlated_normals(draws: int, k: int, rho: float, rng: np.random.Generator) -> np.ndarray:
    """(draws × k) standard normals with correlation ``rho`` between columns: one shared
    factor plus a column-specific part.

    >>> z = correlated_normals(20000, 2, 0.5, np.random.default_rng(0))
    >>> round(float(np.corrcoef(z.T)[0, 1]), 1)
    0.5
    """
    shared = rng.standard_normal((draws, 1))
    own = rng.standard_normal((draws, k))
    return np.asarray(np.sqrt(rho) * shared + np.sqrt(1.0 - rho) * own)


def two_piece(p10: float, p50: float, p90: float, z: np.ndarray) -> np.ndarray:
    """A two-piece normal through P10, P50 and P90, evaluated at standard normals ``z``.

    >>> two_piece(0.05, 0.15, 0.25, np.array([0.0, _Z90])).round(3).tolist()
    [0.15, 0.25]
    """
    up, down = (p90 - p50) / _Z90, (p50 - p10) / _Z90
    return np.asarray(p50 + np.where(z > 0, z * up, z * down))


@dataclass(frozen=True, eq=False)
class Arrays:
    """Column t of every matrix is taakveld ``reeksen[t]``; row g is gemeente ``codes[g]``."""

    codes: np.ndarray
    index: pd.Index
    inwoners: np.ndarray
    lasten: np.ndarray
    jaar: int
    reeksen: tuple[str, ...]
    deelbaar: np.ndarray
    beleidsruimte: np.ndarray
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    aanloop: np.ndarray
    aanloopkosten: np.ndarray
    cap: np.ndarray
    fitted: np.ndarray
    beta: np.ndarray
    draws: np.ndarray
    size_lo: np.ndarray
    size_hi: np.ndarray

    @cached_property
    def position(self) -> dict[str, int]:
        """gm code → row number."""
        return {str(c): i for i, c in enumerate(self.codes)}

    def columns(self, reeksen: Sequence[str]) -> np.ndarray:
        """Column numbers of taakveld series."""
        position = {r: i for i, r in enumerate(self.reeksen)}
        return np.array([position[r] for r in reeksen], dtype=int)


def build_arrays(ds: Dataset, assumptions: Assumptions, model: CostModel | None) -> Arrays:
    """Latest jaarrekening lasten and inhabitants per gemeente, priors and fit per taakveld.

    The lasten table comes from the fit store (:mod:`regiokompas.savings._stored`): rebuilding
    it from the Iv3 rows costs more than the rest of the engine's start together.
    """
    reeksen = tuple(assumptions.priors)
    stored = latest_lasten(ds, reeksen)
    codes = stored.codes
    index = pd.Index(codes)
    priors = [assumptions.priors[r] for r in reeksen]
    n_draws = model.draws if model is not None else 0
    fitted = np.zeros(len(reeksen), dtype=bool)
    beta = np.zeros((len(reeksen), 2))
    draws = np.zeros((len(reeksen), n_draws, 2))
    size_lo = np.full(len(reeksen), 1.0)
    size_hi = np.full(len(reeksen), np.inf)
    if model is not None:
        for t, reeks in enumerate(reeksen):
            fit = model.fits.get(reeks)
            if fit is None:
                continue
            fitted[t] = True
            beta[t] = fit.beta[1:3]
            draws[t] = fit.draws[:, 1:3]
            size_lo[t], size_hi[t] = fit.size_range
    return Arrays(
        codes=codes,
        index=index,
        inwoners=stored.inwoners,
        lasten=stored.lasten,
        jaar=stored.jaar,
        reeksen=reeksen,
        deelbaar=np.array([p.deelbaar_aandeel for p in priors]),
        beleidsruimte=np.array([p.beleidsruimte for p in priors]),
        p10=np.array([p.besparing_p10 for p in priors]),
        p50=np.array([p.besparing_p50 for p in priors]),
        p90=np.array([p.besparing_p90 for p in priors]),
        aanloop=np.array([p.aanloop_jaren for p in priors], dtype=int),
        aanloopkosten=np.array([p.aanloopkosten_pct for p in priors]),
        cap=np.array(
            [np.inf if p.schaalgrens_inwoners is None else p.schaalgrens_inwoners for p in priors]
        ),
        fitted=fitted,
        beta=beta,
        draws=draws,
        size_lo=size_lo,
        size_hi=size_hi,
    )


def literature_draws(a: Arrays, t: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draws of the literature saving rate: a two-piece normal through P10, P50 and P90."""
    z = rng.standard_normal(n)
    up = (a.p90[t] - a.p50[t]) / _Z90
    down = (a.p50[t] - a.p10[t]) / _Z90
    return np.asarray(a.p50[t] + np.where(z > 0, z * up, z * down))


def saving_fraction(
    a: Arrays,
    t: int,
    own: np.ndarray,
    total: np.ndarray,
    use_fit: bool,
    rate: np.ndarray | float | None = None,
    coef: np.ndarray | None = None,
) -> np.ndarray:
    """Fraction of a member's cooperable lasten saved on taakveld column ``t``.

    ``own`` and ``total`` are the member's and the group's inhabitants (same shape). Fitted:
    1 − exp(ln-ratio of predicted cost per inhabitant at the group's size to the own size),
    sizes capped at the schaalgrens and clipped to the data range; ``coef`` (D×2) gives one row
    per bootstrap draw (result D×shape). Literature: ``rate`` × the share of the log distance
    from the own size to the schaalgrens that the group covers (1 without a schaalgrens).
    """
    cap = a.cap[t]
    if use_fit:
        lo, hi = a.size_lo[t], min(a.size_hi[t], cap)
        s_own = np.log(np.clip(np.minimum(own, cap), lo, hi) / REFERENCE_SIZE)
        s_new = np.log(np.clip(np.minimum(total, cap), lo, hi) / REFERENCE_SIZE)
        d1, d2 = s_new - s_own, s_new**2 - s_own**2
        if coef is None:
            return np.asarray(1.0 - np.exp(a.beta[t, 0] * d1 + a.beta[t, 1] * d2))
        shape = (-1,) + (1,) * np.ndim(own)
        return np.asarray(
            1.0 - np.exp(coef[:, 0].reshape(shape) * d1 + coef[:, 1].reshape(shape) * d2)
        )
    if np.isfinite(cap):
        with np.errstate(divide="ignore", invalid="ignore"):
            reach = np.log(np.minimum(total, cap) / own) / np.log(cap / own)
        reach = np.where(own < cap, np.clip(np.nan_to_num(reach, nan=0.0), 0.0, 1.0), 0.0)
    else:
        reach = np.where(total > own, 1.0, 0.0)
    value = a.p50[t] if rate is None else rate
    if np.ndim(value):
        shape = (-1,) + (1,) * np.ndim(own)
        return np.asarray(np.asarray(value).reshape(shape) * reach)
    return np.asarray(float(value) * reach)


def group_matrix(a: Arrays, groups: object) -> np.ndarray:
    """Groups as an (n, max size) matrix of gemeente row numbers, padded with -1.

    Accepts such a matrix directly or a sequence of sequences of gm codes.
    """
    if isinstance(groups, np.ndarray) and groups.dtype.kind in "iu" and groups.ndim == 2:
        return groups.astype(np.int64, copy=False)
    seqs = groups if isinstance(groups, list) else list(groups)  # type: ignore[call-overload]
    lengths = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
    position = a.position
    try:
        rows = np.fromiter(
            (position[c] for g in seqs for c in g), dtype=np.int64, count=int(lengths.sum())
        )
    except KeyError as exc:
        bad = exc.args[0]
        raise GroupError(
            f"Onbekende gemeentecode '{bad}' in een groep.",
            f"Unknown gemeente code '{bad}' in a group.",
        ) from None
    width = int(lengths.max()) if len(lengths) else 1
    out = np.full((len(seqs), max(width, 1)), -1, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    row_of = np.repeat(np.arange(len(seqs)), lengths)
    col_of = np.arange(len(rows)) - np.repeat(starts, lengths)
    out[row_of, col_of] = rows
    return out
