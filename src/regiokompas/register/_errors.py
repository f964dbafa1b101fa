"""User-facing errors of the register, each with a Dutch and an English message."""

from __future__ import annotations

from dataclasses import dataclass

from regiokompas._errors import RegiokompasError

__all__ = [
    "ConflictError",
    "DuplicateNameError",
    "ImportRejectedError",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "RegisterValidationError",
]


@dataclass(frozen=True)
class Problem:
    """One problem found while validating: the row (1 = header row, ``None`` = not
    row-bound), the field and a Dutch and English message."""

    veld: str
    nl: str
    en: str
    rij: int | None = None

    def message(self, language: str = "nl") -> str:
        """``rij 3, veld datum: ...`` in ``language``."""
        text = self.en if language == "en" else self.nl
        where = []
        if self.rij is not None:
            where.append(f"{'row' if language == 'en' else 'rij'} {self.rij}")
        if self.veld:
            where.append(f"{'field' if language == 'en' else 'veld'} {self.veld}")
        return f"{', '.join(where)}: {text}" if where else text


class RegisterValidationError(RegiokompasError):
    """An arrangement does not pass validation; ``problems`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "Ongeldige regeling: " + "; ".join(p.message("nl") for p in problems),
            "Invalid arrangement: " + "; ".join(p.message("en") for p in problems),
        )
        self.problems = problems


class DuplicateNameError(RegisterValidationError):
    """An active arrangement with the same name key exists (409 in the API)."""

    def __init__(self, naam: str) -> None:
        super().__init__(
            [
                Problem(
                    "naam",
                    "er staat al een regeling met deze naam in het register",
                    "an arrangement with this name is already registered",
                )
            ]
        )
        self.naam = naam


class ImportRejectedError(RegiokompasError):
    """An import file has errors; nothing was written. ``problems`` names each row."""

    def __init__(self, problems: list[Problem], rows: int) -> None:
        first = "; ".join(p.message("nl") for p in problems[:5])
        first_en = "; ".join(p.message("en") for p in problems[:5])
        more = f" (en nog {len(problems) - 5})" if len(problems) > 5 else ""
        more_en = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(
            f"Import geweigerd, er is niets opgeslagen: {len(problems)} fout(en) in {rows} "
            f"rij(en): {first}{more}",
            f"Import rejected, nothing was saved: {len(problems)} error(s) in {rows} row(s): "
            f"{first_en}{more_en}",
        )
        self.problems = problems
        self.rows = rows


class NotFoundError(RegiokompasError):
    """No (active) arrangement, user or token with this id."""

    def __init__(self, what_nl: str, what_en: str, key: object) -> None:
        super().__init__(f"{what_nl} {key} bestaat niet", f"{what_en} {key} does not exist")
        self.key = key


class PermissionDeniedError(RegiokompasError):
    """The user's role does not allow this action on this arrangement."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(nl, en)


class ConflictError(RegiokompasError):
    """Someone else changed the arrangement since it was read (optimistic locking)."""

    def __init__(self, regeling_id: int, expected: int | None, actual: int | None) -> None:
        super().__init__(
            f"Regeling {regeling_id} is intussen door iemand anders gewijzigd (u had versie "
            f"{expected}, nu is het versie {actual}). Laad de regeling opnieuw en voer uw "
            "wijziging nogmaals in.",
            f"Arrangement {regeling_id} was changed by someone else meanwhile (you had version "
            f"{expected}, it is now version {actual}). Reload it and apply your change again.",
        )
        self.regeling_id = regeling_id
        self.expected = expected
        self.actual = actual
