"""Every Dutch sentence of the chapter, in one place for editors and translators.

Texts are short and concrete. Placeholders are filled with ``str.format``; numbers are
inserted by the builder as :class:`~regiokompas.report.Num` parts, never as text here.
"""

from __future__ import annotations

from regiokompas.report._i18n import N_, _

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
    "t",
]

#: The three goals of 'Gemeente van de Toekomst' (VNG), in the words of the source blog.
GOALS: dict[str, str] = {
    "leefomgeving": N_("Een leefomgeving waarin de samenleving aan zet is"),
    "sociaal": N_("Een sociaal domein dat sterk, flexibel en veerkrachtig is"),
    "bestuur": N_("Een toekomstbestendig bestuur"),
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
    N_(
        "Elke gemeente werkt al samen, vaak in tientallen verbanden. Veel daarvan is in feite "
        "uitbesteding aan een derde partij. Dit hoofdstuk gaat over iets anders: gemeenten die hun "
        "doelen, beleid en processen op elkaar afstemmen en taken samen uitvoeren."
    ),
    N_(
        "De vraag voor dit college is: op welke beleids- en uitvoeringstaken kunnen, of moeten wij "
        "inmiddels, met andere gemeenten samenwerken om onze doelen te blijven halen? En wat "
        "levert "
        "dat op, tegen welk verlies aan eigen zeggenschap?"
    ),
    N_(
        "Het hoofdstuk volgt de drie doelen van 'Gemeente van de Toekomst'. Bij elke kans staat "
        "wat "
        "zij kan opleveren, met een bandbreedte, en wat zij kost aan autonomie. De keuze is aan "
        "het "
        "college; dit concept rekent haar voor, het maakt haar niet."
    ),
)

GOAL_INTRO: dict[str, str] = {
    "leefomgeving": N_(
        "Ruimte, verkeer, afval, riolering, groen en veiligheid worden steeds meer "
        "regionaal bepaald. Samen plannen en uitvoeren kan de kwaliteit vasthouden waar één "
        "gemeente "
        "alleen te klein is."
    ),
    "sociaal": N_(
        "In het sociaal domein schuiven processen al in elkaar: jeugdhulp, Wmo, werk en "
        "inkomen worden grotendeels in regio's ingekocht en uitgevoerd. De vraag is waar verdere "
        "samenwerking de dienstverlening sterker maakt, en waar niet."
    ),
    "bestuur": N_(
        "Als de belangrijkste opgaven regionaal zijn, kan een toekomstbestendig bestuur "
        "niet stoppen bij de gemeentegrens. Bedrijfsvoering (ICT, inkoop, belastingen, "
        "burgerzaken) is vaak het eerste terrein waar gemeenten samen schaal maken."
    ),
}

