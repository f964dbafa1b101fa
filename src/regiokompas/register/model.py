"""The arrangement (regeling) and its participants as plain, immutable values.

>>> r = Regeling(naam="Belastingsamenwerking", vorm="bedrijfsvoeringsorganisatie",
...              deelnemers=(Deelnemer("GM0513"), Deelnemer("GM0629")))
>>> r.gemeenten
('GM0513', 'GM0629')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Literal

__all__ = [
    "CONTENT_FIELDS",
    "OVERRIDE_KLASSEN",
    "Actor",
    "Classificatie",
    "Deelnemer",
    "Regeling",
    "Rol",
]

Classificatie = Literal["samenwerking", "uitbesteding", "onbekend"]
#: The classes a user may choose as an override (with a reason).
OVERRIDE_KLASSEN: tuple[str, ...] = ("samenwerking", "uitbesteding")
Rol = Literal["beheerder", "redacteur", "lezer"]


@dataclass(frozen=True)
class Deelnemer:
    """A participant: a gemeente (``code`` = GMxxxx, 2023 division) or another body
    (``code`` empty, ``naam`` the body's name), with its yearly contribution in k€."""

    code: str = ""
    naam: str = ""
    bijdrage_keur: float | None = None

    @property
    def is_gemeente(self) -> bool:
        """True for a gemeente participant."""
        return bool(self.code)

    @property
    def sleutel(self) -> str:
        """The code for a gemeente, the name for another body."""
        return self.code or self.naam


@dataclass(frozen=True)
class Regeling:
    """One cooperation arrangement as recorded in the register.

    ``id`` and ``versie`` are set by the store; ``verwijderd`` marks a soft-deleted record.
    ``classificatie_override`` with its ``override_reden`` replaces the rule-based class.
    """

    naam: str
    vorm: str
    deelnemers: tuple[Deelnemer, ...] = ()
    taakvelden: tuple[str, ...] = ()
    begroting_keur: float | None = None
    startdatum: dt.date | None = None
    evaluatiedatum: dt.date | None = None
    uittredingsvoorwaarden: str = ""
    zienswijzerecht: bool = False
    gezamenlijke_raadscommissie: bool = False
    gezamenlijk_bestuur: bool = False
    bron: str = ""
    bron_datum: dt.date | None = None
    historisch: bool = False
    te_verifieren: bool = False
    classificatie_override: str | None = None
    override_reden: str = ""
    opmerking: str = ""
    id: int | None = field(default=None, compare=False)
    versie: int | None = field(default=None, compare=False)
    verwijderd: bool = field(default=False, compare=False)

    @property
    def gemeenten(self) -> tuple[str, ...]:
        """The gm_codes of the participating gemeenten, in recorded order."""
        return tuple(d.code for d in self.deelnemers if d.is_gemeente)

    def content(self) -> dict[str, Any]:
        """The recorded content (no id, version or deletion flag), for diffs and audits."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


CONTENT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Regeling) if f.name not in ("id", "versie", "verwijderd")
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a user name, a role and, for a redacteur, the one gemeente they edit for."""

    naam: str
    rol: Rol
    gm_code: str | None = None

    def can_edit(self, regeling: Regeling) -> bool:
        """beheerder: everything; redacteur: arrangements their gemeente takes part in;
        lezer: nothing.

        >>> r = Regeling("X", "convenant", (Deelnemer("GM0363"), Deelnemer("GM0362")))
        >>> Actor("a", "redacteur", "GM0363").can_edit(r)
        True
        >>> Actor("b", "redacteur", "GM0599").can_edit(r)
        False
        """
        if self.rol == "beheerder":
            return True
        if self.rol == "redacteur":
            return self.gm_code is not None and self.gm_code in regeling.gemeenten
        return False

    @property
    def can_write(self) -> bool:
        """Whether the role may change anything at all."""
        return self.rol in ("beheerder", "redacteur")
