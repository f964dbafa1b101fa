"""The source lines of a savings estimate, composed in Dutch and shown in any language.

A :class:`~regiokompas.savings.SavingsEstimate` keeps its sources as Dutch lines (the JSON and
the result caches stay language-free). Each line is one of the templates below filled with
values; :func:`source_in` recognises the template and writes the line in another language:
our own words from the catalogue, the values as they are, and the source note of a taakveld,
form or unit (``bron`` in ``savings/*.csv``) through the catalogue too, where the bundled files'
notes are translated with their citations (authors, journals, ECLI, articles) kept verbatim.
A note from a user's own file is not in the catalogue and is shown as written.

>>> line = source_line(TAAKVELD, reeks="0.61", bron="eigen invoer (deelbaar_aandeel); overig: x")
>>> source_in(line, "en")
'Policy task 0.61: own input (deelbaar_aandeel); other values: x'
>>> source_in(line, "nl") == line
True
"""

from __future__ import annotations

from regiokompas.i18n import N_, gettext, template_match

__all__ = [
    "COST_MODEL",
    "DISCOUNT",
    "FORM",
    "LASTEN",
    "OWN_INPUT",
    "SWITCHING",
    "TAAKVELD",
    "note_in",
    "source_in",
    "source_line",
]

LASTEN = N_("CBS Iv3 jaarrekening {jaar} (lasten per taakveld) en CBS bevolking 1 januari {jaar}")
COST_MODEL = N_("Kostenmodel Regiokompas op {bron}")
TAAKVELD = N_("Taakveld {reeks}: {bron}")
SWITCHING = N_("Overstap (al in een regeling) taakveld {reeks}: {bron}")
FORM = N_("Vorm {vorm}: {bron}")
DISCOUNT = N_(
    "Discontovoet: Werkgroep discontovoet 2020 (standaarddiscontovoet 2,25%), "
    "tenzij anders opgegeven"
)
#: The note of a prior the user overrode: the fields of their own and the bundled note.
OWN_INPUT = N_("eigen invoer ({velden}); overig: {bron}")

_TEMPLATES = (LASTEN, COST_MODEL, SWITCHING, TAAKVELD, FORM, DISCOUNT)


def source_line(template: str, **values: str) -> str:
    """One Dutch source line: ``template`` (one of this module's constants) filled in."""
    return template.format(**values)


def note_in(note: str, language: str) -> str:
    """A source note from ``savings/*.csv`` (or a user's override of one) in ``language``.

    >>> note_in("Aanname Regiokompas: orde van grootte vervanging speeltoestellen en "
    ...         "ondergrond; vervang door een eigen offerte", "en")[:32]
    'Regiokompas assumption: order of'
    >>> note_in("Een eigen notitie", "en")
    'Een eigen notitie'
    """
    if language == "nl":
        return note
    own = template_match(note, OWN_INPUT, ("bron",))
    if own is not None:
        return gettext(OWN_INPUT, language).format(
            velden=own["velden"], bron=note_in(own["bron"], language)
        )
    return gettext(note, language)


def source_in(line: str, language: str) -> str:
    """A Dutch source line of a savings estimate in ``language`` (unchanged in Dutch, and
    unchanged when it follows none of the templates).

    >>> source_in("Discontovoet: Werkgroep discontovoet 2020 (standaarddiscontovoet 2,25%), "
    ...           "tenzij anders opgegeven", "en")[:60]
    'Discount rate: Werkgroep discontovoet 2020 (standard discoun'
    """
    if language == "nl":
        return line
    for template in _TEMPLATES:
        values = template_match(line, template, ("bron",))
        if values is None:
            continue
        if "bron" in values and template != COST_MODEL:
            values["bron"] = note_in(values["bron"], language)
        return gettext(template, language).format(**values)
    return line
