"""Alembic environment: migrations run programmatically through
:func:`regiokompas.store.migrate`, which passes an open connection."""

from __future__ import annotations

from alembic import context

from regiokompas.store._schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI directly
    raise RuntimeError("Run migrations with `regiokompas register init`.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
