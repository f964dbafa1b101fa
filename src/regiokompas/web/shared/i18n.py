"""The web's texts: Dutch in the templates and the code, English in the ``web`` catalogue.

Dutch is the source language: a template writes ``{{ _("Bron") }}`` (Jinja2's i18n
extension, :mod:`regiokompas.web.shared.templating` installs the callables per language) and
Python code writes ``gettext("Bron", lang)``; ``make catalogi`` extracts the Dutch message ids
and the English lives in ``src/regiokompas/i18n/locale/en/LC_MESSAGES/web.po``. Placeholders are
``{name}`` and filled with ``str.format``. Values chosen at run time (an oordeel, a method) are
looked up in :data:`LABELS`, whose Dutch is marked with ``N_`` so extraction finds it.

>>> gettext("Zoeken", "en")
'Search'
>>> gettext("{n} van {t} taakvelden", "nl", n=2, t=5)
'2 van 5 taakvelden'
>>> value_label("methode", "inwoners", "en")
'By population'
>>> format_number(1234567.891, "nl", 1)
'1.234.567,9'
"""

from __future__ import annotations

from regiokompas.i18n import DEFAULT_DOMAIN, LANGUAGES, N_, format_number, translations
from regiokompas.i18n import gettext as _core_gettext

__all__ = [
    "DOMAIN",
    "LABELS",
    "LANGUAGES",
    "engine_text",
    "format_number",
    "gettext",
    "ngettext",
    "value_label",
]

#: The gettext domain of the web app's own texts (the engines' texts are in "regiokompas").
DOMAIN = "web"

#: Labels for values chosen at run time: kind -> value -> Dutch (translated when shown).
LABELS: dict[str, dict[str, str]] = {
    "oordeel": {
        "besparing": N_("besparing"),
        "geen bewijs van besparing": N_("geen bewijs van besparing"),
        "meerkosten": N_("meerkosten"),
        "verkenning": N_("verkenning, geen oordeel"),
    },
    "soort": {
        "eenmalig": N_("eenmalig, uit de contante waarde"),
        "jaarlijks": N_("per jaar"),
    },
    "status": {
        "optimaal": N_("Bewezen optimaal."),
        "tijdslimiet": N_(
            "De tijdslimiet stopte de zoektocht; het gat zegt hoeveel beter het hoogstens kan."
        ),
    },
    "methode": {
        "inwoners": N_("Per inwoner"),
        "vast-variabel": N_("Vast + per inwoner"),
        "gebruik": N_("Naar gebruik"),
        "shapley": N_("Shapley-waarde"),
        "nucleolus": N_("Nucleolus"),
        "kleinste-kern": N_("Kleinste kern"),
    },
    "modus": {
        "fitted": N_("Kostenmodel op Iv3-data (geschat)"),
        "literature": N_("Literatuur (aannames met bron)"),
    },
    "schaal": {
        "schaalvoordelen": N_(
            "Het kostenmodel vindt schaalvoordelen op dit taakveld: de "
            "lasten per inwoner dalen met de omvang (elasticiteit {mid}, "
            "90%-interval {laag} tot {hoog}; {n} waarnemingen, "
            "jaarrekeningen {jaren})."
        ),
        "geen bewijs": N_(
            "Geen bewijs van schaalvoordelen: het 90%-interval van de "
            "elasticiteit ({laag} tot {hoog}) bevat nul ({n} "
            "waarnemingen, jaarrekeningen {jaren}). Samenwerking bespaart "
            "hier volgens de cijfers niet aantoonbaar; de kaart kleurt "
            "daarom geen kansen."
        ),
        "schaalnadelen": N_(
            "Schaalnadelen: grotere gemeenten geven hier méér uit per "
            "inwoner (elasticiteit {mid}, 90%-interval {laag} tot "
            "{hoog}). Samenwerking om schaal bespaart hier niet."
        ),
        "niet_geschat": N_(
            "Het kostenmodel is voor dit taakveld niet geschat (te weinig gemeenten met lasten)."
        ),
        "literatuur": N_(
            "Literatuurmodus: besparing {p10} tot {p90} (P10–P90, mediaan "
            "{p50}) van het samenwerkbare deel. Bron: {bron}."
        ),
    },
}


def gettext(message: str, language: str = "nl", **values: object) -> str:
    """``message`` (Dutch) in ``language``, with ``{name}`` placeholders filled from ``values``."""
    text = translations(language, DOMAIN).gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, language: str = "nl", **values: object) -> str:
    """The form of a message for ``n`` in ``language``; ``{n}`` and ``values`` are filled.

    >>> ngettext("{n} gemeente", "{n} gemeenten", 1, "nl")
    '1 gemeente'
    """
    text = translations(language, DOMAIN).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def value_label(kind: str, value: str, language: str = "nl") -> str:
    """The label of ``value`` of ``kind`` (see :data:`LABELS`) in ``language``; ``value``
    itself when it has no label, so a new engine value shows rather than failing."""
    dutch = LABELS.get(kind, {}).get(value)
    return value if dutch is None else gettext(dutch, language)


def engine_text(text: str, language: str = "nl") -> str:
    """A text from an engine (savings, advice, duties...) in ``language``, from the engines'
    ``regiokompas`` domain, so one translation serves page, CLI and chapter."""
    return _core_gettext(text, language, domain=DEFAULT_DOMAIN)
