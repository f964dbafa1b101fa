"""Pydantic's English validation errors become Dutch or English sentences by error type."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from regiokompas.i18n import validation_messages

ENGLISH_TELLTALES = ("Input should", "Field required", "valid integer", "at least", " or ")
DUTCH_TELLTALES = ("Vul ", "Kies ", "verplicht", "minstens", " of ")


class Vraag(BaseModel):
    max_groep: int = Field(ge=2, le=8)
    prijs: float = Field(gt=0.5)
    taal: Literal["nl", "en"]
    naam: str = Field(min_length=2)
    wachtwoord: str


def _errors() -> list[dict[str, object]]:
    with pytest.raises(ValidationError) as info:
        Vraag.model_validate({"max_groep": "vijf", "prijs": 0.25, "taal": "de", "naam": "x"})
    return [dict(e) for e in info.value.errors()]


def test_dutch_messages_by_hand() -> None:
    messages = {m.field: m.message for m in validation_messages(_errors(), "nl")}
    assert messages == {
        "max_groep": "Vul een geheel getal in.",
        "prijs": "Vul een getal groter dan 0,5 in.",
        "taal": "Kies een van: 'nl' of 'en'.",
        "naam": "Vul minstens 2 tekens in.",
        "wachtwoord": "Dit veld is verplicht.",
    }
    for text in messages.values():
        assert not any(word in text for word in ENGLISH_TELLTALES), text


def test_english_messages_by_hand() -> None:
    messages = {m.field: m.message for m in validation_messages(_errors(), "en")}
    assert messages["prijs"] == "Enter a number greater than 0.5."
    assert messages["taal"] == "Choose one of: 'nl' or 'en'."
    assert messages["wachtwoord"] == "This field is required."
    for text in messages.values():
        assert not any(word in text for word in DUTCH_TELLTALES), text


def test_limits_are_formatted_per_language() -> None:
    with pytest.raises(ValidationError) as info:
        Vraag.model_validate(
            {"max_groep": 1000, "prijs": 1, "taal": "nl", "naam": "ab", "wachtwoord": "x"}
        )
    (nl,) = validation_messages(info.value.errors(), "nl")
    (en,) = validation_messages(info.value.errors(), "en")
    assert (nl.loc, nl.type, nl.message) == (
        ("max_groep",),
        "less_than_equal",
        "Vul een getal van hoogstens 8 in.",
    )
    assert en.message == "Enter a number of at most 8."


def test_unknown_type_is_a_general_sentence_not_english() -> None:
    (m,) = validation_messages([{"type": "value_error", "loc": ("body", 0), "msg": "x"}], "nl")
    assert (m.field, m.message) == ("body", "Deze waarde is ongeldig.")
