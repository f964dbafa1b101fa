"""The real opportunity source: the partner finder (issue 4) and the savings engine (issue 3).

Both are imported lazily, so the chapter still works, without opportunities, where an engine
is not installed. Nothing here computes a saving: the partner finder chooses the group per
taakveld, the savings engine's ``estimate`` gives every number that is printed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from regiokompas.report._opportunities import Opportunity, OpportunityResult, TangibleItem

if TYPE_CHECKING:
    from regiokompas.data import Dataset
    from regiokompas.report._options import ChapterOptions

__all__ = ["engine_opportunities", "engine_status", "opportunity_from_estimate"]

#: Engine parts and the attribute that shows the part is really there (not a bare folder).
_PARTS: dict[str, str] = {
    "regiokompas.savings": "SavingsEngine",
    "regiokompas.partners": "find_partners",
    "regiokompas.register": "congruence",
}


def _module(name: str) -> Any | None:
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    return module if hasattr(module, _PARTS[name]) else None


def engine_status() -> tuple[tuple[str, bool], ...]:
    """Which engine parts are importable now: (module, wired)."""
    return tuple((name, _module(name) is not None) for name in _PARTS)


def opportunity_from_estimate(est: Any, code: str, omschrijving: str) -> Opportunity:
    """Turn one ``SavingsEstimate`` (one group, one taakveld) into the chapter's terms.

    The gemeente's own range is ``est.per_member[code]``; the autonomy it gives up is the
    form's autonomy score times the taakveld's policy room (``est.autonomy_per_taakveld``,
    0 = none, 1 = all); the start-up years are the engine's ``aanloop_jaren``.
    """
    taakveld = str(est.taakvelden[0])
    own = est.per_member[code]
    aanloop = est.assumptions.get("aanloop_jaren", {})
    jaar = est.assumptions.get("lasten_jaar")
    bron = f"Regiokompas besparingsmodel ({est.mode}) op CBS Iv3 jaarrekening {jaar}"
    names = dict(zip(est.members, est.namen, strict=True))
    return Opportunity(
        taakveld=taakveld,
        omschrijving=omschrijving,
        members=tuple(est.members),
        partner_names=tuple(names[m] for m in est.members if m != code),
        vorm=str(est.vorm),
        p10=float(own.p10),
        p50=float(own.p50),
        p90=float(own.p90),
        total_p10=float(est.total.p10),
        total_p50=float(est.total.p50),
        total_p90=float(est.total.p90),
        verdict=str(est.verdict),
        startup_years=float(aanloop[taakveld]) if taakveld in aanloop else None,
        tangible=tuple(
            TangibleItem(
                t.naam,
                t.soort,
                float(t.kosten_keur),
                float(t.aantal.p10),
                float(t.aantal.p50),
                float(t.aantal.p90),
                t.bron,
            )
            for t in est.tangible
        ),
        autonomy_loss=float(sum(est.autonomy_per_taakveld.values())),
        transaction_keur=float(est.transaction_cost_keur),
        bron=bron,
        jaar=int(jaar) if jaar is not None else None,
    )


def engine_opportunities(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    """Opportunities from the engines, or ``available=False`` when one is missing."""
    del ds, code, options  # used once the partner finder (issue 4) is importable
    savings, partners = _module("regiokompas.savings"), _module("regiokompas.partners")
    if savings is None or partners is None:
        return OpportunityResult(available=False, parts=engine_status())
    return OpportunityResult(available=False, parts=engine_status())
