"""The savings engine's modes, in a module that imports nothing.

:mod:`regiokompas.savings` re-exports these names; they live here so that the command line
can offer ``--modus`` and its default while it parses the options, before numpy, pandas and
the engine load (a ``regiokompas besparing`` with invalid input answers in milliseconds).

>>> DEFAULT_MODE in MODES
True
"""

from __future__ import annotations

from typing import Literal

__all__ = ["DEFAULT_MODE", "MODES", "Mode"]

Mode = Literal["fitted", "literature", "custom"]
MODES: tuple[str, ...] = ("fitted", "literature", "custom")
#: The default mode everywhere (engine, advice, CLI, web, chapter): the evidence-led
#: ``literature`` mode that passes the merger back-test; ``fitted`` is an exploration.
DEFAULT_MODE: Mode = "literature"
