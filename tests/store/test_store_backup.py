"""Backup and restore (issue 18): a register with records, edits, deletions, accounts, tokens
and its audit trail is restored into an empty database and compared record by record."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import BEHEERDER, GOUDA

from postgres_helpers import fresh_schema_url
from regiokompas.cli import cli
from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, Regeling
from regiokompas.store import DatabaseError, Register, make_engine
from regiokompas.store._backup import backup, restore


@pytest.fixture
def empty_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database of the same kind as ``database_url``."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'leeg.sqlite'}"
        return
    base = os.environ["REGIOKOMPAS_TEST_POSTGRES_URL"]  # set: the postgresql variant runs
    with fresh_schema_url(base, "rk_leeg") as url:
        yield url


def _fill(reg: Register) -> None:
    a = reg.aanmaken(
        Regeling(
            "Afval Gouwe",
            "openbaar_lichaam",
            (Deelnemer("GM0513", bijdrage_keur=12.5), Deelnemer("", "Waterschap Rijnland")),
            ("7.3",),
            begroting_keur=1234.5,
            opmerking="regel 1\nregel 2 — é",
        ),
        BEHEERDER,
    )
    b = reg.aanmaken(Regeling("Belastingen", "convenant", (Deelnemer("GM0513"),)), GOUDA)
    reg.wijzigen(a.id or 0, Regeling(**{**a.content(), "bron": "jaarverslag"}), BEHEERDER, 1)
    reg.verwijderen(b.id or 0, BEHEERDER)
    reg.gebruiker_toevoegen("gouda", "een heel lang wachtwoord", "redacteur", "GM0513", BEHEERDER)
    reg.token_maken("gouda", "koppeling", BEHEERDER)


def _snapshot(reg: Register) -> tuple[object, ...]:
    records = [(r.id, r.versie, r.verwijderd, r) for r in reg.lijst(include_deleted=True)]
    audit = [
        (e.id, e.tijdstip, e.gebruiker, e.entiteit, e.entiteit_id, e.actie, e.veld, e.oud, e.nieuw)
        for e in reg.geschiedenis()
    ]
    return records, audit, reg.gebruikers()


def test_backup_and_restore_round_trip(register: Register, empty_url: str, tmp_path: Path) -> None:
    _fill(register)
    before = _snapshot(register)
    target = tmp_path / "register.backup"
    info = backup(register.engine, target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert info["rijen"]["regeling"] == 2 and info["rijen"]["audit"] >= 6
    engine = make_engine(empty_url)
    try:
        restored_info = restore(engine, target)
    finally:
        engine.dispose()
    assert restored_info["rijen"]["regeling"] == 2
    restored = Register.open(empty_url, load_dataset())
    try:
        assert _snapshot(restored) == before
        assert restored.inloggen("gouda", "een heel lang wachtwoord") is not None
        # New ids continue after the restored ones (PostgreSQL sequences moved on).
        new = restored.aanmaken(Regeling("Nieuw", "convenant", (Deelnemer("GM0513"),)), GOUDA)
        assert (new.id or 0) > max(r.id or 0 for r in restored.lijst(include_deleted=True)[:-1])
        # A second restore into the now filled database is refused.
        engine = make_engine(empty_url)
        with pytest.raises(DatabaseError, match="niet leeg"):
            restore(engine, target)
        engine.dispose()
    finally:
        restored.engine.dispose()


def test_restore_refuses_a_newer_schema(tmp_path: Path) -> None:
    dump = tmp_path / "toekomst.json"
    dump.write_text(
        json.dumps({"formaat": "regiokompas-register-backup", "schema": "9999", "tabellen": {}}),
        encoding="utf-8",
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    try:
        with pytest.raises(DatabaseError, match="nieuwer"):
            restore(engine, dump)
    finally:
        engine.dispose()
    not_a_backup = tmp_path / "iets.json"
    not_a_backup.write_text("{}", encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'leeg2.sqlite'}")
    try:
        with pytest.raises(DatabaseError, match="geen backup"):
            restore(engine, not_a_backup)
    finally:
        engine.dispose()


def test_cli_backup_restore(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'bron.sqlite'}"
    reg = Register.open(source, load_dataset())
    _fill(reg)
    before = _snapshot(reg)
    reg.engine.dispose()
    runner = CliRunner()
    out = runner.invoke(cli, ["register", "--database", source, "backup", str(tmp_path / "b")])
    assert out.exit_code == 0 and "Backup (sqlite" in out.output, out.output
    target = f"sqlite:///{tmp_path / 'doel.sqlite'}"
    out = runner.invoke(cli, ["register", "--database", target, "restore", str(tmp_path / "b")])
    assert out.exit_code == 0 and "Teruggezet" in out.output, out.output
    restored = Register.open(target, load_dataset())
    try:
        assert _snapshot(restored) == before
    finally:
        restored.engine.dispose()
