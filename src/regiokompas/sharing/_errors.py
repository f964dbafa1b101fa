"""User-facing errors of cost sharing, each with a Dutch and an English message."""

from __future__ import annotations

from regiokompas.data import RegiokompasError

__all__ = ["GameFileError", "SharingError"]


class SharingError(RegiokompasError):
    """A cost game or a request for an allocation cannot be handled as asked."""


class GameFileError(SharingError):
    """A game file (``--spel spel.json``) is malformed; the message names the problem."""

    def __init__(self, source: str, problem_nl: str, problem_en: str) -> None:
        super().__init__(f"Spelbestand {source}: {problem_nl}", f"Game file {source}: {problem_en}")
        self.source = source
