"""User-facing errors of the cost model (Dutch first, English second)."""

from __future__ import annotations

from regiokompas.data import RegiokompasError

__all__ = ["UnknownTaakveldError"]


class UnknownTaakveldError(RegiokompasError):
    """A taakveld code that the Iv3 list does not know, or that has too little data to fit."""

    def __init__(
        self, code: str, known: list[str], reason_nl: str = "", reason_en: str = ""
    ) -> None:
        listing = ", ".join(known[:60])
        super().__init__(
            f"Onbekend taakveld '{code}'{reason_nl}. Bekende taakvelden: {listing}.",
            f"Unknown taakveld '{code}'{reason_en}. Known taakvelden: {listing}.",
        )
        self.code = code
