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
    "LastenTaakveld",
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
    "Bandbreedte",
    "Besparing",
    "BesparingJaar",
    "BesparingLid",
    "Tastbaar",
    "Verdeling",
    "VerdelingAandeel",
    "VerdelingBlokkade",
    "Verdelingsanalyse",
    "Indeling",
    "IndelingGroep",
    "KansOptie",
    "KansTaakveld",
    "Kansen",
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


class LastenTaakveld(BaseModel):
    """Lasten per inhabitant on one taakveld against the median of similar gemeenten."""

    taakveld: str
    omschrijving: str
    hoofdtaakveld: str
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
    vergelijkbareGemeenten: list[str] = Field(  # noqa: N815
        default_factory=list,
        description="De gemeenten waarmee vergeleken wordt (structureel het meest gelijk).",
    )
    rijen: list[LastenRij]
    perTaakveld: list[LastenTaakveld] = Field(  # noqa: N815
        default_factory=list,
        description="Dezelfde vergelijking per taakveld (ontbrekende lasten tellen als 0).",
    )


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


class Bandbreedte(BaseModel):
    """P10/P50/P90 of an uncertain amount (k€ per year unless stated otherwise)."""

    p10: float
    p50: float
    p90: float


class BesparingLid(BaseModel):
    code: str
    naam: str
    nettoKeur: Bandbreedte  # noqa: N815
    huidigeLastenKeur: float  # noqa: N815
    samenwerkbaarKeur: float  # noqa: N815
    uittreedkostenKeur: float  # noqa: N815


class BesparingJaar(BaseModel):
    jaar: int
    brutoKeur: Bandbreedte  # noqa: N815
    eenmaligeKostenKeur: float  # noqa: N815
    bestuurskostenKeur: float  # noqa: N815
    nettoKeur: Bandbreedte  # noqa: N815


class Tastbaar(BaseModel):
    """What the saving buys, in units a council recognises (unit costs are assumptions)."""

    eenheid: str
    naam: str
    soort: str = Field(description="eenmalig (uit de contante waarde) of jaarlijks.")
    kostenKeur: float  # noqa: N815
    aantal: Bandbreedte
    bron: str


class Besparing(BaseModel):
    """The savings estimate of one group on one or more taakvelden under one form."""

    gemeenten: list[str]
    namen: list[str]
    taakvelden: list[str]
    vorm: str
    modus: str
    trekkingen: int
    oordeel: str = Field(description="besparing, meerkosten of geen bewijs van besparing (netto).")
    oordeelBruto: str  # noqa: N815
    brutoKeur: Bandbreedte  # noqa: N815
    nettoKeur: Bandbreedte  # noqa: N815
    contanteWaardeKeur: Bandbreedte  # noqa: N815
    brutoPct: Bandbreedte  # noqa: N815
    transactiekostenKeur: float  # noqa: N815
    eenmaligeKostenKeur: float  # noqa: N815
    autonomieverlies: float
    autonomiePerTaakveld: dict[str, float]  # noqa: N815
    perLid: list[BesparingLid]  # noqa: N815
    perJaar: list[BesparingJaar]  # noqa: N815
    tastbaar: list[Tastbaar]
    aannames: dict[str, object]
    bronnen: list[str]


class VerdelingAandeel(BaseModel):
    gemeente: str
    bedragKeur: float  # noqa: N815
    alleenKeur: float  # noqa: N815
    voordeelKeur: float = Field(  # noqa: N815
        description="Wat de gemeente wint tegenover alleen doen; negatief: beter af alleen."
    )


class VerdelingBlokkade(BaseModel):
    coalitie: list[str]
    overschotKeur: float  # noqa: N815


class Verdeling(BaseModel):
    methode: str
    omschrijving: str
    totaalKeur: float  # noqa: N815
    inKern: bool | None  # noqa: N815
    blokkade: VerdelingBlokkade | None
    toelichting: str
    aandelen: list[VerdelingAandeel]


class Verdelingsanalyse(BaseModel):
    """Fair cost sharing for one group: keys, Shapley value, nucleolus, core check."""

    naam: str
    gemeenten: list[str]
    namen: list[str]
    taakvelden: list[str]
    vorm: str
    modus: str
    aaneengesloten: bool
    eenheid: str
    bron: str
    groepskostenKeur: float  # noqa: N815
    somAlleenKeur: float  # noqa: N815
    samenwerkenLoont: bool  # noqa: N815
    kernLeeg: bool | None  # noqa: N815
    kleinsteKernWaarde: float | None  # noqa: N815
    verdelingen: list[Verdeling]


class IndelingGroep(BaseModel):
    nummer: int
    gemeenten: list[str]
    namen: list[str]
    nettoKeur: float = Field(  # noqa: N815
        description="Netto waarde van de groep (k€ per jaar; alleen: 0)."
    )


class Indeling(BaseModel):
    """The optimiser's partition of an area into contiguous cooperation groups."""

    gebied: str
    taakvelden: list[str]
    vorm: str
    modus: str
    maxGrootte: int  # noqa: N815
    autonomiePrijs: float  # noqa: N815
    groepen: list[IndelingGroep]
    doelwaardeKeur: float = Field(  # noqa: N815
        description="Som van de netto waarden van de gekozen groepen (k€ per jaar)."
    )
    bovengrensKeur: float = Field(  # noqa: N815
        description="Bewezen bovengrens: geen indeling kan meer opleveren."
    )
    gat: float = Field(description="(bovengrens − doelwaarde) / max(|bovengrens|, 1).")
    status: str = Field(description="optimaal of tijdslimiet.")
    statistieken: dict[str, int]
    tijden: dict[str, float]
    bron: str


class KansOptie(BaseModel):
    """One candidate group for the gemeente on a taakveld (or bundle). Amounts in k€/yr."""

    gemeenten: list[str]
    partners: list[str]
    namen: list[str]
    besparingKeur: float  # noqa: N815
    transactieKeur: float  # noqa: N815
    autonomieverlies: float = Field(description="Punten: leden × Σ beleidsruimte × vormfactor.")
    nettoKeur: float  # noqa: N815
    pareto: bool = Field(description="Op het Pareto-front van besparing tegen autonomie.")
    gedeeldeRegios: list[str]  # noqa: N815


class KansTaakveld(BaseModel):
    """Ranked options and the Pareto front for one taakveld (or the bundle)."""

    taakvelden: list[str]
    label: str
    omschrijving: str
    opties: list[KansOptie]
    pareto: list[KansOptie]
    groepenGewaardeerd: int  # noqa: N815
    positief: int
    oordeel: str | None = Field(
        description="Oordeel over de beste optie met onzekerheid (200 trekkingen): besparing "
        "(P10 > 0), meerkosten (P90 < 0) of geen bewijs van besparing."
    )
    nettoBandbreedte: Bandbreedte | None = Field(  # noqa: N815
        description="Contante waarde over de horizon (incl. aanloopjaren en eenmalige kosten) "
        "als gelijk bedrag per jaar, k€; P10/P50/P90."
    )


class Kansen(BaseModel):
    """The partner finder's answer for one gemeente: per taakveld the best partner groups."""

    gemeente: str
    naam: str
    groepsgrootte: int
    binnen: str | None
    binnenRegio: str | None  # noqa: N815
    vorm: str
    modus: str
    autonomiePrijs: float  # noqa: N815
    taakvelden: list[KansTaakveld]
    bron: str
    seconden: float
