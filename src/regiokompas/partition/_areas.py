"""Areas of the dataset an optimisation can run on: the country, or one region of any type."""

from __future__ import annotations

from typing import Any

from regiokompas.data import REGION_TYPES, normalise
from regiokompas.partition._errors import UnknownAreaError

__all__ = ["area_members", "region_labels"]

_COUNTRY = {"land", "nederland", "nl", "alle", "heel nederland"}


def _region_type(text: str) -> str:
    key = normalise(text).replace(" ", "")
    aliases = {
        "vr": "veiligheidsregio",
        "pv": "provincie",
        "prov": "provincie",
        "amr": "arbeidsmarktregio",
        "ggdregio": "ggd",
        "jz": "jeugdregio",
    }
    key = aliases.get(key, key)
    if key not in REGION_TYPES:
        raise UnknownAreaError(
            f"Onbekende regiosoort '{text}'; kies uit {', '.join(REGION_TYPES)}.",
            f"Unknown region type '{text}'; choose from {', '.join(REGION_TYPES)}.",
        )
    return key


def area_members(ds: Any, area: str) -> list[str]:
    """gm_codes of ``area``: ``land`` or ``<regiosoort>:<code of naam>``, in bundle order.

    >>> from regiokompas.data import load_dataset
    >>> len(area_members(load_dataset(), "provincie:Utrecht"))
    26
    """
    text = area.strip()
    if normalise(text) in _COUNTRY:
        return list(ds.gemeenten["gm_code"])
    if ":" not in text:
        raise UnknownAreaError(
            f"Onbekend gebied '{area}'; gebruik 'land' of '<regiosoort>:<naam of code>', "
            "bv. provincie:Utrecht of veiligheidsregio:VR16.",
            f"Unknown area '{area}'; use 'land' or '<region type>:<name or code>', e.g. "
            "provincie:Utrecht or veiligheidsregio:VR16.",
        )
    kind, _, name = text.partition(":")
    regiotype = _region_type(kind)
    rows = ds.regio[ds.regio["regiotype"] == regiotype]
    wanted = normalise(name)
    hit = rows[
        (rows["regio_code"].str.lower() == name.strip().lower())
        | (rows["regio_naam"].map(normalise) == wanted)
    ]
    if hit.empty:
        options = sorted(set(rows["regio_naam"]))
        raise UnknownAreaError(
            f"Geen {regiotype} '{name}'. Bekend: {', '.join(options)}.",
            f"No {regiotype} '{name}'. Known: {', '.join(options)}.",
        )
    codes = set(hit["gm_code"])
    return [c for c in ds.gemeenten["gm_code"] if c in codes]


def region_labels(ds: Any, regiotype: str, members: list[str]) -> dict[str, str]:
    """gm_code -> region code of ``regiotype`` for ``members``."""
    kind = _region_type(regiotype)
    rows = ds.regio[ds.regio["regiotype"] == kind].set_index("gm_code")["regio_code"]
    return {code: str(rows[code]) for code in members}
