"""Every Dutch sentence of the chapter, in one place for editors and translators.

Texts are short and concrete. Placeholders are filled with ``str.format``; numbers are
inserted by the builder as :class:`~regiokompas.report.Num` parts, never as text here.
"""

from __future__ import annotations

__all__ = [
    "APPENDIX",
    "EDITABLE_ASSUMPTIONS",
    "GOALS",
    "GOAL_INTRO",
    "INTRO",
    "NEXT_STEPS",
    "T",
    "WGR_2022",
    "document_texts",
    "n_",
]

#: The three goals of 'Gemeente van de Toekomst' (VNG), in the words of the source blog.
GOALS: dict[str, str] = {
    "leefomgeving": "Een leefomgeving waarin de samenleving aan zet is",
    "sociaal": "Een sociaal domein dat sterk, flexibel en veerkrachtig is",
    "bestuur": "Een toekomstbestendig bestuur",
}

#: Which Iv3 hoofdtaakvelden (or taakvelden) count under which goal. An editable assumption:
#: the Iv3 code list has no goal dimension; this split follows the blog's reading that the
#: leefomgeving and the sociaal domein are the regional domains and bestuur the support.
GOAL_TAAKVELDEN: dict[str, tuple[str, ...]] = {
    "leefomgeving": ("1", "2", "3", "5", "7.2", "7.3", "7.4", "7.5", "8"),
    "sociaal": ("4", "6", "7.1"),
    "bestuur": ("0.1", "0.2", "0.3", "0.4", "0.61", "0.62", "0.63", "0.64"),
}

INTRO: tuple[str, ...] = (
    "Elke gemeente werkt al samen, vaak in tientallen verbanden. Veel daarvan is in feite "
    "uitbesteding aan een derde partij. Dit hoofdstuk gaat over iets anders: gemeenten die hun "
    "doelen, beleid en processen op elkaar afstemmen en taken samen uitvoeren.",
    "De vraag voor dit college is: op welke beleids- en uitvoeringstaken kunnen, of moeten wij "
    "inmiddels, met andere gemeenten samenwerken om onze doelen te blijven halen? En wat levert "
    "dat op, tegen welk verlies aan eigen zeggenschap?",
    "Het hoofdstuk volgt de drie doelen van 'Gemeente van de Toekomst'. Bij elke kans staat wat "
    "zij kan opleveren, met een bandbreedte, en wat zij kost aan autonomie. De keuze is aan het "
    "college; dit concept rekent haar voor, het maakt haar niet.",
)

GOAL_INTRO: dict[str, str] = {
    "leefomgeving": "Ruimte, verkeer, afval, riolering, groen en veiligheid worden steeds meer "
    "regionaal bepaald. Samen plannen en uitvoeren kan de kwaliteit vasthouden waar één gemeente "
    "alleen te klein is.",
    "sociaal": "In het sociaal domein schuiven processen al in elkaar: jeugdhulp, Wmo, werk en "
    "inkomen worden grotendeels in regio's ingekocht en uitgevoerd. De vraag is waar verdere "
    "samenwerking de dienstverlening sterker maakt, en waar niet.",
    "bestuur": "Als de belangrijkste opgaven regionaal zijn, kan een toekomstbestendig bestuur "
    "niet stoppen bij de gemeentegrens. Bedrijfsvoering (ICT, inkoop, belastingen, "
    "burgerzaken) is vaak het eerste terrein waar gemeenten samen schaal maken.",
}