#: Short labels and sentence fragments.
T: dict[str, str] = {
    "title": N_("Samenwerken met andere gemeenten"),
    "subtitle": N_("Concepthoofdstuk voor het collegeprogramma van de gemeente {naam} ({code})"),
    "draft_note": N_(
        "Concept, automatisch opgesteld door Regiokompas uit open data. Alle bedragen "
        "en aannames zijn te controleren in de bijlage en aan te passen."
    ),
    "stand": N_("Waar {naam} nu staat"),
    "kerncijfers": N_("Kerncijfers"),
    "kern_caption": N_("Kerncijfers van {naam}"),
    "lasten_caption": N_(
        "Lasten per inwoner per hoofdtaakveld tegenover vergelijkbare gemeenten (€)"
    ),
    "lasten_goal_caption": N_("Grootste taakvelden voor dit doel: lasten per inwoner (€)"),
    "lasten_text": N_(
        "De tabel zet de lasten per inwoner van {naam} naast de "
        "{vergelijking} (n = {n}) in hetzelfde jaar. Een verschil is geen oordeel: het kan komen "
        "door keuzes, door de bevolking of door de boekingswijze."
    ),
    "regios": N_("Regio's en verbanden waar {naam} al deel van uitmaakt"),
    "regios_caption": N_("Wettelijke en bestuurlijke regio-indelingen"),
    "register_none": N_(
        "Een overzicht van de gemeenschappelijke regelingen en andere "
        "samenwerkingsverbanden van {naam} is in deze versie nog niet beschikbaar: het register "
        "van "
        "Regiokompas is nog niet gevuld. Maak deze inventaris als eerste stap (zie Volgende "
        "stappen)."
    ),
    "register_caption": N_("Bestaande samenwerkingsverbanden volgens het register"),
    "bestaand_titel": N_("Bestaande samenwerkingsverbanden volgens het register"),
    "map_alt": N_(
        "Kaart van {naam} met de buurgemeenten{partners}. {naam} is donker gekleurd, "
        "voorgestelde partners middel, overige buren licht."
    ),
    "map_partners": N_(" en de voorgestelde partners ({namen})"),
    "map_caption": N_("{naam} en de buurgemeenten{partners}"),
    "map_caption_partners": N_(" met de voorgestelde partners"),
    "spend_chart_alt": N_(
        "Staafdiagram van de lasten per inwoner van {naam} per hoofdtaakveld "
        "naast de mediaan van vergelijkbare gemeenten. {samenvatting}"
    ),
    "spend_chart_caption": N_("Lasten per inwoner: {naam} en vergelijkbare gemeenten"),
    "tradeoff_alt": N_(
        "Spreidingsdiagram van de kansen: verwachte besparing per jaar voor {naam} "
        "(verticaal, met bandbreedte P10–P90) tegenover het verlies aan autonomie (horizontaal). "
        "{samenvatting}"
    ),
    "tradeoff_caption": N_("Besparing tegenover autonomie per kans"),
    "kansen": N_("Kansen voor samenwerking"),
    "geen_kansen_engine": N_(
        "De kansenanalyse (partnerzoeker en besparingsmodel) is in deze versie "
        "van Regiokompas niet beschikbaar. Dit concept noemt daarom geen besparingen: het vult "
        "geen "
        "bedragen in die niet uit het model komen."
    ),
    "geen_kansen_doel": N_(
        "Voor dit doel vond de analyse geen kans met een verwachte netto besparing."
    ),
    "geen_bewijs": N_("Geen bewijs van besparing"),
    "geen_bewijs_text": N_(
        "Voor {taken} laten de gegevens geen schaalvoordeel zien: samenwerken "
        "levert daar naar de huidige cijfers geen besparing op. Samenwerking kan om andere redenen "
        "verstandig zijn (kwaliteit, kwetsbaarheid, personeel), maar niet om het geld."
    ),
    "keuze": N_("Het college kiest: {taakveld} samen met {partners} uitvoeren, als {vorm}?"),
    "congruent": N_(
        "Deze gemeenten zitten nu al samen in dezelfde {regios}; de samenwerking past "
        "bij een bestaande partnerset. "
    ),
    "incongruent": N_(
        "Deze groep valt in geen bestaande regio-indeling samen: het wordt een nieuwe "
        "partnerset naast de bestaande. "
    ),
    "afweging": N_("De afweging: "),
    "verdict_besparing": N_(
        "voor de groep als geheel ligt de hele bandbreedte (P10–P90) boven nul; "
        "naar verwachting levert dit geld op."
    ),
    "verdict_geen_bewijs": N_(
        "geen bewijs van besparing voor de groep als geheel: de bandbreedte "
        "loopt van verlies tot winst."
    ),
    "verdict_meerkosten": N_(
        "naar verwachting meerkosten: samenwerken kost de groep hier meer dan het oplevert."
    ),
    "afweging_2": N_(" Daartegenover staat een verlies aan autonomie van "),
    "afweging_3": N_(" (schaal 0–1): het beleid en de uitvoering worden gedeeld met "),
    "opbrengst": N_("Verwachte besparing, eigen aandeel van {naam}: "),
    "groep": N_("Voor de hele groep samen: "),
    "geen_robuuste_besparing": N_(
        "Op geen enkel onderzocht taakveld laat de beste groep "
        "voor {naam} een besparing zien die de onzekerheid doorstaat (oordeel van het "
        "besparingsmodel). Voor de keuze van het college betekent dit: alleen blijven houdt de "
        "autonomie, zonder aantoonbare kosten. Samenwerken blijft mogelijk om andere redenen "
        "(kwaliteit, kwetsbaarheid, een wettelijke plicht), maar niet om het geld."
    ),
    "al_belegd": N_("Al belegd"),
    "al_belegd_text": N_(
        "Deze taakvelden zijn al belegd in een bestaande regeling. Evalueer die "
        "regeling (wat bespaart de bestaande groep?) in plaats van een nieuwe voor te stellen."
    ),
    "modus_fitted": N_(
        "Let op: deze besparingen volgen uit kostenverschillen tussen kleine en "
        "grote gemeenten, niet uit een gemeten effect van samenwerking. De bijlage legt uit hoe "
        "de uitkomst verandert met besparingen uit onderzoek naar samenwerking."
    ),
    "modus_literature": N_(
        "De besparingen komen uit empirisch onderzoek naar samenwerking "
        "tussen gemeenten; de bronnen per taakveld staan in de bijlage."
    ),
    "modus_custom": N_("De besparingen zijn eigen getallen van de gemeente."),
    "niet_als_kans": N_("Geen kans of geen bewijs van besparing"),
    "meerkosten_text": N_(
        "Voor {taken} kost samenwerken de groep naar verwachting meer dan het "
        "oplevert (de hele bandbreedte ligt onder nul): geen kans."
    ),
    "opbrengst_2": N_(" k€ per jaar (P50), met een bandbreedte van "),
    "opbrengst_3": N_(" tot "),
    "opbrengst_4": N_(" k€ (P10–P90). "),
    "tastbaar": N_("Wat de besparing van de groep kan kopen (P10–P90): "),
    "tastbaar_niets": N_(
        "Naar de huidige cijfers is er geen zekere besparing om iets concreets van te kopen. "
    ),
    "kansen_caption": N_(
        "Kansen met partners: netto besparing, eigen aandeel van {naam} en groep "
        "als geheel (k€ per jaar), en het eigen autonomieverlies"
    ),
    "afweging_titel": N_("De afweging: besparing tegenover autonomie"),
    "afweging_tekst": N_(
        "Meer samenwerking levert meestal meer op en kost meer zeggenschap. De "
        "figuur zet de kansen naast elkaar. Het college bepaalt welke prijs het aan autonomie "
        "hecht; "
        "die keuze is politiek, niet technisch."
    ),
    "volgende": N_("Volgende stappen"),
    "bijlage": N_("Bijlage: methode, aannames en bronnen"),
    "methode": N_("Methode"),
    "aannames": N_("Aannames (aan te passen)"),
    "bronnen": N_("Bronnen"),
    "attributie": N_("Naamsvermelding"),
}

