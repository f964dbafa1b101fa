"""The frozen, plain-data result of one advice (JSON-serialisable with ``as_json``).

Amounts are k€, rounded once here so that every adapter prints the same digits: a band to what
its width supports (``round_to_band``), a point value without a band to whole k€, autonomy to
two decimals, tangible units to whole units. ``Band`` values are P10/P50/P90 from the savings
engine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from regiokompas.savings import band_decimals, round_to_band

__all__ = [
    "STATUSES",
    "Advice",
    "Band",
    "ExistingArrangement",
    "GroupOption",
    "LegalContext",
    "SharedRegion",
    "TaakveldAdvice",
    "TangibleCount",
]

#: What an advice says about one taakveld, in the order they are listed.
STATUSES: tuple[str, ...] = (
    "kans",  # the engine's verdict is 'besparing' for the best group: an opportunity
    "geen_bewijs",  # the band spans zero: no proven saving (shown only when asked)
    "al_belegd",  # an arrangement in the register already covers the taakveld
    "uitgesloten",  # not an opportunity for a stated, cited reason (0.1 Bestuur)
    "meerkosten",  # the band lies below zero: cooperation costs money; never an opportunity
    "geen_groep",  # no contiguous group within the chosen limits
)


def keur(value: float) -> float:
    """The rounding of a point amount without a band (group values of the partner finder,
    unit costs): whole k€ (and never -0). Bands use :meth:`Band.of`."""
    return float(round(value)) + 0.0


def points(value: float) -> float:
    """The one rounding of autonomy loss: two decimals."""
    return float(round(value, 2)) + 0.0


@dataclass(frozen=True)
class Band:
    """P10/P50/P90 of an amount (k€)."""

    p10: float
    p50: float
    p90: float

    @classmethod
    def of(cls, r: Any) -> Band:
        """From a savings ``Range`` (or anything with p10/p50/p90), rounded to what the band
        supports (two significant figures of its width: :func:`regiokompas.savings.round_to_band`,
        the one rounding rule of the core).

        >>> Band.of(Band(1234.5, 1580.2, 1789.9))
        Band(p10=1230.0, p50=1580.0, p90=1790.0)
        """
        return cls(*round_to_band(float(r.p10), float(r.p50), float(r.p90)))

    @property
    def decimals(self) -> int:
        """Decimals every renderer prints for this band (what its rounding supports)."""
        return band_decimals(self.p10, self.p50, self.p90)


@dataclass(frozen=True)
class GroupOption:
    """One candidate group (point values of the savings engine, k€ per year for the group).

    ``autonomie_eigen`` is the gemeente's own autonomy loss on the advice's one scale (0–1
    per taakveld: the share of its policy room it gives up); ``autonomie_groep`` the sum over
    the members (what the autonomy price multiplies). ``partnersets_delta``: how the number of
    distinct partner sets of the gemeente changes if it takes this option (−1, 0 or +1).
    ``binnen_regeling``: the existing arrangement whose partner set contains this group.
    """

    leden: tuple[str, ...]
    namen: tuple[str, ...]
    partners: tuple[str, ...]
    partner_namen: tuple[str, ...]
    besparing_keur: float
    transactie_keur: float
    netto_keur: float
    autonomie_eigen: float
    autonomie_groep: float
    pareto: bool
    gedeelde_regios: tuple[str, ...]
    partnersets_delta: int
    binnen_regeling: str | None


@dataclass(frozen=True)
class ExistingArrangement:
    """An arrangement in the register the gemeente takes part in that covers a taakveld."""

    naam: str
    vorm: str
    gemeenten: tuple[str, ...]
    namen: tuple[str, ...]
    taakvelden: tuple[str, ...]
    historisch: bool
    te_verifieren: bool
    bron: str
    id: int | None


@dataclass(frozen=True)
class TangibleCount:
    """What the group's saving buys in units of something concrete (P10/P50/P90 counts)."""

    naam: str
    soort: str
    kosten_keur: float
    aantal: Band
    bron: str


@dataclass(frozen=True)
class SharedRegion:
    """A region the gemeente is in today (CBS Gebiedsindelingen 2024), with its partners."""

    regiotype: str
    code: str
    naam: str
    partners: tuple[str, ...]


