"""The chapter's opportunities: rendered from the one advice (:mod:`regiokompas.advice`).

Nothing here computes a saving or a verdict: the advice (partner finder + savings engine +
register) gives every number that is printed, so the chapter shows the same taakvelden,
groups, bands and verdicts as the page, the API and the CLI for the same settings.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

from regiokompas.i18n import format_percent
from regiokompas.report._i18n import _, engine_text
from regiokompas.report._opportunities import (
    Opportunity,
    OpportunityResult,
    TangibleItem,
    join_names,
)
from regiokompas.report._texts import APPENDIX, T

if TYPE_CHECKING:
    from regiokompas.advice import Advice, TaakveldAdvice
    from regiokompas.data import Dataset
    from regiokompas.report._options import ChapterOptions

__all__ = [
    "chapter_advice",
    "engine_opportunities",
    "engine_status",
    "opportunity_from_advice",
    "plain_source",
]

_YEAR = re.compile(r"\b(19|20)\d\d\b")

#: Engine parts and the attribute that shows the part is really there (not a bare folder).
_PARTS: dict[str, str] = {
    "regiokompas.savings": "SavingsEngine",
    "regiokompas.partners": "PartnerFinder",
    "regiokompas.register": "congruence",
    "regiokompas.advice": "advise",
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


def chapter_advice(ds: Dataset, code: str, options: ChapterOptions) -> Advice:
    """The advice the chapter renders: ``options.advice`` when the adapter computed it, else
    one computed here from the options (records: ``options.regelingen`` or the seed)."""
    if options.advice is not None:
        advice: Advice = options.advice
        return advice
    from regiokompas.advice import AdviceSettings, advise
    from regiokompas.savings import SavingsEngine

    settings = AdviceSettings(
        group_size=options.max_size,
        within=options.within,
        vorm=options.vorm,
        mode=options.modus,
        autonomy_price=options.autonomy_price,
        draws=options.draws,
        seed=options.seed,
        include_no_evidence=options.include_no_evidence,
    )
    engine = options.savings_engine or SavingsEngine.from_dataset(ds, mode=settings.mode)  # type: ignore[arg-type]
    records, bron = chapter_records(ds, options)
    return advise(ds, engine, code, settings, records, bron, language=options.language)


def chapter_records(ds: Dataset, options: ChapterOptions) -> tuple[tuple[Any, ...], str]:
    """The register records the whole chapter reads (advice, "Wat moet", existing
    cooperation): ``options.regelingen`` (the adapter's live register) or the seed."""
    if options.regelingen is not None:
        return tuple(options.regelingen), "register (meegegeven)"
    from regiokompas.register import seed_regelingen

    return seed_regelingen(ds), "startgegevens register"


def plain_source(advice: Advice, lang: str = "nl") -> str:
    """The advice's source line in plain words: the model's mode by what it means, not by its
    identifier ("modus literature" stays in the appendix).

    >>> from types import SimpleNamespace as S
    >>> plain_source(S(jaar=2024, modus="literature", instellingen={"draws": 1000}))
    'CBS Iv3 jaarrekening 2024; besparingsmodel van Regiokompas met besparingen uit onderzoek \
naar samenwerking (1000 trekkingen)'
    """
    what = {
        "fitted": _("kostenverschillen tussen kleine en grote gemeenten", lang),
        "literature": _("besparingen uit onderzoek naar samenwerking", lang),
    }.get(advice.modus, _("eigen besparingen van de gemeente", lang))
    return _(
        "CBS Iv3 jaarrekening {jaar}; besparingsmodel van Regiokompas met {wat} ({n} trekkingen)",
        lang,
    ).format(jaar=advice.jaar, wat=what, n=advice.instellingen["draws"])


def opportunity_from_advice(t: TaakveldAdvice, advice: Advice, lang: str = "nl") -> Opportunity:
    """One shown taakveld of the advice in the chapter's terms (own share and group)."""
    assert t.beste is not None and t.eigen_jaar is not None and t.groep_jaar is not None
    return Opportunity(
        taakveld=t.label,
        omschrijving=t.omschrijving,
        members=t.beste.leden,
        partner_names=t.beste.partner_namen,
        vorm=str(advice.instellingen["vorm"]),
        p10=t.eigen_jaar.p10,
        p50=t.eigen_jaar.p50,
        p90=t.eigen_jaar.p90,
        total_p10=t.groep_jaar.p10,
        total_p50=t.groep_jaar.p50,
        total_p90=t.groep_jaar.p90,
        verdict=str(t.oordeel),
        startup_years=t.aanloop_jaren,
        tangible=tuple(
            TangibleItem(
                x.naam, x.soort, x.kosten_keur, x.aantal.p10, x.aantal.p50, x.aantal.p90, x.bron
            )
            for x in t.tastbaar
        ),
        autonomy_loss=t.beste.autonomie_eigen,
        transaction_keur=t.beste.transactie_keur,
        bron=plain_source(advice, lang),
        jaar=advice.jaar,
        shared_regions=t.beste.gedeelde_regios,
        congruentie=t.congruentie,
    )


def engine_opportunities(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    """The chapter's opportunities from the advice, or ``available=False`` without engines."""
    if any(_module(name) is None for name in _PARTS):
        return OpportunityResult(available=False, parts=engine_status())
    from regiokompas.savings import source_in

    advice = chapter_advice(ds, code, options)
    shown = advice.getoond
    found = tuple(opportunity_from_advice(t, advice, options.language) for t in shown)
    lang = options.language
    sources: list[str] = []
    stated: list[tuple[str, str]] = []
    for t in shown:
        for dutch in t.bronnen:
            source = source_in(dutch, lang)
            # A line without a year is an assumption of the model, not a dated source.
            if _YEAR.search(source):
                sources.append(source)
            else:
                name, _sep, text = source.partition(": ")
                label = _("Aanname besparing {naam}", lang).format(naam=name.lower())
                stated.append((label, engine_text(text or name, lang)))
    listed = {t.label for t in shown}
    mode = advice.modus
    mode_words = {
        "fitted": _("gefit op alle gemeenten", lang),
        "literature": _("literatuur", lang),
    }.get(mode, mode)
    s = advice.instellingen
    partner_finder = _("aaneengesloten groepen tot {n} gemeenten", lang).format(n=s["group_size"])
    if s["within"]:
        partner_finder += _(" binnen de {regio}", lang).format(regio=s["within"])
    if s["prefer_existing"]:
        partner_finder += _("; groepen binnen bestaande partnersets eerst", lang)
    assumptions = (
        (
            _("Besparingsmodel", lang),
            _("modus {modus} ({woorden}); {n} trekkingen, zaadgetal {seed}", lang).format(
                modus=mode, woorden=mode_words, n=s["draws"], seed=s["seed"]
            ),
        ),
        (_("Partnerzoeker", lang), partner_finder),
        (_("Rangorde", lang), engine_text(advice.rangorde, lang)),
        (_("Autonomieverlies", lang), engine_text(advice.autonomie_schaal, lang)),
        (_("Bedragen", lang), engine_text(advice.bedragen, lang)),
        (
            _("Horizon en discontovoet", lang),
            _("{jaren} jaar, {voet}", lang).format(
                jaren=advice.horizon, voet=format_percent(advice.discontovoet, lang, 2)
            ),
        ),
        (_("Bestaande regelingen", lang), engine_text(advice.register_bron or "register", lang)),
    )
    return OpportunityResult(
        available=True,
        opportunities=found,
        no_evidence=tuple(
            (t.label, t.omschrijving)
            for t in advice.met_status("geen_bewijs")
            if t.label not in listed
        ),
        extra_cost=tuple((t.label, t.omschrijving) for t in advice.met_status("meerkosten")),
        covered=tuple(
            (t.label, t.omschrijving, join_names(sorted({b.naam for b in t.bestaand}), lang))
            for t in advice.met_status("al_belegd")
        ),
        excluded=tuple(
            (t.label, t.omschrijving, t.reden) for t in advice.met_status("uitgesloten")
        ),
        centre_roles=tuple(
            (t.label, t.omschrijving, t.centrumgemeente)
            for t in advice.taakvelden
            if t.centrumgemeente
        ),
        robust=len(advice.kansen),
        considered=len(advice.taakvelden),
        assumptions=assumptions + tuple(dict.fromkeys(stated)),
        sources=tuple(dict.fromkeys(sources)),
        note=T.get(f"modus_{mode}", ""),  # plain words in the body; the mode's name: appendix
        method=tuple(
            text
            for text in (
                APPENDIX["methode_kansen"],
                APPENDIX["methode_kansen_2"],
                APPENDIX.get(f"modus_{mode}", ""),
            )
            if text
        ),
        parts=engine_status(),
    )