#: Short labels and sentence fragments.
T: dict[str, str] = {
    "title": "Samenwerken met andere gemeenten",
    "subtitle": "Concepthoofdstuk voor het collegeprogramma van de gemeente {naam} ({code})",
    "draft_note": "Concept, automatisch opgesteld door Regiokompas uit open data. Alle bedragen "
    "en aannames zijn te controleren in de bijlage en aan te passen.",
    "stand": "Waar {naam} nu staat",
    "kerncijfers": "Kerncijfers",
    "kern_caption": "Kerncijfers van {naam}",
    "lasten_caption": "Lasten per inwoner per hoofdtaakveld tegenover vergelijkbare gemeenten (€)",
    "lasten_goal_caption": "Grootste taakvelden voor dit doel: lasten per inwoner (€)",
    "lasten_text": "De tabel zet de lasten per inwoner van {naam} naast de "
    "{vergelijking} (n = {n}) in hetzelfde jaar. Een verschil is geen oordeel: het kan komen "
    "door keuzes, door de bevolking of door de boekingswijze.",
    "regios": "Regio's en verbanden waar {naam} al deel van uitmaakt",
    "regios_caption": "Wettelijke en bestuurlijke regio-indelingen",
    "partnersets": "{naam} zit in {n_lagen} regio-indelingen met ",
    "partnersets_2": " verschillende samenstellingen van partnergemeenten (in totaal ",
    "partnersets_3": " andere gemeenten). Elke samenstelling vraagt eigen overleg, "
    "eigen afspraken en eigen verantwoording.",
    "register_none": "Een overzicht van de gemeenschappelijke regelingen en andere "
    "samenwerkingsverbanden van {naam} is in deze versie nog niet beschikbaar: het register van "
    "Regiokompas is nog niet gevuld. Maak deze inventaris als eerste stap (zie Volgende stappen).",
    "register_caption": "Bestaande samenwerkingsverbanden volgens het register",
    "buren_1": "{naam} grenst aan één gemeente: {namen}.",
    "buren": "{naam} grenst aan {n} gemeenten: {namen}.",
    "bestaand_titel": "Bestaande samenwerkingsverbanden volgens het register",
    "map_alt": "Kaart van {naam} met de buurgemeenten{partners}. {naam} is donker gekleurd, "
    "voorgestelde partners middel, overige buren licht.",
    "map_partners": " en de voorgestelde partners ({namen})",
    "map_caption": "{naam} en de buurgemeenten{partners}",
    "map_caption_partners": " met de voorgestelde partners",
    "spend_chart_alt": "Staafdiagram van de lasten per inwoner van {naam} per hoofdtaakveld "
    "naast de mediaan van vergelijkbare gemeenten. {samenvatting}",
    "spend_chart_caption": "Lasten per inwoner: {naam} en vergelijkbare gemeenten",
    "tradeoff_alt": "Spreidingsdiagram van de kansen: verwachte besparing per jaar voor {naam} "
    "(verticaal, met bandbreedte P10–P90) tegenover het verlies aan autonomie (horizontaal). "
    "{samenvatting}",
    "tradeoff_caption": "Besparing tegenover autonomie per kans",
    "kansen": "Kansen voor samenwerking",
    "geen_kansen_engine": "De kansenanalyse (partnerzoeker en besparingsmodel) is in deze versie "
    "van Regiokompas niet beschikbaar. Dit concept noemt daarom geen besparingen: het vult geen "
    "bedragen in die niet uit het model komen.",
    "geen_kansen_doel": "Voor dit doel vond de analyse geen kans met een verwachte netto "
    "besparing.",
    "geen_bewijs": "Geen bewijs van besparing",
    "geen_bewijs_text": "Voor {taken} laten de gegevens geen schaalvoordeel zien: samenwerken "
    "levert daar naar de huidige cijfers geen besparing op. Samenwerking kan om andere redenen "
    "verstandig zijn (kwaliteit, kwetsbaarheid, personeel), maar niet om het geld.",
    "keuze": "Het college kiest: {taakveld} samen met {partners} uitvoeren, als {vorm}?",
    "congruent": "Deze gemeenten zitten nu al samen in dezelfde {regios}; de samenwerking past "
    "bij een bestaande partnerset. ",
    "incongruent": "Deze groep valt in geen bestaande regio-indeling samen: het wordt een nieuwe "
    "partnerset naast de bestaande. ",
    "afweging": "De afweging: ",
    "verdict_besparing": "voor de groep als geheel ligt de hele bandbreedte (P10–P90) boven nul; "
    "naar verwachting levert dit geld op.",
    "verdict_geen_bewijs": "geen bewijs van besparing voor de groep als geheel: de bandbreedte "
    "loopt van verlies tot winst.",
    "verdict_meerkosten": "naar verwachting meerkosten: samenwerken kost de groep hier meer dan "
    "het oplevert.",
    "afweging_2": " Daartegenover staat een verlies aan autonomie van ",
    "afweging_3": " (schaal 0–1): het beleid en de uitvoering worden gedeeld met ",
    "afweging_4": " andere gemeenten.",
    "opbrengst": "Verwachte besparing, eigen aandeel van {naam}: ",
    "groep": "Voor de hele groep samen: ",
    "geen_robuuste_besparing": "Op geen enkel onderzocht taakveld laat de beste groep "
    "voor {naam} een besparing zien die de onzekerheid doorstaat (oordeel van het "
    "besparingsmodel). Voor de keuze van het college betekent dit: alleen blijven houdt de "
    "autonomie, zonder aantoonbare kosten. Samenwerken blijft mogelijk om andere redenen "
    "(kwaliteit, kwetsbaarheid, een wettelijke plicht), maar niet om het geld.",
    "robuust_aantal": "Op {k} van de {n} onderzochte taakvelden laat de beste groep een "
    "besparing zien die de onzekerheid doorstaat; alleen die staan hieronder als kans.",
    "al_belegd": "Al belegd",
    "al_belegd_text": "Deze taakvelden zijn al belegd in een bestaande regeling. Evalueer die "
    "regeling (wat bespaart de bestaande groep?) in plaats van een nieuwe voor te stellen.",
    "modus_fitted": "Let op: deze besparingen volgen uit kostenverschillen tussen kleine en "
    "grote gemeenten, niet uit een gemeten effect van samenwerking. De bijlage legt uit hoe "
    "de uitkomst verandert met besparingen uit onderzoek naar samenwerking.",
    "modus_literature": "De besparingen komen uit empirisch onderzoek naar samenwerking "
    "tussen gemeenten; de bronnen per taakveld staan in de bijlage.",
    "modus_custom": "De besparingen zijn eigen getallen van de gemeente.",
    "niet_als_kans": "Geen kans of geen bewijs van besparing",
    "meerkosten_text": "Voor {taken} kost samenwerken de groep naar verwachting meer dan het "
    "oplevert (de hele bandbreedte ligt onder nul): geen kans.",
    "opbrengst_2": " k€ per jaar (P50), met een bandbreedte van ",
    "opbrengst_3": " tot ",
    "opbrengst_4": " k€ (P10–P90). ",
    "opstart": "De opstart duurt ongeveer {jaren} jaar voordat de volledige besparing er is. ",
    "tastbaar": "Wat de besparing van de groep kan kopen (P10–P90): ",
    "tastbaar_niets": "Naar de huidige cijfers is er geen zekere besparing om iets concreets "
    "van te kopen. ",
    "kansen_caption": "Kansen met partners: netto besparing, eigen aandeel van {naam} en groep "
    "als geheel (k€ per jaar), en het eigen autonomieverlies",
    "afweging_titel": "De afweging: besparing tegenover autonomie",
    "afweging_tekst": "Meer samenwerking levert meestal meer op en kost meer zeggenschap. De "
    "figuur zet de kansen naast elkaar. Het college bepaalt welke prijs het aan autonomie hecht; "
    "die keuze is politiek, niet technisch.",
    "volgende": "Volgende stappen",
    "bijlage": "Bijlage: methode, aannames en bronnen",
    "methode": "Methode",
    "aannames": "Aannames (aan te passen)",
    "bronnen": "Bronnen",
    "attributie": "Naamsvermelding",
}

