"""The forms (vormen) an arrangement can take, grouped by legal family.

The public-law forms are those of the Wet gemeenschappelijke regelingen (Wgr): openbaar
lichaam (art. 8), gemeenschappelijk orgaan (art. 8 lid 2), bedrijfsvoeringsorganisatie
(art. 8 lid 3), centrumgemeenteconstructie (art. 8 lid 4, mandaat aan één gemeente) and the
regeling zonder meer (art. 1). Private-law forms, covenants and plain outsourcing or
purchase complete the list.

>>> VORMEN["bedrijfsvoeringsorganisatie"].familie
'wgr'
>>> sorted({v.familie for v in VORMEN.values()})
['convenant', 'onbekend', 'privaatrecht', 'uitbesteding', 'wgr']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FAMILIES", "VORMEN", "Familie", "Vorm"]

Familie = Literal["wgr", "privaatrecht", "convenant", "uitbesteding", "onbekend"]

FAMILIES: dict[str, str] = {
    "wgr": "Publiekrecht (Wet gemeenschappelijke regelingen)",
    "privaatrecht": "Privaatrecht",
    "convenant": "Convenant of bestuursovereenkomst",
    "uitbesteding": "Uitbesteding of inkoop",
    "onbekend": "Vorm onbekend (te verifiëren)",
}


@dataclass(frozen=True)
class Vorm:
    """One form: its code (used in files and the API), Dutch and English label, family."""

    code: str
    naam: str
    name_en: str
    familie: Familie


VORMEN: dict[str, Vorm] = {
    v.code: v
    for v in (
        Vorm("openbaar_lichaam", "Openbaar lichaam (Wgr)", "Public body (Wgr)", "wgr"),
        Vorm(
            "bedrijfsvoeringsorganisatie",
            "Bedrijfsvoeringsorganisatie (Wgr)",
            "Operating organisation (Wgr)",
            "wgr",
        ),
        Vorm(
            "gemeenschappelijk_orgaan", "Gemeenschappelijk orgaan (Wgr)", "Joint body (Wgr)", "wgr"
        ),
        Vorm(
            "centrumgemeente",
            "Centrumgemeenteconstructie (Wgr)",
            "Lead-municipality arrangement (Wgr)",
            "wgr",
        ),
        Vorm(
            "regeling_zonder_meer",
            "Regeling zonder meer (Wgr)",
            "Arrangement without a body (Wgr)",
            "wgr",
        ),
        Vorm(
            "wgr_onbekend",
            "Gemeenschappelijke regeling, vorm niet vastgelegd",
            "Joint arrangement (Wgr), form not recorded",
            "wgr",
        ),
        Vorm("stichting", "Stichting", "Foundation", "privaatrecht"),
        Vorm("vereniging", "Vereniging", "Association", "privaatrecht"),
        Vorm("vennootschap", "Vennootschap (bv/nv)", "Company (bv/nv)", "privaatrecht"),
        Vorm("convenant", "Convenant of bestuursovereenkomst", "Covenant", "convenant"),
        Vorm("uitbesteding", "Uitbesteding", "Outsourcing", "uitbesteding"),
        Vorm(
            "inkoop",
            "Inkoop of dienstverleningsovereenkomst",
            "Purchase or service contract",
            "uitbesteding",
        ),
        Vorm(
            "onbekend", "Vorm onbekend (te verifiëren)", "Form unknown (to be verified)", "onbekend"
        ),
    )
}
