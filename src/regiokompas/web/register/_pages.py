"""The register's HTML pages under ``/register`` (Dutch): list and search with the
gemeente's congruence, detail with audit trail, new/edit forms, delete/undo, import with a
per-row report, export, log in/out. Reading is public; changes need an account, every POST
form carries a CSRF token, and a redacteur changes only their own gemeente's arrangements.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from regiokompas.data import RegiokompasError
from regiokompas.register import (
    CLASSIFICATION_RULE,
    CLASSIFICATION_RULE_EN,
    COLUMNS,
    VORMEN,
    ConflictError,
    DuplicateNameError,
    NotFoundError,
    PermissionDeniedError,
    Regeling,
    RegisterValidationError,
    classify,
    format_row,
    parse_row,
)
from regiokompas.store import Gebruiker, StoreBusyError, format_of
from regiokompas.web._security import security_event
from regiokompas.web.register._auth import (
    WebSession,
    check_csrf,
    register_of,
    session_of,
    session_user,
    store_session,
)
from regiokompas.web.register._text import translator
from regiokompas.web.shared.templating import language, render

__all__ = [
    "MAX_UPLOAD",
    "editor",
    "error_message_page",
    "login_needed",
    "page",
    "posted_form",
    "router",
]

router = APIRouter()
MAX_UPLOAD = 5 * 1024 * 1024
_FORM_FIELDS = [c for c in COLUMNS if c not in ("id", "classificatie")]


def page(
    request: Request, session: WebSession, name: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """Render a register template with the session, the user and the page language's texts
    (``t``); ``titel``, ``melding`` and ``bevestiging`` given in Dutch are translated too."""
    lang = language(request)
    t = translator(lang)
    user = context.get("gebruiker", session_user(request, session))

    def vorm_label(code: str) -> str:
        vorm = VORMEN.get(code)
        return code if vorm is None else (vorm.name_en if lang == "en" else vorm.naam)

    values = {
        "gebruiker": user,
        "csrf": session.csrf,
        "vormen": VORMEN,
        "vorm_label": vorm_label,
        "t": t,
        "regel": CLASSIFICATION_RULE_EN if lang == "en" else CLASSIFICATION_RULE,
        **context,
    }
    for key in ("titel", "melding", "bevestiging"):
        if isinstance(values.get(key), str):
            values[key] = t(values[key])
    response = render(request, f"register/{name}", values, status_code=status)
    store_session(request, response, session)
    if user is not None:
        # A page for a logged-in user must not be kept by a browser or a shared cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def error_message_page(
    request: Request, session: WebSession, status: int, titel: str, melding: str
) -> HTMLResponse:
    return page(request, session, "fout.html", {"titel": titel, "melding": melding}, status)


def _error_page(request: Request, session: WebSession, exc: RegiokompasError) -> HTMLResponse:
    text = exc.message(language(request))
    if isinstance(exc, PermissionDeniedError):
        security_event(request, "toegang_geweigerd", gebruiker=session.gebruiker)
        return error_message_page(request, session, 403, "Geen toestemming", text)
    if isinstance(exc, NotFoundError):
        return error_message_page(request, session, 404, "Niet gevonden", text)
    if isinstance(exc, ConflictError):
        return error_message_page(request, session, 409, "Intussen gewijzigd", text)
    if isinstance(exc, StoreBusyError):
        return error_message_page(request, session, 503, "Even bezet", text)
    return error_message_page(request, session, 400, "Ongeldige invoer", text)


async def posted_form(
    request: Request, session: WebSession
) -> tuple[dict[str, Any], HTMLResponse | None]:
    """The posted form, or an error page when the CSRF token or the login is missing."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            # Read uploads at once (bounded) and close their temporary files.
            data[key] = (value.filename or "", await value.read(MAX_UPLOAD + 1))
            await value.close()
        else:
            data[key] = value
    if not check_csrf(session, data.get("csrf") if isinstance(data.get("csrf"), str) else None):
        return data, error_message_page(
            request,
            session,
            403,
            "Formulier verlopen",
            "Het formulier is verlopen of niet van deze site (CSRF-controle). Laad de pagina "
            "opnieuw en probeer het nog eens.",
        )
    return data, None


def login_needed(request: Request, session: WebSession) -> HTMLResponse:
    """401 for a visitor who is not logged in; 403 for a logged-in lezer (logging in again
    would not help)."""
    user = session_user(request, session)
    if user is not None:
        security_event(request, "toegang_geweigerd", gebruiker=user.gebruikersnaam, rol=user.rol)
        return error_message_page(
            request,
            session,
            403,
            "Geen toestemming",
            "Een lezer mag het register niet wijzigen.",
        )
    return error_message_page(
        request, session, 401, "Inloggen nodig", "Log in om het register te wijzigen."
    )


