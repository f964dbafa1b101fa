"""Least squares with cluster-robust standard errors and a cluster (pairs) bootstrap.

The sandwich estimator is the CR1 form of Liang & Zeger (1986) with the small-sample factor
G/(G-1)·(n-1)/(n-k) (Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust
Inference", J. Human Resources 50(2)). The bootstrap resamples whole clusters (gemeenten) with
replacement; because OLS only needs X'X and X'y, each draw is a weighted sum of per-cluster
cross-products followed by one small solve, so 1,000 draws take milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

__all__ = ["OlsResult", "cluster_bootstrap", "fit_ols"]


@dataclass(frozen=True)
class OlsResult:
    """Coefficients, CR1 covariance and fit statistics of one OLS fit."""

    beta: np.ndarray
    vcov: np.ndarray
    residuals: np.ndarray
    r2: float
    r2_adj: float
    rmse: float
    n: int
    k: int
    clusters: int


def fit_ols(x: np.ndarray, y: np.ndarray, cluster: np.ndarray) -> OlsResult:
    """OLS of ``y`` on ``x`` with standard errors clustered on the integer labels ``cluster``.

    >>> import numpy as np
    >>> x = np.column_stack([np.ones(4), [0.0, 1, 2, 3]])
    >>> fit_ols(x, np.array([1.0, 3, 5, 7]), np.arange(4)).beta.round(6).tolist()
    [1.0, 2.0]
    """
    n, k = x.shape
    xtx = x.T @ x
    # Normal equations: the regressors are centred, so X'X is well conditioned, and this is far
    # cheaper than an SVD-based lstsq; fall back to lstsq when it is not.
    if np.linalg.cond(xtx) < 1e12:
        xtx_inv = np.linalg.inv(xtx)
        beta = xtx_inv @ (x.T @ y)
    else:
        beta = np.linalg.lstsq(x, y, rcond=None)[0]
        xtx_inv = np.linalg.pinv(xtx)
    resid = y - x @ beta
    labels, index = np.unique(cluster, return_inverse=True)
    groups = len(labels)
    scores = np.asarray(_indicator(index, groups) @ (x * resid[:, None]))
    meat = scores.T @ scores
    factor = groups / (groups - 1) * (n - 1) / (n - k) if groups > 1 and n > k else 1.0
    vcov = factor * xtx_inv @ meat @ xtx_inv
    ss_res = float(resid @ resid)
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0
    r2_adj = 1.0 - (1.0 - r2) * (n - 1) / (n - k) if n > k else r2
    return OlsResult(
        beta=beta,
        vcov=vcov,
        residuals=resid,
        r2=r2,
        r2_adj=r2_adj,
        rmse=float(np.sqrt(ss_res / n)),
        n=n,
        k=k,
        clusters=groups,
    )


def cluster_bootstrap(
    x: np.ndarray, y: np.ndarray, cluster: np.ndarray, draws: int, seed: int
) -> np.ndarray:
    """Coefficients of ``draws`` OLS refits on samples of whole clusters drawn with replacement.

    Returns an array of shape (draws, k). A draw whose X'X is singular (possible when a rare
    dummy's clusters are all left out) falls back to the minimum-norm solution.
    """
    n, k = x.shape
    _, index = np.unique(cluster, return_inverse=True)
    groups = int(index.max()) + 1
    # X'X is symmetric: carry only its upper triangle (k(k+1)/2 instead of k² columns).
    upper_i, upper_j = np.triu_indices(k)
    outer = x[:, upper_i] * x[:, upper_j]
    indicator = _indicator(index, groups)
    xtx_g = np.asarray(indicator @ outer)
    xty_g = np.asarray(indicator @ (x * y[:, None]))
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, groups, size=(draws, groups))
    flat = (np.arange(draws)[:, None] * groups + picks).ravel()
    weights = np.bincount(flat, minlength=draws * groups).reshape(draws, groups).astype(float)
    triangle = weights @ xtx_g
    xtx = np.empty((draws, k, k))
    xtx[:, upper_i, upper_j] = triangle
    xtx[:, upper_j, upper_i] = triangle
    xty = weights @ xty_g
    try:
        return np.asarray(np.linalg.solve(xtx, xty[:, :, None])[:, :, 0])
    except np.linalg.LinAlgError:
        return np.asarray((np.linalg.pinv(xtx) @ xty[:, :, None])[:, :, 0])


def _indicator(index: np.ndarray, groups: int) -> sparse.csr_matrix:
    """Sparse (groups × rows) 0/1 matrix: row g sums the observations of cluster g."""
    # Imported here: a process that loads a stored fit never needs scipy.
    from scipy import sparse

    n = len(index)
    return sparse.csr_matrix((np.ones(n), (index, np.arange(n))), shape=(groups, n))
