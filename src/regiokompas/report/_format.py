"""Dutch number formatting (1.234,5) and the :class:`Num` factories the builder uses."""

from __future__ import annotations

import math

from regiokompas._numbers import nl_number
from regiokompas.i18n import format_number
from regiokompas.report._model import Num

__all__ = ["eur", "keur", "nl_number", "num", "parse_nl_number", "pct"]


def parse_nl_number(text: str) -> float:
    """Inverse of :func:`nl_number` for a bare number, tolerating € and % signs.

    >>> parse_nl_number("€ 1.234,5")
    1234.5
    """
    cleaned = text.replace("€", "").replace("%", "").replace("\u2212", "-").strip()
    cleaned = cleaned.replace(".", "").replace(",", ".").replace("+", "")
    return float(cleaned)


def num(
    value: float,
    unit: str,
    bron: str,
    jaar: int | None,
    key: str,
    decimals: int = 0,
    lang: str = "nl",
) -> Num:
    """A plain number with its unit, source and year (``lang``: nl 1.234,5; en 1,234.5)."""
    return Num(float(value), format_number(value, lang, decimals), unit, bron, jaar, key)


def eur(
    value: float, bron: str, jaar: int | None, key: str, unit: str = "euro", lang: str = "nl"
) -> Num:
    """Whole euros, printed as ``€ 1.234`` (nl) or ``€ 1,234`` (en)."""
    return Num(float(value), f"€ {format_number(value, lang)}", unit, bron, jaar, key)


def keur(
    value: float,
    bron: str,
    jaar: int | None,
    key: str,
    unit: str = "k€ per jaar",
    decimals: int = 0,
    lang: str = "nl",
) -> Num:
    """Thousands of euros, printed bare (the column or sentence names the unit); ``decimals``:
    what the amount's band supports (:func:`regiokompas.savings.band_decimals`)."""
    return Num(float(value), format_number(value, lang, decimals), unit, bron, jaar, key)


def pct(value: float | None, bron: str, jaar: int | None, key: str, lang: str = "nl") -> Num | str:
    """A signed percentage difference, or a dash when there is nothing to compare with."""
    if value is None or not math.isfinite(value):
        return "–"
    text = format_number(value, lang)
    sign = "+" if round(value) > 0 else ""
    return Num(float(value), f"{sign}{text}%", "procent", bron, jaar, key)
