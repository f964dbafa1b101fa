"""Fixtures of the optimiser and partner-finder tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def literature_engine(ds):
    savings = pytest.importorskip("regiokompas.savings")
    return savings.SavingsEngine.from_dataset(ds, mode="literature")
