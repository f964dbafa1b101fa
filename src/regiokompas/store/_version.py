"""A cheap version stamp of the register, for caches that must see every edit at once."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from regiokompas.store._schema import AuditRow, RegelingRow

__all__ = ["register_version"]


def register_version(engine: Engine) -> str:
    """A string that changes whenever an arrangement is added, changed, deleted or restored:
    the newest audit line, the number of arrangements and the sum of their versions (three
    aggregates, one round trip; an edit made outside the audit trail still moves the count or
    the versions).

    >>> from regiokompas.store import Register
    >>> register_version(Register.open("sqlite://").engine)
    '0-0-0'
    """
    with Session(engine) as session:
        audit = session.scalar(select(func.coalesce(func.max(AuditRow.id), 0)))
        count, versions = session.execute(
            select(func.count(RegelingRow.id), func.coalesce(func.sum(RegelingRow.versie), 0))
        ).one()
    return f"{int(audit or 0)}-{int(count)}-{int(versions)}"
