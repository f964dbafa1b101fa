"""The one number and date formatter against hand-worked values in both languages."""

from __future__ import annotations

import datetime
import doctest
import importlib
import math

import pytest

from regiokompas.i18n import (
    format_date,
    format_money,
    format_number,
    format_percent,
    matplotlib_number_formatter,
    plotly_separators,
)

# (value, decimals, Dutch, English), worked out by hand.
NUMBERS = [
    (0, 0, "0", "0"),
    (7, 0, "7", "7"),
    (999.5, 0, "1.000", "1,000"),  # half-even on the exact binary value: 999.5 -> 1000
    (1234, 0, "1.234", "1,234"),
    (84645.2, 0, "84.645", "84,645"),
    (1234567.891, 1, "1.234.567,9", "1,234,567.9"),
    (0.5, 1, "0,5", "0.5"),
    (0.05, 1, "0,1", "0.1"),  # 0.05 is 0.05000000000000000277 in binary: rounds up
    (2.675, 2, "2,67", "2.67"),  # 2.67499999999999982236431605997495353221893310546875
    (-1234.5, 1, "-1.234,5", "-1,234.5"),
    (-0.4, 0, "0", "0"),  # no "-0"
    (-0.04, 1, "0,0", "0.0"),
    (12, 2, "12,00", "12.00"),
]


@pytest.mark.parametrize(("value", "decimals", "nl", "en"), NUMBERS)
def test_format_number_by_hand(value: float, decimals: int, nl: str, en: str) -> None:
    assert format_number(value, "nl", decimals) == nl
    assert format_number(value, "en", decimals) == en


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf])
def test_missing_values_are_a_dash(value: float | None) -> None:
    for fn in (format_number, format_percent, format_money):
        assert fn(value, "nl") == "–"
        assert fn(value, "en") == "–"


def test_agrees_with_python_format_on_many_floats() -> None:
    # An independent reference: Python's own formatting, with separators swapped by hand.
    values = [i / 8 - 50 for i in range(800)] + [x * 1.001 for x in range(-3000, 3000, 7)]
    for value in values:
        for decimals in (0, 1, 2):
            reference = f"{value:,.{decimals}f}"
            if float(reference.replace(",", "")) == 0:
                reference = reference.lstrip("-")
            dutch = reference.replace(",", "_").replace(".", ",").replace("_", ".")
            assert format_number(value, "en", decimals) == reference
            assert format_number(value, "nl", decimals) == dutch


def test_percent_and_money() -> None:
    assert format_percent(0.125, "nl", 1) == "12,5%"
    assert format_percent(0.125, "en", 1) == "12.5%"
    assert format_percent(1, "nl") == "100%"
    nbsp = "\N{NO-BREAK SPACE}"  # never a line break between amount and unit
    assert format_money(84645, "nl") == f"84.645{nbsp}k€"
    assert format_money(84645, "en") == f"84,645{nbsp}k€"
    assert format_money(1234.5, "nl", 2, unit="€") == f"€{nbsp}1.234,50"
    assert format_money(1234.5, "en", 2, unit="€") == "€1,234.50"
    assert format_money(-1234, "nl", unit="€") == f"€{nbsp}-1.234"
    with pytest.raises(ValueError, match="unknown unit"):
        format_money(1, unit="$")


def test_dates() -> None:
    day = datetime.date(2026, 3, 1)
    assert format_date(day, "nl") == "1 maart 2026"
    assert format_date(day, "en") == "1 March 2026"
    assert format_date(datetime.datetime(2026, 3, 1, 23, 59), "nl", "short") == "01-03-2026"
    assert format_date(day, "en", "short") == "01/03/2026"


def test_chart_separators() -> None:
    assert plotly_separators("nl") == ",."
    assert plotly_separators("en") == ".,"
    dutch = matplotlib_number_formatter("nl", 1)
    english = matplotlib_number_formatter("en", 1)
    assert dutch(0.5, 0) == "0,5" and english(0.5, 0) == "0.5"
    assert dutch(-2500, None) == "-2.500,0"


def test_unknown_language_is_dutch() -> None:
    assert format_number(1234.5, "de", 1) == "1.234,5"


@pytest.mark.parametrize(
    "name", ["regiokompas.i18n", "regiokompas.i18n._catalogue", "regiokompas.i18n._format"]
)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
