"""Rendering pages: the Jinja2 environment, the page language, and :func:`render`.

Every page template extends ``base.html`` (skip link, landmarks, navigation, language switch,
CBS attribution in the footer). A router module renders with::

    from regiokompas.web.shared.templating import render

    @router.get("/voorbeeld", response_class=HTMLResponse)
    def voorbeeld(request: Request) -> HTMLResponse:
        return render(request, "voorbeeld.html", {"titel": "Voorbeeld"})

Templates are written in Dutch and translated with Jinja2's i18n extension: ``_("Dutch",
name=value)``, ``gettext`` and ``ngettext`` come from the ``web`` gettext catalogue of the page
language (one environment per language, each with its callables installed once, so a request
never changes another's language). They also get ``lang``, ``label`` (the label of a value
chosen at run time, :func:`~regiokompas.web.shared.i18n.value_label`), ``num`` (numbers in the
page language, :func:`regiokompas.i18n.format_number`), ``engine`` (an engine's text from the
``regiokompas`` catalogue), ``url`` (the current URL with some parameters replaced) and ``nav``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from regiokompas.savings import source_in
from regiokompas.web.shared._lru import SizedLRU
from regiokompas.web.shared.i18n import (
    LANGUAGES,
    engine_text,
    format_number,
    gettext,
    ngettext,
    value_label,
)
from regiokompas.web.shared.termen import begrippen, term

__all__ = [
    "TEMPLATES",
    "api_language",
    "TEMPLATE_DIR",
    "PageCache",
    "language",
    "negotiate_language",
    "render",
    "render_cached",
    "templates",
]

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"


def _templates(lang: str) -> Jinja2Templates:
    """The templates of one page language: Jinja2's i18n extension with the ``web``
    catalogue's callables for ``lang`` (``{name}`` placeholders, filled by ``str.format``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        functools.partial(gettext, language=lang),
        functools.partial(ngettext, language=lang),
        newstyle=False,
    )
    env.globals["label"] = functools.partial(value_label, language=lang)
    env.globals["engine"] = functools.partial(engine_text, language=lang)
    # A savings estimate's source line (composed in Dutch by the engine) in the page language.
    env.globals["source"] = functools.partial(source_in, language=lang)
    # Glossary links for every template: term('nucleolus'), begrippen('kern', ...).
    env.globals.update(term=term, begrippen=begrippen)
    return Jinja2Templates(env=env)


#: One template set per language (the Dutch one is also the default).
TEMPLATES: dict[str, Jinja2Templates] = {lang: _templates(lang) for lang in LANGUAGES}
templates = TEMPLATES[LANGUAGES[0]]

_COOKIE = "taal"


def negotiate_language(header: str | None, default: str = "nl") -> str:
    """The best of nl/en in an ``Accept-Language`` header (the API uses this).

    >>> negotiate_language("en-GB,en;q=0.9,nl;q=0.8")
    'en'
    >>> negotiate_language("de-DE, fr;q=0.5")
    'nl'
    """
    best, best_q = default, 0.0
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best


def api_language(request: Request) -> str:
    """The language of an API answer: ``?lang=nl|en``, else the ``Accept-Language`` header
    (:func:`negotiate_language`), else Dutch."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    return negotiate_language(request.headers.get("accept-language"))


def language(request: Request) -> str:
    """The page language: ``?lang=``, else the ``taal`` cookie, else the app's default.

    Pages do not follow the browser's Accept-Language: the product is Dutch, and many Dutch
    users run an English browser. English is one click away.
    """
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.cookies.get(_COOKIE)
    if cookie in LANGUAGES:
        return str(cookie)
    default = getattr(request.app.state, "default_language", "nl")
    return str(default)


def _url(request: Request, **changes: Any) -> str:
    """The current path and query with ``changes`` applied (``None`` removes a parameter)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = "&".join(f"{k}={v}" for k, v in ((k, _quote(v)) for k, v in params.items()))
    # One leading slash: a path like "//evil.example" must not become a protocol-relative
    # link to another site.
    path = "/" + request.url.path.lstrip("/\\")
    return path + (f"?{query}" if query else "")


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


class PageCache:
    """A small thread-safe LRU of rendered pages (the data do not change while the app runs,
    so a page is a pure function of its address and language), bounded by count and by
    size (:class:`regiokompas.web.shared._lru.SizedLRU`)."""

    def __init__(self, size: int = 512, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.size = size
        self._pages: SizedLRU[str] = SizedLRU(size, max_bytes)

    def get(self, key: Hashable) -> str | None:
        return self._pages.get(key)

    def put(self, key: Hashable, body: str) -> None:
        self._pages.put(key, body)


def render_cached(
    request: Request,
    name: str,
    build: Callable[[], dict[str, Any]],
    extra_key: Hashable = None,
) -> HTMLResponse:
    """Like :func:`render`, but the page is rendered once per address and language and then
    served from an in-process cache; ``build`` makes the context only on a miss. Use it only
    for pages that are a pure function of their URL (no forms with secrets, no user data) and
    of ``extra_key`` (e.g. the register's version, so an edit shows at once).
    """
    cache: PageCache = request.app.state.page_cache
    key = (name, request.url.path, request.url.query, language(request), extra_key)
    body = cache.get(key)
    if body is None:
        body = bytes(render(request, name, build()).body).decode("utf-8")
        cache.put(key, body)
    response = HTMLResponse(body)
    _remember_language(request, response)
    return response


def _remember_language(request: Request, response: HTMLResponse) -> None:
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(_COOKIE, language(request), max_age=365 * 24 * 3600, samesite="lax")


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render template ``name`` with the common context; remembers a ``?lang=`` choice."""
    lang = language(request)
    site = request.app.state.site
    values: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "other_lang": "en" if lang == "nl" else "nl",
        "num": lambda value, decimals=0: format_number(value, lang, decimals),
        "url": functools.partial(_url, request),
        "nav": getattr(request.app.state, "nav", []),
        "attributie": engine_text(site.dataset.attribution, lang),
    }
    values.update(context or {})
    response = TEMPLATES[lang].TemplateResponse(request, name, values, status_code=status_code)
    _remember_language(request, response)
    return response
