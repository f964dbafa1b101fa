"""The web app's text catalogue: every interface string in Dutch and English, in one place.

Templates call ``_("key")``; a translator edits :data:`MESSAGES` and nothing else. Dutch is the
default; English is chosen with ``?lang=en`` (remembered in a cookie).

>>> translate("zoek_knop", "en")
'Search'
>>> format_number(1234567.891, "nl", 1)
'1.234.567,9'
"""

from __future__ import annotations

import math

__all__ = ["LANGUAGES", "MESSAGES", "format_number", "translate"]

LANGUAGES = ("nl", "en")

#: key -> (Dutch, English). Keep keys in lower_snake_case; ``{name}`` placeholders are filled
#: with ``str.format``.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- frame
    "site_naam": ("Regiokompas", "Regiokompas"),
    "site_ondertitel": (
        "Waar, met wie en met welk effect samenwerken met andere gemeenten",
        "Where, with whom and to what effect to cooperate with other municipalities",
    ),
    "naar_inhoud": ("Direct naar de inhoud", "Skip to content"),
    "hoofdmenu": ("Hoofdmenu", "Main menu"),
    "nav_home": ("Home", "Home"),
    "nav_regios": ("Regio's", "Regions"),
    "nav_api": ("API", "API"),
    "nav_toegankelijkheid": ("Toegankelijkheid", "Accessibility"),
    "taal_wissel": ("English", "Nederlands"),
    "taal_wissel_label": ("Read this page in English", "Lees deze pagina in het Nederlands"),
    "voet_bron": ("Bronnen", "Sources"),
    "voet_licentie": (
        "Regiokompas is open source (EUPL-1.2). Cijfers: CBS en Kadaster/PDOK, CC BY 4.0.",
        "Regiokompas is open source (EUPL-1.2). Figures: CBS and Kadaster/PDOK, CC BY 4.0.",
    ),
    "bron": ("Bron", "Source"),
    "bron_en_jaar": ("Bron en jaar", "Source and year"),
    "toon": ("Toon", "Show"),
    "kaart_als_tabel": ("De kaart als tabel", "The map as a table"),
    "grafiek_als_tabel": ("De grafiek als tabel", "The chart as a table"),
    "geen_js": (
        "De grafiek heeft JavaScript nodig; de tabel eronder bevat dezelfde cijfers.",
        "The chart needs JavaScript; the table below holds the same figures.",
    ),
    # --- home
    "home_titel": ("Samenwerken met andere gemeenten", "Cooperating with other municipalities"),
    "home_intro": (
        "Regiokompas laat per gemeente en per taakveld zien waar samenwerking met buurgemeenten "
        "geld kan besparen, wat dat kost aan autonomie, en waar de cijfers géén besparing laten "
        "zien. Alle cijfers noemen hun bron en jaar.",
        "Regiokompas shows per municipality and per policy task (taakveld) where cooperation "
        "with neighbouring municipalities can save money, what it costs in autonomy, and where "
        "the figures show no saving. Every figure names its source and year.",
    ),
    "zoek_titel": ("Zoek een gemeente", "Find a municipality"),
    "zoek_label": ("Naam of code van de gemeente", "Name or code of the municipality"),
    "zoek_hint": (
        "Bijvoorbeeld: Gouda, den bosch, GM0363. Hoofdletters en accenten maken niet uit.",
        "For example: Gouda, den bosch, GM0363. Case and accents do not matter.",
    ),
    "zoek_knop": ("Zoeken", "Search"),
    "kaart_titel": ("Nederland per taakveld", "The Netherlands per taakveld"),
    "kaart_taakveld_label": ("Taakveld", "Taakveld (policy task)"),
    "kaart_knop": ("Kaart tonen", "Show map"),
    "kaart_lasten_uitleg": (
        "Lasten per inwoner op dit taakveld in de {bron}. Donkerder is hoger. Grijs: geen lasten "
        "geboekt.",
        "Spending per inhabitant on this taakveld in the {bron}. Darker is higher. Grey: no "
        "spending booked.",
    ),
    "eur_per_inwoner": ("€ per inwoner", "€ per inhabitant"),
    "eur_per_inwoner_jaar": ("€ per inwoner per jaar", "€ per inhabitant per year"),
    "kaart_kansen_label": (
        "netto waarde per jaar van de beste samenwerking met één buurgemeente",
        "net value per year of the best cooperation with one neighbour",
    ),
    "kansen_geen_bewijs_kort": (
        "geen bewijs van schaalvoordelen op dit taakveld",
        "no evidence of scale economies on this taakveld",
    ),
    "kansen_geen_besparing": (
        "geen netto besparing (kosten hoger dan besparing)",
        "no net saving (costs exceed savings)",
    ),
    "weergave_label": ("Wat de kaart toont", "What the map shows"),
    "weergave_kansen": ("Kansen voor samenwerking", "Opportunities for cooperation"),
    "weergave_lasten": ("Lasten per inwoner", "Spending per inhabitant"),
    "modus_label": ("Besparingsmodel", "Savings model"),
    "modus_fitted": (
        "Kostenmodel op Iv3-data (geschat)",
        "Cost model on Iv3 data (fitted)",
    ),
    "modus_literature": ("Literatuur (aannames met bron)", "Literature (assumptions with sources)"),
    "vorm_label": ("Samenwerkingsvorm", "Form of cooperation"),
    "kaart_kansen_uitleg": (
        "Per gemeente de beste samenwerking met één buurgemeente op {taakveld}: netto waarde "
        "per inwoner van het paar per jaar (besparing min transactiekosten, verwachte waarde). "
        "De onzekerheid per gemeente staat op haar eigen pagina: daar heet iets pas een "
        "besparing als ook de pessimistische schatting (P10) er een is.",
        "Per municipality the best cooperation with one neighbour on {taakveld}: net value per "
        "inhabitant of the pair per year (saving minus transaction costs, expected value). The "
        "uncertainty per municipality is on its own page: there, something is only called a "
        "saving when the pessimistic estimate (P10) is one too.",
    ),
    "schaal_schaalvoordelen": (
        "Het kostenmodel vindt schaalvoordelen op dit taakveld: de lasten per inwoner dalen met "
        "de omvang (elasticiteit {mid}, 90%-interval {laag} tot {hoog}; {n} waarnemingen, "
        "jaarrekeningen {jaren}).",
        "The cost model finds scale economies on this taakveld: spending per inhabitant falls "
        "with size (elasticity {mid}, 90% interval {laag} to {hoog}; {n} observations, annual "
        "accounts {jaren}).",
    ),
    "schaal_geen bewijs": (
        "Geen bewijs van schaalvoordelen: het 90%-interval van de elasticiteit ({laag} tot "
        "{hoog}) bevat nul ({n} waarnemingen, jaarrekeningen {jaren}). Samenwerking bespaart "
        "hier volgens de cijfers niet aantoonbaar; de kaart kleurt daarom geen kansen.",
        "No evidence of scale economies: the 90% interval of the elasticity ({laag} to {hoog}) "
        "contains zero ({n} observations, annual accounts {jaren}). By the figures, cooperation "
        "does not demonstrably save here; the map therefore colours no opportunities.",
    ),
    "schaal_schaalnadelen": (
        "Schaalnadelen: grotere gemeenten geven hier méér uit per inwoner (elasticiteit {mid}, "
        "90%-interval {laag} tot {hoog}). Samenwerking om schaal bespaart hier niet.",
        "Diseconomies of scale: larger municipalities spend more per inhabitant here "
        "(elasticity {mid}, 90% interval {laag} to {hoog}). Cooperating for scale does not save.",
    ),
    "schaal_niet_geschat": (
        "Het kostenmodel is voor dit taakveld niet geschat (te weinig gemeenten met lasten).",
        "The cost model was not fitted for this taakveld (too few municipalities with spending).",
    ),
    "schaal_literatuur": (
        "Literatuurmodus: besparing {p10} tot {p90} (P10–P90, mediaan {p50}) van het "
        "samenwerkbare deel. Bron: {bron}.",
        "Literature mode: saving {p10} to {p90} (P10–P90, median {p50}) of the cooperable "
        "share. Source: {bron}.",
    ),
    "partner": ("Beste partner", "Best partner"),
    "kansen_methode": (
        "Per gemeente de buurgemeente waarmee samenwerking als {vorm} de hoogste verwachte "
        "netto waarde per jaar geeft: besparing volgens het gekozen besparingsmodel min "
        "bestuurs- en (over de horizon verdeelde) aanloopkosten; geen prijs voor autonomie.",
        "Per municipality the neighbour with which cooperation as {vorm} gives the highest "
        "expected net value per year: saving by the chosen savings model minus governance and "
        "(spread over the horizon) start-up costs; no price for autonomy.",
    ),
    "netto_keur": ("Netto (× € 1.000 per jaar)", "Net (× € 1,000 per year)"),
    "methode": ("Methode", "Method"),
    "lasten_keur": ("Lasten (× € 1.000)", "Spending (× € 1,000)"),
    "kaart_bron_grenzen": (
        "grenzen: CBS/Kadaster Wijken en buurten 2023 (vereenvoudigd)",
        "boundaries: CBS/Kadaster Wijken en buurten 2023 (simplified)",
    ),
    "gemeente": ("Gemeente", "Municipality"),
    "code": ("Code", "Code"),
    "provincie": ("Provincie", "Province"),
    "waarde": ("Waarde", "Value"),
    "legenda": ("Legenda", "Legend"),
    "geen_gegevens": ("geen gegevens", "no data"),
    # --- search
    "zoek_meerdere_titel": ("Meerdere gemeenten gevonden", "Several municipalities found"),
    "zoek_meerdere_uitleg": (
        "'{query}' past bij meer dan één gemeente. Kies er een:",
        "'{query}' matches more than one municipality. Choose one:",
    ),
    "zoek_leeg": ("Vul een naam of code in.", "Enter a name or code."),
    # --- errors
    "fout_404_titel": ("Niet gevonden", "Not found"),
    "fout_400_titel": ("Ongeldige invoer", "Invalid input"),
    "fout_500_titel": ("Er ging iets mis", "Something went wrong"),
    "fout_suggesties": ("Bedoelt u een van deze gemeenten?", "Did you mean one of these?"),
    "fout_terug": ("Terug naar de startpagina", "Back to the home page"),
    "fout_pagina": (
        "Deze pagina bestaat niet. Controleer het adres of zoek een gemeente.",
        "This page does not exist. Check the address or search for a municipality.",
    ),
    "fout_parameter": (
        "Parameter '{name}': {problem}",
        "Parameter '{name}': {problem}",
    ),
    # --- gemeente page
    "profiel": ("Profiel", "Profile"),
    "op_deze_pagina": ("Op deze pagina", "On this page"),
    "lasten_grafiek_uitleg": (
        "Lasten per inwoner per hoofdtaakveld: {naam} (blauw) en de mediaan van vergelijkbare "
        "gemeenten (grijs).",
        "Spending per inhabitant per main taakveld: {naam} (blue) and the median of similar "
        "municipalities (grey).",
    ),
    "lasten_tabel": ("Lasten per inwoner in {jaar} (€)", "Spending per inhabitant in {jaar} (€)"),
    "lasten_per_taakveld": ("Per taakveld", "Per taakveld"),
    "lasten_nul": (
        "Een gemeente zonder lasten op een taakveld telt mee als € 0.",
        "A municipality without spending on a taakveld counts as € 0.",
    ),
    "kerncijfers": ("Kerncijfers", "Key figures"),
    "kenmerk": ("Kenmerk", "Characteristic"),
    "inwoners": ("Inwoners", "Inhabitants"),
    "inwoners_recent": ("Inwoners {jaar}", "Inhabitants {jaar}"),
    "land_km2": ("Landoppervlakte (km²)", "Land area (km²)"),
    "dichtheid": ("Bevolkingsdichtheid (inwoners per km²)", "Population density (per km²)"),
    "stedelijkheid": ("Stedelijkheid (klasse 1–5)", "Urbanity (class 1–5)"),
    "buren_titel": ("Buurgemeenten en regio's", "Neighbours and regions"),
    "buren_kaart_uitleg": (
        "Donkerblauw: {naam}. Middenblauw: buurgemeenten. Omlijnd met streepjes: de andere "
        "gemeenten in de {regio} ({regionaam}).",
        "Dark blue: {naam}. Mid blue: neighbouring municipalities. Dashed outline: the other "
        "municipalities in the {regio} ({regionaam}).",
    ),
    "regiolaag_label": ("Regio-indeling op de kaart", "Regional division on the map"),
    "buren": ("Buurgemeenten", "Neighbouring municipalities"),
    "soort": ("Soort", "Kind"),
    "grens_km": ("Gedeelde grens (km)", "Shared border (km)"),
    "toelichting": ("Toelichting", "Note"),
    "land": ("land", "land"),
    "water": ("over water", "over water"),
    "water_afstand": ("{km} km over water", "{km} km over water"),
    "regios_titel": ("Regio's waarin de gemeente zit", "Regions the municipality belongs to"),
    "indeling": ("Indeling", "Division"),
    "regio": ("Regio", "Region"),
    "leden": ("Gemeenten", "Municipalities"),
    "buren_bron": (
        "Bron: afgeleid uit CBS/Kadaster gemeentegrenzen 2023; regio's: CBS "
        "Gebiedsindelingen 2024.",
        "Source: derived from CBS/Kadaster municipal boundaries 2023; regions: CBS "
        "Gebiedsindelingen 2024.",
    ),
    "lasten_titel": (
        "Lasten per inwoner tegenover vergelijkbare gemeenten",
        "Spending per inhabitant against similar municipalities",
    ),
    "hoofdtaakveld": ("Hoofdtaakveld", "Main taakveld"),
    "deze_gemeente": ("Deze gemeente (€)", "This municipality (€)"),
    "vergelijkbaar": ("Vergelijkbare gemeenten (€)", "Similar municipalities (€)"),
    "verschil": ("Verschil", "Difference"),
    "lasten_bron": (
        "Bron: {bron}. Vergelijking: {vergelijking} (n={n}), zelfde jaar: {namen}.",
        "Source: {bron}. Comparison: {vergelijking} (n={n}), same year: {namen}.",
    ),
    "document_label": ("Iv3-document", "Iv3 document"),
    "document_jaarrekening": ("Jaarrekening (realisatie)", "Annual accounts (actuals)"),
    "document_begroting": ("Begroting (raming)", "Budget (estimate)"),
    "bijwerken": ("Bijwerken", "Update"),
    "kansen_titel": ("Kansen voor samenwerking", "Opportunities for cooperation"),
    "bestaand_titel": ("Bestaande samenwerking", "Existing cooperation"),
    "bestaand_uitleg": (
        "Uit het register: de regelingen waarin {naam} al zit, met hoeveel verschillende "
        "partnersets de gemeente werkt (regionale congruentie) en met welke gemeenten het vaakst.",
        "From the register: the arrangements {naam} already takes part in, how many different "
        "partner sets it juggles (regional congruence) and with which gemeenten most often.",
    ),
    "bestaand_regelingen": ("Regelingen", "Arrangements"),
    "bestaand_partnersets": ("Verschillende partnersets", "Different partner sets"),
    "bestaand_index": (
        "Congruentie-index (partnersets / regelingen met partners)",
        "Congruence index (partner sets / arrangements with partners)",
    ),
    "bestaand_partners": (
        "Gemeenten waarmee al wordt samengewerkt",
        "Gemeenten already cooperated with",
    ),
    "bestaand_aantal": ("Gedeelde regelingen", "Shared arrangements"),
    "bestaand_bron": (
        "Bron: het register van deze applicatie, zoals het nu is ingevuld (bij de eerste start "
        "gevuld met regio's 2024 van CBS Gebiedsindelingen en gemeenschappelijke regelingen en "
        "regioatlas 2016 van Open State Foundation; historisch, te verifiëren).",
        "Source: this application's register as filled in now (seeded at first start with 2024 "
        "regions from CBS and 2016 joint arrangements and regioatlas from Open State "
        "Foundation; historic, to be verified).",
    ),
    "hoofdstuk_titel": (
        "Concepthoofdstuk collegeprogramma",
        "Draft chapter for the coalition programme",
    ),
    "hoofdstuk_uitleg": (
        "Een eerste opzet van het hoofdstuk 'Samenwerken met andere gemeenten' voor {naam}, met "
        "de instellingen hierboven (model, vorm, groepsgrootte, prijs van autonomie).",
        "A first draft of the chapter 'Cooperating with other gemeenten' for {naam}, with the "
        "settings above (model, form, group size, price of autonomy).",
    ),
    "kansen_uitleg": (
        "Per taakveld de beste groep buurgemeenten (aaneengesloten, tot de gekozen grootte) "
        "volgens het besparingsmodel: besparing min transactiekosten min de prijs van "
        "autonomie; groepen binnen bestaande partnersets gaan voor. Het oordeel komt uit het "
        "besparingsmodel en houdt rekening met de onzekerheid: alleen een besparing die de "
        "onzekerheid doorstaat, is een kans.",
        "Per taakveld the best group of neighbouring municipalities (contiguous, up to the "
        "chosen size) by the savings model: saving minus transaction costs minus the price of "
        "autonomy; groups within existing partner sets come first. The verdict comes from the "
        "savings model and accounts for uncertainty: only a saving that survives the "
        "uncertainty is an opportunity.",
    ),
    "binnen_label": ("Partners binnen", "Partners within"),
    "binnen_geen": ("alle buurgemeenten", "all neighbours"),
    "kansen_tabel": (
        "Kansen per taakveld (× € 1.000 per jaar)",
        "Opportunities per taakveld (× € 1,000 per year)",
    ),
    "beste_groep": ("Beste groep", "Best group"),
    "besparing_kort": ("Besparing", "Saving"),
    "transactie_kort": ("Transactiekosten", "Transaction costs"),
    "autonomieverlies": ("Autonomieverlies", "Autonomy loss"),
    "netto": ("Netto", "Net"),
    "bandbreedte": ("Netto P10 – P90*", "Net P10 – P90*"),
    "bandbreedte_uitleg": (
        "Bandbreedtes P10 – P50 – P90 met {trekkingen} trekkingen; contante waarde over "
        "{horizon} jaar inclusief aanloopjaren en eenmalige kosten, discontovoet {rente}.",
        "Ranges P10 – P50 – P90 with {trekkingen} draws; present value over {horizon} years "
        "including start-up years and one-off costs, discount rate {rente}.",
    ),
    "oordeel": ("Oordeel", "Verdict"),
    "oordeel_besparing": ("besparing", "saving"),
    "oordeel_geen bewijs van besparing": ("geen bewijs van besparing", "no evidence of a saving"),
    "oordeel_meerkosten": ("meerkosten", "extra cost"),
    "oordeel_verkenning": ("verkenning, geen oordeel", "exploration, no verdict"),
    "kansen_telling": (
        "{n} van de {t} taakvelden tonen een besparing die de onzekerheid doorstaat.",
        "{n} of the {t} taakvelden show a saving that survives the uncertainty.",
    ),
    "pareto_titel": ("Besparing tegen autonomie", "Savings against autonomy"),
    "kansveld_label": ("Taakveld voor grafiek en opbrengst", "Taakveld for chart and yield"),
    "pareto_uitleg": (
        "Elke punt is een groep met {naam}: hoe ver naar rechts, hoe meer autonomie de "
        "gemeenten inleveren; hoe hoger, hoe meer de samenwerking netto bespaart. De lijn "
        "verbindt de groepen die niet door een andere groep worden overtroffen (Pareto-front), "
        "vanaf 'alleen blijven' (0, 0). Welke afweging de juiste is, kiest het college.",
        "Each point is a group with {naam}: the further right, the more autonomy the "
        "municipalities give up; the higher, the more the cooperation saves net. The line "
        "connects the groups no other group beats (Pareto front), starting from 'stay alone' "
        "(0, 0). Which trade-off is right is the executive's choice.",
    ),
    "pareto_front": ("Pareto-front", "Pareto front"),
    "pareto_overig": ("Andere goede groepen", "Other good groups"),
    "alleen_blijven": ("Alleen blijven", "Stay alone"),
    "autonomieverlies_as": (
        "Autonomieverlies van de groep (som van het eigen verlies van de leden, elk 0–1)",
        "Autonomy loss of the group (sum of the members' own loss, each 0–1)",
    ),
    "besparing_as": (
        "Besparing na transactiekosten (× € 1.000 per jaar)",
        "Saving after transaction costs (× € 1,000 per year)",
    ),
    "pareto_tabel": ("Pareto-front als tabel", "The Pareto front as a table"),
    "opbrengst_titel": ("Wat de besparing oplevert", "What the saving buys"),
    "opbrengst_uitleg": (
        "Voor de beste groep op {taakveld} ({groep}), als {vorm}, met {trekkingen} trekkingen: "
        "netto {p10} tot {p90} per jaar voor de hele groep zodra de samenwerking op stoom is "
        "(mediaan {p50}; × € 1.000; oordeel: {oordeel}); contante waarde over {horizon} jaar "
        "inclusief aanloopjaren en eenmalige kosten {n10} tot {n90}. Eigen aandeel van {naam}: "
        "{e10} tot {e90} per jaar (mediaan {e50}).",
        "For the best group on {taakveld} ({groep}), as {vorm}, with {trekkingen} draws: net "
        "{p10} to {p90} per year for the whole group once the cooperation is up to speed "
        "(median {p50}; × € 1,000; verdict: {oordeel}); present value over {horizon} years "
        "including start-up years and one-off costs {n10} to {n90}. Own share of {naam}: {e10} "
        "to {e90} per year (median {e50}).",
    ),
    "opbrengst_tabel": (
        "Wat de groep ervan kan betalen (aantal; P10 – mediaan – P90)",
        "What the group could pay for with it (number; P10 – median – P90)",
    ),
    "eenheid": ("Eenheid", "Unit"),
    "kosten_per_stuk": ("Kosten per stuk (× € 1.000)", "Cost per unit (× € 1,000)"),
    "aantal": ("Aantal", "Number"),
    "soort_eenmalig": ("eenmalig, uit de contante waarde", "one-off, from the present value"),
    "soort_jaarlijks": ("per jaar", "per year"),
    "bronnen_aannames": ("Bronnen en aannames", "Sources and assumptions"),
    "opbrengst_geen": (
        "De onzekerheid is te groot om een besparing te beloven: de pessimistische schatting "
        "(P10) is geen besparing. Eenheidskosten zijn aannames; vervang ze door eigen "
        "offertes.",
        "The uncertainty is too large to promise a saving: the pessimistic estimate (P10) is "
        "not a saving. Unit costs are assumptions; replace them with your own quotes.",
    ),
    # --- the advice (issue 13): one answer per gemeente, from regiokompas.advice
    "advies_geen_kans": (
        "Op geen van de {t} taakvelden laat de beste groep voor {naam} een besparing zien die "
        "de onzekerheid doorstaat. Alleen blijven houdt de autonomie, zonder aantoonbare "
        "kosten; samenwerken is hier een keuze om andere redenen (kwaliteit, kwetsbaarheid, "
        "een wettelijke plicht), niet om geld.",
        "On none of the {t} taakvelden does the best group for {naam} show a saving that "
        "survives the uncertainty. Staying alone keeps autonomy at no proven cost; cooperating "
        "here is a choice for other reasons (quality, vulnerability, a legal duty), not money.",
    ),
    "advies_tabel": (
        "Kansen per taakveld (× € 1.000, P10 – P50 – P90; groep = alle deelnemers samen, eigen "
        "aandeel = {naam})",
        "Opportunities per taakveld (× € 1,000, P10 – P50 – P90; group = all members together, "
        "own share = {naam})",
    ),
    "groep_jaar": ("Groep per jaar", "Group per year"),
    "eigen_jaar": ("Eigen aandeel per jaar", "Own share per year"),
    "cw_groep": ("Contante waarde groep", "Present value group"),
    "autonomie_eigen": ("Autonomieverlies eigen (0–1)", "Own autonomy loss (0–1)"),
    "autonomie_groep": (
        "Autonomieverlies groep (som, elk 0–1)",
        "Group autonomy loss (sum, each 0–1)",
    ),
    "partnersets_kol": ("Partnersets", "Partner sets"),
    "al_in_overstap": (
        "telt met de overstapprior: bestaande samenwerking één keer geteld",
        "counted with the switching prior: existing cooperation counted once",
    ),
    "autonomieprijs_hint_advies": (
        "Wat het college één eenheid eigen autonomieverlies (schaal 0–1) per deelnemende "
        "gemeente waard vindt; 0 telt alleen geld.",
        "What the executive considers one unit of own autonomy loss (scale 0–1) per member "
        "worth; 0 counts only money.",
    ),
    "geenbewijs_label": (
        "Ook taakvelden zonder bewijs van besparing tonen",
        "Also show taakvelden without evidence of a saving",
    ),
    "register_bron_live": (
        "bestaande regelingen uit het register van deze applicatie (versie {versie}); "
        "wijzigingen zijn direct zichtbaar.",
        "existing arrangements from this application's register (version {versie}); edits "
        "show at once.",
    ),
    "belegd_titel": ("Al belegd in een bestaande regeling", "Already covered by an arrangement"),
    "belegd_evalueer": ("evalueer {regeling}", "evaluate {regeling}"),
    "niet_kans_titel": ("Geen kans", "Not an opportunity"),
    "meerkosten_lijst": (
        "Meerkosten (samenwerken kost hier naar verwachting geld)",
        "Extra cost (cooperating is expected to cost money here)",
    ),
    "geen_bewijs_lijst": ("Geen bewijs van besparing", "No evidence of a saving"),
    "geen_bewijs_toon": ("toon ook deze taakvelden", "show these taakvelden too"),
    "geen_groep_lijst": (
        "Geen aaneengesloten groep binnen de gekozen grenzen",
        "No contiguous group within the chosen limits",
    ),
    "vergelijkbaar_titel": ("Vergelijkbare gemeenten", "Comparable gemeenten"),
    "vergelijkbaar_uitleg": (
        "De {n} gemeenten die qua structuur het meest op {naam} lijken ({kenmerken}):",
        "The {n} gemeenten structurally closest to {naam} ({kenmerken}):",
    ),
    # --- regions
    "regios_index_titel": ("Regio's", "Regions"),
    "regios_index_intro": (
        "Bestaande regio-indelingen (CBS Gebiedsindelingen 2024). Kies een regio om de gemeenten "
        "te zien en, waar beschikbaar, de beste indeling in samenwerkingsverbanden.",
        "Existing regional divisions (CBS Gebiedsindelingen 2024). Choose a region to see its "
        "municipalities and, where available, the best grouping into cooperations.",
    ),
    "aantal_gemeenten": ("Aantal gemeenten", "Number of municipalities"),
    "regio_kaart_uitleg": (
        "De gemeenten van {regio}; de kleur geeft de groep in de indeling.",
        "The municipalities of {regio}; the colour gives the group in the grouping.",
    ),
    "regio_kaart_label": ("De gemeenten van {regio}", "The municipalities of {regio}"),
    "verdeling_titel": ("Eerlijke kostenverdeling", "Fair cost sharing"),
    "verdeling_intro": (
        "Kies gemeenten uit deze regio (2 tot {max}) en een taakveld. Regiokompas berekent wat "
        "de samenwerking per jaar kost en verdeelt die kosten op verschillende manieren: naar "
        "inwoners, naar gebruik, met een vast en een variabel deel, en met de Shapley-waarde en "
        "de nucleolus. Het toetst of een verdeling in de kern ligt: of geen deelgroep het "
        "alleen goedkoper kan.",
        "Choose municipalities from this region (2 to {max}) and a taakveld. Regiokompas "
        "computes what the cooperation costs per year and shares the cost in several ways: by "
        "inhabitants, by use, with a fixed and a variable part, and with the Shapley value and "
        "the nucleolus. It checks whether an allocation lies in the core: whether no subgroup "
        "could do it cheaper on its own.",
    ),
    "verdeling_leden": ("Gemeenten in de groep", "Municipalities in the group"),
    "verdeling_knop": ("Verdeling berekenen", "Compute the sharing"),
    "verdeling_samenvatting": (
        "Samen kost {taakveld} {groep} (× € 1.000 per jaar), alleen samen {alleen}.",
        "Together {taakveld} costs {groep} (× € 1,000 per year), separately {alleen} in total.",
    ),
    "verdeling_loont": ("Samenwerken loont voor de groep.", "Cooperation pays for the group."),
    "verdeling_loont_niet": (
        "Samenwerken loont niet: samen is niet goedkoper dan ieder alleen.",
        "Cooperation does not pay: together is not cheaper than each alone.",
    ),
    "verdeling_kern_leeg": (
        "De kern is leeg: elke verdeling laat een deelgroep beter af alleen.",
        "The core is empty: every allocation leaves some subgroup better off alone.",
    ),
    "verdeling_tabel": (
        "Bijdrage per gemeente (× € 1.000 per jaar)",
        "Contribution per municipality (× € 1,000 per year)",
    ),
    "alleen": ("Alleen", "Alone"),
    "methode_inwoners": ("Per inwoner", "Per inhabitant"),
    "methode_vast-variabel": ("Vast + per inwoner", "Fixed + per inhabitant"),
    "methode_gebruik": ("Naar gebruik", "By use"),
    "methode_shapley": ("Shapley-waarde", "Shapley value"),
    "methode_nucleolus": ("Nucleolus", "Nucleolus"),
    "methode_kleinste-kern": ("Kleinste kern", "Least core"),
    "in_kern": ("In de kern?", "In the core?"),
    "ja": ("ja", "yes"),
    "nee": ("nee", "no"),
    "blokkade": (
        "{coalitie} betaalt {overschot} te veel en is alleen beter af",
        "{coalitie} pays {overschot} too much and is better off alone",
    ),
    "beter_alleen": ("Beter af alleen", "Better off alone"),
    "niemand": ("niemand", "nobody"),
    "regio_leden_titel": ("Gemeenten in deze regio", "Municipalities in this region"),
    "groep": ("Groep", "Group"),
    "indeling_titel": (
        "Beste indeling in samenwerkingsverbanden",
        "Best grouping into cooperations",
    ),
    "alleen_geen_groep": ("blijft alleen (geen groep)", "stays alone (no group)"),
    "regio_instellingen": ("Taak en samenwerkingsvorm", "Task and form of cooperation"),
    "regio_instellingen_uitleg": (
        "Deze keuzes gelden voor de indeling en voor de kostenverdeling hieronder.",
        "These choices apply to the grouping and to the cost sharing below.",
    ),
    "indeling_uitleg": (
        "De regio-optimalisatie deelt de gemeenten van deze regio in aaneengesloten groepen in "
        "(elke gemeente in precies één groep, of alleen) zodat de totale netto waarde maximaal "
        "is: besparing min transactiekosten min de prijs van autonomie. Het resultaat noemt een "
        "bewezen bovengrens: geen indeling kan meer opleveren.",
        "The region optimiser splits this region's municipalities into contiguous groups (each "
        "in exactly one group, or alone) so that the total net value is maximal: saving minus "
        "transaction costs minus the price of autonomy. The result states a proven upper bound: "
        "no grouping can yield more.",
    ),
    "groepsgrootte_label": ("Grootste groep (gemeenten)", "Largest group (municipalities)"),
    "autonomieprijs_label": (
        "Prijs van autonomie (× € 1.000 per punt per jaar)",
        "Price of autonomy (× € 1,000 per point per year)",
    ),
    "autonomieprijs_hint": (
        "Hoeveel het college een punt autonomieverlies waard vindt; 0 telt alleen geld. Dit is "
        "de sturing (democratische controle) in geld; de eigen sturingsscore per taakveld staat "
        "bij 'Wat moet' in de vier-K-tabel.",
        "What the executive considers one point of autonomy loss worth; 0 counts only money. "
        "This is control (democratic oversight) priced in money; the executive's own control "
        "score per task is in the 4K table under 'Wat moet'.",
    ),
    "indeling_knop": ("Indeling berekenen", "Compute the grouping"),
    "indeling_resultaat": (
        "Totale netto waarde {doel} (× € 1.000 per jaar); bewezen bovengrens {grens}; "
        "optimaliteitsgat {gat}.",
        "Total net value {doel} (× € 1,000 per year); proven upper bound {grens}; optimality "
        "gap {gat}.",
    ),
    "status_optimaal": ("Bewezen optimaal.", "Proven optimal."),
    "status_tijdslimiet": (
        "De tijdslimiet stopte de zoektocht; het gat zegt hoeveel beter het hoogstens kan.",
        "The time limit stopped the search; the gap says how much better it can be at most.",
    ),
    "indeling_tabel": ("Groepen (× € 1.000 per jaar)", "Groups (× € 1,000 per year)"),
    "verdeel_deze_groep": ("Verdeel de kosten van deze groep", "Share the costs of this group"),
    "indeling_groot": (
        "Deze regio heeft {n} gemeenten; de indeling wordt op verzoek berekend (dat kan tot "
        "{s} seconden duren).",
        "This region has {n} municipalities; the grouping is computed on request (this can take "
        "up to {s} seconds).",
    ),
    # --- stability map on the region page (issue 17)
    "stabiliteit_titel": ("Hoe stabiel is deze indeling?", "How stable is this grouping?"),
    "stabiliteit_uitleg": (
        "De besparing per taakveld is onzeker. Hier is de regio opnieuw ingedeeld voor {n} "
        "trekkingen van de besparingspercentages uit de literatuur (modus literatuur): hoe vaak "
        "zitten twee buren in één groep, en hoe vaak komt een groep van de verwacht-beste "
        "indeling precies zo terug?",
        "Savings per taakveld are uncertain. Here the region is grouped anew for {n} draws of "
        "the saving rates from the literature (literature mode): how often do two neighbours "
        "share a group, and how often does a group of the expected-best grouping come back "
        "exactly?",
    ),
    "stabiliteit_knop": ("Stabiliteit berekenen", "Compute stability"),
    "stabiliteit_kaart_label": (
        "Kaart van {regio}: lijnen tussen buren, dikker naarmate ze vaker samen in een groep "
        "zitten",
        "Map of {regio}: lines between neighbours, thicker the more often they share a group",
    ),
    "stabiliteit_klasse": (
        "samen in ≥ {vanaf} van de trekkingen",
        "together in ≥ {vanaf} of draws",
    ),
    "stabiliteit_resultaat": (
        "{bewezen} van de {n} trekkingen bewezen optimaal opgelost; grootste gat van de overige "
        "{gat}.",
        "{bewezen} of the {n} draws solved to proven optimality; largest gap of the others {gat}.",
    ),
    "stabiliteit_groepen": (
        "Groepen van de verwacht-beste indeling: aandeel trekkingen met precies deze groep",
        "Groups of the expected-best grouping: share of draws with exactly this group",
    ),
    "stabiliteit_paren": (
        "Buurparen: aandeel trekkingen waarin ze samen in een groep zitten",
        "Neighbour pairs: share of draws in which they share a group",
    ),
    "buur": ("Buur", "Neighbour"),
    "aandeel_trekkingen": ("Aandeel trekkingen", "Share of draws"),
    # --- API page
    "api_titel": ("De Regiokompas-API", "The Regiokompas API"),
    "api_intro": (
        "Alle gegevens van deze site zijn ook als JSON beschikbaar onder /api/v1 "
        "(versie {versie}). "
        "De API volgt de NLGov REST API Design Rules: namen in het Nederlands en meervoud, geen "
        "slash aan het eind, een API-Version-header en fouten als application/problem+json.",
        "All data on this site is also available as JSON under /api/v1 (version {versie}). The "
        "API follows the NLGov REST API Design Rules: Dutch plural resource names, no trailing "
        "slash, an API-Version header and errors as application/problem+json.",
    ),
    "api_openapi": ("de beschrijving in OpenAPI 3", "the OpenAPI 3 description"),
    "api_operaties": ("Bewerkingen", "Operations"),
    "api_methode": ("Methode", "Method"),
    "api_pad": ("Pad", "Path"),
    "api_omschrijving": ("Omschrijving", "Description"),
    "api_voorbeeld": ("Voorbeeld", "Example"),
    "api_regels": (
        "Foutmeldingen komen in het Nederlands, of in het Engels met de header "
        "Accept-Language: en.",
        "Error messages are in Dutch, or in English with the header Accept-Language: en.",
    ),
    # --- accessibility statement
    "toegankelijkheid_titel": ("Toegankelijkheidsverklaring", "Accessibility statement"),
    "toeg_intro": (
        "Regiokompas wil voor iedereen bruikbaar zijn, ook voor mensen die een schermlezer, "
        "vergroting of alleen een toetsenbord gebruiken. Overheidswebsites moeten voldoen aan "
        "WCAG 2.1 niveau AA (EN 301 549); dat is ook onze norm.",
        "Regiokompas aims to be usable by everyone, including people who use a screen reader, "
        "magnification or only a keyboard. Dutch public-sector websites must meet WCAG 2.1 "
        "level AA (EN 301 549); that is our standard too.",
    ),
    "toeg_status_kop": ("Status", "Status"),
    "toeg_status": (
        "Deze site voldoet gedeeltelijk aan WCAG 2.1 AA. Dit oordeel is een zelfevaluatie: bij "
        "elke wijziging draait de geautomatiseerde toets axe-core in een echte browser op elke "
        "pagina en meldt nul overtredingen van WCAG 2.1 A en AA. Geautomatiseerde toetsen vinden "
        "niet alles; een onderzoek door een externe deskundige heeft nog niet plaatsgevonden.",
        "This site partially meets WCAG 2.1 AA. This is a self-assessment: with every change the "
        "automated checker axe-core runs in a real browser on every page and reports zero "
        "violations of WCAG 2.1 A and AA. Automated checks do not find everything; an audit by "
        "an external expert has not taken place yet.",
    ),
    "toeg_maatregelen_kop": ("Wat we doen", "What we do"),
    "toeg_m1": (
        "Elke pagina heeft een link 'Direct naar de inhoud', kopjes in logische volgorde en "
        "herkenbare gebieden (kop, navigatie, inhoud, voettekst).",
        "Every page has a 'Skip to content' link, headings in logical order and landmarks "
        "(header, navigation, main content, footer).",
    ),
    "toeg_m2": (
        "Alles werkt met het toetsenbord en zonder JavaScript: instellingen zijn gewone "
        "formulieren met een label bij elk veld en een zichtbare focus.",
        "Everything works with the keyboard and without JavaScript: settings are plain forms "
        "with a label on every field and a visible focus.",
    ),
    "toeg_m3": (
        "Elke kaart en grafiek heeft een tabel met dezelfde cijfers, met kolom- en rijkoppen.",
        "Every map and chart has a table with the same figures, with column and row headers.",
    ),
    "toeg_m4": (
        "Tekst heeft voldoende contrast (minstens 4,5:1) en de pagina's werken bij 200% "
        "vergroting en op een smal scherm.",
        "Text has sufficient contrast (at least 4.5:1) and the pages work at 200% zoom and on a "
        "narrow screen.",
    ),
    "toeg_m5": (
        "De site laadt niets van andere servers: scripts, stijlen en kaarten komen van de "
        "applicatie zelf, zodat hij ook zonder internetverbinding werkt.",
        "The site loads nothing from other servers: scripts, styles and maps come from the "
        "application itself, so it also works without an internet connection.",
    ),
    "toeg_beperkingen_kop": ("Bekende beperkingen", "Known limitations"),
    "toeg_b1": (
        "De interactieve grafieken (Plotly) zijn niet met het toetsenbord te bedienen en een "
        "schermlezer leest ze niet voor; de tabel onder elke grafiek bevat dezelfde cijfers.",
        "The interactive charts (Plotly) cannot be operated with the keyboard and a screen "
        "reader does not read them; the table below each chart holds the same figures.",
    ),
    "toeg_b2": (
        "Op de kaarten zijn gemeenten niet afzonderlijk met het toetsenbord te kiezen; de tabel "
        "bij de kaart noemt elke gemeente met een link.",
        "On the maps, municipalities cannot be selected one by one with the keyboard; the table "
        "next to the map lists every municipality with a link.",
    ),
    "toeg_b3": (
        "Kleuren op de kaarten verschillen soms alleen in lichtheid; de legenda en de tabel "
        "geven de waarden in tekst.",
        "Colours on the maps sometimes differ only in lightness; the legend and the table give "
        "the values in text.",
    ),
    "toeg_contact_kop": ("Contact", "Contact"),
    "toeg_contact": (
        "Loopt u tegen een probleem aan? Meld het bij de beheerder van deze installatie of als "
        "issue in de projectrepository van Regiokompas.",
        "Did you run into a problem? Report it to the administrator of this installation or as "
        "an issue in the Regiokompas project repository.",
    ),
    # --- glossary (/woordenlijst; the terms themselves are in regiokompas/glossary/termen.toml)
    "woordenlijst_titel": ("Woordenlijst", "Glossary"),
    "woordenlijst_intro": (
        "De vaktermen die Regiokompas gebruikt, in gewone taal. Begrippen uit de speltheorie en "
        "de optimalisatie noemen de publicatie waar ze vandaan komen; begrippen uit de wet noemen "
        "de wet.",
        "The technical terms Regiokompas uses, in plain language. Terms from game theory and "
        "optimisation name the publication they come from; legal terms name the law.",
    ),
    "woordenlijst_andere_taal": ("Engels", "Dutch"),
    "woordenlijst_begrippen": ("Begrippen in de woordenlijst", "Terms in the glossary"),
}


def translate(key: str, language: str = "nl", **values: object) -> str:
    """The text for ``key`` in ``language`` (Dutch when unknown), with placeholders filled.

    A missing key raises ``KeyError`` so a typo cannot ship silently.
    """
    nl, en = MESSAGES[key]
    text = en if language == "en" else nl
    return text.format(**values) if values else text


def format_number(value: float | int | None, language: str = "nl", decimals: int = 0) -> str:
    """A number with the language's separators: ``1.234,5`` (nl) or ``1,234.5`` (en).

    >>> format_number(None)
    '–'
    >>> format_number(-0.4, "en"), format_number(-1234.5, "en", 1)
    ('0', '-1,234.5')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if round(value, decimals) == 0:
        value = 0  # no "-0"
    text = f"{value:,.{decimals}f}"
    if language == "en":
        return text
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
