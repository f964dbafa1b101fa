"""Validation of arrangements against the reference data (gemeenten, taakvelden).

>>> from regiokompas.register.model import Deelnemer, Regeling
>>> ref = Reference(gemeenten={"GM0363": "Amsterdam"}, taakvelden={"7.3"})
>>> [p.veld for p in validate(Regeling("", "fax", (Deelnemer("GM9999"),), ("9.9",)), ref)]
['naam', 'vorm', 'deelnemers', 'taakvelden']
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Set
from dataclasses import dataclass

from regiokompas.data import Dataset, RegiokompasError
from regiokompas.register._errors import Problem
from regiokompas.register.forms import VORMEN
from regiokompas.register.model import Regeling

__all__ = ["MAX_DEELNEMERS", "MAX_NUMBER", "MAX_TEXT", "Reference", "validate"]

#: Longest free text (notes, exit conditions, reasons) in characters.
MAX_TEXT = 10_000
#: Most participants of one arrangement (all 342 gemeenten plus other bodies).
MAX_DEELNEMERS = 500
#: Largest amount in k€ (a budget of a thousand billion euro is a typing error).
MAX_NUMBER = 1e9
#: Line breaks and tabs are allowed in multi-line text; every other control character is not.
_MULTILINE = ("uittredingsvoorwaarden", "override_reden", "opmerking")


#: Unicode's control characters (general category Cc, fixed by Unicode's stability policy:
#: U+0000–U+001F and U+007F–U+009F), and the same without tab and line feed. One regex search
#: instead of a category look-up per character: the seed register's 900 rows are checked in
#: every process that reads them.
_CC = re.compile("[\x00-\x1f\x7f-\x9f]")
_CC_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_character(text: str, multiline: bool) -> str | None:
    """The first control character in ``text`` (as U+XXXX), or None.

    >>> _control_character("a\tb", multiline=True), _control_character("a\tb", multiline=False)
    (None, 'U+0009')
    """
    found = (_CC_MULTILINE if multiline else _CC).search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def _text_problems(regeling: Regeling) -> list[tuple[str, str, str]]:
    """(field, Dutch, English) for control characters and over-long free text."""
    out: list[tuple[str, str, str]] = []
    fields = [
        ("naam", regeling.naam),
        ("vorm", regeling.vorm),
        ("bron", regeling.bron),
        ("uittredingsvoorwaarden", regeling.uittredingsvoorwaarden),
        ("override_reden", regeling.override_reden),
        ("opmerking", regeling.opmerking),
        ("classificatie_override", regeling.classificatie_override or ""),
        *(("deelnemers", d.naam) for d in regeling.deelnemers),
    ]
    for name, text in fields:
        found = _control_character(text, name in _MULTILINE)
        if found:
            out.append(
                (
                    name,
                    f"stuurteken {found} is niet toegestaan",
                    f"control character {found} is not allowed",
                )
            )
        elif len(text) > MAX_TEXT:
            out.append(
                (name, f"langer dan {MAX_TEXT} tekens", f"longer than {MAX_TEXT} characters")
            )
    return out


@dataclass(frozen=True)
class Reference:
    """What validation checks against: gemeente codes (2023 division) with names, and the
    known Iv3 taakveld codes. ``resolver`` turns a name or code into a gm_code."""

    gemeenten: Mapping[str, str]
    taakvelden: Set[str]
    dataset: Dataset | None = None

    @classmethod
    def from_dataset(cls, ds: Dataset) -> Reference:
        """Reference data from the bundle: 342 gemeenten and every Iv3 taakveld 2017–2026."""
        return cls(
            gemeenten=dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True)),
            taakvelden=frozenset(ds.taakvelden["taakveld"]),
            dataset=ds,
        )

    def resolve(self, text: str) -> str:
        """The gm_code for a code or (forgiving) name; raises RegiokompasError if unknown."""
        value = text.strip()
        if value.upper() in self.gemeenten:
            return value.upper()
        if self.dataset is not None:
            return self.dataset.gemeente(value).code
        raise RegiokompasError(
            f"Geen gemeente gevonden voor '{value}'.", f"No gemeente found for '{value}'."
        )


def validate(regeling: Regeling, ref: Reference, rij: int | None = None) -> list[Problem]:
    """Every problem with ``regeling``; an empty list means it may be stored."""
    out: list[Problem] = []

    def bad(veld: str, nl: str, en: str) -> None:
        out.append(Problem(veld, nl, en, rij))

    if not regeling.naam.strip():
        bad("naam", "naam ontbreekt", "name is missing")
    elif len(regeling.naam) > 300:
        bad("naam", "naam is langer dan 300 tekens", "name is longer than 300 characters")
    if regeling.vorm not in VORMEN:
        bad(
            "vorm",
            f"onbekende vorm '{regeling.vorm}'; kies uit {', '.join(VORMEN)}",
            f"unknown form '{regeling.vorm}'; choose from {', '.join(VORMEN)}",
        )
    for veld, nl, en in _text_problems(regeling):
        bad(veld, nl, en)
    if not regeling.deelnemers:
        bad("deelnemers", "geen deelnemers", "no participants")
    elif len(regeling.deelnemers) > MAX_DEELNEMERS:
        bad(
            "deelnemers",
            f"{len(regeling.deelnemers)} deelnemers; hoogstens {MAX_DEELNEMERS}",
            f"{len(regeling.deelnemers)} participants; at most {MAX_DEELNEMERS}",
        )
    seen: set[str] = set()
    for d in regeling.deelnemers:
        if d.is_gemeente and d.code not in ref.gemeenten:
            bad(
                "deelnemers",
                f"onbekende gemeentecode '{d.code}' (indeling 2023)",
                f"unknown municipality code '{d.code}' (2023 division)",
            )
        if not d.is_gemeente and not d.naam.strip():
            bad("deelnemers", "deelnemer zonder code of naam", "participant without code or name")
        if not d.is_gemeente and (";" in d.naam or "=" in d.naam):
            bad(
                "deelnemers",
                f"naam '{d.naam}' mag geen ; of = bevatten",
                f"name '{d.naam}' may not contain ; or =",
            )
        if d.sleutel in seen:
            bad(
                "deelnemers",
                f"deelnemer '{d.sleutel}' staat er twee keer in",
                f"participant '{d.sleutel}' is listed twice",
            )
        seen.add(d.sleutel)
        if d.bijdrage_keur is not None and not 0 <= d.bijdrage_keur <= MAX_NUMBER:
            bad(
                "deelnemers",
                f"bijdrage van '{d.sleutel}' is negatief, oneindig of ongeldig",
                f"contribution of '{d.sleutel}' is negative, infinite or invalid",
            )
    unknown = [t for t in regeling.taakvelden if t not in ref.taakvelden]
    if unknown:
        bad(
            "taakvelden",
            f"onbekende taakvelden {', '.join(unknown)}",
            f"unknown policy tasks {', '.join(unknown)}",
        )
    if len(set(regeling.taakvelden)) != len(regeling.taakvelden):
        bad("taakvelden", "een taakveld staat er twee keer in", "a taakveld is listed twice")
    if regeling.begroting_keur is not None and not (
        math.isfinite(regeling.begroting_keur) and 0 <= regeling.begroting_keur <= MAX_NUMBER
    ):
        bad(
            "begroting_keur",
            "begroting is negatief, oneindig of groter dan 1 miljard k€",
            "budget is negative, infinite or larger than 1 billion k€",
        )
    if (
        regeling.startdatum is not None
        and regeling.evaluatiedatum is not None
        and regeling.evaluatiedatum < regeling.startdatum
    ):
        bad(
            "evaluatiedatum",
            "evaluatiedatum ligt vóór de startdatum",
            "evaluation date is before the start date",
        )
    override = regeling.classificatie_override
    if override is not None:
        if override not in ("samenwerking", "uitbesteding"):
            bad(
                "classificatie_override",
                "kies samenwerking of uitbesteding",
                "choose samenwerking or uitbesteding",
            )
        if not regeling.override_reden.strip():
            bad(
                "override_reden",
                "een handmatige classificatie vraagt een reden",
                "a manual classification needs a reason",
            )
    return out