WGR_2022 = N_(
    "Sinds 1 juli 2022 geldt de Wet versterking democratische legitimiteit Wgr. Leg bij elke "
    "gemeenschappelijke regeling vast hoe de raad zijn rechten gebruikt: zienswijzen op begroting "
    "en besluiten, een gemeenschappelijke adviescommissie van raadsleden, het regionale "
    "budgetrecht, en een periodieke evaluatie met afspraken over uittreding."
)

NEXT_STEPS: tuple[str, ...] = (
    N_(
        "Inventariseer alle bestaande samenwerkingsverbanden: partners, taken, bijdrage, vorm en "
        "evaluatiedatum. Scheid echte samenwerking van uitbesteding."
    ),
    N_(
        "Kies per taak de partners. Begin bij de kansen in dit hoofdstuk en toets ze aan de "
        "bestaande "
        "regio-indelingen, zodat het aantal verschillende partnersets niet verder groeit."
    ),
    N_(
        "Kies de vorm en de rechtsvorm: lichte samenwerking (convenant, centrumgemeente), een "
        "gemeenschappelijke "
        "regeling volgens de Wgr (openbaar lichaam, bedrijfsvoeringsorganisatie, gemeenschappelijk "
        "orgaan of regeling zonder meer) of een privaatrechtelijke vorm."
    ),
    WGR_2022,
    N_(
        "Spreek vooraf een evaluatie af (bijvoorbeeld na vier jaar) met meetbare doelen, en "
        "uittredingsvoorwaarden: termijn, kosten en wie de frictiekosten draagt."
    ),
)

