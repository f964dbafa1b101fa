"""Database connection: SQLite in the user's data directory by default, PostgreSQL (or any
SQLAlchemy URL) when ``REGIOKOMPAS_DATABASE_URL`` says so; schema via Alembic migrations
shipped in the package."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from regiokompas.data import RegiokompasError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseError",
    "StoreBusyError",
    "alembic_config",
    "default_database_url",
    "is_current",
    "make_engine",
    "migrate",
    "user_data_dir",
]


class DatabaseError(RegiokompasError):
    """The database cannot be reached or has an unexpected state."""


class StoreBusyError(DatabaseError):
    """Another writer holds the database longer than the busy timeout (503, try again)."""

    def __init__(self) -> None:
        super().__init__(
            "Het register is even bezet door een andere wijziging (bijvoorbeeld een grote "
            "import); probeer het over een paar seconden opnieuw.",
            "The register is busy with another change (a large import, for example); try "
            "again in a few seconds.",
        )


#: How long a SQLite writer waits for another writer before giving up (then 503).
BUSY_TIMEOUT_MS = 5000


def user_data_dir() -> Path:
    """The per-user data folder (``~/.local/share/regiokompas`` on Linux)."""
    return Path(platformdirs.user_data_dir("regiokompas", appauthor=False))


def default_database_url() -> str:
    """SQLite file ``register.sqlite`` in :func:`user_data_dir`."""
    return f"sqlite:///{user_data_dir() / 'register.sqlite'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Wait a while for a concurrent writer instead of failing at once; past that the
        # caller gets StoreBusyError (503), never a hang.
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL: readers never wait for a writer (a long import no longer blocks the register's
        # pages); a no-op for in-memory databases.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`default_database_url`); creates the folder of
    a SQLite file."""
    url = url or default_database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created private (0600) before SQLite opens it: it holds password hashes. SQLite
        # gives its -wal and -shm files the same mode.
        if not path.exists():
            # FileExistsError: another process created it just now.
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise DatabaseError(
            f"Ongeldige database-URL ({exc})", f"Invalid database URL ({exc})"
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (optionally bound to a
    connection, which ``migrations/env.py`` uses)."""
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def is_current(engine: Engine) -> bool:
    """True when the database is at the newest migration."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration (idempotent)."""
    try:
        if is_current(engine):
            return
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    except SQLAlchemyError as exc:
        raise DatabaseError(
            f"Database {engine.url.render_as_string(hide_password=True)} is niet bereikbaar of "
            f"niet bij te werken: {exc.__class__.__name__}: {exc}",
            f"Database {engine.url.render_as_string(hide_password=True)} cannot be reached or "
            f"migrated: {exc.__class__.__name__}: {exc}",
        ) from exc
