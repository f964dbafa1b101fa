"""Backup and restore of the register database (``regiokompas register backup`` / ``restore``).

- SQLite: :func:`backup` copies the live database with SQLite's online backup API
  (``sqlite3.Connection.backup``), a consistent copy even while the web app writes.
- Any other database (PostgreSQL): a portable dump, one JSON document with the schema revision
  and every row of every table (dates as ISO text), so no ``pg_dump`` of a matching version is
  needed and the dump restores into SQLite as well.

:func:`restore` reads either kind into an *empty* database: it brings the schema to the
backup's revision, inserts every row with its original id (the audit trail refers to ids),
moves PostgreSQL's id sequences past them, and then migrates to the newest revision. A backup
from a newer schema than this version knows is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, create_engine, func, insert, select, text
from sqlalchemy.sql.sqltypes import Date, DateTime

from regiokompas.store._engine import DatabaseError, alembic_config

__all__ = ["BACKUP_FORMAT", "BackupInfo", "backup", "restore"]

BACKUP_FORMAT = "regiokompas-register-backup"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_VERSION_TABLE = "alembic_version"


class BackupInfo(dict[str, Any]):
    """What a backup or restore handled: ``schema`` revision and ``rijen`` per table."""


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _known_revisions() -> list[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in scripts.walk_revisions()]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _private(path: Path) -> None:
    """Create (or truncate) ``path`` with mode 0600: a backup holds password hashes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)


def _read_tables(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    meta = MetaData()
    meta.reflect(engine)
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as connection:
        for table in meta.sorted_tables:
            if table.name == _VERSION_TABLE:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table).order_by(*order)).mappings()
            tables[table.name] = [dict(r) for r in rows]
    return tables


def backup(engine: Engine, target: Path) -> BackupInfo:
    """Write a backup of the database behind ``engine`` to ``target`` (0600)."""
    revision = _revision(engine)
    if revision is None:
        raise DatabaseError(
            "Deze database heeft nog geen register-schema; er is niets te bewaren.",
            "This database has no register schema yet; there is nothing to back up.",
        )
    _private(target)
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            raw.close()
        copy = create_engine(f"sqlite:///{target}")
        try:
            counts = {name: len(rows) for name, rows in _read_tables(copy).items()}
        finally:
            copy.dispose()
        return BackupInfo(schema=revision, rijen=counts, soort="sqlite")
    tables = _read_tables(engine)
    document = {
        "formaat": BACKUP_FORMAT,
        "schema": revision,
        "gemaakt_op": dt.datetime.now(dt.UTC).isoformat(),
        "tabellen": {
            name: [{k: _plain(v) for k, v in row.items()} for row in rows]
            for name, rows in tables.items()
        },
    }
    with target.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    counts = {name: len(rows) for name, rows in tables.items()}
    return BackupInfo(schema=revision, rijen=counts, soort="json")


def _load(source: Path) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    with source.open("rb") as handle:
        head = handle.read(len(_SQLITE_MAGIC))
    if head == _SQLITE_MAGIC:
        engine = create_engine(f"sqlite:///{source}")
        try:
            revision = _revision(engine)
            tables = _read_tables(engine)
        finally:
            engine.dispose()
        if revision is None:
            raise _not_a_backup(source)
        return revision, tables
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _not_a_backup(source) from exc
    if not isinstance(document, dict) or document.get("formaat") != BACKUP_FORMAT:
        raise _not_a_backup(source)
    return str(document["schema"]), dict(document["tabellen"])


def _not_a_backup(source: Path) -> DatabaseError:
    return DatabaseError(
        f"{source} is geen backup van een Regiokompas-register.",
        f"{source} is not a backup of a Regiokompas register.",
    )


def _typed(rows: list[dict[str, Any]], table: Any) -> list[dict[str, Any]]:
    """ISO text back to dates and times for the columns that hold them."""
    kinds = {
        c.name: (DateTime if isinstance(c.type, DateTime) else Date)
        for c in table.columns
        if isinstance(c.type, Date | DateTime)
    }
    out = []
    for row in rows:
        fixed = dict(row)
        for name, kind in kinds.items():
            value = fixed.get(name)
            if isinstance(value, str):
                fixed[name] = (
                    dt.datetime.fromisoformat(value)
                    if kind is DateTime
                    else dt.date.fromisoformat(value[:10])
                )
        out.append(fixed)
    return out


def restore(engine: Engine, source: Path) -> BackupInfo:
    """Restore the backup ``source`` into the empty database behind ``engine``."""
    revision, tables = _load(source)
    known = _known_revisions()
    if revision not in known:
        raise DatabaseError(
            f"Deze backup heeft schema {revision}, nieuwer dan deze versie van Regiokompas "
            f"kent ({known[0]}); werk Regiokompas eerst bij. Er is niets gewijzigd.",
            f"This backup has schema {revision}, newer than this version of Regiokompas knows "
            f"({known[0]}); upgrade Regiokompas first. Nothing was changed.",
        )
    current = _revision(engine)
    if current is not None:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as connection:
            filled = [
                t.name
                for t in meta.sorted_tables
                if t.name != _VERSION_TABLE
                and connection.execute(select(func.count()).select_from(t)).scalar()
            ]
        if filled:
            raise DatabaseError(
                f"De database is niet leeg ({', '.join(filled)}); zet een backup alleen terug "
                "in een lege database. Er is niets gewijzigd.",
                f"The database is not empty ({', '.join(filled)}); restore a backup into an "
                "empty database only. Nothing was changed.",
            )
    with engine.begin() as connection:
        config = alembic_config(connection)
        if current is None or known.index(current) > known.index(revision):
            command.upgrade(config, revision)  # walk_revisions lists newest first
        elif current != revision:
            command.downgrade(config, revision)
        meta = MetaData()
        meta.reflect(connection)
        counts: dict[str, int] = {}
        for table in meta.sorted_tables:
            rows = tables.get(table.name, [])
            counts[table.name] = len(rows)
            if table.name == _VERSION_TABLE or not rows:
                continue
            connection.execute(insert(table), _typed(rows, table))
            if connection.dialect.name == "postgresql" and "id" in table.columns:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT MAX(id) FROM {table.name}))"
                    )
                )
        command.upgrade(config, "head")
    counts.pop(_VERSION_TABLE, None)
    return BackupInfo(schema=revision, rijen=counts)
