"""The advice's own sentences, built from its numbers, never fixed claims.

Dutch is the source; every sentence takes a ``language`` and comes from the ``regiokompas``
catalogue, so the page, API, CLI and chapter can show the same advice in English.
"""

from __future__ import annotations

from collections.abc import Sequence

from regiokompas.i18n import N_, gettext

__all__ = [
    "AMOUNTS",
    "AUTONOMY_SCALE",
    "EXCLUDED",
    "centre_sentence",
    "congruence_sentence",
    "covered_sentence",
    "ranking_text",
    "text",
]

#: Taakvelden that are not an opportunity whatever the model says, with the reason and source.
EXCLUDED: dict[str, str] = {
    "0.1": N_(
        "Geen kans: de lasten van 0.1 Bestuur zijn vooral raad, college en griffie, en die "
        "blijven per gemeente bestaan in elke samenwerkingsvorm. Alleen een herindeling bespaart "
        "hier: Allers & Geertsema (2016, Journal of Regional Science 56(4), 659–682) vinden na "
        "herindeling lagere uitgaven aan bestuur, maar geen besparing in totaal. Samenwerking "
        "verandert het aantal raden en colleges niet."
    ),
}

AUTONOMY_SCALE = N_(
    "Autonomieverlies op één schaal: het deel van de eigen beleidsruimte op het taakveld dat de "
    "gemeente deelt, van 0 (niets) tot 1 (alles) = autonomiefactor van de vorm × beleidsruimte "
    "van het taakveld (aannames besparingsmodel); bij een bundel de som over de taakvelden. "
    "De autonomieprijs geldt per eenheid per deelnemende gemeente."
)

AMOUNTS = N_(
    "Bedragen in k€: 'groep' is de netto besparing van alle deelnemers samen, 'eigen aandeel' "
    "het deel van deze gemeente (bruto besparing naar deelbare lasten, bestuurskosten naar "
    "rato); contante waarde over de horizon voor de groep."
)


def text(message: str, language: str = "nl") -> str:
    """One of this module's constants (:data:`EXCLUDED`, :data:`AUTONOMY_SCALE`, ...) in
    ``language``."""
    return gettext(message, language)


def ranking_text(include_no_evidence: bool, prefer_existing: bool, language: str = "nl") -> str:
    """How the list is ordered (shown with every list)."""
    parts = [
        gettext(
            "Rangorde: eerst taakvelden waar de beste groep een besparing laat zien die de "
            "onzekerheid overleeft (oordeel besparingsmodel 'besparing'), op contante waarde "
            "P50 van de groep;",
            language,
        ),
        gettext("daarna, op uw verzoek, taakvelden zonder bewijs van besparing.", language)
        if include_no_evidence
        else gettext("taakvelden zonder bewijs van besparing staan niet bij de kansen.", language),
        gettext("Meerkosten zijn nooit een kans.", language),
    ]
    if prefer_existing:
        parts.append(
            gettext(
                "Per taakveld gaat een groep binnen een bestaande partnerset (met positieve "
                "nettowaarde) voor op een groep met nieuwe partners.",
                language,
            )
        )
    return " ".join(parts)


def congruence_sentence(
    naam: str, before: int, delta: int, regeling: str | None, exact: bool, language: str = "nl"
) -> str:
    """What one option does to the number of distinct partner sets of the gemeente."""
    values = {"naam": naam, "voor": before, "na": before + delta, "regeling": regeling}
    if delta < 0:
        message = gettext(
            "Deze groep vervangt een eigen partnerset: het aantal verschillende partnersets van "
            "{naam} daalt van {voor} naar {na}.",
            language,
        )
    elif delta == 0 and regeling:
        message = gettext(
            "Dit is precies de partnerset van {regeling}: het aantal verschillende partnersets "
            "van {naam} blijft {voor}.",
            language,
        )
    elif delta == 0:
        message = gettext(
            "Dit is precies de partnerset: het aantal verschillende partnersets van {naam} "
            "blijft {voor}.",
            language,
        )
    elif regeling and not exact:
        message = gettext(
            "Alle partners werken al met {naam} samen in {regeling}, maar in deze samenstelling "
            "is het een nieuwe partnerset: het aantal verschillende partnersets gaat van {voor} "
            "naar {na}.",
            language,
        )
    else:
        message = gettext(
            "Met deze partners samen werkt {naam} nog in geen enkele regeling: een nieuwe "
            "partnerset, het aantal verschillende partnersets gaat van {voor} naar {na}.",
            language,
        )
    return message.format(**values)


def covered_sentence(names: Sequence[str], language: str = "nl") -> str:
    """'al belegd in <regeling>' for a covered taakveld."""
    items = list(names)
    and_word = gettext("en", language)
    listed = (
        ", ".join(items[:-1]) + f" {and_word} " + items[-1] if len(items) > 1 else "".join(items)
    )
    return gettext(
        "Al belegd in {regelingen}. Evalueer die regeling (besparing van de bestaande groep) "
        "in plaats van een nieuwe voor te stellen.",
        language,
    ).format(regelingen=listed)


def centre_sentence(naam: str, regelingen: Sequence[str], language: str = "nl") -> str:
    """Why this taakveld's lasten are high: the gemeente is centrumgemeente for the region."""
    return gettext(
        "{naam} is hier centrumgemeente ({regelingen}; bron: register): de lasten op dit "
        "taakveld omvatten taken en geld voor de hele regio en liggen daardoor hoger dan bij "
        "vergelijkbare gemeenten zonder die rol.",
        language,
    ).format(naam=naam, regelingen="; ".join(regelingen))
