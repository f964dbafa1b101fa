"""The register's import page (upload, all-or-nothing, per-row report) and the beheerder's
button that loads the seed records. Shares the page helpers of :mod:`._pages`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from regiokompas.register import COLUMNS, REQUIRED_COLUMNS, ImportRejectedError, Problem
from regiokompas.store import Gebruiker, format_of
from regiokompas.web.register._auth import register_of, session_of, session_user
from regiokompas.web.register._pages import (
    MAX_UPLOAD,
    editor,
    error_message_page,
    login_needed,
    page,
    posted_form,
)
from regiokompas.web.register._text import translator
from regiokompas.web.shared.templating import language

__all__ = ["router"]

router = APIRouter()


def _import_context(user: Gebruiker | None, problems: list[Problem]) -> dict[str, Any]:
    return {
        "gebruiker": user,
        "problemen": problems,
        "kolommen": COLUMNS,
        "verplicht": REQUIRED_COLUMNS,
    }


@router.get("/register/importeren", response_class=HTMLResponse)
def importeren_formulier(request: Request) -> Response:
    session = session_of(request)
    user = editor(request, session)
    if user is None:
        return login_needed(request, session)
    return page(request, session, "importeren.html", _import_context(user, []))


@router.post("/register/importeren", response_class=HTMLResponse)
async def importeren(request: Request) -> Response:
    session = session_of(request)
    data, error = await posted_form(request, session)
    if error is not None:
        return error
    user = editor(request, session)
    if user is None:
        return login_needed(request, session)
    upload = data.get("bestand")
    if not isinstance(upload, tuple) or not upload[0]:
        return error_message_page(
            request, session, 400, "Geen bestand", "Kies een .csv- of .xlsx-bestand."
        )
    filename, content = upload
    if len(content) > MAX_UPLOAD:
        return error_message_page(
            request, session, 413, "Bestand te groot", "Het bestand is groter dan 5 MB."
        )
    reg = register_of(request)
    try:
        report = await run_in_threadpool(reg.importeer, content, format_of(filename), user.actor())
    except ImportRejectedError as exc:
        return page(request, session, "importeren.html", _import_context(user, exc.problems), 400)
    context = _import_context(user, [])
    context["bevestiging"] = translator(language(request))(
        "{n} regelingen geïmporteerd uit {bestand}."
    ).format(n=len(report.regelingen), bestand=filename)
    return page(request, session, "importeren.html", context)


@router.post("/register/startgegevens")
async def startgegevens(request: Request) -> Response:
    session = session_of(request)
    _, error = await posted_form(request, session)
    if error is not None:
        return error
    user = session_user(request, session)
    if user is None or user.rol != "beheerder":
        return error_message_page(
            request, session, 403, "Geen toestemming", "Alleen een beheerder laadt startgegevens."
        )
    await run_in_threadpool(register_of(request).seed)
    return RedirectResponse("/register", status_code=303)