#: The assumptions a user can change, with where to change them.
EDITABLE_ASSUMPTIONS: tuple[tuple[str, str], ...] = (
    (
        N_("Vergelijkingsgroep"),
        N_(
            "de tien structureel meest vergelijkbare gemeenten (inwoners, dichtheid, "
            "stedelijkheid, "
            "demografie, provincie; CBS Kerncijfers 2023), zelfde jaar en document"
        ),
    ),
    (
        N_("Indeling van taakvelden naar doelen"),
        N_(
            "leefomgeving: hoofdtaakvelden 1, 2, 3, 5, 7.2–7.5 en "
            "8; sociaal domein: 4, 6 en 7.1; bestuur: 0.1–0.4 en 0.61–0.64"
        ),
    ),
    (N_("Samenwerkingsvorm"), N_("standaard bedrijfsvoeringsorganisatie; optie --vorm")),
    (N_("Prijs van autonomie"), N_("standaard 0 (alleen geld telt); optie --autonomieprijs")),
    (N_("Aantal kansen"), N_("standaard de 5 beste; optie --kansen")),
    (
        N_("Modus van het besparingsmodel"),
        N_("gefit op alle gemeenten of uit de literatuur; optie --modus"),
    ),
)

APPENDIX: dict[str, str] = {
    "methode_1": N_(
        "Kerncijfers, regio's en buren komen uit de databundel van Regiokompas "
        "(indeling 2023, gelijk aan 2024–2026). Lasten per inwoner zijn de Iv3-lasten van de "
        "laatste "
        "jaarrekening gedeeld door het aantal inwoners in dat jaar."
    ),
    "methode_2": N_(
        "Het aantal partnersets telt de verschillende samenstellingen van gemeenten in "
        "de regio-indelingen waar de gemeente in zit. Twee indelingen met precies dezelfde "
        "gemeenten tellen als één set."
    ),
    "methode_kansen": N_(
        "Kansen komen uit de partnerzoeker: per taakveld de beste groep "
        "aangrenzende gemeenten naar netto waarde. De besparing per lid is een schatting met "
        "onzekerheid uit de trekkingen van het besparingsmodel (P10, P50, P90) op het samen te "
        "voeren deel van de lasten, min de kosten van samenwerking die afhangen van vorm en aantal "
        "partners."
    ),
    "methode_kansen_2": N_(
        "Een taakveld staat onder 'geen bewijs van besparing' als de beste "
        "groep netto niets bespaart, of als de verwachte besparing (P50) voor de gemeente nul of "
        "negatief is."
    ),
    "modus_fitted": N_(
        "Modus fitted: de besparing volgt uit kostenverschillen tussen kleine en grote "
        "gemeenten (een dwarsdoorsnede), niet uit een gemeten effect van samenwerking. Vergelijk "
        "met "
        "modus literature (--modus literature), die besparingen uit empirisch onderzoek naar "
        "samenwerking gebruikt."
    ),
    "modus_literature": N_(
        "Modus literature: de besparingen komen uit empirisch onderzoek naar "
        "samenwerking (zie de bronnen per taakveld)."
    ),
    "modus_custom": N_("Modus custom: de besparingen zijn eigen getallen van de gebruiker."),
    "methode_geen_kansen": N_(
        "De kansenanalyse was bij het opstellen niet beschikbaar; daarom "
        "staan er geen besparingen in dit concept."
    ),
    "eerlijk": N_(
        "Onderzoek naar Nederlandse gemeenten (Allers en De Greef, 2018) vond dat "
        "intergemeentelijke samenwerking de uitgaven vaak niet verlaagt. Dit hoofdstuk noemt "
        "daarom "
        "bandbreedtes en zegt het waar de gegevens geen besparing laten zien."
    ),
}


def document_texts(language: str = "nl") -> dict[str, str]:
    """Document properties and page furniture (footer) in ``language``."""
    return {
        "subject": _("Concepthoofdstuk collegeprogramma", language),
        "keywords": _("intergemeentelijke samenwerking", language),
        "footer": _("Regiokompas – concept voor {naam} – pagina", language),
        "bron": _("Bron", language),
        "bron_klein": _("bron", language),
    }


def t(key: str, language: str) -> str:
    """The short text ``key`` of :data:`T` in ``language``."""
    return _(T[key], language)
