"""Pydantic's validation errors as sentences in the page's or API answer's language.

Pydantic writes its messages in English ("Input should be a valid integer, ..."); its
``errors()`` also give a stable ``type`` and the limits in ``ctx`` (pydantic documentation,
"Validation Errors"). :func:`reason` turns those into a short sentence from the ``web``
catalogue, so a Dutch screen never shows pydantic's English. An unknown type falls back to a
general sentence.

>>> reason({"type": "int_parsing", "msg": "Input should be a valid integer"}, "nl")
'Vul een geheel getal in.'
>>> reason({"type": "less_than_equal", "ctx": {"le": 8}}, "en")
'Enter a number of at most 8.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regiokompas.i18n import N_
from regiokompas.web.shared.i18n import format_number, gettext

__all__ = ["reason"]

#: pydantic error type -> Dutch sentence; ``{name}`` fields come from the error's ``ctx``.
MESSAGES: dict[str, str] = {
    "missing": N_("Dit veld is verplicht."),
    "int_parsing": N_("Vul een geheel getal in."),
    "int_type": N_("Vul een geheel getal in."),
    "int_from_float": N_("Vul een geheel getal in, zonder decimalen."),
    "float_parsing": N_("Vul een getal in."),
    "float_type": N_("Vul een getal in."),
    "finite_number": N_("Vul een eindig getal in."),
    "bool_parsing": N_("Kies ja of nee."),
    "string_type": N_("Vul tekst in."),
    "string_too_short": N_("Vul minstens {min_length} tekens in."),
    "string_too_long": N_("Vul hoogstens {max_length} tekens in."),
    "string_pattern_mismatch": N_("Deze invoer heeft niet de verwachte vorm."),
    "greater_than": N_("Vul een getal groter dan {gt} in."),
    "greater_than_equal": N_("Vul een getal van minstens {ge} in."),
    "less_than": N_("Vul een getal kleiner dan {lt} in."),
    "less_than_equal": N_("Vul een getal van hoogstens {le} in."),
    "literal_error": N_("Kies een van: {expected}."),
    "enum": N_("Kies een van: {expected}."),
    "too_short": N_("Geef minstens {min_length} waarden."),
    "too_long": N_("Geef hoogstens {max_length} waarden."),
    "list_type": N_("Geef een lijst van waarden."),
    "json_invalid": N_("De invoer is geen geldige JSON."),
    "extra_forbidden": N_("Dit veld is onbekend."),
}
_FALLBACK = N_("Deze waarde is ongeldig.")


def _value(value: Any, language: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return format_number(value, language, 0 if float(value).is_integer() else 2)


def reason(error: Mapping[str, Any], language: str = "nl") -> str:
    """The sentence for one pydantic error (a dict from ``ValidationError.errors()``)."""
    template = MESSAGES.get(str(error.get("type", "")))
    if template is None:
        return gettext(_FALLBACK, language)
    ctx = {key: _value(value, language) for key, value in (error.get("ctx") or {}).items()}
    try:
        return gettext(template, language, **ctx)
    except (KeyError, IndexError):  # a ctx without the field this sentence names
        return gettext(_FALLBACK, language)
