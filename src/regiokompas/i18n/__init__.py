"""Dutch and English for every surface of Regiokompas: gettext catalogues and one formatter.

Texts are marked in the source with :func:`gettext`, :func:`ngettext` or :data:`N_` (Dutch is
the source language), extracted per domain with Babel (``make catalogi``) and translated in
``locale/en/LC_MESSAGES/<domain>.po``. Numbers, amounts, percentages and dates are written by
:func:`format_number` and its siblings on Babel's ``nl_NL``/``en_GB`` locale data.

This package is part of the core: it imports nothing from the web, CLI or database code.

>>> gettext("Bron", "nl", domain="cli"), format_number(1234.5, "en", 1)
('Bron', '1,234.5')
"""

from regiokompas.i18n._catalogue import (
    DEFAULT_DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    domains,
    gettext,
    language_from_env,
    ngettext,
    normalise_language,
    translations,
)
from regiokompas.i18n._format import (
    LOCALES,
    MISSING,
    format_date,
    format_money,
    format_number,
    format_percent,
    matplotlib_number_formatter,
    plotly_separators,
)
from regiokompas.i18n._refill import refill, template_match
from regiokompas.i18n._validation import FieldMessage, validation_message, validation_messages

__all__ = [
    "DEFAULT_DOMAIN",
    "FieldMessage",
    "LANGUAGES",
    "LOCALES",
    "LOCALE_DIR",
    "MISSING",
    "N_",
    "domains",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "gettext",
    "language_from_env",
    "matplotlib_number_formatter",
    "ngettext",
    "normalise_language",
    "plotly_separators",
    "refill",
    "template_match",
    "translations",
    "validation_message",
    "validation_messages",
]
