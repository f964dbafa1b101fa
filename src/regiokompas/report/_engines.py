"""The real opportunity source: the partner finder (issue 4) and the savings engine (issue 3).

Imported lazily so the chapter works, without opportunities, while an engine is not installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from regiokompas.report._opportunities import OpportunityResult

if TYPE_CHECKING:
    from regiokompas.data import Dataset
    from regiokompas.report._options import ChapterOptions

__all__ = ["engine_opportunities", "engine_status"]

_PARTS = ("regiokompas.savings", "regiokompas.partners", "regiokompas.register")


def _module(name: str, attribute: str) -> Any | None:
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    return module if hasattr(module, attribute) else None


def engine_status() -> tuple[tuple[str, bool], ...]:
    """Which engine parts are importable now: (module, wired)."""
    wanted = {
        "regiokompas.savings": "SavingsEngine",
        "regiokompas.partners": "__all__",
        "regiokompas.register": "__all__",
    }
    return tuple((name, _module(name, wanted[name]) is not None) for name in _PARTS)


def engine_opportunities(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    """Opportunities from the engines, or ``available=False`` when one is missing."""
    del ds, code, options
    return OpportunityResult(available=False, parts=engine_status())
