"""Errors as RFC 9457 problem details (``application/problem+json``), as the NLGov API Design
Rules require (/core/error-handling/problem-details), and the exceptions routes raise.

A route raises :class:`NotFoundError` or :class:`BadParameterError` (both carry Dutch and
English text); the API turns them into problem+json, the pages into a friendly HTML page.

>>> p = BadParameterError("groepsgrootte", "moet tussen 2 en 6 liggen", "must be between 2 and 6")
>>> p.status, p.param
(400, 'groepsgrootte')
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from regiokompas.data import RegiokompasError

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "AmbiguousError",
    "BadParameterError",
    "ConflictError",
    "InvalidParam",
    "NotFoundError",
    "Problem",
    "TooMuchWorkError",
    "UnknownReferenceError",
    "UnavailableError",
    "WebError",
    "problem_body",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"

#: RFC 9457 section 4.2.1: with ``about:blank`` the title is the (localised) HTTP status phrase;
#: the status and ``invalidParams`` tell clients what went wrong.
_TYPE = "about:blank"


class InvalidParam(BaseModel):
    """One parameter that was rejected, and why."""

    name: str = Field(description="Naam van de parameter (query, pad of header).")
    reason: str = Field(description="Waarom de waarde niet geldig is.")


class Problem(BaseModel):
    """Problem details (RFC 9457) with the ``invalidParams`` extension for bad input."""

    type: str = Field(description="URI die het soort probleem aanduidt.")
    title: str = Field(description="Korte, vaste samenvatting van het soort probleem.")
    status: int = Field(description="HTTP-statuscode.")
    detail: str = Field(description="Uitleg van dit geval, in de taal van de vraag.")
    instance: str = Field(description="Het pad van de vraag waarop dit antwoord hoort.")
    invalidParams: list[InvalidParam] | None = Field(  # noqa: N815 - NLGov: lowerCamelCase
        default=None, description="De afgewezen parameters (alleen bij 400)."
    )
    suggesties: list[str] | None = Field(
        default=None, description="Namen die op de gezochte gemeente lijken (alleen bij 404)."
    )


class WebError(RegiokompasError):
    """A user error with an HTTP status; ``nl``/``en`` are the detail texts."""

    status = 500

    def title(self, language: str) -> str:
        """The fixed short title of this kind of problem."""
        titles = {
            400: ("Ongeldige invoer", "Invalid input"),
            404: ("Niet gevonden", "Not found"),
            409: ("Conflict", "Conflict"),
            422: ("Te veel werk gevraagd", "Too much work requested"),
            429: ("Te veel verzoeken", "Too many requests"),
            500: ("Interne fout", "Internal error"),
            503: ("Tijdelijk niet beschikbaar", "Temporarily unavailable"),
        }
        nl, en = titles.get(self.status, titles[500])
        return en if language == "en" else nl


class NotFoundError(WebError):
    """A resource (gemeente, regio, taakveld ...) does not exist; ``suggestions`` may help."""

    status = 404

    def __init__(self, nl: str, en: str, suggestions: list[str] | None = None) -> None:
        super().__init__(nl, en)
        self.suggestions = suggestions or []


class AmbiguousError(NotFoundError):
    """A name fits several gemeenten; ``codes`` lists them (a page offers the choice)."""

    def __init__(self, nl: str, en: str, codes: list[str], names: list[str]) -> None:
        super().__init__(nl, en, names)
        self.codes = codes


class BadParameterError(WebError):
    """A parameter has an impossible value; ``param`` names it."""

    status = 400

    def __init__(self, param: str, problem_nl: str, problem_en: str) -> None:
        super().__init__(
            f"Parameter '{param}': {problem_nl}.", f"Parameter '{param}': {problem_en}."
        )
        self.param = param
        self.reason_nl = problem_nl
        self.reason_en = problem_en


class TooMuchWorkError(BadParameterError):
    """The request would take more work than one request may (estimated up front): 422."""

    status = 422


class UnknownReferenceError(BadParameterError):
    """A parameter names something that does not exist (a gemeente, taakveld or area): 404,
    with the parameter in ``invalidParams``. The value is well-formed, so not a 400."""

    status = 404


class ConflictError(WebError):
    """The change conflicts with the current state (a newer version, a name in use): 409."""

    status = 409


class UnavailableError(WebError):
    """The store is busy (locked by another writer) for longer than the wait allows: 503."""

    status = 503

    def __init__(self, nl: str, en: str, retry_after: int = 5) -> None:
        super().__init__(nl, en)
        self.retry_after = retry_after


def problem_body(
    status: int,
    title: str,
    detail: str,
    instance: str,
    *,
    invalid: list[tuple[str, str]] | None = None,
    suggestions: list[str] | None = None,
) -> dict[str, Any]:
    """A problem+json body; optional members are left out when empty."""
    body: dict[str, Any] = {
        "type": _TYPE,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if invalid:
        body["invalidParams"] = [{"name": n, "reason": r} for n, r in invalid]
    if suggestions:
        body["suggesties"] = suggestions
    return body
