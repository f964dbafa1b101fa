"""Accounts, roles, password hashing (Argon2id) and API tokens.

Roles: ``beheerder`` (everything, including accounts), ``redacteur`` for one gemeente
(edits only arrangements that gemeente takes part in), ``lezer`` (reads only).
Passwords are hashed with Argon2id (argon2-cffi defaults, RFC 9106 low-memory profile);
API tokens are 256-bit random strings of which only the SHA-256 hash is stored — a
token has enough entropy that a fast hash is safe, and it allows lookup by hash.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from regiokompas.data import RegiokompasError
from regiokompas.register import Actor, NotFoundError, PermissionDeniedError, Reference
from regiokompas.store._audit import record, utcnow
from regiokompas.store._schema import GebruikerRow, TokenRow

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "AccountError",
    "Gebruiker",
    "LoginThrottledError",
    "authenticate",
    "create_token",
    "create_user",
    "end_sessions",
    "get_user",
    "list_users",
    "revoke_tokens",
    "set_password",
    "token_actor",
]

ROLES = ("beheerder", "redacteur", "lezer")
MIN_PASSWORD_LENGTH = 12
_HASHER = PasswordHasher()
# A valid hash to verify against when the user does not exist, so that a failed login
# takes the same time whether or not the name exists.
_DUMMY_HASH = _HASHER.hash("regiokompas-dummy-wachtwoord")


class AccountError(RegiokompasError):
    """An account cannot be created or changed as asked."""


class LoginThrottledError(AccountError):
    """Too many failed logins for this account or address: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "Te veel mislukte inlogpogingen. Wacht "
            f"{retry_after} seconden en probeer het dan opnieuw.",
            f"Too many failed logins. Wait {retry_after} seconds and try again.",
        )
        self.retry_after = retry_after


@dataclass(frozen=True)
class Gebruiker:
    """An account as shown to administrators (never the hash)."""

    id: int
    gebruikersnaam: str
    rol: str
    gm_code: str | None
    actief: bool
    #: A session cookie is valid only while it carries this value (see :func:`end_sessions`).
    sessie_generatie: int = 0

    def actor(self) -> Actor:
        """The acting identity for permission checks."""
        return Actor(self.gebruikersnaam, self.rol, self.gm_code)  # type: ignore[arg-type]


def _gebruiker(row: GebruikerRow) -> Gebruiker:
    return Gebruiker(
        row.id, row.gebruikersnaam, row.rol, row.gm_code, row.actief, row.sessie_generatie or 0
    )


def _check_password(wachtwoord: str) -> None:
    if len(wachtwoord) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn.",
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.",
        )


def create_user(
    session: Session,
    gebruikersnaam: str,
    wachtwoord: str,
    rol: str,
    gm_code: str | None,
    ref: Reference,
    door: Actor,
) -> Gebruiker:
    """Add an account (only a beheerder may); a redacteur needs a gemeente."""
    if door.rol != "beheerder":
        raise PermissionDeniedError(
            "Alleen een beheerder mag gebruikers toevoegen.", "Only an administrator may add users."
        )
    naam = gebruikersnaam.strip()
    if not naam or len(naam) > 100:
        raise AccountError(
            "Geef een gebruikersnaam van 1 tot 100 tekens.",
            "Give a user name of 1 to 100 characters.",
        )
    if rol not in ROLES:
        raise AccountError(
            f"Onbekende rol '{rol}'; kies uit {', '.join(ROLES)}.",
            f"Unknown role '{rol}'; choose from {', '.join(ROLES)}.",
        )
    code = ref.resolve(gm_code) if gm_code else None
    if rol == "redacteur" and code is None:
        raise AccountError(
            "Een redacteur hoort bij één gemeente; geef die op.",
            "An editor belongs to one gemeente; name it.",
        )
    if rol != "redacteur":
        code = None
    _check_password(wachtwoord)
    if session.scalar(select(GebruikerRow).where(GebruikerRow.gebruikersnaam == naam)):
        raise AccountError(f"Gebruiker '{naam}' bestaat al.", f"User '{naam}' already exists.")
    row = GebruikerRow(
        gebruikersnaam=naam,
        wachtwoord_hash=_HASHER.hash(wachtwoord),
        rol=rol,
        gm_code=code,
        actief=True,
        aangemaakt_op=utcnow(),
    )
    session.add(row)
    session.flush()
    record(
        session,
        door.naam,
        "gebruiker",
        row.id,
        "aangemaakt",
        "",
        None,
        {"gebruikersnaam": naam, "rol": rol, "gm_code": code},
    )
    return _gebruiker(row)


