"""The web app: :func:`create_app` builds it from :class:`~regiokompas.settings.Settings`.

Extension point: :data:`MODULES` lists the router modules. A module may define ``router``
(pages, mounted at ``/``) and/or ``api_router`` (JSON API, mounted at ``/api/v1`` and part of
its OpenAPI document). Adding a feature is one line here::

    "regiokompas.web.register.routes",

A module may also define ``NAV = [("/pad", "Dutch label", "English label")]`` to add entries
to the main menu.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.get("/api/v1/gemeenten/GM0513").json()["naam"]
'Gouda'
"""

from __future__ import annotations

import importlib
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regiokompas import __version__
from regiokompas.data import load_dataset
from regiokompas.settings import Settings
from regiokompas.web._limits import BodyLimitMiddleware, ExpensiveSlots
from regiokompas.web.api.app import API_PREFIX, API_VERSION, api_http_error, create_api
from regiokompas.web.shared.problems import NotFoundError, UnknownReferenceError, WebError
from regiokompas.web.shared.templating import PageCache, language, render
from regiokompas.web.shared.validation import reason
from regiokompas.web.shared.views import SiteData

__all__ = [
    "MODULES",
    "NAV",
    "HeadersMiddleware",
    "create_app",
    "openapi_document",
    "plotly_js_path",
    "start_warming",
    "warm",
]

#: Router modules, in order. Pages first so ``/`` routes resolve before catch-alls.
MODULES: list[str] = [
    "regiokompas.web.pages.home",
    "regiokompas.web.pages.gemeente",
    "regiokompas.web.pages.regio",
    "regiokompas.web.api.routes",
    "regiokompas.web.api.routes_analyses",
    "regiokompas.web.api.routes_indelingen",
    "regiokompas.web.pages.plichten",
    "regiokompas.web.register.routes",
    "regiokompas.web.pages.zekerheid",
    "regiokompas.web.pages.woordenlijst",
]

#: The main menu: (path, Dutch label, English label).
NAV: list[tuple[str, str, str]] = [
    ("/", "Home", "Home"),
    ("/regios", "Regio's", "Regions"),
    ("/api", "API", "API"),
    ("/toegankelijkheid", "Toegankelijkheid", "Accessibility"),
]

_STATIC = Path(__file__).parent / "static"

