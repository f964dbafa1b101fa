"""Analyses of a chosen group of gemeenten: the savings estimate (``regiokompas.savings``) and
fair cost sharing (``regiokompas.sharing``). Parameters are checked here so that a bad value
is a 400 naming the parameter; results are cached per argument tuple.
"""

from __future__ import annotations

from collections.abc import Sequence

from regiokompas.data import RegiokompasError
from regiokompas.savings import Range, SavingsEstimate
from regiokompas.sharing import MAX_ENGINE_PLAYERS, METHODS, VerdeelAnalyse, verdeel_regio
from regiokompas.web.shared import schemas
from regiokompas.web.shared.problems import BadParameterError, NotFoundError, UnknownReferenceError
from regiokompas.web.shared.views import SiteData

__all__ = ["MAX_GROUP", "besparing", "parse_list", "parse_members", "verdeling"]

#: Largest group the pages and the API analyse: every sub-coalition is scored for sharing.
MAX_GROUP = MAX_ENGINE_PLAYERS


def parse_list(raw: str | Sequence[str] | None) -> list[str]:
    """Items of a comma-separated (or repeated) parameter, stripped, without empties."""
    if raw is None:
        return []
    parts = [raw] if isinstance(raw, str) else list(raw)
    return [item.strip() for part in parts for item in part.split(",") if item.strip()]


