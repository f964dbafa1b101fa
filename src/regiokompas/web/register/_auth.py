"""Who is asking, for the register's pages and API: signed session cookies with a CSRF
token for browsers, Bearer API tokens for machines; the register each app uses comes from
:mod:`regiokompas.web.shared.registers` (re-exported here).

The session cookie holds only the user name and a random CSRF token, signed (HMAC, via
itsdangerous) with the secret from ``REGIOKOMPAS_SESSIE_SLEUTEL`` or a random key kept in
the user data folder; it is HttpOnly and SameSite=Lax. Every POST form carries the CSRF
token in a hidden field, compared in constant time with the one in the cookie.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from regiokompas.settings import Settings
from regiokompas.store import Gebruiker, user_data_dir
from regiokompas.web.shared.registers import close_registers, register_of, register_of_app

__all__ = [
    "COOKIE",
    "WebSession",
    "bearer_user",
    "close_registers",
    "check_csrf",
    "register_of",
    "register_of_app",
    "session_of",
    "session_user",
    "store_session",
]

COOKIE = "rk_register"
MAX_AGE = 8 * 3600
#: Guards creating the session key file (one writer per process).
_LOCK = threading.Lock()


def _secret(settings: Settings) -> str:
    if settings.sessie_sleutel:
        return settings.sessie_sleutel
    path = user_data_dir() / "sessiesleutel"
    with _LOCK:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it just now: use theirs
                pass
            else:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write(secrets.token_urlsafe(48))
        return path.read_text(encoding="ascii").strip()


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(request.app.state.settings), salt="rk-register-sessie")


@dataclass(frozen=True)
class WebSession:
    """A browser session: the logged-in user name (or None) and its CSRF token."""

    gebruiker: str | None
    csrf: str
    #: The account's session generation when the cookie was issued (revocation).
    generatie: int = 0


def session_of(request: Request) -> WebSession:
    """The session from the cookie, or a fresh anonymous one (not yet stored)."""
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            data = _serializer(request).loads(raw, max_age=MAX_AGE)
            if isinstance(data, dict) and isinstance(data.get("c"), str):
                user = data.get("g")
                generation = data.get("s")
                return WebSession(
                    user if isinstance(user, str) else None,
                    data["c"],
                    generation if isinstance(generation, int) else -1,
                )
        except BadSignature:
            pass
    return WebSession(None, secrets.token_urlsafe(24))


def store_session(request: Request, response: Response, session: WebSession | None) -> None:
    """Write (or with None: delete) the session cookie on ``response``."""
    if session is None:
        response.delete_cookie(COOKIE, path="/")
        return
    value = _serializer(request).dumps(
        {"g": session.gebruiker, "c": session.csrf, "s": session.generatie}
    )
    response.set_cookie(
        COOKIE,
        value,
        max_age=MAX_AGE,
        httponly=True,
        samesite="lax",
        path="/",
        secure=request.url.scheme == "https",
    )


def session_user(request: Request, session: WebSession) -> Gebruiker | None:
    """The active account of a browser session (re-read, so a disabled user is out, and a
    cookie from before a logout or password change no longer counts)."""
    if session.gebruiker is None:
        return None
    user = register_of(request).gebruiker(session.gebruiker)
    if user is None or not user.actief or user.sessie_generatie != session.generatie:
        return None
    return user


def check_csrf(session: WebSession, token: str | None) -> bool:
    """Whether a form's CSRF token matches the session's (constant-time)."""
    return bool(token) and hmac.compare_digest(session.csrf, str(token))


def bearer_user(request: Request, token: str | None) -> Gebruiker | None:
    """The account behind an ``Authorization: Bearer`` token, or None."""
    if not token:
        return None
    return register_of(request).token_gebruiker(token)