@dataclass(frozen=True)
class LegalContext:
    """A legal duty for a taakveld, from :func:`regiokompas.duties.duties_for` with the
    advice's own register records: ``plicht`` the duty's id, ``verplicht`` whether the law
    prescribes the cooperation (else the gemeente chooses), ``regio`` the gemeente's region
    with source and year, ``voldaan`` what the register shows (vastgelegd, alleen_historisch,
    niet_gevonden) and ``regelingen`` the records that show it."""

    taakveld: str
    tekst: str
    bron: str
    plicht: str = ""
    verplicht: bool = False
    regio: str = ""
    voldaan: str = ""
    regelingen: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaakveldAdvice:
    """The advice for one taakveld (or a bundle of taakvelden).

    Amounts: ``groep_jaar`` the whole group's net saving per year (steady state, after
    governance), ``eigen_jaar`` the gemeente's own share of it, ``groep_contante_waarde`` the
    group's net present value over the horizon (start-up years and one-off costs included).
    ``oordeel`` is the savings engine's verdict, read from its estimate, never recomputed.
    ``al_in``: members of the best group already in an arrangement on the taakveld, as
    "<gemeente>: al in <regeling> (bron, jaar)"; they save by the switching prior only.
    """

    taakvelden: tuple[str, ...]
    label: str
    omschrijving: str
    status: str
    reden: str
    oordeel: str | None
    beste: GroupOption | None
    opties: tuple[GroupOption, ...]
    pareto: tuple[GroupOption, ...]
    groepen_gewaardeerd: int
    positief: int
    groep_jaar: Band | None
    eigen_jaar: Band | None
    groep_contante_waarde: Band | None
    aanloop_jaren: float | None
    tastbaar: tuple[TangibleCount, ...]
    bestaand: tuple[ExistingArrangement, ...]
    congruentie: str
    bronnen: tuple[str, ...]
    centrumgemeente: str = ""
    al_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Advice:
    """One gemeente's advice: per taakveld the status and numbers, in the ranking used.

    ``taakvelden`` is ordered: opportunities by the group's NPV P50 (highest first), then
    no-evidence items, covered, excluded, extra-cost and no-group items. ``getoond`` is what
    the adapters list as opportunities (only ``kans``, plus ``geen_bewijs`` when the user
    asked for those). ``juridisch``: the legal duties per taakveld (duties service, same
    register records as the rest of the advice).
    """

    gemeente: str
    naam: str
    instellingen: dict[str, Any]
    taakvelden: tuple[TaakveldAdvice, ...]
    rangorde: str
    autonomie_schaal: str
    bedragen: str
    partnersets: int
    regelingen: int
    register_bron: str
    vergelijkbaar: tuple[str, ...]
    vergelijkbaar_namen: tuple[str, ...]
    vergelijkbaar_kenmerken: str
    bron: str
    jaar: int
    modus: str
    horizon: int
    discontovoet: float
    binnen_regio: str | None
    regios: tuple[SharedRegion, ...] = ()
    centrumrollen: tuple[tuple[str, str], ...] = ()  # (series, arrangement) as centrumgemeente
    notities: tuple[str, ...] = ()
    juridisch: tuple[LegalContext, ...] = ()

    @property
    def kansen(self) -> tuple[TaakveldAdvice, ...]:
        """Taakvelden with a robust saving (verdict 'besparing'), best first."""
        return tuple(t for t in self.taakvelden if t.status == "kans")

    @property
    def getoond(self) -> tuple[TaakveldAdvice, ...]:
        """What the adapters list: opportunities, plus no-evidence items when asked."""
        wanted = {"kans", "geen_bewijs"} if self.instellingen["include_no_evidence"] else {"kans"}
        return tuple(t for t in self.taakvelden if t.status in wanted)

    def met_status(self, status: str) -> tuple[TaakveldAdvice, ...]:
        """The taakvelden with one status, in ranking order."""
        return tuple(t for t in self.taakvelden if t.status == status)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data (tuples become lists)."""
        out = asdict(self)
        out["kansen"] = [t.label for t in self.kansen]
        return out
