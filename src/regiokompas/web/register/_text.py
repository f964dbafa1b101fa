"""The register's texts in the ``web`` gettext domain (English in ``web.po``).

Most texts are Dutch literals in the register templates (``{{ _('...') }}``). The Dutch that
the code chooses at run time (roles, classes, audit actions, page titles and messages) is listed
in :data:`TEXTS` with ``N_`` so that ``make catalogi`` extracts it; :func:`translator` returns
the function the pages call ``t``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from regiokompas.i18n import N_
from regiokompas.web.shared.i18n import gettext

__all__ = ["TEXTS", "translator"]

#: Dutch texts chosen at run time, marked for extraction (translated when shown).
TEXTS: tuple[str, ...] = (
    N_("beheerder"),
    N_("redacteur"),
    N_("lezer"),
    N_("aangemaakt"),
    N_("geimporteerd"),
    N_("gewijzigd"),
    N_("hersteld"),
    N_("Register van samenwerkingsverbanden"),
    N_("Verwijderde regelingen (te herstellen)"),
    N_("Geen toestemming"),
    N_("Intussen gewijzigd"),
    N_("Formulier verlopen"),
    N_(
        "Het formulier is verlopen of niet van deze site (CSRF-controle). Laad "
        "de pagina opnieuw en probeer het nog eens."
    ),
    N_("Inloggen nodig"),
    N_("Log in om het register te wijzigen."),
    N_("Gemeente niet gevonden"),
    N_("Onbekende gebruikersnaam of onjuist wachtwoord."),
    N_("Geen bestand"),
    N_("Kies een .csv- of .xlsx-bestand."),
    N_("Bestand te groot"),
    N_("Het bestand is groter dan 5 MB."),
    N_("Alleen een beheerder laadt startgegevens."),
    N_("Bewerken: {naam}"),
    N_("{n} regelingen geïmporteerd uit {bestand}."),
)


def translator(language: str) -> Callable[[str], str]:
    """``t(dutch)``: the text in ``language`` from the ``web`` catalogue (Dutch as given)."""
    return partial(gettext, language=language)
