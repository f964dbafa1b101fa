"""Response models of the JSON API (and the data behind each page).

Property names are lowerCamelCase Dutch, as the NLGov API Design Rules ask; every number a
user sees travels with its source (``bron``) and year (``jaar``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = [
    "Cijfer",
    "Gemeente",
    "GemeenteLijst",
    "GemeenteProfiel",
    "Lastenvergelijking",
    "LastenRij",
    "Regio",
    "RegioDetail",
    "RegioLid",
    "RegioLijst",
    "RegioLidmaatschap",
    "Buur",
    "BurenLijst",
    "Taakveld",
    "TaakveldGemeente",
    "TaakveldKaart",
    "TaakveldLijst",
    "Schaaloordeel",
    "KansGemeente",
    "TaakveldKansen",
]


class Cijfer(BaseModel):
    """A figure as shown to a user: value, unit, source and year."""

    waarde: float | int | str
    eenheid: str
    bron: str
    jaar: int


class Gemeente(BaseModel):
    """One gemeente of the 2023 division (342, the same in 2024–2026)."""

    code: str = Field(description="CBS-gemeentecode, bv. GM0363.", examples=["GM0513"])
    naam: str = Field(examples=["Gouda"])
    provincie: str
    provincieCode: str  # noqa: N815
    inwoners: int = Field(
        description="Inwoners op 1 januari 2023 (CBS Kerncijfers wijken en buurten)."
    )


class GemeenteLijst(BaseModel):
    """The gemeenten that match the filters."""

    gemeenten: list[Gemeente]
    aantal: int
    bron: str


class RegioLidmaatschap(BaseModel):
    """A region one gemeente belongs to."""

    regiotype: str = Field(
        description="provincie, jeugdregio, ggd, veiligheidsregio, arbeidsmarktregio of res."
    )
    regiotypeNaam: str  # noqa: N815
    code: str
    naam: str


class Buur(BaseModel):
    """A neighbouring gemeente: by land (shared border length) or over water."""

    code: str
    naam: str
    soort: str = Field(description="land of water.")
    grensKm: float  # noqa: N815
    afstandKm: float  # noqa: N815
    toelichting: str


class BurenLijst(BaseModel):
    gemeente: str
    buren: list[Buur]
    bron: str


class LastenRij(BaseModel):
    """Lasten per inhabitant on one hoofdtaakveld against the median of similar gemeenten."""

    hoofdtaakveld: str
    omschrijving: str
    eurPerInwoner: float  # noqa: N815
    mediaanVergelijkbaar: float  # noqa: N815
    verschilPct: float | None  # noqa: N815


class Lastenvergelijking(BaseModel):
    gemeente: str
    document: str
    jaar: int
    bron: str
    vergelijking: str
    aantalVergelijkbaar: int  # noqa: N815
    rijen: list[LastenRij]


class GemeenteProfiel(BaseModel):
    """The profile: key figures, regions, neighbours, spending against similar gemeenten."""

    code: str
    naam: str
    provincie: str
    inwoners: Cijfer
    inwonersRecent: Cijfer  # noqa: N815
    landKm2: Cijfer  # noqa: N815
    bevolkingsdichtheid: Cijfer
    stedelijkheid: Cijfer
    regios: list[RegioLidmaatschap]
    buren: list[Buur]
    lasten: Lastenvergelijking
    attributie: str


class Regio(BaseModel):
    """One region of an existing division (CBS Gebiedsindelingen 2024)."""

    code: str
    naam: str
    regiotype: str
    regiotypeNaam: str  # noqa: N815
    aantalGemeenten: int  # noqa: N815


class RegioLijst(BaseModel):
    regios: list[Regio]
    aantal: int
    bron: str


class RegioLid(BaseModel):
    code: str
    naam: str
    inwoners: int
    overlap: float = Field(description="Aandeel van de gemeente (oppervlak) dat in de regio ligt.")


class RegioDetail(BaseModel):
    code: str
    naam: str
    regiotype: str
    regiotypeNaam: str  # noqa: N815
    gemeenten: list[RegioLid]
    bron: str


class Taakveld(BaseModel):
    """An Iv3 taakveld."""

    code: str = Field(examples=["7.2"])
    omschrijving: str
    hoofdtaakveld: str
    hoofdomschrijving: str
    eersteJaar: int  # noqa: N815
    laatsteJaar: int  # noqa: N815


class TaakveldLijst(BaseModel):
    taakvelden: list[Taakveld]
    bron: str


class TaakveldGemeente(BaseModel):
    """One gemeente's value on the national map of a taakveld."""

    code: str
    naam: str
    lastenKeur: float | None  # noqa: N815
    eurPerInwoner: float | None  # noqa: N815


class TaakveldKaart(BaseModel):
    """Spending on one taakveld per gemeente, as on the national map."""

    taakveld: str
    omschrijving: str
    document: str
    jaar: int
    bron: str
    gemeenten: list[TaakveldGemeente]


class Schaaloordeel(BaseModel):
    """What the cost model (pooled Iv3 jaarrekeningen, OLS with controls, cluster bootstrap)
    says about scale economies on a taakveld series."""

    reeks: str
    oordeel: str | None = Field(
        description="schaalvoordelen, geen bewijs, schaalnadelen, of null (niet geschat)."
    )
    elasticiteitLaag: float | None  # noqa: N815
    elasticiteit: float | None
    elasticiteitHoog: float | None  # noqa: N815
    waarnemingen: int
    jaren: list[int]


class KansGemeente(BaseModel):
    """A gemeente's best cooperation with one neighbour on the taakveld (point values, k€/jr)."""

    code: str
    naam: str
    partnerCode: str | None  # noqa: N815
    partnerNaam: str | None  # noqa: N815
    nettoKeur: float | None = Field(  # noqa: N815
        description="Verwachte besparing min transactiekosten van het paar (k€ per jaar)."
    )
    eurPerInwoner: float | None = Field(  # noqa: N815
        description="Netto waarde per inwoner van het paar (€ per jaar)."
    )


class TaakveldKansen(BaseModel):
    """Where cooperation on one taakveld has potential, per gemeente (the national map)."""

    taakveld: str
    reeks: str
    omschrijving: str
    modus: str
    vorm: str
    jaar: int
    schaal: Schaaloordeel
    methode: str
    bron: str
    gemeenten: list[KansGemeente]