def set_password(session: Session, gebruikersnaam: str, wachtwoord: str, door: Actor) -> None:
    """Change a password (the user themselves or a beheerder)."""
    if door.rol != "beheerder" and door.naam != gebruikersnaam:
        raise PermissionDeniedError(
            "U mag alleen uw eigen wachtwoord wijzigen.", "You may only change your own password."
        )
    _check_password(wachtwoord)
    row = session.scalar(select(GebruikerRow).where(GebruikerRow.gebruikersnaam == gebruikersnaam))
    if row is None:
        raise NotFoundError("Gebruiker", "User", gebruikersnaam)
    row.wachtwoord_hash = _HASHER.hash(wachtwoord)
    # Every session opened with the old password ends.
    row.sessie_generatie = (row.sessie_generatie or 0) + 1
    record(
        session, door.naam, "gebruiker", row.id, "gewijzigd", "wachtwoord", "***", "***", raw=True
    )


def end_sessions(session: Session, gebruikersnaam: str) -> None:
    """Revoke every browser session of the account (logout): its cookies stop working."""
    row = session.scalar(select(GebruikerRow).where(GebruikerRow.gebruikersnaam == gebruikersnaam))
    if row is not None:
        row.sessie_generatie = (row.sessie_generatie or 0) + 1


def list_users(session: Session) -> list[Gebruiker]:
    """All accounts by name."""
    return [
        _gebruiker(r)
        for r in session.scalars(select(GebruikerRow).order_by(GebruikerRow.gebruikersnaam))
    ]


def get_user(session: Session, gebruikersnaam: str) -> Gebruiker | None:
    """One account by name, or None."""
    row = session.scalar(select(GebruikerRow).where(GebruikerRow.gebruikersnaam == gebruikersnaam))
    return _gebruiker(row) if row is not None else None


def authenticate(session: Session, gebruikersnaam: str, wachtwoord: str) -> Gebruiker | None:
    """The account if name and password match an active user, else None (constant work)."""
    row = session.scalar(
        select(GebruikerRow).where(GebruikerRow.gebruikersnaam == gebruikersnaam.strip())
    )
    try:
        _HASHER.verify(row.wachtwoord_hash if row else _DUMMY_HASH, wachtwoord)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.actief:
        return None
    if _HASHER.check_needs_rehash(row.wachtwoord_hash):
        row.wachtwoord_hash = _HASHER.hash(wachtwoord)
    return _gebruiker(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, gebruikersnaam: str, omschrijving: str, door: Actor) -> str:
    """A new API token for ``gebruikersnaam``; the plain token is returned once, only its
    hash is stored. A beheerder may create tokens for anyone, others for themselves."""
    if door.rol != "beheerder" and door.naam != gebruikersnaam:
        raise PermissionDeniedError(
            "U mag alleen voor uzelf een token maken.", "You may only create a token for yourself."
        )
    row = session.scalar(select(GebruikerRow).where(GebruikerRow.gebruikersnaam == gebruikersnaam))
    if row is None:
        raise NotFoundError("Gebruiker", "User", gebruikersnaam)
    token = "rk_" + secrets.token_urlsafe(32)
    token_row = TokenRow(
        gebruiker_id=row.id,
        token_hash=_token_hash(token),
        omschrijving=omschrijving[:200],
        aangemaakt_op=utcnow(),
    )
    session.add(token_row)
    session.flush()
    record(
        session,
        door.naam,
        "api_token",
        token_row.id,
        "aangemaakt",
        "gebruiker",
        None,
        gebruikersnaam,
    )
    return token


def revoke_tokens(session: Session, gebruikersnaam: str, door: Actor) -> int:
    """Revoke every active token of a user; returns how many."""
    if door.rol != "beheerder" and door.naam != gebruikersnaam:
        raise PermissionDeniedError(
            "U mag alleen uw eigen tokens intrekken.", "You may only revoke your own tokens."
        )
    rows = session.scalars(
        select(TokenRow)
        .join(GebruikerRow, GebruikerRow.id == TokenRow.gebruiker_id)
        .where(GebruikerRow.gebruikersnaam == gebruikersnaam, TokenRow.ingetrokken_op.is_(None))
    ).all()
    for token_row in rows:
        token_row.ingetrokken_op = utcnow()
        record(session, door.naam, "api_token", token_row.id, "ingetrokken")
    return len(rows)


def token_actor(session: Session, token: str) -> Gebruiker | None:
    """The active user owning an active ``token``, or None."""
    row = session.scalar(
        select(GebruikerRow)
        .join(TokenRow, GebruikerRow.id == TokenRow.gebruiker_id)
        .where(TokenRow.token_hash == _token_hash(token), TokenRow.ingetrokken_op.is_(None))
    )
    if row is None or not row.actief:
        return None
    return _gebruiker(row)
