"""The runnable examples in the docstrings of the region optimiser."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "regiokompas.partition",
    "regiokompas.partition._areas",
    "regiokompas.partition._enumerate",
    "regiokompas.partition._scoring",
    "regiokompas.partition._treepack",
    "regiokompas.partition.model",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
