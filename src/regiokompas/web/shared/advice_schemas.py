"""The JSON shape of an advice (``/api/v1/gemeenten/{code}/kansen``): the core's frozen
:class:`~regiokompas.advice.Advice`, field for field, in lowerCamelCase (NLGov)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

__all__ = ["Advies"]


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class AdviesBand(_Model):
    """P10/P50/P90 (k€, whole)."""

    p10: float
    p50: float
    p90: float


class AdviesGroep(_Model):
    """One candidate group; point values of the savings engine in k€ per year (group)."""

    leden: list[str]
    namen: list[str]
    partners: list[str]
    partner_namen: list[str]
    besparing_keur: float
    transactie_keur: float
    netto_keur: float
    autonomie_eigen: float = Field(
        description="Autonomieverlies van de gemeente zelf, schaal 0–1 per taakveld."
    )
    autonomie_groep: float = Field(description="Som van het autonomieverlies over de leden.")
    pareto: bool
    gedeelde_regios: list[str]
    partnersets_delta: int = Field(
        description="Verandering van het aantal verschillende partnersets (−1, 0 of +1)."
    )
    binnen_regeling: str | None


class AdviesRegeling(_Model):
    """An arrangement in the register that already covers the taakveld."""

    naam: str
    vorm: str
    gemeenten: list[str]
    namen: list[str]
    taakvelden: list[str]
    historisch: bool
    te_verifieren: bool
    bron: str
    id: int | None


class AdviesTastbaar(_Model):
    """What the group's saving buys (counts P10/P50/P90)."""

    naam: str
    soort: str
    kosten_keur: float
    aantal: AdviesBand
    bron: str


class AdviesJuridisch(_Model):
    """A legal duty for a taakveld (wet, artikel, status, regio, wat het register laat zien)."""

    taakveld: str
    tekst: str
    bron: str
    plicht: str = ""
    verplicht: bool = False
    regio: str = ""
    voldaan: str = Field("", description="vastgelegd, alleen_historisch of niet_gevonden.")
    regelingen: list[str] = Field(default_factory=list)


class AdviesRegio(_Model):
    """A region the gemeente is in today, with the other gemeenten in it."""

    regiotype: str
    code: str
    naam: str
    partners: list[str]


class AdviesTaakveld(_Model):
    """The advice for one taakveld: status, verdict (from the savings engine) and bands."""

    taakvelden: list[str]
    label: str
    omschrijving: str
    status: str = Field(
        description="kans, geen_bewijs, al_belegd, uitgesloten, meerkosten of geen_groep."
    )
    reden: str
    oordeel: str | None
    beste: AdviesGroep | None
    opties: list[AdviesGroep]
    pareto: list[AdviesGroep]
    groepen_gewaardeerd: int
    positief: int
    groep_jaar: AdviesBand | None = Field(description="Netto besparing groep, k€ per jaar.")
    eigen_jaar: AdviesBand | None = Field(description="Eigen aandeel gemeente, k€ per jaar.")
    groep_contante_waarde: AdviesBand | None = Field(
        description="Contante waarde groep over de horizon, k€."
    )
    aanloop_jaren: float | None
    tastbaar: list[AdviesTastbaar]
    bestaand: list[AdviesRegeling]
    congruentie: str
    bronnen: list[str]
    centrumgemeente: str
    al_in: list[str] = Field(
        default_factory=list,
        description="Leden van de beste groep die al in een regeling op dit taakveld zitten "
        "('<gemeente>: al in <regeling> (bron, jaar)'); zij tellen met de overstapprior.",
    )


class Advies(_Model):
    """One advice for a gemeente (the same numbers as the page, the CLI and the chapter)."""

    gemeente: str
    naam: str
    instellingen: dict[str, Any]
    taakvelden: list[AdviesTaakveld]
    kansen: list[str] = Field(description="Labels van de taakvelden met oordeel besparing.")
    getoond: list[str] = Field(description="Labels die als kans worden getoond.")
    rangorde: str
    autonomie_schaal: str
    bedragen: str
    partnersets: int
    regelingen: int
    register_bron: str
    register_versie: str
    vergelijkbaar: list[str]
    vergelijkbaar_namen: list[str]
    vergelijkbaar_kenmerken: str
    bron: str
    jaar: int
    modus: str
    horizon: int
    discontovoet: float
    binnen_regio: str | None
    regios: list[AdviesRegio]
    centrumrollen: list[tuple[str, str]] = Field(
        description="(taakveld, regeling) waar de gemeente centrumgemeente is."
    )
    notities: list[str]
    juridisch: list[AdviesJuridisch]
