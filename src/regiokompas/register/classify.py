"""Classification of an arrangement as real cooperation ("samenwerking") or outsourcing
("uitbesteding"), by a stated rule the user can override with a reason.

The rule follows the distinction in the project brief (after the blog in
``seed/blog-intergemeentelijke-samenwerking.txt``): cooperation means gemeenten aligning
goals, policy and processes together; outsourcing means a gemeente buying a service
without a joint say in its policy. In order, the first rule that applies decides:

1. Form is outsourcing or purchase (``uitbesteding``, ``inkoop``) -> **uitbesteding**.
2. Fewer than two gemeenten take part (one gemeente with a non-gemeente provider, or
   none) -> **uitbesteding**: nothing is shared between gemeenten.
3. Private-law form (stichting, vereniging, vennootschap) without joint governance by the
   gemeenten (``gezamenlijk_bestuur`` false) -> **uitbesteding**: the gemeenten buy
   services from a legal person they do not jointly steer.
4. Otherwise, two or more gemeenten share governance -> **samenwerking**: Wgr forms,
   covenants aligning policy, private-law forms under joint governance, and forms not yet
   recorded (``onbekend``; such records are flagged to be verified).

>>> from regiokompas.register.model import Deelnemer, Regeling
>>> classify(Regeling("GR", "openbaar_lichaam", (Deelnemer("GM0363"), Deelnemer("GM0362")))).klasse
'samenwerking'
>>> classify(Regeling("Inkoop", "inkoop", (Deelnemer("GM0363"), Deelnemer("GM0362")))).klasse
'uitbesteding'
"""

from __future__ import annotations

from dataclasses import dataclass

from regiokompas.register.forms import VORMEN
from regiokompas.register.model import Classificatie, Regeling

__all__ = [
    "CLASSIFICATION_RULE",
    "CLASSIFICATION_RULE_EN",
    "Classification",
    "classify",
    "rule_classification",
]

CLASSIFICATION_RULE = (
    "Uitbesteding als de vorm uitbesteding of inkoop is, als minder dan twee gemeenten "
    "deelnemen, of als het een privaatrechtelijke vorm is zonder gezamenlijk bestuur door de "
    "gemeenten; anders samenwerking (twee of meer gemeenten met gedeelde zeggenschap)."
)
CLASSIFICATION_RULE_EN = (
    "Outsourcing (uitbesteding) when the form is outsourcing or purchase, when fewer than two "
    "gemeenten take part, or for a private-law form without joint governance by the gemeenten; "
    "otherwise cooperation (samenwerking: two or more gemeenten sharing governance)."
)


@dataclass(frozen=True)
class Classification:
    """The class, why (Dutch ``reden``, English ``reden_en``), and whether a user override
    decided it."""

    klasse: Classificatie
    reden: str
    regel_klasse: Classificatie
    overschreven: bool
    reden_en: str = ""


def _rule(regeling: Regeling) -> tuple[Classificatie, str, str]:
    vorm = VORMEN.get(regeling.vorm)
    familie = vorm.familie if vorm else "onbekend"
    n = len(set(regeling.gemeenten))
    if familie == "uitbesteding":
        return (
            "uitbesteding",
            "de vorm is uitbesteding of inkoop",
            "the form is outsourcing or purchase",
        )
    if n < 2:
        return (
            "uitbesteding",
            f"{'één gemeente neemt' if n == 1 else 'geen gemeente neemt'} deel; er wordt niets "
            "met andere gemeenten gedeeld",
            f"{'one gemeente takes' if n == 1 else 'no gemeente takes'} part; nothing is shared "
            "with other gemeenten",
        )
    if familie == "privaatrecht" and not regeling.gezamenlijk_bestuur:
        return (
            "uitbesteding",
            "privaatrechtelijke vorm zonder gezamenlijk bestuur door de deelnemende gemeenten",
            "private-law form without joint governance by the participating gemeenten",
        )
    if familie == "onbekend":
        return (
            "samenwerking",
            f"{n} gemeenten nemen deel; vorm onbekend, te verifiëren",
            f"{n} gemeenten take part; form unknown, to be verified",
        )
    return (
        "samenwerking",
        f"{n} gemeenten delen de zeggenschap ({vorm.naam if vorm else ''})",
        f"{n} gemeenten share governance ({vorm.name_en if vorm else ''})",
    )


def rule_classification(regeling: Regeling) -> tuple[Classificatie, str]:
    """The class by the stated rule alone, with the reason in Dutch."""
    klasse, reden, _ = _rule(regeling)
    return klasse, reden


def classify(regeling: Regeling) -> Classification:
    """The class of ``regeling``: a user override (with its reason) wins over the rule."""
    klasse, reden, reden_en = _rule(regeling)
    override = regeling.classificatie_override
    if override in ("samenwerking", "uitbesteding"):
        return Classification(
            klasse=override,  # type: ignore[arg-type]
            reden=f"handmatig: {regeling.override_reden}",
            regel_klasse=klasse,
            overschreven=True,
            reden_en=f"manual: {regeling.override_reden}",
        )
    return Classification(
        klasse=klasse, reden=reden, regel_klasse=klasse, overschreven=False, reden_en=reden_en
    )
