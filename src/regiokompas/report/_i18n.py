"""The chapter's texts in Dutch (the source) or English: gettext domain ``hoofdstuk``.

Mark a chapter string with :func:`_` (translated now) or :data:`N_` (a constant translated
where it is used); sentences with a count go through :func:`ngettext`, so Dutch and English
each get their own plural ("grenst aan 1 gemeente", "borders 1 municipality"). Texts the
engines write come through :func:`engine_text` (domain ``regiokompas``, owned by the engines).
"""

from __future__ import annotations

from regiokompas.i18n import N_, format_number
from regiokompas.i18n import gettext as _gettext
from regiokompas.i18n import ngettext as _ngettext

__all__ = ["DOMAIN", "N_", "_", "engine_text", "format_number", "ngettext"]

DOMAIN = "hoofdstuk"


def _(message: str, language: str) -> str:
    """``message`` (Dutch) in ``language``.

    >>> _("Bronnen", "en"), _("Bronnen", "nl")
    ('Sources', 'Bronnen')
    """
    return _gettext(message, language, domain=DOMAIN)


def ngettext(singular: str, plural: str, n: int, language: str) -> str:
    """The form of a sentence for ``n`` in ``language``.

    >>> ngettext("{naam} grenst aan één gemeente: {namen}.",
    ...          "{naam} grenst aan {n} gemeenten: {namen}.", 1, "nl")
    '{naam} grenst aan één gemeente: {namen}.'
    """
    return _ngettext(singular, plural, n, language, domain=DOMAIN)


def engine_text(text: str, language: str) -> str:
    """A sentence an engine wrote (Dutch), in ``language`` when the engines' catalogue has it."""
    return _gettext(text, language, domain="regiokompas")
