"""Accounts and sessions (issue 18): throttled logins shared through the database, revocable
sessions, the security log, no-store pages, 403 for a logged-in lezer."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from store_helpers import BEHEERDER

from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, Regeling
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.store import _throttle as throttle
from regiokompas.store.accounts import LoginThrottledError
from regiokompas.web import create_app
from regiokompas.web.register._auth import COOKIE, close_registers

PASSWORD = "een heel lang wachtwoord"


@pytest.fixture
def site(database_url: str) -> Iterator[tuple[TestClient, Register, int]]:
    reg = Register.open(database_url, load_dataset())
    gouwe = reg.aanmaken(Regeling("Afval Gouwe", "convenant", (Deelnemer("GM0513"),)), BEHEERDER)
    reg.gebruiker_toevoegen("gouda", PASSWORD, "redacteur", "GM0513", BEHEERDER)
    reg.gebruiker_toevoegen("lezer", PASSWORD, "lezer", None, BEHEERDER)
    app = create_app(Settings(database_url=database_url, sessie_sleutel="test-sleutel-sessies"))
    with TestClient(app) as client:
        yield client, reg, gouwe.id or 0
    close_registers()
    reg.engine.dispose()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _login(client: TestClient, name: str, password: str = PASSWORD) -> int:
    token = _csrf(client.get("/register/inloggen").text)
    r = client.post(
        "/register/inloggen",
        data={"csrf": token, "gebruikersnaam": name, "wachtwoord": password},
        follow_redirects=False,
    )
    return r.status_code


def _edit(client: TestClient, reg: Register, ident: int, note: str) -> int:
    r = reg.toon(ident)
    csrf = _csrf(client.get("/register/inloggen").text)
    data = {
        "csrf": csrf,
        "naam": r.naam,
        "vorm": r.vorm,
        "deelnemers": "\n".join(r.gemeenten),
        "taakvelden": "",
        "opmerking": note,
        "versie": str(r.versie),
    }
    return client.post(
        f"/register/regelingen/{ident}/bewerken", data=data, follow_redirects=False
    ).status_code


def test_fifty_wrong_passwords_end_in_429(site, caplog: pytest.LogCaptureFixture) -> None:
    client, _, _ = site
    caplog.set_level(logging.INFO, logger="regiokompas.security")
    statuses = [_login(client, "gouda", "fout wachtwoord!") for _ in range(50)]
    assert statuses[: throttle.FREE_ATTEMPTS] == [401] * throttle.FREE_ATTEMPTS
    assert statuses[throttle.FREE_ATTEMPTS :].count(429) >= 40, statuses
    # While throttled even the right password is refused, with a Retry-After.
    token = _csrf(client.get("/register/inloggen").text)
    r = client.post(
        "/register/inloggen",
        data={"csrf": token, "gebruikersnaam": "gouda", "wachtwoord": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    events = [rec.getMessage() for rec in caplog.records if rec.name == "regiokompas.security"]
    assert sum('"event": "inloggen_mislukt"' in e for e in events) >= throttle.FREE_ATTEMPTS
    assert any('"event": "inloggen_geblokkeerd"' in e for e in events)
    assert all(PASSWORD not in e and "fout wachtwoord" not in e for e in events)
    # Another account from elsewhere is not affected.
    assert _login(client, "lezer") == 303


def test_throttle_schedule_by_hand(register: Register) -> None:
    """Delays double after the free attempts; lockout at LOCKOUT_AT; all gone after WINDOW."""
    t0 = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    with register.session() as s:
        for _ in range(throttle.FREE_ATTEMPTS):
            assert throttle.wait_seconds(s, "Jan", "10.0.0.1", t0) == 0
            throttle.record_failure(s, "jan", "10.0.0.1", t0)
        # Five failures: the next attempt waits 2**0 = 1 s after the last one.
        assert throttle.wait_seconds(s, "jan", "10.0.0.2", t0) == 1
        throttle.record_failure(s, "jan", None, t0)
        assert throttle.wait_seconds(s, "jan", None, t0) == 2  # six failures: 2 s
        for _ in range(throttle.LOCKOUT_AT - 6):
            throttle.record_failure(s, "jan", None, t0)
        assert throttle.wait_seconds(s, "jan", None, t0) == 15 * 60  # locked out
        later = t0 + throttle.WINDOW + dt.timedelta(seconds=1)
        assert throttle.wait_seconds(s, "jan", None, later) == 0
    with pytest.raises(LoginThrottledError):
        for _ in range(throttle.FREE_ATTEMPTS + 1):
            register.inloggen("niemand", "x" * 12, "10.0.0.9")


def test_logout_and_password_change_revoke_old_cookies(site) -> None:
    client, reg, ident = site
    assert _login(client, "gouda") == 303
    old_cookie = client.cookies.get(COOKIE)
    assert _edit(client, reg, ident, "eerste") == 303
    csrf = _csrf(client.get("/register").text)
    assert client.post("/register/uitloggen", data={"csrf": csrf}).status_code in (200, 303)
    client.cookies.set(COOKIE, old_cookie or "")
    assert _edit(client, reg, ident, "na uitloggen") == 401
    assert reg.toon(ident).opmerking == "eerste"
    # A password change ends every session of the account too.
    assert _login(client, "gouda") == 303
    assert _edit(client, reg, ident, "tweede") == 303
    from regiokompas.store.accounts import set_password

    with reg.session() as s:
        set_password(s, "gouda", "nog een lang wachtwoord", BEHEERDER)
    assert _edit(client, reg, ident, "na wachtwoordwijziging") == 401
    assert reg.toon(ident).opmerking == "tweede"


def test_lezer_gets_403_and_pages_are_not_cached(site) -> None:
    client, _, _ = site
    assert "no-store" not in client.get("/register").headers.get("cache-control", "")
    assert client.get("/register/nieuw").status_code == 401  # anonymous: log in first
    assert _login(client, "lezer") == 303
    r = client.get("/register/nieuw")
    assert r.status_code == 403
    assert client.get("/register").headers["cache-control"] == "no-store"
