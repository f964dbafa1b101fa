"""Vectorised point values of many groups for the partner finder and optimiser.

Both saving rules are separable into per-gemeente terms and a function of the group's total
size, so a group's saving on taakveld t is a sum over its members of precomputed columns times
that function:

* fitted: Σ_i c_it·(1 − e^{f_t(N_G)}·e^{−f_t(N_i)}) with f_t(N) = b1·s + b2·s², s = ln(N'/25,000)
  and N' the size capped at the schaalgrens and clipped to the data range;
* literature: r_t·Σ_i c_it·(ln min(N_G, cap) − ln N_i)/(ln cap − ln N_i) for N_i < cap
  (r_t·Σ_i c_it without a schaalgrens),

where c_it is the member's cooperable lasten. One sparse membership matrix times a dense
per-gemeente table gives all group sums at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from regiokompas.costs import REFERENCE_SIZE
from regiokompas.savings._base import Arrays

__all__ = ["FastTable", "build_fast_table", "fast_savings"]


@dataclass(frozen=True, eq=False)
class FastTable:
    """Per-gemeente columns: cooperable lasten and the own-size terms of both rules."""

    coop: np.ndarray
    weighted: np.ndarray
    lit_u: np.ndarray
    lit_v: np.ndarray
    use_fit: np.ndarray


def _clipped_log(a: Arrays, sizes: np.ndarray, t: np.ndarray) -> np.ndarray:
    cap = a.cap[t]
    hi = np.minimum(a.size_hi[t], cap)
    return np.asarray(np.log(np.clip(np.minimum(sizes, cap), a.size_lo[t], hi) / REFERENCE_SIZE))


def build_fast_table(a: Arrays, fitted_mode: bool) -> FastTable:
    """Precompute the per-gemeente columns for every taakveld series."""
    t = np.arange(len(a.reeksen))
    coop = np.maximum(a.lasten, 0.0) * a.deelbaar[None, :]
    own = a.inwoners[:, None]
    s_own = _clipped_log(a, own, t)
    f_own = a.beta[None, :, 0] * s_own + a.beta[None, :, 1] * s_own**2
    weighted = coop * np.exp(-f_own)
    finite = np.isfinite(a.cap)[None, :]
    below = finite & (own < a.cap[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        u = np.where(
            below, 1.0 / (np.log(np.where(finite, a.cap[None, :], 2.0)) - np.log(own)), 0.0
        )
    v = np.where(below, np.log(own) * u, 0.0)
    return FastTable(
        coop=coop, weighted=weighted, lit_u=coop * u, lit_v=coop * v, use_fit=a.fitted & fitted_mode
    )


def fast_savings(
    a: Arrays, table: FastTable, matrix: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(gross saving, cooperable lasten per taakveld column, member count) per group for the
    taakveld columns ``cols``; ``matrix`` holds gemeente row numbers padded with -1."""
    n = len(matrix)
    valid = matrix >= 0
    size = valid.sum(axis=1)
    rows = np.nonzero(valid)[0]
    members = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, matrix[valid])), shape=(n, len(a.codes))
    )
    total = members @ a.inwoners
    fit_cols = cols[table.use_fit[cols]]
    lit_cols = cols[~table.use_fit[cols]]
    parts = [
        table.coop[:, cols],
        table.weighted[:, fit_cols],
        table.lit_u[:, lit_cols],
        table.lit_v[:, lit_cols],
    ]
    sums = members @ np.hstack(parts)
    k = len(cols)
    coop = sums[:, :k]
    saving = np.zeros(n)
    if len(fit_cols):
        s_new = _clipped_log(a, total[:, None], fit_cols)
        f_new = a.beta[None, fit_cols, 0] * s_new + a.beta[None, fit_cols, 1] * s_new**2
        fit_pos = np.nonzero(table.use_fit[cols])[0]
        saving += (coop[:, fit_pos] - np.exp(f_new) * sums[:, k : k + len(fit_cols)]).sum(axis=1)
    if len(lit_cols):
        lit_pos = np.nonzero(~table.use_fit[cols])[0]
        m = len(fit_cols)
        cu = sums[:, k + m : k + m + len(lit_cols)]
        cv = sums[:, k + m + len(lit_cols) :]
        cap = a.cap[lit_cols]
        finite = np.isfinite(cap)
        log_new = np.log(np.minimum(total[:, None], np.where(finite, cap, 1.0)[None, :]))
        reach_sum = np.where(finite[None, :], log_new * cu - cv, coop[:, lit_pos])
        saving += (reach_sum * a.p50[lit_cols][None, :]).sum(axis=1)
    return saving, coop, size
