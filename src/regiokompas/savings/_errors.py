"""User-facing errors of the savings engine (Dutch first, English second)."""

from __future__ import annotations

from regiokompas.data import RegiokompasError

__all__ = [
    "AssumptionError",
    "DuplicateGemeenteError",
    "GroupError",
    "NotContiguousError",
    "UnknownVormError",
]


class AssumptionError(RegiokompasError):
    """An assumptions file or override is malformed or out of range."""


class GroupError(RegiokompasError):
    """A group of gemeenten that cannot be estimated (too small, unknown code)."""


class DuplicateGemeenteError(GroupError):
    """The same gemeente appears twice in one group."""

    def __init__(self, naam: str) -> None:
        super().__init__(
            f"Gemeente '{naam}' staat meer dan eens in de groep; noem elke gemeente één keer.",
            f"Gemeente '{naam}' is listed more than once in the group; list each gemeente once.",
        )


class NotContiguousError(GroupError):
    """The group is not one connected area while contiguity is required."""

    def __init__(self, parts: list[list[str]]) -> None:
        text = " | ".join(", ".join(p) for p in parts)
        super().__init__(
            f"De groep is niet aaneengesloten: de gemeenten vormen {len(parts)} losse delen "
            f"({text}). Voeg verbindende gemeenten toe of sta niet-aangrenzende groepen toe.",
            f"The group is not contiguous: the gemeenten form {len(parts)} separate parts "
            f"({text}). Add connecting gemeenten or allow non-contiguous groups.",
        )
        self.parts = parts


class UnknownVormError(RegiokompasError):
    """A cooperation form that is not in the forms table."""

    def __init__(self, vorm: str, known: list[str]) -> None:
        super().__init__(
            f"Onbekende samenwerkingsvorm '{vorm}'. Kies uit: {', '.join(known)}.",
            f"Unknown form of cooperation '{vorm}'. Choose from: {', '.join(known)}.",
        )
