"""The :class:`Register` facade: one transaction per call over the repository, accounts,
import/export and seeding. Adapters (CLI, web) and other domains use this."""

from __future__ import annotations

import csv
import getpass
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from regiokompas.data import Dataset, load_dataset
from regiokompas.register import (
    Actor,
    Congruence,
    ImportRejectedError,
    ImportReport,
    Partner,
    Reference,
    Regeling,
    congruence,
    existing_partners,
    normalise_name,
    seed_files,
)
from regiokompas.store import _throttle, accounts
from regiokompas.store._audit import AuditEntry, history
from regiokompas.store._engine import StoreBusyError, make_engine, migrate
from regiokompas.store._files import FileFormat, read_table, write_table
from regiokompas.store.repository import RegelingRepository

__all__ = ["SEED_ACTOR", "Register", "cli_actor", "seed_files"]

SEED_ACTOR = Actor("systeem:seed", "beheerder")


def cli_actor() -> Actor:
    """The actor for commands run locally: whoever can open the database file is beheerder."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name in some containers
        user = "onbekend"
    return Actor(f"cli:{user}", "beheerder")


class Register:
    """The register in one database. ``Register.open()`` uses REGIOKOMPAS_DATABASE_URL or
    the SQLite file in the user data folder and migrates the schema on first use.

    >>> reg = Register.open("sqlite://")          # in-memory, for a quick look
    >>> reg.count()
    0
    """

    def __init__(self, engine: Engine, ref: Reference, *, auto_migrate: bool = True) -> None:
        self.engine = engine
        self.ref = ref
        if auto_migrate:
            migrate(engine)

    @classmethod
    def open(cls, url: str | None = None, ds: Dataset | None = None) -> Register:
        """Open (and migrate) the register at ``url``; ``ds`` defaults to the bundle."""
        return cls(make_engine(url), Reference.from_dataset(ds or load_dataset()))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error. A
        database locked by another writer for longer than the busy timeout raises
        :class:`StoreBusyError` (the web app answers 503), not a bare driver error."""
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
                raise StoreBusyError() from exc
            raise

    @contextmanager
    def repository(self) -> Iterator[RegelingRepository]:
        """The repository in one transaction."""
        with self.session() as session:
            yield RegelingRepository(session, self.ref)

    # ------------------------------------------------------------- arrangements

    def lijst(
        self,
        zoek: str | None = None,
        gemeente: str | None = None,
        include_deleted: bool = False,
        alleen_verwijderd: bool = False,
        historisch: bool | None = None,
    ) -> list[Regeling]:
        """Arrangements by name (see :meth:`RegelingRepository.find`)."""
        with self.repository() as repo:
            return repo.find(zoek, gemeente, include_deleted, alleen_verwijderd, historisch)

    def count(self) -> int:
        """Number of active arrangements."""
        with self.repository() as repo:
            return repo.count()

    def toon(self, regeling_id: int, include_deleted: bool = False) -> Regeling:
        """One arrangement."""
        with self.repository() as repo:
            return repo.get(regeling_id, include_deleted)

    def aanmaken(self, regeling: Regeling, actor: Actor) -> Regeling:
        """Add an arrangement."""
        with self.repository() as repo:
            return repo.create(regeling, actor)

    def wijzigen(
        self, regeling_id: int, regeling: Regeling, actor: Actor, expected_version: int | None
    ) -> Regeling:
        """Change an arrangement (optimistic locking on ``expected_version``)."""
        with self.repository() as repo:
            return repo.update(regeling_id, regeling, actor, expected_version)

    def verwijderen(
        self, regeling_id: int, actor: Actor, expected_version: int | None = None
    ) -> Regeling:
        """Soft-delete an arrangement."""
        with self.repository() as repo:
            return repo.delete(regeling_id, actor, expected_version)

    def herstellen(self, regeling_id: int, actor: Actor) -> Regeling:
        """Undo a soft delete."""
        with self.repository() as repo:
            return repo.restore(regeling_id, actor)

    def geschiedenis(
        self, regeling_id: int | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """The audit trail (of one arrangement, or of everything), newest first."""
        with self.session() as session:
            if regeling_id is None:
                return history(session, limit=limit)
            return history(session, "regeling", regeling_id, limit)

    # ------------------------------------------------------------- import / export

    def importeer(
        self,
        data: bytes,
        fmt: FileFormat,
        actor: Actor,
        on_row: Callable[[int], None] | None = None,
        *,
        droog: bool = False,
        bijwerken: bool = False,
    ) -> ImportReport:
        """Import a CSV/XLSX file all-or-nothing: every row is checked first; any problem
        raises :class:`ImportRejectedError` (with every row's problems) and writes nothing;
        otherwise all rows are written in ONE transaction. ``droog`` does all the work and
        reports what would happen, then rolls back; ``bijwerken`` updates arrangements whose
        name is already registered instead of refusing them."""
        header, rows = read_table(data, fmt)
        with self.session() as session:
            repo = RegelingRepository(session, self.ref)
            report = repo.import_rows(header, rows, actor, on_row, bijwerken=bijwerken)
            if droog and report.ok:
                session.rollback()
        if not report.ok:
            raise ImportRejectedError(report.problems, report.rows)
        return report

    def exporteer(
        self, fmt: FileFormat, zoek: str | None = None, gemeente: str | None = None
    ) -> bytes:
        """The active arrangements (optionally filtered) as a CSV or XLSX file."""
        return write_table(self.lijst(zoek, gemeente), fmt)

    def seed(self, actor: Actor = SEED_ACTOR, files: list[Path] | None = None) -> dict[str, int]:
        """Add the derived seed records (2024 regions; 2016 GRs and regioatlas, flagged
        historic). Idempotent: records whose name is already present are skipped."""
        added: dict[str, int] = {}
        for path in files if files is not None else seed_files():
            with self.repository() as repo:
                present = repo.active_names()
                reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
                header = list(reader.fieldnames or [])
                rows = [r for r in reader if normalise_name(r.get("naam") or "") not in present]
                report = repo.import_rows(header, rows, actor)
                if not report.ok:
                    raise ImportRejectedError(report.problems, report.rows)
                added[path.name] = len(report.regelingen)
        return added

    # ------------------------------------------------------------- use by other domains

    def regelingen_voor(self, code: str, historisch: bool | None = None) -> list[Regeling]:
        """Active arrangements gemeente ``code`` takes part in."""
        return self.lijst(gemeente=code, historisch=historisch)

    def bestaande_partners(self, code: str, historisch: bool | None = None) -> list[Partner]:
        """Partner gemeenten of ``code`` in the register (see :func:`existing_partners`)."""
        return existing_partners(code, self.regelingen_voor(code, historisch))

    def congruentie(self, code: str, historisch: bool | None = None) -> Congruence:
        """Congruence of ``code`` in the register (see :func:`congruence`)."""
        return congruence(code, self.regelingen_voor(code, historisch))

    # ------------------------------------------------------------- accounts

    def gebruiker_toevoegen(
        self, gebruikersnaam: str, wachtwoord: str, rol: str, gm_code: str | None, door: Actor
    ) -> accounts.Gebruiker:
        """Add an account (beheerder only)."""
        with self.session() as session:
            return accounts.create_user(
                session, gebruikersnaam, wachtwoord, rol, gm_code, self.ref, door
            )

    def gebruikers(self) -> list[accounts.Gebruiker]:
        """All accounts."""
        with self.session() as session:
            return accounts.list_users(session)

    def gebruiker(self, gebruikersnaam: str) -> accounts.Gebruiker | None:
        """One account by name, or None."""
        with self.session() as session:
            return accounts.get_user(session, gebruikersnaam)

    def inloggen(
        self, gebruikersnaam: str, wachtwoord: str, adres: str | None = None
    ) -> accounts.Gebruiker | None:
        """The account for a name and password, or None. Raises
        :class:`~regiokompas.store.accounts.LoginThrottledError` while the account or the
        address ``adres`` must wait after failed attempts (see :mod:`._throttle`)."""
        with self.session() as session:
            wait = _throttle.wait_seconds(session, gebruikersnaam, adres)
        if wait:
            raise accounts.LoginThrottledError(wait)
        with self.session() as session:
            user = accounts.authenticate(session, gebruikersnaam, wachtwoord)
            if user is None:
                _throttle.record_failure(session, gebruikersnaam, adres)
            else:
                _throttle.clear_failures(session, gebruikersnaam)
        return user

    def uitloggen(self, gebruikersnaam: str) -> None:
        """End every browser session of the account (old cookies stop working)."""
        with self.session() as session:
            accounts.end_sessions(session, gebruikersnaam)

    def token_maken(self, gebruikersnaam: str, omschrijving: str, door: Actor) -> str:
        """A new API token (shown once)."""
        with self.session() as session:
            return accounts.create_token(session, gebruikersnaam, omschrijving, door)

    def token_gebruiker(self, token: str) -> accounts.Gebruiker | None:
        """The account behind an API token, or None."""
        with self.session() as session:
            return accounts.token_actor(session, token)
