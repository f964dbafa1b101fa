"""The JSON API under ``/api/v1``, following the NLGov REST API Design Rules (ADR 2.x).

It is its own FastAPI application, mounted by :func:`regiokompas.web.app.create_app`, so that
its OpenAPI document (``/api/v1/openapi.json``) describes exactly the API, with the server URL
``/api/v1`` and paths relative to it. What the rules ask and where it happens:

- resource names in Dutch and plural (``/gemeenten``, ``/regios``, ``/taakvelden``),
  kebab-case paths, lowerCamelCase query parameters: the routers;
- no trailing slashes: ``redirect_slashes=False``, so ``/gemeenten/`` is a 404, not a redirect;
- ``API-Version`` on every response: :class:`regiokompas.web.app.HeadersMiddleware`, and
  declared on every 2xx response in the OpenAPI document by :func:`_openapi`;
- errors as ``application/problem+json`` (RFC 9457), validation errors as 400 naming the
  parameter (``invalidParams``): the exception handlers here;
- OpenAPI 3 at ``/api/v1/openapi.json`` with ``info.contact``: :func:`_openapi`; the same
  document is committed as ``docs/api/openapi.json`` and a test checks they are equal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from regiokompas import __version__
from regiokompas.web.shared.problems import (
    PROBLEM_MEDIA_TYPE,
    BadParameterError,
    Problem,
    WebError,
    problem_body,
)
from regiokompas.web.shared.templating import negotiate_language

__all__ = ["API_PREFIX", "API_VERSION", "EXPENSIVE_PATHS", "api_http_error", "create_api"]

API_PREFIX = "/api/v1"
#: The full API version (semver), returned in the ``API-Version`` header. Bump the minor
#: version for additions, the major version (and the URI) for breaking changes.
API_VERSION = "1.0.0"

#: Resources behind the heavy-work slots (429 with Retry-After when all are taken).
EXPENSIVE_PATHS = frozenset(
    {"/besparingen", "/verdelingen", "/gemeenten/{code}/kansen", "/indelingen"}
)

_DESCRIPTION = (
    "Regiokompas: beslisondersteuning voor intergemeentelijke samenwerking. Alle cijfers noemen "
    "hun bron en jaar (CBS, Kadaster/PDOK; CC BY 4.0). Foutmeldingen zijn "
    "application/problem+json (RFC 9457), in het Nederlands of, met Accept-Language: en, in het "
    "Engels. Deze API volgt de NLGov REST API Design Rules."
)

_STATUS_TEXT = {
    400: ("Ongeldige invoer", "Invalid input"),
    404: ("Niet gevonden", "Not found"),
    405: ("Methode niet toegestaan", "Method not allowed"),
    406: ("Niet aanvaardbaar", "Not acceptable"),
    409: ("Conflict", "Conflict"),
    413: ("Verzoek te groot", "Request too large"),
    422: ("Te veel werk gevraagd", "Too much work requested"),
    429: ("Te veel verzoeken", "Too many requests"),
    503: ("Tijdelijk niet beschikbaar", "Temporarily unavailable"),
    500: ("Interne fout", "Internal server error"),
}


def _lang(request: Request) -> str:
    return negotiate_language(request.headers.get("accept-language"))


def _title(status: int, lang: str) -> str:
    nl, en = _STATUS_TEXT.get(status, (f"HTTP {status}", f"HTTP {status}"))
    return en if lang == "en" else nl


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    invalid: list[tuple[str, str]] | None = None,
    suggestions: list[str] | None = None,
) -> JSONResponse:
    """A problem+json response for ``request``."""
    # Starlette keeps the full path in scope["path"] for mounted apps (root_path is a prefix).
    path = str(request.scope.get("path", ""))
    if request.url.query:
        path += f"?{request.url.query}"
    body = problem_body(
        status,
        _title(status, _lang(request)),
        detail,
        path,
        invalid=invalid,
        suggestions=suggestions,
    )
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


async def _web_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WebError)
    lang = _lang(request)
    invalid = None
    if isinstance(exc, BadParameterError):
        invalid = [(exc.param, exc.reason_en if lang == "en" else exc.reason_nl)]
    response = problem_response(
        request,
        exc.status,
        exc.message(lang),
        invalid=invalid,
        suggestions=getattr(exc, "suggestions", None),
    )
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    lang = _lang(request)
    invalid = []
    for error in exc.errors():
        loc = [str(x) for x in error.get("loc", ()) if x not in ("query", "path", "header", "body")]
        invalid.append((".".join(loc) or "?", str(error.get("msg", ""))))
    names = ", ".join(n for n, _ in invalid)
    detail = f"Ongeldige waarde voor: {names}." if lang == "nl" else f"Invalid value for: {names}."
    return problem_response(request, 400, detail, invalid=invalid)


async def api_http_error(request: Request, exc: Exception) -> JSONResponse:
    """problem+json for an HTTP error (404, 405 with ``Allow`` ...) on an API path."""
    return await _http_error(request, exc)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    lang = _lang(request)
    if exc.status_code == 404:
        detail = (
            f"Geen resource op {request.url.path}. Zie /api/v1/openapi.json voor de paden "
            "(zonder slash aan het eind)."
            if lang == "nl"
            else f"No resource at {request.url.path}. See /api/v1/openapi.json for the paths "
            "(without a trailing slash)."
        )
    elif exc.status_code == 405:
        allowed = _allowed_methods(request) or (exc.headers or {}).get("Allow", "")
        exc.headers = {**(exc.headers or {}), "Allow": allowed}
        detail = (
            f"Methode {request.method} is hier niet toegestaan; wel: {allowed}."
            if lang == "nl"
            else f"Method {request.method} is not allowed here; allowed: {allowed}."
        )
    else:
        detail = str(exc.detail)
    response = problem_response(request, exc.status_code, detail)
    # Keep what the router says (RFC 9110: a 405 lists the allowed methods in Allow).
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def _allowed_methods(request: Request) -> str:
    """The methods the OpenAPI document declares for the request's path (the router stops at
    the first route whose path matches, so its own Allow header can miss methods)."""
    path = str(request.scope.get("path", "")).removeprefix(API_PREFIX) or "/"
    methods: set[str] = set()
    api = getattr(request.app.state, "api", request.app)
    for template, operations in api.openapi().get("paths", {}).items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            methods |= {m.upper() for m in operations if m in _HTTP_METHODS}
    if "GET" in methods:
        methods.add("HEAD")  # Starlette answers HEAD wherever it answers GET
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    return ", ".join(sorted(methods, key=lambda m: order.index(m) if m in order else 99))


_HTTP_METHODS = {"get", "head", "post", "put", "patch", "delete", "options", "trace"}


async def _server_error(request: Request, _exc: Exception) -> JSONResponse:
    lang = _lang(request)
    detail = (
        "Er ging aan onze kant iets mis; probeer het later opnieuw."
        if lang == "nl"
        else "Something went wrong on our side; please try again later."
    )
    return problem_response(request, 500, detail)


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
    }


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, post-processed to state what every response carries."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=API_VERSION,
        description=_DESCRIPTION,
        routes=app.routes,
        servers=[{"url": API_PREFIX, "description": "Deze server"}],
        # Placeholders (reserved example domain) until the project has a public home, as in
        # publiccode.yml; the rules require name, url and email.
        contact={
            "name": "Regiokompas-team",
            "url": "https://example.org/regiokompas",
            "email": "regiokompas@example.org",
        },
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schemas["Problem"].pop("$defs", {}))
    components["headers"] = {
        "API-Version": {
            "description": "De volledige versie van de API (semver).",
            "schema": {"type": "string", "example": API_VERSION},
        }
    }
    for path, path_item in schema.get("paths", {}).items():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for code, response in responses.items():
                if code.startswith(("2", "3")):
                    response.setdefault("headers", {})["API-Version"] = {
                        "$ref": "#/components/headers/API-Version"
                    }
            if operation.get("parameters"):
                responses["400"] = _problem_response(
                    "Ongeldige parameter (invalidParams noemt welke)."
                )
            if operation.get("parameters"):
                # Also for query parameters that name a gemeente, taakveld or area that does
                # not exist (a well-formed value, so not a 400).
                responses["404"] = _problem_response("Niet gevonden (invalidParams noemt wat).")
            if "requestBody" in operation:
                responses["413"] = _problem_response("De inhoud van het verzoek is te groot.")
            if path in EXPENSIVE_PATHS:
                responses["429"] = _problem_response(
                    "Te veel zware berekeningen tegelijk; probeer het na Retry-After seconden."
                )
            if path == "/indelingen":
                responses["422"] = _problem_response(
                    "Te veel werk: het gebied heeft te veel mogelijke groepen voor maxGrootte."
                )
            responses["500"] = _problem_response("Interne fout.")
    app.openapi_schema = schema
    return schema


def create_api(routers: Sequence[APIRouter], title: str = "Regiokompas API") -> FastAPI:
    """The API application with ``routers`` (paths relative to ``/api/v1``)."""
    api = FastAPI(
        title=title,
        version=API_VERSION,
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: not on an offline machine.
        redoc_url=None,
        redirect_slashes=False,
        summary=f"Regiokompas {__version__}",
    )
    for router in routers:
        api.include_router(router)
    api.add_exception_handler(WebError, _web_error)
    api.add_exception_handler(RequestValidationError, _validation_error)
    api.add_exception_handler(StarletteHTTPException, _http_error)
    api.add_exception_handler(Exception, _server_error)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return api
