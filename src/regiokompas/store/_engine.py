"""Database connection: SQLite in the user's data directory by default, PostgreSQL (or any
SQLAlchemy URL) when ``REGIOKOMPAS_DATABASE_URL`` says so; schema via Alembic migrations
shipped in the package."""

from __future__ import annotations

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
    "DatabaseError",
    "alembic_config",
    "default_database_url",
    "is_current",
    "make_engine",
    "migrate",
    "user_data_dir",
]


class DatabaseError(RegiokompasError):
    """The database cannot be reached or has an unexpected state."""


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
        # Wait for a concurrent writer instead of failing at once.
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`default_database_url`); creates the folder of
    a SQLite file."""
    url = url or default_database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
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