#: Content Security Policy: everything from this server, nothing from elsewhere. Plotly sets
#: inline styles on its SVG, hence 'unsafe-inline' for styles only.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def plotly_js_path() -> Path:
    """The ``plotly.min.js`` that ships inside the ``plotly`` Python package."""
    import plotly  # type: ignore[import-untyped]

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class HeadersMiddleware:
    """Redirects page addresses with a trailing slash; adds ``Server-Timing`` (time spent in
    the app), security headers, and ``API-Version``
    on every ``/api/v1`` response, errors included. Pure ASGI: no per-request task overhead.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path = str(scope.get("path", ""))
        is_api = path.startswith(API_PREFIX)
        if path != "/" and path.endswith("/") and not is_api:
            # Pages: a trailing slash redirects to the canonical address. The API answers 404
            # instead (NLGov /core/no-trailing-slash), which its router does by itself.
            query = scope.get("query_string", b"").decode("latin-1")
            # "/" + strip: never "//host", which a browser would read as another site.
            target = "/" + path.strip("/") + (f"?{query}" if query else "")
            await RedirectResponse(target, status_code=308)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                elapsed = (time.perf_counter() - start) * 1000
                headers.append((b"server-timing", f"app;dur={elapsed:.1f}".encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                if is_api:
                    headers.append((b"api-version", API_VERSION.encode()))
                else:
                    headers.append((b"content-security-policy", _CSP.encode()))
                    headers.append((b"referrer-policy", b"same-origin"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _load_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in MODULES]


def _page_error(
    request: Request, status: int, message: str, suggestions: list[str]
) -> HTMLResponse:
    return render(
        request,
        "fout.html",
        {"status": status, "message": message, "suggestions": suggestions},
        status_code=status,
    )


async def _web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    # Pages keep answering 400 for a parameter naming something unknown (the form was filled
    # in wrongly); the API says 404 for it, as its OpenAPI contract declares.
    status = 400 if isinstance(exc, UnknownReferenceError) else exc.status
    return _page_error(
        request, status, exc.message(language(request)), getattr(exc, "suggestions", [])
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    lang = language(request)
    parts = []
    for error in exc.errors():
        loc = [str(x) for x in error.get("loc", ()) if x not in ("query", "path")]
        parts.append(f"'{'.'.join(loc)}': {reason(error, lang)}")
    prefix = "Ongeldige waarde voor parameter " if lang == "nl" else "Invalid value for parameter "
    return _page_error(request, 400, prefix + "; ".join(parts), [])


async def _server_error(request: Request, _exc: Exception) -> Response:
    lang = language(request)
    message = (
        "Er ging aan onze kant iets mis. Probeer het later opnieuw of ga terug naar de startpagina."
        if lang == "nl"
        else "Something went wrong on our side. Please try again later or go back to the home page."
    )
    return _page_error(request, 500, message, [])


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith(API_PREFIX + "/"):
        # An API path the mount did not take (e.g. a %0A in it: the mount's pattern stops at
        # a newline) still gets problem+json, never the HTML page.
        return await api_http_error(request, exc)
    if exc.status_code == 404:
        lang = language(request)
        error = NotFoundError(
            "Deze pagina bestaat niet. Controleer het adres of zoek een gemeente.",
            "This page does not exist. Check the address or search for a municipality.",
        )
        return _page_error(request, 404, error.message(lang), [])
    return _page_error(request, exc.status_code, str(exc.detail), [])


def start_warming(app: FastAPI) -> threading.Thread:
    """Run :func:`warm` for ``app`` in a daemon thread (``regiokompas web`` does this; tests and
    embedders that build many apps do not, so no background work competes with them)."""
    thread = threading.Thread(target=warm, args=(app.state.site,), name="rk-warm", daemon=True)
    thread.start()
    return thread


def warm(site: SiteData, app: FastAPI | None = None) -> None:
    """Fill the caches a visitor hits first, most needed first: the fitted engine, then every
    gemeente's profile and neighbour map (seconds), then, given the ``app`` (the server's
    warm-up does this), every gemeente's advice with the default settings on the live register
    as it is now (about a minute of CPU on one core; an edit to the register makes later
    advice new results, computed on first request)."""
    from regiokompas.web.pages.gemeente import DEFAULT_REGIOTYPE
    from regiokompas.web.shared.engines import DEFAULT_MODE
    from regiokompas.web.shared.maps import neighbour_map

    site.engines.savings(DEFAULT_MODE)
    for code in site.names:
        site.profiel(code)
        neighbour_map(site, code, DEFAULT_REGIOTYPE, "nl")
    if app is None:
        return
    from regiokompas.web.shared.opportunities import advice_for, default_advice_settings

    settings = default_advice_settings(site)
    for code in site.names:
        advice_for(app, code, settings)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The complete web app (pages, static assets, and the API at ``/api/v1``)."""
    settings = settings or Settings()
    site = SiteData(load_dataset(settings.data_dir))
    modules = _load_modules()

    app = FastAPI(
        title="Regiokompas",
        version=__version__,
        openapi_url=None,  # the page app has no API of its own; see /api/v1/openapi.json
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
    )
    nav = list(NAV)
    for module in modules:
        nav += getattr(module, "NAV", [])
    for state in (app.state,):
        state.site = site
        state.settings = settings
        state.default_language = settings.taal
        state.nav = nav

    api = create_api([m.api_router for m in modules if hasattr(m, "api_router")])
    api.state.site = site
    api.state.settings = settings
    api.state.expensive_slots = app.state.expensive_slots = ExpensiveSlots(
        settings.zware_berekeningen
    )
    app.state.api = api
    app.state.page_cache = PageCache()

    @app.get(API_PREFIX, include_in_schema=False)
    def api_root() -> JSONResponse:
        return JSONResponse(
            {
                "naam": "Regiokompas API",
                "versie": API_VERSION,
                "openapi": f"{API_PREFIX}/openapi.json",
                "documentatie": "/api",
            }
        )

    @app.get(f"/static/vendor/plotly-{_plotly_version()}.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            plotly_js_path(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=31536000, immutable"},
        )

    app.mount(API_PREFIX, api, name="api")
    app.mount("/static", StaticFiles(directory=str(_STATIC)), name="static")
    for module in modules:
        if hasattr(module, "router"):
            app.include_router(module.router)
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)
    app.add_middleware(HeadersMiddleware)
    # Added last, so outermost: a too large body is refused before any route or login check.
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.state.plotly_js = f"/static/vendor/plotly-{_plotly_version()}.min.js"
    return app


def openapi_document(create_settings: Settings | None = None) -> dict[str, Any]:
    """The API's OpenAPI document, as served at ``/api/v1/openapi.json``."""
    app = create_app(create_settings)
    document: dict[str, Any] = app.state.api.openapi()
    return document


def _plotly_version() -> str:
    from importlib.metadata import version

    return version("plotly")
