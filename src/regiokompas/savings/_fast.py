"""Vectorised point values of many groups for the partner finder and optimiser.

Both saving rules are separable into per-gemeente terms and a function of the group's total
size, so a group's saving on taakveld t is a sum over its members of precomputed columns times
that function:

* fitted: Σ_i c_it·(1 − e^{f_t(N_G)}·e^{−f_t(N_i)}) with f_t(N) = b1·s + b2·s², s = ln(N'/25,000)
  and N' the size capped at the schaalgrens and clipped to the data range;
* literature: r_t·Σ_i c_it·(ln min(N_G, cap) − ln N_i)/(ln cap − ln N_i) for N_i < cap
  (r_t·Σ_i c_it without a schaalgrens),

where c_it is the member's cooperable lasten. Summing a dense per-gemeente table over each
group's members (:func:`group_sums`) gives all group sums at once. A member already in an
arrangement on t (the engine's existing arrangements) saves only the switching prior's P50 on
its cooperable lasten there, a linear term; its exit cost is a one-off that only the full
estimate carries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regiokompas.costs import REFERENCE_SIZE
from regiokompas.savings._base import Arrays

__all__ = ["FastTable", "build_fast_table", "fast_savings", "group_sums"]


@dataclass(frozen=True, eq=False)
class FastTable:
    """Per-gemeente columns: cooperable lasten and the own-size terms of both rules."""

    coop: np.ndarray
    coop_all: np.ndarray
    switched: np.ndarray
    weighted: np.ndarray
    lit_u: np.ndarray
    lit_v: np.ndarray
    use_fit: np.ndarray


def _clipped_log(a: Arrays, sizes: np.ndarray, t: np.ndarray) -> np.ndarray:
    cap = a.cap[t]
    hi = np.minimum(a.size_hi[t], cap)
    return np.asarray(np.log(np.clip(np.minimum(sizes, cap), a.size_lo[t], hi) / REFERENCE_SIZE))


def build_fast_table(
    a: Arrays,
    fitted_mode: bool,
    already: np.ndarray | None = None,
    switch_rate: np.ndarray | None = None,
) -> FastTable:
    """Precompute the per-gemeente columns for every taakveld series; ``already`` (gemeenten ×
    series, bool) marks members of an existing arrangement, who save ``switch_rate`` (per
    series) instead."""
    t = np.arange(len(a.reeksen))
    coop_all = np.maximum(a.lasten, 0.0) * a.deelbaar[None, :]
    mask = np.zeros_like(coop_all, dtype=bool) if already is None else already
    rate = np.zeros(len(a.reeksen)) if switch_rate is None else switch_rate
    coop = np.where(mask, 0.0, coop_all)
    switched = np.where(mask, coop_all * rate[None, :], 0.0)
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
        coop=coop,
        coop_all=coop_all,
        switched=switched,
        weighted=weighted,
        lit_u=coop * u,
        lit_v=coop * v,
        use_fit=a.fitted & fitted_mode,
    )


def group_sums(matrix: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Per group (row of ``matrix``: gemeente row numbers padded with -1), the sum of its
    members' rows of ``table`` (a vector or a matrix with one row per gemeente).

    Added member by member from zero in ascending row order, the order in which a sparse 0/1
    membership matrix (CSR, canonical) times ``table`` adds them, so the sums are bit for bit
    the ones the optimiser was built and tested with; numpy only, because importing
    scipy.sparse cost ``verdeel`` about a tenth of a second at every start.

    >>> group_sums(np.array([[0, 2], [1, -1]]), np.array([1.0, 10.0, 100.0])).tolist()
    [101.0, 10.0]
    """
    # Row -1 (padding) reads this appended zero row.
    padded = np.concatenate([table, np.zeros((1, *table.shape[1:]), dtype=table.dtype)])
    out = np.zeros((len(matrix), *table.shape[1:]), dtype=np.result_type(table, 0.0))
    # Sorted, the padding (-1) comes first and adds +0.0 to the zero start: no effect.
    for column in np.sort(matrix, axis=1).T:
        out += padded[column]
    return out


def fast_savings(
    a: Arrays, table: FastTable, matrix: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(gross saving, start-up cost base Σ_t aanloopkosten_t × cooperable lasten_t, member
    count) per group for the taakveld columns ``cols``; ``matrix`` holds gemeente row numbers
    padded with -1.

    Columns that enter linearly are summed per gemeente before the group sums (one column for
    all literature taakvelden without a schaalgrens, two per distinct schaalgrens), so the
    group sums carry about one column per fitted taakveld.
    """
    size = (matrix >= 0).sum(axis=1)
    total = group_sums(matrix, a.inwoners)
    fit_cols = cols[table.use_fit[cols]]
    lit_cols = cols[~table.use_fit[cols]]
    lit_caps = a.cap[lit_cols]
    open_cols = lit_cols[~np.isfinite(lit_caps)]
    caps = np.unique(lit_caps[np.isfinite(lit_caps)])
    parts = [
        (table.coop_all[:, cols] @ a.aanloopkosten[cols])[:, None],
        table.coop[:, fit_cols].sum(axis=1)[:, None],
        (table.coop[:, open_cols] @ a.p50[open_cols] + table.switched[:, cols].sum(axis=1))[
            :, None
        ],
        table.weighted[:, fit_cols],
    ]
    for cap in caps:
        same = lit_cols[lit_caps == cap]
        parts.append((table.lit_u[:, same] @ a.p50[same])[:, None])
        parts.append((table.lit_v[:, same] @ a.p50[same])[:, None])
    sums = group_sums(matrix, np.hstack(parts))
    startup, saving = sums[:, 0], sums[:, 1] + sums[:, 2]
    # One logarithm per group; capping and clipping happen in log space, per column.
    with np.errstate(divide="ignore"):
        log_total = np.log(total)
    if len(fit_cols):
        hi = np.log(np.minimum(a.size_hi[fit_cols], a.cap[fit_cols]))
        s_new = np.clip(log_total[:, None], np.log(a.size_lo[fit_cols])[None, :], hi[None, :])
        s_new -= np.log(REFERENCE_SIZE)
        f_new = s_new * (a.beta[None, fit_cols, 0] + a.beta[None, fit_cols, 1] * s_new)
        np.exp(f_new, out=f_new)
        saving = saving - np.einsum("ij,ij->i", f_new, sums[:, 3 : 3 + len(fit_cols)])
    first = 3 + len(fit_cols)
    for c, cap in enumerate(caps):
        cu, cv = sums[:, first + 2 * c], sums[:, first + 2 * c + 1]
        saving = saving + np.minimum(log_total, np.log(cap)) * cu - cv
    return saving, startup, size
