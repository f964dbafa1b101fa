"""The nucleolus's null-space basis (numpy) against scipy.linalg.null_space, which it replaced."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.linalg import null_space as scipy_null_space

from regiokompas.sharing.nucleolus import _null_space


@pytest.mark.parametrize("shape", [(1, 2), (3, 6), (5, 6), (2, 10), (6, 6)])
def test_same_basis_as_scipy(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(shape[0] * 10 + shape[1])
    a = rng.standard_normal(shape)
    if shape[0] == shape[1]:
        a[-1] = a[0] + a[1]  # rank deficient: the null space is one-dimensional
    ours = _null_space(a)
    np.testing.assert_allclose(ours, scipy_null_space(a), rtol=0, atol=1e-12)
    assert ours.shape == (shape[1], shape[1] - np.linalg.matrix_rank(a))
    np.testing.assert_allclose(a @ ours, 0.0, atol=1e-12)
    np.testing.assert_allclose(ours.T @ ours, np.eye(ours.shape[1]), atol=1e-12)


def test_indicator_vectors_of_coalitions() -> None:
    """Fixing x(a,b) and x(a,b,c) in a 3-player game fixes x_c; the one free direction left
    is a − b (hand-worked)."""
    span = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
    basis = _null_space(span)
    assert basis.shape == (3, 1)
    np.testing.assert_allclose(np.abs(basis[:, 0]), [2**-0.5, 2**-0.5, 0.0], atol=1e-12)
    assert basis[0, 0] == pytest.approx(-basis[1, 0])
