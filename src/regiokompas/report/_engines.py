"""The real opportunity source: the partner finder (issue 4) and the savings engine (issue 3).

Both are imported lazily, so the chapter still works, without opportunities, where an engine
is not installed. Nothing here computes a saving: the partner finder chooses the group per
taakveld, the savings engine's ``estimate`` gives every number that is printed.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from regiokompas.report._opportunities import Opportunity, OpportunityResult, TangibleItem
from regiokompas.report._texts import APPENDIX

if TYPE_CHECKING:
    from regiokompas.data import Dataset
    from regiokompas.report._options import ChapterOptions

__all__ = ["engine_opportunities", "engine_status", "opportunity_from_estimate"]

_YEAR = re.compile(r"\b(19|20)\d\d\b")

#: Engine parts and the attribute that shows the part is really there (not a bare folder).
_PARTS: dict[str, str] = {
    "regiokompas.savings": "SavingsEngine",
    "regiokompas.partners": "PartnerFinder",
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


def _omschrijving(engine: Any, ds: Dataset, reeks: str) -> str:
    priors = getattr(getattr(engine, "assumptions", None), "priors", {})
    if reeks in priors:
        return str(priors[reeks].omschrijving)
    names = ds.taakvelden.set_index("taakveld")["omschrijving"]
    return str(names.get(reeks, ""))


def engine_opportunities(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    """Opportunities from the engines, or ``available=False`` when one is missing.

    The partner finder ranks, per cooperable taakveld, the contiguous groups containing the
    gemeente by net value (engine point values). Taakvelden are taken best first; each best
    group gets a full estimate (bootstrap P10/P50/P90). A taakveld whose best group saves
    nothing, or whose estimate for the gemeente has P50 ≤ 0, is reported under "no evidence
    of savings" instead of as an opportunity.
    """
    savings, partners = _module("regiokompas.savings"), _module("regiokompas.partners")
    if savings is None or partners is None:
        return OpportunityResult(available=False, parts=engine_status())
    engine = options.savings_engine or savings.SavingsEngine.from_dataset(ds, mode=options.modus)
    report = partners.PartnerFinder(
        ds,
        engine,
        code,
        taakvelden=None,
        max_size=options.max_size,
        within=options.within,
        vorm=options.vorm,
        autonomy_price=options.autonomy_price,
        top=1,
    ).find()
    best = [(scope, scope.options[0]) for scope in report.scopes if scope.options]
    best.sort(key=lambda pair: -pair[1].net_keur)
    found: list[Opportunity] = []
    no_evidence: list[tuple[str, str]] = []
    sources: list[str] = []
    stated: list[tuple[str, str]] = []
    for scope, option in best:
        reeks = str(scope.taakvelden[0])
        omschrijving = _omschrijving(engine, ds, reeks)
        if option.net_keur <= 0 or len(found) >= options.top:
            if option.net_keur <= 0:
                no_evidence.append((reeks, omschrijving))
            continue
        est = engine.estimate(
            list(option.members), [reeks], vorm=options.vorm, draws=options.draws, seed=options.seed
        )
        op = replace(
            opportunity_from_estimate(est, code, omschrijving),
            shared_regions=tuple(option.shared_regions),
        )
        for source in map(str, est.sources):
            # A line without a year is an assumption of the model, not a dated source.
            if _YEAR.search(source):
                sources.append(source)
            else:
                name, _, text = source.partition(": ")
                stated.append((f"Aanname besparing {name.lower()}", text or name))
        if op.p50 > 0:
            found.append(op)
        else:
            no_evidence.append((reeks, omschrijving))
    covered = {scope.taakvelden[0] for scope, _ in best}
    no_evidence.extend(
        (str(scope.taakvelden[0]), _omschrijving(engine, ds, scope.taakvelden[0]))
        for scope in report.scopes
        if scope.taakvelden[0] not in covered
    )
    mode_nl = {"fitted": "gefit op alle gemeenten", "literature": "literatuur"}.get(
        str(engine.mode), str(engine.mode)
    )
    assumptions = (
        (
            "Besparingsmodel",
            f"modus {engine.mode} ({mode_nl}); {options.draws} trekkingen, "
            f"zaadgetal {options.seed}",
        ),
        (
            "Partnerzoeker",
            f"aaneengesloten groepen tot {options.max_size} gemeenten"
            + (f" binnen de {options.within}" if options.within else "")
            + f"; {report.scopes[0].groups_scored if report.scopes else 0} groepen "
            "per taakveld gewaardeerd",
        ),
        (
            "Horizon en discontovoet",
            f"{engine.horizon} jaar, {engine.discount_rate * 100:.2f}%".replace(".", ","),
        ),
        (
            "Eenheden voor wat de besparing koopt",
            "; ".join(
                f"{u.naam}: {u.kosten_keur:.0f} k€ ({u.soort})"
                for u in engine.assumptions.eenheden.values()
            )
            + " — aan te passen in eenheden.csv van het besparingsmodel",
        ),
    )
    return OpportunityResult(
        available=True,
        opportunities=tuple(found),
        no_evidence=tuple(sorted(set(no_evidence))),
        assumptions=assumptions + tuple(dict.fromkeys(stated)),
        sources=tuple(dict.fromkeys(sources)),
        note=APPENDIX.get(f"modus_{engine.mode}", ""),
        method=" ".join(
            (
                APPENDIX["methode_kansen"],
                APPENDIX["methode_kansen_2"],
                APPENDIX.get(f"modus_{engine.mode}", ""),
            )
        ).strip(),
        parts=engine_status(),
    )