WGR_2022 = (
    "Sinds 1 juli 2022 geldt de Wet versterking democratische legitimiteit Wgr. Leg bij elke "
    "gemeenschappelijke regeling vast hoe de raad zijn rechten gebruikt: zienswijzen op begroting "
    "en besluiten, een gemeenschappelijke adviescommissie van raadsleden, het regionale "
    "budgetrecht, en een periodieke evaluatie met afspraken over uittreding."
)

NEXT_STEPS: tuple[str, ...] = (
    "Inventariseer alle bestaande samenwerkingsverbanden: partners, taken, bijdrage, vorm en "
    "evaluatiedatum. Scheid echte samenwerking van uitbesteding.",
    "Kies per taak de partners. Begin bij de kansen in dit hoofdstuk en toets ze aan de bestaande "
    "regio-indelingen, zodat het aantal verschillende partnersets niet verder groeit.",
    "Kies de vorm en de rechtsvorm: lichte samenwerking (convenant, centrumgemeente), een "
    "gemeenschappelijke "
    "regeling volgens de Wgr (openbaar lichaam, bedrijfsvoeringsorganisatie, gemeenschappelijk "
    "orgaan of regeling zonder meer) of een privaatrechtelijke vorm.",
    WGR_2022,
    "Spreek vooraf een evaluatie af (bijvoorbeeld na vier jaar) met meetbare doelen, en "
    "uittredingsvoorwaarden: termijn, kosten en wie de frictiekosten draagt.",
)