def _form_values(regeling: Regeling) -> dict[str, str]:
    row = format_row(regeling)
    row["deelnemers"] = "\n".join(p.replace("=", " = ") for p in row["deelnemers"].split(";") if p)
    row["taakvelden"] = "; ".join(regeling.taakvelden)
    return row


def _row_from_form(data: dict[str, Any]) -> dict[str, str]:
    row = {k: str(data.get(k, "")) for k in _FORM_FIELDS}
    row["deelnemers"] = ";".join(
        line.strip() for line in row["deelnemers"].replace(";", "\n").splitlines()
    )
    for flag in (
        "zienswijzerecht",
        "gezamenlijke_raadscommissie",
        "gezamenlijk_bestuur",
        "historisch",
        "te_verifieren",
    ):
        row[flag] = "ja" if data.get(flag) == "ja" else "nee"
    return row


# ---------------------------------------------------------------------- list, detail, export


@router.get("/register", response_class=HTMLResponse)
def lijst(
    request: Request,
    zoek: Annotated[str, Query(max_length=100)] = "",
    gemeente: Annotated[str, Query(max_length=100)] = "",
    historisch: Annotated[str, Query(pattern="^(|ja|nee)$")] = "",
) -> Response:
    session = session_of(request)
    reg = register_of(request)
    ds = request.app.state.site.dataset
    code = None
    context: dict[str, Any] = {}
    if gemeente.strip():
        try:
            g = ds.gemeente(gemeente)
        except RegiokompasError as exc:
            text = exc.message(language(request))
            return error_message_page(request, session, 404, "Gemeente niet gevonden", text)
        code = g.code
        hist = None if historisch == "" else historisch == "ja"
        context.update(
            congruentie=reg.congruentie(code, hist),
            partners=reg.bestaande_partners(code, hist),
            gemeente_naam=g.naam,
            namen=reg.ref.gemeenten,
        )
    found = reg.lijst(
        zoek=zoek or None,
        gemeente=code,
        historisch=None if historisch == "" else historisch == "ja",
    )
    user = session_user(request, session)
    return page(
        request,
        session,
        "lijst.html",
        {
            **context,
            "gebruiker": user,
            "titel": "Register van samenwerkingsverbanden",
            "regelingen": [(r, classify(r).klasse) for r in found],
            "zoek": zoek,
            "gemeente_invoer": gemeente,
            "gemeente_code": code,
            "historisch": None if historisch == "" else historisch == "ja",
            "kan_schrijven": user is not None and user.rol != "lezer",
            "leeg": not found and not zoek and code is None and reg.count() == 0,
        },
    )


@router.get("/register/verwijderd", response_class=HTMLResponse)
def verwijderd(request: Request) -> Response:
    session = session_of(request)
    user = session_user(request, session)
    if user is None:
        return login_needed(request, session)
    found = register_of(request).lijst(alleen_verwijderd=True)
    return page(
        request,
        session,
        "lijst.html",
        {
            "gebruiker": user,
            "titel": "Verwijderde regelingen (te herstellen)",
            "regelingen": [(r, classify(r).klasse) for r in found],
            "historisch": None,
            "kan_schrijven": user.rol != "lezer",
            "leeg": False,
        },
    )


@router.get("/register/regelingen/{regeling_id}", response_class=HTMLResponse)
def detail(request: Request, regeling_id: int) -> Response:
    session = session_of(request)
    user = session_user(request, session)
    reg = register_of(request)
    try:
        r = reg.toon(regeling_id, include_deleted=user is not None)
    except RegiokompasError as exc:
        return _error_page(request, session, exc)
    vorm = VORMEN.get(r.vorm)
    return page(
        request,
        session,
        "detail.html",
        {
            "gebruiker": user,
            "r": r,
            "c": classify(r),
            "vorm_naam": vorm.naam if vorm else r.vorm,
            "kan_wijzigen": user is not None and user.actor().can_edit(r),
            "geschiedenis": reg.geschiedenis(regeling_id) if user is not None else None,
        },
    )


@router.get("/register/exporteren")
def exporteren(
    request: Request,
    formaat: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",
    gemeente: Annotated[str, Query(max_length=6)] = "",
) -> Response:
    data = register_of(request).exporteer(
        format_of(f"x.{formaat}"), gemeente=gemeente.upper() or None
    )
    media = (
        "text/csv; charset=utf-8"
        if formaat == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="regelingen.{formaat}"'},
    )


# ---------------------------------------------------------------------- changes


def editor(request: Request, session: WebSession) -> Gebruiker | None:
    user = session_user(request, session)
    return user if user is not None and user.rol != "lezer" else None


