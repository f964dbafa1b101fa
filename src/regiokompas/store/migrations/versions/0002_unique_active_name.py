"""one active arrangement per name key (issue 18)

The rule "a name is unique among active arrangements" was only checked in code, so
simultaneous creates could all pass the check. This adds a partial unique index on
``naam_sleutel`` where ``verwijderd_op IS NULL`` (SQLite and PostgreSQL both support partial
indexes). Duplicates made before this migration are kept: every later copy of a name is
renamed to ``<naam> (dubbel <id>)``, with an audit line, so nothing is lost and a beheerder can
merge or delete them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 12:50:00
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_ACTIVE = sa.text("verwijderd_op IS NULL")


def _rename_duplicates() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, naam, naam_sleutel FROM regeling WHERE verwijderd_op IS NULL "
            "ORDER BY naam_sleutel, id"
        )
    ).all()
    seen: set[str] = set()
    now = dt.datetime.now(dt.UTC)
    for regeling_id, naam, key in rows:
        if key not in seen:
            seen.add(key)
            continue
        new_name = f"{naam} (dubbel {regeling_id})"[:300]
        new_key = " ".join(new_name.casefold().split())
        bind.execute(
            sa.text(
                "UPDATE regeling SET naam = :n, naam_sleutel = :k, versie = versie + 1 "
                "WHERE id = :i"
            ),
            {"n": new_name, "k": new_key, "i": regeling_id},
        )
        bind.execute(
            sa.text(
                "INSERT INTO audit (tijdstip, gebruiker, entiteit, entiteit_id, actie, veld, "
                "oud, nieuw) VALUES (:t, 'systeem:migratie', 'regeling', :i, 'gewijzigd', "
                "'naam', :o, :n)"
            ),
            {
                "t": now,
                "i": regeling_id,
                "o": json.dumps(naam, ensure_ascii=False),
                "n": json.dumps(new_name, ensure_ascii=False),
            },
        )


def upgrade() -> None:
    _rename_duplicates()
    with op.batch_alter_table("regeling", schema=None) as batch_op:
        batch_op.create_index(
            "uq_regeling_naam_actief",
            ["naam_sleutel"],
            unique=True,
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("regeling", schema=None) as batch_op:
        batch_op.drop_index("uq_regeling_naam_actief")
