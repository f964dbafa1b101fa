"""The group sums behind the engine's fast point values (numpy, no scipy.sparse): a hand-worked
example, and bit for bit the sums of the scipy.sparse membership product they replaced."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from regiokompas.savings._fast import group_sums


def _sparse_product(matrix: np.ndarray, table: np.ndarray, n_rows: int) -> np.ndarray:
    """The former implementation: a 0/1 CSR membership matrix times the table."""
    valid = matrix >= 0
    rows = np.nonzero(valid)[0]
    members = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, matrix[valid])), shape=(len(matrix), n_rows)
    )
    return np.asarray(members @ table)


def test_hand_worked_example() -> None:
    table = np.array([[1.0, 2.0], [10.0, 20.0], [100.0, 200.0]])
    matrix = np.array([[2, 0, -1], [1, -1, -1], [0, 1, 2], [-1, -1, -1]])
    assert group_sums(matrix, table).tolist() == [
        [101.0, 202.0],
        [10.0, 20.0],
        [111.0, 222.0],
        [0.0, 0.0],
    ]
    assert group_sums(matrix, table[:, 0]).tolist() == [101.0, 10.0, 111.0, 0.0]


@pytest.mark.parametrize(("groups", "width", "columns"), [(500, 3, 1), (2000, 8, 5), (300, 20, 3)])
def test_bit_for_bit_equal_to_the_sparse_product(groups: int, width: int, columns: int) -> None:
    rng = np.random.default_rng(groups + width)
    n_rows = 342
    matrix = np.full((groups, width), -1, dtype=np.int64)
    for g, size in enumerate(rng.integers(1, width + 1, groups)):
        # Members in random order: the sums must not depend on the order a group lists them.
        matrix[g, :size] = rng.choice(n_rows, size, replace=False)
    # Magnitudes spread over orders of magnitude, so a different order of addition would show.
    scale = 10.0 ** rng.integers(-2, 7, (n_rows, columns))
    table = rng.standard_normal((n_rows, columns)) * scale
    vector = table[:, 0]
    for values in (table, vector):
        ours, theirs = group_sums(matrix, values), _sparse_product(matrix, values, n_rows)
        assert ours.shape == theirs.shape
        assert ours.tobytes() == theirs.tobytes()
