"""Repository behaviour on SQLite and PostgreSQL: permissions, audit trail, soft delete,
optimistic locking, and that the migrated schema matches the models."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import Session
from store_helpers import BEHEERDER, GOUDA, LEZER, UTRECHT

from regiokompas.register import (
    ConflictError,
    Deelnemer,
    NotFoundError,
    PermissionDeniedError,
    Regeling,
    RegisterValidationError,
)
from regiokompas.store import RegelingRepository, Register, is_current, migrate
from regiokompas.store._schema import Base

GOUWE = Regeling(
    naam="Belastingsamenwerking Gouwe",
    vorm="bedrijfsvoeringsorganisatie",
    deelnemers=(Deelnemer("GM0513", bijdrage_keur=410.5), Deelnemer("GM0627", bijdrage_keur=190.0)),
    taakvelden=("0.61", "0.62"),
    begroting_keur=600.5,
    startdatum=dt.date(2019, 1, 1),
    evaluatiedatum=dt.date(2025, 6, 30),
    uittredingsvoorwaarden="Twee jaar opzegtermijn; uittreedsom volgens verdeelsleutel.",
    zienswijzerecht=True,
    bron="Regeling zoals gepubliceerd in het GVOP, 2019",
    bron_datum=dt.date(2019, 1, 1),
)


def test_migrated_schema_matches_models(register: Register) -> None:
    with register.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert is_current(register.engine)
    migrate(register.engine)  # idempotent
    assert is_current(register.engine)


def test_create_read_and_names_follow_codes(register: Register) -> None:
    created = register.aanmaken(GOUWE, BEHEERDER)
    assert created.id is not None and created.versie == 1
    read = register.toon(created.id)
    assert read == GOUWE.__class__(
        **{
            **GOUWE.content(),
            "deelnemers": (
                Deelnemer("GM0513", "Gouda", 410.5),
                Deelnemer("GM0627", "Waddinxveen", 190.0),
            ),
        }
    )
    assert [r.naam for r in register.lijst(gemeente="GM0627")] == [GOUWE.naam]
    assert register.lijst(gemeente="GM0344") == []
    assert [r.naam for r in register.lijst(zoek="  belasting  ")] == [GOUWE.naam]


def test_duplicate_name_is_refused(register: Register) -> None:
    register.aanmaken(GOUWE, BEHEERDER)
    with pytest.raises(RegisterValidationError) as info:
        register.aanmaken(
            Regeling(**{**GOUWE.content(), "naam": "belastingsamenwerking  GOUWE"}), BEHEERDER
        )
    assert "naam" in [p.veld for p in info.value.problems]


def test_redacteur_edits_only_own_gemeente(register: Register) -> None:
    own = register.aanmaken(GOUWE, BEHEERDER)
    other = register.aanmaken(
        Regeling(
            "Afval Utrecht-West", "openbaar_lichaam", (Deelnemer("GM0344"), Deelnemer("GM0356"))
        ),
        BEHEERDER,
    )
    changed = register.wijzigen(
        own.id, Regeling(**{**GOUWE.content(), "begroting_keur": 700.0}), GOUDA, own.versie
    )
    assert changed.begroting_keur == 700.0
    with pytest.raises(PermissionDeniedError):
        register.wijzigen(
            other.id, Regeling(**{**other.content(), "begroting_keur": 1.0}), GOUDA, other.versie
        )
    with pytest.raises(PermissionDeniedError):
        register.verwijderen(other.id, GOUDA)
    # A redacteur may not hand an arrangement away by removing their own gemeente either.
    with pytest.raises(PermissionDeniedError):
        register.wijzigen(
            own.id,
            Regeling(
                **{**GOUWE.content(), "deelnemers": (Deelnemer("GM0627"), Deelnemer("GM1892"))}
            ),
            GOUDA,
            changed.versie,
        )
    with pytest.raises(PermissionDeniedError):
        register.aanmaken(Regeling("Nieuw", "convenant", (Deelnemer("GM0344"),)), GOUDA)
    with pytest.raises(PermissionDeniedError):
        register.wijzigen(own.id, GOUWE, LEZER, changed.versie)
    assert register.toon(other.id).begroting_keur is None
    assert register.toon(own.id).begroting_keur == 700.0
    assert UTRECHT.can_edit(register.toon(other.id))


def test_audit_trail_records_every_change(register: Register) -> None:
    created = register.aanmaken(GOUWE, BEHEERDER)
    new = Regeling(
        **{
            **GOUWE.content(),
            "begroting_keur": 650.0,
            "deelnemers": (Deelnemer("GM0513", bijdrage_keur=410.5),),
            "classificatie_override": "uitbesteding",
            "override_reden": "Gouda neemt alleen diensten af.",
        }
    )
    updated = register.wijzigen(created.id, new, GOUDA, created.versie)
    register.verwijderen(created.id, BEHEERDER)
    register.herstellen(created.id, BEHEERDER)
    trail = list(reversed(register.geschiedenis(created.id)))
    assert [(a.actie, a.veld) for a in trail] == [
        ("aangemaakt", ""),
        ("gewijzigd", "deelnemers"),
        ("gewijzigd", "begroting_keur"),
        ("gewijzigd", "classificatie_override"),
        ("gewijzigd", "override_reden"),
        ("verwijderd", "verwijderd"),
        ("hersteld", "verwijderd"),
    ]
    assert json.loads(trail[0].nieuw or "")["naam"] == GOUWE.naam
    assert trail[0].oud is None
    budget = trail[2]
    assert (json.loads(budget.oud or ""), json.loads(budget.nieuw or "")) == (600.5, 650.0)
    assert budget.gebruiker == "red-gouda"
    assert [d["code"] for d in json.loads(trail[1].oud or "")] == ["GM0513", "GM0627"]
    assert trail[3].nieuw == '"uitbesteding"'
    assert all(a.tijdstip.tzinfo is not None for a in trail)
    now = dt.datetime.now(dt.UTC)
    assert all(abs((now - a.tijdstip).total_seconds()) < 120 for a in trail)
    assert updated.versie == 2


def test_soft_delete_and_undo(register: Register) -> None:
    created = register.aanmaken(GOUWE, BEHEERDER)
    register.verwijderen(created.id, BEHEERDER)
    with pytest.raises(NotFoundError):
        register.toon(created.id)
    assert register.lijst() == []
    assert [r.id for r in register.lijst(alleen_verwijderd=True)] == [created.id]
    assert register.toon(created.id, include_deleted=True).verwijderd
    # The name is free while deleted; restoring is refused if someone took it meanwhile.
    taken = register.aanmaken(GOUWE, BEHEERDER)
    with pytest.raises(RegisterValidationError):
        register.herstellen(created.id, BEHEERDER)
    register.verwijderen(taken.id, BEHEERDER)
    restored = register.herstellen(created.id, BEHEERDER)
    assert not restored.verwijderd and restored == GOUWE.__class__(
        **register.toon(created.id).content()
    )


def test_stale_version_is_a_conflict(register: Register) -> None:
    created = register.aanmaken(GOUWE, BEHEERDER)
    register.wijzigen(
        created.id,
        Regeling(**{**GOUWE.content(), "begroting_keur": 1.0}),
        BEHEERDER,
        created.versie,
    )
    with pytest.raises(ConflictError) as info:
        register.wijzigen(
            created.id,
            Regeling(**{**GOUWE.content(), "begroting_keur": 2.0}),
            BEHEERDER,
            created.versie,
        )
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert register.toon(created.id).begroting_keur == 1.0


def test_concurrent_sessions_do_not_lose_an_update(register: Register) -> None:
    """Two editors read version 1 in their own transactions; the first commits; the
    second's write must fail at the database (version check in the UPDATE), not overwrite."""
    created = register.aanmaken(GOUWE, BEHEERDER)
    assert created.id is not None
    with Session(register.engine) as first, Session(register.engine) as second:
        repo1 = RegelingRepository(first, register.ref)
        repo2 = RegelingRepository(second, register.ref)
        seen1, seen2 = repo1.get(created.id), repo2.get(created.id)
        assert seen1.versie == seen2.versie == 1
        repo1.update(
            created.id,
            Regeling(**{**seen1.content(), "begroting_keur": 111.0}),
            BEHEERDER,
            seen1.versie,
        )
        first.commit()
        with pytest.raises(ConflictError):
            repo2.update(
                created.id,
                Regeling(**{**seen2.content(), "begroting_keur": 222.0}),
                GOUDA,
                seen2.versie,
            )
        second.rollback()
    final = register.toon(created.id)
    assert (final.begroting_keur, final.versie) == (111.0, 2)
    assert [a.gebruiker for a in register.geschiedenis(created.id) if a.actie == "gewijzigd"] == [
        "beheer"
    ]
