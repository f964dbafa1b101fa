"""The base of every error a user can cause, in a module that imports nothing.

It lives here, not in :mod:`regiokompas.data`, so that code which only needs to raise or catch
it (the CLI's error handler, the register's errors, input checks that run before any model
loads) does not pull in the data layer and pandas. :mod:`regiokompas.data` re-exports it, so
``from regiokompas.data import RegiokompasError`` keeps working and names the same class.

>>> err = RegiokompasError("Onbekende gemeente.", "Unknown gemeente.")
>>> err.message("en")
'Unknown gemeente.'
>>> str(err)
'Onbekende gemeente.'
"""

from __future__ import annotations

__all__ = ["RegiokompasError"]


class RegiokompasError(Exception):
    """Base of every error a user can cause; carries a Dutch message and an English one."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(nl)
        self.nl = nl
        self.en = en

    def message(self, language: str = "nl") -> str:
        """The message in ``language`` ("nl" or "en")."""
        return self.en if language == "en" else self.nl
