"""Alembic environment: always run programmatically on a connection we pass in."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from operator_app.data import models  # noqa: F401  (registers the tables)
from operator_app.sync.server_sql import is_sync_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through operator_app.data.migrate, not the alembic CLI")


def is_sync_object_excluded(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    """Autogenerate compares the models only; the sync layer's objects are not in them."""
    return not is_sync_object(name, type_)


context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    user_module_prefix="operator_app.data.types.",
    include_object=is_sync_object_excluded,
)
with context.begin_transaction():
    context.run_migrations()
