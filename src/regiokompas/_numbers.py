"""Dutch number notation (1.234,5) for everything the core writes: chapters, progress messages."""

from __future__ import annotations

import math

__all__ = ["nl_number"]


def nl_number(value: float, decimals: int = 0) -> str:
    """Format with a dot for thousands and a comma for decimals.

    >>> nl_number(1234567.891, 1)
    '1.234.567,9'
    >>> nl_number(-0.4)
    '0'
    >>> nl_number(float("-inf"))
    '–'
    """
    if not math.isfinite(value):
        return "–"
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