def parse_members(site: SiteData, raw: str | Sequence[str] | None, param: str) -> list[str]:
    """Gemeente codes from a parameter; 400 naming ``param`` for unknown, double or too many."""
    items = parse_list(raw)
    codes: list[str] = []
    for item in items:
        try:
            code = site.code(item.upper()) if item.upper().startswith("GM") else site.find(item)
        except NotFoundError as exc:
            raise UnknownReferenceError(param, exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
        if code in codes:
            raise BadParameterError(
                param,
                f"{site.names[code]} staat er twee keer in",
                f"{site.names[code]} is listed twice",
            )
        codes.append(code)
    if len(codes) < 2:
        raise BadParameterError(
            param, "kies minstens twee gemeenten", "choose at least two municipalities"
        )
    if len(codes) > MAX_GROUP:
        raise BadParameterError(
            param,
            f"hoogstens {MAX_GROUP} gemeenten tegelijk (gekozen: {len(codes)})",
            f"at most {MAX_GROUP} gemeenten at once (chosen: {len(codes)})",
        )
    return codes


def _band(r: Range) -> schemas.Bandbreedte:
    return schemas.Bandbreedte(p10=r.p10, p50=r.p50, p90=r.p90)


def _estimate_schema(est: SavingsEstimate) -> schemas.Besparing:
    return schemas.Besparing(
        gemeenten=list(est.members),
        namen=list(est.namen),
        taakvelden=list(est.taakvelden),
        vorm=est.vorm,
        modus=est.mode,
        trekkingen=est.draws,
        oordeel=est.verdict,
        oordeelBruto=est.verdict_bruto,
        brutoKeur=_band(est.bruto),
        nettoKeur=_band(est.total),
        contanteWaardeKeur=_band(est.npv),
        brutoPct=_band(est.bruto_pct),
        transactiekostenKeur=est.transaction_cost_keur,
        eenmaligeKostenKeur=est.one_off_cost_keur,
        autonomieverlies=est.autonomy_loss,
        autonomiePerTaakveld=dict(est.autonomy_per_taakveld),
        perLid=[
            schemas.BesparingLid(
                code=c,
                naam=n,
                nettoKeur=_band(est.per_member[c]),
                huidigeLastenKeur=est.standalone_keur[c],
                samenwerkbaarKeur=est.cooperable_keur[c],
                uittreedkostenKeur=est.exit_cost_keur[c],
            )
            for c, n in zip(est.members, est.namen, strict=True)
        ],
        perJaar=[
            schemas.BesparingJaar(
                jaar=y.jaar,
                brutoKeur=_band(y.bruto),
                eenmaligeKostenKeur=y.eenmalige_kosten,
                bestuurskostenKeur=y.bestuurskosten,
                nettoKeur=_band(y.netto),
            )
            for y in est.yearly
        ],
        tastbaar=[
            schemas.Tastbaar(
                eenheid=t.eenheid,
                naam=t.naam,
                soort=t.soort,
                kostenKeur=t.kosten_keur,
                aantal=_band(t.aantal),
                bron=t.bron,
            )
            for t in est.tangible
        ],
        aannames=dict(est.assumptions),
        bronnen=list(est.sources),
    )


def besparing(
    site: SiteData,
    gemeenten: Sequence[str],
    taakvelden: Sequence[str],
    vorm: str,
    modus: str,
    trekkingen: int = 1000,
) -> schemas.Besparing:
    """The savings estimate with P10/P50/P90 (seed 0, so the same question gives the same
    answer)."""
    engines = site.engines
    reeksen = engines.reeksen(taakvelden, "taakvelden")
    vorm_key = engines.vorm(vorm)
    engine = engines.savings(modus)

    def build() -> schemas.Besparing:
        try:
            est = engine.estimate(
                list(gemeenten), list(reeksen), vorm_key, draws=trekkingen, seed=0
            )
        except RegiokompasError as exc:
            raise BadParameterError("gemeenten", exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
        return _estimate_schema(est)

    return site.memo(("besparing", tuple(gemeenten), reeksen, vorm_key, modus, trekkingen), build)


def _analysis_schema(
    site: SiteData,
    result: VerdeelAnalyse,
    codes: Sequence[str],
    reeksen: Sequence[str],
    vorm: str,
    modus: str,
    aaneengesloten: bool,
) -> schemas.Verdelingsanalyse:
    return schemas.Verdelingsanalyse(
        naam=result.naam,
        gemeenten=list(codes),
        namen=[site.names[c] for c in codes],
        taakvelden=list(reeksen),
        vorm=vorm,
        modus=modus,
        aaneengesloten=aaneengesloten,
        eenheid=result.eenheid,
        bron=result.bron,
        groepskostenKeur=result.groepskosten,
        somAlleenKeur=result.som_alleen,
        samenwerkenLoont=result.samenwerken_loont,
        kernLeeg=result.kern_leeg,
        kleinsteKernWaarde=result.kleinste_kern_waarde,
        verdelingen=[
            schemas.Verdeling(
                methode=v.methode,
                omschrijving=v.omschrijving,
                totaalKeur=v.totaal,
                inKern=v.in_kern,
                blokkade=(
                    schemas.VerdelingBlokkade(
                        coalitie=list(v.blokkade.coalitie), overschotKeur=v.blokkade.overschot
                    )
                    if v.blokkade
                    else None
                ),
                toelichting=v.toelichting,
                aandelen=[
                    schemas.VerdelingAandeel(
                        gemeente=a.speler,
                        bedragKeur=a.bedrag,
                        alleenKeur=a.alleen,
                        voordeelKeur=a.voordeel,
                    )
                    for a in v.aandelen
                ],
            )
            for v in result.verdelingen
        ],
    )


def verdeling(
    site: SiteData,
    gemeenten: Sequence[str],
    taakvelden: Sequence[str],
    vorm: str,
    modus: str,
    methoden: Sequence[str] | None = None,
    vast_aandeel: float = 0.5,
    aaneengesloten: bool = True,
) -> schemas.Verdelingsanalyse:
    """Cost sharing for the group (k€ per year): keys, Shapley, nucleolus, core check."""
    engines = site.engines
    reeksen = engines.reeksen(taakvelden, "taakvelden")
    vorm_key = engines.vorm(vorm)
    engine = engines.savings(modus)
    chosen = list(methoden) if methoden else None
    unknown = [m for m in chosen or [] if m not in METHODS]
    if unknown:
        raise BadParameterError(
            "methoden",
            f"onbekend: {', '.join(unknown)}; kies uit {', '.join(METHODS)}",
            f"unknown: {', '.join(unknown)}; choose from {', '.join(METHODS)}",
        )
    if not 0.0 <= vast_aandeel <= 1.0:
        raise BadParameterError(
            "vastAandeel", "moet tussen 0 en 1 liggen", "must be between 0 and 1"
        )

    def build() -> schemas.Verdelingsanalyse:
        try:
            result = verdeel_regio(
                site.dataset,
                engine,
                list(gemeenten),
                list(reeksen),
                vorm_key,
                aaneengesloten=aaneengesloten,
                methodes=chosen,
                vast_aandeel=vast_aandeel,
            )
        except RegiokompasError as exc:
            raise BadParameterError("gemeenten", exc.nl.rstrip("."), exc.en.rstrip(".")) from exc
        return _analysis_schema(site, result, gemeenten, reeksen, vorm_key, modus, aaneengesloten)

    key = (
        "verdeling",
        tuple(gemeenten),
        reeksen,
        vorm_key,
        modus,
        tuple(chosen or ()),
        vast_aandeel,
        aaneengesloten,
    )
    return site.memo(key, build)
