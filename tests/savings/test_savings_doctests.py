"""The runnable examples in the docstrings of the cost model and the savings engine."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "regiokompas._numbers",
    "regiokompas.costs",
    "regiokompas.costs._ols",
    "regiokompas.costs._panel",
    "regiokompas.costs.model",
    "regiokompas.costs.chart",
    "regiokompas.savings",
    "regiokompas.savings._arithmetic",
    "regiokompas.savings._assumptions",
    "regiokompas.savings.engine",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
