"""The advice's own sentences (Dutch), built from its numbers, never fixed claims."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AMOUNTS",
    "AUTONOMY_SCALE",
    "EXCLUDED",
    "centre_sentence",
    "congruence_sentence",
    "covered_sentence",
    "ranking_text",
]

#: Taakvelden that are not an opportunity whatever the model says, with the reason and source.
EXCLUDED: dict[str, str] = {
    "0.1": "Geen kans: de lasten van 0.1 Bestuur zijn vooral raad, college en griffie, en die "
    "blijven per gemeente bestaan in elke samenwerkingsvorm. Alleen een herindeling bespaart "
    "hier: Allers & Geertsema (2016, Journal of Regional Science 56(4), 659–682) vinden na "
    "herindeling lagere uitgaven aan bestuur, maar geen besparing in totaal. Samenwerking "
    "verandert het aantal raden en colleges niet.",
}

AUTONOMY_SCALE = (
    "Autonomieverlies op één schaal: het deel van de eigen beleidsruimte op het taakveld dat de "
    "gemeente deelt, van 0 (niets) tot 1 (alles) = autonomiefactor van de vorm × beleidsruimte "
    "van het taakveld (aannames besparingsmodel); bij een bundel de som over de taakvelden. "
    "De autonomieprijs geldt per eenheid per deelnemende gemeente."
)

AMOUNTS = (
    "Bedragen in k€: 'groep' is de netto besparing van alle deelnemers samen, 'eigen aandeel' "
    "het deel van deze gemeente (bruto besparing naar deelbare lasten, bestuurskosten naar "
    "rato); contante waarde over de horizon voor de groep."
)


def ranking_text(include_no_evidence: bool, prefer_existing: bool) -> str:
    """How the list is ordered (shown with every list)."""
    text = (
        "Rangorde: eerst taakvelden waar de beste groep een besparing laat zien die de "
        "onzekerheid overleeft (oordeel besparingsmodel 'besparing'), op contante waarde P50 "
        "van de groep; "
    )
    text += (
        "daarna, op uw verzoek, taakvelden zonder bewijs van besparing. "
        if include_no_evidence
        else "taakvelden zonder bewijs van besparing staan niet bij de kansen. "
    )
    text += "Meerkosten zijn nooit een kans."
    if prefer_existing:
        text += (
            " Per taakveld gaat een groep binnen een bestaande partnerset (met positieve "
            "nettowaarde) voor op een groep met nieuwe partners."
        )
    return text


def congruence_sentence(
    naam: str, before: int, delta: int, regeling: str | None, exact: bool
) -> str:
    """What one option does to the number of distinct partner sets of the gemeente."""
    after = before + delta
    if delta < 0:
        return (
            f"Deze groep vervangt een eigen partnerset: het aantal verschillende partnersets van "
            f"{naam} daalt van {before} naar {after}."
        )
    if delta == 0:
        where = f" van {regeling}" if regeling else ""
        return (
            f"Dit is precies de partnerset{where}: het aantal verschillende partnersets van "
            f"{naam} blijft {before}."
        )
    if regeling and not exact:
        return (
            f"Alle partners werken al met {naam} samen in {regeling}, maar in deze samenstelling "
            f"is het een nieuwe partnerset: het aantal verschillende partnersets gaat van "
            f"{before} naar {after}."
        )
    return (
        f"Met deze partners samen werkt {naam} nog in geen enkele regeling: een nieuwe "
        f"partnerset, het aantal verschillende partnersets gaat van {before} naar {after}."
    )


def covered_sentence(names: Sequence[str]) -> str:
    """'al belegd in <regeling>' for a covered taakveld."""
    items = list(names)
    listed = ", ".join(items[:-1]) + " en " + items[-1] if len(items) > 1 else "".join(items)
    return (
        f"Al belegd in {listed}. Evalueer die regeling (besparing van de bestaande groep) "
        "in plaats van een nieuwe voor te stellen."
    )


def centre_sentence(naam: str, regelingen: Sequence[str]) -> str:
    """Why this taakveld's lasten are high: the gemeente is centrumgemeente for the region."""
    listed = "; ".join(regelingen)
    return (
        f"{naam} is hier centrumgemeente ({listed}; bron: register): de lasten op dit taakveld "
        "omvatten taken en geld voor de hele regio en liggen daardoor hoger dan bij "
        "vergelijkbare gemeenten zonder die rol."
    )
