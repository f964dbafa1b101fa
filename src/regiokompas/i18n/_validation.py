"""Pydantic validation errors as Dutch (or English) sentences for the person who typed them.

Pydantic writes its errors in English ("Input should be a valid integer, unable to parse
string as an integer"). Its ``ValidationError.errors()`` also gives a stable machine ``type``
and the limits in ``ctx``; this module turns those into a short sentence in the user's language,
from the catalogue (domain ``regiokompas``). The list of types follows pydantic's documentation
of its error types (docs.pydantic.dev, "Validation Errors"); an unknown type falls back to
a general sentence rather than leaking English onto a Dutch screen.

>>> from pydantic import BaseModel, ValidationError
>>> class Vraag(BaseModel):
...     max_groep: int
>>> try:
...     Vraag(max_groep="vijf")
... except ValidationError as exc:
...     [e.message for e in validation_messages(exc.errors(), "nl")]
['Vul een geheel getal in.']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from regiokompas.i18n._catalogue import N_, gettext
from regiokompas.i18n._format import format_number

__all__ = ["FieldMessage", "validation_message", "validation_messages"]

#: pydantic error type -> Dutch message; ``{name}`` fields come from the error's ``ctx``.
MESSAGES: dict[str, str] = {
    "missing": N_("Dit veld is verplicht."),
    "int_parsing": N_("Vul een geheel getal in."),
    "int_type": N_("Vul een geheel getal in."),
    "int_from_float": N_("Vul een geheel getal in, zonder decimalen."),
    "float_parsing": N_("Vul een getal in."),
    "float_type": N_("Vul een getal in."),
    "decimal_parsing": N_("Vul een getal in."),
    "finite_number": N_("Vul een eindig getal in."),
    "bool_parsing": N_("Kies ja of nee."),
    "bool_type": N_("Kies ja of nee."),
    "string_type": N_("Vul tekst in."),
    "string_too_short": N_("Vul minstens {min_length} tekens in."),
    "string_too_long": N_("Vul hoogstens {max_length} tekens in."),
    "string_pattern_mismatch": N_("Deze invoer heeft niet de verwachte vorm."),
    "greater_than": N_("Vul een getal groter dan {gt} in."),
    "greater_than_equal": N_("Vul een getal van minstens {ge} in."),
    "less_than": N_("Vul een getal kleiner dan {lt} in."),
    "less_than_equal": N_("Vul een getal van hoogstens {le} in."),
    "multiple_of": N_("Vul een veelvoud van {multiple_of} in."),
    "literal_error": N_("Kies een van: {expected}."),
    "enum": N_("Kies een van: {expected}."),
    "too_short": N_("Geef minstens {min_length} waarden."),
    "too_long": N_("Geef hoogstens {max_length} waarden."),
    "list_type": N_("Geef een lijst van waarden."),
    "dict_type": N_("Geef een object met velden."),
    "model_type": N_("Geef een object met velden."),
    "extra_forbidden": N_("Dit veld is onbekend."),
    "json_invalid": N_("De invoer is geen geldige JSON."),
    "date_parsing": N_("Vul een datum in (jjjj-mm-dd)."),
    "date_from_datetime_parsing": N_("Vul een datum in (jjjj-mm-dd)."),
    "datetime_parsing": N_("Vul een datum en tijd in."),
    "datetime_from_date_parsing": N_("Vul een datum en tijd in."),
    "url_parsing": N_("Vul een geldig webadres in."),
    "uuid_parsing": N_("Vul een geldige UUID in."),
}
#: Anything else, including a model's own ``value_error``, whose text we cannot translate.
FALLBACK = N_("Deze waarde is ongeldig.")


@dataclass(frozen=True)
class FieldMessage:
    """One validation error: where (``loc`` as pydantic gives it, ``field`` its last name),
    pydantic's ``type`` and the sentence in the requested language."""

    loc: tuple[str | int, ...]
    field: str
    type: str
    message: str


def _value(value: Any, language: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, language)
    if isinstance(value, float):
        text = repr(value)
        decimals = len(text.partition(".")[2]) if "e" not in text else 6
        return format_number(value, language, min(decimals, 6))
    return str(value)


def validation_message(error: Mapping[str, Any], language: str = "nl") -> str:
    """The sentence for one entry of ``ValidationError.errors()``.

    >>> validation_message({"type": "greater_than_equal", "ctx": {"ge": 0.5}}, "nl")
    'Vul een getal van minstens 0,5 in.'
    >>> validation_message({"type": "greater_than_equal", "ctx": {"ge": 1000}}, "en")
    'Enter a number of at least 1,000.'
    >>> validation_message({"type": "value_error", "msg": "Value error, x"}, "nl")
    'Deze waarde is ongeldig.'
    """
    template = MESSAGES.get(str(error.get("type", "")), FALLBACK)
    ctx = {k: _value(v, language) for k, v in (error.get("ctx") or {}).items()}
    if "expected" in ctx and language == "nl":
        # pydantic lists the choices in English: "'nl' or 'en'".
        ctx["expected"] = ctx["expected"].replace(" or ", " of ")
    text = gettext(template, language)
    try:
        return text.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return gettext(FALLBACK, language)


def validation_messages(
    errors: Iterable[Mapping[str, Any]], language: str = "nl"
) -> list[FieldMessage]:
    """Every entry of ``ValidationError.errors()`` as a :class:`FieldMessage`.

    >>> validation_messages([{"type": "missing", "loc": ("body", "naam")}], "en")[0].message
    'This field is required.'
    """
    result = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        names = [part for part in loc if isinstance(part, str)]
        result.append(
            FieldMessage(
                loc=loc,
                field=names[-1] if names else "",
                type=str(error.get("type", "")),
                message=validation_message(error, language),
            )
        )
    return result
