"""Dutch number notation (1.234,5): a thin alias of :func:`regiokompas.i18n.format_number`.

There is one number formatter, in :mod:`regiokompas.i18n`. This name stays for the modules that
still import it (the optimiser's messages, the chapter); new code calls ``format_number``
with the user's language.
"""

from __future__ import annotations

from regiokompas.i18n import format_number

__all__ = ["nl_number"]


def nl_number(value: float, decimals: int = 0) -> str:
    """``format_number(value, "nl", decimals)``.

    >>> nl_number(1234567.891, 1)
    '1.234.567,9'
    >>> nl_number(-0.4)
    '0'
    >>> nl_number(float("-inf"))
    '–'
    """
    return format_number(value, "nl", decimals)
