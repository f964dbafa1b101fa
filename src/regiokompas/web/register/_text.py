"""English for the register's pages. The Dutch text is the key (the pages are written in
Dutch); :func:`translator` returns the English where the page language is English. A test
checks that every ``t('...')`` in the register templates has an English entry."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["EN", "translator"]

EN: dict[str, str] = {
    # roles, classes, audit actions
    "beheerder": "administrator",
    "redacteur": "editor",
    "lezer": "reader",
    "samenwerking": "cooperation",
    "uitbesteding": "outsourcing",
    "aangemaakt": "created",
    "geimporteerd": "imported",
    "gewijzigd": "changed",
    "verwijderd": "deleted",
    "hersteld": "restored",
    # page texts
    "Een beheerder kan de startgegevens laden (regio's 2024; GR's en regioatlas 2016).": (
        "An administrator can load the seed records (2024 regions; 2016 joint arrangements "
        "and regioatlas)."
    ),
    "Startgegevens laden (regio's 2024; GR's en regioatlas 2016, historisch)": (
        "Load seed records (2024 regions; 2016 joint arrangements and regioatlas, historical)"
    ),
    "1 betekent: elke regeling een andere set": "1 means: every arrangement a different set",
    "Actie": "Action",
    "Alles of niets: bevat één rij een fout, dan wordt niets opgeslagen en staat hieronder per rij wat er mis is.": (  # noqa: E501
        "All or nothing: if one row has an error, nothing is saved and the report below says "
        "per row what is wrong."
    ),
    "Begroting (k€ per jaar)": "Budget (k€ per year)",
    "Bestaande partners (meeste gedeelde regelingen eerst)": (
        "Existing partners (most shared arrangements first)"
    ),
    "Bestand (.csv of .xlsx, hoogstens 5 MB)": "File (.csv or .xlsx, at most 5 MB)",
    "Bewerken": "Edit",
    "Bijdrage (k€ per jaar)": "Contribution (k€ per year)",
    "Bron (jaar)": "Source (year)",
    "Bron van dit record": "Source of this record",
    "Bron": "Source",
    "Bron: register Regiokompas; per regeling de bron en brondatum op de detailpagina.": (
        "Source: Regiokompas register; each arrangement's source and date on its detail page."
    ),
    "Brondatum": "Source date",
    "Classificatie": "Classification",
    "Classificatieregel:": "Classification rule:",
    "Code": "Code",
    "Congruentie van": "Congruence of",
    "De regeling is niet opgeslagen": "The arrangement was not saved",
    "Deelnemer": "Participant",
    "Deelnemers": "Participants",
    "Democratische controle en zeggenschap": "Democratic control and governance",
    "Deze regeling is verwijderd.": "This arrangement has been deleted.",
    "Een CSV- (UTF-8, komma of puntkomma) of Excel-bestand (XLSX) met één regeling per rij, in de vorm van de export.": (  # noqa: E501
        "A CSV file (UTF-8, comma or semicolon) or Excel file (XLSX) with one arrangement per "
        "row, in the form of the export."
    ),
    "Evaluatiedatum": "Evaluation date",
    "Exporteren:": "Export:",
    "Eén per regel: gemeentecode of -naam, of overig:Naam voor een andere partij; met bijdrage in k€ per jaar: GM0513 = 120,5.": (  # noqa: E501
        "One per line: gemeente code or name, or overig:Name for another party; with a "
        "contribution in k€ per year: GM0513 = 120.5."
    ),
    "Gebruikersnaam": "User name",
    "Geen account? Een beheerder maakt er een met": "No account? An administrator creates one with",
    "Gegevens": "Details",
    "Gemeente (naam of code)": "Gemeente (name or code)",
    "Gemeente": "Gemeente",
    "Gemeenten": "Gemeenten",
    "Gescheiden door ; bijvoorbeeld 7.3; 7.4": "Separated by ; for example 7.3; 7.4",
    "Gezamenlijk bestuur door de gemeenten": "Joint governance by the gemeenten",
    "Gezamenlijke raadscommissie": "Joint council committee",
    "Handmatige classificatie": "Manual classification",
    "Het register is leeg.": "The register is empty.",
    "Historisch / te verifiëren": "Historical / to be verified",
    "Importeren": "Import",
    "Ingelogd als": "Logged in as",
    "Inloggen voor het register": "Log in to the register",
    "Inloggen": "Log in",
    "Klasse": "Class",
    "Naam bevat": "Name contains",
    "Naam": "Name",
    "Nieuw": "New",
    "Nieuwe regeling": "New arrangement",
    "Opmerking": "Note",
    "Opslaan": "Save",
    "Oud": "Old",
    "Probleem": "Problem",
    "Reden (verplicht bij handmatige classificatie)": (
        "Reason (required for a manual classification)"
    ),
    "Regel:": "Rule:",
    "Regeling": "Arrangement",
    "Regelingen importeren": "Import arrangements",
    "Regelingen waarin gemeenten samenwerken of taken uitbesteden, met deelnemers, taakvelden, bijdragen en democratische controle. Elke regeling noemt haar bron en brondatum; regelingen uit 2016 zijn historisch en moeten worden nagelopen.": (  # noqa: E501
        "Arrangements in which gemeenten cooperate or outsource tasks, with participants, "
        "taakvelden, contributions and democratic control. Each names its source and date; "
        "arrangements from 2016 are historical and need to be verified."
    ),
    "Regelingen": "Arrangements",
    "Register": "Register",
    "Rij": "Row",
    "Startdatum": "Start date",
    "Status": "Status",
    "Taakvelden (Iv3)": "Taakvelden (Iv3)",
    "Taakvelden": "Taakvelden",
    "Terug naar het register": "Back to the register",
    "Terug": "Back",
    "Tijdstip": "Time",
    "Uitloggen": "Log out",
    "Uittredingsvoorwaarden": "Exit terms",
    "Validatierapport": "Validation report",
    "Veld": "Field",
    "Verplichte kolommen:": "Required columns:",
    "Verwijderde regelingen": "Deleted arrangements",
    "Verwijderen (te herstellen)": "Delete (can be undone)",
    "Verwijderen ongedaan maken": "Undo delete",
    "Vorm": "Form",
    "Wachtwoord": "Password",
    "Welke regelingen": "Which arrangements",
    "Wie": "Who",
    "Wijzigingsgeschiedenis (tijden in UTC)": "Change history (times in UTC)",
    "Zienswijzerecht van de raden": "Councils may give their views (zienswijze)",
    "Zoeken": "Search",
    "actueel": "current",
    "alle": "all",
    "alleen actueel": "current only",
    "alleen historisch (2016)": "historical only (2016)",
    "datum onbekend": "date unknown",
    "fout(en); er is niets opgeslagen": "error(s); nothing was saved",
    "historisch, te verifiëren": "historical, to be verified",
    "index": "index",
    "ja": "yes",
    "met andere gemeenten": "with other gemeenten",
    "met de meest voorkomende set": "with the most common set",
    "nee": "no",
    "om te wijzigen, te importeren of de wijzigingsgeschiedenis te zien.": (
        "to edit, import or see the change history."
    ),
    "onbekend": "unknown",
    "overig": "other",
    "regelingen": "arrangements",
    "register": "register",
    "te verifiëren": "to be verified",
    "toegestaan:": "allowed:",
    "verschillende partnersets": "different partner sets",
    "versie": "version",
    "volgens de regel": "by the rule",
    "voor": "for",
    "De raden hebben zienswijzerecht": "The councils may give their views (zienswijze)",
    "Er is een gezamenlijke raadscommissie": "There is a joint council committee",
    "De gemeenten besturen samen (bij privaatrechtelijke vormen)": (
        "The gemeenten govern it jointly (for private-law forms)"
    ),
    "Historisch record": "Historical record",
    "Nog te verifiëren": "Still to be verified",
    # texts set by the page code
    "Register van samenwerkingsverbanden": "Register of cooperation arrangements",
    "Verwijderde regelingen (te herstellen)": "Deleted arrangements (can be restored)",
    "Geen toestemming": "Forbidden",
    "Niet gevonden": "Not found",
    "Intussen gewijzigd": "Changed meanwhile",
    "Ongeldige invoer": "Invalid input",
    "Formulier verlopen": "Form expired",
    "Het formulier is verlopen of niet van deze site (CSRF-controle). Laad de pagina opnieuw en probeer het nog eens.": (  # noqa: E501
        "The form has expired or is not from this site (CSRF check). Reload the page and try again."
    ),
    "Inloggen nodig": "Login required",
    "Log in om het register te wijzigen.": "Log in to change the register.",
    "Gemeente niet gevonden": "Gemeente not found",
    "Onbekende gebruikersnaam of onjuist wachtwoord.": "Unknown user name or wrong password.",
    "Geen bestand": "No file",
    "Kies een .csv- of .xlsx-bestand.": "Choose a .csv or .xlsx file.",
    "Bestand te groot": "File too large",
    "Het bestand is groter dan 5 MB.": "The file is larger than 5 MB.",
    "Alleen een beheerder laadt startgegevens.": "Only an administrator loads seed records.",
    "Bewerken: {naam}": "Edit: {naam}",
    "{n} regelingen geïmporteerd uit {bestand}.": "{n} arrangements imported from {bestand}.",
}


def translator(language: str) -> Callable[[str], str]:
    """``t(dutch)``: the text in ``language`` (Dutch as given; English from :data:`EN`)."""
    if language != "en":
        return lambda text: text
    return lambda text: EN.get(text, text)
