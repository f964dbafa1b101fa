"""The audit trail: every change to a record, who made it, when (UTC), old and new value."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from regiokompas.store._schema import AuditRow

__all__ = ["AuditEntry", "history", "record", "to_json", "utcnow"]


def utcnow() -> dt.datetime:
    """The current time in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)


def _as_utc(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; they were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Field by field (what asdict would give, without converting everything twice).
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_json(value: Any) -> str:
    """A stable JSON text for an audited value (dates as ISO, participants as objects)."""
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail; ``oud``/``nieuw`` are JSON texts (or None)."""

    id: int
    tijdstip: dt.datetime
    gebruiker: str
    entiteit: str
    entiteit_id: int
    actie: str
    veld: str
    oud: str | None
    nieuw: str | None


def record(
    session: Session,
    gebruiker: str,
    entiteit: str,
    entiteit_id: int,
    actie: str,
    veld: str = "",
    oud: Any = None,
    nieuw: Any = None,
    *,
    when: dt.datetime | None = None,
    raw: bool = False,
) -> None:
    """Add one audit line in the caller's transaction (so it commits or rolls back with the
    change it describes). ``raw`` stores ``oud``/``nieuw`` as given (already JSON)."""
    session.add(
        AuditRow(
            tijdstip=when or utcnow(),
            gebruiker=gebruiker,
            entiteit=entiteit,
            entiteit_id=entiteit_id,
            actie=actie,
            veld=veld,
            oud=oud if raw or oud is None else to_json(oud),
            nieuw=nieuw if raw or nieuw is None else to_json(nieuw),
        )
    )


def history(
    session: Session,
    entiteit: str | None = None,
    entiteit_id: int | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Audit lines, newest first, optionally for one entity."""
    query = select(AuditRow).order_by(AuditRow.id.desc())
    if entiteit is not None:
        query = query.where(AuditRow.entiteit == entiteit)
    if entiteit_id is not None:
        query = query.where(AuditRow.entiteit_id == entiteit_id)
    if limit is not None:
        query = query.limit(limit)
    return [
        AuditEntry(
            r.id,
            _as_utc(r.tijdstip),
            r.gebruiker,
            r.entiteit,
            r.entiteit_id,
            r.actie,
            r.veld,
            r.oud,
            r.nieuw,
        )
        for r in session.scalars(query)
    ]
