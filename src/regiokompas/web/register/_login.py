"""Logging in and out of the register's pages: throttled logins (see
:mod:`regiokompas.store._throttle`), a fresh session on login, and a logout that revokes every
cookie of the account on the server. Every outcome goes to the security log."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from regiokompas.store.accounts import LoginThrottledError
from regiokompas.web._security import client_address, security_event
from regiokompas.web.register._auth import (
    WebSession,
    register_of,
    session_of,
    session_user,
    store_session,
)
from regiokompas.web.register._pages import page, posted_form
from regiokompas.web.shared.templating import language

__all__ = ["router"]

router = APIRouter()


@router.get("/register/inloggen", response_class=HTMLResponse)
def inloggen_formulier(request: Request) -> Response:
    session = session_of(request)
    return page(request, session, "inloggen.html", {})


@router.post("/register/inloggen", response_class=HTMLResponse)
async def inloggen(request: Request) -> Response:
    session = session_of(request)
    data, error = await posted_form(request, session)
    if error is not None:
        return error
    naam = str(data.get("gebruikersnaam", ""))[:100]
    try:
        user = await run_in_threadpool(
            register_of(request).inloggen,
            naam,
            str(data.get("wachtwoord", ""))[:1000],
            client_address(request),
        )
    except LoginThrottledError as exc:
        security_event(
            request, "inloggen_geblokkeerd", gebruiker=naam, wacht_seconden=exc.retry_after
        )
        refused = page(
            request,
            session,
            "inloggen.html",
            {"gebruiker": None, "melding": exc.message(language(request))},
            429,
        )
        refused.headers["Retry-After"] = str(exc.retry_after)
        return refused
    if user is None:
        security_event(request, "inloggen_mislukt", gebruiker=naam)
        return page(
            request,
            session,
            "inloggen.html",
            {"gebruiker": None, "melding": "Onbekende gebruikersnaam of onjuist wachtwoord."},
            401,
        )
    # A fresh session (and CSRF token) after login: no session fixation.
    security_event(request, "inloggen_gelukt", gebruiker=user.gebruikersnaam)
    response = RedirectResponse("/register", status_code=303)
    store_session(
        request,
        response,
        WebSession(user.gebruikersnaam, session_of_new(), user.sessie_generatie),
    )
    return response


def session_of_new() -> str:
    """A new random CSRF token."""
    return secrets.token_urlsafe(24)


@router.post("/register/uitloggen")
async def uitloggen(request: Request) -> Response:
    session = session_of(request)
    _, error = await posted_form(request, session)
    if error is not None:
        return error
    user = session_user(request, session)
    if user is not None:
        # Server-side: this and every other cookie of the account stops working.
        await run_in_threadpool(register_of(request).uitloggen, user.gebruikersnaam)
        security_event(request, "uitgelogd", gebruiker=user.gebruikersnaam)
    response = RedirectResponse("/register", status_code=303)
    store_session(request, response, None)
    return response
