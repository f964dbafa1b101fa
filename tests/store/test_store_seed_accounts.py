"""Seeding the database and accounts/tokens, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select
from store_helpers import BEHEERDER, GOUDA

from regiokompas.register import PermissionDeniedError, congruence
from regiokompas.store import AccountError, Register, seed_files
from regiokompas.store._schema import GebruikerRow, TokenRow


@pytest.mark.slow
def test_seed_loads_every_record_once(register: Register) -> None:
    expected = {}
    for path in seed_files():
        with path.open(encoding="utf-8") as handle:
            expected[path.name] = sum(1 for _ in csv.DictReader(handle))
    assert register.seed() == expected
    assert register.count() == sum(expected.values())
    assert register.seed() == dict.fromkeys(expected, 0)  # idempotent
    historic = register.lijst(historisch=True)
    assert all(r.te_verifieren for r in historic)
    # The store helper gives the same answer as the pure function on all records.
    gouda = register.congruentie("GM0513")
    assert gouda == congruence("GM0513", register.lijst())
    assert gouda.regelingen == len(register.lijst(gemeente="GM0513")) > 0
    partners = register.bestaande_partners("GM0513", historisch=False)
    assert "GM0627" in [p.code for p in partners]  # Waddinxveen shares the 2024 regions


def test_passwords_are_argon2_hashed_and_checked(register: Register) -> None:
    user = register.gebruiker_toevoegen(
        "anna", "een lang wachtwoord", "redacteur", "Gouda", BEHEERDER
    )
    assert (user.rol, user.gm_code) == ("redacteur", "GM0513")
    with register.session() as session:
        stored = session.scalar(select(GebruikerRow.wachtwoord_hash))
    assert stored is not None and stored.startswith("$argon2id$") and "een lang" not in stored
    assert register.inloggen("anna", "een lang wachtwoord") == user
    assert register.inloggen("anna", "fout wachtwoord!!") is None
    assert register.inloggen("niemand", "een lang wachtwoord") is None
    with pytest.raises(AccountError):
        register.gebruiker_toevoegen("bob", "kort", "lezer", None, BEHEERDER)
    with pytest.raises(AccountError):
        register.gebruiker_toevoegen("anna", "nog een lang wachtwoord", "lezer", None, BEHEERDER)
    with pytest.raises(AccountError):
        register.gebruiker_toevoegen("carl", "een lang wachtwoord", "redacteur", None, BEHEERDER)
    with pytest.raises(PermissionDeniedError):
        register.gebruiker_toevoegen("dirk", "een lang wachtwoord", "lezer", None, GOUDA)
    assert [a.actie for a in register.geschiedenis() if a.entiteit == "gebruiker"] == ["aangemaakt"]


def test_api_tokens_are_stored_hashed_and_revocable(register: Register) -> None:
    register.gebruiker_toevoegen("machine", "een lang wachtwoord", "lezer", None, BEHEERDER)
    token = register.token_maken("machine", "nachtelijke export", BEHEERDER)
    with register.session() as session:
        stored = list(session.scalars(select(TokenRow.token_hash)))
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64
    found = register.token_gebruiker(token)
    assert found is not None and found.gebruikersnaam == "machine"
    assert register.token_gebruiker(token + "x") is None
    from regiokompas.store import accounts

    with register.session() as session:
        assert accounts.revoke_tokens(session, "machine", BEHEERDER) == 1
    assert register.token_gebruiker(token) is None
