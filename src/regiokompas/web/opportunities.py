"""The opportunities of one gemeente (the gemeente page and ``/api/v1/gemeenten/{code}/kansen``):
a thin adapter over :class:`regiokompas.partners.PartnerFinder`, valued by the savings engine.
"""

from __future__ import annotations

from regiokompas.data import REGION_TYPES, RegiokompasError
from regiokompas.partners import PartnerFinder, PartnerOption
from regiokompas.savings import annuity_factor, verdict_of
from regiokompas.web import schemas
from regiokompas.web.problems import BadParameterError
from regiokompas.web.views import SiteData

__all__ = ["MAX_SIZE", "kansen"]

#: Largest group the partner finder may enumerate for a web request.
MAX_SIZE = 6


def _option(o: PartnerOption) -> schemas.KansOptie:
    return schemas.KansOptie(
        gemeenten=list(o.members),
        partners=list(o.partners),
        namen=list(o.namen),
        besparingKeur=o.savings_keur,
        transactieKeur=o.transaction_keur,
        autonomieverlies=o.autonomy_loss,
        nettoKeur=o.net_keur,
        pareto=o.pareto,
        gedeeldeRegios=list(o.shared_regions),
    )


def kansen(
    site: SiteData,
    code: str,
    groepsgrootte: int,
    binnen: str | None,
    vorm: str,
    modus: str,
    autonomie_prijs: float,
    top: int = 5,
) -> schemas.Kansen:
    """Per cooperable taakveld the best partner groups of ``code`` (cached per arguments)."""
    engines = site.engines
    engine = engines.savings(modus)
    vorm_key = engines.vorm(vorm)
    if not 2 <= groepsgrootte <= MAX_SIZE:
        raise BadParameterError(
            "groepsgrootte",
            f"moet tussen 2 en {MAX_SIZE} liggen (gekozen: {groepsgrootte})",
            f"must be between 2 and {MAX_SIZE} (chosen: {groepsgrootte})",
        )
    if binnen is not None and binnen not in REGION_TYPES:
        raise BadParameterError(
            "binnen",
            f"'{binnen}' is geen regio-indeling; kies uit {', '.join(REGION_TYPES)}",
            f"'{binnen}' is not a regional division; choose from {', '.join(REGION_TYPES)}",
        )
    if not 0.0 <= autonomie_prijs <= 10_000.0:
        raise BadParameterError(
            "autonomiePrijs",
            "moet tussen 0 en 10.000 (k€ per punt autonomieverlies) liggen",
            "must be between 0 and 10,000 (k€ per point of autonomy loss)",
        )
    descriptions = {t.code: t.omschrijving for t in site.taakvelden().taakvelden}

    def build() -> schemas.Kansen:
        try:
            report = PartnerFinder(
                site.dataset,
                engine,
                code,
                max_size=groepsgrootte,
                within=binnen,
                vorm=vorm_key,
                autonomy_price=autonomie_prijs,
                top=top,
            ).find()
        except RegiokompasError as exc:
            raise BadParameterError(
                "groepsgrootte", exc.nl.rstrip("."), exc.en.rstrip(".")
            ) from exc
        scopes = []
        for s in report.scopes:
            verdict, band = None, None
            if s.options:
                # The best option again, now with its uncertainty: the net present value over
                # the horizon (start-up years and one-off costs included) as an equal amount
                # per year, so it compares with the 'net' column; only a P10 above zero
                # counts as a saving.
                est = engine.estimate(
                    list(s.options[0].members), list(s.taakvelden), vorm_key, draws=200, seed=0
                )
                per_year = annuity_factor(engine.horizon, engine.discount_rate)
                band = schemas.Bandbreedte(
                    p10=est.npv.p10 / per_year,
                    p50=est.npv.p50 / per_year,
                    p90=est.npv.p90 / per_year,
                )
                verdict = verdict_of(band.p10, band.p90)
            scopes.append(
                schemas.KansTaakveld(
                    taakvelden=list(s.taakvelden),
                    label=s.label,
                    omschrijving=" + ".join(descriptions.get(t, t) for t in s.taakvelden),
                    opties=[_option(o) for o in s.options],
                    pareto=[_option(o) for o in s.pareto],
                    groepenGewaardeerd=s.groups_scored,
                    positief=s.positive,
                    oordeel=verdict,
                    nettoBandbreedte=band,
                )
            )
        scopes.sort(
            key=lambda s: (
                s.oordeel != "besparing",
                -(s.opties[0].nettoKeur if s.opties else float("-inf")),
            )
        )
        return schemas.Kansen(
            gemeente=report.gemeente,
            naam=report.naam,
            groepsgrootte=report.max_size,
            binnen=report.within,
            binnenRegio=report.within_region,
            vorm=report.vorm,
            modus=modus,
            autonomiePrijs=report.autonomy_price,
            taakvelden=scopes,
            bron=report.source,
            seconden=round(report.seconds, 3),
        )

    key = ("kansen", code, groepsgrootte, binnen, vorm_key, modus, autonomie_prijs, top)
    return site.memo(key, build)
