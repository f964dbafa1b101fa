"""Integrity in the database, not only in code (issue 18): one active arrangement per name
even under concurrent creates, linear imports with a dry run and update in place, WAL and a
clear "busy" error on SQLite, the database file private."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from store_helpers import BEHEERDER

from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, DuplicateNameError, ImportRejectedError, Regeling
from regiokompas.store import Register, StoreBusyError

GOUDA = (Deelnemer("GM0513"),)


def _create_in_threads(register: Register, naam: str, n: int) -> list[object]:
    results: list[object] = []
    barrier = threading.Barrier(n)

    def worker(i: int) -> None:
        barrier.wait()
        try:
            results.append(register.aanmaken(Regeling(naam, "convenant", GOUDA), BEHEERDER))
        except Exception as exc:  # noqa: BLE001 - the test sorts the outcomes below
            results.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_ten_simultaneous_creates_make_one_record(register: Register) -> None:
    results = _create_in_threads(register, "Samen Sterk", 10)
    created = [r for r in results if isinstance(r, Regeling)]
    refused = [r for r in results if isinstance(r, DuplicateNameError | StoreBusyError)]
    assert len(created) == 1, results
    assert len(created) + len(refused) == 10, results
    assert register.count() == 1
    # The constraint is the database's: a direct INSERT of a second active copy fails.
    with pytest.raises(Exception, match="(?i)unique|duplicate"), register.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO regeling (naam, naam_sleutel, vorm, uittredingsvoorwaarden, "
                "zienswijzerecht, gezamenlijke_raadscommissie, gezamenlijk_bestuur, bron, "
                "historisch, te_verifieren, override_reden, opmerking, gewijzigd_op, versie) "
                "VALUES ('SAMEN sterk', 'samen sterk', 'convenant', '', false, false, false, "
                "'', false, false, '', '', CURRENT_TIMESTAMP, 1)"
            )
        )
    # A deleted copy frees the name (the index covers active records only).
    register.verwijderen(created[0].id or 0, BEHEERDER)  # type: ignore[union-attr]
    again = register.aanmaken(Regeling("Samen Sterk", "convenant", GOUDA), BEHEERDER)
    assert again.id != created[0].id  # type: ignore[union-attr]


def _csv(rows: int, start: int = 0, note: str = "") -> bytes:
    lines = ["naam,vorm,deelnemers,taakvelden,opmerking"]
    lines += [f"Regeling {i},convenant,GM0513;GM1892,7.3,{note}" for i in range(start, rows)]
    return "\n".join(lines).encode()


def test_dry_run_and_update_in_place(register: Register) -> None:
    report = register.importeer(_csv(5), "csv", BEHEERDER, droog=True)
    assert (report.nieuw, register.count()) == (5, 0)
    assert register.importeer(_csv(5), "csv", BEHEERDER).nieuw == 5
    with pytest.raises(ImportRejectedError):  # same names again, without bijwerken
        register.importeer(_csv(5), "csv", BEHEERDER)
    # Rows 3..6: 3 and 4 change their note, 5 and 6 are new; 0..2 stay as they were.
    changed = _csv(7, start=3, note="bijgewerkt")
    preview = register.importeer(changed, "csv", BEHEERDER, bijwerken=True, droog=True)
    assert (preview.nieuw, preview.bijgewerkt, register.count()) == (2, 2, 5)
    report = register.importeer(changed, "csv", BEHEERDER, bijwerken=True)
    assert (report.nieuw, report.bijgewerkt, report.ongewijzigd) == (2, 2, 0)
    by_name = {r.naam: r for r in register.lijst()}
    assert len(by_name) == 7
    assert by_name["Regeling 3"].opmerking == "bijgewerkt"
    assert by_name["Regeling 3"].versie == 2 and by_name["Regeling 0"].versie == 1
    again = register.importeer(changed, "csv", BEHEERDER, bijwerken=True)
    assert (again.nieuw, again.bijgewerkt, again.ongewijzigd) == (0, 0, 4)
    changes = [e for e in register.geschiedenis(by_name["Regeling 3"].id) if e.veld]
    assert [e.veld for e in changes] == ["opmerking"]


def test_import_is_linear(register: Register) -> None:
    """Four times the rows take at most about four times as long (it was quadratic)."""
    register.importeer(_csv(500, start=10_000), "csv", BEHEERDER)  # names already present
    timings = []
    for start, rows in ((0, 1000), (2000, 4000)):
        t0 = time.perf_counter()
        register.importeer(_csv(start + rows, start=start), "csv", BEHEERDER)
        timings.append(time.perf_counter() - t0)
    assert timings[1] < 6.0 * timings[0] + 0.5, timings


def test_sqlite_wal_busy_and_private_file(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    register = Register.open(f"sqlite:///{path}", load_dataset())
    try:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        with register.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        register.aanmaken(Regeling("Eerste", "convenant", GOUDA), BEHEERDER)
        # Another process holds the write lock: readers still read (WAL) and a writer gets
        # the clear busy error after the timeout instead of a raw driver error.
        holder = sqlite3.connect(path)
        holder.execute("BEGIN IMMEDIATE")
        try:
            assert register.count() == 1
            t0 = time.perf_counter()
            with pytest.raises(StoreBusyError):
                register.aanmaken(Regeling("Tweede", "convenant", GOUDA), BEHEERDER)
            assert time.perf_counter() - t0 < 10
        finally:
            holder.rollback()
            holder.close()
    finally:
        register.engine.dispose()


def test_migration_keeps_old_duplicates(tmp_path: Path) -> None:
    """A database made before the constraint, holding duplicates, migrates: later copies are
    renamed with an audit line, nothing is dropped."""
    from alembic import command

    from regiokompas.store._engine import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        for _ in range(3):
            conn.execute(
                text(
                    "INSERT INTO regeling (naam, naam_sleutel, vorm, uittredingsvoorwaarden, "
                    "zienswijzerecht, gezamenlijke_raadscommissie, gezamenlijk_bestuur, bron, "
                    "historisch, te_verifieren, override_reden, opmerking, gewijzigd_op, "
                    "versie) VALUES ('Dubbel', 'dubbel', 'convenant', '', 0, 0, 0, '', 0, 0, "
                    "'', '', CURRENT_TIMESTAMP, 1)"
                )
            )
    engine.dispose()
    register = Register.open(url, load_dataset())
    try:
        names = sorted(r.naam for r in register.lijst())
        assert names == ["Dubbel", "Dubbel (dubbel 2)", "Dubbel (dubbel 3)"]
        audit = [e for e in register.geschiedenis() if e.gebruiker == "systeem:migratie"]
        assert len(audit) == 2
    finally:
        register.engine.dispose()