#: The assumptions a user can change, with where to change them.
EDITABLE_ASSUMPTIONS: tuple[tuple[str, str], ...] = (
    (
        "Vergelijkingsgroep",
        "de tien structureel meest vergelijkbare gemeenten (inwoners, dichtheid, stedelijkheid, "
        "demografie, provincie; CBS Kerncijfers 2023), zelfde jaar en document",
    ),
    (
        "Indeling van taakvelden naar doelen",
        "leefomgeving: hoofdtaakvelden 1, 2, 3, 5, 7.2–7.5 en "
        "8; sociaal domein: 4, 6 en 7.1; bestuur: 0.1–0.4 en 0.61–0.64",
    ),
    ("Samenwerkingsvorm", "standaard bedrijfsvoeringsorganisatie; optie --vorm"),
    ("Prijs van autonomie", "standaard 0 (alleen geld telt); optie --autonomieprijs"),
    ("Aantal kansen", "standaard de 5 beste; optie --kansen"),
    (
        "Modus van het besparingsmodel",
        "gefit op alle gemeenten of uit de literatuur; optie --modus",
    ),
)

APPENDIX: dict[str, str] = {
    "methode_1": "Kerncijfers, regio's en buren komen uit de databundel van Regiokompas "
    "(indeling 2023, gelijk aan 2024–2026). Lasten per inwoner zijn de Iv3-lasten van de laatste "
    "jaarrekening gedeeld door het aantal inwoners in dat jaar.",
    "methode_2": "Het aantal partnersets telt de verschillende samenstellingen van gemeenten in "
    "de regio-indelingen waar de gemeente in zit. Twee indelingen met precies dezelfde "
    "gemeenten tellen als één set.",
    "methode_kansen": "Kansen komen uit de partnerzoeker: per taakveld de beste groep "
    "aangrenzende gemeenten naar netto waarde. De besparing per lid is een schatting met "
    "onzekerheid uit de trekkingen van het besparingsmodel (P10, P50, P90) op het samen te "
    "voeren deel van de lasten, min de kosten van samenwerking die afhangen van vorm en aantal "
    "partners.",
    "methode_kansen_2": "Een taakveld staat onder 'geen bewijs van besparing' als de beste "
    "groep netto niets bespaart, of als de verwachte besparing (P50) voor de gemeente nul of "
    "negatief is.",
    "modus_fitted": "Modus fitted: de besparing volgt uit kostenverschillen tussen kleine en grote "
    "gemeenten (een dwarsdoorsnede), niet uit een gemeten effect van samenwerking. Vergelijk met "
    "modus literature (--modus literature), die besparingen uit empirisch onderzoek naar "
    "samenwerking gebruikt.",
    "modus_literature": "Modus literature: de besparingen komen uit empirisch onderzoek naar "
    "samenwerking (zie de bronnen per taakveld).",
    "modus_custom": "Modus custom: de besparingen zijn eigen getallen van de gebruiker.",
    "methode_geen_kansen": "De kansenanalyse was bij het opstellen niet beschikbaar; daarom "
    "staan er geen besparingen in dit concept.",
    "eerlijk": "Onderzoek naar Nederlandse gemeenten (Allers en De Greef, 2018) vond dat "
    "intergemeentelijke samenwerking de uitgaven vaak niet verlaagt. Dit hoofdstuk noemt daarom "
    "bandbreedtes en zegt het waar de gegevens geen besparing laten zien.",
}


def document_texts(language: str = "nl") -> dict[str, str]:
    """Document properties and page furniture (footer) in ``language``."""
    del language  # Dutch only until the catalogue is wired
    return {
        "subject": "Concepthoofdstuk collegeprogramma",
        "keywords": "intergemeentelijke samenwerking",
        "footer": "Regiokompas – concept voor {naam} – pagina",
    }


def n_(singular: str, plural: str, n: int) -> str:
    """The singular or plural sentence for ``n`` (Dutch plural rule: one is singular)."""
    return singular if n == 1 else plural
