"""revocable sessions and login throttling (issue 18)

``gebruiker.sessie_generatie`` is written into every session cookie; logging out or changing
the password raises it, so every older cookie of that user stops working. ``inlogpoging``
holds failed logins (per account and per address) so that throttling and lockout hold across
worker processes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sessie_generatie", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "inlogpoging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sleutel", sa.String(length=200), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inlogpoging")),
    )
    with op.batch_alter_table("inlogpoging", schema=None) as batch_op:
        batch_op.create_index("ix_inlogpoging_sleutel_tijdstip", ["sleutel", "tijdstip"])


def downgrade() -> None:
    op.drop_table("inlogpoging")
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_column("sessie_generatie")
