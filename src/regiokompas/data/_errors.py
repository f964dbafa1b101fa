"""Errors of the data layer, each with a Dutch and an English message.

:class:`RegiokompasError`, their base, lives in the light :mod:`regiokompas._errors` and is
re-exported here.
"""

from __future__ import annotations

from regiokompas._errors import RegiokompasError

__all__ = ["AmbiguousNameError", "DataFileError", "RegiokompasError", "UnknownNameError"]


class DataFileError(RegiokompasError):
    """A data file is missing, unreadable or does not have the expected content."""

    def __init__(self, path: str, problem_nl: str, problem_en: str) -> None:
        super().__init__(f"Databestand {path}: {problem_nl}", f"Data file {path}: {problem_en}")
        self.path = path


class UnknownNameError(RegiokompasError):
    """No gemeente matches a name; ``suggestions`` holds the closest names."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        hint_nl = f" Bedoelt u: {', '.join(suggestions)}?" if suggestions else ""
        hint_en = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"Geen gemeente gevonden voor '{query}'.{hint_nl}",
            f"No gemeente found for '{query}'.{hint_en}",
        )
        self.query = query
        self.suggestions = suggestions


class AmbiguousNameError(RegiokompasError):
    """A name matches more than one gemeente; ``candidates`` holds (code, name) pairs."""

    def __init__(self, query: str, candidates: list[tuple[str, str]]) -> None:
        options = "; ".join(f"{name} ({code})" for code, name in candidates)
        super().__init__(
            f"'{query}' is niet eenduidig: bedoelt u {options}? "
            "Geef de naam met provincie of de code.",
            f"'{query}' is ambiguous: do you mean {options}? "
            "Give the name with its province or the code.",
        )
        self.query = query
        self.candidates = candidates
