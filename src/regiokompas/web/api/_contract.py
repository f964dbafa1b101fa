"""Value constraints of the API's query parameters, declared once so that the same
``Query(pattern=...)`` both validates a request and appears in the OpenAPI document.

Lists that come from data (cooperation forms of the savings assumptions, the provinces of the
bundle) are spelled out here; ``tests/web/test_web_contract.py`` checks them against the
engine and the bundle, so they cannot drift apart unnoticed.
"""

from __future__ import annotations

from regiokompas.data import REGION_TYPES
from regiokompas.sharing import MAX_ENGINE_PLAYERS, METHODS

__all__ = [
    "GEMEENTEN_PATTERN",
    "LIST_PATTERN",
    "METHODEN_PATTERN",
    "PROVINCIES",
    "PROVINCIE_PATTERN",
    "REGIOTYPE_PATTERN",
    "VORMEN",
    "VORM_PATTERN",
]

#: Cooperation forms of the savings engine (docs/kostenmodel.md), plus the short aliases the
#: API has always accepted (bvo, gr).
VORMEN: tuple[str, ...] = (
    "openbaar_lichaam",
    "bedrijfsvoeringsorganisatie",
    "gemeenschappelijk_orgaan",
    "centrumgemeente",
    "regeling_zonder_meer",
    "privaatrechtelijk",
    "convenant",
    "uitbesteding",
)
VORM_PATTERN = "^(" + "|".join((*VORMEN, "bvo", "gr")) + ")$"

#: The twelve provinces as the bundle (CBS gemeentelijke indeling 2023) spells them.
PROVINCIES: tuple[str, ...] = (
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)
PROVINCIE_PATTERN = "^(" + "|".join(PROVINCIES) + ")$"
REGIOTYPE_PATTERN = "^(" + "|".join(REGION_TYPES) + ")$"

_METHOD = "(" + "|".join(METHODS) + ")"
METHODEN_PATTERN = f"^{_METHOD}(,{_METHOD})*$"

#: 2 to MAX_ENGINE_PLAYERS comma-separated codes or names.
_ITEM = r"\s*[^,\s][^,]*"
GEMEENTEN_PATTERN = f"^{_ITEM}(,{_ITEM}){{1,{MAX_ENGINE_PLAYERS - 1}}}$"
#: A comma-separated list with at least one non-empty item (taakvelden).
LIST_PATTERN = f"^{_ITEM}(,{_ITEM})*$"
