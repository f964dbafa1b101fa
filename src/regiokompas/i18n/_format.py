"""One way to write numbers, amounts, percentages and dates, on Babel's locale data.

Dutch (``nl_NL``) writes ``1.234,5``; British English (``en_GB``) writes ``1,234.5``. Every
surface of Regiokompas (engines, CLI, web pages, Plotly and matplotlib charts, the chapter) uses
these functions so a number reads the same everywhere. A missing or non-finite value is an en
dash, and a value that rounds to zero never shows as ``-0``.

Rounding is half-to-even on the float's exact binary value, exactly as Python's own
``format(value, ".2f")`` rounds, so switching formatter changes no digit.

>>> format_number(84645.2, "nl"), format_number(84645.2, "en")
('84.645', '84,645')
>>> format_number(0.5, "nl", 1), format_number(float("nan"))
('0,5', '–')
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from regiokompas.i18n._catalogue import normalise_language

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "LOCALES",
    "MISSING",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "matplotlib_number_formatter",
    "plotly_separators",
]

#: Babel locale per language.
LOCALES: Final = {"nl": "nl_NL", "en": "en_GB"}

#: What a missing value (None, NaN, infinity) looks like.
MISSING: Final = "–"


@lru_cache(maxsize=4)
def _locale(language: str) -> Locale:
    # Babel is imported on first use so that commands which print no number start quickly.
    from babel import Locale

    return Locale.parse(LOCALES[normalise_language(language)])


def _finite(value: float | int | None) -> bool:
    return value is not None and not (isinstance(value, float) and not math.isfinite(value))


def _decimal(value: float | int, decimals: int) -> Decimal:
    # Decimal(float) is the exact binary value: rounding it half-even equals Python's format().
    exact = Decimal(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals)) if decimals >= 0 else exact
    return Decimal(0).quantize(rounded) if rounded == 0 else rounded  # no "-0"


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def format_number(value: float | int | None, language: str = "nl", decimals: int = 0) -> str:
    """``value`` with the language's separators and exactly ``decimals`` decimals.

    >>> format_number(1234567.891, "nl", 1), format_number(1234567.891, "en", 1)
    ('1.234.567,9', '1,234,567.9')
    >>> format_number(-1234.5, "nl", 1), format_number(-0.4), format_number(None, "en")
    ('-1.234,5', '0', '–')
    >>> format_number(2.675, "en", 2)  # the float is 2.67499999..., as format() sees it
    '2.67'
    """
    from babel.numbers import format_decimal

    if value is None or not _finite(value):
        return MISSING
    return format_decimal(
        _decimal(value, decimals),
        _pattern(decimals),
        locale=_locale(language),
        decimal_quantization=True,
    )


def format_percent(value: float | int | None, language: str = "nl", decimals: int = 0) -> str:
    """A fraction as a percentage: ``0.125`` is ``12,5%`` (nl) or ``12.5%`` (en).

    >>> format_percent(0.125, "nl", 1), format_percent(0.125, "en", 1), format_percent(-0.031)
    ('12,5%', '12.5%', '-3%')
    >>> format_percent(float("inf"))
    '–'
    """
    if value is None or not _finite(value):
        return MISSING
    return f"{format_number(value * 100, language, decimals)}%"


def format_money(
    value: float | int | None, language: str = "nl", decimals: int = 0, unit: str = "k€"
) -> str:
    """An amount in euros (``unit="€"``) or thousands of euros (``unit="k€"``, the default).

    The amount is passed in the unit it is written in: ``format_money(84.6, unit="k€")`` is
    84,6 thousand euros. Euros follow the locale's currency pattern (``€ 1.234`` in Dutch,
    ``€1,234`` in British English); thousands of euros are written ``1.234 k€`` in both. The
    space is a no-break space (U+00A0) so a line never ends between number and unit.

    >>> format_money(84645, "nl"), format_money(84645, "en"), format_money(-12.5, "nl", 1)
    ('84.645\xa0k€', '84,645\xa0k€', '-12,5\xa0k€')
    >>> format_money(1234.5, "nl", 2, unit="€"), format_money(-1234, "nl", unit="€")
    ('€\xa01.234,50', '€\xa0-1.234')
    >>> format_money(-1234, "en", unit="€")
    '-€1,234'
    >>> format_money(None)
    '–'
    """
    if value is None or not _finite(value):
        return MISSING
    if unit == "k€":
        return f"{format_number(value, language, decimals)}\N{NO-BREAK SPACE}k€"
    if unit != "€":
        raise ValueError(f"unknown unit {unit!r}; use '€' or 'k€'")
    from babel.numbers import format_currency

    # The locale's own currency pattern (with its placement of € and the minus sign), with the
    # number of decimals asked for instead of the currency's two.
    pattern = _locale(language).currency_formats["standard"].pattern
    pattern = pattern.replace("0.00", "0" + ("." + "0" * decimals if decimals > 0 else ""))
    return format_currency(
        _decimal(value, decimals),
        "EUR",
        pattern,
        locale=_locale(language),
        currency_digits=False,
    )


def format_date(
    value: _dt.date | _dt.datetime | None, language: str = "nl", style: str = "long"
) -> str:
    """A date in the language's words: ``3 december 2026`` (nl) or ``3 December 2026`` (en).

    ``style`` is Babel's ``short``, ``medium``, ``long`` or ``full``.

    >>> import datetime
    >>> d = datetime.date(2026, 12, 3)
    >>> format_date(d, "nl"), format_date(d, "en"), format_date(d, "nl", "short")
    ('3 december 2026', '3 December 2026', '03-12-2026')
    >>> format_date(None)
    '–'
    """
    from babel.dates import format_date as _babel_format_date

    if value is None:
        return MISSING
    day = value.date() if isinstance(value, _dt.datetime) else value
    return _babel_format_date(day, style, locale=_locale(language))


def plotly_separators(language: str = "nl") -> str:
    """Plotly's ``layout.separators``: the decimal mark, then the thousands separator.

    >>> plotly_separators("nl"), plotly_separators("en")
    (',.', '.,')
    """
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _locale(language)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def matplotlib_number_formatter(language: str = "nl", decimals: int = 0) -> Any:
    """A matplotlib tick formatter writing ticks with :func:`format_number`.

    >>> formatter = matplotlib_number_formatter("nl", 1)
    >>> formatter(0.5, 0), formatter(1500, 1)
    ('0,5', '1.500,0')
    """
    from matplotlib.ticker import FuncFormatter

    def tick(value: float, _position: int | None = None) -> str:
        return format_number(value, language, decimals)

    return FuncFormatter(tick)
