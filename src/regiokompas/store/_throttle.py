"""Login throttling and lockout, keyed on the account and on the client address.

Failed logins are rows in the database (``inlogpoging``), so every worker process sees the
same counts. Policy, following the OWASP Authentication Cheat Sheet (throttle and lock out on
failed attempts, per account, without telling whether the account exists) and NIST SP 800-63B
§5.2.2 (rate-limit failed attempts on one account):

- per account: :data:`FREE_ATTEMPTS` failures within :data:`WINDOW` cost nothing; after that
  each new attempt must wait ``2 ** (failures − FREE_ATTEMPTS)`` seconds after the last
  failure, and from :data:`LOCKOUT_AT` failures on the account is locked until the window has
  passed since the last failure;
- per address: from :data:`ADDRESS_LIMIT` failures within the window (many accounts tried from
  one place) that address waits out the window.

While an account or address must wait, even the right password is refused (else guessing
would simply continue); a successful login clears the account's failures.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from regiokompas.store._audit import utcnow
from regiokompas.store._schema import InlogpogingRow

__all__ = [
    "ADDRESS_LIMIT",
    "FREE_ATTEMPTS",
    "LOCKOUT_AT",
    "WINDOW",
    "clear_failures",
    "record_failure",
    "wait_seconds",
]

WINDOW = dt.timedelta(minutes=15)
FREE_ATTEMPTS = 5
LOCKOUT_AT = 20
ADDRESS_LIMIT = 50


def _keys(gebruikersnaam: str, adres: str | None) -> tuple[str, str | None]:
    account = f"gebruiker:{gebruikersnaam.strip().casefold()}"[:200]
    return account, (f"adres:{adres}"[:200] if adres else None)


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _failures(session: Session, key: str, since: dt.datetime) -> tuple[int, dt.datetime | None]:
    count, last = session.execute(
        select(func.count(InlogpogingRow.id), func.max(InlogpogingRow.tijdstip)).where(
            InlogpogingRow.sleutel == key, InlogpogingRow.tijdstip > since
        )
    ).one()
    return int(count or 0), (_as_utc(last) if last is not None else None)


def wait_seconds(
    session: Session, gebruikersnaam: str, adres: str | None, now: dt.datetime | None = None
) -> int:
    """Seconds before a login for this account from this address may be tried (0: now)."""
    now = now or utcnow()
    account, address = _keys(gebruikersnaam, adres)
    wait = 0.0
    count, last = _failures(session, account, now - WINDOW)
    if last is not None and count >= LOCKOUT_AT:
        wait = (last + WINDOW - now).total_seconds()
    elif last is not None and count >= FREE_ATTEMPTS:
        delay = dt.timedelta(seconds=2 ** (count - FREE_ATTEMPTS))
        wait = (last + min(delay, WINDOW) - now).total_seconds()
    if address is not None:
        count, last = _failures(session, address, now - WINDOW)
        if last is not None and count >= ADDRESS_LIMIT:
            wait = max(wait, (last + WINDOW - now).total_seconds())
    return max(0, int(-(-wait // 1)))  # whole seconds, rounded up


def record_failure(
    session: Session, gebruikersnaam: str, adres: str | None, now: dt.datetime | None = None
) -> int:
    """Note one failed login; returns the account's failures within the window. Rows older
    than the window are removed for these keys (the table stays small)."""
    now = now or utcnow()
    keys = [k for k in _keys(gebruikersnaam, adres) if k]
    session.execute(
        delete(InlogpogingRow).where(
            InlogpogingRow.sleutel.in_(keys), InlogpogingRow.tijdstip <= now - WINDOW
        )
    )
    session.add_all(InlogpogingRow(sleutel=k, tijdstip=now) for k in keys)
    session.flush()
    return _failures(session, keys[0], now - WINDOW)[0]


def clear_failures(session: Session, gebruikersnaam: str) -> None:
    """Forget the account's failures after a successful login."""
    account, _ = _keys(gebruikersnaam, None)
    session.execute(delete(InlogpogingRow).where(InlogpogingRow.sleutel == account))
