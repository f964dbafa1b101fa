"""Fixtures of the optimiser and partner-finder tests."""

from __future__ import annotations

import pytest

from regiokompas.savings import SavingsEngine


@pytest.fixture(scope="session")
def literature_engine(ds):
    return SavingsEngine.from_dataset(ds, mode="literature")