@router.get("/register/nieuw", response_class=HTMLResponse)
def nieuw_formulier(request: Request) -> Response:
    session = session_of(request)
    user = editor(request, session)
    if user is None:
        return login_needed(request, session)
    start = Regeling("", "openbaar_lichaam", ())
    values = _form_values(start)
    if user.gm_code:
        values["deelnemers"] = user.gm_code
    return page(
        request,
        session,
        "formulier.html",
        {
            "gebruiker": user,
            "titel": "Nieuwe regeling",
            "actie": "/register/nieuw",
            "terug": "/register",
            "w": values,
            "versie": None,
            "fouten": [],
            "velden": _FORM_FIELDS,
        },
    )


@router.get("/register/regelingen/{regeling_id}/bewerken", response_class=HTMLResponse)
def bewerken_formulier(request: Request, regeling_id: int) -> Response:
    session = session_of(request)
    user = editor(request, session)
    if user is None:
        return login_needed(request, session)
    try:
        r = register_of(request).toon(regeling_id)
    except RegiokompasError as exc:
        return _error_page(request, session, exc)
    if not user.actor().can_edit(r):
        return _error_page(
            request,
            session,
            PermissionDeniedError(
                f"U bent redacteur voor {user.gm_code}; die gemeente neemt niet deel aan "
                f"'{r.naam}'.",
                f"You are an editor for {user.gm_code}; that municipality does not take part in "
                f"'{r.naam}'.",
            ),
        )
    return page(
        request,
        session,
        "formulier.html",
        {
            "gebruiker": user,
            "titel": translator(language(request))("Bewerken: {naam}").format(naam=r.naam),
            "terug": f"/register/regelingen/{r.id}",
            "actie": f"/register/regelingen/{r.id}/bewerken",
            "w": _form_values(r),
            "versie": r.versie,
            "fouten": [],
            "velden": _FORM_FIELDS,
        },
    )


async def _save(request: Request, regeling_id: int | None) -> Response:
    session = session_of(request)
    data, error = await posted_form(request, session)
    if error is not None:
        return error
    user = editor(request, session)
    if user is None:
        return login_needed(request, session)
    reg = register_of(request)
    row = _row_from_form(data)
    regeling, problems = parse_row(row, reg.ref, None)
    try:
        if regeling is None:
            raise RegisterValidationError(problems)
        if regeling_id is None:
            saved = await run_in_threadpool(reg.aanmaken, regeling, user.actor())
        else:
            versie = str(data.get("versie", ""))
            if not versie.isdigit() or len(versie) > 9:
                # The form always carries the version it was loaded with; without it an old
                # tab or a hand-made POST would overwrite newer edits unseen.
                raise ConflictError(regeling_id, None, reg.toon(regeling_id).versie)
            expected = int(versie)
            saved = await run_in_threadpool(
                reg.wijzigen, regeling_id, regeling, user.actor(), expected
            )
    except RegisterValidationError as exc:
        return page(
            request,
            session,
            "formulier.html",
            {
                "gebruiker": user,
                "titel": "Regeling" if regeling_id is None else "Bewerken",
                "actie": request.url.path,
                "terug": "/register",
                "w": row,
                "versie": data.get("versie"),
                "fouten": exc.problems,
                "velden": _FORM_FIELDS,
            },
            409 if isinstance(exc, DuplicateNameError) else 400,
        )
    except RegiokompasError as exc:
        return _error_page(request, session, exc)
    return RedirectResponse(f"/register/regelingen/{saved.id}", status_code=303)


@router.post("/register/nieuw", response_class=HTMLResponse)
async def nieuw(request: Request) -> Response:
    return await _save(request, None)


@router.post("/register/regelingen/{regeling_id}/bewerken", response_class=HTMLResponse)
async def bewerken(request: Request, regeling_id: int) -> Response:
    return await _save(request, regeling_id)


async def _toggle(request: Request, regeling_id: int, delete: bool) -> Response:
    session = session_of(request)
    _, error = await posted_form(request, session)
    if error is not None:
        return error
    user = editor(request, session)
    if user is None:
        return login_needed(request, session)
    reg = register_of(request)
    try:
        action = reg.verwijderen if delete else reg.herstellen
        await run_in_threadpool(action, regeling_id, user.actor())
    except RegiokompasError as exc:
        return _error_page(request, session, exc)
    return RedirectResponse(f"/register/regelingen/{regeling_id}", status_code=303)


@router.post("/register/regelingen/{regeling_id}/verwijderen")
async def verwijderen(request: Request, regeling_id: int) -> Response:
    return await _toggle(request, regeling_id, True)


@router.post("/register/regelingen/{regeling_id}/herstellen")
async def herstellen(request: Request, regeling_id: int) -> Response:
    return await _toggle(request, regeling_id, False)
