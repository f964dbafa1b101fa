"""Classification of an arrangement as real cooperation ("samenwerking"), outsourcing
("uitbesteding") or not decidable from the record ("onbekend"), by a stated rule the user
can override with a reason.

The rule follows the distinction in the project brief after the blog in
``seed/blog-intergemeentelijke-samenwerking.txt``: "de meeste van wat we
samenwerkingsverbanden noemen, zijn in feite 'uitbestedingen' aan derde partijen";
cooperation means gemeenten aligning goals, policy and processes together; outsourcing
means buying or delegating execution without a joint say in policy. In order, the first
rule that applies decides:

1. Form is outsourcing or purchase (``uitbesteding``, ``inkoop``) -> **uitbesteding**.
2. Fewer than two gemeenten take part (one gemeente with a non-gemeente provider, or
   none) -> **uitbesteding**: nothing is shared between gemeenten.
3. Private-law form (stichting, vereniging, vennootschap) without joint governance by the
   gemeenten (``gezamenlijk_bestuur`` false) -> **uitbesteding**.
4. A body that only executes for its members -> **uitbesteding**: the form is a
   bedrijfsvoeringsorganisatie (Wgr art. 8 lid 3: a body for operational tasks only,
   introduced by the Wgr amendment of 2015, Kamerstukken II 2012/13, 33 597, nr. 3), or the
   name says it is a shared service centre, uitvoeringsorganisatie, servicecentrum or
   inkoopbureau (:data:`EXECUTING_NAME`).
5. The form is not recorded (``onbekend``, or ``wgr_onbekend``: a GR whose form the source
   does not give) -> **onbekend**: nothing in the record shows shared governance.
6. Otherwise two or more gemeenten share governance in a known Wgr form (openbaar lichaam,
   gemeenschappelijk orgaan, centrumgemeente, regeling zonder meer), a covenant aligning
   policy, or a private-law body under their joint governance -> **samenwerking**.

"onbekend" is a class of its own: it is never counted as samenwerking or uitbesteding.

>>> from regiokompas.register.model import Deelnemer, Regeling
>>> two = (Deelnemer("GM0363"), Deelnemer("GM0362"))
>>> classify(Regeling("GR", "openbaar_lichaam", two)).klasse
'samenwerking'
>>> classify(Regeling("Inkoop", "inkoop", two)).klasse
'uitbesteding'
>>> classify(Regeling("SSC Noord", "openbaar_lichaam", two)).klasse
'uitbesteding'
>>> classify(Regeling("Afvalschap (2016)", "wgr_onbekend", two)).klasse
'onbekend'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regiokompas.register.forms import VORMEN
from regiokompas.register.model import Classificatie, Regeling

__all__ = [
    "CLASSIFICATION_RULE",
    "CLASSIFICATION_RULE_EN",
    "EXECUTING_NAME",
    "KLASSEN",
    "Classification",
    "classify",
    "rule_classification",
]

#: The three classes, in the order counts show them.
KLASSEN: tuple[Classificatie, ...] = ("samenwerking", "uitbesteding", "onbekend")

#: A name that says the body only executes for its members (rule 4).
EXECUTING_NAME = re.compile(
    r"\bshared service\w*|\bSSC\b|\bservicecentrum\b|\buitvoeringsorganisatie\b"
    r"|\bbedrijfsvoeringsorganisatie\b|\binkoopbureau\b",
    flags=re.IGNORECASE,
)

CLASSIFICATION_RULE = (
    "Uitbesteding als de vorm uitbesteding of inkoop is, als minder dan twee gemeenten "
    "deelnemen, als het een privaatrechtelijke vorm is zonder gezamenlijk bestuur door de "
    "gemeenten, of als het lichaam alleen uitvoert voor de deelnemers "
    "(bedrijfsvoeringsorganisatie, shared service centre, uitvoeringsorganisatie); onbekend als "
    "de vorm niet is vastgelegd; anders samenwerking (twee of meer gemeenten met gedeelde "
    "zeggenschap in een bekende Wgr-vorm, een convenant of privaatrecht onder gezamenlijk "
    "bestuur)."
)
CLASSIFICATION_RULE_EN = (
    "Outsourcing (uitbesteding) when the form is outsourcing or purchase, when fewer than two "
    "municipalities take part, for a private-law form without joint governance by the "
    "municipalities, or for a body that only executes for its members (operating organisation, "
    "shared service centre); unknown (onbekend) when the form is not recorded; otherwise "
    "cooperation (samenwerking: two or more municipalities sharing governance in a known Wgr "
    "form, a covenant or a jointly governed private-law body)."
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
            f"{'one municipality takes' if n == 1 else 'no municipality takes'} part; nothing is "
            "shared with other municipalities",
        )
    if familie == "privaatrecht" and not regeling.gezamenlijk_bestuur:
        return (
            "uitbesteding",
            "privaatrechtelijke vorm zonder gezamenlijk bestuur door de deelnemende gemeenten",
            "private-law form without joint governance by the participating municipalities",
        )
    if regeling.vorm == "bedrijfsvoeringsorganisatie" or EXECUTING_NAME.search(regeling.naam):
        return (
            "uitbesteding",
            "het lichaam voert alleen uit voor de deelnemers (bedrijfsvoeringsorganisatie, shared "
            "service centre of uitvoeringsorganisatie); het beleid blijft per gemeente",
            "the body only executes for its members (operating organisation, shared service "
            "centre); policy stays with each municipality",
        )
    if familie == "onbekend" or regeling.vorm == "wgr_onbekend":
        return (
            "onbekend",
            f"{n} gemeenten nemen deel; de vorm is niet vastgelegd, dus niet te zeggen of zij "
            "samen besturen (te verifiëren)",
            f"{n} municipalities take part; the form is not recorded, so joint governance is not "
            "shown (to be verified)",
        )
    return (
        "samenwerking",
        f"{n} gemeenten delen de zeggenschap ({vorm.naam if vorm else ''})",
        f"{n} municipalities share governance ({vorm.name_en if vorm else ''})",
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
