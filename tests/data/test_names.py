"""Forgiving name lookup: case, diacritics, short forms, codes, ambiguity, suggestions."""

from __future__ import annotations

import pytest

from regiokompas.data import AmbiguousNameError, Dataset, UnknownNameError, normalise


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Amsterdam", "GM0363"),
        ("AMSTERDAM", "GM0363"),
        ("GM0363", "GM0363"),
        ("gm363", "GM0363"),
        ("0363", "GM0363"),
        ("363", "GM0363"),
        ("den bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("Den Haag", "GM0518"),
        ("sudwest fryslan", "GM1900"),
        ("Súdwest-Fryslân", "GM1900"),
        ("SUDWEST-FRYSLAN", "GM1900"),
        ("nuenen", "GM0820"),
        ("Bergen (NH.)", "GM0373"),
        ("bergen limburg", "GM0893"),
        ("Bergen NH", "GM0373"),
        ("bergen op zoom", "GM0748"),
        ("  Gouda ", "GM0513"),
    ],
)
def test_resolves(ds: Dataset, query: str, code: str) -> None:
    assert ds.gemeente(query).code == code


def test_bergen_is_ambiguous_and_lists_both(ds: Dataset) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        ds.gemeente("Bergen")
    assert {c for c, _ in info.value.candidates} == {"GM0373", "GM0893"}
    assert "Limburg" in info.value.nl and "Noord-Holland" in info.value.nl


def test_unknown_name_suggests_the_closest(ds: Dataset) -> None:
    with pytest.raises(UnknownNameError) as info:
        ds.gemeente("Amsterdm")
    assert info.value.suggestions[0] == "Amsterdam"
    assert "Bedoelt u: Amsterdam" in info.value.nl


def test_unknown_code_is_unknown(ds: Dataset) -> None:
    with pytest.raises(UnknownNameError):
        ds.gemeente("GM9999")


def test_empty_query_is_unknown(ds: Dataset) -> None:
    with pytest.raises(UnknownNameError):
        ds.gemeente("   ")


def test_normalise() -> None:
    assert normalise("Súdwest-Fryslân") == "sudwest fryslan"
    assert normalise("Nuenen, Gerwen en Nederwetten") == "nuenen gerwen en nederwetten"


def test_every_official_name_resolves_to_itself(ds: Dataset) -> None:
    for code, name in zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True):
        assert ds.gemeente(name).code == code
