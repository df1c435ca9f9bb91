"""Alembic environment: always run programmatically on a connection we pass in."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from operator_app.data import models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through operator_app.data.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    user_module_prefix="operator_app.data.types.",
)
with context.begin_transaction():
    context.run_migrations()
